//! Pictures of the graph for people and tools: which items and links to draw
//! ([`Picture::build`]), then one renderer per format. DOT for Graphviz,
//! Mermaid for GitHub markdown, JSON for other tools; all three draw the same
//! picture.
//!
//! What is drawn: goals, key results and initiatives (milestones are parts of
//! their initiative and nothing can depend on them), grouped by team. Done and
//! abandoned items are drawn only when an open item links to them, so a
//! past quarter does not crowd the current one while a dependency on a
//! cancelled initiative still shows.

mod dot;
mod json;
mod mermaid;

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

pub use dot::render as dot;
pub use json::render as json;
pub use mermaid::{MAX_TEXT_SIZE as MERMAID_MAX_TEXT_SIZE, MermaidOptions, render as mermaid};

use super::items::{DependencyJudge, DependencyProblem, dependencies_on, team_of, title_of};
use super::{LinkKind, OrgGraph};
use crate::model::{Date, EntityKind, EntityRef, Health, Org};

/// Which links a picture draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kinds {
    /// What serves what: key results in goals, `aligns_to`, `supports`.
    Alignment,
    /// Who waits on whom: `depends_on`.
    Dependencies,
    All,
}

impl Kinds {
    fn draws(self, kind: LinkKind) -> bool {
        let alignment = matches!(
            kind,
            LinkKind::KeyResultOf | LinkKind::AlignsTo | LinkKind::Supports
        );
        match self {
            Kinds::Alignment => alignment,
            Kinds::Dependencies => kind == LinkKind::DependsOn,
            Kinds::All => alignment || kind == LinkKind::DependsOn,
        }
    }
}

/// What to draw.
#[derive(Clone, Debug)]
pub struct Options {
    pub kinds: Kinds,
    /// Only items within `depth` links of this one (either direction).
    pub focus: Option<EntityRef>,
    pub depth: Option<usize>,
    /// Only items of this team and the teams below it, and what they link to.
    pub team: Option<EntityRef>,
    /// For dependencies whose `need_by` has passed.
    pub today: Date,
}

/// One item in a picture.
#[derive(Clone, Debug, Serialize)]
pub struct Node {
    pub id: String,
    pub kind: EntityKind,
    pub title: String,
    /// The team's id; `None` for company-wide items.
    pub team: Option<String>,
    pub health: Option<Health>,
    /// `open`, `done` or `abandoned`.
    pub state: &'static str,
    pub due: Option<Date>,
}

/// What an edge means, pointing the way it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// Key result → its goal.
    KeyResultOf,
    /// Goal → the goal or key result it serves.
    AlignsTo,
    /// Initiative → the key result or goal it moves.
    Supports,
    /// Waiting item → the item it waits on.
    DependsOn,
}

/// One link in a picture.
#[derive(Clone, Debug, Serialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    /// A dependency's `need_by`.
    pub need_by: Option<Date>,
    /// Both ends belong to teams, different ones.
    pub cross_team: bool,
    /// A dependency's worst problem, if any.
    pub problem: Option<DependencyProblem>,
}

/// A team, for grouping.
#[derive(Clone, Debug, Serialize)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
}

