use super::{Files, Summary};
use crate::diagnostics::Diagnostic;

pub fn human(
    diagnostics: &[Diagnostic],
    files: &Files<'_>,
    summary: &Summary,
    _color: bool,
) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&format!(
            "{}[{}]: {}\n  --> {}:{}:{}\n",
            d.severity.as_str(),
            d.code,
            d.message,
            files.path(d.primary.file),
            d.primary.span.line,
            d.primary.span.column
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        out.push('\n');
    }
    out.push_str(&summary.sentence());
    out.push('\n');
    out
}
