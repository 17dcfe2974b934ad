//! `/atom.xml` (and `/<code>/atom.xml` for each other language): an Atom 1.0 feed (RFC 4287) of the most recently updated pages and of the
//! upcoming events, so partners and the city's site can follow the guide.
//!
//! Written by hand with XML escaping: the format is small and fixed. Entry ids are permalinks
//! and `updated` comes from the content's dates, so the feed only changes when the content does.

use std::cmp::Reverse;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::model::frontmatter::KindData;
use crate::model::output::OutputFile;
use crate::model::site::Site;
use crate::text::escape_markup;

/// How many recently updated pages the feed lists (upcoming events are always added).
pub const RECENT: usize = 30;

fn timestamp(date: NaiveDate) -> String {
    date.format("%Y-%m-%dT00:00:00Z").to_string()
}

/// The date an entry is sorted and stamped with: `updated`, else an event's start.
fn entry_date(site: &Site, index: usize) -> Option<NaiveDate> {
    let page = &site.pages[index];
    page.meta.updated.map(|d| d.0).or(match &page.data {
        KindData::Event(e) => Some(e.start.date()),
        _ => None,
    })
}

/// Page indexes in feed order: most recently updated first, then by title; upcoming events
/// that did not make the list are added after.
pub fn entries(site: &Site) -> Vec<usize> {
    // A language's own pages only: the others are in the feed of their language.
    // Each title's key made once, not at each comparison: most pages of a large guide share
    // their date. Ties keep page order (the index decides last).
    let mut dated: Vec<(Reverse<NaiveDate>, String, usize)> = (0..site.pages.len())
        .filter(|i| site.pages[*i].lang == site.lang)
        .filter_map(|i| entry_date(site, i).map(|d| (Reverse(d), title_key(site, i), i)))
        .collect();
    dated.sort_unstable();
    let mut list: Vec<usize> = dated.into_iter().take(RECENT).map(|(_, _, i)| i).collect();
    for (i, _) in site.own_pages_of_kind(crate::Kind::Event) {
        let upcoming = site.next_occurrences.contains_key(&i);
        if upcoming && !list.contains(&i) {
            list.push(i);
        }
    }
    list
}

/// Titles compared as readers expect: "Acsé" before "AMF".
fn title_key(site: &Site, index: usize) -> String {
    site.pages[index].meta.title.to_lowercase()
}

pub fn atom(site: &Site) -> String {
    let list = entries(site);
    let updated = list
        .iter()
        .filter_map(|i| entry_date(site, *i))
        .max()
        .unwrap_or(site.today);
    let c = &site.config;
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape_markup(if site.lang.is_default() {
            &c.language
        } else {
            site.language().code.as_str()
        })
    );
    let _ = writeln!(xml, "<title>{}</title>", escape_markup(&c.title));
    if let Some(description) = &c.description {
        let _ = writeln!(xml, "<subtitle>{}</subtitle>", escape_markup(description));
    }
    let _ = writeln!(
        xml,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape_markup(&site.permalink(&site.localized("/atom.xml")))
    );
    let _ = writeln!(
        xml,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape_markup(&site.permalink(&site.localized("/")))
    );
    let _ = writeln!(
        xml,
        "<id>{}</id>",
        escape_markup(&site.permalink(&site.localized("/")))
    );
    let _ = writeln!(xml, "<updated>{}</updated>", timestamp(updated));
    let _ = writeln!(
        xml,
        "<author><name>{}</name></author>",
        escape_markup(&c.title)
    );
    let _ = writeln!(xml, "<generator>balise</generator>");
    for index in list {
        write_entry(&mut xml, site, index);
    }
    xml.push_str("</feed>\n");
    xml
}

fn write_entry(xml: &mut String, site: &Site, index: usize) {
    let page = &site.pages[index];
    let permalink = site.permalink(&page.url);
    let date = entry_date(site, index).unwrap_or(site.today);
    let mut summary = page.meta.summary.clone().unwrap_or_default();
    if let KindData::Event(e) = &page.data {
        // Readers of a feed want the date of an event first.
        let when = match site.next_occurrences.get(&index) {
            Some(next) => format!(
                "Prochaine date : {}.",
                crate::model::dates::format_fr(*next)
            ),
            None => format!("Le {}.", crate::model::dates::format_fr(e.start.date())),
        };
        summary = format!("{when} {summary}");
    }
    let _ = writeln!(xml, "<entry>");
    let _ = writeln!(xml, "<title>{}</title>", escape_markup(&page.meta.title));
    let _ = writeln!(
        xml,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape_markup(&permalink)
    );
    let _ = writeln!(xml, "<id>{}</id>", escape_markup(&permalink));
    let _ = writeln!(xml, "<updated>{}</updated>", timestamp(date));
    let _ = writeln!(
        xml,
        "<category term=\"{}\" label=\"{}\"/>",
        page.kind().name(),
        escape_markup(page.kind().label_fr())
    );
    if !summary.trim().is_empty() {
        let _ = writeln!(xml, "<summary>{}</summary>", escape_markup(summary.trim()));
    }
    let _ = writeln!(xml, "</entry>");
}

/// The feed of each language: `atom.xml`, `en/atom.xml`…
pub fn files(site: &Site) -> Vec<OutputFile> {
    site.languages()
        .map(|s| {
            let path = s.localized("/atom.xml");
            OutputFile::new(path.trim_start_matches('/'), atom(s))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape_markup("L'AMF & <la HALDE> \"2010\""),
            "L&apos;AMF &amp; &lt;la HALDE&gt; &quot;2010&quot;"
        );
        assert_eq!(escape_markup("a\u{1}b"), "ab");
    }
}
