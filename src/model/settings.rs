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
    /// When the weekly rhythm happens.
    #[serde(default)]
    pub rhythm: Rhythm,
    /// Execution-discipline policies enforced by `orgit check`.
    #[serde(default)]
    pub policies: Policies,
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
