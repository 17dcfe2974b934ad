//! Calendar files (RFC 5545): `<event url>event.ics` for each event and `/agenda.ics` with all
//! of them, written with the `icalendar` crate.
//!
//! Choices that keep the files valid for every calendar application and the build reproducible:
//! - `UID` is `<slug>@<host of base_url>`: the same event keeps the same UID across builds, so a
//!   calendar that imported it updates it instead of adding a copy;
//! - `DTSTAMP` is the page's `updated` date (or the build's "today"), never the clock;
//! - whole days are `VALUE=DATE` with an exclusive `DTEND` (the day after the last day);
//! - timed events are written in the site's time zone (`DTSTART;TZID=Europe/Paris:…T180000`),
//!   with a `VTIMEZONE` block that describes it (written here: the crate cannot), so that a
//!   yearly 18:00 event stays at 18:00 on both sides of a summer-time change;
//! - `recurrence: yearly` becomes `RRULE:FREQ=YEARLY`.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::OffsetComponents;
use icalendar::{Calendar, CalendarDateTime, Component, EventLike, Property};

use crate::model::dates::EventTime;
use crate::model::frontmatter::{Event, Recurrence};
use crate::model::output::OutputFile;
use crate::model::site::Site;

/// One `event.ics` per event page, and `/agenda.ics` with every event.
/// The calendars of every language: `agenda.ics`, `en/agenda.ics`…, and `event.ics` beside
/// each language's own event pages.
pub fn files(site: &Site) -> Vec<OutputFile> {
    site.languages().flat_map(language_files).collect()
}

fn language_files(site: &Site) -> Vec<OutputFile> {
    let mut all = Vec::new();
    let mut first_timed: Option<i32> = None;
    let mut files = Vec::new();
    // One `VTIMEZONE` per first year, computed once: events of a year share it.
    let mut zones: HashMap<i32, String> = HashMap::new();
    let tz = site.config.timezone.0;
    for (index, page) in site.own_pages_of_kind(crate::Kind::Event) {
        let Some(component) = event_component(site, index) else {
            continue;
        };
        let timed_year = timed_start_year(site, index);
        let zone = timed_year.map(|y| zones.entry(y).or_insert_with(|| vtimezone(tz, y)).as_str());
        let calendar = calendar(site, &page.meta.title, [component.clone()], zone);
        files.push(OutputFile::new(
            format!("{}event.ics", page.url.trim_start_matches('/')),
            calendar,
        ));
        if let Some(year) = timed_year {
            first_timed = Some(first_timed.map_or(year, |y| y.min(year)));
        }
        all.push(component);
    }
    let zone = first_timed.map(|y| vtimezone(tz, y));
    let agenda = calendar(site, &site.config.title, all, zone.as_deref());
    files.push(OutputFile::new(
        site.localized("/agenda.ics").trim_start_matches('/'),
        agenda,
    ));
    files
}

/// The year of a timed event's start: its calendar needs the time zone from that year on.
fn timed_start_year(site: &Site, index: usize) -> Option<i32> {
    match site.event_data(index)?.start {
        EventTime::At(start) => Some(start.year()),
        EventTime::Day(_) => None,
    }
}

/// A whole `VCALENDAR`, with its name and fixed product id, and the `VTIMEZONE` block of the
/// site's time zone when an event has a time.
fn calendar(
    site: &Site,
    name: &str,
    events: impl IntoIterator<Item = icalendar::Event>,
    zone: Option<&str>,
) -> String {
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
    let text = calendar.to_string();
    match zone {
        // The block goes before the events (RFC 5545 allows any order; some parsers want it
        // first).
        Some(block) => {
            let at = text
                .find("BEGIN:VEVENT")
                .or_else(|| text.find("END:VCALENDAR"))
                .unwrap_or(text.len());
            format!("{}{block}{}", &text[..at], &text[at..])
        }
        None => text,
    }
}

/// A change of UTC offset: the UTC instant, the offsets before and after (seconds east), and
/// whether the new one is summer time.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Transition {
    at: NaiveDateTime,
    from: i32,
    to: i32,
    daylight: bool,
}

