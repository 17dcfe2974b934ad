//! End-to-end checks of what the build writes besides HTML: calendars, contact cards, JSON-LD,
//! open data and the Atom feed, each read back with a real parser (ical, csv, serde_json,
//! roxmltree), on the bundled guide built for 23 November 2026.

use std::collections::{BTreeMap, HashSet};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use balise::BuildOptions;
use chrono::NaiveDate;
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::parser::vcard::component::VcardContact;
use ical::property::Property;
use serde_json::Value;

const TODAY: (i32, u32, u32) = (2026, 11, 23);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build_into(site_root: &Path, dir: &Path) -> PathBuf {
    let mut options = BuildOptions::new(site_root);
    options.output = dir.join("public");
    options.index = dir.join("index");
    options.today = NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2);
    if let Err(e) = balise::build(&options) {
        panic!("the site does not build: {e}");
    }
    dir.join("public")
}

/// The bundled guide, built once for all the tests of this file.
fn public() -> &'static Path {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, public) = BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let public = build_into(&root(), dir.path());
        (dir, public)
    });
    public
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    found.sort();
    found
}

fn parse_calendar(path: &Path) -> IcalCalendar {
    let file = std::fs::File::open(path).expect("calendar file");
    let mut calendars: Vec<IcalCalendar> = ical::IcalParser::new(BufReader::new(file))
        .map(|c| c.unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect();
    assert_eq!(calendars.len(), 1, "{}", path.display());
    calendars.remove(0)
}

fn prop<'a>(properties: &'a [Property], name: &str) -> Option<&'a Property> {
    properties.iter().find(|p| p.name == name)
}

fn value<'a>(properties: &'a [Property], name: &str) -> &'a str {
    prop(properties, name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_else(|| panic!("no {name} in {properties:?}"))
}

fn param(p: &Property, key: &str) -> Option<String> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.join(","))
}

fn event_file(slug: &str) -> IcalEvent {
    let path = public().join(format!("agenda/{slug}/event.ics"));
    let mut calendar = parse_calendar(&path);
    assert_eq!(calendar.events.len(), 1);
    calendar.events.remove(0)
}

#[test]
fn every_calendar_parses_and_the_agenda_holds_every_event() {
    let files = files_with_extension(public(), "ics");
    let event_pages = std::fs::read_dir(root().join("content/agenda"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            // Originals only: the guide's events have no translation yet.
            !name.starts_with("_index") && name.matches('.').count() == 1
        })
        .count();
    // One file per event, plus /agenda.ics and the English /en/agenda.ics.
    assert_eq!(files.len(), event_pages + 2, "{files:?}");
    for path in &files {
        let calendar = parse_calendar(path);
        assert_eq!(value(&calendar.properties, "VERSION"), "2.0");
        assert!(prop(&calendar.properties, "PRODID").is_some());
        for event in &calendar.events {
            for name in ["UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL"] {
                assert!(
                    prop(&event.properties, name).is_some(),
                    "{name} missing in {}",
                    path.display()
                );
            }
        }
        let text = read(path);
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "bare new line in {}",
            path.display()
        );
        // RFC 5545 §3.1: content lines are folded at 75 octets.
        for line in text.split("\r\n") {
            assert!(
                line.len() <= 75,
                "{} octets in {}: {line}",
                line.len(),
                path.display()
            );
        }
    }
    let agenda = parse_calendar(&public().join("agenda.ics"));
    assert_eq!(agenda.events.len(), event_pages);
    let uids: HashSet<&str> = agenda
        .events
        .iter()
        .map(|e| value(&e.properties, "UID"))
        .collect();
    assert_eq!(uids.len(), event_pages, "UIDs are unique");
    assert!(uids.contains(
        "journee-contre-l-homophobie-et-la-transphobie@guide-discriminations.example.org"
    ));
}

