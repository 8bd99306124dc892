//! The main-line walk: from the head back along first parents, exactly as far
//! as the window needs, noting each commit's org-root tree.

use std::collections::HashSet;

use git2::{Commit, ErrorCode, Oid, Repository};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::Progress;
use crate::error::{Error, Result};
use crate::model::Date;
use crate::source::OrgRepository;

/// Progress is reported once per this many main-line commits.
pub(super) const PROGRESS_EVERY: usize = 256;

/// A main-line commit the replay needs.
#[derive(Clone, Copy, Debug)]
pub(super) struct Visited {
    pub id: Oid,
    /// Committer time: when it landed on the main line.
    pub time: Timestamp,
    /// The org root's tree, `None` where the org root does not exist.
    pub org_tree: Option<Oid>,
}

/// The part of the main line a window needs.
pub(super) struct MainLine {
    /// The newest commit before the window's first instant, whose state the
    /// replay starts from; `None` when the window starts before the first
    /// commit (the replay starts from nothing).
    pub base: Option<Visited>,
    /// The commits after `base` up to the newest one before the window's last
    /// instant, oldest first.
    pub window: Vec<Visited>,
    /// Main-line commits read, including those newer than the window.
    pub visited: usize,
}

impl MainLine {
    /// What [`main_line`] would give for the window `first..last`, which lies
    /// within this one's: the same first-parent order, cut the same way. An
    /// `Err` holds the time of the first commit when every commit is at or
    /// after `last`.
    pub(super) fn narrowed(
        &self,
        first: Timestamp,
        last: Timestamp,
    ) -> Result<MainLine, Timestamp> {
        // Newest first, as the walk went.
        let walked: Vec<Visited> = self
            .window
            .iter()
            .rev()
            .chain(&self.base)
            .copied()
            .collect();
        let Some(start) = walked.iter().position(|c| c.time < last) else {
            return Err(walked.last().map_or(last, |c| c.time));
        };
        let stop = walked[start..]
            .iter()
            .position(|c| c.time < first)
            .map(|i| start + i);
        let (base, end) = match stop {
            Some(stop) => (Some(walked[stop]), stop),
            // Only when this main line reached the first commit too.
            None => (None, walked.len()),
        };
        let mut window = walked[start..end].to_vec();
        window.reverse();
        Ok(MainLine {
            base,
            window,
            visited: self.visited,
        })
    }
}

/// The window's bounds and what to say about them.
pub(super) struct Window<'a> {
    pub first: Timestamp,
    pub last: Timestamp,
    pub time_zone: &'a TimeZone,
}

/// Walks the first-parent chain from `head` back to the first commit before
/// `window.first`, or to the root. Commits newer than `window.last` are only
/// stepped through; for the others the org-root tree id is looked up.
pub(super) fn main_line(
    repository: &OrgRepository,
    head: Commit<'_>,
    window: &Window<'_>,
    progress: &mut dyn FnMut(Progress),
) -> Result<MainLine> {
    let repo = &repository.repo;
    let shallow_boundary = shallow_boundary(repo)?;
    // Newest first; starts at the first commit before the window's end.
    let mut needed: Vec<Visited> = Vec::new();
    let mut visited = 0;
    let mut org_commits = 0;
    let mut commit = head;
    loop {
        visited += 1;
        let time = commit_time(&commit);
        if !needed.is_empty() || time < window.last {
            let org_tree = repository.org_tree_id(&commit)?;
            // The newer neighbour changed the org when its tree differs.
            if needed
                .last()
                .is_some_and(|newer| newer.org_tree != org_tree)
            {
                org_commits += 1;
            }
            needed.push(Visited {
                id: commit.id(),
                time,
                org_tree,
            });
        }
        if visited % PROGRESS_EVERY == 0 {
            progress(Progress {
                commits: visited,
                org_commits,
                files_parsed: 0,
            });
        }
        if time < window.first {
            let base = needed.pop();
            needed.reverse();
            return Ok(MainLine {
                base,
                window: needed,
                visited,
            });
        }
        let is_cut = shallow_boundary.contains(&commit.id());
        let parent = if is_cut {
            None
        } else {
            first_parent(repo, &commit)?
        };
        match parent {
            Some(parent) => commit = parent,
            // The root commit: the window starts before the history, and
            // the replay starts from nothing.
            None if !is_cut && commit.parent_count() == 0 => {
                if needed.is_empty() {
                    return Err(before_first_commit(window, time));
                }
                needed.reverse();
                return Ok(MainLine {
                    base: None,
                    window: needed,
                    visited,
                });
            }
            // A shallow clone's edge, or a parent object gone missing.
            None => return Err(history_cut(window, &commit, time)),
        }
    }
}

