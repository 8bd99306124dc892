//! The org being told, in memory: plain structs that [`super::render`] turns
//! into the files of the format. A few fields only drive the story (how a
//! metric will move, whether a milestone will slip); they are never written.

use std::collections::{BTreeMap, BTreeSet};

use super::catalog::{Archetype, Company, Department, KpiGoalpost, KpiTemplate};
use crate::model::{
    Date, DecisionStatus, Direction, GoalStatus, Health, InitiativeStatus, IssueStatus, Level,
    Period, RiskStatus, TodoStatus,
};

#[derive(Debug)]
pub(super) struct World {
    pub company: &'static Company,
    pub people: Vec<Person>,
    pub teams: Vec<Team>,
    pub goals: Vec<Goal>,
    pub initiatives: Vec<Initiative>,
    pub decisions: Vec<Decision>,
    pub risks: Vec<Risk>,
    pub kpis: Vec<Kpi>,
    pub issues: Vec<Issue>,
    pub todos: Vec<Todo>,
    /// Every id in use, across kinds: ids are unique org-wide.
    ids: BTreeSet<String>,
    person_by_id: BTreeMap<String, usize>,
    team_by_id: BTreeMap<String, usize>,
}

/// One file of the org, by the entity it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum FileOf {
    Person(usize),
    Team(usize),
    Goal(usize),
    Initiative(usize),
    Decision(usize),
    Risk(usize),
    Kpi(usize),
    Issue(usize),
    Todo(usize),
}

#[derive(Debug)]
pub(super) struct Person {
    pub id: String,
    pub name: String,
    pub email: String,
    pub github: String,
    pub team: String,
    pub role: String,
    pub joined: Date,
    /// Set when the person left: `status: left` and this date.
    pub left: Option<Date>,
    /// `yaml`, or `yml` for the one file a newcomer names their own way.
    pub extension: &'static str,
}

impl Person {
    pub fn is_active(&self) -> bool {
        self.left.is_none()
    }

    pub fn path(&self) -> String {
        format!("people/{}.{}", self.id, self.extension)
    }

    pub fn first_name(&self) -> &str {
        self.name.split(' ').next().unwrap_or(&self.name)
    }
}

/// Where a team sits and what kind of work it does.
#[derive(Clone, Copy, Debug)]
pub(super) enum TeamKind {
    Company,
    Department(&'static Department),
    /// A team under a department, with goals of its own.
    Group(&'static Archetype),
    /// A team below a group in a large org: initiatives, no goals.
    Squad(&'static Archetype),
}

#[derive(Debug)]
pub(super) struct Team {
    pub id: String,
    pub name: String,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub lead: String,
    pub mission: String,
    pub kind: TeamKind,
}

impl Team {
    pub fn path(&self) -> String {
        format!("teams/{}.yaml", self.id)
    }

    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }

    /// Company, departments and groups set goals; squads run initiatives.
    pub fn sets_goals(&self) -> bool {
        !matches!(self.kind, TeamKind::Squad(_))
    }

    pub fn archetype(&self) -> Option<&'static Archetype> {
        match self.kind {
            TeamKind::Group(a) | TeamKind::Squad(a) => Some(a),
            TeamKind::Company | TeamKind::Department(_) => None,
        }
    }
}

#[derive(Clone, Debug)]
pub(super) struct Dependency {
    pub on: String,
    pub need_by: Date,
    pub why: String,
}

#[derive(Debug)]
pub(super) struct Goal {
    pub id: String,
    pub title: String,
    pub owner: String,
    /// `None` for company goals.
    pub team: Option<String>,
    pub period: Period,
    pub status: GoalStatus,
    pub health: Health,
    pub confidence: f64,
    pub aligns_to: Option<String>,
    pub depends_on: Vec<Dependency>,
    pub key_results: Vec<KeyResult>,
    pub narrative: Vec<String>,
    /// Story only: nobody edits this goal after it is planned (a stale goal).
    pub quiet: bool,
}

impl Goal {
    pub fn path(&self) -> String {
        format!("goals/{}/{}.md", self.period, self.id)
    }

