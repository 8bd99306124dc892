//! The org's entities as the replay goes, and what changed in each commit.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::extract::Entities;
use super::{ChangeKind, EntityState, Field, States, Value};
use crate::model::EntityKind;

/// A file's new contents: `Some` with what it now defines, `None` when the
/// file is gone.
pub(super) type FileUpdate = (String, Option<Entities>);

/// Every tracked entity, by id, from the files that define it.
#[derive(Default)]
pub(super) struct OrgState {
    /// What each entity file defines, by path.
    files: HashMap<String, Entities>,
    /// Each id's definitions by path. When an id is defined in more than one
    /// file, the first path wins, as in the loader (`orgit check` reports the
    /// duplicate); the others wait in case it goes away. Each state is
    /// built once, when its file changes, and shared from then on.
    definitions: BTreeMap<String, BTreeMap<String, Arc<EntityState>>>,
}

impl OrgState {
    /// The entity `id` as it stands.
    pub(super) fn get(&self, id: &str) -> Option<&Arc<EntityState>> {
        self.definitions.get(id)?.values().next()
    }

    /// Every entity as it stands, by id: the states themselves are shared,
    /// not copied.
    pub(super) fn entities(&self) -> States {
        self.definitions
            .iter()
            .filter_map(|(id, by_path)| Some((id.clone(), Arc::clone(by_path.values().next()?))))
            .collect()
    }

    /// The ids `updates` may change: those the files define now and after.
    pub(super) fn affected_ids(&self, updates: &[FileUpdate]) -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        for (path, entities) in updates {
            let now = self.files.get(path).into_iter().flat_map(|e| e.iter());
            let after = entities.iter().flat_map(|e| e.iter());
            ids.extend(now.chain(after).map(|(id, _)| id.clone()));
        }
        ids
    }

    pub(super) fn apply(&mut self, updates: Vec<FileUpdate>) {
        for (path, entities) in updates {
            self.set_file(path, entities);
        }
    }

    fn set_file(&mut self, path: String, entities: Option<Entities>) {
        if let Some(old) = self.files.remove(&path) {
            for (id, _) in old.iter() {
                if let Some(by_path) = self.definitions.get_mut(id) {
                    by_path.remove(&path);
                    if by_path.is_empty() {
                        self.definitions.remove(id);
                    }
                }
            }
        }
        let Some(entities) = entities else { return };
        for (id, state) in entities.iter() {
            // Within one file the first definition of an id wins.
            self.definitions
                .entry(id.clone())
                .or_default()
                .entry(path.clone())
                .or_insert_with(|| {
                    Arc::new(EntityState {
                        path: path.clone(),
                        ..state.clone()
                    })
                });
        }
        self.files.insert(path, entities);
    }
}

/// What happened to one entity between two states, in report order: removed
/// or added, else moved, then each tracked field that differs. Each change
/// carries the entity's kind (the one that went away, for a removal).
pub(crate) fn compare(
    before: Option<&EntityState>,
    after: Option<&EntityState>,
) -> Vec<(EntityKind, ChangeKind)> {
    match (before, after) {
        (None, None) => Vec::new(),
        (None, Some(after)) => vec![(after.kind, ChangeKind::Added)],
        (Some(before), None) => vec![(before.kind, ChangeKind::Removed)],
        // An id that now names another kind of thing is a different entity.
        (Some(before), Some(after)) if before.kind != after.kind => vec![
            (before.kind, ChangeKind::Removed),
            (after.kind, ChangeKind::Added),
        ],
        (Some(before), Some(after)) => {
            let mut changes = Vec::new();
            if before.path != after.path {
                let moved = ChangeKind::Moved {
                    from: before.path.clone(),
                    to: after.path.clone(),
                };
                changes.push((after.kind, moved));
            }
            for field in Field::ALL {
                let (was, now) = (before.value(field), after.value(field));
                if !was.same_as(&now) {
                    let change = ChangeKind::Field {
                        field,
                        before: was,
                        after: now,
                    };
                    changes.push((after.kind, change));
                }
            }
            changes
        }
    }
}

