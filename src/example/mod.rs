//! `orgit example`: a realistic org as a git repository with weeks of history,
//! the way `bean-example` makes a ledger for beancount. The README demo, the
//! tests and the benchmarks all run on it.
//!
//! # The org
//!
//! A Berlin B2B software company (one of a few, picked by the seed): a
//! team-of-teams hierarchy (company → departments → groups, and squads below
//! groups when the org is large; about one team per seven people), people with
//! roles and GitHub handles, a lead for every team. Every quarter the company
//! sets three or four goals, each department and group one goal aligned to the
//! one above; metric and milestone key results each have an owner; leaf teams
//! run initiatives with milestones that support their goal's key results;
//! some goals and initiatives wait on other teams' initiatives (`depends_on`
//! with a buffer before `need_by`). Decisions are MADR records, risks carry a
//! mitigation and a review date. Every file starts with its schema modeline
//! and the JSON Schemas are in `schema/`, so editors validate as people type.
//!
//! # The story
//!
//! Week by week, at working-day times in the org's time zone, the people
//! themselves commit what they would edit: key-result owners move `current`
//! (some on a steady course, some stalling, one company goal sliding back),
//! goal owners re-rate health and confidence, milestones are done or moved
//! later (some more than once), risk owners review, team leads write the
//! Friday update (a few skip a week; in a large org a group lead commits the
//! updates of the squads below the group together, which keeps 5,000 people
//! at a few thousand commits). At each quarter's first working day last
//! quarter's goals are scored achieved or missed and the new quarter is
//! planned.
//!
//! On top of that routine, scripted beats (see `story/beats.rs`) are placed
//! counting back from the END, so the final week's digest always has
//! something real in every section, whatever `--weeks` is:
//!
//! - an initiative another team's goal depends on slips twice, the second time
//!   (final week) past the goal's `need_by`, and turns at risk: a slip, a
//!   late dependency, a dependency at risk and a new at-risk item at once; a
//!   new risk about it is raised the next day;
//! - a stalled key result's target is lowered through a decision proposed in
//!   a pull request (a side branch with two commits and a real merge commit)
//!   and accepted in the final week in the same commit as the change; another
//!   target is lowered quietly, with no decision (a goalpost move to flag);
//! - a decision proposed four weeks before the end is still waiting; an
//!   earlier one was proposed and accepted;
//! - a risk is closed, one is escalated in the final week, one has its review
//!   date lapse;
//! - a person joins, and a colleague leaves with all their items handed over
//!   in the same commit; the newcomer's `people/<id>.yml` is later renamed to
//!   `.yaml` (a rename with the same id);
//! - a goal nobody edits after planning and a key result nobody updates go
//!   stale; one team writes no update in the final two weeks (its reminder
//!   escalates); one milestone due in the final week is neither done nor
//!   moved.
//!
//! Beside them run the scorecard and the follow-through, from a random
//! stream of their own so the rest of the story draws the same (see
//! `story/scorecard.rs` and `story/follow_up.rs`): each department lead
//! measures two KPIs in the Friday check-in, two drift off target for
//! weeks and one goes stale; the leadership meeting agrees to-dos, most
//! done on time, some late, one dropped, two still overdue at the end;
//! issues are raised, solved by to-dos or by a decision, dropped, or left
//! open for the agenda to rank.
//!
//! Every commit's org loads without parse, schema or reference errors; the
//! date findings of the final state (a late dependency, a past-due milestone,
//! an overdue risk review, two overdue to-dos) are the point.
//!
//! # Determinism
//!
//! Same seed, same options, same end date: byte-identical repository, same
//! commit ids. The random stream is ChaCha8 (portable); signatures and commit
//! times are explicit (no git config); the branch is `main` whatever
//! `init.defaultBranch` says; no wall clock except through `end`; nothing
//! iterates a hash map. Commits outside the org root (`other_commits`, for
//! benchmarks) come from a second stream, so they never change the org's story.

mod calendar;
mod catalog;
mod commit;
mod noise;
mod plan;
mod render;
mod story;
mod world;
mod writer;

use std::path::Path;

use git2::{Repository, RepositoryInitOptions};
use rand::SeedableRng;

use self::calendar::Calendar;
use self::commit::Author;
use self::noise::Noise;
use self::story::{Setup, Story, StoryOptions};
use self::world::TeamKind;
use self::writer::GitWriter;
use crate::error::{Error, Result};
use crate::model::Date;

