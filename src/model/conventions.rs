//! What a convention's dates mean on a given day: status, end of the current period, last day
//! to give notice, next renewal.
//!
//! Conventions run from `effective` (or `signed` when no effective date is written) for
//! `duration_months`; with tacit renewal they start again for `renewal_months` (by default the
//! same length) unless a party gives notice `notice_months` before the end of a period.
//! `period_end` is the last day in force; the notice deadline is `period_end` minus
//! `notice_months`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::dates::{add_months, sub_months};
use crate::model::frontmatter::{Convention, Renewal};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not yet in force.
    AVenir,
    /// In its first period.
    EnVigueur,
    /// Renewed by tacit renewal at least once.
    Reconduite,
    Expiree,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::AVenir => "a-venir",
            Status::EnVigueur => "en-vigueur",
            Status::Reconduite => "reconduite",
            Status::Expiree => "expiree",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::AVenir => "À venir",
            Status::EnVigueur => "En vigueur",
            Status::Reconduite => "Reconduite tacitement",
            Status::Expiree => "Expirée",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timeline {
    pub status: Status,
    pub start: NaiveDate,
    /// Last day of the current (or last) period; `None` for a convention of unlimited duration.
    pub period_end: Option<NaiveDate>,
    /// Last day on which a party can give notice to stop the convention at `period_end`.
    pub notice_deadline: Option<NaiveDate>,
    /// First day of the next period, when tacit renewal applies.
    pub next_renewal: Option<NaiveDate>,
    /// Every period up to the current one (or the last), for the timeline picture.
    pub periods: Vec<(NaiveDate, NaiveDate)>,
}

/// `None` when the convention has neither an effective nor a signature date.
pub fn timeline(c: &Convention, today: NaiveDate) -> Option<Timeline> {
    let start = c.effective.or(c.signed)?.0;
    let Some(duration) = c.duration_months.filter(|d| *d > 0) else {
        let status = if today < start {
            Status::AVenir
        } else {
            Status::EnVigueur
        };
        return Some(Timeline {
            status,
            start,
            period_end: None,
            notice_deadline: None,
            next_renewal: None,
            periods: vec![],
        });
    };
    let first_end = last_day(start, duration);
    let mut periods = vec![(start, first_end)];
    let renewal_len = c.renewal_months.filter(|m| *m > 0).unwrap_or(duration);
    let tacit = c.renewal == Renewal::Tacit;
    let status;
    if today < start {
        status = Status::AVenir;
    } else if today <= first_end {
        status = Status::EnVigueur;
    } else if tacit {
        status = Status::Reconduite;
        // Bounded: one period per loop, and `today` is a real date.
        while periods.last().is_some_and(|(_, end)| *end < today) {
            let next_start = periods
                .last()
                .map(|(_, end)| end.succ_opt().unwrap_or(*end))
                .unwrap_or(start);
            periods.push((next_start, last_day(next_start, renewal_len)));
        }
    } else {
        status = Status::Expiree;
    }
    let period_end = periods.last().map(|(_, end)| *end);
    let in_force = status != Status::Expiree;
    Some(Timeline {
        status,
        start,
        period_end,
        notice_deadline: match (c.notice_months, period_end) {
            (Some(n), Some(end)) if in_force => Some(sub_months(end, n)),
            _ => None,
        },
        next_renewal: (tacit && in_force)
            .then(|| period_end.and_then(|e| e.succ_opt()))
            .flatten(),
        periods,
    })
}

fn last_day(start: NaiveDate, months: u32) -> NaiveDate {
    add_months(start, months).pred_opt().unwrap_or(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dates::Date;

    fn d(s: &str) -> NaiveDate {
        crate::model::dates::parse_date(s).unwrap()
    }

    fn convention(
        effective: &str,
        duration: u32,
        renewal: Renewal,
        notice: Option<u32>,
    ) -> Convention {
        Convention {
            parties: vec![],
            signed: None,
            effective: Some(Date(d(effective))),
            duration_months: Some(duration),
            renewal,
            renewal_months: None,
            notice_months: notice,
            document: None,
        }
    }

    #[test]
    fn around_the_end_of_a_convention_without_renewal() {
        let c = convention("2019-01-01", 36, Renewal::None, Some(3));
        let t = timeline(&c, d("2021-12-30")).unwrap();
        assert_eq!(t.status, Status::EnVigueur);
        assert_eq!(t.period_end, Some(d("2021-12-31")));
        assert_eq!(t.notice_deadline, Some(d("2021-09-30")));
        assert_eq!(
            timeline(&c, d("2021-12-31")).unwrap().status,
            Status::EnVigueur
        );
        let after = timeline(&c, d("2022-01-01")).unwrap();
        assert_eq!(after.status, Status::Expiree);
        assert_eq!(after.notice_deadline, None);
        assert_eq!(after.next_renewal, None);
    }

    #[test]
    fn before_the_start_it_is_to_come() {
        let c = convention("2019-01-01", 36, Renewal::None, None);
        assert_eq!(
            timeline(&c, d("2018-12-31")).unwrap().status,
            Status::AVenir
        );
        assert_eq!(
            timeline(&c, d("2019-01-01")).unwrap().status,
            Status::EnVigueur
        );
    }

    #[test]
    fn tacit_renewal_rolls_periods_over() {
        let mut c = convention("2019-01-01", 12, Renewal::Tacit, Some(2));
        c.renewal_months = Some(12);
        let last_day_of_first = timeline(&c, d("2019-12-31")).unwrap();
        assert_eq!(last_day_of_first.status, Status::EnVigueur);
        assert_eq!(last_day_of_first.next_renewal, Some(d("2020-01-01")));
        assert_eq!(last_day_of_first.notice_deadline, Some(d("2019-10-31")));
        let renewed = timeline(&c, d("2020-01-01")).unwrap();
        assert_eq!(renewed.status, Status::Reconduite);
        assert_eq!(renewed.period_end, Some(d("2020-12-31")));
        assert_eq!(renewed.periods.len(), 2);
        let years_later = timeline(&c, d("2026-11-23")).unwrap();
        assert_eq!(years_later.period_end, Some(d("2026-12-31")));
        assert_eq!(years_later.notice_deadline, Some(d("2026-10-31")));
        assert_eq!(years_later.next_renewal, Some(d("2027-01-01")));
    }

    #[test]
    fn notice_deadline_day_before_on_and_after() {
        let c = convention("2020-07-01", 24, Renewal::Tacit, Some(6));
        let t = timeline(&c, d("2021-12-31")).unwrap();
        assert_eq!(t.period_end, Some(d("2022-06-30")));
        assert_eq!(t.notice_deadline, Some(d("2021-12-30")));
        // After the deadline the next period is certain: still the same deadline is shown.
        assert_eq!(
            timeline(&c, d("2021-12-29")).unwrap().notice_deadline,
            Some(d("2021-12-30"))
        );
    }

    #[test]
    fn no_dates_means_no_timeline_and_no_duration_means_open_ended() {
        let mut c = convention("2019-01-01", 0, Renewal::None, None);
        c.duration_months = None;
        let t = timeline(&c, d("2030-01-01")).unwrap();
        assert_eq!((t.status, t.period_end), (Status::EnVigueur, None));
        c.effective = None;
        assert!(timeline(&c, d("2030-01-01")).is_none());
    }
}
