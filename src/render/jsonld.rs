//! schema.org data (JSON-LD) for search engines and assistants: `Event` on event pages,
//! `GovernmentOffice` (public bodies) or `Organization` (associations) on contact pages.
//!
//! The text goes into a `<script type="application/ld+json">` block, which browsers never run
//! (so the `script-src 'self'` policy allows it); `<`, `>` and `&` are written as `\u003c`…
//! so no value can close the block.

use chrono::{Datelike, NaiveDate, TimeZone};
use serde_json::{json, Map, Value};

use crate::model::dates::EventTime;
use crate::model::frontmatter::{Contact, ContactStatus, KindData, Recurrence};
use crate::model::site::Site;

/// The JSON-LD text of a page, or `None` for kinds that have none.
pub fn for_page(site: &Site, index: usize) -> Option<String> {
    let value = match &site.pages[index].data {
        KindData::Event(_) => event(site, index)?,
        KindData::Contact(c) => contact(site, index, c),
        _ => return None,
    };
    Some(script_safe(&value.to_string()))
}

/// JSON where `<`, `>` and `&` only appear as `\u` escapes (valid inside JSON strings, the
/// only place these characters can be in JSON).
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// ISO 8601 as schema.org wants it: a date, or a local time with its UTC offset.
fn iso(time: EventTime, tz: chrono_tz::Tz) -> String {
    match time {
        EventTime::Day(d) => d.format("%Y-%m-%d").to_string(),
        EventTime::At(dt) => {
            let utc = crate::render::calendar::to_utc(dt, tz);
            tz.from_utc_datetime(&utc.naive_utc())
                .format("%Y-%m-%dT%H:%M:%S%:z")
                .to_string()
        }
    }
}

/// Moves an event time to another day, keeping its time of day.
fn on_day(time: EventTime, day: NaiveDate) -> EventTime {
    match time {
        EventTime::Day(_) => EventTime::Day(day),
        EventTime::At(dt) => EventTime::At(day.and_time(dt.time())),
    }
}

fn event(site: &Site, index: usize) -> Option<Value> {
    let page = &site.pages[index];
    let e = site.event_data(index)?;
    let tz = site.config.timezone.0;
    // A yearly event is described by its next occurrence, and its schedule.
    let first = e.start.date();
    let start_day = match e.recurrence {
        Some(Recurrence::Yearly) => site.next_occurrences.get(&index).copied().unwrap_or(first),
        None => first,
    };
    let shift = start_day - first;
    let mut v = Map::new();
    v.insert("@context".into(), json!("https://schema.org"));
    v.insert("@type".into(), json!("Event"));
    v.insert("name".into(), json!(page.meta.title));
    if let Some(summary) = &page.meta.summary {
        v.insert("description".into(), json!(summary));
    }
    v.insert("url".into(), json!(site.permalink(&page.url)));
    v.insert(
        "startDate".into(),
        json!(iso(on_day(e.start, start_day), tz)),
    );
    if let Some(end) = e.end {
        v.insert(
            "endDate".into(),
            json!(iso(on_day(end, end.date() + shift), tz)),
        );
    }
    v.insert(
        "eventStatus".into(),
        json!("https://schema.org/EventScheduled"),
    );
    v.insert(
        "eventAttendanceMode".into(),
        json!("https://schema.org/OfflineEventAttendanceMode"),
    );
    if e.recurrence == Some(Recurrence::Yearly) {
        v.insert(
            "eventSchedule".into(),
            json!({
                "@type": "Schedule",
                "repeatFrequency": "P1Y",
                "startDate": first.format("%Y-%m-%d").to_string(),
                "byMonth": first.month(),
                "byMonthDay": first.day(),
                "scheduleTimezone": site.config.timezone.name(),
            }),
        );
    }
    if let Some(location) = &e.location {
        let mut place = json!({ "@type": "Place", "name": location.name });
        if let Some(address) = &location.address {
            place["address"] = json!(address);
        }
        v.insert("location".into(), place);
    }
    let organizers: Vec<Value> = e
        .organisers
        .iter()
        .filter_map(|slug| site.contacts.get(slug).copied())
        .map(|i| {
            let p = &site.pages[i];
            let kind = match &p.data {
                KindData::Contact(_) => contact_type(&p.meta.title, p.meta.summary.as_deref()),
                _ => "Organization",
            };
            json!({ "@type": kind, "name": p.meta.title, "url": site.permalink(&p.url) })
        })
        .collect();
    if !organizers.is_empty() {
        v.insert("organizer".into(), json!(organizers));
    }
    Some(Value::Object(v))
}

