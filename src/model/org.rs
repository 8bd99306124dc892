use std::collections::HashMap;

use super::{
    Date, Decision, DecisionStatus, Dependency, Goal, GoalStatus, Health, Initiative,
    InitiativeStatus, Issue, IssueStatus, KeyResult, Kpi, Milestone, OrgSettings, OwnerField,
    Person, Risk, RiskStatus, Span, Spanned, Team, Todo, Update,
};

/// Index of a file in [`Org::files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A file as it was read, kept so diagnostics can show source snippets.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the org root, with `/` separators.
    pub path: String,
    /// The text, or empty when the file could not be read as UTF-8 text.
    pub text: String,
}

/// The markdown body of a file: the narrative under the frontmatter.
#[derive(Clone, Debug, Default)]
pub struct Body {
    /// The body's markdown source.
    pub markdown: String,
    /// The first paragraph as plain text, for one-line summaries in reports.
    pub summary: String,
}

/// One entity read from one file.
#[derive(Clone, Debug)]
pub struct Record<T> {
    pub file: FileId,
    pub fields: T,
    /// Present for markdown file kinds.
    pub body: Option<Body>,
}

impl<T> std::ops::Deref for Record<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.fields
    }
}

/// The organization: every entity read from the org root, in path order.
#[derive(Debug, Default)]
pub struct Org {
    pub files: Vec<SourceFile>,
    pub settings: Option<Record<OrgSettings>>,
    pub people: Vec<Record<Person>>,
    pub teams: Vec<Record<Team>>,
    pub goals: Vec<Record<Goal>>,
    pub initiatives: Vec<Record<Initiative>>,
    pub decisions: Vec<Record<Decision>>,
    pub risks: Vec<Record<Risk>>,
    pub kpis: Vec<Record<Kpi>>,
    pub issues: Vec<Record<Issue>>,
    pub todos: Vec<Record<Todo>>,
    pub updates: Vec<Record<Update>>,
    index: HashMap<String, EntityRef>,
    /// Ids defined in files that failed to load, so a typo in one file is
    /// reported once there and not again at every reference to it.
    unloaded: HashMap<String, FileId>,
}

/// What kind of thing an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Team,
    Goal,
    KeyResult,
    Initiative,
    Milestone,
    Decision,
    Risk,
    Kpi,
    Issue,
    Todo,
}

impl EntityKind {
    pub fn noun(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Team => "team",
            EntityKind::Goal => "goal",
            EntityKind::KeyResult => "key result",
            EntityKind::Initiative => "initiative",
            EntityKind::Milestone => "milestone",
            EntityKind::Decision => "decision",
            EntityKind::Risk => "risk",
            EntityKind::Kpi => "KPI",
            EntityKind::Issue => "issue",
            EntityKind::Todo => "to-do",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Team => "team",
            EntityKind::Goal => "goal",
            EntityKind::KeyResult => "key_result",
            EntityKind::Initiative => "initiative",
            EntityKind::Milestone => "milestone",
            EntityKind::Decision => "decision",
            EntityKind::Risk => "risk",
            EntityKind::Kpi => "kpi",
            EntityKind::Issue => "issue",
            EntityKind::Todo => "todo",
        }
    }
}

/// Where an id is defined: the kind, the record's position in its list and, for
/// key results and milestones, the position inside their goal or initiative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EntityRef {
    pub kind: EntityKind,
    pub index: usize,
    pub child: usize,
}

/// Every id-bearing entity in one flat list, in a stable order.
pub struct Definition<'a> {
    pub id: &'a str,
    pub span: Span,
    pub file: FileId,
    pub entity: EntityRef,
}

impl Org {
    /// Builds the id index. Where an id is defined twice the first definition
    /// (in path order) wins; `orgit check` reports the duplicate.
    pub fn build_index(&mut self) {
        let mut index = HashMap::new();
        let mut definitions = self.definitions();
        definitions.sort_by_key(|d| (d.file, d.span));
        for definition in definitions {
            index
                .entry(definition.id.to_owned())
                .or_insert(definition.entity);
        }
        self.index = index;
    }

    /// Records that `id` is defined in `file`, which did not load.
    pub fn add_unloaded_id(&mut self, id: String, file: FileId) {
        self.unloaded.entry(id).or_insert(file);
    }

    /// The file that defines `id` but did not load, if any.
    pub fn unloaded_definition(&self, id: &str) -> Option<FileId> {
        self.unloaded.get(id).copied()
    }

