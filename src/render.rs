//! Stage 3, render: every page of the site through its Tera template, in parallel.
//!
//! Templates receive plain JSON-like values built here: `site`, `page` or `section` or `term`,
//! and `breadcrumbs`. URLs given to templates already carry the site's base path.

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use tera::{Context, Tera};

use crate::dates::{format_fr, EventTime};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::frontmatter::{ContactStatus, Kind, KindData, Recurrence};
use crate::load::Page;
use crate::site::Site;
use crate::taxonomy::TaxonomyKind;
use crate::theme::error_chain;
use crate::write::{minify, OutputFile};

/// One page to render: the template, its output path and its context.
struct Job {
    template: String,
    output: String,
    context: Context,
    /// The content file it comes from, for error messages.
    origin: String,
}

pub fn render(site: &Site, tera: &Tera, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
    let site_value = site_context(site);
    let mut jobs = Vec::new();
    let job = |template: &str, url: &str, origin: &str, extra: Value, crumbs: Value| {
        // Values move into the context: `Context::insert` would serialize each one again
        // (see README, "Performance").
        let mut map = Map::new();
        map.insert("site".into(), site_value.clone());
        map.insert("breadcrumbs".into(), crumbs);
        map.insert("current_url".into(), Value::String(site.href(url)));
        map.insert("permalink".into(), Value::String(site.permalink(url)));
        if let Value::Object(extra) = extra {
            map.extend(extra);
        }
        // Cannot fail: the value is an object.
        let context = Context::from_value(Value::Object(map)).unwrap_or_default();
        Job {
            template: template.to_string(),
            output: output_path(url),
            context,
            origin: origin.to_string(),
        }
    };

    for (index, section) in site.sections.iter().enumerate() {
        let template = if index == 0 {
            "home.html"
        } else {
            match section.kind {
                Kind::Event => "agenda.html",
                Kind::Convention => "conventions.html",
                _ => "section.html",
            }
        };
        let value = section_value(site, index);
        jobs.push(job(
            template,
            &section.url,
            &section.file,
            object("section", value),
            section_crumbs(site, index),
        ));
    }
    // Page jobs are made by the workers that render them (below): a page's context lives only
    // while it renders, instead of every context of the site at once.
    let sections_end = jobs.len();
    for kind in TaxonomyKind::ALL {
        let taxonomy = site.taxonomy(kind);
        let terms: Vec<Value> = taxonomy
            .terms
            .iter()
            .map(|t| json!({ "slug": t.slug, "name": t.name, "url": site.href(&taxonomy.term_url(&t.slug)), "count": t.pages.len() }))
            .collect();
        let list_url = format!("/{}/", kind.path());
        let crumbs = json!([
            crumb(site, "Accueil", "/"),
            crumb(site, kind.title(), &list_url)
        ]);
        jobs.push(job(
            "taxonomy.html",
            &list_url,
            "(taxonomies)",
            json!({ "taxonomy": { "title": kind.title(), "key": kind.key(), "terms": terms } }),
            crumbs,
        ));
        for term in &taxonomy.terms {
            let groups = group_by_kind(site, &term.pages);
            let url = taxonomy.term_url(&term.slug);
            let crumbs = json!([
                crumb(site, "Accueil", "/"),
                crumb(site, kind.title(), &list_url),
                crumb(site, &term.name, &url)
            ]);
            let mut value = json!({ "name": term.name, "slug": term.slug, "taxonomy": kind.title(), "taxonomy_url": site.href(&list_url), "singular": kind.singular(), "count": term.pages.len() });
            value["groups"] = Value::Array(groups);
            jobs.push(job(
                "term.html",
                &url,
                "(taxonomies)",
                object("term", value),
                crumbs,
            ));
        }
    }
    for (url, title) in crate::site::GENERATED_PAGES {
        let template = url.trim_matches('/').trim_end_matches(".html").to_string() + ".html";
        let crumbs = json!([crumb(site, "Accueil", "/"), crumb(site, title, url)]);
        jobs.push(job(
            &template,
            url,
            "(generated)",
            json!({ "title": title, "map": site_map(site) }),
            crumbs,
        ));
    }
    for (template, url) in [
        ("sitemap.xml", "/sitemap.xml"),
        ("robots.txt", "/robots.txt"),
    ] {
        jobs.push(job(
            template,
            url,
            "(generated)",
            json!({ "urls": all_urls(site) }),
            json!([]),
        ));
    }

    let run = |job: Job| -> Result<OutputFile, Diagnostic> {
        let html = tera.render(&job.template, &job.context).map_err(|e| {
            Diagnostic::error(
                "template",
                format!("templates/{}", job.template),
                format!("rendering {} failed: {}", job.origin, error_chain(&e)),
            )
            .help("check the template against the values it receives (see README, “Templates”)")
        })?;
        drop(job.context);
        let bytes = if job.output.ends_with(".html") {
            minify(html.as_bytes())
        } else {
            html.into_bytes()
        };
        Ok(OutputFile::new(job.output, bytes))
    };
    let referrers = referrers_by_contact(site);
    let other_jobs = jobs.split_off(sections_end);
    // Sections, then pages, then the rest: the order of the output files stays the same.
    let mut results: Vec<Result<OutputFile, Diagnostic>> = jobs.into_par_iter().map(run).collect();
    results.par_extend(site.pages.par_iter().enumerate().map(|(index, page)| {
        let template = format!("{}.html", page.kind().name());
        run(job(
            &template,
            &page.url,
            &page.file,
            object("page", page_value_with(site, index, true, Some(&referrers))),
            page_crumbs(site, index),
        ))
    }));
    results.par_extend(other_jobs.into_par_iter().map(run));
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diagnostics.push(d),
        }
    }
    // Calendars, contact cards, open data and the feed (see README, "Open data").
    files.extend(crate::calendar::files(site));
    files.extend(crate::vcard::files(site));
    files.extend(crate::opendata::files(site));
    files.extend(crate::feeds::files(site));
    files
}

