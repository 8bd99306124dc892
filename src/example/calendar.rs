//! The history's calendar: which weeks it covers, the working days in them,
//! when quarters turn over, and what time a commit made at a local time has
//! in git (seconds and UTC offset, so DST is right).

use jiff::civil;
use jiff::tz::TimeZone;

use super::catalog::TIME_ZONE;
use crate::error::{Error, Result};
use crate::model::{Date, IsoWeek, Period};

/// The example's fiscal year is the calendar year.
const FISCAL_START_MONTH: u8 = 1;

/// A moment of the history: a UTC timestamp and the local offset it was made at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Instant {
    pub seconds: i64,
    pub offset_minutes: i32,
}

impl Instant {
    pub fn git_time(self) -> git2::Time {
        git2::Time::new(self.seconds, self.offset_minutes)
    }

    pub fn plus_seconds(self, seconds: i64) -> Instant {
        Instant {
            seconds: self.seconds + seconds,
            ..self
        }
    }
}

/// A time within a week: 0 = Monday; seconds since local midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct WeekTime {
    pub weekday: u8,
    pub second: u32,
}

impl WeekTime {
    pub const fn at(weekday: u8, hour: u32, minute: u32) -> WeekTime {
        WeekTime {
            weekday,
            second: hour * 3600 + minute * 60,
        }
    }
}

#[derive(Clone, Debug)]
pub(super) struct Calendar {
    zone: TimeZone,
    first_monday: civil::Date,
    weeks: u32,
}

impl Calendar {
    /// The `weeks` weeks (Monday to Sunday) that end with the week holding `end`.
    pub fn new(end: Date, weeks: u32) -> Result<Calendar> {
        let zone = TimeZone::get(TIME_ZONE)
            .map_err(|e| Error::new(format!("time zone {TIME_ZONE}: {e}")))?;
        let offset = i64::from(end.0.weekday().to_monday_zero_offset())
            + 7 * i64::from(weeks.saturating_sub(1));
        let first_monday = end
            .0
            .checked_sub(jiff::Span::new().days(offset))
            .map_err(|_| Error::new(format!("{weeks} weeks before {end} is out of range")))?;
        Ok(Calendar {
            zone,
            first_monday,
            weeks,
        })
    }

    pub fn weeks(&self) -> u32 {
        self.weeks
    }

    /// Index of the last week.
    pub fn final_week(&self) -> u32 {
        self.weeks.saturating_sub(1)
    }

    /// `weekday` (0 = Monday) of week `week`.
    pub fn day(&self, week: u32, weekday: u8) -> Date {
        Date(
            self.first_monday
                .saturating_add(jiff::Span::new().days(i64::from(week) * 7 + i64::from(weekday))),
        )
    }

    pub fn first_day(&self) -> Date {
        self.day(0, 0)
    }

    pub fn last_day(&self) -> Date {
        self.day(self.final_week(), 6)
    }

    pub fn iso_week(&self, week: u32) -> IsoWeek {
        IsoWeek::containing(self.day(week, 0))
    }

    /// The week that holds `date`, if the history covers it.
    pub fn week_of(&self, date: Date) -> Option<u32> {
        let days = self.first_day().days_until(date);
        let week = u32::try_from(days.div_euclid(7)).ok()?;
        (week < self.weeks).then_some(week)
    }

    /// Where `date` falls within its week.
    pub fn weekday(date: Date) -> u8 {
        date.0.weekday().to_monday_zero_offset() as u8
    }

    /// The git time of `at` in week `week`, in the org's time zone.
    pub fn instant(&self, week: u32, at: WeekTime) -> Result<Instant> {
        let date = self.day(week, at.weekday);
        let time = civil::Time::new(
            (at.second / 3600) as i8,
            (at.second / 60 % 60) as i8,
            (at.second % 60) as i8,
            0,
        )
        .map_err(|e| Error::new(format!("time of day: {e}")))?;
        let zoned = date
            .0
            .to_datetime(time)
            .to_zoned(self.zone.clone())
            .map_err(|e| Error::new(format!("{date} in {TIME_ZONE}: {e}")))?;
        Ok(Instant {
            seconds: zoned.timestamp().as_second(),
            offset_minutes: zoned.offset().seconds() / 60,
        })
    }

