//! The report of `orgit diff`: what a pull request changes in the plan.
//!
//! [`build`] turns an [`OrgDiff`] into a [`DiffReport`], adding what a
//! reviewer needs to read it: titles, teams and their leads, metric units,
//! days between dates, and a summary of the consequential changes. It does
//! no I/O. The [`DiffReport`] is plain serializable data: exactly what
//! `orgit diff --format json` prints and exactly the value the template
//! `diff.md.j2` renders (docs/diff.md).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostics::render::Files;
use crate::diagnostics::{Diagnostic, Severity};
use crate::diff::{
    ChangedDiagnostic, DependencyChangeKind, DiagnosticSummary, EntityChange, LinkKind, OrgDiff,
};
use crate::history::{self, ChangeKind, EntityState, Field, Value};
use crate::model::{Date, Direction, EntityKind, Org};

/// The version of the data model; it changes when a field changes meaning or
/// goes away, so bots and custom templates can check what they were written
/// for.
pub const VERSION: u32 = 1;

/// What `orgit diff` reports. Field by field in docs/diff.md.
#[derive(Clone, Debug, Serialize)]
pub struct DiffReport {
    pub version: u32,
    /// The org's name, from head's `orgit.yaml` (base's when head has none).
    pub org: Option<String>,
    pub base: BaseSide,
    pub head: HeadSide,
    /// The date the checks of both sides were run for.
    pub today: Date,
    /// Nothing changed: no item, dependency, link or problem.
    pub unchanged: bool,
    pub summary: Summary,
    /// Every item added, removed or changed, by kind and then id.
    pub items: Vec<ItemChange>,
    /// Every `depends_on` entry added, removed or given a new `need_by`.
    pub dependencies: Vec<DependencyEntry>,
    /// Every `aligns_to` and `supports` link added or removed.
    pub links: Vec<LinkEntry>,
    pub problems: Problems,
    /// What `orgit check --base BASE` reports on HEAD: the pull request's
    /// gate, change policies included.
    pub gate: GateReport,
}

/// The gate of the change, as `orgit check --base` holds it
/// ([`crate::policies::gate`]): the same problems, so the comment and the
/// check agree.
#[derive(Clone, Debug, Default, Serialize)]
pub struct GateReport {
    /// No error: `orgit check --base` passes, and `orgit diff` exits 0.
    pub passes: bool,
    /// Every error that fails the gate, change policies' and `orgit
    /// check`'s alike, in file and position order; paths relative to the
    /// repository.
    pub errors: Vec<GateProblem>,
    /// How many of `errors` the change introduced (the rest are on the
    /// base already): what `check --base --new-only` fails on.
    pub introduced_errors: usize,
}

/// One problem of the gate.
#[derive(Clone, Debug, Serialize)]
pub struct GateProblem {
    #[serde(flatten)]
    pub problem: DiagnosticSummary,
    /// The same problem is on the base: the change did not introduce it.
    pub on_base: bool,
    /// A change policy's (reported by `check --base` only), not a problem
    /// `orgit check` finds in the head alone.
    pub change_policy: bool,
}

/// The side compared against: the merge base of BASE and HEAD.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BaseSide {
    /// BASE as given on the command line (`main`, `origin/main`).
    pub revision: String,
    /// The merge base: the commit compared against.
    pub commit: CommitId,
    /// The commit BASE names now. It differs from `commit` when BASE moved
    /// on after HEAD branched from it; those later commits are not compared.
    pub tip: CommitId,
}

/// The side under review.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HeadSide {
    /// HEAD as given on the command line; `null` for the working tree.
    pub revision: Option<String>,
    /// The commit HEAD names; for the working tree, the commit it is on.
    pub commit: CommitId,
    /// The files were read from the working tree, uncommitted edits included.
    pub working_tree: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommitId {
    /// Full hex id.
    pub id: String,
    /// The first 7 hex digits.
    pub short: String,
}

