//! The weekly digest: where the org stands at the end of a week, what moved
//! during it, and what needs attention, every figure traceable to a commit.
//!
//! [`build`] assembles a [`Digest`] from the reconstructed history and the org
//! as it was at the end of the week. It does no I/O: the command reads git,
//! this module only computes. The [`Digest`] is plain serializable data; it is
//! exactly what `orgit digest --format json` prints and exactly the value a
//! template renders (see docs/digest.md). Lists are in team
//! hierarchy order (company-wide items first, then each team before its
//! sub-teams, siblings by id), then by id, so output is the same on every run.

mod build;
mod changes;
mod follow_up;
mod pace;
mod standing;
mod state;
pub(crate) mod team_tree;
#[cfg(test)]
mod tests;
mod week;

use serde::Serialize;

pub use build::{Inputs, build};
pub use follow_up::{FollowUp, IssueLine, TodoCompletion, TodoDue, TodoOpen};
pub use week::{Calendar, Timeline, WeekWindow};

use crate::history::{CommitInfo, Value};
use crate::model::{Date, Direction, EntityKind, Health, IsoWeek, Level, Period};
use crate::reports::pace::Pace;

/// The version of the data model; it changes when a field changes meaning or
/// goes away, so custom templates can check what they were written for.
pub const VERSION: u32 = 1;

/// The weekly digest: what `--format json` prints and what templates render.
/// Field by field in docs/digest.md.
#[derive(Clone, Debug, Serialize)]
pub struct Digest {
    pub version: u32,
    /// The org's name, from `orgit.yaml`.
    pub org: String,
    pub week: IsoWeek,
    pub first_day: Date,
    pub last_day: Date,
    /// The week has not ended yet: the digest reads history up to now.
    pub in_progress: bool,
    pub period: PeriodInfo,
    /// The commit the week-end figures are read from: the newest commit on
    /// the main line before the week ended.
    pub as_of: CommitRef,
    /// The repository's GitHub address (`https://github.com/OWNER/REPO`),
    /// from `orgit.yaml`'s `repository` or the `origin` remote; the markdown
    /// links every commit id to `{repository}/commit/{id}`. `None` when the
    /// repository is not on GitHub.
    pub repository: Option<String>,
    /// The first day of the history read; items untouched since are stale.
    pub history_from: Date,
    /// The team the digest is restricted to (`--team`), with its sub-teams.
    pub team: Option<Named>,
    pub figures: Figures,
    pub teams: Vec<TeamRollup>,
    pub goals: Vec<GoalStanding>,
    /// With `--team`: the goals outside the team that its goals align to,
    /// directly or through others, for context. They count in no figure.
    pub context_goals: Vec<GoalStanding>,
    /// Key results flagged by their pace, in goal order.
    pub behind_pace: Vec<BehindPace>,
    pub moves: Vec<Move>,
    pub turned: Vec<HealthTurn>,
    pub slips: Vec<Slip>,
    pub goalpost_moves: Vec<GoalpostMove>,
    pub dependencies: Vec<DependencyAlert>,
    pub decisions: Decisions,
    pub risks: Risks,
    pub accountability: Accountability,
    /// To-dos due and done, issues raised and solved.
    pub follow_up: FollowUp,
    /// Each KPI of the scope red or green at the week's end, with its trailing
    /// 4 and 13 weeks. `null` when the org has no KPIs. [`build`] leaves it
    /// `None`: it reads 13 weeks of history, further back than the digest's
    /// own, and `orgit digest` fills it in.
    pub scorecard: Option<crate::reports::scorecard::Scorecard>,
}

/// The fiscal quarter the week belongs to (the one holding its last day).
#[derive(Clone, Debug, Serialize)]
pub struct PeriodInfo {
    pub id: Period,
    pub first_day: Date,
    pub last_day: Date,
    /// The period's weeks so far, oldest first, ending with the digest's week:
    /// the label of each point of every `trend`.
    pub weeks: Vec<IsoWeek>,
    /// How many weeks the whole period spans.
    pub week_count: usize,
}

/// A commit, as reports cite it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommitRef {
    pub id: String,
    pub short: String,
    pub author: String,
    /// The committer date in the org's time zone.
    pub date: Date,
    pub summary: String,
}

