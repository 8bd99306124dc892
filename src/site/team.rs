//! `teams/<id>.html`: a team's page. Its goals of the current period with
//! each key result's value over the period, its open initiatives, what it
//! waits on and what waits on it (red when late or broken), its check-ins of
//! the period, the teams below it and its people.

use std::collections::HashMap;

use serde::Serialize;

use super::{
    Context, DependencyRow, KeyResultCard, Site, chart, key_result_cards, markdown, paths, render,
};
use crate::error::Result;
use crate::graph::team_of;
use crate::model::{Date, EntityKind, EntityRef, GoalStatus, Health, IsoWeek};
use minijinja::Value;

#[derive(Serialize)]
struct GoalCard {
    id: String,
    title: String,
    status: &'static str,
    health: Option<Health>,
    progress: Option<f64>,
    bar: Value,
    owner: Option<String>,
    key_results: Vec<KeyResultCard>,
}

#[derive(Serialize)]
struct InitiativeRow {
    id: String,
    title: String,
    status: &'static str,
    health: Option<Health>,
    owner: Option<String>,
    due: Date,
    overdue: bool,
}

#[derive(Serialize)]
struct CheckIn {
    week: IsoWeek,
    author: String,
    health: Option<Health>,
    confidence: Option<f64>,
    body: Option<Value>,
}

#[derive(Serialize)]
struct Member {
    id: String,
    anchor: String,
    github: Option<String>,
    name: String,
    role: Option<String>,
    lead: bool,
}

pub(super) fn write_all(context: &Context<'_>, site: &mut Site) -> Result<()> {
    let by_team = ByTeam::new(context);
    for index in 0..context.org.teams.len() {
        let entity = EntityRef {
            kind: EntityKind::Team,
            index,
            child: 0,
        };
        if context.org.lookup(&context.org.teams[index].id) == Some(entity) {
            write(context, &by_team, site, entity)?;
        }
    }
    Ok(())
}

/// What each team's page lists, sorted out once, in file order: looking it
/// up per page read the whole org once per team (714 times in the
/// 5,000-person example, a third of the site's time).
struct ByTeam<'a> {
    /// Goals and initiatives by the team they belong to.
    goals: HashMap<EntityRef, Vec<EntityRef>>,
    initiatives: HashMap<EntityRef, Vec<EntityRef>>,
    /// Updates, active people and teams by the team id they name.
    updates: HashMap<&'a str, Vec<usize>>,
    people: HashMap<&'a str, Vec<usize>>,
    sub_teams: HashMap<&'a str, Vec<usize>>,
}

impl<'a> ByTeam<'a> {
    fn new(context: &Context<'a>) -> ByTeam<'a> {
        let org = context.org;
        let by_team = |kind: EntityKind, count: usize| {
            let mut out: HashMap<EntityRef, Vec<EntityRef>> = HashMap::new();
            for index in 0..count {
                let entity = EntityRef {
                    kind,
                    index,
                    child: 0,
                };
                if let Some(team) = team_of(org, entity) {
                    out.entry(team).or_default().push(entity);
                }
            }
            out
        };
        let mut updates: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, update) in org.updates.iter().enumerate() {
            updates.entry(update.team.as_str()).or_default().push(index);
        }
        let mut people: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, person) in org.people.iter().enumerate() {
            if let Some(team) = person.team.as_deref()
                && person.is_active()
            {
                people.entry(team.as_str()).or_default().push(index);
            }
        }
        let mut sub_teams: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, team) in org.teams.iter().enumerate() {
            if let Some(parent) = team.parent.as_deref() {
                sub_teams.entry(parent.as_str()).or_default().push(index);
            }
        }
        ByTeam {
            goals: by_team(EntityKind::Goal, org.goals.len()),
            initiatives: by_team(EntityKind::Initiative, org.initiatives.len()),
            updates,
            people,
            sub_teams,
        }
    }
}

