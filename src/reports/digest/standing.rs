//! Where things stand at the end of the week: each goal with its key results,
//! each team with its sub-teams rolled up, and the execution-health figures.

use std::collections::BTreeSet;

use super::build::{Context, SnapshotView, difference, key_result_progress, mean, ratio, share};
use super::{
    CheckIn, Figures, GoalStanding, KeyResultStanding, MetricValue, MilestoneValue, TeamRollup,
};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::history::EntityState;
use crate::model::{Body, EntityKind, EntityRef, Goal, GoalStatus, Health, Record};
use crate::reports::scoring;

/// The goals of the period in scope, each with its key results.
pub(super) fn goals(cx: &Context<'_>) -> Vec<GoalStanding> {
    let mut out: Vec<GoalStanding> = cx
        .org
        .goals
        .iter()
        .filter(|g| *g.period == cx.timeline.period && cx.in_scope(&g.id))
        .map(|g| goal_standing(cx, g))
        .collect();
    out.sort_by_cached_key(|g| cx.order_key(&g.item.id));
    out
}

/// With `--team`: the goals outside the team that its goals serve, following
/// `aligns_to` (through a key result to its goal) up to the top.
pub(super) fn context_goals(cx: &Context<'_>, goals: &[GoalStanding]) -> Vec<GoalStanding> {
    if cx.scope.is_none() {
        return Vec::new();
    }
    let mut seen: BTreeSet<&str> = goals.iter().map(|g| g.item.id.as_str()).collect();
    let mut pending: Vec<&str> = goals
        .iter()
        .filter_map(|g| g.aligns_to.as_deref())
        .collect();
    let mut out = Vec::new();
    while let Some(id) = pending.pop() {
        let goal = match cx.org.lookup(id) {
            Some(
                entity @ EntityRef {
                    kind: EntityKind::Goal,
                    ..
                },
            ) => cx.org.goal_at(entity),
            Some(
                entity @ EntityRef {
                    kind: EntityKind::KeyResult,
                    ..
                },
            ) => cx.org.key_result_at(entity).0,
            _ => continue,
        };
        if !seen.insert(&goal.id.value) {
            continue;
        }
        if let Some(next) = &goal.aligns_to {
            pending.push(&next.value);
        }
        out.push(goal_standing(cx, goal));
    }
    out.sort_by_cached_key(|g| cx.order_key(&g.item.id));
    out
}

fn goal_standing(cx: &Context<'_>, goal: &Record<Goal>) -> GoalStanding {
    let id = goal.id.value.as_str();
    let (start, end) = (cx.start.get(id), cx.end.get(id));
    let progress = cx.end.goal_progress(id);
    let before = cx.start.goal_progress(id);
    // Progress at the end, measured against the plan as it stood at the start
    // of the week: what the work moved, not the goalposts.
    let against_start_plan = crate::reports::scoring::mean(
        goal.key_results
            .iter()
            .filter_map(|kr| against_plan(cx.start.get(&kr.id), cx.end.get(&kr.id))),
    );
    let (progress_change, progress_from_target_change) =
        split_change(progress, before, against_start_plan);
    GoalStanding {
        item: cx.item(id, EntityKind::Goal),
        status: goal.status().as_str().to_owned(),
        health: end.and_then(|s| s.health),
        health_before: start.and_then(|s| s.health),
        confidence: end.and_then(|s| s.confidence),
        confidence_change: change(
            end.and_then(|s| s.confidence),
            start.and_then(|s| s.confidence),
        ),
        aligns_to: goal.aligns_to.as_ref().map(|a| a.value.clone()),
        progress: progress.map(ratio),
        progress_change,
        progress_from_target_change,
        trend: cx
            .week_ends
            .iter()
            .map(|view| view.goal_progress(id).map(ratio))
            .collect(),
        key_results: goal
            .key_results
            .iter()
            .map(|kr| {
                key_result_standing(
                    cx,
                    &kr.id,
                    kr.metric
                        .as_ref()
                        .and_then(|m| m.unit.as_ref())
                        .map(|u| u.value.clone()),
                    end.and_then(|s| s.health),
                )
            })
            .collect(),
    }
}

