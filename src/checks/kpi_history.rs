//! KPI rules that read git history: a KPI off target for too many periods
//! in a row (`kpi-off-target`), and one whose value is older than its
//! cadence (`kpi-stale`).
//!
//! The rules are pure: `orgit check` reads the history and judges each KPI
//! with the digest scorecard's own functions (`reports::scorecard`), and
//! hands over what it found as a [`KpiHistory`]. Without one (no git
//! repository, or an org without KPIs) these rules do not run.

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{Cadence, Date, Goalpost, Kpi, Org, Policies, Record};

use super::days;

/// What the history says about the org's KPIs up to today.
#[derive(Clone, Debug, Default)]
pub struct KpiHistory {
    /// The first day the history was read from: a value not changed since
    /// then was last changed before it.
    pub first_day: Option<Date>,
    /// By KPI id.
    pub kpis: BTreeMap<String, KpiTrack>,
}

/// One KPI as the history has it, judged today.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiTrack {
    /// Complete periods of the KPI's cadence in a row, up to the last one,
    /// at whose end the value was off target; 0 when the value checked is
    /// on target now.
    pub off_target_periods: u32,
    /// The first of them (`2026-W45`, or `2026-10` for a monthly KPI).
    pub off_target_since: Option<String>,
    /// The run starts with the first period read, so it may be longer.
    pub off_target_since_first_period: bool,
    /// The date of the last change to `value` (or of the KPI's addition);
    /// today for a value edited in the working tree, `None` when it was
    /// before [`KpiHistory::first_day`].
    pub last_changed: Option<Date>,
    /// Unchanged for longer than the cadence allows.
    pub stale: bool,
}

/// The diagnostics of `history` under the org's policies.
pub fn check(org: &Org, history: &KpiHistory, today: Date) -> Diagnostics {
    let default = Policies::default();
    let policies = org
        .settings
        .as_ref()
        .map_or(&default, |s| &s.fields.policies);
    let mut out = Diagnostics::new();
    for kpi in &org.kpis {
        let Some(track) = history.kpis.get(&kpi.id.value) else {
            continue;
        };
        if let Some(periods) = policies.kpi_off_target_periods()
            && let Some(diagnostic) = off_target(kpi, track, periods)
        {
            out.push(diagnostic);
        }
        if policies.kpi_stale() && track.stale {
            out.push(stale(kpi, track, history.first_day, today));
        }
    }
    out
}

/// `kpi-off-target`: off target at least `periods` periods in a row.
fn off_target(kpi: &Record<Kpi>, track: &KpiTrack, periods: u32) -> Option<Diagnostic> {
    let goalpost = kpi.goalpost()?;
    if track.off_target_periods < periods {
        return None;
    }
    let span = match (&kpi.target, &kpi.range) {
        (Some(target), _) => target.span,
        (None, Some(range)) => range.span,
        (None, None) => return None,
    };
    let unit = kpi.unit.as_ref().map(|u| u.value.as_str());
    let run = period_count(kpi.cadence(), track.off_target_periods);
    let at_least = if track.off_target_since_first_period {
        "at least "
    } else {
        ""
    };
    let since = track
        .off_target_since
        .as_ref()
        .map(|since| format!("off target since {since} ({at_least}{run}): "))
        .unwrap_or_default();
    Some(
        Diagnostic::new(
            Code::KpiOffTarget,
            kpi.file,
            span,
            format!(
                "KPI `{}` has been off target for {at_least}{run} in a row",
                kpi.id
            ),
        )
        .help(format!(
            "{since}value {} vs {}; update the plan or the target in a pull request",
            with_unit(kpi.value.value, unit),
            goalpost_text(goalpost, unit)
        )),
    )
}

/// `kpi-stale`: the value is older than its cadence.
fn stale(kpi: &Record<Kpi>, track: &KpiTrack, first_day: Option<Date>, today: Date) -> Diagnostic {
    let cadence = kpi.cadence();
    let (message, when) = match track.last_changed {
        Some(changed) => {
            let age = changed.days_until(today);
            (
                format!(
                    "the value of KPI `{}` has not changed for {}, longer than its {} cadence",
                    kpi.id,
                    days(age),
                    cadence.as_str()
                ),
                format!("last changed {changed}, {}", ago(age)),
            )
        }
        None => {
            let before = first_day.map(|day| format!(" {day}")).unwrap_or_default();
            (
                format!(
                    "the value of KPI `{}` has not changed since before{before}, longer than its {} cadence",
                    kpi.id,
                    cadence.as_str()
                ),
                format!("last changed before{before}"),
            )
        }
    };
    let figure = match cadence {
        Cadence::Weekly => "this week's",
        Cadence::Monthly => "this month's",
    };
    Diagnostic::new(Code::KpiStale, kpi.file, kpi.value.span, message).help(format!(
        "{when}, cadence {}: edit `value` with {figure} figure",
        cadence.as_str()
    ))
}

/// "3 weeks", "1 month".
fn period_count(cadence: Cadence, n: u32) -> String {
    let unit = match cadence {
        Cadence::Weekly => "week",
        Cadence::Monthly => "month",
    };
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// "today", "3 days ago", "7 weeks ago" (whole weeks from two weeks on).
fn ago(days_ago: i64) -> String {
    match days_ago {
        ..=0 => "today".to_owned(),
        1 => "1 day ago".to_owned(),
        2..14 => format!("{days_ago} days ago"),
        _ => format!("{} weeks ago", days_ago / 7),
    }
}

/// "41 signups", "12.8%", "300 ms".
fn with_unit(value: f64, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{value}%"),
        Some(unit) => format!("{value} {unit}"),
        None => value.to_string(),
    }
}

/// "target ≥ 50 signups", "range 8% – 12%", "range ≤ 300 ms".
fn goalpost_text(goalpost: Goalpost, unit: Option<&str>) -> String {
    use crate::model::Direction;
    match goalpost {
        Goalpost::Target { target, direction } => {
            let side = match direction {
                Direction::Up => "≥",
                Direction::Down => "≤",
            };
            format!("target {side} {}", with_unit(target, unit))
        }
        Goalpost::Range { min, max } => match (min, max) {
            (Some(min), Some(max)) => {
                format!("range {} – {}", with_unit(min, unit), with_unit(max, unit))
            }
            (Some(min), None) => format!("range ≥ {}", with_unit(min, unit)),
            (None, Some(max)) => format!("range ≤ {}", with_unit(max, unit)),
            (None, None) => "range (no ends)".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_in_days_then_weeks() {
        assert_eq!(ago(0), "today");
        assert_eq!(ago(1), "1 day ago");
        assert_eq!(ago(13), "13 days ago");
        assert_eq!(ago(55), "7 weeks ago");
    }

    #[test]
    fn goalposts_read_like_the_scorecard() {
        use crate::model::Direction;
        let up = Goalpost::Target {
            target: 50.0,
            direction: Direction::Up,
        };
        assert_eq!(goalpost_text(up, Some("signups")), "target ≥ 50 signups");
        let band = Goalpost::Range {
            min: Some(8.0),
            max: Some(12.0),
        };
        assert_eq!(goalpost_text(band, Some("%")), "range 8% – 12%");
        let ceiling = Goalpost::Range {
            min: None,
            max: Some(300.0),
        };
        assert_eq!(goalpost_text(ceiling, Some("ms")), "range ≤ 300 ms");
    }
}
