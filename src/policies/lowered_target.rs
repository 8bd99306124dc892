//! `lowered-target-without-decision`: a metric key result's target made less
//! ambitious while its period is under way, with no decision record naming it.

use super::{Context, commitment, covering_ids};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::history::{ChangeKind, Field, Value};
use crate::model::{Direction, EntityKind, unit_suffix};

pub(super) fn check(cx: &Context<'_>, out: &mut Diagnostics) {
    for change in &cx.diff.entities {
        let ChangeKind::Field {
            field: Field::Target,
            before: Value::Number(before),
            after: Value::Number(after),
        } = change.change
        else {
            continue;
        };
        let Some((base_ref, head_ref)) = cx.both_sides(&change.id, EntityKind::KeyResult) else {
            continue;
        };
        let (base_goal, base_key_result) = cx.base.key_result_at(base_ref);
        let (head_goal, head_key_result) = cx.head.key_result_at(head_ref);
        let (Some(base_metric), Some(head_metric)) =
            (&base_key_result.metric, &head_key_result.metric)
        else {
            continue;
        };
        // Ambition is judged by the direction promised at the base.
        let direction = base_metric
            .direction
            .as_deref()
            .copied()
            .unwrap_or_default();
        let less_ambitious = match direction {
            Direction::Up => after < before,
            Direction::Down => after > before,
        };
        if !less_ambitious || !commitment::target_committed(cx.base, base_goal, cx.today) {
            continue;
        }
        let ids = covering_ids(cx, base_ref, head_ref);
        if cx.decisions.cover(&ids) {
            continue;
        }
        let id = &change.id;
        let unit = unit_suffix(head_metric.unit.as_deref().map(String::as_str));
        let (verb, slug_verb) = match direction {
            Direction::Up => ("lowered", "lower"),
            Direction::Down => ("raised (less is better)", "raise"),
        };
        out.push(
            Diagnostic::new(
                Code::LoweredTargetWithoutDecision,
                head_goal.file,
                head_metric.target.span,
                format!(
                    "target of `{id}` {verb} {} → {after}{unit} during {} without a decision \
                     record",
                    with_percent(before, &unit),
                    base_goal.period.value
                ),
            )
            .label(format!("was {before}{unit}"))
            .help(cx.decisions.help(
                &format!("{slug_verb}-{id}-target"),
                id,
                &ids,
                Code::LoweredTargetWithoutDecision,
            )),
        );
    }
}

/// "75%" where the unit is a percent sign, which goes on both numbers of a
/// range ("75% → 70%"); any other unit is said once, after the second
/// ("12 → 9 logos").
fn with_percent(number: f64, unit: &str) -> String {
    if unit == "%" {
        format!("{number}%")
    } else {
        number.to_string()
    }
}
