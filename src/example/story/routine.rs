//! The routine of every week: key results checked in, goals re-rated,
//! milestones done or moved, risks reviewed, updates written, quarters scored.

use rand::Rng as _;
use rand::seq::IndexedRandom;

use super::{Event, Note, Scheduled, Story};
use crate::error::Result;
use crate::example::calendar::{Calendar, WeekTime, add_days, previous_working_day};
use crate::example::commit::{FileChange, Lane};
use crate::example::plan::{amount, assess, rate, value_at};
use crate::example::render::{self, UpdateFile};
use crate::example::world::{Course, Fate, FileOf, Measure, Metric, TeamKind};
use crate::model::{Date, GoalStatus, Health, InitiativeStatus, Level, Period, RiskStatus};

/// How likely a key result's owner updates it in a given week.
const CHECK_IN_RATE: f64 = 0.55;
/// How likely a team skips its weekly update.
const SKIP_UPDATE_RATE: f64 = 0.08;

/// Why a date moves; people rarely write more than this in a commit message.
pub(super) const SLIP_REASONS: &[&str] = &[
    "review found gaps in the test plan",
    "two of the team were out sick",
    "scope grew after the customer pilot",
    "waiting on the vendor's sandbox",
    "the first approach did not hold up under load",
    "pulled into an incident for most of the week",
    "design changes after user testing",
];

