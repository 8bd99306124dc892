//! What happened during the week, read from the changes history found: the
//! log of moves, and the sections that single some of them out (health
//! turning, slips, goalpost moves, decisions made, risks raised or escalated).

use std::collections::HashMap;

use super::build::{Context, difference};
use super::{
    DecisionLink, DecisionMade, GoalpostMove, HealthTurn, Move, RiskEscalated, RiskRaised, Slip,
};
use crate::history::{Change, ChangeKind, EntityState, Field, Value};
use crate::model::{Date, DecisionStatus, Direction, EntityKind, Health, Level};

/// Every change of the week except renames, slips and target changes (those
/// have their own sections), in team order, then id, then commit order. A
/// field changed by several commits is one move from its value before the
/// first to its value after the last; one that ends where it started is none.
pub(super) fn moves(cx: &Context<'_>) -> Vec<Move> {
    let mut pending: Vec<Pending<'_>> = Vec::new();
    let mut field_moves: HashMap<(&str, Field), usize> = HashMap::new();
    for change in &cx.week_changes {
        if !cx.in_scope(&change.id) || is_part_of_parent_change(cx, change) {
            continue;
        }
        let (field, before, after) = match &change.change {
            ChangeKind::Moved { .. } => continue,
            ChangeKind::Field { field, .. } if *field == Field::Target => continue,
            ChangeKind::Field { .. } if slip_of(change).is_some() => continue,
            ChangeKind::Added | ChangeKind::Removed => (None, &Value::None, &Value::None),
            ChangeKind::Field {
                field,
                before,
                after,
            } => (Some(*field), before, after),
        };
        if let Some(field) = field
            && let Some(&index) = field_moves.get(&(change.id.as_str(), field))
        {
            let earlier = &mut pending[index];
            earlier.after = after.clone();
            earlier.last_commit = change.commit;
            earlier.commits += 1;
            continue;
        }
        if let Some(field) = field {
            field_moves.insert((&change.id, field), pending.len());
        }
        pending.push(Pending {
            change,
            field,
            before: before.clone(),
            after: after.clone(),
            first_commit: change.commit,
            last_commit: change.commit,
            commits: 1,
        });
    }

    let mut out: Vec<(usize, Move)> = pending
        .into_iter()
        .filter(|p| p.field.is_none() || p.before != p.after)
        .filter_map(|p| Some((p.first_commit, p.into_move(cx)?)))
        .collect();
    // Stable: changes of one commit keep the history's order.
    out.sort_by_cached_key(|(commit, m)| (cx.order_key(&m.item.id), *commit));
    out.into_iter().map(|(_, m)| m).collect()
}

/// A move being gathered from the week's changes to one field.
struct Pending<'a> {
    /// The first change.
    change: &'a Change,
    /// `None` for an entity added or removed.
    field: Option<Field>,
    before: Value,
    after: Value,
    first_commit: usize,
    last_commit: usize,
    commits: usize,
}

impl Pending<'_> {
    fn into_move(self, cx: &Context<'_>) -> Option<Move> {
        let change = self.change;
        let name = match (&change.change, self.field) {
            (ChangeKind::Added, _) => "added",
            (ChangeKind::Removed, _) => "removed",
            (_, Some(field)) => field.as_str(),
            (_, None) => return None,
        };
        let delta = match (&self.before, &self.after) {
            (Value::Number(b), Value::Number(a)) => Some(difference(*a, *b)),
            (Value::Date(b), Value::Date(a)) => Some(b.days_until(*a) as f64),
            _ => None,
        };
        let unit = match self.field {
            Some(Field::Current | Field::Baseline) => metric_unit(cx, &change.id),
            _ => None,
        };
        let state = cx.state(&change.id);
        Some(Move {
            item: cx.item(&change.id, change.kind),
            change: name.to_owned(),
            better: self
                .field
                .and_then(|f| better(f, &self.before, &self.after, state)),
            before: self.before,
            after: self.after,
            delta,
            unit,
            commit: cx.commit_ref(self.last_commit)?,
            commits: self.commits,
        })
    }
}

