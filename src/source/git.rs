use std::path::{Component, Path, PathBuf};

use git2::{Commit, ObjectType, Oid, Repository, Tree, TreeEntry};

use super::layout::{self, MAX_DEPTH, MAX_FILE_BYTES};
use super::{RawFile, ReadProblem, Source};
use crate::error::{Error, Result};

const SYMLINK_MODE: i32 = 0o120000;

/// The org as it was in one git revision, read from the object database.
pub struct GitTree {
    repo: Repository,
    /// The org root's tree in that revision.
    tree: Oid,
    /// The folders read (besides the settings).
    folders: &'static [&'static str],
}

/// A blob as orgit reads it: its bytes, or only its size when it is larger
/// than the reader's cap.
pub(crate) enum Blob {
    Bytes(Vec<u8>),
    TooLarge(u64),
}

/// Blob `id` if it is at most `max_bytes` long ([`MAX_FILE_BYTES`] for org
/// files). The header gives the size without inflating the object, so a
/// huge blob in a hostile repository costs nothing. (Streaming the object
/// instead, to open a loose one once, measured no faster.)
pub(crate) fn read_capped(repo: &Repository, id: Oid, max_bytes: u64) -> Result<Blob, git2::Error> {
    let (size, _) = repo.odb()?.read_header(id)?;
    if size as u64 > max_bytes {
        return Ok(Blob::TooLarge(size as u64));
    }
    Ok(Blob::Bytes(repo.find_blob(id)?.content().to_vec()))
}

/// The repository that holds an org root, and where in it the org root sits.
/// Shared by [`GitTree`] (one revision) and the history engine (many).
pub(crate) struct OrgRepository {
    pub repo: Repository,
    /// The org root relative to the repository's top folder; empty when the
    /// org is the top folder, which it always is in a bare repository.
    pub prefix: PathBuf,
}

impl OrgRepository {
    /// Opens the repository holding `org_root`; `needed_by` names what needs
    /// it (e.g. "`--at HEAD`"), for the error when there is none.
    pub(crate) fn discover(org_root: &Path, needed_by: &str) -> Result<Self> {
        let repo = Repository::discover(org_root).map_err(|e| {
            Error::new(format!(
                "{needed_by} needs a git repository, but `{}` is not in one ({})",
                org_root.display(),
                e.message()
            ))
        })?;
        let prefix = match repo.workdir() {
            Some(workdir) => {
                let workdir = workdir
                    .canonicalize()
                    .map_err(|e| Error::new(format!("cannot open the repository: {e}")))?;
                let org_root = org_root.canonicalize().unwrap_or_else(|_| org_root.into());
                org_root
                    .strip_prefix(&workdir)
                    .map_or_else(|_| PathBuf::new(), Path::to_path_buf)
            }
            None => PathBuf::new(),
        };
        Ok(OrgRepository { repo, prefix })
    }

