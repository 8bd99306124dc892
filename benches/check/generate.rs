//! A realistic, valid org of any size, the same on every run (fixed seed).
//!
//! Proportions follow a real org: about 25% people, 2% teams, 15% goals (three
//! key results each), 10% initiatives (milestones, cross-team `depends_on`), 5%
//! decisions, 3% risks, and weekly updates for the rest. Everything is valid
//! as of [`TODAY`], so `orgit check` does all its work and reports nothing:
//! references resolve, the team tree and the dependencies are acyclic, every
//! dependency is due before it is needed, owners are active and carry at most
//! a few active items, nothing is past due, supersede links agree, high risks
//! are mitigated and reviews are in the future.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use jiff::ToSpan;
use jiff::civil::{Date, date};

/// The `--today` the benchmark passes; every date is valid relative to it.
pub const TODAY: &str = "2026-11-22";

/// `orgit.yaml`, alone an empty but valid org.
pub const SETTINGS: &str = "name: Benchmark Industries\ntimezone: Europe/Berlin\n\
    week_start: monday\nfiscal_year_start_month: 1\n\
    rhythm:\n  checkin_day: friday\n  digest_day: monday\n\
    policies:\n  stale_after_days: 14\n  max_active_items_per_owner: 5\n";

/// What was written.
pub struct Generated {
    pub files: usize,
    pub bytes: u64,
}

/// Writes an org of `total` files (`orgit.yaml` included; exactly `total` from
/// about a hundred up) under `root`.
pub fn write_org(root: &Path, total: usize) -> std::io::Result<Generated> {
    let files = Org::generate(total).files;
    let mut bytes = 0;
    for (path, text) in &files {
        let path = root.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        bytes += text.len() as u64;
    }
    Ok(Generated {
        files: files.len(),
        bytes,
    })
}

/// xorshift64: deterministic, dependency-free, good enough to vary text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }
}

struct Team {
    id: String,
    /// Active members, lead first.
    members: Vec<usize>,
    /// Next member to own something, so ownership spreads evenly.
    next_owner: usize,
}

struct Goal {
    id: String,
    team: Option<usize>,
    key_results: Vec<String>,
}

struct Initiative {
    id: String,
    team: usize,
    due: Date,
    troubled: bool,
}

/// The org being generated: ids handed out so far and the files written.
struct Org {
    rng: Rng,
    today: Date,
    ids: HashSet<String>,
    people: Vec<String>,
    active: Vec<usize>,
    teams: Vec<Team>,
    q3_goals: Vec<Goal>,
    q4_goals: Vec<Goal>,
    initiatives: Vec<Initiative>,
    files: Vec<(String, String)>,
}

impl Org {
    fn generate(total: usize) -> Org {
        let share = |percent: usize| (total * percent / 100).max(1);
        let (people, teams, goals) = (share(25).max(4), share(2).max(3), share(15));
        let (initiatives, decisions, risks) = (share(10), share(5), share(3));
        let updates =
            total.saturating_sub(1 + people + teams + goals + initiatives + decisions + risks);

        let mut org = Org {
            rng: Rng(0x9E37_79B9_7F4A_7C15),
            today: TODAY.parse().expect("TODAY is a date"),
            ids: HashSet::new(),
            people: Vec::new(),
            active: Vec::new(),
            teams: Vec::new(),
            q3_goals: Vec::new(),
            q4_goals: Vec::new(),
            initiatives: Vec::new(),
            files: Vec::new(),
        };
        org.settings();
        org.teams_and_people(teams, people);
        org.goals(goals);
        org.initiatives(initiatives);
        org.decisions(decisions);
        org.risks(risks);
        org.updates(updates);
        org
    }