#[test]
fn may_17_recurs_every_year_as_a_whole_day() {
    let event = event_file("journee-contre-l-homophobie-et-la-transphobie");
    assert_eq!(value(&event.properties, "RRULE"), "FREQ=YEARLY");
    let start = prop(&event.properties, "DTSTART").unwrap();
    assert_eq!(param(start, "VALUE").as_deref(), Some("DATE"));
    let start = start.value.as_deref().unwrap();
    assert!(start.ends_with("0517"), "{start}");
    // A one-day event ends (exclusively) the next day.
    assert_eq!(value(&event.properties, "DTEND"), "20050518");
}

#[test]
fn whole_day_events_end_the_day_after_their_last_day() {
    // Front matter: start 2016-05-17, end 2016-05-31, yearly.
    let event = event_file("quinzaine-contre-l-homophobie-a-dijon");
    assert_eq!(value(&event.properties, "DTSTART"), "20160517");
    assert_eq!(value(&event.properties, "DTEND"), "20160601");
    assert_eq!(value(&event.properties, "RRULE"), "FREQ=YEARLY");
    let once = event_file("signature-de-la-charte-lgbt-par-la-ville-de-dijon");
    assert!(prop(&once.properties, "RRULE").is_none());
    assert_eq!(value(&once.properties, "DTEND"), "20151108");
}

#[test]
fn text_is_escaped_in_calendars() {
    // The summary holds commas: escaped as `\,` in the file.
    let event = event_file("journee-contre-l-homophobie-et-la-transphobie");
    let description = value(&event.properties, "DESCRIPTION");
    assert!(
        description.starts_with("Chaque 17 mai\\, une journée"),
        "{description}"
    );
    assert!(!description.contains("\\\\,"));
}

#[test]
fn calendars_are_identical_across_two_builds() {
    let dir = tempfile::tempdir().unwrap();
    let again = build_into(&root(), dir.path());
    for path in files_with_extension(public(), "ics") {
        let relative = path.strip_prefix(public()).unwrap();
        assert_eq!(
            read(&path),
            read(&again.join(relative)),
            "{} changed between two builds",
            relative.display()
        );
    }
    for file in [
        "atom.xml",
        "conventions.json",
        "conventions.csv",
        "contacts.json",
    ] {
        assert_eq!(
            read(&public().join(file)),
            read(&again.join(file)),
            "{file}"
        );
    }
}

