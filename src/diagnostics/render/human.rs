//! rustc-style text: a header with the code, the source lines of every span
//! with the value underlined, related places as secondary annotations, the
//! help line, and a closing line that says whether the check failed.

use std::ops::Range;

use annotate_snippets::renderer::{
    AnsiColor, DEFAULT_ERROR_STYLE, DEFAULT_WARNING_STYLE, Effects, Style,
};
use annotate_snippets::{
    AnnotationKind, Element, Group, Level, Origin, Renderer, Snippet, normalize_untrusted_str,
};

use super::{Files, Summary};
use crate::diagnostics::{Diagnostic, Label, Severity};
use crate::model::{FileId, Span};

const OK_STYLE: Style = AnsiColor::BrightGreen.on_default().effects(Effects::BOLD);
const BOLD: Style = Style::new().effects(Effects::BOLD);

/// Every diagnostic with its source snippets, a blank line after each, then
/// the closing line. Without `color` the text holds no escape sequences.
pub fn human(
    diagnostics: &[Diagnostic],
    files: &Files<'_>,
    summary: &Summary,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&render_diagnostic(&renderer, diagnostic, files));
        out.push_str("\n\n");
    }
    out.push_str(&closing_line(summary, color));
    out.push('\n');
    out
}

/// `error: check failed with …` / `warning: no errors, …` / `ok: check passed, …`
/// (notices never fail a check, so they never decide the level).
fn closing_line(summary: &Summary, color: bool) -> String {
    let sentence = summary.sentence();
    let (style, level, text) = if summary.errors > 0 {
        (
            DEFAULT_ERROR_STYLE,
            "error",
            format!("check failed with {sentence}"),
        )
    } else if summary.warnings > 0 {
        (
            DEFAULT_WARNING_STYLE,
            "warning",
            format!("no errors, {sentence}"),
        )
    } else {
        (OK_STYLE, "ok", format!("check passed, {sentence}"))
    };
    if color {
        format!(
            "{}{level}{}{}: {text}{}",
            style.render(),
            style.render_reset(),
            BOLD.render(),
            BOLD.render_reset()
        )
    } else {
        format!("{level}: {text}")
    }
}

/// One diagnostic as one annotate-snippets report: the primary file's snippet
/// first (related spans in that file annotate the same snippet), then one
/// snippet per other file in order of mention, then notes for places that
/// cannot be shown, then the help.
fn render_diagnostic(renderer: &Renderer, d: &Diagnostic, files: &Files<'_>) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        // annotate-snippets has no notice level; `info` has its color.
        Severity::Notice => Level::INFO.with_name("notice"),
    };
    let labels = std::iter::once((&d.primary, AnnotationKind::Primary)).chain(
        d.related
            .iter()
            .map(|label| (label, AnnotationKind::Context)),
    );

    let mut snippets: Vec<FileSnippet<'_>> = Vec::new();
    let mut origin = None;
    let mut notes = Vec::new();
    for (label, kind) in labels {
        let text = files.text(label.file);
        match byte_range(text, label.span) {
            Some(range) => {
                let index = match snippets.iter().position(|s| s.file == label.file) {
                    Some(index) => index,
                    None => {
                        snippets.push(FileSnippet {
                            file: label.file,
                            text,
                            marks: Vec::new(),
                        });
                        snippets.len() - 1
                    }
                };
                let message = label.message.as_deref().map(normalize_untrusted_str);
                snippets[index].marks.push((range, kind, message));
            }
            None if kind == AnnotationKind::Primary => {
                origin = Some(primary_origin(label, files));
                if let Some(message) = &label.message {
                    notes.push(message.clone());
                }
            }
            None => notes.push(match &label.message {
                Some(message) => format!("{}: {message}", location(label, files)),
                None => format!("see {}", location(label, files)),
            }),
        }
    }

    let mut elements: Vec<Element<'_>> = Vec::new();
    elements.extend(origin.map(Element::from));
    elements.extend(
        snippets
            .into_iter()
            .map(|s| Element::from(s.into_snippet(files))),
    );
    elements.extend(
        notes
            .iter()
            .map(|note| Element::from(Level::NOTE.message(normalize_untrusted_str(note)))),
    );
    if let Some(help) = &d.help {
        elements.push(Level::HELP.message(normalize_untrusted_str(help)).into());
    }
    let title = level
        .primary_title(normalize_untrusted_str(&d.message))
        .id(d.code.as_str());
    let group = Group::with_title(title).elements(elements);
    renderer.render(&[group])
}

