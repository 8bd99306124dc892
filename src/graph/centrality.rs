//! Who the org waits on most: items ranked by how many others wait on them
//! (directly or not) and by betweenness centrality (how many of the shortest
//! chains of needs pass through them), and the same rolled up by team.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Reversed;

use super::items::team_of;
use super::{DeliveryGraph, LinkKind, OrgGraph};
use crate::model::{EntityRef, Org};

/// An item others wait on.
#[derive(Clone, Debug, PartialEq)]
pub struct Bottleneck {
    pub entity: EntityRef,
    /// Open items that need it, directly or through others.
    pub dependents: usize,
    /// Those that belong to another team (or are company-wide).
    pub other_team_dependents: usize,
    /// Betweenness centrality: how many shortest chains of needs between two
    /// other items pass through it (shared when there are several).
    pub betweenness: f64,
}

/// A team others wait on.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamBottleneck {
    pub team: EntityRef,
    /// Open items of other teams (or company-wide) that need one of its items.
    pub dependents: usize,
    /// Sum of its items' betweenness.
    pub betweenness: f64,
}

/// Every open item at least one other item needs, most-waited-on first.
pub fn bottlenecks(org: &Org, delivery: &DeliveryGraph) -> (Vec<Bottleneck>, Vec<TeamBottleneck>) {
    let graph = delivery.graph();
    let betweenness = betweenness(graph);
    let teams: Vec<Option<EntityRef>> = graph.node_weights().map(|e| team_of(org, *e)).collect();
    let mut items = Vec::new();
    let mut team_dependents: BTreeMap<usize, BTreeSet<NodeIndex>> = BTreeMap::new();
    let mut team_betweenness: BTreeMap<usize, f64> = BTreeMap::new();
    for node in graph.node_indices() {
        let dependents = reachable(Reversed(graph), node);
        if dependents.is_empty() {
            continue;
        }
        let team = teams[node.index()];
        let others: Vec<NodeIndex> = dependents
            .iter()
            .copied()
            .filter(|d| teams[d.index()] != team || team.is_none())
            .collect();
        if let Some(team) = team {
            team_dependents
                .entry(team.index)
                .or_default()
                .extend(others.iter().copied());
            *team_betweenness.entry(team.index).or_default() += betweenness[node.index()];
        }
        items.push(Bottleneck {
            entity: graph[node],
            dependents: dependents.len(),
            other_team_dependents: others.len(),
            betweenness: betweenness[node.index()],
        });
    }
    items.sort_by(|a, b| {
        b.dependents
            .cmp(&a.dependents)
            .then(b.betweenness.total_cmp(&a.betweenness))
            .then_with(|| org.definition(a.entity).id.cmp(org.definition(b.entity).id))
    });
    let mut teams_out: Vec<TeamBottleneck> = team_dependents
        .into_iter()
        .filter(|(_, dependents)| !dependents.is_empty())
        .map(|(index, dependents)| TeamBottleneck {
            team: EntityRef {
                kind: crate::model::EntityKind::Team,
                index,
                child: 0,
            },
            dependents: dependents.len(),
            betweenness: team_betweenness.get(&index).copied().unwrap_or(0.0),
        })
        .collect();
    teams_out.sort_by(|a, b| {
        b.dependents
            .cmp(&a.dependents)
            .then(b.betweenness.total_cmp(&a.betweenness))
            .then_with(|| org.teams[a.team.index].id.cmp(&org.teams[b.team.index].id))
    });
    (items, teams_out)
}

/// Nodes reachable from `start` (not counting it), breadth first.
fn reachable<G>(graph: G, start: NodeIndex) -> Vec<NodeIndex>
where
    G: petgraph::visit::IntoNeighbors<NodeId = NodeIndex>,
{
    let mut seen = BTreeSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in graph.neighbors(node) {
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    seen.remove(&start);
    seen.into_iter().collect()
}

/// Brandes' betweenness centrality on the unweighted directed graph, not
/// normalized: the number of shortest paths between other nodes through each
/// node, a path shared equally where there are several.
pub fn betweenness<N, E>(graph: &DiGraph<N, E>) -> Vec<f64> {
    let n = graph.node_count();
    let mut centrality = vec![0.0; n];
    let mut sigma = vec![0.0f64; n];
    let mut distance = vec![-1i64; n];
    let mut delta = vec![0.0f64; n];
    let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
    for source in graph.node_indices() {
        // Nodes with no links add nothing; skipping them keeps sparse orgs fast.
        if graph.neighbors(source).next().is_none() {
            continue;
        }
        let mut order = Vec::new();
        for i in 0..n {
            predecessors[i].clear();
            sigma[i] = 0.0;
            distance[i] = -1;
            delta[i] = 0.0;
        }
        let s = source.index();
        sigma[s] = 1.0;
        distance[s] = 0;
        let mut queue = VecDeque::from([source]);
        while let Some(v) = queue.pop_front() {
            order.push(v.index());
            for w in graph.neighbors(v) {
                let (vi, wi) = (v.index(), w.index());
                if distance[wi] < 0 {
                    distance[wi] = distance[vi] + 1;
                    queue.push_back(w);
                }
                if distance[wi] == distance[vi] + 1 {
                    sigma[wi] += sigma[vi];
                    predecessors[wi].push(vi);
                }
            }
        }
        while let Some(w) = order.pop() {
            for &v in &predecessors[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                centrality[w] += delta[w];
            }
        }
    }
    centrality
}

/// Open `depends_on` links between two different teams, as
/// `(waiting team, team waited on) → count`.
pub fn team_matrix(org: &Org, graph: &OrgGraph) -> BTreeMap<(usize, usize), usize> {
    let whole = graph.graph();
    let mut matrix = BTreeMap::new();
    for edge in whole.raw_edges() {
        if edge.weight.kind != LinkKind::DependsOn {
            continue;
        }
        let (from, to) = (whole[edge.source()], whole[edge.target()]);
        if org.is_closed(from) || org.is_closed(to) {
            continue;
        }
        if let (Some(a), Some(b)) = (team_of(org, from), team_of(org, to))
            && a != b
        {
            *matrix.entry((a.index, b.index)).or_insert(0) += 1;
        }
    }
    matrix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn betweenness_counts_the_middle_of_a_chain() {
        let mut g = DiGraph::<(), ()>::new();
        let a = g.add_node(());
        let b = g.add_node(());
        let c = g.add_node(());
        g.add_edge(a, b, ());
        g.add_edge(b, c, ());
        // The one path between two other nodes (a → c) passes b.
        assert_eq!(betweenness(&g), vec![0.0, 1.0, 0.0]);
    }
}
