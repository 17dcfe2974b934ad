//! Calendar files (RFC 5545): `<event url>event.ics` for each event and `/agenda.ics` with all
//! of them, written with the `icalendar` crate.
//!
//! Choices that keep the files valid for every calendar application and the build reproducible:
//! - `UID` is `<slug>@<host of base_url>`: the same event keeps the same UID across builds, so a
//!   calendar that imported it updates it instead of adding a copy;
//! - `DTSTAMP` is the page's `updated` date (or the build's "today"), never the clock;
//! - whole days are `VALUE=DATE` with an exclusive `DTEND` (the day after the last day);
//! - timed events are local times of the site's time zone converted to UTC (`...Z`), which every
//!   parser reads without a `VTIMEZONE` block (the crate cannot write one);
//! - `recurrence: yearly` becomes `RRULE:FREQ=YEARLY`.

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike, Property};

use crate::model::dates::EventTime;
use crate::model::frontmatter::{Event, Recurrence};
use crate::model::output::OutputFile;
use crate::model::site::Site;

/// One `event.ics` per event page, and `/agenda.ics` with every event.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let mut all = Vec::new();
    let mut files = Vec::new();
    for (index, page) in site.pages_of_kind(crate::Kind::Event) {
        let Some(component) = event_component(site, index) else {
            continue;
        };
        let calendar = calendar(site, &page.meta.title, [component.clone()]);
        files.push(OutputFile::new(
            format!("{}event.ics", page.url.trim_start_matches('/')),
            calendar,
        ));
        all.push(component);
    }
    let agenda = calendar(site, &site.config.title, all);
    files.push(OutputFile::new("agenda.ics", agenda));
    files
}

/// A whole `VCALENDAR`, with its name and fixed product id.
fn calendar(site: &Site, name: &str, events: impl IntoIterator<Item = icalendar::Event>) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//balise//Guide des droits//FR"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .append_property(Property::new("X-WR-CALNAME", name));
    if let Some(description) = &site.config.description {
        calendar.append_property(Property::new("X-WR-CALDESC", description));
    }
    calendar.extend(events);
    calendar.to_string()
}

/// `https://example.org:8080/guide/` → `example.org`.
pub fn host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    if host.is_empty() {
        "localhost"
    } else {
        host
    }
}

/// Stable identifier of an event, also used by the Atom feed.
pub fn uid(site: &Site, slug: &str) -> String {
    format!("{slug}@{}", host(&site.config.base_url))
}

fn event_component(site: &Site, index: usize) -> Option<icalendar::Event> {
    let page = &site.pages[index];
    let event = site.event_data(index)?;
    let tz = site.config.timezone.0;
    let stamp = page.meta.updated.map_or(site.today, |d| d.0);
    let permalink = site.permalink(&page.url);
    let mut description = page.meta.summary.clone().unwrap_or_default();
    if !description.is_empty() {
        description.push_str("\n\n");
    }
    description.push_str(&permalink);

    let mut component = icalendar::Event::new();
    component
        .uid(&uid(site, &page.slug))
        .timestamp(midnight_utc(stamp))
        .summary(&page.meta.title)
        .description(&description)
        .url(&permalink);
    set_times(&mut component, event, tz);
    if event.recurrence == Some(Recurrence::Yearly) {
        component.add_property("RRULE", "FREQ=YEARLY");
    }
    if let Some(location) = &event.location {
        let text = match &location.address {
            Some(address) => format!("{}, {address}", location.name),
            None => location.name.clone(),
        };
        component.location(&text);
    }
    Some(component.done())
}