/// `/droits/age/` → `droits/age/index.html`; `/404.html` → `404.html`.
fn output_path(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() {
        "index.html".into()
    } else if url.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// `{key: value}`, moving `value` in: `json!` would serialize a copy of it.
fn object(key: &str, value: Value) -> Value {
    let mut map = Map::new();
    map.insert(key.into(), value);
    Value::Object(map)
}

fn crumb(site: &Site, title: &str, url: &str) -> Value {
    json!({ "title": title, "url": site.href(url) })
}

fn section_crumbs(site: &Site, index: usize) -> Value {
    let mut chain = Vec::new();
    let mut current = Some(index);
    while let Some(i) = current {
        let s = &site.sections[i];
        let title = if i == 0 { "Accueil" } else { s.title.as_str() };
        chain.push(crumb(site, title, &s.url));
        current = s.parent;
    }
    chain.reverse();
    Value::Array(chain)
}

fn page_crumbs(site: &Site, index: usize) -> Value {
    let page = &site.pages[index];
    let mut chain = section_crumbs(site, page.section);
    if let Value::Array(items) = &mut chain {
        items.push(crumb(site, &page.meta.title, &page.url));
    }
    chain
}

pub fn site_context(site: &Site) -> Value {
    let c = &site.config;
    let menu: Vec<Value> = c
        .menu
        .iter()
        .map(|m| json!({ "label": m.label, "url": site.href(&m.path), "path": m.path }))
        .collect();
    let a = &c.accessibility;
    json!({
        "title": c.title,
        "description": c.description,
        "language": c.language,
        "base_url": c.base_url,
        "base_path": c.base_path(),
        "menu": menu,
        "today": site.today.format("%Y-%m-%d").to_string(),
        "today_label": format_fr(site.today),
        "accessibility": {
            "status": a.status,
            "label": a.status.label(),
            "rate": a.rate,
            "audit_date": a.audit_date.map(|d| format_fr(d.0)),
            "non_conformities": a.non_conformities,
            "derogations": a.derogations,
            "exempt": a.exempt,
            "contact": a.contact,
            "plan": a.plan,
        },
        "legal": c.legal,
        "sections": site.sections.iter().skip(1).filter(|s| s.parent == Some(0)).map(|s| json!({ "title": s.title, "url": site.href(&s.url) })).collect::<Vec<_>>(),
        "home_title": if site.home().title.is_empty() { &c.title } else { &site.home().title },
    })
}

fn date_value(date: NaiveDate) -> Value {
    json!({ "iso": date.format("%Y-%m-%d").to_string(), "label": format_fr(date) })
}

fn terms_value(site: &Site, kind: TaxonomyKind, slugs: &[String]) -> Vec<Value> {
    let taxonomy = site.taxonomy(kind);
    slugs
        .iter()
        .filter_map(|s| taxonomy.term(s))
        .map(|t| json!({ "slug": t.slug, "name": t.name, "url": site.href(&taxonomy.term_url(&t.slug)) }))
        .collect()
}

/// What a list shows of a page: title, link, summary and the one date that matters for its kind.
pub fn page_summary(site: &Site, index: usize) -> Value {
    let page = &site.pages[index];
    let mut v = json!({
        "title": page.meta.title,
        "url": site.href(&page.url),
        "summary": page.meta.summary,
        "kind": page.kind().name(),
        "slug": page.slug,
    });
    let map = v.as_object_mut().expect("json! object literal");
    match &page.data {
        KindData::Event(e) => {
            map.insert(
                "when".into(),
                json!(event_when(e.start, e.end, e.recurrence)),
            );
            map.insert(
                "start".into(),
                json!(e.start.date().format("%Y-%m-%d").to_string()),
            );
            let next = next_occurrence(e, site.today);
            map.insert("upcoming".into(), json!(next.is_some()));
            map.insert("next".into(), next.map_or(Value::Null, date_value));
            map.insert(
                "ics_url".into(),
                json!(site.href(&format!("{}event.ics", page.url))),
            );
        }
        KindData::Convention(_) => {
            if let Some(t) = site.timelines.get(&index) {
                map.insert(
                    "status".into(),
                    json!({ "code": t.status.code(), "label": t.status.label() }),
                );
            }
        }
        KindData::Contact(c) => {
            map.insert(
                "dissolved".into(),
                json!(c.status == ContactStatus::Dissolved),
            );
        }
        _ => {}
    }
    v
}

/// The next day an event happens on or after `today` (its start, or for a yearly event the next
/// anniversary), or `None` if it is over.
pub fn next_occurrence(e: &crate::frontmatter::Event, today: NaiveDate) -> Option<NaiveDate> {
    let start = e.start.date();
    let end = e.end.map_or(start, EventTime::date);
    if end >= today {
        return Some(start);
    }
    if e.recurrence == Some(Recurrence::Yearly) {
        use chrono::Datelike;
        let length = end - start;
        for year in today.year() - 1..=today.year() + 1 {
            let candidate = start
                .with_year(year)
                .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))?;
            if candidate >= start && candidate + length >= today {
                return Some(candidate);
            }
        }
    }
    None
}

