//! Open data: `/conventions.json`, `/conventions.csv` and `/contacts.json`, so partners and
//! elected officials can reuse the conventions' dates and the contacts without copying pages.
//!
//! The keys and columns are documented in the README ("Open data"); changing them breaks the
//! people who reuse the files.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::frontmatter::{Address, ContactStatus, Hours, KindData};
use crate::model::output::OutputFile;
use crate::model::site::Site;

/// Columns of `/conventions.csv`, also the keys of each object of `/conventions.json`.
pub const CONVENTION_COLUMNS: [&str; 9] = [
    "slug",
    "title",
    "parties",
    "signed",
    "effective",
    "period_end",
    "status",
    "notice_deadline",
    "url",
];

/// One convention as the open data describes it. Dates are `YYYY-MM-DD`; unknown values are
/// `null` in JSON and empty in CSV.
#[derive(Debug, Serialize)]
pub struct ConventionRecord {
    pub slug: String,
    pub title: String,
    pub parties: Vec<String>,
    pub signed: Option<String>,
    pub effective: Option<String>,
    pub period_end: Option<String>,
    /// `en-vigueur`, `reconduite`, `expiree` or `a-venir`.
    pub status: Option<&'static str>,
    pub notice_deadline: Option<String>,
    pub url: String,
    /// Language code of the page, only when the site has several languages (an extra last
    /// column, `lang`, in CSV).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ContactRecord {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<Address>,
    pub website: Option<String>,
    pub hours: Vec<Hours>,
    /// `active` or `dissolved`.
    pub status: ContactStatus,
    /// Slug of the contact that took over a dissolved body's missions.
    pub successor: Option<String>,
    /// Language code of the page, only when the site has several languages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Conventions sorted by slug, so the files only change when the content does.
/// The language of a record: `None` for a site in one language (its files stay as they were).
fn record_lang(site: &Site) -> Option<String> {
    (site.config.langs().count() > 1).then(|| site.language().code.to_string())
}

/// Conventions of every language, sorted by slug then language.
pub fn conventions(site: &Site) -> Vec<ConventionRecord> {
    let mut records: Vec<ConventionRecord> =
        site.languages().flat_map(language_conventions).collect();
    records.sort_by(|a, b| a.slug.cmp(&b.slug).then(a.lang.cmp(&b.lang)));
    records
}

fn language_conventions(site: &Site) -> Vec<ConventionRecord> {
    let lang = record_lang(site);
    site.own_pages_of_kind(crate::Kind::Convention)
        .filter_map(|(index, page)| {
            let KindData::Convention(c) = &page.data else {
                return None;
            };
            let timeline = site.timelines.get(&index);
            Some(ConventionRecord {
                slug: page.slug.clone(),
                title: page.meta.title.clone(),
                parties: c.parties.iter().map(|p| p.name.clone()).collect(),
                signed: c.signed.map(|d| iso(d.0)),
                effective: c.effective.map(|d| iso(d.0)),
                period_end: timeline.and_then(|t| t.period_end).map(iso),
                status: timeline.map(|t| t.status.code()),
                notice_deadline: timeline.and_then(|t| t.notice_deadline).map(iso),
                url: site.permalink(&page.url),
                lang: lang.clone(),
            })
        })
        .collect()
}

/// Contacts of every language, sorted by slug then language.
pub fn contacts(site: &Site) -> Vec<ContactRecord> {
    let mut records: Vec<ContactRecord> = site.languages().flat_map(language_contacts).collect();
    records.sort_by(|a, b| a.slug.cmp(&b.slug).then(a.lang.cmp(&b.lang)));
    records
}

fn language_contacts(site: &Site) -> Vec<ContactRecord> {
    let lang = record_lang(site);
    site.own_pages_of_kind(crate::Kind::Contact)
        .filter_map(|(_, page)| {
            let KindData::Contact(c) = &page.data else {
                return None;
            };
            Some(ContactRecord {
                slug: page.slug.clone(),
                title: page.meta.title.clone(),
                url: site.permalink(&page.url),
                phone: c.phone.clone(),
                email: c.email.clone(),
                address: c.address.clone(),
                website: c.website.clone(),
                hours: c.hours.clone(),
                status: c.status,
                successor: c.successor.clone(),
                lang: lang.clone(),
            })
        })
        .collect()
}

/// The UTF-8 byte order mark: without it, a spreadsheet opened in French (Excel, and
/// LibreOffice's default guess) reads the file as Windows-1252 and shows `Ã©` for `é`.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// RFC 4180 CSV, UTF-8 with a byte order mark, comma-separated, with a header line; parties
/// joined with ` ; `.
pub fn conventions_csv(records: &[ConventionRecord]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(UTF8_BOM.to_vec());
    let with_lang = records.iter().any(|r| r.lang.is_some());
    let mut header = CONVENTION_COLUMNS.to_vec();
    if with_lang {
        header.push("lang");
    }
    writer.write_record(header)?;
    for r in records {
        let or_empty = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut row = vec![
            r.slug.clone(),
            r.title.clone(),
            r.parties.join(" ; "),
            or_empty(&r.signed),
            or_empty(&r.effective),
            or_empty(&r.period_end),
            r.status.unwrap_or_default().to_string(),
            or_empty(&r.notice_deadline),
            r.url.clone(),
        ];
        if with_lang {
            row.push(or_empty(&r.lang));
        }
        writer.write_record(row)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// The three open data files.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let conventions = conventions(site);
    let contacts = contacts(site);
    let mut files = Vec::new();
    files.push(OutputFile::new(
        "conventions.json",
        pretty_json(&conventions),
    ));
    files.push(OutputFile::new("contacts.json", pretty_json(&contacts)));
    // Writing CSV into a Vec<u8> has no I/O that could fail.
    let csv = conventions_csv(&conventions).unwrap_or_default();
    files.push(OutputFile::new("conventions.csv", csv));
    files
}

/// Pretty JSON with a final new line.
fn pretty_json<T: Serialize>(value: &T) -> Vec<u8> {
    // Serializing structs of strings, dates as strings and lists cannot fail.
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(status: Option<&'static str>) -> ConventionRecord {
        ConventionRecord {
            slug: "a".into(),
            title: "Convention « A », ville; CCAS".into(),
            parties: vec!["Ville de Dijon".into(), "CCAS de Dijon".into()],
            signed: Some("2018-10-12".into()),
            effective: None,
            period_end: Some("2021-10-11".into()),
            status,
            notice_deadline: None,
            url: "https://example.org/conventions/a/".into(),
            lang: None,
        }
    }

    #[test]
    fn csv_has_the_documented_header_and_empty_unknowns() {
        let bytes = conventions_csv(&[record(Some("expiree")), record(None)]).unwrap();
        assert!(
            bytes.starts_with(UTF8_BOM),
            "a spreadsheet needs the BOM to read accents"
        );
        assert!(bytes[3..].starts_with(b"slug,"));
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        assert_eq!(
            reader.headers().unwrap().iter().collect::<Vec<_>>(),
            CONVENTION_COLUMNS
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(&rows[0][1], "Convention « A », ville; CCAS");
        assert_eq!(&rows[0][2], "Ville de Dijon ; CCAS de Dijon");
        assert_eq!(&rows[0][4], "");
        assert_eq!(&rows[0][6], "expiree");
        assert_eq!(&rows[1][6], "");
    }

    #[test]
    fn json_keys_match_the_csv_columns() {
        let value = serde_json::to_value(record(None)).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = CONVENTION_COLUMNS.to_vec();
        expected.sort();
        let mut keys = keys;
        keys.sort();
        assert_eq!(keys, expected);
        assert!(value["parties"].is_array());
        assert!(value["status"].is_null());
    }
}
