//! `orgit site [--out DIR]`: the org as a static website (see
//! [`crate::site`]). The org is read as every command reads it (the working
//! tree, or `--at`); the history of the current period from the commits of
//! the same revision. Outside a git repository the site is built without
//! history and says so on its pages.

use std::path::{Path, PathBuf};

use clap::Args;

use super::progress::WalkProgress;
use super::{Outcome, Session, print};
use crate::error::Result;
use crate::history::{self, History, Request};
use crate::model::{Date, Org, Period};
use crate::reports::digest::Calendar;
use crate::site::{self, Document, Inputs};
use crate::source::{GitHubRepository, OrgRepository};

#[derive(Args, Debug)]
pub struct SiteArgs {
    /// Folder to write the site to, replaced as a whole; orgit refuses a
    /// folder it did not write and the org's own folders
    #[arg(long, value_name = "DIR", default_value = "site")]
    pub out: PathBuf,
}

pub fn run(session: &Session, args: &SiteArgs) -> Result<Outcome> {
    let loaded = session.load()?;
    let org = &loaded.org;
    let root = &loaded.location.root;
    let today = session.today(org);
    let revision = session.at.clone().unwrap_or_else(|| "HEAD".to_owned());
    let history = read_history(root, org, today, &revision);
    let head = OrgRepository::discover(root, "the site")
        .ok()
        .and_then(|r| {
            r.commit(&revision)
                .ok()
                .map(|c| c.id().to_string()[..7].to_owned())
        });
    let configured = org
        .settings
        .as_ref()
        .and_then(|s| s.repository.as_ref())
        .map(|r| r.value.as_str());
    let documents = match &session.at {
        Some(revision) => Document::read_git(root, revision)?,
        None => Document::read_worktree(root)?,
    };
    let inputs = Inputs {
        org,
        today,
        history: history.as_ref().map_err(Clone::clone),
        repository: GitHubRepository::find(root, configured),
        documents,
        head,
    };
    let built = site::build(&inputs)?;
    let out = session.cwd.join(&args.out);
    site::output::write(&built, &out, root)?;
    let bytes: usize = built.files.values().map(Vec::len).sum();
    let shown = args.out.display();
    print(&format!(
        "wrote {} pages ({:.1} MB) to {shown}/\nopen {shown}/index.html in a browser\n",
        built.pages(),
        bytes as f64 / 1_000_000.0
    ))?;
    if let Err(reason) = &history {
        eprintln!("note: the site has no history: {reason}");
    }
    Ok(Outcome::Clean)
}

/// The current period's history up to today, or why there is none.
fn read_history(
    root: &Path,
    org: &Org,
    today: Date,
    revision: &str,
) -> std::result::Result<History, String> {
    if git2::Repository::discover(root).is_err() {
        return Err("not in a git repository".to_owned());
    }
    let calendar = Calendar::from_settings(org.settings.as_deref()).map_err(|e| e.message)?;
    let start = org.fiscal_year_start_month();
    let (from, to) = Period::containing(today, start).date_range(start);
    let until = today.min(to);
    let instants = until
        .0
        .tomorrow()
        .ok()
        .and_then(|end| {
            Some(vec![
                calendar.start_of_day(from).ok()?,
                calendar.start_of_day(Date(end)).ok()?,
            ])
        })
        .ok_or_else(|| format!("{until} is out of range"))?;
    let request = Request {
        head: revision.to_owned(),
        instants,
        time_zone: calendar.time_zone.clone(),
    };
    let bar = WalkProgress::new("reading history");
    let history = history::reconstruct(root, &request, &mut |p| bar.update(p));
    bar.finish();
    history.map_err(|e| e.message)
}