fn offset_at(tz: chrono_tz::Tz, utc: NaiveDateTime) -> (i32, bool) {
    let offset = tz.offset_from_utc_datetime(&utc);
    (
        offset.fix().local_minus_utc(),
        !offset.dst_offset().is_zero(),
    )
}

/// The offset changes of `tz` during `year`, found by probing each day and then narrowing to
/// the second (chrono-tz has no list of transitions).
fn transitions(tz: chrono_tz::Tz, year: i32) -> Vec<Transition> {
    let mut found = Vec::new();
    let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return found;
    };
    let mut day = first.and_time(Default::default());
    let mut before = offset_at(tz, day);
    while day.year() == year {
        let next = day + chrono::Duration::days(1);
        let after = offset_at(tz, next);
        if after != before {
            // The change lies in (day, next]: narrow it down to the second.
            let (mut low, mut high) = (day, next);
            while high - low > chrono::Duration::seconds(1) {
                let middle = low + (high - low) / 2;
                if offset_at(tz, middle) == before {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            found.push(Transition {
                at: high,
                from: before.0,
                to: after.0,
                daylight: after.1,
            });
        }
        before = after;
        day = next;
    }
    found
}

/// `+0100`, `-0330`.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

/// The rule that gives this day each year, as RFC 5545 writes it: `BYMONTH=3;BYDAY=-1SU` (last
/// Sunday of March) or `BYMONTH=3;BYDAY=2SU` (second Sunday).
fn yearly_rule(day: NaiveDate) -> (String, impl Fn(i32) -> Option<NaiveDate>) {
    const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let weekday = day.weekday();
    let month = day.month();
    let last = day
        .checked_add_days(chrono::Days::new(7))
        .is_none_or(|d| d.month() != month);
    let nth = (day.day() as i32 - 1) / 7 + 1;
    let which = if last { -1 } else { nth };
    let rule = format!(
        "FREQ=YEARLY;BYMONTH={month};BYDAY={which}{}",
        DAYS[weekday.num_days_from_monday() as usize]
    );
    let predict = move |year: i32| {
        if which == -1 {
            let next_month = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)
            }?;
            let mut d = next_month.pred_opt()?;
            while d.weekday() != weekday {
                d = d.pred_opt()?;
            }
            Some(d)
        } else {
            NaiveDate::from_weekday_of_month_opt(year, month, weekday, which as u8)
        }
    };
    (rule, predict)
}

/// Years over which a rule of the time zone is checked before it is written as a yearly rule.
const RULE_CHECK_YEARS: i32 = 30;