/// `DTSTART` and `DTEND`: dates for whole days (end exclusive), UTC times for timed events.
fn set_times(component: &mut icalendar::Event, event: &Event, tz: chrono_tz::Tz) {
    match (event.start, event.end) {
        (EventTime::At(start), end) => {
            component.starts(to_utc(start, tz));
            match end {
                Some(EventTime::At(end)) => {
                    component.ends(to_utc(end, tz));
                }
                // A timed start with a whole-day end: it lasts until the end of that day.
                Some(EventTime::Day(day)) => {
                    component.ends(to_utc(next_day(day).and_time(Default::default()), tz));
                }
                // No end: RFC 5545 §3.6.1, the event ends when it starts.
                None => {}
            }
        }
        (EventTime::Day(start), end) => {
            let last = end.map_or(start, EventTime::date).max(start);
            component.starts(start).ends(next_day(last));
        }
    }
}

fn next_day(day: NaiveDate) -> NaiveDate {
    day.succ_opt().unwrap_or(day)
}

fn midnight_utc(day: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_time(Default::default()))
}

/// A local time of the site's time zone in UTC. A time skipped by the change to summer time
/// (02:30 on the last Sunday of March in Paris) is read one hour later, as clocks show it.
pub fn to_utc(local: NaiveDateTime, tz: chrono_tz::Tz) -> chrono::DateTime<Utc> {
    let resolved = tz
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc));
    resolved.unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dates::parse_event_time;
    use crate::model::frontmatter::Location;

    fn event(start: &str, end: Option<&str>, recurrence: Option<Recurrence>) -> Event {
        Event {
            start: parse_event_time(start).unwrap(),
            end: end.map(|e| parse_event_time(e).unwrap()),
            recurrence,
            location: Some(Location {
                name: "Salle des fêtes; étage 1, porte 2".into(),
                address: None,
            }),
            organisers: vec![],
            url: None,
        }
    }

    fn component_text(e: &Event) -> String {
        let mut c = icalendar::Event::new();
        c.uid("x@example.org")
            .timestamp(midnight_utc(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()));
        set_times(&mut c, e, chrono_tz::Europe::Paris);
        if let Some(l) = &e.location {
            c.location(&l.name);
        }
        c.done().to_string()
    }

    #[test]
    fn whole_days_have_an_exclusive_end() {
        let text = component_text(&event("2016-05-17", Some("2016-05-31"), None));
        assert!(text.contains("DTSTART;VALUE=DATE:20160517\r\n"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20160601\r\n"), "{text}");
        let one_day = component_text(&event("2016-12-31", None, None));
        assert!(
            one_day.contains("DTEND;VALUE=DATE:20170101\r\n"),
            "{one_day}"
        );
    }

    #[test]
    fn timed_events_are_converted_from_paris_time_to_utc() {
        // May: summer time, UTC+2.
        let text = component_text(&event("2027-05-17T18:30", Some("2027-05-17T20:00"), None));
        assert!(text.contains("DTSTART:20270517T163000Z\r\n"), "{text}");
        assert!(text.contains("DTEND:20270517T180000Z\r\n"), "{text}");
        // December: winter time, UTC+1.
        let winter = component_text(&event("2026-12-01T09:00", None, None));
        assert!(winter.contains("DTSTART:20261201T080000Z\r\n"), "{winter}");
        assert!(!winter.contains("DTEND"), "{winter}");
    }

    #[test]
    fn a_time_skipped_by_summer_time_is_read_one_hour_later() {
        let skipped = crate::model::dates::parse_event_time("2027-03-28T02:30").unwrap();
        let EventTime::At(local) = skipped else {
            unreachable!("a time was written")
        };
        assert_eq!(
            to_utc(local, chrono_tz::Europe::Paris).to_rfc3339(),
            "2027-03-28T01:30:00+00:00"
        );
    }

    #[test]
    fn text_is_escaped() {
        let text = component_text(&event("2027-05-17", None, None));
        assert!(
            text.contains(r"LOCATION:Salle des fêtes\; étage 1\, porte 2"),
            "{text}"
        );
    }

    #[test]
    fn host_is_taken_from_the_base_url() {
        assert_eq!(host("https://guide.example.org"), "guide.example.org");
        assert_eq!(host("http://localhost:8080/guide/"), "localhost");
        assert_eq!(host("https://user@example.org/"), "example.org");
        assert_eq!(host(""), "localhost");
    }
}
