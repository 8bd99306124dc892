//! The digest's assembly on hand-built histories: an org's files at the start
//! of the window, then commits that replace files. Each commit's snapshot and
//! changes are derived the way the history engine reports them, so every test
//! reads as "this happened; the digest says that".

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Weekday;
use jiff::tz::TimeZone;

use super::*;
use crate::history::{
    Change, ChangeKind, CommitInfo, EntityState, Field, History, MetricState, Snapshot,
};
use crate::loader::load_texts;
use crate::model::{EntityRef, Org};

const SETTINGS: (&str, &str) = ("orgit.yaml", "name: Acme\n");

const TEAMS: &[(&str, &str)] = &[
    ("teams/company.yaml", "id: company\nname: Acme\nlead: ana\n"),
    (
        "teams/eng.yaml",
        "id: eng\nname: Engineering\nparent: company\nlead: bo\n",
    ),
    (
        "teams/platform.yaml",
        "id: platform\nname: Platform\nparent: eng\nlead: bo\n",
    ),
    (
        "teams/apps.yaml",
        "id: apps\nname: Apps\nparent: eng\nlead: cy\n",
    ),
    (
        "teams/sales.yaml",
        "id: sales\nname: Sales\nparent: company\nlead: ana\n",
    ),
    (
        "people/ana.yaml",
        "id: ana\nname: Ana Silva\nteam: company\n",
    ),
    ("people/bo.yaml", "id: bo\nname: Bo Chen\nteam: platform\n"),
    ("people/cy.yaml", "id: cy\nname: Cy Okafor\nteam: apps\n"),
];

/// An org whose files change commit by commit, recorded as a [`History`]
/// over the timeline of one digest week (UTC, weeks from Monday).
struct Fixture {
    timeline: Timeline,
    instants: Vec<Timestamp>,
    files: BTreeMap<String, String>,
    snapshots: Vec<BTreeMap<String, EntityState>>,
    commits: Vec<CommitInfo>,
    changes: Vec<Change>,
    last_touched: BTreeMap<String, usize>,
}

impl Fixture {
    /// `files` (besides settings, teams and people) as they were before the
    /// window, for a digest of `week`.
    fn new(week: &str, files: &[(&str, &str)]) -> Fixture {
        let calendar = Calendar {
            time_zone: TimeZone::UTC,
            week_start: Weekday::Monday,
            fiscal_year_start_month: 1,
            stale_after_days: 14,
        };
        let window = calendar.week(week.parse().unwrap()).unwrap();
        let timeline = calendar.timeline(window).unwrap();
        let instants = timeline.instants();
        let files: BTreeMap<String, String> = std::iter::once(&SETTINGS)
            .chain(TEAMS)
            .chain(files)
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        let states = states(&org_of(&files));
        Fixture {
            snapshots: vec![states; instants.len()],
            timeline,
            instants,
            files,
            commits: Vec::new(),
            changes: Vec::new(),
            last_touched: BTreeMap::new(),
        }
    }

    /// A commit at noon UTC on `date` that writes `files` (an empty text
    /// removes the file). Commits come in date order.
    fn commit(&mut self, date: &str, author: &str, files: &[(&str, &str)]) -> &mut Self {
        let before = states(&org_of(&self.files));
        for (path, text) in files {
            if text.is_empty() {
                self.files.remove(*path);
            } else {
                self.files.insert(path.to_string(), text.to_string());
            }
        }
        let after = states(&org_of(&self.files));
        let index = self.commits.len();
        let time: Timestamp = format!("{date}T12:00:00Z").parse().unwrap();
        self.commits.push(CommitInfo {
            id: format!("{:040x}", index + 0xabc0000),
            short: format!("{:07x}", index + 0xabc0000),
            author: author.to_owned(),
            email: format!("{author}@example.com"),
            time,
            date: date.parse().unwrap(),
            summary: format!("commit {index}"),
        });
        let ids: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
        for id in ids {
            let change = |kind, change| Change {
                commit: index,
                id: id.clone(),
                kind,
                change,
            };
            let touched = match (before.get(id), after.get(id)) {
                (Some(old), None) => {
                    self.changes.push(change(old.kind, ChangeKind::Removed));
                    true
                }
                (None, Some(new)) => {
                    self.changes.push(change(new.kind, ChangeKind::Added));
                    true
                }
                (Some(old), Some(new)) => {
                    if old.path != new.path {
                        let (from, to) = (old.path.clone(), new.path.clone());
                        self.changes
                            .push(change(new.kind, ChangeKind::Moved { from, to }));
                    }
                    for field in Field::ALL {
                        let (was, is) = (old.value(field), new.value(field));
                        if was != is {
                            let kind = ChangeKind::Field {
                                field,
                                before: was,
                                after: is,
                            };
                            self.changes.push(change(new.kind, kind));
                        }
                    }
                    old.content != new.content || old.path != new.path
                }
                (None, None) => false,
            };
            if touched {
                self.last_touched.insert(id.clone(), index);
            }
        }
        for (at, snapshot) in self.instants.iter().zip(&mut self.snapshots) {
            if time < *at {
                *snapshot = after.clone();
            }
        }
        self
    }

    fn history(&self) -> History {
        History {
            commits: self.commits.clone(),
            snapshots: self
                .instants
                .iter()
                .zip(&self.snapshots)
                .map(|(at, entities)| Snapshot {
                    at: *at,
                    commit: self.commits.last().map(|c| c.id.clone()),
                    entities: entities
                        .iter()
                        .map(|(id, state)| (id.clone(), Arc::new(state.clone())))
                        .collect(),
                })
                .collect(),
            changes: self.changes.clone(),
            last_touched: self.last_touched.clone(),
        }
    }

