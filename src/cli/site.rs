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
use crate::loader::ParseCache;
use crate::model::{Date, Org};
use crate::reports::digest::{Calendar, CommitRef};
use crate::reports::review::{self, PeriodId, PeriodWindow, ReviewKind};
use crate::reports::scoring::Bands;
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
    // The files read for the org are the history's last state, mostly:
    // the history parses only what differs.
    let mut parses = ParseCache::new();
    let loaded = session.load_keeping(&mut parses)?;
    let org = &loaded.org;
    let root = &loaded.location.root;
    let today = session.today(org);
    let revision = session.at.clone().unwrap_or_else(|| "HEAD".to_owned());
    let read = read_history(root, org, today, &revision, &mut parses);
    drop(parses);
    let head_commit = OrgRepository::discover(root, "the site")
        .ok()
        .and_then(|r| r.commit(&revision).ok().map(|c| c.id().to_string()));
    let head = head_commit.as_ref().map(|id| id[..7].to_owned());
    // The quarter so far, scored as `orgit review quarterly` scores it, for
    // the teams' execution figures.
    let review = match &read {
        Ok((history, calendar, window)) => history.commits.last().and_then(|last| {
            review::build(&review::Inputs {
                org,
                history,
                calendar,
                window,
                as_of: CommitRef::from(last),
                team: None,
                bands: Bands::from_settings(org.settings.as_ref().map(|s| &s.scoring)),
                // The org as it is: the site is of now, not of a past period.
                later: org,
                // Execution health of this quarter only: the site shows where
                // teams stand, the review's trend over past quarters is the
                // review's.
                health_windows: std::slice::from_ref(window),
                // The site takes figures from the review, not its markdown,
                // and links commits itself.
                repository: None,
            })
            .ok()
        }),
        Err(_) => None,
    };
    let window_start = read.as_ref().ok().map(|(_, _, window)| window.start);
    let history = read.map(|(history, _, _)| history);
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
        history_from: window_start,
        repository: GitHubRepository::find(root, configured),
        documents,
        head,
        review: review.as_ref(),
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

/// The current quarter's history up to today (read at the instants a
/// quarterly review reads, so the site can score it too), or why there is
/// none.
fn read_history(
    root: &Path,
    org: &Org,
    today: Date,
    revision: &str,
    parses: &mut ParseCache,
) -> std::result::Result<(History, Calendar, PeriodWindow), String> {
    if git2::Repository::discover(root).is_err() {
        return Err("not in a git repository".to_owned());
    }
    let calendar = Calendar::from_settings(org.settings.as_deref()).map_err(|e| e.message)?;
    let quarter = PeriodId::containing(
        ReviewKind::Quarterly,
        today,
        calendar.fiscal_year_start_month,
    );
    let window = PeriodWindow::new(&calendar, quarter, today).map_err(|e| e.message)?;
    let instants = review::instants(&calendar, &window, std::slice::from_ref(&window))
        .map_err(|e| e.message)?;
    let request = Request {
        head: revision.to_owned(),
        instants,
        time_zone: calendar.time_zone.clone(),
        only: None,
    };
    let bar = WalkProgress::new("reading history");
    let history = history::reconstruct_with(root, &request, parses, &mut |p| bar.update(p));
    bar.finish();
    let history = history.map_err(|e| e.message)?;
    Ok((history, calendar, window))
}
