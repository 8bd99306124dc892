//! `orgit set ID VALUE`: a metric key result's new `current`, or a KPI's
//! new `value` (and the `current` of the key results it measures), written
//! in place (see [`crate::edit::set`]), so the pull request's diff is the
//! number and the files keep their comments and layout.

use clap::Args;

use super::graph::resolve;
use super::{Outcome, Session, print};
use crate::edit::set::{parse_value, replace_value};
use crate::error::{Error, Result};
use crate::model::{EntityKind, EntityRef, FileId, Goalpost, Org, Spanned, unit_suffix};

#[derive(Args, Debug)]
pub struct SetArgs {
    /// A metric key result's or a KPI's id
    #[arg(value_name = "ID")]
    pub id: String,
    /// Its new `current` (a key result) or `value` (a KPI), a plain number
    #[arg(value_name = "VALUE", allow_negative_numbers = true)]
    pub value: String,
}

pub fn run(session: &Session, args: &SetArgs) -> Result<Outcome> {
    if session.at.is_some() {
        return Err(Error::new(
            "`--at` reads the org as of a revision; `orgit set` edits the working tree",
        )
        .hint("drop `--at`"));
    }
    // Checked before anything is read, so a typo never touches a file.
    parse_value(&args.value)?;
    let loaded = session.load()?;
    let org = &loaded.org;
    let root = &loaded.location.root;
    let entity = resolve(org, &args.id, &[EntityKind::KeyResult, EntityKind::Kpi])?;
    // An id defined twice: which one is meant is not for orgit to guess.
    let places: Vec<String> = org
        .definitions()
        .iter()
        .filter(|d| d.id == args.id)
        .map(|d| format!("{}:{}", org.file(d.file).path, d.span.line))
        .collect();
    if places.len() > 1 {
        return Err(Error::new(format!(
            "`{}` is defined {} times ({}), so which to set is ambiguous",
            args.id,
            places.len(),
            places.join(", ")
        ))
        .hint("give each its own id (`orgit check` reports the duplicate), then set it"));
    }
    let number = settable(org, entity, &args.id)?;
    let new_text = args.value.trim();
    // A KPI's key results say its value: one command writes them all, so
    // they move together in one commit.
    let followers = if entity.kind == EntityKind::Kpi {
        measured_by(org, &args.id)
    } else {
        Vec::new()
    };
    let mut edits: Vec<(FileId, &Spanned<f64>)> = vec![(number.file, number.value)];
    edits.extend(followers.iter().map(|f| (f.file, f.current)));
    let edited = edit_files(org, &edits, new_text)?;
    let shown = |file: FileId| format!("{}{}", session.display_prefix(root), org.file(file).path);
    if edited.is_empty() {
        print(&format!(
            "{} is {new_text} already ({})\n",
            args.id,
            shown(number.file)
        ))?;
        return Ok(Outcome::Clean);
    }
    for (file, text) in &edited {
        crate::fsutil::write_atomic(&root.join(&org.file(*file).path), text.as_bytes())?;
    }
    let unit = unit_suffix(number.unit);
    let mut report = format!(
        "set {} {} {}{unit} → {new_text}{unit} ({}) in {}:{}\n",
        args.id,
        number.field,
        number.value.value,
        number.held_to(&unit),
        shown(number.file),
        number.value.span.line
    );
    for follower in &followers {
        let unit = unit_suffix(follower.unit);
        report.push_str(&format!(
            "set {} current {}{unit} → {new_text}{unit} (measured by {}) in {}:{}\n",
            follower.id,
            follower.current.value,
            args.id,
            shown(follower.file),
            follower.current.span.line
        ));
    }
    print(&report)?;
    Ok(Outcome::Clean)
}

/// A metric key result measured by a KPI (`kpi:`).
struct Follower<'a> {
    id: &'a str,
    file: FileId,
    current: &'a Spanned<f64>,
    unit: Option<&'a str>,
}

/// The key results whose `kpi` is `kpi`, in the order of the files.
fn measured_by<'a>(org: &'a Org, kpi: &str) -> Vec<Follower<'a>> {
    let mut out = Vec::new();
    for goal in &org.goals {
        for kr in &goal.key_results {
            let Some(metric) = &kr.metric else { continue };
            if metric.kpi.as_deref().map(String::as_str) == Some(kpi) {
                out.push(Follower {
                    id: kr.id.as_str(),
                    file: goal.file,
                    current: &metric.current,
                    unit: metric.unit.as_deref().map(String::as_str),
                });
            }
        }
    }
    out
}

/// Each file's text with `new` written over the numbers at `edits`, for
/// the files that change. Within a file the later edits go first, so the
/// earlier spans still point where they did.
fn edit_files(
    org: &Org,
    edits: &[(FileId, &Spanned<f64>)],
    new: &str,
) -> Result<Vec<(FileId, String)>> {
    let mut files: Vec<FileId> = edits.iter().map(|(file, _)| *file).collect();
    files.sort_by_key(|file| file.0);
    files.dedup();
    let mut out = Vec::new();
    for file in files {
        let original = &org.file(file).text;
        let mut spans: Vec<&Spanned<f64>> = edits
            .iter()
            .filter(|(f, _)| *f == file)
            .map(|(_, value)| *value)
            .collect();
        spans.sort_by_key(|value| std::cmp::Reverse((value.span.line, value.span.column)));
        let mut text = original.clone();
        for value in spans {
            text = replace_value(&text, value.span, value.value, new)?;
        }
        if text != *original {
            out.push((file, text));
        }
    }
    Ok(out)
}

/// The number `orgit set` writes: where it is written, the field's name,
/// and what it is held to.
struct Settable<'a> {
    file: FileId,
    field: &'static str,
    value: &'a Spanned<f64>,
    unit: Option<&'a str>,
    goalpost: Option<Goalpost>,
}

impl Settable<'_> {
    /// `target 99.9%`, `target at most 300 ms`, `range 8% to 12%`.
    fn held_to(&self, unit: &str) -> String {
        match (self.goalpost, self.field) {
            (None, _) => "no target".to_owned(),
            (Some(Goalpost::Target { target, .. }), "current") => format!("target {target}{unit}"),
            (Some(goalpost), _) => goalpost.held_to(unit),
        }
    }
}

/// A metric key result's `current` or a KPI's `value`.
fn settable<'a>(org: &'a Org, entity: EntityRef, id: &str) -> Result<Settable<'a>> {
    if entity.kind == EntityKind::Kpi {
        let kpi = &org.kpis[entity.index];
        return Ok(Settable {
            file: kpi.file,
            field: "value",
            value: &kpi.value,
            unit: kpi.unit.as_deref().map(String::as_str),
            goalpost: kpi.goalpost(),
        });
    }
    let (goal, kr) = org.key_result_at(entity);
    let Some(metric) = &kr.metric else {
        return Err(Error::new(format!(
            "`{id}` is a milestone key result: it has no `current`"
        ))
        .hint("mark it done with `done: true` under its `milestone`"));
    };
    if let Some(kpi) = &metric.kpi {
        return Err(Error::new(format!(
            "`{id}` is measured by KPI `{}`: its current is the KPI's value",
            kpi.as_str()
        ))
        .hint(format!(
            "set the KPI: `orgit set {} VALUE` writes both",
            kpi.as_str()
        )));
    }
    Ok(Settable {
        file: goal.file,
        field: "current",
        value: &metric.current,
        unit: metric.unit.as_deref().map(String::as_str),
        goalpost: Some(Goalpost::Target {
            target: *metric.target,
            direction: metric.direction.as_deref().copied().unwrap_or_default(),
        }),
    })
}
