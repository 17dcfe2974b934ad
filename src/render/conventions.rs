//! The conventions section's filters: by status, partner and territory, without JavaScript.

use crate::model::conventions::Status;

use super::context::Say;

/// The ways `/conventions/` lets readers narrow the list without JavaScript: groups by status,
/// by partner and by territory, each with an anchor id for the links at the top of the page.
pub fn filters(site: &crate::model::site::Site, section: usize, say: Say) -> serde_json::Value {
    use serde_json::json;

    use crate::model::frontmatter::KindData;
    use crate::model::taxonomy::TaxonomyKind;

    let pages = &site.section_pages[section];
    let link = |i: usize| {
        let page = &site.pages[i];
        json!({ "title": page.meta.title, "url": site.href(&page.url) })
    };
    let mut by_status = Vec::new();
    for status in [
        Status::EnVigueur,
        Status::Reconduite,
        Status::AVenir,
        Status::Expiree,
    ] {
        let items: Vec<_> = pages
            .iter()
            .filter(|i| site.timelines.get(i).map(|t| t.status) == Some(status))
            .map(|i| super::context::page_summary(site, *i, say))
            .collect();
        if !items.is_empty() {
            by_status.push(json!({ "code": status.code(), "label": say.text(&format!("status-{}", status.code())), "id": format!("situation-{}", status.code()), "pages": items }));
        }
    }
    let unknown: Vec<_> = pages
        .iter()
        .filter(|i| !site.timelines.contains_key(i))
        .map(|i| super::context::page_summary(site, *i, say))
        .collect();
    if !unknown.is_empty() {
        by_status.push(json!({ "code": "inconnue", "label": say.text("status-inconnue"), "id": "situation-inconnue", "pages": unknown }));
    }

    // Partners are grouped by their contact page when they have one: the same body is written
    // differently from one convention to another ("CCAS de Dijon", "Centre communal…").
    let mut partners: std::collections::BTreeMap<String, (String, Option<String>, Vec<usize>)> =
        Default::default();
    for i in pages {
        let KindData::Convention(c) = &site.pages[*i].data else {
            continue;
        };
        for party in &c.parties {
            let contact = party.contact.as_deref().and_then(|s| site.contact(s));
            let key = party
                .contact
                .clone()
                .filter(|_| contact.is_some())
                .unwrap_or_else(|| slug::slugify(&party.name));
            let name = contact.map_or(party.name.clone(), |p| p.meta.title.clone());
            let entry = partners
                .entry(key)
                .or_insert_with(|| (name, contact.map(|p| site.href(&p.url)), Vec::new()));
            if !entry.2.contains(i) {
                entry.2.push(*i);
            }
        }
    }
    let mut by_party: Vec<serde_json::Value> = partners
        .into_iter()
        .map(|(key, (name, url, items))| {
            json!({ "name": name, "url": url, "id": format!("partenaire-{key}"), "pages": items.into_iter().map(link).collect::<Vec<_>>() })
        })
        .collect();
    by_party.sort_by_key(|v| v["name"].as_str().unwrap_or("").to_lowercase());

    let territories = site.taxonomy(TaxonomyKind::Territories);
    let by_territory: Vec<serde_json::Value> = territories
        .terms
        .iter()
        .filter_map(|t| {
            let items: Vec<_> = pages
                .iter()
                .filter(|i| site.pages[**i].meta.territories.contains(&t.slug))
                .map(|i| link(*i))
                .collect();
            (!items.is_empty()).then(|| json!({ "name": t.name, "url": site.href(&territories.term_url(&t.slug)), "id": format!("territoire-{}", t.slug), "pages": items }))
        })
        .collect();
    json!({ "by_status": by_status, "by_party": by_party, "by_territory": by_territory })
}
