//! The agenda's month view: which events happen on which day of a month, as rows of weeks for
//! an accessible `<table>` (caption = month, one column per weekday, events linked in their day).

use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

use crate::model::dates::EventTime;
use crate::model::frontmatter::{Event, Recurrence};
use crate::model::site::Site;

use super::context::Say;

/// The (first day, last day) spans of an event that touch the month of `first_of_month`.
pub fn occurrences_in_month(e: &Event, first_of_month: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let start = e.start.date();
    let end = e.end.map_or(start, EventTime::date).max(start);
    let month_end = last_of_month(first_of_month);
    let mut spans = vec![(start, end)];
    if e.recurrence == Some(Recurrence::Yearly) {
        let length = end - start;
        // The occurrence of the month's year and of the year before (for spans over New Year).
        for year in [first_of_month.year() - 1, first_of_month.year()] {
            // 29 February falls on 1 March in other years.
            let Some(s) = start
                .with_year(year)
                .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
            else {
                continue;
            };
            if s > start {
                spans.push((s, s + length));
            }
        }
    }
    spans
        .into_iter()
        .filter(|(s, e)| *s <= month_end && *e >= first_of_month)
        .collect()
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    crate::model::dates::add_months(first, 1)
        .pred_opt()
        .unwrap_or(first)
}

/// The months the agenda shows: the current one, then the months of the coming year that have
/// an event (at most three), so the view is never a row of empty months.
pub fn months_to_show(site: &Site) -> Vec<NaiveDate> {
    let first = site.today.with_day(1).unwrap_or(site.today);
    let mut months = vec![first];
    for n in 1..12 {
        if months.len() > 3 {
            break;
        }
        let month = crate::model::dates::add_months(first, n);
        let busy = site
            .pages_of_kind(crate::Kind::Event)
            .filter_map(|(i, _)| site.event_data(i))
            .any(|e| !occurrences_in_month(e, month).is_empty());
        if busy {
            months.push(month);
        }
    }
    months
}

/// One month as a table: `caption`, `weeks` (seven cells each; `null` outside the month).
pub fn month_value(site: &Site, first: NaiveDate, say: Say) -> Value {
    let last = last_of_month(first);
    let events: Vec<(usize, Vec<(NaiveDate, NaiveDate)>)> = site
        .pages_of_kind(crate::Kind::Event)
        .filter_map(|(i, _)| {
            site.event_data(i)
                .map(|e| (i, occurrences_in_month(e, first)))
        })
        .filter(|(_, spans)| !spans.is_empty())
        .collect();
    let mut weeks = Vec::new();
    let mut week: Vec<Value> = vec![Value::Null; first.weekday().num_days_from_monday() as usize];
    let mut count = 0;
    let mut day = first;
    while day <= last {
        // An event is linked on its first day, or on the 1st when it began the month before.
        let mut items = Vec::new();
        for (i, spans) in &events {
            for (s, e) in spans {
                if day == (*s).max(first) {
                    let page = &site.pages[*i];
                    let until =
                        (e > s).then(|| say.with("agenda-until", &[("date", &say.date(*e))]));
                    items.push(json!({ "title": page.meta.title, "url": site.href(&page.url), "until": until }));
                }
            }
        }
        count += items.len();
        // Later days of a multi-day event are shaded; the event is named on its first day.
        let during = events
            .iter()
            .flat_map(|(_, spans)| spans)
            .any(|(s, e)| *s < day && day <= *e);
        week.push(json!({
            "day": day.day(),
            "iso": day.format("%Y-%m-%d").to_string(),
            "today": day == site.today,
            "events": items,
            "during": during,
        }));
        if week.len() == 7 {
            weeks.push(std::mem::take(&mut week));
        }
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
    if !week.is_empty() {
        week.resize(7, Value::Null);
        weeks.push(week);
    }
    json!({
        "caption": say.with(
            "month-year",
            &[
                ("month", &say.text(&format!("month-{}", first.month()))),
                ("year", &first.year().to_string()),
            ],
        ),
        "id": format!("mois-{}", first.format("%Y-%m")),
        "weeks": weeks,
        "count": count,
    })
}

/// The month tables of the agenda page and the weekday headers.
pub fn calendar_value(site: &Site, say: Say) -> Value {
    let months: Vec<Value> = months_to_show(site)
        .into_iter()
        .map(|m| month_value(site, m, say))
        .collect();
    // Weekday names for the table headers: full name and abbreviation.
    let weekdays: Vec<Value> = (1..=7)
        .map(|d| {
            json!({
                "name": say.text(&format!("weekday-{d}")),
                "abbr": say.text(&format!("weekday-{d}-abbr")),
            })
        })
        .collect();
    json!({ "months": months, "weekdays": weekdays })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dates::parse_event_time;

    fn d(s: &str) -> NaiveDate {
        crate::model::dates::parse_date(s).unwrap()
    }

    fn event(start: &str, end: Option<&str>, yearly: bool) -> Event {
        Event {
            start: parse_event_time(start).unwrap(),
            end: end.map(|e| parse_event_time(e).unwrap()),
            recurrence: yearly.then_some(Recurrence::Yearly),
            location: None,
            organisers: vec![],
            url: None,
        }
    }

    #[test]
    fn yearly_events_come_back_in_their_month() {
        let e = event("2005-05-17", None, true);
        assert_eq!(
            occurrences_in_month(&e, d("2027-05-01")),
            vec![(d("2027-05-17"), d("2027-05-17"))]
        );
        assert!(occurrences_in_month(&e, d("2027-06-01")).is_empty());
        let once = event("2016-05-17", Some("2016-05-31"), false);
        assert!(occurrences_in_month(&once, d("2027-05-01")).is_empty());
        assert_eq!(occurrences_in_month(&once, d("2016-05-01")).len(), 1);
    }

    #[test]
    fn spans_over_new_year_show_in_both_months() {
        let e = event("2020-12-28", Some("2021-01-03"), true);
        assert_eq!(
            occurrences_in_month(&e, d("2027-01-01")),
            vec![(d("2026-12-28"), d("2027-01-03"))]
        );
    }
}
