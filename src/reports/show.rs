//! `orgit show ID`: one entity as plain data (rendered as text by the CLI, or
//! printed as JSON): its fields, its links both ways, and what changed in it
//! over the current period, from git history.
//!
//! Links come from the one [`OrgGraph`], read in both directions, plus the
//! decisions and risks whose `affects` name the entity (they are not graph
//! edges). Slack is given where a date says how much room there is: a
//! dependency (`need_by` minus the needed item's due date), a part of a whole
//! and an item serving another (the served item's due date minus the
//! server's). It is left out when either end is done or abandoned.

use petgraph::Direction as EdgeDirection;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::graph::{DependencyJudge, DependencyProblem, LinkKind, OrgGraph, team_of, title_of};
use crate::history::{self, ChangeKind, Value};
use crate::model::{
    Date, EntityKind, EntityRef, Health, Org, OwnerField, Period, PersonStatus, RiskStatus, Spanned,
};

/// One entity, everything about it on one page.
#[derive(Clone, Debug, Serialize)]
pub struct Show {
    /// `1`; changes when a field changes meaning or goes away.
    pub version: u32,
    pub id: String,
    pub kind: EntityKind,
    pub title: String,
    /// The team it belongs to, as every report defines it.
    pub team: Option<String>,
    /// Where it is defined, `path:line` relative to the org root.
    pub defined_at: String,
    /// The date judged against (`--today`, or the clock in the org's zone).
    pub today: Date,
    /// Its own fields as written (plus a few derived ones: a goal's
    /// progress, a key result's due date), in a fixed order per kind; absent
    /// fields are left out.
    pub fields: Vec<FieldValue>,
    /// Only the relations that have at least one item, in a fixed order.
    pub links: Vec<LinkGroup>,
    pub history: HistoryView,
}

#[derive(Clone, Debug, Serialize)]
pub struct FieldValue {
    pub name: &'static str,
    pub value: Value,
}

#[derive(Clone, Debug, Serialize)]
pub struct LinkGroup {
    pub relation: Relation,
    pub items: Vec<Linked>,
}

/// How a linked item relates to the entity shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The goal of a key result, the initiative of a milestone, a team's
    /// parent team.
    PartOf,
    /// A goal's key results, an initiative's milestones.
    Parts,
    /// The teams whose parent is this team.
    SubTeams,
    /// What it `aligns_to` or `supports`.
    Serves,
    /// The goals that align to it, the initiatives that support it.
    ServedBy,
    /// Its `depends_on` targets.
    WaitsOn,
    /// The items whose `depends_on` names it.
    WaitedOnBy,
    /// A team's people.
    Members,
    /// A team's goals and initiatives.
    Work,
    /// The teams a person leads.
    Leads,
    /// What a person owns.
    Owns,
    /// What a decision or risk `affects`.
    Affects,
    /// What a decision `supersedes`.
    Supersedes,
    /// The decision that supersedes it.
    SupersededBy,
    /// Decisions whose `affects` name it.
    Decisions,
    /// Risks whose `affects` name it.
    Risks,
}

impl Relation {
    pub fn heading(self) -> &'static str {
        match self {
            Relation::PartOf => "Part of",
            Relation::Parts => "Parts",
            Relation::SubTeams => "Teams below",
            Relation::Serves => "Serves",
            Relation::ServedBy => "Served by",
            Relation::WaitsOn => "Waits on",
            Relation::WaitedOnBy => "Waited on by",
            Relation::Members => "Members",
            Relation::Work => "Goals and initiatives",
            Relation::Leads => "Leads",
            Relation::Owns => "Owns",
            Relation::Affects => "Affects",
            Relation::Supersedes => "Supersedes",
            Relation::SupersededBy => "Superseded by",
            Relation::Decisions => "Decisions",
            Relation::Risks => "Risks",
        }
    }
}