fn event_when(start: EventTime, end: Option<EventTime>, recurrence: Option<Recurrence>) -> String {
    let time = |t: EventTime| {
        t.time()
            .map(|t| t.format("%H h %M").to_string().replace(" 00", ""))
    };
    let mut text = match (start, end) {
        (s, Some(e)) if e.date() != s.date() => {
            format!("du {} au {}", format_fr(s.date()), format_fr(e.date()))
        }
        (s, Some(e)) => match (time(s), time(e)) {
            (Some(a), Some(b)) => format!("le {}, de {a} à {b}", format_fr(s.date())),
            (Some(a), None) => format!("le {} à {a}", format_fr(s.date())),
            _ => format!("le {}", format_fr(s.date())),
        },
        (s, None) => match time(s) {
            Some(a) => format!("le {} à {a}", format_fr(s.date())),
            None => format!("le {}", format_fr(s.date())),
        },
    };
    if recurrence == Some(Recurrence::Yearly) {
        text.push_str(", chaque année");
    }
    text
}

fn contact_card(site: &Site, slug: &str) -> Option<Value> {
    let index = *site.contacts.get(slug)?;
    let page = &site.pages[index];
    let KindData::Contact(c) = &page.data else {
        return None;
    };
    let mut v = page_summary(site, index);
    let map = v.as_object_mut().expect("json! object literal");
    map.insert("phone".into(), json!(c.phone));
    map.insert(
        "phone_href".into(),
        json!(c.phone.as_deref().map(phone_href)),
    );
    map.insert("email".into(), json!(c.email));
    map.insert("website".into(), json!(c.website));
    map.insert("address".into(), json!(c.address));
    map.insert(
        "successor".into(),
        c.successor.as_deref().and_then(|s| site.contact(s)).map_or(
            Value::Null,
            |p| json!({ "title": p.meta.title, "url": site.href(&p.url) }),
        ),
    );
    Some(v)
}

