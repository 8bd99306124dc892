//! `orgit set KR VALUE`: a metric key result's new `current`, written in
//! place (see [`crate::edit::set`]), so the pull request's diff is one
//! number and the file keeps its comments and layout.

use clap::Args;

use super::graph::resolve;
use super::{Outcome, Session, print};
use crate::edit::set::{parse_value, replace_value};
use crate::error::{Error, Result};
use crate::model::EntityKind;

#[derive(Args, Debug)]
pub struct SetArgs {
    /// A metric key result's id
    #[arg(value_name = "KR")]
    pub id: String,
    /// Its new `current` value, a plain number
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
    let entity = resolve(org, &args.id, &[EntityKind::KeyResult])?;
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
    let (goal, kr) = org.key_result_at(entity);
    let Some(metric) = &kr.metric else {
        return Err(Error::new(format!(
            "`{}` is a milestone key result: it has no `current`",
            args.id
        ))
        .hint("mark it done with `done: true` under its `milestone`"));
    };
    let file = org.file(goal.file);
    let new_text = args.value.trim();
    let old = *metric.current;
    let edited = replace_value(&file.text, metric.current.span, old, new_text)?;
    let shown = format!("{}{}", session.display_prefix(root), file.path);
    if edited == file.text {
        print(&format!("{} is {new_text} already ({shown})\n", args.id))?;
        return Ok(Outcome::Clean);
    }
    crate::fsutil::write_atomic(&root.join(&file.path), edited.as_bytes())?;
    let unit = match metric.unit.as_deref().map(String::as_str) {
        Some("%") => "%".to_owned(),
        Some(unit) => format!(" {unit}"),
        None => String::new(),
    };
    let target = *metric.target;
    print(&format!(
        "set {} current {old}{unit} → {new_text}{unit} (target {target}{unit}) in {shown}:{}\n",
        args.id, metric.current.span.line
    ))?;
    Ok(Outcome::Clean)
}
