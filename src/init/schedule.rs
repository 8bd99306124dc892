//! When the scheduled workflows wake, in UTC (the only zone cron knows).
//!
//! The digest and the reviews pick "the last complete week" and "the last
//! complete month" in the org's own time zone. Woken at 06:00 UTC on a
//! Monday, an org in Los Angeles is still on Sunday: its week is not over,
//! so the job would write the week before, every week. The wake-up hour is
//! therefore the first whole hour at which the new day has begun in the
//! org's zone at its most western offset of the year (standard time), and
//! never before 06:00 UTC, so orgs east of UTC keep an early-morning run.
//!
//! The reminder is for people, not for a week that must be over: it wakes
//! on check-in day at the first whole UTC hour that is 09:00 or later there
//! all year, which for orgs far east of UTC is the evening before in UTC.

use jiff::civil::Weekday;
use jiff::tz::TimeZone;

use crate::model::Date;

/// The earliest hour orgit's scheduled jobs run at.
const EARLIEST_HOUR: i32 = 6;

/// The local hour the reminder reaches people at, at the earliest.
const REMINDER_LOCAL_HOUR: i32 = 9;

/// The cron schedules of the scheduled workflows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Schedule {
    /// The digest's hour on Monday, 0–23 UTC.
    pub digest_hour: u8,
    /// The reviews' hour on days 1–3 of the month, an hour after the digest's.
    pub review_hour: u8,
    /// `HH:00`, for people.
    pub digest_time: String,
    pub review_time: String,
    /// `0 H * * 1`.
    pub digest_cron: String,
    /// `0 H 1-3 * *`.
    pub review_cron: String,
    /// The reminder's hour and day in UTC, `HH:00` and `Friday`, for people.
    pub remind_time: String,
    pub remind_day: String,
    /// `0 H * * D`.
    pub remind_cron: String,
}

impl Schedule {
    /// The schedule for an org in `zone` whose check-ins are due on
    /// `checkin_day`, from the offsets `zone` has in the year of `today`.
    pub fn for_zone(zone: &TimeZone, today: Date, checkin_day: Weekday) -> Schedule {
        let most_western = most_western_offset(zone, today);
        let digest_hour = first_hour_of_the_day_everywhere(most_western);
        let review_hour = digest_hour + 1;
        let (remind_day, remind_hour) = reminder_in_utc(most_western, checkin_day);
        Schedule {
            digest_hour,
            review_hour,
            digest_time: format!("{digest_hour:02}:00"),
            review_time: format!("{review_hour:02}:00"),
            digest_cron: format!("0 {digest_hour} * * 1"),
            review_cron: format!("0 {review_hour} 1-3 * *"),
            remind_time: format!("{remind_hour:02}:00"),
            remind_day: format!("{remind_day:?}"),
            remind_cron: format!("0 {remind_hour} * * {}", remind_day.to_sunday_zero_offset()),
        }
    }
}

/// The zone's smallest UTC offset in the year of `today`, in seconds.
fn most_western_offset(zone: &TimeZone, today: Date) -> i32 {
    // Daylight-saving periods last months: the 1st of every month sees both.
    (1..=12)
        .filter_map(|month| {
            jiff::civil::date(today.0.year(), month, 1)
                .to_zoned(zone.clone())
                .ok()
        })
        .map(|zoned| zoned.offset().seconds())
        .min()
        .unwrap_or(0)
}

/// The UTC day and whole hour at which it is [`REMINDER_LOCAL_HOUR`] or
/// later on `checkin_day` at every offset of the year: at the most western
/// one it is exactly that hour (rounded up), at any other an hour later.
fn reminder_in_utc(most_western: i32, checkin_day: Weekday) -> (Weekday, u8) {
    let seconds = REMINDER_LOCAL_HOUR * 3600 - most_western;
    let hours = (seconds + 3599).div_euclid(3600);
    let day = checkin_day.wrapping_add(hours.div_euclid(24));
    let hour = u8::try_from(hours.rem_euclid(24)).unwrap_or(0);
    (day, hour)
}

