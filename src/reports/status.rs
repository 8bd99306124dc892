//! `orgit status`: where the org stands now, as plain data (rendered as text
//! by the CLI, or printed as JSON). Everything is read from the org as it is
//! and judged against one date, "today" (`--today`, or the clock in the org's
//! time zone), so the same files and date give the same report.
//!
//! Goals are those of the period holding today that are still active; a
//! goal's progress is the mean of its key results' (a metric's share of the
//! way from baseline to target, a milestone 0 or 1). Lists follow the team
//! hierarchy, company-wide items first.

use std::collections::HashSet;

use serde::Serialize;

use crate::graph::export::{teams_in_order, teams_under};
use crate::graph::{DependencyJudge, DependencyProblem, OrgGraph, team_of, title_of};
use crate::history::States;
use crate::model::{Date, DecisionStatus, EntityKind, EntityRef, GoalStatus, Health, Org, Period};
use crate::reports::pace::{self, Pace, PaceInput};
use crate::reports::scoring::Bands;

#[derive(Clone, Debug, Serialize)]
pub struct Status {
    /// `1`; changes when a field changes meaning or goes away.
    pub version: u32,
    pub org: String,
    pub today: Date,
    pub period: Period,
    /// The `--team` the report is restricted to.
    pub team: Option<String>,
    /// Company-wide goals (no team), then each team in hierarchy order.
    pub sections: Vec<TeamSection>,
    /// Open items whose health is at risk or off track.
    pub at_risk: Vec<Item>,
    pub broken_dependencies: Vec<DependencyLine>,
    /// Open items due before today.
    pub overdue: Vec<Item>,
    /// Proposed decisions, longest waiting first.
    pub decisions_waiting: Vec<DecisionLine>,
    /// Metric key results whose pace is flagged, from the period's git
    /// history; null outside a git repository.
    pub pace: Option<PaceReport>,
}