/// An item at the other end of a link.
#[derive(Clone, Debug, Serialize)]
pub struct Linked {
    pub id: String,
    pub kind: EntityKind,
    pub title: String,
    pub team: Option<String>,
    pub health: Option<Health>,
    pub due: Option<Date>,
    /// When it asks nothing more of anyone: `done`, `abandoned`, `closed`
    /// (a risk), or a decision's status (`rejected`, `superseded`,
    /// `deprecated`).
    pub state: Option<&'static str>,
    /// A dependency's `need_by`.
    pub need_by: Option<Date>,
    /// Days the needed end can slip before the needing end does; negative
    /// when already late.
    pub slack_days: Option<i64>,
    /// What is wrong with a dependency, judged as `orgit status` does.
    pub problem: Option<DependencyProblem>,
    /// A dependency's `why`.
    pub why: Option<String>,
}

/// What changed in the entity (and in its key results or milestones) over
/// the current period.
#[derive(Clone, Debug, Serialize)]
pub struct HistoryView {
    pub period: Period,
    /// The window read: the period's first day to today (or the period's
    /// last day, when today is past it).
    pub from: Date,
    pub to: Date,
    /// Why there is no history (not a git repository, no commits, ...);
    /// `None` when it was read.
    pub unavailable: Option<String>,
    /// Oldest first.
    pub changes: Vec<ChangeLine>,
    /// The last commit in the window that touched the entity or its parts,
    /// even without changing a tracked field.
    pub last_touched: Option<CommitLine>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommitLine {
    pub date: Date,
    pub commit: String,
    pub author: String,
    pub summary: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChangeLine {
    #[serde(flatten)]
    pub commit: CommitLine,
    /// The entity's id, or one of its key results' or milestones'.
    pub id: String,
    #[serde(flatten)]
    pub change: ChangeKind,
}

impl HistoryView {
    /// The window of the period holding `today` that history is read over.
    pub fn window(org: &Org, today: Date) -> (Period, Date, Date) {
        let period = Period::containing(today, org.fiscal_year_start_month());
        let (first, last) = period.date_range(org.fiscal_year_start_month());
        (period, first, last.min(today))
    }

    /// A view without history, saying why in `reason`.
    pub fn unavailable(org: &Org, today: Date, reason: String) -> HistoryView {
        let (period, from, to) = HistoryView::window(org, today);
        HistoryView {
            period,
            from,
            to,
            unavailable: Some(reason),
            changes: Vec::new(),
            last_touched: None,
        }
    }

    /// The changes to `entity` and its parts in `history`, which was read
    /// over [`HistoryView::window`].
    pub fn from_history(
        org: &Org,
        today: Date,
        entity: EntityRef,
        history: &history::History,
    ) -> HistoryView {
        let (period, from, to) = HistoryView::window(org, today);
        let ids = own_ids(org, entity);
        let commit = |index: usize| {
            history.commits.get(index).map(|c| CommitLine {
                date: c.date,
                commit: c.short.clone(),
                author: c.author.clone(),
                summary: c.summary.clone(),
            })
        };
        // Within a commit, the entity first, then its parts in file order
        // (the history lists them by id).
        let position = |id: &str| ids.iter().position(|own| *own == id);
        let mut own_changes: Vec<&history::Change> = history
            .changes
            .iter()
            .filter(|c| position(&c.id).is_some())
            .collect();
        own_changes.sort_by_key(|c| (c.commit, position(&c.id)));
        let changes = own_changes
            .into_iter()
            .filter_map(|c| {
                Some(ChangeLine {
                    commit: commit(c.commit)?,
                    id: c.id.clone(),
                    change: c.change.clone(),
                })
            })
            .collect();
        let last_touched = ids
            .iter()
            .filter_map(|id| history.last_touched.get(*id).copied())
            .max()
            .and_then(commit);
        HistoryView {
            period,
            from,
            to,
            unavailable: None,
            changes,
            last_touched,
        }
    }
}

/// The id of `entity` and of its key results or milestones: a goal's
/// history is also its key results' values.
fn own_ids(org: &Org, entity: EntityRef) -> Vec<&str> {
    let mut ids = vec![org.definition(entity).id];
    match entity.kind {
        EntityKind::Goal => ids.extend(
            org.goal_at(entity)
                .key_results
                .iter()
                .map(|k| k.id.as_str()),
        ),
        EntityKind::Initiative => ids.extend(
            org.initiative_at(entity)
                .milestones
                .iter()
                .map(|m| m.id.as_str()),
        ),
        _ => {}
    }
    ids
}

/// Everything about `entity` but its history, which the caller reads from
/// git (or explains the absence of) in `history`.
pub fn build(
    org: &Org,
    graph: &OrgGraph,
    entity: EntityRef,
    today: Date,
    history: HistoryView,
) -> Show {
    let judge = DependencyJudge::new(org, graph, today);
    build_with(org, graph, &judge, entity, today, history)
}

/// [`build`] with a judge made once (it finds the graph's cycles), for
/// callers that show many entities, like the site.
pub fn build_with<'a>(
    org: &'a Org,
    graph: &'a OrgGraph,
    judge: &'a DependencyJudge<'a>,
    entity: EntityRef,
    today: Date,
    history: HistoryView,
) -> Show {
    let definition = org.definition(entity);
    Show {
        version: 1,
        id: definition.id.to_owned(),
        kind: entity.kind,
        title: title_of(org, entity).to_owned(),
        team: team_of(org, entity).map(|t| org.teams[t.index].id.value.clone()),
        defined_at: format!(
            "{}:{}",
            org.file(definition.file).path,
            definition.span.line
        ),
        today,
        fields: fields(org, entity),
        links: Links::new(org, graph, judge).of(entity),
        history,
    }
}

fn fields(org: &Org, entity: EntityRef) -> Vec<FieldValue> {
    let mut out = Fields::default();
    match entity.kind {
        EntityKind::Person => {
            let person = &org.people[entity.index];
            out.text("team", person.team.as_deref());
            out.text("role", person.role.as_deref());
            out.text("email", person.email.as_deref());
            out.text("github", person.github.as_deref());
            out.word(
                "status",
                Some(match person.status.as_deref() {
                    Some(PersonStatus::Left) => "left",
                    Some(PersonStatus::Active) | None => "active",
                }),
            );
            out.date("joined", person.joined.as_deref());
            out.date("left", person.left.as_deref());
        }
        EntityKind::Team => {
            let team = &org.teams[entity.index];
            out.text("parent", team.parent.as_deref());
            out.text("lead", team.lead.as_deref());
            out.text("mission", team.mission.as_deref());
        }
        EntityKind::Goal => {
            let goal = org.goal_at(entity);
            out.owner(goal.owner.as_ref());
            out.text("team", goal.team.as_deref());
            out.word("period", Some(&goal.period.to_string()));
            out.word("status", Some(goal.status().as_str()));
            out.health(org, entity);
            out.number("confidence", goal.confidence.as_deref().copied());
            out.number("progress", super::status::progress(goal));
            out.date("due", org.due_date(entity).as_ref());
        }
        EntityKind::KeyResult => {
            let (goal, kr) = org.key_result_at(entity);
            out.word("goal", Some(&goal.id));
            out.owner(org.owner_of(entity));
            out.health(org, entity);
            out.number("confidence", kr.confidence.as_deref().copied());
            if let Some(metric) = &kr.metric {
                out.number("baseline", Some(*metric.baseline));
                out.number("target", Some(*metric.target));
                out.number("current", Some(*metric.current));
                out.text("unit", metric.unit.as_deref());
                out.word(
                    "direction",
                    Some(direction_word(
                        metric.direction.as_deref().copied().unwrap_or_default(),
                    )),
                );
                out.number(
                    "progress",
                    Some((metric.progress() * 10_000.0).round() / 10_000.0),
                );
            }
            if let Some(milestone) = &kr.milestone {
                out.push("done", Value::Bool(milestone.done));
            }
            out.date("due", org.due_date(entity).as_ref());
        }
        EntityKind::Initiative => {
            let initiative = org.initiative_at(entity);
            out.owner(initiative.owner.as_ref());
            out.word("team", Some(&initiative.team));
            out.word("status", Some(initiative.status().as_str()));
            out.health(org, entity);
            out.date("start", initiative.start.as_deref());
            out.date("due", Some(&initiative.due));
        }
        EntityKind::Milestone => {
            let (initiative, milestone) = org.milestone_at(entity);
            out.word("initiative", Some(&initiative.id));
            out.owner(org.owner_of(entity));
            out.date("due", Some(&milestone.due));
            out.push("done", Value::Bool(milestone.done));
        }
        EntityKind::Decision => {
            let decision = &org.decisions[entity.index];
            out.word("status", Some(decision.status.as_str()));
            out.owner(decision.owner.as_ref());
            out.date("date", Some(&decision.date));
            out.date("decided_on", decision.decided_on.as_deref());
            out.list("consulted", &decision.consulted);
            out.list("informed", &decision.informed);
        }
        EntityKind::Risk => {
            let risk = &org.risks[entity.index];
            out.owner(risk.owner.as_ref());
            out.word(
                "status",
                Some(match risk.status() {
                    RiskStatus::Open => "open",
                    RiskStatus::Mitigated => "mitigated",
                    RiskStatus::Closed => "closed",
                }),
            );
            out.word("likelihood", Some(risk.likelihood.as_str()));
            out.word("impact", Some(risk.impact.as_str()));
            out.text("mitigation", risk.mitigation.as_deref());
            out.date("raised", risk.raised.as_deref());
            out.date("review_by", risk.review_by.as_deref());
        }
        EntityKind::Kpi => {
            let kpi = &org.kpis[entity.index];
            out.owner(kpi.owner.as_ref());
            out.word("team", Some(&kpi.team));
            out.number("value", Some(*kpi.value));
            out.text("unit", kpi.unit.as_deref());
            out.number("target", kpi.target.as_deref().copied());
            if let Some(range) = &kpi.range {
                out.number("min", range.min.as_deref().copied());
                out.number("max", range.max.as_deref().copied());
            }
            if kpi.target.is_some() {
                out.word("direction", Some(direction_word(kpi.direction())));
            }
            out.word("cadence", Some(kpi.cadence().as_str()));
            if let Some(goalpost) = kpi.goalpost() {
                out.push("on_target", Value::Bool(goalpost.is_met(*kpi.value)));
            }
            out.text("evidence", kpi.evidence.as_deref());
        }
        EntityKind::Issue => {
            let issue = &org.issues[entity.index];
            out.word("raised_by", Some(&issue.raised_by));
            out.word("team", Some(&issue.team));
            out.word("priority", Some(&issue.priority().to_string()));
            out.word("status", Some(issue.status().as_str()));
            out.date("opened", Some(&issue.opened));
            out.list("resolved_by", &issue.resolved_by);
        }
        EntityKind::Todo => {
            let todo = &org.todos[entity.index];
            out.owner(todo.owner.as_ref());
            out.word("team", Some(&todo.team));
            out.date("due", Some(&todo.due));
            out.text("from", todo.from.as_deref());
            out.word("status", Some(todo.status().as_str()));
        }
    }
    out.0
}

fn direction_word(direction: crate::model::Direction) -> &'static str {
    match direction {
        crate::model::Direction::Up => "up",
        crate::model::Direction::Down => "down",
    }
}

