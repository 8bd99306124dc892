//! Writing a generated report into the org, and committing it.
//!
//! orgit commits only the file it wrote: the new tree is HEAD's tree with that
//! one path changed, so whatever else is staged stays staged and out of the
//! commit. It never rewrites history (the branch moves forward by exactly one
//! commit whose parent is the old tip) and never overwrites a person's edits:
//! every check runs before anything is written, and a file whose working or
//! staged content is neither the committed one nor the one orgit is about to
//! write is somebody's work, so orgit refuses.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use git2::{ErrorCode, FileMode, ObjectType, Oid, Repository, RepositoryState, Signature, Status};

use crate::error::{Error, Result};
use crate::fsutil::write_atomic;

/// Who commits when git has no identity configured (`user.name`,
/// `user.email`, or the `GIT_AUTHOR_*` / `GIT_COMMITTER_*` variables). The
/// `.invalid` domain is reserved and never delivers mail, so the commit cannot
/// be attributed to any real account on a forge.
pub const FALLBACK_NAME: &str = "orgit";
pub const FALLBACK_EMAIL: &str = "orgit@orgit.invalid";

/// What [`publish`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Published {
    /// The file was written (not committed).
    Written,
    /// The file was written and committed.
    Committed {
        /// The new commit's full hex id.
        commit: String,
    },
    /// The content was already there (on disk, or in HEAD when committing):
    /// nothing was written or committed.
    Unchanged,
}

/// Writes `content` to `<org_root>/<relative>` atomically, creating folders.
/// With `commit` (the commit message), also commits exactly that one file on
/// the current branch; see the module documentation for the guarantees.
///
/// `relative` is `/`-separated and must stay inside the org root.
pub fn publish(
    org_root: &Path,
    relative: &str,
    content: &[u8],
    commit: Option<&str>,
) -> Result<Published> {
    let target = org_root.join(checked_relative(relative)?);
    refuse_link(&target, relative)?;
    match commit {
        None => write_if_changed(&target, content),
        Some(message) => commit_file(org_root, relative, &target, content, message),
    }
}

/// `relative` as a path, when it is a plain relative path with no `..`.
fn checked_relative(relative: &str) -> Result<PathBuf> {
    let path = Path::new(relative);
    let plain = !relative.is_empty()
        && path
            .components()
            .all(|component| matches!(component, Component::Normal(_)));
    if !plain {
        return Err(Error::new(format!(
            "cannot publish to `{relative}`: the path must be relative to the org root, without `..`"
        )));
    }
    Ok(path.to_path_buf())
}

fn refuse_link(target: &Path, relative: &str) -> Result<()> {
    if target
        .symlink_metadata()
        .is_ok_and(|meta| meta.file_type().is_symlink())
    {
        return Err(Error::new(format!("`{relative}` is a symbolic link"))
            .hint("orgit writes reports only as plain files; remove the link"));
    }
    Ok(())
}

fn write_if_changed(target: &Path, content: &[u8]) -> Result<Published> {
    if read_if_exists(target)?.as_deref() == Some(content) {
        return Ok(Published::Unchanged);
    }
    write_file(target, content)?;
    Ok(Published::Written)
}

fn write_file(target: &Path, content: &[u8]) -> Result<()> {
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| Error::new(format!("cannot create `{}`: {e}", dir.display())))?;
    }
    write_atomic(target, content)
}

fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::new(format!("cannot read `{}`: {e}", path.display()))),
    }
}

