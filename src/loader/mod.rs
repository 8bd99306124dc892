//! Files → typed model. Every file is read and parsed, whatever else fails, so
//! one run reports every broken file: each file's first syntax or type error is
//! a diagnostic, and the rest of the org still loads.

mod frontmatter;
mod yaml;

use std::collections::HashMap;

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
    let mut diagnostics = Diagnostics::new();
    check_case_clashes(&raw_files, &mut diagnostics);

    let parsed = parse_all(&raw_files);
    let mut org = Org::default();
    for (index, (raw, parsed)) in raw_files.into_iter().zip(parsed).enumerate() {
        let file = FileId(index as u32);
        let ParsedFile {
            text,
            entity,
            problem,
        } = parsed;
        org.files.push(SourceFile {
            path: raw.path,
            text,
        });
        if let Some(problem) = problem {
            diagnostics.push(problem);
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
            Some(Entity::Update(fields, body)) => {
                org.updates.push(record(file, fields, Some(body)))
            }
            None => {}
        }
    }
    org.build_index();
    (org, diagnostics)
}

fn record<T>(file: FileId, fields: T, body: Option<Body>) -> Record<T> {
    Record { file, fields, body }
}

enum Entity {
    Settings(crate::model::OrgSettings),
    Person(crate::model::Person),
    Team(crate::model::Team),
    Goal(crate::model::Goal, Body),
    Initiative(crate::model::Initiative, Body),
    Decision(crate::model::Decision, Body),
    Risk(crate::model::Risk, Body),
    Update(crate::model::Update, Body),
}

struct ParsedFile {
    text: String,
    entity: Option<Entity>,
    problem: Option<Diagnostic>,
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
                        .map(|(i, raw)| parse_file(raw, FileId((n * chunk + i) as u32)))
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

fn parse_file(raw: &RawFile, file: FileId) -> ParsedFile {
    let failed = |problem| ParsedFile {
        text: String::new(),
        entity: None,
        problem: Some(problem),
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
    ParsedFile {
        text: text.to_owned(),
        entity,
        problem,
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
fn check_case_clashes(files: &[RawFile], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, raw) in files.iter().enumerate() {
        let folded = raw.path.to_lowercase();
        if let Some(&first) = seen.get(&folded) {
            diagnostics.push(
                Diagnostic::new(
                    Code::PathCaseClash,
                    FileId(index as u32),
                    Span::new(1, 1, 0),
                    format!(
                        "`{}` and `{}` differ only in letter case",
                        raw.path, files[first].path
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
