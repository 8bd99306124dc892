//! `orgit status [--team T]`: where the org stands now, on one screen (the
//! terminal's width, see [`super::screen`]): goals team by team with progress
//! bars and health, then what needs attention: items at risk, broken
//! dependencies, overdue items, decisions waiting.

use clap::{Args, ValueEnum};

use super::graph::resolve;
use super::progress::WalkProgress;
use super::screen::{Screen, pad, width};
use super::{Outcome, Session, print};
use crate::error::Result;
use crate::history::{self, Request};
use crate::loader::ParseCache;
use crate::model::{Date, EntityKind, EntityRef, Org, Period};
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
    /// Fits the terminal's width (`COLUMNS`, else 80 when not a terminal)
    Human,
    /// The report's data model as one JSON document
    Json,
}

const BAR: usize = 10;
/// Columns of the health column: "off track".
const HEALTH: usize = 9;

pub fn run(session: &Session, args: &StatusArgs) -> Result<Outcome> {
    // The history's last state is mostly the files read for the org: it
    // parses only what differs.
    let mut parses = ParseCache::new();
    let loaded = session.load_keeping(&mut parses)?;
    let org = &loaded.org;
    let team = args
        .team
        .as_deref()
        .map(|id| resolve(org, id, &[EntityKind::Team]))
        .transpose()?;
    let today = session.today(org);
    let mut report = status::build(org, today, team);
    report.pace = read_pace(session, &loaded.location.root, org, today, team, parses);
    let output = match args.format {
        StatusFormat::Json => {
            // Plain data with string keys: serializing it cannot fail.
            let mut json = serde_json::to_string_pretty(&report).unwrap_or_default();
            json.push('\n');
            json
        }
        StatusFormat::Human => human(&report, &Screen::detect(session.color_stdout())),
    };
    print(&output)?;
    Ok(Outcome::Clean)
}

fn human(report: &Status, screen: &Screen) -> String {
    let mut out = String::new();
    let scope = report
        .team
        .as_deref()
        .map(|t| format!(" · team {t}"))
        .unwrap_or_default();
    screen.line(
        &mut out,
        &format!(
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
        screen.line(&mut out, &format!("{indent}{}", section.name));
        if section.goals.is_empty() {
            screen.line(&mut out, &format!("{indent}  no active goals this period"));
        }
        for goal in &section.goals {
            let (bar, percent) = match goal.progress {
                Some(p) => (bar(p), format!("{:>3.0}%", p * 100.0)),
                None => (" ".repeat(BAR), "   -".to_owned()),
            };
            let health = screen.health(goal.health, HEALTH);
            screen.hang(
                &mut out,
                &format!("{indent}  {bar} {percent}  {health}  "),
                &goal.title,
            );
        }
    }
    let attention = [
        ("At risk or off track", report.at_risk.len()),
        ("Broken dependencies", report.broken_dependencies.len()),
        ("Overdue", report.overdue.len()),
        ("Decisions waiting", report.decisions_waiting.len()),
    ];
    heading(&mut out, screen, attention[0]);
    let id_width = column(report.at_risk.iter().map(|i| i.id.as_str()));
    for item in &report.at_risk {
        let health = screen.health(item.health, HEALTH);
        screen.hang(
            &mut out,
            &format!("  {health}  {}  ", pad(&item.id, id_width)),
            &item.title,
        );
    }
    heading(&mut out, screen, attention[1]);
    for dependency in &report.broken_dependencies {
        screen.wrap(
            &mut out,
            "  ",
            "    ",
            &format!(
                "{} → {}  by {}: {}",
                dependency.from,
                dependency.to,
                dependency.need_by,
                dependency.problem.describe()
            ),
        );
    }
    heading(&mut out, screen, attention[2]);
    let kind_width = column(report.overdue.iter().map(|i| i.kind.noun()));
    let id_width = column(report.overdue.iter().map(|i| i.id.as_str()));
    for item in &report.overdue {
        let due = item.due.map(|d| d.to_string()).unwrap_or_default();
        screen.hang(
            &mut out,
            &format!(
                "  due {due}  {} {}  ",
                pad(item.kind.noun(), kind_width),
                pad(&item.id, id_width)
            ),
            &item.title,
        );
    }
    heading(&mut out, screen, attention[3]);
    let id_width = column(report.decisions_waiting.iter().map(|d| d.id.as_str()));
    for decision in &report.decisions_waiting {
        screen.hang(
            &mut out,
            &format!(
                "  {:>3}d  {}  ",
                decision.days_waiting,
                pad(&decision.id, id_width)
            ),
            &decision.title,
        );
    }
    if let Some(pace) = &report.pace {
        pace_section(&mut out, screen, pace);
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
    mut parses: ParseCache,
) -> Option<PaceReport> {
    git2::Repository::discover(root).ok()?;
    let unavailable = |reason: String| PaceReport {
        unavailable: Some(reason),
        behind: Vec::new(),
    };
    let mut read = || -> Result<Vec<PaceLine>> {
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
            only: None,
        };
        let bar = WalkProgress::new("reading history");
        let history =
            history::reconstruct_with(root, &request, &mut parses, &mut |p| bar.update(p));
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
fn pace_section(out: &mut String, screen: &Screen, pace: &PaceReport) {
    if let Some(reason) = &pace.unavailable {
        out.push('\n');
        screen.line(out, &format!("Behind pace: history not read ({reason})"));
        return;
    }
    heading(out, screen, ("Behind pace", pace.behind.len()));
    let id_width = column(pace.behind.iter().map(|kr| kr.id.as_str()));
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
        screen.hang(out, &format!("  {}  ", pad(&kr.id, id_width)), &flag);
    }
}

/// The display width of the widest of `texts`, for a column.
fn column<'a>(texts: impl Iterator<Item = &'a str>) -> usize {
    texts.map(width).max().unwrap_or(0)
}

fn heading(out: &mut String, screen: &Screen, (title, count): (&str, usize)) {
    out.push('\n');
    if count == 0 {
        screen.line(out, &format!("{title}: none"));
    } else {
        screen.line(out, &format!("{title} ({count})"));
    }
}

fn bar(progress: f64) -> String {
    let filled = (progress.clamp(0.0, 1.0) * BAR as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(BAR - filled))
}
