use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

/// Every cycle in `graph`, one per strongly connected component, each as the
/// path of nodes that walks it (first node not repeated at the end). Cycles are
/// returned starting at their smallest node, in node order, so output is stable.
pub fn find_cycles<N, E>(graph: &DiGraph<N, E>) -> Vec<Vec<NodeIndex>> {
    let mut cycles = Vec::new();
    for component in tarjan_scc(graph) {
        let is_cycle = component.len() > 1 || graph.find_edge(component[0], component[0]).is_some();
        if !is_cycle {
            continue;
        }
        let mut members = component.clone();
        members.sort();
        let start = members[0];
        if let Some(path) = cycle_through(graph, start, &members) {
            cycles.push(path);
        }
    }
    cycles.sort();
    cycles
}

/// A shortest path from `start` back to itself inside the component (BFS), so
/// the reported cycle is as short as possible.
fn cycle_through<N, E>(
    graph: &DiGraph<N, E>,
    start: NodeIndex,
    members: &[NodeIndex],
) -> Option<Vec<NodeIndex>> {
    use std::collections::{HashMap, VecDeque};
    let mut previous: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        let mut next: Vec<NodeIndex> = graph.neighbors(node).collect();
        next.sort();
        for neighbor in next {
            if neighbor == start {
                let mut path = vec![node];
                let mut at = node;
                while at != start {
                    at = previous[&at];
                    path.push(at);
                }
                path.reverse();
                return Some(path);
            }
            if members.binary_search(&neighbor).is_ok() && !previous.contains_key(&neighbor) {
                previous.insert(neighbor, node);
                queue.push_back(neighbor);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_cycle_as_a_path() {
        let mut g = DiGraph::<&str, ()>::new();
        let a = g.add_node("a");
        let b = g.add_node("b");
        let c = g.add_node("c");
        let d = g.add_node("d");
        g.add_edge(a, b, ());
        g.add_edge(b, c, ());
        g.add_edge(c, a, ());
        g.add_edge(d, d, ());
        g.add_edge(c, d, ());
        let cycles = find_cycles(&g);
        assert_eq!(cycles, vec![vec![a, b, c], vec![d]]);
    }

    #[test]
    fn acyclic_graph_has_none() {
        let mut g = DiGraph::<(), ()>::new();
        let a = g.add_node(());
        let b = g.add_node(());
        g.add_edge(a, b, ());
        assert!(find_cycles(&g).is_empty());
    }
}