    /// `base`, or `base-2`, `base-3`… if taken: ids are unique across the org.
    fn unique(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// Adds a file with the editor's schema comment first, as `orgit init`
    /// and the example org write them.
    fn add(&mut self, path: String, text: String) {
        let schema = match path.split('/').next() {
            Some("people") => "person",
            Some("teams") => "team",
            Some("goals") => "goal",
            Some("initiatives") => "initiative",
            Some("decisions") => "decision",
            Some("risks") => "risk",
            Some("updates") => "update",
            _ => "orgit",
        };
        let up = "../".repeat(path.matches('/').count() + 1);
        let comment = format!("# yaml-language-server: $schema={up}schema/{schema}.schema.json\n");
        let text = match text.strip_prefix("---\n") {
            Some(rest) => format!("---\n{comment}{rest}"),
            None => comment + &text,
        };
        self.files.push((path, text));
    }

    fn settings(&mut self) {
        self.add("orgit.yaml".into(), SETTINGS.into());
    }

    /// A tree of teams (five children per team) and people spread over them;
    /// each team's first member leads it. One person in fifty has left.
    fn teams_and_people(&mut self, teams: usize, people: usize) {
        for t in 0..teams {
            let base = if t == 0 {
                "company".to_owned()
            } else {
                format!("{}-{}", self.rng.pick(AREAS), self.rng.pick(UNITS))
            };
            let id = self.unique(base);
            self.teams.push(Team {
                id,
                members: Vec::new(),
                next_owner: 0,
            });
        }
        for p in 0..people {
            let (first, last) = (*self.rng.pick(FIRST_NAMES), *self.rng.pick(LAST_NAMES));
            let id = self.unique(format!("{}-{}", first.to_lowercase(), last.to_lowercase()));
            let team = p % teams;
            let lead = p < teams;
            let left = !lead && self.rng.percent(2);
            let role = if lead {
                "Team Lead"
            } else {
                *self.rng.pick(ROLES)
            };
            let mut text = format!(
                "id: {id}\nname: {first} {last}\nemail: {}@bench.example\ngithub: {}\nteam: {}\n\
                 role: {role}\njoined: 20{:02}-{:02}-{:02}\n",
                id.replace('-', "."),
                id.replace('-', ""),
                self.teams[team].id,
                16 + self.rng.below(10),
                1 + self.rng.below(12),
                1 + self.rng.below(28),
            );
            if left {
                text.push_str("status: left\nleft: 2026-06-30\n");
            } else {
                self.teams[team].members.push(p);
                self.active.push(p);
            }
            self.add(format!("people/{id}.yaml"), text);
            self.people.push(id);
        }
        for t in 0..teams {
            let mission = self.sentence(14);
            let team = &self.teams[t];
            let mut text = format!("id: {}\nname: {}\n", team.id, title_case(&team.id));
            if t > 0 {
                writeln!(text, "parent: {}", self.teams[(t - 1) / 5].id).unwrap();
            }
            let lead = &self.people[team.members[0]];
            write!(text, "lead: {lead}\nmission: \"{mission}\"\n").unwrap();
            let path = format!("teams/{}.yaml", team.id);
            self.add(path, text);
        }
    }

    /// The next member of `team` in turn, so nobody is overloaded.
    fn owner(&mut self, team: usize) -> String {
        let team = &mut self.teams[team];
        let person = team.members[team.next_owner % team.members.len()];
        team.next_owner += 1;
        self.people[person].clone()
    }

    fn anyone(&mut self) -> String {
        let person = *self.rng.pick(&self.active);
        self.people[person].clone()
    }

    /// A third of the goals in 2026-Q3 (achieved), the rest in 2026-Q4 (active).
    /// A few company goals per quarter (no team); every team goal aligns to a
    /// key result of its parent team's goal, or of a company goal.
    fn goals(&mut self, count: usize) {
        let q3 = count / 3;
        for (period, n) in [("2026-Q3", q3), ("2026-Q4", count - q3)] {
            // A handful of company goals whatever the size: their owners are
            // the company team, who must not be overloaded.
            let company = (n / 25).clamp(1, 5).min(n);
            let mut owners: Vec<usize> = (0..n - company)
                .map(|g| 1 + g % (self.teams.len() - 1))
                .collect();
            owners.sort_unstable();
            let teams = std::iter::repeat_n(None, company).chain(owners.into_iter().map(Some));
            for team in teams {
                let goal = self.goal(period, team);
                match period {
                    "2026-Q3" => self.q3_goals.push(goal),
                    _ => self.q4_goals.push(goal),
                }
            }
        }
    }

    fn goal(&mut self, period: &str, team: Option<usize>) -> Goal {
        let past = period == "2026-Q3";
        let (start, end) = if past {
            (date(2026, 7, 1), date(2026, 9, 30))
        } else {
            (date(2026, 10, 1), date(2026, 12, 31))
        };
        let theme = *self.rng.pick(THEMES);
        let quarter = &period[5..].to_lowercase();
        let id = match team {
            Some(t) => format!("{}-{theme}-{quarter}", self.teams[t].id),
            None => format!("company-{theme}-{quarter}"),
        };
        let id = self.unique(id);
        let owner = self.owner(team.unwrap_or(0));
        let health = if past { "on_track" } else { self.health() };
        let mut text = format!(
            "---\nid: {id}\ntitle: {}\nowner: {owner}\n",
            self.title(theme)
        );
        if let Some(t) = team {
            writeln!(text, "team: {}", self.teams[t].id).unwrap();
        }
        write!(
            text,
            "period: {period}\nstatus: {}\nhealth: {health}\nconfidence: 0.{}\n",
            if past { "achieved" } else { "active" },
            5 + self.rng.below(5),
        )
        .unwrap();
        if let Some(t) = team {
            let aligns_to = self.alignment_target(past, (t - 1) / 5);
            writeln!(text, "aligns_to: {aligns_to}").unwrap();
        }
        text.push_str("key_results:\n");
        let mut key_results = Vec::new();
        for k in 1..=3 {
            let kr = self.unique(format!("{id}-kr{k}"));
            write!(text, "  - id: {kr}\n    title: {}\n", self.sentence(7)).unwrap();
            if self.rng.percent(40) {
                let kr_owner = self.owner(team.unwrap_or(0));
                writeln!(text, "    owner: {kr_owner}").unwrap();
            }
            if k < 3 {
                let baseline = self.rng.between(10, 500);
                let gain = self.rng.between(5, 200);
                // The target always differs from the baseline (no flat-key-result).
                let (target, direction) = if self.rng.percent(25) {
                    (baseline.saturating_sub(gain).max(1), "down")
                } else {
                    (baseline + gain, "up")
                };
                let current = if past {
                    target
                } else {
                    (baseline + target) / 2
                };
                let unit = *self.rng.pick(&["%", "ms", "accounts", "eur-k", "tickets"]);
                writeln!(
                    text,
                    "    metric: {{baseline: {baseline}, target: {target}, current: {current}, \
                     unit: \"{unit}\", direction: {direction}}}"
                )
                .unwrap();
            } else {
                let due =
                    start + (self.rng.below(((end - start).get_days() + 1) as usize) as i64).days();
                let done = due < self.today;
                writeln!(text, "    milestone: {{due: {due}, done: {done}}}").unwrap();
            }
            key_results.push(kr);
        }
        text.push_str("---\n");
        self.narrative(&mut text, 2);
        self.add(format!("goals/{period}/{id}.md"), text);
        Goal {
            id,
            team,
            key_results,
        }
    }

    /// A key result of a goal of `parent` in the same quarter, else of a company goal.
    fn alignment_target(&mut self, past: bool, parent: usize) -> String {
        let goals = if past { &self.q3_goals } else { &self.q4_goals };
        let of_parent: Vec<&Goal> = goals.iter().filter(|g| g.team == Some(parent)).collect();
        let candidates = if of_parent.is_empty() {
            goals.iter().filter(|g| g.team.is_none()).collect()
        } else {
            of_parent
        };
        let goal = candidates[self.rng.below(candidates.len())];
        goal.key_results[self.rng.below(goal.key_results.len())].clone()
    }

    fn health(&mut self) -> &'static str {
        match self.rng.below(20) {
            0..=13 => "on_track",
            14..=18 => "at_risk",
            _ => "off_track",
        }
    }

