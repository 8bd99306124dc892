//! `orgit digest`: the weekly digest, rendered from git history.
//!
//! Everything is read from git, never from the working tree: the settings
//! and templates at the head revision (`--at`, default `HEAD`), the history of
//! the period up to the end of the week, and the org as it was at the week's
//! last commit. Uncommitted edits change nothing, and the same repository
//! state gives the same bytes.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use git2::ErrorCode;

use super::progress::WalkProgress;
use super::{Outcome, Session, report_output};
use crate::diagnostics::Severity;
use crate::error::{Error, Result};
use crate::history::{self, History, Request};
use crate::loader::ParseCache;
use crate::model::{Date, IsoWeek, Org};
use crate::reports::digest::{self, Calendar, CommitRef, Digest, Inputs, WeekWindow};
use crate::reports::scorecard;
use crate::source::git::read_org_blob;
use crate::source::{GitHubRepository, GitTree, OrgRepository, RawFile, layout};

#[derive(clap::Args, Debug)]
pub struct DigestArgs {
    /// The ISO week to report on, e.g. 2026-W47 [default: the last complete week]
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<IsoWeek>,
    /// Only this team and the teams below it
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    /// Markdown, or the report's data model as JSON
    #[arg(long, value_enum, default_value_t = DigestFormat::Markdown)]
    pub format: DigestFormat,
    /// Write the digest to digests/<week>.md (digests/<week>-<team>.md with --team) instead of printing it
    #[arg(long)]
    pub write: bool,
    /// Write digests/<week>.md and commit that file alone (implies --write)
    #[arg(long)]
    pub commit: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    Markdown,
    Json,
}

pub fn run(session: &Session, args: &DigestArgs) -> Result<Outcome> {
    let writes = args.write || args.commit;
    if writes && args.format == DigestFormat::Json {
        return Err(
            Error::new("`--write` and `--commit` publish the markdown digest")
                .hint("drop `--format json`, or redirect the JSON to a file yourself"),
        );
    }
    let mut opened = OpenedHistory::open(session, "`orgit digest`", "digest")?;
    let week = pick_week(&opened.calendar, args.week, opened.today)?;
    let (digest, _) = opened.digest(week, args.team.as_deref())?;
    let (root, head_id) = (&opened.root, &opened.head_id);

    let output = report_output::render(
        &digest,
        args.format == DigestFormat::Json,
        root,
        head_id,
        "digest.md.j2",
        "digest",
    )?;
    if writes {
        let head = commit_ref(&opened.repository, head_id, &opened.calendar)?;
        let note = write(session, args, root, &digest, &head, &output)?;
        eprintln!("{note}");
    } else {
        super::print(&output)?;
    }
    Ok(Outcome::Clean)
}

/// A repository opened for a report read from history: its head resolved
/// once, the settings and calendar as they are there, and "today" by them.
/// The digest, `orgit remind` and `orgit agenda` all start here.
pub(super) struct OpenedHistory {
    pub root: PathBuf,
    pub repository: OrgRepository,
    /// The revision as the user named it (`--at`, default `HEAD`).
    pub revision: String,
    pub head_id: String,
    /// The org holding only the head's `orgit.yaml`.
    pub settings: Org,
    pub calendar: Calendar,
    pub today: Date,
    /// The parse of the settings, for the report's own reads.
    parses: ParseCache,
}

impl OpenedHistory {
    /// `command` names the command in errors, `what` its report in hints.
    pub fn open(session: &Session, command: &str, what: &str) -> Result<OpenedHistory> {
        let root = crate::source::discover(&session.cwd)?.root;
        let revision = session.at.as_deref().unwrap_or("HEAD");
        let repository = OrgRepository::discover(&root, command).map_err(|e| {
            e.hint(format!(
                "the {what} is read from git history: commit the org to a git repository first"
            ))
        })?;
        let head_id = resolve_head(&repository, revision)?;
        // Weeks and "today" follow the settings as they are now (at the head).
        let mut parses = ParseCache::new();
        let settings = settings_at(&repository, &head_id, &mut parses)?;
        let calendar = Calendar::from_settings(settings.settings.as_deref())?;
        let today = session.today(&settings);
        Ok(OpenedHistory {
            root,
            repository,
            revision: revision.to_owned(),
            head_id,
            settings,
            calendar,
            today,
            parses,
        })
    }

