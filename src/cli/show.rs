//! `orgit show ID`: one entity with its fields, its links both ways, and its
//! history over the current period. The fields and links are the org as it
//! is (the working tree, or `--at`); the history is read from the commits of
//! the same revision (`HEAD`, or `--at`). Outside a git repository the
//! entity is shown without history, and the output says so.

use std::fmt::Write;

use clap::{Args, ValueEnum};

use super::graph::resolve;
use super::progress::WalkProgress;
use super::screen::{Screen, pad};
use super::{Outcome, Session, print};
use crate::error::Result;
use crate::graph::OrgGraph;
use crate::history::{self, ChangeKind, Request, Value};
use crate::loader::ParseCache;
use crate::model::{Date, EntityKind, EntityRef, Health, Org};
use crate::reports::digest::Calendar;
use crate::reports::show::{self, ChangeLine, HistoryView, Linked, Relation, Show};

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The id of anything: a person, team, goal, key result, initiative,
    /// milestone, decision, risk or KPI
    #[arg(value_name = "ID")]
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Human)]
    pub format: ShowFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Fits the terminal's width (`COLUMNS`, else 80 when not a terminal)
    Human,
    /// The report's data model as one JSON document
    Json,
}

/// Columns given to a commit's author in the history.
const AUTHOR: usize = 14;

const ANY: &[EntityKind] = &[
    EntityKind::Person,
    EntityKind::Team,
    EntityKind::Goal,
    EntityKind::KeyResult,
    EntityKind::Initiative,
    EntityKind::Milestone,
    EntityKind::Decision,
    EntityKind::Risk,
    EntityKind::Kpi,
    EntityKind::Issue,
    EntityKind::Todo,
];

pub fn run(session: &Session, args: &ShowArgs) -> Result<Outcome> {
    // The history's last state is mostly the files read for the org: it
    // parses only what differs.
    let mut parses = ParseCache::new();
    let loaded = session.load_keeping(&mut parses)?;
    let org = &loaded.org;
    let entity = resolve(org, &args.id, ANY)?;
    let today = session.today(org);
    let history = read_history(session, &loaded.location.root, org, entity, today, parses);
    let graph = OrgGraph::build(org);
    let report = show::build(org, &graph, entity, today, history);
    let output = match args.format {
        ShowFormat::Json => {
            // Plain data with string keys: serializing it cannot fail.
            let mut json = serde_json::to_string_pretty(&report).unwrap_or_default();
            json.push('\n');
            json
        }
        ShowFormat::Human => human(&report, &Screen::detect(session.color_stdout())),
    };
    print(&output)?;
    Ok(Outcome::Clean)
}

/// The entity's history over the current period. History is an addition to
/// `show`, not its point: when it cannot be read (no repository, no commits,
/// a shallow clone cut inside the period) the view says why instead of
/// failing the command.
fn read_history(
    session: &Session,
    root: &std::path::Path,
    org: &Org,
    entity: EntityRef,
    today: Date,
    mut parses: ParseCache,
) -> HistoryView {
    let unavailable = |reason: String| HistoryView::unavailable(org, today, reason);
    if git2::Repository::discover(root).is_err() {
        return unavailable("not in a git repository".to_owned());
    }
    let calendar = match Calendar::from_settings(org.settings.as_deref()) {
        Ok(calendar) => calendar,
        Err(e) => return unavailable(e.message),
    };
    let (_, from, to) = HistoryView::window(org, today);
    // The window holds every commit before the end of its last day.
    let instants = to.0.tomorrow().ok().and_then(|end| {
        Some(vec![
            calendar.start_of_day(from).ok()?,
            calendar.start_of_day(Date(end)).ok()?,
        ])
    });
    let Some(instants) = instants else {
        return unavailable(format!("{to} is out of range"));
    };
    let request = Request {
        head: session.at.clone().unwrap_or_else(|| "HEAD".to_owned()),
        instants,
        time_zone: calendar.time_zone.clone(),
        only: None,
    };
    let bar = WalkProgress::new("reading history");
    let history = history::reconstruct_with(root, &request, &mut parses, &mut |p| bar.update(p));
    bar.finish();
    match history {
        Ok(history) => HistoryView::from_history(org, today, entity, &history),
        Err(e) => unavailable(e.message),
    }
}

fn human(report: &Show, screen: &Screen) -> String {
    let mut out = String::new();
    screen.wrap(
        &mut out,
        "",
        "  ",
        &format!("{} {}: {}", report.kind.noun(), report.id, report.title),
    );
    screen.line(&mut out, &format!("defined in {}", report.defined_at));
    if !report.fields.is_empty() {
        out.push('\n');
        let width = report
            .fields
            .iter()
            .map(|f| f.name.len())
            .max()
            .unwrap_or(0);
        for field in &report.fields {
            let mut text = value(&field.value);
            if field.name == "health" {
                text = tinted(screen, &text);
            }
            screen.hang(&mut out, &format!("  {}  ", pad(field.name, width)), &text);
        }
    }
    for group in &report.links {
        out.push('\n');
        screen.line(
            &mut out,
            &format!("{} ({})", group.relation.heading(), group.items.len()),
        );
        for item in &group.items {
            linked(
                &mut out,
                screen,
                report.team.as_deref(),
                group.relation,
                item,
            );
        }
    }
    out.push('\n');
    history_section(&mut out, screen, &report.id, &report.history);
    out
}