    /// The commit `revision` (anything `git rev-parse` takes) names.
    pub(crate) fn commit(&self, revision: &str) -> Result<Commit<'_>> {
        self.repo
            .revparse_single(revision)
            .and_then(|object| object.peel_to_commit())
            .map_err(|e| self.unknown_revision(revision, &e))
    }

    /// The error for a revision that does not resolve, in the user's words
    /// rather than libgit2's ("revspec 'mian' not found"), with the closest
    /// branch or tag name.
    fn unknown_revision(&self, revision: &str, error: &git2::Error) -> Error {
        // `mian~1` is `main~1` misspelled: suggest for the name part.
        let name_part = revision
            .find(['~', '^', '@', ':'])
            .map_or(revision, |at| &revision[..at]);
        if name_part != revision && self.repo.revparse_single(name_part).is_ok() {
            return Error::new(format!(
                "cannot resolve revision `{revision}`: `{name_part}` exists, but `{revision}` \
                 goes further back than its history"
            ))
            .hint(format!(
                "`git log --oneline {name_part}` lists the commits there are; in a shallow \
                 clone, fetch the full history (`fetch-depth: 0` in actions/checkout)"
            ));
        }
        let names = self.reference_names();
        let message = if error.code() == git2::ErrorCode::NotFound {
            format!("cannot resolve revision `{revision}`: no branch, tag or commit has that name")
        } else {
            format!("cannot resolve revision `{revision}`: {}", error.message())
        };
        let close = crate::diagnostics::did_you_mean(name_part, names.iter().map(String::as_str))
            .filter(|close| *close != name_part);
        match close {
            Some(close) => Error::new(message).hint(format!(
                "did you mean `{close}{}`?",
                &revision[name_part.len()..]
            )),
            None => {
                const SHOWN: usize = 6;
                let listed = if names.is_empty() {
                    "this repository has no branches yet".to_owned()
                } else {
                    let mut listed = names
                        .iter()
                        .take(SHOWN)
                        .map(|name| format!("`{name}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    if names.len() > SHOWN {
                        listed.push_str(&format!(" and {} more", names.len() - SHOWN));
                    }
                    format!("branches and tags here: {listed}")
                };
                Error::new(message).hint(format!(
                    "{listed} (`git branch -a` and `git log --oneline` list them all); \
                     after a force push, fetch first"
                ))
            }
        }
    }

    /// Local branches, then remote branches (`origin/main`), then tags, each
    /// sorted by name.
    fn reference_names(&self) -> Vec<String> {
        let mut groups: [Vec<String>; 3] = Default::default();
        if let Ok(references) = self.repo.references() {
            for reference in references.flatten() {
                let Ok(name) = reference.name() else {
                    continue;
                };
                let (group, short) = if let Some(short) = name.strip_prefix("refs/heads/") {
                    (0, short)
                } else if let Some(short) = name.strip_prefix("refs/remotes/") {
                    if short.ends_with("/HEAD") {
                        continue;
                    }
                    (1, short)
                } else if let Some(short) = name.strip_prefix("refs/tags/") {
                    (2, short)
                } else {
                    continue;
                };
                groups[group].push(short.to_owned());
            }
        }
        groups
            .into_iter()
            .flat_map(|mut group| {
                group.sort();
                group
            })
            .collect()
    }

    /// The id of the org root's tree in `commit`, or `None` when the org root
    /// does not exist there (say, before the org folder was added).
    pub(crate) fn org_tree_id(&self, commit: &Commit<'_>) -> Result<Option<Oid>> {
        if self.prefix.as_os_str().is_empty() {
            return Ok(Some(commit.tree_id()));
        }
        let root_tree = self.repo.find_tree(commit.tree_id())?;
        match root_tree.get_path(&self.prefix) {
            Ok(entry) if entry.kind() == Some(ObjectType::Tree) => Ok(Some(entry.id())),
            Ok(_) => Ok(None),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

/// The commit a pull request from `head` into `base` is measured against:
/// their merge base, as GitHub's "Files changed" view (`git diff base...head`)
/// uses, so that work merged into `base` after the branch was cut does not
/// show as undone by the branch. `head` defaults to `HEAD`. Returns the full
/// hex id.
pub fn merge_base(org_root: &Path, base: &str, head: Option<&str>) -> Result<String> {
    let opened = OrgRepository::discover(org_root, &format!("comparing with `{base}`"))?;
    let base_commit = opened.commit(base)?;
    let head_name = head.unwrap_or("HEAD");
    let head_commit = opened.commit(head_name)?;
    match opened.repo.merge_base(base_commit.id(), head_commit.id()) {
        Ok(id) => Ok(id.to_string()),
        Err(e) if e.code() == git2::ErrorCode::NotFound => Err(Error::new(format!(
            "`{base}` and `{head_name}` have no common history"
        ))
        .hint(
            "compare with the branch this one was cut from; in a shallow clone, fetch the full history (`fetch-depth: 0` in actions/checkout)",
        )),
        Err(e) => Err(e.into()),
    }
}

/// Whether the org root, with its `orgit.yaml`, exists at `revision`; it
/// does not before the commit that adds the org.
pub fn org_exists_at(org_root: &Path, revision: &str) -> Result<bool> {
    let opened = OrgRepository::discover(org_root, &format!("reading `{revision}`"))?;
    let commit = opened.commit(revision)?;
    let Some(tree) = opened.org_tree_id(&commit)? else {
        return Ok(false);
    };
    let tree = opened.repo.find_tree(tree)?;
    Ok(tree.get_name(layout::SETTINGS_FILE).is_some())
}

impl GitTree {
    /// Opens the repository holding `org_root` and finds the org root's tree
    /// at `revision` (anything `git rev-parse` takes).
    pub fn open(org_root: &Path, revision: &str) -> Result<Self> {
        let opened = OrgRepository::discover(org_root, &format!("`--at {revision}`"))?;
        let tree = {
            let commit = opened.commit(revision)?;
            let tree = opened.org_tree_id(&commit)?.ok_or_else(|| {
                Error::new(format!(
                    "`{}` does not exist at `{revision}` ({})",
                    opened.prefix.display(),
                    short(commit.id())
                ))
            })?;
            let org_tree = opened.repo.find_tree(tree)?;
            if org_tree.get_name(layout::SETTINGS_FILE).is_none() {
                return Err(Error::new(format!(
                    "there is no `{}` in the org root at `{revision}` ({})",
                    layout::SETTINGS_FILE,
                    short(commit.id())
                )));
            }
            tree
        };
        Ok(GitTree {
            repo: opened.repo,
            tree,
            folders: layout::ENTITY_DIRS,
        })
    }

    /// Reads only `folders` of the org root (and the settings): a report that
    /// needs one kind of file at a revision does not read all the others.
    pub fn only(self, folders: &'static [&'static str]) -> Self {
        GitTree { folders, ..self }
    }

    fn walk(
        &self,
        tree: &Tree<'_>,
        rel: &str,
        depth: usize,
        known: &dyn Fn(&str, Oid) -> bool,
        out: &mut Vec<Listed>,
    ) {
        for entry in tree.iter() {
            let Ok(name) = entry.name() else { continue };
            if name.starts_with('.') {
                continue;
            }
            let rel_path = format!("{rel}/{name}");
            match entry.kind() {
                Some(ObjectType::Tree) if depth < MAX_DEPTH => {
                    if let Ok(subtree) = self.repo.find_tree(entry.id()) {
                        self.walk(&subtree, &rel_path, depth + 1, known, out);
                    }
                }
                Some(ObjectType::Blob) if layout::classify(&rel_path).is_some() => {
                    out.push(Listed::of(&entry, rel_path, known));
                }
                _ => {}
            }
        }
    }

    /// Every file [`Source::read_files`] reads, in the same order, except
    /// that a regular file for which `known(path, blob)` holds is listed by
    /// its blob id instead of read: the caller has parsed that blob already.
    pub fn read_files_unless(&self, known: &dyn Fn(&str, Oid) -> bool) -> Result<Vec<TreeFile>> {
        let tree = self.repo.find_tree(self.tree)?;
        let mut listed = Vec::new();
        if let Some(settings) = tree.get_name(layout::SETTINGS_FILE) {
            listed.push(Listed::of(
                &settings,
                layout::SETTINGS_FILE.to_owned(),
                known,
            ));
        }
        for dir in self.folders {
            if let Some(entry) = tree.get_name(dir)
                && entry.kind() == Some(ObjectType::Tree)
            {
                let subtree = self.repo.find_tree(entry.id())?;
                self.walk(&subtree, dir, 1, known, &mut listed);
            }
        }
        listed.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(self.read_listed(listed))
    }

    /// Reads the files `listed` holds, in order. Inflating blobs is most of
    /// the time when there are thousands, so they are split across the
    /// cores, each reading through its own handle on the repository (a
    /// `Repository` is not shared between threads).
    fn read_listed(&self, listed: Vec<Listed>) -> Vec<TreeFile> {
        // A thread and a repository handle cost more than this many reads.
        const PARALLEL_FROM: usize = 256;
        let to_read = listed.iter().filter(|file| !file.known).count();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let handles: Vec<Repository> = if to_read >= PARALLEL_FROM {
            (1..threads)
                .map_while(|_| Repository::open(self.repo.path()).ok())
                .collect()
        } else {
            Vec::new()
        };
        if handles.is_empty() {
            return listed
                .into_iter()
                .map(|file| file.read(&self.repo, self.tree))
                .collect();
        }
        let chunk = listed.len().div_ceil(handles.len() + 1);
        let mut chunks = Vec::new();
        let mut listed = listed.into_iter();
        loop {
            let part: Vec<Listed> = listed.by_ref().take(chunk).collect();
            if part.is_empty() {
                break;
            }
            chunks.push(part);
        }
        let mut chunks = chunks.into_iter();
        let mine = chunks.next().unwrap_or_default();
        std::thread::scope(|scope| {
            let workers: Vec<_> = chunks
                .zip(handles)
                .map(|(part, repo)| {
                    let tree = self.tree;
                    scope.spawn(move || {
                        part.into_iter()
                            .map(|file| file.read(&repo, tree))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            let mut files: Vec<TreeFile> = mine
                .into_iter()
                .map(|file| file.read(&self.repo, self.tree))
                .collect();
            for worker in workers {
                files.extend(worker.join().expect("blob readers do not panic"));
            }
            files
        })
    }
}

/// A file found in the org's tree, not read yet.
struct Listed {
    path: String,
    id: Oid,
    is_link: bool,
    /// The caller has this blob's parse: list it, do not read it.
    known: bool,
}

impl Listed {
    /// A link's text is another path's, so links are always read.
    fn of(entry: &TreeEntry<'_>, path: String, known: &dyn Fn(&str, Oid) -> bool) -> Self {
        let is_link = entry.filemode() == SYMLINK_MODE;
        Listed {
            known: !is_link && known(&path, entry.id()),
            path,
            id: entry.id(),
            is_link,
        }
    }

    /// The file, read from `repo`, whose org root's tree is `org_tree`.
    fn read(self, repo: &Repository, org_tree: Oid) -> TreeFile {
        if self.known {
            return TreeFile::Known {
                path: self.path,
                blob: self.id,
            };
        }
        let content = if self.is_link {
            read_link(repo, org_tree, self.id, &self.path)
        } else {
            read_org_blob(repo, self.id)
        };
        let blob = (!self.is_link).then_some(self.id);
        TreeFile::Read(
            RawFile {
                path: self.path,
                content,
            },
            blob,
        )
    }
}

/// The file a symbolic link at `rel_path` (blob `link`) points to, when it
/// is a regular file inside the org root.
fn read_link(
    repo: &Repository,
    org_tree: Oid,
    link: Oid,
    rel_path: &str,
) -> Result<Vec<u8>, ReadProblem> {
    let target = read_org_blob(repo, link)?;
    let target = String::from_utf8_lossy(&target).into_owned();
    let Some(resolved) = resolve_inside(rel_path, &target) else {
        return Err(ReadProblem::SymlinkOutsideRoot { target });
    };
    let org_tree = repo
        .find_tree(org_tree)
        .map_err(|e| ReadProblem::Io(e.message().to_owned()))?;
    match org_tree.get_path(Path::new(&resolved)) {
        Ok(target_entry) if target_entry.filemode() != SYMLINK_MODE => {
            read_org_blob(repo, target_entry.id())
        }
        _ => Err(ReadProblem::Io(format!(
            "symbolic link to `{target}`, which is not a file in the org"
        ))),
    }
}

/// An org file's bytes, as the loader takes them: a blob over
/// [`MAX_FILE_BYTES`] is a problem to report, not read.
pub(crate) fn read_org_blob(repo: &Repository, id: Oid) -> Result<Vec<u8>, ReadProblem> {
    match read_capped(repo, id, MAX_FILE_BYTES) {
        Ok(Blob::Bytes(bytes)) => Ok(bytes),
        Ok(Blob::TooLarge(size)) => Err(ReadProblem::TooLarge { size }),
        Err(e) => Err(ReadProblem::Io(e.message().to_owned())),
    }
}

/// Resolves a link target relative to the link's folder, lexically, and returns
/// the org-relative path when it stays inside the org root.
fn resolve_inside(link_path: &str, target: &str) -> Option<String> {
    if Path::new(target).is_absolute() {
        return None;
    }
    let mut parts: Vec<&str> = link_path.split('/').collect();
    parts.pop();
    for component in Path::new(target).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

fn short(id: Oid) -> String {
    id.to_string()[..7].to_owned()
}

/// A file of a [`GitTree`], read (with its blob id, unless it is a link) or
/// known by its blob id.
pub enum TreeFile {
    Read(RawFile, Option<Oid>),
    Known { path: String, blob: Oid },
}

impl TreeFile {
    pub fn path(&self) -> &str {
        match self {
            TreeFile::Read(raw, _) => &raw.path,
            TreeFile::Known { path, .. } => path,
        }
    }
}

impl Source for GitTree {
    fn read_files(&self) -> Result<Vec<RawFile>> {
        let files = self.read_files_unless(&|_, _| false)?;
        Ok(files
            .into_iter()
            .filter_map(|file| match file {
                TreeFile::Read(raw, _) => Some(raw),
                TreeFile::Known { .. } => None,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::resolve_inside;

    #[test]
    fn links_resolve_only_inside_the_root() {
        assert_eq!(
            resolve_inside("people/a.yaml", "b.yaml").as_deref(),
            Some("people/b.yaml")
        );
        assert_eq!(
            resolve_inside("people/a.yaml", "../teams/t.yaml").as_deref(),
            Some("teams/t.yaml")
        );
        assert_eq!(resolve_inside("people/a.yaml", "../../etc/passwd"), None);
        assert_eq!(resolve_inside("people/a.yaml", "/etc/passwd"), None);
    }
}