impl CommitId {
    pub fn new(id: &str) -> CommitId {
        CommitId {
            id: id.to_owned(),
            short: id.chars().take(7).collect(),
        }
    }
}

/// The changes a reviewer should see first. Each list is also part of the
/// full lists (`items`, `dependencies`, `problems`).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Key result targets changed.
    pub goalposts: Vec<Headline>,
    /// Due dates of initiatives, milestones and milestone key results moved
    /// later.
    pub slips: Vec<Headline>,
    /// Items removed; a key result or milestone removed with its goal or
    /// initiative is left out, as that removal says it.
    pub removed: Vec<ItemRef>,
    /// New dependencies of an item of one team on an item of another.
    pub cross_team_dependencies: Vec<DependencyEntry>,
    /// Introduced problems by severity.
    pub errors_introduced: usize,
    pub warnings_introduced: usize,
}

/// One field change of one item, for the summary.
#[derive(Clone, Debug, Serialize)]
pub struct Headline {
    #[serde(flatten)]
    pub item: ItemRef,
    #[serde(flatten)]
    pub change: FieldChange,
}

/// An item as the report names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemRef {
    pub id: String,
    pub kind: EntityKind,
    /// Its title; a person's or team's name.
    pub title: String,
    /// Its team's id, where it has one (a key result's or milestone's is
    /// its goal's or initiative's).
    pub team: Option<String>,
}

/// Everything that happened to one item.
#[derive(Clone, Debug, Serialize)]
pub struct ItemChange {
    #[serde(flatten)]
    pub item: ItemRef,
    /// `added`, `removed` or `changed`.
    pub change: ItemChangeKind,
    /// The file that defines it (base's for a removed item), relative to the
    /// repository.
    pub path: String,
    /// The file it was defined in before, when it moved (a renamed file).
    pub moved_from: Option<String>,
    /// The tracked fields that changed, in a fixed order; empty for an added
    /// or removed item.
    pub fields: Vec<FieldChange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemChangeKind {
    Added,
    Removed,
    Changed,
}

/// One tracked field, before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: Field,
    /// `null` when the field was not set.
    pub before: Value,
    pub after: Value,
    /// `after - before`, for numbers.
    pub delta: Option<f64>,
    /// Days from `before` to `after` (positive: later), for dates.
    pub days: Option<i64>,
    /// The metric's unit, for `baseline`, `target` and `current`.
    pub unit: Option<String>,
    /// The metric's direction (`up`: more is better), for the same fields.
    pub direction: Option<Direction>,
    /// For a target: whether the new one is easier to reach (lower for `up`,
    /// higher for `down`).
    pub easier: Option<bool>,
}

/// One `depends_on` entry that changed: `from` waits on `on`.
#[derive(Clone, Debug, Serialize)]
pub struct DependencyEntry {
    pub from: Party,
    pub on: Party,
    /// `added`, `removed` or `need_by_moved`, with `need_by`, or `before`
    /// and `after`.
    #[serde(flatten)]
    pub change: DependencyChangeKind,
    /// For `need_by_moved`: days from `before` to `after`.
    pub days: Option<i64>,
    /// The two ends belong to different teams.
    pub cross_team: bool,
}

/// One end of a dependency or link, as it is on the side described (head,
/// or base for a removal).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Party {
    pub id: String,
    /// `null` when the id names nothing there.
    pub kind: Option<EntityKind>,
    pub title: Option<String>,
    pub team: Option<TeamRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamRef {
    pub id: String,
    /// `null` when no team has that id.
    pub name: Option<String>,
    /// The team's lead: who reviews what another team asks of it.
    pub lead: Option<PersonRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PersonRef {
    pub id: String,
    /// `null` when no person has that id.
    pub name: Option<String>,
    /// GitHub handle, without `@`.
    pub github: Option<String>,
}

/// An `aligns_to` or `supports` link added or removed: `from` serves `to`.
#[derive(Clone, Debug, Serialize)]
pub struct LinkEntry {
    pub from: Party,
    pub to: Party,
    pub link: LinkKind,
    pub added: bool,
}

/// The problems `orgit check` finds on one side only. Paths are relative to
/// the repository.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Problems {
    pub introduced: Vec<DiagnosticSummary>,
    pub resolved: Vec<DiagnosticSummary>,
    /// Problems still there whose message changed, as they were and are.
    pub changed: Vec<ChangedDiagnostic>,
}