    /// A fifth done in Q3; the rest active, due between 24 November and the
    /// end of the year in index order, so each may depend on earlier ones
    /// (of other teams) that are due before it.
    fn initiatives(&mut self, count: usize) {
        let done = count / 5;
        let active = count - done;
        for i in 0..count {
            let team = 1 + i % (self.teams.len() - 1);
            let theme = *self.rng.pick(THEMES);
            let verb = *self.rng.pick(VERBS);
            let id = self.unique(format!("{verb}-{theme}"));
            let owner = self.owner(team);
            let past = i < done;
            let due = if past {
                date(2026, 7, 20) + ((i * 60 / done.max(1)) as i64).days()
            } else {
                date(2026, 11, 24) + (((i - done) * 37 / active) as i64).days()
            };
            let start = due - (self.rng.between(45, 110) as i64).days();

            let goals = if past { &self.q3_goals } else { &self.q4_goals };
            let own: Vec<&Goal> = goals.iter().filter(|g| g.team == Some(team)).collect();
            let pool = if own.is_empty() {
                goals.iter().collect()
            } else {
                own
            };
            let mut supports = Vec::new();
            for _ in 0..self.rng.between(1, 2) {
                let goal = pool[self.rng.below(pool.len())];
                let kr = goal.key_results[self.rng.below(goal.key_results.len())].clone();
                if !supports.contains(&kr) {
                    supports.push(kr);
                }
            }

            let mut depends_on = Vec::new();
            let mut troubled_target = false;
            if !past && i > done && self.rng.percent(45) {
                for _ in 0..self.rng.between(1, 2) {
                    let j = done + self.rng.below(i - done);
                    let target = &self.initiatives[j];
                    if target.team == team || depends_on.iter().any(|(on, _)| on == &target.id) {
                        continue;
                    }
                    let slack = (due - target.due).get_days() as usize;
                    let need_by = target.due + (self.rng.below(slack + 1) as i64).days();
                    troubled_target |= target.troubled;
                    depends_on.push((target.id.clone(), need_by));
                }
            }
            let mut health = if past { "on_track" } else { self.health() };
            if troubled_target && health == "on_track" {
                health = "at_risk";
            }

            let title = format!("{} {}", title_case(verb), theme.replace('-', " "));
            let mut text = format!(
                "---\nid: {id}\ntitle: {title}\nowner: {owner}\nteam: {}\nsupports: [{}]\n\
                 status: {}\nhealth: {health}\nstart: {start}\ndue: {due}\n",
                self.teams[team].id,
                supports.join(", "),
                if past { "done" } else { "active" },
            );
            if !depends_on.is_empty() {
                text.push_str("depends_on:\n");
                for (on, need_by) in &depends_on {
                    let why = self.sentence(12);
                    write!(
                        text,
                        "  - on: {on}\n    need_by: {need_by}\n    why: {why}\n"
                    )
                    .unwrap();
                }
            }
            text.push_str("milestones:\n");
            let milestones = self.rng.between(2, 4);
            let length = (due - start).get_days() as usize;
            for m in 1..=milestones {
                let milestone_due = start + ((length * m / milestones) as i64).days();
                let milestone = self.unique(format!("{id}-m{m}"));
                write!(
                    text,
                    "  - id: {milestone}\n    title: {}\n    due: {milestone_due}\n    done: {}\n",
                    self.sentence(6),
                    milestone_due < self.today,
                )
                .unwrap();
            }
            text.push_str("---\n");
            self.narrative(&mut text, 2);
            self.add(format!("initiatives/{id}.md"), text);
            self.initiatives.push(Initiative {
                id,
                team,
                due,
                troubled: health != "on_track",
            });
        }
    }

