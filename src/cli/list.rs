//! `orgit list [KIND]`: every id in the org with its kind, title and file,
//! so an id can be found without opening files (the "unknown id" hint points
//! here).

use std::fmt::Write as _;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{Outcome, Session, print};
use crate::error::Result;
use crate::graph::title_of;
use crate::model::EntityKind;

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Only ids of this kind [default: every kind]
    #[arg(value_enum, value_name = "KIND")]
    pub kind: Option<Kind>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns: kind, id, title, file:line
    Human,
    /// One JSON list (documented in docs/file-format.md)
    Json,
}

/// The kinds of ids, in the plural as people ask for them; the singular
/// works too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    #[value(alias = "person")]
    People,
    #[value(alias = "team")]
    Teams,
    #[value(alias = "goal")]
    Goals,
    #[value(alias = "key-result", alias = "krs", alias = "kr")]
    KeyResults,
    #[value(alias = "initiative")]
    Initiatives,
    #[value(alias = "milestone")]
    Milestones,
    #[value(alias = "decision")]
    Decisions,
    #[value(alias = "risk")]
    Risks,
    #[value(alias = "kpi")]
    Kpis,
    #[value(alias = "issue")]
    Issues,
    #[value(alias = "todo", alias = "to-dos", alias = "to-do")]
    Todos,
}

impl Kind {
    pub fn entity_kind(self) -> EntityKind {
        match self {
            Kind::People => EntityKind::Person,
            Kind::Teams => EntityKind::Team,
            Kind::Goals => EntityKind::Goal,
            Kind::KeyResults => EntityKind::KeyResult,
            Kind::Initiatives => EntityKind::Initiative,
            Kind::Milestones => EntityKind::Milestone,
            Kind::Decisions => EntityKind::Decision,
            Kind::Risks => EntityKind::Risk,
            Kind::Kpis => EntityKind::Kpi,
            Kind::Issues => EntityKind::Issue,
            Kind::Todos => EntityKind::Todo,
        }
    }

    /// The argument that lists ids of `kind`: `orgit list <this>`.
    pub fn argument(kind: EntityKind) -> &'static str {
        match kind {
            EntityKind::Person => "people",
            EntityKind::Team => "teams",
            EntityKind::Goal => "goals",
            EntityKind::KeyResult => "key-results",
            EntityKind::Initiative => "initiatives",
            EntityKind::Milestone => "milestones",
            EntityKind::Decision => "decisions",
            EntityKind::Risk => "risks",
            EntityKind::Kpi => "kpis",
            EntityKind::Issue => "issues",
            EntityKind::Todo => "todos",
        }
    }
}

/// One id as `list --format json` prints it.
#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    kind: EntityKind,
    title: &'a str,
    file: String,
    line: u32,
}

pub fn run(session: &Session, args: &ListArgs) -> Result<Outcome> {
    let loaded = session.load()?;
    let org = &loaded.org;
    let prefix = session.display_prefix(&loaded.location.root);
    let wanted = args.kind.map(Kind::entity_kind);
    let mut entries: Vec<Entry<'_>> = org
        .definitions()
        .into_iter()
        .filter(|d| wanted.is_none_or(|kind| d.entity.kind == kind))
        // A duplicate id is listed where it counts: its first definition.
        .filter(|d| org.lookup(d.id) == Some(d.entity))
        .map(|d| Entry {
            id: d.id,
            kind: d.entity.kind,
            title: title_of(org, d.entity),
            file: format!("{prefix}{}", org.file(d.file).path),
            line: d.span.line,
        })
        .collect();
    entries.sort_by(|a, b| (a.kind, a.id).cmp(&(b.kind, b.id)));

    let output = match args.format {
        ListFormat::Json => {
            let mut json = serde_json::to_string_pretty(&entries).expect("plain data serializes");
            json.push('\n');
            json
        }
        ListFormat::Human => human(&entries),
    };
    print(&output)?;
    Ok(Outcome::Clean)
}

/// Kind and id in aligned columns, then the title (never cut, never padded,
/// so a long one does not push every line wide) and the place.
fn human(entries: &[Entry<'_>]) -> String {
    let kind_width = entries
        .iter()
        .map(|e| e.kind.noun().len())
        .max()
        .unwrap_or(0);
    let id_width = entries
        .iter()
        .map(|e| e.id.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for entry in entries {
        let _ = writeln!(
            out,
            "{:<kind_width$}  {:<id_width$}  {}  ({}:{})",
            entry.kind.noun(),
            entry.id,
            one_line(entry.title),
            entry.file,
            entry.line
        );
    }
    out
}

/// A title on one line: a control character (a line break in a quoted
/// YAML title, say) would break the columns or move the cursor.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
