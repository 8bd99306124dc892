//! The org as one directed graph: a node per id-bearing entity, an edge per
//! link written in the files (`parent`, `aligns_to`, `supports`, `depends_on`)
//! and per containment (a key result in its goal, a milestone in its
//! initiative), plus ownership: the team that does an item (`team`) and the
//! person who owns it (`owner`). Questions read it through views that keep only the links they
//! need, oriented the way the question reads them: the team hierarchy, what
//! serves what (alignment), and what waits on what (impact, cycles).

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::{Dependency, EntityKind, EntityRef, FileId, Org, OwnerField, Span, Spanned};

/// What a link means. Links point the way they are written: from the entity
/// whose file holds the link to the entity it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// A team's `parent`: team → parent team.
    Parent,
    /// A goal's `aligns_to`: goal → the goal or key result it serves.
    AlignsTo,
    /// An initiative's `supports`: initiative → a key result or goal it moves.
    Supports,
    /// A `depends_on` entry: the waiting item → the item it waits on.
    DependsOn,
    /// A key result inside its goal: key result → goal.
    KeyResultOf,
    /// A milestone inside its initiative: milestone → initiative.
    MilestoneOf,
    /// A goal's or initiative's `team`: the item → the team that does it.
    TeamOf,
    /// An item's `owner`: the item → the person accountable for it.
    OwnedBy,
}

impl LinkKind {
    /// The kinds of entity the link may name. A written link naming anything
    /// else is a reference error, and is left out of the graph.
    pub fn targets(self) -> &'static [EntityKind] {
        use EntityKind::*;
        match self {
            LinkKind::Parent => &[Team],
            LinkKind::AlignsTo => &[Goal, KeyResult],
            LinkKind::Supports => &[KeyResult, Goal],
            LinkKind::DependsOn => &[Goal, KeyResult, Initiative],
            LinkKind::KeyResultOf => &[Goal],
            LinkKind::MilestoneOf => &[Initiative],
            LinkKind::TeamOf => &[Team],
            LinkKind::OwnedBy => &[Person],
        }
    }

    /// True for links written as a reference to an id; false for containment,
    /// which comes from where an entity is written.
    pub fn is_reference(self) -> bool {
        !matches!(self, LinkKind::KeyResultOf | LinkKind::MilestoneOf)
    }
}

/// One edge: what it means and where it is written (the referenced id, or for
/// containment the contained entity's own id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    pub file: FileId,
    pub span: Span,
}

/// How a view follows a kind of link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// From the entity that holds the link to the one it names.
    AsWritten,
    /// From the named entity back to the one that holds the link.
    Reversed,
}

/// Every entity and every link between them.
pub struct OrgGraph {
    graph: DiGraph<EntityRef, Link>,
    nodes: HashMap<EntityRef, NodeIndex>,
}

impl OrgGraph {
    /// One node per definition (in [`Org::definitions`] order) and one edge per
    /// link that names an entity of an allowed kind.
    pub fn build(org: &Org) -> Self {
        let mut graph = DiGraph::new();
        let mut nodes = HashMap::new();
        for definition in org.definitions() {
            nodes.insert(definition.entity, graph.add_node(definition.entity));
        }
        let mut builder = Builder { org, graph, nodes };
        builder.add_team_links();
        builder.add_goal_links();
        builder.add_initiative_links();
        OrgGraph {
            graph: builder.graph,
            nodes: builder.nodes,
        }
    }

    /// The whole graph; node weights are entities, edge weights links.
    pub fn graph(&self) -> &DiGraph<EntityRef, Link> {
        &self.graph
    }

    pub fn node(&self, entity: EntityRef) -> Option<NodeIndex> {
        self.nodes.get(&entity).copied()
    }

