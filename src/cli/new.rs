//! `orgit new update TEAM`, `orgit new decision TITLE`, `orgit new issue
//! TITLE` and `orgit new todo TITLE`: the weekly chores' files, pre-filled
//! from the org (see [`crate::edit::scaffold`]). They never overwrite a
//! file. `new update` is `orgit checkin` (one code path:
//! [`super::checkin::run`]).

use std::path::Path;

use clap::{Args, Subcommand};

use super::checkin::{self, CheckinArgs};
use super::graph::resolve;
use super::session::Loaded;
use super::{Outcome, Session, print};
use crate::edit::scaffold::{self, NewFile};
use crate::error::{Error, Result};
use crate::model::{Date, EntityKind, Org, Priority, TodoSource};

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
    /// An issue on TEAM's list: issues/<slug>.md, open, raised today
    Issue {
        /// What is in the way, e.g. "Security reviews stall enterprise deals"
        #[arg(value_name = "TITLE")]
        title: String,
        /// The team whose issues list holds it
        #[arg(long, value_name = "TEAM")]
        team: String,
        /// `high`, `medium`, `low`, or a rank from 1 (most urgent)
        #[arg(long, value_name = "PRIORITY", default_value = "medium")]
        priority: Priority,
        /// Who raises it [default: the person whose email is git's user.email]
        #[arg(long, value_name = "PERSON")]
        raised_by: Option<String>,
    },
    /// A to-do: todos/<slug>.md, one person's promise, open, due in a week
    Todo {
        /// What will be done, e.g. "Call the ten largest churned accounts"
        #[arg(value_name = "TITLE")]
        title: String,
        /// Who does it [default: the person whose email is git's user.email]
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
        /// The day it is promised for [default: a week from today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: Option<Date>,
        /// Where it was agreed: an issue id, or a meeting `<YYYY-Www>-<team>`
        #[arg(long, value_name = "ISSUE|MEETING")]
        from: Option<String>,
        /// The team that follows it up [default: the issue's or meeting's
        /// team, else the owner's]
        #[arg(long, value_name = "TEAM")]
        team: Option<String>,
    },
}

pub fn run(session: &Session, args: &NewArgs) -> Result<Outcome> {
    match &args.what {
        NewCommand::Update(update) => checkin::run(session, update),
        NewCommand::Decision { title, owner } => decision(session, title, owner.as_deref()),
        NewCommand::Issue {
            title,
            team,
            priority,
            raised_by,
        } => issue(session, title, team, *priority, raised_by.as_deref()),
        NewCommand::Todo {
            title,
            owner,
            due,
            from,
            team,
        } => todo(
            session,
            title,
            owner.as_deref(),
            *due,
            from.as_deref(),
            team.as_deref(),
        ),
    }
}

/// The org in the working tree, where `orgit COMMAND` writes its file;
/// `--at` is refused rather than ignored.
pub(super) fn load_working_tree(session: &Session, command: &str) -> Result<Loaded> {
    if session.at.is_some() {
        return Err(Error::new(format!(
            "`--at` reads the org as of a revision; `orgit {command}` writes a file in the working tree"
        ))
        .hint("drop `--at`"));
    }
    session.load()
}

/// `title` trimmed, or an error when it is empty or spans lines.
fn one_line<'a>(title: &'a str, what: &str, example: &str) -> Result<&'a str> {
    let title = title.trim();
    if title.is_empty() || title.chars().any(char::is_control) {
        return Err(
            Error::new(format!("{what} needs a title on one line")).hint(format!("`{example}`"))
        );
    }
    Ok(title)
}

/// `orgit new decision TITLE [--owner PERSON]`.
fn decision(session: &Session, title: &str, owner: Option<&str>) -> Result<Outcome> {
    let title = one_line(
        title,
        "a decision",
        "orgit new decision \"Use WorkOS for single sign-on\"",
    )?;
    let loaded = load_working_tree(session, "new")?;
    let org = &loaded.org;
    let root = &loaded.location.root;
    let today = session.today(org);
    let owner = named_or_git_user(
        org,
        root,
        owner,
        "own the decision",
        "name the decider: `--owner PERSON`",
    )?;
    let file = scaffold::decision(org, title, &owner, today, has_schemas(root));
    write_new(session, root, &file)
}

