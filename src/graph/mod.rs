//! The org as a graph (petgraph): alignment, support and dependency edges
//! between goals, key results, initiatives and milestones, and the team
//! hierarchy. Checks use it for cycles; later views use it for impact.

mod cycles;
mod org_graph;

pub use cycles::find_cycles;
pub use org_graph::{Link, LinkKind, OrgGraph, Orientation};
