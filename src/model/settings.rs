use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Spanned;

/// `orgit.yaml`: the organization's settings. Its folder is the org root.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgSettings {
    /// The organization's display name.
    pub name: Spanned<String>,
    /// IANA time zone (e.g. `Europe/Berlin`). "Today", weeks and due dates are read in it.
    #[serde(default)]
    pub timezone: Option<Spanned<String>>,
    /// The day a working week starts on (digest windows start here). Default `monday`.
    #[serde(default)]
    pub week_start: Option<Spanned<Weekday>>,
    /// Month (1–12) in which the fiscal year starts. Default 1 (January). Fiscal year
    /// YYYY is the one that ends in calendar year YYYY.
    #[serde(default)]
    pub fiscal_year_start_month: Option<Spanned<u8>>,
    /// The repository's GitHub address (`https://github.com/OWNER/REPO`), for
    /// links to commits in reports. Default: the `origin` remote, when it is on
    /// GitHub; other hosts get plain commit ids.
    #[serde(default)]
    pub repository: Option<Spanned<String>>,
    /// When the weekly rhythm happens.
    #[serde(default)]
    pub rhythm: Rhythm,
    /// Execution-discipline policies enforced by `orgit check`.
    #[serde(default)]
    pub policies: Policies,
    /// The grade bands `orgit review` scores goals and key results with.
    #[serde(default)]
    pub scoring: Scoring,
    /// Who `orgit codeowners` asks to review what no item's owner does.
    #[serde(default)]
    pub codeowners: CodeownersSettings,
    /// How `orgit remind` nudges people who owe a check-in.
    #[serde(default)]
    pub remind: RemindSettings,
}

/// `orgit remind`: when a missing check-in goes up the team hierarchy.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RemindSettings {
    /// A team whose check-in is missing this many weeks in a row (this
    /// week's included) is escalated to the lead of the team above it.
    /// Default 2.
    #[schemars(range(min = 1))]
    #[serde(default)]
    pub escalate_after_weeks: Option<Spanned<u32>>,
}

impl RemindSettings {
    pub const DEFAULT_ESCALATE_AFTER_WEEKS: u32 = 2;

    /// The grace period in weeks; 0 reads as 1 (escalate at the first miss).
    pub fn escalate_after_weeks(&self) -> u32 {
        self.escalate_after_weeks
            .as_ref()
            .map_or(Self::DEFAULT_ESCALATE_AFTER_WEEKS, |w| w.value)
            .max(1)
    }
}

/// The reviewers `orgit codeowners` writes for files no item owns.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeownersSettings {
    /// Reviewers of every file of the org no other CODEOWNERS line covers,
    /// and of `orgit.yaml`, `.github/`, `templates/` and `digests/`: person
    /// ids (written as their GitHub handles), or GitHub `@handle`s and
    /// `@org/team`s as they are. Default: the lead of the top team (the team
    /// without a parent).
    #[serde(default)]
    pub catch_all: Option<Vec<Spanned<String>>>,
}

/// Grade bands for scores from 0 to 1: a score of at least `hit` is a hit, at
/// least `progress` (and below `hit`) is progress, anything lower a miss.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Lowest score graded a hit. Default 0.7.
    #[schemars(range(min = 0.0, max = 1.0))]
    #[serde(default)]
    pub hit: Option<Spanned<f64>>,
    /// Lowest score graded progress; below it is a miss. Default 0.4.
    #[schemars(range(min = 0.0, max = 1.0))]
    #[serde(default)]
    pub progress: Option<Spanned<f64>>,
}

impl Scoring {
    pub const DEFAULT_HIT: f64 = 0.7;
    pub const DEFAULT_PROGRESS: f64 = 0.4;

    /// The bands as written, defaults for what is left out. Bands `orgit
    /// check` rejects (outside 0..1, or progress above hit) fall back to the
    /// defaults, so a report never grades with nonsense.
    pub fn bands(&self) -> (f64, f64) {
        let hit = self.hit.as_ref().map_or(Self::DEFAULT_HIT, |h| h.value);
        let progress = self
            .progress
            .as_ref()
            .map_or(Self::DEFAULT_PROGRESS, |p| p.value);
        let valid =
            (0.0..=1.0).contains(&hit) && (0.0..=1.0).contains(&progress) && progress <= hit;
        if valid {
            (hit, progress)
        } else {
            (Self::DEFAULT_HIT, Self::DEFAULT_PROGRESS)
        }
    }
}

/// When teams check in and when the digest is written.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rhythm {
    /// Day by which each team's weekly update is due. Default `friday`.
    #[serde(default)]
    pub checkin_day: Option<Spanned<Weekday>>,
    /// Day the weekly digest is written. Default `monday`.
    #[serde(default)]
    pub digest_day: Option<Spanned<Weekday>>,
}

impl Rhythm {
    /// The day check-ins are due; `friday` when not set.
    pub fn checkin_day(&self) -> Weekday {
        self.checkin_day
            .as_ref()
            .map_or(Weekday::Friday, |d| d.value)
    }
}

