//! Issue rules: an issue does not stay open for longer than the policy, and a
//! solved one names what solved it.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{
    Date, DecisionStatus, EntityKind, Issue, IssueStatus, Org, Policies, Record, Spanned,
};

use super::{Context, days};

pub fn check(cx: &mut Context<'_>) {
    let weeks = cx
        .org
        .settings
        .as_ref()
        .map_or(Policies::DEFAULT_ISSUE_OPEN_WEEKS, |s| s.issue_open_weeks());
    for issue in &cx.org.issues {
        match issue.status() {
            IssueStatus::Open => {
                if let Some(diagnostic) = open_too_long(issue, weeks, cx.today) {
                    cx.diagnostics.push(diagnostic);
                }
            }
            IssueStatus::Solved => {
                if issue.resolved_by.is_empty() {
                    cx.diagnostics.push(without_resolution(issue));
                }
                for id in &issue.resolved_by {
                    if let Some(diagnostic) = broken_resolution(cx.org, issue, id) {
                        cx.diagnostics.push(diagnostic);
                    }
                }
            }
            IssueStatus::Dropped => {}
        }
    }
}

/// `issue-open-too-long`: open more than `weeks` weeks after `opened`.
fn open_too_long(issue: &Record<Issue>, weeks: u32, today: Date) -> Option<Diagnostic> {
    let open_for = issue.opened.days_until(today);
    if open_for <= i64::from(weeks) * 7 {
        return None;
    }
    let limit = if weeks == 1 {
        "1 week".to_owned()
    } else {
        format!("{weeks} weeks")
    };
    Some(
        Diagnostic::new(
            Code::IssueOpenTooLong,
            issue.file,
            issue.opened.span,
            format!(
                "issue `{}` has been open for {} (since {}), longer than {limit}",
                issue.id,
                days(open_for),
                issue.opened.value
            ),
        )
        .help("solve it (a decision or to-dos in `resolved_by`), split it, or drop it with `status: dropped`"),
    )
}

/// `issue-without-resolution`: `status: solved` and an empty `resolved_by`.
fn without_resolution(issue: &Record<Issue>) -> Diagnostic {
    let span = issue.status.as_ref().map_or(issue.id.span, |s| s.span);
    Diagnostic::new(
        Code::IssueWithoutResolution,
        issue.file,
        span,
        format!("issue `{}` is solved, but nothing solved it", issue.id),
    )
    .help("add `resolved_by: [<decision id>]` or the ids of the to-dos that act on it, or write `status: dropped`")
}

/// `broken-resolution`: a solved issue's `resolved_by` names a decision not
/// taken or a dropped to-do. Unknown ids and other kinds are
/// `unknown-reference` and `wrong-reference-kind`.
fn broken_resolution(org: &Org, issue: &Record<Issue>, id: &Spanned<String>) -> Option<Diagnostic> {
    let target = org.lookup(id)?;
    let why = match target.kind {
        EntityKind::Decision => match *org.decisions[target.index].status {
            DecisionStatus::Proposed => "is only proposed",
            DecisionStatus::Rejected => "was rejected",
            DecisionStatus::Accepted | DecisionStatus::Superseded | DecisionStatus::Deprecated => {
                return None;
            }
        },
        EntityKind::Todo
            if org.todos[target.index].status() == crate::model::TodoStatus::Dropped =>
        {
            "was dropped"
        }
        _ => return None,
    };
    let definition = org.definition(target);
    Some(
        Diagnostic::new(
            Code::BrokenResolution,
            issue.file,
            id.span,
            format!(
                "issue `{}` is solved by `{}`, which {why}",
                issue.id, id.value
            ),
        )
        .related(definition.file, definition.span, format!("`{}` is defined here", id.value))
        .help("name the accepted decision or the to-dos being done, or reopen the issue with `status: open`"),
    )
}