impl Story<'_> {
    pub(super) fn schedule_routine(&mut self, week: u32, schedule: &mut Vec<Scheduled>) {
        let monday = self.calendar.day(week, 0);
        let sunday = self.calendar.day(week, 6);
        for g in 0..self.world.goals.len() {
            let goal = &self.world.goals[g];
            if !goal.is_active() || goal.quiet {
                continue;
            }
            for k in 0..goal.key_results.len() {
                // Monday to Thursday: a key result's owner may check in.
                let (at, event) = match &self.world.goals[g].key_results[k].measure {
                    Measure::Metric(m) if m.course != Course::Untouched => {
                        // The story's key results are checked in every week, so
                        // their course shows.
                        let checks_in =
                            self.rng.random_bool(CHECK_IN_RATE) || self.cast.is_followed(g, k);
                        let at = working_time(&mut self.rng, 0..4, 9..18);
                        (checks_in.then_some(at), Event::CheckIn { goal: g, kr: k })
                    }
                    Measure::Milestone { due, done, fate } if !done && *due <= sunday => {
                        let at = due_time(&mut self.rng, *due, monday, *fate);
                        (at, Event::KeyResultDue { goal: g, kr: k })
                    }
                    _ => continue,
                };
                if let Some(at) = at {
                    schedule.push(Scheduled { at, event });
                }
            }
            // Friday morning, after the week's check-ins, before the updates.
            let at = working_time(&mut self.rng, 4..5, 9..12);
            schedule.push(Scheduled {
                at,
                event: Event::Rate { goal: g },
            });
        }
        for i in 0..self.world.initiatives.len() {
            if !self.world.initiatives[i].is_active() {
                continue;
            }
            for m in 0..self.world.initiatives[i].milestones.len() {
                let milestone = &self.world.initiatives[i].milestones[m];
                if milestone.done || milestone.due > sunday {
                    continue;
                }
                let (due, fate) = (milestone.due, milestone.fate);
                if let Some(at) = due_time(&mut self.rng, due, monday, fate) {
                    schedule.push(Scheduled {
                        at,
                        event: Event::MilestoneDue {
                            initiative: i,
                            milestone: m,
                        },
                    });
                }
            }
        }
        for r in 0..self.world.risks.len() {
            let risk = &self.world.risks[r];
            if risk.status == RiskStatus::Closed
                || risk.review_by > sunday
                || self.cast.review_is_left_to_lapse(r)
            {
                continue;
            }
            let day = if risk.review_by < monday {
                0
            } else {
                Calendar::weekday(previous_working_day(risk.review_by))
            };
            let at = working_time(&mut self.rng, day..day + 1, 9..17);
            schedule.push(Scheduled {
                at,
                event: Event::Review { risk: r },
            });
        }
        for t in 0..self.world.teams.len() {
            // Squads check in through their group (see `update`).
            if matches!(
                self.world.teams[t].kind,
                TeamKind::Company | TeamKind::Squad(_)
            ) {
                continue;
            }
            let skips = self.rng.random_bool(SKIP_UPDATE_RATE);
            let own = !skips && !self.cast.stays_silent(week, &self.world.teams[t].id);
            let squads = matches!(self.world.teams[t].kind, TeamKind::Group(_))
                && !self.world.teams[t].is_leaf();
            let at = if self.rng.random_bool(0.2) {
                working_time(&mut self.rng, 3..4, 16..18)
            } else {
                working_time(&mut self.rng, 4..5, 13..18)
            };
            if own || squads {
                schedule.push(Scheduled {
                    at,
                    event: Event::Update { team: t, own },
                });
            }
        }
    }

    pub(super) fn check_in(&mut self, week: u32, at: WeekTime, g: usize, k: usize) -> Result<()> {
        let today = self.calendar.day(week, at.weekday);
        let goal = &self.world.goals[g];
        if !goal.is_active() {
            return Ok(());
        }
        let elapsed = Calendar::elapsed(goal.period, today);
        let noise = (self.rng.random::<f64>() - 0.5) * 0.06;
        let kr = &self.world.goals[g].key_results[k];
        let Measure::Metric(metric) = &kr.measure else {
            return Ok(());
        };
        let value = value_at(metric, elapsed, noise);
        let moved = Metric {
            current: value,
            ..metric.clone()
        };
        let (health, confidence) = assess(&moved, elapsed);
        let (old, new) = (amount(metric.current, metric), amount(value, metric));
        let (message, note) = if value != metric.current {
            let message = format!("Update {}: {old} → {new}", kr.id);
            (
                message,
                Note::Progress(format!("{} {old} → {new}", kr.title)),
            )
        } else if Some(health) != kr.health {
            // No progress to report, but the owner says what it means.
            let words = health_words(health);
            let message = format!("Update {}: still {old}, {words}", kr.id);
            (
                message,
                Note::Risk(format!("{} still at {old}, {words}", kr.title)),
            )
        } else {
            return Ok(());
        };
        let author = self.world.key_result_owner(g, k).to_owned();
        let kr = &mut self.world.goals[g].key_results[k];
        kr.measure = Measure::Metric(moved);
        kr.health = Some(health);
        kr.confidence = Some(confidence);
        let team = self.world.goals[g].team.clone();
        self.note(team.as_deref(), note);
        self.commit_on_main(week, at, &author, message, &[FileOf::Goal(g)])
    }

    /// The goal's owner re-rates it from its key results' ratings.
    pub(super) fn rate(&mut self, week: u32, at: WeekTime, g: usize) -> Result<()> {
        let goal = &self.world.goals[g];
        if !goal.is_active() || goal.quiet {
            return Ok(());
        }
        let (health, confidence) = rate(&goal.key_results);
        if (health, confidence) == (goal.health, goal.confidence) {
            return Ok(());
        }
        let message = format!(
            "Rate {}: {}, confidence {}",
            goal.id,
            health_words(health),
            render::confidence(confidence)
        );
        if health != goal.health {
            let note = format!("{} is now {}", goal.title, health_words(health));
            let team = goal.team.clone();
            let note = if health.is_troubled() {
                Note::Risk(note)
            } else {
                Note::Progress(note)
            };
            self.note(team.as_deref(), note);
        }
        let owner = self.world.goals[g].owner.clone();
        let goal = &mut self.world.goals[g];
        goal.health = health;
        goal.confidence = confidence;
        self.commit_on_main(week, at, &owner, message, &[FileOf::Goal(g)])
    }

    pub(super) fn key_result_due(
        &mut self,
        week: u32,
        at: WeekTime,
        g: usize,
        k: usize,
    ) -> Result<()> {
        if !self.world.goals[g].is_active() {
            return Ok(());
        }
        let author = self.world.key_result_owner(g, k).to_owned();
        let team = self.world.goals[g].team.clone();
        let reason = self.slip_reason();
        let kr = &mut self.world.goals[g].key_results[k];
        let Measure::Milestone { due, done, fate } = &mut kr.measure else {
            return Ok(());
        };
        if *done {
            return Ok(());
        }
        let (message, note) = match *fate {
            Fate::Scripted => return Ok(()),
            Fate::OnTime => {
                *done = true;
                kr.health = Some(Health::OnTrack);
                kr.confidence = Some(1.0);
                let message = format!("Done: {} ({})", kr.title, kr.id);
                (message, Note::Progress(format!("Done: {}", kr.title)))
            }
            Fate::Slips(times) => {
                let weeks = if times > 1 { 1 } else { 2 };
                *due = add_days(*due, 7 * weeks);
                *fate = if times > 1 {
                    Fate::Slips(times - 1)
                } else {
                    Fate::OnTime
                };
                kr.health = Some(Health::AtRisk);
                kr.confidence = Some(0.6);
                let message = format!("Move {} to {}: {reason}", kr.id, due);
                let note = format!(
                    "{} moved to {}: {reason}",
                    kr.title,
                    render::short_date(*due)
                );
                (message, Note::Risk(note))
            }
        };
        self.note(team.as_deref(), note);
        self.commit_on_main(week, at, &author, message, &[FileOf::Goal(g)])
    }

    pub(super) fn milestone_due(
        &mut self,
        week: u32,
        at: WeekTime,
        i: usize,
        m: usize,
    ) -> Result<()> {
        let reason = self.slip_reason();
        let initiative = &mut self.world.initiatives[i];
        if !initiative.is_active() || initiative.milestones[m].done {
            return Ok(());
        }
        let author = initiative.milestones[m]
            .owner
            .clone()
            .unwrap_or_else(|| initiative.owner.clone());
        let team = initiative.team.clone();
        let milestone = &mut initiative.milestones[m];
        let (message, note) = match milestone.fate {
            Fate::Scripted => return Ok(()),
            Fate::OnTime => {
                milestone.done = true;
                let title = milestone.title.clone();
                if initiative.milestones.iter().all(|m| m.done) {
                    initiative.status = InitiativeStatus::Done;
                    initiative.health = Health::OnTrack;
                    let message = format!("Done: {title}; {} is complete", initiative.id);
                    (
                        message,
                        Note::Progress(format!("{} is complete", initiative.title)),
                    )
                } else {
                    if initiative.health == Health::AtRisk {
                        initiative.health = Health::OnTrack;
                    }
                    let message = format!("Done: {title} ({})", initiative.id);
                    (message, Note::Progress(format!("Done: {title}")))
                }
            }
            Fate::Slips(times) => {
                let weeks = if times > 1 { 1 } else { 2 };
                milestone.due = add_days(milestone.due, 7 * weeks);
                milestone.fate = if times > 1 {
                    Fate::Slips(times - 1)
                } else {
                    Fate::OnTime
                };
                let (id, due, title) =
                    (milestone.id.clone(), milestone.due, milestone.title.clone());
                initiative.due = initiative.due.max(due);
                initiative.health = Health::AtRisk;
                let message = format!("Move {id} to {due}: {reason}");
                let note = format!("{title} moved to {}: {reason}", render::short_date(due));
                (message, Note::Risk(note))
            }
        };
        self.note(Some(&team), note);
        self.commit_on_main(week, at, &author, message, &[FileOf::Initiative(i)])
    }

    pub(super) fn review(&mut self, week: u32, at: WeekTime, r: usize) -> Result<()> {
        let risk = &self.world.risks[r];
        // Escalated or closed since Monday: reviewed already.
        let reviewed = risk.review_by > self.calendar.day(week, 6);
        if reviewed || risk.status == RiskStatus::Closed || self.cast.review_is_left_to_lapse(r) {
            return Ok(());
        }
        let today = self.calendar.day(week, at.weekday);
        let next = previous_working_day(add_days(today, 7 * self.rng.random_range(2..=4)));
        let calmer = !self.cast.is_scripted_risk(r) && self.rng.random_bool(0.25);
        let risk = &mut self.world.risks[r];
        risk.review_by = next;
        let message = match lower(risk.likelihood).filter(|_| calmer) {
            Some(level) => {
                let message = format!(
                    "Review {}: likelihood {} → {}, next review {next}",
                    risk.id,
                    risk.likelihood.as_str(),
                    level.as_str()
                );
                risk.likelihood = level;
                message
            }
            None => format!("Review {}: unchanged, next review {next}", risk.id),
        };
        let owner = risk.owner.clone();
        self.commit_on_main(week, at, &owner, message, &[FileOf::Risk(r)])
    }

    /// A team lead commits the week's update. A group lead in a large org
    /// commits the updates of the squads below the group with it, as
    /// collected during the week: one commit per group, not per squad.
    pub(super) fn update(&mut self, week: u32, at: WeekTime, t: usize, own: bool) -> Result<()> {
        let iso_week = self.calendar.iso_week(week);
        let mut changes = Vec::new();
        // A department lead measures the department's KPIs as they write its
        // update, in the same commit.
        let (kpis, measured) = if own {
            let lead = self.world.teams[t].lead.clone();
            self.measure_kpis(week, t, &lead)
        } else {
            (Vec::new(), Vec::new())
        };
        if own {
            changes.push(self.update_file(week, at, t));
        }
        let mut squads = 0;
        let below = match self.world.teams[t].kind {
            TeamKind::Group(_) => self.world.descendants(t),
            _ => Vec::new(),
        };
        for s in below {
            if !self.rng.random_bool(SKIP_UPDATE_RATE) {
                changes.push(self.update_file(week, at, s));
                squads += 1;
            }
        }
        let team = &self.world.teams[t];
        let message = match (own, squads) {
            (_, 0) => format!("Weekly update: {} {iso_week}", team.name),
            (true, n) => format!("Weekly updates: {} and {n} squads, {iso_week}", team.name),
            (false, n) => format!("Weekly updates: {n} {} squads, {iso_week}", team.name),
        };
        if changes.is_empty() {
            return Ok(());
        }
        let message = if measured.is_empty() {
            message
        } else {
            format!("{message}\n\nScorecard: {}", measured.join(", "))
        };
        let lead = team.lead.clone();
        self.commit(week, at, &lead, message, &kpis, changes, Lane::Main)
    }

    /// One team's update file, from its goal and this week's notes.
    fn update_file(&mut self, week: u32, at: WeekTime, t: usize) -> FileChange {
        let team = &self.world.teams[t];
        let iso_week = self.calendar.iso_week(week);
        let today = self.calendar.day(week, at.weekday);
        let period = Calendar::period_of(today);
        let goal_team = self.world.goal_setting_team(t);
        let goal = self
            .world
            .team_goal(&self.world.teams[goal_team].id, period)
            .map(|g| &self.world.goals[g])
            .filter(|g| g.status == GoalStatus::Active);
        let (health, confidence) =
            goal.map_or((Health::OnTrack, 0.8), |g| (g.health, g.confidence));
        let notes = self.notes.get(&team.id).cloned().unwrap_or_default();
        let progress: Vec<String> = notes
            .iter()
            .filter_map(|n| match n {
                Note::Progress(text) => Some(text.clone()),
                Note::Risk(_) => None,
            })
            .take(3)
            .collect();
        let risks: Vec<String> = notes
            .iter()
            .filter_map(|n| match n {
                Note::Risk(text) => Some(text.clone()),
                Note::Progress(_) => None,
            })
            .take(2)
            .collect();
        let archetype = team.archetype();
        // The scorecard's and the follow-through's notes come on top, and
        // never change what the story's own stream draws.
        let follow = self.follow_notes.get(&team.id).cloned().unwrap_or_default();
        let (follow_progress, follow_risks) = split_notes(&follow);
        let progress = if progress.is_empty() {
            match archetype {
                Some(a) => {
                    (*a.progress.choose(&mut self.rng).unwrap_or(&"Steady week.")).to_owned()
                }
                None => {
                    let names: Vec<&str> = team
                        .children
                        .iter()
                        .map(|&c| self.world.teams[c].name.as_str())
                        .collect();
                    format!("Reviewed the updates from {}.", join_names(&names))
                }
            }
        } else {
            sentences(&progress)
        };
        let progress = match (notes_progress_empty(&notes), follow_progress.is_empty()) {
            (_, true) => progress,
            (true, false) => sentences(&follow_progress),
            (false, false) => format!("{progress} {}", sentences(&follow_progress)),
        };
        let risks = if risks.is_empty() && follow_risks.is_empty() {
            match goal.filter(|g| g.health.is_troubled()) {
                Some(g) => format!("{} is {}.", g.title, health_words(g.health)),
                None => "Nothing new.".to_owned(),
            }
        } else {
            let risks: Vec<String> = risks.into_iter().chain(follow_risks).take(3).collect();
            sentences(&risks)
        };
        let asks = match archetype {
            Some(a) if self.rng.random_bool(0.6) => {
                (*a.asks.choose(&mut self.rng).unwrap_or(&"None this week.")).to_owned()
            }
            _ => "None this week.".to_owned(),
        };
        let file = UpdateFile {
            team: &team.id,
            week: iso_week,
            author: &team.lead,
            health,
            confidence,
            bullets: vec![("Progress", progress), ("Risks", risks), ("Asks", asks)],
        };
        FileChange {
            path: format!("{}{}", self.prefix, file.path()),
            content: Some(render::update(&file)),
        }
    }

    /// Scores last quarter's goals: achieved when their key results got on
    /// average seven tenths of the way, missed otherwise.
    pub(super) fn score(&mut self, week: u32, at: WeekTime, period: Period) -> Result<()> {
        let today = self.calendar.day(week, at.weekday);
        let mut files = Vec::new();
        let (mut achieved, mut missed) = (0, 0);
        for g in 0..self.world.goals.len() {
            let goal = &mut self.world.goals[g];
            if goal.period != period || !goal.is_active() {
                continue;
            }
            let scores: Vec<f64> = goal
                .key_results
                .iter()
                .map(|kr| match &kr.measure {
                    Measure::Metric(m) => m.progress().clamp(0.0, 1.0),
                    Measure::Milestone { done, .. } => f64::from(u8::from(*done)),
                })
                .collect();
            let score = scores.iter().sum::<f64>() / scores.len().max(1) as f64;
            // Seven tenths of the way is a good quarter (stretch targets).
            let word = if score >= 0.7 {
                goal.status = GoalStatus::Achieved;
                goal.confidence = 1.0;
                achieved += 1;
                "achieved"
            } else {
                goal.status = GoalStatus::Missed;
                missed += 1;
                "missed"
            };
            goal.narrative.push(format!(
                "Scored {word} on {today}: the key results reached {:.0}% of their targets on average.",
                score * 100.0
            ));
            files.push(FileOf::Goal(g));
        }
        if files.is_empty() {
            return Ok(());
        }
        let author = self.chief_of_staff();
        let message = format!("Score {period}: {achieved} achieved, {missed} missed");
        self.commit(week, at, &author, message, &files, Vec::new(), Lane::Main)
    }

    fn slip_reason(&mut self) -> &'static str {
        SLIP_REASONS
            .choose(&mut self.rng)
            .copied()
            .unwrap_or("more work than planned")
    }
}

