//! What a quarterly review puts on the agenda besides scores: what was
//! delivered and what slipped (with each slip's commit), the decisions
//! taken, the risks closed or mitigated, and the goals carried over to the
//! next quarter.

use std::collections::BTreeMap;

use super::build::{Context, commits_before};
use super::{CarriedOver, DecisionTaken, Delivered, RiskSettled, Slip, Slipped};
use crate::history::{Change, ChangeKind, EntityState, Field, Value};
use crate::model::{EntityKind, Org, Period};

fn window_changes<'a>(cx: &Context<'a>) -> Vec<&'a Change> {
    let window = cx.window();
    let commits = commits_before(cx.history, window.start)..commits_before(cx.history, window.end);
    cx.history
        .changes
        .iter()
        .filter(|c| commits.contains(&c.commit) && cx.in_scope(&c.id))
        .collect()
}

fn deliverable(state: &EntityState) -> bool {
    match state.kind {
        EntityKind::Initiative | EntityKind::Milestone => true,
        EntityKind::KeyResult => state.metric.is_none() && state.done.is_some(),
        _ => false,
    }
}

/// Items marked done (a milestone or milestone key result) or set `done`
/// (an initiative) in the window, and the slips of the window, each with
/// its history.
pub(super) fn delivery(cx: &Context<'_>) -> (Vec<Delivered>, Vec<Slipped>) {
    let changes = window_changes(cx);
    let start = cx.at(cx.window().start);
    let mut slips: BTreeMap<&str, Vec<Slip>> = BTreeMap::new();
    let mut done: BTreeMap<&str, &Change> = BTreeMap::new();
    for change in &changes {
        let ChangeKind::Field {
            field,
            before,
            after,
        } = &change.change
        else {
            continue;
        };
        match (field, before, after) {
            (Field::Due, Value::Date(before), Value::Date(after)) if after > before => {
                if let Some(commit) = cx.commit_ref(change.commit) {
                    slips.entry(change.id.as_str()).or_default().push(Slip {
                        before: *before,
                        after: *after,
                        days: before.days_until(*after),
                        commit,
                    });
                }
            }
            (Field::Done, _, Value::Bool(true)) => {
                done.insert(change.id.as_str(), change);
            }
            (Field::Status, _, Value::Text(status)) if status == "done" => {
                done.insert(change.id.as_str(), change);
            }
            _ => {}
        }
    }
    let first_due = |id: &str| {
        start
            .and_then(|s| s.get(id))
            .and_then(|s| s.due)
            .or_else(|| slips.get(id).and_then(|s| s.first()).map(|s| s.before))
            .or_else(|| cx.state(id).and_then(|s| s.due))
    };
    let mut delivered: Vec<Delivered> = done
        .iter()
        .filter_map(|(id, change)| {
            let state = cx.state(id)?;
            if !deliverable(state)
                || !(state.done == Some(true) || state.status.as_deref() == Some("done"))
            {
                return None;
            }
            let commit = cx.commit_ref(change.commit)?;
            let first = first_due(id);
            Some(Delivered {
                item: cx.item(id, state.kind),
                due: state.due,
                first_due: first,
                done_on: commit.date,
                on_time: first.is_none_or(|due| commit.date <= due),
                commit,
            })
        })
        .collect();
    delivered.sort_by_cached_key(|d| cx.order_key(&d.item.id));
    let mut slipped: Vec<Slipped> = slips
        .into_iter()
        .filter_map(|(id, slips)| {
            let state = cx.state(id)?;
            if !deliverable(state) {
                return None;
            }
            Some(Slipped {
                item: cx.item(id, state.kind),
                first_due: slips.first()?.before,
                due: state.due.unwrap_or(slips.last()?.after),
                days: slips.iter().map(|s| s.days).sum(),
                done: state.done == Some(true) || state.status.as_deref() == Some("done"),
                slips,
            })
        })
        .collect();
    slipped.sort_by_cached_key(|s| cx.order_key(&s.item.id));
    (delivered, slipped)
}

