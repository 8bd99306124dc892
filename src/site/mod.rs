//! `orgit site`: the org as a self-contained static website, for GitHub Pages
//! or a file opened from disk.
//!
//! [`build`] turns the loaded org, the period's history (from the same
//! history engine as the digest) and the committed digests and reviews into
//! a map of file paths to bytes; it does no I/O. [`output::write`] puts that
//! map on disk, replacing a previous site in one rename. Pages, one module
//! per kind:
//!
//! - [`overview`]: `index.html`, goals team by team with health and
//!   progress, and what needs attention, as `orgit status` judges it;
//! - [`team`]: `teams/<id>.html`, a team's goals with each metric key
//!   result's value over the period ([`chart`]), its initiatives, what it
//!   waits on and what waits on it, its check-ins, its people;
//! - [`entity`]: `goals/`, `initiatives/`, `decisions/`, `risks/` and
//!   `people/<id>.html`, the fields and links of `orgit show`, the rendered
//!   markdown body, and the period's history with commit links;
//! - [`org_chart`]: `org.html`, the team of teams with leads and people;
//! - [`graph`]: `graph.html`, the dependency graph drawn by the vendored
//!   Cytoscape.js, late and broken dependencies in red;
//! - [`documents`]: `documents.html` and the committed `digests/*.md` and
//!   `reviews/*.md` as pages;
//! - [`search`]: the index of ids and titles behind every page's search box.
//!
//! Safety: page templates escape every string ([`render`]); markdown goes
//! through a sanitiser ([`markdown`]); pages carry a Content-Security-Policy
//! that allows scripts and styles from the site's own files only, so even a
//! sanitiser bug could not run an inline script. Output is deterministic: the
//! same org, history and date give the same bytes.

pub mod chart;
mod documents;
mod entity;
mod graph;
pub mod markdown;
mod org_chart;
pub mod output;
mod overview;
pub mod paths;
mod render;
mod search;
mod team;
pub mod timeline;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use minijinja::Value;
use serde::Serialize;

use crate::error::Result;
use crate::graph::{DependencyJudge, DependencyProblem, OrgGraph, team_of, title_of};
use crate::history::History;
use crate::model::{Date, EntityKind, EntityRef, Health, Org, Period};
use crate::reports::review::Review;
use crate::source::GitHubRepository;
use render::Renderer;
use timeline::Timeline;

pub use documents::Document;

/// The name of the marker file in every site folder orgit writes.
pub const MARKER: &str = ".orgit-site";

/// What the site is built from.
pub struct Inputs<'a> {
    pub org: &'a Org,
    /// The date judged against: overdue items, late dependencies.
    pub today: Date,
    /// The current period's history, or why there is none.
    pub history: std::result::Result<&'a History, String>,
    /// Where the period starts in `history` (it may reach further back):
    /// the site shows the changes from here on.
    pub history_from: Option<jiff::Timestamp>,
    /// Where commits link to, when the repository is on GitHub.
    pub repository: Option<GitHubRepository>,
    /// The committed digests and reviews.
    pub documents: Vec<Document>,
    /// The commit the site is built from, first 7 hex digits.
    pub head: Option<String>,
    /// The current quarter so far, scored as `orgit review quarterly` scores
    /// it: each team's execution figures. `None` without history.
    pub review: Option<&'a Review>,
}