    pub fn period_of(date: Date) -> Period {
        Period::containing(date, FISCAL_START_MONTH)
    }

    pub fn period_range(period: Period) -> (Date, Date) {
        period.date_range(FISCAL_START_MONTH)
    }

    /// How much of `period` has passed at the end of `date` (0.0–1.0).
    pub fn elapsed(period: Period, date: Date) -> f64 {
        let (first, last) = Calendar::period_range(period);
        let total = first.days_until(last) + 1;
        let done = (first.days_until(date) + 1).clamp(0, total);
        done as f64 / total as f64
    }

    /// The period that follows `period`.
    pub fn next_period(period: Period) -> Period {
        let (_, last) = Calendar::period_range(period);
        Calendar::period_of(add_days(last, 1))
    }

    /// The quarters whose first working day falls inside the history, each
    /// with the week and weekday of that day: when last quarter is scored and
    /// the new one planned.
    pub fn turnovers(&self) -> Vec<(Period, u32, u8)> {
        let mut out = Vec::new();
        let mut period = Calendar::period_of(self.first_day());
        loop {
            period = Calendar::next_period(period);
            let (first, _) = Calendar::period_range(period);
            let working = next_working_day(first);
            match self.week_of(working) {
                Some(week) => out.push((period, week, Calendar::weekday(working))),
                None if working > self.last_day() => return out,
                None => {}
            }
        }
    }
}

pub(super) fn add_days(date: Date, days: i64) -> Date {
    Date(date.0.saturating_add(jiff::Span::new().days(days)))
}

/// `date`, or the Monday after it when it falls on a weekend.
pub(super) fn next_working_day(date: Date) -> Date {
    match Calendar::weekday(date) {
        5 => add_days(date, 2),
        6 => add_days(date, 1),
        _ => date,
    }
}

/// `date`, or the Friday before it when it falls on a weekend.
pub(super) fn previous_working_day(date: Date) -> Date {
    match Calendar::weekday(date) {
        5 => add_days(date, -1),
        6 => add_days(date, -2),
        _ => date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn weeks_end_with_the_week_of_the_end_date() {
        let calendar = Calendar::new(date("2026-11-22"), 13).unwrap();
        assert_eq!(calendar.first_day(), date("2026-08-24"));
        assert_eq!(calendar.last_day(), date("2026-11-22"));
        assert_eq!(calendar.iso_week(12).to_string(), "2026-W47");
        // A mid-week end date still ends the history on that week's Sunday.
        let calendar = Calendar::new(date("2026-11-18"), 1).unwrap();
        assert_eq!(calendar.first_day(), date("2026-11-16"));
        assert_eq!(calendar.last_day(), date("2026-11-22"));
    }

    #[test]
    fn quarters_turn_over_on_their_first_working_day() {
        // 2026-10-01 is a Thursday.
        let calendar = Calendar::new(date("2026-11-22"), 13).unwrap();
        let turnovers: Vec<String> = calendar
            .turnovers()
            .iter()
            .map(|(p, week, day)| format!("{p} {} {day}", calendar.iso_week(*week)))
            .collect();
        assert_eq!(turnovers, ["2026-Q4 2026-W40 3"]);
        // 2027-01-01 is a Friday; 2027-04-01 a Thursday.
        let calendar = Calendar::new(date("2027-04-04"), 20).unwrap();
        assert_eq!(calendar.turnovers().len(), 2);
    }

    #[test]
    fn commit_times_follow_daylight_saving() {
        let calendar = Calendar::new(date("2026-11-22"), 13).unwrap();
        let summer = calendar.instant(0, WeekTime::at(0, 9, 0)).unwrap();
        let winter = calendar.instant(12, WeekTime::at(0, 9, 0)).unwrap();
        assert_eq!(summer.offset_minutes, 120);
        assert_eq!(winter.offset_minutes, 60);
        assert_eq!(
            Calendar::elapsed("2026-Q4".parse().unwrap(), date("2026-12-31")),
            1.0
        );
    }
}
