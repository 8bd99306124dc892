//! Renderers: the same diagnostics as human text, JSON or GitHub annotations.
//! Checks never format output; renderers never decide what is a problem.

mod github;
mod human;
mod json;

pub use github::{github, github_step_summary};
pub(crate) use human::byte_range;
pub use human::human;
pub use json::json;

use serde::Serialize;

use super::{Diagnostic, Severity};
use crate::model::{FileId, SourceFile};

/// The files diagnostics point into, and how to show their paths.
pub struct Files<'a> {
    files: &'a [SourceFile],
    /// Prepended to org-relative paths (e.g. `example-org/`).
    prefix: String,
}

impl<'a> Files<'a> {
    pub fn new(files: &'a [SourceFile], prefix: String) -> Self {
        Files { files, prefix }
    }

    pub fn path(&self, file: FileId) -> String {
        let path = self
            .files
            .get(file.0 as usize)
            .map_or("<unknown>", |f| f.path.as_str());
        format!("{}{}", self.prefix, path)
    }

    pub fn text(&self, file: FileId) -> &str {
        self.files
            .get(file.0 as usize)
            .map_or("", |f| f.text.as_str())
    }
}

/// Source files from `(path, text)` pairs, for renderer tests.
#[cfg(test)]
fn test_sources(files: &[(&str, &str)]) -> Vec<SourceFile> {
    files
        .iter()
        .map(|(path, text)| SourceFile {
            path: (*path).to_owned(),
            text: (*text).to_owned(),
        })
        .collect()
}

/// Counts for the closing line and the JSON summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Notices never fail a check; they are counted so a reader knows to
    /// look (a new dependency on another team, say).
    pub notices: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic], files: usize) -> Self {
        let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
        Summary {
            files,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notices: count(Severity::Notice),
        }
    }

    /// "2 errors, 1 warning in 43 files" / "1 notice in 43 files" /
    /// "no problems in 43 files".
    pub fn sentence(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let counts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.notices, "notice"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
        let files = plural(self.files, "file");
        if counts.is_empty() {
            format!("no problems in {files}")
        } else {
            format!("{} in {files}", counts.join(", "))
        }
    }
}
