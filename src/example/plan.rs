//! Builds the org and its plans: people and the team-of-teams hierarchy once,
//! then each quarter's goals (company → departments → groups, each aligned to
//! the one above), the initiatives that serve them and the cross-team
//! dependencies between them. Values are set "as of" a date, so a plan made
//! mid-quarter (the repository's first commit) already shows progress.

use std::collections::{BTreeMap, BTreeSet};

use rand::Rng as _;
use rand::seq::{IndexedRandom, SliceRandom};

use super::Rng;
use super::calendar::{Calendar, add_days, next_working_day, previous_working_day};
use super::catalog::{
    Archetype, COMPANY_GOALS, DEPARTMENTS, FIRST_NAMES, FOUNDING_DECISIONS, GoalTemplate,
    LAST_NAMES, MeasureTemplate, SQUAD_QUALIFIERS, Theme,
};
use super::world::{
    Course, Decision, Dependency, Fate, Goal, Initiative, KeyResult, Measure, Metric, Milestone,
    Person, Risk, Team, TeamKind, World,
};
use crate::model::{
    Date, DecisionStatus, Direction, GoalStatus, Health, InitiativeStatus, Period, RiskStatus,
};

/// Planning state that lasts across quarters.
#[derive(Debug)]
pub(super) struct Planner {
    /// Indices into [`COMPANY_GOALS`] the company sets every quarter.
    company_goals: Vec<usize>,
    /// Last value of each metric, so next quarter's baseline continues it.
    last_values: BTreeMap<String, f64>,
    names: BTreeSet<String>,
    handles: BTreeSet<String>,
    /// Ids of goals in short form (`q4`) or with the year (`q4-2026`).
    long_tags: bool,
    /// Someone who will leave: the planner gives them work to hand over.
    pub leaver: Option<String>,
}

/// What one planning round created.
#[derive(Debug, Default)]
pub(super) struct QuarterPlan {
    pub goals: Vec<usize>,
    pub initiatives: Vec<usize>,
}

impl Planner {
    /// Builds the company, its teams and people, as of `first_day`.
    pub fn build_org(
        world: &mut World,
        rng: &mut Rng,
        people: u32,
        first_day: Date,
        long_tags: bool,
    ) -> Planner {
        let team_count = (people / 7).max(7) as usize;
        let mut planner = Planner {
            company_goals: Vec::new(),
            last_values: BTreeMap::new(),
            names: BTreeSet::new(),
            handles: BTreeSet::new(),
            long_tags,
            leaver: None,
        };
        build_teams(world, rng, team_count);
        planner.staff(world, rng, people as usize, first_day);
        let extra = if team_count > 20 { 3 } else { 2 };
        let mut others: Vec<usize> = (1..COMPANY_GOALS.len()).collect();
        others.shuffle(rng);
        planner.company_goals = std::iter::once(0)
            .chain(others.into_iter().take(extra))
            .collect();
        planner.leaver = pick_leaver(world, rng);
        planner
    }

    /// `q4`, or `q4-2026` when the history spans more than a year of quarters.
    pub fn tag(&self, period: Period) -> String {
        if self.long_tags {
            format!("q{}-{}", period.quarter, period.fiscal_year)
        } else {
            format!("q{}", period.quarter)
        }
    }

