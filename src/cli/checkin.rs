//! `orgit checkin TEAM`: this week's check-in file, pre-filled from the org
//! (see [`crate::edit::scaffold::update`]). `orgit new update TEAM` is the
//! same command under the `new` family's name: both run [`run`].
//! It never overwrites a file, so a check-in someone started stays theirs.

use clap::Args;

use super::graph::resolve;
use super::new::{has_schemas, load_working_tree, person, write_new};
use super::{Outcome, Session};
use crate::edit::scaffold;
use crate::error::{Error, Result};
use crate::model::{EntityKind, IsoWeek};

#[derive(Args, Debug)]
pub struct CheckinArgs {
    /// The team checking in
    #[arg(value_name = "TEAM")]
    pub team: String,
    /// The ISO week of the check-in, e.g. 2026-W48 [default: the week holding today]
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<IsoWeek>,
    /// Who writes it [default: the team's lead]
    #[arg(long, value_name = "PERSON")]
    pub author: Option<String>,
}

pub fn run(session: &Session, args: &CheckinArgs) -> Result<Outcome> {
    let loaded = load_working_tree(session, "checkin")?;
    let org = &loaded.org;
    let root = &loaded.location.root;
    let entity = resolve(org, &args.team, &[EntityKind::Team])?;
    let team = &org.teams[entity.index];
    let author = match &args.author {
        Some(author) => person(org, author)?,
        None => team.lead.as_deref().cloned().ok_or_else(|| {
            Error::new(format!(
                "team `{}` has no lead to write its check-in",
                team.id.as_str()
            ))
            .hint("name the author: `--author PERSON`")
        })?,
    };
    let week = args
        .week
        .unwrap_or_else(|| IsoWeek::containing(session.today(org)));
    let file = scaffold::update(org, &team.id, &author, week, has_schemas(root));
    write_new(session, root, &file)
}
