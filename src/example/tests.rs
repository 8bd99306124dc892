//! The story, told into memory instead of git, with `orgit check` run on the
//! org after EVERY commit: no commit may break the org, and the final state
//! has exactly the findings the story intends. Runs across the awkward
//! calendars too: one week, a quarter turning over in the final week, a year
//! end, the smallest org.

use std::collections::BTreeMap;

use rand::SeedableRng;

use super::calendar::Calendar;
use super::commit::{CommitSink, Lane, PlannedCommit};
use super::story::{Setup, Story, StoryOptions};
use super::{Rng, calendar};
use crate::checks::{self, CheckOptions};
use crate::error::Result;
use crate::model::Date;
use crate::source::RawFile;
use crate::source::layout;

/// Findings about dates and health the story means to leave behind; a
/// to-do done late is overdue for a few days on the way.
const INTENDED: &[&str] = &[
    "dependency-at-risk",
    "late-dependency",
    "past-due",
    "risk-review-overdue",
    "todo-overdue",
];

/// The final state's findings: one of each, and two to-dos still overdue
/// (one from the leadership meeting, one from an issue).
const FINAL: &[&str] = &[
    "dependency-at-risk",
    "late-dependency",
    "past-due",
    "risk-review-overdue",
    "todo-overdue",
    "todo-overdue",
];

/// Keeps the repository's files in memory and checks the org at each commit
/// on the main line, as of that commit's day.
struct CheckingSink {
    main: BTreeMap<String, String>,
    /// What each side branch changed, to bring into `main` when it merges.
    branches: BTreeMap<String, Vec<PlannedCommit>>,
    /// Check every `stride`-th commit on the main line (1: every one).
    stride: usize,
    commits: usize,
    merges: usize,
    /// `(commit message, code)` of every finding the story does not intend.
    broken: Vec<(String, String)>,
}

impl CheckingSink {
    fn codes(&self, today: Date) -> Vec<String> {
        let raw = self
            .main
            .iter()
            .filter(|(path, _)| layout::classify(path).is_some())
            .map(|(path, text)| RawFile {
                path: path.clone(),
                content: Ok(text.clone().into_bytes()),
            })
            .collect();
        let (org, mut diagnostics) = crate::loader::load_files(raw);
        diagnostics.extend(checks::run(&org, CheckOptions { today }));
        diagnostics
            .into_sorted()
            .iter()
            .map(|d| d.code.as_str().to_owned())
            .collect()
    }
}

fn apply(files: &mut BTreeMap<String, String>, commit: &PlannedCommit) {
    for change in &commit.changes {
        match &change.content {
            Some(text) => files.insert(change.path.clone(), text.clone()),
            None => files.remove(&change.path),
        };
    }
}

impl CommitSink for CheckingSink {
    fn commit(&mut self, commit: PlannedCommit) -> Result<()> {
        self.commits += 1;
        match &commit.lane {
            Lane::Main => apply(&mut self.main, &commit),
            Lane::Branch(name) => {
                let name = name.clone();
                self.branches.entry(name).or_default().push(commit);
                return Ok(());
            }
            Lane::Merge(name) => {
                for change in self.branches.remove(name).unwrap_or_default() {
                    apply(&mut self.main, &change);
                }
                apply(&mut self.main, &commit);
                self.merges += 1;
            }
        }
        if !self.commits.is_multiple_of(self.stride) {
            return Ok(());
        }
        let seconds = commit.time.seconds + i64::from(commit.time.offset_minutes) * 60;
        let day = Date(
            jiff::Timestamp::from_second(seconds)
                .expect("a commit time in range")
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date(),
        );
        for code in self.codes(day) {
            if !INTENDED.contains(&code.as_str()) {
                self.broken.push((commit.message.clone(), code));
            }
        }
        Ok(())
    }
}

/// Tells the story for `weeks` weeks ending in the week of `end`, checking
/// every `stride`-th commit; returns the sink and the day after the history.
fn tell(seed: u64, weeks: u32, end: &str, people: u32, stride: usize) -> (CheckingSink, Date) {
    let calendar = Calendar::new(end.parse().unwrap(), weeks).unwrap();
    let day_after = calendar::add_days(calendar.last_day(), 1);
    let setup = Setup::new(
        calendar,
        Rng::seed_from_u64(seed),
        &StoryOptions {
            seed,
            people,
            org_dir: None,
        },
    );
    let mut sink = CheckingSink {
        main: BTreeMap::new(),
        branches: BTreeMap::new(),
        stride,
        commits: 0,
        merges: 0,
        broken: Vec::new(),
    };
    Story::new(setup, &mut sink).tell().unwrap();
    (sink, day_after)
}

fn assert_valid_story(seed: u64, weeks: u32, end: &str, people: u32) {
    assert_valid_story_sampled(seed, weeks, end, people, 1);
}

fn assert_valid_story_sampled(seed: u64, weeks: u32, end: &str, people: u32, stride: usize) {
    let (sink, day_after) = tell(seed, weeks, end, people, stride);
    assert!(
        sink.broken.is_empty(),
        "seed {seed}, {weeks} weeks to {end}: {:?}",
        sink.broken
    );
    assert_eq!(sink.merges, 1, "seed {seed}, {weeks} weeks to {end}");
    let mut codes = sink.codes(day_after);
    codes.sort();
    assert_eq!(codes, FINAL, "seed {seed}, {weeks} weeks to {end}");
}

#[test]
fn a_quarter_of_history_is_valid_at_every_commit() {
    assert_valid_story(1, 13, "2026-11-22", 40);
    assert_valid_story(2, 13, "2026-11-22", 40);
}

#[test]
fn a_single_week_still_has_every_beat() {
    assert_valid_story(3, 1, "2026-11-22", 40);
}

#[test]
fn a_quarter_turning_over_in_the_final_week() {
    // 2026-10-01 is a Thursday: the final quarter is planned that morning.
    assert_valid_story(4, 2, "2026-10-04", 40);
    // 2026-04-01 is a Wednesday.
    assert_valid_story(5, 13, "2026-04-05", 40);
}

#[test]
fn a_year_end_and_the_smallest_org() {
    assert_valid_story(6, 3, "2027-01-03", 40);
    assert_valid_story(7, 13, "2026-07-05", super::MIN_PEOPLE);
}

#[test]
fn a_long_history_spans_quarters_with_unique_ids() {
    // More than four quarters: ids carry the year (`q4-2026`). Sampled: a
    // thousand commits checked one by one take long in a debug build.
    assert_valid_story_sampled(8, 60, "2026-06-07", 40, 15);
}
