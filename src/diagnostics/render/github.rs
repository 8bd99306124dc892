use super::{Files, Summary};
use crate::diagnostics::Diagnostic;

pub fn github(diagnostics: &[Diagnostic], files: &Files<'_>) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&format!(
            "::{} file={},line={},col={},title={}::{}\n",
            d.severity.as_str(),
            files.path(d.primary.file),
            d.primary.span.line,
            d.primary.span.column,
            d.code,
            d.message
        ));
    }
    out
}

pub fn github_step_summary(
    _diagnostics: &[Diagnostic],
    _files: &Files<'_>,
    summary: &Summary,
) -> String {
    format!("orgit check: {}\n", summary.sentence())
}