/// The site: file paths (relative, `/`-separated) and their bytes.
#[derive(Debug, Default)]
pub struct Site {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// Pages written (HTML files).
    pub fn pages(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

const ASSETS: &[(&str, &str)] = &[
    (
        "assets/site.css",
        include_str!("../../templates/site/assets/site.css"),
    ),
    (
        "assets/site.js",
        include_str!("../../templates/site/assets/site.js"),
    ),
    (
        "assets/graph.js",
        include_str!("../../templates/site/assets/graph.js"),
    ),
    (
        "assets/vendor/cytoscape.min.js",
        include_str!("../../vendor/cytoscape/cytoscape.min.js"),
    ),
    (
        "assets/vendor/cytoscape.LICENSE.txt",
        include_str!("../../vendor/cytoscape/LICENSE"),
    ),
];

/// Builds every page of the site.
pub fn build(inputs: &Inputs<'_>) -> Result<Site> {
    let org = inputs.org;
    let graph = OrgGraph::build(org);
    let context = Context::new(inputs, &graph);
    let mut site = Site::default();
    for (path, text) in ASSETS {
        site.add(*path, *text);
    }
    site.add(MARKER, output::MARKER_TEXT);
    // Nothing on GitHub Pages is processed by Jekyll: folders and files
    // starting with `_` (hex-spelled ids) are served as they are.
    site.add(".nojekyll", "");
    site.add("assets/search-index.js", search::index(org, &context.pages));
    overview::write(&context, &mut site)?;
    entity::write_all(&context, &mut site)?;
    team::write_all(&context, &mut site)?;
    org_chart::write(&context, &mut site)?;
    graph::write(&context, &mut site)?;
    documents::write(&context, &inputs.documents, &mut site)?;
    Ok(site)
}

/// What every page builder shares.
struct Context<'a> {
    org: &'a Org,
    graph: &'a OrgGraph,
    /// Judges dependencies; built once, since it finds the graph's cycles.
    judge: DependencyJudge<'a>,
    today: Date,
    period: Period,
    /// The period's first and last day.
    from: Date,
    to: Date,
    timeline: Timeline<'a>,
    history_unavailable: Option<String>,
    /// Every entity's page, by id.
    pages: Arc<HashMap<String, String>>,
    renderer: Renderer,
    org_name: String,
    head: Option<String>,
    dependencies: Vec<DependencyRow>,
    review: Option<&'a Review>,
    /// People who own or lead something get a page of their own.
    people_with_pages: HashSet<String>,
}

/// The ids of the people who own an item or lead a team: the people with
/// something to show on a page of their own. (In a 5,000-person org most
/// own nothing; a page each would be most of the site's files.)
fn people_with_pages(org: &Org) -> HashSet<String> {
    let mut out = HashSet::new();
    for definition in org.definitions() {
        if let Some(owner) = org.owner_of(definition.entity).and_then(|o| o.single()) {
            out.insert(owner.to_owned());
        }
    }
    for team in &org.teams {
        if let Some(lead) = &team.lead {
            out.insert(lead.value.clone());
        }
    }
    out
}

impl<'a> Context<'a> {
    fn new(inputs: &Inputs<'a>, graph: &'a OrgGraph) -> Self {
        let org = inputs.org;
        let period = Period::containing(inputs.today, org.fiscal_year_start_month());
        let (from, to) = period.date_range(org.fiscal_year_start_month());
        let people_with_pages = people_with_pages(org);
        let mut pages = HashMap::new();
        for definition in org.definitions() {
            // The first definition of an id wins, as in the loader.
            if org.lookup(definition.id) != Some(definition.entity) {
                continue;
            }
            let page = if definition.entity.kind == EntityKind::Person
                && !people_with_pages.contains(definition.id)
            {
                // Someone who owns and leads nothing is a line on their
                // team's page.
                let person = &org.people[definition.entity.index];
                person
                    .team
                    .as_ref()
                    .and_then(|t| org.lookup(t))
                    .filter(|t| t.kind == EntityKind::Team)
                    .map(|t| {
                        format!(
                            "{}#{}",
                            paths::page_of(org, t),
                            paths::person_anchor(definition.id)
                        )
                    })
            } else {
                Some(paths::page_of(org, definition.entity))
            };
            if let Some(page) = page {
                pages.insert(definition.id.to_owned(), page);
            }
        }
        let pages = Arc::new(pages);
        let names: HashMap<String, String> = org
            .people
            .iter()
            .map(|p| (p.id.value.clone(), p.name.value.clone()))
            .collect();
        let (history, history_unavailable) = match &inputs.history {
            Ok(history) => (Some(*history), None),
            Err(reason) => (None, Some(reason.clone())),
        };
        let judge = DependencyJudge::new(org, graph, inputs.today);
        let dependencies = dependency_rows(org, &judge);
        Context {
            org,
            today: inputs.today,
            period,
            from,
            to,
            timeline: Timeline::new(history, inputs.history_from),
            history_unavailable,
            renderer: Renderer::new(Arc::clone(&pages), names, inputs.repository.clone()),
            pages,
            org_name: org
                .settings
                .as_ref()
                .map_or_else(|| "orgit".to_owned(), |s| s.name.value.clone()),
            head: inputs.head.clone(),
            dependencies,
            graph,
            judge,
            review: inputs.review,
            people_with_pages,
        }
    }

    /// Renders `template` for a page at `path`, with the fields every page
    /// has and the page's own.
    fn page(
        &self,
        site: &mut Site,
        path: &str,
        template: &str,
        title: &str,
        own: Value,
    ) -> Result<()> {
        let depth = path.matches('/').count();
        let base = minijinja::context! {
            root => "../".repeat(depth),
            org => &self.org_name,
            title => title,
            today => self.today,
            period => self.period,
            head => &self.head,
        };
        let html = self
            .renderer
            .render(template, &minijinja::context! { ..own, ..base })?;
        site.add(path, html);
        Ok(())
    }

