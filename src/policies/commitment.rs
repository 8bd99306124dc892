//! What counts as committed work, read from the base: a change to a promise
//! already under way needs a decision; a change to a plan still being drawn
//! up does not.

use crate::model::{
    Date, EntityKind, EntityRef, Goal, GoalStatus, Initiative, InitiativeStatus, Org,
};

/// A key result's target is committed while its goal is active and today
/// falls in the goal's period.
pub(super) fn target_committed(org: &Org, goal: &Goal, today: Date) -> bool {
    goal.status() == GoalStatus::Active && period_under_way(org, goal, today)
}

/// A due date is committed for an initiative that is active or paused and
/// has started (no `start`, or `start` on or before today); for each of its
/// milestones not yet done; and for a milestone key result not yet done whose
/// goal's period is under way.
pub(super) fn due_committed(org: &Org, entity: EntityRef, today: Date) -> bool {
    match entity.kind {
        EntityKind::Initiative => initiative_committed(org.initiative_at(entity), today),
        EntityKind::Milestone => {
            let (initiative, milestone) = org.milestone_at(entity);
            !milestone.done && initiative_committed(initiative, today)
        }
        EntityKind::KeyResult => {
            let (goal, key_result) = org.key_result_at(entity);
            key_result.milestone.as_ref().is_some_and(|m| !m.done)
                && target_committed(org, goal, today)
        }
        _ => false,
    }
}

fn initiative_committed(initiative: &Initiative, today: Date) -> bool {
    let under_way = matches!(
        initiative.status(),
        InitiativeStatus::Active | InitiativeStatus::Paused
    );
    under_way
        && initiative
            .start
            .as_ref()
            .is_none_or(|start| **start <= today)
}

fn period_under_way(org: &Org, goal: &Goal, today: Date) -> bool {
    let (first, last) = goal.period.date_range(org.fiscal_year_start_month());
    first <= today && today <= last
}
