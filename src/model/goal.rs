use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Dependency, Direction, Health, OwnerField, Period, Spanned};

/// `goals/<period>/<id>.md` frontmatter: an objective and its key results.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Stable id, a lowercase slug unique across the org (e.g. `growth-q4`).
    #[schemars(pattern(super::ID_PATTERN), length(max = 64))]
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    /// The one person accountable (a person id).
    #[serde(default)]
    pub owner: Option<Spanned<OwnerField>>,
    /// The team that owns the goal (a team id); none for company goals.
    #[serde(default)]
    pub team: Option<Spanned<String>>,
    /// The fiscal quarter, e.g. `2026-Q4`; the goal is due at its end.
    pub period: Spanned<Period>,
    #[serde(default)]
    pub status: Option<Spanned<GoalStatus>>,
    #[serde(default)]
    pub health: Option<Spanned<Health>>,
    /// The owner's confidence of reaching the goal, from 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    #[serde(default)]
    pub confidence: Option<Spanned<f64>>,
    /// The higher goal or key result this goal serves (an id).
    #[serde(default)]
    pub aligns_to: Option<Spanned<String>>,
    #[serde(default)]
    pub depends_on: Vec<Dependency>,
    #[serde(default)]
    pub key_results: Vec<KeyResult>,
}

impl Goal {
    pub fn status(&self) -> GoalStatus {
        self.status
            .as_deref()
            .copied()
            .unwrap_or(GoalStatus::Active)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    Active,
    Achieved,
    Missed,
    Dropped,
}

impl GoalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            GoalStatus::Active => "active",
            GoalStatus::Achieved => "achieved",
            GoalStatus::Missed => "missed",
            GoalStatus::Dropped => "dropped",
        }
    }
}

/// A measurable result of a goal: either a `metric` or a `milestone`.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyResult {
    /// Stable id, a lowercase slug unique across the org.
    #[schemars(pattern(super::ID_PATTERN), length(max = 64))]
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    /// The one person accountable; defaults to the goal's owner.
    #[serde(default)]
    pub owner: Option<Spanned<OwnerField>>,
    #[serde(default)]
    pub health: Option<Spanned<Health>>,
    /// Confidence of reaching the target, from 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    #[serde(default)]
    pub confidence: Option<Spanned<f64>>,
    /// A number moving from `baseline` to `target`.
    #[serde(default)]
    pub metric: Option<Spanned<Metric>>,
    /// Something done by a date.
    #[serde(default)]
    pub milestone: Option<Spanned<MilestoneResult>>,
    #[serde(default)]
    pub depends_on: Vec<Dependency>,
}

/// A metric key result. Its value changes by editing `current` in a pull
/// request: git history is the time series.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub baseline: Spanned<f64>,
    pub target: Spanned<f64>,
    pub current: Spanned<f64>,
    /// What is counted, e.g. `logos`, `%`, `ms`.
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
    /// `up` (default) when more is better, `down` when less is better.
    #[serde(default)]
    pub direction: Option<Spanned<Direction>>,
    /// A KPI (its id) this key result is measured by: `current` is the
    /// KPI's `value`, kept equal by `orgit set <kpi>` and held to it by
    /// `orgit check` (`kr-kpi-mismatch`).
    #[serde(default)]
    pub kpi: Option<Spanned<String>>,
}

impl Metric {
    /// Share of the way from baseline to target, clamped to 0..=1.
    pub fn progress(&self) -> f64 {
        let span = *self.target - *self.baseline;
        if span == 0.0 {
            return 0.0;
        }
        ((*self.current - *self.baseline) / span).clamp(0.0, 1.0)
    }
}

/// A milestone key result.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneResult {
    pub due: Spanned<Date>,
    #[serde(default)]
    pub done: bool,
}