fn key_result_standing(
    cx: &Context<'_>,
    id: &str,
    unit: Option<String>,
    goal_health: Option<Health>,
) -> KeyResultStanding {
    let (start, end) = (cx.start.get(id), cx.end.get(id));
    let progress = end.and_then(key_result_progress);
    let before = start.and_then(key_result_progress);
    let (progress_change, progress_from_target_change) =
        split_change(progress, before, against_plan(start, end));
    let metric = end.and_then(|s| s.metric).map(|m| MetricValue {
        baseline: m.baseline,
        target: m.target,
        current: m.current,
        current_before: start.and_then(|s| s.metric).map(|m| m.current),
        unit,
        direction: m.direction,
    });
    let milestone = end
        .filter(|s| s.metric.is_none() && s.done.is_some())
        .map(|s| MilestoneValue {
            due: s.due,
            done: s.done == Some(true),
        });
    KeyResultStanding {
        item: cx.item(id, EntityKind::KeyResult),
        metric,
        milestone,
        health: end.and_then(|s| s.health),
        confidence: end.and_then(|s| s.confidence),
        progress: progress.map(ratio),
        progress_change,
        progress_from_target_change,
        trend: cx
            .week_ends
            .iter()
            .map(|view| progress_at(view, id))
            .collect(),
        updated: cx.changed_this_week(id),
        pace: end.and_then(|state| {
            let says = state.health.or(goal_health) == Some(Health::OnTrack);
            super::pace::key_result_pace(cx, id, says)
        }),
    }
}

fn progress_at(view: &SnapshotView<'_>, key_result: &str) -> Option<f64> {
    view.get(key_result)
        .and_then(key_result_progress)
        .map(ratio)
}

/// A key result's progress at the end of the week against the baseline and
/// target it had at the start (the end's own when it is new, or not a
/// metric).
fn against_plan(start: Option<&EntityState>, end: Option<&EntityState>) -> Option<f64> {
    let end = end?;
    match (start.and_then(|s| s.metric), end.metric) {
        (Some(plan), Some(now)) => scoring::progress(plan.baseline, plan.target, now.current),
        _ => key_result_progress(end),
    }
}

/// This week's change of progress, split in two: what the values moved
/// (`after` against the week-start plan, minus `before`) and what a changed
/// target or baseline added or took away (the rest). Both null when either
/// end is unknown.
fn split_change(
    after: Option<f64>,
    before: Option<f64>,
    against_start_plan: Option<f64>,
) -> (Option<f64>, Option<f64>) {
    let (Some(after), Some(before)) = (after, before) else {
        return (None, None);
    };
    let moved = against_start_plan.unwrap_or(after);
    (Some(ratio(moved - before)), Some(ratio(after - moved)))
}

fn change(after: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some(difference(after?, before?))
}

/// Goals that count in figures and roll-ups: the period's active ones.
fn is_counted(goal: &GoalStanding) -> bool {
    goal.status == GoalStatus::Active.as_str()
}

/// Each team in scope, in hierarchy order, with the goals of its sub-teams
/// rolled up into it and its check-in for the week.
pub(super) fn teams(cx: &Context<'_>, goals: &[GoalStanding]) -> Vec<TeamRollup> {
    let top_depth = cx
        .scope
        .as_ref()
        .and_then(|scope| scope.iter().map(|t| cx.teams.depth(t)).min())
        .unwrap_or(0);
    let company = cx.teams.single_top();
    cx.teams
        .ids()
        .filter(|id| cx.scope.as_ref().is_none_or(|s| s.contains(*id)))
        .map(|id| {
            let subtree = cx.teams.subtree(id);
            // The company at the top also holds the company-wide goals.
            let is_company = company == Some(id);
            let counted: Vec<&GoalStanding> = goals
                .iter()
                .filter(|g| is_counted(g))
                .filter(|g| match &g.item.team {
                    Some(team) => subtree.contains(&team.id),
                    None => is_company,
                })
                .collect();
            let team = cx.org.team(id);
            TeamRollup {
                id: id.to_owned(),
                name: cx.team_named(id).name,
                parent: cx.teams.parent(id).map(str::to_owned),
                depth: cx.teams.depth(id).saturating_sub(top_depth),
                lead: team
                    .and_then(|t| t.lead.as_ref())
                    .map(|lead| cx.person_named(&lead.value)),
                goals: counted.len(),
                goals_on_track: counted
                    .iter()
                    .filter(|g| g.health == Some(Health::OnTrack))
                    .count(),
                progress: mean(counted.iter().filter_map(|g| g.progress)).map(ratio),
                progress_change: mean(counted.iter().filter_map(|g| g.progress_change)).map(ratio),
                update_expected: !is_company,
                update: check_in(cx, id),
            }
        })
        .collect()
}

