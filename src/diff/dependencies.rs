//! `depends_on` entries added, removed or given a new `need_by`.

use std::collections::{BTreeMap, BTreeSet};

use super::{DependencyChange, DependencyChangeKind};
use crate::history::EntityState;
use crate::model::{Date, EntityKind, Org};

/// Every dependency that differs, by waiting item and then the item waited
/// on. Teams come from the side the dependency is described on: head, or
/// base for a removal.
pub(super) fn changes(
    base: &Org,
    base_states: &BTreeMap<String, EntityState>,
    head: &Org,
    head_states: &BTreeMap<String, EntityState>,
) -> Vec<DependencyChange> {
    let (before, after) = (need_by_dates(base), need_by_dates(head));
    let keys: BTreeSet<&(String, String)> = before.keys().chain(after.keys()).collect();
    let mut changes = Vec::new();
    for key in keys {
        let (change, states) = match (before.get(key), after.get(key)) {
            (None, Some(&need_by)) => (DependencyChangeKind::Added { need_by }, head_states),
            (Some(&need_by), None) => (DependencyChangeKind::Removed { need_by }, base_states),
            (Some(&before), Some(&after)) if before != after => (
                DependencyChangeKind::NeedByMoved { before, after },
                head_states,
            ),
            _ => continue,
        };
        let (from, on) = key;
        let team_of = |id: &str| states.get(id).and_then(|state| state.team.clone());
        changes.push(DependencyChange {
            from: from.clone(),
            from_team: team_of(from),
            on: on.clone(),
            on_team: team_of(on),
            change,
        });
    }
    changes
}

/// `need_by` of every `depends_on` entry, by `(from, on)`, for the goals,
/// key results and initiatives that win their ids. An item that lists the
/// same target twice keeps the first (`orgit check` has the rest).
fn need_by_dates(org: &Org) -> BTreeMap<(String, String), Date> {
    let mut dates = BTreeMap::new();
    for definition in org.definitions() {
        let waits = matches!(
            definition.entity.kind,
            EntityKind::Goal | EntityKind::KeyResult | EntityKind::Initiative
        );
        if !waits || org.lookup(definition.id) != Some(definition.entity) {
            continue;
        }
        for dependency in org.depends_on(definition.entity) {
            let key = (definition.id.to_owned(), dependency.on.value.clone());
            dates.entry(key).or_insert(*dependency.need_by);
        }
    }
    dates
}
