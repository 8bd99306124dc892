//! `orgit status [--team T]`: where the org stands now, on one 80-column
//! screen: goals team by team with progress bars and health, then what needs
//! attention: items at risk, broken dependencies, overdue items, decisions
//! waiting.

use clap::{Args, ValueEnum};

use super::graph::resolve;
use super::progress::WalkProgress;
use super::{Outcome, Session, print};
use crate::error::Result;
use crate::history::{self, Request};
use crate::model::{Date, EntityKind, EntityRef, Health, Org, Period};
use crate::reports::digest::Calendar;
use crate::reports::pace::PaceFlag;
use crate::reports::status::{self, PaceLine, PaceReport, Status};

#[derive(Args, Debug)]
pub struct StatusArgs {
    /// Only this team and the teams below it
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = StatusFormat::Human)]
    pub format: StatusFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// Fits an 80-column terminal
    Human,
    /// The report's data model as one JSON document
    Json,
}

/// The terminal width the human output fits.
const WIDTH: usize = 80;
const BAR: usize = 10;

pub fn run(session: &Session, args: &StatusArgs) -> Result<Outcome> {
    let loaded = session.load()?;
    let org = &loaded.org;
    let team = args
        .team
        .as_deref()
        .map(|id| resolve(org, id, &[EntityKind::Team]))
        .transpose()?;
    let today = session.today(org);
    let mut report = status::build(org, today, team);
    report.pace = read_pace(session, &loaded.location.root, org, today, team);
    let output = match args.format {
        StatusFormat::Json => {
            // Plain data with string keys: serializing it cannot fail.
            let mut json = serde_json::to_string_pretty(&report).unwrap_or_default();
            json.push('\n');
            json
        }
        StatusFormat::Human => human(&report),
    };
    print(&output)?;
    Ok(Outcome::Clean)
}

fn human(report: &Status) -> String {
    let mut out = String::new();
    let scope = report
        .team
        .as_deref()
        .map(|t| format!(" · team {t}"))
        .unwrap_or_default();
    line(
        &mut out,
        format!(
            "{} · {} · as of {}{scope}",
            report.org, report.period, report.today
        ),
    );
    for section in &report.sections {
        if section.goals.is_empty() && section.team.is_none() {
            continue;
        }
        let indent = "  ".repeat(section.depth);
        out.push('\n');
        line(&mut out, format!("{indent}{}", section.name));
        if section.goals.is_empty() {
            line(&mut out, format!("{indent}  no active goals this period"));
        }
        for goal in &section.goals {
            let (bar, percent) = match goal.progress {
                Some(p) => (bar(p), format!("{:>3.0}%", p * 100.0)),
                None => (" ".repeat(BAR), "   -".to_owned()),
            };
            line(
                &mut out,
                format!(
                    "{indent}  {bar} {percent}  {:<9}  {}",
                    health(goal.health),
                    goal.title
                ),
            );
        }
    }
    let attention = [
        ("At risk or off track", report.at_risk.len()),
        ("Broken dependencies", report.broken_dependencies.len()),
        ("Overdue", report.overdue.len()),
        ("Decisions waiting", report.decisions_waiting.len()),
    ];
    heading(&mut out, attention[0]);
    for item in &report.at_risk {
        line(
            &mut out,
            format!("  {:<9}  {}  {}", health(item.health), item.id, item.title),
        );
    }
    heading(&mut out, attention[1]);
    for dependency in &report.broken_dependencies {
        line(
            &mut out,
            format!(
                "  {} → {}  by {}: {}",
                dependency.from,
                dependency.to,
                dependency.need_by,
                dependency.problem.describe()
            ),
        );
    }
    heading(&mut out, attention[2]);
    for item in &report.overdue {
        let due = item.due.map(|d| d.to_string()).unwrap_or_default();
        line(
            &mut out,
            format!(
                "  due {due}  {} {}  {}",
                item.kind.noun(),
                item.id,
                item.title
            ),
        );
    }
    heading(&mut out, attention[3]);
    for decision in &report.decisions_waiting {
        line(
            &mut out,
            format!(
                "  {:>3}d  {}  {}",
                decision.days_waiting, decision.id, decision.title
            ),
        );
    }
    if let Some(pace) = &report.pace {
        pace_section(&mut out, pace);
    }
    out
}

