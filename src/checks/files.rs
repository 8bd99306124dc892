//! The rules about ids, file names and single values: `invalid-id`,
//! `duplicate-id`, `file-name-mismatch`, `key-result-kind` and
//! `invalid-value`. Each reads one entity (or the list of ids) on its own,
//! before any reference is followed.

use std::collections::HashMap;

use super::Context;
use super::references::article;
use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::model::{
    Definition, EntityKind, FileId, IsoWeek, KeyResult, OrgSettings, Period, Record, Span, Spanned,
};
use crate::source::GitHubRepository;
use crate::source::layout::{self, FileKind};

/// Longest id allowed; ids become file names and URL fragments.
const MAX_ID_CHARS: usize = 64;

/// Names Windows reserves for devices, with any extension: a file named
/// `con.yaml` cannot be checked out there.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

pub fn check(cx: &mut Context<'_>) {
    let definitions = cx.org.definitions();
    check_ids(cx, &definitions);
    check_duplicate_ids(cx, &definitions);
    check_file_names(cx);
    check_key_result_kinds(cx);
    check_settings_values(cx);
    check_confidences(cx);
    check_metric_numbers(cx);
}

// ---- invalid-id ----

fn check_ids(cx: &mut Context<'_>, definitions: &[Definition<'_>]) {
    for definition in definitions {
        let Some(problem) = id_problem(definition.id) else {
            continue;
        };
        let help = match suggest_slug(definition.id, definition.entity.kind) {
            Some(slug) => format!("use `{slug}` (and update the references to it)"),
            None => "use lowercase letters, digits and single hyphens, e.g. `platform-sso`".into(),
        };
        cx.diagnostics.push(
            Diagnostic::new(Code::InvalidId, definition.file, definition.span, problem).help(help),
        );
    }
}

/// What is wrong with `id`, the most serious problem first (one per id keeps
/// the message short); `None` for a valid slug.
pub(super) fn id_problem(id: &str) -> Option<String> {
    let shown = printable(id);
    let bad_char = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'));
    let problem = if id.is_empty() {
        "id is empty".to_owned()
    } else if id.contains(['/', '\\']) || id == "." || id == ".." {
        format!("id `{shown}` can escape its folder when used as a file name")
    } else if id.chars().any(char::is_uppercase) {
        format!("id `{shown}` has capital letters")
    } else if id.chars().any(char::is_whitespace) {
        format!("id `{shown}` has spaces")
    } else if let Some(c) = bad_char {
        format!(
            "id `{shown}` has `{}`; ids use only a-z, 0-9 and `-`",
            printable(c.encode_utf8(&mut [0; 4]))
        )
    } else if id.starts_with('-') {
        format!("id `{shown}` starts with a hyphen")
    } else if id.ends_with('-') {
        format!("id `{shown}` ends with a hyphen")
    } else if id.contains("--") {
        format!("id `{shown}` has two hyphens in a row")
    } else if id.len() > MAX_ID_CHARS {
        format!(
            "id `{shown}` is {} characters long; ids are at most {MAX_ID_CHARS}",
            id.len()
        )
    } else if is_windows_reserved(id) {
        format!("id `{shown}` is a device name on Windows, so no file can be named after it")
    } else {
        return None;
    };
    Some(problem)
}

fn is_windows_reserved(id: &str) -> bool {
    WINDOWS_RESERVED.contains(&id)
}

