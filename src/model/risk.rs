use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Level, OwnerField, Spanned};

/// `risks/<id>.md` frontmatter: something that could go wrong, and what is done about it.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// Stable id, a lowercase slug unique across the org.
    #[schemars(pattern(super::ID_PATTERN), length(max = 64))]
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    /// The one person accountable (a person id).
    #[serde(default)]
    pub owner: Option<Spanned<OwnerField>>,
    #[serde(default)]
    pub status: Option<Spanned<RiskStatus>>,
    pub likelihood: Spanned<Level>,
    pub impact: Spanned<Level>,
    /// What is being done to reduce the risk; required for high risks.
    #[serde(default)]
    pub mitigation: Option<Spanned<String>>,
    /// When the risk was raised.
    #[serde(default)]
    pub raised: Option<Spanned<Date>>,
    /// When the owner must look at it again.
    #[serde(default)]
    pub review_by: Option<Spanned<Date>>,
    /// The goals, key results or initiatives at risk (ids).
    #[serde(default)]
    pub affects: Vec<Spanned<String>>,
}

impl Risk {
    pub fn status(&self) -> RiskStatus {
        self.status.as_deref().copied().unwrap_or(RiskStatus::Open)
    }

    /// High when the impact is high and the likelihood is not low, or the
    /// likelihood is high and the impact is not low.
    pub fn is_high(&self) -> bool {
        let (l, i) = (*self.likelihood, *self.impact);
        (i == Level::High && l != Level::Low) || (l == Level::High && i != Level::Low)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    Open,
    Mitigated,
    Closed,
}