/// `tel:` URI for a French number as people write it: `03 80 74 51 51` → `tel:+33380745151`.
pub fn phone_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if let Some(rest) = digits.strip_prefix('0').filter(|r| r.len() == 9) {
        format!("tel:+33{rest}")
    } else {
        format!("tel:{digits}")
    }
}

fn hours_rows(hours: &[crate::frontmatter::Hours]) -> Vec<Value> {
    hours
        .iter()
        .map(|h| {
            let days: Vec<&str> = h.days.iter().map(|d| d.name_fr()).collect();
            json!({
                "days": days.join(", "),
                "open": h.open.0.format("%H h %M").to_string(),
                "close": h.close.0.format("%H h %M").to_string(),
            })
        })
        .collect()
}

/// Everything a page template shows.
pub fn page_value(site: &Site, index: usize, with_html: bool) -> Value {
    page_value_with(site, index, with_html, None)
}

/// Right pages that send readers to each contact, by contact slug, in page order: computed once
/// per render instead of scanning every page for each contact page.
type Referrers<'a> = std::collections::HashMap<&'a str, Vec<usize>>;

fn referrers_by_contact(site: &Site) -> Referrers<'_> {
    let mut referrers = Referrers::new();
    for (i, p) in site.pages.iter().enumerate() {
        if let KindData::Right(r) = &p.data {
            for contact in &r.contacts {
                let pages = referrers.entry(contact.as_str()).or_default();
                if pages.last() != Some(&i) {
                    pages.push(i);
                }
            }
        }
    }
    referrers
}

fn page_value_with(
    site: &Site,
    index: usize,
    with_html: bool,
    referrers: Option<&Referrers>,
) -> Value {
    let page: &Page = &site.pages[index];
    let mut v = page_summary(site, index);
    let map: &mut Map<String, Value> = v.as_object_mut().expect("json! object literal");
    let section = &site.sections[page.section];
    map.insert(
        "section".into(),
        json!({ "title": section.title, "url": site.href(&section.url) }),
    );
    if with_html {
        map.insert("content".into(), Value::String(page.markdown.html.clone()));
    }
    map.insert(
        "toc".into(),
        json!(page
            .markdown
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .collect::<Vec<_>>()),
    );
    map.insert(
        "updated".into(),
        page.meta.updated.map_or(Value::Null, |d| date_value(d.0)),
    );
    map.insert(
        "criteria".into(),
        Value::Array(terms_value(
            site,
            TaxonomyKind::Criteria,
            &page.meta.criteria,
        )),
    );
    map.insert(
        "domains".into(),
        Value::Array(terms_value(site, TaxonomyKind::Domains, &page.meta.domains)),
    );
    map.insert(
        "territories".into(),
        Value::Array(terms_value(
            site,
            TaxonomyKind::Territories,
            &page.meta.territories,
        )),
    );
    let link = |i: &usize| json!({ "title": site.pages[*i].meta.title, "url": site.href(&site.pages[*i].url) });
    map.insert(
        "easy_read".into(),
        site.easy_read.get(&index).map_or(Value::Null, link),
    );
    map.insert(
        "easy_read_of".into(),
        site.easy_read_of.get(&index).map_or(Value::Null, link),
    );
    map.insert(
        "figures".into(),
        json!(page
            .meta
            .figures
            .iter()
            .map(crate::figures::figure_value)
            .collect::<Vec<_>>()),
    );
    map.insert("jsonld".into(), json!(crate::jsonld::for_page(site, index)));
    match &page.data {
        KindData::Right(r) => {
            let contacts: Vec<Value> = r
                .contacts
                .iter()
                .filter_map(|s| contact_card(site, s))
                .collect();
            map.insert("contacts".into(), Value::Array(contacts));
            map.insert("references".into(), json!(r.references));
        }
        KindData::Contact(c) => {
            if let Some(Value::Object(card)) = contact_card(site, &page.slug) {
                for (k, v) in card {
                    map.entry(k).or_insert(v);
                }
            }
            map.insert("hours".into(), json!(hours_rows(&c.hours)));
            map.insert("status".into(), json!(c.status));
            map.insert(
                "vcard_url".into(),
                json!(site.href(&format!("{}contact.vcf", page.url))),
            );
            // Pages that send readers to this contact.
            let helps_with: Vec<Value> = match referrers {
                Some(referrers) => referrers
                    .get(page.slug.as_str())
                    .map_or(&[][..], Vec::as_slice)
                    .iter()
                    .map(|i| page_summary(site, *i))
                    .collect(),
                None => site
                    .pages
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| matches!(&p.data, KindData::Right(r) if r.contacts.contains(&page.slug)))
                    .map(|(i, _)| page_summary(site, i))
                    .collect(),
            };
            map.insert("helps_with".into(), Value::Array(helps_with));
        }
        KindData::Convention(c) => {
            let parties: Vec<Value> = c
                .parties
                .iter()
                .map(|p| {
                    let contact = p.contact.as_deref().and_then(|s| site.contact(s));
                    json!({ "name": p.name, "signatory": p.signatory, "contact": contact.map(|c| json!({ "title": c.meta.title, "url": site.href(&c.url) })) })
                })
                .collect();
            map.insert("parties".into(), Value::Array(parties));
            map.insert(
                "signed".into(),
                c.signed.map_or(Value::Null, |d| date_value(d.0)),
            );
            map.insert(
                "effective".into(),
                c.effective.map_or(Value::Null, |d| date_value(d.0)),
            );
            map.insert("duration_months".into(), json!(c.duration_months));
            map.insert("renewal".into(), json!(c.renewal));
            map.insert(
                "renewal_months".into(),
                json!(c.renewal_months.or(c.duration_months)),
            );
            map.insert("notice_months".into(), json!(c.notice_months));
            map.insert("document".into(), json!(c.document));
            if let Some(t) = site.timelines.get(&index) {
                map.insert(
                    "period_end".into(),
                    t.period_end.map_or(Value::Null, date_value),
                );
                map.insert(
                    "notice_deadline".into(),
                    t.notice_deadline.map_or(Value::Null, date_value),
                );
                map.insert(
                    "notice_passed".into(),
                    json!(t.notice_deadline.is_some_and(|d| d < site.today)),
                );
                map.insert(
                    "next_renewal".into(),
                    t.next_renewal.map_or(Value::Null, date_value),
                );
            }
        }
        KindData::Event(e) => {
            map.insert("location".into(), json!(e.location));
            map.insert("event_url".into(), json!(e.url));
            map.insert("recurrence".into(), json!(e.recurrence));
            let organisers: Vec<Value> = e
                .organisers
                .iter()
                .filter_map(|s| contact_card(site, s))
                .collect();
            map.insert("organisers".into(), Value::Array(organisers));
            map.insert(
                "ics_url".into(),
                json!(site.href(&format!("{}event.ics", page.url))),
            );
            map.insert("start_iso".into(), json!(e.start.to_string()));
            map.insert("end_iso".into(), json!(e.end.map(|e| e.to_string())));
        }
        KindData::Page(_) => {}
    }
    v
}

