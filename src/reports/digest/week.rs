//! The org's calendar: which days make up a week, which weeks make up the
//! period so far, and the instants history is reconstructed at.
//!
//! A week is labelled by its ISO week (`2026-W47`) and starts on the org's
//! `week_start` day. With the default, `monday`, that is the ISO week itself.
//! With another day, the week starts on that day on or before the ISO Monday:
//! with `sunday`, 2026-W47 runs from Sunday 15 to Saturday 21 November 2026.
//! A week runs from 00:00 of its first day in the org's time zone to 00:00 of
//! the next week's first day.

use jiff::civil::Weekday as CivilWeekday;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

use crate::error::{Error, Result};
use crate::model::{Date, IsoWeek, OrgSettings, Period, Weekday};

/// How the org counts days, weeks and quarters.
#[derive(Clone, Debug)]
pub struct Calendar {
    pub time_zone: TimeZone,
    pub week_start: CivilWeekday,
    pub fiscal_year_start_month: u8,
    pub stale_after_days: u32,
}

/// One week: its label, its days and the instants it runs between.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeekWindow {
    pub week: IsoWeek,
    pub first_day: Date,
    pub last_day: Date,
    /// 00:00 of the first day in the org's time zone.
    pub start: Timestamp,
    /// 00:00 of the next week's first day: the week holds instants before it.
    pub end: Timestamp,
}

impl WeekWindow {
    pub fn contains(&self, instant: Timestamp) -> bool {
        self.start <= instant && instant < self.end
    }

    /// The week's `day` (a week holds each day of the week once).
    pub fn day(&self, day: Weekday) -> Date {
        let offset = civil_weekday(day).since(self.first_day.0.weekday());
        add_days(self.first_day, i64::from(offset)).unwrap_or(self.last_day)
    }
}

/// Everything a digest reads over time: its week, the fiscal period that week
/// belongs to, the period's weeks so far, and how far back history is read.
#[derive(Clone, Debug)]
pub struct Timeline {
    /// The digest's week; the last of `weeks`.
    pub week: WeekWindow,
    pub period: Period,
    pub period_first_day: Date,
    pub period_last_day: Date,
    /// 00:00 of the period's first day.
    pub period_start: Timestamp,
    /// The period's weeks from the one holding its first day through the
    /// digest's week, oldest first: one sparkline point each.
    pub weeks: Vec<WeekWindow>,
    /// How many weeks the whole period spans, counted the same way.
    pub period_week_count: usize,
    /// Where history starts: the start of the period's first week, or
    /// `stale_after_days` before the digest's week starts when that is
    /// earlier, so anything untouched since is known to be stale.
    pub history_start: Timestamp,
    pub history_start_day: Date,
}

impl Calendar {
    /// The calendar `orgit.yaml` describes; defaults for what it leaves out.
    pub fn from_settings(settings: Option<&OrgSettings>) -> Result<Calendar> {
        let time_zone = match settings.and_then(|s| s.timezone.as_ref()) {
            None => TimeZone::UTC,
            Some(name) => TimeZone::get(name).map_err(|_| {
                Error::new(format!("unknown time zone `{}` in orgit.yaml", name.value))
                    .hint("set `timezone` to an IANA zone such as `Europe/Berlin`; `orgit check` shows where")
            })?,
        };
        let week_start = settings
            .and_then(|s| s.week_start.as_ref())
            .map_or(CivilWeekday::Monday, |day| civil_weekday(day.value));
        Ok(Calendar {
            time_zone,
            week_start,
            fiscal_year_start_month: settings.map_or(1, |s| s.fiscal_year_start_month()),
            stale_after_days: settings.map_or(14, |s| s.stale_after_days()),
        })
    }

    /// The week labelled `week`.
    pub fn week(&self, week: IsoWeek) -> Result<WeekWindow> {
        let monday = week.monday();
        let back = CivilWeekday::Monday.since(self.week_start);
        self.week_from(add_days(monday, -i64::from(back))?)
    }

    /// The week `date` falls in.
    pub fn week_containing(&self, date: Date) -> Result<WeekWindow> {
        let back = date.0.weekday().since(self.week_start);
        self.week_from(add_days(date, -i64::from(back))?)
    }

    /// The newest week that has ended by `today` (today is not in it).
    pub fn last_complete_week(&self, today: Date) -> Result<WeekWindow> {
        let current = self.week_containing(today)?;
        self.week_containing(add_days(current.first_day, -1)?)
    }