impl Value {
    /// Equality where a number equals itself even when it is NaN (a YAML
    /// `.nan` that stays put is not a change).
    fn same_as(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => a == b || a.to_bits() == b.to_bits(),
            _ => self == other,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;

    fn person(name: &str, team: &str) -> EntityState {
        EntityState {
            kind: EntityKind::Person,
            path: String::new(),
            title: name.to_owned(),
            owner: None,
            team: Some(team.to_owned()),
            parent: None,
            status: Some("active".to_owned()),
            health: None,
            confidence: None,
            metric: None,
            value: None,
            due: None,
            done: None,
            likelihood: None,
            impact: None,
            content: 1,
        }
    }

    fn file(id: &str, state: EntityState) -> Option<Entities> {
        Some(Rc::from(vec![(id.to_owned(), state)]))
    }

    #[test]
    fn a_duplicate_id_resolves_to_the_first_path_and_takes_over_when_it_goes() {
        let mut state = OrgState::default();
        state.apply(vec![
            (
                "people/b.yaml".to_owned(),
                file("ana", person("Ana B", "b")),
            ),
            (
                "people/a.yaml".to_owned(),
                file("ana", person("Ana A", "a")),
            ),
        ]);
        assert_eq!(
            state.get("ana").map(|s| s.path.as_str()),
            Some("people/a.yaml")
        );
        assert_eq!(state.entities().len(), 1);

        let updates = vec![("people/a.yaml".to_owned(), None)];
        assert_eq!(
            state.affected_ids(&updates),
            BTreeSet::from(["ana".to_owned()])
        );
        state.apply(updates);
        assert_eq!(state.get("ana").map(|s| s.title.as_str()), Some("Ana B"));

        state.apply(vec![("people/b.yaml".to_owned(), None)]);
        assert!(state.get("ana").is_none());
        assert!(state.entities().is_empty());
    }

    #[test]
    fn a_move_comes_before_the_fields_that_changed_in_field_order() {
        let before = EntityState {
            path: "people/ana.yaml".to_owned(),
            ..person("Ana", "core")
        };
        let after = EntityState {
            path: "people/ana-silva.yaml".to_owned(),
            status: Some("left".to_owned()),
            ..person("Ana Silva", "core")
        };
        let changes = compare(Some(&before), Some(&after));
        let text = |v: &str| Value::Text(v.to_owned());
        assert_eq!(
            changes,
            [
                (
                    EntityKind::Person,
                    ChangeKind::Moved {
                        from: "people/ana.yaml".to_owned(),
                        to: "people/ana-silva.yaml".to_owned(),
                    }
                ),
                (
                    EntityKind::Person,
                    ChangeKind::Field {
                        field: Field::Title,
                        before: text("Ana"),
                        after: text("Ana Silva"),
                    }
                ),
                (
                    EntityKind::Person,
                    ChangeKind::Field {
                        field: Field::Status,
                        before: text("active"),
                        after: text("left"),
                    }
                ),
            ]
        );
    }

    #[test]
    fn an_id_that_changes_kind_is_removed_and_added() {
        let before = person("Platform", "core");
        let after = EntityState {
            kind: EntityKind::Team,
            ..person("Platform", "core")
        };
        assert_eq!(
            compare(Some(&before), Some(&after)),
            [
                (EntityKind::Person, ChangeKind::Removed),
                (EntityKind::Team, ChangeKind::Added),
            ]
        );
    }

    #[test]
    fn a_number_that_stays_nan_is_not_a_change() {
        let nan = EntityState {
            confidence: Some(f64::NAN),
            ..person("Ana", "core")
        };
        assert!(compare(Some(&nan), Some(&nan.clone())).is_empty());
        let zero = EntityState {
            confidence: Some(0.0),
            ..person("Ana", "core")
        };
        assert_eq!(compare(Some(&nan), Some(&zero)).len(), 1);
    }
}
