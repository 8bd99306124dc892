//! `org.html`: the team of teams. Each team with its lead, its people and
//! the teams below it, as nested lists that fold (`<details>`), so a
//! 5,000-person org stays one readable page.

use serde::Serialize;

use super::{Context, Site};
use crate::error::Result;
use crate::model::EntityKind;

#[derive(Serialize)]
struct TeamNode {
    id: String,
    name: String,
    lead: Option<String>,
    lead_name: Option<String>,
    people: usize,
    /// People in this team and every team below it.
    total: usize,
    children: Vec<TeamNode>,
}

pub(super) fn write(context: &Context<'_>, site: &mut Site) -> Result<()> {
    let org = context.org;
    let parent_of = |index: usize| {
        org.teams[index]
            .parent
            .as_ref()
            .and_then(|p| org.lookup(p))
            .filter(|e| e.kind == EntityKind::Team)
            .map(|e| e.index)
    };
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); org.teams.len()];
    let mut roots = Vec::new();
    for index in 0..org.teams.len() {
        match parent_of(index) {
            Some(parent) if parent != index => children[parent].push(index),
            _ => roots.push(index),
        }
    }
    let mut people = vec![0usize; org.teams.len()];
    for person in org.people.iter().filter(|p| p.is_active()) {
        if let Some(team) = person
            .team
            .as_ref()
            .and_then(|t| org.lookup(t))
            .filter(|e| e.kind == EntityKind::Team)
        {
            people[team.index] += 1;
        }
    }
    let by_id =
        |list: &mut Vec<usize>| list.sort_by(|&a, &b| org.teams[a].id.cmp(&org.teams[b].id));
    for list in &mut children {
        by_id(list);
    }
    by_id(&mut roots);
    let mut placed = vec![false; org.teams.len()];
    let mut tree = Vec::new();
    for &root in &roots {
        tree.extend(node(context, root, &children, &people, &mut placed));
    }
    // Teams in a parent cycle (`orgit check` reports it) hang nowhere:
    // list them at the top.
    for index in 0..org.teams.len() {
        if !placed[index] {
            tree.extend(node(context, index, &children, &people, &mut placed));
        }
    }
    let teams = org.teams.len();
    let total: usize = people.iter().sum();
    context.page(
        site,
        "org.html",
        "org.html.j2",
        "Teams",
        minijinja::context! { tree => tree, teams => teams, people => total },
    )
}

fn node(
    context: &Context<'_>,
    index: usize,
    children: &[Vec<usize>],
    people: &[usize],
    placed: &mut [bool],
) -> Option<TeamNode> {
    if placed[index] {
        return None;
    }
    placed[index] = true;
    let org = context.org;
    let team = &org.teams[index];
    let kids: Vec<TeamNode> = children[index]
        .iter()
        .filter_map(|&child| node(context, child, children, people, placed))
        .collect();
    let lead = team.lead.as_ref().map(|l| l.value.clone());
    Some(TeamNode {
        id: team.id.value.clone(),
        name: team.name.value.clone(),
        lead_name: lead
            .as_deref()
            .and_then(|l| org.person(l))
            .map(|p| p.name.value.clone()),
        lead,
        people: people[index],
        total: people[index] + kids.iter().map(|k| k.total).sum::<usize>(),
        children: kids,
    })
}
