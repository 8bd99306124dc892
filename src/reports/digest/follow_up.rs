//! Follow-through on what meetings commit to: the to-dos that fell due by
//! the week's end and what became of them, each team's completion rate,
//! and the issues raised, solved and still open.
//!
//! A to-do counts for the week when it was still owed as the week began
//! (or was added during it) and is due by its last day. One done long ago
//! is not counted again, and one done this week counts once, whatever its
//! due date was.

use serde::Serialize;

use super::build::Context;
use super::{Item, Named};
use crate::model::{Date, EntityKind, IssueStatus, TodoStatus};

/// The to-dos and issues of the digest's scope. Field by field in
/// docs/digest.md.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FollowUp {
    /// To-dos owed when the week began (or added during it) and due by its
    /// last day, by team in hierarchy order, then due date and id.
    pub todos_due: Vec<TodoDue>,
    /// Per team with to-dos due, in hierarchy order: how many were done.
    pub completion: Vec<TodoCompletion>,
    /// Of all teams: done / (done + not done); dropped to-dos count for
    /// neither. Null when nothing fell due.
    pub completion_rate: Option<f64>,
    /// To-dos still owed at the week's end and due after it, soonest first.
    pub todos_coming: Vec<TodoOpen>,
    /// Issues added to the repo this week.
    pub issues_opened: Vec<IssueLine>,
    /// Issues that became `solved` this week.
    pub issues_solved: Vec<IssueLine>,
    /// Issues open at the week's end, most urgent first, then oldest.
    pub issues_open: Vec<IssueLine>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TodoDue {
    #[serde(flatten)]
    pub item: Item,
    pub due: Date,
    /// `done`, `dropped` or `open` (not done) at the week's end.
    pub status: TodoStatus,
    /// Where it was agreed: an issue id or `<YYYY-Www>-<team>`.
    pub from: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TodoOpen {
    #[serde(flatten)]
    pub item: Item,
    pub due: Date,
    pub from: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TodoCompletion {
    pub team: Named,
    /// To-dos due, dropped ones included.
    pub due: usize,
    pub done: usize,
    pub dropped: usize,
    /// done / (due − dropped); null when every one was dropped.
    pub rate: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IssueLine {
    #[serde(flatten)]
    pub item: Item,
    /// `high`, `medium`, `low` or a rank (1 first).
    pub priority: String,
    pub raised_by: Named,
    pub opened: Date,
    /// Whole weeks from `opened` to the week's last day.
    pub weeks_open: i64,
    pub status: IssueStatus,
}

pub(super) fn follow_up(cx: &Context<'_>) -> FollowUp {
    let owed_at_start = |id: &str| {
        cx.start
            .get(id)
            .is_none_or(|s| s.status.as_deref() == Some(TodoStatus::Open.as_str()))
    };
    let mut todos_due = Vec::new();
    let mut todos_coming = Vec::new();
    for todo in &cx.org.todos {
        let id = todo.id.value.as_str();
        if !cx.in_scope(id) || !owed_at_start(id) {
            continue;
        }
        let item = cx.item(id, EntityKind::Todo);
        let from = todo.from.as_ref().map(|f| f.value.clone());
        if todo.due.value <= cx.today {
            todos_due.push(TodoDue {
                item,
                due: todo.due.value,
                status: todo.status(),
                from,
            });
        } else if todo.is_open() {
            todos_coming.push(TodoOpen {
                item,
                due: todo.due.value,
                from,
            });
        }
    }
    let team_rank = |item: &Item| cx.teams.rank(item.team.as_ref().map(|t| t.id.as_str()));
    todos_due.sort_by(|a, b| {
        (team_rank(&a.item), a.due, &a.item.id).cmp(&(team_rank(&b.item), b.due, &b.item.id))
    });
    todos_coming.sort_by(|a, b| (a.due, &a.item.id).cmp(&(b.due, &b.item.id)));

    let mut completion: Vec<TodoCompletion> = Vec::new();
    for todo in &todos_due {
        let Some(team) = &todo.item.team else {
            continue;
        };
        if completion.last().is_none_or(|c| c.team.id != team.id) {
            completion.push(TodoCompletion {
                team: team.clone(),
                due: 0,
                done: 0,
                dropped: 0,
                rate: None,
            });
        }
        let line = completion.last_mut().expect("pushed above");
        line.due += 1;
        match todo.status {
            TodoStatus::Done => line.done += 1,
            TodoStatus::Dropped => line.dropped += 1,
            TodoStatus::Open => {}
        }
    }
    for line in &mut completion {
        line.rate = rate(line.done, line.due - line.dropped);
    }
    let (done, counted) = todos_due
        .iter()
        .fold((0, 0), |(done, counted), t| match t.status {
            TodoStatus::Done => (done + 1, counted + 1),
            TodoStatus::Open => (done, counted + 1),
            TodoStatus::Dropped => (done, counted),
        });

    let mut issues_opened = Vec::new();
    let mut issues_solved = Vec::new();
    let mut issues_open = Vec::new();
    for issue in &cx.org.issues {
        let id = issue.id.value.as_str();
        if !cx.in_scope(id) {
            continue;
        }
        let line = IssueLine {
            item: cx.item(id, EntityKind::Issue),
            priority: issue.priority().to_string(),
            raised_by: cx.person_named(&issue.raised_by.value),
            opened: issue.opened.value,
            weeks_open: issue.opened.value.days_until(cx.today).max(0) / 7,
            status: issue.status(),
        };
        let at_start = cx.start.get(id);
        let solved_at_start =
            at_start.is_some_and(|s| s.status.as_deref() == Some(IssueStatus::Solved.as_str()));
        if at_start.is_none() {
            issues_opened.push(line.clone());
        }
        match issue.status() {
            IssueStatus::Solved if !solved_at_start => issues_solved.push(line),
            IssueStatus::Open => issues_open.push((issue.priority().order(), line)),
            _ => {}
        }
    }
    issues_open.sort_by(|(a_rank, a), (b_rank, b)| {
        (a_rank, a.opened, &a.item.id).cmp(&(b_rank, b.opened, &b.item.id))
    });

    FollowUp {
        todos_due,
        completion,
        completion_rate: rate(done, counted),
        todos_coming,
        issues_opened,
        issues_solved,
        issues_open: issues_open.into_iter().map(|(_, line)| line).collect(),
    }
}

fn rate(done: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| done as f64 / of as f64)
}