    /// A graph with every node (at the same indices as [`OrgGraph::graph`]) and
    /// only the links `select` keeps, each turned the way it says.
    pub fn view(
        &self,
        select: impl Fn(LinkKind) -> Option<Orientation>,
    ) -> DiGraph<EntityRef, Link> {
        let mut view = DiGraph::with_capacity(self.graph.node_count(), self.graph.edge_count());
        for entity in self.graph.node_weights() {
            view.add_node(*entity);
        }
        for edge in self.graph.raw_edges() {
            let (from, to) = match select(edge.weight.kind) {
                Some(Orientation::AsWritten) => (edge.source(), edge.target()),
                Some(Orientation::Reversed) => (edge.target(), edge.source()),
                None => continue,
            };
            view.add_edge(from, to, edge.weight);
        }
        view
    }

    /// Each team → its parent team.
    pub fn team_hierarchy(&self) -> DiGraph<EntityRef, Link> {
        self.view(|kind| (kind == LinkKind::Parent).then_some(Orientation::AsWritten))
    }

    /// Each item → what it serves: a goal → what it aligns to, an initiative →
    /// what it supports, a key result → its goal (serving a key result serves
    /// its goal).
    pub fn alignment(&self) -> DiGraph<EntityRef, Link> {
        self.view(|kind| match kind {
            LinkKind::AlignsTo | LinkKind::Supports | LinkKind::KeyResultOf => {
                Some(Orientation::AsWritten)
            }
            _ => None,
        })
    }

    /// Each item → what it waits on: its `depends_on` targets, and for a goal
    /// its key results and for an initiative its milestones (a whole is done
    /// only when its parts are). What slips when X slips is everything that
    /// reaches X here.
    pub fn waits_on(&self) -> DiGraph<EntityRef, Link> {
        self.view(|kind| match kind {
            LinkKind::DependsOn => Some(Orientation::AsWritten),
            LinkKind::KeyResultOf | LinkKind::MilestoneOf => Some(Orientation::Reversed),
            _ => None,
        })
    }
}

struct Builder<'a> {
    org: &'a Org,
    graph: DiGraph<EntityRef, Link>,
    nodes: HashMap<EntityRef, NodeIndex>,
}

impl Builder<'_> {
    fn add_team_links(&mut self) {
        let org = self.org;
        for (index, team) in org.teams.iter().enumerate() {
            let from = entity(EntityKind::Team, index, 0);
            if let Some(parent) = &team.parent {
                self.link(from, LinkKind::Parent, team.file, parent);
            }
        }
    }

    fn add_goal_links(&mut self) {
        let org = self.org;
        for (index, goal) in org.goals.iter().enumerate() {
            let from = entity(EntityKind::Goal, index, 0);
            if let Some(target) = &goal.aligns_to {
                self.link(from, LinkKind::AlignsTo, goal.file, target);
            }
            if let Some(team) = &goal.team {
                self.link(from, LinkKind::TeamOf, goal.file, team);
            }
            self.owner(from, goal.file, goal.owner.as_ref());
            self.dependencies(from, goal.file, &goal.depends_on);
            for (child, kr) in goal.key_results.iter().enumerate() {
                let kr_entity = entity(EntityKind::KeyResult, index, child);
                self.edge(
                    kr_entity,
                    from,
                    LinkKind::KeyResultOf,
                    goal.file,
                    kr.id.span,
                );
                self.owner(kr_entity, goal.file, kr.owner.as_ref());
                self.dependencies(kr_entity, goal.file, &kr.depends_on);
            }
        }
    }

    fn add_initiative_links(&mut self) {
        let org = self.org;
        for (index, initiative) in org.initiatives.iter().enumerate() {
            let from = entity(EntityKind::Initiative, index, 0);
            for target in &initiative.supports {
                self.link(from, LinkKind::Supports, initiative.file, target);
            }
            self.link(from, LinkKind::TeamOf, initiative.file, &initiative.team);
            self.owner(from, initiative.file, initiative.owner.as_ref());
            self.dependencies(from, initiative.file, &initiative.depends_on);
            for (child, milestone) in initiative.milestones.iter().enumerate() {
                let milestone_entity = entity(EntityKind::Milestone, index, child);
                self.edge(
                    milestone_entity,
                    from,
                    LinkKind::MilestoneOf,
                    initiative.file,
                    milestone.id.span,
                );
                self.owner(milestone_entity, initiative.file, milestone.owner.as_ref());
            }
        }
    }

    fn dependencies(&mut self, from: EntityRef, file: FileId, depends_on: &[Dependency]) {
        for dependency in depends_on {
            self.link(from, LinkKind::DependsOn, file, &dependency.on);
        }
    }

    /// An `owner` naming exactly one person; a list is an error `check`
    /// reports, and owns nothing here.
    fn owner(&mut self, from: EntityRef, file: FileId, owner: Option<&Spanned<OwnerField>>) {
        let Some(owner) = owner else { return };
        if let Some(person) = owner.single() {
            self.link_id(from, LinkKind::OwnedBy, file, person, owner.span);
        }
    }

    /// A written link, when it names an entity of a kind the link allows.
    fn link(&mut self, from: EntityRef, kind: LinkKind, file: FileId, target: &Spanned<String>) {
        self.link_id(from, kind, file, target, target.span);
    }

    fn link_id(&mut self, from: EntityRef, kind: LinkKind, file: FileId, id: &str, span: Span) {
        let Some(to) = self.org.lookup(id) else {
            return;
        };
        if kind.targets().contains(&to.kind) {
            self.edge(from, to, kind, file, span);
        }
    }

    fn edge(&mut self, from: EntityRef, to: EntityRef, kind: LinkKind, file: FileId, span: Span) {
        if let (Some(&a), Some(&b)) = (self.nodes.get(&from), self.nodes.get(&to)) {
            self.graph.add_edge(a, b, Link { kind, file, span });
        }
    }
}

