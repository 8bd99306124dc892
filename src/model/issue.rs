use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::{Date, Level, Spanned};

/// `issues/<id>.md` frontmatter: something a team has to work out, raised so
/// it is not lost between meetings. It is solved by a decision or by to-dos
/// (`resolved_by`), or consciously dropped. The body says what the issue is.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// Stable id, a lowercase slug unique across the org (e.g. `churn-in-smb`).
    #[schemars(pattern(super::ID_PATTERN), length(max = 64))]
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    /// Who raised it (a person id).
    pub raised_by: Spanned<String>,
    /// The team whose issues list holds it (a team id).
    pub team: Spanned<String>,
    /// `high`, `medium` (default) or `low`, or a rank: 1 is the most urgent.
    #[serde(default)]
    pub priority: Option<Spanned<Priority>>,
    /// `open` (default), `solved` or `dropped`.
    #[serde(default)]
    pub status: Option<Spanned<IssueStatus>>,
    /// When it was raised; an issue open for longer than
    /// `policies.issue_open_weeks` is reported.
    pub opened: Spanned<Date>,
    /// What solved it: a decision id, or to-do ids. Required once `solved`.
    #[serde(default)]
    pub resolved_by: Vec<Spanned<String>>,
}

impl Issue {
    pub fn status(&self) -> IssueStatus {
        self.status.as_deref().copied().unwrap_or(IssueStatus::Open)
    }

    pub fn priority(&self) -> Priority {
        self.priority
            .as_deref()
            .copied()
            .unwrap_or(Priority::Level(Level::Medium))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IssueStatus {
    Open,
    Solved,
    Dropped,
}

impl IssueStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueStatus::Open => "open",
            IssueStatus::Solved => "solved",
            IssueStatus::Dropped => "dropped",
        }
    }
}

/// How urgent an issue is: a level, or a rank where 1 comes first. An org
/// normally uses one of the two; where both appear, ranks come before levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Priority {
    Level(Level),
    Rank(u32),
}

impl Priority {
    /// Sorts issues most urgent first: ranks by number, then high, medium,
    /// low.
    pub fn order(self) -> (u8, u32) {
        match self {
            Priority::Rank(rank) => (0, rank),
            Priority::Level(Level::High) => (1, 0),
            Priority::Level(Level::Medium) => (2, 0),
            Priority::Level(Level::Low) => (3, 0),
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Priority::Level(level) => f.write_str(level.as_str()),
            Priority::Rank(rank) => write!(f, "{rank}"),
        }
    }
}

/// As on the command line: `high`, `medium`, `low` or a rank from 1.
impl std::str::FromStr for Priority {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "high" => Ok(Priority::Level(Level::High)),
            "medium" => Ok(Priority::Level(Level::Medium)),
            "low" => Ok(Priority::Level(Level::Low)),
            _ => match text.parse::<u32>() {
                Ok(rank) if rank >= 1 => Ok(Priority::Rank(rank)),
                _ => Err(format!(
                    "`{text}` is not a priority: give `high`, `medium`, `low` or a rank from 1"
                )),
            },
        }
    }
}

impl<'de> Deserialize<'de> for Priority {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PriorityVisitor;
        impl de::Visitor<'_> for PriorityVisitor {
            type Value = Priority;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`high`, `medium`, `low` or a rank from 1")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Priority, E> {
                match v {
                    "high" => Ok(Priority::Level(Level::High)),
                    "medium" => Ok(Priority::Level(Level::Medium)),
                    "low" => Ok(Priority::Level(Level::Low)),
                    _ => Err(E::unknown_variant(v, &["high", "medium", "low"])),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Priority, E> {
                match u32::try_from(v) {
                    Ok(rank) if rank >= 1 => Ok(Priority::Rank(rank)),
                    _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Priority, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
                }
            }
        }
        deserializer.deserialize_any(PriorityVisitor)
    }
}

impl Serialize for Priority {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Priority::Level(level) => level.serialize(serializer),
            Priority::Rank(rank) => serializer.serialize_u32(*rank),
        }
    }
}

impl JsonSchema for Priority {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Priority".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "`high`, `medium` or `low`, or a rank where 1 is the most urgent.",
            "oneOf": [
                {"type": "string", "enum": ["high", "medium", "low"]},
                {"type": "integer", "minimum": 1}
            ]
        })
    }
}