/// The id with control characters escaped, so a message never carries a raw
/// terminal escape from a file.
fn printable(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The nearest valid slug: lowercase, every run of other characters turned
/// into one `-`, no hyphen at either end, at most 64 characters; a reserved
/// name gets its kind appended (`con` → `con-team`). `None` when nothing of
/// the id survives.
fn suggest_slug(id: &str, kind: EntityKind) -> Option<String> {
    let mut slug = String::new();
    for c in id.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    // Only ASCII is left, so cutting at a byte count cuts at a character; cut
    // at a hyphen when there is one, so no word is left half.
    if slug.len() > MAX_ID_CHARS {
        let cut = match slug[..=MAX_ID_CHARS].rfind('-') {
            Some(hyphen) if hyphen > 0 => hyphen,
            _ => MAX_ID_CHARS,
        };
        slug.truncate(cut);
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        return None;
    }
    if is_windows_reserved(slug) {
        return Some(format!("{slug}-{}", kind.noun().replace(' ', "-")));
    }
    Some(slug.to_owned())
}

// ---- duplicate-id ----

/// Every id names one entity across the whole org, because references name
/// an id without its kind. The later definition (in path order) is reported.
fn check_duplicate_ids(cx: &mut Context<'_>, definitions: &[Definition<'_>]) {
    let mut in_path_order: Vec<&Definition<'_>> = definitions.iter().collect();
    in_path_order.sort_by_key(|d| (d.file, d.span));
    let mut first_seen: HashMap<&str, &Definition<'_>> = HashMap::new();
    for definition in in_path_order {
        let Some(first) = first_seen.get(definition.id) else {
            first_seen.insert(definition.id, definition);
            continue;
        };
        let kind = first.entity.kind.noun();
        let message = format!(
            "id `{}` is already used by {} {kind}",
            printable(definition.id),
            article(kind)
        );
        cx.diagnostics.push(
            Diagnostic::new(Code::DuplicateId, definition.file, definition.span, message)
                .related(first.file, first.span, "first defined here")
                .help("ids are unique across the org, whatever their kind; rename one of them"),
        );
    }
}

// ---- file-name-mismatch ----

fn check_file_names(cx: &mut Context<'_>) {
    let org = cx.org;
    let named_after_id = org
        .people
        .iter()
        .map(|r| (r.file, &r.id))
        .chain(org.teams.iter().map(|r| (r.file, &r.id)))
        .chain(org.goals.iter().map(|r| (r.file, &r.id)))
        .chain(org.initiatives.iter().map(|r| (r.file, &r.id)))
        .chain(org.decisions.iter().map(|r| (r.file, &r.id)))
        .chain(org.risks.iter().map(|r| (r.file, &r.id)))
        .chain(org.kpis.iter().map(|r| (r.file, &r.id)))
        .chain(org.issues.iter().map(|r| (r.file, &r.id)))
        .chain(org.todos.iter().map(|r| (r.file, &r.id)));
    for (file, id) in named_after_id {
        check_stem_matches_id(cx, file, id);
    }
    for goal in &org.goals {
        check_folder_matches(
            cx,
            goal.file,
            "period",
            &goal.period.to_string(),
            goal.period.span,
        );
    }
    for update in &org.updates {
        check_folder_matches(
            cx,
            update.file,
            "week",
            &update.week.to_string(),
            update.week.span,
        );
        check_update_team_matches_name(cx, update.file, &update.team);
    }
}

/// Files are named after their id so people find them by path.
fn check_stem_matches_id(cx: &mut Context<'_>, file: FileId, id: &Spanned<String>) {
    let path = &cx.org.file(file).path;
    // An invalid id is already reported; a file name built from it would not help.
    if layout::file_stem(path) == id.as_str() || id_problem(id).is_some() {
        return;
    }
    cx.diagnostics.push(
        Diagnostic::new(
            Code::FileNameMismatch,
            file,
            id.span,
            format!("id `{}` does not match the file name `{path}`", id.value),
        )
        .help(format!("rename the file to `{}`", with_stem(path, id))),
    );
}

/// A goal sits in the folder of its period, an update in the folder of its
/// week; the folder is what people browse by.
fn check_folder_matches(cx: &mut Context<'_>, file: FileId, field: &str, value: &str, span: Span) {
    let path = &cx.org.file(file).path;
    let folder = match layout::classify(path) {
        Some(FileKind::Goal { folder } | FileKind::Update { folder }) => folder,
        _ => return,
    };
    if folder == value {
        return;
    }
    let top = path.split('/').next().unwrap_or_default();
    let mut help = format!("move the file to `{}`", with_folder(path, value));
    if folder_is_valid(field, &folder) {
        help.push_str(&format!(", or set `{field}: {folder}`"));
    }
    cx.diagnostics.push(
        Diagnostic::new(
            Code::FileNameMismatch,
            file,
            span,
            format!("{field} `{value}` does not match the folder `{top}/{folder}/`"),
        )
        .help(help),
    );
}