    fn staff(&mut self, world: &mut World, rng: &mut Rng, people: usize, first_day: Date) {
        let order = world.teams_top_down();
        let leaves: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&t| world.teams[t].is_leaf())
            .collect();
        let departments: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&t| matches!(world.teams[t].kind, TeamKind::Department(_)))
            .collect();
        for &t in &order {
            let role = match world.teams[t].kind {
                TeamKind::Company => "Chief Executive Officer".to_owned(),
                TeamKind::Department(d) => d.lead_role.to_owned(),
                TeamKind::Group(a) => a.lead_role.to_owned(),
                TeamKind::Squad(_) => format!("Team Lead, {}", world.teams[t].name),
            };
            let team_id = world.teams[t].id.clone();
            let lead = self.hire(world, rng, &team_id, &role, first_day);
            world.teams[t].lead = world.people[lead].id.clone();
        }
        let company = world.teams[order[0]].id.clone();
        self.hire(world, rng, &company, "Chief of Staff", first_day);

        let mut remaining = people.saturating_sub(world.people.len());
        if remaining >= 2 * leaves.len() + departments.len() {
            for &d in &departments {
                let TeamKind::Department(department) = world.teams[d].kind else {
                    continue;
                };
                let role = department.staff_roles[0];
                let team_id = world.teams[d].id.clone();
                self.hire(world, rng, &team_id, role, first_day);
                remaining -= 1;
            }
        }
        let mut shuffled = leaves.clone();
        shuffled.shuffle(rng);
        for (i, &t) in shuffled.iter().enumerate() {
            let count = remaining / leaves.len() + usize::from(i < remaining % leaves.len());
            let Some(archetype) = world.teams[t].archetype() else {
                continue;
            };
            let team_id = world.teams[t].id.clone();
            for n in 0..count {
                let role = archetype.roles[n % archetype.roles.len()];
                self.hire(world, rng, &team_id, role, first_day);
            }
        }
    }

    /// A new person with a name nobody in the org has.
    pub fn hire(
        &mut self,
        world: &mut World,
        rng: &mut Rng,
        team: &str,
        role: &str,
        joined_before: Date,
    ) -> usize {
        let joined = add_days(joined_before, -rng.random_range(45..1800));
        self.hire_on(world, rng, team, role, joined, "yaml")
    }

    /// A new person joining on `joined`, their file written with `extension`.
    pub fn hire_on(
        &mut self,
        world: &mut World,
        rng: &mut Rng,
        team: &str,
        role: &str,
        joined: Date,
        extension: &'static str,
    ) -> usize {
        let (first, last) = loop {
            let first = *FIRST_NAMES.choose(rng).unwrap_or(&"Alex");
            let last = *LAST_NAMES.choose(rng).unwrap_or(&"Meyer");
            // Two people may share a first name, not a full name.
            if self.names.insert(format!("{first} {last}")) || self.names.len() > 12_000 {
                break (first, last);
            }
        };
        let (first_slug, last_slug) = (slug(first), slug(last));
        let id = world.claim_first_free(&[first_slug.clone(), format!("{first_slug}-{last_slug}")]);
        let initial: String = first_slug.chars().take(1).collect();
        let wanted_handle = format!("{initial}{last_slug}");
        let mut github = wanted_handle.clone();
        let mut n = 2;
        while !self.handles.insert(github.clone()) {
            github = format!("{wanted_handle}{n}");
            n += 1;
        }
        world.add_person(Person {
            email: format!("{id}@{}", world.company.domain),
            id,
            name: format!("{first} {last}"),
            github,
            team: team.to_owned(),
            role: role.to_owned(),
            joined,
            left: None,
            extension,
        })
    }

    /// The goals, initiatives and dependencies of `period`, planned on
    /// `plan_day`, with values as they stand at the end of `as_of`.
    pub fn plan_quarter(
        &mut self,
        world: &mut World,
        rng: &mut Rng,
        period: Period,
        plan_day: Date,
        as_of: Date,
    ) -> QuarterPlan {
        let mut plan = QuarterPlan::default();
        let mut kr_load = key_result_load(world);
        let order = world.teams_top_down();
        let company = order[0];
        let quarter_index = usize::from(period.quarter) + 4 * period.fiscal_year as usize;

        let ceo = world.teams[company].lead.clone();
        let leaver_goal_team = self
            .leaver
            .as_ref()
            .map(|l| world.goal_setting_team(world.team_index(&world.person(l).team)));
        let mut company_goal_ids: Vec<(Theme, String)> = Vec::new();
        for (n, &template_index) in self.company_goals.clone().iter().enumerate() {
            let template = &COMPANY_GOALS[template_index];
            // The CEO owns the revenue goal; the department that does the work
            // owns each of the others, its team leads the key results.
            let steward = steward(world, template.theme);
            let owner = match steward {
                Some(d) if n > 0 => world.teams[d].lead.clone(),
                _ => ceo.clone(),
            };
            let candidates = steward
                .map(|d| subtree_people(world, d))
                .unwrap_or_default();
            let goal_owner = owner.clone();
            let mut pick_owner = |world: &World, k: usize| {
                if k == 0 {
                    return goal_owner.clone();
                }
                least_loaded(world, &candidates, &mut kr_load).unwrap_or_else(|| goal_owner.clone())
            };
            let g = self.add_goal(
                world,
                rng,
                GoalSpec {
                    template,
                    team: None,
                    owner,
                    period,
                    aligns_to: None,
                    as_of,
                },
                &mut pick_owner,
            );
            company_goal_ids.push((template.theme, world.goals[g].id.clone()));
            plan.goals.push(g);
        }
        let aligned = |theme: Theme| {
            company_goal_ids
                .iter()
                .find(|(t, _)| *t == theme)
                .map(|(_, id)| id.clone())
        };

        let mut department_goal: BTreeMap<usize, String> = BTreeMap::new();
        for &t in &order {
            let (template, aligns_to) = match world.teams[t].kind {
                TeamKind::Company | TeamKind::Squad(_) => continue,
                TeamKind::Department(d) => (
                    &d.goal,
                    aligned(d.goal.theme).or_else(|| aligned(Theme::Revenue)),
                ),
                TeamKind::Group(a) => {
                    let template = &a.goals[(quarter_index + t) % a.goals.len()];
                    let parent_goal = world.teams[t]
                        .parent
                        .and_then(|p| department_goal.get(&p).cloned());
                    (template, aligned(template.theme).or(parent_goal))
                }
            };
            let candidates = subtree_people(world, t);
            let owner = world.teams[t].lead.clone();
            let leaver = self.leaver.clone();
            let mut pick_owner = |world: &World, n: usize| {
                // The leaver owns the first key result of their team's goal, so
                // leaving has something to hand over.
                if n == 0
                    && leaver_goal_team == Some(t)
                    && let Some(leaver) = &leaver
                    && candidates.contains(&world.person_index(leaver))
                    && world.person(leaver).is_active()
                {
                    return leaver.clone();
                }
                least_loaded(world, &candidates, &mut kr_load).unwrap_or_else(|| owner.clone())
            };
            let g = self.add_goal(
                world,
                rng,
                GoalSpec {
                    template,
                    team: Some(t),
                    owner: owner.clone(),
                    period,
                    aligns_to,
                    as_of,
                },
                &mut pick_owner,
            );
            if matches!(world.teams[t].kind, TeamKind::Department(_)) {
                department_goal.insert(t, world.goals[g].id.clone());
            }
            plan.goals.push(g);
        }

        for &t in &order {
            if !world.teams[t].is_leaf() {
                continue;
            }
            let Some(archetype) = world.teams[t].archetype() else {
                continue;
            };
            let i = self.add_initiative(
                world,
                rng,
                t,
                archetype,
                period,
                plan_day,
                as_of,
                quarter_index,
            );
            plan.initiatives.push(i);
        }
        add_dependencies(world, rng, &plan, period);
        plan
    }

    fn add_goal(
        &mut self,
        world: &mut World,
        rng: &mut Rng,
        spec: GoalSpec<'_>,
        pick_owner: &mut dyn FnMut(&World, usize) -> String,
    ) -> usize {
        let GoalSpec {
            template,
            team,
            owner,
            period,
            aligns_to,
            as_of,
        } = spec;
        let tag = self.tag(period);
        let team_id = team.map(|t| world.teams[t].id.clone());
        let id = match &team_id {
            Some(team) => world.claim_id(&format!("{team}-{}-{tag}", template.slug)),
            None => world.claim_id(&format!("{}-{tag}", template.slug)),
        };
        let (first, last) = Calendar::period_range(period);
        let elapsed = Calendar::elapsed(period, as_of);
        let mut key_results = Vec::new();
        for (n, kr) in template.key_results.iter().enumerate() {
            let kr_id = match &team_id {
                Some(team) => world.claim_first_free(&[
                    format!("{tag}-{}", kr.slug),
                    format!("{tag}-{team}-{}", kr.slug),
                ]),
                None => world.claim_id(&format!("{tag}-{}", kr.slug)),
            };
            let memory_key = format!("{}/{}", team_id.as_deref().unwrap_or("company"), kr.slug);
            let measure = match kr.measure {
                MeasureTemplate::Metric(m) => {
                    let start = self
                        .last_values
                        .get(&memory_key)
                        .copied()
                        .filter(|_| !m.per_quarter);
                    let metric = plan_metric(rng, m, start, elapsed);
                    self.last_values.insert(memory_key, metric.current);
                    Measure::Metric(metric)
                }
                MeasureTemplate::Milestone => {
                    let weeks = rng.random_range(6..=11);
                    let due =
                        previous_working_day(add_days(first, weeks * 7 + rng.random_range(0..5)))
                            .min(previous_working_day(last));
                    Measure::Milestone {
                        due,
                        done: due < as_of,
                        fate: random_fate(rng),
                    }
                }
            };
            let (health, confidence) = match &measure {
                Measure::Metric(m) => assess(m, elapsed),
                Measure::Milestone { .. } => (Health::OnTrack, 0.8),
            };
            key_results.push(KeyResult {
                id: kr_id,
                title: world.company.fill(kr.title),
                owner: Some(pick_owner(world, n)).filter(|o| *o != owner),
                health: Some(health),
                confidence: Some(confidence),
                measure,
            });
        }
        let (health, confidence) = rate(&key_results);
        let opening = key_results.iter().find_map(|kr| match &kr.measure {
            Measure::Metric(m) => Some(format!(
                "{} starts the quarter at {} and the plan is {} by {}.",
                kr.title,
                amount(m.baseline, m),
                amount(m.target, m),
                super::render::short_date(last)
            )),
            Measure::Milestone { .. } => None,
        });
        let narrative = [
            world.company.fill(template.why),
            world.company.fill(template.done),
        ]
        .into_iter()
        .chain(opening)
        .collect();
        world.goals.push(Goal {
            id,
            title: world.company.fill(template.title),
            owner,
            team: team_id,
            period,
            status: GoalStatus::Active,
            health,
            confidence,
            aligns_to,
            depends_on: Vec::new(),
            key_results,
            narrative,
            quiet: false,
        });
        world.goals.len() - 1
    }

    #[allow(clippy::too_many_arguments)]
    fn add_initiative(
        &mut self,
        world: &mut World,
        rng: &mut Rng,
        team: usize,
        archetype: &'static Archetype,
        period: Period,
        plan_day: Date,
        as_of: Date,
        quarter_index: usize,
    ) -> usize {
        let template = &archetype.initiatives[(quarter_index + team) % archetype.initiatives.len()];
        let team_id = world.teams[team].id.clone();
        // Short enough that milestone ids (`<id>-m1`) fit too.
        let id = world.claim_first_free_within(
            &[
                template.slug.to_owned(),
                format!("{team_id}-{}", template.slug),
            ],
            50,
        );
        let title = match world.teams[team].kind {
            TeamKind::Squad(_) => format!("{}: {}", world.teams[team].name, template.title),
            _ => world.company.fill(template.title),
        };
        let members: Vec<usize> = world
            .members(&team_id)
            .into_iter()
            .filter(|&p| world.people[p].id != world.teams[team].lead)
            .collect();
        let leaver_here = self
            .leaver
            .as_ref()
            .filter(|l| members.iter().any(|&p| world.people[p].id == **l));
        let owner = match leaver_here {
            Some(leaver) => leaver.clone(),
            None => members
                .iter()
                .map(|&p| &world.people[p].id)
                .min_by_key(|id| world.active_items_owned(id))
                .cloned()
                .unwrap_or_else(|| world.teams[team].lead.clone()),
        };

        let (first, last) = Calendar::period_range(period);
        let start = plan_day.max(first);
        let due = if rng.random_bool(0.25) {
            add_days(last, 7 * rng.random_range(2..=5))
        } else {
            add_days(first, 7 * rng.random_range(8..=12))
        };
        let due = previous_working_day(due.max(add_days(start, 35)));
        let span = start.days_until(due);
        let count = template.milestones.len() as i64;
        let milestones: Vec<Milestone> = template
            .milestones
            .iter()
            .enumerate()
            .map(|(n, milestone_title)| {
                let n = n as i64 + 1;
                let milestone_due = if n == count {
                    due
                } else {
                    previous_working_day(add_days(start, span * n / count))
                };
                let milestone_owner = if rng.random_bool(0.35) {
                    members.choose(rng).map(|&p| world.people[p].id.clone())
                } else {
                    None
                };
                Milestone {
                    id: String::new(),
                    title: world.company.fill(milestone_title),
                    due: milestone_due,
                    done: milestone_due < as_of,
                    owner: milestone_owner.filter(|o| *o != owner),
                    fate: random_fate(rng),
                }
            })
            .collect();
        let milestones = milestones
            .into_iter()
            .enumerate()
            .map(|(n, mut m)| {
                m.id = world.claim_id(&format!("{id}-m{}", n + 1));
                m
            })
            .collect::<Vec<_>>();
        let goal_team = world.goal_setting_team(team);
        let supports: Vec<String> = world
            .team_goal(&world.teams[goal_team].id, period)
            .map(|g| {
                world.goals[g]
                    .key_results
                    .iter()
                    .take(2)
                    .map(|kr| kr.id.clone())
                    .collect()
            })
            .unwrap_or_default();
        let all_done = milestones.iter().all(|m| m.done);
        world.initiatives.push(Initiative {
            id,
            title,
            owner,
            team: team_id,
            supports,
            status: if all_done {
                InitiativeStatus::Done
            } else {
                InitiativeStatus::Active
            },
            health: Health::OnTrack,
            start,
            due,
            depends_on: Vec::new(),
            milestones,
            narrative: vec![world.company.fill(template.why)],
        });
        world.initiatives.len() - 1
    }

    /// Risks open and decisions in force when the repository starts.
    pub fn founding(&mut self, world: &mut World, rng: &mut Rng, first_day: Date) {
        let company = world.teams_top_down()[0];
        let ceo = world.teams[company].lead.clone();
        let chief_of_staff = world
            .members(&world.teams[company].id)
            .into_iter()
            .map(|p| world.people[p].id.clone())
            .find(|id| *id != ceo)
            .unwrap_or_else(|| ceo.clone());
        let department_leads: Vec<String> = world
            .teams
            .iter()
            .filter(|t| matches!(t.kind, TeamKind::Department(_)))
            .map(|t| t.lead.clone())
            .collect();
        let company_id = world.teams[company].id.clone();
        for (n, template) in FOUNDING_DECISIONS.iter().enumerate() {
            let number = world.decisions.len() + 1;
            let id = world.claim_id(&format!("{number:04}-{}", template.slug));
            let date = add_days(first_day, -(120 - 35 * n as i64) - rng.random_range(0..10));
            world.decisions.push(Decision {
                id,
                title: template.title.to_owned(),
                status: DecisionStatus::Accepted,
                date,
                decided_on: Some(next_working_day(add_days(date, rng.random_range(2..9)))),
                owner: if n == 0 {
                    ceo.clone()
                } else {
                    chief_of_staff.clone()
                },
                consulted: department_leads.iter().take(3).cloned().collect(),
                informed: vec![company_id.clone()],
                affects: vec![company_id.clone()],
                context: world.company.fill(template.context),
                decision: world.company.fill(template.decision),
                consequences: template
                    .consequences
                    .iter()
                    .map(|c| world.company.fill(c))
                    .collect(),
                options: Vec::new(),
            });
        }

        let mut leaves: Vec<usize> = (0..world.teams.len())
            .filter(|&t| world.teams[t].is_leaf() && world.teams[t].archetype().is_some())
            .collect();
        leaves.shuffle(rng);
        let count = (leaves.len() / 5).max(3);
        let mut used = BTreeSet::new();
        for &t in leaves.iter().cycle().take(leaves.len().max(count)) {
            if world.risks.len() >= count {
                break;
            }
            let Some(archetype) = world.teams[t].archetype() else {
                continue;
            };
            let template = &archetype.risk;
            let team_id = world.teams[t].id.clone();
            let wanted = if used.insert(template.slug) {
                template.slug.to_owned()
            } else {
                format!("{team_id}-{}", template.slug)
            };
            let id = world.claim_id(&wanted);
            let mut affects: Vec<String> = world
                .initiatives
                .iter()
                .filter(|i| i.team == team_id && i.is_active())
                .map(|i| i.id.clone())
                .take(1)
                .collect();
            let goal_team = world.goal_setting_team(t);
            if let Some(goal) = world
                .goals
                .iter()
                .find(|g| g.is_active() && g.team.as_deref() == Some(&world.teams[goal_team].id))
            {
                affects.push(goal.id.clone());
            }
            if affects.is_empty() {
                affects.push(team_id.clone());
            }
            world.risks.push(Risk {
                id,
                title: world.company.fill(template.title),
                owner: world.teams[t].lead.clone(),
                status: RiskStatus::Open,
                likelihood: template.likelihood,
                impact: template.impact,
                mitigation: world.company.fill(template.mitigation),
                raised: add_days(first_day, -rng.random_range(10..60)),
                review_by: next_working_day(add_days(first_day, rng.random_range(2..24))),
                affects,
                narrative: vec![world.company.fill(template.body)],
            });
        }
    }
}

