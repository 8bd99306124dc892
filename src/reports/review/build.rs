//! Assembling a [`Review`] from the history of the window and the org at its
//! end. Pure: no git, no files, no clock.

use crate::source::GitHubRepository;
use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;

use super::period::{PeriodWindow, week_boundaries};
use super::{
    BehindPace, ExecutionHealth, GoalScore, KeyResultScore, MetricScore, MilestoneScore,
    PeriodInfo, QuarterSummary, Review, ScoreSummary, TargetChange, TeamScore,
};
use crate::diagnostics::did_you_mean;
use crate::error::{Error, Result};
use crate::history::{Change, ChangeKind, EntityState, Field, History, States, Value};
use crate::model::{
    Date, DecisionStatus, Direction, EntityKind, Goal, Health, Org, Period, Record,
};
use crate::reports::digest::team_tree::TeamTree;
use crate::reports::digest::{Calendar, CommitRef, DecisionLink, Item, Named};
use crate::reports::pace::{self, Pace, PaceInput};
use crate::reports::scoring::{self, Bands, Grade, mean, ratio};

/// What a review is built from.
pub struct Inputs<'a> {
    /// The org at the end of the window: the tree of the `as_of` commit.
    pub org: &'a Org,
    /// History reconstructed at [`instants`] of `window`.
    pub history: &'a History,
    pub calendar: &'a Calendar,
    pub window: &'a PeriodWindow,
    pub as_of: CommitRef,
    /// Restrict the review to this team and the teams below it.
    pub team: Option<&'a str>,
    /// The grade bands: from the settings at the head revision, like the
    /// calendar.
    pub bands: Bands,
    /// The org at the head revision, where the next quarter's goals are: for
    /// `carried_over`.
    pub later: &'a Org,
    /// The periods of the execution-health trend (see
    /// [`super::health_windows`]), oldest first.
    pub health_windows: &'a [PeriodWindow],
    /// Where commit ids link to, when the repository is on GitHub.
    pub repository: Option<&'a GitHubRepository>,
}

/// The instants a review of `window` reads the org at, oldest first: the
/// window's start, every quarter boundary and week boundary inside it, and
/// its end; for each period of the health trend, its start, its end and
/// `stale_after_days` before its end.
pub fn instants(
    calendar: &Calendar,
    window: &PeriodWindow,
    health_windows: &[PeriodWindow],
) -> Result<Vec<Timestamp>> {
    let mut instants = BTreeSet::from([window.start, window.end]);
    for period in health_windows {
        instants.insert(period.start);
        instants.insert(period.end);
        instants.insert(super::health::stale_instant(calendar, period)?);
    }
    for (_, at) in week_boundaries(calendar, window)? {
        instants.insert(at);
    }
    for period in window.id.quarters(calendar.fiscal_year_start_month) {
        let (first, last) = period.date_range(calendar.fiscal_year_start_month);
        for day in [first, next_day(last)] {
            let at = calendar.start_of_day(day)?;
            if window.start < at && at < window.end {
                instants.insert(at);
            }
        }
    }
    Ok(instants.into_iter().collect())
}

/// Builds the review. Fails only when `--team` names no team, or when the
/// history was not reconstructed at [`instants`].
pub fn build(inputs: &Inputs<'_>) -> Result<Review> {
    let cx = Context::new(inputs)?;
    let window = inputs.window;
    let start_month = inputs.calendar.fiscal_year_start_month;
    let quarters = window.id.quarters(start_month);

    let mut goals: Vec<GoalScore> = inputs
        .org
        .goals
        .iter()
        .filter(|g| quarters.contains(&g.period) && cx.in_scope(&g.id))
        .map(|g| cx.goal_score(g))
        .collect();
    goals.sort_by_cached_key(|g| (g.period, cx.order_key(&g.item.id)));

    let quarter_summaries = quarters
        .iter()
        .map(|&period| QuarterSummary {
            period,
            scored_at: cx.scoring_window(period).1,
            summary: summarize(goals.iter().filter(|g| g.period == period)),
        })
        .collect();
    let teams = cx.team_scores(&goals, &quarters);
    let behind_pace = behind_pace(&goals);
    let (health_periods, health_teams) = super::health::teams(&cx, inputs.health_windows);
    let (delivered, slipped) = super::content::delivery(&cx);
    let (decisions, risks_settled) = super::content::decisions_and_risks(&cx);
    let carried_over = super::content::carried_over(&cx, &goals, inputs.later);
    let points = cx.points.iter().map(|(day, _)| *day).collect();
    Ok(Review {
        version: super::VERSION,
        org: inputs
            .org
            .settings
            .as_ref()
            .map(|s| s.name.value.clone())
            .unwrap_or_default(),
        kind: window.id.kind(),
        period: PeriodInfo {
            id: window.id,
            first_day: window.first_day,
            last_day: window.last_day,
            in_progress: window.in_progress,
            through: window.through,
            elapsed: ratio(window.elapsed()),
            fiscal_year_start_month: start_month,
            quarters,
            points,
        },
        as_of: inputs.as_of.clone(),
        team: inputs.team.map(|id| cx.team_named(id)),
        repository: inputs.repository.map(|r| r.web_url.clone()),
        scoring: cx.bands,
        summary: summarize(goals.iter()),
        quarters: quarter_summaries,
        teams,
        goals,
        behind_pace,
        health: ExecutionHealth {
            periods: health_periods,
            teams: health_teams,
        },
        delivered,
        slipped,
        decisions,
        risks_settled,
        carried_over,
    })
}