/// Fields in the order pushed; absent values are skipped.
#[derive(Default)]
struct Fields(Vec<FieldValue>);

impl Fields {
    fn push(&mut self, name: &'static str, value: Value) {
        self.0.push(FieldValue { name, value });
    }

    fn text(&mut self, name: &'static str, value: Option<&String>) {
        if let Some(value) = value {
            self.push(name, Value::Text(value.clone()));
        }
    }

    fn word(&mut self, name: &'static str, value: Option<&str>) {
        self.text(name, value.map(str::to_owned).as_ref());
    }

    fn number(&mut self, name: &'static str, value: Option<f64>) {
        if let Some(value) = value {
            self.push(name, Value::Number(value));
        }
    }

    fn date(&mut self, name: &'static str, value: Option<&Date>) {
        if let Some(value) = value {
            self.push(name, Value::Date(*value));
        }
    }

    fn list(&mut self, name: &'static str, values: &[Spanned<String>]) {
        if !values.is_empty() {
            let names: Vec<&str> = values.iter().map(|v| v.as_str()).collect();
            self.push(name, Value::Text(names.join(", ")));
        }
    }

    /// A list of owners (an error `check` reports) is shown as written.
    fn owner(&mut self, owner: Option<&Spanned<OwnerField>>) {
        let Some(owner) = owner else { return };
        let text = match &owner.value {
            OwnerField::One(id) => id.clone(),
            OwnerField::Many(ids) => ids.join(", "),
        };
        self.push("owner", Value::Text(text));
    }

