//! What needs attention in the org as it is at the end of the week: dependency
//! alerts, decisions waiting, risk reviews due, stale and overdue items. Date
//! rules read the week's last day as today.

use std::collections::HashMap;

use super::build::Context;
use super::{DecisionWaiting, DependencyAlert, DependencyProblem, Overdue, RiskReview, StaleItem};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{
    DecisionStatus, EntityKind, FileId, GoalStatus, InitiativeStatus, RiskStatus, Span,
};

/// The dependency diagnostics of `orgit check` on the week-end org, found by
/// the `depends_on` entry they point at: one alert per entry.
pub(super) fn dependency_alerts(cx: &Context<'_>) -> Vec<DependencyAlert> {
    let mut at: HashMap<(FileId, Span), Vec<&Diagnostic>> = HashMap::new();
    for diagnostic in cx.diagnostics.iter() {
        if problem_kind(diagnostic.code).is_some() {
            at.entry((diagnostic.primary.file, diagnostic.primary.span))
                .or_default()
                .push(diagnostic);
        }
    }
    let org = cx.org;
    let mut out = Vec::new();
    for dependent in org.definitions() {
        for dependency in org.depends_on(dependent.entity) {
            let on = dependency.on.value.as_str();
            if !cx.in_scope(dependent.id) && !cx.in_scope(on) {
                continue;
            }
            let spans = [dependency.on.span, dependency.need_by.span];
            let mut problems: Vec<DependencyProblem> = spans
                .iter()
                .filter_map(|span| at.get(&(dependent.file, *span)))
                .flatten()
                .filter_map(|diagnostic| {
                    Some(DependencyProblem {
                        kind: problem_kind(diagnostic.code)?,
                        code: diagnostic.code.as_str(),
                        message: diagnostic.message.clone(),
                    })
                })
                .collect();
            if problems.is_empty() {
                continue;
            }
            problems.sort_by_key(|p| (PROBLEM_ORDER.iter().position(|k| *k == p.kind), p.code));
            problems.dedup_by(|a, b| a.code == b.code);
            let target = org.lookup(on);
            let target_due = target.and_then(|t| org.due_date(t));
            let need_by = dependency.need_by.value;
            out.push(DependencyAlert {
                dependent: cx.item(dependent.id, dependent.entity.kind),
                on: on.to_owned(),
                target: target.map(|t| cx.item(on, t.kind)),
                need_by,
                target_due,
                days_late: target_due
                    .map(|due| need_by.days_until(due))
                    .filter(|days| *days > 0),
                target_health: target.and_then(|t| org.health(t)),
                why: dependency.why.as_ref().map(|w| w.value.clone()),
                cross_team: cx.team_of(dependent.id) != cx.team_of(on),
                problems,
            });
        }
    }
    out.sort_by_cached_key(|a| (cx.order_key(&a.dependent.id), a.on.clone()));
    out
}

/// Problem kinds, most serious first.
const PROBLEM_ORDER: [&str; 4] = ["broken", "cycle", "late", "at_risk"];

fn problem_kind(code: Code) -> Option<&'static str> {
    Some(match code {
        Code::DependencyOnCancelled | Code::UnknownReference | Code::WrongReferenceKind => "broken",
        Code::DependencyCycle => "cycle",
        Code::LateDependency => "late",
        Code::DependencyAtRisk => "at_risk",
        _ => return None,
    })
}

/// `depends_on` entries between two teams where neither end is finished or
/// abandoned, with at least one end in scope.
pub(super) fn open_cross_team_dependencies(cx: &Context<'_>) -> usize {
    let org = cx.org;
    org.definitions()
        .iter()
        .filter(|d| !org.is_closed(d.entity))
        .flat_map(|d| org.depends_on(d.entity).iter().map(move |dep| (d, dep)))
        .filter(|(dependent, dependency)| {
            let on = dependency.on.value.as_str();
            org.lookup(on).is_some_and(|target| !org.is_closed(target))
                && cx.team_of(dependent.id) != cx.team_of(on)
                && (cx.in_scope(dependent.id) || cx.in_scope(on))
        })
        .count()
}

