//! The report templates: built-ins embedded in the binary, overridden by the
//! org's own `templates/*.j2`.
//!
//! Templates only format: each report builds a plain serializable data model
//! first (documented in docs/digest.md, docs/reviews.md and docs/diff.md, and printed as is by
//! `--format json`), and a template turns it into markdown. Undefined values
//! are errors, never silently empty text, so a typo in a field name fails the
//! run instead of shipping a digest with holes.
//!
//! A template from the repository is code anyone with commit access wrote, run
//! on CI machines: it renders with a fuel limit (a bound on the engine's steps,
//! so a loop that never ends stops with an error) and a cap on output size, and
//! override files themselves have a size limit.
//!
//! # Filters
//!
//! Registered for built-ins and overrides alike. Every filter renders a missing
//! value (`none`) as `—`, as `{{ }}` does; an undefined value (a misspelt
//! field) is an error in a filter too.
//!
//! | filter | input | output |
//! |---|---|---|
//! | `percent` | a share, `0.4567` | `46%` |
//! | `signed` / `signed(d)` | a number, `3`, `-2.5`, `0` | `+3`, `-2.5`, `±0` (formatted like `number`) |
//! | `number` / `number(d)` | `12000`, `0.5`, `0.1 + 0.2` | `12,000`, `0.5`, `0.3`: thousands separated, at most `d` decimals (6 when not given), no trailing zeros |
//! | `sparkline` / `sparkline(min, max)` | a list of numbers, `none` for gaps | `▁▃▅█`, one block per value, `·` for a gap; the scale is the list's own range unless `min` and `max` fix it (values outside are clamped); a flat list draws `▄` |
//! | `bar` / `bar(width)` | a share, `0.5` | `█████░░░░░`: `width` cells (10 when not given, at most 100), clamped to 0..1 |
//! | `cell` | any text | the text safe inside a markdown table cell: whitespace runs (newlines too) become one space, ends trimmed, `\|` and `\\` escaped, `<` and `>` as entities, and `&` where it would start an entity (no HTML gets into GitHub-rendered markdown; `R&D` stays as is) |
//! | `date_short` | `"2026-11-20"` | `Nov 20` |

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::path::Path;
use std::sync::Arc;

use git2::ObjectType;
use indicatif::{HumanCount, HumanFloatCount};
use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::source::OrgRepository;
use crate::source::git::{Blob, read_capped};

/// The built-in templates, by name: the repository's top-level `templates/`.
const BUILTINS: &[(&str, &str)] = &[
    ("agenda.md.j2", include_str!("../../templates/agenda.md.j2")),
    ("diff.md.j2", include_str!("../../templates/diff.md.j2")),
    ("digest.md.j2", include_str!("../../templates/digest.md.j2")),
    ("review.md.j2", include_str!("../../templates/review.md.j2")),
    ("remind.md.j2", include_str!("../../templates/remind.md.j2")),
];

/// The folder under the org root whose `*.j2` files override the built-ins.
pub const OVERRIDES_DIR: &str = "templates";

/// Engine steps a template from the repository may take. Measured: the
/// built-in digest over data 125 times that of `example-org` (40 people, so
/// about 5,000) takes 1.5 million; a table of 5,000 rows grouped by scanning
/// all rows once per team, for 500 teams, 23 million. A loop that never ends
/// runs out in about a second.
pub const FUEL: u64 = 50_000_000;

/// Bytes a template from the repository may produce: seven times the
/// built-in digest over that same 5,000-person data (2.3 MB), which already
/// lists every goal and every change of a week when history starts.
pub const MAX_OUTPUT_BYTES: usize = 16 * 1024 * 1024;

/// Size of one override file.
pub const MAX_TEMPLATE_BYTES: u64 = 256 * 1024;

/// Override files read from one org.
pub const MAX_TEMPLATE_FILES: usize = 100;

/// Where a template's text came from, for error messages.
#[derive(Debug, Clone)]
enum Origin {
    BuiltIn,
    /// Path relative to the org root, `/`-separated.
    Org(String),
}

#[derive(Debug)]
struct TemplateText {
    text: String,
    origin: Origin,
}

/// The report templates: built-ins embedded in the binary, overridden by the
/// org's `templates/*.j2`.
pub struct Templates {
    env: Environment<'static>,
    texts: Arc<BTreeMap<String, TemplateText>>,
    /// Whether any template came from the org: then every render is bounded,
    /// since a built-in may include an overridden part.
    bounded: bool,
}

impl Templates {
    /// The built-in templates only.
    pub fn builtin() -> Templates {
        Templates::with_overrides(Vec::new())
    }

    /// Built-ins plus the org's overrides: every `*.j2` file directly in
    /// `<org_root>/templates/`, read from the working tree, or from git at
    /// `revision` when given (the same `--at` the org was read from). A file
    /// named like a built-in replaces it; others can be included or imported.
    pub fn for_org(org_root: &Path, revision: Option<&str>) -> Result<Templates> {
        let overrides = match revision {
            None => read_worktree_overrides(org_root)?,
            Some(revision) => read_git_overrides(org_root, revision)?,
        };
        Ok(Templates::with_overrides(overrides))
    }