    pub fn is_active(&self) -> bool {
        self.status == GoalStatus::Active
    }
}

#[derive(Debug)]
pub(super) struct KeyResult {
    pub id: String,
    pub title: String,
    /// `None`: the goal's owner.
    pub owner: Option<String>,
    pub health: Option<Health>,
    pub confidence: Option<f64>,
    pub measure: Measure,
}

#[derive(Debug)]
pub(super) enum Measure {
    Metric(Metric),
    Milestone { due: Date, done: bool, fate: Fate },
}

#[derive(Clone, Debug)]
pub(super) struct Metric {
    pub baseline: f64,
    pub target: f64,
    pub current: f64,
    pub unit: &'static str,
    pub direction: Direction,
    pub decimals: u8,
    pub bounds: (f64, f64),
    /// Story only: how the value will move, as a share of the way from
    /// baseline to `planned_target` (the target it was planned with: moving
    /// the goalposts changes what the value is judged against, not the value).
    pub course: Course,
    pub planned_target: f64,
}

impl Metric {
    /// How far from baseline to target the current value is (1.0 = there).
    pub fn progress(&self) -> f64 {
        let span = self.target - self.baseline;
        if span == 0.0 {
            return 1.0;
        }
        (self.current - self.baseline) / span
    }

    /// `value` rounded the way this metric is written.
    pub fn round(&self, value: f64) -> f64 {
        let scale = [1.0, 10.0, 100.0, 1000.0][usize::from(self.decimals.min(3))];
        let clamped = value.clamp(self.bounds.0, self.bounds.1);
        (clamped * scale).round() / scale
    }

    /// The smallest change its written form shows (0.1 with one decimal).
    pub fn step(&self) -> f64 {
        [1.0, 0.1, 0.01, 0.001][usize::from(self.decimals.min(3))]
    }
}

/// How a metric moves over its quarter: the share of the way from baseline
/// to target it has covered at a share of the quarter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Course {
    /// Steady progress at `pace` (1.0 = exactly on plan).
    Steady { pace: f64 },
    /// Progress until `stall_at` of the quarter, then flat.
    Stalling { pace: f64, stall_at: f64 },
    /// Progress until `turn_at`, then sliding back.
    Regressing { pace: f64, turn_at: f64 },
    /// Nobody updates it after planning.
    Untouched,
}

impl Course {
    /// Planned share of the way at `elapsed` (0.0–1.0) of the quarter.
    pub fn progress_at(self, elapsed: f64) -> f64 {
        match self {
            Course::Steady { pace } => pace * elapsed,
            Course::Stalling { pace, stall_at } => pace * elapsed.min(stall_at),
            Course::Regressing { pace, turn_at } => {
                let peak = pace * elapsed.min(turn_at);
                peak - 0.9 * (elapsed - turn_at).max(0.0)
            }
            Course::Untouched => 0.0,
        }
    }
}

/// What becomes of a milestone when its date comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fate {
    /// Done a day or two early.
    OnTime,
    /// Moved later this many more times before it is done.
    Slips(u8),
    /// The story decides (a scripted beat owns it).
    Scripted,
}

#[derive(Debug)]
pub(super) struct Initiative {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub team: String,
    pub supports: Vec<String>,
    pub status: InitiativeStatus,
    pub health: Health,
    pub start: Date,
    pub due: Date,
    pub depends_on: Vec<Dependency>,
    pub milestones: Vec<Milestone>,
    pub narrative: Vec<String>,
}

impl Initiative {
    pub fn path(&self) -> String {
        format!("initiatives/{}.md", self.id)
    }

    pub fn is_active(&self) -> bool {
        self.status == InitiativeStatus::Active
    }
}

#[derive(Debug)]
pub(super) struct Milestone {
    pub id: String,
    pub title: String,
    pub due: Date,
    pub done: bool,
    pub owner: Option<String>,
    pub fate: Fate,
}

#[derive(Debug)]
pub(super) struct Decision {
    pub id: String,
    pub title: String,
    pub status: DecisionStatus,
    pub date: Date,
    pub decided_on: Option<Date>,
    pub owner: String,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    pub affects: Vec<String>,
    pub context: String,
    pub decision: String,
    pub consequences: Vec<String>,
    /// Alternatives weighed, added during review.
    pub options: Vec<String>,
}

impl Decision {
    pub fn path(&self) -> String {
        format!("decisions/{}.md", self.id)
    }
}