/// A key result or milestone added or removed with its goal or initiative,
/// or inheriting the owner or team its parent changed, in the same commit:
/// the parent's line says it all.
fn is_part_of_parent_change(cx: &Context<'_>, change: &Change) -> bool {
    let inherited = match &change.change {
        ChangeKind::Added | ChangeKind::Removed => true,
        ChangeKind::Field { field, .. } => matches!(field, Field::Owner | Field::Team),
        ChangeKind::Moved { .. } => false,
    };
    if !inherited || !matches!(change.kind, EntityKind::KeyResult | EntityKind::Milestone) {
        return false;
    }
    let Some(parent) = cx.state(&change.id).and_then(|s| s.parent.as_deref()) else {
        return false;
    };
    cx.week_changes.iter().any(|other| {
        other.commit == change.commit && other.id == parent && other.change == change.change
    })
}

/// Whether a change is good news; `None` when it is neither or cannot tell.
fn better(
    field: Field,
    before: &Value,
    after: &Value,
    state: Option<&EntityState>,
) -> Option<bool> {
    let strictly = |improved: bool, worse: bool| (improved || worse).then_some(improved);
    match field {
        Field::Current => {
            let (Value::Number(b), Value::Number(a)) = (before, after) else {
                return None;
            };
            let up = state?.metric?.direction == Direction::Up;
            strictly(
                if up { a > b } else { a < b },
                if up { a < b } else { a > b },
            )
        }
        Field::Confidence => {
            let (Value::Number(b), Value::Number(a)) = (before, after) else {
                return None;
            };
            strictly(a > b, a < b)
        }
        Field::Health => {
            let (b, a) = (health(before)?, health(after)?);
            strictly(a < b, a > b)
        }
        Field::Likelihood | Field::Impact => {
            let (b, a) = (level(before)?, level(after)?);
            strictly(a < b, a > b)
        }
        Field::Done => match (before, after) {
            (Value::Bool(false) | Value::None, Value::Bool(true)) => Some(true),
            (Value::Bool(true), Value::Bool(false) | Value::None) => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn metric_unit(cx: &Context<'_>, key_result: &str) -> Option<String> {
    let entity = cx.org.lookup(key_result)?;
    if entity.kind != EntityKind::KeyResult {
        return None;
    }
    let metric = cx.org.key_result_at(entity).1.metric.as_ref()?;
    metric.unit.as_ref().map(|u| u.value.clone())
}

fn health(value: &Value) -> Option<Health> {
    match value {
        Value::Text(text) => match text.as_str() {
            "on_track" => Some(Health::OnTrack),
            "at_risk" => Some(Health::AtRisk),
            "off_track" => Some(Health::OffTrack),
            _ => None,
        },
        _ => None,
    }
}

fn level(value: &Value) -> Option<Level> {
    match value {
        Value::Text(text) => match text.as_str() {
            "low" => Some(Level::Low),
            "medium" => Some(Level::Medium),
            "high" => Some(Level::High),
            _ => None,
        },
        _ => None,
    }
}

/// Goals, key results and initiatives whose health is at risk or off track at
/// the end of the week and was better (or unset) at its start.
pub(super) fn turned(cx: &Context<'_>) -> Vec<HealthTurn> {
    let mut out: Vec<HealthTurn> = cx
        .end
        .entities
        .iter()
        .filter(|(_, s)| {
            matches!(
                s.kind,
                EntityKind::Goal | EntityKind::KeyResult | EntityKind::Initiative
            )
        })
        .filter_map(|(id, state)| {
            let after = state.health.filter(|h| h.is_troubled())?;
            let before = cx.start.get(id).and_then(|s| s.health);
            if before.is_some_and(|b| b >= after) || !cx.in_scope(id) {
                return None;
            }
            let (_, commit) = cx.last_week_change(id, |c| {
                matches!(
                    c,
                    ChangeKind::Added
                        | ChangeKind::Field {
                            field: Field::Health,
                            ..
                        }
                )
            })?;
            Some(HealthTurn {
                item: cx.item(id, state.kind),
                before,
                after,
                commit,
            })
        })
        .collect();
    out.sort_by_cached_key(|t| cx.order_key(&t.item.id));
    out
}

/// A due date moved later on something that is delivered by a date.
fn slip_of(change: &Change) -> Option<(Date, Date)> {
    let ChangeKind::Field {
        field: Field::Due,
        before: Value::Date(before),
        after: Value::Date(after),
    } = &change.change
    else {
        return None;
    };
    let slippable = matches!(
        change.kind,
        EntityKind::Initiative | EntityKind::Milestone | EntityKind::KeyResult
    );
    (slippable && after > before).then_some((*before, *after))
}

/// Due dates moved later this week, each with how often that item slipped in
/// the period so far.
pub(super) fn slips(cx: &Context<'_>) -> Vec<Slip> {
    let mut out: Vec<(usize, Slip)> = cx
        .week_changes
        .iter()
        .filter(|c| cx.in_scope(&c.id))
        .filter_map(|change| {
            let (before, after) = slip_of(change)?;
            let times = cx
                .period_changes
                .iter()
                .filter(|c| c.id == change.id && slip_of(c).is_some())
                .count();
            Some((
                change.commit,
                Slip {
                    item: cx.item(&change.id, change.kind),
                    before,
                    after,
                    days: before.days_until(after),
                    times_this_period: times,
                    commit: cx.commit_ref(change.commit)?,
                },
            ))
        })
        .collect();
    out.sort_by_cached_key(|(commit, s)| (cx.order_key(&s.item.id), *commit));
    out.into_iter().map(|(_, s)| s).collect()
}

/// Key result targets changed this week, each with the decisions that could
/// explain it.
pub(super) fn goalpost_moves(cx: &Context<'_>) -> Vec<GoalpostMove> {
    let mut out: Vec<(usize, GoalpostMove)> = cx
        .week_changes
        .iter()
        .filter(|c| cx.in_scope(&c.id))
        .filter_map(|change| {
            let ChangeKind::Field {
                field: Field::Target,
                before: Value::Number(before),
                after: Value::Number(after),
            } = &change.change
            else {
                return None;
            };
            let state = cx.state(&change.id);
            let direction = state
                .and_then(|s| s.metric)
                .map_or(Direction::Up, |m| m.direction);
            let easier = match direction {
                Direction::Up => after < before,
                Direction::Down => after > before,
            };
            let goal = state.and_then(|s| s.parent.clone());
            let decisions = explaining_decisions(cx, &change.id, goal.as_deref());
            Some((
                change.commit,
                GoalpostMove {
                    item: cx.item(&change.id, change.kind),
                    goal,
                    before: *before,
                    after: *after,
                    unit: metric_unit(cx, &change.id),
                    direction,
                    easier,
                    unexplained: easier && decisions.is_empty(),
                    decisions,
                    commit: cx.commit_ref(change.commit)?,
                },
            ))
        })
        .collect();
    out.sort_by_cached_key(|(commit, g)| (cx.order_key(&g.item.id), *commit));
    out.into_iter().map(|(_, g)| g).collect()
}

/// Accepted decisions whose `affects` names the key result or its goal and
/// that were recorded or changed during the period: the record of why a
/// target moved. A proposal explains nothing yet.
fn explaining_decisions(
    cx: &Context<'_>,
    key_result: &str,
    goal: Option<&str>,
) -> Vec<DecisionLink> {
    cx.org
        .decisions
        .iter()
        .filter(|d| d.status.value == DecisionStatus::Accepted)
        .filter(|d| {
            d.affects
                .iter()
                .any(|a| a.value == key_result || Some(a.value.as_str()) == goal)
        })
        .filter(|d| {
            cx.period_changes
                .iter()
                .any(|c| c.id == d.id.value && !matches!(c.change, ChangeKind::Moved { .. }))
        })
        .map(|d| DecisionLink {
            id: d.id.value.clone(),
            title: d.title.value.clone(),
            status: d.status.as_str().to_owned(),
            path: cx.org.file(d.file).path.clone(),
        })
        .collect()
}

/// Decisions accepted or rejected this week: their status changed to it, or
/// they were recorded already decided (and not decided before the week).
pub(super) fn decisions_made(cx: &Context<'_>) -> Vec<DecisionMade> {
    let mut out: Vec<DecisionMade> = cx
        .org
        .decisions
        .iter()
        .filter(|d| {
            matches!(
                d.status.value,
                DecisionStatus::Accepted | DecisionStatus::Rejected
            )
        })
        .filter(|d| cx.in_scope(&d.id))
        .filter_map(|d| {
            let decided = d.status.as_str();
            let (change, commit) = cx.last_week_change(&d.id, |c| match c {
                ChangeKind::Added => true,
                ChangeKind::Field {
                    field: Field::Status,
                    after: Value::Text(status),
                    ..
                } => status == decided,
                _ => false,
            })?;
            let decided_on = d.decided_on.as_ref().map(|date| date.value);
            let backfilled = matches!(change.change, ChangeKind::Added)
                && decided_on.is_some_and(|on| on < cx.timeline.week.first_day);
            if backfilled {
                return None;
            }
            let proposed = d.date.value;
            Some(DecisionMade {
                item: cx.item(&d.id, EntityKind::Decision),
                status: decided.to_owned(),
                proposed,
                decided_on,
                days_to_decide: proposed
                    .days_until(decided_on.unwrap_or(commit.date))
                    .max(0),
                affects: d.affects.iter().map(|a| a.value.clone()).collect(),
                commit,
            })
        })
        .collect();
    out.sort_by_cached_key(|d| cx.order_key(&d.item.id));
    out
}

/// Risks raised this week and still open at its end.
pub(super) fn risks_raised(cx: &Context<'_>) -> Vec<RiskRaised> {
    let mut out: Vec<RiskRaised> = cx
        .end
        .entities
        .iter()
        .filter(|(id, s)| s.kind == EntityKind::Risk && is_open_risk(s) && cx.in_scope(id))
        .filter_map(|(id, state)| {
            let (_, commit) = cx.last_week_change(id, |c| matches!(c, ChangeKind::Added))?;
            Some(RiskRaised {
                item: cx.item(id, EntityKind::Risk),
                likelihood: state.likelihood,
                impact: state.impact,
                high: is_high(state.likelihood, state.impact),
                review_by: state.due,
                commit,
            })
        })
        .collect();
    out.sort_by_cached_key(|r| cx.order_key(&r.item.id));
    out
}

/// Open risks whose likelihood or impact is higher at the end of the week
/// than at its start.
pub(super) fn risks_escalated(cx: &Context<'_>) -> Vec<RiskEscalated> {
    let mut out: Vec<RiskEscalated> = cx
        .end
        .entities
        .iter()
        .filter(|(id, s)| s.kind == EntityKind::Risk && is_open_risk(s) && cx.in_scope(id))
        .filter_map(|(id, state)| {
            let before = cx.start.get(id)?;
            let rose =
                |b: Option<Level>, a: Option<Level>| matches!((b, a), (Some(b), Some(a)) if a > b);
            if !rose(before.likelihood, state.likelihood) && !rose(before.impact, state.impact) {
                return None;
            }
            let (_, commit) = cx.last_week_change(id, |c| {
                matches!(
                    c,
                    ChangeKind::Field {
                        field: Field::Likelihood | Field::Impact,
                        ..
                    }
                )
            })?;
            Some(RiskEscalated {
                item: cx.item(id, EntityKind::Risk),
                likelihood_before: before.likelihood,
                likelihood: state.likelihood,
                impact_before: before.impact,
                impact: state.impact,
                high: is_high(state.likelihood, state.impact),
                commit,
            })
        })
        .collect();
    out.sort_by_cached_key(|r| cx.order_key(&r.item.id));
    out
}

pub(super) fn is_open_risk(state: &EntityState) -> bool {
    state.status.as_deref() != Some("closed")
}

/// The rule of [`crate::model::Risk::is_high`], on a risk's tracked levels.
pub(super) fn is_high(likelihood: Option<Level>, impact: Option<Level>) -> bool {
    let (Some(l), Some(i)) = (likelihood, impact) else {
        return false;
    };
    (i == Level::High && l != Level::Low) || (l == Level::High && i != Level::Low)
}
