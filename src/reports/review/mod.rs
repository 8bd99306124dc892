//! `orgit review monthly|quarterly|annual`: how the period went, scored.
//!
//! [`build`] assembles a [`Review`] from the history reconstructed over the
//! period and the org as it was at the period's last commit. Like the digest
//! it does no I/O and is plain serializable data: exactly what `--format
//! json` prints and what `templates/review.md.j2` renders (field by field in
//! docs/reviews.md). Other reports (the site) can build one too.
//!
//! # Scoring
//!
//! Each goal of the period's quarter(s) is scored at the end of the review
//! window, or of its quarter when that comes first (an annual review scores
//! each quarter's goals at that quarter's end). A metric key result scores
//! its share of the way from baseline to target (direction-aware, clamped to
//! 0..1); a milestone scores 1 when done, else 0. A goal scores the mean of
//! its key results. Each score is computed twice: against the key result as
//! it stands at the end, and against it **as first set in the window** (the
//! baseline and target at the window's start, or when it was added; for a
//! milestone, done by the due date first set), so a lowered target cannot
//! turn a miss into a hit without the review saying so. Grades come from the
//! bands in `orgit.yaml` (`scoring.hit`, `scoring.progress`).

mod build;
mod content;
mod health;
mod period;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub use build::{Inputs, build, instants};
pub use health::{TREND_PERIODS, windows as health_windows};
pub use period::{PeriodId, PeriodWindow, ReviewKind, pick, week_boundaries};

use crate::model::{Date, Direction, Health, Period};
/// The digest's entry: a review lists the same thing, as of the period's end.
pub use crate::reports::digest::BehindPace;
use crate::reports::digest::{CommitRef, DecisionLink, Item, Named};
use crate::reports::pace::Pace;
use crate::reports::scoring::{Bands, Grade};

/// The version of the data model; it changes when a field changes meaning or
/// goes away, so custom templates can check what they were written for.
pub const VERSION: u32 = 1;