/// Decisions accepted or rejected in the window, and risks closed or
/// mitigated in it.
pub(super) fn decisions_and_risks(cx: &Context<'_>) -> (Vec<DecisionTaken>, Vec<RiskSettled>) {
    let mut decisions = Vec::new();
    let mut risks = Vec::new();
    for change in window_changes(cx) {
        let ChangeKind::Field {
            field: Field::Status,
            after: Value::Text(status),
            ..
        } = &change.change
        else {
            continue;
        };
        let Some(commit) = cx.commit_ref(change.commit) else {
            continue;
        };
        match change.kind {
            EntityKind::Decision if status == "accepted" || status == "rejected" => {
                let Some(decision) = cx.org.decisions.iter().find(|d| d.id.value == change.id)
                else {
                    continue;
                };
                let decided_on = decision
                    .decided_on
                    .as_deref()
                    .copied()
                    .unwrap_or(commit.date);
                decisions.push(DecisionTaken {
                    item: cx.item(&change.id, EntityKind::Decision),
                    status: status.clone(),
                    proposed: *decision.date,
                    decided_on,
                    days_to_decide: decision.date.days_until(decided_on).max(0),
                    affects: decision.affects.iter().map(|a| a.value.clone()).collect(),
                    commit,
                });
            }
            EntityKind::Risk if status == "closed" || status == "mitigated" => {
                let state = cx.state(&change.id);
                risks.push(RiskSettled {
                    item: cx.item(&change.id, EntityKind::Risk),
                    status: status.clone(),
                    likelihood: state.and_then(|s| s.likelihood),
                    impact: state.and_then(|s| s.impact),
                    commit,
                });
            }
            _ => {}
        }
    }
    (decisions, risks)
}

/// The id without a trailing quarter (`grow-arr-q3` → `grow-arr`,
/// `plan-2026-q4` → `plan`): goals of one family across quarters.
fn family(id: &str) -> &str {
    let Some((rest, quarter)) = id.rsplit_once("-q") else {
        return id;
    };
    if quarter.len() != 1 || !quarter.bytes().all(|b| b.is_ascii_digit()) {
        return id;
    }
    match rest.rsplit_once('-') {
        Some((head, year)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => head,
        _ => rest,
    }
}

/// The goals of the quarter after each reviewed goal's, in `later` (the org
/// at the head revision), that carry it on: the same id family, or an
/// `aligns_to` naming it or one of its key results.
pub(super) fn carried_over(
    cx: &Context<'_>,
    goals: &[super::GoalScore],
    later: &Org,
) -> Vec<CarriedOver> {
    let mut out = Vec::new();
    for goal in goals {
        let next = next_quarter(goal.period);
        let key_results: Vec<&str> = goal
            .key_results
            .iter()
            .map(|kr| kr.item.id.as_str())
            .collect();
        for candidate in later.goals.iter().filter(|g| *g.period == next) {
            let by_family = family(&candidate.id) == family(&goal.item.id)
                && candidate.id.value != goal.item.id;
            let by_alignment = candidate.aligns_to.as_ref().is_some_and(|a| {
                a.value == goal.item.id || key_results.contains(&a.value.as_str())
            });
            if !(by_family || by_alignment) {
                continue;
            }
            out.push(CarriedOver {
                from: goal.item.id.clone(),
                id: candidate.id.value.clone(),
                title: candidate.title.value.clone(),
                period: next,
                path: later.file(candidate.file).path.clone(),
                how: if by_family {
                    "same_family"
                } else {
                    "aligns_to"
                },
            });
        }
    }
    let _ = cx;
    out
}

fn next_quarter(period: Period) -> Period {
    if period.quarter == 4 {
        Period {
            fiscal_year: period.fiscal_year + 1,
            quarter: 1,
        }
    } else {
        Period {
            quarter: period.quarter + 1,
            ..period
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_family_is_the_id_without_its_quarter() {
        assert_eq!(super::family("grow-arr-q3"), "grow-arr");
        assert_eq!(super::family("plan-in-git-2026-q4"), "plan-in-git");
        assert_eq!(super::family("q3-arr"), "q3-arr");
        assert_eq!(super::family("reliability"), "reliability");
    }
}