/// The random stream of the org's story (a stream of its own for noise).
type Rng = rand_chacha::ChaCha8Rng;

/// The time zone the example org lives in (its `orgit.yaml` says so).
pub const TIME_ZONE: &str = catalog::TIME_ZONE;

/// Bounds that keep a run sensible (and its names unique).
pub const MAX_WEEKS: u32 = 260;
pub const MIN_PEOPLE: u32 = 12;
pub const MAX_PEOPLE: u32 = 10_000;
pub const MAX_OTHER_COMMITS: u32 = 1_000_000;

/// What to generate.
#[derive(Clone, Debug)]
pub struct ExampleOptions {
    pub seed: u64,
    /// Weeks of history (Monday to Sunday), at least one.
    pub weeks: u32,
    pub people: u32,
    /// The history's final week is the one that holds this date.
    pub end: Date,
    /// Put the org in this sub-folder of the repository (the monorepo case).
    pub org_dir: Option<String>,
    /// Commits touching only files outside the org root, spread over the
    /// weeks before the final `recent_weeks` (needs `org_dir`) ...
    pub other_commits: u32,
    /// ... and this many in each of the final `recent_weeks` weeks. Kept
    /// apart so histories of very different lengths can end in identical
    /// recent weeks: a digest's window then holds the same commits in both.
    pub other_commits_per_recent_week: u32,
    /// How many final weeks get `other_commits_per_recent_week` (at least 1).
    pub recent_weeks: u32,
}

impl ExampleOptions {
    /// The defaults of `orgit example`, ending in the week of `end`.
    pub fn new(end: Date) -> ExampleOptions {
        ExampleOptions {
            seed: 1,
            weeks: 13,
            people: 40,
            end,
            org_dir: None,
            other_commits: 0,
            other_commits_per_recent_week: 0,
            recent_weeks: 1,
        }
    }
}

/// What was generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    pub company: String,
    /// Every commit, merges and commits outside the org root included.
    pub commits: usize,
    /// `main`'s commit id (hex).
    pub head: String,
    /// Person files, people who left included.
    pub people: usize,
    pub teams: usize,
    pub first_day: Date,
    pub last_day: Date,
}

/// Generates the example in `dir`, which must not exist or be empty. On
/// failure, whatever was written is removed again.
pub fn generate(dir: &Path, options: &ExampleOptions) -> Result<Generated> {
    validate(options)?;
    let existed = prepare_folder(dir)?;
    let generated = write_example(dir, options);
    if generated.is_err() {
        remove_written(dir, existed);
    }
    generated
}

fn write_example(dir: &Path, options: &ExampleOptions) -> Result<Generated> {
    let repo = init_repository(dir)?;
    let calendar = Calendar::new(options.end, options.weeks)?;
    let setup = Setup::new(
        calendar.clone(),
        Rng::seed_from_u64(options.seed),
        &StoryOptions {
            seed: options.seed,
            people: options.people,
            org_dir: options.org_dir.as_deref(),
        },
    );
    let noise = if options.other_commits > 0 || options.other_commits_per_recent_week > 0 {
        Some(Noise::new(
            options.seed,
            &calendar,
            options.other_commits,
            options.other_commits_per_recent_week,
            options.recent_weeks,
            engineers(&setup),
        )?)
    } else {
        None
    };
    let _relaxed = RelaxedObjectChecks::new();
    let mut writer = GitWriter::new(&repo, noise);
    let world = Story::new(setup, &mut writer).tell()?;
    let written = writer.finish()?;
    Ok(Generated {
        company: world.company.name.to_owned(),
        commits: written.commits,
        head: written.head.to_string(),
        people: world.people.len(),
        teams: world.teams.len(),
        first_day: calendar.first_day(),
        last_day: calendar.last_day(),
    })
}