/// The metric key results of active goals whose pace is flagged.
fn behind_pace(goals: &[GoalScore]) -> Vec<BehindPace> {
    goals
        .iter()
        .filter(|g| g.status == "active")
        .flat_map(|g| {
            g.key_results.iter().filter_map(move |kr| {
                let metric = kr.metric.as_ref()?;
                BehindPace::when_flagged(
                    &kr.item,
                    &g.item,
                    kr.health.or(g.health),
                    (metric.current, metric.target, &metric.unit),
                    kr.pace.as_ref(),
                )
            })
        })
        .collect()
}

/// What the section builders share.
pub(super) struct Context<'a> {
    pub org: &'a Org,
    pub history: &'a History,
    pub calendar: &'a Calendar,
    window: &'a PeriodWindow,
    bands: Bands,
    /// The org at each instant, by instant.
    snapshots: BTreeMap<Timestamp, &'a States>,
    /// The trend points: (day read at the end of, instant after it).
    points: Vec<(Date, Timestamp)>,
    pub teams: TeamTree,
    pub scope: Option<BTreeSet<String>>,
}

impl<'a> Context<'a> {
    fn new(inputs: &Inputs<'a>) -> Result<Self> {
        let expected = instants(inputs.calendar, inputs.window, inputs.health_windows)?;
        let got: Vec<Timestamp> = inputs.history.snapshots.iter().map(|s| s.at).collect();
        if got != expected {
            return Err(Error::new(format!(
                "the history holds {} snapshots where the review asked for {}",
                got.len(),
                expected.len()
            )));
        }
        let snapshots = inputs
            .history
            .snapshots
            .iter()
            .map(|s| (s.at, &s.entities))
            .collect();
        let mut points: Vec<(Date, Timestamp)> = week_boundaries(inputs.calendar, inputs.window)?
            .into_iter()
            .map(|(first_day, at)| (previous_day(first_day), at))
            .collect();
        points.push((inputs.window.through, inputs.window.end));
        let teams = TeamTree::new(inputs.org);
        let scope = match inputs.team {
            None => None,
            Some(id) if teams.contains(id) => Some(teams.subtree(id)),
            Some(id) => return Err(unknown_team(id, &teams, &inputs.as_of)),
        };
        Ok(Context {
            org: inputs.org,
            history: inputs.history,
            calendar: inputs.calendar,
            window: inputs.window,
            bands: inputs.bands,
            snapshots,
            points,
            teams,
            scope,
        })
    }

    /// When goals of `period` are scored: from the later of the window's and
    /// the quarter's start to the earlier of their ends, as (start instant,
    /// last day, end instant).
    fn scoring_window(&self, period: Period) -> (Timestamp, Date, Timestamp) {
        let (first, last) = period.date_range(self.calendar.fiscal_year_start_month);
        let quarter_start = self
            .calendar
            .start_of_day(first)
            .unwrap_or(self.window.start);
        let quarter_end = next_day_start(self.calendar, last).unwrap_or(self.window.end);
        let start = quarter_start.max(self.window.start);
        if quarter_end < self.window.end {
            (start, last, quarter_end)
        } else {
            (start, self.window.through, self.window.end)
        }
    }

