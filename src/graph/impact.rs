//! What slips with what. A *delivery* graph links each open work item to what
//! its delivery needs, with the *slack* of each link: how many days the needed
//! item may slip before the one that needs it slips too.
//!
//! An item needs: what it `depends_on` (slack: `need_by` minus the target's
//! due date); a goal its key results and an initiative its milestones (the
//! whole's due date minus the part's); a key result or goal the initiatives
//! that `support` it and the goals that `align_to` it (its due date minus
//! theirs). Done and abandoned items are left out: they can no longer slip.
//!
//! If X slips by `d` days, an item that needs X slips once `d` passes the
//! link's slack, and then by the excess, which carries on up the chain. So
//! the slack of an item *with respect to X* is the smallest sum of slacks
//! along any chain between them, a shortest path (Dijkstra, in
//! O(E log V)). A link already late (negative slack) counts as zero: any
//! further slip passes straight through; [`Affected::late_by`] says by how much.

use std::collections::HashMap;

use petgraph::algo::dijkstra;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{EdgeRef, Reversed};
use serde::Serialize;

use super::{LinkKind, OrgGraph};
use crate::model::{Date, EntityKind, EntityRef, Org, Span};

/// Why one item needs another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedKind {
    /// A `depends_on` entry.
    DependsOn,
    /// A goal needs its key result, an initiative its milestone.
    Part,
    /// A key result or goal needs an initiative that `supports` it.
    Supported,
    /// A goal or key result needs a goal that `aligns_to` it.
    Aligned,
}

/// One link of the delivery graph, from the item that needs to the item needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Need {
    pub kind: NeedKind,
    /// Days between the needed item's due date and the date it is needed by
    /// (`need_by` for a dependency, otherwise the needing item's due date).
    pub slack_days: i64,
    /// `need_by` of a dependency.
    pub need_by: Option<Date>,
}

impl Need {
    /// What a slip must exceed to pass this link on.
    fn cost(&self) -> i64 {
        self.slack_days.max(0)
    }
}

/// Open work items and what each needs; node indices are the [`OrgGraph`]'s.
pub struct DeliveryGraph {
    graph: DiGraph<EntityRef, Need>,
}

/// An item reached from the one asked about, and how tightly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Affected {
    pub node: NodeIndex,
    pub entity: EntityRef,
    /// Days the item asked about (downstream) or this item (upstream) can
    /// slip before the other end slips: the least slack along any chain.
    pub slack_days: i64,
    /// The next item on that tightest chain towards the item asked about.
    pub via: EntityRef,
    /// The link between this item and `via`.
    pub need: Need,
    /// Links on the tightest chain back to the item asked about.
    pub hops: usize,
}

impl Affected {
    /// Days the link to `via` is already late by, when it is.
    pub fn late_by(&self) -> Option<i64> {
        (self.need.slack_days < 0).then_some(-self.need.slack_days)
    }
}

impl DeliveryGraph {
    pub fn build(org: &Org, graph: &OrgGraph) -> Self {
        let whole = graph.graph();
        let mut delivery = DiGraph::with_capacity(whole.node_count(), whole.edge_count());
        for entity in whole.node_weights() {
            delivery.add_node(*entity);
        }
        let open: Vec<bool> = whole
            .node_weights()
            .map(|e| is_work(e.kind) && !org.is_closed(*e))
            .collect();
        let due = |node: NodeIndex| org.due_date(whole[node]);
        for edge in whole.raw_edges() {
            let (source, target) = (edge.source(), edge.target());
            let (needer, needed, kind) = match edge.weight.kind {
                LinkKind::DependsOn => (source, target, NeedKind::DependsOn),
                LinkKind::KeyResultOf | LinkKind::MilestoneOf => (target, source, NeedKind::Part),
                LinkKind::Supports => (target, source, NeedKind::Supported),
                LinkKind::AlignsTo => (target, source, NeedKind::Aligned),
                LinkKind::Parent | LinkKind::TeamOf | LinkKind::OwnedBy => continue,
            };
            if needer == needed || !open[needer.index()] || !open[needed.index()] {
                continue;
            }
            let need_by = match kind {
                NeedKind::DependsOn => dependency_need_by(org, whole[needer], edge.weight.span),
                _ => None,
            };
            let (Some(needed_due), Some(by)) = (due(needed), need_by.or_else(|| due(needer)))
            else {
                continue;
            };
            let need = Need {
                kind,
                slack_days: needed_due.days_until(by),
                need_by,
            };
            delivery.add_edge(needer, needed, need);
        }
        DeliveryGraph { graph: delivery }
    }

    pub fn graph(&self) -> &DiGraph<EntityRef, Need> {
        &self.graph
    }