fn commit_file(
    org_root: &Path,
    relative: &str,
    target: &Path,
    content: &[u8],
    message: &str,
) -> Result<Published> {
    let repo = Repository::discover(org_root).map_err(|e| {
        Error::new(format!(
            "`--commit` needs a git repository, but `{}` is not in one ({})",
            org_root.display(),
            e.message()
        ))
        .hint("run `git init` first, or write without `--commit`")
    })?;
    let repo_path = path_in_repo(&repo, org_root, relative)?;
    // Messages show the path from the org root, where orgit runs.
    let shown = relative;

    refuse_held_index_lock(&repo)?;
    let branch = current_branch(&repo)?;
    let head = match repo.head() {
        Ok(head) => Some(head.peel_to_commit()?),
        Err(e) if e.code() == ErrorCode::UnbornBranch => None,
        Err(e) => return Err(e.into()),
    };
    let head_tree = head.as_ref().map(|c| c.tree()).transpose()?;
    let head_entry = match &head_tree {
        Some(tree) => match tree.get_path(Path::new(&repo_path)) {
            Ok(entry) => Some((entry.id(), entry.filemode())),
            Err(e) if e.code() == ErrorCode::NotFound => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let head_blob = head_entry.map(|(id, _)| id);
    let new_blob = Oid::hash_object(ObjectType::Blob, content)?;

    refuse_uncommitted_edits(&repo, &repo_path, target, shown, head_blob, new_blob)?;
    if head_blob == Some(new_blob) {
        return Ok(Published::Unchanged);
    }

    // The working file first: if committing fails after this, the next run
    // sees a file holding exactly what it would write, and carries on.
    write_file(target, content)?;

    let blob = repo.blob(content)?;
    let mode = match head_entry {
        Some((_, mode)) if mode == i32::from(FileMode::BlobExecutable) => FileMode::BlobExecutable,
        _ => FileMode::Blob,
    };
    let base_tree = match head_tree {
        Some(tree) => tree,
        None => repo.find_tree(repo.treebuilder(None)?.write()?)?,
    };
    let tree_id = git2::build::TreeUpdateBuilder::new()
        .upsert(&repo_path, blob, mode)
        .create_updated(&repo, &base_tree)
        .map_err(|e| Error::new(format!("cannot commit `{shown}`: {}", e.message())))?;
    let tree = repo.find_tree(tree_id)?;
    let author = identity(repo.author_from_env())?;
    let committer = identity(repo.committer_from_env())?;
    let parents: Vec<&git2::Commit<'_>> = head.iter().collect();
    // With an update ref, libgit2 moves the branch only if it still points at
    // the first parent: a fast-forward by this one commit, or nothing.
    let commit =
        repo.commit(Some(&branch), &author, &committer, message, &tree, &parents)
            .map_err(|e| {
                let error = Error::new(format!("cannot commit `{shown}`: {}", e.message()));
                match e.code() {
                    ErrorCode::Modified => error
                        .hint("another git command moved the branch meanwhile; run orgit again"),
                    _ => error,
                }
            })?;

    stage_committed_file(&repo, &repo_path, shown, commit)?;
    Ok(Published::Committed {
        commit: commit.to_string(),
    })
}

/// `<prefix>/<relative>`, where `prefix` is the org root inside the repository.
fn path_in_repo(repo: &Repository, org_root: &Path, relative: &str) -> Result<String> {
    let workdir = repo
        .workdir()
        .ok_or_else(|| Error::new("`--commit` does not work in a bare repository"))?;
    let canonical = |path: &Path| {
        path.canonicalize()
            .map_err(|e| Error::new(format!("cannot open `{}`: {e}", path.display())))
    };
    let workdir = canonical(workdir)?;
    let org_root = canonical(org_root)?;
    let prefix = org_root.strip_prefix(&workdir).map_err(|_| {
        Error::new(format!(
            "the org root `{}` is not inside the repository's working tree `{}`",
            org_root.display(),
            workdir.display()
        ))
    })?;
    let mut parts: Vec<String> = Vec::new();
    for component in prefix.components() {
        let Component::Normal(part) = component else {
            continue;
        };
        let part = part.to_str().ok_or_else(|| {
            Error::new(format!(
                "the org root `{}` has a name that is not UTF-8",
                org_root.display()
            ))
        })?;
        parts.push(part.to_owned());
    }
    parts.push(relative.to_owned());
    Ok(parts.join("/"))
}

/// A held `index.lock` means another git command is running, or one crashed.
/// Either way the lock is not orgit's to remove.
fn refuse_held_index_lock(repo: &Repository) -> Result<()> {
    let lock = repo.path().join("index.lock");
    if lock.exists() {
        return Err(Error::new(format!(
            "`{}` exists: another git process is using the repository",
            lock.display()
        ))
        .hint("wait for it to finish; if no git process is running, a crashed one left the lock: remove the file, then run orgit again"));
    }
    Ok(())
}

/// The full name of the branch HEAD points at, born or not.
fn current_branch(repo: &Repository) -> Result<String> {
    if repo.state() != RepositoryState::Clean {
        return Err(Error::new(format!(
            "the repository is in the middle of a {}",
            describe_state(repo.state())
        ))
        .hint("finish or abort it first, then commit the report"));
    }
    let head = repo.find_reference("HEAD")?;
    match head.symbolic_target()? {
        Some(branch) => Ok(branch.to_owned()),
        None => {
            let at = head
                .target()
                .map(|id| format!(" at {}", &id.to_string()[..7]))
                .unwrap_or_default();
            Err(Error::new(format!(
                "HEAD is detached{at}; `--commit` commits on a branch"
            ))
            .hint("switch to a branch first (`git switch main`), or write without `--commit`"))
        }
    }
}

fn describe_state(state: RepositoryState) -> &'static str {
    match state {
        RepositoryState::Merge => "merge",
        RepositoryState::Revert | RepositoryState::RevertSequence => "revert",
        RepositoryState::CherryPick | RepositoryState::CherryPickSequence => "cherry-pick",
        RepositoryState::Bisect => "bisect",
        RepositoryState::Rebase
        | RepositoryState::RebaseInteractive
        | RepositoryState::RebaseMerge => "rebase",
        RepositoryState::ApplyMailbox | RepositoryState::ApplyMailboxOrRebase => "`git am`",
        RepositoryState::Clean => "clean state",
    }
}

/// Refuses when the staged or working version of the file holds content that
/// is neither HEAD's nor `new_blob`: somebody's edits, which committing over
/// would bury. Content equal to `new_blob` (a previous `--write`, or `git add`
/// of it) is what orgit writes anyway, so it is no reason to stop.
fn refuse_uncommitted_edits(
    repo: &Repository,
    repo_path: &str,
    target: &Path,
    shown: &str,
    head_blob: Option<Oid>,
    new_blob: Oid,
) -> Result<()> {
    let is_ours = |state: Option<Oid>| state == head_blob || state == Some(new_blob);
    let dirty = || {
        let error = Error::new(format!(
            "`{shown}` has uncommitted changes; commit or discard them first (orgit does not overwrite your edits)"
        ));
        match head_blob {
            Some(_) => error.hint(format!(
                "`git diff HEAD -- {shown}` shows them; `git restore --staged --worktree -- {shown}` discards them"
            )),
            None => error.hint(format!(
                "`{shown}` is not committed yet: move it away or delete it, or commit it first"
            )),
        }
    };

    let index = repo.index()?;
    if (1..=3).any(|stage| index.get_path(Path::new(repo_path), stage).is_some()) {
        return Err(Error::new(format!("`{shown}` has a merge conflict"))
            .hint("resolve it and commit first"));
    }
    let staged = index
        .get_path(Path::new(repo_path), 0)
        .map(|entry| entry.id);
    if !is_ours(staged) {
        return Err(dirty());
    }

    // Git's ignore rules apply to untracked files only.
    let tracked = head_blob.is_some() || staged.is_some();
    if !tracked && repo.status_should_ignore(Path::new(repo_path))? {
        return Err(
            Error::new(format!("`{shown}` is ignored by git (.gitignore)"))
                .hint("stop ignoring it to commit reports, or write without `--commit`"),
        );
    }

    let status = match repo.status_file(Path::new(repo_path)) {
        Ok(status) => status,
        Err(e) if e.code() == ErrorCode::NotFound => Status::CURRENT,
        Err(e) => return Err(e.into()),
    };
    let worktree_changed = Status::WT_NEW
        | Status::WT_MODIFIED
        | Status::WT_DELETED
        | Status::WT_TYPECHANGE
        | Status::WT_RENAMED;
    // Without working-tree changes the file is what the index holds (after
    // git's filters, such as line endings), so only changed files are hashed.
    if status.intersects(worktree_changed) {
        let working = read_if_exists(target)?
            .map(|bytes| Oid::hash_object(ObjectType::Blob, &bytes))
            .transpose()?;
        if !is_ours(working) {
            return Err(dirty());
        }
    }
    Ok(())
}

fn identity(from_env: Result<Signature<'static>, git2::Error>) -> Result<Signature<'static>> {
    match from_env {
        Ok(signature) => Ok(signature),
        Err(e) if e.code() == ErrorCode::NotFound => {
            Ok(Signature::now(FALLBACK_NAME, FALLBACK_EMAIL)?)
        }
        Err(e) => Err(e.into()),
    }
}

/// Updates the index entry of the committed file, and only it, so `git status`
/// is clean for it and everything else staged stays staged. The index is read
/// again right before, and written through git's lock file.
fn stage_committed_file(
    repo: &Repository,
    repo_path: &str,
    shown: &str,
    commit: Oid,
) -> Result<()> {
    let staged = (|| {
        let mut index = repo.index()?;
        index.read(true)?;
        index.add_path(Path::new(repo_path))?;
        index.write()
    })();
    staged.map_err(|e| {
        let reason = if repo.path().join("index.lock").exists() {
            "another git process holds `index.lock`".to_owned()
        } else {
            e.message().to_owned()
        };
        Error::new(format!(
            "committed `{shown}` as {}, but could not update the index: {reason}",
            &commit.to_string()[..7]
        ))
        .hint(format!(
            "once no git process is running, `git reset -- {shown}` brings the index in line"
        ))
    })
}

#[cfg(test)]
mod tests {
    use git2::{ErrorClass, ErrorCode};

    use super::*;

    #[test]
    fn commits_as_orgit_when_git_has_no_identity() {
        let unset = git2::Error::new(ErrorCode::NotFound, ErrorClass::Config, "no user.name");
        let signature = identity(Err(unset)).unwrap();
        assert_eq!(signature.name(), Ok(FALLBACK_NAME));
        assert_eq!(signature.email(), Ok(FALLBACK_EMAIL));

        let broken = git2::Error::new(ErrorCode::GenericError, ErrorClass::Config, "bad config");
        let Err(error) = identity(Err(broken)) else {
            panic!("a broken config is an error, not the fallback identity");
        };
        assert_eq!(error.message, "git: bad config");
    }
}