/// The first whole UTC hour after local midnight at the zone's most western
/// offset of the year, but not before [`EARLIEST_HOUR`].
fn first_hour_of_the_day_everywhere(most_western: i32) -> u8 {
    let behind_utc_hours = (-most_western + 3599).div_euclid(3600);
    // An hour's margin after local midnight; offsets reach -12 h, so 13 at most.
    let hour = (behind_utc_hours + 1).max(EARLIEST_HOUR);
    u8::try_from(hour.min(23)).unwrap_or(23)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(zone: &str) -> Schedule {
        Schedule::for_zone(
            &TimeZone::get(zone).unwrap(),
            Date("2026-11-16".parse().unwrap()),
            Weekday::Friday,
        )
    }

    fn hours(zone: &str) -> (u8, u8) {
        let schedule = schedule(zone);
        (schedule.digest_hour, schedule.review_hour)
    }

    fn reminder(zone: &str) -> (String, String) {
        let schedule = schedule(zone);
        (schedule.remind_day, schedule.remind_cron)
    }

    #[test]
    fn orgs_east_of_utc_run_at_six() {
        assert_eq!(hours("UTC"), (6, 7));
        assert_eq!(hours("Europe/Berlin"), (6, 7));
        assert_eq!(hours("Asia/Kolkata"), (6, 7));
        assert_eq!(hours("Pacific/Kiritimati"), (6, 7));
    }

    #[test]
    fn orgs_west_of_utc_run_after_their_own_midnight_in_winter_and_summer() {
        // New York is UTC-5 in winter: 06:00 UTC is 01:00 there.
        assert_eq!(hours("America/New_York"), (6, 7));
        // Los Angeles is UTC-8 in winter, UTC-7 in summer.
        assert_eq!(hours("America/Los_Angeles"), (9, 10));
        // Half-hour zones round up: St. John's is UTC-3:30.
        assert_eq!(hours("America/St_Johns"), (6, 7));
        assert_eq!(hours("Pacific/Honolulu"), (11, 12));
        assert_eq!(hours("Etc/GMT+12"), (13, 14));
    }

    #[test]
    fn the_cron_lines_carry_the_hours() {
        let schedule = schedule("America/Los_Angeles");
        assert_eq!(schedule.digest_cron, "0 9 * * 1");
        assert_eq!(schedule.review_cron, "0 10 1-3 * *");
    }

    #[test]
    fn the_reminder_comes_at_nine_or_later_on_check_in_day_where_people_are() {
        let pair = |day: &str, cron: &str| (day.to_owned(), cron.to_owned());
        assert_eq!(reminder("UTC"), pair("Friday", "0 9 * * 5"));
        // Berlin is UTC+1 in winter (09:00) and UTC+2 in summer (10:00).
        assert_eq!(reminder("Europe/Berlin"), pair("Friday", "0 8 * * 5"));
        assert_eq!(
            reminder("America/Los_Angeles"),
            pair("Friday", "0 17 * * 5")
        );
        // 09:00 in Kolkata (UTC+5:30) is 03:30 UTC: the next whole hour.
        assert_eq!(reminder("Asia/Kolkata"), pair("Friday", "0 4 * * 5"));
        // Auckland's Friday morning is Thursday evening in UTC.
        assert_eq!(reminder("Pacific/Auckland"), pair("Thursday", "0 21 * * 4"));
        // And a Sunday check-in day far west wraps forward to Monday.
        let sunday = Schedule::for_zone(
            &TimeZone::get("Pacific/Honolulu").unwrap(),
            Date("2026-11-16".parse().unwrap()),
            Weekday::Sunday,
        );
        assert_eq!(sunday.remind_cron, "0 19 * * 0");
        let late = reminder_in_utc(-12 * 3600, Weekday::Sunday);
        assert_eq!(late, (Weekday::Sunday, 21));
        let next_day = reminder_in_utc(-16 * 3600, Weekday::Sunday);
        assert_eq!(next_day, (Weekday::Monday, 1));
    }
}
