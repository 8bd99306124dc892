//! When the scheduled workflows wake, in UTC (the only zone cron knows).
//!
//! The digest and the reviews pick "the last complete week" and "the last
//! complete month" in the org's own time zone. Woken at 06:00 UTC on a
//! Monday, an org in Los Angeles is still on Sunday: its week is not over,
//! so the job would write the week before, every week. The wake-up hour is
//! therefore the first whole hour at which the new day has begun in the
//! org's zone at its most western offset of the year (standard time), and
//! never before 06:00 UTC, so orgs east of UTC keep an early-morning run.

use jiff::tz::TimeZone;

use crate::model::Date;

/// The earliest hour orgit's scheduled jobs run at.
const EARLIEST_HOUR: i32 = 6;

/// The cron schedules of the weekly workflow.
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
}

impl Schedule {
    /// The schedule for an org in `zone`, from the offsets `zone` has in the
    /// year of `today`.
    pub fn for_zone(zone: &TimeZone, today: Date) -> Schedule {
        let digest_hour = first_hour_of_the_day_everywhere(zone, today);
        let review_hour = digest_hour + 1;
        Schedule {
            digest_hour,
            review_hour,
            digest_time: format!("{digest_hour:02}:00"),
            review_time: format!("{review_hour:02}:00"),
            digest_cron: format!("0 {digest_hour} * * 1"),
            review_cron: format!("0 {review_hour} 1-3 * *"),
        }
    }
}

/// The first whole UTC hour after local midnight at the zone's most western
/// offset of the year, but not before [`EARLIEST_HOUR`].
fn first_hour_of_the_day_everywhere(zone: &TimeZone, today: Date) -> u8 {
    // Daylight-saving periods last months: the 1st of every month sees both.
    let most_western = (1..=12)
        .filter_map(|month| {
            jiff::civil::date(today.0.year(), month, 1)
                .to_zoned(zone.clone())
                .ok()
        })
        .map(|zoned| zoned.offset().seconds())
        .min()
        .unwrap_or(0);
    let behind_utc_hours = (-most_western + 3599).div_euclid(3600);
    // An hour's margin after local midnight; offsets reach -12 h, so 13 at most.
    let hour = (behind_utc_hours + 1).max(EARLIEST_HOUR);
    u8::try_from(hour.min(23)).unwrap_or(23)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(zone: &str) -> (u8, u8) {
        let schedule = Schedule::for_zone(
            &TimeZone::get(zone).unwrap(),
            Date("2026-11-16".parse().unwrap()),
        );
        (schedule.digest_hour, schedule.review_hour)
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
        let schedule = Schedule::for_zone(
            &TimeZone::get("America/Los_Angeles").unwrap(),
            Date("2026-11-16".parse().unwrap()),
        );
        assert_eq!(schedule.digest_cron, "0 9 * * 1");
        assert_eq!(schedule.review_cron, "0 10 1-3 * *");
    }
}