    pub fn window(&self) -> &'a PeriodWindow {
        self.window
    }

    pub fn at(&self, instant: Timestamp) -> Option<&'a States> {
        self.snapshots.get(&instant).copied()
    }

    fn end_state(&self, id: &str) -> Option<&'a EntityState> {
        self.at(self.window.end)?.get(id).map(|state| &**state)
    }

    /// Changes to `id` between two instants, oldest first.
    fn changes_between(&self, id: &str, from: Timestamp, to: Timestamp) -> Vec<&'a Change> {
        let commits = commits_before(self.history, from)..commits_before(self.history, to);
        self.history
            .changes
            .iter()
            .filter(|c| commits.contains(&c.commit) && c.id == id)
            .collect()
    }

    pub fn commit_ref(&self, index: usize) -> Option<CommitRef> {
        self.history.commits.get(index).map(CommitRef::from)
    }

    fn goal_score(&self, goal: &Record<Goal>) -> GoalScore {
        let (id, period) = (goal.id.value.as_str(), *goal.period);
        let aligns_to = goal.aligns_to.as_ref().map(|a| a.value.clone());
        let (start, scored_at, end) = self.scoring_window(period);
        let state = self.at(end).and_then(|s| s.get(id));
        let key_results: Vec<KeyResultScore> = goal
            .key_results
            .iter()
            .map(|kr| {
                let unit = kr
                    .metric
                    .as_ref()
                    .and_then(|m| m.unit.as_ref())
                    .map(|u| u.value.clone());
                self.key_result_score(&kr.id, id, unit, (start, end), period)
            })
            .collect();
        let status = state
            .and_then(|s| s.status.clone())
            .unwrap_or_else(|| "active".to_owned());
        let counted = status != "dropped";
        let score = counted
            .then(|| mean(key_results.iter().filter_map(|kr| kr.score)))
            .flatten()
            .map(ratio);
        let score_first_target = counted
            .then(|| mean(key_results.iter().filter_map(|kr| kr.score_first_target)))
            .flatten()
            .map(ratio);
        let trend = self
            .points
            .iter()
            .map(|&(_, at)| {
                let entities = self.at(at)?;
                let krs: Vec<f64> = key_results
                    .iter()
                    .filter_map(|kr| entities.get(&kr.item.id))
                    .filter_map(|s| scoring::key_result_progress(s))
                    .collect();
                entities.get(id)?;
                mean(krs.into_iter()).map(ratio)
            })
            .collect();
        GoalScore {
            item: self.item(id, EntityKind::Goal),
            period,
            scored_at,
            status,
            health: state.and_then(|s| s.health),
            confidence: state.and_then(|s| s.confidence),
            aligns_to,
            grade: score.map(|s| self.bands.grade(s)),
            score,
            grade_first_target: score_first_target.map(|s| self.bands.grade(s)),
            score_first_target,
            trend,
            key_results,
        }
    }

    fn key_result_score(
        &self,
        id: &str,
        goal: &str,
        unit: Option<String>,
        (start, end): (Timestamp, Timestamp),
        period: Period,
    ) -> KeyResultScore {
        let last = self.at(end).and_then(|s| s.get(id));
        let first = self.at(start).and_then(|s| s.get(id));
        let changes = self.changes_between(id, start, end);
        let first_value = |field: Field| -> Option<Value> {
            // Set when the window started, else the value before its first
            // change in the window, else the value at the end.
            if let Some(first) = first {
                return Some(first.value(field));
            }
            changes.iter().find_map(|c| match &c.change {
                ChangeKind::Field {
                    field: f, before, ..
                } if *f == field => Some(before.clone()),
                _ => None,
            })
        };
        let number = |field: Field, fallback: f64| match first_value(field) {
            Some(Value::Number(n)) => n,
            _ => fallback,
        };

        let metric = last.and_then(|s| s.metric).map(|m| {
            let first_target = number(Field::Target, m.target);
            let first_baseline = number(Field::Baseline, m.baseline);
            let easier = |before: f64, after: f64| match m.direction {
                Direction::Up => after < before,
                Direction::Down => after > before,
            };
            let target_changes: Vec<TargetChange> = changes
                .iter()
                .filter_map(|c| match &c.change {
                    ChangeKind::Field {
                        field: Field::Target,
                        before: Value::Number(before),
                        after: Value::Number(after),
                    } => Some(TargetChange {
                        before: *before,
                        after: *after,
                        easier: easier(*before, *after),
                        commit: self.commit_ref(c.commit)?,
                    }),
                    _ => None,
                })
                .collect();
            let lowered = easier(first_target, m.target);
            let decisions = self.explaining_decisions(id, goal);
            MetricScore {
                baseline: m.baseline,
                target: m.target,
                current: m.current,
                unit,
                direction: m.direction,
                start: number(Field::Current, m.current),
                first_baseline,
                first_target,
                target_changes,
                lowered,
                lowered_without_decision: lowered && decisions.is_empty(),
                decisions,
            }
        });
        let milestone = last
            .filter(|s| s.metric.is_none() && s.done.is_some())
            .map(|s| {
                let first_due = match first_value(Field::Due) {
                    Some(Value::Date(d)) => Some(d),
                    _ => s.due,
                };
                let done_change = changes.iter().rev().find(|c| {
                    matches!(
                        c.change,
                        ChangeKind::Field {
                            field: Field::Done,
                            after: Value::Bool(true),
                            ..
                        }
                    )
                });
                let done = s.done == Some(true);
                let done_commit = done_change
                    .filter(|_| done)
                    .and_then(|c| self.commit_ref(c.commit));
                MilestoneScore {
                    due: s.due,
                    first_due,
                    done,
                    done_on: done_commit.as_ref().map(|c| c.date),
                    done_commit,
                }
            });

        let score = last
            .and_then(|s| scoring::key_result_progress(s))
            .map(ratio);
        let score_first_target = match (&metric, &milestone) {
            (Some(m), _) => {
                scoring::progress(m.first_baseline, m.first_target, m.current).map(ratio)
            }
            (None, Some(m)) => {
                // Done by the due date first set: done before the window, or
                // marked done on or before it.
                let on_time = m.done
                    && match (m.done_on, m.first_due) {
                        (Some(done_on), Some(due)) => done_on <= due,
                        _ => true,
                    };
                Some(if on_time { 1.0 } else { 0.0 })
            }
            (None, None) => None,
        };
        let trend = self
            .points
            .iter()
            .map(|&(_, at)| {
                let state = self.at(at)?.get(id)?;
                scoring::key_result_progress(state).map(ratio)
            })
            .collect();
        let pace = last.and_then(|state| {
            let goal_health = self
                .at(end)
                .and_then(|s| s.get(goal))
                .and_then(|g| g.health);
            let says = state.health.or(goal_health) == Some(Health::OnTrack);
            self.key_result_pace(id, state, period, (start, end), says)
        });
        KeyResultScore {
            item: self.item(id, EntityKind::KeyResult),
            health: last.and_then(|s| s.health),
            pace,
            grade: score.map(|s| self.bands.grade(s)),
            score,
            grade_first_target: score_first_target.map(|s| self.bands.grade(s)),
            score_first_target,
            metric,
            milestone,
            trend,
        }
    }

    /// The pace of a metric key result over its quarter: its value at the
    /// scoring window's start and at each trend point inside the window.
    fn key_result_pace(
        &self,
        id: &str,
        state: &EntityState,
        period: Period,
        (start, end): (Timestamp, Timestamp),
        says_on_track: bool,
    ) -> Option<Pace> {
        let metric = state.metric?;
        let (first, last) = period.date_range(self.calendar.fiscal_year_start_month);
        let day = |date: Date| first.days_until(date) as f64;
        let mut values = Vec::new();
        if let Some(m) = self
            .at(start)
            .and_then(|s| s.get(id))
            .and_then(|s| s.metric)
        {
            values.push((day(self.window.first_day.max(first)), m.current));
        }
        let mut elapsed = 0.0;
        for &(through, at) in &self.points {
            if at <= start || at > end {
                continue;
            }
            if let Some(m) = self.at(at).and_then(|s| s.get(id)).and_then(|s| s.metric) {
                elapsed = day(through) + 1.0;
                values.push((elapsed, m.current));
            }
        }
        let period_days = day(last) + 1.0;
        pace::pace(&PaceInput {
            baseline: metric.baseline,
            target: metric.target,
            values: &values,
            period_days,
            elapsed_days: elapsed.min(period_days),
            says_on_track,
            hit: self.bands.hit,
        })
    }

    /// Accepted decisions (in the org at the end) whose `affects` names the
    /// key result or its goal.
    fn explaining_decisions(&self, key_result: &str, goal: &str) -> Vec<DecisionLink> {
        self.org
            .decisions
            .iter()
            .filter(|d| d.status.value == DecisionStatus::Accepted)
            .filter(|d| {
                d.affects
                    .iter()
                    .any(|a| a.value == key_result || a.value == goal)
            })
            .map(|d| DecisionLink {
                id: d.id.value.clone(),
                title: d.title.value.clone(),
                status: d.status.as_str().to_owned(),
                path: self.org.file(d.file).path.clone(),
            })
            .collect()
    }

    fn team_scores(&self, goals: &[GoalScore], quarters: &[Period]) -> Vec<TeamScore> {
        let top_depth = self
            .scope
            .as_ref()
            .and_then(|scope| scope.iter().map(|t| self.teams.depth(t)).min())
            .unwrap_or(0);
        let company = self.teams.single_top();
        self.teams
            .ids()
            .filter(|id| self.scope.as_ref().is_none_or(|s| s.contains(*id)))
            .map(|id| {
                let subtree = self.teams.subtree(id);
                let is_company = company == Some(id);
                let mine: Vec<&GoalScore> = goals
                    .iter()
                    .filter(|g| match &g.item.team {
                        Some(team) => subtree.contains(&team.id),
                        None => is_company,
                    })
                    .collect();
                TeamScore {
                    id: id.to_owned(),
                    name: self.team_named(id).name,
                    parent: self.teams.parent(id).map(str::to_owned),
                    depth: self.teams.depth(id).saturating_sub(top_depth),
                    lead: self
                        .org
                        .team(id)
                        .and_then(|t| t.lead.as_ref())
                        .map(|lead| self.person_named(&lead.value)),
                    summary: summarize(mine.iter().copied()),
                    quarters: quarters
                        .iter()
                        .map(|p| summarize(mine.iter().copied().filter(|g| g.period == *p)))
                        .collect(),
                }
            })
            .collect()
    }

    /// The team an entity belongs to: a goal's or initiative's own, a key
    /// result's or milestone's parent's, a decision's or risk's owner's.
    pub fn team_of(&self, id: &str) -> Option<String> {
        let state = self.state(id)?;
        match state.kind {
            EntityKind::Team => Some(id.to_owned()),
            EntityKind::KeyResult | EntityKind::Milestone => state.team.clone().or_else(|| {
                let parent = state.parent.as_deref()?;
                self.state(parent)?.team.clone()
            }),
            EntityKind::Decision | EntityKind::Risk => state.team.clone().or_else(|| {
                let owner = self.org.person(state.owner.as_deref()?)?;
                owner.team.as_ref().map(|t| t.value.clone())
            }),
            _ => state.team.clone(),
        }
    }

    /// The newest known state of `id`: at the end, else the last snapshot
    /// that holds it.
    pub fn state(&self, id: &str) -> Option<&'a EntityState> {
        self.end_state(id).or_else(|| {
            self.history
                .snapshots
                .iter()
                .rev()
                .find_map(|s| s.entities.get(id).map(|state| &**state))
        })
    }

    pub fn in_scope(&self, id: &str) -> bool {
        match &self.scope {
            None => true,
            Some(teams) => self.team_of(id).is_some_and(|t| teams.contains(&t)),
        }
    }

    pub fn order_key(&self, id: &str) -> (usize, String) {
        (self.teams.rank(self.team_of(id).as_deref()), id.to_owned())
    }

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

    fn person_named(&self, id: &str) -> Named {
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
}

