//! Decision rules: when decision B replaces A, B lists A in `supersedes`, and A
//! has `status: superseded` and `superseded_by: B`. Every disagreement between
//! the two sides is reported once, at the field that is wrong (or where a
//! missing one belongs), with the other side related. Ids that do not resolve
//! to decisions are `references`' to report.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Decision, DecisionStatus, EntityKind, Org, Record, Spanned};

use super::Context;

pub fn check(cx: &mut Context<'_>) {
    let org = cx.org;
    for old in &org.decisions {
        let diagnostics = [
            superseded_without_successor(org, old),
            successor_does_not_list(org, old),
            successor_but_not_superseded(org, old),
        ];
        for diagnostic in diagnostics.into_iter().flatten() {
            cx.diagnostics.push(diagnostic);
        }
        for (new, entry) in listed_by(org, old) {
            if let Some(diagnostic) = listed_but_not_marked(org, old, new, entry) {
                cx.diagnostics.push(diagnostic);
            }
        }
    }
}

/// The decision an id names, when it names one.
fn decision<'a>(org: &'a Org, id: &str) -> Option<&'a Record<Decision>> {
    let entity = org.lookup(id).filter(|e| e.kind == EntityKind::Decision)?;
    org.decisions.get(entity.index)
}

/// The decisions that replaced `old`: those listing it in `supersedes` that
/// took effect, with the entry naming it. A proposed decision replaces nothing
/// yet (the old one stays in force while it is discussed), a rejected one
/// never does.
fn listed_by<'a>(
    org: &'a Org,
    old: &'a Record<Decision>,
) -> impl Iterator<Item = (&'a Record<Decision>, &'a Spanned<String>)> {
    let took_effect = |d: &&Record<Decision>| {
        !matches!(
            *d.status,
            DecisionStatus::Proposed | DecisionStatus::Rejected
        )
    };
    org.decisions
        .iter()
        .filter(took_effect)
        .flat_map(move |new| {
            new.supersedes
                .iter()
                .filter(move |entry| entry.value == old.id.value)
                .map(move |entry| (new, entry))
        })
}

/// `status: superseded` with no `superseded_by`: readers of the old decision
/// cannot find what replaced it.
fn superseded_without_successor(org: &Org, old: &Record<Decision>) -> Option<Diagnostic> {
    if *old.status != DecisionStatus::Superseded || old.superseded_by.is_some() {
        return None;
    }
    let listers: Vec<_> = listed_by(org, old).collect();
    let help = match listers.as_slice() {
        [(new, _)] => format!("add `superseded_by: {}`", new.id),
        _ => "add `superseded_by: <decision id>`, naming the decision that replaced it".to_owned(),
    };
    let mut diagnostic = Diagnostic::new(
        Code::BrokenSupersedeLink,
        old.file,
        old.status.span,
        format!(
            "decision `{}` is superseded but does not say by which decision",
            old.id
        ),
    )
    .label("no `superseded_by`");
    for (new, entry) in listers {
        diagnostic = diagnostic.related(
            new.file,
            entry.span,
            format!("`{}` supersedes it here", new.id),
        );
    }
    Some(diagnostic.help(help))
}

/// `superseded_by: B` where B does not list the old decision in `supersedes`:
/// readers of B cannot find what it replaced.
fn successor_does_not_list(org: &Org, old: &Record<Decision>) -> Option<Diagnostic> {
    let named = old.superseded_by.as_ref()?;
    let new = decision(org, named)?;
    if new
        .supersedes
        .iter()
        .any(|entry| entry.value == old.id.value)
    {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::BrokenSupersedeLink,
            old.file,
            named.span,
            format!(
                "decision `{}` says it was superseded by `{}`, but `{}` does not list it in \
                 `supersedes`",
                old.id, new.id, new.id
            ),
        )
        .related(
            new.file,
            new.id.span,
            format!("`{}` has no `supersedes: [{}]`", new.id, old.id),
        )
        .help(format!(
            "add `{}` to `supersedes` in `{}`, or fix `superseded_by` here",
            old.id, new.id
        )),
    )
}

/// `superseded_by: B` on a decision whose status still says it is in force
/// (or was never accepted).
fn successor_but_not_superseded(org: &Org, old: &Record<Decision>) -> Option<Diagnostic> {
    let named = old.superseded_by.as_ref()?;
    let new = decision(org, named)?;
    if *old.status == DecisionStatus::Superseded {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::BrokenSupersedeLink,
            old.file,
            old.status.span,
            format!(
                "decision `{}` says it was superseded by `{named}`, but its status is {}",
                old.id,
                old.status.as_str()
            ),
        )
        .label("expected `superseded`")
        .related(old.file, named.span, "`superseded_by` is set here")
        .related(
            new.file,
            new.id.span,
            format!("`{}` is defined here", new.id),
        )
        .help(format!(
            "set `status: superseded`, or remove `superseded_by` if `{named}` does not replace it"
        )),
    )
}

/// B lists the old decision in `supersedes`, but the old one does not name B
/// back. When the old one names no successor while saying it is superseded,
/// [`superseded_without_successor`] reports it already.
fn listed_but_not_marked(
    org: &Org,
    old: &Record<Decision>,
    new: &Record<Decision>,
    entry: &Spanned<String>,
) -> Option<Diagnostic> {
    let diagnostic = match &old.superseded_by {
        Some(named) if named.value == new.id.value => return None,
        // Names another decision: two claims disagree, and this entry is the
        // one the old decision contradicts. A name that resolves to no
        // decision is `references`' to report.
        Some(named) if decision(org, named).is_none() => return None,
        Some(named) => Diagnostic::new(
            Code::BrokenSupersedeLink,
            new.file,
            entry.span,
            format!(
                "decision `{}` supersedes `{}`, but `{}` says it was superseded by `{named}`",
                new.id, old.id, old.id
            ),
        )
        .related(
            old.file,
            named.span,
            format!("`{}` names `{named}` here", old.id),
        )
        .help(format!(
            "decide which decision replaced `{}`: remove it from `supersedes` here, or set \
             `superseded_by: {}` in `{}`",
            old.id, new.id, old.id
        )),
        None if *old.status == DecisionStatus::Superseded => return None,
        None => Diagnostic::new(
            Code::BrokenSupersedeLink,
            old.file,
            old.status.span,
            format!(
                "decision `{}` supersedes `{}`, but `{}` is still {} and has no `superseded_by`",
                new.id,
                old.id,
                old.id,
                old.status.as_str()
            ),
        )
        .label("expected `superseded`")
        .related(
            new.file,
            entry.span,
            format!("`{}` supersedes it here", new.id),
        )
        .help(format!(
            "in `{}`, set `status: superseded` and `superseded_by: {}`",
            old.id, new.id
        )),
    };
    Some(diagnostic)
}
