//! Files → typed model. Every file is read and parsed, whatever else fails, so
//! one run reports every broken file: each file's first syntax or type error is
//! a diagnostic, and the rest of the org still loads.

mod cache;
mod frontmatter;
mod yaml;

pub use cache::ParseCache;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::de::DeserializeOwned;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::error::Result;
use crate::model::{Body, FileId, Org, Record, SourceFile, Span};
use crate::source::layout::{self, FileKind};
use crate::source::{RawFile, ReadProblem, Source};

/// Reads every file from `source` into an [`Org`], with the diagnostics of
/// files that could not be read or parsed.
pub fn load(source: &dyn Source) -> Result<(Org, Diagnostics)> {
    let raw_files = source.read_files()?;
    Ok(load_files(raw_files))
}

/// The loader proper, for files already in memory.
pub fn load_files(raw_files: Vec<RawFile>) -> (Org, Diagnostics) {
    let parsed = parse_all(&raw_files);
    let files = raw_files
        .into_iter()
        .zip(parsed)
        .map(|(raw, parsed)| (raw.path, parsed))
        .collect();
    assemble(files)
}

/// The org from its files' parses, in path order.
fn assemble(files: Vec<(String, ParsedFile)>) -> (Org, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    check_case_clashes(&paths, &mut diagnostics);

    let mut org = Org::default();
    for (index, (path, parsed)) in files.into_iter().enumerate() {
        let file = FileId(index as u32);
        let ParsedFile {
            text,
            entity,
            problem,
            recovered_ids,
        } = parsed;
        org.files.push(SourceFile { path, text });
        if let Some(mut problem) = problem {
            // A parse kept in a [`ParseCache`] was made under another file id.
            problem.primary.file = file;
            diagnostics.push(problem);
        }
        for id in recovered_ids {
            org.add_unloaded_id(id, file);
        }
        match entity {
            Some(Entity::Settings(fields)) => org.settings = Some(record(file, fields, None)),
            Some(Entity::Person(fields)) => org.people.push(record(file, fields, None)),
            Some(Entity::Team(fields)) => org.teams.push(record(file, fields, None)),
            Some(Entity::Goal(fields, body)) => org.goals.push(record(file, fields, Some(body))),
            Some(Entity::Initiative(fields, body)) => {
                org.initiatives.push(record(file, fields, Some(body)))
            }
            Some(Entity::Decision(fields, body)) => {
                org.decisions.push(record(file, fields, Some(body)))
            }
            Some(Entity::Risk(fields, body)) => org.risks.push(record(file, fields, Some(body))),
            Some(Entity::Kpi(fields)) => org.kpis.push(record(file, fields, None)),
            Some(Entity::Issue(fields, body)) => org.issues.push(record(file, fields, Some(body))),
            Some(Entity::Todo(fields, body)) => org.todos.push(record(file, fields, Some(body))),
            Some(Entity::Update(fields, body)) => {
                org.updates.push(record(file, fields, Some(body)))
            }
            None => {}
        }
    }
    org.build_index();
    (org, diagnostics)
}

/// Loads an org from `(path, text)` pairs in memory, for unit tests.
#[cfg(test)]
pub(crate) fn load_texts(files: &[(&str, &str)]) -> (Org, Diagnostics) {
    let raw = files
        .iter()
        .map(|(path, text)| RawFile {
            path: (*path).to_owned(),
            content: Ok(text.as_bytes().to_vec()),
        })
        .collect();
    load_files(raw)
}

/// `files` with some replaced (or added) and some removed, in path order:
/// the other side of a change, for unit tests of diffs and policies.
#[cfg(test)]
pub(crate) fn edit_texts<'a>(
    files: &[(&'a str, &'a str)],
    replaced: &[(&'a str, &'a str)],
    removed: &[&str],
) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<_> = files
        .iter()
        .filter(|(path, _)| !removed.contains(path) && !replaced.iter().any(|(p, _)| p == path))
        .copied()
        .collect();
    out.extend_from_slice(replaced);
    out.sort();
    out
}

/// Parses files exactly as [`load_files`] parses each one, on every core
/// when there are enough of them to be worth a thread.
fn parse_batch(raw_files: &[RawFile]) -> Vec<ParsedFile> {
    // A thread per call would cost more than a few files take to parse.
    const PARALLEL_FROM: usize = 64;
    if raw_files.len() < PARALLEL_FROM {
        raw_files
            .iter()
            .map(|raw| parse_file_guarded(raw, FileId(0)))
            .collect()
    } else {
        parse_all(raw_files)
    }
}

fn record<T>(file: FileId, fields: T, body: Option<Body>) -> Record<T> {
    Record { file, fields, body }
}

