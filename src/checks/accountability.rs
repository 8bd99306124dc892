//! Accountability rules: every item has exactly one owner who is still here and
//! not overloaded, every team a lead; key results measure a change; nothing
//! open sits past its due date unnoticed. Owners that do not resolve are
//! `references`' to report.

use std::collections::HashMap;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{
    Date, Definition, EntityKind, FileId, GoalStatus, InitiativeStatus, KeyResult, Org, OwnerField,
    Person, PersonStatus, Record, Span, Spanned, Team,
};

use super::{Context, days};

pub fn check(cx: &mut Context<'_>) {
    let (org, today) = (cx.org, cx.today);
    let mut found = Vec::new();
    for item in org.definitions() {
        found.extend([
            missing_owner(org, &item),
            owner_list(org, &item),
            inactive_owner(org, &item),
            past_due(org, &item, today),
        ]);
    }
    for team in &org.teams {
        found.extend([missing_lead(team), inactive_lead(org, team)]);
    }
    for goal in &org.goals {
        found.extend(
            goal.key_results
                .iter()
                .map(|kr| flat_key_result(goal.file, kr)),
        );
    }
    found.extend(overloaded_owners(org).into_iter().map(Some));
    for diagnostic in found.into_iter().flatten() {
        cx.diagnostics.push(diagnostic);
    }
}

const OWNER_HELP: &str = "add `owner: <person id>`; every item has exactly one accountable owner";

/// `missing-owner` for a goal, initiative, decision, risk, KPI or to-do. Key results and
/// milestones inherit their parent's owner, so theirs is missing exactly when
/// the parent's is, and the parent's report covers them.
fn missing_owner(org: &Org, item: &Definition<'_>) -> Option<Diagnostic> {
    let owned = matches!(
        item.entity.kind,
        EntityKind::Goal
            | EntityKind::Initiative
            | EntityKind::Decision
            | EntityKind::Risk
            | EntityKind::Kpi
            | EntityKind::Todo
    );
    if !owned || org.owner_of(item.entity).is_some() {
        return None;
    }
    let noun = item.entity.kind.noun();
    Some(
        Diagnostic::new(
            Code::MissingOwner,
            item.file,
            item.span,
            format!("{noun} `{}` has no owner", item.id),
        )
        .label("no `owner`")
        .help(OWNER_HELP),
    )
}

/// `owner` written as a list: `multiple-owners` for two or more names (and
/// for one name in list form, which the format does not allow either),
/// `missing-owner` for an empty list.
fn owner_list(org: &Org, item: &Definition<'_>) -> Option<Diagnostic> {
    let field = org.owner_field(item.entity)?;
    let OwnerField::Many(owners) = &field.value else {
        return None;
    };
    let what = format!("{} `{}`", item.entity.kind.noun(), item.id);
    let diagnostic = match owners.as_slice() {
        [] => Diagnostic::new(
            Code::MissingOwner,
            item.file,
            field.span,
            format!("{what} has an empty owner list"),
        )
        .help(OWNER_HELP),
        [only] => Diagnostic::new(
            Code::MultipleOwners,
            item.file,
            field.span,
            format!("the owner of {what} is written as a list"),
        )
        .help(format!("write `owner: {only}`: one person id, not a list")),
        many => Diagnostic::new(
            Code::MultipleOwners,
            item.file,
            field.span,
            format!("{what} has {} owners: {}", many.len(), code_list(many)),
        )
        .label("one owner expected")
        .help("pick the one accountable owner; mention contributors in the narrative"),
    };
    Some(diagnostic)
}

/// `inactive-owner` for an item's own `owner` field (an inherited owner is
/// reported where it is written). Closed items are history: who owned them
/// when they closed stays true after that person leaves.
fn inactive_owner(org: &Org, item: &Definition<'_>) -> Option<Diagnostic> {
    let field = org.owner_field(item.entity)?;
    let (person, status) = departed(org, field.single()?)?;
    if org.is_closed(item.entity) {
        return None;
    }
    let what = format!("{} `{}`", item.entity.kind.noun(), item.id);
    Some(
        Diagnostic::new(
            Code::InactiveOwner,
            item.file,
            field.span,
            format!(
                "{what} is owned by `{}`, who {}",
                person.id,
                left_on(person)
            ),
        )
        .related(person.file, status.span, format!("`{}` left", person.id))
        .help(format!(
            "hand `{}` over to someone active: `owner: <person id>`",
            item.id
        )),
    )
}

/// `missing-owner` for a team: every team has a lead.
fn missing_lead(team: &Record<Team>) -> Option<Diagnostic> {
    if team.lead.is_some() {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::MissingOwner,
            team.file,
            team.id.span,
            format!("team `{}` has no lead", team.id),
        )
        .label("no `lead`")
        .help("add `lead: <person id>`; every team has one lead who answers for it"),
    )
}

/// `inactive-owner` for a team whose lead has left.
fn inactive_lead(org: &Org, team: &Record<Team>) -> Option<Diagnostic> {
    let lead = team.lead.as_ref()?;
    let (person, status) = departed(org, lead)?;
    Some(
        Diagnostic::new(
            Code::InactiveOwner,
            team.file,
            lead.span,
            format!(
                "team `{}` is led by `{}`, who {}",
                team.id,
                person.id,
                left_on(person)
            ),
        )
        .related(person.file, status.span, format!("`{}` left", person.id))
        .help("name an active lead: `lead: <person id>`"),
    )
}

