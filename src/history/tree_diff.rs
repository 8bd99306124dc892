//! Which entity files differ between two org trees, found top-down: a folder
//! whose tree id is the same on both sides is skipped without being read, so
//! the cost follows what changed, not the size of the org.

use std::cmp::Ordering;
use std::iter::Peekable;

use git2::{ObjectType, Oid, Repository, Tree, TreeEntry};

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

/// The entity files that differ between two org-root trees (`None`: the org
/// root does not exist there), in tree order.
pub(super) fn changed_files(
    repo: &Repository,
    before: Option<Oid>,
    after: Option<Oid>,
) -> Result<Vec<FileChange>> {
    let mut changes = Vec::new();
    if before == after {
        return Ok(changes);
    }
    let before = before.map(|id| repo.find_tree(id)).transpose()?;
    let after = after.map(|id| repo.find_tree(id)).transpose()?;
    let folder_id = |tree: Option<&Tree<'_>>, name: &str| {
        tree.and_then(|tree| tree.get_name(name))
            .filter(|entry| entry.kind() == Some(ObjectType::Tree))
            .map(|entry| entry.id())
    };
    for dir in TRACKED_DIRS {
        let (before, after) = (
            folder_id(before.as_ref(), dir),
            folder_id(after.as_ref(), dir),
        );
        if before != after {
            compare_folders(repo, before, after, dir, 1, &mut changes)?;
        }
    }
    Ok(changes)
}

/// One entry of a folder that the history may read.
struct Item<'tree> {
    entry: TreeEntry<'tree>,
    is_tree: bool,
}

impl Item<'_> {
    fn name(&self) -> &str {
        // Only entries with UTF-8 names become items.
        self.entry.name().unwrap_or_default()
    }
}

/// Compares two versions of the folder at `rel` by merging their entries,
/// which git keeps sorted.
fn compare_folders(
    repo: &Repository,
    before: Option<Oid>,
    after: Option<Oid>,
    rel: &str,
    depth: usize,
    changes: &mut Vec<FileChange>,
) -> Result<()> {
    let before = before.map(|id| repo.find_tree(id)).transpose()?;
    let after = after.map(|id| repo.find_tree(id)).transpose()?;
    let mut before_items = items(before.as_ref(), depth);
    let mut after_items = items(after.as_ref(), depth);
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
        let Some(item) = after.as_ref().or(before.as_ref()) else {
            return Ok(());
        };
        let (before_id, after_id) = (before.as_ref().map(id), after.as_ref().map(id));
        if before_id == after_id {
            continue;
        }
        let path = format!("{rel}/{}", item.name());
        if item.is_tree {
            compare_folders(repo, before_id, after_id, &path, depth + 1, changes)?;
        } else if defines_entities(&path) {
            changes.push(FileChange {
                path,
                after: after_id,
            });
        }
    }
}

fn id(item: &Item<'_>) -> Oid {
    item.entry.id()
}

/// The entries worth comparing, in git's order: files that are neither links
/// nor submodules, and folders no deeper than the layout reads, with UTF-8
/// names not starting with a dot (as the git source reads them).
fn items<'tree>(
    tree: Option<&'tree Tree<'_>>,
    depth: usize,
) -> Peekable<impl Iterator<Item = Item<'tree>>> {
    tree.into_iter()
        .flat_map(|tree| tree.iter())
        .filter_map(move |entry| {
            let name = entry.name().ok()?;
            if name.starts_with('.') {
                return None;
            }
            let is_tree = match entry.kind() {
                Some(ObjectType::Tree) if depth < MAX_DEPTH => true,
                Some(ObjectType::Blob) if entry.filemode() != SYMLINK_MODE => false,
                _ => return None,
            };
            Some(Item { entry, is_tree })
        })
        .peekable()
}

/// Git's order of entries in a tree: by name bytes, a folder's name read as
/// if it ended in `/` (so `a.md` < `a/` < `a0`).
fn git_order(a: &Item<'_>, b: &Item<'_>) -> Ordering {
    name_order(
        a.name().as_bytes(),
        a.is_tree,
        b.name().as_bytes(),
        b.is_tree,
    )
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
