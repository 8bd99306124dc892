//! Which entity files differ between two org trees, found top-down: a folder
//! whose tree id is the same on both sides is skipped without being read, so
//! the cost follows what changed, not the size of the org.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::mpsc;

use git2::{ObjectType, Odb, Oid, Repository};

use super::extract::defines_entities;
use crate::error::{Error, Result};
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

/// From this many trees that differ from the one before them, the diff runs
/// on a thread of its own; below, the thread and its repository handle cost
/// more than working alongside the parse saves.
const ALONGSIDE_FROM: usize = 64;

/// How many trees the diff compares between hand-overs to the caller.
const BATCH: usize = 128;

/// What [`changes_along`] gives: per tree, its changed files, or `None`
/// where it is the tree before it.
pub(super) type Changes = Vec<TreeChanges>;

/// One tree's changed files, `None` where it is the tree before it.
pub(super) type TreeChanges = Option<Vec<FileChange>>;

/// Each of `trees` (org-root trees, oldest first; `None` where the org root
/// does not exist) compared with the one before it, the first with nothing.
/// `each_batch` sees the results a batch of trees at a time, in order. In a
/// long history the diff runs on a thread of its own (with its own handle on
/// the repository, which threads cannot share) while the calling thread
/// runs `each_batch` on the batches done so far: the replay parses one
/// batch's blobs while the next is diffed, instead of one after the other.
pub(super) fn changes_along(
    repo: &Repository,
    trees: &[Option<Oid>],
    folders: &'static [&'static str],
    each_batch: &mut dyn FnMut(&[TreeChanges]) -> Result<()>,
) -> Result<Changes> {
    let steps: Vec<(Option<Oid>, Option<Oid>)> = trees
        .iter()
        .enumerate()
        .map(|(at, &after)| (at.checked_sub(1).and_then(|i| trees[i]), after))
        .collect();
    let diff_batch = |diff: &mut TreeDiff<'_>, batch: &[(Option<Oid>, Option<Oid>)]| {
        batch
            .iter()
            .map(|&(before, after)| {
                (before != after)
                    .then(|| diff.changed_files(before, after))
                    .transpose()
            })
            .collect::<Result<Changes>>()
    };
    let differing = steps
        .iter()
        .filter(|(before, after)| before != after)
        .count();
    if differing < ALONGSIDE_FROM {
        let changes = diff_batch(&mut TreeDiff::new(repo, folders)?, &steps)?;
        each_batch(&changes)?;
        return Ok(changes);
    }
    let path = repo.path();
    let (sender, batches) = mpsc::channel::<Result<Changes>>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let repo = match Repository::open(path) {
                Ok(repo) => repo,
                Err(e) => return drop(sender.send(Err(e.into()))),
            };
            let mut diff = match TreeDiff::new(&repo, folders) {
                Ok(diff) => diff,
                Err(e) => return drop(sender.send(Err(e))),
            };
            for batch in steps.chunks(BATCH) {
                let changes = diff_batch(&mut diff, batch);
                let failed = changes.is_err();
                // A closed channel: the caller stopped at an error.
                if sender.send(changes).is_err() || failed {
                    return;
                }
            }
        });
        let mut changes = Vec::with_capacity(trees.len());
        for batch in batches {
            let batch = batch?;
            each_batch(&batch)?;
            changes.extend(batch);
        }
        Ok(changes)
    })
}

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
/// on the "after" side are kept until then: each tree is read once, not twice
/// (a large flat folder like `initiatives/`, changed in most commits, was
/// most of the cost).
pub(super) struct TreeDiff<'repo> {
    odb: Odb<'repo>,
    /// The top-level folders compared: [`TRACKED_DIRS`] or some of them.
    folders: &'static [&'static str],
    /// The listings of the folders as they stand after the last comparison
    /// (those read so far), by tree id.
    listings: HashMap<Oid, Listing>,
}

