//! Dependency rules, over every `depends_on` entry of goals, key results and
//! initiatives: broken when the target will not be delivered or is due after it
//! is needed, at risk when the target is in trouble while the dependent says all
//! is well. Targets that do not resolve are `references`' to report, cycles
//! `structure`'s.

use crate::diagnostics::{Code, Diagnostic};
use crate::graph::LinkKind;
use crate::model::{Definition, Dependency, EntityKind, EntityRef, Health, Org, Period, Span};

use super::{Context, days};

pub fn check(cx: &mut Context<'_>) {
    let org = cx.org;
    for dependent in org.definitions() {
        // A finished or abandoned item waits on nothing any more.
        if org.is_closed(dependent.entity) {
            continue;
        }
        for dependency in org.depends_on(dependent.entity) {
            let Some(target) = org.lookup(&dependency.on) else {
                continue;
            };
            // Other kinds are `references`' to report; waiting on oneself is a
            // cycle, `structure`'s to report.
            let waitable = LinkKind::DependsOn.targets().contains(&target.kind);
            if !waitable || target == dependent.entity {
                continue;
            }
            let link = Link {
                dependent: &dependent,
                target: org.definition(target),
                dependency,
            };
            if org.is_abandoned(target) {
                if let Some(diagnostic) = on_abandoned(org, &link) {
                    cx.diagnostics.push(diagnostic);
                }
                continue;
            }
            // Delivered already: nothing left to be late or at risk.
            if org.is_done(target) {
                continue;
            }
            if let Some(diagnostic) = late(org, &link) {
                cx.diagnostics.push(diagnostic);
            }
            if let Some(diagnostic) = at_risk(org, &link) {
                cx.diagnostics.push(diagnostic);
            }
        }
    }
}

/// One `depends_on` entry with both of its ends resolved.
struct Link<'a> {
    dependent: &'a Definition<'a>,
    target: Definition<'a>,
    dependency: &'a Dependency,
}

/// `dependency-on-cancelled`: the target, or the goal or initiative it belongs
/// to, was cancelled, dropped or missed.
fn on_abandoned(org: &Org, link: &Link<'_>) -> Option<Diagnostic> {
    let (dependent, target) = (link.dependent.id, link.target.id);
    let carrier = org.parent_of(link.target.entity);
    let decided_by = carrier.unwrap_or(link.target.entity);
    let (status, status_span) = abandoning_status(org, decided_by)?;
    let noun = link.target.entity.kind.noun();
    let message = match carrier {
        Some(parent) => format!(
            "`{dependent}` depends on {noun} `{target}`, whose {} `{}` is {status}",
            parent.kind.noun(),
            org.definition(parent).id
        ),
        None => format!("`{dependent}` depends on {noun} `{target}`, which is {status}"),
    };
    Some(
        Diagnostic::new(
            Code::DependencyOnCancelled,
            link.dependent.file,
            link.dependency.on.span,
            message,
        )
        .label(format!("will not be delivered ({status})"))
        .related(
            link.target.file,
            status_span,
            format!("`{}` is {status} here", org.definition(decided_by).id),
        )
        .help(format!(
            "depend on something that will be delivered instead, or remove this dependency \
             and re-plan `{dependent}` without `{target}`"
        )),
    )
}

/// The status word and span that make a goal or initiative abandoned (an
/// abandoned one always writes its status: the default is active).
fn abandoning_status(org: &Org, entity: EntityRef) -> Option<(&'static str, Span)> {
    match entity.kind {
        EntityKind::Goal => {
            let status = org.goal_at(entity).status.as_ref()?;
            Some((status.as_str(), status.span))
        }
        EntityKind::Initiative => {
            let status = org.initiative_at(entity).status.as_ref()?;
            Some((status.as_str(), status.span))
        }
        _ => None,
    }
}

/// `late-dependency`: the target is due after the dependent needs it.
fn late(org: &Org, link: &Link<'_>) -> Option<Diagnostic> {
    let due = org.due_date(link.target.entity)?;
    let due_span = org.due_span(link.target.entity)?;
    let need_by = *link.dependency.need_by;
    if due <= need_by {
        return None;
    }
    let (dependent, target) = (link.dependent.id, link.target.id);
    let due_note = match due_period(org, link.target.entity) {
        Some(period) => format!("`{target}` is due at the end of {period} ({due})"),
        None => format!("`{target}` is due {due}"),
    };
    let agree_with = org
        .owner_of(link.target.entity)
        .and_then(|owner| owner.single())
        .map(|owner| format!("; agree it with `{owner}`, who owns `{target}`"))
        .unwrap_or_default();
    Some(
        Diagnostic::new(
            Code::LateDependency,
            link.dependent.file,
            link.dependency.need_by.span,
            format!(
                "`{dependent}` needs `{target}` by {need_by}, but it is due {due} ({} late)",
                days(need_by.days_until(due))
            ),
        )
        .label("needed by this date")
        .related(link.target.file, due_span, due_note)
        .help(format!(
            "pull `{target}` in to {need_by} or earlier, or re-plan `{dependent}` and move \
             `need_by` to {due}{agree_with}"
        )),
    )
}

/// The period whose end is the entity's due date, for goals and metric key
/// results, which have no due date of their own.
fn due_period(org: &Org, entity: EntityRef) -> Option<Period> {
    match entity.kind {
        EntityKind::Goal => Some(*org.goal_at(entity).period),
        EntityKind::KeyResult => {
            let (goal, kr) = org.key_result_at(entity);
            kr.milestone.is_none().then_some(*goal.period)
        }
        _ => None,
    }
}

/// `dependency-at-risk`: the target reports trouble while the dependent still
/// reports on track, so one of the two health values is stale.
fn at_risk(org: &Org, link: &Link<'_>) -> Option<Diagnostic> {
    let target_health = org.health_field(link.target.entity)?;
    let own_health = org.health_field(link.dependent.entity)?;
    if !target_health.is_troubled() || own_health.value != Health::OnTrack {
        return None;
    }
    let (dependent, target) = (link.dependent.id, link.target.id);
    let trouble = target_health.as_str();
    Some(
        Diagnostic::new(
            Code::DependencyAtRisk,
            link.dependent.file,
            link.dependency.on.span,
            format!("`{dependent}` is on_track, but `{target}`, which it depends on, is {trouble}"),
        )
        .label(trouble)
        .related(
            link.target.file,
            target_health.span,
            format!("`{target}` is {trouble} here"),
        )
        .related(
            link.dependent.file,
            own_health.span,
            format!("`{dependent}` is on_track here"),
        )
        .help(format!(
            "update the health of `{dependent}`, or say in its narrative how it stays on track \
             if `{target}` slips"
        )),
    )
}