    /// Built-ins plus `(file name, text)` overrides.
    fn with_overrides(overrides: Vec<(String, String)>) -> Templates {
        let mut texts: BTreeMap<String, TemplateText> = BUILTINS
            .iter()
            .map(|&(name, text)| {
                let text = TemplateText {
                    text: text.to_owned(),
                    origin: Origin::BuiltIn,
                };
                (name.to_owned(), text)
            })
            .collect();
        let bounded = !overrides.is_empty();
        for (name, text) in overrides {
            let origin = Origin::Org(format!("{OVERRIDES_DIR}/{name}"));
            texts.insert(name, TemplateText { text, origin });
        }
        let texts = Arc::new(texts);

        let mut env = text_environment();
        // Spans on errors in release builds too, to quote the failing expression.
        env.set_debug(true);
        if bounded {
            env.set_fuel(Some(FUEL));
        }
        let loader_texts = Arc::clone(&texts);
        env.set_loader(move |name| Ok(loader_texts.get(name).map(|t| t.text.clone())));
        env.set_formatter(format_value);
        register_filters(&mut env);
        Templates {
            env,
            texts,
            bounded,
        }
    }

    /// Renders `name` (e.g. `digest.md.j2`) with `context`, a report's data
    /// model. Errors name the template file and line, and how to fix them.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        if !self.texts.contains_key(name) {
            return Err(Error::new(format!("there is no template named `{name}`"))
                .hint(format!("templates: {}", self.names())));
        }
        let context = Value::from_serialize(context);
        let limit = if self.bounded {
            MAX_OUTPUT_BYTES
        } else {
            usize::MAX
        };
        let mut output = CappedWriter {
            bytes: Vec::new(),
            limit,
        };
        let rendered = self
            .env
            .get_template(name)
            .and_then(|template| template.render_captured_to(&context, &mut output));
        if let Err(error) = rendered {
            return Err(self.explain(name, &error, &context));
        }
        String::from_utf8(output.bytes)
            .map_err(|_| Error::new(format!("template `{name}` produced text that is not UTF-8")))
    }

    /// The known template names, comma-separated.
    fn names(&self) -> String {
        let names: Vec<&str> = self.texts.keys().map(String::as_str).collect();
        names.join(", ")
    }

    /// Turns an engine error into a message for the person who wrote the
    /// template (or, for a built-in, for whoever reports the bug).
    fn explain(&self, rendered: &str, error: &minijinja::Error, context: &Value) -> Error {
        // An error inside an included template arrives wrapped in one per
        // `{% include %}`; the innermost names the file and line to fix.
        let mut error = error;
        while let Some(inner) = std::error::Error::source(error)
            .and_then(|source| source.downcast_ref::<minijinja::Error>())
        {
            error = inner;
        }
        let failing = error.name().unwrap_or(rendered);
        let origin = self.texts.get(failing).map(|t| &t.origin);
        let mut place = match origin {
            Some(Origin::Org(path)) => format!("`{path}`"),
            Some(Origin::BuiltIn) => format!("the built-in template `{failing}`"),
            None => format!("template `{failing}`"),
        };
        if let Some(line) = error.line() {
            let _ = write!(place, " line {line}");
        }
        let hint_bug = || {
            "this is a bug in orgit's built-in template; please report it with the command you ran"
                .to_owned()
        };
        let built_in = matches!(origin, Some(Origin::BuiltIn));

        let (message, hint) = match error.kind() {
            ErrorKind::OutOfFuel => (
                format!(
                    "{place}: the template was stopped after {} steps of work",
                    HumanCount(FUEL)
                ),
                "look for a loop that never ends or that runs over far more than the report's data"
                    .to_owned(),
            ),
            ErrorKind::WriteFailure => (
                format!(
                    "{place}: the template was stopped after producing {} MiB, the limit",
                    MAX_OUTPUT_BYTES / (1024 * 1024)
                ),
                "look for a loop that repeats output without end".to_owned(),
            ),
            ErrorKind::SyntaxError | ErrorKind::BadEscape => (
                format!("syntax error in {place}: {}", describe(error)),
                "the template language is minijinja (Jinja2): https://docs.rs/minijinja/latest/minijinja/syntax/"
                    .to_owned(),
            ),
            ErrorKind::UndefinedError => (
                format!("{place}: {}", describe(error)),
                format!(
                    "the data has these top-level fields: {}; run the command with `--format json` to see every field (docs/digest.md, docs/diff.md)",
                    top_level_fields(context)
                ),
            ),
            ErrorKind::TemplateNotFound => (
                format!("{place}: {}", describe(error)),
                format!("templates: {}", self.names()),
            ),
            _ => (
                format!("{place}: {}", describe(error)),
                "see the data models in docs/digest.md and docs/diff.md; `--format json` prints them"
                    .to_owned(),
            ),
        };
        Error::new(message).hint(if built_in { hint_bug() } else { hint })
    }
}