    fn digest(&self) -> Digest {
        self.try_digest(None).unwrap()
    }

    fn try_digest(&self, team: Option<&str>) -> crate::Result<Digest> {
        let org = org_of(&self.files);
        let history = self.history();
        build(&Inputs {
            org: &org,
            history: &history,
            timeline: &self.timeline,
            as_of: CommitRef {
                id: "f".repeat(40),
                short: "fffffff".to_owned(),
                author: "Ana Silva".to_owned(),
                date: self.timeline.week.last_day,
                summary: "the week's last commit".to_owned(),
            },
            team,
            in_progress: false,
            repository: None,
        })
    }
}

fn org_of(files: &BTreeMap<String, String>) -> Org {
    let texts: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    load_texts(&texts).0
}

/// What the history engine tracks of each entity, read off a loaded org.
fn states(org: &Org) -> BTreeMap<String, EntityState> {
    let mut out = BTreeMap::new();
    for definition in org.definitions() {
        let entity = definition.entity;
        let file = org.file(definition.file);
        let owner = org
            .owner_of(entity)
            .and_then(|o| o.single().map(str::to_owned));
        let mut state = EntityState {
            kind: entity.kind,
            path: file.path.clone(),
            title: String::new(),
            owner,
            team: None,
            parent: org
                .parent_of(entity)
                .map(|p| org.definition(p).id.to_owned()),
            status: None,
            health: org
                .health_field(entity)
                .filter(|_| own_health(org, entity))
                .map(|h| h.value),
            confidence: None,
            metric: None,
            value: None,
            due: None,
            done: None,
            likelihood: None,
            impact: None,
            content: file.text.len() as u64 ^ file.text.bytes().map(u64::from).sum::<u64>(),
        };
        match entity.kind {
            EntityKind::Person => {
                let person = &org.people[entity.index];
                state.title = person.name.value.clone();
                state.team = person.team.as_ref().map(|t| t.value.clone());
                let left = !person.is_active();
                state.status = Some(if left { "left" } else { "active" }.to_owned());
            }
            EntityKind::Team => {
                let team = &org.teams[entity.index];
                state.title = team.name.value.clone();
                state.parent = team.parent.as_ref().map(|p| p.value.clone());
            }
            EntityKind::Goal => {
                let goal = org.goal_at(entity);
                state.title = goal.title.value.clone();
                state.team = goal.team.as_ref().map(|t| t.value.clone());
                state.status = Some(goal.status().as_str().to_owned());
                state.confidence = goal.confidence.as_ref().map(|c| c.value);
            }
            EntityKind::KeyResult => {
                let (goal, kr) = org.key_result_at(entity);
                state.title = kr.title.value.clone();
                state.team = goal.team.as_ref().map(|t| t.value.clone());
                state.confidence = kr.confidence.as_ref().map(|c| c.value);
                state.metric = kr.metric.as_ref().map(|m| MetricState {
                    baseline: *m.baseline,
                    target: *m.target,
                    current: *m.current,
                    direction: m.direction.as_ref().map_or(Direction::Up, |d| d.value),
                });
                if let Some(milestone) = &kr.milestone {
                    state.due = Some(*milestone.due);
                    state.done = Some(milestone.done);
                }
            }
            EntityKind::Initiative => {
                let initiative = org.initiative_at(entity);
                state.title = initiative.title.value.clone();
                state.team = Some(initiative.team.value.clone());
                state.status = Some(initiative.status().as_str().to_owned());
                state.due = Some(*initiative.due);
            }
            EntityKind::Milestone => {
                let (initiative, milestone) = org.milestone_at(entity);
                state.title = milestone.title.value.clone();
                state.team = Some(initiative.team.value.clone());
                state.due = Some(*milestone.due);
                state.done = Some(milestone.done);
            }
            EntityKind::Decision => {
                let decision = &org.decisions[entity.index];
                state.title = decision.title.value.clone();
                state.status = Some(decision.status.as_str().to_owned());
            }
            EntityKind::Risk => {
                let risk = &org.risks[entity.index];
                state.title = risk.title.value.clone();
                state.status = Some(
                    match risk.status() {
                        crate::model::RiskStatus::Open => "open",
                        crate::model::RiskStatus::Mitigated => "mitigated",
                        crate::model::RiskStatus::Closed => "closed",
                    }
                    .to_owned(),
                );
                state.likelihood = Some(*risk.likelihood);
                state.impact = Some(*risk.impact);
                state.due = risk.review_by.as_ref().map(|r| r.value);
            }
            EntityKind::Kpi => {
                let kpi = &org.kpis[entity.index];
                state.title = kpi.title.value.clone();
                state.team = Some(kpi.team.value.clone());
                state.value = Some(*kpi.value);
            }
            EntityKind::Issue => {
                let issue = &org.issues[entity.index];
                state.title = issue.title.value.clone();
                state.team = Some(issue.team.value.clone());
                state.status = Some(issue.status().as_str().to_owned());
            }
            EntityKind::Todo => {
                let todo = &org.todos[entity.index];
                state.title = todo.title.value.clone();
                state.team = Some(todo.team.value.clone());
                state.status = Some(todo.status().as_str().to_owned());
                state.due = Some(*todo.due);
                state.done = Some(todo.status() == crate::model::TodoStatus::Done);
            }
        }
        out.insert(definition.id.to_owned(), state);
    }
    out
}