impl<'repo> TreeDiff<'repo> {
    pub(super) fn new(repo: &'repo Repository, folders: &'static [&'static str]) -> Result<Self> {
        Ok(TreeDiff {
            odb: repo.odb()?,
            folders,
            listings: HashMap::new(),
        })
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
        let folder_id = |listing: &Folder, name: &str| {
            listing
                .items(0..listing.len())
                .find(|item| item.is_tree && item.name == name.as_bytes())
                .and_then(|item| Oid::from_bytes(item.id).ok())
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
        let (before_range, after_range) = differing(&before_items, &after_items);
        let mut before_items = before_items.items(before_range).peekable();
        let mut after_items = after_items.items(after_range).peekable();
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
            // Only what differs needs a readable name: the rest is skipped
            // above whatever it is called.
            let Some(name) = item.readable_name() else {
                continue;
            };
            let (before_id, after_id) = (oid(before_id)?, oid(after_id)?);
            let path = format!("{rel}/{name}");
            if item.is_tree {
                // Folders deeper than the layout reads are not looked into.
                if depth < MAX_DEPTH {
                    self.compare_folders(before_id, after_id, &path, depth + 1, changes)?;
                }
            } else if defines_entities(&path) {
                changes.push(FileChange {
                    path,
                    after: after_id,
                });
            }
        }
    }

    /// The tree object `id` (empty for `None`), read from the repository
    /// unless an earlier comparison read it. A listing on the `after` side is
    /// kept for the next change to that folder; one on the "before" side is
    /// not needed again. (A tree missing from the map, say two folders with
    /// the same contents, is simply read again.)
    fn listing(&mut self, id: Option<Oid>, after: bool) -> Result<Listing> {
        let Some(id) = id else {
            return Ok(Rc::new(Folder::parse(&[])));
        };
        let known = if after {
            self.listings.get(&id).cloned()
        } else {
            self.listings.remove(&id)
        };
        let listing = match known {
            Some(listing) => listing,
            None => {
                let object = self.odb.read(id)?;
                if object.kind() != ObjectType::Tree {
                    return Err(Error::new(format!(
                        "git: object {id} is a {}, not a folder",
                        object.kind()
                    )));
                }
                Rc::new(Folder::parse(object.data()))
            }
        };
        if after {
            self.listings.insert(id, Rc::clone(&listing));
        }
        Ok(listing)
    }
}

/// A folder as git stores it: the tree object's bytes, its entries
/// `<octal mode> <name>\0<20-byte id>` in git's order, read in place rather
/// than through libgit2's parse, with where each entry starts. The diff walks
/// a large flat folder like `initiatives/` for every commit that changes one
/// of its files: copying each entry out was half the diff's time, and
/// comparing every entry of two versions most of the rest, when the bytes
/// before and after the one entry that changed are the same.
struct Folder {
    bytes: Box<[u8]>,
    /// The offset of each entry; the listing ends at the first malformed
    /// entry (git writes none).
    starts: Box<[u32]>,
}

type Listing = Rc<Folder>;

impl Folder {
    fn parse(bytes: &[u8]) -> Folder {
        let mut starts = Vec::new();
        let mut at = 0;
        // A tree object larger than 4 GiB is not a folder anyone writes.
        while let Some((_, next)) = entry(bytes, at)
            && let Ok(start) = u32::try_from(at)
        {
            starts.push(start);
            at = next;
        }
        Folder {
            bytes: bytes.into(),
            starts: starts.into(),
        }
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    fn start(&self, index: usize) -> usize {
        self.starts
            .get(index)
            .map_or(self.bytes.len(), |&s| s as usize)
    }

    /// The files and folders among entries `range`, in git's order.
    fn items(&self, range: Range<usize>) -> impl Iterator<Item = Item<'_>> {
        self.starts[range]
            .iter()
            .filter_map(|&start| entry(&self.bytes, start as usize)?.0)
    }
}

/// The entries of each side that may differ: all but the leading and
/// trailing runs of entries whose bytes are the same on both sides.
fn differing(before: &Folder, after: &Folder) -> (Range<usize>, Range<usize>) {
    let (old, new) = (&before.bytes[..], &after.bytes[..]);
    let same_start = common_prefix(old, new);
    // The entry holding the first differing byte; those before it start at
    // the same offsets on both sides.
    let first = before
        .starts
        .partition_point(|&s| s as usize <= same_start)
        .saturating_sub(1);
    let (first_old, first_new) = (first, first.min(after.len()));
    let from = before.start(first_old).min(after.start(first_new));
    let same_end = common_suffix(&old[from..], &new[from..]);
    // The first whole entry of the common tail on the old side, if the new
    // side has an entry starting at the same distance from its end: from
    // there, both read the same entries.
    let tail_old = before
        .starts
        .partition_point(|&s| (s as usize) < old.len() - same_end)
        .max(first_old);
    let tail_new = (tail_old < before.len())
        .then(|| before.start(tail_old) + new.len() - old.len())
        .and_then(|offset| {
            after
                .starts
                .binary_search_by(|&s| (s as usize).cmp(&offset))
                .ok()
        })
        .filter(|&tail_new| tail_new >= first_new);
    match tail_new {
        Some(tail_new) => (first_old..tail_old, first_new..tail_new),
        None => (first_old..before.len(), first_new..after.len()),
    }
}

/// How many leading bytes `a` and `b` share, compared a block at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let len = a.len().min(b.len());
    let mut same = 0;
    while same + BLOCK <= len && a[same..same + BLOCK] == b[same..same + BLOCK] {
        same += BLOCK;
    }
    same + a[same..len]
        .iter()
        .zip(&b[same..len])
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many trailing bytes `a` and `b` share.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let len = a.len().min(b.len());
    let (a_end, b_end) = (a.len(), b.len());
    let mut same = 0;
    while same + BLOCK <= len
        && a[a_end - same - BLOCK..a_end - same] == b[b_end - same - BLOCK..b_end - same]
    {
        same += BLOCK;
    }
    same + a[..a_end - same]
        .iter()
        .rev()
        .zip(b[..b_end - same].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// One entry of a folder: a file that is neither a link nor a submodule, or
/// a folder.
#[derive(Clone, Copy)]
struct Item<'a> {
    name: &'a [u8],
    id: &'a [u8],
    is_tree: bool,
}

impl<'a> Item<'a> {
    /// The name, unless the history does not read entries so named: not
    /// UTF-8, or starting with a dot (as the git source reads them).
    fn readable_name(&self) -> Option<&'a str> {
        std::str::from_utf8(self.name)
            .ok()
            .filter(|name| !name.starts_with('.'))
    }
}

