//! Parses kept by blob id, so that a command reading the same files from git
//! more than once (the history engine's replay, then the org at the week's
//! end) parses each blob once.

use std::collections::{HashMap, HashSet};

use git2::{ObjectType, Oid};

use super::{Entity, ParsedFile, assemble, parse_all, parse_batch};
use crate::diagnostics::Diagnostics;
use crate::error::Result;
use crate::model::Org;
use crate::source::layout;
use crate::source::{GitTree, RawFile, Source, TreeFile};

/// Which parse of a blob: the same text means different things in
/// `people/` and in `goals/`.
type Key = (Oid, &'static str);

fn key(path: &str, blob: Oid) -> Option<Key> {
    let schema = layout::classify(path)?.schema_name()?;
    Some((blob, schema))
}

/// A file of the tree being loaded: read (and parsed now), or parsed before.
enum Slot {
    Read(String, Option<Key>),
    Known(String, Key),
}

/// The loader's parse of each blob read so far, by blob id and file kind.
#[derive(Default)]
pub struct ParseCache {
    parsed: HashMap<Key, ParsedFile>,
    parses: usize,
}

impl ParseCache {
    pub fn new() -> Self {
        ParseCache::default()
    }

    /// How many files were parsed through this cache. A blob is parsed once
    /// per file kind however many times it is asked for, except a file that
    /// does not load, which [`ParseCache::load`] parses again at its path.
    pub fn parses(&self) -> usize {
        self.parses
    }

    /// Parses those of `files` (each with its blob id) not parsed before,
    /// together (on every core when there are many).
    pub(crate) fn parse(&mut self, files: Vec<(Oid, RawFile)>) {
        let mut keys = Vec::new();
        let mut seen = HashSet::new();
        let mut raw_files = Vec::new();
        for (blob, raw) in files {
            let Some(key) = key(&raw.path, blob) else {
                continue;
            };
            if self.parsed.contains_key(&key) || !seen.insert(key) {
                continue;
            }
            keys.push(key);
            raw_files.push(raw);
        }
        let parsed = parse_batch(&raw_files);
        self.parses += parsed.len();
        self.parsed.extend(keys.into_iter().zip(parsed));
    }

    /// Loads the org from `source` as [`super::load`] does, and keeps a copy
    /// of the parse of each file `tracked` accepts under the blob id git
    /// gives its bytes. A history read next through this cache then parses
    /// none of the blobs whose text `source` holds: in the working tree,
    /// every file unchanged since the commit that last wrote it.
    pub fn load_keeping(
        &mut self,
        source: &dyn Source,
        tracked: &dyn Fn(&str) -> bool,
    ) -> Result<(Org, Diagnostics)> {
        let raw_files = source.read_files()?;
        let parsed = parse_all(&raw_files);
        self.parses += parsed.len();
        for (raw, parse) in raw_files.iter().zip(&parsed) {
            let Ok(bytes) = &raw.content else { continue };
            if !tracked(&raw.path) {
                continue;
            }
            let Ok(blob) = Oid::hash_object(ObjectType::Blob, bytes) else {
                continue;
            };
            if let Some(key) = key(&raw.path, blob) {
                self.parsed.entry(key).or_insert_with(|| parse.clone());
            }
        }
        let files = raw_files
            .into_iter()
            .zip(parsed)
            .map(|(raw, parse)| (raw.path, parse))
            .collect();
        Ok(assemble(files))
    }

    /// Loads an org of the one file `raw` (the blob `blob`) as
    /// [`super::load_files`] does, parsing the blob only if it was not parsed
    /// before, and keeping the parse: a command that reads the settings on
    /// their own first parses them once.
    pub(crate) fn load_file(&mut self, blob: Oid, raw: RawFile) -> (Org, Diagnostics) {
        let Some(key) = key(&raw.path, blob) else {
            return super::load_files(vec![raw]);
        };
        let path = raw.path.clone();
        self.parse(vec![(blob, raw)]);
        let parse = self.parsed.get(&key).cloned();
        assemble(parse.map(|parse| (path, parse)).into_iter().collect())
    }

    /// What the blob at `path` defines: `None` when it was never parsed,
    /// `Some(None)` when it does not load.
    pub(crate) fn entity(&self, path: &str, blob: Oid) -> Option<Option<&Entity>> {
        let parsed = self.parsed.get(&key(path, blob)?)?;
        Some(parsed.entity.as_ref())
    }

    /// A parse [`ParseCache::load`] can use at any path: one that loaded.
    /// (A file that does not load recovers its ids from its path.)
    fn reusable(&self, path: &str, blob: Oid) -> bool {
        key(path, blob)
            .and_then(|key| self.parsed.get(&key))
            .is_some_and(|parsed| parsed.entity.is_some())
    }

    /// Loads the org of `tree` as [`super::load`] does, reading and parsing
    /// only the blobs not parsed before. With `keep`, every parse stays in
    /// the cache for a later load; without, the ones used are moved into the
    /// org (the last load of a command, which saves copying them).
    pub fn load(&mut self, tree: &GitTree, keep: bool) -> Result<(Org, Diagnostics)> {
        let files = tree.read_files_unless(&|path, blob| self.reusable(path, blob))?;
        // The same blob may sit at several paths; without `keep` the last of
        // them takes the parse and the others get copies.
        let mut uses: HashMap<Key, usize> = HashMap::new();
        let mut raw_files = Vec::new();
        let mut slots = Vec::with_capacity(files.len());
        for file in files {
            match file {
                TreeFile::Read(raw, blob) => {
                    let key = blob.and_then(|blob| key(&raw.path, blob));
                    slots.push(Slot::Read(raw.path.clone(), key));
                    raw_files.push(raw);
                }
                // `reusable` held, so the key exists.
                TreeFile::Known { path, blob } => {
                    if let Some(key) = key(&path, blob) {
                        *uses.entry(key).or_default() += 1;
                        slots.push(Slot::Known(path, key));
                    }
                }
            }
        }
        let mut parsed = parse_batch(&raw_files).into_iter();
        self.parses += raw_files.len();
        drop(raw_files);
        let mut with_parses = Vec::with_capacity(slots.len());
        for slot in slots {
            match slot {
                Slot::Read(path, key) => {
                    let Some(parse) = parsed.next() else { break };
                    if keep && let Some(key) = key {
                        self.parsed.entry(key).or_insert_with(|| parse.clone());
                    }
                    with_parses.push((path, parse));
                }
                Slot::Known(path, key) => {
                    let left = uses.entry(key).or_default();
                    *left = left.saturating_sub(1);
                    let parse = if keep || *left > 0 {
                        self.parsed.get(&key).cloned()
                    } else {
                        self.parsed.remove(&key)
                    };
                    if let Some(parse) = parse {
                        with_parses.push((path, parse));
                    }
                }
            }
        }
        Ok(assemble(with_parses))
    }
}
