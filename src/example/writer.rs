//! Writes planned commits into a fresh repository, straight to the object
//! database: blobs, then only the trees of folders that changed (every other
//! folder keeps its tree id from the commit before), then the commit. So a
//! commit costs what it changes, not the size of the org. The working tree and
//! index are written once, at the end.

use std::collections::BTreeMap;

use git2::{Oid, Repository, Signature};

use super::commit::{CommitSink, Lane, PlannedCommit};
use super::noise::Noise;
use crate::error::{Error, Result};

const FILE_MODE: i32 = 0o100644;
const FOLDER_MODE: i32 = 0o040000;

/// A folder of the tree being built, with its tree id while unchanged.
#[derive(Clone, Debug, Default)]
struct Folder {
    files: BTreeMap<String, Oid>,
    folders: BTreeMap<String, Folder>,
    written: Option<Oid>,
}

impl Folder {
    /// Puts `blob` at `path` (`None` removes it), forgetting the tree ids of
    /// the folders on the way.
    fn set(&mut self, path: &str, blob: Option<Oid>) {
        self.written = None;
        match path.split_once('/') {
            Some((folder, rest)) => {
                let child = self.folders.entry(folder.to_owned()).or_default();
                child.set(rest, blob);
                if child.files.is_empty() && child.folders.is_empty() {
                    self.folders.remove(folder);
                }
            }
            None => match blob {
                Some(blob) => {
                    self.files.insert(path.to_owned(), blob);
                }
                None => {
                    self.files.remove(path);
                }
            },
        }
    }

    /// The tree id, writing the trees of changed folders.
    fn write(&mut self, repo: &Repository) -> Result<Oid> {
        if let Some(id) = self.written {
            return Ok(id);
        }
        let mut builder = repo.treebuilder(None)?;
        for (name, folder) in &mut self.folders {
            builder.insert(name, folder.write(repo)?, FOLDER_MODE)?;
        }
        for (name, blob) in &self.files {
            builder.insert(name, *blob, FILE_MODE)?;
        }
        let id = builder.write()?;
        self.written = Some(id);
        Ok(id)
    }
}

/// A side branch: its tree, its tip, and what it changed (for the merge).
struct Branch {
    tree: Folder,
    tip: Oid,
    changes: Vec<(String, Option<Oid>)>,
}

pub(super) struct GitWriter<'r> {
    repo: &'r Repository,
    tree: Folder,
    tip: Option<Oid>,
    branches: BTreeMap<String, Branch>,
    noise: Option<Noise>,
    commits: usize,
}

/// What was written.
pub(super) struct Written {
    pub commits: usize,
    pub head: Oid,
}

