//! A file's blob → the entities it defines, each blob parsed once.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::rc::Rc;

use git2::{Oid, Repository};

use super::{EntityState, MetricState};
use crate::error::{Error, Result};
use crate::loader::{Entity, ParseCache};
use crate::model::{
    Decision, EntityKind, EntityRef, FileId, Goal, Initiative, Issue, Kpi, Org, OwnerField, Person,
    PersonStatus, Risk, RiskStatus, Spanned, Team, Todo, TodoStatus,
};
use crate::source::RawFile;
use crate::source::git::{Blob, read_capped};
use crate::source::layout::{self, FileKind, MAX_FILE_BYTES};

/// What one file defines, in file order: `(id, state)` with an empty `path`
/// (the same blob may sit at several paths; the state fills it in).
pub(super) type Entities = Rc<[(String, EntityState)]>;

/// Whether files at `path` define entities the history tracks: people,
/// teams, goals, initiatives, decisions, risks, KPIs, issues and to-dos. Settings, weekly updates
/// and misplaced files define none.
pub(crate) fn defines_entities(path: &str) -> bool {
    matches!(
        layout::classify(path),
        Some(
            FileKind::Person
                | FileKind::Team
                | FileKind::Goal { .. }
                | FileKind::Initiative
                | FileKind::Decision
                | FileKind::Risk
                | FileKind::Kpi
                | FileKind::Issue
                | FileKind::Todo
        )
    )
}

/// Which reading of a blob: the same text means different things in
/// `people/` and in `goals/`.
type CacheKey = (Oid, &'static str);

/// Reads blobs and parses them with the loader (through the command's
/// [`ParseCache`], which the org at the window's end is loaded from too),
/// once per blob id and file kind: a file reverted to an earlier text, or
/// carried unchanged through many commits, costs one parse.
pub(super) struct BlobParser<'repo> {
    repo: &'repo Repository,
    /// What each blob defines; `None`: the blob is too large or does not
    /// load.
    cache: HashMap<CacheKey, Option<Entities>>,
    /// How many distinct blobs were read (cache misses).
    pub parsed: usize,
}

impl<'repo> BlobParser<'repo> {
    pub(super) fn new(repo: &'repo Repository) -> Result<Self> {
        Ok(BlobParser {
            repo,
            cache: HashMap::new(),
            parsed: 0,
        })
    }

    /// What each of `files` (path, blob) defines, in order; `None` for a file
    /// that does not load (too large, not text, not valid). The blobs not
    /// seen before are parsed together ([`Self::prepare`]).
    pub(super) fn parse(
        &mut self,
        files: &[(&str, Oid)],
        parses: &mut ParseCache,
    ) -> Result<Vec<Option<Entities>>> {
        self.prepare(files, parses)?;
        Ok(files
            .iter()
            .map(|&(path, blob)| {
                let key = cache_key(path, blob)?;
                self.cache.get(&key).cloned().flatten()
            })
            .collect())
    }

    /// Parses those of `files` not seen before, together, so that
    /// [`Self::parse`] finds them done: the replay hands over the whole
    /// window's blobs at once, enough to use every core.
    pub(super) fn prepare(&mut self, files: &[(&str, Oid)], parses: &mut ParseCache) -> Result<()> {
        let mut pending = Vec::new();
        let mut seen = HashSet::new();
        let mut to_parse = Vec::new();
        for &(path, blob) in files {
            let Some(key) = cache_key(path, blob) else {
                continue;
            };
            if self.cache.contains_key(&key) || !seen.insert(key) {
                continue;
            }
            if parses.entity(path, blob).is_some() {
                pending.push((key, path));
                continue;
            }
            match self.read(path, blob)? {
                Some(content) => {
                    pending.push((key, path));
                    let raw = RawFile {
                        path: path.to_owned(),
                        content: Ok(content),
                    };
                    to_parse.push((blob, raw));
                }
                None => {
                    self.cache.insert(key, None);
                }
            }
        }
        parses.parse(to_parse);
        self.parsed += pending.len();
        for (key, path) in pending {
            let entities = parses
                .entity(path, key.0)
                .flatten()
                .map(|entity| extract(entity, key.0).into());
            self.cache.insert(key, entities);
        }
        Ok(())
    }

