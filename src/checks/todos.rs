//! To-do rules: `from` names an issue or a meeting, and an open to-do is
//! not past its due date.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Date, Record, Todo, TodoSource};

use super::{Context, days};

pub fn check(cx: &mut Context<'_>) {
    for todo in &cx.org.todos {
        if let Some(diagnostic) = overdue(todo, cx.today) {
            cx.diagnostics.push(diagnostic);
        }
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

/// `todo-overdue`: open, and due before today.
fn overdue(todo: &Record<Todo>, today: Date) -> Option<Diagnostic> {
    if !todo.is_overdue(today) {
        return None;
    }
    let owner = todo
        .owner
        .as_ref()
        .and_then(|o| o.single())
        .map_or(String::new(), |o| format!(" ({o})"));
    Some(
        Diagnostic::new(
            Code::TodoOverdue,
            todo.file,
            todo.due.span,
            format!(
                "to-do `{}`{owner} was due on {} ({} ago)",
                todo.id,
                todo.due.value,
                days(todo.due.days_until(today))
            ),
        )
        .help(
            "do it and write `status: done`, agree a new `due`, or drop it with `status: dropped`",
        ),
    )
}
