//! The history the site shows, read once for the whole site: every change of
//! the current period with the commit that made it, and the value of each
//! metric key result over the period, from the same [`History`] the digest
//! reads.

use std::collections::HashMap;

use serde::Serialize;

use jiff::Timestamp;

use crate::history::{Change, ChangeKind, Field, History, Snapshot, Value};
use crate::model::Date;

/// One change to an entity (or to one of its key results or milestones).
#[derive(Clone, Debug, Serialize)]
pub struct ChangeRow {
    pub date: Date,
    /// The first 7 hex digits.
    pub commit: String,
    /// The full id, for a link to the commit.
    pub commit_id: String,
    pub author: String,
    pub summary: String,
    /// The entity's id, or one of its parts'.
    pub id: String,
    /// What changed, in words: `added`, `current 12 → 15`, ...
    pub what: String,
}

/// The value of a metric at one point of the period.
#[derive(Clone, Debug, Serialize)]
pub struct Point {
    pub date: Date,
    pub value: f64,
    /// The commit that set the value; `None` for the value the period
    /// started with.
    pub commit: Option<String>,
    pub commit_id: Option<String>,
    pub author: Option<String>,
}

/// The period's history, indexed by id.
pub struct Timeline<'a> {
    history: Option<&'a History>,
    /// Indices into `history.changes`, per id, oldest first.
    by_id: HashMap<&'a str, Vec<usize>>,
    /// The snapshot at the period's start.
    start: Option<&'a Snapshot>,
}

impl<'a> Timeline<'a> {
    /// `from`: the instant the period starts; the history may reach
    /// further back (the review reads more instants), and only changes from
    /// `from` on are the period's.
    pub fn new(history: Option<&'a History>, from: Option<Timestamp>) -> Self {
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut start = None;
        if let Some(history) = history {
            let in_period = |change: &Change| {
                from.is_none_or(|from| {
                    history
                        .commits
                        .get(change.commit)
                        .is_some_and(|c| c.time >= from)
                })
            };
            for (index, change) in history.changes.iter().enumerate() {
                if in_period(change) {
                    by_id.entry(change.id.as_str()).or_default().push(index);
                }
            }
            start = match from {
                Some(from) => history.snapshots.iter().find(|s| s.at == from),
                None => history.snapshots.first(),
            };
        }
        Timeline {
            history,
            by_id,
            start,
        }
    }

    pub fn available(&self) -> bool {
        self.history.is_some()
    }

    /// The changes to any of `ids`, oldest first; within a commit in the
    /// order of `ids`.
    pub fn changes(&self, ids: &[&str]) -> Vec<ChangeRow> {
        let Some(history) = self.history else {
            return Vec::new();
        };
        let mut picked: Vec<(usize, usize, usize)> = Vec::new();
        for (position, id) in ids.iter().enumerate() {
            for &index in self.by_id.get(id).into_iter().flatten() {
                picked.push((history.changes[index].commit, position, index));
            }
        }
        picked.sort_unstable();
        picked
            .into_iter()
            .filter_map(|(_, _, index)| {
                let change = &history.changes[index];
                let commit = history.commits.get(change.commit)?;
                Some(ChangeRow {
                    date: commit.date,
                    commit: commit.short.clone(),
                    commit_id: commit.id.clone(),
                    author: commit.author.clone(),
                    summary: commit.summary.clone(),
                    id: change.id.clone(),
                    what: describe(&change.change),
                })
            })
            .collect()
    }

    /// The value of metric key result `id` over the period: where it
    /// started (when it existed at the start), then each commit that set
    /// it. `from` is the period's first day. Empty without history or for a key result that is not a metric.
    pub fn series(&self, id: &str, from: Date) -> Vec<Point> {
        let Some(history) = self.history else {
            return Vec::new();
        };
        let current = |snapshot: Option<&crate::history::Snapshot>| {
            snapshot
                .and_then(|s| s.entities.get(id))
                .and_then(|e| e.metric)
                .map(|m| m.current)
        };
        let mut points = Vec::new();
        if let Some(value) = current(self.start) {
            points.push(Point {
                date: from,
                value,
                commit: None,
                commit_id: None,
                author: None,
            });
        }
        let changes: Vec<&Change> = self
            .by_id
            .get(id)
            .into_iter()
            .flatten()
            .map(|&index| &history.changes[index])
            .collect();
        let last = current(history.snapshots.last());
        for (position, change) in changes.iter().enumerate() {
            let value = match &change.change {
                ChangeKind::Field {
                    field: Field::Current,
                    after: Value::Number(after),
                    ..
                } => Some(*after),
                // The value it was added with: what the next change of
                // `current` started from, or the value at the end.
                ChangeKind::Added => changes[position + 1..]
                    .iter()
                    .find_map(|later| match &later.change {
                        ChangeKind::Field {
                            field: Field::Current,
                            before: Value::Number(before),
                            ..
                        } => Some(*before),
                        _ => None,
                    })
                    .or(last),
                _ => None,
            };
            let (Some(value), Some(commit)) = (value, history.commits.get(change.commit)) else {
                continue;
            };
            points.push(Point {
                date: commit.date,
                value,
                commit: Some(commit.short.clone()),
                commit_id: Some(commit.id.clone()),
                author: Some(commit.author.clone()),
            });
        }
        points
    }
}

fn describe(change: &ChangeKind) -> String {
    match change {
        ChangeKind::Added => "added".to_owned(),
        ChangeKind::Removed => "removed".to_owned(),
        ChangeKind::Moved { from, to } => format!("moved from {from} to {to}"),
        ChangeKind::Field {
            field,
            before,
            after,
        } => format!("{} {} → {}", field.as_str(), value(before), value(after)),
    }
}

/// A value as the site prints it.
pub fn value(value: &Value) -> String {
    match value {
        Value::None => "none".to_owned(),
        Value::Text(text) => text.clone(),
        Value::Number(number) => number_text(*number),
        Value::Date(date) => date.to_string(),
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
    }
}

/// A number with at most 4 decimals and no trailing zeros.
pub fn number_text(number: f64) -> String {
    let text = format!("{number:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}
