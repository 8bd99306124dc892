use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Direction, OwnerField, Spanned};

/// `kpis/<id>.yaml`: a key performance indicator, a number a team watches
/// week after week (unlike a key result, it has no period and no end). Its
/// value changes by editing `value` in a pull request: git history is the
/// time series, and the weekly digest's scorecard reads it.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// Stable id, a lowercase slug unique across the org (e.g. `weekly-signups`).
    #[schemars(pattern(super::ID_PATTERN), length(max = 64))]
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    /// The one person accountable (a person id).
    #[serde(default)]
    pub owner: Option<Spanned<OwnerField>>,
    /// The team whose scorecard shows it (a team id).
    pub team: Spanned<String>,
    /// What is counted, e.g. `signups`, `%`, `ms`.
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
    /// `up` (default) when higher is better, `down` when lower is better.
    /// Only a `target` reads it; a `range` is good anywhere inside.
    #[serde(default)]
    pub direction: Option<Spanned<Direction>>,
    /// The value to reach: at least it (`direction: up`) or at most it
    /// (`direction: down`). Give `target` or `range`, not both.
    #[serde(default)]
    pub target: Option<Spanned<f64>>,
    /// The band the value should stay in.
    #[serde(default)]
    pub range: Option<Spanned<KpiRange>>,
    /// How often the value is measured: `weekly` (default) or `monthly`. A
    /// value not changed for longer is stale.
    #[serde(default)]
    pub cadence: Option<Spanned<Cadence>>,
    /// The latest measurement.
    pub value: Spanned<f64>,
    /// Where the value comes from: a link to the dashboard or query, or a note.
    #[serde(default)]
    pub evidence: Option<Spanned<String>>,
}

/// The band a KPI's value should stay in; either end may be left open.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KpiRange {
    #[serde(default)]
    pub min: Option<Spanned<f64>>,
    #[serde(default)]
    pub max: Option<Spanned<f64>>,
}

/// How often a KPI is measured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    #[default]
    Weekly,
    Monthly,
}

impl Cadence {
    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Monthly => "monthly",
        }
    }

    /// How many days a value stays fresh: a week, or a month counted as 31
    /// days so a value measured on the same date each month is never stale.
    pub fn days(self) -> i64 {
        match self {
            Cadence::Weekly => 7,
            Cadence::Monthly => 31,
        }
    }
}

/// What a KPI's value is held to: a target in a direction, or a band.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Goalpost {
    Target { target: f64, direction: Direction },
    Range { min: Option<f64>, max: Option<f64> },
}

impl Goalpost {
    /// What the value is held to, in words: `target at least 50 signups`,
    /// `range 8% to 12%`. `unit` is as
    /// [`super::unit_suffix`] writes it.
    pub fn held_to(self, unit: &str) -> String {
        match self {
            Goalpost::Target {
                target,
                direction: Direction::Up,
            } => format!("target at least {target}{unit}"),
            Goalpost::Target {
                target,
                direction: Direction::Down,
            } => format!("target at most {target}{unit}"),
            Goalpost::Range { min, max } => match (min, max) {
                (Some(min), Some(max)) => format!("range {min}{unit} to {max}{unit}"),
                (Some(min), None) => format!("range at least {min}{unit}"),
                (None, Some(max)) => format!("range at most {max}{unit}"),
                (None, None) => "no range".to_owned(),
            },
        }
    }

    /// Whether `value` is where it should be (green on the scorecard).
    pub fn is_met(self, value: f64) -> bool {
        match self {
            Goalpost::Target {
                target,
                direction: Direction::Up,
            } => value >= target,
            Goalpost::Target {
                target,
                direction: Direction::Down,
            } => value <= target,
            Goalpost::Range { min, max } => {
                min.is_none_or(|min| value >= min) && max.is_none_or(|max| value <= max)
            }
        }
    }
}

impl Kpi {
    pub fn unit(&self) -> Option<&str> {
        self.unit.as_deref().map(String::as_str)
    }

    pub fn cadence(&self) -> Cadence {
        self.cadence.as_deref().copied().unwrap_or_default()
    }

    pub fn direction(&self) -> Direction {
        self.direction.as_deref().copied().unwrap_or_default()
    }

    /// What the value is held to; `None` when the KPI has neither a target
    /// nor a range, or both (`orgit check` reports it: `kpi-goalpost`).
    pub fn goalpost(&self) -> Option<Goalpost> {
        match (&self.target, &self.range) {
            (Some(target), None) => Some(Goalpost::Target {
                target: target.value,
                direction: self.direction(),
            }),
            (None, Some(range)) => Some(Goalpost::Range {
                min: range.min.as_deref().copied(),
                max: range.max.as_deref().copied(),
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_goalpost_is_met_on_its_side_or_inside_its_band() {
        let up = Goalpost::Target {
            target: 10.0,
            direction: Direction::Up,
        };
        assert!(up.is_met(10.0) && up.is_met(11.0) && !up.is_met(9.9));
        let down = Goalpost::Target {
            target: 10.0,
            direction: Direction::Down,
        };
        assert!(down.is_met(10.0) && !down.is_met(10.1));
        let band = Goalpost::Range {
            min: Some(1.0),
            max: Some(2.0),
        };
        assert!(band.is_met(1.0) && band.is_met(2.0) && !band.is_met(2.5) && !band.is_met(0.5));
        let floor = Goalpost::Range {
            min: Some(1.0),
            max: None,
        };
        assert!(floor.is_met(1e9) && !floor.is_met(0.0));
    }
}
