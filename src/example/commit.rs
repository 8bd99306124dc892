//! A commit as the story plans it, before it is written to git: who, when,
//! why, which files, and on which line of history.

use super::calendar::Instant;
use crate::error::Result;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Author {
    pub name: String,
    pub email: String,
}

/// Where a commit goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Lane {
    /// On `main`, after the previous commit.
    Main,
    /// On a side branch of this name, started from `main` at its first commit.
    Branch(String),
    /// A merge of the named side branch into `main` (two parents).
    Merge(String),
}

/// One file written (`Some`) or removed (`None`), by its path in the repository.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct FileChange {
    pub path: String,
    pub content: Option<String>,
}

#[derive(Clone, Debug)]
pub(super) struct PlannedCommit {
    pub time: Instant,
    pub author: Author,
    pub message: String,
    pub changes: Vec<FileChange>,
    pub lane: Lane,
}

/// Where the story's commits go (the git writer, or a test's list).
pub(super) trait CommitSink {
    fn commit(&mut self, commit: PlannedCommit) -> Result<()>;
}
