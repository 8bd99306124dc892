//! To-do rules: `from` names an issue or a meeting.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::TodoSource;

use super::Context;

pub fn check(cx: &mut Context<'_>) {
    for todo in &cx.org.todos {
        let Some(from) = &todo.from else { continue };
        if TodoSource::parse(from) == TodoSource::Malformed {
            cx.diagnostics.push(
                Diagnostic::new(
                    Code::TodoSource,
                    todo.file,
                    from.span,
                    format!("`from: {}` is neither an issue id nor a meeting", from.value),
                )
                .help("write a meeting as `<YYYY-Www>-<team>`, e.g. `2026-W48-leadership`, or name an issue by its id"),
            );
        }
    }
}
