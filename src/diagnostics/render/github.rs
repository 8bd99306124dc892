//! GitHub Actions output: workflow commands that become inline annotations on
//! the pull request, and markdown for the run's step summary.

use super::human::{byte_range, location};
use super::{Files, Summary};
use crate::diagnostics::{Diagnostic, Label, Severity};
use crate::model::Span;

/// The step summary lists at most this many diagnostics; the log has them all.
const MAX_SUMMARY_ROWS: usize = 200;
/// Longer cells are cut, so a huge value cannot push the summary past
/// GitHub's size limit (which would drop it).
const MAX_CELL_CHARS: usize = 500;

/// One `::error` / `::warning` / `::notice` workflow command per diagnostic. Related places
/// and the help follow the message on their own lines inside the annotation.
pub fn github(diagnostics: &[Diagnostic], files: &Files<'_>) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let mut properties = vec![("file", files.path(d.primary.file))];
        properties.extend(position(d.primary.span, files.text(d.primary.file)));
        properties.push(("title", d.code.as_str().to_owned()));
        let properties: Vec<String> = properties
            .iter()
            .map(|(name, value)| format!("{name}={}", escape_property(value)))
            .collect();

        let mut message = d.message.clone();
        for related in &d.related {
            message.push_str("\nnote: ");
            message.push_str(&related_note(related, files));
        }
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{} {}::{}\n",
            d.severity.as_str(),
            properties.join(","),
            escape_data(&message)
        ));
    }
    out
}

/// `line`, `col`, `endLine`, `endColumn` for a span. GitHub takes columns only
/// on a single line, and its `endColumn` is exclusive.
fn position(span: Span, text: &str) -> Vec<(&'static str, String)> {
    if span.is_unknown() {
        return Vec::new();
    }
    let line = ("line", span.line.to_string());
    let column = span.column.max(1);
    let col = ("col", column.to_string());
    let (newlines, chars) = match byte_range(text, span) {
        Some(range) => {
            let value = &text[range];
            (value.matches('\n').count(), value.chars().count())
        }
        // No text to measure (a binary file): trust the span.
        None => (0, span.len as usize),
    };
    if newlines > 0 {
        let end_line = span.line as usize + newlines;
        vec![line, ("endLine", end_line.to_string())]
    } else if chars > 0 {
        let end_column = column as usize + chars;
        vec![line, col, ("endColumn", end_column.to_string())]
    } else {
        vec![line, col]
    }
}

fn related_note(label: &Label, files: &Files<'_>) -> String {
    let place = location(label, files);
    match &label.message {
        Some(message) => format!("{place}: {message}"),
        None => place,
    }
}

/// A workflow command's message: `%`, CR and LF are encoded, so the message
/// stays on one line and cannot start another command.
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A workflow command's property value: as [`escape_data`], and `:` and `,`
/// too, so a value cannot end the property list or add a property.
fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// Markdown for `$GITHUB_STEP_SUMMARY`: a heading with the outcome, then a
/// table of diagnostics (at most 200 rows), notices included; one
/// line when there are none.
pub fn github_step_summary(
    diagnostics: &[Diagnostic],
    files: &Files<'_>,
    summary: &Summary,
) -> String {
    let sentence = summary.sentence();
    let icon = match (summary.errors, summary.warnings) {
        (0, 0) if summary.notices == 0 => return format!("## ✅ orgit check: {sentence}\n"),
        (0, 0) => "✅",
        (0, _) => "⚠️",
        _ => "❌",
    };
    let mut out = format!(
        "## {icon} orgit check: {sentence}\n\n\
         | Severity | Code | Location | Message |\n\
         | --- | --- | --- | --- |\n"
    );
    for d in diagnostics.iter().take(MAX_SUMMARY_ROWS) {
        let severity = match d.severity {
            Severity::Error => "❌ error",
            Severity::Warning => "⚠️ warning",
            Severity::Notice => "ℹ️ notice",
        };
        let mut message = cell(&d.message);
        if let Some(help) = &d.help {
            message.push_str("<br>help: ");
            message.push_str(&cell(help));
        }
        out.push_str(&format!(
            "| {severity} | `{}` | {} | {message} |\n",
            d.code,
            cell(&location(&d.primary, files)),
        ));
    }
    if diagnostics.len() > MAX_SUMMARY_ROWS {
        out.push_str(&format!(
            "\n…and {} more; the job log lists every diagnostic.\n",
            diagnostics.len() - MAX_SUMMARY_ROWS
        ));
    }
    out
}

