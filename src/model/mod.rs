//! The organization as typed data: one type per file kind, every value with the
//! span it was read from. These types are also the source of the JSON Schemas
//! in `schema/`, so the file format has exactly one definition.

mod decision;
mod dependency;
mod goal;
mod initiative;
mod issue;
mod kpi;
mod org;
mod person;
mod risk;
mod settings;
mod spanned;
mod team;
mod todo;
mod update;
mod values;

/// What an id looks like: a lowercase slug (also enforced by `orgit check`).
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

pub use decision::{Decision, DecisionStatus};
pub use dependency::Dependency;
pub use goal::{Goal, GoalStatus, KeyResult, Metric, MilestoneResult};
pub use initiative::{Initiative, InitiativeStatus, Milestone};
pub use issue::{Issue, IssueStatus, Priority};
pub use kpi::{Cadence, Goalpost, Kpi, KpiRange};
pub use org::{Body, Definition, EntityKind, EntityRef, FileId, Org, Record, SourceFile};
pub use person::{Person, PersonStatus};
pub use risk::{Risk, RiskStatus};
pub use settings::{
    ChangePolicies, OrgSettings, Policies, RemindSettings, Rhythm, Scoring, Weekday,
};
pub use spanned::{Span, Spanned};
pub use team::Team;
pub use todo::{Todo, TodoSource, TodoStatus};
pub use update::Update;
pub use values::{Date, Direction, Health, IsoWeek, Level, OwnerField, Period, unit_suffix};
