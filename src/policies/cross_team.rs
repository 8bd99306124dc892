//! `new-cross-team-dependency`: a new `depends_on` entry on another team's
//! item, reported (never failing) with that team's lead, who has to agree to
//! deliver by `need_by` and whom CODEOWNERS does not ask: the entry sits in
//! the dependent's file.

use super::Context;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::diff::DependencyChangeKind;

pub(super) fn check(cx: &Context<'_>, out: &mut Diagnostics) {
    for dependency in &cx.diff.dependencies {
        let DependencyChangeKind::Added { need_by } = dependency.change else {
            continue;
        };
        // Waiting on a company-wide item leaves no team lead to ask.
        let Some(on_team) = dependency.on_team.as_deref() else {
            continue;
        };
        if dependency.from_team.as_deref() == Some(on_team) {
            continue;
        }
        let (from, on) = (dependency.from.as_str(), dependency.on.as_str());
        let Some(dependent) = cx.head.lookup(from) else {
            continue;
        };
        let Some(entry) = cx.head.depends_on(dependent).iter().find(|d| *d.on == on) else {
            continue;
        };
        let waiting = match &dependency.from_team {
            Some(team) => format!("`{from}` ({team})"),
            None => format!("`{from}`"),
        };
        let lead = cx
            .head
            .team(on_team)
            .and_then(|team| Some((team.file, team.lead.as_ref()?)));
        let ask = match lead {
            Some((_, lead)) => {
                let handle = cx
                    .head
                    .person(lead)
                    .and_then(|person| person.github.as_ref())
                    .map(|github| format!(" (@{})", github.as_str()))
                    .unwrap_or_default();
                format!("ask {on_team}'s lead {}{handle} to review", lead.as_str())
            }
            None => format!("`{on_team}` has no lead: agree the date with the team"),
        };
        let mut diagnostic = Diagnostic::new(
            Code::NewCrossTeamDependency,
            cx.head.definition(dependent).file,
            entry.on.span,
            format!("{waiting} now waits on `{on}` ({on_team}) by {need_by}; {ask}"),
        )
        .label(format!("new dependency on {on_team}'s work"));
        if let Some((file, lead)) = lead {
            diagnostic = diagnostic.related(file, lead.span, format!("{on_team}'s lead"));
        }
        out.push(diagnostic);
    }
}