struct GoalSpec<'a> {
    template: &'a GoalTemplate,
    team: Option<usize>,
    owner: String,
    period: Period,
    aligns_to: Option<String>,
    as_of: Date,
}

/// A lowercase slug of `text`: "Growth Engineering" → `growth-engineering`.
pub(super) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// `n` split into `parts` near-equal shares, larger ones first.
fn split(n: usize, parts: usize) -> Vec<usize> {
    (0..parts)
        .map(|i| n / parts + usize::from(i < n % parts))
        .collect()
}

/// How many children a team with `budget` teams below it gets: all of them
/// when few, about the square root when many (so large orgs grow deeper, not
/// wider).
fn fan_out(budget: usize, min: usize, max: usize) -> usize {
    if budget <= 5 {
        budget
    } else {
        ((budget as f64).sqrt().round() as usize).clamp(min, max)
    }
}

/// Company → departments → groups → squads (→ sub-squads), `team_count` in all.
fn build_teams(world: &mut World, rng: &mut Rng, team_count: usize) {
    let company = world.company;
    let company_id = world.claim_id("company");
    let root = world.add_team(Team {
        id: company_id,
        name: company.name.to_owned(),
        parent: None,
        children: Vec::new(),
        lead: String::new(),
        mission: company.mission.to_owned(),
        kind: TeamKind::Company,
    });
    let budget = team_count - 1;
    let department_count = ((budget as f64).sqrt().round() as usize).clamp(2, DEPARTMENTS.len());
    let shares = split(budget - department_count, department_count);
    for (department, share) in DEPARTMENTS.iter().zip(shares) {
        let id = world.claim_id(department.key);
        let d = world.add_team(Team {
            id,
            name: department.name.to_owned(),
            parent: Some(root),
            children: Vec::new(),
            lead: String::new(),
            mission: company.fill(department.mission),
            kind: TeamKind::Department(department),
        });
        let groups = fan_out(share, 3, 8);
        let mut archetypes: Vec<&'static Archetype> = department.archetypes.iter().collect();
        archetypes.shuffle(rng);
        let group_shares = split(share - groups, groups.max(1));
        for g in 0..groups {
            let archetype = archetypes[g % archetypes.len()];
            let repeat = g / archetypes.len();
            let (name, id) = match repeat {
                0 => (archetype.name.to_owned(), world.claim_id(archetype.key)),
                n => {
                    let region = ["EMEA", "Americas", "APAC"][(n - 1) % 3];
                    let id = world.claim_id(&format!("{}-{}", archetype.key, slug(region)));
                    (format!("{} {region}", archetype.name), id)
                }
            };
            let group = world.add_team(Team {
                id,
                name,
                parent: Some(d),
                children: Vec::new(),
                lead: String::new(),
                mission: company.fill(archetype.mission),
                kind: TeamKind::Group(archetype),
            });
            grow_squads(world, rng, group, archetype, group_shares[g]);
        }
    }
}

