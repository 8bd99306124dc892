//! KPI rules: a KPI is held to exactly one goalpost, a `target` or a
//! `range` with at least one end, and a range's ends are in order; a key
//! result measured by a KPI says the KPI's value.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Kpi, Org, Record, unit_suffix};

use super::Context;

pub fn check(cx: &mut Context<'_>) {
    for kpi in &cx.org.kpis {
        if let Some(diagnostic) = goalpost_problem(kpi) {
            cx.diagnostics.push(diagnostic);
        }
    }
    for diagnostic in kpi_mismatches(cx.org) {
        cx.diagnostics.push(diagnostic);
    }
}

/// `kr-kpi-mismatch`: a key result with `kpi:` whose `current` is not the
/// KPI's `value`. An unknown KPI is `unknown-reference`'s.
fn kpi_mismatches(org: &Org) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for goal in &org.goals {
        for kr in &goal.key_results {
            let Some(metric) = &kr.metric else { continue };
            let Some(kpi) = metric.kpi.as_ref().and_then(|id| org.kpi(id)) else {
                continue;
            };
            let (current, value) = (*metric.current, *kpi.value);
            if current == value {
                continue;
            }
            let unit = unit_suffix(kpi.unit());
            let message = format!(
                "key result `{}` is measured by KPI `{}`, whose value is {value}{unit}, but its current is {current}{unit}",
                kr.id.as_str(),
                kpi.id.as_str()
            );
            out.push(
                Diagnostic::new(Code::KrKpiMismatch, goal.file, metric.current.span, message)
                    .related(
                        kpi.file,
                        kpi.value.span,
                        format!("`{}`'s value", kpi.id.as_str()),
                    )
                    .help(format!(
                        "run `orgit set {} VALUE` with the right figure: it writes both",
                        kpi.id.as_str()
                    )),
            );
        }
    }
    out
}

/// `kpi-goalpost`: neither `target` nor `range`, both, a range without ends
/// or with its ends the wrong way round.
fn goalpost_problem(kpi: &Record<Kpi>) -> Option<Diagnostic> {
    let id = &kpi.id;
    let (span, message, help) = match (&kpi.target, &kpi.range) {
        (None, None) => (
            id.span,
            format!("KPI `{id}` has neither `target` nor `range`"),
            "add `target: <number>` (with `direction: down` when lower is better) or `range: {min: .., max: ..}`",
        ),
        (Some(_), Some(range)) => (
            range.span,
            format!("KPI `{id}` has both `target` and `range`"),
            "keep one: a target is a side to be on, a range a band to stay in",
        ),
        (None, Some(range)) => match (&range.min, &range.max) {
            (None, None) => (
                range.span,
                format!("the range of KPI `{id}` has neither `min` nor `max`"),
                "give the band at least one end: `range: {min: .., max: ..}`",
            ),
            (Some(min), Some(max)) if min.value > max.value => (
                min.span,
                format!(
                    "the range of KPI `{id}` has `min` {} above `max` {}",
                    min.value, max.value
                ),
                "swap the two ends",
            ),
            _ => return None,
        },
        (Some(_), None) => return None,
    };
    Some(Diagnostic::new(Code::KpiGoalpost, kpi.file, span, message).help(help))
}
