//! `orgit set ID VALUE`: the new `current` of a metric key result or `value`
//! of a KPI, written
//! over the old value's characters and nothing else.

use crate::diagnostics::render::byte_range;
use crate::error::{Error, Result};
use crate::model::Span;

/// A number as people write one in YAML: `42`, `-3`, `99.75`. Exponents,
/// `inf`, `.nan`, thousands separators and the like are refused, since the
/// file should read the way the value was meant.
pub fn parse_value(text: &str) -> Result<f64> {
    let text = text.trim();
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit())
        && !(digits.contains('.') && fraction.is_empty());
    match text.parse::<f64>() {
        Ok(value) if plain && value.is_finite() => Ok(value),
        _ => Err(Error::new(format!("`{text}` is not a number"))
            .hint("give the new value as a plain number, such as `42` or `99.75`")),
    }
}

/// `text` with the value written at `span` (the old `current`, which must
/// read as `old`) replaced by `new`. Refuses when the characters there are
/// not the old value, so a stale span never corrupts a file.
pub fn replace_value(text: &str, span: Span, old: f64, new: &str) -> Result<String> {
    let range = byte_range(text, span)
        .filter(|range| range.end <= text.len() && range.start < range.end)
        .ok_or_else(|| Error::new("cannot find where `current` is written"))?;
    let written = text[range.clone()].trim();
    if written.parse::<f64>().ok() != Some(old) {
        return Err(Error::new(format!(
            "`current` reads `{written}` in the file, not {old}: it changed while orgit ran"
        ))
        .hint("run the command again"));
    }
    let mut edited = String::with_capacity(text.len() + new.len());
    edited.push_str(&text[..range.start]);
    edited.push_str(new);
    edited.push_str(&text[range.end..]);
    Ok(edited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_only() {
        assert_eq!(parse_value("99.75").unwrap(), 99.75);
        assert_eq!(parse_value("-3").unwrap(), -3.0);
        for bad in ["1e3", "inf", "NaN", "1,240", "12.", ".5", "", "-", "12 %"] {
            assert!(parse_value(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_the_value_changes() {
        let text = "key_results:\n  - id: uptime  # the SLO\n    metric: {baseline: 99.5, target: 99.9, current: 99.7, unit: \"%\"}  # weekly\n";
        let span = Span::new(3, 53, 4);
        assert_eq!(
            replace_value(text, span, 99.7, "99.85").unwrap(),
            text.replace("current: 99.7,", "current: 99.85,")
        );
        assert!(replace_value(text, span, 99.6, "1").is_err());
    }
}
