//! Entities added, removed, moved or edited, by id.

use std::collections::{BTreeMap, BTreeSet};

use super::EntityChange;
use crate::history::{self, ChangeKind, EntityState};
use crate::model::EntityKind;

/// Every entity change, by kind and then id; one entity's changes in the
/// order [`history::compare_states`] gives them (a move first, then fields).
pub(super) fn changes(
    base: &BTreeMap<String, EntityState>,
    head: &BTreeMap<String, EntityState>,
) -> Vec<EntityChange> {
    let ids: BTreeSet<&String> = base.keys().chain(head.keys()).collect();
    let mut changes = Vec::new();
    for id in ids {
        let (before, after) = (base.get(id), head.get(id));
        for (kind, change) in history::compare_states(before, after) {
            // A removal describes the entity that went away; anything else
            // the entity as it now is.
            let described = match change {
                ChangeKind::Removed => before,
                _ => after,
            };
            let Some(state) = described else { continue };
            changes.push(EntityChange {
                id: id.clone(),
                kind,
                title: state.title.clone(),
                team: state.team.clone(),
                change,
            });
        }
    }
    // Stable: each entity's changes keep their order.
    changes.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
    changes
}

/// Files renamed between the sides: the base path of each entity that moved
/// to the path it has in head. A file's own entity (a goal, not one of its
/// key results) decides where the file went, should its parts have moved
/// apart.
pub(super) fn renamed_files(
    base: &BTreeMap<String, EntityState>,
    head: &BTreeMap<String, EntityState>,
) -> BTreeMap<String, String> {
    let mut moves: Vec<(bool, &str, &str)> = base
        .iter()
        .filter_map(|(id, before)| {
            let after = head.get(id)?;
            let moved = before.kind == after.kind && before.path != after.path;
            let part = matches!(before.kind, EntityKind::KeyResult | EntityKind::Milestone);
            moved.then_some((part, before.path.as_str(), after.path.as_str()))
        })
        .collect();
    moves.sort();
    let mut renamed = BTreeMap::new();
    for (_, from, to) in moves {
        renamed
            .entry(from.to_owned())
            .or_insert_with(|| to.to_owned());
    }
    renamed
}