/// The history tracks an entity's own `health`, not the one it inherits.
fn own_health(org: &Org, entity: EntityRef) -> bool {
    match entity.kind {
        EntityKind::KeyResult => org.key_result_at(entity).1.health.is_some(),
        EntityKind::Goal | EntityKind::Initiative => true,
        _ => false,
    }
}

fn goal(id: &str, team: &str, extra: &str, key_results: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: Goal {id}\nowner: bo\nteam: {team}\nperiod: 2026-Q4\n{extra}key_results:\n{key_results}---\n"
    )
}

fn metric(id: &str, baseline: f64, target: f64, current: f64) -> String {
    format!(
        "  - id: {id}\n    title: KR {id}\n    metric: {{baseline: {baseline}, target: {target}, current: {current}}}\n"
    )
}

fn milestone(id: &str, due: &str, done: bool) -> String {
    format!("  - id: {id}\n    title: KR {id}\n    milestone: {{due: {due}, done: {done}}}\n")
}

fn initiative(id: &str, team: &str, due: &str, extra: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: Initiative {id}\nowner: cy\nteam: {team}\ndue: {due}\n{extra}---\n"
    )
}

fn ids<T>(items: &[T], item: impl Fn(&T) -> &Item) -> Vec<&str> {
    items.iter().map(|i| item(i).id.as_str()).collect()
}

#[test]
fn goal_progress_is_the_mean_of_its_key_results_week_by_week() {
    let krs = metric("signups", 0.0, 100.0, 10.0) + &milestone("launch", "2026-12-01", false);
    let mut fixture = Fixture::new(
        "2026-W47",
        &[("goals/2026-Q4/g.md", &goal("g", "apps", "", &krs))],
    );
    let krs = metric("signups", 0.0, 100.0, 30.0) + &milestone("launch", "2026-12-01", false);
    fixture.commit(
        "2026-11-04",
        "Cy",
        &[("goals/2026-Q4/g.md", &goal("g", "apps", "", &krs))],
    );
    let krs = metric("signups", 0.0, 100.0, 50.0) + &milestone("launch", "2026-12-01", true);
    fixture.commit(
        "2026-11-18",
        "Cy",
        &[("goals/2026-Q4/g.md", &goal("g", "apps", "", &krs))],
    );

    let digest = fixture.digest();
    let g = &digest.goals[0];
    assert_eq!(g.progress, Some(0.75));
    assert_eq!(g.progress_change, Some(0.6));
    // One point per week of the quarter so far, W40 to W47.
    let trend = [0.05, 0.05, 0.05, 0.05, 0.05, 0.15, 0.15, 0.75].map(Some);
    assert_eq!(g.trend, trend);
    let signups = &g.key_results[0];
    assert_eq!(signups.progress, Some(0.5));
    assert!(signups.updated);
    let value = signups.metric.as_ref().unwrap();
    assert_eq!((value.current_before, value.current), (Some(30.0), 50.0));
    let launch = &g.key_results[1];
    assert_eq!(launch.progress_change, Some(1.0));
    assert_eq!(launch.milestone.as_ref().map(|m| m.done), Some(true));
    assert_eq!(digest.period.weeks.len(), 8);
    assert_eq!(digest.figures.key_results_updated_share, Some(1.0));
}

#[test]
fn moves_cite_their_commit_and_leave_slips_and_targets_to_their_sections() {
    let goal_text = |current: f64, target: f64| {
        goal(
            "g",
            "apps",
            "health: on_track\n",
            &metric("signups", 100.0, target, current),
        )
    };
    let mut fixture = Fixture::new(
        "2026-W47",
        &[
            ("goals/2026-Q4/g.md", &goal_text(120.0, 200.0)),
            (
                "initiatives/i.md",
                &initiative("i", "apps", "2026-12-01", ""),
            ),
        ],
    );
    fixture.commit(
        "2026-11-17",
        "Cy",
        &[("goals/2026-Q4/g.md", &goal_text(130.5, 180.0))],
    );
    fixture.commit(
        "2026-11-18",
        "Cy",
        &[(
            "initiatives/i.md",
            &initiative("i", "apps", "2026-12-08", "health: at_risk\n"),
        )],
    );

    let digest = fixture.digest();
    let moves: Vec<String> = digest
        .moves
        .iter()
        .map(|m| {
            let (id, change, short) = (&m.item.id, &m.change, &m.commit.short);
            format!("{id} {change} {:?} {:?} {short}", m.delta, m.better)
        })
        .collect();
    assert_eq!(
        moves,
        [
            "i health None None abc0001",
            "signups current Some(10.5) Some(true) abc0000",
        ]
    );
    assert_eq!(ids(&digest.slips, |s| &s.item), ["i"]);
    assert_eq!(digest.slips[0].days, 7);
    assert_eq!(ids(&digest.goalpost_moves, |g| &g.item), ["signups"]);
    assert_eq!(ids(&digest.turned, |t| &t.item), ["i"]);
}

