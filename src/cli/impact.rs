//! `orgit impact [ID]`: what slips if ID slips (or, `--upstream`, what ID
//! waits on), with the slack each item has; for a goal, its critical path.
//! Without an id: the org's bottlenecks and its team × team dependencies.

use std::collections::BTreeSet;
use std::fmt::Write;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::graph::resolve;
use super::screen::{Screen, pad, width};
use super::{Outcome, Session, print};
use crate::error::{Error, Result};
use crate::graph::{
    Affected, DeliveryGraph, NeedKind, OrgGraph, bottlenecks, team_matrix, team_of, title_of,
};
use crate::model::{Date, EntityKind, EntityRef, Org};

#[derive(Args, Debug)]
pub struct ImpactArgs {
    /// A goal, key result, initiative or milestone id; none for the whole org
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// What ID waits on, instead of what waits on ID
    #[arg(long, requires = "id")]
    pub upstream: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = ImpactFormat::Human)]
    pub format: ImpactFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImpactFormat {
    Human,
    Json,
}

/// One item in the answer.
#[derive(Serialize)]
struct Item {
    id: String,
    kind: EntityKind,
    title: String,
    team: Option<String>,
    due: Option<Date>,
}

/// One item reached, and how tightly.
#[derive(Serialize)]
struct Reached {
    #[serde(flatten)]
    item: Item,
    slack_days: i64,
    via: String,
    link: NeedKind,
    need_by: Option<Date>,
    late_by_days: Option<i64>,
}

#[derive(Serialize)]
struct ItemImpact {
    version: u32,
    item: Item,
    direction: &'static str,
    items: Vec<Reached>,
    goals: Vec<String>,
    teams: Vec<String>,
    critical_path: Vec<Reached>,
}

const WORK: &[EntityKind] = &[
    EntityKind::Goal,
    EntityKind::KeyResult,
    EntityKind::Initiative,
    EntityKind::Milestone,
];

pub fn run(session: &Session, args: &ImpactArgs) -> Result<Outcome> {
    let loaded = session.load()?;
    let org = &loaded.org;
    let graph = OrgGraph::build(org);
    let delivery = DeliveryGraph::build(org, &graph);
    let Some(id) = &args.id else {
        return org_wide(org, &graph, &delivery, args.format);
    };
    let entity = resolve(org, id, WORK)?;
    let node = graph
        .node(entity)
        .ok_or_else(|| Error::new(format!("`{id}` is not in the graph")))?;
    let reached = if args.upstream {
        delivery.upstream(node)
    } else {
        delivery.downstream(node)
    };
    let critical = if entity.kind == EntityKind::Goal {
        delivery.critical_path(org, node)
    } else {
        Vec::new()
    };
    let goals: BTreeSet<String> = reached
        .iter()
        .filter(|a| a.entity.kind == EntityKind::Goal)
        .map(|a| org.definition(a.entity).id.to_owned())
        .collect();
    let teams: BTreeSet<String> = reached
        .iter()
        .filter_map(|a| team_of(org, a.entity))
        .map(|t| org.teams[t.index].id.value.clone())
        .collect();
    let report = ItemImpact {
        version: 1,
        item: item(org, entity),
        direction: if args.upstream {
            "upstream"
        } else {
            "downstream"
        },
        items: reached.iter().map(|a| reached_item(org, a)).collect(),
        goals: goals.into_iter().collect(),
        teams: teams.into_iter().collect(),
        critical_path: critical.iter().map(|a| reached_item(org, a)).collect(),
    };
    let output = match args.format {
        ImpactFormat::Json => json(&report),
        ImpactFormat::Human => human(
            org,
            entity,
            &report,
            &Screen::detect(session.color_stdout()),
        ),
    };
    print(&output)?;
    Ok(Outcome::Clean)
}

fn item(org: &Org, entity: EntityRef) -> Item {
    Item {
        id: org.definition(entity).id.to_owned(),
        kind: entity.kind,
        title: title_of(org, entity).to_owned(),
        team: team_of(org, entity).map(|t| org.teams[t.index].id.value.clone()),
        due: org.due_date(entity),
    }
}

fn reached_item(org: &Org, affected: &Affected) -> Reached {
    Reached {
        item: item(org, affected.entity),
        slack_days: affected.slack_days,
        via: org.definition(affected.via).id.to_owned(),
        link: affected.need.kind,
        need_by: affected.need.need_by,
        late_by_days: affected.late_by(),
    }
}

fn json(value: &impl Serialize) -> String {
    // Plain data with string keys: serializing it cannot fail.
    let mut out = serde_json::to_string_pretty(value).unwrap_or_default();
    out.push('\n');
    out
}