/// Everything a renderer draws, in a stable order: teams in hierarchy order
/// (parents first, siblings by id), nodes in file order, edges by ends.
#[derive(Clone, Debug, Serialize)]
pub struct Picture {
    pub teams: Vec<Team>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Picture {
    pub fn build(org: &Org, graph: &OrgGraph, options: &Options) -> Picture {
        let whole = graph.graph();
        let judge = DependencyJudge::new(org, graph, options.today);
        let drawable = |node: NodeIndex| {
            matches!(
                whole[node].kind,
                EntityKind::Goal | EntityKind::KeyResult | EntityKind::Initiative
            )
        };
        let drawn_edges: Vec<_> = whole
            .edge_references()
            .filter(|e| options.kinds.draws(e.weight().kind))
            .filter(|e| drawable(e.source()) && drawable(e.target()))
            .collect();

        // Items that start the picture: open ones, in the team asked.
        let team_members = options.team.map(|team| teams_under(org, team));
        let in_team = |node: NodeIndex| match &team_members {
            Some(members) => team_of(org, whole[node]).is_some_and(|t| members.contains(&t.index)),
            None => true,
        };
        let linked: HashSet<NodeIndex> = drawn_edges
            .iter()
            .flat_map(|e| [e.source(), e.target()])
            .collect();
        let keep: BTreeSet<NodeIndex> = whole
            .node_indices()
            .filter(|&n| drawable(n) && !org.is_closed(whole[n]) && in_team(n))
            // A dependency picture shows only items with dependencies.
            .filter(|n| options.kinds != Kinds::Dependencies || linked.contains(n))
            .collect();
        let keep = match options.focus.and_then(|f| graph.node(f)) {
            // Around a focus, exactly what lies within the depth asked,
            // closed items included.
            Some(focus) => {
                let near = neighbourhood(focus, options.depth, &drawn_edges);
                let mut kept: BTreeSet<NodeIndex> =
                    near.into_iter().filter(|&n| in_team(n)).collect();
                kept.insert(focus);
                kept
            }
            // Otherwise one step out from the open items: what they link to
            // (another team's item, a cancelled target), so no link is cut.
            None => {
                let mut with_neighbours = keep.clone();
                for edge in &drawn_edges {
                    let (a, b) = (edge.source(), edge.target());
                    if keep.contains(&a) || keep.contains(&b) {
                        with_neighbours.insert(a);
                        with_neighbours.insert(b);
                    }
                }
                with_neighbours
            }
        };

        let nodes = keep.iter().map(|&n| node(org, whole[n])).collect();
        let mut edges: Vec<Edge> = drawn_edges
            .iter()
            .filter(|e| keep.contains(&e.source()) && keep.contains(&e.target()))
            .map(|e| {
                edge(
                    org,
                    &judge,
                    whole[e.source()],
                    whole[e.target()],
                    e.weight(),
                )
            })
            .collect();
        edges.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
        edges.dedup_by(|a, b| a.from == b.from && a.to == b.to && a.kind == b.kind);
        Picture {
            teams: teams_in_order(org),
            nodes,
            edges,
        }
    }
}

fn node(org: &Org, entity: EntityRef) -> Node {
    let state = if org.is_done(entity) {
        "done"
    } else if org.is_abandoned(entity) {
        "abandoned"
    } else {
        "open"
    };
    Node {
        id: org.definition(entity).id.to_owned(),
        kind: entity.kind,
        title: title_of(org, entity).to_owned(),
        team: team_of(org, entity).map(|t| org.teams[t.index].id.value.clone()),
        health: org.health(entity),
        state,
        due: org.due_date(entity),
    }
}

fn edge(
    org: &Org,
    judge: &DependencyJudge<'_>,
    from: EntityRef,
    to: EntityRef,
    link: &super::Link,
) -> Edge {
    let kind = match link.kind {
        LinkKind::KeyResultOf => EdgeKind::KeyResultOf,
        LinkKind::AlignsTo => EdgeKind::AlignsTo,
        LinkKind::Supports => EdgeKind::Supports,
        _ => EdgeKind::DependsOn,
    };
    let dependency = (kind == EdgeKind::DependsOn)
        .then(|| dependencies_on(org, from, to).find(|d| d.on.span == link.span))
        .flatten();
    let cross_team = match (team_of(org, from), team_of(org, to)) {
        (Some(a), Some(b)) => a != b,
        _ => false,
    };
    Edge {
        from: org.definition(from).id.to_owned(),
        to: org.definition(to).id.to_owned(),
        kind,
        need_by: dependency.map(|d| *d.need_by),
        cross_team,
        problem: dependency.and_then(|d| judge.problem(from, to, d)),
    }
}

/// Nodes within `depth` links of `start`, following links either way.
fn neighbourhood(
    start: NodeIndex,
    depth: Option<usize>,
    edges: &[petgraph::graph::EdgeReference<'_, super::Link>],
) -> HashSet<NodeIndex> {
    let mut adjacent: HashMap<NodeIndex, Vec<NodeIndex>> = HashMap::new();
    for edge in edges {
        adjacent
            .entry(edge.source())
            .or_default()
            .push(edge.target());
        adjacent
            .entry(edge.target())
            .or_default()
            .push(edge.source());
    }
    let mut seen = HashSet::from([start]);
    let mut queue = VecDeque::from([(start, 0usize)]);
    while let Some((node, distance)) = queue.pop_front() {
        if depth.is_some_and(|d| distance >= d) {
            continue;
        }
        for &next in adjacent.get(&node).into_iter().flatten() {
            if seen.insert(next) {
                queue.push_back((next, distance + 1));
            }
        }
    }
    seen
}

/// Indices of `team` and every team below it.
pub(crate) fn teams_under(org: &Org, team: EntityRef) -> HashSet<usize> {
    let mut members = HashSet::from([team.index]);
    // Parents may be listed after children; repeat until nothing changes.
    // A cycle in the hierarchy (reported by `check`) stops it too.
    loop {
        let before = members.len();
        for (index, t) in org.teams.iter().enumerate() {
            let parent_index = t
                .parent
                .as_ref()
                .and_then(|p| org.lookup(p))
                .filter(|e| e.kind == EntityKind::Team)
                .map(|e| e.index);
            if parent_index.is_some_and(|p| members.contains(&p)) {
                members.insert(index);
            }
        }
        if members.len() == before {
            return members;
        }
    }
}

/// Every team, parents before children, siblings by id.
pub(crate) fn teams_in_order(org: &Org) -> Vec<Team> {
    let mut out = Vec::new();
    let mut placed = HashSet::new();
    let parent_of = |index: usize| -> Option<usize> {
        let parent = org.teams[index].parent.as_ref()?;
        org.lookup(parent)
            .filter(|e| e.kind == EntityKind::Team)
            .map(|e| e.index)
    };
    let mut by_id: Vec<usize> = (0..org.teams.len()).collect();
    by_id.sort_by(|&a, &b| org.teams[a].id.cmp(&org.teams[b].id));
    // Roots are teams without a (resolvable) parent; a team stuck in a parent
    // cycle is placed at the end, so every team appears once.
    fn place(
        org: &Org,
        index: usize,
        by_id: &[usize],
        parent_of: &dyn Fn(usize) -> Option<usize>,
        placed: &mut HashSet<usize>,
        out: &mut Vec<Team>,
    ) {
        if !placed.insert(index) {
            return;
        }
        let team = &org.teams[index];
        out.push(Team {
            id: team.id.value.clone(),
            name: team.name.value.clone(),
            parent: parent_of(index).map(|p| org.teams[p].id.value.clone()),
        });
        for &child in by_id {
            if parent_of(child) == Some(index) {
                place(org, child, by_id, parent_of, placed, out);
            }
        }
    }
    for &index in &by_id {
        if parent_of(index).is_none() {
            place(org, index, &by_id, &parent_of, &mut placed, &mut out);
        }
    }
    for &index in &by_id {
        place(org, index, &by_id, &parent_of, &mut placed, &mut out);
    }
    out
}