impl<'r> GitWriter<'r> {
    pub fn new(repo: &'r Repository, noise: Option<Noise>) -> GitWriter<'r> {
        GitWriter {
            repo,
            tree: Folder::default(),
            tip: None,
            branches: BTreeMap::new(),
            noise,
            commits: 0,
        }
    }

    /// Writes the remaining noise, points `main` at the last commit and
    /// checks it out into the (empty) working tree.
    pub fn finish(mut self) -> Result<Written> {
        self.write_noise(None)?;
        let head = self
            .tip
            .ok_or_else(|| Error::new("the example history has no commits"))?;
        self.repo
            .reference("refs/heads/main", head, true, "orgit example")?;
        self.repo.set_head("refs/heads/main")?;
        let mut checkout = git2::build::CheckoutBuilder::new();
        checkout.force();
        self.repo.checkout_head(Some(&mut checkout))?;
        Ok(Written {
            commits: self.commits,
            head,
        })
    }

    fn write_noise(&mut self, before: Option<super::calendar::Instant>) -> Result<()> {
        while let Some(commit) = self.noise.as_mut().and_then(|n| n.next_before(before)) {
            self.write(commit)?;
        }
        Ok(())
    }

    fn blob(&self, content: Option<&String>) -> Result<Option<Oid>> {
        Ok(match content {
            Some(text) => Some(self.repo.blob(text.as_bytes())?),
            None => None,
        })
    }

    fn write(&mut self, commit: PlannedCommit) -> Result<()> {
        let mut changes = Vec::with_capacity(commit.changes.len());
        for change in &commit.changes {
            changes.push((change.path.clone(), self.blob(change.content.as_ref())?));
        }
        let id = match &commit.lane {
            Lane::Main => {
                for (path, blob) in &changes {
                    self.tree.set(path, *blob);
                }
                let tree = self.tree.write(self.repo)?;
                let parents: Vec<Oid> = self.tip.into_iter().collect();
                let id = self.create(&commit, tree, &parents)?;
                self.tip = Some(id);
                id
            }
            Lane::Branch(name) => {
                let base = self
                    .tip
                    .ok_or_else(|| Error::new("a branch needs a commit on main to start from"))?;
                let branch = self.branches.entry(name.clone()).or_insert_with(|| Branch {
                    tree: self.tree.clone(),
                    tip: base,
                    changes: Vec::new(),
                });
                for (path, blob) in &changes {
                    branch.tree.set(path, *blob);
                }
                branch.changes.extend(changes);
                let tree = branch.tree.write(self.repo)?;
                let parent = branch.tip;
                let id = self.create(&commit, tree, &[parent])?;
                if let Some(branch) = self.branches.get_mut(name) {
                    branch.tip = id;
                }
                id
            }
            Lane::Merge(name) => {
                let branch = self
                    .branches
                    .remove(name)
                    .ok_or_else(|| Error::new(format!("no branch `{name}` to merge")))?;
                let main = self
                    .tip
                    .ok_or_else(|| Error::new("a merge needs a commit on main"))?;
                // The branch touched only its own files: its changes apply cleanly.
                for (path, blob) in branch.changes.iter().chain(&changes) {
                    self.tree.set(path, *blob);
                }
                let tree = self.tree.write(self.repo)?;
                let id = self.create(&commit, tree, &[main, branch.tip])?;
                self.tip = Some(id);
                id
            }
        };
        let _ = id;
        self.commits += 1;
        Ok(())
    }

    fn create(&self, commit: &PlannedCommit, tree: Oid, parents: &[Oid]) -> Result<Oid> {
        let tree = self.repo.find_tree(tree)?;
        let parents = parents
            .iter()
            .map(|&p| self.repo.find_commit(p))
            .collect::<Result<Vec<_>, _>>()?;
        let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let signature = Signature::new(
            &commit.author.name,
            &commit.author.email,
            &commit.time.git_time(),
        )?;
        let mut message = commit.message.clone();
        if !message.ends_with('\n') {
            message.push('\n');
        }
        Ok(self
            .repo
            .commit(None, &signature, &signature, &message, &tree, &parents)?)
    }
}

impl CommitSink for GitWriter<'_> {
    fn commit(&mut self, commit: PlannedCommit) -> Result<()> {
        self.write_noise(Some(commit.time))?;
        self.write(commit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_folders_keep_their_tree_ids() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let blob = |text: &str| repo.blob(text.as_bytes()).unwrap();
        let mut tree = Folder::default();
        tree.set("people/ana.yaml", Some(blob("ana")));
        tree.set("teams/core.yaml", Some(blob("core")));
        let first = tree.write(&repo).unwrap();
        let teams = tree.folders["teams"].written;
        tree.set("people/bo.yaml", Some(blob("bo")));
        assert_eq!(tree.folders["teams"].written, teams);
        assert_eq!(tree.folders["people"].written, None);
        let second = tree.write(&repo).unwrap();
        assert_ne!(first, second);
        // Removing the last file of a folder removes the folder.
        tree.set("teams/core.yaml", None);
        assert!(!tree.folders.contains_key("teams"));
        let written = repo.find_tree(tree.write(&repo).unwrap()).unwrap();
        assert_eq!(written.len(), 1);
    }
}