    /// Everything that slips if `node` slips, tightest first.
    pub fn downstream(&self, node: NodeIndex) -> Vec<Affected> {
        let reversed = Reversed(&self.graph);
        let distance = dijkstra(reversed, node, None, |edge| edge.weight().cost())
            .into_iter()
            .collect();
        self.collect(node, &distance, |at| {
            // `at` needs `via`: step towards the start through what `at` needs.
            self.graph
                .edges(at)
                .map(|edge| (edge.target(), *edge.weight()))
                .collect()
        })
    }

    /// Everything `node` waits on, directly or not, tightest first.
    pub fn upstream(&self, node: NodeIndex) -> Vec<Affected> {
        let distance = dijkstra(&self.graph, node, None, |edge| edge.weight().cost())
            .into_iter()
            .collect();
        self.collect(node, &distance, |at| {
            self.graph
                .edges_directed(at, petgraph::Direction::Incoming)
                .map(|edge| (edge.source(), *edge.weight()))
                .collect()
        })
    }

    /// The chain of needs that would make `goal` slip first: of everything it
    /// waits on that waits on nothing open itself, the one with the least
    /// slack (then the longest chain, then the latest due date), and the
    /// items between, from that item up to the goal.
    pub fn critical_path(&self, org: &Org, goal: NodeIndex) -> Vec<Affected> {
        let upstream = self.upstream(goal);
        let start = upstream
            .iter()
            .filter(|a| self.graph.neighbors(a.node).next().is_none())
            .min_by_key(|a| {
                (
                    a.slack_days,
                    std::cmp::Reverse(a.hops),
                    std::cmp::Reverse(org.due_date(a.entity)),
                    org.definition(a.entity).id,
                )
            });
        let by_entity: HashMap<EntityRef, &Affected> =
            upstream.iter().map(|a| (a.entity, a)).collect();
        let mut chain = Vec::new();
        let mut at = start;
        while let Some(link) = at {
            chain.push(link.clone());
            at = by_entity.get(&link.via).copied();
        }
        chain
    }

    /// Turns shortest distances into [`Affected`] entries: `towards` lists,
    /// for a node, its neighbours one step closer to the start and the link.
    fn collect(
        &self,
        start: NodeIndex,
        distance: &HashMap<NodeIndex, i64>,
        towards: impl Fn(NodeIndex) -> Vec<(NodeIndex, Need)>,
    ) -> Vec<Affected> {
        let mut hops: HashMap<NodeIndex, usize> = HashMap::from([(start, 0)]);
        let mut reached: Vec<(NodeIndex, i64)> = distance
            .iter()
            .filter(|(node, _)| **node != start)
            .map(|(node, days)| (*node, *days))
            .collect();
        // Closer nodes first, so each one's `via` already has its hop count.
        reached.sort_by_key(|&(node, days)| (days, node));
        let mut out = Vec::with_capacity(reached.len());
        let mut pending = reached;
        // Equal distances can chain (zero-slack links), so settle in rounds
        // until every node has found its step towards the start.
        while !pending.is_empty() {
            let waiting = pending.len();
            let mut next_round = Vec::new();
            for (node, days) in pending {
                let best = towards(node)
                    .into_iter()
                    .filter(|(via, need)| {
                        hops.contains_key(via)
                            && distance.get(via).is_some_and(|d| d + need.cost() == days)
                    })
                    .min_by_key(|(via, _)| (hops[via], *via));
                match best {
                    Some((via, need)) => {
                        let hop_count = hops[&via] + 1;
                        hops.insert(node, hop_count);
                        out.push(Affected {
                            node,
                            entity: self.graph[node],
                            slack_days: days,
                            via: self.graph[via],
                            need,
                            hops: hop_count,
                        });
                    }
                    None => next_round.push((node, days)),
                }
            }
            if next_round.len() == waiting {
                break;
            }
            pending = next_round;
        }
        out.sort_by_key(|a| (a.slack_days, a.hops, self.order_key(a.entity)));
        out
    }

    fn order_key(&self, entity: EntityRef) -> (EntityKind, usize, usize) {
        (entity.kind, entity.index, entity.child)
    }
}

/// Goals, key results, initiatives and milestones: the items that have due
/// dates and can slip.
fn is_work(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Goal | EntityKind::KeyResult | EntityKind::Initiative | EntityKind::Milestone
    )
}

/// The `need_by` of the `depends_on` entry whose `on` is written at `span`.
fn dependency_need_by(org: &Org, dependent: EntityRef, span: Span) -> Option<Date> {
    org.depends_on(dependent)
        .iter()
        .find(|d| d.on.span == span)
        .map(|d| *d.need_by)
}