fn group_by_kind(site: &Site, pages: &[usize]) -> Vec<Value> {
    Kind::ALL
        .into_iter()
        .filter_map(|kind| {
            let items: Vec<Value> = pages
                .iter()
                .filter(|i| site.pages[**i].kind() == kind)
                .map(|i| page_summary(site, *i))
                .collect();
            (!items.is_empty()).then(|| {
                let mut group = Map::new();
                group.insert("kind".into(), json!(kind.name()));
                group.insert("label".into(), json!(kind.label_fr()));
                group.insert("pages".into(), Value::Array(items));
                Value::Object(group)
            })
        })
        .collect()
}

fn section_value(site: &Site, index: usize) -> Value {
    let section = &site.sections[index];
    let pages: Vec<Value> = site.section_pages[index]
        .iter()
        .map(|i| page_summary(site, *i))
        .collect();
    let subsections: Vec<Value> = site
        .sections
        .iter()
        .enumerate()
        .filter(|(i, s)| s.parent == Some(index) && *i != index)
        .map(|(_, s)| json!({ "title": s.title, "url": site.href(&s.url), "summary": s.summary }))
        .collect();
    let mut value = json!({
        "title": if index == 0 && section.title.is_empty() { site.config.title.clone() } else { section.title.clone() },
        "summary": section.summary,
        "content": section.markdown.html,
        "kind": section.kind.name(),
        "url": site.href(&section.url),
        "subsections": subsections,
    });
    value["pages"] = Value::Array(pages);
    if section.kind == Kind::Event || index == 0 {
        let (upcoming, past): (Vec<Value>, Vec<Value>) = site
            .pages_of_kind(Kind::Event)
            .filter(|(_, p)| index == 0 || p.section == index)
            .map(|(i, _)| page_summary(site, i))
            .partition(|v| v["upcoming"] == json!(true));
        let mut upcoming = upcoming;
        upcoming.sort_by(|a, b| a["next"]["iso"].as_str().cmp(&b["next"]["iso"].as_str()));
        value["upcoming"] = Value::Array(upcoming);
        let mut by_year: std::collections::BTreeMap<String, Vec<Value>> = Default::default();
        for p in past {
            let year = p["start"]
                .as_str()
                .unwrap_or("")
                .chars()
                .take(4)
                .collect::<String>();
            by_year.entry(year).or_default().push(p);
        }
        value["past_by_year"] = by_year
            .into_iter()
            .rev()
            .map(|(y, ps)| {
                let mut year = object("pages", Value::Array(ps));
                year["year"] = Value::String(y);
                year
            })
            .collect();
    }
    if section.kind == Kind::Event {
        value["calendar"] = crate::agenda::calendar_value(site);
    }
    if section.kind == Kind::Convention {
        value["timeline"] = crate::figures::convention_timeline(site, index);
        value["filters"] = crate::conventions::filters(site, index);
    }
    value
}

