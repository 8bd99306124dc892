//! Assembling a [`Digest`] from the history of the period and the org at the
//! end of the week. Pure: no git, no files, no clock.

use std::collections::{BTreeSet, HashMap, HashSet};

use jiff::Timestamp;

use super::changes;
use super::follow_up;
use super::standing;
use super::state;
use super::team_tree::TeamTree;
use super::{
    Accountability, CommitRef, Decisions, Digest, Item, Named, PeriodInfo, Risks, Timeline,
};
use crate::checks::{self, CheckOptions};
use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::error::{Error, Result};
use crate::history::{Change, ChangeKind, CommitInfo, EntityState, History, States};
use crate::model::{Date, EntityKind, Org};
use crate::source::GitHubRepository;

/// What a digest is built from.
pub struct Inputs<'a> {
    /// The org at the end of the week: the tree of the `as_of` commit.
    pub org: &'a Org,
    /// History reconstructed at [`Timeline::instants`].
    pub history: &'a History,
    pub timeline: &'a Timeline,
    /// The commit `org` was read from.
    pub as_of: CommitRef,
    /// Restrict the digest to this team and the teams below it.
    pub team: Option<&'a str>,
    /// The week has not ended yet (it holds today).
    pub in_progress: bool,
    /// Where commits can be seen on GitHub, for links; `None` elsewhere.
    pub repository: Option<&'a GitHubRepository>,
}

/// Builds the digest. Fails only when `--team` names no team, or when the
/// history does not hold one snapshot per instant of the timeline.
pub fn build(inputs: &Inputs<'_>) -> Result<Digest> {
    let cx = Context::new(inputs)?;
    let timeline = inputs.timeline;
    let week = &timeline.week;

    let goals = standing::goals(&cx);
    let context_goals = standing::context_goals(&cx, &goals);
    let teams = standing::teams(&cx, &goals);
    let behind_pace = super::pace::behind_pace(&goals);
    let moves = changes::moves(&cx);
    let turned = changes::turned(&cx);
    let slips = changes::slips(&cx);
    let goalpost_moves = changes::goalpost_moves(&cx);
    let dependencies = state::dependency_alerts(&cx);
    let decisions = Decisions {
        made: changes::decisions_made(&cx),
        waiting: state::decisions_waiting(&cx),
    };
    let risks = Risks {
        new: changes::risks_raised(&cx),
        escalated: changes::risks_escalated(&cx),
        review_overdue: state::risk_reviews(&cx),
    };
    let accountability = Accountability {
        stale: state::stale(&cx),
        stale_after_days: cx.stale_after_days,
        missing_updates: teams
            .iter()
            .filter(|t| t.update_expected && t.update.is_none())
            .map(|t| Named {
                id: t.id.clone(),
                name: t.name.clone(),
            })
            .collect(),
        overdue: state::overdue(&cx),
    };
    let figures = standing::figures(&cx, &goals);
    let follow_up = follow_up::follow_up(&cx);

    Ok(Digest {
        version: super::VERSION,
        org: inputs
            .org
            .settings
            .as_ref()
            .map(|s| s.name.value.clone())
            .unwrap_or_default(),
        week: week.week,
        first_day: week.first_day,
        last_day: week.last_day,
        in_progress: cx.in_progress,
        period: PeriodInfo {
            id: timeline.period,
            first_day: timeline.period_first_day,
            last_day: timeline.period_last_day,
            weeks: timeline.weeks.iter().map(|w| w.week).collect(),
            week_count: timeline.period_week_count,
        },
        as_of: inputs.as_of.clone(),
        repository: inputs.repository.map(|r| r.web_url.clone()),
        history_from: timeline.history_start_day,
        team: inputs.team.map(|id| cx.team_named(id)),
        figures,
        teams,
        goals,
        context_goals,
        behind_pace,
        moves,
        turned,
        slips,
        goalpost_moves,
        dependencies,
        decisions,
        risks,
        accountability,
        follow_up,
        scorecard: None,
    })
}

