//! The scorecard: each KPI of a scope red or green against its goalpost at
//! the end of a week, its trailing weeks as sparklines, how long it has been
//! off target and whether its value is stale. The digest and `orgit agenda`
//! both show it.
//!
//! [`build`] is pure: it reads a [`History`] reconstructed at
//! [`instants`] of the [`weeks`] ending with the reported week (the command
//! reads git), and the org as it was at the week's end, which gives each
//! KPI's title, team, unit and goalpost. Past values are held to the
//! goalpost as it is at the week's end.
//!
//! `orgit check` judges KPIs with the same pieces ([`trend`],
//! [`last_changed`], [`off_target_run`], [`is_stale`]) over the weeks ending
//! with the current one, so the digest, `orgit agenda` and the check never
//! disagree on what is off target or stale.

use std::collections::BTreeSet;

use jiff::Timestamp;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::history::{ChangeKind, Field, History};
use crate::model::{Cadence, Date, Goalpost, IsoWeek, Org};
use crate::reports::digest::team_tree::TeamTree;
use crate::reports::digest::{Calendar, Named, WeekWindow};
use crate::reports::sparkline::sparkline;

/// How many weeks a scorecard reads back, the reported week included: the
/// longer of its two sparklines.
pub const WEEKS: usize = 13;
/// The folders whose history the scorecard and the KPI rules read
/// ([`crate::history::Request::only`]): KPIs, nothing else.
pub const HISTORY_FOLDERS: &[&str] = &["kpis"];
/// The shorter sparkline's length.
pub const SHORT_WEEKS: usize = 4;

/// The KPIs of a scope at the end of a week.
#[derive(Clone, Debug, Serialize)]
pub struct Scorecard {
    /// The weeks the sparklines cover, oldest first; the last is the
    /// reported week.
    pub weeks: Vec<IsoWeek>,
    /// KPIs in team hierarchy order, then by id.
    pub rows: Vec<ScorecardRow>,
}

/// One KPI on the scorecard.
#[derive(Clone, Debug, Serialize)]
pub struct ScorecardRow {
    pub id: String,
    pub title: String,
    pub team: Named,
    pub owner: Option<Named>,
    pub unit: Option<String>,
    pub cadence: Cadence,
    /// `None` when the KPI has no valid goalpost (`orgit check` reports it).
    pub goalpost: Option<Goalpost>,
    /// The value at the end of the week.
    pub value: f64,
    /// Green: the value is where its goalpost wants it. `None` without a
    /// goalpost.
    pub on_target: Option<bool>,
    /// The value at the end of each of [`Scorecard::weeks`], `None` where the
    /// KPI did not exist yet.
    pub trend: Vec<Option<f64>>,
    /// The last [`SHORT_WEEKS`] of `trend` drawn as a sparkline.
    pub sparkline_short: String,
    /// All of `trend` drawn as a sparkline.
    pub sparkline_long: String,
    /// How many periods in a row, up to the week's end, the value has been
    /// off target: weeks for a weekly KPI, months (the value at the last
    /// week end in each month) for a monthly one. 0 when on target or
    /// without a goalpost; at most what the [`WEEKS`] read back hold.
    pub off_target_periods: u32,
    /// The date of the last commit that changed the value (or added the
    /// KPI) within the weeks read; `None` when that was before them.
    pub last_changed: Option<Date>,
    /// The value has not changed for longer than the KPI's cadence by the
    /// end of the week.
    pub stale: bool,
}

/// The [`WEEKS`] weeks ending with `week`, oldest first.
pub fn weeks(calendar: &Calendar, week: &WeekWindow) -> Result<Vec<WeekWindow>> {
    weeks_ending(calendar, week, WEEKS)
}

/// The `count` weeks (at least one) ending with `week`, oldest first.
pub fn weeks_ending(
    calendar: &Calendar,
    week: &WeekWindow,
    count: usize,
) -> Result<Vec<WeekWindow>> {
    let mut out = vec![week.clone()];
    while out.len() < count {
        let earliest = out.last().map_or(week.first_day, |w| w.first_day);
        let day_before = earliest.0.yesterday().map_err(|_| {
            Error::new(format!(
                "{earliest} is too close to the start of the calendar"
            ))
        })?;
        out.push(calendar.week_containing(Date(day_before))?);
    }
    out.reverse();
    Ok(out)
}

/// The instants to reconstruct the history at for [`build`]: the start of
/// the first week, then the end of each week.
pub fn instants(weeks: &[WeekWindow]) -> Vec<Timestamp> {
    weeks
        .first()
        .map(|w| w.start)
        .into_iter()
        .chain(weeks.iter().map(|w| w.end))
        .collect()
}

