//! `orgit agenda [TEAM]`: the weekly leadership meeting prepared from the
//! repo (see [`crate::reports::agenda`]), for the week the digest reports
//! on. Read from git like the digest; `--write` puts it in
//! `agendas/<week>-<team>.md`.

use clap::ValueEnum;

use super::digest::{OpenedHistory, pick_week};
use super::{Outcome, Session, report_output};
use crate::error::{Error, Result};
use crate::model::IsoWeek;
use crate::reports::agenda::{self, Inputs};

#[derive(clap::Args, Debug)]
pub struct AgendaArgs {
    /// The meeting's team, with the teams below it [default: the whole org]
    #[arg(value_name = "TEAM")]
    pub team: Option<String>,
    /// The ISO week to review, e.g. 2026-W47 [default: the last complete week]
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<IsoWeek>,
    /// Markdown, or the agenda's data model as JSON
    #[arg(long, value_enum, default_value_t = AgendaFormat::Markdown)]
    pub format: AgendaFormat,
    /// Write the agenda to agendas/<week>-<team>.md instead of printing it
    #[arg(long)]
    pub write: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AgendaFormat {
    Markdown,
    Json,
}

pub fn run(session: &Session, args: &AgendaArgs) -> Result<Outcome> {
    if args.write && args.format == AgendaFormat::Json {
        return Err(Error::new("`--write` publishes the markdown agenda")
            .hint("drop `--format json`, or redirect the JSON to a file yourself"));
    }
    let mut opened = OpenedHistory::open(session, "`orgit agenda`", "agenda")?;
    let week = pick_week(&opened.calendar, args.week, opened.today)?;
    let (digest, org) = opened.digest(week, args.team.as_deref())?;
    let agenda = agenda::build(&Inputs {
        digest: &digest,
        org: &org,
    });
    let output = report_output::render(
        &agenda,
        args.format == AgendaFormat::Json,
        &opened.root,
        &opened.head_id,
        "agenda.md.j2",
        "agenda",
    )?;
    if args.write {
        let name = match &agenda.team {
            Some(team) => format!("{}-{}", agenda.week, team.id),
            None => agenda.week.to_string(),
        };
        if let Some(team) = &agenda.team
            && !report_output::is_slug(&team.id)
        {
            return Err(Error::new(format!(
                "cannot name an agenda file after team `{}`: it is not a lowercase slug",
                team.id
            ))
            .hint("`orgit check` reports the team's id; fix it, or print the agenda without `--write`"));
        }
        let relative = format!("agendas/{name}.md");
        let note = report_output::publish_report(session, &opened.root, &relative, &output, None)?;
        eprintln!("{note}");
    } else {
        super::print(&output)?;
    }
    Ok(Outcome::Clean)
}