/// What one file defines.
#[derive(Clone)]
pub(crate) enum Entity {
    Settings(crate::model::OrgSettings),
    Person(crate::model::Person),
    Team(crate::model::Team),
    Goal(crate::model::Goal, Body),
    Initiative(crate::model::Initiative, Body),
    Decision(crate::model::Decision, Body),
    Risk(crate::model::Risk, Body),
    Kpi(crate::model::Kpi),
    Issue(crate::model::Issue, Body),
    Todo(crate::model::Todo, Body),
    Update(crate::model::Update, Body),
}

#[derive(Clone)]
struct ParsedFile {
    text: String,
    entity: Option<Entity>,
    problem: Option<Diagnostic>,
    /// Ids a file that failed to load still defines (see [`recover_ids`]).
    recovered_ids: Vec<String>,
}

/// Parses files on every core; each file is independent.
fn parse_all(raw_files: &[RawFile]) -> Vec<ParsedFile> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = raw_files.len().div_ceil(threads).max(64);
    std::thread::scope(|scope| {
        let workers: Vec<_> = raw_files
            .chunks(chunk)
            .enumerate()
            .map(|(n, files)| {
                scope.spawn(move || {
                    files
                        .iter()
                        .enumerate()
                        .map(|(i, raw)| parse_file_guarded(raw, FileId((n * chunk + i) as u32)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("parser threads do not panic"))
            .collect()
    })
}

/// Files parsed in this process, by any path.
static FILES_PARSED: AtomicUsize = AtomicUsize::new(0);

/// How many files this process has parsed so far, whichever way it got to
/// them (a [`ParseCache`] or not). The bench smoke tests hold a command to
/// one parse per distinct blob it reads with this: a second parse path that
/// bypasses the cache shows up here too.
pub fn files_parsed() -> usize {
    FILES_PARSED.load(Ordering::Relaxed)
}

/// The YAML parser is fuzzed and meant never to panic; if it ever does, that
/// file gets a diagnostic and every other file is still checked.
fn parse_file_guarded(raw: &RawFile, file: FileId) -> ParsedFile {
    FILES_PARSED.fetch_add(1, Ordering::Relaxed);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse_file(raw, file)))
        .unwrap_or_else(|_| ParsedFile {
            text: String::new(),
            entity: None,
            problem: Some(Diagnostic::new(
                Code::YamlSyntax,
                file,
                Span::new(1, 1, 0),
                "the YAML parser crashed on this file (a bug in orgit; please report it with the file)",
            )),
            recovered_ids: stem_id(&raw.path),
        })
}

fn parse_file(raw: &RawFile, file: FileId) -> ParsedFile {
    let failed = |problem| ParsedFile {
        text: String::new(),
        entity: None,
        problem: Some(problem),
        recovered_ids: stem_id(&raw.path),
    };
    let at_start = Span::new(1, 1, 0);
    let bytes = match &raw.content {
        Ok(bytes) => bytes,
        Err(ReadProblem::TooLarge { size }) => {
            return failed(
                Diagnostic::new(
                    Code::FileTooLarge,
                    file,
                    at_start,
                    format!(
                        "file is {size} bytes; orgit reads at most {} bytes per file",
                        layout::MAX_FILE_BYTES
                    ),
                )
                .help("split the file, or move the data out of the org's folders"),
            );
        }
        Err(ReadProblem::SymlinkOutsideRoot { target }) => {
            return failed(
                Diagnostic::new(
                    Code::SymlinkOutsideRoot,
                    file,
                    at_start,
                    format!("symbolic link to `{target}`, outside the org root; not followed"),
                )
                .help("replace the link with the file itself"),
            );
        }
        Err(ReadProblem::Io(message)) => {
            return failed(Diagnostic::new(
                Code::UnreadableFile,
                file,
                at_start,
                format!("cannot read the file: {message}"),
            ));
        }
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) if !text.contains('\0') => text,
        _ => {
            return failed(
                Diagnostic::new(
                    Code::NotText,
                    file,
                    at_start,
                    "file is binary or not UTF-8 text",
                )
                .help("save the file as UTF-8 text, or move it out of the org's folders"),
            );
        }
    };
    // A byte-order mark is invisible in editors; it is not an error.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    let kind = layout::classify(&raw.path);
    let (entity, problem) = match kind {
        Some(FileKind::Settings) => yaml_entity(text, file, Entity::Settings),
        Some(FileKind::Person) => yaml_entity(text, file, Entity::Person),
        Some(FileKind::Team) => yaml_entity(text, file, Entity::Team),
        Some(FileKind::Goal { .. }) => markdown_entity(text, file, Entity::Goal),
        Some(FileKind::Initiative) => markdown_entity(text, file, Entity::Initiative),
        Some(FileKind::Decision) => markdown_entity(text, file, Entity::Decision),
        Some(FileKind::Risk) => markdown_entity(text, file, Entity::Risk),
        Some(FileKind::Kpi) => yaml_entity(text, file, Entity::Kpi),
        Some(FileKind::Issue) => markdown_entity(text, file, Entity::Issue),
        Some(FileKind::Todo) => markdown_entity(text, file, Entity::Todo),
        Some(FileKind::Update { .. }) => markdown_entity(text, file, Entity::Update),
        Some(FileKind::Misplaced { expected }) => (
            None,
            Some(
                Diagnostic::new(
                    Code::MisplacedFile,
                    file,
                    at_start,
                    "orgit does not read this file here",
                )
                .help(format!("files in this folder belong at `{expected}`")),
            ),
        ),
        None => (None, None),
    };
    let recovered_ids = if entity.is_none() && problem.is_some() {
        recover_ids(text, &raw.path)
    } else {
        Vec::new()
    };
    ParsedFile {
        text: text.to_owned(),
        entity,
        problem,
        recovered_ids,
    }
}

/// Only the ids of a file, read leniently (every other field ignored).
#[derive(serde::Deserialize)]
struct IdsOnly {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    key_results: Vec<ChildId>,
    #[serde(default)]
    milestones: Vec<ChildId>,
}

#[derive(serde::Deserialize)]
struct ChildId {
    #[serde(default)]
    id: Option<String>,
}

/// The ids a file that failed to load still defines: read leniently when the
/// YAML itself is sound, else the file name (files are named after their id).
fn recover_ids(text: &str, path: &str) -> Vec<String> {
    let yaml = if path.ends_with(".md") {
        frontmatter::split(text).map(|split| split.yaml)
    } else {
        Some(text)
    };
    let lenient = yaml.and_then(|yaml| yaml::parse::<IdsOnly>(yaml, FileId(0)).ok());
    match lenient {
        Some(IdsOnly {
            id: Some(id),
            key_results,
            milestones,
        }) => std::iter::once(id)
            .chain(
                key_results
                    .into_iter()
                    .chain(milestones)
                    .filter_map(|c| c.id),
            )
            .collect(),
        _ => {
            let mut ids = stem_id(path);
            ids.extend(scan_id_lines(text));
            ids
        }
    }
}

/// `id:` values found line by line, for YAML too broken to parse: enough to
/// keep references to a broken file's key results and milestones quiet.
fn scan_id_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines().filter_map(|line| {
        let line = line.trim_start();
        let line = line.strip_prefix("- ").map_or(line, str::trim_start);
        let value = line.strip_prefix("id:")?.trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        (!value.is_empty() && !value.contains(char::is_whitespace)).then(|| value.to_owned())
    })
}