/// The scorecard of `team` and the teams below it (every KPI without
/// `team`) at the end of the last of `weeks`. `history` was reconstructed at
/// [`instants`]`(weeks)`; `org` is the org at the end of the last week.
pub fn build(org: &Org, history: &History, weeks: &[WeekWindow], team: Option<&str>) -> Scorecard {
    let tree = TeamTree::new(org);
    let scope: Option<BTreeSet<String>> = team.map(|t| tree.subtree(t));
    let Some(last_week) = weeks.last() else {
        return Scorecard {
            weeks: Vec::new(),
            rows: Vec::new(),
        };
    };
    let end_day = Date(
        last_week
            .last_day
            .0
            .tomorrow()
            .unwrap_or(last_week.last_day.0),
    );

    let mut rows: Vec<ScorecardRow> = org
        .kpis
        .iter()
        .filter(|kpi| {
            scope
                .as_ref()
                .is_none_or(|teams| teams.contains(&kpi.team.value))
        })
        .map(|kpi| {
            let id = kpi.id.value.as_str();
            let trend = trend(history, weeks, id);
            let goalpost = kpi.goalpost();
            let value = kpi.value.value;
            let cadence = kpi.cadence();
            let last_changed = last_changed(history, id);
            let stale = is_stale(cadence, last_changed, end_day);
            let short_from = trend.len().saturating_sub(SHORT_WEEKS);
            ScorecardRow {
                id: id.to_owned(),
                title: kpi.title.value.clone(),
                team: Named {
                    id: kpi.team.value.clone(),
                    name: org
                        .team(&kpi.team.value)
                        .map_or_else(|| kpi.team.value.clone(), |t| t.name.value.clone()),
                },
                owner: kpi.owner.as_ref().and_then(|o| o.single()).map(|p| Named {
                    id: p.to_owned(),
                    name: org
                        .person(p)
                        .map_or_else(|| p.to_owned(), |person| person.name.value.clone()),
                }),
                unit: kpi.unit.as_ref().map(|u| u.value.clone()),
                cadence,
                goalpost,
                value,
                on_target: goalpost.map(|g| g.is_met(value)),
                sparkline_short: sparkline(&trend[short_from..], None),
                sparkline_long: sparkline(&trend, None),
                off_target_periods: goalpost
                    .map_or(0, |g| off_target_run(g, cadence, weeks, &trend).periods),
                trend,
                last_changed,
                stale,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (tree.rank(Some(&a.team.id)), &a.id).cmp(&(tree.rank(Some(&b.team.id)), &b.id))
    });
    Scorecard {
        weeks: weeks.iter().map(|w| w.week).collect(),
        rows,
    }
}

/// The value of KPI `id` at the end of each of `weeks`, `None` where it did
/// not exist. `history` was reconstructed at [`instants`]`(weeks)` (and
/// possibly at later instants, which are not read).
pub fn trend(history: &History, weeks: &[WeekWindow], id: &str) -> Vec<Option<f64>> {
    // Snapshot 0 is the start of the first week; 1.. the week ends.
    (1..=weeks.len())
        .map(|i| {
            history
                .snapshots
                .get(i)
                .and_then(|s| s.entities.get(id))
                .and_then(|state| state.value)
        })
        .collect()
}

/// The date of the last commit in `history` that changed the value of KPI
/// `id` or added it; `None` when that was before the history's window.
pub fn last_changed(history: &History, id: &str) -> Option<Date> {
    history
        .changes
        .iter()
        .rev()
        .find(|change| {
            change.id == id
                && matches!(
                    change.change,
                    ChangeKind::Added
                        | ChangeKind::Field {
                            field: Field::Value,
                            ..
                        }
                )
        })
        .and_then(|change| history.commits.get(change.commit))
        .map(|commit| commit.date)
}

/// Whether a value last changed on `last_changed` (`None`: before the
/// window read) is stale on `day`: unchanged for more than the cadence's
/// [`Cadence::days`]. The scorecard judges it on the day after the week's
/// last (the instant the week ends), `orgit check` on today, so a check run
/// on the Monday after a week agrees with that week's digest.
pub fn is_stale(cadence: Cadence, last_changed: Option<Date>, day: Date) -> bool {
    last_changed.is_none_or(|changed| changed.days_until(day) > cadence.days())
}

/// A period of a KPI's cadence: a week, or a month (`2026-10`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Week(IsoWeek),
    Month { year: i16, month: i8 },
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Week(week) => week.fmt(f),
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
        }
    }
}

/// How long a KPI has been off target, counted back from the last of the
/// weeks read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OffTargetRun {
    /// Consecutive periods off target, the last one included; 0 when on
    /// target.
    pub periods: u32,
    /// The first period of the run.
    pub since: Option<Period>,
    /// The run starts with the first period read: it may be longer.
    pub from_first_period: bool,
}