/// What went wrong, with the failing expression quoted when the engine knows it.
/// The engine's settings for text files (reports, and the files `orgit init`
/// writes): a missing field is an error, not an empty string; nothing is
/// escaped by default, as the output is markdown or YAML (the `cell` filter
/// escapes where text lands in a table); block tags leave no blank lines.
pub(crate) fn text_environment<'source>() -> Environment<'source> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_keep_trailing_newline(true);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env
}

fn describe(error: &minijinja::Error) -> String {
    let mut text = error
        .detail()
        .map_or_else(|| error.kind().to_string(), str::to_owned);
    let source = error.template_source();
    let excerpt = error.range().and_then(|range| source?.get(range));
    if let Some(excerpt) = excerpt
        && !excerpt.contains('\n')
        && excerpt.len() <= 80
    {
        let _ = write!(text, " (at `{excerpt}`)");
    }
    text
}

fn top_level_fields(context: &Value) -> String {
    let fields: Vec<String> = match context.try_iter() {
        Ok(keys) if context.kind() == ValueKind::Map => keys.map(|k| k.to_string()).collect(),
        _ => Vec::new(),
    };
    if fields.is_empty() {
        "(none)".to_owned()
    } else {
        fields.join(", ")
    }
}

/// Collects output and fails the render once it passes `limit` bytes.
struct CappedWriter {
    bytes: Vec<u8>,
    limit: usize,
}

