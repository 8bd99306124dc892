//! Facts about one work item that every view shows the same way: its title,
//! the team it belongs to, and the state of each dependency it has.

use std::collections::HashSet;

use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::{OrgGraph, find_cycles};
use crate::model::{Date, Dependency, EntityKind, EntityRef, Health, Org};

/// The title of a goal, key result, initiative, milestone, decision, risk,
/// KPI, issue or to-do;
/// a person's or team's name.
pub fn title_of(org: &Org, entity: EntityRef) -> &str {
    match entity.kind {
        EntityKind::Person => &org.people[entity.index].name,
        EntityKind::Team => &org.teams[entity.index].name,
        EntityKind::Goal => &org.goal_at(entity).title,
        EntityKind::KeyResult => &org.key_result_at(entity).1.title,
        EntityKind::Initiative => &org.initiative_at(entity).title,
        EntityKind::Milestone => &org.milestone_at(entity).1.title,
        EntityKind::Decision => &org.decisions[entity.index].title,
        EntityKind::Risk => &org.risks[entity.index].title,
        EntityKind::Kpi => &org.kpis[entity.index].title,
        EntityKind::Issue => &org.issues[entity.index].title,
        EntityKind::Todo => &org.todos[entity.index].title,
    }
}

/// The team an item belongs to, as the reports define it: a goal's or
/// initiative's, KPI's, issue's or to-do's `team`; a key result's or milestone's goal's or initiative's;
/// a decision's, risk's or person's owner's (or own) team; a team itself.
/// `None` is company-wide.
pub fn team_of(org: &Org, entity: EntityRef) -> Option<EntityRef> {
    let team_id: Option<&str> = match entity.kind {
        EntityKind::Team => return Some(entity),
        EntityKind::Person => org.people[entity.index].team.as_deref().map(String::as_str),
        EntityKind::Goal | EntityKind::KeyResult => {
            org.goals[entity.index].team.as_deref().map(String::as_str)
        }
        EntityKind::Initiative | EntityKind::Milestone => {
            Some(org.initiatives[entity.index].team.as_str())
        }
        EntityKind::Kpi => Some(org.kpis[entity.index].team.as_str()),
        EntityKind::Issue => Some(org.issues[entity.index].team.as_str()),
        EntityKind::Todo => Some(org.todos[entity.index].team.as_str()),
        EntityKind::Decision | EntityKind::Risk => {
            let owner = org.owner_of(entity).and_then(|o| o.single())?;
            org.person(owner)?.team.as_deref().map(String::as_str)
        }
    };
    org.lookup(team_id?).filter(|e| e.kind == EntityKind::Team)
}

/// What is wrong with a `depends_on` entry, worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DependencyProblem {
    /// The target was cancelled, dropped or missed.
    Abandoned,
    /// The target waits, through other links, on the dependent.
    Cycle,
    /// The target is due after it is needed.
    Late,
    /// The date it was needed by has passed and the target is not done.
    Overdue,
    /// The target is at risk or off track while the dependent says on track.
    AtRisk,
}

impl DependencyProblem {
    /// Broken (red) rather than in danger.
    pub fn is_broken(self) -> bool {
        self != DependencyProblem::AtRisk
    }

    pub fn describe(self) -> &'static str {
        match self {
            DependencyProblem::Abandoned => "target abandoned",
            DependencyProblem::Cycle => "part of a cycle",
            DependencyProblem::Late => "due after it is needed",
            DependencyProblem::Overdue => "needed date passed",
            DependencyProblem::AtRisk => "target in trouble",
        }
    }
}

/// Judges dependencies the way `orgit check` does, plus what only a date can
/// tell (`Overdue`): built once, since cycles need the whole graph.
pub struct DependencyJudge<'a> {
    org: &'a Org,
    today: Date,
    in_cycle: HashSet<(EntityRef, EntityRef)>,
}

impl<'a> DependencyJudge<'a> {
    pub fn new(org: &'a Org, graph: &OrgGraph, today: Date) -> Self {
        let waits_on = graph.waits_on();
        let mut in_cycle = HashSet::new();
        for cycle in find_cycles(&waits_on) {
            let members: HashSet<NodeIndex> = cycle.iter().copied().collect();
            for &node in &cycle {
                for next in waits_on.neighbors(node) {
                    if members.contains(&next) {
                        in_cycle.insert((waits_on[node], waits_on[next]));
                    }
                }
            }
        }
        DependencyJudge {
            org,
            today,
            in_cycle,
        }
    }

    /// The worst problem of `dependent` waiting on `target` as `dependency`
    /// says; `None` when it is healthy or no longer matters (either end closed,
    /// the target delivered).
    pub fn problem(
        &self,
        dependent: EntityRef,
        target: EntityRef,
        dependency: &Dependency,
    ) -> Option<DependencyProblem> {
        let org = self.org;
        if org.is_closed(dependent) || org.is_done(target) {
            return None;
        }
        if org.is_abandoned(target) {
            return Some(DependencyProblem::Abandoned);
        }
        if self.in_cycle.contains(&(dependent, target)) {
            return Some(DependencyProblem::Cycle);
        }
        if org
            .due_date(target)
            .is_some_and(|due| due > *dependency.need_by)
        {
            return Some(DependencyProblem::Late);
        }
        if *dependency.need_by < self.today {
            return Some(DependencyProblem::Overdue);
        }
        let target_troubled = org.health(target).is_some_and(Health::is_troubled);
        let dependent_fine = org.health(dependent) == Some(Health::OnTrack);
        (target_troubled && dependent_fine).then_some(DependencyProblem::AtRisk)
    }
}

/// The `depends_on` entries of `dependent` that name `target`.
pub fn dependencies_on(
    org: &Org,
    dependent: EntityRef,
    target: EntityRef,
) -> impl Iterator<Item = &Dependency> {
    org.depends_on(dependent)
        .iter()
        .filter(move |d| org.lookup(&d.on) == Some(target))
}
