use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Dependency, Health, OwnerField, Spanned};

/// `initiatives/<id>.md` frontmatter: a project that moves key results.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    /// Stable id, a lowercase slug unique across the org (e.g. `platform-sso`).
    #[schemars(pattern(super::ID_PATTERN), length(max = 64))]
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    /// The one person accountable (a person id).
    #[serde(default)]
    pub owner: Option<Spanned<OwnerField>>,
    /// The team doing the work (a team id).
    pub team: Spanned<String>,
    /// The key results or goals this initiative moves (ids).
    #[serde(default)]
    pub supports: Vec<Spanned<String>>,
    #[serde(default)]
    pub status: Option<Spanned<InitiativeStatus>>,
    #[serde(default)]
    pub health: Option<Spanned<Health>>,
    #[serde(default)]
    pub start: Option<Spanned<Date>>,
    pub due: Spanned<Date>,
    #[serde(default)]
    pub depends_on: Vec<Dependency>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}

impl Initiative {
    pub fn status(&self) -> InitiativeStatus {
        self.status
            .as_deref()
            .copied()
            .unwrap_or(InitiativeStatus::Active)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InitiativeStatus {
    Proposed,
    Active,
    Paused,
    Done,
    Cancelled,
}

impl InitiativeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InitiativeStatus::Proposed => "proposed",
            InitiativeStatus::Active => "active",
            InitiativeStatus::Paused => "paused",
            InitiativeStatus::Done => "done",
            InitiativeStatus::Cancelled => "cancelled",
        }
    }
}

/// A checkpoint of an initiative.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Stable id, a lowercase slug unique across the org.
    #[schemars(pattern(super::ID_PATTERN), length(max = 64))]
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub due: Spanned<Date>,
    #[serde(default)]
    pub done: bool,
    /// Defaults to the initiative's owner.
    #[serde(default)]
    pub owner: Option<Spanned<OwnerField>>,
}
