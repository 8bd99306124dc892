//! One page per goal, initiative, decision, risk and person: the fields and
//! links of `orgit show` (the same report model), the markdown body, and the
//! period's history of the entity and its key results or milestones, each
//! change with its commit.

use serde::Serialize;

use super::{Context, Site, key_result_cards, markdown, paths, render};
use crate::error::Result;
use crate::model::{EntityKind, EntityRef};
use crate::reports::show::{self, HistoryView, Linked, Relation};

#[derive(Serialize)]
struct LinkSection {
    heading: &'static str,
    dependency: bool,
    items: Vec<Linked>,
}

#[derive(Serialize)]
struct MilestoneRow {
    id: String,
    anchor: String,
    title: String,
    due: crate::model::Date,
    done: bool,
}

pub(super) fn write_all(context: &Context<'_>, site: &mut Site) -> Result<()> {
    let org = context.org;
    for definition in org.definitions() {
        let entity = definition.entity;
        if !matches!(
            entity.kind,
            EntityKind::Goal
                | EntityKind::Initiative
                | EntityKind::Decision
                | EntityKind::Risk
                | EntityKind::Person
        ) || org.lookup(definition.id) != Some(entity)
            || (entity.kind == EntityKind::Person
                && !context.people_with_pages.contains(definition.id))
        {
            continue;
        }
        write(context, site, entity)?;
    }
    Ok(())
}

fn write(context: &Context<'_>, site: &mut Site, entity: EntityRef) -> Result<()> {
    let org = context.org;
    let unavailable = HistoryView::unavailable(org, context.today, String::new());
    let report = show::build_with(
        org,
        context.graph,
        &context.judge,
        entity,
        context.today,
        unavailable,
    );
    let mut ids = vec![report.id.as_str()];
    let body = match entity.kind {
        EntityKind::Goal => org.goal_at(entity).body.as_ref(),
        EntityKind::Initiative => org.initiative_at(entity).body.as_ref(),
        EntityKind::Decision => org.decisions[entity.index].body.as_ref(),
        EntityKind::Risk => org.risks[entity.index].body.as_ref(),
        _ => None,
    };
    let body = body
        .filter(|b| !b.markdown.trim().is_empty())
        .map(|b| render::safe(markdown::to_html(&b.markdown)));
    let key_results = if entity.kind == EntityKind::Goal {
        ids.extend(
            org.goal_at(entity)
                .key_results
                .iter()
                .map(|k| k.id.as_str()),
        );
        key_result_cards(context, entity)
    } else {
        Vec::new()
    };
    let milestones: Vec<MilestoneRow> = if entity.kind == EntityKind::Initiative {
        let initiative = org.initiative_at(entity);
        ids.extend(initiative.milestones.iter().map(|m| m.id.as_str()));
        initiative
            .milestones
            .iter()
            .map(|m| MilestoneRow {
                id: m.id.value.clone(),
                anchor: paths::anchor(&m.id),
                title: m.title.value.clone(),
                due: *m.due,
                done: m.done,
            })
            .collect()
    } else {
        Vec::new()
    };
    let changes = context.timeline.changes(&ids);
    let links: Vec<LinkSection> = report
        .links
        .iter()
        .map(|group| LinkSection {
            heading: group.relation.heading(),
            dependency: matches!(group.relation, Relation::WaitsOn | Relation::WaitedOnBy),
            items: group.items.clone(),
        })
        .collect();
    let path = paths::page_of(org, entity);
    let title = report.title.clone();
    context.page(
        site,
        &path,
        "entity.html.j2",
        &title,
        minijinja::context! {
            links => links,
            show => report,
            noun => entity.kind.noun(),
            body => body,
            key_results => key_results,
            milestones => milestones,
            changes => changes,
            history_unavailable => &context.history_unavailable,
            history_from => context.from,
            history_to => context.until(),
        },
    )
}
