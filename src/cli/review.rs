//! `orgit review monthly|quarterly|annual [PERIOD]`: how the period went,
//! scored, from git history.
//!
//! Read from git like the digest (see `cli/digest.rs`): the settings and
//! templates at the head revision, the history over the period, and the org
//! as it was at the period's last commit.

use std::path::Path;

use clap::ValueEnum;

use super::digest::{commit_ref, load_at, resolve_head, settings_at};
use super::progress::WalkProgress;
use super::{Outcome, Session, report_output};
use crate::error::{Error, Result};
use crate::history::{self, Request};
use crate::loader::ParseCache;
use crate::reports::digest::{Calendar, CommitRef};
use crate::reports::review::{self, Inputs, PeriodWindow, Review, ReviewKind};
use crate::reports::scoring::Bands;
use crate::source::{GitHubRepository, OrgRepository};

#[derive(clap::Args, Debug)]
pub struct ReviewArgs {
    /// Which review
    #[arg(value_enum)]
    pub kind: KindArg,
    /// The period: 2026-11 (monthly), 2026-Q3 (quarterly), 2026 (annual: the
    /// fiscal year ending in 2026) [default: the last complete one]
    #[arg(value_name = "PERIOD")]
    pub period: Option<String>,
    /// Only this team and the teams below it
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    /// Markdown, or the report's data model as JSON
    #[arg(long, value_enum, default_value_t = ReviewFormat::Markdown)]
    pub format: ReviewFormat,
    /// Write the review to reviews/<period>.md (reviews/<period>-<team>.md with --team) instead of printing it
    #[arg(long)]
    pub write: bool,
    /// Write reviews/<period>.md and commit that file alone (implies --write)
    #[arg(long)]
    pub commit: bool,
    /// When the period ended before the repository's first commit, say so and
    /// exit 0 instead of failing (for scheduled jobs on a new repository)
    #[arg(long)]
    pub skip_before_history: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Monthly,
    Quarterly,
    Annual,
}

impl From<KindArg> for ReviewKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Monthly => ReviewKind::Monthly,
            KindArg::Quarterly => ReviewKind::Quarterly,
            KindArg::Annual => ReviewKind::Annual,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Markdown,
    Json,
}

pub fn run(session: &Session, args: &ReviewArgs) -> Result<Outcome> {
    let writes = args.write || args.commit;
    if writes && args.format == ReviewFormat::Json {
        return Err(
            Error::new("`--write` and `--commit` publish the markdown review")
                .hint("drop `--format json`, or redirect the JSON to a file yourself"),
        );
    }
    let root = crate::source::discover(&session.cwd)?.root;
    let revision = session.at.as_deref().unwrap_or("HEAD");
    let repository = OrgRepository::discover(&root, "`orgit review`").map_err(|e| {
        e.hint("the review is read from git history: commit the org to a git repository first")
    })?;
    let head_id = resolve_head(&repository, revision)?;
    let mut parses = ParseCache::new();
    let settings = settings_at(&repository, &head_id, &mut parses)?;
    let calendar = Calendar::from_settings(settings.settings.as_deref())?;
    let today = session.today(&settings);
    let id = review::pick(&calendar, args.kind.into(), args.period.as_deref(), today)?;
    let window = PeriodWindow::new(&calendar, id, today)?;
    let health_windows = review::health_windows(&calendar, &window, today)?;

    if args.skip_before_history && !has_commit_before(&repository, &head_id, window.end)? {
        eprintln!("{id} ended before the first commit: nothing to review");
        return Ok(Outcome::Clean);
    }
    let request = Request {
        head: head_id.clone(),
        instants: review::instants(&calendar, &window, &health_windows)?,
        time_zone: calendar.time_zone.clone(),
        only: None,
    };
    let bar = WalkProgress::new("reading history");
    let history = history::reconstruct_with(&root, &request, &mut parses, &mut |p| bar.update(p));
    bar.finish();
    let history = history?;

    let last_org_commit = history.commits.last().map(|commit| commit.id.clone());
    let as_of_id = last_org_commit
        .or_else(|| history.snapshots.last().and_then(|s| s.commit.clone()))
        .ok_or_else(|| {
            Error::new(format!(
                "{id} ended before the first commit of `{revision}`"
            ))
            .hint("pick a later period")
        })?;
    let as_of = commit_ref(&repository, &as_of_id, &calendar)?;
    // The head's goals, for those carried over into the next quarter, read
    // first and their parses kept: the org at the period's end can then take
    // every parse it uses out of the cache instead of copying it.
    let later = if as_of.id != head_id {
        let head = commit_ref(&repository, &head_id, &calendar)?;
        Some(load_at(&root, &head, &mut parses, true, Some(&["goals"]))?)
    } else {
        None
    };
    let org = load_at(&root, &as_of, &mut parses, false, None)?;
    let configured = settings
        .settings
        .as_ref()
        .and_then(|s| s.repository.as_ref())
        .map(|url| url.value.as_str());
    let github = GitHubRepository::find(&root, configured);
    let review = review::build(&Inputs {
        org: &org,
        history: &history,
        calendar: &calendar,
        window: &window,
        as_of,
        team: args.team.as_deref(),
        bands: Bands::from_settings(settings.settings.as_ref().map(|s| &s.scoring)),
        health_windows: &health_windows,
        later: later.as_ref().unwrap_or(&org),
        repository: github.as_ref(),
    })?;

    let output = report_output::render(
        &review,
        args.format == ReviewFormat::Json,
        &root,
        &head_id,
        "review.md.j2",
        "review",
    )?;
    if writes {
        let head = commit_ref(&repository, &head_id, &calendar)?;
        let note = write(session, args, &root, &review, &head, &output)?;
        eprintln!("{note}");
    } else {
        super::print(&output)?;
    }
    Ok(Outcome::Clean)
}

/// Writes the markdown review to `reviews/<period>.md` (`<period>-<team>.md`
/// with `--team`) and with `--commit` commits it; says what happened.
fn write(
    session: &Session,
    args: &ReviewArgs,
    root: &Path,
    review: &Review,
    head: &CommitRef,
    markdown: &str,
) -> Result<String> {
    let period = review.period.id;
    let relative = report_output::report_path(
        "reviews",
        &period.to_string(),
        args.team.as_deref(),
        "review",
    )?;
    let message = args.commit.then(|| {
        let scope = args
            .team
            .as_ref()
            .map(|team| format!(" for team {team}"))
            .unwrap_or_default();
        format!(
            "review: {} {} review {period}{scope}\n\nBuilt by `orgit review` from the history up to {} ({}).\n",
            review.org,
            review.kind.as_str(),
            head.short,
            head.summary
        )
    });
    report_output::publish_report(session, root, &relative, markdown, message.as_deref())
}

/// Whether the main line from `head` has a commit older than `instant`. Walks
/// only the commits newer than it, as the history read would.
fn has_commit_before(
    repository: &OrgRepository,
    head: &str,
    instant: jiff::Timestamp,
) -> Result<bool> {
    let mut commit = repository.commit(head)?;
    loop {
        if commit.committer().when().seconds() < instant.as_second() {
            return Ok(true);
        }
        match commit.parent(0) {
            Ok(parent) => commit = parent,
            Err(_) => return Ok(false),
        }
    }
}
