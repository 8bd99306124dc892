//! `orgit status [--team T]`: where the org stands now, on one 80-column
//! screen: goals team by team with progress bars and health, then what needs
//! attention: items at risk, broken dependencies, overdue items, decisions
//! waiting.

use clap::{Args, ValueEnum};

use super::graph::resolve;
use super::{Outcome, Session, print};
use crate::error::Result;
use crate::model::{EntityKind, Health};
use crate::reports::status::{self, Status};

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
    let report = status::build(org, session.today(org), team);
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
    out
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