fn human(org: &Org, entity: EntityRef, report: &ItemImpact, screen: &Screen) -> String {
    let mut out = String::new();
    let subject = &report.item;
    let due = subject
        .due
        .map(|d| format!(", due {d}"))
        .unwrap_or_default();
    screen.line(
        &mut out,
        &format!(
            "{} `{}`{due}: {}",
            entity.kind.noun(),
            subject.id,
            subject.title
        ),
    );
    if org.is_closed(entity) {
        let state = if org.is_done(entity) {
            "done"
        } else {
            "abandoned"
        };
        let _ = writeln!(
            out,
            "\nIt is {state}: it can no longer slip or hold anything up."
        );
        return out;
    }
    let upstream = report.direction == "upstream";
    out.push('\n');
    if report.items.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if upstream {
                "It waits on nothing open."
            } else {
                "Nothing open waits on it: if it slips, nothing else does."
            }
        );
    } else {
        screen.line(
            &mut out,
            if upstream {
                "It waits on (slack: days each can slip before it does):"
            } else {
                "If it slips, these slip too (slack: days it can slip before each does):"
            },
        );
        table(&mut out, screen, &report.items, upstream);
        if !upstream {
            out.push('\n');
            screen.hang(&mut out, "Goals that slip: ", &list(&report.goals));
            screen.hang(&mut out, "Teams that slip: ", &list(&report.teams));
        }
    }
    if !report.critical_path.is_empty() {
        let _ = writeln!(
            out,
            "\nCritical path (the chain that would make it slip first):"
        );
        for (step, link) in report.critical_path.iter().enumerate() {
            let due = link.item.due.map(|d| d.to_string()).unwrap_or_default();
            let arrow = if step == 0 { "  " } else { "→ " };
            let _ = writeln!(
                out,
                "  {arrow}{} {} (due {due}, slack {}d)",
                link.item.kind.noun(),
                link.item.id,
                link.slack_days
            );
        }
        let _ = writeln!(out, "  → goal {}", subject.id);
    }
    out
}

