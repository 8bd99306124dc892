//! `orgit example DIR`: generate a realistic org with weeks of git history.

use std::path::PathBuf;

use super::{Outcome, Session};
use crate::example::{self, ExampleOptions};
use crate::model::Date;

#[derive(clap::Args, Debug)]
pub struct ExampleArgs {
    /// Folder to create the repository in (new, or empty)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Seed of the story: the same seed and --today give the same repository,
    /// commit for commit
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,
    /// Weeks of history, ending with the last complete week before --today;
    /// the default reaches back over the last complete quarter, for `orgit
    /// review quarterly`
    #[arg(long, default_value_t = 27, value_name = "N")]
    pub weeks: u32,
    /// People in the org; teams grow with it (about one per seven people)
    #[arg(long, default_value_t = 40, value_name = "N")]
    pub people: u32,
}

pub fn run(session: &Session, args: &ExampleArgs) -> crate::Result<Outcome> {
    let today = session.today.unwrap_or_else(today_in_org_zone);
    let options = ExampleOptions {
        seed: args.seed,
        weeks: args.weeks,
        people: args.people,
        ..ExampleOptions::new(last_complete_week_end(today))
    };
    let generated = example::generate(&session.cwd.join(&args.dir), &options)?;
    let shown = args.dir.display();
    super::print(&format!(
        "Generated {} in {shown}: {} commits from {} to {}, {} people in {} teams.\n\
         Next: orgit -C {shown} digest\n",
        generated.company,
        generated.commits,
        generated.first_day,
        generated.last_day,
        generated.people,
        generated.teams,
    ))?;
    Ok(Outcome::Clean)
}

/// The example org's own "today": the date in its time zone.
fn today_in_org_zone() -> Date {
    let zone = jiff::tz::TimeZone::get(example::TIME_ZONE).unwrap_or(jiff::tz::TimeZone::UTC);
    Date(jiff::Zoned::now().with_time_zone(zone).date())
}

/// The Sunday that ends the last complete week (Monday to Sunday) before `today`.
fn last_complete_week_end(today: Date) -> Date {
    let since_monday = i64::from(today.0.weekday().to_monday_zero_offset());
    Date(
        today
            .0
            .saturating_sub(jiff::Span::new().days(since_monday + 1)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_ends_on_the_sunday_before_this_week() {
        let end = |today: &str| last_complete_week_end(today.parse().unwrap()).to_string();
        assert_eq!(end("2026-11-23"), "2026-11-22"); // Monday
        assert_eq!(end("2026-11-25"), "2026-11-22"); // Wednesday
        assert_eq!(end("2026-11-22"), "2026-11-15"); // Sunday: its week is not over
    }
}