/// Whether the folder name is itself a valid value, so setting the field to
/// it is a fix worth offering.
fn folder_is_valid(field: &str, folder: &str) -> bool {
    match field {
        "period" => folder.parse::<Period>().is_ok(),
        _ => folder.parse::<IsoWeek>().is_ok(),
    }
}

/// An update is named after the team checking in.
fn check_update_team_matches_name(cx: &mut Context<'_>, file: FileId, team: &Spanned<String>) {
    let path = &cx.org.file(file).path;
    if layout::file_stem(path) == team.as_str() || id_problem(team).is_some() {
        return;
    }
    cx.diagnostics.push(
        Diagnostic::new(
            Code::FileNameMismatch,
            file,
            team.span,
            format!(
                "team `{}` does not match the file name `{path}`",
                team.value
            ),
        )
        .help(format!("rename the file to `{}`", with_stem(path, team))),
    );
}

/// `path` with its file name's stem replaced, keeping folder and extension.
fn with_stem(path: &str, stem: &str) -> String {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    let mut out = String::new();
    if !folder.is_empty() {
        out.push_str(folder);
        out.push('/');
    }
    out.push_str(stem);
    if !extension.is_empty() {
        out.push('.');
        out.push_str(extension);
    }
    out
}

/// `kind/<old folder>/name` → `kind/<folder>/name`.
fn with_folder(path: &str, folder: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').collect();
    if parts.len() == 3 {
        parts[1] = folder;
    }
    parts.join("/")
}

// ---- key-result-kind ----

/// A key result measures one way: a number that moves, or a thing done by a date.
fn check_key_result_kinds(cx: &mut Context<'_>) {
    for goal in &cx.org.goals {
        for kr in &goal.key_results {
            if let Some(diagnostic) = key_result_kind_problem(goal.file, kr) {
                cx.diagnostics.push(diagnostic);
            }
        }
    }
}

fn key_result_kind_problem(file: FileId, kr: &KeyResult) -> Option<Diagnostic> {
    let (message, help) = match (&kr.metric, &kr.milestone) {
        (Some(_), Some(_)) => (
            format!(
                "key result `{}` has both `metric` and `milestone`",
                kr.id.value
            ),
            "keep one: a metric moves a number from baseline to target, a milestone is done by a date; split it into two key results if both matter",
        ),
        (None, None) => (
            format!(
                "key result `{}` has neither `metric` nor `milestone`",
                kr.id.value
            ),
            "add `metric: {baseline: .., target: .., current: ..}` or `milestone: {due: YYYY-MM-DD}`",
        ),
        _ => return None,
    };
    Some(Diagnostic::new(Code::KeyResultKind, file, kr.id.span, message).help(help))
}

// ---- invalid-value ----

fn check_settings_values(cx: &mut Context<'_>) {
    let Some(settings) = &cx.org.settings else {
        return;
    };
    if let Some(zone) = &settings.timezone
        && jiff::tz::TimeZone::get(zone).is_err()
    {
        let help = match closest_time_zone(zone) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "use an IANA time zone name, e.g. `Europe/Berlin` or `America/New_York`".into(),
        };
        cx.diagnostics.push(
            Diagnostic::new(
                Code::InvalidValue,
                settings.file,
                zone.span,
                format!("unknown time zone `{}`", printable(zone)),
            )
            .help(help),
        );
    }
    if let Some(url) = &settings.repository
        && GitHubRepository::parse(url).is_none()
    {
        cx.diagnostics.push(
            Diagnostic::new(
                Code::InvalidValue,
                settings.file,
                url.span,
                format!("repository `{}` is not a GitHub repository address", printable(url)),
            )
            .help("write it as `https://github.com/OWNER/REPO`; commit links are only made for GitHub"),
        );
    }
    if let Some(month) = &settings.fiscal_year_start_month
        && !(1..=12).contains(&month.value)
    {
        cx.diagnostics.push(
            Diagnostic::new(
                Code::InvalidValue,
                settings.file,
                month.span,
                format!("fiscal_year_start_month `{}` is not a month", month.value),
            )
            .help("write the month the fiscal year starts in, from 1 (January) to 12 (December)"),
        );
    }
    check_scoring(cx, settings);
}

