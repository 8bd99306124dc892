//! Which entity files differ between two org trees, found top-down: a folder
//! whose tree id is the same on both sides is skipped without being read, so
//! the cost follows what changed, not the size of the org.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::rc::Rc;

use git2::{ObjectType, Oid, Repository, Tree};

use super::extract::defines_entities;
use crate::error::Result;
use crate::source::layout::MAX_DEPTH;

/// The folders under the org root whose files define tracked entities
/// (`updates/` holds weekly narratives, which carry no ids).
pub(super) const TRACKED_DIRS: &[&str] = &[
    "people",
    "teams",
    "goals",
    "initiatives",
    "decisions",
    "risks",
    "kpis",
    "issues",
    "todos",
];

/// A symbolic link's mode. The history ignores links: following one would
/// make a file's state depend on another path's blob, and the blob cache is
/// keyed by the file's own blob.
const SYMLINK_MODE: i32 = 0o120000;

/// An entity file whose blob differs between the two trees compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct FileChange {
    /// Relative to the org root, `/`-separated.
    pub path: String,
    /// The blob now; `None` when the file is gone.
    pub after: Option<Oid>,
}

/// Compares org-root trees commit after commit. A folder's version after one
/// commit is its "before" side the next time it changes, so the listings read
/// on the "after" side are kept until then: each tree is read and listed once,
/// not twice (a large flat folder like `initiatives/`, changed in most
/// commits, was most of the cost).
pub(super) struct TreeDiff<'repo> {
    repo: &'repo Repository,
    /// The top-level folders compared: [`TRACKED_DIRS`] or some of them.
    folders: &'static [&'static str],
    /// The listings of the folders as they stand after the last comparison
    /// (those read so far), by tree id.
    listings: HashMap<Oid, Rc<[Item]>>,
}

impl<'repo> TreeDiff<'repo> {
    pub(super) fn new(repo: &'repo Repository, folders: &'static [&'static str]) -> Self {
        TreeDiff {
            repo,
            folders,
            listings: HashMap::new(),
        }
    }

    /// The entity files that differ between two org-root trees (`None`: the
    /// org root does not exist there), in tree order. Meant to be called with
    /// each commit's tree as `after` and then as the next call's `before`.
    pub(super) fn changed_files(
        &mut self,
        before: Option<Oid>,
        after: Option<Oid>,
    ) -> Result<Vec<FileChange>> {
        let mut changes = Vec::new();
        if before == after {
            return Ok(changes);
        }
        let before_root = self.listing(before, false)?;
        let after_root = self.listing(after, true)?;
        let folder_id = |listing: &[Item], name: &str| {
            listing
                .iter()
                .find(|item| item.is_tree && &*item.name == name)
                .map(|item| item.id)
        };
        for dir in self.folders {
            let (before, after) = (folder_id(&before_root, dir), folder_id(&after_root, dir));
            if before != after {
                self.compare_folders(before, after, dir, 1, &mut changes)?;
            }
        }
        Ok(changes)
    }

    /// Compares two versions of the folder at `rel` by merging their entries,
    /// which git keeps sorted.
    fn compare_folders(
        &mut self,
        before: Option<Oid>,
        after: Option<Oid>,
        rel: &str,
        depth: usize,
        changes: &mut Vec<FileChange>,
    ) -> Result<()> {
        let before_items = self.listing(before, false)?;
        let after_items = self.listing(after, true)?;
        // Folders deeper than the layout reads are not looked into.
        let readable = |item: &&Item| !item.is_tree || depth < MAX_DEPTH;
        let mut before_items = before_items.iter().filter(readable).peekable();
        let mut after_items = after_items.iter().filter(readable).peekable();
        loop {
            let order = match (before_items.peek(), after_items.peek()) {
                (None, None) => return Ok(()),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(before), Some(after)) => git_order(before, after),
            };
            let (before, after) = match order {
                Ordering::Less => (before_items.next(), None),
                Ordering::Greater => (None, after_items.next()),
                Ordering::Equal => (before_items.next(), after_items.next()),
            };
            let Some(item) = after.or(before) else {
                return Ok(());
            };
            let (before_id, after_id) = (before.map(|i| i.id), after.map(|i| i.id));
            if before_id == after_id {
                continue;
            }
            let path = format!("{rel}/{}", item.name);
            if item.is_tree {
                self.compare_folders(before_id, after_id, &path, depth + 1, changes)?;
            } else if defines_entities(&path) {
                changes.push(FileChange {
                    path,
                    after: after_id,
                });
            }
        }
    }