/// Sections with their pages, for the site map.
fn site_map(site: &Site) -> Value {
    let sections: Vec<Value> = site
        .sections
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, s)| json!({ "title": s.title, "url": site.href(&s.url), "pages": site.section_pages[i].iter().map(|p| json!({ "title": site.pages[*p].meta.title, "url": site.href(&site.pages[*p].url) })).collect::<Vec<_>>() }))
        .collect();
    let home_pages: Vec<Value> = site.section_pages[0].iter().map(|p| json!({ "title": site.pages[*p].meta.title, "url": site.href(&site.pages[*p].url) })).collect();
    let taxonomies: Vec<Value> = TaxonomyKind::ALL
        .iter()
        .map(|k| json!({ "title": k.title(), "url": site.href(&format!("/{}/", k.path())) }))
        .collect();
    json!({ "sections": sections, "home_pages": home_pages, "taxonomies": taxonomies })
}

fn all_urls(site: &Site) -> Vec<Value> {
    let mut urls: Vec<Value> = site.sections.iter().map(|s| json!({ "loc": site.permalink(&s.url), "lastmod": s.updated.map(|d| d.to_string()) })).collect();
    urls.extend(site.pages.iter().map(|p| json!({ "loc": site.permalink(&p.url), "lastmod": p.meta.updated.map(|d| d.to_string()) })));
    for kind in TaxonomyKind::ALL {
        let t = site.taxonomy(kind);
        urls.push(json!({ "loc": site.permalink(&format!("/{}/", kind.path())), "lastmod": null }));
        urls.extend(t.terms.iter().map(
            |term| json!({ "loc": site.permalink(&t.term_url(&term.slug)), "lastmod": null }),
        ));
    }
    for (url, _) in crate::site::GENERATED_PAGES
        .iter()
        .filter(|(u, _)| u.ends_with('/'))
    {
        urls.push(json!({ "loc": site.permalink(url), "lastmod": null }));
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_follow_urls() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(output_path("/droits/age/"), "droits/age/index.html");
        assert_eq!(output_path("/404.html"), "404.html");
    }

    #[test]
    fn french_phone_numbers_become_international_tel_links() {
        assert_eq!(phone_href("03 80 74 51 51"), "tel:+33380745151");
        assert_eq!(phone_href("+33 9 69 39 00 00"), "tel:+33969390000");
        assert_eq!(phone_href("3928"), "tel:3928");
    }

    #[test]
    fn event_dates_read_as_french() {
        let day = |s| EventTime::Day(crate::dates::parse_date(s).unwrap());
        assert_eq!(
            event_when(day("2027-05-17"), None, Some(Recurrence::Yearly)),
            "le 17 mai 2027, chaque année"
        );
        assert_eq!(
            event_when(day("2027-05-17"), Some(day("2027-05-23")), None),
            "du 17 mai 2027 au 23 mai 2027"
        );
        let at = crate::dates::parse_event_time("2027-05-17T18:30").unwrap();
        assert_eq!(event_when(at, None, None), "le 17 mai 2027 à 18 h 30");
    }
}
