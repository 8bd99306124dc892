//! The semantic change between two states of the org: what a pull request
//! *means*, not which lines it touched.
//!
//! Both sides are loaded into the model (one from a git revision, the other
//! from a revision or the working tree) and matched by `id`, never by path:
//! a renamed file is one entity that moved. [`compare`] is pure; `orgit diff`
//! renders its result and `orgit check --base` holds it against the org's
//! change policies.

mod dependencies;
mod diagnostics;
mod entities;
mod links;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostics::{Code, Diagnostics, Severity};
use crate::history::{self, ChangeKind};
use crate::model::{Date, EntityKind, Org};

/// Everything that differs between `base` and `head`, in a stable order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OrgDiff {
    /// Entities added, removed or moved to another file, and each tracked
    /// field that changed ([`crate::history::Field`]), by kind and then id;
    /// one entity's changes in [`crate::history::Field::ALL`] order.
    pub entities: Vec<EntityChange>,
    /// `depends_on` entries added, removed, or with a new `need_by`.
    pub dependencies: Vec<DependencyChange>,
    /// Alignment links (`aligns_to`, `supports`) added or removed.
    pub links: Vec<LinkChange>,
    /// The diagnostics of `orgit check` that the change introduces or resolves.
    pub diagnostics: DiagnosticsChange,
    /// Files renamed by the change, base path → head path (org-relative).
    #[serde(skip)]
    pub renamed_files: BTreeMap<String, String>,
}

/// One change to one entity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityChange {
    pub id: String,
    pub kind: EntityKind,
    /// Its title (a person's or team's name) in `head`, or in `base` when it
    /// was removed.
    pub title: String,
    /// The team it belongs to, as for [`crate::history::EntityState::team`].
    pub team: Option<String>,
    #[serde(flatten)]
    pub change: ChangeKind,
}

/// One `depends_on` entry that changed: `from` waits on `on`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DependencyChange {
    /// The waiting item's id.
    pub from: String,
    /// The waiting item's team, where it has one.
    pub from_team: Option<String>,
    /// The id waited on.
    pub on: String,
    /// The team of the item waited on, where it has one.
    pub on_team: Option<String>,
    #[serde(flatten)]
    pub change: DependencyChangeKind,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DependencyChangeKind {
    Added { need_by: Date },
    Removed { need_by: Date },
    NeedByMoved { before: Date, after: Date },
}

/// An alignment link added or removed: `from` serves `to`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LinkChange {
    pub from: String,
    pub to: String,
    /// `aligns_to` (a goal's) or `supports` (an initiative's).
    pub link: LinkKind,
    pub added: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    AlignsTo,
    Supports,
}

/// Diagnostics present on one side only. Two diagnostics are the same when
/// their code, message and file (followed across renames) are; line numbers
/// are not compared, as an edit above a problem moves it without fixing it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DiagnosticsChange {
    pub introduced: Vec<DiagnosticSummary>,
    pub resolved: Vec<DiagnosticSummary>,
    /// Problems still there with a new message: same code, same file, at the
    /// same written value (a dependency 11 days late that is now 18).
    pub changed: Vec<ChangedDiagnostic>,
}

/// One problem as it was and as it is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangedDiagnostic {
    pub before: DiagnosticSummary,
    pub after: DiagnosticSummary,
}

/// A diagnostic as the diff reports it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiagnosticSummary {
    pub code: Code,
    pub severity: Severity,
    /// The org-relative path of the file, on the side it is present.
    pub path: String,
    /// 1-based line and column on that side.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl OrgDiff {
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
            && self.dependencies.is_empty()
            && self.links.is_empty()
            && self.diagnostics.introduced.is_empty()
            && self.diagnostics.resolved.is_empty()
            && self.diagnostics.changed.is_empty()
    }
}

/// The change from `base` to `head`. `*_problems` are everything `orgit
/// check` reports on each side ([`crate::checks::run_all`], with the same
/// "today" for both), so that `check --base` runs the rules on the head once.
pub fn compare(
    base: &Org,
    base_problems: &Diagnostics,
    head: &Org,
    head_problems: &Diagnostics,
) -> OrgDiff {
    let base_states = history::org_states(base);
    let head_states = history::org_states(head);
    let renamed_files = entities::renamed_files(&base_states, &head_states);
    let base_side = diagnostics::Side {
        org: base,
        problems: base_problems,
    };
    let head_side = diagnostics::Side {
        org: head,
        problems: head_problems,
    };
    OrgDiff {
        entities: entities::changes(&base_states, &head_states),
        dependencies: dependencies::changes(base, &base_states, head, &head_states),
        links: links::changes(base, head),
        diagnostics: diagnostics::changes(base_side, head_side, &renamed_files),
        renamed_files,
    }
}

/// For each of `head_sorted` (diagnostics on `head`, sorted as
/// [`Diagnostics::into_sorted`] sorts them, policy diagnostics included),
/// whether the change from `base` introduced it; `false` for a problem
/// already among `base_problems`, as [`compare`] matches them. `diff` is
/// [`compare`]'s result for the same two sides.
pub fn introduced(
    base: &Org,
    base_problems: &Diagnostics,
    head: &Org,
    head_sorted: &[crate::diagnostics::Diagnostic],
    diff: &OrgDiff,
) -> Vec<bool> {
    let base_side = diagnostics::Side {
        org: base,
        problems: base_problems,
    };
    diagnostics::introduced_flags(base_side, head, head_sorted, &diff.renamed_files)
}