#[test]
fn a_slip_counts_every_later_move_of_its_due_date_in_the_period() {
    let file = "initiatives/i.md";
    let mut fixture = Fixture::new(
        "2026-W47",
        &[(file, &initiative("i", "apps", "2026-11-01", ""))],
    );
    fixture
        // Q3: before the period, not counted.
        .commit(
            "2026-09-29",
            "Cy",
            &[(file, &initiative("i", "apps", "2026-11-10", ""))],
        )
        .commit(
            "2026-10-20",
            "Cy",
            &[(file, &initiative("i", "apps", "2026-11-20", ""))],
        )
        // Pulled in: no slip.
        .commit(
            "2026-11-02",
            "Cy",
            &[(file, &initiative("i", "apps", "2026-11-15", ""))],
        )
        .commit(
            "2026-11-19",
            "Cy",
            &[(file, &initiative("i", "apps", "2026-11-29", ""))],
        );

    let digest = fixture.digest();
    assert_eq!(digest.slips.len(), 1);
    let slip = &digest.slips[0];
    assert_eq!(
        (slip.before.to_string(), slip.after.to_string()),
        ("2026-11-15".into(), "2026-11-29".into())
    );
    assert_eq!((slip.days, slip.times_this_period), (14, 2));
    assert_eq!(slip.commit.date.to_string(), "2026-11-19");
    assert!(digest.moves.is_empty());
}

#[test]
fn an_easier_target_is_explained_only_by_an_accepted_decision_recorded_in_the_period() {
    let decision = |id: &str, status: &str, affects: &str| {
        format!(
            "---\nid: {id}\ntitle: Decision {id}\nstatus: {status}\ndate: 2026-09-01\nowner: ana\naffects: [{affects}]\n---\n"
        )
    };
    let down = |id: &str, target: f64| {
        format!(
            "  - id: {id}\n    title: KR {id}\n    metric: {{baseline: 900, target: {target}, current: 700, direction: down}}\n"
        )
    };
    let krs = |a: f64, b: f64, c: f64| down("latency", a) + &down("errors", b) + &down("p99", c);
    let mut fixture = Fixture::new(
        "2026-W47",
        &[
            (
                "goals/2026-Q4/g.md",
                &goal("g", "platform", "", &krs(300.0, 300.0, 300.0)),
            ),
            // Accepted, but recorded before the period.
            (
                "decisions/0001-old.md",
                &decision("0001-old", "accepted", "errors"),
            ),
        ],
    );
    fixture.commit(
        "2026-10-05",
        "Ana",
        &[
            (
                "decisions/0002-latency.md",
                &decision("0002-latency", "accepted", "latency"),
            ),
            (
                "decisions/0003-maybe.md",
                &decision("0003-maybe", "proposed", "g"),
            ),
        ],
    );
    // Raised targets are easier for `down`; a lower one is harder.
    fixture.commit(
        "2026-11-17",
        "Bo",
        &[(
            "goals/2026-Q4/g.md",
            &goal("g", "platform", "", &krs(350.0, 400.0, 250.0)),
        )],
    );

    let digest = fixture.digest();
    let moves: Vec<(&str, bool, bool, Vec<&str>)> = digest
        .goalpost_moves
        .iter()
        .map(|g| {
            let decisions = g.decisions.iter().map(|d| d.id.as_str()).collect();
            (g.item.id.as_str(), g.easier, g.unexplained, decisions)
        })
        .collect();
    assert_eq!(
        moves,
        [
            ("errors", true, true, vec![]),
            ("latency", true, false, vec!["0002-latency"]),
            ("p99", false, false, vec![]),
        ]
    );
}

#[test]
fn health_turning_worse_is_reported_with_the_commit_that_turned_it() {
    let file = |id: &str| format!("initiatives/{id}.md");
    let with = |id: &str, health: &str| {
        initiative(id, "apps", "2026-12-20", &format!("health: {health}\n"))
    };
    let mut fixture = Fixture::new(
        "2026-W47",
        &[
            (&file("worse"), &with("worse", "on_track")),
            (&file("worst"), &with("worst", "at_risk")),
            (&file("better"), &with("better", "off_track")),
        ],
    );
    fixture
        .commit(
            "2026-11-16",
            "Cy",
            &[
                (&file("worse"), &with("worse", "at_risk")),
                (&file("better"), &with("better", "at_risk")),
            ],
        )
        .commit(
            "2026-11-17",
            "Cy",
            &[(&file("worst"), &with("worst", "off_track"))],
        )
        .commit(
            "2026-11-18",
            "Cy",
            &[(&file("new"), &with("new", "at_risk"))],
        );

    let digest = fixture.digest();
    let turned: Vec<(&str, Option<Health>, Health, &str)> = digest
        .turned
        .iter()
        .map(|t| {
            (
                t.item.id.as_str(),
                t.before,
                t.after,
                t.commit.short.as_str(),
            )
        })
        .collect();
    assert_eq!(
        turned,
        [
            ("new", None, Health::AtRisk, "abc0002"),
            ("worse", Some(Health::OnTrack), Health::AtRisk, "abc0000"),
            ("worst", Some(Health::AtRisk), Health::OffTrack, "abc0001"),
        ]
    );
    let better = digest.moves.iter().find(|m| m.item.id == "better").unwrap();
    assert_eq!(better.better, Some(true));
}