/// Consecutive periods off target, counted back from the last week: each
/// week's end value, or for a monthly KPI the value at the last week end of
/// each month. A period without a value ends the run.
pub fn off_target_run(
    goalpost: Goalpost,
    cadence: Cadence,
    weeks: &[WeekWindow],
    trend: &[Option<f64>],
) -> OffTargetRun {
    let readings: Vec<(Period, Option<f64>)> = match cadence {
        Cadence::Weekly => weeks
            .iter()
            .zip(trend)
            .map(|(week, value)| (Period::Week(week.week), *value))
            .collect(),
        Cadence::Monthly => {
            let mut months: Vec<(Period, Option<f64>)> = Vec::new();
            for (week, value) in weeks.iter().zip(trend) {
                let month = Period::Month {
                    year: week.last_day.0.year(),
                    month: week.last_day.0.month(),
                };
                match months.last_mut() {
                    Some((last, reading)) if *last == month => *reading = *value,
                    _ => months.push((month, *value)),
                }
            }
            months
        }
    };
    let run = readings
        .iter()
        .rev()
        .take_while(|(_, reading)| reading.is_some_and(|v| !goalpost.is_met(v)))
        .count();
    let first = readings.len() - run;
    OffTargetRun {
        periods: run as u32,
        since: (run > 0).then(|| readings[first].0),
        from_first_period: run > 0 && first == 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;

    fn calendar() -> Calendar {
        Calendar::from_settings(None).unwrap()
    }

    #[test]
    fn weeks_end_with_the_reported_week() {
        let calendar = calendar();
        let week = calendar.week("2026-W47".parse().unwrap()).unwrap();
        let weeks = weeks(&calendar, &week).unwrap();
        assert_eq!(weeks.len(), WEEKS);
        assert_eq!(weeks[0].week.to_string(), "2026-W35");
        assert_eq!(weeks[12].week, week.week);
        assert_eq!(instants(&weeks).len(), WEEKS + 1);
    }

    #[test]
    fn a_value_is_stale_once_unchanged_for_longer_than_its_cadence() {
        let day = |s: &str| s.parse::<Date>().unwrap();
        let monday = day("2026-11-23");
        assert!(!is_stale(Cadence::Weekly, Some(day("2026-11-16")), monday));
        assert!(is_stale(Cadence::Weekly, Some(day("2026-11-15")), monday));
        assert!(!is_stale(Cadence::Monthly, Some(day("2026-10-23")), monday));
        assert!(is_stale(Cadence::Monthly, Some(day("2026-10-22")), monday));
        assert!(is_stale(Cadence::Weekly, None, monday));
        // Changed after the day judged (a past `--today`): not stale.
        assert!(!is_stale(Cadence::Weekly, Some(day("2026-12-01")), monday));
    }

    #[test]
    fn off_target_runs_count_weeks_or_months_back_from_the_end() {
        let calendar = calendar();
        let week = calendar.week("2026-W47".parse().unwrap()).unwrap();
        let weeks = weeks(&calendar, &week).unwrap();
        let up = Goalpost::Target {
            target: 10.0,
            direction: Direction::Up,
        };
        let mut trend = vec![Some(12.0); WEEKS];
        trend[10] = Some(5.0);
        trend[11] = Some(5.0);
        trend[12] = Some(6.0);
        let run = off_target_run(up, Cadence::Weekly, &weeks, &trend);
        assert_eq!(run.periods, 3);
        assert_eq!(
            run.since.map(|p| p.to_string()).as_deref(),
            Some("2026-W45")
        );
        assert!(!run.from_first_period);
        trend[12] = Some(10.0);
        let run = off_target_run(up, Cadence::Weekly, &weeks, &trend);
        assert_eq!((run.periods, run.since), (0, None));
        // Monthly: W35..W47 of 2026 end in Aug (1 week), Sep, Oct and Nov (4 each).
        let mut trend = vec![Some(5.0); WEEKS];
        trend[0] = Some(12.0);
        let run = off_target_run(up, Cadence::Monthly, &weeks, &trend);
        assert_eq!(run.periods, 3);
        assert_eq!(run.since.map(|p| p.to_string()).as_deref(), Some("2026-09"));
        trend[0] = None;
        assert_eq!(
            off_target_run(up, Cadence::Monthly, &weeks, &trend).periods,
            3
        );
        trend[0] = Some(5.0);
        let run = off_target_run(up, Cadence::Monthly, &weeks, &trend);
        assert_eq!(run.periods, 4);
        assert!(run.from_first_period);
    }
}