fn grow_squads(
    world: &mut World,
    rng: &mut Rng,
    parent: usize,
    archetype: &'static Archetype,
    budget: usize,
) {
    if budget == 0 {
        return;
    }
    let count = fan_out(budget, 3, 8);
    let shares = split(budget - count, count);
    let mut qualifiers: Vec<&str> = SQUAD_QUALIFIERS.to_vec();
    qualifiers.shuffle(rng);
    for share in shares {
        // "Platform Core", then "Platform Core EMEA" once every plain name is taken.
        let candidates = qualifiers.iter().flat_map(|q| {
            ["", " EMEA", " Americas", " APAC"]
                .iter()
                .map(move |region| {
                    let name = format!("{} {q}{region}", archetype.name);
                    let id = format!("{}-{}", archetype.key, slug(&format!("{q}{region}")));
                    (name, id)
                })
        });
        let (name, id) = candidates
            .clone()
            .find(|(_, id)| world.is_free(id))
            .unwrap_or_else(|| {
                let q = qualifiers[0];
                (
                    format!("{} {q}", archetype.name),
                    format!("{}-{}", archetype.key, slug(q)),
                )
            });
        let id = world.claim_id(&id);
        let squad = world.add_team(Team {
            id,
            name,
            parent: Some(parent),
            children: Vec::new(),
            lead: String::new(),
            mission: world.company.fill(archetype.mission),
            kind: TeamKind::Squad(archetype),
        });
        grow_squads(world, rng, squad, archetype, share);
    }
}