#[test]
fn decisions_made_this_week_and_decisions_still_waiting() {
    let decision = |id: &str, status: &str, date: &str, decided: &str| {
        format!(
            "---\nid: {id}\ntitle: Decision {id}\nstatus: {status}\ndate: {date}\n{decided}owner: ana\n---\n"
        )
    };
    let mut fixture = Fixture::new(
        "2026-W47",
        &[
            (
                "decisions/0001-a.md",
                &decision("0001-a", "proposed", "2026-11-02", ""),
            ),
            (
                "decisions/0002-b.md",
                &decision("0002-b", "proposed", "2026-10-01", ""),
            ),
            (
                "decisions/0003-c.md",
                &decision("0003-c", "proposed", "2026-11-12", ""),
            ),
        ],
    );
    fixture.commit(
        "2026-11-18",
        "Ana",
        &[
            (
                "decisions/0001-a.md",
                &decision(
                    "0001-a",
                    "accepted",
                    "2026-11-02",
                    "decided_on: 2026-11-17\n",
                ),
            ),
            // Written down this week, decided long ago: not news.
            (
                "decisions/0004-d.md",
                &decision(
                    "0004-d",
                    "accepted",
                    "2026-06-01",
                    "decided_on: 2026-06-02\n",
                ),
            ),
            // Written down already decided this week.
            (
                "decisions/0005-e.md",
                &decision("0005-e", "rejected", "2026-11-16", ""),
            ),
        ],
    );

    let digest = fixture.digest();
    let made: Vec<(&str, &str, i64)> = digest
        .decisions
        .made
        .iter()
        .map(|d| (d.item.id.as_str(), d.status.as_str(), d.days_to_decide))
        .collect();
    assert_eq!(
        made,
        [("0001-a", "accepted", 15), ("0005-e", "rejected", 2)]
    );
    let waiting: Vec<(&str, i64)> = digest
        .decisions
        .waiting
        .iter()
        .map(|d| (d.item.id.as_str(), d.days_waiting))
        .collect();
    assert_eq!(waiting, [("0002-b", 52), ("0003-c", 10)]);
}

#[test]
fn risks_raised_escalated_and_past_their_review() {
    let risk = |id: &str, likelihood: &str, impact: &str, extra: &str| {
        format!(
            "---\nid: {id}\ntitle: Risk {id}\nowner: bo\nlikelihood: {likelihood}\nimpact: {impact}\nmitigation: watch\n{extra}---\n"
        )
    };
    let mut fixture = Fixture::new(
        "2026-W47",
        &[
            ("risks/rising.md", &risk("rising", "low", "medium", "")),
            (
                "risks/late.md",
                &risk("late", "low", "low", "review_by: 2026-11-20\n"),
            ),
            (
                "risks/done.md",
                &risk(
                    "done",
                    "low",
                    "low",
                    "review_by: 2026-11-01\nstatus: closed\n",
                ),
            ),
        ],
    );
    fixture.commit(
        "2026-11-17",
        "Bo",
        &[
            ("risks/rising.md", &risk("rising", "high", "medium", "")),
            (
                "risks/fresh.md",
                &risk("fresh", "medium", "high", "review_by: 2026-12-01\n"),
            ),
            (
                "risks/gone.md",
                &risk("gone", "low", "low", "status: closed\n"),
            ),
        ],
    );

    let digest = fixture.digest();
    let new: Vec<(&str, bool)> = digest
        .risks
        .new
        .iter()
        .map(|r| (r.item.id.as_str(), r.high))
        .collect();
    assert_eq!(new, [("fresh", true)]);
    let escalated = &digest.risks.escalated;
    assert_eq!(ids(escalated, |r| &r.item), ["rising"]);
    assert_eq!(
        (escalated[0].likelihood_before, escalated[0].likelihood),
        (Some(Level::Low), Some(Level::High))
    );
    let overdue: Vec<(&str, i64)> = digest
        .risks
        .review_overdue
        .iter()
        .map(|r| (r.item.id.as_str(), r.days_overdue))
        .collect();
    assert_eq!(overdue, [("late", 2)]);
}

#[test]
fn stale_items_overdue_milestones_and_missing_check_ins() {
    let milestones = "milestones:\n  - id: beta\n    title: Beta\n    due: 2026-11-10\n  - id: ga\n    title: GA\n    due: 2026-11-12\n    done: true\n";
    let update = "---\nteam: platform\nweek: 2026-W47\nauthor: bo\n---\nAll good.\n";
    let mut fixture = Fixture::new(
        "2026-W47",
        &[
            (
                "initiatives/quiet.md",
                &initiative("quiet", "apps", "2026-12-20", ""),
            ),
            (
                "initiatives/busy.md",
                &initiative("busy", "platform", "2026-12-20", milestones),
            ),
            (
                "initiatives/late.md",
                &initiative("late", "platform", "2026-11-20", ""),
            ),
            (
                "goals/2026-Q4/g.md",
                &goal("g", "apps", "", &metric("k", 0.0, 10.0, 1.0)),
            ),
        ],
    );
    fixture
        .commit(
            "2026-11-01",
            "Cy",
            &[(
                "goals/2026-Q4/g.md",
                &goal("g", "apps", "", &metric("k", 0.0, 10.0, 2.0)),
            )],
        )
        .commit(
            "2026-11-09",
            "Bo",
            &[(
                "initiatives/busy.md",
                &initiative("busy", "platform", "2026-12-21", milestones),
            )],
        )
        .commit(
            "2026-11-20",
            "Bo",
            &[("updates/2026-W47/platform.md", update)],
        );

    let digest = fixture.digest();
    let stale: Vec<(&str, Option<i64>)> = digest
        .accountability
        .stale
        .iter()
        .map(|s| (s.item.id.as_str(), s.days))
        .collect();
    // `g` was touched 21 days before the week's last day, `quiet` and `late`
    // not since the window opened, `busy` 13 days before. Apps before
    // Platform.
    assert_eq!(stale, [("g", Some(21)), ("quiet", None), ("late", None)]);
    let overdue: Vec<(&str, i64)> = digest
        .accountability
        .overdue
        .iter()
        .map(|o| (o.item.id.as_str(), o.days_overdue))
        .collect();
    assert_eq!(overdue, [("beta", 12), ("late", 2)]);
    let missing: Vec<&str> = digest
        .accountability
        .missing_updates
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    // The company at the top checks in through this digest.
    assert_eq!(missing, ["eng", "apps", "sales"]);
    let platform = digest.teams.iter().find(|t| t.id == "platform").unwrap();
    assert_eq!(
        platform.update.as_ref().map(|u| u.summary.as_str()),
        Some("All good.")
    );
}