/// The `--> path:line:col` line for a primary span that has no source to show.
fn primary_origin<'a>(label: &Label, files: &Files<'_>) -> Origin<'a> {
    let origin = Origin::path(normalize_untrusted_str(&files.path(label.file)));
    if label.span.is_unknown() {
        origin
    } else {
        origin
            .line(label.span.line as usize)
            .char_column(label.span.column.max(1) as usize)
    }
}

/// `path:line:col`, or just the path when the span is unknown.
pub(super) fn location(label: &Label, files: &Files<'_>) -> String {
    let path = files.path(label.file);
    if label.span.is_unknown() {
        path
    } else {
        format!("{path}:{}:{}", label.span.line, label.span.column.max(1))
    }
}

/// The spans that fall in one file, shown as one snippet.
struct FileSnippet<'t> {
    file: FileId,
    text: &'t str,
    /// Byte ranges in `text`, with their labels made safe for a terminal.
    marks: Vec<(Range<usize>, AnnotationKind, Option<String>)>,
}

impl<'t> FileSnippet<'t> {
    /// Only the lines the spans touch (unmarked lines between two distant
    /// spans are folded by the renderer), so a snippet never shows a whole file.
    fn into_snippet(self, files: &Files<'_>) -> Snippet<'t, annotate_snippets::Annotation<'t>> {
        let first = self.marks.iter().map(|(r, ..)| r.start).min().unwrap_or(0);
        let last = self.marks.iter().map(|(r, ..)| r.end).max().unwrap_or(0);
        let start = self.text[..first].rfind('\n').map_or(0, |i| i + 1);
        let end = content_end(self.text, last);
        let line = self.text[..start].matches('\n').count() + 1;
        let annotations = self.marks.into_iter().map(|(range, kind, message)| {
            kind.span(range.start - start..range.end - start)
                .label(message)
        });
        Snippet::source(&self.text[start..end])
            .line_start(line)
            .path(normalize_untrusted_str(&files.path(self.file)))
            .annotations(annotations)
    }
}