/// Counts and means over `goals` (dropped goals and goals without key
/// results are not scored).
fn summarize<'g>(goals: impl Iterator<Item = &'g GoalScore>) -> ScoreSummary {
    let scored: Vec<&GoalScore> = goals.filter(|g| g.score.is_some()).collect();
    let count = |grade| scored.iter().filter(|g| g.grade == Some(grade)).count();
    let key_results: Vec<&KeyResultScore> = scored.iter().flat_map(|g| &g.key_results).collect();
    let lowered: Vec<_> = key_results
        .iter()
        .filter_map(|kr| kr.metric.as_ref())
        .filter(|m| m.lowered)
        .collect();
    ScoreSummary {
        goals: scored.len(),
        hit: count(Grade::Hit),
        progress: count(Grade::Progress),
        miss: count(Grade::Miss),
        score: mean(scored.iter().filter_map(|g| g.score)).map(ratio),
        score_first_target: mean(scored.iter().filter_map(|g| g.score_first_target)).map(ratio),
        raised_by_target_changes: scored
            .iter()
            .filter(|g| g.grade > g.grade_first_target)
            .count(),
        key_results: key_results.len(),
        targets_lowered: lowered.len(),
        targets_lowered_without_decision: lowered
            .iter()
            .filter(|m| m.lowered_without_decision)
            .count(),
        due_dates_moved: key_results
            .iter()
            .filter_map(|kr| kr.milestone.as_ref())
            .filter(|m| m.due > m.first_due)
            .count(),
    }
}

/// How many of the history's commits count as before `instant` (the
/// snapshot rule: every commit up to the last one whose time is before it).
pub(super) fn commits_before(history: &History, instant: Timestamp) -> usize {
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

fn next_day(date: Date) -> Date {
    date.0.tomorrow().map_or(date, Date)
}

fn previous_day(date: Date) -> Date {
    date.0.yesterday().map_or(date, Date)
}

fn next_day_start(calendar: &Calendar, date: Date) -> Result<Timestamp> {
    calendar.start_of_day(next_day(date))
}