#[derive(Debug)]
pub(super) struct Risk {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub status: RiskStatus,
    pub likelihood: Level,
    pub impact: Level,
    pub mitigation: String,
    pub raised: Date,
    pub review_by: Date,
    pub affects: Vec<String>,
    pub narrative: Vec<String>,
}

impl Risk {
    pub fn path(&self) -> String {
        format!("risks/{}.md", self.id)
    }
}

/// `kpis/<id>.yaml`: a number a department watches week after week.
#[derive(Debug)]
pub(super) struct Kpi {
    pub id: String,
    pub owner: String,
    pub team: String,
    pub value: f64,
    /// What it is, how it is written and where it wanders.
    pub template: &'static KpiTemplate,
    /// Story only: how the value moves.
    pub course: KpiCourse,
    /// Story only: the last week its owner measured it.
    pub measured: Option<u32>,
    /// Story only: the first week of its current run off target.
    pub off_since: Option<u32>,
}

/// How a KPI's value moves over the story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum KpiCourse {
    /// On target, a little different every time it is measured.
    Wanders,
    /// Off target from this week on, further every week.
    Drifts { from: u32 },
    /// Measured until this week, then never again: stale by the end.
    GoesQuiet { after: u32 },
}

impl Kpi {
    pub fn path(&self) -> String {
        format!("kpis/{}.yaml", self.id)
    }

    /// Where its goalpost wants `value`.
    pub fn is_met(&self, value: f64) -> bool {
        match self.template.goalpost {
            KpiGoalpost::Target(target, Direction::Up) => value >= target,
            KpiGoalpost::Target(target, Direction::Down) => value <= target,
            KpiGoalpost::Range(min, max) => (min..=max).contains(&value),
        }
    }

    /// `value` rounded the way this KPI is written.
    pub fn round(&self, value: f64) -> f64 {
        let scale = [1.0, 10.0, 100.0, 1000.0][usize::from(self.template.decimals.min(3))];
        (value.max(0.0) * scale).round() / scale
    }

    /// The smallest change its written form shows.
    pub fn step(&self) -> f64 {
        [1.0, 0.1, 0.01, 0.001][usize::from(self.template.decimals.min(3))]
    }

    /// `value` as the file writes it.
    pub fn written(&self, value: f64) -> String {
        format!("{value:.*}", usize::from(self.template.decimals))
    }

    /// `value` with its unit, as people write it: `12.5%`, `284 ms`.
    pub fn amount(&self, value: f64) -> String {
        match self.template.unit {
            "%" => format!("{}%", self.written(value)),
            unit => format!("{} {unit}", self.written(value)),
        }
    }
}

/// `issues/<id>.md`: something a team has to work out.
#[derive(Debug)]
pub(super) struct Issue {
    pub id: String,
    pub title: String,
    pub raised_by: String,
    pub team: String,
    pub priority: Level,
    pub status: IssueStatus,
    pub opened: Date,
    pub resolved_by: Vec<String>,
    pub body: Vec<String>,
}

impl Issue {
    pub fn path(&self) -> String {
        format!("issues/{}.md", self.id)
    }
}

/// `todos/<id>.md`: one person's commitment to do one thing by a date.
#[derive(Debug)]
pub(super) struct Todo {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub team: String,
    pub due: Date,
    /// An issue id or a meeting, `<YYYY-Www>-<team>`.
    pub from: String,
    pub status: TodoStatus,
}

impl Todo {
    pub fn path(&self) -> String {
        format!("todos/{}.md", self.id)
    }
}

impl World {
    pub fn new(company: &'static Company) -> World {
        World {
            company,
            people: Vec::new(),
            teams: Vec::new(),
            goals: Vec::new(),
            initiatives: Vec::new(),
            decisions: Vec::new(),
            risks: Vec::new(),
            kpis: Vec::new(),
            issues: Vec::new(),
            todos: Vec::new(),
            ids: BTreeSet::new(),
            person_by_id: BTreeMap::new(),
            team_by_id: BTreeMap::new(),
        }
    }

    /// Adds a person whose id was claimed with [`World::claim_id`].
    pub fn add_person(&mut self, person: Person) -> usize {
        let index = self.people.len();
        self.person_by_id.insert(person.id.clone(), index);
        self.people.push(person);
        index
    }

