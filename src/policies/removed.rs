//! `removed-while-depended-on`: a goal, key result or initiative deleted while
//! other items depend on it. The real mistake is deleting a file instead of
//! setting `status: cancelled`: the dependents' owners are never told, and
//! the history shows a disappearance instead of a decision.
//!
//! Two kinds of dependent are reported, each at a place in the head:
//! - an item that still names the deleted id in `depends_on`, `supports` or
//!   `aligns_to`, at that reference (where `unknown-reference` would fire;
//!   [`super::merge`] keeps only this diagnostic there);
//! - an item that depended on it at the base and whose entry the change
//!   deleted too, at the item's id, unless it was done or abandoned by then.

use super::Context;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::diff::DependencyChangeKind;
use crate::graph::LinkKind;
use crate::history::ChangeKind;
use crate::model::{EntityKind, FileId, Org, Span, Spanned};

pub(super) fn check(cx: &Context<'_>, out: &mut Diagnostics) {
    for change in &cx.diff.entities {
        let dependable = matches!(
            change.kind,
            EntityKind::Goal | EntityKind::KeyResult | EntityKind::Initiative
        );
        if change.change != ChangeKind::Removed || !dependable {
            continue;
        }
        let id = change.id.as_str();
        // A file that no longer loads hides its ids without deleting them:
        // `orgit check` reports the broken file.
        if cx.head.unloaded_definition(id).is_some() || cx.head.lookup(id).is_some() {
            continue;
        }
        let instead = instead(change.kind, id);
        for reference in references_to(cx.head, id) {
            out.push(
                Diagnostic::new(
                    Code::RemovedWhileDependedOn,
                    reference.file,
                    reference.span,
                    format!(
                        "{} `{id}` is deleted by this change, but `{}` still {} it",
                        change.kind.noun(),
                        reference.holder,
                        verb(reference.link)
                    ),
                )
                .label("deleted in this change")
                .help(format!(
                    "{instead}, or re-plan `{}` without it first; if the id was renamed, \
                     name the new id here",
                    reference.holder
                )),
            );
        }
        for dependency in &cx.diff.dependencies {
            let gone = matches!(dependency.change, DependencyChangeKind::Removed { .. });
            if !gone || dependency.on != id {
                continue;
            }
            let from = dependency.from.as_str();
            let Some(dependent) = cx.head.lookup(from) else {
                continue;
            };
            // Done or abandoned at the base: it waited on nothing any more.
            if cx.base.lookup(from).is_some_and(|e| cx.base.is_closed(e)) {
                continue;
            }
            let definition = cx.head.definition(dependent);
            out.push(
                Diagnostic::new(
                    Code::RemovedWhileDependedOn,
                    definition.file,
                    definition.span,
                    format!(
                        "{} `{id}` is deleted by this change, and with it the dependency of \
                         `{from}` on it",
                        change.kind.noun()
                    ),
                )
                .label(format!("depended on `{id}` before this change"))
                .help(format!(
                    "{instead}, or drop the dependency of `{from}` in an earlier change"
                )),
            );
        }
    }
}

/// What to do instead of deleting an item of `kind`.
fn instead(kind: EntityKind, id: &str) -> String {
    match kind {
        EntityKind::Initiative => format!(
            "keep `{id}` and set `status: cancelled`, so whoever waits on it sees \
             `dependency-on-cancelled`"
        ),
        EntityKind::Goal => format!(
            "keep `{id}` and set `status: dropped`, so whoever waits on it sees \
             `dependency-on-cancelled`"
        ),
        _ => format!("keep `{id}` (a key result has no status to cancel it with)"),
    }
}

fn verb(link: LinkKind) -> &'static str {
    match link {
        LinkKind::AlignsTo => "aligns to",
        LinkKind::Supports => "supports",
        _ => "depends on",
    }
}

/// One place in the head that names a deleted id.
struct Reference<'a> {
    holder: &'a str,
    link: LinkKind,
    file: FileId,
    span: Span,
}

/// Every `depends_on`, `supports` and `aligns_to` entry naming `id`, in file
/// order. Like `unknown-reference`, it reads every record, including one whose
/// id is defined twice.
fn references_to<'a>(org: &'a Org, id: &str) -> Vec<Reference<'a>> {
    let mut found = Vec::new();
    let mut add = |holder: &'a Spanned<String>, link, file, named: &Spanned<String>| {
        if named.as_str() == id {
            found.push(Reference {
                holder: holder.as_str(),
                link,
                file,
                span: named.span,
            });
        }
    };
    for goal in &org.goals {
        if let Some(aligns_to) = &goal.aligns_to {
            add(&goal.id, LinkKind::AlignsTo, goal.file, aligns_to);
        }
        for dependency in &goal.depends_on {
            add(&goal.id, LinkKind::DependsOn, goal.file, &dependency.on);
        }
        for key_result in &goal.key_results {
            for dependency in &key_result.depends_on {
                add(
                    &key_result.id,
                    LinkKind::DependsOn,
                    goal.file,
                    &dependency.on,
                );
            }
        }
    }
    for initiative in &org.initiatives {
        for supported in &initiative.supports {
            add(
                &initiative.id,
                LinkKind::Supports,
                initiative.file,
                supported,
            );
        }
        for dependency in &initiative.depends_on {
            add(
                &initiative.id,
                LinkKind::DependsOn,
                initiative.file,
                &dependency.on,
            );
        }
    }
    found.sort_by_key(|r| (r.file, r.span));
    found
}
