//! The periods a review covers: a calendar month, a fiscal quarter or a
//! fiscal year, in the org's time zone, and the instants the history is
//! reconstructed at (each period's start and end, and the week boundaries of
//! the reviewed one).

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date as CivilDate;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Date, Period};
use crate::reports::digest::Calendar;

/// Which rhythm a review belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    Monthly,
    Quarterly,
    Annual,
}

impl ReviewKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::Monthly => "monthly",
            ReviewKind::Quarterly => "quarterly",
            ReviewKind::Annual => "annual",
        }
    }

    /// How a period of this kind is written.
    fn shape(self) -> &'static str {
        match self {
            ReviewKind::Monthly => "YYYY-MM, e.g. 2026-11",
            ReviewKind::Quarterly => "YYYY-Qn, e.g. 2026-Q3",
            ReviewKind::Annual => {
                "YYYY (the fiscal year that ends in that calendar year), e.g. 2026"
            }
        }
    }
}

/// One period: a calendar month, a fiscal quarter or a fiscal year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodId {
    Month { year: i16, month: i8 },
    Quarter(Period),
    Year(i16),
}

impl fmt::Display for PeriodId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodId::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            PeriodId::Quarter(period) => write!(f, "{period}"),
            PeriodId::Year(year) => write!(f, "{year:04}"),
        }
    }
}

impl Serialize for PeriodId {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl PeriodId {
    pub fn kind(self) -> ReviewKind {
        match self {
            PeriodId::Month { .. } => ReviewKind::Monthly,
            PeriodId::Quarter(_) => ReviewKind::Quarterly,
            PeriodId::Year(_) => ReviewKind::Annual,
        }
    }

    /// Reads `text` as a period of `kind`.
    pub fn parse(kind: ReviewKind, text: &str) -> Result<PeriodId> {
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let parsed = match kind {
            ReviewKind::Monthly => text.split_once('-').and_then(|(year, month)| {
                let month: i8 = month.parse().ok().filter(|_| digits(month, 2))?;
                let year: i16 = year.parse().ok().filter(|_| digits(year, 4))?;
                (1..=12)
                    .contains(&month)
                    .then_some(PeriodId::Month { year, month })
            }),
            ReviewKind::Quarterly => text.parse::<Period>().ok().map(PeriodId::Quarter),
            ReviewKind::Annual => digits(text, 4)
                .then(|| text.parse().ok())
                .flatten()
                .map(PeriodId::Year),
        };
        parsed.ok_or_else(|| {
            Error::new(format!(
                "`{text}` is not a {} period",
                kind.as_str().trim_end_matches("ly")
            ))
            .hint(format!(
                "write a {} period as {}",
                kind.as_str(),
                kind.shape()
            ))
        })
    }

    /// First and last day, for a fiscal year starting in `start_month`.
    pub fn days(self, start_month: u8) -> (Date, Date) {
        match self {
            PeriodId::Month { year, month } => {
                let first = CivilDate::new(year, month, 1).unwrap_or(CivilDate::MIN);
                (Date(first), Date(first.last_of_month()))
            }
            PeriodId::Quarter(period) => period.date_range(start_month),
            PeriodId::Year(year) => {
                let quarter = |quarter| Period {
                    fiscal_year: year,
                    quarter,
                };
                (
                    quarter(1).date_range(start_month).0,
                    quarter(4).date_range(start_month).1,
                )
            }
        }
    }

    /// The period of the same kind that holds `date`.
    pub fn containing(kind: ReviewKind, date: Date, start_month: u8) -> PeriodId {
        let quarter = Period::containing(date, start_month);
        match kind {
            ReviewKind::Monthly => PeriodId::Month {
                year: date.0.year(),
                month: date.0.month(),
            },
            ReviewKind::Quarterly => PeriodId::Quarter(quarter),
            ReviewKind::Annual => PeriodId::Year(quarter.fiscal_year),
        }
    }

    /// The period of the same kind just before this one.
    pub fn previous(self) -> PeriodId {
        match self {
            PeriodId::Month { year, month: 1 } => PeriodId::Month {
                year: year - 1,
                month: 12,
            },
            PeriodId::Month { year, month } => PeriodId::Month {
                year,
                month: month - 1,
            },
            PeriodId::Quarter(Period {
                fiscal_year,
                quarter: 1,
            }) => PeriodId::Quarter(Period {
                fiscal_year: fiscal_year - 1,
                quarter: 4,
            }),
            PeriodId::Quarter(Period {
                fiscal_year,
                quarter,
            }) => PeriodId::Quarter(Period {
                fiscal_year,
                quarter: quarter - 1,
            }),
            PeriodId::Year(year) => PeriodId::Year(year - 1),
        }
    }