    fn health(&mut self, org: &Org, entity: EntityRef) {
        self.word("health", org.health(entity).map(Health::as_str));
    }
}

/// Reads the links of one entity out of the graph and the org.
struct Links<'a> {
    org: &'a Org,
    graph: &'a OrgGraph,
    judge: &'a DependencyJudge<'a>,
    groups: Vec<(Relation, Linked)>,
}

impl<'a> Links<'a> {
    fn new(org: &'a Org, graph: &'a OrgGraph, judge: &'a DependencyJudge<'a>) -> Self {
        Links {
            org,
            graph,
            judge,
            groups: Vec::new(),
        }
    }

    fn of(mut self, entity: EntityRef) -> Vec<LinkGroup> {
        self.graph_links(entity);
        self.people_and_teams(entity);
        self.decisions_and_risks(entity);
        let org = self.org;
        // Within a relation: the order the org defines things in.
        let order = |id: &str| org.lookup(id).map(|e| (e.kind, e.index, e.child));
        self.groups
            .sort_by_key(|(relation, linked)| (*relation, order(&linked.id)));
        let mut out: Vec<LinkGroup> = Vec::new();
        for (relation, linked) in self.groups {
            match out.last_mut() {
                Some(group) if group.relation == relation => group.items.push(linked),
                _ => out.push(LinkGroup {
                    relation,
                    items: vec![linked],
                }),
            }
        }
        out
    }

