//! Pace and forecast of a metric key result over its period: where a
//! straight line from baseline (at the period's start) to target (at its
//! end) says it should be by now, where it is, and where its own trend takes
//! it by the period's end. Shared by the weekly digest ("Behind pace"),
//! `orgit review` and `orgit status`.
//!
//! The forecast is an ordinary least-squares line through the key result's
//! values in the period so far (one per week boundary, read from git
//! history, and the latest), extended to the period's last day. Two values
//! at different times are the least it needs; with one there is no forecast.
//! A fit of a few points is a straight-line model, not a prediction service:
//! it is meant to catch the contradictions a chief of staff looks for, so
//! only two are flagged:
//!
//! - `forecast_short`: the key result (or its goal, when it has no health of
//!   its own) says on track, and the forecast is below the `scoring.hit`
//!   band ("says on track, forecast 41% of target");
//! - `no_progress`: at least a third of the period has gone and the value is
//!   no closer to the target than at the period's start, or than when the
//!   key result was added ("0% progress at 64% of the quarter"); it needs
//!   two values.

use serde::Serialize;

use crate::reports::scoring::{progress, ratio};

/// Share of the period that must be gone before standing still is flagged.
pub const NO_PROGRESS_AFTER: f64 = 1.0 / 3.0;

/// What [`pace`] needs to know about one metric key result.
#[derive(Clone, Debug)]
pub struct PaceInput<'a> {
    pub baseline: f64,
    pub target: f64,
    /// Its values in the period, oldest first: (days since the period's first
    /// day, `current` then). The last is the latest.
    pub values: &'a [(f64, f64)],
    /// Days in the whole period.
    pub period_days: f64,
    /// Days gone by now.
    pub elapsed_days: f64,
    /// Its declared health (or its goal's) is on track.
    pub says_on_track: bool,
    /// The `scoring.hit` band: a forecast below it is short.
    pub hit: f64,
}

/// A key result's pace. Shares from 0 to 1.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pace {
    /// The share of the period gone: the progress a straight line from
    /// baseline to target would have made by now.
    pub expected: f64,
    /// Progress now.
    pub actual: f64,
    /// `actual - expected`: negative is behind.
    pub gap: f64,
    /// Progress at the period's end if the trend holds; null with fewer than
    /// two values at different times.
    pub forecast: Option<f64>,
    /// The value the trend reaches at the period's end.
    pub forecast_value: Option<f64>,
    /// How many values the forecast is fitted on.
    pub values: usize,
    pub says_on_track: bool,
    /// `forecast_short` and/or `no_progress` (see the module docs).
    pub flags: Vec<PaceFlag>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaceFlag {
    ForecastShort,
    NoProgress,
}

/// The pace of one metric key result; `None` without values.
pub fn pace(input: &PaceInput<'_>) -> Option<Pace> {
    let &(_, first) = input.values.first()?;
    let &(_, now) = input.values.last()?;
    let actual = progress(input.baseline, input.target, now)?;
    let elapsed = if input.period_days > 0.0 {
        (input.elapsed_days / input.period_days).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let forecast_value = least_squares_at(input.values, input.period_days);
    let forecast = forecast_value.and_then(|v| progress(input.baseline, input.target, v));
    let mut flags = Vec::new();
    if input.says_on_track && forecast.is_some_and(|f| f < input.hit) {
        flags.push(PaceFlag::ForecastShort);
    }
    let start = progress(input.baseline, input.target, first).unwrap_or(0.0);
    // One value says nothing about movement.
    let moved_known = input.values.len() >= 2;
    if moved_known && elapsed >= NO_PROGRESS_AFTER && actual <= start && actual < 1.0 {
        flags.push(PaceFlag::NoProgress);
    }
    Some(Pace {
        expected: ratio(elapsed),
        actual: ratio(actual),
        gap: ratio(actual - elapsed),
        forecast: forecast.map(ratio),
        forecast_value: forecast_value.map(round_value),
        values: input.values.len(),
        says_on_track: input.says_on_track,
        flags,
    })
}

/// The least-squares line through `points` (x, y), evaluated at `x`; `None`
/// with fewer than two distinct x.
pub fn least_squares_at(points: &[(f64, f64)], x: f64) -> Option<f64> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let value = mean_y + sxy / sxx * (x - mean_x);
    value.is_finite().then_some(value)
}

/// A forecast value without float noise, to a millionth.
fn round_value(value: f64) -> f64 {
    if value.abs() >= 1e9 {
        return value;
    }
    (value * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(values: &[(f64, f64)], elapsed_days: f64, on_track: bool) -> PaceInput<'_> {
        PaceInput {
            baseline: 0.0,
            target: 100.0,
            values,
            period_days: 91.0,
            elapsed_days,
            says_on_track: on_track,
            hit: 0.7,
        }
    }

    #[test]
    fn a_straight_line_forecasts_where_it_goes() {
        assert_eq!(
            least_squares_at(&[(0.0, 0.0), (7.0, 7.0), (14.0, 14.0)], 91.0),
            Some(91.0)
        );
        assert_eq!(least_squares_at(&[(7.0, 3.0)], 91.0), None);
        assert_eq!(least_squares_at(&[(7.0, 3.0), (7.0, 5.0)], 91.0), None);
    }

    #[test]
    fn on_track_with_a_short_forecast_is_flagged() {
        // 10 points a month: about 30 by the end of the quarter.
        let values = [(0.0, 0.0), (28.0, 10.0), (56.0, 19.0)];
        let pace = pace(&input(&values, 56.0, true)).unwrap();
        assert_eq!(pace.expected, 0.6154);
        assert_eq!(pace.actual, 0.19);
        assert_eq!(pace.forecast, Some(0.3104));
        assert_eq!(pace.flags, [PaceFlag::ForecastShort]);
        // Nobody claimed it was on track: nothing contradicts.
        assert!(
            super::pace(&input(&values, 56.0, false))
                .unwrap()
                .flags
                .is_empty()
        );
    }

    #[test]
    fn a_key_result_that_stalls_is_flagged_after_a_third_of_the_period() {
        let values = [(0.0, 0.0), (28.0, 0.0), (58.0, 0.0)];
        let pace = pace(&input(&values, 58.0, false)).unwrap();
        assert_eq!(pace.actual, 0.0);
        assert_eq!(pace.expected, 0.6374);
        assert_eq!(pace.flags, [PaceFlag::NoProgress]);
        let early = [(0.0, 0.0), (14.0, 0.0)];
        assert!(
            super::pace(&input(&early, 14.0, false))
                .unwrap()
                .flags
                .is_empty()
        );
    }

    #[test]
    fn a_metric_that_should_go_down_forecasts_its_way() {
        let values = [(0.0, 554.0), (30.0, 500.0), (60.0, 446.0)];
        let pace = pace(&PaceInput {
            baseline: 554.0,
            target: 300.0,
            ..input(&values, 60.0, true)
        })
        .unwrap();
        // 54 ms a month: 390 ms on day 91, under two thirds of the way.
        assert_eq!(pace.forecast_value, Some(390.2));
        assert_eq!(pace.forecast, Some(0.6449));
        assert_eq!(pace.flags, [PaceFlag::ForecastShort]);
    }
}