/// Pace needs the period's history: when it cannot be read, `unavailable`
/// says why and `behind` is empty.
#[derive(Clone, Debug, Serialize)]
pub struct PaceReport {
    pub unavailable: Option<String>,
    pub behind: Vec<PaceLine>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PaceLine {
    pub id: String,
    pub title: String,
    pub goal: String,
    pub team: Option<String>,
    /// Its own health, else its goal's.
    pub health: Option<Health>,
    pub current: f64,
    pub target: f64,
    pub pace: Pace,
}

/// The metric key results of the period's active goals in scope whose pace
/// is flagged (see `reports::pace`): fitted on their values at `history`
/// (the org at 00:00 of each day given, oldest first, from the period's
/// first week) and their value now, in `org`.
pub fn behind_pace(
    org: &Org,
    today: Date,
    team: Option<EntityRef>,
    history: &[(Date, &States)],
) -> Vec<PaceLine> {
    let fy = org.fiscal_year_start_month();
    let period = Period::containing(today, fy);
    let (first, last) = period.date_range(fy);
    let day = |date: Date| first.days_until(date) as f64;
    let scope: Option<HashSet<usize>> = team.map(|t| teams_under(org, t));
    let hit = Bands::from_settings(org.settings.as_ref().map(|s| &s.scoring)).hit;
    let mut out = Vec::new();
    for (index, goal) in org.goals.iter().enumerate() {
        let entity = EntityRef {
            kind: EntityKind::Goal,
            index,
            child: 0,
        };
        let goal_team = team_of(org, entity);
        let in_scope = match &scope {
            None => true,
            Some(teams) => goal_team.is_some_and(|t| teams.contains(&t.index)),
        };
        if *goal.period != period || goal.status() != GoalStatus::Active || !in_scope {
            continue;
        }
        for kr in &goal.key_results {
            let Some(metric) = kr.metric.as_deref() else {
                continue;
            };
            let mut values: Vec<(f64, f64)> = history
                .iter()
                .filter_map(|(date, entities)| {
                    let m = entities.get(&kr.id.value)?.metric?;
                    Some((day(*date), m.current))
                })
                .collect();
            let now = *metric.current;
            values.push((day(today) + 1.0, now));
            let health = kr.health.as_deref().or(goal.health.as_deref()).copied();
            let period_days = day(last) + 1.0;
            let Some(pace) = pace::pace(&PaceInput {
                baseline: *metric.baseline,
                target: *metric.target,
                values: &values,
                period_days,
                elapsed_days: (day(today) + 1.0).min(period_days),
                says_on_track: health == Some(Health::OnTrack),
                hit,
            }) else {
                continue;
            };
            if pace.flags.is_empty() {
                continue;
            }
            out.push(PaceLine {
                id: kr.id.value.clone(),
                title: kr.title.value.clone(),
                goal: goal.id.value.clone(),
                team: goal_team.map(|t| org.teams[t.index].id.value.clone()),
                health,
                current: now,
                target: *metric.target,
                pace,
            });
        }
    }
    let team_rank = team_rank(org);
    out.sort_by_cached_key(|line| {
        let rank = line
            .team
            .as_deref()
            .and_then(|t| org.lookup(t))
            .map_or(0, |t| team_rank[t.index] + 1);
        // Stable: key results stay in file order within their goal.
        (rank, line.goal.clone())
    });
    out
}

#[derive(Clone, Debug, Serialize)]
pub struct TeamSection {
    /// `None` for company-wide goals.
    pub team: Option<String>,
    pub name: String,
    /// 0 for the top of the hierarchy.
    pub depth: usize,
    pub goals: Vec<GoalLine>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalLine {
    pub id: String,
    pub title: String,
    pub health: Option<Health>,
    /// 0–1, rounded to 4 decimals; `None` for a goal without key results.
    pub progress: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub id: String,
    pub kind: EntityKind,
    pub title: String,
    pub team: Option<String>,
    pub health: Option<Health>,
    pub due: Option<Date>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DependencyLine {
    pub from: String,
    pub to: String,
    pub need_by: Date,
    pub problem: DependencyProblem,
}

#[derive(Clone, Debug, Serialize)]
pub struct DecisionLine {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub since: Date,
    pub days_waiting: i64,
}

pub fn build(org: &Org, today: Date, team: Option<EntityRef>) -> Status {
    let period = Period::containing(today, org.fiscal_year_start_month());
    let scope: Option<HashSet<usize>> = team.map(|t| teams_under(org, t));
    let in_scope = |entity: EntityRef| match &scope {
        None => true,
        Some(teams) => team_of(org, entity).is_some_and(|t| teams.contains(&t.index)),
    };
    let definitions = org.definitions();
    let work: Vec<EntityRef> = definitions
        .iter()
        .map(|d| d.entity)
        .filter(|e| {
            matches!(
                e.kind,
                EntityKind::Goal
                    | EntityKind::KeyResult
                    | EntityKind::Initiative
                    | EntityKind::Milestone
            )
        })
        .filter(|e| !org.is_closed(*e) && in_scope(*e))
        .collect();

    let mut sections = Vec::new();
    if scope.is_none() {
        sections.push(section(org, None, "Company-wide".to_owned(), 0, period));
    }
    for listed in teams_in_order(org) {
        let Some(entity) = org.lookup(&listed.id) else {
            continue;
        };
        if scope.as_ref().is_some_and(|s| !s.contains(&entity.index)) {
            continue;
        }
        let depth = depth_of(org, entity.index);
        sections.push(section(org, Some(entity), listed.name, depth, period));
    }
    let team_rank = team_rank(org);
    let rank = |e: &EntityRef| team_of(org, *e).map_or(0, |t| team_rank[t.index] + 1);

    let mut at_risk: Vec<EntityRef> = work
        .iter()
        .copied()
        .filter(|e| org.health_field(*e).is_some_and(|h| h.is_troubled()))
        // A key result without its own health takes its goal's: list the goal.
        .filter(|e| e.kind != EntityKind::KeyResult || org.key_result_at(*e).1.health.is_some())
        .filter(|e| e.kind != EntityKind::Milestone)
        .collect();
    at_risk.sort_by_key(|e| (rank(e), org.definition(*e).id));
    let mut overdue: Vec<EntityRef> = work
        .iter()
        .copied()
        .filter(|e| org.due_date(*e).is_some_and(|due| due < today))
        .collect();
    overdue.sort_by_key(|e| (org.due_date(*e), org.definition(*e).id));

    let graph = OrgGraph::build(org);
    let judge = DependencyJudge::new(org, &graph, today);
    let mut broken = Vec::new();
    for &dependent in &work {
        for dependency in org.depends_on(dependent) {
            let Some(target) = org.lookup(&dependency.on) else {
                continue;
            };
            if let Some(problem) = judge.problem(dependent, target, dependency)
                && problem.is_broken()
            {
                broken.push(DependencyLine {
                    from: org.definition(dependent).id.to_owned(),
                    to: dependency.on.value.clone(),
                    need_by: *dependency.need_by,
                    problem,
                });
            }
        }
    }
    broken.sort_by(|a, b| (a.need_by, &a.from, &a.to).cmp(&(b.need_by, &b.from, &b.to)));

    let mut decisions: Vec<DecisionLine> = org
        .decisions
        .iter()
        .enumerate()
        .filter(|(_, d)| *d.status == DecisionStatus::Proposed)
        .filter(|(index, _)| {
            in_scope(EntityRef {
                kind: EntityKind::Decision,
                index: *index,
                child: 0,
            })
        })
        .map(|(_, d)| DecisionLine {
            id: d.id.value.clone(),
            title: d.title.value.clone(),
            owner: d.owner.as_ref().and_then(|o| o.single()).map(str::to_owned),
            since: *d.date,
            days_waiting: d.date.days_until(today).max(0),
        })
        .collect();
    decisions.sort_by(|a, b| (a.since, &a.id).cmp(&(b.since, &b.id)));

    Status {
        version: 1,
        org: org
            .settings
            .as_ref()
            .map_or_else(String::new, |s| s.name.value.clone()),
        today,
        period,
        team: team.map(|t| org.teams[t.index].id.value.clone()),
        sections,
        at_risk: at_risk.into_iter().map(|e| item(org, e)).collect(),
        broken_dependencies: broken,
        overdue: overdue.into_iter().map(|e| item(org, e)).collect(),
        decisions_waiting: decisions,
        pace: None,
    }
}

fn section(
    org: &Org,
    team: Option<EntityRef>,
    name: String,
    depth: usize,
    period: Period,
) -> TeamSection {
    let goals = org
        .goals
        .iter()
        .enumerate()
        .filter(|(_, g)| *g.period == period && g.status() == GoalStatus::Active)
        .filter(|(index, _)| {
            let entity = EntityRef {
                kind: EntityKind::Goal,
                index: *index,
                child: 0,
            };
            team_of(org, entity) == team
        })
        .map(|(_, goal)| GoalLine {
            id: goal.id.value.clone(),
            title: goal.title.value.clone(),
            health: goal.health.as_deref().copied(),
            progress: progress(goal),
        })
        .collect();
    TeamSection {
        team: team.map(|t| org.teams[t.index].id.value.clone()),
        name,
        depth,
        goals,
    }
}

/// The mean of the key results' progress.
pub fn progress(goal: &crate::model::Goal) -> Option<f64> {
    let values: Vec<f64> = goal
        .key_results
        .iter()
        .filter_map(|kr| match (&kr.metric, &kr.milestone) {
            (Some(metric), _) => Some(metric.progress()),
            (None, Some(milestone)) => Some(if milestone.done { 1.0 } else { 0.0 }),
            (None, None) => None,
        })
        .collect();
    if values.is_empty() {
        return None;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    Some((mean * 10_000.0).round() / 10_000.0)
}

fn item(org: &Org, entity: EntityRef) -> Item {
    Item {
        id: org.definition(entity).id.to_owned(),
        kind: entity.kind,
        title: title_of(org, entity).to_owned(),
        team: team_of(org, entity).map(|t| org.teams[t.index].id.value.clone()),
        health: org.health(entity),
        due: org.due_date(entity),
    }
}

/// How many parents a team has above it (a parent cycle stops the count).
fn depth_of(org: &Org, index: usize) -> usize {
    let mut depth = 0;
    let mut at = index;
    while let Some(parent) = org.teams[at]
        .parent
        .as_ref()
        .and_then(|p| org.lookup(p))
        .filter(|e| e.kind == EntityKind::Team)
    {
        depth += 1;
        at = parent.index;
        if depth > org.teams.len() {
            break;
        }
    }
    depth
}

/// Each team's position in hierarchy order.
fn team_rank(org: &Org) -> Vec<usize> {
    let mut rank = vec![usize::MAX; org.teams.len()];
    for (position, team) in teams_in_order(org).iter().enumerate() {
        if let Some(entity) = org.lookup(&team.id) {
            rank[entity.index] = position;
        }
    }
    rank
}