fn parse_vcard(path: &Path) -> VcardContact {
    let file = std::fs::File::open(path).expect("vcard file");
    let mut cards: Vec<VcardContact> = ical::VcardParser::new(BufReader::new(file))
        .map(|c| c.unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect();
    assert_eq!(cards.len(), 1, "{}", path.display());
    cards.remove(0)
}

fn check_vcard_lines(path: &Path) {
    let text = read(path);
    assert!(text.ends_with("END:VCARD\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "bare new line");
    for line in text.split("\r\n") {
        assert!(
            line.len() <= 75,
            "{} octets in {}: {line}",
            line.len(),
            path.display()
        );
    }
}

#[test]
fn every_contact_card_parses_as_vcard_4() {
    let files = files_with_extension(public(), "vcf");
    let contacts = std::fs::read_dir(root().join("content/contacts"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "_index.md")
        .count();
    assert_eq!(files.len(), contacts);
    for path in &files {
        let card = parse_vcard(path);
        assert_eq!(value(&card.properties, "VERSION"), "4.0");
        assert!(!value(&card.properties, "FN").is_empty());
        check_vcard_lines(path);
    }
    let halde = parse_vcard(&public().join("contacts/halde/contact.vcf"));
    assert_eq!(
        value(&halde.properties, "ADR"),
        ";;11 rue Saint-Georges;Paris;;75009;"
    );
    assert!(value(&halde.properties, "NOTE").contains("Défenseur des droits"));
    // A dissolved body's page offers its successor's card, not its own obsolete address.
    let page = read(&public().join("contacts/halde/index.html"));
    assert!(page.contains("href=/contacts/defenseur-des-droits/contact.vcf"));
    assert!(!page.contains("href=/contacts/halde/contact.vcf"));
}

/// The JSON-LD block of an HTML page.
fn jsonld(page: &Path) -> Option<Value> {
    let html = read(page);
    let at = html.find("application/ld+json")?;
    let start = at + html[at..].find('>')? + 1;
    let end = start + html[start..].find("</script>")?;
    Some(
        serde_json::from_str(&html[start..end])
            .unwrap_or_else(|e| panic!("{}: {e}", page.display())),
    )
}

#[test]
fn event_and_contact_pages_carry_schema_org_data() {
    for path in files_with_extension(&public().join("agenda"), "html") {
        if path.parent() == Some(public().join("agenda").as_path()) {
            continue; // the agenda page itself
        }
        let data = jsonld(&path).unwrap_or_else(|| panic!("no JSON-LD in {}", path.display()));
        assert_eq!(data["@context"], "https://schema.org");
        assert_eq!(data["@type"], "Event", "{}", path.display());
        assert!(data["startDate"].is_string());
        assert!(data["url"].as_str().unwrap().starts_with("https://"));
    }
    let may17 =
        jsonld(&public().join("agenda/journee-contre-l-homophobie-et-la-transphobie/index.html"))
            .unwrap();
    // Its next occurrence after 23 November 2026, and the yearly schedule.
    assert_eq!(may17["startDate"], "2027-05-17");
    assert_eq!(may17["eventSchedule"]["repeatFrequency"], "P1Y");
    assert_eq!(may17["eventSchedule"]["byMonthDay"], 17);

    let types: BTreeMap<&str, &str> = [
        ("ville-de-dijon", "GovernmentOffice"),
        ("ccas-de-dijon", "GovernmentOffice"),
        ("defenseur-des-droits", "GovernmentOffice"),
        ("halde", "GovernmentOffice"),
        ("amacod", "Organization"),
        ("autre-cercle-bourgogne-franche-comte", "Organization"),
        ("ligue-de-l-enseignement", "Organization"),
        ("amf", "Organization"),
    ]
    .into();
    for (slug, expected) in types {
        let data = jsonld(&public().join(format!("contacts/{slug}/index.html"))).unwrap();
        assert_eq!(data["@type"], expected, "{slug}");
    }
    let halde = jsonld(&public().join("contacts/halde/index.html")).unwrap();
    assert_eq!(halde["address"]["@type"], "PostalAddress");
    assert_eq!(halde["address"]["postalCode"], "75009");
}

const STATUSES: [&str; 4] = ["en-vigueur", "reconduite", "expiree", "a-venir"];

#[test]
fn conventions_open_data_reads_back_with_the_documented_columns() {
    // UTF-8 with a byte order mark, so that a French spreadsheet shows the accents.
    let bytes = std::fs::read(public().join("conventions.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFslug,title,"),
        "{:?}",
        &bytes[..12]
    );
    assert!(std::str::from_utf8(&bytes).unwrap().contains("é"));
    let mut reader = csv::Reader::from_path(public().join("conventions.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "slug",
            "title",
            "parties",
            "signed",
            "effective",
            "period_end",
            "status",
            "notice_deadline",
            "url",
            // The guide is in several languages: each row says which version it is.
            "lang"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    for row in &rows {
        let status = &row[6];
        assert!(status.is_empty() || STATUSES.contains(&status), "{status}");
        for date in [&row[3], &row[4], &row[5], &row[7]] {
            assert!(
                date.is_empty() || NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
                "{date}"
            );
        }
    }
    let json: Value = serde_json::from_str(&read(&public().join("conventions.json"))).unwrap();
    let list = json.as_array().expect("an array");
    assert_eq!(list.len(), rows.len());
    for (item, row) in list.iter().zip(&rows) {
        assert_eq!(item["slug"], row[0]);
        let parties: Vec<&str> = item["parties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert_eq!(parties.join(" ; "), row[2]);
    }

    let contacts: Value = serde_json::from_str(&read(&public().join("contacts.json"))).unwrap();
    let contacts = contacts.as_array().expect("an array");
    assert_eq!(contacts.len(), 11);
    let halde = contacts.iter().find(|c| c["slug"] == "halde").unwrap();
    assert_eq!(halde["status"], "dissolved");
    assert_eq!(halde["successor"], "defenseur-des-droits");
    assert_eq!(halde["address"]["city"], "Paris");
}

/// Status, end of period and notice deadline of each bundled convention on 23 November 2026,
/// computed by hand from the articles cited in the YAML comments of `content/conventions/`.
#[test]
fn bundled_conventions_match_a_hand_computation_on_2026_11_23() {
    let json: Value = serde_json::from_str(&read(&public().join("conventions.json"))).unwrap();
    let by_slug: BTreeMap<&str, &Value> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["slug"].as_str().unwrap(), c))
        .collect();
    // (slug, status, end of the current period, notice deadline)
    type Expected<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
    let expected: [Expected; 5] = [
        // Art. 3: 3 years from notification (date unknown), so from the signature, 2018-10-12:
        // 2018-10-12..2021-10-11, renewed tacitly for the same 3 years (art. 3 gives no other
        // length): 2021-10-12..2024-10-11, then 2024-10-12..2027-10-11 holds 2026-11-23.
        // Art. 4: 3 months' notice → 2027-07-11.
        (
            "ccas-de-dijon-autre-cercle",
            Some("reconduite"),
            Some("2027-10-11"),
            Some("2027-07-11"),
        ),
        // Art. 3.1: from 2017-10-01 to 2018-12-31 (15 months), then from calendar year to
        // calendar year: 2026-01-01..2026-12-31. Notice 3 months before the term: 2026-09-30
        // (already passed on 23 November: the charter will run through 2027).
        (
            "charte-amacod",
            Some("reconduite"),
            Some("2026-12-31"),
            Some("2026-09-30"),
        ),
        // Art. 4: 12 months from the signature, 2010-06-24, tacitly renewed (same length):
        // the sixteenth renewal runs 2026-06-24..2027-06-23. Notice 3 months → 2027-03-23.
        (
            "halde-amf",
            Some("reconduite"),
            Some("2027-06-23"),
            Some("2027-03-23"),
        ),
        // Art. 10: three years from the signature, 2008-07-11, no renewal: ended 2011-07-10.
        // No notice deadline once expired.
        (
            "ile-de-france-acse",
            Some("expiree"),
            Some("2011-07-10"),
            None,
        ),
        // Neither signature nor notification date is known: nothing can be computed.
        ("ville-de-dijon-autre-cercle", None, None, None),
    ];
    assert_eq!(by_slug.len(), expected.len());
    for (slug, status, period_end, notice) in expected {
        let c = by_slug[slug];
        assert_eq!(c["status"].as_str(), status, "{slug} status");
        assert_eq!(c["period_end"].as_str(), period_end, "{slug} period_end");
        assert_eq!(
            c["notice_deadline"].as_str(),
            notice,
            "{slug} notice_deadline"
        );
    }
    // The page says the same as the data.
    let page = read(&public().join("conventions/charte-amacod/index.html"));
    assert!(page.contains("31 décembre 2026"));
    assert!(page.contains("cette date est passée"));
}

#[test]
fn atom_feed_is_well_formed_with_unique_permalink_ids() {
    let text = read(&public().join("atom.xml"));
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<roxmltree::Node> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert!(!entries.is_empty() && entries.len() <= balise::render::feeds::RECENT + 7);
    let mut ids = HashSet::new();
    for entry in &entries {
        let child = |name: &str| {
            entry
                .children()
                .find(|n| n.has_tag_name(name))
                .unwrap_or_else(|| panic!("entry without {name}"))
        };
        let id = child("id").text().unwrap();
        assert!(
            id.starts_with("https://guide-discriminations.example.org/"),
            "{id}"
        );
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        let updated = child("updated").text().unwrap();
        assert!(
            chrono::DateTime::parse_from_rfc3339(updated).is_ok(),
            "{updated}"
        );
        assert_eq!(child("link").attribute("href"), Some(id));
        assert!(!child("title").text().unwrap_or("").is_empty());
    }
    // Upcoming events are always in the feed.
    assert!(ids.contains(
        "https://guide-discriminations.example.org/agenda/journee-contre-l-homophobie-et-la-transphobie/"
    ));
}

#[test]
fn agenda_shows_the_month_of_17_may_as_a_table() {
    let html = read(&public().join("agenda/index.html"));
    // The current month, then the next month with an event.
    assert!(html.contains("<caption>novembre 2026"), "current month");
    let may = html.find("<caption>mai 2027").expect("May 2027 is shown");
    let table = &html[may..may + html[may..].find("</table>").unwrap()];
    assert!(
        table.contains("abbr=lun."),
        "weekday headers carry an abbreviation"
    );
    assert!(table.contains("/agenda/journee-contre-l-homophobie-et-la-transphobie/"));
    // 17 May 2027 is a Monday: the first cell of its row.
    assert!(
        table.contains(
            "<tr><td class=has-event><span class=day-number><time datetime=2027-05-17>17</time>"
        ),
        "{table}"
    );
    assert!(html.contains("aria-current=date"), "today is marked");
}

/// A small site with a contact that has every field, to check what the bundled guide does not
/// use (phone, email, hours). The number is in the range reserved for fiction (01 99 00).
#[test]
fn a_full_contact_gets_tel_uri_hours_and_escaped_fields() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let write = |path: &str, text: &str| {
        let p = site.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "balise.yaml",
        "title: \"Essai\"\nbase_url: \"https://essai.example.org\"\n",
    );
    write(
        "content/_index.md",
        "---\ntitle: \"Accueil\"\n---\nBienvenue.\n",
    );
    write(
        "content/contacts/_index.md",
        "---\ntitle: \"Contacts\"\nkind: contact\n---\n",
    );
    write(
        "content/contacts/maison.md",
        "---\ntitle: \"Maison des droits, accueil; écoute\"\nsummary: \"Un lieu d'accueil.\"\naddress: { street: \"1 place de l'Essai\", postcode: \"21000\", city: \"Dijon\" }\nphone: \"01 99 00 12 34\"\nemail: \"accueil@essai.example.org\"\nhours:\n  - { days: [mo, tu], open: \"09:00\", close: \"12:00\" }\n---\nTexte.\n",
    );
    let public = build_into(&site, dir.path());
    let path = public.join("contacts/maison/contact.vcf");
    let card = parse_vcard(&path);
    check_vcard_lines(&path);
    assert_eq!(value(&card.properties, "TEL"), "tel:+33199001234");
    assert_eq!(
        param(prop(&card.properties, "TEL").unwrap(), "VALUE").as_deref(),
        Some("uri")
    );
    assert_eq!(
        value(&card.properties, "EMAIL"),
        "accueil@essai.example.org"
    );
    assert_eq!(
        value(&card.properties, "FN"),
        "Maison des droits\\, accueil\\; écoute"
    );
    let data = jsonld(&public.join("contacts/maison/index.html")).unwrap();
    let hours = if data["@type"] == "GovernmentOffice" {
        &data["openingHoursSpecification"]
    } else {
        &data["location"]["openingHoursSpecification"]
    };
    assert_eq!(hours[0]["opens"], "09:00");
    assert_eq!(hours[0]["dayOfWeek"][1], "https://schema.org/Tuesday");
    assert_eq!(data["telephone"], "+33199001234");
    let page = read(&public.join("contacts/maison/index.html"));
    assert!(page.contains("href=tel:+33199001234") || page.contains("href=\"tel:+33199001234\""));
    assert!(page.contains(">Horaires</caption>"), "hours table");
}