/// The entry of a tree object at byte `at`: the item (`None` for a link or a
/// submodule) and where the next entry starts; `None` past the end or for a
/// malformed entry.
fn entry(bytes: &[u8], at: usize) -> Option<(Option<Item<'_>>, usize)> {
    let rest = bytes.get(at..)?;
    let space = rest.iter().position(|&b| b == b' ')?;
    let (mode, entry) = (&rest[..space], &rest[space + 1..]);
    let end = entry.iter().position(|&b| b == 0)?;
    let name = &entry[..end];
    let id = entry.get(end + 1..end + 1 + ID_BYTES)?;
    let next = at + space + 1 + end + 1 + ID_BYTES;
    let mode = mode.iter().try_fold(0u32, |mode, &digit| match digit {
        b'0'..=b'7' => Some(mode << 3 | u32::from(digit - b'0')),
        _ => None,
    })?;
    let is_tree = match mode & FILE_TYPE {
        FOLDER => true,
        LINK | SUBMODULE => return Some((None, next)),
        _ => false,
    };
    Some((Some(Item { name, id, is_tree }), next))
}

/// The bytes of an object id in a tree entry (SHA-1).
const ID_BYTES: usize = 20;

/// The type bits of a tree entry's mode, and the types the history skips or
/// descends into. The history ignores links: following one would make a
/// file's state depend on another path's blob, and the blob cache is keyed by
/// the file's own blob.
const FILE_TYPE: u32 = 0o170000;
const FOLDER: u32 = 0o040000;
const LINK: u32 = 0o120000;
const SUBMODULE: u32 = 0o160000;