/// Associations are `Organization`s; public bodies (State, local authorities, independent
/// authorities) are `GovernmentOffice`s. The content has no field for it, so the words of the
/// title and summary decide, associations first ("antenne municipale et associative").
pub fn contact_type(title: &str, summary: Option<&str>) -> &'static str {
    let text = format!("{title} {}", summary.unwrap_or("")).to_lowercase();
    const ASSOCIATION: [&str; 2] = ["association", "associative"];
    const PUBLIC: [&str; 10] = [
        "ville de",
        "commune",
        "communal",
        "métropole",
        "région",
        "régional",
        "de l'état",
        "établissement public",
        "autorité",
        "défenseur des droits",
    ];
    if ASSOCIATION.iter().any(|w| text.contains(w)) {
        "Organization"
    } else if PUBLIC.iter().any(|w| text.contains(w)) {
        "GovernmentOffice"
    } else {
        "Organization"
    }
}

fn contact(site: &Site, index: usize, c: &Contact) -> Value {
    let page = &site.pages[index];
    let kind = contact_type(&page.meta.title, page.meta.summary.as_deref());
    let mut v = Map::new();
    v.insert("@context".into(), json!("https://schema.org"));
    v.insert("@type".into(), json!(kind));
    v.insert("name".into(), json!(page.meta.title));
    if let Some(summary) = &page.meta.summary {
        v.insert("description".into(), json!(summary));
    }
    // The guide's page is the identifier; the body's own site is `url` when it has one.
    v.insert("@id".into(), json!(site.permalink(&page.url)));
    v.insert(
        "url".into(),
        json!(c
            .website
            .clone()
            .unwrap_or_else(|| site.permalink(&page.url))),
    );
    if let Some(phone) = &c.phone {
        v.insert(
            "telephone".into(),
            json!(crate::model::frontmatter::phone_href(phone).trim_start_matches("tel:")),
        );
    }
    if let Some(email) = &c.email {
        v.insert("email".into(), json!(email));
    }
    let address = c.address.as_ref().map(|a| {
        let mut address = json!({ "@type": "PostalAddress", "addressLocality": a.city });
        if let Some(street) = &a.street {
            address["streetAddress"] = json!(street);
        }
        if let Some(postcode) = &a.postcode {
            address["postalCode"] = json!(postcode);
        }
        address
    });
    let hours: Vec<Value> = c
        .hours
        .iter()
        .map(|h| {
            json!({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": h.days.iter().map(|d| format!("https://schema.org/{}", d.schema_org())).collect::<Vec<_>>(),
                "opens": h.open.0.format("%H:%M").to_string(),
                "closes": h.close.0.format("%H:%M").to_string(),
            })
        })
        .collect();
    if kind == "GovernmentOffice" {
        // A GovernmentOffice is a place: address and hours are its own.
        if let Some(address) = address {
            v.insert("address".into(), address);
        }
        if !hours.is_empty() {
            v.insert("openingHoursSpecification".into(), json!(hours));
        }
    } else {
        if let Some(address) = &address {
            v.insert("address".into(), address.clone());
        }
        // An Organization has no opening hours: they belong to the place where it welcomes people.
        if !hours.is_empty() {
            let mut place = json!({ "@type": "Place", "name": page.meta.title, "openingHoursSpecification": hours });
            if let Some(address) = address {
                place["address"] = address;
            }
            v.insert("location".into(), place);
        }
    }
    if c.status == ContactStatus::Dissolved {
        if let Some(successor) = c.successor.as_deref().and_then(|s| site.contact(s)) {
            // schema.org has no "replaced by": say it in words.
            v.insert(
                "disambiguatingDescription".into(),
                json!(format!(
                    "Organisme dissous ; ses missions sont reprises par {}.",
                    successor.meta.title
                )),
            );
        } else {
            v.insert(
                "disambiguatingDescription".into(),
                json!("Organisme dissous."),
            );
        }
    }
    Value::Object(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_closing_tags_cannot_appear() {
        let text = json!({ "name": "</script><script>alert(1)</script> & co" }).to_string();
        let safe = script_safe(&text);
        assert!(!safe.contains('<'), "{safe}");
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & co");
    }

    #[test]
    fn associations_are_organizations_and_public_bodies_government_offices() {
        let t = |title: &str, summary: &str| contact_type(title, Some(summary));
        assert_eq!(
            t("AMACOD", "Antenne municipale et associative"),
            "Organization"
        );
        assert_eq!(
            t("Ville de Dijon", "La commune de Dijon"),
            "GovernmentOffice"
        );
        assert_eq!(
            t("Défenseur des droits", "Une institution de l'État"),
            "GovernmentOffice"
        );
        assert_eq!(t("Autre Cercle", "Une association"), "Organization");
    }

    #[test]
    fn timed_event_dates_carry_the_paris_offset() {
        let at = crate::model::dates::parse_event_time("2027-05-17T18:30").unwrap();
        assert_eq!(
            iso(at, chrono_tz::Europe::Paris),
            "2027-05-17T18:30:00+02:00"
        );
        let day = crate::model::dates::parse_event_time("2027-05-17").unwrap();
        assert_eq!(iso(day, chrono_tz::Europe::Paris), "2027-05-17");
    }
}
