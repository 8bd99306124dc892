//! Where a new org goes: its folder, and the git repository around it.

use std::path::{Component, Path, PathBuf};

use git2::ErrorCode;

use crate::error::{Error, Result};

/// The org's folder and the repository it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The org root: absolute, with links resolved as far as folders exist.
    /// It may not exist yet.
    pub org_root: PathBuf,
    pub repository: Repository,
}

/// The git repository the org will live in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repository {
    /// The folder is in no repository: `orgit init` creates one in it.
    New,
    /// The folder is inside the working tree whose top is `top`.
    Existing { top: PathBuf },
}

impl Location {
    /// Finds where `dir` (absolute) is: an existing file is refused, a folder
    /// that does not exist yet is fine.
    pub fn find(dir: &Path) -> Result<Location> {
        let (existing, missing) = split_existing(dir);
        let existing = existing
            .canonicalize()
            .map_err(|e| Error::new(format!("cannot open `{}`: {e}", existing.display())))?;
        let org_root = append_lexically(&existing, &missing);
        if org_root.exists() && !org_root.is_dir() {
            return Err(
                Error::new(format!("`{}` is a file, not a folder", org_root.display()))
                    .hint("give `orgit init` a folder to create the org in"),
            );
        }
        let repository = enclosing_repository(&existing, &org_root)?;
        Ok(Location {
            org_root,
            repository,
        })
    }

    /// Where GitHub reads workflows from: `.github/` at the repository's top,
    /// which for a new repository is the org root.
    pub fn repository_top(&self) -> &Path {
        match &self.repository {
            Repository::New => &self.org_root,
            Repository::Existing { top } => top,
        }
    }

    /// The org root relative to the repository's top, `/`-separated; `None`
    /// when they are the same folder.
    pub fn org_folder_in_repository(&self) -> Option<String> {
        let relative = self.org_root.strip_prefix(self.repository_top()).ok()?;
        if relative.as_os_str().is_empty() {
            return None;
        }
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    }
}

/// The deepest ancestor of `dir` (or `dir` itself) that exists, and the
/// components below it that do not.
fn split_existing(dir: &Path) -> (PathBuf, Vec<Component<'_>>) {
    let mut missing = Vec::new();
    let mut existing = dir;
    while existing.symlink_metadata().is_err() {
        let Some(parent) = existing.parent() else {
            break;
        };
        if let Some(last) = existing.components().next_back() {
            missing.push(last);
        }
        existing = parent;
    }
    missing.reverse();
    (existing.to_path_buf(), missing)
}

/// `base` followed by `components`, with `.` and `..` applied as text: the
/// folders do not exist yet, so there is no link to follow.
fn append_lexically(base: &Path, components: &[Component<'_>]) -> PathBuf {
    let mut path = base.to_path_buf();
    for component in components {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                path.pop();
            }
            other => path.push(other.as_os_str()),
        }
    }
    path
}

/// The repository whose working tree holds `org_root`, discovered from its
/// deepest existing folder.
fn enclosing_repository(existing: &Path, org_root: &Path) -> Result<Repository> {
    let repo = match git2::Repository::discover(existing) {
        Ok(repo) => repo,
        Err(e) if e.code() == ErrorCode::NotFound => return Ok(Repository::New),
        Err(e) => {
            return Err(Error::new(format!(
                "cannot open the git repository around `{}`: {}",
                org_root.display(),
                e.message()
            )));
        }
    };
    let top = repo.workdir().and_then(|w| w.canonicalize().ok());
    match top {
        Some(top) if org_root.starts_with(&top) && !org_root.starts_with(repo.path()) => {
            Ok(Repository::Existing { top })
        }
        _ => Err(Error::new(format!(
            "`{}` is inside a git repository's own folder, not its working tree",
            org_root.display()
        ))
        .hint(
            "create the org in a repository's working tree, or in a folder outside any repository",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical_temp() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().canonicalize().unwrap();
        (dir, path)
    }

    #[test]
    fn a_missing_folder_outside_any_repository_gets_a_new_one() {
        let (_dir, base) = canonical_temp();
        let location = Location::find(&base.join("new/./org/../plan")).unwrap();
        assert_eq!(location.org_root, base.join("new/plan"));
        assert_eq!(location.repository, Repository::New);
        assert_eq!(location.repository_top(), base.join("new/plan"));
        assert_eq!(location.org_folder_in_repository(), None);
    }

    #[test]
    fn a_folder_inside_a_repository_is_placed_relative_to_its_top() {
        let (_dir, base) = canonical_temp();
        git2::Repository::init(&base).unwrap();
        std::fs::create_dir_all(base.join("ops")).unwrap();
        let location = Location::find(&base.join("ops/the plan")).unwrap();
        assert_eq!(
            location.repository,
            Repository::Existing { top: base.clone() }
        );
        assert_eq!(
            location.org_folder_in_repository().as_deref(),
            Some("ops/the plan")
        );

        let at_top = Location::find(&base).unwrap();
        assert_eq!(at_top.org_folder_in_repository(), None);
    }

    #[test]
    fn refuses_a_file_and_the_git_folder() {
        let (_dir, base) = canonical_temp();
        std::fs::write(base.join("notes.txt"), "x").unwrap();
        let error = Location::find(&base.join("notes.txt")).unwrap_err();
        assert!(
            error
                .message
                .ends_with("notes.txt` is a file, not a folder")
        );

        git2::Repository::init(base.join("repo")).unwrap();
        let error = Location::find(&base.join("repo/.git/org")).unwrap_err();
        assert!(
            error
                .message
                .ends_with("is inside a git repository's own folder, not its working tree"),
            "{error:?}"
        );
    }
}