/// The `VTIMEZONE` block of `tz` for events from `year` on: one `STANDARD` and one `DAYLIGHT` part with a
/// yearly rule when the zone's changes follow one for the next 30 years (Europe/Paris: last
/// Sunday of March and of October); each change written out over those years otherwise; a
/// single `STANDARD` part for a zone without changes.
fn vtimezone(tz: chrono_tz::Tz, year: i32) -> String {
    // Rules start the year before: an event early in `year` falls before that year's first
    // change, and needs the previous one to be in force.
    let year = year - 1;
    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", tz.name());
    let part = |out: &mut String, t: &Transition, rule: Option<&str>| {
        let kind = if t.daylight { "DAYLIGHT" } else { "STANDARD" };
        // DTSTART of an observance is the local time just before the change, in the old offset.
        let local = t.at + chrono::Duration::seconds(t.from as i64);
        out.push_str(&format!(
            "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\n",
            local.format("%Y%m%dT%H%M%S"),
            offset_text(t.from),
            offset_text(t.to)
        ));
        if let Some(rule) = rule {
            out.push_str(&format!("RRULE:{rule}\r\n"));
        }
        out.push_str(&format!("END:{kind}\r\n"));
    };
    let first = transitions(tz, year);
    let later: Vec<Vec<Transition>> = (1..=RULE_CHECK_YEARS)
        .map(|k| transitions(tz, year + k))
        .collect();
    if first.is_empty() && later.iter().all(Vec::is_empty) {
        let (offset, _) = offset_at(
            tz,
            NaiveDate::from_ymd_opt(year, 1, 1)
                .unwrap_or_default()
                .and_time(Default::default()),
        );
        let text = offset_text(offset);
        out.push_str(&format!("BEGIN:STANDARD\r\nDTSTART:{year}0101T000000\r\nTZOFFSETFROM:{text}\r\nTZOFFSETTO:{text}\r\nEND:STANDARD\r\n"));
    } else {
        // A yearly rule per change of the first year, if every later year agrees with it.
        let rules: Vec<(String, bool)> = first
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let local = t.at + chrono::Duration::seconds(t.from as i64);
                let (rule, predict) = yearly_rule(local.date());
                let holds = later.iter().enumerate().all(|(k, changes)| {
                    changes.len() == first.len() && {
                        let c = changes[i];
                        let c_local = c.at + chrono::Duration::seconds(c.from as i64);
                        predict(year + 1 + k as i32) == Some(c_local.date())
                            && c_local.time() == local.time()
                            && (c.from, c.to, c.daylight) == (t.from, t.to, t.daylight)
                    }
                });
                (rule, holds)
            })
            .collect();
        if !first.is_empty() && rules.iter().all(|(_, holds)| *holds) {
            for (t, (rule, _)) in first.iter().zip(&rules) {
                part(&mut out, t, Some(rule));
            }
        } else {
            for t in first.iter().chain(later.iter().flatten()) {
                part(&mut out, t, None);
            }
        }
    }
    out.push_str("END:VTIMEZONE\r\n");
    out
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

/// `DTSTART` and `DTEND`: dates for whole days (end exclusive), local times of the site's time
/// zone (`TZID`) for timed events.
fn set_times(component: &mut icalendar::Event, event: &Event, tz: chrono_tz::Tz) {
    let local = |date_time: NaiveDateTime| CalendarDateTime::WithTimezone {
        date_time,
        tzid: tz.name().to_string(),
    };
    match (event.start, event.end) {
        (EventTime::At(start), end) => {
            component.starts(local(start));
            match end {
                Some(EventTime::At(end)) => {
                    component.ends(local(end));
                }
                // A timed start with a whole-day end: it lasts until the end of that day.
                Some(EventTime::Day(day)) => {
                    component.ends(local(next_day(day).and_time(Default::default())));
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
    fn timed_events_are_written_in_the_site_time_zone() {
        let text = component_text(&event("2027-05-17T18:30", Some("2027-05-17T20:00"), None));
        assert!(
            text.contains("DTSTART;TZID=Europe/Paris:20270517T183000\r\n"),
            "{text}"
        );
        assert!(
            text.contains("DTEND;TZID=Europe/Paris:20270517T200000\r\n"),
            "{text}"
        );
        let winter = component_text(&event("2026-12-01T09:00", None, None));
        assert!(
            winter.contains("DTSTART;TZID=Europe/Paris:20261201T090000\r\n"),
            "{winter}"
        );
        assert!(!winter.contains("DTEND"), "{winter}");
    }

    #[test]
    fn paris_gets_its_summer_time_rules() {
        let block = vtimezone(chrono_tz::Europe::Paris, 2026);
        assert_eq!(
            block,
            "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n\
             BEGIN:DAYLIGHT\r\nDTSTART:20250330T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
             BEGIN:STANDARD\r\nDTSTART:20251026T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
             END:VTIMEZONE\r\n"
        );
        // New York: second Sunday of March, first Sunday of November.
        let ny = vtimezone(chrono_tz::America::New_York, 2026);
        assert!(
            ny.contains("BYMONTH=3;BYDAY=2SU") && ny.contains("BYMONTH=11;BYDAY=1SU"),
            "{ny}"
        );
        // No summer time: one fixed offset.
        let tokyo = vtimezone(chrono_tz::Asia::Tokyo, 2026);
        assert!(
            tokyo.contains("TZOFFSETTO:+0900") && !tokyo.contains("DAYLIGHT"),
            "{tokyo}"
        );
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