#[test]
fn lists_go_by_team_hierarchy_then_id_with_company_items_first() {
    let file = |id: &str| format!("goals/2026-Q4/{id}.md");
    let goals = [
        ("z-company", ""),
        ("a-sales", "sales"),
        ("b-apps", "apps"),
        ("c-eng", "eng"),
        ("a-platform", "platform"),
    ];
    let texts: Vec<(String, String)> = goals
        .iter()
        .map(|(id, team)| {
            let text = goal(id, team, "", &metric(&format!("{id}-kr"), 0.0, 1.0, 0.5));
            (
                file(id),
                if team.is_empty() {
                    text.replace("team: \n", "")
                } else {
                    text
                },
            )
        })
        .collect();
    let texts: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let digest = Fixture::new("2026-W47", &texts).digest();
    assert_eq!(
        ids(&digest.goals, |g| &g.item),
        ["z-company", "c-eng", "b-apps", "a-platform", "a-sales"]
    );
    // The company at the top rolls up every goal, its own company-wide one too.
    let teams: Vec<(&str, usize, usize)> = digest
        .teams
        .iter()
        .map(|t| (t.id.as_str(), t.depth, t.goals))
        .collect();
    assert_eq!(
        teams,
        [
            ("company", 0, 5),
            ("eng", 1, 3),
            ("apps", 2, 1),
            ("platform", 2, 1),
            ("sales", 1, 1)
        ]
    );
}

#[test]
fn a_team_digest_covers_its_sub_teams_and_shows_the_goals_they_serve() {
    let company = "---\nid: top\ntitle: Top\nowner: ana\nperiod: 2026-Q4\nkey_results:\n  - id: top-kr\n    title: Top KR\n    metric: {baseline: 0, target: 10, current: 5}\n---\n";
    let mid = goal(
        "mid",
        "eng",
        "aligns_to: top-kr\n",
        &metric("mid-kr", 0.0, 1.0, 0.0),
    );
    let leaf = goal(
        "leaf",
        "platform",
        "aligns_to: mid\n",
        &metric("leaf-kr", 0.0, 1.0, 0.0),
    );
    let other = goal("other", "sales", "", &metric("other-kr", 0.0, 1.0, 0.0));
    let fixture = Fixture::new(
        "2026-W47",
        &[
            ("goals/2026-Q4/top.md", company),
            ("goals/2026-Q4/mid.md", &mid),
            ("goals/2026-Q4/leaf.md", &leaf),
            ("goals/2026-Q4/other.md", &other),
        ],
    );
    let digest = fixture.try_digest(Some("platform")).unwrap();
    assert_eq!(
        digest.team.as_ref().map(|t| t.name.as_str()),
        Some("Platform")
    );
    assert_eq!(ids(&digest.goals, |g| &g.item), ["leaf"]);
    assert_eq!(ids(&digest.context_goals, |g| &g.item), ["top", "mid"]);
    let teams: Vec<(&str, usize)> = digest
        .teams
        .iter()
        .map(|t| (t.id.as_str(), t.depth))
        .collect();
    assert_eq!(teams, [("platform", 0)]);

    let eng = fixture.try_digest(Some("eng")).unwrap();
    assert_eq!(ids(&eng.goals, |g| &g.item), ["mid", "leaf"]);
    assert_eq!(ids(&eng.context_goals, |g| &g.item), ["top"]);
    assert_eq!(
        (eng.figures.team_goals, eng.figures.team_goals_aligned),
        (2, 2)
    );
}

#[test]
fn an_unknown_team_is_an_error_that_suggests_the_closest() {
    let fixture = Fixture::new("2026-W47", &[]);
    let error = fixture.try_digest(Some("platfrom")).unwrap_err();
    assert_eq!(
        error.message,
        "there is no team `platfrom` in the org at fffffff"
    );
    assert_eq!(error.hint.as_deref(), Some("did you mean `platform`?"));
}

