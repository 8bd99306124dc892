//! The gate of a change: everything `orgit check --base` reports on it, the
//! one list both `check --base` and `orgit diff` read, so the pull-request
//! comment and the check that fails the pull request never disagree.
//!
//! It is the head's own problems (all of `orgit check`) and the change
//! policies' diagnostics, merged as [`super::merge`] does, each marked with
//! whether it is on the base already: a problem the change did not
//! introduce still fails the gate, but `--new-only` lets a team gate on
//! what a pull request introduces while old problems are worked off.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::diff::OrgDiff;
use crate::model::{Date, Org};

use super::Change;

/// The codes of the change policies (only `check --base` reports them).
pub const CHANGE_POLICY_CODES: &[Code] = &[
    Code::LoweredTargetWithoutDecision,
    Code::LaterDueWithoutDecision,
    Code::RemovedWhileDependedOn,
    Code::NewCrossTeamDependency,
];

/// A change, held against the gate.
pub struct Gate {
    /// Every diagnostic `orgit check --base` reports, sorted, each with
    /// [`Diagnostic::on_base`] set.
    pub diagnostics: Vec<Diagnostic>,
    /// [`crate::diff::compare`] of the two sides.
    pub diff: OrgDiff,
}

/// Which problems fail the gate.
#[derive(Clone, Copy, Debug, Default)]
pub struct GateRule {
    /// Warnings fail too (`--deny-warnings`).
    pub deny_warnings: bool,
    /// Only problems the change introduced fail (`--new-only`).
    pub new_only: bool,
}

/// Holds the change from `base` to `head` against the base's change
/// policies. `*_problems` are [`crate::checks::run_all`] of each side, run
/// for the same `today`.
pub fn gate(
    base: &Org,
    base_problems: &Diagnostics,
    head: &Org,
    head_problems: Diagnostics,
    today: Date,
) -> Gate {
    let diff = crate::diff::compare(base, base_problems, head, &head_problems);
    let policy = super::check(&Change {
        base,
        head,
        diff: &diff,
        today,
    });
    let mut all = head_problems;
    super::merge(&mut all, policy);
    let mut diagnostics = all.into_sorted();
    let introduced = crate::diff::introduced(base, base_problems, head, &diagnostics, &diff);
    for (diagnostic, introduced) in diagnostics.iter_mut().zip(introduced) {
        diagnostic.on_base = Some(!introduced);
    }
    Gate { diagnostics, diff }
}

impl Gate {
    /// The diagnostics that fail the gate under `rule`.
    pub fn failing(&self, rule: GateRule) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(move |d| fails(d, rule))
    }

    pub fn fails(&self, rule: GateRule) -> bool {
        self.failing(rule).next().is_some()
    }
}

/// Whether `diagnostic` fails the gate under `rule`.
pub fn fails(diagnostic: &Diagnostic, rule: GateRule) -> bool {
    let severe = diagnostic.severity == Severity::Error
        || (rule.deny_warnings && diagnostic.severity == Severity::Warning);
    severe && !(rule.new_only && diagnostic.on_base == Some(true))
}

/// Whether `code` is a change policy's.
pub fn is_change_policy(code: Code) -> bool {
    CHANGE_POLICY_CODES.contains(&code)
}