    /// Adds a team whose id was claimed with [`World::claim_id`], under its parent.
    pub fn add_team(&mut self, team: Team) -> usize {
        let index = self.teams.len();
        if let Some(parent) = team.parent {
            self.teams[parent].children.push(index);
        }
        self.team_by_id.insert(team.id.clone(), index);
        self.teams.push(team);
        index
    }

    /// Takes `wanted` as an id if it is free, else `wanted-2`, `wanted-3`, ...
    /// Ids stay within the 64 characters orgit allows.
    pub fn claim_id(&mut self, wanted: &str) -> String {
        self.claim_id_within(wanted, 58)
    }

    /// Like [`World::claim_id`], keeping the id's stem within `max` characters
    /// (room for suffixes derived from it, like a milestone's `-m1`).
    pub fn claim_id_within(&mut self, wanted: &str, max: usize) -> String {
        let wanted = shorten(wanted, max);
        let mut id = wanted.to_owned();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }

    /// Takes the first free id of `candidates`, falling back to numbering the last.
    pub fn claim_first_free(&mut self, candidates: &[String]) -> String {
        self.claim_first_free_within(candidates, 58)
    }

    pub fn claim_first_free_within(&mut self, candidates: &[String], max: usize) -> String {
        match candidates.iter().find(|c| self.is_free(shorten(c, max))) {
            Some(free) => self.claim_id_within(free, max),
            None => self.claim_id_within(candidates.last().map_or("item", String::as_str), max),
        }
    }

    pub fn is_free(&self, id: &str) -> bool {
        !self.ids.contains(id)
    }

    pub fn person(&self, id: &str) -> &Person {
        let index = self.person_index(id);
        &self.people[index]
    }

    /// Index of a person the story created (ids never come from input).
    pub fn person_index(&self, id: &str) -> usize {
        self.person_by_id[id]
    }

    /// Index of a team the story created.
    pub fn team_index(&self, id: &str) -> usize {
        self.team_by_id[id]
    }

    /// Active people in `team`, leads included, in file order.
    pub fn members(&self, team: &str) -> Vec<usize> {
        (0..self.people.len())
            .filter(|&i| self.people[i].team == team && self.people[i].is_active())
            .collect()
    }

    /// How many active goals and initiatives `person` owns (the
    /// `max_active_items_per_owner` policy counts these).
    pub fn active_items_owned(&self, person: &str) -> usize {
        let goals = self
            .goals
            .iter()
            .filter(|g| g.is_active() && g.owner == person)
            .count();
        let initiatives = self
            .initiatives
            .iter()
            .filter(|i| i.is_active() && i.owner == person)
            .count();
        goals + initiatives
    }

    /// Everything `person` owns by name, so someone else can take it over.
    pub fn files_owned_by(&self, person: &str) -> BTreeSet<FileOf> {
        let named = |owner: &Option<String>| owner.as_deref() == Some(person);
        let mut files = BTreeSet::new();
        for (i, goal) in self.goals.iter().enumerate() {
            if goal.owner == person || goal.key_results.iter().any(|kr| named(&kr.owner)) {
                files.insert(FileOf::Goal(i));
            }
        }
        for (i, initiative) in self.initiatives.iter().enumerate() {
            if initiative.owner == person || initiative.milestones.iter().any(|m| named(&m.owner)) {
                files.insert(FileOf::Initiative(i));
            }
        }
        for (i, decision) in self.decisions.iter().enumerate() {
            if decision.owner == person {
                files.insert(FileOf::Decision(i));
            }
        }
        for (i, risk) in self.risks.iter().enumerate() {
            if risk.owner == person {
                files.insert(FileOf::Risk(i));
            }
        }
        for (i, team) in self.teams.iter().enumerate() {
            if team.lead == person {
                files.insert(FileOf::Team(i));
            }
        }
        for (i, kpi) in self.kpis.iter().enumerate() {
            if kpi.owner == person {
                files.insert(FileOf::Kpi(i));
            }
        }
        for (i, todo) in self.todos.iter().enumerate() {
            if todo.owner == person && todo.status == TodoStatus::Open {
                files.insert(FileOf::Todo(i));
            }
        }
        files
    }