/// The department that answers for company goals of `theme`.
fn steward(world: &World, theme: Theme) -> Option<usize> {
    let keys: &[&str] = match theme {
        Theme::Revenue | Theme::Retention | Theme::Enterprise => &["go-to-market"],
        Theme::Quality => &["product-eng"],
        Theme::Efficiency => &["operations", "go-to-market"],
    };
    keys.iter().find_map(|key| {
        world
            .teams
            .iter()
            .position(|t| matches!(t.kind, TeamKind::Department(d) if d.key == *key))
    })
}

/// Someone to leave mid-history: not a lead, in a leaf team with colleagues.
fn pick_leaver(world: &World, rng: &mut Rng) -> Option<String> {
    let leads: BTreeSet<&str> = world.teams.iter().map(|t| t.lead.as_str()).collect();
    let by_team = world.people_by_team();
    let candidates: Vec<&str> = world
        .teams
        .iter()
        .filter(|t| t.is_leaf() && t.archetype().is_some())
        .filter(|t| by_team.get(t.id.as_str()).is_some_and(|m| m.len() >= 3))
        .flat_map(|t| by_team[t.id.as_str()].iter())
        .map(|&p| world.people[p].id.as_str())
        .filter(|id| !leads.contains(id))
        .collect();
    candidates.choose(rng).map(|id| (*id).to_owned())
}