    pub fn lookup(&self, id: &str) -> Option<EntityRef> {
        self.index.get(id).copied()
    }

    /// Every id in the org, for suggestions.
    pub fn ids(&self) -> impl Iterator<Item = (&str, EntityKind)> {
        self.index.iter().map(|(id, e)| (id.as_str(), e.kind))
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn definitions(&self) -> Vec<Definition<'_>> {
        let mut out = Vec::new();
        self.collect_definitions(&mut out);
        out
    }

    /// The definition an [`EntityRef`] points at: its id, where the id is
    /// written, and its file.
    pub fn definition(&self, entity: EntityRef) -> Definition<'_> {
        let (file, id) = match entity.kind {
            EntityKind::Person => {
                let r = &self.people[entity.index];
                (r.file, &r.id)
            }
            EntityKind::Team => {
                let r = &self.teams[entity.index];
                (r.file, &r.id)
            }
            EntityKind::Goal => {
                let r = self.goal_at(entity);
                (r.file, &r.id)
            }
            EntityKind::KeyResult => {
                let (goal, kr) = self.key_result_at(entity);
                (goal.file, &kr.id)
            }
            EntityKind::Initiative => {
                let r = self.initiative_at(entity);
                (r.file, &r.id)
            }
            EntityKind::Milestone => {
                let (initiative, milestone) = self.milestone_at(entity);
                (initiative.file, &milestone.id)
            }
            EntityKind::Decision => {
                let r = &self.decisions[entity.index];
                (r.file, &r.id)
            }
            EntityKind::Risk => {
                let r = &self.risks[entity.index];
                (r.file, &r.id)
            }
            EntityKind::Kpi => {
                let r = &self.kpis[entity.index];
                (r.file, &r.id)
            }
            EntityKind::Issue => {
                let r = &self.issues[entity.index];
                (r.file, &r.id)
            }
            EntityKind::Todo => {
                let r = &self.todos[entity.index];
                (r.file, &r.id)
            }
        };
        Definition {
            id: id.value.as_str(),
            span: id.span,
            file,
            entity,
        }
    }

    fn collect_definitions<'a>(&'a self, out: &mut Vec<Definition<'a>>) {
        let mut add = |id: &'a super::Spanned<String>, file, kind, index, child| {
            out.push(Definition {
                id: id.value.as_str(),
                span: id.span,
                file,
                entity: EntityRef { kind, index, child },
            })
        };
        for (i, r) in self.people.iter().enumerate() {
            add(&r.id, r.file, EntityKind::Person, i, 0);
        }
        for (i, r) in self.teams.iter().enumerate() {
            add(&r.id, r.file, EntityKind::Team, i, 0);
        }
        for (i, r) in self.goals.iter().enumerate() {
            add(&r.id, r.file, EntityKind::Goal, i, 0);
            for (k, kr) in r.key_results.iter().enumerate() {
                add(&kr.id, r.file, EntityKind::KeyResult, i, k);
            }
        }
        for (i, r) in self.initiatives.iter().enumerate() {
            add(&r.id, r.file, EntityKind::Initiative, i, 0);
            for (m, milestone) in r.milestones.iter().enumerate() {
                add(&milestone.id, r.file, EntityKind::Milestone, i, m);
            }
        }
        for (i, r) in self.decisions.iter().enumerate() {
            add(&r.id, r.file, EntityKind::Decision, i, 0);
        }
        for (i, r) in self.risks.iter().enumerate() {
            add(&r.id, r.file, EntityKind::Risk, i, 0);
        }
        for (i, r) in self.kpis.iter().enumerate() {
            add(&r.id, r.file, EntityKind::Kpi, i, 0);
        }
        for (i, r) in self.issues.iter().enumerate() {
            add(&r.id, r.file, EntityKind::Issue, i, 0);
        }
        for (i, r) in self.todos.iter().enumerate() {
            add(&r.id, r.file, EntityKind::Todo, i, 0);
        }
    }

    pub fn person(&self, id: &str) -> Option<&Record<Person>> {
        match self.lookup(id)? {
            EntityRef {
                kind: EntityKind::Person,
                index,
                ..
            } => self.people.get(index),
            _ => None,
        }
    }

    pub fn team(&self, id: &str) -> Option<&Record<Team>> {
        match self.lookup(id)? {
            EntityRef {
                kind: EntityKind::Team,
                index,
                ..
            } => self.teams.get(index),
            _ => None,
        }
    }

    pub fn kpi(&self, id: &str) -> Option<&Record<Kpi>> {
        match self.lookup(id)? {
            EntityRef {
                kind: EntityKind::Kpi,
                index,
                ..
            } => self.kpis.get(index),
            _ => None,
        }
    }

    pub fn issue(&self, id: &str) -> Option<&Record<Issue>> {
        match self.lookup(id)? {
            EntityRef {
                kind: EntityKind::Issue,
                index,
                ..
            } => self.issues.get(index),
            _ => None,
        }
    }

    pub fn todo(&self, id: &str) -> Option<&Record<Todo>> {
        match self.lookup(id)? {
            EntityRef {
                kind: EntityKind::Todo,
                index,
                ..
            } => self.todos.get(index),
            _ => None,
        }
    }

    pub fn goal_at(&self, entity: EntityRef) -> &Record<Goal> {
        &self.goals[entity.index]
    }

    pub fn key_result_at(&self, entity: EntityRef) -> (&Record<Goal>, &KeyResult) {
        let goal = &self.goals[entity.index];
        (goal, &goal.key_results[entity.child])
    }

    pub fn initiative_at(&self, entity: EntityRef) -> &Record<Initiative> {
        &self.initiatives[entity.index]
    }

    pub fn milestone_at(&self, entity: EntityRef) -> (&Record<Initiative>, &Milestone) {
        let initiative = &self.initiatives[entity.index];
        (initiative, &initiative.milestones[entity.child])
    }

    /// The fiscal-year start month from the settings (1 = January).
    pub fn fiscal_year_start_month(&self) -> u8 {
        self.settings
            .as_ref()
            .map_or(1, |s| s.fields.fiscal_year_start_month())
    }

    /// The date by which a goal, key result, initiative or milestone is due:
    /// its own due date, or the end of its goal's period.
    pub fn due_date(&self, entity: EntityRef) -> Option<Date> {
        let fy = self.fiscal_year_start_month();
        match entity.kind {
            EntityKind::Goal => Some(self.goal_at(entity).period.date_range(fy).1),
            EntityKind::KeyResult => {
                let (goal, kr) = self.key_result_at(entity);
                Some(match &kr.milestone {
                    Some(m) => m.due.value,
                    None => goal.period.date_range(fy).1,
                })
            }
            EntityKind::Initiative => Some(*self.initiative_at(entity).due),
            EntityKind::Milestone => Some(*self.milestone_at(entity).1.due),
            _ => None,
        }
    }

    /// The health its owner reports, if any; key results without their own
    /// health take their goal's.
    pub fn health(&self, entity: EntityRef) -> Option<Health> {
        self.health_field(entity).map(|h| h.value)
    }

    /// The `health` field [`Org::health`] reads, with where it is written: the
    /// entity's own, a key result's goal's, or a milestone's initiative's.
    pub fn health_field(&self, entity: EntityRef) -> Option<&Spanned<Health>> {
        match entity.kind {
            EntityKind::Goal => self.goal_at(entity).health.as_ref(),
            EntityKind::KeyResult => {
                let (goal, kr) = self.key_result_at(entity);
                kr.health.as_ref().or(goal.health.as_ref())
            }
            EntityKind::Initiative => self.initiative_at(entity).health.as_ref(),
            EntityKind::Milestone => self.milestone_at(entity).0.health.as_ref(),
            _ => None,
        }
    }

    /// Where the date [`Org::due_date`] returns is written: the entity's own
    /// `due`, or its goal's `period` (in the entity's file).
    pub fn due_span(&self, entity: EntityRef) -> Option<Span> {
        match entity.kind {
            EntityKind::Goal => Some(self.goal_at(entity).period.span),
            EntityKind::KeyResult => {
                let (goal, kr) = self.key_result_at(entity);
                Some(match &kr.milestone {
                    Some(m) => m.due.span,
                    None => goal.period.span,
                })
            }
            EntityKind::Initiative => Some(self.initiative_at(entity).due.span),
            EntityKind::Milestone => Some(self.milestone_at(entity).1.due.span),
            _ => None,
        }
    }

    /// The goal of a key result, the initiative of a milestone.
    pub fn parent_of(&self, entity: EntityRef) -> Option<EntityRef> {
        let kind = match entity.kind {
            EntityKind::KeyResult => EntityKind::Goal,
            EntityKind::Milestone => EntityKind::Initiative,
            _ => return None,
        };
        Some(EntityRef {
            kind,
            index: entity.index,
            child: 0,
        })
    }

    /// The `owner` an item answers to: its own, or for a key result or
    /// milestone without one, its goal's or initiative's.
    pub fn owner_of(&self, entity: EntityRef) -> Option<&Spanned<OwnerField>> {
        self.owner_field(entity)
            .or_else(|| self.parent_of(entity).and_then(|p| self.owner_field(p)))
    }

    /// The `owner` field as written on the entity itself, not inherited. People
    /// and teams have none (a team's `lead` is not an owner).
    pub fn owner_field(&self, entity: EntityRef) -> Option<&Spanned<OwnerField>> {
        match entity.kind {
            EntityKind::Person | EntityKind::Team | EntityKind::Issue => None,
            EntityKind::Goal => self.goal_at(entity).owner.as_ref(),
            EntityKind::KeyResult => self.key_result_at(entity).1.owner.as_ref(),
            EntityKind::Initiative => self.initiative_at(entity).owner.as_ref(),
            EntityKind::Milestone => self.milestone_at(entity).1.owner.as_ref(),
            EntityKind::Decision => self.decisions[entity.index].owner.as_ref(),
            EntityKind::Risk => self.risks[entity.index].owner.as_ref(),
            EntityKind::Kpi => self.kpis[entity.index].owner.as_ref(),
            EntityKind::Todo => self.todos[entity.index].owner.as_ref(),
        }
    }

    /// The `depends_on` entries of a goal, key result or initiative.
    pub fn depends_on(&self, entity: EntityRef) -> &[Dependency] {
        match entity.kind {
            EntityKind::Goal => &self.goal_at(entity).depends_on,
            EntityKind::KeyResult => &self.key_result_at(entity).1.depends_on,
            EntityKind::Initiative => &self.initiative_at(entity).depends_on,
            _ => &[],
        }
    }

    /// Delivered: a goal achieved, an initiative done, a milestone (or
    /// milestone key result) marked done, or anything whose goal or initiative
    /// is.
    pub fn is_done(&self, entity: EntityRef) -> bool {
        match entity.kind {
            EntityKind::Goal => self.goal_at(entity).status() == GoalStatus::Achieved,
            EntityKind::KeyResult => {
                let (goal, kr) = self.key_result_at(entity);
                kr.milestone.as_ref().is_some_and(|m| m.done)
                    || goal.status() == GoalStatus::Achieved
            }
            EntityKind::Initiative => self.initiative_at(entity).status() == InitiativeStatus::Done,
            EntityKind::Milestone => {
                let (initiative, milestone) = self.milestone_at(entity);
                milestone.done || initiative.status() == InitiativeStatus::Done
            }
            _ => false,
        }
    }

    /// Will not be delivered: an initiative cancelled, a goal dropped or missed,
    /// or a key result or milestone (not done) whose goal or initiative is.
    pub fn is_abandoned(&self, entity: EntityRef) -> bool {
        match entity.kind {
            EntityKind::Goal => matches!(
                self.goal_at(entity).status(),
                GoalStatus::Dropped | GoalStatus::Missed
            ),
            EntityKind::Initiative => {
                self.initiative_at(entity).status() == InitiativeStatus::Cancelled
            }
            EntityKind::KeyResult | EntityKind::Milestone => {
                !self.is_done(entity)
                    && self.parent_of(entity).is_some_and(|p| self.is_abandoned(p))
            }
            _ => false,
        }
    }

    /// Asks nothing more of its owner: done or abandoned, a decision no longer
    /// in force (rejected, superseded, deprecated), a closed risk, an issue
    /// solved or dropped, a to-do done or dropped. People, teams and KPIs
    /// (which run on with no end) are never closed.
    pub fn is_closed(&self, entity: EntityRef) -> bool {
        match entity.kind {
            EntityKind::Person | EntityKind::Team | EntityKind::Kpi => false,
            EntityKind::Decision => matches!(
                *self.decisions[entity.index].status,
                DecisionStatus::Rejected | DecisionStatus::Superseded | DecisionStatus::Deprecated
            ),
            EntityKind::Risk => self.risks[entity.index].status() == RiskStatus::Closed,
            EntityKind::Issue => self.issues[entity.index].status() != IssueStatus::Open,
            EntityKind::Todo => !self.todos[entity.index].is_open(),
            _ => self.is_done(entity) || self.is_abandoned(entity),
        }
    }
}
