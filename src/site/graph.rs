//! `graph.html`: who waits on whom, drawn in the browser by the vendored
//! Cytoscape.js from `assets/graph-data.js`. The picture is the one `orgit
//! graph --kind dependencies` draws (items grouped by team); a dependency
//! that is late, overdue, cyclic or on something abandoned is red, one on an
//! item in trouble is orange. Clicking an item focuses it and its neighbours;
//! the page's own box focuses an id; a double click opens the item's page.
//! Large graphs start with the red dependencies only, so the first view is
//! readable and lays out quickly.

use std::collections::HashMap;

use serde::Serialize;

use super::{Context, Site};
use crate::error::Result;
use crate::graph::export::{Kinds, Options, Picture};

/// Above this many items the first view shows the red dependencies only.
pub const FIRST_VIEW_NODES: usize = 300;

#[derive(Serialize)]
struct Data<'a> {
    teams: Vec<[Option<&'a str>; 3]>,
    /// id, title, team, kind, health, state, page.
    nodes: Vec<[Option<&'a str>; 7]>,
    /// from, to, problem, red (1) or not (0).
    edges: Vec<(&'a str, &'a str, Option<&'static str>, u8)>,
    first_view_nodes: usize,
}

pub(super) fn write(context: &Context<'_>, site: &mut Site) -> Result<()> {
    let picture = Picture::build(
        context.org,
        context.graph,
        &Options {
            kinds: Kinds::Dependencies,
            focus: None,
            depth: None,
            team: None,
            today: context.today,
        },
    );
    let pages: &HashMap<String, String> = &context.pages;
    let data = Data {
        teams: picture
            .teams
            .iter()
            .map(|t| {
                [
                    Some(t.id.as_str()),
                    Some(t.name.as_str()),
                    t.parent.as_deref(),
                ]
            })
            .collect(),
        nodes: picture
            .nodes
            .iter()
            .map(|n| {
                [
                    Some(n.id.as_str()),
                    Some(n.title.as_str()),
                    n.team.as_deref(),
                    Some(n.kind.as_str()),
                    n.health.map(|h| h.as_str()),
                    Some(n.state),
                    pages.get(&n.id).map(String::as_str),
                ]
            })
            .collect(),
        edges: picture
            .edges
            .iter()
            .map(|e| {
                (
                    e.from.as_str(),
                    e.to.as_str(),
                    e.problem.map(|p| p.describe()),
                    u8::from(e.problem.is_some_and(|p| p.is_broken())),
                )
            })
            .collect(),
        first_view_nodes: FIRST_VIEW_NODES,
    };
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_owned());
    site.add(
        "assets/graph-data.js",
        format!("window.ORGIT_GRAPH = {json};\n"),
    );
    let red = data.edges.iter().filter(|e| e.3 == 1).count();
    context.page(
        site,
        "graph.html",
        "graph.html.j2",
        "Dependencies",
        minijinja::context! {
            nodes => data.nodes.len(),
            edges => data.edges.len(),
            red => red,
        },
    )
}