    /// Hands everything `from` owns in `files` to `to`. Returns what changed
    /// hands, as ids, for the commit message.
    pub fn reassign(&mut self, files: &BTreeSet<FileOf>, from: &str, to: &str) -> Vec<String> {
        let mut moved = Vec::new();
        let mut take = |owner: &mut String, id: &str| {
            if owner == from {
                *owner = to.to_owned();
                moved.push(id.to_owned());
            }
        };
        for file in files {
            match *file {
                FileOf::Goal(i) => {
                    let goal = &mut self.goals[i];
                    take(&mut goal.owner, &goal.id);
                    for kr in &mut goal.key_results {
                        if let Some(owner) = &mut kr.owner {
                            take(owner, &kr.id);
                        }
                    }
                }
                FileOf::Initiative(i) => {
                    let initiative = &mut self.initiatives[i];
                    take(&mut initiative.owner, &initiative.id);
                    for milestone in &mut initiative.milestones {
                        if let Some(owner) = &mut milestone.owner {
                            take(owner, &milestone.id);
                        }
                    }
                }
                FileOf::Decision(i) => {
                    let decision = &mut self.decisions[i];
                    take(&mut decision.owner, &decision.id);
                }
                FileOf::Risk(i) => {
                    let risk = &mut self.risks[i];
                    take(&mut risk.owner, &risk.id);
                }
                FileOf::Team(i) => {
                    let team = &mut self.teams[i];
                    take(&mut team.lead, &team.id);
                }
                FileOf::Kpi(i) => {
                    let kpi = &mut self.kpis[i];
                    take(&mut kpi.owner, &kpi.id);
                }
                FileOf::Todo(i) => {
                    let todo = &mut self.todos[i];
                    take(&mut todo.owner, &todo.id);
                }
                FileOf::Person(_) | FileOf::Issue(_) => {}
            }
        }
        moved
    }

    /// The owner of key result `k` of goal `g`: its own, or the goal's.
    pub fn key_result_owner(&self, g: usize, k: usize) -> &str {
        let goal = &self.goals[g];
        goal.key_results[k].owner.as_deref().unwrap_or(&goal.owner)
    }

    /// The goal team `team` sets for `period`, if any.
    pub fn team_goal(&self, team: &str, period: Period) -> Option<usize> {
        self.goals
            .iter()
            .position(|g| g.period == period && g.team.as_deref() == Some(team))
    }

    /// The nearest team at or above `team` that sets goals (squads report
    /// through their group).
    pub fn goal_setting_team(&self, team: usize) -> usize {
        let mut current = team;
        while !self.teams[current].sets_goals() {
            match self.teams[current].parent {
                Some(parent) => current = parent,
                None => break,
            }
        }
        current
    }

    /// The department `team` belongs to (the team itself for the company and
    /// departments).
    pub fn department_of(&self, team: usize) -> usize {
        let mut current = team;
        while let Some(parent) = self.teams[current].parent {
            if self.teams[parent].parent.is_none() {
                return current;
            }
            current = parent;
        }
        current
    }

    /// The teams below `team`, nearest first.
    pub fn descendants(&self, team: usize) -> Vec<usize> {
        let mut found: Vec<usize> = self.teams[team].children.clone();
        let mut i = 0;
        while i < found.len() {
            found.extend(self.teams[found[i]].children.iter().copied());
            i += 1;
        }
        found
    }

    /// Index of every team, parents before children.
    pub fn teams_top_down(&self) -> Vec<usize> {
        let mut order = Vec::with_capacity(self.teams.len());
        let mut queue: std::collections::VecDeque<usize> = (0..self.teams.len())
            .filter(|&t| self.teams[t].parent.is_none())
            .collect();
        while let Some(t) = queue.pop_front() {
            order.push(t);
            queue.extend(self.teams[t].children.iter().copied());
        }
        order
    }

    /// People per team, for rendering updates and picking owners.
    pub fn people_by_team(&self) -> BTreeMap<&str, Vec<usize>> {
        let mut by_team: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, person) in self.people.iter().enumerate() {
            if person.is_active() {
                by_team.entry(person.team.as_str()).or_default().push(i);
            }
        }
        by_team
    }
}

/// `id` cut to at most `max` characters, at a dash when there is one (ids are
/// ASCII slugs, so characters are bytes).
fn shorten(id: &str, max: usize) -> &str {
    if id.len() <= max {
        return id;
    }
    let cut = &id[..max];
    match cut.rfind('-') {
        Some(dash) if dash > max / 2 => &cut[..dash],
        _ => cut.trim_end_matches('-'),
    }
}