/// The pace of the period's key results, from git history: `None` outside a
/// repository; the reason when the history cannot be read (a shallow clone,
/// no commits), since status is about now and pace is a bonus.
fn read_pace(
    session: &Session,
    root: &std::path::Path,
    org: &Org,
    today: Date,
    team: Option<EntityRef>,
) -> Option<PaceReport> {
    git2::Repository::discover(root).ok()?;
    let unavailable = |reason: String| PaceReport {
        unavailable: Some(reason),
        behind: Vec::new(),
    };
    let read = || -> Result<Vec<PaceLine>> {
        let calendar = Calendar::from_settings(org.settings.as_deref())?;
        let fy = calendar.fiscal_year_start_month;
        let (first, _) = Period::containing(today, fy).date_range(fy);
        // The start of each week from the one holding the period's first day,
        // up to today (whose value is the org's now).
        let mut days = Vec::new();
        let mut week = calendar.week_containing(first)?;
        while week.first_day < today {
            days.push(week.first_day);
            week = calendar.week_containing(Date(
                week.last_day
                    .0
                    .tomorrow()
                    .map_err(|e| crate::Error::new(e.to_string()))?,
            ))?;
        }
        let instants = days
            .iter()
            .map(|d| calendar.start_of_day(*d))
            .collect::<Result<Vec<_>>>()?;
        let request = Request {
            head: session.at.clone().unwrap_or_else(|| "HEAD".to_owned()),
            instants,
            time_zone: calendar.time_zone.clone(),
        };
        let bar = WalkProgress::new("reading history");
        let history = history::reconstruct(root, &request, &mut |p| bar.update(p));
        bar.finish();
        let history = history?;
        let weekly: Vec<_> = days
            .iter()
            .zip(&history.snapshots)
            .map(|(day, snapshot)| (*day, &snapshot.entities))
            .collect();
        Ok(status::behind_pace(org, today, team, &weekly))
    };
    Some(match read() {
        Ok(behind) => PaceReport {
            unavailable: None,
            behind,
        },
        Err(e) => unavailable(match e.hint {
            Some(hint) => format!("{}; {hint}", e.message),
            None => e.message,
        }),
    })
}

/// "Behind pace": the key results whose pace contradicts what they say, or
/// that stand still; a line saying why when the history could not be read.
fn pace_section(out: &mut String, pace: &PaceReport) {
    if let Some(reason) = &pace.unavailable {
        out.push('\n');
        line(out, format!("Behind pace: history not read ({reason})"));
        return;
    }
    heading(out, ("Behind pace", pace.behind.len()));
    for kr in &pace.behind {
        let flag = if kr.pace.flags.contains(&PaceFlag::ForecastShort) {
            format!(
                "says on track, forecast {:.0}%",
                kr.pace.forecast.unwrap_or(0.0) * 100.0
            )
        } else {
            format!(
                "no progress at {:.0}% of the period ({:.0}% of the way)",
                kr.pace.expected * 100.0,
                kr.pace.actual * 100.0
            )
        };
        line(out, format!("  {}  {flag}", kr.id));
    }
}

fn heading(out: &mut String, (title, count): (&str, usize)) {
    out.push('\n');
    if count == 0 {
        line(out, format!("{title}: none"));
    } else {
        line(out, format!("{title} ({count})"));
    }
}

/// Appends one line, cut with `…` to fit [`WIDTH`] columns.
fn line(out: &mut String, text: String) {
    let chars = text.chars().count();
    if chars <= WIDTH {
        out.push_str(&text);
    } else {
        out.extend(text.chars().take(WIDTH - 1));
        out.push('…');
    }
    out.push('\n');
}

fn bar(progress: f64) -> String {
    let filled = (progress.clamp(0.0, 1.0) * BAR as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(BAR - filled))
}

fn health(health: Option<Health>) -> &'static str {
    match health {
        Some(Health::OnTrack) => "on track",
        Some(Health::AtRisk) => "at risk",
        Some(Health::OffTrack) => "off track",
        None => "-",
    }
}