/// `scoring.hit` and `scoring.progress` are scores from 0 to 1, and progress
/// is the lower band.
fn check_scoring(cx: &mut Context<'_>, settings: &Record<OrgSettings>) {
    let scoring = &settings.scoring;
    let bands = [("hit", &scoring.hit), ("progress", &scoring.progress)];
    let mut in_range = true;
    for (name, band) in bands {
        if let Some(band) = band
            && !(0.0..=1.0).contains(&band.value)
        {
            in_range = false;
            cx.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    settings.file,
                    band.span,
                    format!("scoring.{name} `{}` is not a score from 0 to 1", band.value),
                )
                .help("write a score from 0 to 1, e.g. `hit: 0.7` and `progress: 0.4`"),
            );
        }
    }
    if let (true, Some(hit), Some(progress)) = (in_range, &scoring.hit, &scoring.progress)
        && progress.value > hit.value
    {
        cx.diagnostics.push(
            Diagnostic::new(
                Code::InvalidValue,
                settings.file,
                progress.span,
                format!(
                    "scoring.progress `{}` is above scoring.hit `{}`",
                    progress.value, hit.value
                ),
            )
            .help("`progress` is the lower band: a score from `progress` up to `hit` is progress, from `hit` up a hit"),
        );
    }
}

/// The zone name closest to `wrong`, compared without case since names mix it.
fn closest_time_zone(wrong: &str) -> Option<String> {
    let names: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.as_str().to_owned())
        .collect();
    let lowered: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let close = did_you_mean(wrong, lowered.iter().map(String::as_str))?;
    let index = lowered.iter().position(|n| n == close)?;
    Some(names[index].clone())
}

/// Confidence is a probability: a fraction from 0 to 1.
fn check_confidences(cx: &mut Context<'_>) {
    let org = cx.org;
    let goals = org.goals.iter().flat_map(|goal| {
        std::iter::once((goal.file, &goal.confidence)).chain(
            goal.key_results
                .iter()
                .map(|kr| (goal.file, &kr.confidence)),
        )
    });
    let updates = org.updates.iter().map(|u| (u.file, &u.confidence));
    for (file, confidence) in goals.chain(updates) {
        if let Some(confidence) = confidence
            && !(0.0..=1.0).contains(&confidence.value)
        {
            cx.diagnostics.push(confidence_diagnostic(file, confidence));
        }
    }
}

fn confidence_diagnostic(file: FileId, confidence: &Spanned<f64>) -> Diagnostic {
    let value = confidence.value;
    // A whole number like 70 most likely means 70 %.
    let help = if value > 1.0 && value <= 100.0 && value.fract() == 0.0 {
        format!(
            "confidence is a fraction: write `{}` for {value}%",
            value / 100.0
        )
    } else {
        "write confidence as a fraction from 0 to 1, e.g. `0.7`".to_owned()
    };
    Diagnostic::new(
        Code::InvalidValue,
        file,
        confidence.span,
        format!("confidence `{value}` is outside 0 to 1"),
    )
    .help(help)
}