    /// The blob's bytes, or `None` when it is larger than orgit reads. A blob
    /// missing from the repository is an error, not an empty file: a report
    /// built without it would be silently wrong.
    fn read(&self, path: &str, blob: Oid) -> Result<Option<Vec<u8>>> {
        let unreadable = |e: git2::Error| {
            Error::new(format!(
                "cannot read `{path}` (blob {blob}) from the repository: {}",
                e.message()
            ))
            .hint(
                "the clone may be partial or damaged; fetch the full history (`git fetch --refetch`)",
            )
        };
        match read_capped(self.repo, blob, MAX_FILE_BYTES).map_err(unreadable)? {
            Blob::Bytes(bytes) => Ok(Some(bytes)),
            Blob::TooLarge(_) => Ok(None),
        }
    }
}

fn cache_key(path: &str, blob: Oid) -> Option<CacheKey> {
    let schema = layout::classify(path)?.schema_name()?;
    Some((blob, schema))
}

/// The tracked state of everything a parsed file defines.
fn extract(entity: &Entity, blob: Oid) -> Vec<(String, EntityState)> {
    // The blob id is a hash of the file's text: any edit changes it.
    let file_content = content_hash(blob.as_bytes());
    match entity {
        Entity::Person(person) => vec![person_state(person, file_content)],
        Entity::Team(team) => vec![team_state(team, file_content)],
        Entity::Goal(goal, _) => goal_states(goal, file_content),
        Entity::Initiative(initiative, _) => initiative_states(initiative, file_content),
        Entity::Decision(decision, _) => vec![decision_state(decision, file_content)],
        Entity::Risk(risk, _) => vec![risk_state(risk, file_content)],
        Entity::Kpi(kpi) => vec![kpi_state(kpi, file_content)],
        Entity::Issue(issue, _) => vec![issue_state(issue, file_content)],
        Entity::Todo(todo, _) => vec![todo_state(todo, file_content)],
        Entity::Settings(_) | Entity::Update(..) => Vec::new(),
    }
}

/// The tracked state of every entity of a loaded org, by id, with its path.
/// Where an id is defined twice, the org's index says which definition wins
/// (the loader's rule: the first in path order).
pub(crate) fn org_states(org: &Org) -> BTreeMap<String, EntityState> {
    let mut by_id = BTreeMap::new();
    // `states` as `goal_states` and `initiative_states` list them: the
    // record, then its key results or milestones.
    let mut add = |file: FileId, kind, index, states: Vec<(String, EntityState)>| {
        let path = &org.file(file).path;
        for (position, (id, state)) in states.into_iter().enumerate() {
            let entity = match (position, kind) {
                (0, _) => EntityRef {
                    kind,
                    index,
                    child: 0,
                },
                (n, EntityKind::Goal) => EntityRef {
                    kind: EntityKind::KeyResult,
                    index,
                    child: n - 1,
                },
                (n, _) => EntityRef {
                    kind: EntityKind::Milestone,
                    index,
                    child: n - 1,
                },
            };
            if org.lookup(&id) == Some(entity) {
                let state = EntityState {
                    path: path.clone(),
                    ..state
                };
                by_id.insert(id, state);
            }
        }
    };
    let file_hash = |file: FileId| content_hash(org.file(file).text.as_bytes());
    for (index, person) in org.people.iter().enumerate() {
        let states = vec![person_state(person, file_hash(person.file))];
        add(person.file, EntityKind::Person, index, states);
    }
    for (index, team) in org.teams.iter().enumerate() {
        let states = vec![team_state(team, file_hash(team.file))];
        add(team.file, EntityKind::Team, index, states);
    }
    for (index, goal) in org.goals.iter().enumerate() {
        let states = goal_states(goal, file_hash(goal.file));
        add(goal.file, EntityKind::Goal, index, states);
    }
    for (index, initiative) in org.initiatives.iter().enumerate() {
        let states = initiative_states(initiative, file_hash(initiative.file));
        add(initiative.file, EntityKind::Initiative, index, states);
    }
    for (index, decision) in org.decisions.iter().enumerate() {
        let states = vec![decision_state(decision, file_hash(decision.file))];
        add(decision.file, EntityKind::Decision, index, states);
    }
    for (index, risk) in org.risks.iter().enumerate() {
        let states = vec![risk_state(risk, file_hash(risk.file))];
        add(risk.file, EntityKind::Risk, index, states);
    }
    for (index, kpi) in org.kpis.iter().enumerate() {
        let states = vec![kpi_state(kpi, file_hash(kpi.file))];
        add(kpi.file, EntityKind::Kpi, index, states);
    }
    for (index, issue) in org.issues.iter().enumerate() {
        let states = vec![issue_state(issue, file_hash(issue.file))];
        add(issue.file, EntityKind::Issue, index, states);
    }
    for (index, todo) in org.todos.iter().enumerate() {
        let states = vec![todo_state(todo, file_hash(todo.file))];
        add(todo.file, EntityKind::Todo, index, states);
    }
    by_id
}