    /// The week whose first day is `first_day`.
    fn week_from(&self, first_day: Date) -> Result<WeekWindow> {
        // The ISO Monday on or after the first day names the week.
        let monday = add_days(
            first_day,
            i64::from(CivilWeekday::Monday.since(self.week_start)),
        )?;
        let next_first_day = add_days(first_day, 7)?;
        Ok(WeekWindow {
            week: IsoWeek::containing(monday),
            first_day,
            last_day: add_days(first_day, 6)?,
            start: self.start_of_day(first_day)?,
            end: self.start_of_day(next_first_day)?,
        })
    }

    /// 00:00 of `date` in the org's time zone (or the first instant of the day
    /// when a clock change skips midnight).
    pub fn start_of_day(&self, date: Date) -> Result<Timestamp> {
        date.0
            .to_zoned(self.time_zone.clone())
            .map(|zoned| zoned.timestamp())
            .map_err(|_| out_of_range(date))
    }

    /// The digest's timeline for `week`.
    pub fn timeline(&self, week: WeekWindow) -> Result<Timeline> {
        let period = Period::containing(week.last_day, self.fiscal_year_start_month);
        let (period_first_day, period_last_day) = period.date_range(self.fiscal_year_start_month);
        let first_week = self.week_containing(period_first_day)?;
        let last_week = self.week_containing(period_last_day)?;
        let period_week_count = week_count(&first_week, &last_week);

        let mut weeks = vec![first_week];
        while let Some(last) = weeks.last()
            && last.first_day < week.first_day
        {
            let next = self.week_from(add_days(last.first_day, 7)?)?;
            weeks.push(next);
        }

        let stale_day = add_days(week.first_day, -i64::from(self.stale_after_days))?;
        let history_start_day = stale_day.min(weeks[0].first_day);
        Ok(Timeline {
            history_start: self.start_of_day(history_start_day)?,
            history_start_day,
            period_start: self.start_of_day(period_first_day)?,
            week,
            period,
            period_first_day,
            period_last_day,
            weeks,
            period_week_count,
        })
    }
}

impl Timeline {
    /// The instants to reconstruct the org at, oldest first: the start of
    /// history (when it is before the period's first week), then every week
    /// boundary from the start of the period's first week to the end of the
    /// digest's week.
    pub fn instants(&self) -> Vec<Timestamp> {
        let mut instants = Vec::with_capacity(self.weeks.len() + 2);
        if self.history_start < self.weeks[0].start {
            instants.push(self.history_start);
        }
        instants.extend(self.weeks.iter().map(|w| w.start));
        instants.push(self.week.end);
        instants
    }

    /// Index into [`Timeline::instants`] (and so into the snapshots) of the
    /// start of `weeks[index]`; the week's end is the next one.
    pub fn week_start_instant(&self, index: usize) -> usize {
        let offset = usize::from(self.history_start < self.weeks[0].start);
        offset + index
    }
}

/// Weeks from `first` through `last`, both included.
fn week_count(first: &WeekWindow, last: &WeekWindow) -> usize {
    let days = first.first_day.days_until(last.first_day);
    usize::try_from(days / 7 + 1).unwrap_or(0)
}

fn add_days(date: Date, days: i64) -> Result<Date> {
    date.0
        .checked_add(Span::new().days(days))
        .map(Date)
        .map_err(|_| out_of_range(date))
}

fn out_of_range(date: Date) -> Error {
    Error::new(format!("{date} is too close to the end of the calendar"))
        .hint("pick a week between the years 0001 and 9998")
}