    fn graph_links(&mut self, entity: EntityRef) {
        let Some(node) = self.graph.node(entity) else {
            return;
        };
        let whole = self.graph.graph();
        for edge in whole.edges_directed(node, EdgeDirection::Outgoing) {
            let other = whole[edge.target()];
            let link = edge.weight();
            match link.kind {
                LinkKind::Parent | LinkKind::KeyResultOf | LinkKind::MilestoneOf => {
                    self.add(Relation::PartOf, other, self.served_slack(entity, other));
                }
                LinkKind::AlignsTo | LinkKind::Supports => {
                    self.add(Relation::Serves, other, self.served_slack(entity, other));
                }
                LinkKind::DependsOn => self.dependency(Relation::WaitsOn, entity, other, link.span),
                // Shown as fields.
                LinkKind::TeamOf | LinkKind::OwnedBy => {}
            }
        }
        for edge in whole.edges_directed(node, EdgeDirection::Incoming) {
            let other = whole[edge.source()];
            let link = edge.weight();
            match link.kind {
                LinkKind::Parent => self.add(Relation::SubTeams, other, None),
                LinkKind::KeyResultOf | LinkKind::MilestoneOf => {
                    self.add(Relation::Parts, other, self.served_slack(other, entity));
                }
                LinkKind::AlignsTo | LinkKind::Supports => {
                    self.add(Relation::ServedBy, other, self.served_slack(other, entity));
                }
                LinkKind::DependsOn => {
                    self.dependency(Relation::WaitedOnBy, other, entity, link.span);
                }
                LinkKind::TeamOf => self.add(Relation::Work, other, None),
                LinkKind::OwnedBy => self.add(Relation::Owns, other, None),
            }
        }
    }

    /// A team's members and a person's teams led: written as `team` and
    /// `lead`, which are not graph edges.
    fn people_and_teams(&mut self, entity: EntityRef) {
        let org = self.org;
        let id = org.definition(entity).id;
        match entity.kind {
            EntityKind::Team => {
                for (index, person) in org.people.iter().enumerate() {
                    if person.team.as_deref().is_some_and(|t| t.as_str() == id) {
                        self.add(Relation::Members, at(EntityKind::Person, index), None);
                    }
                }
            }
            EntityKind::Person => {
                for (index, team) in org.teams.iter().enumerate() {
                    if team.lead.as_deref().is_some_and(|l| l.as_str() == id) {
                        self.add(Relation::Leads, at(EntityKind::Team, index), None);
                    }
                }
            }
            _ => {}
        }
    }