/// What [`build`] needs besides the diff.
pub struct Inputs<'a> {
    pub diff: &'a OrgDiff,
    pub base: &'a Org,
    pub head: &'a Org,
    pub base_side: BaseSide,
    pub head_side: HeadSide,
    pub today: Date,
    /// The org root relative to the repository (`""` or `"org/"`),
    /// prepended to paths.
    pub path_prefix: &'a str,
    /// [`crate::policies::Gate::diagnostics`] of the change.
    pub gate: &'a [Diagnostic],
}

pub fn build(inputs: Inputs<'_>) -> DiffReport {
    let diff = inputs.diff;
    let base = Side::new(inputs.base);
    let head = Side::new(inputs.head);
    let prefix = inputs.path_prefix;

    let mut items = item_changes(&diff.entities, &base, &head, prefix);
    fold_moves_into_parents(&mut items, &head);
    let dependencies: Vec<DependencyEntry> = diff
        .dependencies
        .iter()
        .map(|dependency| {
            let side = match dependency.change {
                DependencyChangeKind::Removed { .. } => &base,
                _ => &head,
            };
            let days = match dependency.change {
                DependencyChangeKind::NeedByMoved { before, after } => {
                    Some(before.days_until(after))
                }
                _ => None,
            };
            let from_team = dependency.from_team.as_deref();
            let on_team = dependency.on_team.as_deref();
            DependencyEntry {
                from: side.party(&dependency.from, from_team),
                on: side.party(&dependency.on, on_team),
                change: dependency.change.clone(),
                days,
                cross_team: matches!((from_team, on_team), (Some(a), Some(b)) if a != b),
            }
        })
        .collect();
    let links = diff
        .links
        .iter()
        .map(|link| {
            let side = if link.added { &head } else { &base };
            LinkEntry {
                from: side.party_of(&link.from),
                to: side.party_of(&link.to),
                link: link.link,
                added: link.added,
            }
        })
        .collect();
    let with_prefix = |d: &DiagnosticSummary| DiagnosticSummary {
        path: format!("{prefix}{}", d.path),
        ..d.clone()
    };
    let all_with_prefix = |list: &[DiagnosticSummary]| -> Vec<DiagnosticSummary> {
        list.iter().map(with_prefix).collect()
    };
    let problems = Problems {
        introduced: all_with_prefix(&diff.diagnostics.introduced),
        resolved: all_with_prefix(&diff.diagnostics.resolved),
        changed: diff
            .diagnostics
            .changed
            .iter()
            .map(|c| ChangedDiagnostic {
                before: with_prefix(&c.before),
                after: with_prefix(&c.after),
            })
            .collect(),
    };
    let summary = summarize(&items, &dependencies, &problems, &base);
    let gate = gate_report(inputs.gate, inputs.head, prefix);
    let org_name = |org: &Org| org.settings.as_ref().map(|s| s.name.value.clone());

    DiffReport {
        version: VERSION,
        org: org_name(inputs.head).or_else(|| org_name(inputs.base)),
        base: inputs.base_side,
        head: inputs.head_side,
        today: inputs.today,
        unchanged: diff.is_empty(),
        summary,
        items,
        dependencies,
        links,
        problems,
        gate,
    }
}

/// One side of the comparison, with the tracked state of its entities.
struct Side<'a> {
    org: &'a Org,
    states: BTreeMap<String, EntityState>,
}