fn oid(bytes: Option<&[u8]>) -> Result<Option<Oid>> {
    bytes.map(Oid::from_bytes).transpose().map_err(Error::from)
}

/// Git's order of entries in a tree: by name bytes, a folder's name read as
/// if it ended in `/` (so `a.md` < `a/` < `a0`).
fn git_order(a: &Item<'_>, b: &Item<'_>) -> Ordering {
    name_order(a.name, a.is_tree, b.name, b.is_tree)
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

    /// What a test tree holds at a name.
    enum Node<'a> {
        File(&'a str),
        Link(&'a str),
        Submodule,
        Folder(Vec<(&'a [u8], Node<'a>)>),
    }

    fn write(repo: &Repository, entries: Vec<(&[u8], Node<'_>)>) -> Oid {
        let mut builder = repo.treebuilder(None).unwrap();
        for (name, node) in entries {
            let (id, mode) = match node {
                Node::File(text) => (repo.blob(text.as_bytes()).unwrap(), 0o100644),
                Node::Link(target) => (repo.blob(target.as_bytes()).unwrap(), 0o120000),
                // A submodule's entry names a commit of another repository.
                Node::Submodule => (Oid::from_bytes(&[7; 20]).unwrap(), 0o160000),
                Node::Folder(entries) => (write(repo, entries), 0o040000),
            };
            builder.insert(name.to_vec(), id, mode).unwrap();
        }
        builder.write().unwrap()
    }

    fn org<'a>(people: Vec<(&'a [u8], Node<'a>)>, goals: &'a str) -> Vec<(&'a [u8], Node<'a>)> {
        vec![
            (b"people", Node::Folder(people)),
            (
                b"goals",
                Node::Folder(vec![(
                    b"2026-Q4",
                    Node::Folder(vec![
                        (b"grow.md", Node::File(goals)),
                        (b"deep", Node::Folder(vec![(b"x.md", Node::File(goals))])),
                    ]),
                )]),
            ),
            (b"updates", Node::Folder(vec![(b"w.md", Node::File(goals))])),
        ]
    }

    #[test]
    fn reads_only_the_files_the_history_tracks() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init_bare(dir.path()).unwrap();
        let before = write(&repo, org(vec![(b"ada.yaml", Node::File("id: ada"))], "v1"));
        let after = write(
            &repo,
            org(
                vec![
                    (b".hidden.yaml", Node::File("id: h")),
                    (b"ada.yaml", Node::File("id: ada\nname: Ada")),
                    (b"bob.yaml", Node::File("id: bob")),
                    (b"link.yaml", Node::Link("ada.yaml")),
                    (b"module", Node::Submodule),
                    (b"odd-\xff.yaml", Node::File("id: odd")),
                ],
                "v2",
            ),
        );
        let mut diff = TreeDiff::new(&repo, TRACKED_DIRS).unwrap();
        let paths = |changes: Vec<FileChange>| -> Vec<(String, bool)> {
            changes
                .into_iter()
                .map(|change| (change.path, change.after.is_some()))
                .collect()
        };
        // Not the dot file, the link, the submodule, the name that is not
        // UTF-8, the folder deeper than the layout reads, or `updates/`.
        let expected = vec![
            ("people/ada.yaml".to_owned(), true),
            ("people/bob.yaml".to_owned(), true),
            ("goals/2026-Q4/grow.md".to_owned(), true),
        ];
        let mut found = paths(diff.changed_files(Some(before), Some(after)).unwrap());
        found.sort_by_key(|(path, _)| path.starts_with("goals"));
        assert_eq!(found, expected);
        // Back again: the same files, now gone or as before.
        let mut back = paths(diff.changed_files(Some(after), Some(before)).unwrap());
        back.sort_by_key(|(path, _)| path.starts_with("goals"));
        let gone: Vec<bool> = back.iter().map(|(_, present)| *present).collect();
        assert_eq!(gone, vec![true, false, true]);
        // From nothing: every tracked file.
        let all = paths(diff.changed_files(None, Some(before)).unwrap());
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn a_long_history_diffed_alongside_gives_what_one_pass_gives() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init_bare(dir.path()).unwrap();
        let texts: Vec<String> = (0..3 * BATCH)
            .map(|n| format!("id: ada\nn: {}", n / 2))
            .collect();
        let mut trees: Vec<Option<Oid>> = texts
            .iter()
            .map(|text| {
                Some(write(
                    &repo,
                    org(vec![(b"ada.yaml", Node::File(text))], "v"),
                ))
            })
            .collect();
        trees.insert(BATCH, None);
        let mut batches = 0;
        let alongside = changes_along(&repo, &trees, TRACKED_DIRS, &mut |_| {
            batches += 1;
            Ok(())
        })
        .unwrap();
        assert!(batches > 1, "the diff ran alongside in batches");
        let mut diff = TreeDiff::new(&repo, TRACKED_DIRS).unwrap();
        let one_pass: Changes = trees
            .iter()
            .enumerate()
            .map(|(at, &after)| {
                let before = at.checked_sub(1).and_then(|i| trees[i]);
                (before != after).then(|| diff.changed_files(before, after).unwrap())
            })
            .collect();
        assert_eq!(alongside, one_pass);
        assert!(alongside[1].is_none(), "the same tree twice is no change");
        assert_eq!(alongside[BATCH].as_ref().map(Vec::len), Some(2));
    }

    #[test]
    fn only_the_entries_that_differ_are_compared_and_none_is_missed() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init_bare(dir.path()).unwrap();
        let names: Vec<String> = (0..40).map(|n| format!("p{:02}.yaml", n * 3)).collect();
        let people = |names: &[String], edited: Option<usize>| {
            let mut builder = repo.treebuilder(None).unwrap();
            for (at, name) in names.iter().enumerate() {
                let text = if edited == Some(at) {
                    "id: edited"
                } else {
                    "id: same"
                };
                builder
                    .insert(name.as_str(), repo.blob(text.as_bytes()).unwrap(), 0o100644)
                    .unwrap();
            }
            let people = builder.write().unwrap();
            let mut root = repo.treebuilder(None).unwrap();
            root.insert("people", people, 0o040000).unwrap();
            root.write().unwrap()
        };
        let base = people(&names, None);
        let mut cases: Vec<(Oid, Vec<String>)> = Vec::new();
        for at in [0, 1, 20, 38, 39] {
            // An edit, a removal and an insertion next to it, at each place.
            cases.push((people(&names, Some(at)), vec![names[at].clone()]));
            let mut fewer = names.clone();
            fewer.remove(at);
            cases.push((people(&fewer, None), vec![names[at].clone()]));
            let mut more = names.clone();
            let added = format!("p{:02}a.yaml", at * 3);
            more.insert(at + 1, added.clone());
            cases.push((people(&more, None), vec![added]));
        }
        // Everything after the first entry shifted by a longer name.
        let mut renamed = names.clone();
        renamed[0] = "p00-longer.yaml".to_owned();
        cases.push((
            people(&renamed, None),
            vec![names[0].clone(), renamed[0].clone()],
        ));
        for (tree, expected) in cases {
            let mut diff = TreeDiff::new(&repo, TRACKED_DIRS).unwrap();
            for (before, after) in [(base, tree), (tree, base)] {
                let mut found: Vec<String> = diff
                    .changed_files(Some(before), Some(after))
                    .unwrap()
                    .into_iter()
                    .map(|change| change.path)
                    .collect();
                found.sort();
                let mut expected: Vec<String> = expected
                    .iter()
                    .map(|name| format!("people/{name}"))
                    .collect();
                expected.sort();
                assert_eq!(found, expected);
            }
        }
    }
}