/// `orgit new issue TITLE --team TEAM [--priority P] [--raised-by PERSON]`.
fn issue(
    session: &Session,
    title: &str,
    team: &str,
    priority: Priority,
    raised_by: Option<&str>,
) -> Result<Outcome> {
    let title = one_line(
        title,
        "an issue",
        "orgit new issue \"Security reviews stall enterprise deals\" --team sales",
    )?;
    let loaded = load_working_tree(session, "new")?;
    let org = &loaded.org;
    let root = &loaded.location.root;
    let team = resolve(org, team, &[EntityKind::Team])?;
    let raised_by = named_or_git_user(
        org,
        root,
        raised_by,
        "raise the issue",
        "name who raises it: `--raised-by PERSON`",
    )?;
    let new = scaffold::NewIssue {
        title,
        raised_by: &raised_by,
        team: org.teams[team.index].id.as_str(),
        priority,
        opened: session.today(org),
    };
    let file = scaffold::issue(org, &new, has_schemas(root));
    write_new(session, root, &file)
}

/// `orgit new todo TITLE [--owner PERSON] [--due DATE] [--from ISSUE|MEETING]
/// [--team TEAM]`.
fn todo(
    session: &Session,
    title: &str,
    owner: Option<&str>,
    due: Option<Date>,
    from: Option<&str>,
    team: Option<&str>,
) -> Result<Outcome> {
    let title = one_line(
        title,
        "a to-do",
        "orgit new todo \"Call the ten largest churned accounts\" --owner ana",
    )?;
    let loaded = load_working_tree(session, "new")?;
    let org = &loaded.org;
    let root = &loaded.location.root;
    let today = session.today(org);
    let owner = named_or_git_user(
        org,
        root,
        owner,
        "own the to-do",
        "name who does it: `--owner PERSON`",
    )?;
    // The team the source names, so a to-do agreed on an issue or in a
    // meeting comes up where it was agreed.
    let source_team = match from.map(TodoSource::parse) {
        None => None,
        Some(TodoSource::Issue(id)) => {
            let issue = resolve(org, id, &[EntityKind::Issue])?;
            Some(org.issues[issue.index].team.value.clone())
        }
        Some(TodoSource::Meeting { team, .. }) => {
            let team = resolve(org, team, &[EntityKind::Team])?;
            Some(org.teams[team.index].id.value.clone())
        }
        Some(TodoSource::Malformed) => {
            return Err(Error::new(format!(
                "`--from {}` is neither an issue id nor a meeting",
                from.unwrap_or_default()
            ))
            .hint("a meeting is written `<YYYY-Www>-<team>`, e.g. `2026-W48-leadership`"));
        }
    };
    let owners_team = || {
        org.people
            .iter()
            .find(|p| p.id.as_str() == owner)
            .and_then(|p| p.team.as_deref().cloned())
    };
    let team = match team {
        Some(team) => {
            let team = resolve(org, team, &[EntityKind::Team])?;
            org.teams[team.index].id.value.clone()
        }
        None => source_team.or_else(owners_team).ok_or_else(|| {
            Error::new(format!(
                "which team follows the to-do up? `{owner}` is in no team and no `--from` names one"
            ))
            .hint("name it: `--team TEAM`")
        })?,
    };
    let due = due.unwrap_or_else(|| today.plus_days(7));
    let new = scaffold::NewTodo {
        title,
        owner: &owner,
        team: &team,
        due,
        from,
    };
    let file = scaffold::todo(org, &new, has_schemas(root));
    write_new(session, root, &file)
}

/// Whether the org keeps its JSON Schemas, so new files point editors at
/// them.
pub(super) fn has_schemas(root: &Path) -> bool {
    root.join("schema").is_dir()
}

/// The id of the person `id` names, or an error with the closest.
pub(super) fn person(org: &Org, id: &str) -> Result<String> {
    let entity = resolve(org, id, &[EntityKind::Person])?;
    Ok(org.people[entity.index].id.value.clone())
}

/// The person `named` names, else the one whose `email` is git's
/// `user.email` here, who is to `role`; `hint` says how to name someone
/// instead.
fn named_or_git_user(
    org: &Org,
    root: &Path,
    named: Option<&str>,
    role: &str,
    hint: &str,
) -> Result<String> {
    if let Some(named) = named {
        return person(org, named);
    }
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
            "no person in the org has the email `{email}` (git's user.email), to {role}"
        ))
        .hint(format!("{hint}, or add your email to your people/ file"))),
        (None, None) => Err(
            Error::new(format!("who is to {role}? git has no user.email here"))
                .hint(hint.to_owned()),
        ),
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