    /// The entries of tree `id` worth comparing (empty for `None`), read
    /// from the repository unless an earlier comparison listed it. A listing
    /// on the `after` side is kept for the next change to that folder; one on
    /// the "before" side is not needed again. (A tree missing from the map,
    /// say two folders with the same contents, is simply read again.)
    fn listing(&mut self, id: Option<Oid>, after: bool) -> Result<Rc<[Item]>> {
        let Some(id) = id else {
            return Ok(Rc::from([]));
        };
        let known = if after {
            self.listings.get(&id).cloned()
        } else {
            self.listings.remove(&id)
        };
        let listing = match known {
            Some(listing) => listing,
            None => items(&self.repo.find_tree(id)?),
        };
        if after {
            self.listings.insert(id, Rc::clone(&listing));
        }
        Ok(listing)
    }
}

/// One entry of a folder that the history may read.
pub(super) struct Item {
    name: Box<str>,
    id: Oid,
    is_tree: bool,
}

/// The entries worth comparing, in git's order: files that are neither links
/// nor submodules, and folders, with UTF-8 names not starting with a dot (as
/// the git source reads them).
fn items(tree: &Tree<'_>) -> Rc<[Item]> {
    tree.iter()
        .filter_map(|entry| {
            let name = entry.name().ok()?;
            if name.starts_with('.') {
                return None;
            }
            let is_tree = match entry.kind() {
                Some(ObjectType::Tree) => true,
                Some(ObjectType::Blob) if entry.filemode() != SYMLINK_MODE => false,
                _ => return None,
            };
            Some(Item {
                name: name.into(),
                id: entry.id(),
                is_tree,
            })
        })
        .collect()
}

/// Git's order of entries in a tree: by name bytes, a folder's name read as
/// if it ended in `/` (so `a.md` < `a/` < `a0`).
fn git_order(a: &Item, b: &Item) -> Ordering {
    name_order(a.name.as_bytes(), a.is_tree, b.name.as_bytes(), b.is_tree)
}

fn name_order(a: &[u8], a_is_tree: bool, b: &[u8], b_is_tree: bool) -> Ordering {
    let common = a.len().min(b.len());
    a[..common].cmp(&b[..common]).then_with(|| {
        let end = |name: &[u8], is_tree: bool| {
            name.get(common)
                .copied()
                .unwrap_or(if is_tree { b'/' } else { 0 })
        };
        end(a, a_is_tree).cmp(&end(b, b_is_tree))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::layout::ENTITY_DIRS;

    #[test]
    fn tracked_folders_are_the_layouts_minus_updates() {
        let expected: Vec<&str> = ENTITY_DIRS
            .iter()
            .copied()
            .filter(|dir| *dir != "updates")
            .collect();
        assert_eq!(TRACKED_DIRS, expected.as_slice());
    }

    #[test]
    fn folders_sort_as_if_their_name_ended_in_a_slash() {
        assert_eq!(name_order(b"a.md", false, b"a", true), Ordering::Less);
        assert_eq!(name_order(b"a", true, b"a0", false), Ordering::Less);
        assert_eq!(name_order(b"a", false, b"a", true), Ordering::Less);
        assert_eq!(name_order(b"a", true, b"a", true), Ordering::Equal);
        assert_eq!(name_order(b"b", false, b"a", true), Ordering::Greater);
    }
}