/// The org at one instant, with each goal's key results indexed.
pub(super) struct SnapshotView<'a> {
    pub entities: &'a States,
    key_results: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> SnapshotView<'a> {
    fn new(entities: &'a States) -> Self {
        let mut key_results: HashMap<&str, Vec<&str>> = HashMap::new();
        for (id, state) in entities {
            if state.kind == EntityKind::KeyResult
                && let Some(goal) = &state.parent
            {
                key_results.entry(goal).or_default().push(id);
            }
        }
        SnapshotView {
            entities,
            key_results,
        }
    }

    pub fn get(&self, id: &str) -> Option<&'a EntityState> {
        self.entities.get(id).map(|state| &**state)
    }

    /// A goal's progress: the mean of its key results' progress.
    pub fn goal_progress(&self, goal: &str) -> Option<f64> {
        let krs = self.key_results.get(goal)?;
        mean(
            krs.iter()
                .filter_map(|kr| self.entities.get(*kr).and_then(|s| key_result_progress(s))),
        )
    }
}

/// Everything the section builders share: the week's snapshots and changes,
/// the team hierarchy, the scope, and how to describe an item.
pub(super) struct Context<'a> {
    pub org: &'a Org,
    pub history: &'a History,
    pub timeline: &'a Timeline,
    /// "Today" for every date rule: the week's last day, never the clock.
    pub today: Date,
    pub in_progress: bool,
    pub stale_after_days: u32,
    pub start: SnapshotView<'a>,
    pub end: SnapshotView<'a>,
    /// The org at the end of each week of the period so far.
    pub week_ends: Vec<SnapshotView<'a>>,
    /// Changes made during the week, oldest first.
    pub week_changes: Vec<&'a Change>,
    /// Changes made during the period up to the end of the week.
    pub period_changes: Vec<&'a Change>,
    /// Ids with a change this week other than a rename.
    changed_this_week: HashSet<&'a str>,
    pub teams: TeamTree,
    /// The teams `--team` covers; `None` covers the whole org.
    pub scope: Option<BTreeSet<String>>,
    /// The diagnostics of `orgit check` on the week-end org.
    pub diagnostics: Diagnostics,
}

impl<'a> Context<'a> {
    fn new(inputs: &Inputs<'a>) -> Result<Self> {
        let (org, history, timeline) = (inputs.org, inputs.history, inputs.timeline);
        let expected = timeline.instants().len();
        if history.snapshots.len() != expected {
            return Err(Error::new(format!(
                "the history holds {} snapshots where the digest asked for {expected}",
                history.snapshots.len()
            )));
        }
        let snapshot = |index: usize| SnapshotView::new(&history.snapshots[index].entities);
        let week_index = timeline.weeks.len() - 1;
        let start = snapshot(timeline.week_start_instant(week_index));
        let end = snapshot(timeline.week_start_instant(week_index) + 1);
        let week_ends = (0..timeline.weeks.len())
            .map(|i| snapshot(timeline.week_start_instant(i) + 1))
            .collect();

        // Which changes belong to the week follows the snapshot rule, so the
        // changes always turn the week-start org into the week-end org.
        let week = &timeline.week;
        let week_commits = commits_before(history, week.start)..commits_before(history, week.end);
        let period_commits =
            commits_before(history, timeline.period_start)..commits_before(history, week.end);
        let week_changes: Vec<&Change> = history
            .changes
            .iter()
            .filter(|c| week_commits.contains(&c.commit))
            .collect();
        let changed_this_week = week_changes
            .iter()
            .filter(|c| !matches!(c.change, ChangeKind::Moved { .. }))
            .map(|c| c.id.as_str())
            .collect();
        let period_changes = history
            .changes
            .iter()
            .filter(|c| period_commits.contains(&c.commit))
            .collect();

        let teams = TeamTree::new(org);
        let scope = match inputs.team {
            None => None,
            Some(id) if teams.contains(id) => Some(teams.subtree(id)),
            Some(id) => return Err(unknown_team(id, &teams, &inputs.as_of)),
        };
        let today = week.last_day;
        Ok(Context {
            org,
            history,
            timeline,
            today,
            in_progress: inputs.in_progress,
            stale_after_days: org.settings.as_ref().map_or(14, |s| s.stale_after_days()),
            start,
            end,
            week_ends,
            week_changes,
            period_changes,
            changed_this_week,
            teams,
            scope,
            diagnostics: checks::run(org, CheckOptions { today }),
        })
    }

