//! `orgit new update TEAM` and `orgit new decision TITLE`: the weekly
//! chores' files, pre-filled from the org (see [`crate::edit::scaffold`]).
//! They never overwrite a file. `new update` is `orgit checkin` (one code
//! path: [`super::checkin::run`]).

use std::path::Path;

use clap::{Args, Subcommand};

use super::checkin::{self, CheckinArgs};
use super::graph::resolve;
use super::{Outcome, Session, print};
use crate::edit::scaffold::{self, NewFile};
use crate::error::{Error, Result};
use crate::model::{EntityKind, Org};

#[derive(Args, Debug)]
pub struct NewArgs {
    #[command(subcommand)]
    pub what: NewCommand,
}

#[derive(Subcommand, Debug)]
pub enum NewCommand {
    /// This week's check-in for TEAM: updates/<week>/<team>.md with the
    /// team's key results and their values now (the same as `orgit checkin`)
    Update(CheckinArgs),
    /// The next decision record: decisions/NNNN-slug.md, proposed today
    Decision {
        /// What is being decided, e.g. "Lower the Q4 logo target to 8"
        #[arg(value_name = "TITLE")]
        title: String,
        /// The decider [default: the person whose email is git's user.email]
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
    },
}

pub fn run(session: &Session, args: &NewArgs) -> Result<Outcome> {
    match &args.what {
        NewCommand::Update(update) => checkin::run(session, update),
        NewCommand::Decision { title, owner } => decision(session, title, owner.as_deref()),
    }
}

/// `orgit new decision TITLE [--owner PERSON]`.
fn decision(session: &Session, title: &str, owner: Option<&str>) -> Result<Outcome> {
    if session.at.is_some() {
        return Err(Error::new(
            "`--at` reads the org as of a revision; `orgit new` writes a file in the working tree",
        )
        .hint("drop `--at`"));
    }
    let loaded = session.load()?;
    let org = &loaded.org;
    let root = &loaded.location.root;
    let today = session.today(org);
    let schemas = root.join("schema").is_dir();
    if title.trim().is_empty() || title.chars().any(char::is_control) {
        return Err(Error::new("a decision needs a title on one line")
            .hint("`orgit new decision \"Use WorkOS for single sign-on\"`"));
    }
    let owner = match owner {
        Some(owner) => person(org, owner)?,
        None => git_user(org, root)?,
    };
    let file = scaffold::decision(org, title.trim(), &owner, today, schemas);
    write_new(session, root, &file)
}

/// The id of the person `id` names, or an error with the closest.
pub(super) fn person(org: &Org, id: &str) -> Result<String> {
    let entity = resolve(org, id, &[EntityKind::Person])?;
    Ok(org.people[entity.index].id.value.clone())
}

/// The person whose `email` is git's `user.email` here.
fn git_user(org: &Org, root: &Path) -> Result<String> {
    let email = git2::Repository::discover(root)
        .ok()
        .and_then(|repo| repo.config().ok())
        .and_then(|config| config.get_string("user.email").ok());
    let found = email.as_deref().and_then(|email| {
        org.people.iter().find(|p| {
            p.email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
        })
    });
    match (found, email) {
        (Some(person), _) => Ok(person.id.value.clone()),
        (None, Some(email)) => Err(Error::new(format!(
            "no person in the org has the email `{email}` (git's user.email), to own the decision"
        ))
        .hint("name the decider: `--owner PERSON`, or add your email to your people/ file")),
        (None, None) => Err(Error::new("who decides? git has no user.email here")
            .hint("name the decider: `--owner PERSON`")),
    }
}

/// Writes `file` under the org root unless something is there already.
pub(super) fn write_new(session: &Session, root: &Path, file: &NewFile) -> Result<Outcome> {
    let path = root.join(&file.path);
    let shown = format!("{}{}", session.display_prefix(root), file.path);
    if path.exists() {
        return Err(
            Error::new(format!("`{shown}` exists; orgit never overwrites it"))
                .hint("edit it, or move it away first"),
        );
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::new(format!("cannot create `{}`: {e}", dir.display())))?;
    }
    crate::fsutil::write_atomic(&path, file.text.as_bytes())?;
    print(&format!("wrote {shown}\n"))?;
    Ok(Outcome::Clean)
}