/// The person `id` names, with their `status: left`, if they have left.
fn departed<'a>(org: &'a Org, id: &str) -> Option<(&'a Record<Person>, &'a Spanned<PersonStatus>)> {
    let person = org.person(id)?;
    let status = person.status.as_ref()?;
    (status.value == PersonStatus::Left).then_some((person, status))
}

/// "has left" or "left on 2026-10-01".
fn left_on(person: &Person) -> String {
    match &person.left {
        Some(date) => format!("left on {date}"),
        None => "has left".to_owned(),
    }
}

/// An active goal or initiative, as counted against its owner's limit.
struct OwnedItem<'a> {
    noun: &'static str,
    id: &'a str,
    file: FileId,
    owner_span: Span,
}

/// `owner-overloaded`: people owning more active goals and initiatives than
/// `policies.max_active_items_per_owner` allows, once per person. Without
/// loaded settings the policy is unknown (and the settings file has its own
/// error), so nothing is reported.
fn overloaded_owners(org: &Org) -> Vec<Diagnostic> {
    let Some(settings) = &org.settings else {
        return Vec::new();
    };
    let limit = settings.max_active_items_per_owner();
    let mut owned: HashMap<&str, Vec<OwnedItem<'_>>> = HashMap::new();
    let goals = org
        .goals
        .iter()
        .filter(|g| g.status() == GoalStatus::Active);
    let goals = goals.map(|g| ("goal", g.file, &g.id, g.owner.as_ref()));
    let initiatives = org
        .initiatives
        .iter()
        .filter(|i| i.status() == InitiativeStatus::Active);
    let initiatives = initiatives.map(|i| ("initiative", i.file, &i.id, i.owner.as_ref()));
    for (noun, file, id, owner) in goals.chain(initiatives) {
        let Some(owner) = owner else { continue };
        let Some(person) = owner.single() else {
            continue;
        };
        owned.entry(person).or_default().push(OwnedItem {
            noun,
            id,
            file,
            owner_span: owner.span,
        });
    }
    // In people order, so output is stable; people who left are reported as
    // inactive owners instead.
    let mut out = Vec::new();
    for person in org.people.iter().filter(|p| p.is_active()) {
        let Some(items) = owned.get(person.id.as_str()) else {
            continue;
        };
        if items.len() <= limit as usize {
            continue;
        }
        let ids: Vec<&str> = items.iter().map(|item| item.id).collect();
        let mut diagnostic = Diagnostic::new(
            Code::OwnerOverloaded,
            person.file,
            person.id.span,
            format!(
                "`{}` owns {} active goals and initiatives, more than the {limit} allowed: {}",
                person.id,
                items.len(),
                code_list(&ids)
            ),
        );
        for item in items {
            diagnostic = diagnostic.related(
                item.file,
                item.owner_span,
                format!("owns {} `{}`", item.noun, item.id),
            );
        }
        if let Some(policy) = &settings.policies.max_active_items_per_owner {
            diagnostic = diagnostic.related(settings.file, policy.span, "the limit is set here");
        }
        out.push(diagnostic.help(
            "hand some over or finish something first \
             (the limit is `policies.max_active_items_per_owner` in orgit.yaml)",
        ));
    }
    out
}

/// `flat-key-result`: a metric whose target is its baseline measures no change.
fn flat_key_result(file: FileId, kr: &KeyResult) -> Option<Diagnostic> {
    let metric = kr.metric.as_ref()?;
    if metric.target.value != metric.baseline.value {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::FlatKeyResult,
            file,
            metric.target.span,
            format!(
                "key result `{}` has target {}, the same as its baseline: it measures no change",
                kr.id, metric.target.value
            ),
        )
        .label("same as `baseline`")
        .help("set `target` to the value you are aiming for"),
    )
}

/// `past-due`: an open initiative, milestone or milestone key result whose
/// due date is before today. Items that are done, or whose initiative or goal
/// is closed, are not waited on any more.
fn past_due(org: &Org, item: &Definition<'_>, today: Date) -> Option<Diagnostic> {
    let help = match item.entity.kind {
        EntityKind::Initiative => {
            "set `status: done` if it is done, or move `due` to the new date \
             (the slip shows in the digest)"
        }
        EntityKind::Milestone => {
            "set `done: true` if it is done, or move its `due` to the new date \
             (the slip shows in the digest)"
        }
        // Metric key results are due at the end of their period: the goal's
        // scoring, not a date to slip.
        EntityKind::KeyResult if org.key_result_at(item.entity).1.milestone.is_some() => {
            "set `done: true` under `milestone` if it is done, or move its `due` to the new \
             date (the slip shows in the digest)"
        }
        _ => return None,
    };
    let due = org.due_date(item.entity)?;
    if due >= today || org.is_closed(item.entity) {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::PastDue,
            item.file,
            org.due_span(item.entity)?,
            format!(
                "{} `{}` was due {due} and is not done ({} overdue)",
                item.entity.kind.noun(),
                item.id,
                days(due.days_until(today))
            ),
        )
        .help(help),
    )
}

/// "`a`, `b`, `c`"
fn code_list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|item| format!("`{}`", item.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}
