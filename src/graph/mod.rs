//! The org as a graph (petgraph): alignment, support, dependency and
//! ownership edges between teams, people, goals, key results, initiatives and
//! milestones. Checks use it for cycles; `graph`, `impact`, `show` and
//! `status` read it for pictures, what slips with what, and links both ways.

mod centrality;
mod cycles;
pub mod export;
mod impact;
mod items;
mod org_graph;

pub use centrality::{Bottleneck, TeamBottleneck, betweenness, bottlenecks, team_matrix};
pub use cycles::find_cycles;
pub use impact::{Affected, DeliveryGraph, Need, NeedKind};
pub use items::{DependencyJudge, DependencyProblem, dependencies_on, team_of, title_of};
pub use org_graph::{Link, LinkKind, OrgGraph, Orientation};
