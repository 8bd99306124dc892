//! Issue 13's regression guard, shared by the bench smoke tests: a command
//! that reads the org from git history parses each blob it reads once.
//!
//! The parses are counted by the loader ([`orgit::loader::files_parsed`],
//! every file parsed in the process, through a `ParseCache` or not); the
//! blobs are counted here, from git alone, by listing the trees the command
//! reads the way the history engine and the loader list them. The two must
//! be equal: a second parse of the same blob (a cache dropped too early, a
//! load that bypasses it) makes the count larger and the smoke test fail.

// Each bench's smoke test uses the part it needs.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;

use clap::Parser;
use git2::{ObjectType, Oid, Repository, Tree};
use orgit::source::layout::{self, FileKind};

/// A blob as the loader parses it: the same text is a different parse in
/// `people/` and in `goals/`.
pub type Key = (Oid, &'static str);

/// Runs `orgit ARGS` in this process and returns how many files it parsed.
pub fn parses_of(args: &[&str]) -> usize {
    let cli = orgit::cli::Cli::try_parse_from(std::iter::once("orgit").chain(args.iter().copied()))
        .expect("valid arguments");
    let before = orgit::loader::files_parsed();
    orgit::cli::run(cli).unwrap_or_else(|e| panic!("orgit {args:?}: {}", e.message));
    orgit::loader::files_parsed() - before
}

/// The main line of `repo` from its head, first parents only, newest first,
/// as the history engine reads it for a window from `since` to `until`
/// (seconds since the epoch): the commits before `until`, back to the
/// first one before `since` (the state the window starts from), or to the
/// first commit when `since` is `None` or before it.
pub fn main_line(repo: &Repository, since: Option<i64>, until: i64) -> Vec<Oid> {
    let mut commits = Vec::new();
    let mut commit = repo.head().expect("a head").peel_to_commit().ok();
    while let Some(current) = commit {
        let time = current.committer().when().seconds();
        if time < until {
            commits.push(current.id());
            if since.is_some_and(|since| time < since) {
                break;
            }
        }
        commit = current.parent(0).ok();
    }
    commits
}

/// The newest of `commits` (newest first) that changed the org root's tree:
/// the commit a report loads the org at.
pub fn last_org_commit(repo: &Repository, commits: &[Oid], prefix: &str) -> Oid {
    let tree = |id| org_tree(repo, id, prefix).id();
    commits
        .iter()
        .copied()
        .find(|&commit| {
            let parent = repo
                .find_commit(commit)
                .expect("a commit")
                .parent_id(0)
                .ok();
            parent.is_none_or(|parent| tree(commit) != tree(parent))
        })
        .expect("a commit that changed the org")
}

/// The org root's tree at `commit` (`prefix` is its folder in the
/// repository, empty for the top).
fn org_tree<'repo>(repo: &'repo Repository, commit: Oid, prefix: &str) -> Tree<'repo> {
    let tree = repo
        .find_commit(commit)
        .expect("a commit")
        .tree()
        .expect("a tree");
    if prefix.is_empty() {
        return tree;
    }
    let entry = tree.get_path(Path::new(prefix)).expect("the org root");
    repo.find_tree(entry.id())
        .expect("the org root is a folder")
}

/// The blobs under the org root at each of `commits` that the history
/// engine parses: the files that define entities (people, teams, goals,
/// ...; neither the settings nor weekly updates).
pub fn tracked(repo: &Repository, commits: &[Oid], prefix: &str, out: &mut BTreeSet<Key>) {
    for &commit in commits {
        let tree = org_tree(repo, commit, prefix);
        files(repo, &tree, "", 0, &mut |path, blob| {
            let kind = layout::classify(path);
            let defines = !matches!(
                kind,
                None | Some(
                    FileKind::Settings | FileKind::Update { .. } | FileKind::Misplaced { .. }
                )
            );
            if defines && let Some(schema) = kind.and_then(|k| k.schema_name()) {
                out.insert((blob, schema));
            }
        });
    }
}

/// The commit `HEAD` names.
pub fn head(repo: &Repository) -> Oid {
    repo.head()
        .expect("a head")
        .peel_to_commit()
        .expect("a commit")
        .id()
}

/// The blobs the loader parses to load the org at `commit`: the settings and
/// every file it reads in the entity folders (weekly updates included).
pub fn loaded(repo: &Repository, commit: Oid, prefix: &str, out: &mut BTreeSet<Key>) {
    loaded_only(repo, commit, prefix, layout::ENTITY_DIRS, out);
}

/// The blobs the loader parses to load only `folders` of the org at
/// `commit` (and the settings).
pub fn loaded_only(
    repo: &Repository,
    commit: Oid,
    prefix: &str,
    folders: &[&str],
    out: &mut BTreeSet<Key>,
) {
    let tree = org_tree(repo, commit, prefix);
    files(repo, &tree, "", 0, &mut |path, blob| {
        let folder = path.split('/').next().unwrap_or_default();
        if path != layout::SETTINGS_FILE && !folders.contains(&folder) {
            return;
        }
        if let Some(schema) = layout::classify(path).and_then(|k| k.schema_name()) {
            out.insert((blob, schema));
        }
    });
}

/// Every regular file of `tree` (the settings and the entity folders, to
/// the loader's depth), with its org-relative path.
fn files(
    repo: &Repository,
    tree: &Tree<'_>,
    rel: &str,
    depth: usize,
    each: &mut dyn FnMut(&str, Oid),
) {
    for entry in tree.iter() {
        let Ok(name) = entry.name() else { continue };
        let path = if rel.is_empty() {
            name.to_owned()
        } else {
            format!("{rel}/{name}")
        };
        let in_org =
            depth > 0 || name == layout::SETTINGS_FILE || layout::ENTITY_DIRS.contains(&name);
        if !in_org || name.starts_with('.') {
            continue;
        }
        match entry.kind() {
            Some(ObjectType::Tree) if depth == 0 || depth < layout::MAX_DEPTH => {
                let subtree = repo.find_tree(entry.id()).expect("a tree");
                files(repo, &subtree, &path, depth + 1, each);
            }
            Some(ObjectType::Blob) if entry.filemode() != 0o120000 => each(&path, entry.id()),
            _ => {}
        }
    }
}

/// Asserts that `parses` (what a command parsed) is `blobs.len()` (the
/// distinct blobs it read), naming the command.
pub fn assert_one_parse_per_blob(command: &str, parses: usize, blobs: &BTreeSet<Key>) {
    assert_eq!(
        parses,
        blobs.len(),
        "{command} parsed {parses} files for {} distinct blobs: a blob is parsed more than once \
         (issue 13: one parse per blob id for the whole command)",
        blobs.len()
    );
    println!(
        "{command}: {parses} parses for {} distinct blobs",
        blobs.len()
    );
}