/// Text for one table cell: on one line, at most [`MAX_CELL_CHARS`], and with
/// markdown's special characters escaped, so a value from a file (a pipe, a
/// backtick, a link, an HTML tag) shows as written and cannot break the table.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_break = false;
    for (count, c) in text.chars().enumerate() {
        if count == MAX_CELL_CHARS {
            out.push('…');
            break;
        }
        if c == '\n' || c == '\r' {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
            continue;
        }
        in_break = false;
        match c {
            '\\' | '`' | '|' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '&' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use crate::model::{FileId, SourceFile};

    use super::super::test_sources as sources;

    fn sample() -> (Vec<SourceFile>, Vec<Diagnostic>) {
        let sources = sources(&[
            ("goals/2026-Q4/g.md", "---\nid: g\nowner: alcie\n---\n"),
            (
                "people/ünal.yaml",
                "id: ünal\r\nname: >\r\n  Ünal\r\n  Çelik\r\nteam: plätform-🚀\r\n",
            ),
            ("people/photo.yaml", ""),
        ]);
        let diagnostics = vec![
            Diagnostic::new(
                Code::UnknownReference,
                FileId(0),
                Span::new(3, 8, 5),
                "owner `alcie` is not a person in this org",
            )
            .label("no person with this id")
            .related(FileId(1), Span::new(1, 5, 4), "closest person")
            .help("did you mean `alice`?"),
            // Multi-byte: endColumn counts characters.
            Diagnostic::new(
                Code::UnknownReference,
                FileId(1),
                Span::new(5, 7, 10),
                "team `plätform-🚀` does not exist",
            ),
            // Across lines: columns are dropped, endLine is given.
            Diagnostic::new(
                Code::WrongType,
                FileId(1),
                Span::new(2, 7, 20),
                "`name` must fit on one line",
            ),
            // Zero length: a point, no endColumn.
            Diagnostic::new(
                Code::FileNameMismatch,
                FileId(0),
                Span::new(2, 5, 0),
                "100% sure: the file name, is wrong",
            ),
            // No text to measure, and an unknown span.
            Diagnostic::new(
                Code::NotText,
                FileId(2),
                Span::new(1, 1, 3),
                "not UTF-8 text",
            ),
            Diagnostic::new(
                Code::UnreadableFile,
                FileId(2),
                Span::default(),
                "cannot be read",
            ),
        ];
        (sources, diagnostics)
    }

    #[test]
    fn one_workflow_command_per_diagnostic() {
        let (sources, diagnostics) = sample();
        let files = Files::new(&sources, "org/".to_owned());
        insta::assert_snapshot!(github(&diagnostics, &files), @r"
            ::error file=org/goals/2026-Q4/g.md,line=3,col=8,endColumn=13,title=unknown-reference::owner `alcie` is not a person in this org%0Anote: org/people/ünal.yaml:1:5: closest person%0Ahelp: did you mean `alice`?
            ::error file=org/people/ünal.yaml,line=5,col=7,endColumn=17,title=unknown-reference::team `plätform-🚀` does not exist
            ::error file=org/people/ünal.yaml,line=2,endLine=4,title=wrong-type::`name` must fit on one line
            ::warning file=org/goals/2026-Q4/g.md,line=2,col=5,title=file-name-mismatch::100%25 sure: the file name, is wrong
            ::error file=org/people/photo.yaml,line=1,col=1,endColumn=4,title=not-text::not UTF-8 text
            ::error file=org/people/photo.yaml,title=unreadable-file::cannot be read
            ");
    }

    #[test]
    fn property_values_cannot_add_properties_or_end_the_list() {
        let sources = sources(&[("people/a,title=x::y%.yaml", "id: a\n")]);
        let files = Files::new(&sources, String::new());
        let diagnostics = [Diagnostic::new(
            Code::InvalidId,
            FileId(0),
            Span::new(1, 5, 1),
            "bad\n::error::injected",
        )];
        insta::assert_snapshot!(github(&diagnostics, &files), @"::error file=people/a%2Ctitle=x%3A%3Ay%25.yaml,line=1,col=5,endColumn=6,title=invalid-id::bad%0A::error::injected");
    }

    #[test]
    fn data_escapes_percent_cr_and_lf_only() {
        assert_eq!(escape_data(""), "");
        assert_eq!(escape_data("plain text"), "plain text");
        assert_eq!(escape_data("%"), "%25");
        assert_eq!(escape_data("\r"), "%0D");
        assert_eq!(escape_data("\n"), "%0A");
        assert_eq!(escape_data("\r\n"), "%0D%0A");
        // Already-escaped looking input is escaped again, never decoded.
        assert_eq!(escape_data("%0A%25"), "%250A%2525");
        // `:`, `,` and `=` are fine in data; `::` does not end it.
        assert_eq!(escape_data("a: b, c = d :: e"), "a: b, c = d :: e");
        assert_eq!(escape_data("ü 🚀 `x`"), "ü 🚀 `x`");
        assert_eq!(escape_data("a\nb%c\rd"), "a%0Ab%25c%0Dd");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property(""), "");
        assert_eq!(escape_property("people/alice.yaml"), "people/alice.yaml");
        assert_eq!(escape_property("%"), "%25");
        assert_eq!(escape_property("\r"), "%0D");
        assert_eq!(escape_property("\n"), "%0A");
        assert_eq!(escape_property(":"), "%3A");
        assert_eq!(escape_property(","), "%2C");
        assert_eq!(escape_property("%3A"), "%253A");
        assert_eq!(escape_property("a:b,c=d"), "a%3Ab%2Cc=d");
        assert_eq!(escape_property("::"), "%3A%3A");
        assert_eq!(escape_property("ü🚀"), "ü🚀");
        assert_eq!(escape_property("C:\\x,y\r\nz%"), "C%3A\\x%2Cy%0D%0Az%25");
    }

    #[test]
    fn every_escaped_character_is_escaped_and_nothing_else() {
        for c in (0u32..0x250).filter_map(char::from_u32) {
            let s = c.to_string();
            let data = match c {
                '%' => "%25",
                '\r' => "%0D",
                '\n' => "%0A",
                _ => &s,
            };
            assert_eq!(escape_data(&s), data, "{c:?}");
            let property = match c {
                ':' => "%3A",
                ',' => "%2C",
                _ => data,
            };
            assert_eq!(escape_property(&s), property, "{c:?}");
        }
    }

    #[test]
    fn step_summary_when_clean_is_one_line() {
        let files = Files::new(&[], String::new());
        let summary = Summary {
            files: 42,
            errors: 0,
            warnings: 0,
            notices: 0,
        };
        insta::assert_snapshot!(github_step_summary(&[], &files, &summary), @"## ✅ orgit check: no problems in 42 files");
    }

    #[test]
    fn step_summary_tables_the_diagnostics() {
        let (sources, mut diagnostics) = sample();
        diagnostics[0].message = "owner `a|b` is\r\nnot a person".to_owned();
        diagnostics[0].help = Some("see [docs](http://x) or <b>*this*</b> & $x$\\".to_owned());
        let files = Files::new(&sources, "org/".to_owned());
        let summary = Summary::of(&diagnostics, sources.len());
        insta::assert_snapshot!(github_step_summary(&diagnostics, &files, &summary), @r"
            ## ❌ orgit check: 5 errors, 1 warning in 3 files

            | Severity | Code | Location | Message |
            | --- | --- | --- | --- |
            | ❌ error | `unknown-reference` | org/goals/2026-Q4/g.md:3:8 | owner \`a\|b\` is not a person<br>help: see \[docs\](http://x) or \<b\>\*this\*\</b\> \& \$x\$\\ |
            | ❌ error | `unknown-reference` | org/people/ünal.yaml:5:7 | team \`plätform-🚀\` does not exist |
            | ❌ error | `wrong-type` | org/people/ünal.yaml:2:7 | \`name\` must fit on one line |
            | ⚠️ warning | `file-name-mismatch` | org/goals/2026-Q4/g.md:2:5 | 100% sure: the file name, is wrong |
            | ❌ error | `not-text` | org/people/photo.yaml:1:1 | not UTF-8 text |
            | ❌ error | `unreadable-file` | org/people/photo.yaml | cannot be read |
            ");
    }

    #[test]
    fn step_summary_with_only_warnings_does_not_claim_a_failure() {
        let (sources, diagnostics) = sample();
        let warnings: Vec<_> = diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Warning)
            .collect();
        let files = Files::new(&sources, String::new());
        let summary = Summary::of(&warnings, sources.len());
        insta::assert_snapshot!(github_step_summary(&warnings, &files, &summary), @r"
            ## ⚠️ orgit check: 1 warning in 3 files

            | Severity | Code | Location | Message |
            | --- | --- | --- | --- |
            | ⚠️ warning | `file-name-mismatch` | goals/2026-Q4/g.md:2:5 | 100% sure: the file name, is wrong |
            ");
    }

    /// A new dependency on another team: a notice, which fails nothing.
    fn notice() -> (Vec<SourceFile>, Vec<Diagnostic>) {
        let sources = sources(&[(
            "initiatives/growth-q4.md",
            "---\nid: growth-q4\ndepends_on:\n  - on: platform-sso\n    need_by: 2026-11-15\n---\n",
        )]);
        let diagnostics = vec![
            Diagnostic::new(
                Code::NewCrossTeamDependency,
                FileId(0),
                Span::new(4, 9, 12),
                "`growth-q4` (growth) now waits on `platform-sso` (platform)",
            )
            .help("ask platform's lead kenji (@kenji-w) to review"),
        ];
        (sources, diagnostics)
    }

    #[test]
    fn notices_are_notice_commands() {
        let (sources, diagnostics) = notice();
        let files = Files::new(&sources, String::new());
        insta::assert_snapshot!(github(&diagnostics, &files), @"::notice file=initiatives/growth-q4.md,line=4,col=9,endColumn=21,title=new-cross-team-dependency::`growth-q4` (growth) now waits on `platform-sso` (platform)%0Ahelp: ask platform's lead kenji (@kenji-w) to review");
    }

    #[test]
    fn step_summary_with_only_notices_passes_and_lists_them() {
        let (sources, diagnostics) = notice();
        let files = Files::new(&sources, String::new());
        let summary = Summary::of(&diagnostics, sources.len());
        insta::assert_snapshot!(github_step_summary(&diagnostics, &files, &summary), @r"
            ## ✅ orgit check: 1 notice in 1 file

            | Severity | Code | Location | Message |
            | --- | --- | --- | --- |
            | ℹ️ notice | `new-cross-team-dependency` | initiatives/growth-q4.md:4:9 | \`growth-q4\` (growth) now waits on \`platform-sso\` (platform)<br>help: ask platform's lead kenji (@kenji-w) to review |
            ");
    }

    #[test]
    fn step_summary_is_capped() {
        let sources = sources(&[("people/a.yaml", "id: a\n")]);
        let diagnostics: Vec<_> = (0..MAX_SUMMARY_ROWS + 3)
            .map(|i| {
                Diagnostic::new(
                    Code::InvalidId,
                    FileId(0),
                    Span::new(1, 5, 1),
                    format!("n{i}"),
                )
            })
            .collect();
        let files = Files::new(&sources, String::new());
        let summary = Summary::of(&diagnostics, 1);
        let out = github_step_summary(&diagnostics, &files, &summary);
        let rows = out.lines().filter(|l| l.starts_with("| ❌")).count();
        assert_eq!(rows, MAX_SUMMARY_ROWS);
        assert!(out.contains("| n199 |"));
        assert!(!out.contains("| n200 |"));
        assert!(
            out.ends_with("\n…and 3 more; the job log lists every diagnostic.\n"),
            "{out}"
        );
    }

    #[test]
    fn cells_stay_on_one_line_and_show_markdown_as_written() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("`x`"), "\\`x\\`");
        assert_eq!(cell("a\nb"), "a b");
        assert_eq!(cell("a\r\n\r\nb\rc"), "a b c");
        assert_eq!(cell("a\tb\u{1b}c"), "a b c");
        assert_eq!(
            cell("\\ * _ [ ] < > ~ & $"),
            "\\\\ \\* \\_ \\[ \\] \\< \\> \\~ \\& \\$"
        );
        assert_eq!(
            cell("people/ünal.yaml:3:7 #1 !"),
            "people/ünal.yaml:3:7 #1 !"
        );
        let long = "é".repeat(MAX_CELL_CHARS + 10);
        assert_eq!(cell(&long), format!("{}…", "é".repeat(MAX_CELL_CHARS)));
        assert_eq!(
            cell(&"é".repeat(MAX_CELL_CHARS)),
            "é".repeat(MAX_CELL_CHARS)
        );
    }
}
