//! Progress and scores: how far a key result has come from its baseline to
//! its target, and the grade band a score falls in. Shared by the weekly
//! digest (progress), `orgit review` (scores) and pace.

use serde::Serialize;

use crate::history::{EntityState, MetricState};
use crate::model::Scoring;

/// A metric's share of the way from `baseline` to `target`, clamped to 0..1.
/// Direction-aware by construction: for a metric that should go down the
/// target is below the baseline, and so is the progress made. A target equal
/// to its baseline scores 0; a value that is not a number scores nothing.
pub fn progress(baseline: f64, target: f64, current: f64) -> Option<f64> {
    let span = target - baseline;
    if span == 0.0 {
        return Some(0.0);
    }
    // `+ 0.0` turns -0 (no progress on a metric that goes down) into 0.
    let progress = ((current - baseline) / span).clamp(0.0, 1.0) + 0.0;
    progress.is_finite().then_some(progress)
}

pub fn metric_progress(metric: &MetricState) -> Option<f64> {
    progress(metric.baseline, metric.target, metric.current)
}

/// A key result's progress: a metric's [`metric_progress`], a milestone's 0
/// or 1.
pub fn key_result_progress(state: &EntityState) -> Option<f64> {
    match (&state.metric, state.done) {
        (Some(metric), _) => metric_progress(metric),
        (None, Some(done)) => Some(if done { 1.0 } else { 0.0 }),
        (None, None) => None,
    }
}

/// The grade of a score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Miss,
    Progress,
    Hit,
}

/// The grade bands (`scoring` in `orgit.yaml`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Bands {
    /// Lowest score graded `hit`.
    pub hit: f64,
    /// Lowest score graded `progress`; below it, `miss`.
    pub progress: f64,
}

impl Bands {
    pub fn from_settings(scoring: Option<&Scoring>) -> Bands {
        let (hit, progress) = scoring.map_or(
            (Scoring::DEFAULT_HIT, Scoring::DEFAULT_PROGRESS),
            Scoring::bands,
        );
        Bands { hit, progress }
    }

    pub fn grade(&self, score: f64) -> Grade {
        if score >= self.hit {
            Grade::Hit
        } else if score >= self.progress {
            Grade::Progress
        } else {
            Grade::Miss
        }
    }
}

/// A share or score rounded to a hundredth of a percent, so float noise
/// (0.30000000000000004) stays out of reports.
pub fn ratio(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

pub fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (count > 0).then(|| sum / count as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_follows_the_direction_of_the_target() {
        assert_eq!(progress(10.0, 20.0, 15.0), Some(0.5));
        // Down: from 554 ms to 300 ms, at 427 ms half the way is done.
        assert_eq!(progress(554.0, 300.0, 427.0), Some(0.5));
        assert_eq!(progress(554.0, 300.0, 600.0), Some(0.0));
        assert_eq!(progress(554.0, 300.0, 250.0), Some(1.0));
        assert_eq!(progress(5.0, 5.0, 9.0), Some(0.0));
        assert_eq!(progress(0.0, 1.0, f64::NAN), None);
    }

    #[test]
    fn a_score_on_a_band_edge_takes_the_higher_grade() {
        let bands = Bands {
            hit: 0.7,
            progress: 0.4,
        };
        assert_eq!(bands.grade(0.7), Grade::Hit);
        assert_eq!(bands.grade(0.69), Grade::Progress);
        assert_eq!(bands.grade(0.4), Grade::Progress);
        assert_eq!(bands.grade(0.39), Grade::Miss);
    }
}