impl From<&CommitInfo> for CommitRef {
    fn from(commit: &CommitInfo) -> Self {
        CommitRef {
            id: commit.id.clone(),
            short: commit.short.clone(),
            author: commit.author.clone(),
            date: commit.date,
            summary: commit.summary.clone(),
        }
    }
}

/// A person or team: its id and display name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// What every entry about one entity says about it. Flattened into the
/// entries that hold it, so a template writes `slip.title`, `slip.owner.name`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    pub id: String,
    pub kind: EntityKind,
    pub title: String,
    pub owner: Option<Named>,
    /// The team of a goal or initiative; of a key result or milestone, its
    /// goal's or initiative's; of a decision or risk, its owner's team.
    pub team: Option<Named>,
    /// The file that defines it, relative to the org root.
    pub path: String,
}

/// The execution-health figures of the digest's scope.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Figures {
    /// Goals of the period with status `active`.
    pub goals: usize,
    pub goals_on_track: usize,
    /// `goals_on_track / goals`, 0 to 1; null without goals.
    pub goals_on_track_share: Option<f64>,
    /// Mean progress of those goals, 0 to 1, and its change this week.
    pub progress: Option<f64>,
    pub progress_change: Option<f64>,
    /// Key results of those goals.
    pub key_results: usize,
    /// Of those, the ones changed this week.
    pub key_results_updated: usize,
    pub key_results_updated_share: Option<f64>,
    /// Active goals of the period that belong to a team.
    pub team_goals: usize,
    /// Of those, the ones that align to a higher goal or key result.
    pub team_goals_aligned: usize,
    pub alignment_coverage: Option<f64>,
    /// `depends_on` entries between different teams whose both ends are
    /// still open.
    pub cross_team_dependencies: usize,
}

/// One team, with the goals of its sub-teams rolled up into it.
#[derive(Clone, Debug, Serialize)]
pub struct TeamRollup {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    /// 0 at the top of the hierarchy (or of `--team`), 1 below it, ...
    pub depth: usize,
    pub lead: Option<Named>,
    /// Active goals of the period of this team and every team below it; the
    /// company at the top also counts the company-wide goals.
    pub goals: usize,
    pub goals_on_track: usize,
    pub progress: Option<f64>,
    pub progress_change: Option<f64>,
    /// Whether the team is expected to check in weekly: every team except the
    /// top of a single-rooted hierarchy, which is the company itself.
    pub update_expected: bool,
    /// The team's check-in for the week, if written.
    pub update: Option<CheckIn>,
}

/// A team's weekly update (`updates/<week>/<team>.md`).
#[derive(Clone, Debug, Serialize)]
pub struct CheckIn {
    pub author: Named,
    pub health: Option<Health>,
    pub confidence: Option<f64>,
    pub path: String,
    /// The narrative's first paragraph as plain text, or when it opens with a
    /// list, that list's items joined by " · "; at most 400 characters.
    pub summary: String,
}

