use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, IsoWeek, OwnerField, Spanned};

/// `todos/<id>.md` frontmatter: one person's commitment to do one thing by a
/// date, usually agreed in a meeting or while solving an issue. It stays
/// visible until it is done or consciously dropped. The body may say more.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Todo {
    /// Stable id, a lowercase slug unique across the org (e.g. `call-top-ten-churned`).
    #[schemars(pattern(super::ID_PATTERN), length(max = 64))]
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    /// The one person who does it (a person id).
    #[serde(default)]
    pub owner: Option<Spanned<OwnerField>>,
    /// The team whose meeting follows it up (a team id).
    pub team: Spanned<String>,
    /// The day it is promised for.
    pub due: Spanned<Date>,
    /// Where it was agreed: an issue id, or a meeting written
    /// `<YYYY-Www>-<team>` (the week and the team whose meeting it was, as
    /// `agendas/<week>-<team>.md` is named).
    #[serde(default)]
    pub from: Option<Spanned<String>>,
    /// `open` (default), `done` or `dropped`.
    #[serde(default)]
    pub status: Option<Spanned<TodoStatus>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TodoStatus {
    Open,
    Done,
    Dropped,
}

impl TodoStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TodoStatus::Open => "open",
            TodoStatus::Done => "done",
            TodoStatus::Dropped => "dropped",
        }
    }
}

/// Where a to-do was agreed, as its `from` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TodoSource<'a> {
    /// An issue id (ids are lowercase, so never a week).
    Issue(&'a str),
    /// The weekly meeting of `team` in `week`.
    Meeting { week: IsoWeek, team: &'a str },
    /// Starts like a week, `YYYY-W`, but is not `<YYYY-Www>-<team>`.
    Malformed,
}

impl Todo {
    pub fn status(&self) -> TodoStatus {
        self.status.as_deref().copied().unwrap_or(TodoStatus::Open)
    }

    /// Still owed: neither done nor dropped.
    pub fn is_open(&self) -> bool {
        self.status() == TodoStatus::Open
    }

    /// Owed and past its due date on `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.is_open() && self.due.value < today
    }

    pub fn source(&self) -> Option<TodoSource<'_>> {
        self.from.as_deref().map(|from| TodoSource::parse(from))
    }
}

impl<'a> TodoSource<'a> {
    /// `2026-W48-leadership` is a meeting, anything else an issue id.
    pub fn parse(from: &'a str) -> TodoSource<'a> {
        let looks_like_week = from.len() >= 6
            && from.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && from[4..].starts_with("-W");
        if !looks_like_week {
            return TodoSource::Issue(from);
        }
        let meeting = from
            .get(..8)
            .and_then(|week| week.parse::<IsoWeek>().ok())
            .zip(from.get(8..).and_then(|rest| rest.strip_prefix('-')))
            .filter(|(_, team)| !team.is_empty());
        match meeting {
            Some((week, team)) => TodoSource::Meeting { week, team },
            None => TodoSource::Malformed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_names_an_issue_or_a_meeting() {
        assert_eq!(
            TodoSource::parse("smb-churn"),
            TodoSource::Issue("smb-churn")
        );
        assert_eq!(
            TodoSource::parse("2026-W48-leadership"),
            TodoSource::Meeting {
                week: "2026-W48".parse().unwrap(),
                team: "leadership"
            }
        );
        assert_eq!(TodoSource::parse("2026-W48"), TodoSource::Malformed);
        assert_eq!(TodoSource::parse("2026-W99-x"), TodoSource::Malformed);
        assert_eq!(TodoSource::parse("2026-W4-x"), TodoSource::Malformed);
    }
}