fn person_state(person: &Person, file_content: u64) -> (String, EntityState) {
    let status = match person.status.as_deref() {
        Some(PersonStatus::Left) => "left",
        Some(PersonStatus::Active) | None => "active",
    };
    let state = EntityState {
        team: text(&person.team),
        status: Some(status.to_owned()),
        ..blank(EntityKind::Person, &person.name, file_content)
    };
    (person.id.value.clone(), state)
}

fn team_state(team: &Team, file_content: u64) -> (String, EntityState) {
    let state = EntityState {
        parent: text(&team.parent),
        owner: text(&team.lead),
        ..blank(EntityKind::Team, &team.name, file_content)
    };
    (team.id.value.clone(), state)
}

fn decision_state(decision: &Decision, file_content: u64) -> (String, EntityState) {
    let state = EntityState {
        owner: owner(&decision.owner),
        status: Some(decision.status.as_str().to_owned()),
        ..blank(EntityKind::Decision, &decision.title, file_content)
    };
    (decision.id.value.clone(), state)
}

fn risk_state(risk: &Risk, file_content: u64) -> (String, EntityState) {
    let status = match risk.status() {
        RiskStatus::Open => "open",
        RiskStatus::Mitigated => "mitigated",
        RiskStatus::Closed => "closed",
    };
    let state = EntityState {
        owner: owner(&risk.owner),
        status: Some(status.to_owned()),
        likelihood: Some(*risk.likelihood),
        impact: Some(*risk.impact),
        due: risk.review_by.as_deref().copied(),
        ..blank(EntityKind::Risk, &risk.title, file_content)
    };
    (risk.id.value.clone(), state)
}

fn kpi_state(kpi: &Kpi, file_content: u64) -> (String, EntityState) {
    let state = EntityState {
        owner: owner(&kpi.owner),
        team: Some(kpi.team.value.clone()),
        value: Some(*kpi.value),
        ..blank(EntityKind::Kpi, &kpi.title, file_content)
    };
    (kpi.id.value.clone(), state)
}

/// An issue has no owner: whoever raised it is not accountable for solving
/// it, its team is.
fn issue_state(issue: &Issue, file_content: u64) -> (String, EntityState) {
    let state = EntityState {
        team: Some(issue.team.value.clone()),
        status: Some(issue.status().as_str().to_owned()),
        ..blank(EntityKind::Issue, &issue.title, file_content)
    };
    (issue.id.value.clone(), state)
}

fn todo_state(todo: &Todo, file_content: u64) -> (String, EntityState) {
    let state = EntityState {
        owner: owner(&todo.owner),
        team: Some(todo.team.value.clone()),
        status: Some(todo.status().as_str().to_owned()),
        due: Some(*todo.due),
        done: Some(todo.status() == TodoStatus::Done),
        ..blank(EntityKind::Todo, &todo.title, file_content)
    };
    (todo.id.value.clone(), state)
}