/// Where a goal stands at the end of the week.
#[derive(Clone, Debug, Serialize)]
pub struct GoalStanding {
    #[serde(flatten)]
    pub item: Item,
    /// `active`, `achieved`, `missed` or `dropped`.
    pub status: String,
    pub health: Option<Health>,
    /// Health at the start of the week.
    pub health_before: Option<Health>,
    pub confidence: Option<f64>,
    pub confidence_change: Option<f64>,
    /// The goal or key result it serves.
    pub aligns_to: Option<String>,
    /// Mean progress of its key results, 0 to 1.
    pub progress: Option<f64>,
    /// Change of `progress` this week that the values made, measured against
    /// the targets as they stood at the start of the week.
    pub progress_change: Option<f64>,
    /// The rest of the change of `progress`: what changed targets or
    /// baselines added (positive for a lowered target) or took away.
    pub progress_from_target_change: Option<f64>,
    /// Progress at the end of each week of `period.weeks`; null where the
    /// goal did not exist yet.
    pub trend: Vec<Option<f64>>,
    pub key_results: Vec<KeyResultStanding>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KeyResultStanding {
    #[serde(flatten)]
    pub item: Item,
    /// Present for metric key results.
    pub metric: Option<MetricValue>,
    /// Present for milestone key results.
    pub milestone: Option<MilestoneValue>,
    pub health: Option<Health>,
    pub confidence: Option<f64>,
    /// For a metric, the share of the way from baseline to target (clamped
    /// to 0..1); for a milestone, 0 or 1.
    pub progress: Option<f64>,
    pub progress_change: Option<f64>,
    pub progress_from_target_change: Option<f64>,
    pub trend: Vec<Option<f64>>,
    /// Changed this week (any field).
    pub updated: bool,
    /// For a metric key result: its pace over the period so far.
    pub pace: Option<Pace>,
}

/// A metric key result whose pace contradicts what it says, or that stands
/// still (see `reports::pace`).
#[derive(Clone, Debug, Serialize)]
pub struct BehindPace {
    #[serde(flatten)]
    pub item: Item,
    /// The goal of the key result.
    pub goal: String,
    /// Its own health, else its goal's.
    pub health: Option<Health>,
    pub current: f64,
    pub target: f64,
    pub unit: Option<String>,
    pub pace: Pace,
}

impl BehindPace {
    /// The entry for a metric key result of `goal`, when its pace is flagged.
    pub fn when_flagged(
        key_result: &Item,
        goal: &Item,
        health: Option<Health>,
        (current, target, unit): (f64, f64, &Option<String>),
        pace: Option<&Pace>,
    ) -> Option<BehindPace> {
        let pace = pace.filter(|p| !p.flags.is_empty())?;
        Some(BehindPace {
            item: key_result.clone(),
            goal: goal.id.clone(),
            health,
            current,
            target,
            unit: unit.clone(),
            pace: pace.clone(),
        })
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct MetricValue {
    pub baseline: f64,
    pub target: f64,
    pub current: f64,
    /// `current` at the start of the week, when the key result existed.
    pub current_before: Option<f64>,
    pub unit: Option<String>,
    pub direction: Direction,
}

#[derive(Clone, Debug, Serialize)]
pub struct MilestoneValue {
    pub due: Option<Date>,
    pub done: bool,
}

/// One change made this week, with the commit that made it. Several commits
/// changing one field make one move, from the value before the first to the
/// value after the last. Due dates moved
/// later are in `slips` and target changes in `goalpost_moves` instead; file
/// renames are not changes; a key result or milestone added, removed or
/// handed over along with its goal or initiative is said once, on the parent.
#[derive(Clone, Debug, Serialize)]
pub struct Move {
    #[serde(flatten)]
    pub item: Item,
    /// `added`, `removed`, or the field that changed: `current`, `done`,
    /// `health`, `confidence`, `status`, `due`, `baseline`, `owner`, `team`,
    /// `parent`, `title`, `likelihood`, `impact`.
    pub change: String,
    /// The field's value before and after (null for `added` and `removed`).
    pub before: Value,
    pub after: Value,
    /// `after - before` for numbers; days for dates.
    pub delta: Option<f64>,
    /// The metric's unit, for `current` and `baseline`.
    pub unit: Option<String>,
    /// Whether the change is good news: a metric moving its way, health or a
    /// risk level improving. Null when it is neither.
    pub better: Option<bool>,
    /// The commit that made the change, or the last one when several did.
    pub commit: CommitRef,
    /// How many of the week's commits changed this field.
    pub commits: usize,
}

/// An item whose health turned at risk or off track this week.
#[derive(Clone, Debug, Serialize)]
pub struct HealthTurn {
    #[serde(flatten)]
    pub item: Item,
    /// Health at the start of the week (null for items added this week).
    pub before: Option<Health>,
    pub after: Health,
    pub commit: CommitRef,
}

/// A due date moved later this week.
#[derive(Clone, Debug, Serialize)]
pub struct Slip {
    #[serde(flatten)]
    pub item: Item,
    pub before: Date,
    pub after: Date,
    pub days: i64,
    /// How many times this item's due date moved later in the period so far,
    /// this slip included.
    pub times_this_period: usize,
    pub commit: CommitRef,
}

/// A key result's target changed this week.
#[derive(Clone, Debug, Serialize)]
pub struct GoalpostMove {
    #[serde(flatten)]
    pub item: Item,
    /// The goal of the key result.
    pub goal: Option<String>,
    pub before: f64,
    pub after: f64,
    pub unit: Option<String>,
    pub direction: Direction,
    /// The new target is easier to reach: lower for `up`, higher for `down`.
    pub easier: bool,
    /// Accepted decisions whose `affects` names the key result or its goal
    /// and that were recorded or changed in the period.
    pub decisions: Vec<DecisionLink>,
    /// Easier, and no decision explains it.
    pub unexplained: bool,
    pub commit: CommitRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct DecisionLink {
    pub id: String,
    pub title: String,
    pub status: String,
    pub path: String,
}

/// A `depends_on` entry that `orgit check` finds broken, late, cyclic or at
/// risk in the org at the end of the week.
#[derive(Clone, Debug, Serialize)]
pub struct DependencyAlert {
    /// The item that waits.
    pub dependent: Item,
    /// The id waited on.
    pub on: String,
    /// The item waited on; null when no such item exists.
    pub target: Option<Item>,
    pub need_by: Date,
    pub target_due: Option<Date>,
    /// Days the target is due after `need_by`; null when it is not late.
    pub days_late: Option<i64>,
    pub target_health: Option<Health>,
    pub why: Option<String>,
    /// The two ends belong to different teams.
    pub cross_team: bool,
    /// What is wrong (at least one), most serious first.
    pub problems: Vec<DependencyProblem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DependencyProblem {
    /// `broken` (target missing, cancelled, dropped or missed), `cycle`,
    /// `late` or `at_risk`.
    pub kind: &'static str,
    /// The diagnostic code, for `orgit explain`.
    pub code: &'static str,
    /// The check's message.
    pub message: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Decisions {
    /// Accepted or rejected this week.
    pub made: Vec<DecisionMade>,
    /// Proposed and not decided at the end of the week, longest waiting first.
    pub waiting: Vec<DecisionWaiting>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DecisionMade {
    #[serde(flatten)]
    pub item: Item,
    /// `accepted` or `rejected`.
    pub status: String,
    /// When it was proposed (`date`).
    pub proposed: Date,
    pub decided_on: Option<Date>,
    /// From proposed to decided (`decided_on`, else the commit's date).
    pub days_to_decide: i64,
    pub affects: Vec<String>,
    pub commit: CommitRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct DecisionWaiting {
    #[serde(flatten)]
    pub item: Item,
    pub proposed: Date,
    /// Days from `proposed` to the week's last day.
    pub days_waiting: i64,
    pub affects: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Risks {
    /// Raised this week and not closed.
    pub new: Vec<RiskRaised>,
    /// Likelihood or impact went up this week.
    pub escalated: Vec<RiskEscalated>,
    /// Not closed, and `review_by` is before the week's last day.
    pub review_overdue: Vec<RiskReview>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RiskRaised {
    #[serde(flatten)]
    pub item: Item,
    pub likelihood: Option<Level>,
    pub impact: Option<Level>,
    pub high: bool,
    pub review_by: Option<Date>,
    pub commit: CommitRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct RiskEscalated {
    #[serde(flatten)]
    pub item: Item,
    pub likelihood_before: Option<Level>,
    pub likelihood: Option<Level>,
    pub impact_before: Option<Level>,
    pub impact: Option<Level>,
    pub high: bool,
    pub commit: CommitRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct RiskReview {
    #[serde(flatten)]
    pub item: Item,
    pub review_by: Date,
    pub days_overdue: i64,
    pub high: bool,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Accountability {
    /// Open goals and initiatives nobody touched (in their file's own text,
    /// key results and milestones included) for `policies.stale_after_days`.
    pub stale: Vec<StaleItem>,
    pub stale_after_days: u32,
    /// Teams expected to check in with no update for the week.
    pub missing_updates: Vec<Named>,
    /// Open initiatives, milestones and milestone key results due before the
    /// week's last day.
    pub overdue: Vec<Overdue>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StaleItem {
    #[serde(flatten)]
    pub item: Item,
    /// Days from the last touch to the week's last day; null when it was not
    /// touched since `history_from`.
    pub days: Option<i64>,
    pub last_touched: Option<CommitRef>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Overdue {
    #[serde(flatten)]
    pub item: Item,
    pub due: Date,
    pub days_overdue: i64,
}
