use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::layout::{self, MAX_DEPTH, MAX_FILE_BYTES};
use super::{RawFile, ReadProblem, Source};
use crate::error::{Error, Result};

/// The org as it is on disk now.
pub struct WorkTree {
    root: PathBuf,
}

impl WorkTree {
    pub fn new(root: &Path) -> Result<Self> {
        let root = root
            .canonicalize()
            .map_err(|e| Error::new(format!("cannot open `{}`: {e}", root.display())))?;
        Ok(WorkTree { root })
    }

    fn walk(&self, dir: &Path, rel: &str, depth: usize, out: &mut Vec<RawFile>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if name.starts_with('.') {
                continue;
            }
            let rel_path = format!("{rel}/{name}");
            let Ok(meta) = entry.path().symlink_metadata() else {
                continue;
            };
            if meta.is_dir() {
                if depth < MAX_DEPTH {
                    self.walk(&entry.path(), &rel_path, depth + 1, out);
                }
            } else if layout::classify(&rel_path).is_some() {
                out.push(RawFile {
                    path: rel_path,
                    content: self.read_entry(&entry.path(), &meta),
                });
            }
        }
    }

    /// Reads a listed file; `meta` is its own metadata, links not followed.
    fn read_entry(&self, path: &Path, meta: &fs::Metadata) -> Result<Vec<u8>, ReadProblem> {
        if meta.file_type().is_symlink() {
            self.read_link(path)
        } else {
            read_regular(path, meta)
        }
    }

    /// Follows a link only when it stays inside the org root.
    fn read_link(&self, link: &Path) -> Result<Vec<u8>, ReadProblem> {
        let shown_target = fs::read_link(link)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        match link.canonicalize() {
            Ok(target) if target.starts_with(&self.root) => {
                let meta = target
                    .metadata()
                    .map_err(|e| ReadProblem::Io(e.to_string()))?;
                read_regular(&target, &meta)
            }
            Ok(_) => Err(ReadProblem::SymlinkOutsideRoot {
                target: shown_target,
            }),
            Err(e) => Err(ReadProblem::Io(format!(
                "broken symbolic link to `{shown_target}`: {e}"
            ))),
        }
    }
}

/// Only regular files are opened: opening a FIFO blocks until a writer comes,
/// and a device can be endless.
fn read_regular(path: &Path, meta: &fs::Metadata) -> Result<Vec<u8>, ReadProblem> {
    if !meta.is_file() {
        return Err(ReadProblem::Io(
            "not a regular file (a folder, FIFO, socket or device)".to_owned(),
        ));
    }
    read_capped(path, meta.len())
}

fn read_capped(path: &Path, size: u64) -> Result<Vec<u8>, ReadProblem> {
    if size > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge { size });
    }
    let file = fs::File::open(path).map_err(|e| ReadProblem::Io(e.to_string()))?;
    // The size can change between stat and read; the cap holds either way.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadProblem::Io(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

impl Source for WorkTree {
    fn read_files(&self) -> Result<Vec<RawFile>> {
        let mut files = Vec::new();
        let settings = self.root.join(layout::SETTINGS_FILE);
        // `orgit.yaml` can be a link too, and is never followed out of the root.
        let content = match settings.symlink_metadata() {
            Ok(meta) => self.read_entry(&settings, &meta),
            Err(e) => Err(ReadProblem::Io(e.to_string())),
        };
        files.push(RawFile {
            path: layout::SETTINGS_FILE.to_owned(),
            content,
        });
        for dir in layout::ENTITY_DIRS {
            let path = self.root.join(dir);
            // A symlinked entity folder is not followed.
            if path.symlink_metadata().is_ok_and(|m| m.is_dir()) {
                self.walk(&path, dir, 1, &mut files);
            }
        }
        Ok(super::finish(files))
    }
}