#[test]
fn figures_share_goals_on_track_updated_key_results_and_alignment() {
    let on_track = goal(
        "a",
        "apps",
        "health: on_track\naligns_to: c\n",
        &(metric("a1", 0.0, 1.0, 0.0) + &metric("a2", 0.0, 1.0, 0.0)),
    );
    let at_risk = goal(
        "b",
        "platform",
        "health: at_risk\n",
        &metric("b1", 0.0, 1.0, 0.0),
    );
    let company = "---\nid: c\ntitle: C\nowner: ana\nperiod: 2026-Q4\nhealth: on_track\nkey_results: []\n---\n";
    let dropped = goal(
        "d",
        "apps",
        "status: dropped\n",
        &metric("d1", 0.0, 1.0, 0.0),
    );
    let waits = initiative(
        "w",
        "apps",
        "2026-12-01",
        "depends_on: [{on: b1, need_by: 2026-12-31}]\n",
    );
    let mut fixture = Fixture::new(
        "2026-W47",
        &[
            ("goals/2026-Q4/a.md", &on_track),
            ("goals/2026-Q4/b.md", &at_risk),
            ("goals/2026-Q4/c.md", company),
            ("goals/2026-Q4/d.md", &dropped),
            ("initiatives/w.md", &waits),
        ],
    );
    let moved = goal(
        "a",
        "apps",
        "health: on_track\naligns_to: c\n",
        &(metric("a1", 0.0, 1.0, 0.5) + &metric("a2", 0.0, 1.0, 0.0)),
    );
    fixture.commit("2026-11-17", "Cy", &[("goals/2026-Q4/a.md", &moved)]);

    let f = fixture.digest().figures;
    assert_eq!(
        (f.goals, f.goals_on_track, f.goals_on_track_share),
        (3, 2, Some(0.6667))
    );
    assert_eq!(
        (
            f.key_results,
            f.key_results_updated,
            f.key_results_updated_share
        ),
        (3, 1, Some(0.3333))
    );
    assert_eq!(
        (f.team_goals, f.team_goals_aligned, f.alignment_coverage),
        (2, 1, Some(0.5))
    );
    assert_eq!(f.cross_team_dependencies, 1);
    // `c` has no key results: no progress, so it does not weigh on the mean.
    assert_eq!((f.progress, f.progress_change), (Some(0.125), Some(0.125)));
}

#[test]
fn a_check_in_that_opens_with_a_list_is_summed_up_by_its_items() {
    let update = "---\nteam: apps\nweek: 2026-W47\nauthor: cy\nhealth: on_track\n---\n- **Progress:** beta shipped\n  to `ten` teams.\n  - a detail left out\n- **Asks:** none\n\nMore later.\n";
    let long = format!(
        "---\nteam: sales\nweek: 2026-W47\nauthor: ana\n---\n{}\n",
        "word ".repeat(100)
    );
    let fixture = Fixture::new(
        "2026-W47",
        &[
            ("updates/2026-W47/apps.md", update),
            ("updates/2026-W47/sales.md", &long),
        ],
    );
    let digest = fixture.digest();
    let summary = |team: &str| {
        let rollup = digest.teams.iter().find(|t| t.id == team).unwrap();
        rollup.update.as_ref().unwrap().summary.clone()
    };
    assert_eq!(
        summary("apps"),
        "Progress: beta shipped to ten teams. · Asks: none"
    );
    let cut = summary("sales");
    assert_eq!(cut.chars().count(), 400);
    assert!(cut.ends_with("word…"), "{cut}");
}

/// Every kind of entry goes through the built-in template without an error,
/// and reads as a sentence.
#[test]
fn the_built_in_template_renders_every_kind_of_change() {
    let krs = |done: bool, baseline: f64| {
        format!(
            "  - id: m\n    title: Launch\n    confidence: 0.5\n    milestone: {{due: 2026-12-01, done: {done}}}\n  - id: k\n    title: Signups\n    metric: {{baseline: {baseline}, target: 200, current: 120, unit: \"%\"}}\n"
        )
    };
    let risk = |title: &str, level: &str, review: &str| {
        format!(
            "---\nid: r\ntitle: {title}\nowner: bo\nlikelihood: {level}\nimpact: {level}\nmitigation: m\nreview_by: {review}\n---\n"
        )
    };
    let person = "id: dee\nname: Dee Park\nteam: apps\n";
    let mut fixture = Fixture::new(
        "2026-W47",
        &[
            (
                "goals/2026-Q4/g.md",
                &goal("g", "apps", "status: active\n", &krs(false, 100.0)),
            ),
            (
                "initiatives/old.md",
                &initiative("old", "apps", "2026-12-20", ""),
            ),
            ("risks/r.md", &risk("Vendor", "low", "2026-12-01")),
            ("people/dee.yaml", person),
        ],
    );
    let new_goal = goal(
        "g",
        "sales",
        "status: achieved\nowner: cy\n",
        &krs(true, 110.0),
    )
    .replace("owner: bo\n", "")
    .replace("Goal g", "Goal g, renamed");
    fixture.commit(
        "2026-11-17",
        "Cy",
        &[
            ("goals/2026-Q4/g.md", &new_goal),
            (
                "goals/2026-Q4/n.md",
                &goal("n", "apps", "", &metric("n1", 0.0, 1.0, 0.0)),
            ),
            ("initiatives/old.md", ""),
            ("risks/r.md", &risk("Vendor", "high", "2026-12-08")),
            ("people/dee.yaml", &format!("{person}status: left\n")),
        ],
    );

    let digest = fixture.digest();
    let changes: Vec<&str> = digest.moves.iter().map(|m| m.change.as_str()).collect();
    for kind in [
        "added",
        "removed",
        "done",
        "status",
        "title",
        "owner",
        "team",
        "baseline",
        "due",
        "likelihood",
        "impact",
    ] {
        assert!(changes.contains(&kind), "no `{kind}` in {changes:?}");
    }
    let markdown = crate::reports::templates::Templates::builtin()
        .render("digest.md.j2", &digest)
        .unwrap();
    // The key results follow their goal's owner and team: said once, there.
    assert!(
        !markdown.contains("| Signups `k` | Sales | owner"),
        "{markdown}"
    );
    assert!(
        !markdown.contains("| Launch `m` | Sales | team"),
        "{markdown}"
    );
    for line in [
        "| Goal n `n` | Apps | new goal | `abc0000` Cy, Nov 17 |",
        "| Initiative old `old` | Apps | initiative removed | `abc0000` Cy, Nov 17 |",
        "| Launch `m` | Sales | **done** |",
        "| Goal g, renamed `g` | Sales | active → **achieved** |",
        "| Goal g, renamed `g` | Sales | renamed from “Goal g” |",
        "| Goal g, renamed `g` | Sales | owner `bo` → `cy` |",
        "| Goal g, renamed `g` | Sales | team `apps` → `sales` |",
        "| Signups `k` | Sales | baseline 100% → 110% |",
        "| Vendor `r` | Platform | likelihood low → **high** |",
        "| Vendor `r` | Platform | review by Dec 1 → Dec 8 |",
        "| Dee Park `dee` | Apps | active → **left** |",
    ] {
        assert!(markdown.contains(line), "missing:\n{line}\nin:\n{markdown}");
    }
}