    /// What a decision or risk affects, and the ones that affect this.
    fn decisions_and_risks(&mut self, entity: EntityRef) {
        let org = self.org;
        let resolve = |ids: &[Spanned<String>]| -> Vec<EntityRef> {
            ids.iter().filter_map(|id| org.lookup(id)).collect()
        };
        match entity.kind {
            EntityKind::Decision => {
                let decision = &org.decisions[entity.index];
                for other in resolve(&decision.affects) {
                    self.add(Relation::Affects, other, None);
                }
                for other in resolve(&decision.supersedes) {
                    self.add(Relation::Supersedes, other, None);
                }
                if let Some(other) = decision
                    .superseded_by
                    .as_ref()
                    .and_then(|id| org.lookup(id))
                {
                    self.add(Relation::SupersededBy, other, None);
                }
            }
            EntityKind::Risk => {
                for other in resolve(&org.risks[entity.index].affects) {
                    self.add(Relation::Affects, other, None);
                }
            }
            _ => {}
        }
        for (index, decision) in org.decisions.iter().enumerate() {
            if resolve(&decision.affects).contains(&entity) {
                self.add(Relation::Decisions, at(EntityKind::Decision, index), None);
            }
        }
        for (index, risk) in org.risks.iter().enumerate() {
            if resolve(&risk.affects).contains(&entity) {
                self.add(Relation::Risks, at(EntityKind::Risk, index), None);
            }
        }
    }

    /// `waiting` waits on `needed` through the `depends_on` entry whose `on`
    /// is written at `span`.
    fn dependency(
        &mut self,
        relation: Relation,
        waiting: EntityRef,
        needed: EntityRef,
        span: crate::model::Span,
    ) {
        let org = self.org;
        let Some(dependency) = org.depends_on(waiting).iter().find(|d| d.on.span == span) else {
            return;
        };
        let other = if relation == Relation::WaitsOn {
            needed
        } else {
            waiting
        };
        let open = !org.is_closed(waiting) && !org.is_closed(needed);
        let mut linked = self.linked(other);
        linked.need_by = Some(*dependency.need_by);
        linked.slack_days = org
            .due_date(needed)
            .filter(|_| open)
            .map(|due| due.days_until(*dependency.need_by));
        linked.problem = self.judge.problem(waiting, needed, dependency);
        linked.why = dependency.why.as_deref().cloned();
        self.groups.push((relation, linked));
    }

    /// How long `server` may slip before the item it serves (or is part of)
    /// is late: `served`'s due date minus `server`'s, when both are open.
    fn served_slack(&self, server: EntityRef, served: EntityRef) -> Option<i64> {
        let org = self.org;
        if org.is_closed(server) || org.is_closed(served) {
            return None;
        }
        Some(org.due_date(server)?.days_until(org.due_date(served)?))
    }

    fn add(&mut self, relation: Relation, other: EntityRef, slack_days: Option<i64>) {
        let mut linked = self.linked(other);
        linked.slack_days = slack_days;
        self.groups.push((relation, linked));
    }

    fn linked(&self, entity: EntityRef) -> Linked {
        let org = self.org;
        let state = if org.is_done(entity) {
            Some("done")
        } else if org.is_abandoned(entity) {
            Some("abandoned")
        } else if entity.kind == EntityKind::Decision && org.is_closed(entity) {
            Some(org.decisions[entity.index].status.as_str())
        } else if org.is_closed(entity) {
            Some("closed")
        } else {
            None
        };
        Linked {
            id: org.definition(entity).id.to_owned(),
            kind: entity.kind,
            title: title_of(org, entity).to_owned(),
            team: team_of(org, entity).map(|t| org.teams[t.index].id.value.clone()),
            health: org.health(entity),
            due: org.due_date(entity),
            state,
            need_by: None,
            slack_days: None,
            problem: None,
            why: None,
        }
    }
}

fn at(kind: EntityKind, index: usize) -> EntityRef {
    EntityRef {
        kind,
        index,
        child: 0,
    }
}