/// Everyone active in `team` and the teams below it, except `team`'s lead.
fn subtree_people(world: &World, team: usize) -> Vec<usize> {
    let mut teams = vec![team];
    let mut i = 0;
    while i < teams.len() {
        teams.extend(world.teams[teams[i]].children.iter().copied());
        i += 1;
    }
    let ids: BTreeSet<&str> = teams.iter().map(|&t| world.teams[t].id.as_str()).collect();
    let lead = world.teams[team].lead.as_str();
    let leads: BTreeSet<&str> = world.teams.iter().map(|t| t.lead.as_str()).collect();
    let mut people: Vec<usize> = (0..world.people.len())
        .filter(|&p| {
            let person = &world.people[p];
            person.is_active() && ids.contains(person.team.as_str()) && person.id != lead
        })
        .collect();
    // Leads of the teams below first: they answer for a group's results.
    people.sort_by_key(|&p| !leads.contains(world.people[p].id.as_str()));
    people
}

/// How many key results of active goals each person owns.
fn key_result_load(world: &World) -> BTreeMap<String, usize> {
    let mut load = BTreeMap::new();
    for (g, goal) in world.goals.iter().enumerate() {
        if !goal.is_active() {
            continue;
        }
        for k in 0..goal.key_results.len() {
            *load
                .entry(world.key_result_owner(g, k).to_owned())
                .or_default() += 1;
        }
    }
    load
}