impl io::Write for CappedWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len().saturating_add(buf.len()) > self.limit {
            return Err(io::Error::other("template output limit reached"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `<org_root>/templates/*.j2` from the working tree.
fn read_worktree_overrides(org_root: &Path) -> Result<Vec<(String, String)>> {
    let dir = org_root.join(OVERRIDES_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let cannot_read = |e: io::Error| Error::new(format!("cannot read `{}`: {e}", dir.display()));
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(cannot_read)? {
        let entry = entry.map_err(cannot_read)?;
        if let Some(name) = entry.file_name().to_str()
            && is_template_name(name)
        {
            names.push(name.to_owned());
        }
    }
    names.sort();
    check_count(names.len())?;

    let mut overrides = Vec::new();
    for name in names {
        let shown = format!("{OVERRIDES_DIR}/{name}");
        let path = dir.join(&name);
        let fail = |e: io::Error| Error::new(format!("cannot read `{shown}`: {e}"));
        let meta = path.symlink_metadata().map_err(fail)?;
        if meta.file_type().is_symlink() {
            return Err(refuse_link(&shown));
        }
        if !meta.is_file() {
            continue;
        }
        check_size(&shown, meta.len())?;
        let bytes = std::fs::read(&path).map_err(fail)?;
        overrides.push((name, into_text(&shown, bytes)?));
    }
    Ok(overrides)
}

/// `<org_root>/templates/*.j2` as they were at `revision`.
fn read_git_overrides(org_root: &Path, revision: &str) -> Result<Vec<(String, String)>> {
    let opened = OrgRepository::discover(org_root, &format!("`--at {revision}`"))?;
    let repo = &opened.repo;
    let commit = opened.commit(revision)?;
    let Some(org_tree) = opened.org_tree_id(&commit)? else {
        return Ok(Vec::new());
    };
    let org_tree = repo.find_tree(org_tree)?;
    let Some(entry) = org_tree.get_name(OVERRIDES_DIR) else {
        return Ok(Vec::new());
    };
    if entry.kind() != Some(ObjectType::Tree) {
        return Ok(Vec::new());
    }
    let dir = repo.find_tree(entry.id())?;
    let entries: Vec<_> = dir
        .iter()
        .filter(|e| e.name().is_ok_and(is_template_name))
        .collect();
    check_count(entries.len())?;

    let mut overrides = Vec::new();
    for entry in entries {
        let Ok(name) = entry.name() else { continue };
        let shown = format!("{OVERRIDES_DIR}/{name}");
        if entry.filemode() == i32::from(git2::FileMode::Link) {
            return Err(refuse_link(&shown));
        }
        if entry.kind() != Some(ObjectType::Blob) {
            continue;
        }
        let bytes = match read_capped(repo, entry.id(), MAX_TEMPLATE_BYTES)? {
            Blob::Bytes(bytes) => bytes,
            Blob::TooLarge(size) => return Err(too_large(&shown, size)),
        };
        overrides.push((name.to_owned(), into_text(&shown, bytes)?));
    }
    Ok(overrides)
}

fn is_template_name(name: &str) -> bool {
    name.ends_with(".j2") && !name.starts_with('.')
}

fn check_count(count: usize) -> Result<()> {
    if count > MAX_TEMPLATE_FILES {
        return Err(Error::new(format!(
            "`{OVERRIDES_DIR}/` holds {count} templates; orgit reads at most {MAX_TEMPLATE_FILES}"
        ))
        .hint("keep only the templates your reports use"));
    }
    Ok(())
}

fn check_size(shown: &str, size: u64) -> Result<()> {
    if size > MAX_TEMPLATE_BYTES {
        return Err(too_large(shown, size));
    }
    Ok(())
}

fn too_large(shown: &str, size: u64) -> Error {
    Error::new(format!(
        "template `{shown}` is {} bytes; orgit reads templates up to {} KiB",
        HumanCount(size),
        MAX_TEMPLATE_BYTES / 1024
    ))
    .hint("split it into smaller templates with `{% include %}` or `{% import %}`")
}

fn refuse_link(shown: &str) -> Error {
    Error::new(format!("template `{shown}` is a symbolic link"))
        .hint("orgit reads templates only from plain files; copy the file instead of linking it")
}

fn into_text(shown: &str, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|_| {
        Error::new(format!("template `{shown}` is not UTF-8 text")).hint("save it as UTF-8")
    })
}

pub(crate) fn register_filters(env: &mut Environment<'static>) {
    env.add_filter("percent", percent);
    env.add_filter("signed", signed);
    env.add_filter("number", number);
    env.add_filter("sparkline", sparkline);
    env.add_filter("bar", bar);
    env.add_filter("cell", cell);
    env.add_filter("date_short", date_short);
}

/// What every filter, and `{{ }}` itself, prints for a missing value (`none`).
const MISSING: &str = "—";

/// Decimals `number` keeps when not told: enough for any hand-written value,
/// few enough to drop float noise (`0.1 + 0.2`).
const DEFAULT_DECIMALS: usize = 6;

/// Prints `none` as [`MISSING`] rather than the engine's `none`, which would
/// read as a word in a report; everything else prints as usual.
pub(crate) fn format_value(
    out: &mut minijinja::Output<'_>,
    state: &minijinja::State<'_, '_>,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if value.is_none() {
        out.write_str(MISSING).map_err(minijinja::Error::from)
    } else {
        minijinja::escape_formatter(out, state, value)
    }
}

/// `Some(value)`, `None` for `none`. An undefined value is an error, as it is
/// when printed: strict mode must not end at a filter (`{{ goal.progres|percent }}`).
fn present(value: &Value) -> Result<Option<&Value>, minijinja::Error> {
    if value.is_undefined() {
        return Err(minijinja::Error::new(
            ErrorKind::UndefinedError,
            "undefined value passed to a filter",
        ));
    }
    Ok((!value.is_none()).then_some(value))
}

/// The number in `value`, `None` for `none` and for infinities and NaN.
fn finite(filter: &str, value: &Value) -> Result<Option<f64>, minijinja::Error> {
    let Some(value) = present(value)? else {
        return Ok(None);
    };
    if !value.is_number() {
        return Err(invalid(format!(
            "`{filter}` expects a number, got {value:?}"
        )));
    }
    Ok(Some(f64::try_from(value.clone())?).filter(|v| v.is_finite()))
}

fn percent(share: &Value) -> Result<String, minijinja::Error> {
    Ok(match finite("percent", share)? {
        Some(share) => format!("{}%", format_number(share * 100.0, 0)),
        None => MISSING.to_owned(),
    })
}

fn signed(value: &Value, decimals: Option<usize>) -> Result<String, minijinja::Error> {
    let Some(text) = number_text("signed", value, decimals)? else {
        return Ok(MISSING.to_owned());
    };
    Ok(match text.as_str() {
        "0" => "±0".to_owned(),
        _ if text.starts_with('-') => text,
        _ => format!("+{text}"),
    })
}

fn number(value: &Value, decimals: Option<usize>) -> Result<String, minijinja::Error> {
    Ok(number_text("number", value, decimals)?.unwrap_or_else(|| MISSING.to_owned()))
}

/// A number with thousands separators and at most `decimals` decimals, or
/// `None` for a missing value.
fn number_text(
    filter: &str,
    value: &Value,
    decimals: Option<usize>,
) -> Result<Option<String>, minijinja::Error> {
    // Integers are exact; going through f64 would round those above 2^53.
    if value.is_integer()
        && let Some(integer) = value.as_i64()
    {
        let sign = if integer < 0 { "-" } else { "" };
        return Ok(Some(format!(
            "{sign}{}",
            HumanCount(integer.unsigned_abs())
        )));
    }
    let decimals = decimals.unwrap_or(DEFAULT_DECIMALS).min(15);
    Ok(finite(filter, value)?.map(|float| format_number(float, decimals)))
}

fn format_number(value: f64, decimals: usize) -> String {
    // Half away from zero, as people round (`2.5` → `3`); formatting alone
    // would round half to even.
    let scale = 10f64.powi(decimals as i32);
    let rounded = (value * scale).round() / scale;
    let value = if rounded.is_finite() { rounded } else { value };
    let text = format!("{:.*}", decimals, HumanFloatCount(value));
    // A negative value that rounds to zero is zero.
    match text.strip_prefix('-') {
        Some("0") => "0".to_owned(),
        _ => text,
    }
}

fn sparkline(
    values: &Value,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<String, minijinja::Error> {
    let Some(values) = present(values)? else {
        return Ok(MISSING.to_owned());
    };
    if values.kind() != ValueKind::Seq {
        return Err(invalid(format!(
            "`sparkline` expects a list of numbers, got {values:?}"
        )));
    }
    let values = values
        .try_iter()?
        .map(|value| finite("sparkline", &value))
        .collect::<Result<Vec<_>, _>>()?;
    let range = match (min, max) {
        (None, None) => None,
        (Some(min), Some(max)) if min.is_finite() && max.is_finite() && min < max => {
            Some((min, max))
        }
        (Some(min), Some(max)) => {
            return Err(invalid(format!(
                "`sparkline` needs min below max, got {min} and {max}"
            )));
        }
        _ => {
            return Err(invalid(
                "`sparkline` takes both min and max, or neither".to_owned(),
            ));
        }
    };
    Ok(super::sparkline::sparkline(&values, range))
}

fn bar(share: &Value, width: Option<usize>) -> Result<String, minijinja::Error> {
    let width = width.unwrap_or(10);
    if !(1..=100).contains(&width) {
        return Err(invalid(format!(
            "`bar` width must be 1 to 100, got {width}"
        )));
    }
    let Some(share) = finite("bar", share)? else {
        return Ok(MISSING.to_owned());
    };
    let filled = (share.clamp(0.0, 1.0) * width as f64).round() as usize;
    Ok("█".repeat(filled) + &"░".repeat(width - filled))
}

fn cell(value: &Value) -> Result<String, minijinja::Error> {
    let Some(value) = present(value)? else {
        return Ok(MISSING.to_owned());
    };
    let text = value.to_string();
    let mut escaped = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            escaped.push(' ');
        }
        for (at, c) in word.char_indices() {
            match c {
                '\\' => escaped.push_str("\\\\"),
                '|' => escaped.push_str("\\|"),
                '<' => escaped.push_str("&lt;"),
                '>' => escaped.push_str("&gt;"),
                // Only where it would start an entity (`&lt;`, `&#35;`): a
                // plain `R&D` or `Product & Engineering` stays readable as
                // text in a terminal, and renders the same.
                '&' if starts_entity(&word[at..]) => escaped.push_str("&amp;"),
                _ => escaped.push(c),
            }
        }
    }
    Ok(escaped)
}

/// Whether `text` (starting at an `&`) reads as an HTML character
/// reference: `&name;`, `&#123;` or `&#x1F;`.
fn starts_entity(text: &str) -> bool {
    let body = &text[1..];
    let Some(end) = body.find(';') else {
        return false;
    };
    let name = body[..end].strip_prefix('#').unwrap_or(&body[..end]);
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric())
}

fn date_short(date: &Value) -> Result<String, minijinja::Error> {
    let Some(date) = present(date)? else {
        return Ok(MISSING.to_owned());
    };
    let parsed: jiff::civil::Date = date
        .as_str()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| {
            invalid(format!(
                "`date_short` expects a date like \"2026-11-20\", got {date:?}"
            ))
        })?;
    Ok(parsed.strftime("%b %-d").to_string())
}

