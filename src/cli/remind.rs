//! `orgit remind`: who owes a check-in, which items are stale or overdue,
//! each with the GitHub handle to ask, for the week holding today (see
//! [`crate::reports::remind`]). Read from git like the digest.
//!
//! Exit codes, for CI: 0 nothing is owed, 1 something is owed (the
//! reminder is printed either way), 2 could not run. The workflow `orgit
//! init` writes reads 1 as "update the reminder issue" and 0 as "close it".

use clap::ValueEnum;

use super::digest::OpenedHistory;
use super::{Outcome, Session, report_output};
use crate::error::{Error, Result};
use crate::model::IsoWeek;
use crate::reports::remind::{self, Inputs};

/// The hidden line that marks the one reminder issue, so the workflow finds
/// it again instead of opening a second.
pub const ISSUE_MARKER: &str = "<!-- orgit-remind -->";

#[derive(clap::Args, Debug)]
pub struct RemindArgs {
    /// The ISO week, e.g. 2026-W48 [default: the week holding today]
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<IsoWeek>,
    /// Markdown; a GitHub issue body (markdown with the reminder's marker);
    /// the data model as JSON; or a Slack webhook message
    #[arg(long, value_enum, default_value_t = RemindFormat::Markdown)]
    pub format: RemindFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RemindFormat {
    Markdown,
    GithubIssue,
    Json,
    Slack,
}

pub fn run(session: &Session, args: &RemindArgs) -> Result<Outcome> {
    let mut opened = OpenedHistory::open(session, "`orgit remind`", "reminder")?;
    let calendar = &opened.calendar;
    let week = match args.week {
        Some(week) => calendar.week(week)?,
        None => calendar.week_containing(opened.today)?,
    };
    if week.first_day > opened.today {
        return Err(Error::new(format!(
            "{} has not started yet: nothing can be owed for it",
            week.week
        ))
        .hint("leave out `--week` for this week, or pass `--today` to date the run"));
    }
    let checkin_day = opened
        .settings
        .settings
        .as_ref()
        .map_or(crate::model::Weekday::Friday, |s| s.rhythm.checkin_day());
    let checkin_due = week.day(checkin_day);
    let (digest, org) = opened.digest(week, None)?;
    let reminder = remind::build(&Inputs {
        digest: &digest,
        org: &org,
        today: opened.today,
        checkin_due,
    });
    let output = match args.format {
        RemindFormat::Slack => {
            let mut json = serde_json::to_string_pretty(&remind::slack_message(&reminder))
                .map_err(|e| Error::new(format!("cannot write the Slack message: {e}")))?;
            json.push('\n');
            json
        }
        format => {
            let text = report_output::render(
                &reminder,
                format == RemindFormat::Json,
                &opened.root,
                &opened.head_id,
                "remind.md.j2",
                "reminder",
            )?;
            if format == RemindFormat::GithubIssue {
                format!("{ISSUE_MARKER}\n{text}")
            } else {
                text
            }
        }
    };
    super::print(&output)?;
    Ok(if reminder.owed {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}
