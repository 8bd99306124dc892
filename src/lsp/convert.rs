//! orgit's diagnostics as LSP diagnostics: 1-based line and character
//! columns become 0-based lines and UTF-16 offsets, as LSP counts by
//! default; the help line joins the message.

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Range,
    Url,
};

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Date, FileId, Org, Span};

pub fn diagnostic(
    org: &Org,
    d: &Diagnostic,
    uri_of: impl Fn(FileId) -> Option<Url>,
) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if let Some(label) = &d.primary.message {
        message.push_str(&format!(" ({label})"));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related = d
        .related
        .iter()
        .filter_map(|label| {
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: uri_of(label.file)?,
                    range: range(&org.file(label.file).text, label.span),
                },
                message: label
                    .message
                    .clone()
                    .unwrap_or_else(|| "see here".to_owned()),
            })
        })
        .collect::<Vec<_>>();
    lsp_types::Diagnostic {
        range: range(&org.file(d.primary.file).text, d.primary.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Notice => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_owned())),
        code_description: None,
        source: Some("orgit".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The LSP range of `span` in `text`: its line, from its column for its
/// length (within the line). A span without a place is the file's start.
pub fn range(text: &str, span: Span) -> Range {
    if span.is_unknown() {
        return Range::default();
    }
    let line_index = span.line - 1;
    let line = text
        .split('\n')
        .nth(line_index as usize)
        .unwrap_or("")
        .trim_end_matches('\r');
    let utf16 =
        |chars: usize| -> u32 { line.chars().take(chars).map(|c| c.len_utf16() as u32).sum() };
    let start = span.column.saturating_sub(1) as usize;
    let end = start + span.len.max(1) as usize;
    Range {
        start: Position::new(line_index, utf16(start)),
        end: Position::new(line_index, utf16(end)),
    }
}

/// Today in the org's time zone (UTC without one), as `orgit check` reads it.
pub fn today_in(org: &Org) -> Date {
    let zone = org
        .settings
        .as_ref()
        .and_then(|s| s.timezone.as_ref())
        .and_then(|name| jiff::tz::TimeZone::get(name).ok())
        .unwrap_or(jiff::tz::TimeZone::UTC);
    Date(jiff::Zoned::now().with_time_zone(zone).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_from_zero() {
        let text = "id: x\ntitle: 李娜 😀 owner\n";
        // `owner` is characters 12..17 (1-based column 13) of line 2.
        let r = range(text, Span::new(2, 13, 5));
        assert_eq!(r.start, Position::new(1, 13));
        assert_eq!(r.end, Position::new(1, 18));
        assert_eq!(range(text, Span::default()), Range::default());
    }
}