    /// The fiscal quarters whose goals this period scores: a month's
    /// quarter, the quarter itself, a year's four.
    pub fn quarters(self, start_month: u8) -> Vec<Period> {
        match self {
            PeriodId::Month { .. } => {
                let (_, last) = self.days(start_month);
                vec![Period::containing(last, start_month)]
            }
            PeriodId::Quarter(period) => vec![period],
            PeriodId::Year(year) => (1..=4)
                .map(|quarter| Period {
                    fiscal_year: year,
                    quarter,
                })
                .collect(),
        }
    }
}

/// One period on the org's calendar.
#[derive(Clone, Debug)]
pub struct PeriodWindow {
    pub id: PeriodId,
    pub first_day: Date,
    pub last_day: Date,
    /// 00:00 of the first day in the org's time zone.
    pub start: Timestamp,
    /// 00:00 of the day after the last day, or of the day after "today" for
    /// the period under way: the history read ends here.
    pub end: Timestamp,
    /// The period has not ended by "today".
    pub in_progress: bool,
    /// The last day the review reads: the last day, or "today".
    pub through: Date,
}

impl PeriodWindow {
    pub fn new(calendar: &Calendar, id: PeriodId, today: Date) -> Result<PeriodWindow> {
        let (first_day, last_day) = id.days(calendar.fiscal_year_start_month);
        let in_progress = last_day >= today;
        let through = if in_progress { today } else { last_day };
        Ok(PeriodWindow {
            id,
            first_day,
            last_day,
            start: calendar.start_of_day(first_day)?,
            end: calendar.start_of_day(next_day(through)?)?,
            in_progress,
            through,
        })
    }

    /// The share of the period's days gone by `through` (1 once it ended).
    pub fn elapsed(&self) -> f64 {
        let total = self.first_day.days_until(self.last_day) + 1;
        let gone = self.first_day.days_until(self.through) + 1;
        (gone as f64 / total as f64).clamp(0.0, 1.0)
    }
}

/// Picks the reviewed period: `text` when given (a period that has not
/// started is an error), else the last complete one by `today`.
pub fn pick(
    calendar: &Calendar,
    kind: ReviewKind,
    text: Option<&str>,
    today: Date,
) -> Result<PeriodId> {
    let start_month = calendar.fiscal_year_start_month;
    let last_complete = PeriodId::containing(kind, today, start_month).previous();
    let Some(text) = text else {
        return Ok(last_complete);
    };
    let id = PeriodId::parse(kind, text)?;
    let (first_day, _) = id.days(start_month);
    if first_day > today {
        return Err(Error::new(format!(
            "{id} has not started yet: it starts on {first_day}, and today is {today}"
        ))
        .hint(format!(
            "leave out the period for the last complete one ({last_complete}), or pass `--today` to date the run"
        )));
    }
    Ok(id)
}

/// The week boundaries inside a window, oldest first: the starts of the
/// org's weeks after `window.start` and before `window.end`.
pub fn week_boundaries(
    calendar: &Calendar,
    window: &PeriodWindow,
) -> Result<Vec<(Date, Timestamp)>> {
    let mut out = Vec::new();
    let mut week = calendar.week_containing(window.first_day)?;
    loop {
        let next = calendar.week_containing(add_days(week.last_day, 1)?)?;
        if next.start >= window.end {
            return Ok(out);
        }
        out.push((next.first_day, next.start));
        week = next;
    }
}

fn next_day(date: Date) -> Result<Date> {
    add_days(date, 1)
}

fn add_days(date: Date, days: i64) -> Result<Date> {
    date.0
        .checked_add(jiff::Span::new().days(days))
        .map(Date)
        .map_err(|_| {
            Error::new(format!("{date} is too close to the end of the calendar"))
                .hint("pick a period between the years 0001 and 9998")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn periods_parse_by_kind_and_say_how_to_write_them() {
        let month = PeriodId::parse(ReviewKind::Monthly, "2026-11").unwrap();
        assert_eq!(month.to_string(), "2026-11");
        let quarter = PeriodId::parse(ReviewKind::Quarterly, "2026-Q3").unwrap();
        assert_eq!(quarter.to_string(), "2026-Q3");
        assert_eq!(
            PeriodId::parse(ReviewKind::Annual, "2026")
                .unwrap()
                .to_string(),
            "2026"
        );
        let error = PeriodId::parse(ReviewKind::Monthly, "2026-13").unwrap_err();
        assert_eq!(error.message, "`2026-13` is not a month period");
        assert_eq!(
            error.hint.as_deref(),
            Some("write a monthly period as YYYY-MM, e.g. 2026-11")
        );
        assert!(PeriodId::parse(ReviewKind::Quarterly, "2026-11").is_err());
        assert!(PeriodId::parse(ReviewKind::Annual, "FY26").is_err());
    }

    #[test]
    fn a_fiscal_year_starting_in_april_ends_in_march_of_its_year() {
        let year = PeriodId::Year(2027);
        assert_eq!(year.days(4), (date("2026-04-01"), date("2027-03-31")));
        let q1 = PeriodId::containing(ReviewKind::Quarterly, date("2026-05-10"), 4);
        assert_eq!(q1.to_string(), "2027-Q1");
        assert_eq!(q1.previous().to_string(), "2026-Q4");
        assert_eq!(
            PeriodId::Month {
                year: 2026,
                month: 1
            }
            .previous()
            .to_string(),
            "2025-12"
        );
        // February of a leap year.
        assert_eq!(
            PeriodId::Month {
                year: 2028,
                month: 2
            }
            .days(1)
            .1,
            date("2028-02-29")
        );
        assert_eq!(
            PeriodId::Month {
                year: 2026,
                month: 5
            }
            .quarters(4),
            vec!["2027-Q1".parse::<Period>().unwrap()]
        );
    }
}
