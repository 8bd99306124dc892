use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Spanned;

/// `teams/<id>.yaml`: one team in the team-of-teams hierarchy.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Stable id, a lowercase slug unique across the org (e.g. `platform`).
    #[schemars(pattern(super::ID_PATTERN), length(max = 64))]
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    /// The team this one belongs to (a team id); none for the top of the hierarchy.
    #[serde(default)]
    pub parent: Option<Spanned<String>>,
    /// The person who leads the team (a person id).
    #[serde(default)]
    pub lead: Option<Spanned<String>>,
    /// Why the team exists, in a sentence.
    #[serde(default)]
    pub mission: Option<Spanned<String>>,
}