/// The first parent, or `None` when there is none or its object is missing
/// (the edge of a shallow or damaged clone; the caller tells which).
fn first_parent<'repo>(
    repo: &'repo Repository,
    commit: &Commit<'repo>,
) -> Result<Option<Commit<'repo>>> {
    let Ok(parent_id) = commit.parent_id(0) else {
        return Ok(None);
    };
    match repo.find_commit(parent_id) {
        Ok(parent) => Ok(Some(parent)),
        Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The commits whose parents a shallow clone left out (`.git/shallow`).
/// libgit2 presents them as having no parents, like a root commit, so they
/// must be told apart here.
fn shallow_boundary(repo: &Repository) -> Result<HashSet<Oid>> {
    if !repo.is_shallow() {
        return Ok(HashSet::new());
    }
    let path = repo.commondir().join("shallow");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Error::new(format!(
            "this is a shallow clone, but its list of cut-off commits (`{}`) cannot be read: {e}",
            path.display()
        ))
        .hint(UNSHALLOW_HINT)
    })?;
    Ok(text
        .lines()
        .filter_map(|line| Oid::from_str(line.trim()).ok())
        .collect())
}

const UNSHALLOW_HINT: &str = "fetch the full history: in GitHub Actions set `fetch-depth: 0` on actions/checkout, or run `git fetch --unshallow`";

/// The walk reached the edge of the available history before the window's
/// start: a report from here would be silently wrong.
fn history_cut(window: &Window<'_>, commit: &Commit<'_>, time: Timestamp) -> Error {
    let short = &commit.id().to_string()[..7];
    Error::new(format!(
        "the history in this clone stops at {} (commit {short}), but the window starts {}; \
         orgit needs the commits before it",
        date(time, window.time_zone),
        date(window.first, window.time_zone),
    ))
    .hint(UNSHALLOW_HINT)
}

pub(super) fn before_first_commit(window: &Window<'_>, first_commit: Timestamp) -> Error {
    Error::new(format!(
        "the window ({} to {}) is before the first commit ({})",
        date(window.first, window.time_zone),
        date(window.last, window.time_zone),
        date(first_commit, window.time_zone),
    ))
    .hint("ask for a week or period after the repository's first commit (`git log --reverse` shows it)")
}

/// When `commit` landed: its committer time, clamped into jiff's range.
pub(super) fn commit_time(commit: &Commit<'_>) -> Timestamp {
    let seconds = commit.time().seconds();
    Timestamp::from_second(seconds).unwrap_or(if seconds < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// The calendar date of `at` in `time_zone`.
pub(super) fn date(at: Timestamp, time_zone: &TimeZone) -> Date {
    Date(at.to_zoned(time_zone.clone()).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(n: u8, time: i64) -> Visited {
        Visited {
            id: Oid::from_bytes(&[n; 20]).unwrap(),
            time: Timestamp::from_second(time).unwrap(),
            org_tree: None,
        }
    }

    fn ids(line: &MainLine) -> (Option<u8>, Vec<u8>) {
        let id = |c: &Visited| c.id.as_bytes()[0];
        (
            line.base.as_ref().map(id),
            line.window.iter().map(id).collect(),
        )
    }

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(second).unwrap()
    }

    /// Commits 1..=6 at 10, 20, ... 60 s; the walk for 25..65 stopped at 2.
    fn walked() -> MainLine {
        MainLine {
            base: Some(commit(2, 20)),
            window: (3..=6).map(|n| commit(n, i64::from(n) * 10)).collect(),
            visited: 5,
        }
    }

    #[test]
    fn the_whole_window_narrows_to_itself() {
        assert_eq!(
            ids(&walked().narrowed(at(25), at(65)).unwrap()),
            (Some(2), vec![3, 4, 5, 6])
        );
    }

    #[test]
    fn a_window_inside_starts_from_the_commit_before_it_and_ends_before_its_last_instant() {
        // 40 is not before 40, so 3 (at 30) is the base; 5 (at 50) is not
        // before 45.
        assert_eq!(
            ids(&walked().narrowed(at(40), at(45)).unwrap()),
            (Some(3), vec![4])
        );
    }

    #[test]
    fn a_window_before_every_commit_of_a_line_from_the_root_says_when_the_first_was() {
        let from_root = MainLine {
            base: None,
            window: (1..=3).map(|n| commit(n, i64::from(n) * 10)).collect(),
            visited: 3,
        };
        assert_eq!(
            ids(&from_root.narrowed(at(0), at(25)).unwrap()),
            (None, vec![1, 2])
        );
        assert_eq!(from_root.narrowed(at(0), at(5)).err(), Some(at(10)));
    }
}