/// A random time on `days` (0 = Monday) between `hours`.
pub(super) fn working_time(
    rng: &mut crate::example::Rng,
    days: std::ops::Range<u8>,
    hours: std::ops::Range<u32>,
) -> WeekTime {
    WeekTime {
        weekday: rng.random_range(days),
        second: rng.random_range(hours.start * 3600..hours.end * 3600),
    }
}

/// When the owner acts on something due on `due`: on time a day or two early,
/// a slip the working day before. `None` when the story, not the routine,
/// decides.
fn due_time(
    rng: &mut crate::example::Rng,
    due: Date,
    monday: Date,
    fate: Fate,
) -> Option<WeekTime> {
    let last_day = if due < monday {
        0
    } else {
        Calendar::weekday(previous_working_day(due)).min(4)
    };
    let day = match fate {
        Fate::Scripted => return None,
        Fate::OnTime => last_day.saturating_sub(rng.random_range(0..=2)),
        Fate::Slips(_) => last_day.saturating_sub(1),
    };
    Some(working_time(rng, day..day + 1, 9..18))
}

fn lower(level: Level) -> Option<Level> {
    match level {
        Level::High => Some(Level::Medium),
        Level::Medium => Some(Level::Low),
        Level::Low => None,
    }
}

pub(super) fn health_words(health: Health) -> &'static str {
    match health {
        Health::OnTrack => "on track",
        Health::AtRisk => "at risk",
        Health::OffTrack => "off track",
    }
}

/// The progress and the risk notes, at most two of each.
fn split_notes(notes: &[Note]) -> (Vec<String>, Vec<String>) {
    let mut progress = Vec::new();
    let mut risks = Vec::new();
    for note in notes {
        match note {
            Note::Progress(text) if progress.len() < 2 => progress.push(text.clone()),
            Note::Risk(text) if risks.len() < 2 => risks.push(text.clone()),
            _ => {}
        }
    }
    (progress, risks)
}

fn notes_progress_empty(notes: &[Note]) -> bool {
    !notes.iter().any(|n| matches!(n, Note::Progress(_)))
}

/// Notes as sentences: "A. B. C."
fn sentences(notes: &[String]) -> String {
    notes
        .iter()
        .map(|n| format!("{}.", n.trim_end_matches('.')))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[&str]) -> String {
    match names {
        [] => "the teams".to_owned(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