impl<'a> Side<'a> {
    fn new(org: &'a Org) -> Self {
        Side {
            org,
            states: history::org_states(org),
        }
    }

    /// `id` with its kind, title and the team it belongs to here.
    fn party_of(&self, id: &str) -> Party {
        let team = self.states.get(id).and_then(|s| s.team.as_deref());
        self.party(id, team)
    }

    fn party(&self, id: &str, team: Option<&str>) -> Party {
        let state = self.states.get(id);
        Party {
            id: id.to_owned(),
            kind: state.map(|s| s.kind),
            title: state.map(|s| s.title.clone()),
            team: team.map(|team| self.team(team)),
        }
    }

    fn team(&self, id: &str) -> TeamRef {
        let team = self.org.team(id);
        let lead = team
            .and_then(|t| t.lead.as_ref())
            .map(|lead| self.person(&lead.value));
        TeamRef {
            id: id.to_owned(),
            name: team.map(|t| t.name.value.clone()),
            lead,
        }
    }

    fn person(&self, id: &str) -> PersonRef {
        let person = self.org.person(id);
        PersonRef {
            id: id.to_owned(),
            name: person.map(|p| p.name.value.clone()),
            github: person.and_then(|p| p.github.as_ref().map(|g| g.value.clone())),
        }
    }

    /// The unit of a metric key result.
    fn metric_unit(&self, id: &str) -> Option<String> {
        let entity = self.org.lookup(id)?;
        if entity.kind != EntityKind::KeyResult {
            return None;
        }
        let (_, key_result) = self.org.key_result_at(entity);
        let metric = key_result.metric.as_ref()?;
        metric.unit.as_ref().map(|unit| unit.value.clone())
    }

    /// The goal of a key result, the initiative of a milestone.
    fn parent_of(&self, id: &str) -> Option<&str> {
        self.states.get(id)?.parent.as_deref()
    }

    /// The file that defines `id` here.
    fn path_of(&self, id: &str) -> Option<&str> {
        self.states.get(id).map(|s| s.path.as_str())
    }
}

/// Groups the entity changes (sorted by kind and id, one entity's together)
/// into one entry per item.
fn item_changes(
    changes: &[EntityChange],
    base: &Side<'_>,
    head: &Side<'_>,
    prefix: &str,
) -> Vec<ItemChange> {
    let mut items: Vec<ItemChange> = Vec::new();
    for change in changes {
        let same_item = items
            .last()
            .is_some_and(|last| last.item.id == change.id && last.item.kind == change.kind);
        if !same_item {
            let (kind, side) = match change.change {
                ChangeKind::Added => (ItemChangeKind::Added, head),
                ChangeKind::Removed => (ItemChangeKind::Removed, base),
                _ => (ItemChangeKind::Changed, head),
            };
            let path = side.path_of(&change.id).unwrap_or_default();
            items.push(ItemChange {
                item: ItemRef {
                    id: change.id.clone(),
                    kind: change.kind,
                    title: change.title.clone(),
                    team: change.team.clone(),
                },
                change: kind,
                path: format!("{prefix}{path}"),
                moved_from: None,
                fields: Vec::new(),
            });
        }
        let Some(item) = items.last_mut() else {
            continue;
        };
        match &change.change {
            ChangeKind::Added | ChangeKind::Removed => {}
            ChangeKind::Moved { from, .. } => item.moved_from = Some(format!("{prefix}{from}")),
            ChangeKind::Field {
                field,
                before,
                after,
            } => item
                .fields
                .push(field_change(&change.id, *field, before, after, head)),
        }
    }
    items
}

