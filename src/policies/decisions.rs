//! Which decision records excuse a change, and what to suggest when none
//! does.
//!
//! A decision excuses a change when, in the head, it is proposed or accepted
//! and names the item (or its goal or initiative) in `affects`, and the change
//! may be what it decides: it is new, or was still proposed at the base.
//! Proposing it in the same pull request is the usual way; accepting an
//! earlier proposal along with the change it proposed works too. A decision
//! already accepted at the base was acted on: it covers the change it was
//! about, not a further one to the same item. A rejected, superseded or
//! deprecated decision is not in force.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Code;
use crate::model::{DecisionStatus, EntityKind, Org};

/// Ids are at most this long (see `invalid-id`), so a suggested one is too.
const MAX_ID_CHARS: usize = 64;

pub(super) struct Decisions<'a> {
    /// Ids named by decisions this change may be carrying out.
    open: BTreeSet<&'a str>,
    /// Ids named by decisions in force that were accepted at the base, with
    /// those decisions' ids, to explain why they do not count.
    settled: BTreeMap<&'a str, Vec<&'a str>>,
    /// The number the next decision record takes (`0008` after `0007-...`).
    next_number: u32,
}

impl<'a> Decisions<'a> {
    pub(super) fn for_change(base: &Org, head: &'a Org) -> Self {
        let mut open = BTreeSet::new();
        let mut settled: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for decision in &head.decisions {
            let in_force = matches!(
                *decision.status,
                DecisionStatus::Proposed | DecisionStatus::Accepted
            );
            if !in_force {
                continue;
            }
            let accepted_at_base = base
                .lookup(&decision.id)
                .filter(|e| e.kind == EntityKind::Decision)
                .is_some_and(|e| *base.decisions[e.index].status == DecisionStatus::Accepted);
            for affected in &decision.affects {
                if accepted_at_base {
                    settled
                        .entry(affected.as_str())
                        .or_default()
                        .push(decision.id.as_str());
                } else {
                    open.insert(affected.as_str());
                }
            }
        }
        let highest = head
            .decisions
            .iter()
            .filter_map(|d| d.id.split('-').next()?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        Decisions {
            open,
            settled,
            next_number: highest.saturating_add(1),
        }
    }

    /// Whether a decision this change may be carrying out names any of `ids`.
    pub(super) fn cover(&self, ids: &[&str]) -> bool {
        ids.iter().any(|id| self.open.contains(id))
    }

    /// The help of a change to `id` that needs a decision (`ids`: those a
    /// decision may name to cover it): which file to add, for a decision about
    /// `what` (a slug like `lower-x-target`), and why a decision accepted
    /// earlier that names it does not count.
    pub(super) fn help(&self, what: &str, id: &str, ids: &[&str], code: Code) -> String {
        let file_id: String = format!("{:04}-{what}", self.next_number)
            .chars()
            .take(MAX_ID_CHARS)
            .collect();
        let file_id = file_id.trim_end_matches('-');
        let mut help = format!(
            "record the decision: add `decisions/{file_id}.md` with `affects: [{id}]` and \
             `status: proposed` (`orgit explain {code}` shows one)"
        );
        let earlier: BTreeSet<&str> = ids
            .iter()
            .filter_map(|id| self.settled.get(id))
            .flatten()
            .copied()
            .collect();
        if !earlier.is_empty() {
            let names: Vec<String> = earlier.iter().map(|d| format!("`{d}`")).collect();
            help.push_str(&format!(
                "; {} was accepted before this change and covers an earlier one",
                names.join(" and ")
            ));
        }
        help
    }
}