fn check_in(cx: &Context<'_>, team: &str) -> Option<CheckIn> {
    let week = cx.timeline.week.week;
    let update = cx
        .org
        .updates
        .iter()
        .find(|u| u.team.value == team && u.week.value == week)?;
    Some(CheckIn {
        author: cx.person_named(&update.author),
        health: update.health(),
        confidence: update.confidence.as_ref().map(|c| c.value),
        path: cx.org.file(update.file).path.clone(),
        summary: update.body.as_ref().map(summary).unwrap_or_default(),
    })
}

/// Longest summary of a check-in, in characters.
const SUMMARY_CHARS: usize = 400;

/// A check-in in a line: its first paragraph, or when it opens with a list
/// (the usual "progress, risks, asks"), that list's items joined. Headings
/// are skipped; at most [`SUMMARY_CHARS`] characters.
fn summary(body: &Body) -> String {
    let text = opening_text(&body.markdown);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(SUMMARY_CHARS) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text,
    }
}

/// The plain text of the first paragraph or list of `markdown`; a list's
/// items (not their sub-lists) joined by " · ".
fn opening_text(markdown: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    // Lists entered, and whether the opening block is a list at all.
    let mut lists = 0usize;
    let mut in_paragraph = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => {
                lists = lists.saturating_sub(1);
                if lists == 0 {
                    break;
                }
            }
            Event::Start(Tag::Item) if lists == 1 => parts.push(String::new()),
            Event::Start(Tag::Paragraph) if lists == 0 => {
                in_paragraph = true;
                parts.push(String::new());
            }
            Event::End(TagEnd::Paragraph) if lists == 0 => break,
            Event::Text(text) | Event::Code(text) if lists == 1 || in_paragraph => {
                if let Some(part) = parts.last_mut() {
                    part.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak if lists == 1 || in_paragraph => {
                if let Some(part) = parts.last_mut() {
                    part.push(' ');
                }
            }
            _ => {}
        }
    }
    parts.join(" · ")
}

pub(super) fn figures(cx: &Context<'_>, goals: &[GoalStanding]) -> Figures {
    let counted: Vec<&GoalStanding> = goals.iter().filter(|g| is_counted(g)).collect();
    let on_track = counted
        .iter()
        .filter(|g| g.health == Some(Health::OnTrack))
        .count();
    let key_results: Vec<_> = counted.iter().flat_map(|g| &g.key_results).collect();
    let updated = key_results.iter().filter(|kr| kr.updated).count();
    let team_goals: Vec<_> = counted.iter().filter(|g| g.item.team.is_some()).collect();
    let aligned = team_goals
        .iter()
        .filter(|g| {
            g.aligns_to
                .as_deref()
                .and_then(|a| cx.org.lookup(a))
                .is_some_and(|target| {
                    matches!(target.kind, EntityKind::Goal | EntityKind::KeyResult)
                })
        })
        .count();
    Figures {
        goals: counted.len(),
        goals_on_track: on_track,
        goals_on_track_share: share(on_track, counted.len()),
        progress: mean(counted.iter().filter_map(|g| g.progress)).map(ratio),
        progress_change: mean(counted.iter().filter_map(|g| g.progress_change)).map(ratio),
        key_results: key_results.len(),
        key_results_updated: updated,
        key_results_updated_share: share(updated, key_results.len()),
        team_goals: team_goals.len(),
        team_goals_aligned: aligned,
        alignment_coverage: share(aligned, team_goals.len()),
        cross_team_dependencies: super::state::open_cross_team_dependencies(cx),
    }
}