fn civil_weekday(day: Weekday) -> CivilWeekday {
    match day {
        Weekday::Monday => CivilWeekday::Monday,
        Weekday::Tuesday => CivilWeekday::Tuesday,
        Weekday::Wednesday => CivilWeekday::Wednesday,
        Weekday::Thursday => CivilWeekday::Thursday,
        Weekday::Friday => CivilWeekday::Friday,
        Weekday::Saturday => CivilWeekday::Saturday,
        Weekday::Sunday => CivilWeekday::Sunday,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar(zone: &str, week_start: CivilWeekday) -> Calendar {
        Calendar {
            time_zone: TimeZone::get(zone).unwrap(),
            week_start,
            fiscal_year_start_month: 1,
            stale_after_days: 14,
        }
    }

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn week(text: &str) -> IsoWeek {
        text.parse().unwrap()
    }

    #[test]
    fn a_monday_week_is_the_iso_week_from_local_midnight_to_midnight() {
        let berlin = calendar("Europe/Berlin", CivilWeekday::Monday);
        let w47 = berlin.week(week("2026-W47")).unwrap();
        assert_eq!(w47.first_day, date("2026-11-16"));
        assert_eq!(w47.last_day, date("2026-11-22"));
        assert_eq!(w47.start.to_string(), "2026-11-15T23:00:00Z");
        assert_eq!(w47.end.to_string(), "2026-11-22T23:00:00Z");
        assert!(w47.contains("2026-11-22T22:59:59Z".parse().unwrap()));
        assert!(!w47.contains("2026-11-22T23:00:00Z".parse().unwrap()));
    }

    #[test]
    fn a_week_across_a_clock_change_is_one_hour_longer() {
        let berlin = calendar("Europe/Berlin", CivilWeekday::Monday);
        let w43 = berlin.week(week("2026-W43")).unwrap();
        // Summer time ends on Sunday 25 October 2026.
        assert_eq!(w43.start.to_string(), "2026-10-18T22:00:00Z");
        assert_eq!(w43.end.to_string(), "2026-10-25T23:00:00Z");
    }

    #[test]
    fn a_sunday_week_starts_the_day_before_the_iso_monday() {
        let utc = calendar("UTC", CivilWeekday::Sunday);
        let w47 = utc.week(week("2026-W47")).unwrap();
        assert_eq!(w47.first_day, date("2026-11-15"));
        assert_eq!(w47.last_day, date("2026-11-21"));
        // Saturday is the week's last day, Sunday starts the next week.
        assert_eq!(utc.week_containing(date("2026-11-21")).unwrap(), w47);
        assert_eq!(
            utc.week_containing(date("2026-11-22")).unwrap().week,
            week("2026-W48")
        );
    }

    #[test]
    fn a_tuesday_week_starts_on_the_tuesday_before_the_iso_monday() {
        let utc = calendar("UTC", CivilWeekday::Tuesday);
        let w47 = utc.week(week("2026-W47")).unwrap();
        assert_eq!(w47.first_day, date("2026-11-10"));
        assert_eq!(w47.last_day, date("2026-11-16"));
        assert_eq!(utc.week_containing(date("2026-11-16")).unwrap(), w47);
    }

    #[test]
    fn the_default_week_is_the_last_one_that_has_ended() {
        let utc = calendar("UTC", CivilWeekday::Monday);
        // On a Monday the week before has just ended.
        let on_monday = utc.last_complete_week(date("2026-11-23")).unwrap();
        assert_eq!(on_monday.week, week("2026-W47"));
        // On a Sunday, the week it is in has not.
        let on_sunday = utc.last_complete_week(date("2026-11-22")).unwrap();
        assert_eq!(on_sunday.week, week("2026-W46"));
    }

    #[test]
    fn week_labels_cross_the_year_like_iso_weeks() {
        let utc = calendar("UTC", CivilWeekday::Monday);
        let w53 = utc.week_containing(date("2027-01-01")).unwrap();
        assert_eq!(w53.week, week("2026-W53"));
        assert_eq!(w53.first_day, date("2026-12-28"));
        assert_eq!(utc.last_complete_week(date("2027-01-05")).unwrap(), w53);
    }

    #[test]
    fn the_timeline_covers_the_period_so_far_and_the_staleness_window() {
        let utc = calendar("UTC", CivilWeekday::Monday);
        let w47 = utc.week(week("2026-W47")).unwrap();
        let timeline = utc.timeline(w47.clone()).unwrap();
        assert_eq!(timeline.period.to_string(), "2026-Q4");
        assert_eq!(timeline.period_first_day, date("2026-10-01"));
        // 1 October 2026 is a Thursday: the period's first week is W40.
        assert_eq!(timeline.weeks[0].first_day, date("2026-09-28"));
        assert_eq!(timeline.weeks.len(), 8);
        assert_eq!(timeline.weeks.last(), Some(&w47));
        assert_eq!(timeline.period_week_count, 14);
        assert_eq!(timeline.history_start_day, date("2026-09-28"));
        let instants = timeline.instants();
        assert_eq!(instants.len(), 9);
        assert_eq!(instants[0], timeline.weeks[0].start);
        assert_eq!(instants[8], w47.end);
        assert_eq!(timeline.week_start_instant(7), 7);
    }

    #[test]
    fn early_in_a_period_history_reaches_back_for_staleness() {
        let utc = calendar("UTC", CivilWeekday::Monday);
        let w41 = utc.week(week("2026-W41")).unwrap();
        let timeline = utc.timeline(w41).unwrap();
        assert_eq!(timeline.weeks.len(), 2);
        // Two weeks before Monday 5 October.
        assert_eq!(timeline.history_start_day, date("2026-09-21"));
        let instants = timeline.instants();
        assert_eq!(instants.len(), 4);
        assert_eq!(instants[0], timeline.history_start);
        assert_eq!(timeline.week_start_instant(0), 1);
    }

    #[test]
    fn a_week_at_the_end_of_the_calendar_is_an_error_not_a_panic() {
        let utc = calendar("UTC", CivilWeekday::Monday);
        assert!(utc.week(week("9999-W52")).is_err());
    }
}
