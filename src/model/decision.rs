use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, OwnerField, Spanned};

/// `decisions/NNNN-slug.md` frontmatter: a decision record (MADR-like).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Stable id, a lowercase slug unique across the org (e.g. `0007-lower-logo-target`).
    #[schemars(pattern(super::ID_PATTERN), length(max = 64))]
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub status: Spanned<DecisionStatus>,
    /// When the decision was proposed.
    pub date: Spanned<Date>,
    /// When it was accepted or rejected.
    #[serde(default)]
    pub decided_on: Option<Spanned<Date>>,
    /// The decider: the one person accountable for the decision.
    #[serde(default)]
    pub owner: Option<Spanned<OwnerField>>,
    /// People asked before deciding.
    #[serde(default)]
    pub consulted: Vec<Spanned<String>>,
    /// People or teams told afterwards.
    #[serde(default)]
    pub informed: Vec<Spanned<String>>,
    /// The goals, key results, initiatives, teams or risks this decision changes.
    #[serde(default)]
    pub affects: Vec<Spanned<String>>,
    /// Earlier decisions this one replaces.
    #[serde(default)]
    pub supersedes: Vec<Spanned<String>>,
    /// The decision that replaced this one (required when `status: superseded`).
    #[serde(default)]
    pub superseded_by: Option<Spanned<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    Proposed,
    Accepted,
    Rejected,
    Superseded,
    Deprecated,
}

impl DecisionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionStatus::Proposed => "proposed",
            DecisionStatus::Accepted => "accepted",
            DecisionStatus::Rejected => "rejected",
            DecisionStatus::Superseded => "superseded",
            DecisionStatus::Deprecated => "deprecated",
        }
    }
}
