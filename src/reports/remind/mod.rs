//! The reminder: on check-in day, who owes what, by GitHub handle, so CI can
//! nudge them before the week is lost.
//!
//! Nothing here is worked out twice: the missing check-ins, the stale items
//! and the overdue ones are the digest's (`accountability`, and its
//! follow-through's to-dos still open), for the week
//! holding today; this module adds who to ask (each owner's and lead's
//! GitHub handle) and who to escalate to: a team whose check-in is missing
//! `remind.escalate_after_weeks` weeks in a row goes to the lead of the team
//! above it (the first one up whose lead is someone else).
//!
//! [`Reminder`] is plain serializable data: what `orgit remind --format
//! json` prints and what `templates/remind.md.j2` renders (docs/remind.md).

mod slack;

use std::collections::BTreeSet;

use serde::Serialize;

pub use slack::slack_message;

use crate::model::{Date, IsoWeek, Org, TodoStatus};
use crate::reports::digest::{CommitRef, Digest, Named, Overdue, StaleItem};

/// The version of the data model, as the digest's.
pub const VERSION: u32 = 1;

/// Who owes what this week. Field by field in docs/remind.md.
#[derive(Clone, Debug, Serialize)]
pub struct Reminder {
    pub version: u32,
    pub org: String,
    pub week: IsoWeek,
    /// The week's check-in day (`rhythm.checkin_day`, default Friday).
    pub checkin_due: Date,
    pub today: Date,
    /// Today is the check-in day or later: a check-in missing now is owed.
    /// Before it, `updates` is empty.
    pub updates_due: bool,
    pub escalate_after_weeks: u32,
    pub stale_after_days: u32,
    /// The first day of the history read; a stale item untouched since has
    /// no `last_touched`.
    pub history_from: Date,
    /// The commit the org was read at.
    pub as_of: CommitRef,
    pub repository: Option<String>,
    /// A line for an issue title or a chat message: what is owed, counted.
    pub title: String,
    /// Something is owed (`orgit remind` exits 1).
    pub owed: bool,
    /// Teams whose check-in for the week is missing, in hierarchy order.
    pub updates: Vec<OwedUpdate>,
    /// The digest's stale items, each with its owner's handle, `days`
    /// counted to today.
    pub stale: Vec<Owed<StaleItem>>,
    /// The digest's overdue items due before today, then the open to-dos
    /// due before today, each with its owner's handle, `days_overdue`
    /// counted to today.
    pub overdue: Vec<Owed<Overdue>>,
    /// Everyone named above, each once, by id: who to mention.
    pub people: Vec<Contact>,
}

/// A person to ask: id, name and GitHub handle (with its `@`; null without).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub github: Option<String>,
}

/// A team that owes its check-in.
#[derive(Clone, Debug, Serialize)]
pub struct OwedUpdate {
    pub team: Named,
    /// The team's lead, who writes the check-in; null without one.
    pub lead: Option<Contact>,
    /// Where the check-in goes: `updates/<week>/<team>.md`.
    pub path: String,
    /// Weeks in a row without a check-in, this one included, counted back
    /// no further than the org's first check-in.
    pub weeks_missing: u32,
    /// `weeks_missing` reached `escalate_after_weeks`.
    pub escalated: bool,
    /// When escalated: the lead of the first team above with a lead other
    /// than this team's, and that team. Null when there is none.
    pub escalate_to: Option<Contact>,
    pub escalate_team: Option<Named>,
}

/// A digest entry with its owner's GitHub handle (null without one).
#[derive(Clone, Debug, Serialize)]
pub struct Owed<T> {
    #[serde(flatten)]
    pub entry: T,
    pub github: Option<String>,
}

/// What a reminder is built from.
pub struct Inputs<'a> {
    /// The digest of the week holding today (in progress).
    pub digest: &'a Digest,
    /// The org the digest was built from.
    pub org: &'a Org,
    pub today: Date,
    pub checkin_due: Date,
}