    /// The digest of `week` (restricted to `team` and below), with the org
    /// as it was at the week's last commit that it was built from.
    pub fn digest(&mut self, week: WeekWindow, team: Option<&str>) -> Result<(Digest, Org)> {
        let (root, head_id, calendar) = (&self.root, &self.head_id, &self.calendar);
        let in_progress = week.last_day >= self.today;
        let timeline = calendar.timeline(week)?;
        let request = Request {
            head: head_id.clone(),
            instants: timeline.instants(),
            time_zone: calendar.time_zone.clone(),
            only: None,
        };
        // The scorecard's weeks, read in the same walk when the org keeps
        // KPIs: its 13 weeks and the digest's quarter mostly overlap. Its
        // replay goes before the org is loaded, too: the load moves the
        // parses it uses out of the cache, and the replay would parse those
        // blobs again.
        let scorecard_weeks = if self.keeps_kpis()? {
            Some(scorecard::weeks(calendar, &timeline.week)?)
        } else {
            None
        };
        let requests: Vec<Request> = std::iter::once(request)
            .chain(
                scorecard_weeks
                    .as_deref()
                    .map(|weeks| self.scorecard_request(weeks)),
            )
            .collect();
        let bar = WalkProgress::new("reading history");
        let mut parses = std::mem::take(&mut self.parses);
        let histories =
            history::reconstruct_each(root, &requests, &mut parses, &mut |p| bar.update(p));
        bar.finish();
        let mut histories = histories?.into_iter();
        let history = histories.next().expect("a history per request");
        let mut kpi_history = scorecard_weeks.zip(histories.next());

        let week = &timeline.week;
        // The org's state at the week's end is that of the last commit that
        // changed it; in a monorepo the newest commit before the end is usually
        // about something else, and the header should cite the org's own.
        let last_org_commit = history.commits.last().map(|commit| commit.id.clone());
        let as_of_id = last_org_commit
            .or_else(|| history.snapshots.last().and_then(|s| s.commit.clone()))
            .ok_or_else(|| {
                Error::new(format!(
                    "{} ended before the first commit of `{}`",
                    week.week, self.revision
                ))
                .hint("pick a later week with `--week`")
            })?;
        let as_of = commit_ref(&self.repository, &as_of_id, calendar)?;
        let org = load_at(root, &as_of, &mut parses, false, None)?;
        let configured = self
            .settings
            .settings
            .as_ref()
            .and_then(|s| s.repository.as_ref())
            .map(|url| url.value.as_str());
        let github = GitHubRepository::find(root, configured);
        let mut digest = digest::build(&Inputs {
            org: &org,
            history: &history,
            timeline: &timeline,
            as_of,
            team,
            in_progress,
            repository: github.as_ref(),
        })?;
        if !org.kpis.is_empty() {
            let (weeks, history) = match kpi_history.take() {
                Some(read) => read,
                None => self.scorecard_history(week, &mut parses)?,
            };
            digest.scorecard = Some(scorecard::build(&org, &history, &weeks, team));
        }
        Ok((digest, org))
    }

    /// Whether the org at the head has a `kpis/` folder
    /// ([`scorecard::HISTORY_FOLDERS`]): then the digest
    /// reads its scorecard's weeks in the same walk. (A week from before the
    /// KPIs were added reads them for nothing; KPIs removed since the week
    /// are read after, by [`Self::scorecard_history`].)
    fn keeps_kpis(&self) -> Result<bool> {
        let head = self.repository.commit(&self.head_id)?;
        let Some(tree) = self.repository.org_tree_id(&head)? else {
            return Ok(false);
        };
        let tree = self.repository.repo.find_tree(tree)?;
        Ok(scorecard::HISTORY_FOLDERS
            .iter()
            .any(|folder| tree.get_name(folder).is_some()))
    }

    /// What the scorecard of `weeks` reads: only KPIs, whose other folders'
    /// tree diffs over 13 weeks would cost more than the digest's own walk.
    fn scorecard_request(&self, weeks: &[WeekWindow]) -> Request {
        Request {
            head: self.head_id.clone(),
            instants: scorecard::instants(weeks),
            time_zone: self.calendar.time_zone.clone(),
            only: Some(scorecard::HISTORY_FOLDERS),
        }
    }

    /// The weeks of the scorecard at the end of `week` and their history,
    /// walked on their own: for the org at the week's end has KPIs the head
    /// no longer has. Sharing `parses` with the digest's walk, it parses
    /// only the blobs that walk did not.
    fn scorecard_history(
        &self,
        week: &WeekWindow,
        parses: &mut ParseCache,
    ) -> Result<(Vec<WeekWindow>, History)> {
        let weeks = scorecard::weeks(&self.calendar, week)?;
        let request = self.scorecard_request(&weeks);
        let history = history::reconstruct_with(&self.root, &request, parses, &mut |_| {})?;
        Ok((weeks, history))
    }
}

