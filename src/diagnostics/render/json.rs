use serde::Serialize;

use super::{Files, Summary};
use crate::diagnostics::{Diagnostic, Label};

/// The `--format json` document. Its shape is a documented contract
/// (docs/diagnostics.md, "JSON output"); `version` changes if a field's meaning ever does.
#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    summary: &'a Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    #[serde(flatten)]
    location: JsonLocation<'a>,
    help: Option<&'a str>,
    related: Vec<JsonLocation<'a>>,
    /// With `--base` only: whether the problem is on the base already.
    #[serde(skip_serializing_if = "Option::is_none")]
    on_base: Option<bool>,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    file: String,
    line: u32,
    column: u32,
    /// Length of the highlighted value in characters (0 for a whole file).
    length: u32,
    label: Option<&'a str>,
}

fn location<'a>(label: &'a Label, files: &Files<'_>) -> JsonLocation<'a> {
    JsonLocation {
        file: files.path(label.file),
        line: label.span.line,
        column: label.span.column,
        length: label.span.len,
        label: label.message.as_deref(),
    }
}

pub fn json(diagnostics: &[Diagnostic], files: &Files<'_>, summary: &Summary) -> String {
    let report = Report {
        version: 1,
        summary,
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                code: d.code.as_str(),
                severity: d.severity.as_str(),
                message: &d.message,
                location: location(&d.primary, files),
                help: d.help.as_deref(),
                related: d.related.iter().map(|r| location(r, files)).collect(),
                on_base: d.on_base,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).expect("reports serialize");
    text.push('\n');
    text
}