    /// Decision records through the year; every tenth one is superseded by
    /// the next, and both sides say so.
    fn decisions(&mut self, count: usize) {
        let mut ids = Vec::new();
        let mut titles = Vec::new();
        for d in 0..count {
            let (verb, theme) = (*self.rng.pick(VERBS), *self.rng.pick(THEMES));
            ids.push(self.unique(format!("{:04}-{verb}-{theme}", d + 1)));
            titles.push(format!("{} {}", title_case(verb), theme.replace('-', " ")));
        }
        for d in 0..count {
            let id = ids[d].clone();
            let day = date(2026, 1, 5) + ((d * 315 / count) as i64).days();
            let superseded = d % 10 == 3 && d + 1 < count;
            let supersedes = d % 10 == 4;
            let status = if superseded {
                "superseded"
            } else if supersedes {
                "accepted"
            } else {
                // Only recent decisions are still waiting.
                match self.rng.below(20) {
                    0..=2 if (self.today - day).get_days() <= 30 => "proposed",
                    0..=17 => "accepted",
                    _ => "rejected",
                }
            };
            let owner = self.anyone();
            let mut consulted = Vec::new();
            while consulted.len() < 2 {
                let person = self.anyone();
                if person != owner && !consulted.contains(&person) {
                    consulted.push(person);
                }
            }
            let informed = self.rng.pick(&self.teams).id.clone();
            let affects = self.affected();
            let mut text = format!(
                "---\nid: {id}\ntitle: {}\nstatus: {status}\ndate: {day}\n",
                titles[d]
            );
            if status != "proposed" {
                let decided = (day + (self.rng.between(2, 14) as i64).days()).min(self.today);
                writeln!(text, "decided_on: {decided}").unwrap();
            }
            write!(
                text,
                "owner: {owner}\nconsulted: [{}]\ninformed: [{informed}]\naffects: [{}]\n",
                consulted.join(", "),
                affects.join(", ")
            )
            .unwrap();
            if superseded {
                writeln!(text, "superseded_by: {}", ids[d + 1]).unwrap();
            }
            if supersedes {
                writeln!(text, "supersedes: [{}]", ids[d - 1]).unwrap();
            }
            text.push_str("---\n## Context\n");
            self.narrative(&mut text, 1);
            text.push_str("## Decision\n");
            self.narrative(&mut text, 1);
            text.push_str("## Consequences\n");
            for _ in 0..3 {
                writeln!(text, "- {}", self.sentence(10)).unwrap();
            }
            self.add(format!("decisions/{id}.md"), text);
        }
    }