fn write(
    context: &Context<'_>,
    by_team: &ByTeam<'_>,
    site: &mut Site,
    team: EntityRef,
) -> Result<()> {
    let org = context.org;
    let record = &org.teams[team.index];
    let id = record.id.value.as_str();
    let listed = |groups: &HashMap<EntityRef, Vec<EntityRef>>| {
        groups.get(&team).map_or(&[][..], Vec::as_slice).to_vec()
    };
    let named =
        |groups: &HashMap<&str, Vec<usize>>| groups.get(id).map_or(&[][..], Vec::as_slice).to_vec();

    let mut goals = Vec::new();
    for entity in listed(&by_team.goals) {
        let goal = org.goal_at(entity);
        if *goal.period != context.period {
            continue;
        }
        let progress = crate::reports::status::progress(goal);
        goals.push(GoalCard {
            id: goal.id.value.clone(),
            title: goal.title.value.clone(),
            status: goal.status().as_str(),
            health: org.health(entity),
            progress,
            bar: render::safe(chart::bar(progress)),
            owner: org
                .owner_of(entity)
                .and_then(|o| o.single())
                .map(str::to_owned),
            key_results: key_result_cards(context, entity),
        });
    }
    // Active goals first; the order of the files within.
    goals.sort_by_key(|g| g.status != GoalStatus::Active.as_str());

    let mut initiatives = Vec::new();
    for entity in listed(&by_team.initiatives) {
        let initiative = org.initiative_at(entity);
        if org.is_closed(entity) {
            continue;
        }
        initiatives.push(InitiativeRow {
            id: initiative.id.value.clone(),
            title: initiative.title.value.clone(),
            status: initiative.status().as_str(),
            health: org.health(entity),
            owner: org
                .owner_of(entity)
                .and_then(|o| o.single())
                .map(str::to_owned),
            due: *initiative.due,
            overdue: *initiative.due < context.today,
        });
    }
    initiatives.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));

    let is_team = |t: &Option<String>| t.as_deref() == Some(id);
    let mut waits_on: Vec<&DependencyRow> = context
        .dependencies
        .iter()
        .filter(|d| is_team(&d.from_team))
        .collect();
    waits_on.sort_by(|a, b| (!a.broken, a.need_by, &a.from).cmp(&(!b.broken, b.need_by, &b.from)));
    let mut waited_on: Vec<&DependencyRow> = context
        .dependencies
        .iter()
        .filter(|d| is_team(&d.to_team) && !is_team(&d.from_team))
        .collect();
    waited_on.sort_by(|a, b| (!a.broken, a.need_by, &a.from).cmp(&(!b.broken, b.need_by, &b.from)));

    let (first_week, last_week) = (
        IsoWeek::containing(context.from),
        IsoWeek::containing(context.until()),
    );
    let mut check_ins: Vec<CheckIn> = named(&by_team.updates)
        .into_iter()
        .map(|index| &org.updates[index])
        .filter(|u| *u.week >= first_week && *u.week <= last_week)
        .map(|u| CheckIn {
            week: *u.week,
            author: u.author.value.clone(),
            health: u.health(),
            confidence: u.confidence.as_deref().copied(),
            body: u
                .body
                .as_ref()
                .filter(|b| !b.markdown.trim().is_empty())
                .map(|b| render::safe(markdown::to_html(&b.markdown))),
        })
        .collect();
    check_ins.sort_by_key(|c| std::cmp::Reverse(c.week));

    let lead = record.lead.as_ref().map(|l| l.value.clone());
    let mut members: Vec<Member> = named(&by_team.people)
        .into_iter()
        .map(|index| &org.people[index])
        .map(|p| Member {
            id: p.id.value.clone(),
            anchor: paths::person_anchor(&p.id),
            github: p.github.as_ref().map(|g| g.value.clone()),
            name: p.name.value.clone(),
            role: p.role.as_ref().map(|r| r.value.clone()),
            lead: lead.as_deref() == Some(p.id.as_str()),
        })
        .collect();
    members.sort_by(|a, b| (!a.lead, &a.name).cmp(&(!b.lead, &b.name)));
    let sub_teams: Vec<(String, String)> = named(&by_team.sub_teams)
        .into_iter()
        .map(|index| &org.teams[index])
        .map(|t| (t.id.value.clone(), t.name.value.clone()))
        .collect();

    let score = context
        .review
        .and_then(|r| r.teams.iter().find(|t| t.id == id))
        .map(|t| &t.summary);
    let elapsed = context.review.map(|r| r.period.elapsed);
    // The quarter's execution-health figures (the review's, this quarter
    // only).
    let health = context
        .review
        .and_then(|r| r.health.teams.iter().find(|t| t.id == id))
        .and_then(|t| t.periods.last().cloned().flatten());
    context.page(
        site,
        &paths::page_of(org, team),
        "team.html.j2",
        &record.name,
        minijinja::context! {
            id => id,
            name => &record.name.value,
            mission => record.mission.as_ref().map(|m| &m.value),
            parent => record.parent.as_ref().map(|p| &p.value),
            lead => lead,
            goals => goals,
            initiatives => initiatives,
            waits_on => waits_on,
            waited_on => waited_on,
            check_ins => check_ins,
            members => members,
            sub_teams => sub_teams,
            score => score,
            elapsed => elapsed,
            health => health,
            history_unavailable => &context.history_unavailable,
        },
    )
}