/// The id a file's name implies, for kinds that are named after their id.
fn stem_id(path: &str) -> Vec<String> {
    match layout::classify(path) {
        Some(FileKind::Settings | FileKind::Update { .. } | FileKind::Misplaced { .. }) | None => {
            Vec::new()
        }
        Some(_) => vec![layout::file_stem(path).to_owned()],
    }
}

fn yaml_entity<T: DeserializeOwned>(
    text: &str,
    file: FileId,
    wrap: impl FnOnce(T) -> Entity,
) -> (Option<Entity>, Option<Diagnostic>) {
    match yaml::parse::<T>(text, file) {
        Ok(fields) => (Some(wrap(fields)), None),
        Err(problem) => (None, Some(problem)),
    }
}

fn markdown_entity<T: DeserializeOwned>(
    text: &str,
    file: FileId,
    wrap: impl FnOnce(T, Body) -> Entity,
) -> (Option<Entity>, Option<Diagnostic>) {
    let Some(split) = frontmatter::split(text) else {
        let problem = Diagnostic::new(
            Code::MissingFrontmatter,
            file,
            Span::new(1, 1, 0),
            "markdown file has no YAML frontmatter",
        )
        .help("start the file with a `---` line, then the fields, then a closing `---` line");
        return (None, Some(problem));
    };
    match yaml::parse::<T>(split.yaml, file) {
        Ok(fields) => (Some(wrap(fields, split.body)), None),
        Err(problem) => (None, Some(problem)),
    }
}

/// Paths that differ only in case collide on case-insensitive file systems.
fn check_case_clashes(paths: &[&str], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, path) in paths.iter().enumerate() {
        let folded = path.to_lowercase();
        if let Some(&first) = seen.get(&folded) {
            diagnostics.push(
                Diagnostic::new(
                    Code::PathCaseClash,
                    FileId(index as u32),
                    Span::new(1, 1, 0),
                    format!(
                        "`{}` and `{}` differ only in letter case",
                        path, paths[first]
                    ),
                )
                .related(FileId(first as u32), Span::new(1, 1, 0), "the other file")
                .help("on macOS and Windows these are one file; rename or remove one"),
            );
        } else {
            seen.insert(folded, index);
        }
    }
}