fn least_loaded(
    world: &World,
    candidates: &[usize],
    load: &mut BTreeMap<String, usize>,
) -> Option<String> {
    let pick = candidates
        .iter()
        .map(|&p| &world.people[p].id)
        .min_by_key(|id| load.get(*id).copied().unwrap_or(0))?
        .clone();
    *load.entry(pick.clone()).or_default() += 1;
    Some(pick)
}

fn random_fate(rng: &mut Rng) -> Fate {
    match rng.random_range(0..100) {
        0..75 => Fate::OnTime,
        75..93 => Fate::Slips(1),
        _ => Fate::Slips(2),
    }
}

fn plan_metric(
    rng: &mut Rng,
    template: super::catalog::MetricTemplate,
    continued: Option<f64>,
    elapsed: f64,
) -> Metric {
    let draw = |rng: &mut Rng, (low, high): (f64, f64)| low + (high - low) * rng.random::<f64>();
    let course = match rng.random_range(0..100) {
        0..66 => Course::Steady {
            pace: draw(rng, (0.9, 1.12)),
        },
        66..88 => Course::Stalling {
            pace: draw(rng, (0.85, 1.05)),
            stall_at: draw(rng, (0.2, 0.6)),
        },
        _ => Course::Untouched,
    };
    let mut metric = Metric {
        baseline: 0.0,
        target: 0.0,
        current: 0.0,
        unit: template.unit,
        direction: template.direction,
        decimals: template.decimals,
        bounds: template.bounds,
        course,
        planned_target: 0.0,
    };
    let baseline = metric.round(continued.unwrap_or_else(|| draw(rng, template.start)));
    let change = draw(rng, template.change);
    let sign = match template.direction {
        Direction::Up => 1.0,
        Direction::Down => -1.0,
    };
    let mut target = metric.round(baseline + sign * change);
    if target == baseline {
        // At a bound (uptime at its ceiling): aim to hold the line instead.
        metric.baseline = metric.round(baseline - sign * metric.step() * 5.0);
        target = baseline;
    } else {
        metric.baseline = baseline;
    }
    metric.target = target;
    metric.planned_target = target;
    metric.current = value_at(&metric, elapsed, 0.0);
    metric
}

/// The value a metric on its course shows at `elapsed` of its quarter, with
/// `noise` (a share of the baseline-to-target distance) on top.
pub(super) fn value_at(metric: &Metric, elapsed: f64, noise: f64) -> f64 {
    let progress = match metric.course {
        // Nobody measures it again; it sits a little way along.
        Course::Untouched => elapsed.min(0.12),
        course => course.progress_at(elapsed),
    };
    metric.round(metric.baseline + (metric.planned_target - metric.baseline) * (progress + noise))
}

/// The health and confidence an owner gives a metric at `elapsed` of its
/// quarter: how far behind the straight line from baseline to target it is.
pub(super) fn assess(metric: &Metric, elapsed: f64) -> (Health, f64) {
    // Within one written step of the line is on the line: nobody calls 4.1
    // stars behind a plan of 4.14.
    let step = metric.step();
    let span = (metric.target - metric.baseline).abs().max(step);
    let behind = elapsed - metric.progress() - step / span;
    let health = if behind <= 0.12 {
        Health::OnTrack
    } else if behind <= 0.3 {
        Health::AtRisk
    } else {
        Health::OffTrack
    };
    let confidence = (0.9 - 1.1 * behind.max(0.0)).clamp(0.15, 0.95);
    (health, (confidence * 20.0).round() / 20.0)
}

/// A goal's health and confidence from its key results as written.
pub(super) fn rate(key_results: &[KeyResult]) -> (Health, f64) {
    combine(key_results.iter().map(|kr| {
        (
            kr.health.unwrap_or(Health::OnTrack),
            kr.confidence.unwrap_or(0.7),
        )
    }))
}

/// At risk when any key result is troubled; off track when half of them are
/// and one is off track. Confidence is their average.
fn combine(ratings: impl Iterator<Item = (Health, f64)>) -> (Health, f64) {
    let ratings: Vec<(Health, f64)> = ratings.collect();
    let troubled = ratings.iter().filter(|(h, _)| h.is_troubled()).count();
    let off_track = ratings.iter().any(|(h, _)| *h == Health::OffTrack);
    let health = if off_track && 2 * troubled >= ratings.len() {
        Health::OffTrack
    } else if troubled > 0 {
        Health::AtRisk
    } else {
        Health::OnTrack
    };
    let confidence = if ratings.is_empty() {
        0.7
    } else {
        ratings.iter().map(|(_, c)| c).sum::<f64>() / ratings.len() as f64
    };
    (health, (confidence * 20.0).round() / 20.0)
}