/// `.inf` and `.nan` are valid YAML floats but no progress can be computed
/// from them, nor a KPI judged on or off target.
fn check_metric_numbers(cx: &mut Context<'_>) {
    let mut numbers: Vec<(FileId, &str, &str, &Spanned<f64>)> = Vec::new();
    for goal in &cx.org.goals {
        for kr in &goal.key_results {
            let Some(metric) = &kr.metric else {
                continue;
            };
            numbers.push((goal.file, "metric", "baseline", &metric.baseline));
            numbers.push((goal.file, "metric", "target", &metric.target));
            numbers.push((goal.file, "metric", "current", &metric.current));
        }
    }
    for kpi in &cx.org.kpis {
        numbers.push((kpi.file, "KPI", "value", &kpi.value));
        numbers.extend(kpi.target.iter().map(|t| (kpi.file, "KPI", "target", t)));
        if let Some(range) = &kpi.range {
            numbers.extend(range.min.iter().map(|n| (kpi.file, "range", "min", n)));
            numbers.extend(range.max.iter().map(|n| (kpi.file, "range", "max", n)));
        }
    }
    for (file, holder, field, number) in numbers {
        if !number.value.is_finite() {
            cx.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    file,
                    number.span,
                    format!(
                        "{holder} `{field}` is `{}`, not a finite number",
                        number.value
                    ),
                )
                .help("write a plain number"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_slugs_pass() {
        for id in [
            "alice",
            "platform-sso",
            "0007-lower-logo-target",
            "q4",
            "a1-b2-c3",
        ] {
            assert_eq!(id_problem(id), None, "{id}");
        }
        assert_eq!(id_problem(&"a".repeat(64)), None);
    }

    #[test]
    fn each_problem_is_named() {
        let cases = [
            ("", "id is empty"),
            ("../x", "can escape its folder"),
            ("a/b", "can escape its folder"),
            ("..", "can escape its folder"),
            ("Alice", "has capital letters"),
            ("my goal", "has spaces"),
            ("a_b", "has `_`"),
            ("a.b", "has `.`"),
            ("zoë", "has `ë`"),
            ("-a", "starts with a hyphen"),
            ("a-", "ends with a hyphen"),
            ("a--b", "two hyphens in a row"),
            ("con", "device name on Windows"),
            ("lpt9", "device name on Windows"),
        ];
        for (id, expected) in cases {
            let problem = id_problem(id).unwrap_or_default();
            assert!(problem.contains(expected), "{id:?}: {problem}");
        }
        let long = "a".repeat(65);
        assert!(id_problem(&long).unwrap().contains("65 characters long"));
    }

    #[test]
    fn control_characters_are_escaped_in_messages() {
        assert_eq!(
            id_problem("a\u{1b}[31m").unwrap(),
            "id `a\\u{1b}[31m` has `\\u{1b}`; ids use only a-z, 0-9 and `-`"
        );
    }

    #[test]
    fn slug_suggestions() {
        let kind = EntityKind::Team;
        let suggest = |id| suggest_slug(id, kind);
        assert_eq!(suggest("Alice").as_deref(), Some("alice"));
        assert_eq!(suggest("../x").as_deref(), Some("x"));
        assert_eq!(
            suggest("  Platform  SSO!! ").as_deref(),
            Some("platform-sso")
        );
        assert_eq!(suggest("a__b--c").as_deref(), Some("a-b-c"));
        assert_eq!(suggest("Zoë Müller").as_deref(), Some("zo-m-ller"));
        assert_eq!(suggest("con").as_deref(), Some("con-team"));
        assert_eq!(
            suggest_slug("NUL", EntityKind::KeyResult).as_deref(),
            Some("nul-key-result")
        );
        assert_eq!(suggest("///"), None);
        assert_eq!(suggest(""), None);
        // Cut at the last hyphen within the limit, never mid-word.
        let long = format!("{}-tail", "a".repeat(63));
        assert_eq!(suggest(&long), Some("a".repeat(63)));
        let words = format!("{}-bb-cccc", "a".repeat(60));
        assert_eq!(suggest(&words), Some(format!("{}-bb", "a".repeat(60))));
        let one_word = "a".repeat(70);
        assert_eq!(suggest(&one_word), Some("a".repeat(64)));
        // Every suggestion is itself valid.
        for id in ["Alice", "../x", "a__b--c", "con", &long] {
            let slug = suggest(id).unwrap();
            assert_eq!(id_problem(&slug), None, "{slug}");
        }
    }

    #[test]
    fn paths_keep_folder_and_extension() {
        assert_eq!(
            with_stem("people/alicia.yaml", "alice"),
            "people/alice.yaml"
        );
        assert_eq!(with_stem("people/alicia.yml", "alice"), "people/alice.yml");
        assert_eq!(
            with_stem("updates/2026-W47/plat.md", "platform"),
            "updates/2026-W47/platform.md"
        );
        assert_eq!(
            with_folder("goals/2026-Q4/growth.md", "2026-Q3"),
            "goals/2026-Q3/growth.md"
        );
    }

    #[test]
    fn time_zone_suggestions_keep_their_case() {
        assert_eq!(
            closest_time_zone("Europe/Berln").as_deref(),
            Some("Europe/Berlin")
        );
    }
}
