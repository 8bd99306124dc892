//! Where the org's files come from: the working tree, or the tree of any git
//! revision (read straight from the object database, never checked out). Both
//! give the loader the same list of [`RawFile`]s, so the model is identical.

pub(crate) mod git;
pub mod layout;
mod overlay;
mod remote;
mod worktree;

use std::path::{Path, PathBuf};

pub(crate) use git::OrgRepository;
pub use git::{GitTree, TreeFile, merge_base, org_exists_at};
pub use overlay::Overlay;
pub use remote::GitHubRepository;
pub use worktree::WorkTree;

use crate::error::{Error, Result};

/// One file under the org root, read or with the reason it was not.
#[derive(Debug, Clone)]
pub struct RawFile {
    /// Path relative to the org root, `/`-separated.
    pub path: String,
    pub content: Result<Vec<u8>, ReadProblem>,
}

/// Why a file's bytes were not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    TooLarge { size: u64 },
    SymlinkOutsideRoot { target: String },
    Io(String),
}

/// Lists and reads the org's files.
pub trait Source {
    /// Every file orgit may read (see [`layout`]), sorted by path.
    fn read_files(&self) -> Result<Vec<RawFile>>;
}

/// Where the org lives on disk.
#[derive(Debug, Clone)]
pub struct OrgLocation {
    /// The folder holding `orgit.yaml`.
    pub root: PathBuf,
}

/// Finds the org root the way cargo finds `Cargo.toml`: the nearest folder at
/// or above `start` that holds `orgit.yaml`.
pub fn discover(start: &Path) -> Result<OrgLocation> {
    let start = start
        .canonicalize()
        .map_err(|e| Error::new(format!("cannot open `{}`: {e}", start.display())))?;
    for dir in start.ancestors() {
        if dir.join(layout::SETTINGS_FILE).is_file() {
            return Ok(OrgLocation {
                root: dir.to_path_buf(),
            });
        }
    }
    Err(Error::new(format!(
        "could not find `{}` in `{}` or any parent folder",
        layout::SETTINGS_FILE,
        start.display()
    ))
    .hint(
        "run orgit inside an org, point at one with `-C DIR`, or create `orgit.yaml` in the org's top folder",
    ))
}

/// Sorts files by path and keeps only those the layout knows.
fn finish(mut files: Vec<RawFile>) -> Vec<RawFile> {
    files.retain(|f| layout::classify(&f.path).is_some());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