/// Limits that keep execution honest.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policies {
    /// An item nobody touched for this many days is stale. Default 14.
    #[serde(default)]
    pub stale_after_days: Option<Spanned<u32>>,
    /// Most active goals and initiatives one person may own. Default 5.
    #[serde(default)]
    pub max_active_items_per_owner: Option<Spanned<u32>>,
    /// An issue still open this many weeks after it was `opened` is reported
    /// (`issue-open-too-long`): solve it, drop it, or split it. Default 4.
    #[schemars(range(min = 1))]
    #[serde(default)]
    pub issue_open_weeks: Option<Spanned<u32>>,
    /// A KPI off target at the end of this many complete periods of its
    /// cadence in a row (weeks, or months for a monthly one), and still off
    /// target, is reported (`kpi-off-target`). Default 3; 0 turns the rule off. Read from git
    /// history, like the digest's scorecard, at most five years back.
    #[serde(default)]
    pub kpi_off_target_periods: Option<Spanned<u32>>,
    /// A KPI whose `value` has not changed for longer than its cadence (7
    /// days for weekly, 31 for monthly), by git history, is reported
    /// (`kpi-stale`). Default true; false turns the rule off.
    #[serde(default)]
    pub kpi_stale: Option<Spanned<bool>>,
    /// Rules for changes to the plan, checked by `orgit check --base REV` on
    /// pull requests. Each is on unless turned off here. The base revision's
    /// settings apply, so a pull request cannot turn a rule off for itself.
    #[serde(default)]
    pub changes: ChangePolicies,
}

impl Policies {
    pub const DEFAULT_ISSUE_OPEN_WEEKS: u32 = 4;
    pub const DEFAULT_KPI_OFF_TARGET_PERIODS: u32 = 3;

    /// After how many periods off target a KPI is reported; `None` when the
    /// rule is off (`0`).
    pub fn kpi_off_target_periods(&self) -> Option<u32> {
        let periods = self
            .kpi_off_target_periods
            .as_ref()
            .map_or(Self::DEFAULT_KPI_OFF_TARGET_PERIODS, |n| n.value);
        (periods > 0).then_some(periods)
    }

    /// Whether stale KPI values are reported.
    pub fn kpi_stale(&self) -> bool {
        on_unless_off(&self.kpi_stale)
    }
}

/// Rules for changes to the plan (`orgit check --base REV`). Each is on by
/// default; `false` turns it off.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePolicies {
    /// Lowering a metric key result's target while its goal's period is under
    /// way needs a decision record (proposed or accepted) whose `affects`
    /// names the key result or its goal (`lowered-target-without-decision`).
    /// Default true.
    #[serde(default)]
    pub decision_for_lowered_target: Option<Spanned<bool>>,
    /// Moving the due date of committed work later (a started initiative, its
    /// milestones, a milestone key result in a period under way) needs a
    /// decision record naming the item or its initiative or goal
    /// (`later-due-without-decision`). Default true.
    #[serde(default)]
    pub decision_for_later_due: Option<Spanned<bool>>,
    /// Deleting a goal, key result or initiative that other items depend on is
    /// an error; cancel or drop it instead (`removed-while-depended-on`).
    /// Default true.
    #[serde(default)]
    pub protect_depended_on: Option<Spanned<bool>>,
    /// A new dependency on another team's item is reported, without failing
    /// the check, with that team's lead to ask for a review
    /// (`new-cross-team-dependency`). Default true.
    #[serde(default)]
    pub review_cross_team_dependencies: Option<Spanned<bool>>,
}

impl ChangePolicies {
    pub fn decision_for_lowered_target(&self) -> bool {
        on_unless_off(&self.decision_for_lowered_target)
    }

    pub fn decision_for_later_due(&self) -> bool {
        on_unless_off(&self.decision_for_later_due)
    }

    pub fn protect_depended_on(&self) -> bool {
        on_unless_off(&self.protect_depended_on)
    }

    pub fn review_cross_team_dependencies(&self) -> bool {
        on_unless_off(&self.review_cross_team_dependencies)
    }
}

fn on_unless_off(setting: &Option<Spanned<bool>>) -> bool {
    setting.as_ref().is_none_or(|on| on.value)
}

impl OrgSettings {
    pub fn fiscal_year_start_month(&self) -> u8 {
        self.fiscal_year_start_month.as_ref().map_or(1, |m| m.value)
    }

    pub fn stale_after_days(&self) -> u32 {
        self.policies
            .stale_after_days
            .as_ref()
            .map_or(14, |d| d.value)
    }

    /// How long an issue may stay open, in weeks; 0 reads as 1.
    pub fn issue_open_weeks(&self) -> u32 {
        self.policies
            .issue_open_weeks
            .as_ref()
            .map_or(Policies::DEFAULT_ISSUE_OPEN_WEEKS, |w| w.value)
            .max(1)
    }

    pub fn max_active_items_per_owner(&self) -> u32 {
        self.policies
            .max_active_items_per_owner
            .as_ref()
            .map_or(5, |n| n.value)
    }
}

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}
