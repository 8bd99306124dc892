//! Change policies: what a pull request may not change about the plan
//! without a decision record, and whom it has to ask. `orgit check --base REV`
//! holds the org (the head) against the revision the pull request started
//! from (the base); plain `orgit check` never runs these rules.
//!
//! Each rule reads the [`OrgDiff`] for what changed (items matched by id, so a
//! renamed file is no change) and the org on both sides: the base for what was
//! committed, the head for where to point. Rules are pure functions: no git, no
//! clock, no output.
//!
//! Choices every rule shares:
//! - The policies in force are the base's (`policies.changes` in its
//!   `orgit.yaml`), so a pull request cannot turn a rule off for itself.
//! - Whether work was committed is read from the base too (see
//!   `commitment.rs`): the promise being changed is the one that was made.
//! - A decision record excuses a change when it names the item, or its goal
//!   or initiative, in `affects`, is proposed or accepted in the head, and
//!   was not yet accepted at the base (see `decisions.rs`).

mod commitment;
mod cross_team;
mod decisions;
mod gate;
mod later_due;
mod lowered_target;
mod removed;
#[cfg(test)]
mod tests;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::diff::OrgDiff;
use crate::model::{Date, EntityKind, EntityRef, FileId, Org, Span};

use decisions::Decisions;

pub use gate::{CHANGE_POLICY_CODES, Gate, GateRule, fails, gate, is_change_policy};

/// A change to the org: the org before and after it, and what differs.
pub struct Change<'a> {
    /// The org at the base revision (for a pull request, the merge base).
    pub base: &'a Org,
    /// The org with the change applied.
    pub head: &'a Org,
    /// [`crate::diff::compare`] of the two.
    pub diff: &'a OrgDiff,
    /// "Today" for whether a period is under way or work has started.
    pub today: Date,
}

/// Every policy diagnostic of `change`, under the base's policies. They
/// point into the head's files.
pub fn check(change: &Change<'_>) -> Diagnostics {
    let rules = change
        .base
        .settings
        .as_ref()
        .map(|settings| settings.fields.policies.changes.clone())
        .unwrap_or_default();
    let cx = Context {
        base: change.base,
        head: change.head,
        diff: change.diff,
        today: change.today,
        decisions: Decisions::for_change(change.base, change.head),
    };
    let mut out = Diagnostics::new();
    if rules.decision_for_lowered_target() {
        lowered_target::check(&cx, &mut out);
    }
    if rules.decision_for_later_due() {
        later_due::check(&cx, &mut out);
    }
    if rules.protect_depended_on() {
        removed::check(&cx, &mut out);
    }
    if rules.review_cross_team_dependencies() {
        cross_team::check(&cx, &mut out);
    }
    out
}

/// Adds `policy` diagnostics to those of `orgit check`. A reference left
/// behind to a deleted item is reported once, as `removed-while-depended-on`
/// (which says what happened), not also as `unknown-reference` (which would
/// suggest a similar id) at the same place.
pub fn merge(checked: &mut Diagnostics, policy: Diagnostics) {
    let deleted_references: Vec<(FileId, Span)> = policy
        .iter()
        .filter(|d| d.code == Code::RemovedWhileDependedOn)
        .map(|d| (d.primary.file, d.primary.span))
        .collect();
    checked.retain(|d: &Diagnostic| {
        d.code != Code::UnknownReference
            || !deleted_references.contains(&(d.primary.file, d.primary.span))
    });
    checked.extend(policy);
}

/// What every rule reads.
struct Context<'a> {
    base: &'a Org,
    head: &'a Org,
    diff: &'a OrgDiff,
    today: Date,
    decisions: Decisions<'a>,
}

impl Context<'_> {
    /// Where `id` is defined on each side, when it is an entity of `kind` on
    /// both.
    fn both_sides(&self, id: &str, kind: EntityKind) -> Option<(EntityRef, EntityRef)> {
        let base = self.base.lookup(id).filter(|e| e.kind == kind)?;
        let head = self.head.lookup(id).filter(|e| e.kind == kind)?;
        Some((base, head))
    }
}

/// The ids a decision may name to cover a change to `entity`: its own and its
/// goal's or initiative's, on both sides (a key result may have moved to
/// another goal).
fn covering_ids<'a>(cx: &Context<'a>, base: EntityRef, head: EntityRef) -> Vec<&'a str> {
    let mut ids = vec![cx.head.definition(head).id];
    ids.extend(cx.head.parent_of(head).map(|p| cx.head.definition(p).id));
    ids.extend(cx.base.parent_of(base).map(|p| cx.base.definition(p).id));
    ids
}

/// "+1 day", "+14 days".
fn days_later(n: i64) -> String {
    if n == 1 {
        "+1 day".to_owned()
    } else {
        format!("+{n} days")
    }
}
