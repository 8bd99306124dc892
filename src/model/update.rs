use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Health, IsoWeek, Spanned};

/// `updates/<YYYY-Www>/<team>.md` frontmatter: a team's weekly check-in. The
/// narrative is the body.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Update {
    /// The team checking in (a team id); matches the file name.
    pub team: Spanned<String>,
    /// The ISO week, e.g. `2026-W47`; matches the folder name.
    pub week: Spanned<IsoWeek>,
    /// Who wrote it (a person id).
    pub author: Spanned<String>,
    /// The team's overall health this week.
    #[serde(default)]
    pub health: Option<Spanned<super::Health>>,
    /// Confidence across the team's goals, from 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    #[serde(default)]
    pub confidence: Option<Spanned<f64>>,
}

impl Update {
    pub fn health(&self) -> Option<Health> {
        self.health.as_deref().copied()
    }
}
