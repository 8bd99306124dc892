//! YAML → typed values through serde-saphyr, with resource budgets, and its
//! errors turned into diagnostics.

use serde::de::DeserializeOwned;
use serde_saphyr::{Budget, Error as YamlError, Options};

use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::model::{FileId, Span};

/// Limits far above any real plan file and far below what hurts: a hostile
/// file fails in milliseconds with bounded memory.
fn options() -> Options {
    let mut options = Options::default();
    options.with_snippet = false;
    let mut budget = Budget::default();
    budget.max_depth = 64;
    budget.max_nodes = 100_000;
    budget.max_events = 400_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_total_scalar_bytes = 4 * 1024 * 1024;
    options.budget = Some(budget);
    options
}

/// Parses `text` into `T`, or reports the first error in it.
pub fn parse<T: DeserializeOwned>(text: &str, file: FileId) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| to_diagnostic(&e, file))
}

fn to_diagnostic(error: &YamlError, file: FileId) -> Diagnostic {
    let error = error.without_snippet();
    let span = error
        .location()
        .map(Span::from_location)
        .unwrap_or_default();
    let span = if span.is_unknown() {
        Span::new(1, 1, 0)
    } else {
        span
    };
    let (code, message, help) = describe(error);
    Diagnostic::new(code, file, span, message).help_opt(help)
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
        YamlError::Unexpected { expected, .. } => (
            Code::WrongType,
            format!("expected {}", expected.replace("string scalar", "text")),
            None,
        ),
        YamlError::NullIntoString { .. } => (
            Code::WrongType,
            "expected text, found an empty value".to_owned(),
            Some("write a value, or quote it (`\"\"`) if it really is empty".to_owned()),
        ),
        YamlError::Budget { breach, .. } => (
            Code::YamlTooComplex,
            format!("YAML exceeds orgit's safety limits ({breach:?})"),
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