/// Decisions still proposed at the end of the week, longest waiting first.
pub(super) fn decisions_waiting(cx: &Context<'_>) -> Vec<DecisionWaiting> {
    let mut out: Vec<DecisionWaiting> = cx
        .org
        .decisions
        .iter()
        .filter(|d| d.status.value == DecisionStatus::Proposed && cx.in_scope(&d.id))
        .map(|d| DecisionWaiting {
            item: cx.item(&d.id, EntityKind::Decision),
            proposed: d.date.value,
            days_waiting: d.date.value.days_until(cx.today).max(0),
            affects: d.affects.iter().map(|a| a.value.clone()).collect(),
        })
        .collect();
    out.sort_by(|a, b| {
        b.days_waiting
            .cmp(&a.days_waiting)
            .then_with(|| a.item.id.cmp(&b.item.id))
    });
    out
}

/// Risks not closed whose `review_by` is before the week's last day.
pub(super) fn risk_reviews(cx: &Context<'_>) -> Vec<RiskReview> {
    let mut out: Vec<RiskReview> = cx
        .org
        .risks
        .iter()
        .filter(|r| r.status() != RiskStatus::Closed && cx.in_scope(&r.id))
        .filter_map(|r| {
            let review_by = r.review_by.as_ref()?.value;
            (review_by < cx.today).then(|| RiskReview {
                item: cx.item(&r.id, EntityKind::Risk),
                review_by,
                days_overdue: review_by.days_until(cx.today),
                high: r.is_high(),
            })
        })
        .collect();
    out.sort_by_cached_key(|r| cx.order_key(&r.item.id));
    out
}

/// Active goals of the period and active initiatives whose file nobody
/// touched (the item itself, its key results or milestones) for
/// `stale_after_days` days up to the week's last day.
pub(super) fn stale(cx: &Context<'_>) -> Vec<StaleItem> {
    let org = cx.org;
    let goals = org
        .goals
        .iter()
        .filter(|g| *g.period == cx.timeline.period && g.status() == GoalStatus::Active)
        .map(|g| {
            let parts = g.key_results.iter().map(|kr| kr.id.value.as_str());
            (
                g.id.value.as_str(),
                EntityKind::Goal,
                parts.collect::<Vec<_>>(),
            )
        });
    let initiatives = org
        .initiatives
        .iter()
        .filter(|i| i.status() == InitiativeStatus::Active)
        .map(|i| {
            let parts = i.milestones.iter().map(|m| m.id.value.as_str());
            (i.id.value.as_str(), EntityKind::Initiative, parts.collect())
        });
    let threshold = i64::from(cx.stale_after_days);
    let mut out: Vec<StaleItem> = goals
        .chain(initiatives)
        .filter(|(id, _, _)| cx.in_scope(id))
        .filter_map(|(id, kind, parts)| {
            let last = std::iter::once(id)
                .chain(parts)
                .filter_map(|part| cx.history.last_touched.get(part).copied())
                .max();
            let last_touched = last.and_then(|index| cx.commit_ref(index));
            let days = last_touched.as_ref().map(|c| c.date.days_until(cx.today));
            if days.is_some_and(|d| d < threshold) {
                return None;
            }
            Some(StaleItem {
                item: cx.item(id, kind),
                days,
                last_touched,
            })
        })
        .collect();
    out.sort_by_cached_key(|s| cx.order_key(&s.item.id));
    out
}

/// Open initiatives, milestones and milestone key results due before the
/// week's last day.
pub(super) fn overdue(cx: &Context<'_>) -> Vec<Overdue> {
    let org = cx.org;
    let mut out: Vec<Overdue> = org
        .definitions()
        .iter()
        .filter(|d| match d.entity.kind {
            EntityKind::Initiative | EntityKind::Milestone => true,
            EntityKind::KeyResult => org.key_result_at(d.entity).1.milestone.is_some(),
            _ => false,
        })
        .filter(|d| !org.is_closed(d.entity) && cx.in_scope(d.id))
        .filter_map(|d| {
            let due = org.due_date(d.entity)?;
            (due < cx.today).then(|| Overdue {
                item: cx.item(d.id, d.entity.kind),
                due,
                days_overdue: due.days_until(cx.today),
            })
        })
        .collect();
    out.sort_by_cached_key(|o| cx.order_key(&o.item.id));
    out
}
