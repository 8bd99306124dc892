//! The pace of each metric key result over the period so far, from its
//! value at every week boundary (see `reports::pace`).

use super::build::Context;
use super::{BehindPace, GoalStanding};
use crate::reports::pace::{Pace, PaceInput, pace};
use crate::reports::scoring::Bands;

/// The pace of key result `id`, from its values at the start of each week
/// of the period so far and at the end of the digest's week.
pub(super) fn key_result_pace(cx: &Context<'_>, id: &str, says_on_track: bool) -> Option<Pace> {
    let timeline = cx.timeline;
    let metric = cx.end.get(id)?.metric?;
    let first = timeline.period_first_day;
    let day = |date: crate::model::Date| first.days_until(date) as f64;
    let mut values: Vec<(f64, f64)> = Vec::with_capacity(timeline.weeks.len() + 1);
    for (index, week) in timeline.weeks.iter().enumerate() {
        let snapshot = &cx.history.snapshots[timeline.week_start_instant(index)];
        if let Some(m) = snapshot.entities.get(id).and_then(|s| s.metric) {
            values.push((day(week.first_day), m.current));
        }
    }
    values.push((day(timeline.week.last_day) + 1.0, metric.current));
    let period_days = day(timeline.period_last_day) + 1.0;
    let bands = Bands::from_settings(cx.org.settings.as_ref().map(|s| &s.scoring));
    pace(&PaceInput {
        baseline: metric.baseline,
        target: metric.target,
        values: &values,
        period_days,
        elapsed_days: (day(timeline.week.last_day) + 1.0).min(period_days),
        says_on_track,
        hit: bands.hit,
    })
}

/// The key results of the active goals whose pace is flagged, in goal order.
pub(super) fn behind_pace(goals: &[GoalStanding]) -> Vec<BehindPace> {
    goals
        .iter()
        .filter(|g| g.status == "active")
        .flat_map(|g| {
            g.key_results.iter().filter_map(move |kr| {
                let metric = kr.metric.as_ref()?;
                BehindPace::when_flagged(
                    &kr.item,
                    &g.item,
                    kr.health.or(g.health),
                    (metric.current, metric.target, &metric.unit),
                    kr.pace.as_ref(),
                )
            })
        })
        .collect()
}