    /// One or two active goals, key results or initiatives.
    fn affected(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        for _ in 0..self.rng.between(1, 2) {
            let id = if self.rng.percent(50) && !self.q4_goals.is_empty() {
                let goal = self.rng.pick(&self.q4_goals);
                if self.rng.percent(50) {
                    goal.id.clone()
                } else {
                    self.rng.pick(&goal.key_results).clone()
                }
            } else {
                let active = self.initiatives.len() / 5..self.initiatives.len();
                self.initiatives[active.start + self.rng.below(active.len())]
                    .id
                    .clone()
            };
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    fn risks(&mut self, count: usize) {
        for _ in 0..count {
            let theme = *self.rng.pick(THEMES);
            let area = *self.rng.pick(AREAS);
            let id = self.unique(format!("risk-{area}-{theme}"));
            let owner = self.anyone();
            let status = match self.rng.below(20) {
                0..=14 => "open",
                15..=17 => "mitigated",
                _ => "closed",
            };
            let levels = ["low", "medium", "high"];
            let raised = date(2026, 8, 1) + (self.rng.below(110) as i64).days();
            let mut text = format!(
                "---\nid: {id}\ntitle: {}\nowner: {owner}\nstatus: {status}\nlikelihood: {}\n\
                 impact: {}\nmitigation: >-\n  {}\n  {}\nraised: {raised}\n",
                self.title(theme),
                self.rng.pick(&levels),
                self.rng.pick(&levels),
                self.sentence(12),
                self.sentence(12),
            );
            if status != "closed" {
                let review_by = self.today + (self.rng.between(3, 45) as i64).days();
                writeln!(text, "review_by: {review_by}").unwrap();
            }
            let affects = self.affected();
            writeln!(text, "affects: [{}]\n---", affects.join(", ")).unwrap();
            self.narrative(&mut text, 2);
            self.add(format!("risks/{id}.md"), text);
        }
    }

    /// Every team every week, newest week first (2026-W47, the week of
    /// [`TODAY`]); the oldest week may be partial.
    fn updates(&mut self, count: usize) {
        let monday = date(2026, 11, 16);
        for u in 0..count {
            let team = u % self.teams.len();
            let week_of = monday - ((u / self.teams.len() * 7) as i64).days();
            let iso = week_of.iso_week_date();
            let week = format!("{:04}-W{:02}", iso.year(), iso.week());
            let health = self.health();
            let author = &self.people[self.teams[team].members[0]];
            let mut text = format!(
                "---\nteam: {}\nweek: {week}\nauthor: {author}\nhealth: {health}\nconfidence: 0.{}\n---\n",
                self.teams[team].id,
                4 + self.rng.below(6),
            );
            for heading in ["Progress", "Risks", "Asks"] {
                writeln!(text, "- **{heading}:** {}", self.sentence(18)).unwrap();
            }
            self.add(format!("updates/{week}/{}.md", self.teams[team].id), text);
        }
    }

    fn title(&mut self, theme: &str) -> String {
        let verb = *self.rng.pick(VERBS);
        format!("{} {}", title_case(verb), theme.replace('-', " "))
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut out = String::new();
        for w in 0..words {
            if w > 0 {
                out.push(' ');
            }
            let word = *self.rng.pick(WORDS);
            out.push_str(word);
        }
        let mut chars = out.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
            None => out,
        }
    }

    fn narrative(&mut self, text: &mut String, paragraphs: usize) {
        for _ in 0..paragraphs {
            let sentences = self.rng.between(2, 4);
            for s in 0..sentences {
                if s > 0 {
                    text.push(if s % 2 == 0 { '\n' } else { ' ' });
                }
                let words = self.rng.between(8, 18);
                text.push_str(&self.sentence(words));
            }
            text.push_str("\n\n");
        }
    }
}

fn title_case(slug: &str) -> String {
    slug.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

// Word lists, kept compact.
#[rustfmt::skip]
const AREAS: &[&str] = &[
    "platform", "payments", "identity", "search", "mobile", "data", "growth", "billing", "infra",
    "security", "support", "sales", "marketing", "finance", "design", "analytics", "checkout",
    "catalog", "logistics", "onboarding", "reliability", "partners", "pricing", "compliance",
];

#[rustfmt::skip]
const UNITS: &[&str] = &[
    "core", "api", "web", "apps", "ops", "eu", "us", "apac", "tools", "ml", "edge", "insights",
];

#[rustfmt::skip]
const THEMES: &[&str] = &[
    "net-revenue", "retention", "activation", "latency", "uptime", "enterprise-readiness",
    "self-serve", "pipeline", "cost-to-serve", "release-cadence", "data-quality", "nps",
    "time-to-value", "churn", "expansion", "onboarding", "audit-readiness", "hiring",
];

#[rustfmt::skip]
const VERBS: &[&str] = &[
    "launch", "rebuild", "migrate", "scale", "automate", "simplify", "harden", "expand", "adopt",
    "retire", "unify", "price",
];

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Ana", "Bo", "Chloe", "Daniel", "Elena", "Farid", "Greta", "Hana", "Ivan", "Julia", "Kenji",
    "Lena", "Marco", "Noa", "Oliver", "Priya", "Quentin", "Rachel", "Samuel", "Tomasz", "Uma",
    "Victor", "Wen", "Ximena", "Yuki", "Zara", "Ahmed", "Camille", "Diego", "Ingrid",
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Silva", "Chen", "Okafor", "Muller", "Rossi", "Nakamura", "Kowalski", "Haddad", "Larsen",
    "Garcia", "Novak", "Singh", "Dubois", "Petrov", "Kim", "Andersen", "Moreau", "Ali", "Costa",
    "Schmidt", "Tanaka", "Osei", "Fischer", "Lopez",
];

#[rustfmt::skip]
const ROLES: &[&str] = &[
    "Software Engineer", "Senior Software Engineer", "Product Manager", "Designer", "Data Analyst",
    "Account Executive", "Customer Success Manager", "Site Reliability Engineer",
];

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "team", "shipped", "customers", "renewal", "pipeline", "latency", "we", "agreed",
    "with", "platform", "before", "quarter", "end", "because", "enterprise", "deals", "need",
    "single", "sign-on", "and", "audit", "logs", "our", "metric", "moved", "from", "baseline",
    "toward", "target", "this", "week", "risk", "is", "vendor", "capacity", "plan", "review",
    "launch", "mobile", "release", "onboarding", "conversion", "improved", "slipped", "by", "two",
    "days", "owner", "asked", "for", "help", "on", "pricing", "migration", "support",
];