fn validate(options: &ExampleOptions) -> Result<()> {
    if options.weeks == 0 || options.weeks > MAX_WEEKS {
        return Err(
            Error::new(format!("--weeks {} is out of range", options.weeks))
                .hint(format!("choose from 1 to {MAX_WEEKS} weeks")),
        );
    }
    if options.recent_weeks == 0 || options.recent_weeks > options.weeks {
        return Err(Error::new(format!(
            "{} recent weeks do not fit in {} weeks of history",
            options.recent_weeks, options.weeks
        ))
        .hint("choose from 1 to the number of weeks"));
    }
    if !(MIN_PEOPLE..=MAX_PEOPLE).contains(&options.people) {
        return Err(
            Error::new(format!("--people {} is out of range", options.people)).hint(format!(
                "choose from {MIN_PEOPLE} (enough for every role in the story) to {MAX_PEOPLE}"
            )),
        );
    }
    let other = u64::from(options.other_commits)
        + u64::from(options.other_commits_per_recent_week) * u64::from(options.recent_weeks);
    if other > u64::from(MAX_OTHER_COMMITS) {
        return Err(Error::new(format!(
            "{other} commits outside the org root are more than this generator writes"
        ))
        .hint(format!("ask for at most {MAX_OTHER_COMMITS}")));
    }
    if let Some(dir) = &options.org_dir {
        let segments_ok = !dir.is_empty()
            && dir
                .split('/')
                .all(|s| !s.is_empty() && s != "." && s != ".." && s != ".git");
        let clashes = dir.split('/').next() == Some(noise::CODE_DIR);
        if !segments_ok || clashes {
            return Err(Error::new(format!(
                "org folder `{dir}` is not a plain relative folder path"
            ))
            .hint(format!(
                "use `/`-separated folder names without `.`, `..` or `.git`, not under `{}/`",
                noise::CODE_DIR
            )));
        }
    } else if options.other_commits > 0 || options.other_commits_per_recent_week > 0 {
        return Err(
            Error::new("commits outside the org root need the org in a sub-folder")
                .hint("set `org_dir` (the monorepo case)"),
        );
    }
    Ok(())
}

/// Trees are built from blobs this run just wrote, so libgit2's check that
/// every tree entry exists would only make each commit cost a lookup per
/// entry of every folder it changes. The setting is process-wide: this puts
/// libgit2's default back when generation ends.
struct RelaxedObjectChecks;

impl RelaxedObjectChecks {
    fn new() -> RelaxedObjectChecks {
        git2::opts::strict_object_creation(false);
        RelaxedObjectChecks
    }
}

impl Drop for RelaxedObjectChecks {
    fn drop(&mut self) {
        git2::opts::strict_object_creation(true);
    }
}

/// Makes sure `dir` is an empty folder; returns whether it existed.
fn prepare_folder(dir: &Path) -> Result<bool> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir)
            .map_err(|e| Error::new(format!("cannot read `{}`: {e}", dir.display())))?;
        if entries.next().is_some() {
            return Err(
                Error::new(format!("`{}` exists and is not empty", dir.display()))
                    .hint("name a new folder; orgit example never writes over files"),
            );
        }
        return Ok(true);
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::new(format!("cannot create `{}`: {e}", dir.display())))?;
    Ok(false)
}

/// Removes what a failed run wrote: the folder it created, or everything in
/// the empty folder it was given. Best effort: the error that stopped the run
/// is the one to report.
fn remove_written(dir: &Path, existed: bool) {
    if !existed {
        let _ = std::fs::remove_dir_all(dir);
        return;
    }
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let _ = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
    }
}

fn init_repository(dir: &Path) -> Result<Repository> {
    let mut init = RepositoryInitOptions::new();
    // `main` whatever init.defaultBranch says; no templates from the machine.
    init.initial_head("main")
        .external_template(false)
        .no_reinit(true);
    Ok(Repository::init_opts(dir, &init)?)
}

/// Who writes the code outside the org root: the engineering department,
/// minus whoever leaves during the story.
fn engineers(setup: &Setup) -> Vec<Author> {
    let world = setup.world();
    let engineering: Vec<&str> = world
        .teams
        .iter()
        .filter(|t| match t.kind {
            TeamKind::Group(a) | TeamKind::Squad(a) => catalog::DEPARTMENTS[0]
                .archetypes
                .iter()
                .any(|e| std::ptr::eq(e, a)),
            _ => false,
        })
        .map(|t| t.id.as_str())
        .collect();
    let authors: Vec<Author> = world
        .people
        .iter()
        .filter(|p| Some(p.id.as_str()) != setup.leaver())
        .filter(|p| engineering.contains(&p.team.as_str()))
        .map(|p| Author {
            name: p.name.clone(),
            email: p.email.clone(),
        })
        .collect();
    if authors.is_empty() {
        world
            .people
            .iter()
            .map(|p| Author {
                name: p.name.clone(),
                email: p.email.clone(),
            })
            .collect()
    } else {
        authors
    }
}

#[cfg(test)]
mod tests;
