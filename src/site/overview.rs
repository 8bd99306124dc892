//! `index.html`: where the org stands, from the same report `orgit status`
//! prints: goals of the current period team by team (teams without goals are
//! left out; the team-of-teams page lists them all), then what needs
//! attention.

use minijinja::Value;
use serde::Serialize;

use super::{Context, Site, chart, render};
use crate::error::Result;
use crate::reports::status;

#[derive(Serialize)]
struct Section {
    team: Option<String>,
    name: String,
    depth: usize,
    goals: Vec<GoalRow>,
    on_track: usize,
}

#[derive(Serialize)]
struct GoalRow {
    id: String,
    title: String,
    health: Option<crate::model::Health>,
    progress: Option<f64>,
    bar: Value,
}

pub(super) fn write(context: &Context<'_>, site: &mut Site) -> Result<()> {
    let report = status::build(context.org, context.today, None);
    let sections: Vec<Section> = report
        .sections
        .iter()
        .filter(|s| !s.goals.is_empty())
        .map(|s| Section {
            team: s.team.clone(),
            name: s.name.clone(),
            depth: s.depth,
            on_track: s
                .goals
                .iter()
                .filter(|g| g.health == Some(crate::model::Health::OnTrack))
                .count(),
            goals: s
                .goals
                .iter()
                .map(|g| GoalRow {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    health: g.health,
                    progress: g.progress,
                    bar: render::safe(chart::bar(g.progress)),
                })
                .collect(),
        })
        .collect();
    let goals: usize = sections.iter().map(|s| s.goals.len()).sum();
    let on_track: usize = sections.iter().map(|s| s.on_track).sum();
    let broken: Vec<&super::DependencyRow> =
        context.dependencies.iter().filter(|d| d.broken).collect();
    context.page(
        site,
        "index.html",
        "overview.html.j2",
        "Overview",
        minijinja::context! {
            sections => sections,
            goals => goals,
            on_track => on_track,
            at_risk => report.at_risk,
            broken => broken,
            overdue => report.overdue,
            decisions_waiting => report.decisions_waiting,
            history_unavailable => &context.history_unavailable,
        },
    )
}
