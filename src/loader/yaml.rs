//! YAML → typed values through serde-saphyr, with resource budgets, and its
//! errors turned into diagnostics.

use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Budget, Error as YamlError, Options};

use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::model::{FileId, Span};

// Limits far above any real plan file and far below what hurts: a hostile
// file fails in milliseconds with bounded memory.
const MAX_DEPTH: usize = 64;
const MAX_NODES: usize = 100_000;
const MAX_EVENTS: usize = 400_000;
const MAX_ALIASES: usize = 1_000;
const MAX_ANCHORS: usize = 1_000;
const MAX_SCALAR_BYTES: usize = 4 * 1024 * 1024;

/// Parser options with the limits above.
fn options() -> Options {
    let mut options = Options::default();
    options.with_snippet = false;
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_events = MAX_EVENTS;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ANCHORS;
    budget.max_total_scalar_bytes = MAX_SCALAR_BYTES;
    options.budget = Some(budget);
    options
}

/// Which limit a file broke, in words (the breach's `Debug` is for developers).
fn breach_text(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Depth { .. } => format!("nested deeper than {MAX_DEPTH} levels"),
        BudgetBreach::Nodes { .. } => {
            format!("more than {MAX_NODES} values once aliases are expanded")
        }
        BudgetBreach::Events { .. } => format!("more than {MAX_EVENTS} YAML events"),
        BudgetBreach::Aliases { .. } => format!("more than {MAX_ALIASES} aliases"),
        BudgetBreach::Anchors { .. } => format!("more than {MAX_ANCHORS} anchors"),
        BudgetBreach::ScalarBytes { .. } => format!(
            "more than {} MiB of text once aliases are expanded",
            MAX_SCALAR_BYTES / (1024 * 1024)
        ),
        BudgetBreach::AliasAnchorRatio { .. } => "far more aliases than anchors".to_owned(),
        other => format!("{other:?}"),
    }
}

/// Parses `text` into `T`, or reports the first error in it.
pub fn parse<T: DeserializeOwned>(text: &str, file: FileId) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| to_diagnostic(&e, text, file))
}

fn to_diagnostic(error: &YamlError, text: &str, file: FileId) -> Diagnostic {
    if is_empty_document(text) {
        // An empty file, only comments, or only `---`: the parser says "end of
        // input" or "expected mapping start" depending on which; one message.
        return Diagnostic::new(
            Code::WrongType,
            file,
            Span::new(1, 1, 0),
            "expected a mapping of `key: value` fields, found an empty document",
        )
        .help("write the fields as `key: value` lines");
    }
    // The location of an error raised while replaying an alias is where the
    // alias is used (`reference_location`), which is in this file's text.
    let span = error
        .location()
        .map(Span::from_location)
        .unwrap_or_default();
    let span = if span.is_unknown() {
        Span::new(1, 1, 0)
    } else {
        span
    };
    let error = innermost(error);
    let (code, message, help) = describe(error);
    let about_tabs = message
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word == "tab" || word == "tabs");
    let span = if code == Code::YamlSyntax && about_tabs {
        tab_at_or_after(text, span.line).unwrap_or(span)
    } else {
        span
    };
    Diagnostic::new(code, file, span, message).help_opt(help)
}

/// The error itself, without the snippet and alias wrappers around it.
fn innermost(mut error: &YamlError) -> &YamlError {
    while let YamlError::WithSnippet { error: inner, .. }
    | YamlError::AliasError { error: inner, .. } = error
    {
        error = inner;
    }
    error
}