/// A key result or milestone moves whenever its goal's or initiative's file
/// is renamed; saying so once, for the file's own item, is enough. Such a
/// part keeps its entry only for the fields that changed.
fn fold_moves_into_parents(items: &mut Vec<ItemChange>, head: &Side<'_>) {
    let moves: BTreeMap<String, (Option<String>, String)> = items
        .iter()
        .filter(|i| i.moved_from.is_some())
        .map(|i| (i.item.id.clone(), (i.moved_from.clone(), i.path.clone())))
        .collect();
    items.retain_mut(|item| {
        let is_part = matches!(
            item.item.kind,
            EntityKind::KeyResult | EntityKind::Milestone
        );
        let parent_move = head.parent_of(&item.item.id).and_then(|p| moves.get(p));
        if is_part
            && item.moved_from.is_some()
            && parent_move == Some(&(item.moved_from.clone(), item.path.clone()))
        {
            item.moved_from = None;
            return !item.fields.is_empty();
        }
        true
    });
}

fn field_change(
    id: &str,
    field: Field,
    before: &Value,
    after: &Value,
    head: &Side<'_>,
) -> FieldChange {
    let metric_field = matches!(field, Field::Baseline | Field::Target | Field::Current);
    let direction = metric_field
        .then(|| {
            head.states
                .get(id)
                .and_then(|s| s.metric)
                .map(|m| m.direction)
        })
        .flatten();
    let (delta, easier) = match (before, after) {
        (Value::Number(before), Value::Number(after)) => {
            let easier = (field == Field::Target).then(|| match direction.unwrap_or_default() {
                Direction::Up => after < before,
                Direction::Down => after > before,
            });
            (Some(after - before), easier)
        }
        _ => (None, None),
    };
    let days = match (before, after) {
        (Value::Date(before), Value::Date(after)) => Some(before.days_until(*after)),
        _ => None,
    };
    FieldChange {
        field,
        before: before.clone(),
        after: after.clone(),
        delta,
        days,
        unit: metric_field.then(|| head.metric_unit(id)).flatten(),
        direction,
        easier,
    }
}

fn summarize(
    items: &[ItemChange],
    dependencies: &[DependencyEntry],
    problems: &Problems,
    base: &Side<'_>,
) -> Summary {
    let mut summary = Summary::default();
    let removed: Vec<&str> = items
        .iter()
        .filter(|i| i.change == ItemChangeKind::Removed)
        .map(|i| i.item.id.as_str())
        .collect();
    for item in items {
        if item.change == ItemChangeKind::Removed {
            let with_parent = base
                .parent_of(&item.item.id)
                .is_some_and(|p| removed.contains(&p));
            if !with_parent {
                summary.removed.push(item.item.clone());
            }
            continue;
        }
        for change in &item.fields {
            let headline = || Headline {
                item: item.item.clone(),
                change: change.clone(),
            };
            match change.field {
                Field::Target if item.item.kind == EntityKind::KeyResult => {
                    summary.goalposts.push(headline());
                }
                Field::Due if item.item.kind != EntityKind::Risk && change.days > Some(0) => {
                    summary.slips.push(headline());
                }
                _ => {}
            }
        }
    }
    summary.cross_team_dependencies = dependencies
        .iter()
        .filter(|d| d.cross_team && matches!(d.change, DependencyChangeKind::Added { .. }))
        .cloned()
        .collect();
    let count = |severity| {
        problems
            .introduced
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    summary.errors_introduced = count(Severity::Error);
    summary.warnings_introduced = count(Severity::Warning);
    summary
}

fn gate_report(gate: &[Diagnostic], head: &Org, prefix: &str) -> GateReport {
    let files = Files::new(&head.files, prefix.to_owned());
    let errors: Vec<GateProblem> = gate
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| GateProblem {
            problem: DiagnosticSummary {
                code: d.code,
                severity: d.severity,
                path: files.path(d.primary.file),
                line: d.primary.span.line as usize,
                column: d.primary.span.column as usize,
                message: d.message.clone(),
            },
            on_base: d.on_base == Some(true),
            change_policy: crate::policies::is_change_policy(d.code),
        })
        .collect();
    GateReport {
        passes: errors.is_empty(),
        introduced_errors: errors.iter().filter(|e| !e.on_base).count(),
        errors,
    }
}