pub fn build(inputs: &Inputs<'_>) -> Reminder {
    let Inputs {
        digest,
        org,
        today,
        checkin_due,
    } = *inputs;
    let grace = org.settings.as_ref().map_or(
        crate::model::RemindSettings::DEFAULT_ESCALATE_AFTER_WEEKS,
        |s| s.remind.escalate_after_weeks(),
    );
    let updates_due = today >= checkin_due;
    let first_check_in = org.updates.iter().map(|u| u.week.value).min();
    let updates: Vec<OwedUpdate> = if updates_due {
        digest
            .accountability
            .missing_updates
            .iter()
            .map(|team| owed_update(org, team, digest.week, first_check_in, grace))
            .collect()
    } else {
        Vec::new()
    };
    let handle = |owner: Option<&Named>| owner.and_then(|o| contact(org, &o.id).github);
    // The digest dates its entries to the week's last day; a reminder on
    // check-in day counts to today, so what is not yet stale or overdue
    // today is left for next week.
    let threshold = i64::from(digest.accountability.stale_after_days);
    let stale: Vec<Owed<StaleItem>> = digest
        .accountability
        .stale
        .iter()
        .filter_map(|s| {
            let days = s.last_touched.as_ref().map(|c| c.date.days_until(today));
            (days.is_none_or(|d| d >= threshold)).then(|| Owed {
                github: handle(s.item.owner.as_ref()),
                entry: StaleItem { days, ..s.clone() },
            })
        })
        .collect();
    let overdue_items = digest
        .accountability
        .overdue
        .iter()
        .map(|o| (&o.item, o.due));
    // Open to-dos past due come from the digest's follow-through, which
    // holds every to-do still owed as the week began, however late.
    let overdue_todos = digest
        .follow_up
        .todos_due
        .iter()
        .filter(|t| t.status == TodoStatus::Open)
        .map(|t| (&t.item, t.due));
    let overdue: Vec<Owed<Overdue>> = overdue_items
        .chain(overdue_todos)
        .filter(|(_, due)| *due < today)
        // Counted to today, not to the digest's week end: a reminder is
        // about now.
        .map(|(item, due)| Owed {
            github: handle(item.owner.as_ref()),
            entry: Overdue {
                item: item.clone(),
                due,
                days_overdue: due.days_until(today),
            },
        })
        .collect();

    let mut people = BTreeSet::new();
    for update in &updates {
        people.extend(update.lead.iter().chain(&update.escalate_to).cloned());
    }
    let owners = stale
        .iter()
        .filter_map(|s| s.entry.item.owner.as_ref())
        .chain(overdue.iter().filter_map(|o| o.entry.item.owner.as_ref()));
    people.extend(owners.map(|owner| contact(org, &owner.id)));

    let title = title(digest.week, updates.len(), stale.len(), overdue.len());
    Reminder {
        version: VERSION,
        org: digest.org.clone(),
        week: digest.week,
        checkin_due,
        today,
        updates_due,
        escalate_after_weeks: grace,
        stale_after_days: digest.accountability.stale_after_days,
        history_from: digest.history_from,
        as_of: digest.as_of.clone(),
        repository: digest.repository.clone(),
        owed: !(updates.is_empty() && stale.is_empty() && overdue.is_empty()),
        title,
        updates,
        stale,
        overdue,
        people: people.into_iter().collect(),
    }
}

fn owed_update(
    org: &Org,
    team: &Named,
    week: IsoWeek,
    first_check_in: Option<IsoWeek>,
    grace: u32,
) -> OwedUpdate {
    let written = |week: IsoWeek| {
        org.updates
            .iter()
            .any(|u| u.team.value == team.id && u.week.value == week)
    };
    let mut weeks_missing = 1;
    let mut earlier = week.previous();
    while first_check_in.is_some_and(|first| earlier >= first)
        && !written(earlier)
        && earlier != week
    {
        weeks_missing += 1;
        earlier = earlier.previous();
    }
    let lead = org
        .team(&team.id)
        .and_then(|t| t.lead.as_ref())
        .map(|lead| contact(org, &lead.value));
    let escalated = weeks_missing >= grace;
    let above = escalated
        .then(|| escalation(org, &team.id, lead.as_ref()))
        .flatten();
    OwedUpdate {
        team: team.clone(),
        path: format!("updates/{week}/{}.md", team.id),
        lead,
        weeks_missing,
        escalated,
        escalate_team: above.as_ref().map(|(team, _)| team.clone()),
        escalate_to: above.map(|(_, lead)| lead),
    }
}

/// The first team above `team` whose lead is not `lead`, with that lead.
/// Parents form a tree in a valid org; a cycle (which `orgit check`
/// reports) ends the walk.
fn escalation(org: &Org, team: &str, lead: Option<&Contact>) -> Option<(Named, Contact)> {
    let mut seen = BTreeSet::from([team.to_owned()]);
    let mut current = org.team(team)?;
    while let Some(parent) = current.parent.as_ref() {
        if !seen.insert(parent.value.clone()) {
            return None;
        }
        current = org.team(&parent.value)?;
        if let Some(above) = current.lead.as_ref()
            && lead.is_none_or(|l| l.id != above.value)
        {
            let named = Named {
                id: current.id.value.clone(),
                name: current.name.value.clone(),
            };
            return Some((named, contact(org, &above.value)));
        }
    }
    None
}

fn contact(org: &Org, id: &str) -> Contact {
    let person = org.person(id);
    Contact {
        id: id.to_owned(),
        name: person.map_or_else(|| id.to_owned(), |p| p.name.value.clone()),
        github: person.and_then(|p| p.github_handle()),
    }
}

fn title(week: IsoWeek, updates: usize, stale: usize, overdue: usize) -> String {
    let counted = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let parts: Vec<String> = [
        counted(updates, "check-in", "check-ins"),
        counted(stale, "stale item", "stale items"),
        counted(overdue, "overdue item", "overdue items"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        format!("Nothing owed for {week}")
    } else {
        format!("Owed for {week}: {}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_counts_what_is_owed() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        assert_eq!(title(week, 0, 0, 0), "Nothing owed for 2026-W48");
        assert_eq!(
            title(week, 2, 1, 0),
            "Owed for 2026-W48: 2 check-ins, 1 stale item"
        );
        assert_eq!(title(week, 0, 0, 3), "Owed for 2026-W48: 3 overdue items");
    }
}