/// `value` with its unit as people write it: `9.5%`, `€4.62M`, `420 ms`.
pub(super) fn amount(value: f64, metric: &Metric) -> String {
    let number = super::render::number(value, metric.decimals);
    match metric.unit {
        "%" => format!("{number}%"),
        "M€" => format!("€{number}M"),
        "x" => format!("{number}x"),
        // Units are plural nouns: "1 logo", "2 logos".
        unit if number == "1" => format!("1 {}", unit.strip_suffix('s').unwrap_or(unit)),
        unit => format!("{number} {unit}"),
    }
}

/// Cross-team dependencies of this quarter: some group goals wait on another
/// team's initiative, some initiatives on another's. Every one leaves a
/// buffer between the target's due date and `need_by`, and its target is
/// planned to land on time: nothing is late until the story makes it so.
fn add_dependencies(world: &mut World, rng: &mut Rng, plan: &QuarterPlan, period: Period) {
    let group_goals: Vec<usize> = plan
        .goals
        .iter()
        .copied()
        .filter(|&g| {
            let team = world.goals[g].team.as_deref();
            team.is_some_and(|t| {
                matches!(world.teams[world.team_index(t)].kind, TeamKind::Group(_))
            })
        })
        .collect();
    let active: Vec<usize> = plan
        .initiatives
        .iter()
        .copied()
        .filter(|&i| world.initiatives[i].is_active())
        .collect();
    if active.len() < 2 {
        return;
    }
    let mut targets = BTreeSet::new();
    for &g in group_goals.iter().take((group_goals.len() / 3).max(1)) {
        let goal_team = world.goals[g].team.clone().unwrap_or_default();
        let goal_team_index = world.team_index(&goal_team);
        let department = world.department_of(goal_team_index);
        let options: Vec<usize> = active
            .iter()
            .copied()
            .filter(|&i| {
                world.goal_setting_team(world.team_index(&world.initiatives[i].team))
                    != goal_team_index
            })
            .collect();
        // Teams mostly wait on teams of their own department.
        let (near, far): (Vec<usize>, Vec<usize>) = options.into_iter().partition(|&i| {
            world.department_of(world.team_index(&world.initiatives[i].team)) == department
        });
        let Some(&target) = near.choose(rng).or_else(|| far.choose(rng)) else {
            continue;
        };
        let initiative = &world.initiatives[target];
        let why = format!(
            "{}'s plan for {period} builds on {}.",
            world.teams[goal_team_index].name,
            lowercase_first(&initiative.title)
        );
        let need_by = next_working_day(add_days(initiative.due, rng.random_range(7..15)));
        let dependency = Dependency {
            on: initiative.id.clone(),
            need_by,
            why,
        };
        world.goals[g].depends_on.push(dependency);
        targets.insert(target);
    }
    let mut by_due = active.clone();
    by_due.sort_by_key(|&i| (world.initiatives[i].due, i));
    for _ in 0..(active.len() / 6).max(1) {
        let (Some(&earlier), Some(&later)) = (by_due.first(), by_due.last()) else {
            break;
        };
        let (a, b) = (&world.initiatives[later], &world.initiatives[earlier]);
        if a.team == b.team || add_days(b.due, 7) > a.due {
            break;
        }
        let need_by = previous_working_day(add_days(b.due, rng.random_range(7..15))).min(a.due);
        let dependency = Dependency {
            on: b.id.clone(),
            need_by,
            why: format!("Needs {} first.", lowercase_first(&b.title)),
        };
        world.initiatives[later].depends_on.push(dependency);
        targets.insert(earlier);
        by_due.remove(0);
        by_due.pop();
    }
    // What others wait on is planned to land on time.
    for target in targets {
        for milestone in &mut world.initiatives[target].milestones {
            milestone.fate = Fate::OnTime;
        }
    }
}

pub(super) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Keep acronyms ("SOC 2", "API v2") as written.
        Some(first) if !chars.clone().next().is_some_and(|c| c.is_uppercase()) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_shares() {
        assert_eq!(slug("Product & Engineering"), "product-engineering");
        assert_eq!(slug("Platform EMEA"), "platform-emea");
        assert_eq!(split(7, 3), [3, 2, 2]);
        assert_eq!(fan_out(4, 3, 8), 4);
        assert_eq!(fan_out(100, 3, 8), 8);
        assert_eq!(lowercase_first("Offline sync"), "offline sync");
        assert_eq!(lowercase_first("SOC 2 audit"), "SOC 2 audit");
    }
}