/// The byte range a span covers in `text`, or `None` when there is nothing to
/// show: an unknown span, a file without text (binary, unreadable) or a line
/// past the end of the file. Lines and columns count characters, so multi-byte
/// UTF-8 never splits; a column past the end of its line points just after
/// the line's last character. Line breaks at the end of a span are left out,
/// so `\r\n` never spills the underline onto the next line.
pub(crate) fn byte_range(text: &str, span: Span) -> Option<Range<usize>> {
    if span.is_unknown() || text.is_empty() {
        return None;
    }
    let line_start = match span.line {
        1 => 0,
        n => text.match_indices('\n').nth(n as usize - 2)?.0 + 1,
    };
    let line_end = content_end(text, line_start);
    let line = &text[line_start..line_end];
    let skip = span.column.saturating_sub(1) as usize;
    let Some((offset, _)) = line.char_indices().nth(skip) else {
        // At or past the end of the line: point just after its last character.
        return Some(line_end..line_end);
    };
    let start = line_start + offset;
    let mut end = text[start..]
        .char_indices()
        .nth(span.len as usize)
        .map_or(text.len(), |(i, _)| start + i);
    while end > start && matches!(text.as_bytes()[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    Some(start..end)
}

/// Where the line holding byte `at` ends, before its `\n` or `\r\n`.
fn content_end(text: &str, at: usize) -> usize {
    match text[at..].find('\n') {
        Some(i) if i > 0 && text.as_bytes()[at + i - 1] == b'\r' => at + i - 1,
        Some(i) => at + i,
        None => text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use crate::model::SourceFile;

    const GOAL: &str = "\
---
id: faster-onboarding
owner: alcie
aligns_to: company-growth
---
New hires ship in their first week.
";
    const ALICE: &str = "id: alice\nname: Alice\n";

    use super::super::test_sources as sources;

    fn render(sources: &[SourceFile], diagnostics: &[Diagnostic]) -> String {
        let files = Files::new(sources, String::new());
        let summary = Summary::of(diagnostics, sources.len());
        human(diagnostics, &files, &summary, false)
    }

    fn unknown_owner() -> Diagnostic {
        Diagnostic::new(
            Code::UnknownReference,
            FileId(0),
            Span::new(3, 8, 5),
            "owner `alcie` is not a person in this org",
        )
        .label("no person with this id")
        .help("did you mean `alice`?")
    }

    #[test]
    fn underlines_the_value_with_its_label_and_help() {
        let sources = sources(&[("goals/2026-Q4/faster-onboarding.md", GOAL)]);
        insta::assert_snapshot!(render(&sources, &[unknown_owner()]), @r"
            error[unknown-reference]: owner `alcie` is not a person in this org
             --> goals/2026-Q4/faster-onboarding.md:3:8
              |
            3 | owner: alcie
              |        ^^^^^ no person with this id
              |
              = help: did you mean `alice`?

            error: check failed with 1 error in 1 file
            ");
    }

    #[test]
    fn the_path_prefix_is_shown() {
        let sources = sources(&[("goals/2026-Q4/faster-onboarding.md", GOAL)]);
        let files = Files::new(&sources, "example-org/".to_owned());
        let diagnostics = [unknown_owner()];
        let summary = Summary::of(&diagnostics, 1);
        let out = human(&diagnostics, &files, &summary, false);
        assert!(out.contains(" --> example-org/goals/2026-Q4/faster-onboarding.md:3:8\n"));
    }

    #[cfg(not(windows))] // annotate-snippets picks other colors for the Windows console
    #[test]
    fn color_styles_the_header_the_underline_and_the_closing_line() {
        let sources = sources(&[("goals/2026-Q4/faster-onboarding.md", GOAL)]);
        let diagnostics = [unknown_owner()];
        let files = Files::new(&sources, String::new());
        let summary = Summary::of(&diagnostics, 1);
        let out = human(&diagnostics, &files, &summary, true).replace('\u{1b}', "␛");
        insta::assert_snapshot!(out, @r"
            ␛[1m␛[91merror[unknown-reference]␛[0m␛[1m: owner `alcie` is not a person in this org␛[0m
             ␛[1m␛[94m--> ␛[0mgoals/2026-Q4/faster-onboarding.md:3:8
              ␛[1m␛[94m|␛[0m
            ␛[1m␛[94m3␛[0m ␛[1m␛[94m|␛[0m owner: alcie
              ␛[1m␛[94m|␛[0m        ␛[1m␛[91m^^^^^␛[0m ␛[1m␛[91mno person with this id␛[0m
              ␛[1m␛[94m|␛[0m
              ␛[1m␛[94m= ␛[0m␛[1mhelp␛[0m: did you mean `alice`?

            ␛[1m␛[91merror␛[0m␛[1m: check failed with 1 error in 1 file␛[0m
            ");
    }

    #[test]
    fn without_color_there_is_no_escape_sequence_even_from_hostile_text() {
        let hostile = "id: x\u{1b}[2J\nowner: \u{1b}]8;;http://evil\u{7}bob\n";
        let sources = sources(&[("people/x\u{1b}[31m.yaml", hostile)]);
        let diagnostics = [Diagnostic::new(
            Code::UnknownReference,
            FileId(0),
            Span::new(2, 8, 20),
            "owner `\u{1b}[31mbob` is not a person",
        )
        .label("label \u{1b}[1m")
        .related(FileId(0), Span::new(1, 1, 8), "related \u{1b}[1m")
        .help("help \u{1b}[1m")];
        let out = render(&sources, &diagnostics);
        assert!(!out.contains('\u{1b}'), "{out}");
        assert!(!out.contains('\u{7}'), "{out}");
    }

    #[test]
    fn related_span_in_the_same_file_shares_the_snippet() {
        let text = "id: alice\nname: Alice\nemail: a@example.com\nname: Alicia\n";
        let sources = sources(&[("people/alice.yaml", text)]);
        let diagnostics = [Diagnostic::new(
            Code::DuplicateKey,
            FileId(0),
            Span::new(4, 1, 4),
            "`name` appears twice",
        )
        .label("second `name`")
        .related(FileId(0), Span::new(2, 1, 4), "first `name`")
        .help("remove one of them")];
        insta::assert_snapshot!(render(&sources, &diagnostics), @r"
            error[duplicate-key]: `name` appears twice
             --> people/alice.yaml:4:1
              |
            2 | name: Alice
              | ---- first `name`
            3 | email: a@example.com
            4 | name: Alicia
              | ^^^^ second `name`
              |
              = help: remove one of them

            error: check failed with 1 error in 1 file
            ");
    }

    #[test]
    fn related_span_in_another_file_gets_its_own_snippet() {
        let sources = sources(&[
            ("people/alice.yaml", ALICE),
            (
                "teams/alice.yaml",
                "id: alice\nname: Team Alice\nlead: bob\n",
            ),
        ]);
        let diagnostics = [Diagnostic::new(
            Code::DuplicateId,
            FileId(1),
            Span::new(1, 5, 5),
            "id `alice` is used twice",
        )
        .label("this team")
        .related(FileId(0), Span::new(1, 5, 5), "this person")
        .help("rename one; ids are unique across people, teams and plans")];
        insta::assert_snapshot!(render(&sources, &diagnostics), @r"
            error[duplicate-id]: id `alice` is used twice
             --> teams/alice.yaml:1:5
              |
            1 | id: alice
              |     ^^^^^ this team
              |
             ::: people/alice.yaml:1:5
              |
            1 | id: alice
              |     ----- this person
              |
              = help: rename one; ids are unique across people, teams and plans

            error: check failed with 1 error in 2 files
            ");
    }

    #[test]
    fn multi_byte_characters_and_crlf_keep_the_underline_aligned() {
        let text = "id: ünal\r\nname: Ünal Çelik 🚀\r\nteam: plätform-🚀\r\n";
        let sources = sources(&[("people/ünal.yaml", text)]);
        let diagnostics = [
            Diagnostic::new(
                Code::UnknownReference,
                FileId(0),
                Span::new(3, 7, 10),
                "team `plätform-🚀` does not exist",
            )
            .label("no team with this id")
            .related(FileId(0), Span::new(2, 7, 12), "the name, for reference"),
            Diagnostic::new(
                Code::InvalidId,
                FileId(0),
                Span::new(1, 5, 4),
                "id `ünal` is not a lowercase ASCII slug",
            ),
        ];
        insta::assert_snapshot!(render(&sources, &diagnostics), @r"
            error[unknown-reference]: team `plätform-🚀` does not exist
             --> people/ünal.yaml:3:7
              |
            2 | name: Ünal Çelik 🚀
              |       ------------- the name, for reference
            3 | team: plätform-🚀
              |       ^^^^^^^^^^^ no team with this id

            error[invalid-id]: id `ünal` is not a lowercase ASCII slug
             --> people/ünal.yaml:1:5
              |
            1 | id: ünal
              |     ^^^^

            error: check failed with 2 errors in 1 file
            ");
    }

    #[test]
    fn zero_length_span_points_at_its_column() {
        let text = "id: alice\nname:\nteams: [platform]\n";
        let sources = sources(&[("people/alice.yaml", text)]);
        let diagnostics = [Diagnostic::new(
            Code::WrongType,
            FileId(0),
            Span::new(2, 6, 0),
            "`name` is empty",
        )
        .label("expected text here")];
        insta::assert_snapshot!(render(&sources, &diagnostics), @r"
            error[wrong-type]: `name` is empty
             --> people/alice.yaml:2:6
              |
            2 | name:
              |      ^ expected text here

            error: check failed with 1 error in 1 file
            ");
    }

    #[test]
    fn multi_line_span_marks_where_it_starts_and_ends() {
        let text = "id: alice\nname: >\n  Alice\n  Smith\nstatus: active\n";
        let sources = sources(&[("people/alice.yaml", text)]);
        let diagnostics = [Diagnostic::new(
            Code::WrongType,
            FileId(0),
            Span::new(2, 7, 18),
            "`name` must fit on one line",
        )
        .label("a folded block")];
        insta::assert_snapshot!(render(&sources, &diagnostics), @r"
            error[wrong-type]: `name` must fit on one line
             --> people/alice.yaml:2:7
              |
            2 |   name: >
              |  _______^
            3 | |   Alice
            4 | |   Smith
              | |_______^ a folded block

            error: check failed with 1 error in 1 file
            ");
    }

    #[test]
    fn file_without_text_shows_the_location_without_a_snippet() {
        let sources = sources(&[("people/photo.yaml", ""), ("people/alice.yaml", ALICE)]);
        let diagnostics = [
            Diagnostic::new(
                Code::NotText,
                FileId(0),
                Span::new(1, 1, 0),
                "`people/photo.yaml` is not UTF-8 text",
            )
            .label("binary content")
            .help("move binary files out of the org's folders"),
            Diagnostic::new(
                Code::UnreadableFile,
                FileId(0),
                Span::default(),
                "`people/photo.yaml` cannot be read",
            ),
            Diagnostic::new(
                Code::DuplicateId,
                FileId(1),
                Span::new(1, 5, 5),
                "id `alice` is used twice",
            )
            .related(FileId(0), Span::new(1, 5, 5), "also claimed here")
            .related(FileId(0), Span::default(), "and somewhere in here"),
        ];
        insta::assert_snapshot!(render(&sources, &diagnostics), @r"
            error[not-text]: `people/photo.yaml` is not UTF-8 text
            --> people/photo.yaml:1:1
             = note: binary content
             = help: move binary files out of the org's folders

            error[unreadable-file]: `people/photo.yaml` cannot be read
            --> people/photo.yaml

            error[duplicate-id]: id `alice` is used twice
             --> people/alice.yaml:1:5
              |
            1 | id: alice
              |     ^^^^^
              |
              = note: people/photo.yaml:1:5: also claimed here
              = note: people/photo.yaml: and somewhere in here

            error: check failed with 3 errors in 2 files
            ");
    }

    #[test]
    fn span_past_the_end_of_the_file_shows_the_location_only() {
        let sources = sources(&[("people/alice.yaml", ALICE)]);
        let diagnostics = [Diagnostic::new(
            Code::MissingField,
            FileId(0),
            Span::new(9, 1, 3),
            "missing field `status`",
        )];
        insta::assert_snapshot!(render(&sources, &diagnostics), @r"
            error[missing-field]: missing field `status`
            --> people/alice.yaml:9:1

            error: check failed with 1 error in 1 file
            ");
    }

    #[test]
    fn closing_line_says_whether_the_check_failed() {
        let line = |errors, warnings| {
            let summary = Summary {
                files: 42,
                errors,
                warnings,
                notices: 0,
            };
            closing_line(&summary, false)
        };
        insta::assert_snapshot!(
            [line(3, 1), line(1, 0), line(0, 2), line(0, 0)].join("\n"),
            @r"
            error: check failed with 3 errors, 1 warning in 42 files
            error: check failed with 1 error in 42 files
            warning: no errors, 2 warnings in 42 files
            ok: check passed, no problems in 42 files
            "
        );
    }

    #[test]
    fn notices_are_counted_but_never_fail_the_check() {
        let line = |errors, warnings, notices| {
            let summary = Summary {
                files: 42,
                errors,
                warnings,
                notices,
            };
            closing_line(&summary, false)
        };
        insta::assert_snapshot!(
            [line(1, 0, 2), line(0, 1, 1), line(0, 0, 1)].join("\n"),
            @r"
            error: check failed with 1 error, 2 notices in 42 files
            warning: no errors, 1 warning, 1 notice in 42 files
            ok: check passed, 1 notice in 42 files
            "
        );
    }

    #[test]
    fn no_diagnostics_is_just_the_closing_line() {
        let sources = sources(&[("people/alice.yaml", ALICE)]);
        assert_eq!(
            render(&sources, &[]),
            "ok: check passed, no problems in 1 file\n"
        );
    }

    #[test]
    fn unknown_primary_span_still_shows_related_spans_in_its_file() {
        let text = "id: bob\nname: Bob\n";
        let sources = sources(&[("people/alice.yaml", text)]);
        let diagnostics = [Diagnostic::new(
            Code::FileNameMismatch,
            FileId(0),
            Span::default(),
            "`people/alice.yaml` holds id `bob`",
        )
        .label("the whole file")
        .related(FileId(0), Span::new(1, 5, 3), "the id")
        .help("rename the file to `people/bob.yaml`")];
        insta::assert_snapshot!(render(&sources, &diagnostics), @r"
            warning[file-name-mismatch]: `people/alice.yaml` holds id `bob`
             --> people/alice.yaml
              |
             ::: people/alice.yaml:1:5
              |
            1 | id: bob
              |     --- the id
              |
              = note: the whole file
              = help: rename the file to `people/bob.yaml`

            warning: no errors, 1 warning in 1 file
            ");
    }

    #[test]
    fn tabs_are_expanded_and_the_underline_follows() {
        let text = "id: x\n\tteam:\tplatform\n";
        let sources = sources(&[("people/x.yaml", text)]);
        let diagnostics = [
            Diagnostic::new(
                Code::YamlSyntax,
                FileId(0),
                Span::new(2, 1, 1),
                "a tab indents this line",
            )
            .label("tab"),
            Diagnostic::new(
                Code::UnknownReference,
                FileId(0),
                Span::new(2, 8, 8),
                "team `platform` does not exist",
            ),
        ];
        insta::assert_snapshot!(render(&sources, &diagnostics), @r"
            error[yaml-syntax]: a tab indents this line
             --> people/x.yaml:2:1
              |
            2 |     team:    platform
              | ^^^^ tab

            error[unknown-reference]: team `platform` does not exist
             --> people/x.yaml:2:8
              |
            2 |     team:    platform
              |              ^^^^^^^^

            error: check failed with 2 errors in 1 file
            ");
    }

    #[test]
    fn warnings_render_as_warnings() {
        let sources = sources(&[("people/alice.yaml", ALICE)]);
        let diagnostics = [Diagnostic::new(
            Code::FileNameMismatch,
            FileId(0),
            Span::new(1, 5, 5),
            "`people/alice.yaml` holds id `alice`",
        )];
        insta::assert_snapshot!(render(&sources, &diagnostics), @r"
            warning[file-name-mismatch]: `people/alice.yaml` holds id `alice`
             --> people/alice.yaml:1:5
              |
            1 | id: alice
              |     ^^^^^

            warning: no errors, 1 warning in 1 file
            ");
    }

    #[test]
    fn notices_render_as_notices_and_the_check_passes() {
        let text =
            "---\nid: growth-q4\ndepends_on:\n  - on: platform-sso\n    need_by: 2026-11-15\n---\n";
        let sources = sources(&[("initiatives/growth-q4.md", text)]);
        let diagnostics = [Diagnostic::new(
            Code::NewCrossTeamDependency,
            FileId(0),
            Span::new(4, 9, 12),
            "`growth-q4` (growth) now waits on `platform-sso` (platform)",
        )
        .label("new dependency on platform")
        .help("ask platform's lead kenji (@kenji-w) to review")];
        insta::assert_snapshot!(render(&sources, &diagnostics), @r"
            notice[new-cross-team-dependency]: `growth-q4` (growth) now waits on `platform-sso` (platform)
             --> initiatives/growth-q4.md:4:9
              |
            4 |   - on: platform-sso
              |         ^^^^^^^^^^^^ new dependency on platform
              |
              = help: ask platform's lead kenji (@kenji-w) to review

            ok: check passed, 1 notice in 1 file
            ");
    }

    #[test]
    fn byte_range_counts_characters_not_bytes() {
        let text = "a: ü€🚀x\r\nb: y\n";
        // `x` is the 7th character of line 1 and starts at byte 12.
        assert_eq!(byte_range(text, Span::new(1, 7, 1)), Some(12..13));
        assert_eq!(&text[byte_range(text, Span::new(1, 4, 3)).unwrap()], "ü€🚀");
        assert_eq!(&text[byte_range(text, Span::new(2, 4, 1)).unwrap()], "y");
    }

    #[test]
    fn byte_range_leaves_line_breaks_out() {
        let text = "a: x\r\nb: y\n";
        // The value and its CRLF: the underline stops before `\r`.
        assert_eq!(byte_range(text, Span::new(1, 4, 3)), Some(3..4));
        // A span that starts at the end of a line points there.
        assert_eq!(byte_range(text, Span::new(1, 5, 0)), Some(4..4));
        assert_eq!(byte_range(text, Span::new(2, 4, 2)), Some(9..10));
    }

    #[test]
    fn byte_range_clamps_what_it_can_and_gives_up_on_the_rest() {
        let text = "a: x\nb: y\n";
        // Column past the end of its line: the line's end, nothing underlined.
        assert_eq!(byte_range(text, Span::new(1, 40, 3)), Some(4..4));
        // Column 0 reads as column 1.
        assert_eq!(byte_range(text, Span::new(2, 0, 1)), Some(5..6));
        // Length past the end of the file stops there (and before its newline).
        assert_eq!(byte_range(text, Span::new(2, 4, 99)), Some(8..9));
        // The empty line after the last newline exists; the one after does not.
        assert_eq!(byte_range(text, Span::new(3, 1, 0)), Some(10..10));
        assert_eq!(byte_range(text, Span::new(4, 1, 0)), None);
        assert_eq!(byte_range(text, Span::new(u32::MAX, 1, 0)), None);
        // Unknown spans and files without text.
        assert_eq!(byte_range(text, Span::default()), None);
        assert_eq!(byte_range("", Span::new(1, 1, 0)), None);
        // A span across lines keeps its inner line break.
        assert_eq!(
            &text[byte_range(text, Span::new(1, 4, 5)).unwrap()],
            "x\nb: "
        );
    }
}
