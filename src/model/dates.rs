//! Dates as the content writes them (`YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` for a timed event),
//! parsed once with messages that say what to write instead.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

/// A calendar date. Written and shown in ISO form `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// The start or end of an event: a whole day, or a local time in the site's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventTime {
    Day(NaiveDate),
    At(NaiveDateTime),
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

pub fn month_name_fr(month: u32) -> &'static str {
    MONTHS_FR[(month as usize).clamp(1, 12) - 1]
}

/// `17 mai 2027`, `1er mai 2027`.
pub fn format_fr(date: NaiveDate) -> String {
    let day = if date.day() == 1 {
        "1er".to_string()
    } else {
        date.day().to_string()
    };
    format!("{day} {} {}", month_name_fr(date.month()), date.year())
}

/// Adds calendar months, keeping the end of month when the day does not exist (31 → 30).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

pub fn sub_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

/// Parses `YYYY-MM-DD`; the error explains what is wrong and what to write.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    if let Some((y, m, d)) = split3(text, '-') {
        if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) {
            if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
                return NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| impossible(y, m, d));
            }
        }
    }
    // Dates typed the French way, 17/05/2027 or 17.05.2027: say how to write them.
    for sep in ['/', '.', '-'] {
        if let Some((d, m, y)) = split3(text, sep) {
            if let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>()) {
                if y > 999 {
                    return match NaiveDate::from_ymd_opt(y, m, d) {
                        Some(date) => Err(format!(
                            "invalid date `{text}`: dates are written year-month-day; write `{}`",
                            date.format("%Y-%m-%d")
                        )),
                        None => Err(impossible(y, m, d)),
                    };
                }
            }
        }
    }
    Err(format!(
        "invalid date `{text}`: write a date as YYYY-MM-DD, for example `2027-05-17`"
    ))
}

fn impossible(y: i32, m: u32, d: u32) -> String {
    if !(1..=12).contains(&m) {
        return format!("invalid date `{y:04}-{m:02}-{d:02}`: there is no month {m}; write YYYY-MM-DD with a month from 01 to 12");
    }
    let last = (28..=31)
        .rev()
        .find(|day| NaiveDate::from_ymd_opt(y, m, *day).is_some())
        .unwrap_or(28);
    format!(
        "invalid date `{y:04}-{m:02}-{d:02}`: {} {y} has {last} days; check the day",
        month_name_fr(m)
    )
}

fn split3(text: &str, sep: char) -> Option<(&str, &str, &str)> {
    let mut parts = text.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    parts.next().is_none().then_some((a, b, c))
}

pub fn parse_event_time(text: &str) -> Result<EventTime, String> {
    let text = text.trim();
    let Some((day, time)) = text.split_once(['T', ' ']) else {
        return parse_date(text).map(EventTime::Day);
    };
    let day = parse_date(day)?;
    let time = NaiveTime::parse_from_str(time, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"))
        .map_err(|_| format!("invalid time `{time}` in `{text}`: write the time as HH:MM, for example `{}T18:30`", day.format("%Y-%m-%d")))?;
    Ok(EventTime::At(day.and_time(time)))
}

impl EventTime {
    /// The same time of day, `by` later (a yearly event's next occurrence).
    pub fn shifted(self, by: chrono::TimeDelta) -> EventTime {
        match self {
            EventTime::Day(d) => EventTime::Day(d + by),
            EventTime::At(dt) => EventTime::At(dt + by),
        }
    }

    pub fn date(self) -> NaiveDate {
        match self {
            EventTime::Day(d) => d,
            EventTime::At(dt) => dt.date(),
        }
    }

    pub fn time(self) -> Option<NaiveTime> {
        match self {
            EventTime::Day(_) => None,
            EventTime::At(dt) => Some(dt.time()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl fmt::Display for EventTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventTime::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            EventTime::At(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M")),
        }
    }
}

/// YAML may hand a date over as a string or, for bare numbers, as an integer.
fn scalar_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct Text;
    impl de::Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a date written YYYY-MM-DD, for example 2027-05-17")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    deserializer.deserialize_any(Text)
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = scalar_text(deserializer)?;
        parse_date(&text).map(Date).map_err(de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for EventTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = scalar_text(deserializer)?;
        parse_event_time(&text).map_err(de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for EventTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn impossible_dates_are_explained() {
        let e = parse_date("2027-02-30").unwrap_err();
        assert!(e.contains("février 2027 has 28 days"), "{e}");
        assert!(parse_date("2027-13-01")
            .unwrap_err()
            .contains("no month 13"));
    }

    #[test]
    fn french_order_gets_the_iso_spelling_in_the_help() {
        let e = parse_date("17/05/2027").unwrap_err();
        assert!(e.contains("write `2027-05-17`"), "{e}");
        assert!(parse_date("17.05.2027")
            .unwrap_err()
            .contains("`2027-05-17`"));
    }

    #[test]
    fn event_times_are_days_or_local_times() {
        assert_eq!(
            parse_event_time("2027-05-17").unwrap(),
            EventTime::Day(NaiveDate::from_ymd_opt(2027, 5, 17).unwrap())
        );
        let at = parse_event_time("2027-05-17T18:30").unwrap();
        assert_eq!(at.time().unwrap().format("%H:%M").to_string(), "18:30");
        assert!(parse_event_time("2027-05-17T25:00")
            .unwrap_err()
            .contains("HH:MM"));
    }

    #[test]
    fn months_clamp_to_the_end_of_month() {
        let d = NaiveDate::from_ymd_opt(2019, 1, 31).unwrap();
        assert_eq!(
            add_months(d, 1),
            NaiveDate::from_ymd_opt(2019, 2, 28).unwrap()
        );
        assert_eq!(
            format_fr(NaiveDate::from_ymd_opt(2027, 5, 1).unwrap()),
            "1er mai 2027"
        );
    }

    proptest! {
        #[test]
        fn every_valid_date_round_trips(days in 0i64..200_000) {
            let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
            let text = date.format("%Y-%m-%d").to_string();
            prop_assert_eq!(parse_date(&text), Ok(date));
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,24}") {
            let _ = parse_date(&text);
            let _ = parse_event_time(&text);
        }

        #[test]
        fn day_month_year_always_gets_a_fix(days in 0i64..100_000) {
            let date = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days(days);
            let french = date.format("%d/%m/%Y").to_string();
            let e = parse_date(&french).unwrap_err();
            let expected = format!("write `{}`", date.format("%Y-%m-%d"));
            prop_assert!(e.contains(&expected));
        }
    }
}