/// A review: what `--format json` prints and what templates render.
#[derive(Clone, Debug, Serialize)]
pub struct Review {
    pub version: u32,
    /// The org's name, from `orgit.yaml`.
    pub org: String,
    pub kind: ReviewKind,
    pub period: PeriodInfo,
    /// The commit the period-end figures are read from: the last commit that
    /// changed the org before the window ended.
    pub as_of: CommitRef,
    /// `--team`: the team the review is restricted to, with its sub-teams.
    pub team: Option<Named>,
    /// The repository's GitHub address, as in the digest: the markdown links
    /// every commit id to `{repository}/commit/{id}`; `None` off GitHub.
    pub repository: Option<String>,
    pub scoring: Bands,
    /// Every scored goal in scope.
    pub summary: ScoreSummary,
    /// The same, one per quarter of `period.quarters`.
    pub quarters: Vec<QuarterSummary>,
    pub teams: Vec<TeamScore>,
    pub goals: Vec<GoalScore>,
    /// Metric key results whose pace is flagged, in goal order.
    pub behind_pace: Vec<BehindPace>,
    /// Execution health per team over the last periods.
    pub health: ExecutionHealth,
    /// Initiatives, milestones and milestone key results marked done in the
    /// window.
    pub delivered: Vec<Delivered>,
    /// Those whose due date moved later in the window, with each move.
    pub slipped: Vec<Slipped>,
    /// Decisions accepted or rejected in the window.
    pub decisions: Vec<DecisionTaken>,
    /// Risks closed or mitigated in the window.
    pub risks_settled: Vec<RiskSettled>,
    /// Goals of the next quarter (at the head revision) that carry on a
    /// reviewed goal.
    pub carried_over: Vec<CarriedOver>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Delivered {
    #[serde(flatten)]
    pub item: Item,
    /// The due date when it was done, and as first set in the window.
    pub due: Option<Date>,
    pub first_due: Option<Date>,
    pub done_on: Date,
    /// Done on or before `first_due`.
    pub on_time: bool,
    pub commit: CommitRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct Slipped {
    #[serde(flatten)]
    pub item: Item,
    pub first_due: Date,
    pub due: Date,
    /// All its slips in the window, added up.
    pub days: i64,
    pub done: bool,
    /// Each move, oldest first.
    pub slips: Vec<Slip>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Slip {
    pub before: Date,
    pub after: Date,
    pub days: i64,
    pub commit: CommitRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct DecisionTaken {
    #[serde(flatten)]
    pub item: Item,
    /// `accepted` or `rejected`.
    pub status: String,
    pub proposed: Date,
    /// `decided_on`, else the date of the commit that decided it.
    pub decided_on: Date,
    pub days_to_decide: i64,
    pub affects: Vec<String>,
    pub commit: CommitRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct RiskSettled {
    #[serde(flatten)]
    pub item: Item,
    /// `closed` or `mitigated`.
    pub status: String,
    pub likelihood: Option<crate::model::Level>,
    pub impact: Option<crate::model::Level>,
    pub commit: CommitRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct CarriedOver {
    /// The reviewed goal.
    pub from: String,
    /// The next quarter's goal.
    pub id: String,
    pub title: String,
    pub period: Period,
    pub path: String,
    /// `same_family` (the same id but for its quarter) or `aligns_to`.
    pub how: &'static str,
}

/// Execution health: each team's figures over the trend's periods.
#[derive(Clone, Debug, Serialize)]
pub struct ExecutionHealth {
    /// The trend's periods, oldest first; the last is the reviewed one (an
    /// annual review: its quarters).
    pub periods: Vec<HealthPeriod>,
    pub teams: Vec<TeamHealth>,
}

#[derive(Clone, Debug, Serialize)]
pub struct HealthPeriod {
    pub id: PeriodId,
    pub first_day: Date,
    /// Its last day, or "today" while it is under way.
    pub through: Date,
    /// How much of it the repository's history covers: `full`, `partial`
    /// (the first commit falls inside it) or `none` (it ended before the
    /// first commit; its figures are null).
    pub history: &'static str,
}

/// One team, with the teams below it rolled up into it.
#[derive(Clone, Debug, Serialize)]
pub struct TeamHealth {
    pub id: String,
    pub name: String,
    pub depth: usize,
    /// One per `health.periods`, oldest first; null for a period before
    /// the history.
    pub periods: Vec<Option<HealthFigures>>,
}

/// A count out of a total, and their share (null of nothing).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Figure {
    pub count: usize,
    pub of: usize,
    pub rate: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct HealthFigures {
    /// Weekly updates filed, of the weeks (that ended in the period) times
    /// the teams expected to check in.
    pub check_ins: Figure,
    /// Items done in the period by the due date first seen, of those done.
    pub on_time_delivery: Figure,
    /// Items whose due date moved later in the period, of the open ones.
    pub slips: Figure,
    /// Days those due dates moved, all slips added up.
    pub days_slipped: i64,
    /// Targets made easier in the period.
    pub goalpost_moves: usize,
    /// Of those, the ones no accepted decision names.
    pub goalpost_moves_without_decision: usize,
    /// Decisions accepted or rejected in the period.
    pub decisions_decided: usize,
    /// Their median days from proposed to decided.
    pub decision_latency_days: Option<f64>,
    /// As the providing team: cross-team dependencies due in the period that
    /// were done by need_by, of those due.
    pub dependency_reliability: Figure,
    /// Open goals and initiatives untouched for `stale_after_days` at the
    /// period's end, of the open ones.
    pub staleness: Figure,
    /// Team goals of the period's quarters that serve a higher goal or key
    /// result, of the team goals.
    pub alignment: Figure,
}

#[derive(Clone, Debug, Serialize)]
pub struct PeriodInfo {
    /// `2026-11`, `2026-Q3` or `2026` (a fiscal year).
    pub id: PeriodId,
    pub first_day: Date,
    pub last_day: Date,
    /// The period has not ended: the review reads up to `through`.
    pub in_progress: bool,
    /// The last day read: `last_day`, or "today" while in progress.
    pub through: Date,
    /// Share of the period's days gone by `through`, 0 to 1.
    pub elapsed: f64,
    /// Month in which the fiscal year starts (1–12).
    pub fiscal_year_start_month: u8,
    /// The fiscal quarters whose goals are scored.
    pub quarters: Vec<Period>,
    /// The day each `trend` point is read at the end of: the last day of each
    /// week that ends inside the period, then `through`.
    pub points: Vec<Date>,
}

/// Counts and mean scores over a set of goals.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ScoreSummary {
    /// Goals scored: those not dropped that have key results.
    pub goals: usize,
    pub hit: usize,
    pub progress: usize,
    pub miss: usize,
    /// Mean goal score, 0 to 1; null without goals.
    pub score: Option<f64>,
    /// Mean goal score against the targets as first set in the period.
    pub score_first_target: Option<f64>,
    /// Goals whose grade is higher than it would be against the targets and
    /// due dates as first set: the goalposts moved, not the work.
    pub raised_by_target_changes: usize,
    /// Key results of those goals.
    pub key_results: usize,
    /// Of those, the metrics whose target ends easier than it was first set.
    pub targets_lowered: usize,
    /// Of those, the ones with no accepted decision naming the key result or
    /// its goal.
    pub targets_lowered_without_decision: usize,
    /// Milestone key results whose due date ends later than first set.
    pub due_dates_moved: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuarterSummary {
    pub period: Period,
    /// The day its goals are scored at the end of.
    pub scored_at: Date,
    #[serde(flatten)]
    pub summary: ScoreSummary,
}

/// One team, with the goals of the teams below it rolled up into it (the
/// company at the top also counts the company-wide goals).
#[derive(Clone, Debug, Serialize)]
pub struct TeamScore {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    /// 0 at the top of the hierarchy (or of `--team`), 1 below it, ...
    pub depth: usize,
    pub lead: Option<Named>,
    #[serde(flatten)]
    pub summary: ScoreSummary,
    /// One per quarter of `period.quarters`.
    pub quarters: Vec<ScoreSummary>,
}

/// A goal, scored.
#[derive(Clone, Debug, Serialize)]
pub struct GoalScore {
    #[serde(flatten)]
    pub item: Item,
    pub period: Period,
    /// The day it is scored at the end of: its quarter's last day or the
    /// review's `through`, whichever comes first.
    pub scored_at: Date,
    /// `active`, `achieved`, `missed` or `dropped`, when scored.
    pub status: String,
    pub health: Option<Health>,
    pub confidence: Option<f64>,
    pub aligns_to: Option<String>,
    /// Mean of its key results' scores; null when dropped or without key
    /// results.
    pub score: Option<f64>,
    pub grade: Option<Grade>,
    pub score_first_target: Option<f64>,
    pub grade_first_target: Option<Grade>,
    /// Its score at the end of each of `period.points`; null where it did
    /// not exist.
    pub trend: Vec<Option<f64>>,
    pub key_results: Vec<KeyResultScore>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KeyResultScore {
    #[serde(flatten)]
    pub item: Item,
    /// Its own health when scored; null when it has none.
    pub health: Option<Health>,
    pub score: Option<f64>,
    pub grade: Option<Grade>,
    /// Scored against the baseline and target (or due date) as first set.
    pub score_first_target: Option<f64>,
    pub grade_first_target: Option<Grade>,
    pub metric: Option<MetricScore>,
    pub milestone: Option<MilestoneScore>,
    pub trend: Vec<Option<f64>>,
    /// For a metric: its pace over its quarter up to `scored_at` (see
    /// docs/digest.md, "pace").
    pub pace: Option<Pace>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MetricScore {
    pub baseline: f64,
    pub target: f64,
    pub current: f64,
    pub unit: Option<String>,
    pub direction: Direction,
    /// `current` when the window started, or when the key result was added.
    pub start: f64,
    /// Baseline and target when the window started, or when it was added.
    pub first_baseline: f64,
    pub first_target: f64,
    /// Every change of the target in the window, oldest first.
    pub target_changes: Vec<TargetChange>,
    /// The target ends easier than it was first set.
    pub lowered: bool,
    /// Accepted decisions whose `affects` names the key result or its goal.
    pub decisions: Vec<DecisionLink>,
    /// Lowered, and no such decision.
    pub lowered_without_decision: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct TargetChange {
    pub before: f64,
    pub after: f64,
    /// Easier to reach: lower for `up`, higher for `down`.
    pub easier: bool,
    pub commit: CommitRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct MilestoneScore {
    pub due: Option<Date>,
    /// The due date when the window started, or when it was added.
    pub first_due: Option<Date>,
    pub done: bool,
    /// The date of the commit that marked it done in the window; null when
    /// it is not done, or was done before the window.
    pub done_on: Option<Date>,
    pub done_commit: Option<CommitRef>,
}
