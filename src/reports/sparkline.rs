//! Sparklines: a list of numbers drawn as one line of unicode blocks
//! (`▁▃▅█`), one block per value, `·` for a gap. The template filter
//! `sparkline` draws with it, and so can any report that puts a ready-made
//! line in its data (a scorecard's trailing weeks, say).

const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const GAP: char = '·';

/// `values` as blocks, scaled to `range` (values outside it are clamped)
/// or, without one, to the values' own lowest and highest. A flat line
/// (every value the same, or a range that is no range) draws `▄`: none of
/// its values is high or low.
pub fn sparkline(values: &[Option<f64>], range: Option<(f64, f64)>) -> String {
    let finite = || values.iter().flatten().copied().filter(|v| v.is_finite());
    let (low, high) = range.unwrap_or_else(|| {
        (
            finite().reduce(f64::min).unwrap_or(0.0),
            finite().reduce(f64::max).unwrap_or(0.0),
        )
    });
    values
        .iter()
        .map(|value| match value {
            Some(value) if !value.is_finite() => GAP,
            Some(value) if low < high => {
                let level = ((value - low) / (high - low) * 7.0).round().clamp(0.0, 7.0);
                BLOCKS[level as usize]
            }
            Some(_) => BLOCKS[3],
            None => GAP,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sparkline;

    #[test]
    fn scales_to_its_own_range_or_a_fixed_one_with_gaps_as_dots() {
        assert_eq!(sparkline(&[Some(0.0), Some(0.5), Some(1.0)], None), "▁▅█");
        assert_eq!(
            sparkline(&[Some(1.0), None, Some(3.0), Some(2.0)], None),
            "▁·█▅"
        );
        assert_eq!(sparkline(&[Some(2.0); 3], None), "▄▄▄");
        assert_eq!(sparkline(&[], None), "");
        assert_eq!(sparkline(&[None, None], None), "··");
        assert_eq!(
            sparkline(&[Some(2.0), Some(-1.0), Some(0.0)], Some((0.0, 1.0))),
            "█▁▁"
        );
        assert_eq!(sparkline(&[Some(f64::NAN), Some(1.0)], None), "·▄");
    }
}