    pub fn commit(&self, index: usize) -> Option<&'a CommitInfo> {
        self.history.commits.get(index)
    }

    pub fn commit_ref(&self, index: usize) -> Option<CommitRef> {
        self.commit(index).map(CommitRef::from)
    }

    /// The newest known state of `id`: at the end of the week, else the last
    /// snapshot that holds it (for items removed during the period).
    pub fn state(&self, id: &str) -> Option<&'a EntityState> {
        self.end.get(id).or_else(|| {
            self.history
                .snapshots
                .iter()
                .rev()
                .find_map(|s| s.entities.get(id).map(|state| &**state))
        })
    }

    /// The team an entity belongs to (see [`Item::team`]).
    pub fn team_of(&self, id: &str) -> Option<String> {
        let state = self.state(id)?;
        match state.kind {
            EntityKind::Team => Some(id.to_owned()),
            EntityKind::Goal
            | EntityKind::Initiative
            | EntityKind::Person
            | EntityKind::Kpi
            | EntityKind::Issue
            | EntityKind::Todo => state.team.clone(),
            EntityKind::KeyResult | EntityKind::Milestone => state.team.clone().or_else(|| {
                let parent = state.parent.as_deref()?;
                self.state(parent)?.team.clone()
            }),
            EntityKind::Decision | EntityKind::Risk => state.team.clone().or_else(|| {
                let owner = self.org.person(state.owner.as_deref()?)?;
                owner.team.as_ref().map(|t| t.value.clone())
            }),
        }
    }

    pub fn in_scope(&self, id: &str) -> bool {
        match &self.scope {
            None => true,
            Some(teams) => self.team_of(id).is_some_and(|t| teams.contains(&t)),
        }
    }

    /// How lists are ordered: company-wide items first, then by team in
    /// hierarchy order, then by id.
    pub fn order_key(&self, id: &str) -> (usize, String) {
        (self.teams.rank(self.team_of(id).as_deref()), id.to_owned())
    }

    /// Describes an entity for a report entry.
    pub fn item(&self, id: &str, kind: EntityKind) -> Item {
        let Some(state) = self.state(id) else {
            return Item {
                id: id.to_owned(),
                kind,
                title: id.to_owned(),
                owner: None,
                team: None,
                path: String::new(),
            };
        };
        Item {
            id: id.to_owned(),
            kind: state.kind,
            title: state.title.clone(),
            owner: state.owner.as_deref().map(|p| self.person_named(p)),
            team: self.team_of(id).map(|t| self.team_named(&t)),
            path: state.path.clone(),
        }
    }

    pub fn person_named(&self, id: &str) -> Named {
        Named {
            id: id.to_owned(),
            name: self
                .org
                .person(id)
                .map_or_else(|| id.to_owned(), |p| p.name.value.clone()),
        }
    }

    pub fn team_named(&self, id: &str) -> Named {
        Named {
            id: id.to_owned(),
            name: self
                .org
                .team(id)
                .map_or_else(|| id.to_owned(), |t| t.name.value.clone()),
        }
    }

    /// The last change of the week to `id` that `matches`, with its commit.
    pub fn last_week_change(
        &self,
        id: &str,
        matches: impl Fn(&ChangeKind) -> bool,
    ) -> Option<(&'a Change, CommitRef)> {
        self.week_changes
            .iter()
            .rev()
            .filter(|c| c.id == id && matches(&c.change))
            .find_map(|c| Some((*c, self.commit_ref(c.commit)?)))
    }

    /// Whether `id` changed this week (a rename alone is no change).
    pub fn changed_this_week(&self, id: &str) -> bool {
        self.changed_this_week.contains(id)
    }
}

/// How many of the history's commits count as before `instant`. A snapshot
/// at an instant is the newest main-line commit before it, so every commit up
/// to the last one whose time is before the instant counts, even an older one
/// whose clock ran ahead.
fn commits_before(history: &History, instant: Timestamp) -> usize {
    history
        .commits
        .iter()
        .rposition(|c| c.time < instant)
        .map_or(0, |i| i + 1)
}

fn unknown_team(id: &str, teams: &TeamTree, as_of: &CommitRef) -> Error {
    let error = Error::new(format!(
        "there is no team `{id}` in the org at {}",
        as_of.short
    ));
    match did_you_mean(id, teams.ids()) {
        Some(close) => error.hint(format!("did you mean `{close}`?")),
        None => error.hint("`--team` takes a team id, the name of a file in `teams/`"),
    }
}

pub(super) use crate::reports::scoring::{key_result_progress, mean, ratio};

pub(super) fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| ratio(part as f64 / whole as f64))
}

/// The difference of two values the user wrote, without float noise
/// (10.4 - 9.8 is 0.6, not 0.5999999999999996).
pub(super) fn difference(after: f64, before: f64) -> f64 {
    let delta = after - before;
    if delta.abs() >= 1e6 {
        return delta;
    }
    (delta * 1e9).round() / 1e9
}
