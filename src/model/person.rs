use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Spanned};

/// `people/<id>.yaml`: one person.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Stable id, a lowercase slug unique across the org (e.g. `alice`).
    #[schemars(pattern(super::ID_PATTERN), length(max = 64))]
    pub id: Spanned<String>,
    /// Full name.
    pub name: Spanned<String>,
    #[serde(default)]
    pub email: Option<Spanned<String>>,
    /// GitHub handle without the `@`, used for CODEOWNERS and mentions.
    #[serde(default)]
    pub github: Option<Spanned<String>>,
    /// The team this person belongs to (a team id).
    #[serde(default)]
    pub team: Option<Spanned<String>>,
    /// Job title or role.
    #[serde(default)]
    pub role: Option<Spanned<String>>,
    /// `active` (default) or `left`. People who left cannot own anything.
    #[serde(default)]
    pub status: Option<Spanned<PersonStatus>>,
    #[serde(default)]
    pub joined: Option<Spanned<Date>>,
    #[serde(default)]
    pub left: Option<Spanned<Date>>,
}

impl Person {
    pub fn is_active(&self) -> bool {
        !matches!(self.status.as_deref(), Some(PersonStatus::Left))
    }

    /// The GitHub handle with its `@` (`@ana`), however it is written in
    /// the file (with or without the `@`); `None` without one.
    pub fn github_handle(&self) -> Option<String> {
        let handle = self.github.as_deref()?.trim_start_matches('@');
        (!handle.is_empty()).then(|| format!("@{handle}"))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PersonStatus {
    Active,
    Left,
}