/// Writes the markdown digest to `digests/<week>.md` (`<week>-<team>.md`
/// with `--team`) and with `--commit` commits it; says what happened.
fn write(
    session: &Session,
    args: &DigestArgs,
    root: &Path,
    digest: &Digest,
    head: &CommitRef,
    markdown: &str,
) -> Result<String> {
    let week = digest.week;
    let relative =
        report_output::report_path("digests", &week.to_string(), args.team.as_deref(), "digest")?;
    let message = args.commit.then(|| {
        let scope = args
            .team
            .as_ref()
            .map(|team| format!(" for team {team}"))
            .unwrap_or_default();
        format!(
            "digest: {} weekly digest {week}{scope}\n\nBuilt by `orgit digest` from the history up to {} ({}).\n",
            digest.org, head.short, head.summary
        )
    });
    report_output::publish_report(session, root, &relative, markdown, message.as_deref())
}

/// The digest's week: `--week`, or the last complete one. A week that has
/// not started is an error; the current week is allowed (in progress).
pub(super) fn pick_week(
    calendar: &Calendar,
    week: Option<IsoWeek>,
    today: Date,
) -> Result<WeekWindow> {
    let Some(week) = week else {
        return calendar.last_complete_week(today);
    };
    let window = calendar.week(week)?;
    if window.first_day > today {
        let last = calendar.last_complete_week(today)?.week;
        return Err(Error::new(format!(
            "{week} has not started yet: it starts on {}, and today is {today}",
            window.first_day
        ))
        .hint(format!(
            "leave out `--week` for the last complete week ({last}), or pass `--today` to date the run"
        )));
    }
    Ok(window)
}

/// The full id of the commit the digest is built from, resolved once so every
/// read below sees the same one.
pub(super) fn resolve_head(repository: &OrgRepository, revision: &str) -> Result<String> {
    if revision == "HEAD" {
        match repository.repo.head() {
            Err(e) if e.code() == ErrorCode::UnbornBranch => {
                return Err(Error::new("the repository has no commits yet")
                    .hint("the digest is read from git history: commit the org first"));
            }
            _ => {}
        }
    }
    Ok(repository.commit(revision)?.id().to_string())
}

pub(super) fn commit_ref(
    repository: &OrgRepository,
    id: &str,
    calendar: &Calendar,
) -> Result<CommitRef> {
    let commit = repository.commit(id)?;
    Ok(describe(&commit, &calendar.time_zone))
}

fn describe(commit: &git2::Commit<'_>, zone: &jiff::tz::TimeZone) -> CommitRef {
    let id = commit.id().to_string();
    let time = jiff::Timestamp::from_second(commit.committer().when().seconds())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    CommitRef {
        short: id[..7].to_owned(),
        id,
        author: String::from_utf8_lossy(commit.author().name_bytes()).into_owned(),
        date: Date(time.to_zoned(zone.clone()).date()),
        summary: String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).into_owned(),
    }
}

/// The settings at `commit` alone (an org holding nothing else), without
/// reading the rest of the org. The parse goes through `parses`, so the
/// org loaded next from the same cache does not parse the same file again.
pub(super) fn settings_at(
    repository: &OrgRepository,
    commit: &str,
    parses: &mut ParseCache,
) -> Result<Org> {
    let commit = repository.commit(commit)?;
    let path = repository.prefix.join(layout::SETTINGS_FILE);
    let entry = commit
        .tree()?
        .get_path(&path)
        .map_err(|_| missing_settings(&repository.prefix, &commit))?;
    let raw = RawFile {
        path: layout::SETTINGS_FILE.to_owned(),
        content: read_org_blob(&repository.repo, entry.id()),
    };
    let (org, _) = parses.load_file(entry.id(), raw);
    if org.settings.is_none() {
        return Err(Error::new(format!(
            "`{}` at {} does not load",
            path.display(),
            &commit.id().to_string()[..7]
        ))
        .hint(format!("`orgit check --at {}` shows why", commit.id())));
    }
    Ok(org)
}

fn missing_settings(prefix: &Path, commit: &git2::Commit<'_>) -> Error {
    let id = commit.id().to_string();
    Error::new(format!(
        "there is no `{}` at {}",
        prefix.join(layout::SETTINGS_FILE).display(),
        &id[..7]
    ))
    .hint("commit the org's files first; the digest reads them from git")
}

/// The org as it was at `commit`, from the blobs the history engine parsed
/// through `parses` (and any others it did not read). Files that did not
/// load there are left out, with a warning: the digest still covers
/// everything else. `keep`: a later load will use the same parses. `only`:
/// read just those folders of the org root.
pub(super) fn load_at(
    root: &Path,
    commit: &CommitRef,
    parses: &mut ParseCache,
    keep: bool,
    only: Option<&'static [&'static str]>,
) -> Result<Org> {
    let source = GitTree::open(root, &commit.id)?;
    let source = match only {
        Some(folders) => source.only(folders),
        None => source,
    };
    let (org, diagnostics) = parses.load(&source, keep)?;
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        eprintln!(
            "warning: some files at {} do not load and are left out of the report; \
             `orgit check --at {}` shows why",
            commit.short, commit.short
        );
    }
    Ok(org)
}