fn invalid(detail: String) -> minijinja::Error {
    minijinja::Error::new(ErrorKind::InvalidOperation, detail)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn org(templates: &[(&str, &str)]) -> Templates {
        Templates::with_overrides(
            templates
                .iter()
                .map(|&(name, text)| (name.to_owned(), text.to_owned()))
                .collect(),
        )
    }

    fn render_one(text: &str, context: serde_json::Value) -> Result<String> {
        org(&[("t.md.j2", text)]).render("t.md.j2", &context)
    }

    fn filter(expression: &str, value: serde_json::Value) -> String {
        render_one(
            &format!("{{{{ value|{expression} }}}}"),
            json!({ "value": value }),
        )
        .unwrap_or_else(|e| panic!("{expression}: {e:?}"))
    }

    fn filter_error(expression: &str, value: serde_json::Value) -> String {
        match render_one(
            &format!("{{{{ value|{expression} }}}}"),
            json!({ "value": value }),
        ) {
            Ok(text) => panic!("{expression} rendered {text:?}"),
            Err(e) => e.message,
        }
    }

    #[test]
    fn percent_rounds_to_whole_percents() {
        assert_eq!(filter("percent", json!(0.4567)), "46%");
        assert_eq!(filter("percent", json!(1)), "100%");
        assert_eq!(filter("percent", json!(0)), "0%");
        assert_eq!(filter("percent", json!(0.125)), "13%");
        assert_eq!(filter("percent", json!(-0.001)), "0%");
        assert_eq!(filter("percent", json!(12.5)), "1,250%");
        assert_eq!(filter("percent", json!(null)), "—");
        assert!(filter_error("percent", json!("46")).contains("expects a number"));
    }

    #[test]
    fn signed_marks_every_direction() {
        assert_eq!(filter("signed", json!(3)), "+3");
        assert_eq!(filter("signed", json!(-2.5)), "-2.5");
        assert_eq!(filter("signed", json!(0)), "±0");
        assert_eq!(filter("signed", json!(0.0000001)), "±0");
        assert_eq!(filter("signed", json!(-0.0000001)), "±0");
        assert_eq!(filter("signed", json!(1200)), "+1,200");
        assert_eq!(filter("signed(1)", json!(0.26)), "+0.3");
        assert_eq!(filter("signed", json!(null)), "—");
    }

    #[test]
    fn number_groups_thousands_without_float_noise() {
        assert_eq!(filter("number", json!(12000)), "12,000");
        assert_eq!(filter("number", json!(12000.0)), "12,000");
        assert_eq!(filter("number", json!(0.5)), "0.5");
        assert_eq!(filter("number", json!(0.1 + 0.2)), "0.3");
        assert_eq!(filter("number", json!(99.7 - 99.5)), "0.2");
        assert_eq!(filter("number", json!(-1234567.891)), "-1,234,567.891");
        assert_eq!(filter("number", json!(-999)), "-999");
        assert_eq!(filter("number(1)", json!(12.34)), "12.3");
        assert_eq!(filter("number(1)", json!(12.0)), "12");
        assert_eq!(filter("number(0)", json!(2.5)), "3");
        assert_eq!(filter("number", json!(-0.0000001)), "0");
        // Above 2^53, where f64 would round.
        assert_eq!(
            filter("number", json!(9_007_199_254_740_993_i64)),
            "9,007,199,254,740,993"
        );
        assert_eq!(filter("number", json!(null)), "—");
        assert!(filter_error("number", json!("12")).contains("expects a number"));
    }

    #[test]
    fn sparkline_scales_to_the_list_or_a_fixed_range() {
        assert_eq!(filter("sparkline", json!([0, 0.5, 1])), "▁▅█");
        assert_eq!(filter("sparkline", json!([1, null, 3, 2])), "▁·█▅");
        assert_eq!(filter("sparkline", json!([2, 2, 2])), "▄▄▄");
        assert_eq!(filter("sparkline", json!([])), "");
        assert_eq!(filter("sparkline", json!([null, null])), "··");
        assert_eq!(filter("sparkline(0, 1)", json!([0.5, 0.5])), "▅▅");
        assert_eq!(filter("sparkline(0, 1)", json!([2, -1, 0])), "█▁▁");
        assert_eq!(
            filter("sparkline(0, 100)", json!([0, 25, 50, 75, 100])),
            "▁▃▅▆█"
        );
        assert!(filter_error("sparkline(1, 1)", json!([1])).contains("min below max"));
        assert!(filter_error("sparkline(0)", json!([1])).contains("both min and max"));
        assert!(filter_error("sparkline", json!(["a"])).contains("expects a number"));
        assert!(filter_error("sparkline", json!(3)).contains("expects a list"));
    }

    #[test]
    fn bar_fills_a_share_of_its_width() {
        assert_eq!(filter("bar", json!(0.5)), "█████░░░░░");
        assert_eq!(filter("bar(4)", json!(0.26)), "█░░░");
        assert_eq!(filter("bar(4)", json!(1.5)), "████");
        assert_eq!(filter("bar(4)", json!(-1)), "░░░░");
        assert_eq!(filter("bar(4)", json!(null)), "—");
        assert!(filter_error("bar(0)", json!(0.5)).contains("width must be 1 to 100"));
        assert!(filter_error("bar(1000)", json!(0.5)).contains("width must be 1 to 100"));
    }

    #[test]
    fn cell_escapes_hostile_text() {
        assert_eq!(
            filter(
                "cell",
                json!("  a|b\n\r\n<script>alert(1)</script> & \\| \t ")
            ),
            "a\\|b &lt;script&gt;alert(1)&lt;/script&gt; & \\\\\\|"
        );
        assert_eq!(
            filter("cell", json!("R&D &lt; &#35; &#x1F; & done")),
            "R&D &amp;lt; &amp;#35; &amp;#x1F; & done"
        );
        assert_eq!(filter("cell", json!(42)), "42");
        assert_eq!(filter("cell", json!(null)), "—");
    }

    /// The escaped text stays in its own cell and renders as the text itself
    /// (with whitespace collapsed), never as HTML, in a GitHub-flavored table.
    #[test]
    fn cell_text_stays_one_literal_cell_in_a_table() {
        use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
        let hostile = [
            "a|b",
            "a\\|b",
            "ends with \\",
            "\\\\|",
            "<img src=x onerror=alert(1)>",
            "&lt;b&gt; AT&T",
            "two\nlines | and\r\nmore",
            "  padded  ",
            "|",
        ];
        for text in hostile {
            let table = render_one(
                "| title | next |\n|---|---|\n| {{ value|cell }} | after |\n",
                json!({ "value": text }),
            )
            .unwrap();
            let mut cells: Vec<String> = Vec::new();
            let mut in_body = false;
            for event in Parser::new_ext(&table, Options::ENABLE_TABLES) {
                match event {
                    Event::End(TagEnd::TableHead) => in_body = true,
                    Event::Start(Tag::TableCell) if in_body => cells.push(String::new()),
                    Event::Text(t) | Event::Code(t) if in_body => {
                        cells.last_mut().unwrap().push_str(&t)
                    }
                    Event::Html(h) | Event::InlineHtml(h) => panic!("HTML {h:?} from {text:?}"),
                    _ => {}
                }
            }
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(
                cells,
                [expected.as_str(), "after"],
                "from {text:?}: {table}"
            );
        }
    }

    #[test]
    fn date_short_names_month_and_day() {
        assert_eq!(filter("date_short", json!("2026-11-20")), "Nov 20");
        assert_eq!(filter("date_short", json!("2026-01-05")), "Jan 5");
        assert_eq!(filter("date_short", json!(null)), "—");
        assert!(filter_error("date_short", json!("Nov 20")).contains("expects a date"));
        assert!(filter_error("date_short", json!(20261120)).contains("expects a date"));
    }

    #[test]
    fn none_prints_as_a_dash() {
        assert_eq!(
            render_one("[{{ value }}]", json!({ "value": null })).unwrap(),
            "[—]"
        );
    }

    #[test]
    fn undefined_values_fail_with_file_line_and_fields() {
        let error = render_one(
            "# Digest\n\n{{ week.label }}\n",
            json!({ "week": { "id": "2026-W47" }, "goals": [] }),
        )
        .unwrap_err();
        assert_eq!(
            error.message,
            "`templates/t.md.j2` line 3: undefined value (at `week.label`)"
        );
        assert_eq!(
            error.hint.as_deref(),
            Some(
                "the data has these top-level fields: goals, week; run the command with `--format json` to see every field (docs/digest.md, docs/diff.md)"
            )
        );
        let through_filter = render_one("{{ week.progres|percent }}", json!({ "week": {} }));
        assert_eq!(
            through_filter.unwrap_err().message,
            "`templates/t.md.j2` line 1: undefined value passed to a filter (at `percent`)"
        );
    }

    #[test]
    fn syntax_errors_name_the_file_and_line() {
        let error =
            render_one("ok\n{% for x in xs %}\n{{ x }}\n", json!({ "xs": [] })).unwrap_err();
        assert!(
            error
                .message
                .starts_with("syntax error in `templates/t.md.j2` line "),
            "{error:?}"
        );
        assert!(error.hint.unwrap().contains("minijinja"));
    }

    #[test]
    fn a_loop_that_never_ends_runs_out_of_fuel() {
        let forever =
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}";
        let error = render_one(forever, json!({})).unwrap_err();
        assert_eq!(
            error.message,
            "`templates/t.md.j2` line 1: the template was stopped after 50,000,000 steps of work"
        );
    }

    #[test]
    fn output_is_capped() {
        let flood = "{% for i in range(100000) %}{% for j in range(200) %}0123456789{% endfor %}{% endfor %}";
        let error = render_one(flood, json!({})).unwrap_err();
        assert_eq!(
            error.message,
            "`templates/t.md.j2`: the template was stopped after producing 16 MiB, the limit"
        );
    }

    #[test]
    fn overrides_replace_built_ins_and_include_each_other() {
        let templates = org(&[
            ("digest.md.j2", "{% include \"row.md.j2\" %}\n"),
            (
                "row.md.j2",
                "{% for g in goals %}\n- {{ g|cell }}\n{% endfor %}\n",
            ),
        ]);
        let text = templates
            .render("digest.md.j2", &json!({ "goals": ["a|b", "c"] }))
            .unwrap();
        // `trim_blocks`: the newline after a block tag is not output.
        assert_eq!(text, "- a\\|b\n- c\n");
        assert!(templates.bounded);
        assert!(!Templates::builtin().bounded);
    }

    #[test]
    fn errors_in_included_templates_name_that_file() {
        let templates = org(&[
            ("digest.md.j2", "top\n{% include \"row.md.j2\" %}\n"),
            ("row.md.j2", "\n\n{{ nope }}\n"),
        ]);
        let error = templates.render("digest.md.j2", &json!({})).unwrap_err();
        assert_eq!(
            error.message,
            "`templates/row.md.j2` line 3: undefined value (at `nope`)"
        );
        let missing = org(&[("digest.md.j2", "{% include \"gone.md.j2\" %}")])
            .render("digest.md.j2", &json!({}))
            .unwrap_err();
        assert!(missing.message.contains("gone.md.j2"), "{missing:?}");
        assert_eq!(
            missing.hint.as_deref(),
            Some("templates: agenda.md.j2, diff.md.j2, digest.md.j2, remind.md.j2, review.md.j2")
        );
    }

    #[test]
    fn unknown_template_names_list_the_known_ones() {
        let error = Templates::builtin()
            .render("annual.md.j2", &json!({}))
            .unwrap_err();
        assert_eq!(error.message, "there is no template named `annual.md.j2`");
        assert_eq!(
            error.hint.as_deref(),
            Some("templates: agenda.md.j2, diff.md.j2, digest.md.j2, remind.md.j2, review.md.j2")
        );
    }

    #[test]
    fn blocks_are_trimmed_and_the_trailing_newline_kept() {
        let text = render_one(
            "# Title\n{% if true %}\n  {% for x in xs %}\n- {{ x }}\n  {% endfor %}\n{% endif %}\nend\n",
            json!({ "xs": [1, 2] }),
        )
        .unwrap();
        assert_eq!(text, "# Title\n- 1\n- 2\nend\n");
    }

    #[test]
    fn reads_overrides_from_the_working_tree() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join(OVERRIDES_DIR);
        std::fs::create_dir_all(templates.join("nested")).unwrap();
        std::fs::write(templates.join("digest.md.j2"), "mine {{ n }}\n").unwrap();
        std::fs::write(templates.join("notes.txt"), "not a template").unwrap();
        std::fs::write(templates.join("nested/deep.j2"), "not read").unwrap();
        let loaded = Templates::for_org(dir.path(), None).unwrap();
        assert_eq!(
            loaded.names(),
            "agenda.md.j2, diff.md.j2, digest.md.j2, remind.md.j2, review.md.j2"
        );
        assert_eq!(
            loaded.render("digest.md.j2", &json!({ "n": 1 })).unwrap(),
            "mine 1\n"
        );

        let no_overrides = tempfile::tempdir().unwrap();
        assert!(
            !Templates::for_org(no_overrides.path(), None)
                .unwrap()
                .bounded
        );
    }

    #[test]
    fn refuses_large_binary_and_linked_overrides() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join(OVERRIDES_DIR);
        std::fs::create_dir_all(&templates).unwrap();
        let big = templates.join("big.j2");
        std::fs::write(&big, vec![b'x'; MAX_TEMPLATE_BYTES as usize + 1]).unwrap();
        let error = Templates::for_org(dir.path(), None).err().unwrap();
        assert_eq!(
            error.message,
            "template `templates/big.j2` is 262,145 bytes; orgit reads templates up to 256 KiB"
        );
        std::fs::remove_file(&big).unwrap();

        std::fs::write(templates.join("bin.j2"), [0xff, 0xfe]).unwrap();
        let error = Templates::for_org(dir.path(), None).err().unwrap();
        assert_eq!(
            error.message,
            "template `templates/bin.j2` is not UTF-8 text"
        );
        std::fs::remove_file(templates.join("bin.j2")).unwrap();

        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/hostname", templates.join("digest.md.j2")).unwrap();
            let error = Templates::for_org(dir.path(), None).err().unwrap();
            assert_eq!(
                error.message,
                "template `templates/digest.md.j2` is a symbolic link"
            );
        }
    }

    #[test]
    fn reads_overrides_at_a_revision_from_an_org_in_a_subfolder() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let org_root = dir.path().join("ops/org");
        std::fs::create_dir_all(org_root.join(OVERRIDES_DIR)).unwrap();
        std::fs::write(org_root.join("orgit.yaml"), "name: Acme\n").unwrap();
        std::fs::write(org_root.join("templates/digest.md.j2"), "committed\n").unwrap();
        let mut index = repo.index().unwrap();
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let signature =
            git2::Signature::new("Ana", "ana@example.com", &git2::Time::new(0, 0)).unwrap();
        repo.commit(Some("HEAD"), &signature, &signature, "org", &tree, &[])
            .unwrap();
        std::fs::write(org_root.join("templates/digest.md.j2"), "edited\n").unwrap();

        let at_head = Templates::for_org(&org_root, Some("HEAD")).unwrap();
        assert_eq!(
            at_head.render("digest.md.j2", &json!({})).unwrap(),
            "committed\n"
        );
        let worktree = Templates::for_org(&org_root, None).unwrap();
        assert_eq!(
            worktree.render("digest.md.j2", &json!({})).unwrap(),
            "edited\n"
        );
        let error = Templates::for_org(&org_root, Some("nope")).err().unwrap();
        assert!(
            error.message.starts_with("cannot resolve revision `nope`"),
            "{error:?}"
        );
    }
}