/// One row per item reached: fixed columns, then what it waits on (or is
/// needed by), which wraps under its own column and is never cut. When the
/// screen is too narrow for that column beside the others, it goes on a
/// line of its own under each row.
fn table(out: &mut String, screen: &Screen, rows: &[Reached], upstream: bool) {
    let id_width = rows
        .iter()
        .map(|r| width(&r.item.id))
        .max()
        .unwrap_or(0)
        .max(4);
    let team_width = rows
        .iter()
        .map(|r| width(r.item.team.as_deref().unwrap_or("-")))
        .max()
        .unwrap_or(0)
        .max(4);
    let via_header = if upstream { "needed by" } else { "waits on" };
    let columns = |slack: &str, kind: &str, id: &str, team: &str, due: &str| {
        format!(
            "  {slack:>5}  {kind:<11}  {}  {}  {due:<10}  ",
            pad(id, id_width),
            pad(team, team_width),
        )
    };
    let lasts: Vec<String> = rows
        .iter()
        .map(|row| {
            let late = row
                .late_by_days
                .map(|days| format!(", late by {days}d"))
                .unwrap_or_default();
            let need_by = row.need_by.map(|d| format!(" by {d}")).unwrap_or_default();
            format!("{}{need_by}{late}", row.via)
        })
        .collect();
    let fixed = width(&columns("", "", "", "", ""));
    let longest_word = lasts
        .iter()
        .flat_map(|text| text.split_whitespace())
        .map(width)
        .max()
        .unwrap_or(0);
    let stacked = fixed + longest_word > screen.width;
    let header = columns("slack", "kind", "item", "team", "due");
    // The columns are laid out already: pushed as they are.
    if stacked {
        let _ = writeln!(out, "{}", header.trim_end());
    } else {
        let _ = writeln!(out, "{header}{via_header}");
    }
    for (row, last) in rows.iter().zip(&lasts) {
        let slack = format!("{}d", row.slack_days);
        let line = columns(
            &slack,
            row.item.kind.noun(),
            &row.item.id,
            row.item.team.as_deref().unwrap_or("-"),
            &row.item.due.map(|d| d.to_string()).unwrap_or_default(),
        );
        if stacked {
            let _ = writeln!(out, "{}", line.trim_end());
            screen.hang(out, &format!("         {via_header} "), last);
        } else {
            screen.hang(out, &line, last);
        }
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

#[derive(Serialize)]
struct OrgImpact {
    version: u32,
    bottlenecks: Vec<ItemBottleneck>,
    team_bottlenecks: Vec<TeamLoad>,
    cross_team_dependencies: Vec<TeamPair>,
}

#[derive(Serialize)]
struct ItemBottleneck {
    #[serde(flatten)]
    item: Item,
    dependents: usize,
    other_team_dependents: usize,
    betweenness: f64,
}

#[derive(Serialize)]
struct TeamLoad {
    team: String,
    dependents: usize,
    betweenness: f64,
}

#[derive(Serialize)]
struct TeamPair {
    waiting: String,
    waited_on: String,
    count: usize,
}

/// How many bottlenecks the human output lists.
const TOP: usize = 10;

fn org_wide(
    org: &Org,
    graph: &OrgGraph,
    delivery: &DeliveryGraph,
    format: ImpactFormat,
) -> Result<Outcome> {
    let (items, teams) = bottlenecks(org, delivery);
    let round = |x: f64| (x * 10_000.0).round() / 10_000.0;
    let team_id = |index: usize| org.teams[index].id.value.clone();
    let report = OrgImpact {
        version: 1,
        bottlenecks: items
            .iter()
            .map(|b| ItemBottleneck {
                item: item(org, b.entity),
                dependents: b.dependents,
                other_team_dependents: b.other_team_dependents,
                betweenness: round(b.betweenness),
            })
            .collect(),
        team_bottlenecks: teams
            .iter()
            .map(|t| TeamLoad {
                team: team_id(t.team.index),
                dependents: t.dependents,
                betweenness: round(t.betweenness),
            })
            .collect(),
        cross_team_dependencies: team_matrix(org, graph)
            .into_iter()
            .map(|((a, b), count)| TeamPair {
                waiting: team_id(a),
                waited_on: team_id(b),
                count,
            })
            .collect(),
    };
    let output = match format {
        ImpactFormat::Json => json(&report),
        ImpactFormat::Human => org_human(&report),
    };
    print(&output)?;
    Ok(Outcome::Clean)
}

fn org_human(report: &OrgImpact) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Bottlenecks: the items most others wait on (open items that need each,"
    );
    let _ = writeln!(
        out,
        "directly or not; betweenness: shortest chains of needs through it)\n"
    );
    let shown = &report.bottlenecks[..report.bottlenecks.len().min(TOP)];
    let id_width = shown
        .iter()
        .map(|b| b.item.id.len())
        .max()
        .unwrap_or(0)
        .max(4);
    let _ = writeln!(
        out,
        "  {:<id_width$}  {:<11}  {:>10}  {:>11}  {:>11}",
        "item", "kind", "dependents", "other teams", "betweenness"
    );
    for b in shown {
        let _ = writeln!(
            out,
            "  {:<id_width$}  {:<11}  {:>10}  {:>11}  {:>11.1}",
            b.item.id,
            b.item.kind.noun(),
            b.dependents,
            b.other_team_dependents,
            b.betweenness
        );
    }
    let _ = writeln!(
        out,
        "\nTeams others wait on (open items of other teams that need theirs):\n"
    );
    for team in &report.team_bottlenecks {
        let _ = writeln!(out, "  {:<20}  {:>3}", team.team, team.dependents);
    }
    out.push('\n');
    out.push_str(&matrix(&report.cross_team_dependencies));
    out
}

/// Rows wait on columns; blank where there is nothing open.
fn matrix(pairs: &[TeamPair]) -> String {
    let mut out = String::new();
    if pairs.is_empty() {
        out.push_str("No open dependencies between teams.\n");
        return out;
    }
    let waiting: BTreeSet<&str> = pairs.iter().map(|p| p.waiting.as_str()).collect();
    let waited_on: BTreeSet<&str> = pairs.iter().map(|p| p.waited_on.as_str()).collect();
    let row_width = waiting.iter().map(|t| t.len()).max().unwrap_or(0).max(12);
    let _ = writeln!(out, "Open cross-team dependencies (row waits on column):\n");
    let _ = write!(out, "  {:<row_width$}", "waiting \\ on");
    for column in &waited_on {
        let _ = write!(out, "  {column}");
    }
    out.push('\n');
    for row in &waiting {
        let _ = write!(out, "  {row:<row_width$}");
        for column in &waited_on {
            let count = pairs
                .iter()
                .find(|p| p.waiting == *row && p.waited_on == *column)
                .map(|p| p.count.to_string())
                .unwrap_or_default();
            let _ = write!(out, "  {count:>width$}", width = column.len());
        }
        out.push('\n');
    }
    out
}