/// A goal and its key results; a key result without an owner is its goal's,
/// and every key result counts for its goal's team.
fn goal_states(goal: &Goal, file_content: u64) -> Vec<(String, EntityState)> {
    let goal_owner = owner(&goal.owner);
    let team = text(&goal.team);
    let mut states = vec![(
        goal.id.value.clone(),
        EntityState {
            owner: goal_owner.clone(),
            team: team.clone(),
            status: Some(goal.status().as_str().to_owned()),
            health: goal.health.as_deref().copied(),
            confidence: goal.confidence.as_deref().copied(),
            ..blank(EntityKind::Goal, &goal.title, file_content)
        },
    )];
    for key_result in &goal.key_results {
        let metric = key_result.metric.as_deref().map(|metric| MetricState {
            baseline: *metric.baseline,
            target: *metric.target,
            current: *metric.current,
            direction: metric.direction.as_deref().copied().unwrap_or_default(),
        });
        let milestone = key_result.milestone.as_deref();
        let state = EntityState {
            owner: owner(&key_result.owner).or_else(|| goal_owner.clone()),
            team: team.clone(),
            parent: Some(goal.id.value.clone()),
            health: key_result.health.as_deref().copied(),
            confidence: key_result.confidence.as_deref().copied(),
            metric,
            due: milestone.map(|m| *m.due),
            done: milestone.map(|m| m.done),
            ..blank(
                EntityKind::KeyResult,
                &key_result.title,
                serialized_hash(key_result),
            )
        };
        states.push((key_result.id.value.clone(), state));
    }
    states
}

/// An initiative and its milestones; a milestone without an owner is its
/// initiative's, and every milestone counts for the initiative's team.
fn initiative_states(initiative: &Initiative, file_content: u64) -> Vec<(String, EntityState)> {
    let initiative_owner = owner(&initiative.owner);
    let team = Some(initiative.team.value.clone());
    let mut states = vec![(
        initiative.id.value.clone(),
        EntityState {
            owner: initiative_owner.clone(),
            team: team.clone(),
            status: Some(initiative.status().as_str().to_owned()),
            health: initiative.health.as_deref().copied(),
            due: Some(*initiative.due),
            ..blank(EntityKind::Initiative, &initiative.title, file_content)
        },
    )];
    for milestone in &initiative.milestones {
        let state = EntityState {
            owner: owner(&milestone.owner).or_else(|| initiative_owner.clone()),
            team: team.clone(),
            parent: Some(initiative.id.value.clone()),
            due: Some(*milestone.due),
            done: Some(milestone.done),
            ..blank(
                EntityKind::Milestone,
                &milestone.title,
                serialized_hash(milestone),
            )
        };
        states.push((milestone.id.value.clone(), state));
    }
    states
}

fn blank(kind: EntityKind, title: &str, content: u64) -> EntityState {
    EntityState {
        kind,
        path: String::new(),
        title: title.to_owned(),
        owner: None,
        team: None,
        parent: None,
        status: None,
        health: None,
        confidence: None,
        metric: None,
        value: None,
        due: None,
        done: None,
        likelihood: None,
        impact: None,
        content,
    }
}

/// The one owner's id; none when missing or (wrongly) a list.
fn owner(field: &Option<Spanned<OwnerField>>) -> Option<String> {
    field
        .as_deref()
        .and_then(OwnerField::single)
        .map(str::to_owned)
}

fn text(field: &Option<Spanned<String>>) -> Option<String> {
    field.as_deref().cloned()
}

/// A key result or milestone's own fields, hashed through their serialized
/// form: spans are not serialized, so an edit elsewhere in the file that only
/// shifts its lines does not count as touching it.
fn serialized_hash(fields: &impl serde::Serialize) -> u64 {
    content_hash(&serde_json::to_vec(fields).unwrap_or_default())
}

/// The standard hasher promises no stability across Rust releases; that is
/// fine, as `content` is only compared within one run and never output.
fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}