fn entity(kind: EntityKind, index: usize, child: usize) -> EntityRef {
    EntityRef { kind, index, child }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(files: &[(&str, &str)]) -> Org {
        crate::loader::load_texts(files).0
    }

    /// The view's edges as sorted `(from, to)` id pairs.
    fn edges(view: &DiGraph<EntityRef, Link>, org: &Org) -> Vec<(String, String)> {
        let id = |n: NodeIndex| org.definition(view[n]).id.to_owned();
        let mut out: Vec<_> = view
            .raw_edges()
            .iter()
            .map(|e| (id(e.source()), id(e.target())))
            .collect();
        out.sort();
        out
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    const TWO_GOALS: &[(&str, &str)] = &[
        (
            "goals/2026-Q4/a.md",
            "---\nid: a\ntitle: A\nperiod: 2026-Q4\naligns_to: b1\ndepends_on: [{on: b, need_by: 2026-12-01}]\nkey_results: [{id: a1, title: A1}]\n---\n",
        ),
        (
            "goals/2026-Q4/b.md",
            "---\nid: b\ntitle: B\nperiod: 2026-Q4\nkey_results: [{id: b1, title: B1}]\n---\n",
        ),
    ];

    #[test]
    fn alignment_runs_from_key_results_up_to_their_goals() {
        let org = org(TWO_GOALS);
        let graph = OrgGraph::build(&org);
        assert_eq!(
            edges(&graph.alignment(), &org),
            pairs(&[("a", "b1"), ("a1", "a"), ("b1", "b")])
        );
    }

    #[test]
    fn waiting_runs_from_goals_down_to_their_key_results() {
        let org = org(TWO_GOALS);
        let graph = OrgGraph::build(&org);
        assert_eq!(
            edges(&graph.waits_on(), &org),
            pairs(&[("a", "a1"), ("a", "b"), ("b", "b1")])
        );
    }

    #[test]
    fn links_to_unknown_ids_or_wrong_kinds_are_left_out() {
        let org = org(&[
            ("teams/t.yaml", "id: t\nname: T\nparent: a\n"),
            (
                "goals/2026-Q4/a.md",
                "---\nid: a\ntitle: A\nperiod: 2026-Q4\naligns_to: nobody\ndepends_on: [{on: t, need_by: 2026-12-01}]\n---\n",
            ),
        ]);
        let graph = OrgGraph::build(&org);
        assert_eq!(graph.graph().node_count(), 2);
        assert_eq!(graph.graph().edge_count(), 0);
    }
}