#[test]
fn a_field_changed_several_times_in_the_week_is_one_move() {
    let text = |current: f64, health: &str| {
        goal(
            "g",
            "apps",
            &format!("health: {health}\n"),
            &metric("k", 0.0, 100.0, current),
        )
    };
    let file = "goals/2026-Q4/g.md";
    let mut fixture = Fixture::new("2026-W47", &[(file, &text(10.0, "on_track"))]);
    fixture
        .commit("2026-11-16", "Cy", &[(file, &text(20.0, "at_risk"))])
        .commit("2026-11-17", "Bo", &[(file, &text(35.0, "at_risk"))])
        .commit("2026-11-18", "Cy", &[(file, &text(30.0, "on_track"))]);

    let digest = fixture.digest();
    let moves: Vec<String> = digest
        .moves
        .iter()
        .map(|m| {
            let (id, change, short) = (&m.item.id, &m.change, &m.commit.short);
            format!("{id} {change} {:?} {short} x{}", m.delta, m.commits)
        })
        .collect();
    // Health went and came back: no move, and no turn.
    assert_eq!(moves, ["k current Some(20.0) abc0002 x3"]);
    assert!(digest.turned.is_empty());
}

/// Long lists fold into `<details>`; the top two levels of a large team
/// hierarchy stay in view.
#[test]
fn the_built_in_template_folds_long_lists() {
    let beta = "milestones:\n  - id: beta\n    title: Beta\n    due: 2026-11-02\n";
    let waits = "health: on_track\ndepends_on: [{on: i, need_by: 2026-11-20}]\n";
    let decision =
        "---\nid: 0001-d\ntitle: D\nstatus: proposed\ndate: 2026-11-01\nowner: ana\n---\n";
    let mut fixture = Fixture::new(
        "2026-W47",
        &[
            (
                "initiatives/i.md",
                &initiative("i", "apps", "2026-11-20", "health: on_track\n"),
            ),
            (
                "initiatives/w.md",
                &initiative("w", "platform", "2026-12-20", waits),
            ),
            (
                "initiatives/b.md",
                &initiative("b", "platform", "2026-12-20", beta),
            ),
            (
                "goals/2026-Q4/g.md",
                &goal("g", "apps", "", &metric("k", 0.0, 10.0, 1.0)),
            ),
            ("decisions/0001-d.md", decision),
        ],
    );
    fixture.commit(
        "2026-11-17",
        "Cy",
        &[
            (
                "initiatives/i.md",
                &initiative("i", "apps", "2026-11-27", "health: at_risk\n"),
            ),
            (
                "goals/2026-Q4/g.md",
                &goal("g", "apps", "", &metric("k", 0.0, 8.0, 2.0)),
            ),
        ],
    );
    let mut digest = fixture.digest();
    fn sixteen<T: Clone>(list: &mut Vec<T>) {
        assert!(!list.is_empty());
        *list = vec![list[0].clone(); 16];
    }
    sixteen(&mut digest.turned);
    sixteen(&mut digest.slips);
    sixteen(&mut digest.goalpost_moves);
    sixteen(&mut digest.dependencies);
    sixteen(&mut digest.accountability.overdue);
    sixteen(&mut digest.decisions.waiting);
    sixteen(&mut digest.moves);
    sixteen(&mut digest.accountability.stale);
    let deep = digest.teams.iter().find(|t| t.depth == 2).unwrap().clone();
    digest.teams.extend(std::iter::repeat_n(deep, 12));

    let markdown = crate::reports::templates::Templates::builtin()
        .render("digest.md.j2", &digest)
        .unwrap();
    for summary in [
        "16 items",
        "16 slips",
        "16 targets",
        "16 dependencies",
        "16 decisions",
        "16 changes this week",
        "16 goals and initiatives",
        "All 17 teams",
    ] {
        let folded = format!("<details><summary>{summary}</summary>\n\n| ");
        assert!(
            markdown.contains(&folded),
            "not folded: {summary}\n{markdown}"
        );
    }
    assert_eq!(
        markdown.matches("<details>").count(),
        markdown.matches("</details>").count()
    );
    // Above the fold: the company and the teams right below it.
    let teams = markdown.split("## Teams").nth(1).unwrap();
    let in_view = teams.split("<details>").next().unwrap();
    assert_eq!(in_view.matches("\n| ").count(), 2 + 3);
}