    /// The last day the period's lines reach: today, or the period's end.
    fn until(&self) -> Date {
        self.today.min(self.to)
    }
}

/// One `depends_on` entry, judged as `orgit status` judges it.
#[derive(Clone, Debug, Serialize)]
struct DependencyRow {
    from: String,
    from_title: String,
    from_team: Option<String>,
    to: String,
    /// `None` when nothing has that id.
    to_title: Option<String>,
    to_team: Option<String>,
    need_by: Date,
    target_due: Option<Date>,
    problem: Option<DependencyProblem>,
    /// `problem` in words.
    problem_text: Option<&'static str>,
    /// Red: broken, late, overdue or cyclic (not merely at risk).
    broken: bool,
    why: Option<String>,
}

fn dependency_rows(org: &Org, judge: &DependencyJudge<'_>) -> Vec<DependencyRow> {
    let team =
        |entity: EntityRef| team_of(org, entity).map(|t| org.teams[t.index].id.value.clone());
    let mut rows = Vec::new();
    for definition in org.definitions() {
        let dependent = definition.entity;
        if !matches!(
            dependent.kind,
            EntityKind::Goal | EntityKind::KeyResult | EntityKind::Initiative
        ) {
            continue;
        }
        for dependency in org.depends_on(dependent) {
            let target = org.lookup(&dependency.on);
            let problem = target.and_then(|t| judge.problem(dependent, t, dependency));
            rows.push(DependencyRow {
                from: definition.id.to_owned(),
                from_title: title_of(org, dependent).to_owned(),
                from_team: team(dependent),
                to: dependency.on.value.clone(),
                to_title: target.map(|t| title_of(org, t).to_owned()),
                to_team: target.and_then(team),
                need_by: *dependency.need_by,
                target_due: target.and_then(|t| org.due_date(t)),
                problem,
                problem_text: problem.map(DependencyProblem::describe),
                broken: target.is_none() || problem.is_some_and(DependencyProblem::is_broken),
                why: dependency.why.as_ref().map(|w| w.value.clone()),
            });
        }
    }
    rows
}

/// A key result as the goal and team pages show it, with its chart.
#[derive(Serialize)]
struct KeyResultCard {
    id: String,
    anchor: String,
    title: String,
    owner: Option<String>,
    health: Option<Health>,
    progress: Option<f64>,
    bar: Value,
    /// `12 → 20 logos`, or `done` / `due 2026-12-01` for a milestone.
    value: String,
    /// The metric's value over the period, or none for a milestone.
    chart: Option<Value>,
    /// The commits that set the value, newest first.
    points: Vec<timeline::Point>,
}

fn key_result_cards(context: &Context<'_>, goal: EntityRef) -> Vec<KeyResultCard> {
    let org = context.org;
    let record = org.goal_at(goal);
    record
        .key_results
        .iter()
        .enumerate()
        .map(|(child, kr)| {
            let entity = EntityRef {
                kind: EntityKind::KeyResult,
                index: goal.index,
                child,
            };
            let owner = org
                .owner_of(entity)
                .and_then(|o| o.single())
                .map(str::to_owned);
            let (progress, value, chart, points) = match (&kr.metric, &kr.milestone) {
                (Some(metric), _) => {
                    let unit = metric.unit.as_ref().map(|u| u.value.as_str());
                    let points = context.timeline.series(&kr.id, context.from);
                    let svg = chart::metric(&chart::MetricChart {
                        title: &kr.title,
                        points: &points,
                        baseline: *metric.baseline,
                        target: *metric.target,
                        unit,
                        from: context.from,
                        to: context.to,
                        until: context.until(),
                    });
                    let unit_text = unit.map(|u| format!(" {u}")).unwrap_or_default();
                    let value = format!(
                        "{}{unit_text} · from {} to {}",
                        timeline::number_text(*metric.current),
                        timeline::number_text(*metric.baseline),
                        timeline::number_text(*metric.target),
                    );
                    let mut points = points;
                    points.retain(|p| p.commit.is_some());
                    points.reverse();
                    (
                        Some(metric.progress()),
                        value,
                        Some(render::safe(svg)),
                        points,
                    )
                }
                (None, Some(milestone)) => {
                    let value = if milestone.done {
                        "done".to_owned()
                    } else {
                        format!("due {}", *milestone.due)
                    };
                    (
                        Some(if milestone.done { 1.0 } else { 0.0 }),
                        value,
                        None,
                        Vec::new(),
                    )
                }
                (None, None) => (None, String::new(), None, Vec::new()),
            };
            KeyResultCard {
                id: kr.id.value.clone(),
                anchor: paths::anchor(&kr.id),
                title: kr.title.value.clone(),
                owner,
                health: org.health(entity),
                progress,
                bar: render::safe(chart::bar(progress)),
                value,
                chart,
                points,
            }
        })
        .collect()
}