/// A health as written in the files (`at_risk`), in its color.
fn tinted(screen: &Screen, text: &str) -> String {
    let health = match text {
        "on_track" => Health::OnTrack,
        "at_risk" => Health::AtRisk,
        "off_track" => Health::OffTrack,
        _ => return text.to_owned(),
    };
    screen.tint(health, text)
}

/// Two or three lines per item: what it is and where it stands, its title,
/// and for a dependency its date and why.
fn linked(
    out: &mut String,
    screen: &Screen,
    own_team: Option<&str>,
    relation: Relation,
    item: &Linked,
) {
    let mut facts = vec![format!("{} {}", item.kind.noun(), item.id)];
    // The team is news only when it is another one.
    facts.extend(
        item.team
            .clone()
            .filter(|t| item.kind != EntityKind::Team && Some(t.as_str()) != own_team),
    );
    facts.extend(item.due.map(|d| format!("due {d}")));
    match item.state {
        Some(state) => facts.push(state.to_owned()),
        None => facts.extend(item.health.map(|h| screen.tint(h, h.as_str()))),
    }
    let dependency = matches!(relation, Relation::WaitsOn | Relation::WaitedOnBy);
    if !dependency {
        facts.extend(item.slack_days.map(slack));
    }
    screen.wrap(out, "  ", "    ", &facts.join(" · "));
    screen.wrap(out, "    ", "    ", &item.title);
    if let Some(need_by) = item.need_by {
        let mut text = format!("needed by {need_by}");
        if let Some(days) = item.slack_days {
            let _ = write!(text, ", {}", slack(days));
        }
        if let Some(problem) = item.problem {
            let _ = write!(text, ": {}", problem.describe());
        }
        screen.wrap(out, "    ", "    ", &text);
    }
    if let Some(why) = &item.why {
        screen.wrap(out, "    why: ", "         ", why);
    }
}

fn slack(days: i64) -> String {
    if days < 0 {
        format!("late by {}d", -days)
    } else {
        format!("slack {days}d")
    }
}

fn history_section(out: &mut String, screen: &Screen, id: &str, history: &HistoryView) {
    let window = format!("{} ({} to {})", history.period, history.from, history.to);
    if let Some(reason) = &history.unavailable {
        screen.wrap(out, "", "  ", &format!("History: not available ({reason})"));
        return;
    }
    screen.line(out, &format!("History, {window}"));
    if history.changes.is_empty() {
        screen.line(out, "  no changes in this period");
    }
    for change in &history.changes {
        let (columns, what) = change_line(id, change);
        screen.hang(out, &format!("  {columns}"), &what);
    }
    if let Some(last) = &history.last_touched {
        let touched = format!(
            "Last touched {} ({}, {}): {}",
            last.date, last.commit, last.author, last.summary
        );
        screen.wrap(out, "", "  ", &touched);
    }
}

/// A change as its fixed columns (date, commit, author) and what changed,
/// which wraps under its own column and is never cut.
fn change_line(id: &str, change: &ChangeLine) -> (String, String) {
    let commit = &change.commit;
    let author = pad(&fit(&commit.author, AUTHOR), AUTHOR);
    // A goal's history includes its key results, an initiative's its
    // milestones: name the part that changed.
    let subject = if change.id == id {
        String::new()
    } else {
        format!("{}: ", change.id)
    };
    let what = match &change.change {
        ChangeKind::Added => "added".to_owned(),
        ChangeKind::Removed => "removed".to_owned(),
        ChangeKind::Moved { from, to } => format!("moved from {from} to {to}"),
        ChangeKind::Field {
            field,
            before,
            after,
        } => {
            format!("{} {} → {}", field.as_str(), value(before), value(after))
        }
    };
    (
        format!("{}  {}  {author}  ", commit.date, commit.commit),
        format!("{subject}{what}"),
    )
}

fn value(value: &Value) -> String {
    match value {
        Value::None => "none".to_owned(),
        Value::Text(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Date(date) => date.to_string(),
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
    }
}

/// `text` cut with `…` to at most `width` display columns: only for the
/// author column, whose name is also in the commit.
fn fit(text: &str, width: usize) -> String {
    if super::screen::width(text) <= width {
        text.to_owned()
    } else {
        let mut cut = String::new();
        for c in text.chars() {
            if super::screen::width(&cut) + super::screen::width(&c.to_string()) > width - 1 {
                break;
            }
            cut.push(c);
        }
        cut.push('…');
        cut
    }
}