/// True when `text` holds no YAML node: blank lines, comments, `---`, `...`.
fn is_empty_document(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

/// The first tab in a line's indentation at or after `line`. The parser
/// reports tab errors where it noticed them (after the tab, or at the end of
/// the previous value); the tab itself is what the user must change.
fn tab_at_or_after(text: &str, line: u32) -> Option<Span> {
    text.lines()
        .enumerate()
        .skip(line.saturating_sub(1) as usize)
        .find_map(|(index, content)| {
            let column = content
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .position(|c| c == '\t')?;
            Some(Span::new(index as u32 + 1, column as u32 + 1, 1))
        })
}

fn describe(error: &YamlError) -> (Code, String, Option<String>) {
    match error {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => {
            let help = match did_you_mean(field, expected.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("known fields here: {}", expected.join(", ")),
            };
            (
                Code::UnknownField,
                format!("unknown field `{field}`"),
                Some(help),
            )
        }
        YamlError::SerdeMissingField { field, .. } => (
            Code::MissingField,
            format!("missing required field `{field}`"),
            Some(format!("add `{field}:` to this mapping")),
        ),
        YamlError::DuplicateMappingKey { key, .. } => (
            Code::DuplicateKey,
            match key {
                Some(key) => format!("`{key}` appears twice in this mapping"),
                None => "a key appears twice in this mapping".to_owned(),
            },
            Some("remove one of them; YAML keeps only one value per key".to_owned()),
        ),
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let help = match did_you_mean(variant, expected.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("expected one of: {}", expected.join(", ")),
            };
            (
                Code::InvalidValue,
                format!("`{variant}` is not an allowed value"),
                Some(help),
            )
        }
        YamlError::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => (
            Code::WrongType,
            format!("expected {expected}, found {unexpected}"),
            None,
        ),
        YamlError::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            Code::InvalidValue,
            format!("expected {expected}, found {unexpected}"),
            None,
        ),
        YamlError::Unexpected { expected, .. } => {
            // The parser names events ("mapping start"); users write values.
            let expected = match *expected {
                "string scalar" => "text",
                "mapping start" => "a mapping of `key: value` fields",
                "sequence start" => "a list",
                other => other,
            };
            (Code::WrongType, format!("expected {expected}"), None)
        }
        YamlError::NullIntoString { .. } => (
            Code::WrongType,
            "expected text, found an empty value".to_owned(),
            Some("write a value, or quote it (`\"\"`) if it really is empty".to_owned()),
        ),
        YamlError::Budget { breach, .. } => (
            Code::YamlTooComplex,
            format!(
                "YAML exceeds orgit's safety limits: {}",
                breach_text(breach)
            ),
            Some(
                "write values out instead of using anchors and aliases, and keep nesting shallow"
                    .to_owned(),
            ),
        ),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => (
            Code::YamlTooComplex,
            "YAML aliases expand beyond orgit's safety limits".to_owned(),
            Some("write values out instead of using anchors and aliases".to_owned()),
        ),
        YamlError::MultipleDocuments { .. } => (
            Code::YamlSyntax,
            "a second YAML document starts here; orgit reads one per file".to_owned(),
            Some("remove the `---` line, or move what follows into its own file".to_owned()),
        ),
        YamlError::Message { msg, .. } => classify_message(msg),
        other => {
            let text = strip_location(&other.to_string());
            if text.contains("recursion limit") {
                (
                    Code::YamlTooComplex,
                    "YAML is nested deeper than orgit's safety limit".to_owned(),
                    Some("plan files need only a few levels of nesting".to_owned()),
                )
            } else {
                (Code::YamlSyntax, text, None)
            }
        }
    }
}

/// Messages our own value types raise (dates, periods, weeks) carry their code
/// in their first words.
fn classify_message(message: &str) -> (Code, String, Option<String>) {
    let message = strip_location(message);
    let code = if message.starts_with("invalid date") {
        Code::InvalidDate
    } else if message.starts_with("invalid period") || message.starts_with("invalid week") {
        Code::InvalidPeriod
    } else if message.contains("recursion limit") {
        Code::YamlTooComplex
    } else {
        Code::InvalidValue
    };
    match message.split_once(": ") {
        Some((what, how)) if code != Code::InvalidValue => {
            (code, what.to_owned(), Some(how.to_owned()))
        }
        _ => (code, message, None),
    }
}

/// serde-saphyr appends " at line L, column C" to its messages; orgit shows
/// locations itself.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
