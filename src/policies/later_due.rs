//! `later-due-without-decision`: committed work's due date moved later, with
//! no decision record naming the item or its initiative or goal.

use super::{Context, commitment, covering_ids, days_later};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::history::{ChangeKind, Field, Value};
use crate::model::EntityKind;

pub(super) fn check(cx: &Context<'_>, out: &mut Diagnostics) {
    for change in &cx.diff.entities {
        let ChangeKind::Field {
            field: Field::Due,
            before: Value::Date(before),
            after: Value::Date(after),
        } = change.change
        else {
            continue;
        };
        // A risk's `due` is its review date, not a promise to deliver.
        let delivers = matches!(
            change.kind,
            EntityKind::Initiative | EntityKind::Milestone | EntityKind::KeyResult
        );
        if !delivers || after <= before {
            continue;
        }
        let Some((base_ref, head_ref)) = cx.both_sides(&change.id, change.kind) else {
            continue;
        };
        // Marked done or cancelled by the change: the new date records when
        // it shipped (or nothing), not a slip to decide on.
        if !commitment::due_committed(cx.base, base_ref, cx.today) || cx.head.is_closed(head_ref) {
            continue;
        }
        let ids = covering_ids(cx, base_ref, head_ref);
        if cx.decisions.cover(&ids) {
            continue;
        }
        let Some(due_span) = cx.head.due_span(head_ref) else {
            continue;
        };
        let id = &change.id;
        out.push(
            Diagnostic::new(
                Code::LaterDueWithoutDecision,
                cx.head.definition(head_ref).file,
                due_span,
                format!(
                    "due date of {} `{id}` moved {before} → {after} ({}) without a decision \
                     record",
                    change.kind.noun(),
                    days_later(before.days_until(after))
                ),
            )
            .label(format!("was {before}"))
            .help(cx.decisions.help(
                &format!("move-{id}-due-date"),
                id,
                &ids,
                Code::LaterDueWithoutDecision,
            )),
        );
    }
}
