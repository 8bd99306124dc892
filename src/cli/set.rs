//! `orgit set ID VALUE`: a metric key result's new `current`, or a KPI's
//! new `value`, written in place (see [`crate::edit::set`]), so the pull
//! request's diff is one number and the file keeps its comments and layout.

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
    let unit = unit_suffix(number.unit);
    let file = org.file(number.file);
    let new_text = args.value.trim();
    let old = number.value.value;
    let edited = replace_value(&file.text, number.value.span, old, new_text)?;
    let shown = format!("{}{}", session.display_prefix(root), file.path);
    if edited == file.text {
        print(&format!("{} is {new_text} already ({shown})\n", args.id))?;
        return Ok(Outcome::Clean);
    }
    crate::fsutil::write_atomic(&root.join(&file.path), edited.as_bytes())?;
    print(&format!(
        "set {} {} {old}{unit} → {new_text}{unit} ({}) in {shown}:{}\n",
        args.id,
        number.field,
        number.held_to(&unit),
        number.value.span.line
    ))?;
    Ok(Outcome::Clean)
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
