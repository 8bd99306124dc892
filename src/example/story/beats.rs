//! The scripted beats: the handful of things that must happen for the
//! digest to have something real to say, placed relative to the END of the
//! history so the final week is always rich, whatever `--weeks` is.
//!
//! [`Cast`] decides who and what they happen to. Most of it is chosen when
//! the final quarter is planned ([`Cast::designate`]): the initiative that
//! will slip twice past a goal's need-by date, the key results whose targets
//! will be lowered (one through a decision, one quietly), the team that will
//! not write its final update, the milestone nobody finishes, the goal nobody
//! touches.

use std::collections::BTreeSet;

use rand::seq::{IndexedRandom, SliceRandom};

use super::{Note, Story};
use crate::error::Result;
use crate::example::Rng;
use crate::example::calendar::{
    Calendar, WeekTime, add_days, next_working_day, previous_working_day,
};
use crate::example::commit::{FileChange, Lane};
use crate::example::plan::{QuarterPlan, amount, assess, lowercase_first, rate, value_at};
use crate::example::render;
use crate::example::world::{
    Course, Decision, Dependency, Fate, FileOf, Measure, Risk, TeamKind, World,
};
use crate::model::{
    Date, DecisionStatus, Direction, Health, InitiativeStatus, Level, Period, RiskStatus,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Beat {
    ProposeEarly,
    AcceptEarly,
    Join,
    Leave,
    Rename,
    ProposeWaiting,
    LetReviewLapse,
    CloseRisk,
    Slip,
    SlipAgain,
    RaiseRisk,
    ProposeGoalpost,
    ReviseGoalpost,
    MergeGoalpost,
    AcceptGoalpost,
    LowerTargetQuietly,
    EscalateRisk,
}

/// Seconds since the history's first Monday, 00:00 local time.
pub(super) type Moment = u64;

pub(super) const DAY: Moment = 86_400;
const WEEK: Moment = 7 * DAY;
pub(super) const HOUR: Moment = 3600;

pub(super) fn moment(week: u32, at: WeekTime) -> Moment {
    Moment::from(week) * WEEK + Moment::from(at.weekday) * DAY + Moment::from(at.second)
}

pub(super) fn split(moment: Moment) -> (u32, WeekTime) {
    let week = (moment / WEEK) as u32;
    let rest = moment % WEEK;
    (
        week,
        WeekTime {
            weekday: (rest / DAY) as u8,
            second: (rest % DAY) as u32,
        },
    )
}

/// Who and what the beats act on, and when each beat happens.
#[derive(Debug)]
pub(super) struct Cast {
    final_week: u32,
    /// The week the final quarter is planned in, when that is not the first commit.
    final_plan_week: Option<u32>,
    schedule: Vec<(u32, WeekTime, Beat)>,
    leaver: Option<String>,
    joiner: Option<usize>,
    risk_to_close: Option<usize>,
    risk_to_escalate: Option<usize>,
    risk_to_lapse: Option<usize>,
    lapse_started: bool,
    /// The initiative that slips twice past what `waiting_goal` needs.
    slipping: Option<usize>,
    waiting_goal: Option<usize>,
    /// Key result lowered through a decision record, and the one lowered quietly.
    goalpost: Option<(usize, usize)>,
    quiet_goalpost: Option<(usize, usize)>,
    /// The team that writes no update in the final two weeks.
    silent_team: Option<String>,
    early_decision: Option<usize>,
    goalpost_decision: Option<(usize, f64)>,
    /// The pull request the goalpost decision is proposed in: its branch and
    /// the proposer's GitHub handle.
    pull_request: Option<(String, String)>,
}

impl Cast {
    pub fn new(
        calendar: &Calendar,
        turnovers: &[(Period, u32, u8)],
        world: &World,
        leaver: Option<String>,
    ) -> Cast {
        let final_week = calendar.final_week();
        let final_plan = match turnovers.last() {
            Some(&(_, week, weekday)) => moment(week, WeekTime::at(weekday, 9, 40)),
            None => 0,
        };
        let mut risks: Vec<usize> = (0..world.risks.len()).collect();
        let risk_to_close = risks.first().copied();
        risks.retain(|&r| Some(r) != risk_to_close);
        // Escalate the mildest: it has room to grow.
        let risk_to_escalate = risks
            .iter()
            .copied()
            .min_by_key(|&r| (world.risks[r].likelihood, world.risks[r].impact, r));
        risks.retain(|&r| Some(r) != risk_to_escalate);
        let mut cast = Cast {
            final_week,
            final_plan_week: turnovers.last().map(|&(_, week, _)| week),
            schedule: Vec::new(),
            leaver,
            joiner: None,
            risk_to_close,
            risk_to_escalate,
            risk_to_lapse: risks.first().copied(),
            lapse_started: false,
            slipping: None,
            waiting_goal: None,
            goalpost: None,
            quiet_goalpost: None,
            silent_team: None,
            early_decision: None,
            goalpost_decision: None,
            pull_request: None,
        };
        cast.schedule = cast.timeline(final_plan);
        cast
    }

    /// When each beat happens: weeks counted back from the final one, in
    /// causal order, and never before the final quarter is planned when the
    /// beat acts on its items.
    fn timeline(&self, final_plan: Moment) -> Vec<(u32, WeekTime, Beat)> {
        let last = self.final_week;
        let back = |weeks: u32| last.saturating_sub(weeks);
        let at = |week: u32, weekday: u8, hour: u32, minute: u32| {
            moment(week, WeekTime::at(weekday, hour, minute))
        };
        let after_plan = |m: Moment| m.max(final_plan + HOUR);
        let end = at(last, 6, 20, 0);
        let mut beats: Vec<(Moment, Beat)> = Vec::new();
        let mut push = |m: Moment, beat: Beat| -> Moment {
            let m = m.min(end);
            beats.push((m, beat));
            m
        };
        let early = push(at(back(9), 0, 14, 10), Beat::ProposeEarly);
        push(at(back(7), 3, 11, 20).max(early + DAY), Beat::AcceptEarly);
        let join = push(at(back(8), 1, 10, 15), Beat::Join);
        let leave = push(at(back(6), 2, 16, 40).max(join + HOUR), Beat::Leave);
        push(at(back(2), 3, 9, 50).max(leave + HOUR), Beat::Rename);
        push(at(back(4), 0, 15, 30), Beat::ProposeWaiting);
        push(at(back(3), 0, 11, 0), Beat::LetReviewLapse);
        push(at(back(3), 3, 14, 0), Beat::CloseRisk);
        let slip = push(after_plan(at(back(5), 1, 11, 30)), Beat::Slip);
        let slip_again = push(
            after_plan(at(last, 2, 10, 20)).max(slip + HOUR),
            Beat::SlipAgain,
        );
        push(at(last, 3, 16, 5).max(slip_again + HOUR), Beat::RaiseRisk);
        let propose = push(after_plan(at(back(2), 1, 10, 5)), Beat::ProposeGoalpost);
        let revise = push(propose + 5 * HOUR + 40 * 60, Beat::ReviseGoalpost);
        let merge = push(revise + 18 * HOUR, Beat::MergeGoalpost);
        push(
            at(last, 3, 14, 20).max(merge + 2 * HOUR),
            Beat::AcceptGoalpost,
        );
        push(after_plan(at(last, 1, 15, 10)), Beat::LowerTargetQuietly);
        push(at(last, 2, 11, 45), Beat::EscalateRisk);
        beats.sort_by_key(|&(m, _)| m);
        beats
            .into_iter()
            .map(|(m, beat)| {
                let (week, at) = split(m);
                (week, at, beat)
            })
            .collect()
    }

    pub fn beats_in(&self, week: u32) -> Vec<(WeekTime, Beat)> {
        self.schedule
            .iter()
            .filter(|(w, _, _)| *w == week)
            .map(|&(_, at, beat)| (at, beat))
            .collect()
    }

    /// When `beat` happens, if it does.
    pub fn when(&self, beat: Beat) -> Option<Moment> {
        self.schedule
            .iter()
            .find(|&&(_, _, b)| b == beat)
            .map(|&(week, at, _)| moment(week, at))
    }

    /// The decision proposed early and accepted later, once proposed.
    pub fn early_decision(&self) -> Option<usize> {
        self.early_decision
    }

    pub fn is_final_plan(&self, week: u32) -> bool {
        self.final_plan_week == Some(week)
    }

    /// The silent team writes nothing in the final two weeks: its lead is
    /// reminded, and the reminder escalates to the lead above.
    pub fn stays_silent(&self, week: u32, team: &str) -> bool {
        week + 1 >= self.final_week && self.silent_team.as_deref() == Some(team)
    }

    /// The risk whose review is left to lapse, once the lapse has begun.
    pub fn review_is_left_to_lapse(&self, risk: usize) -> bool {
        self.lapse_started && self.risk_to_lapse == Some(risk)
    }

    /// A key result the story's beats act on, or whose goal waits on the
    /// slipping initiative.
    pub fn is_followed(&self, goal: usize, kr: usize) -> bool {
        self.goalpost == Some((goal, kr))
            || self.quiet_goalpost == Some((goal, kr))
            || self.waiting_goal == Some(goal)
    }

    pub fn is_scripted_risk(&self, risk: usize) -> bool {
        [
            self.risk_to_close,
            self.risk_to_escalate,
            self.risk_to_lapse,
        ]
        .contains(&Some(risk))
    }

    /// Chooses, in the final quarter's fresh plan, what the final weeks' beats
    /// act on, and shapes those items so the beats land as intended.
    pub fn designate(
        &mut self,
        world: &mut World,
        rng: &mut Rng,
        calendar: &Calendar,
        plan: &QuarterPlan,
        plan_day: Date,
    ) {
        let Some(&first_goal) = plan.goals.first() else {
            return;
        };
        let period = world.goals[first_goal].period;
        let elapsed = Calendar::elapsed(period, plan_day);
        let last_day = calendar.last_day();
        let mut groups: Vec<usize> = plan
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
        groups.shuffle(rng);
        let targets: BTreeSet<String> = world
            .goals
            .iter()
            .flat_map(|g| g.depends_on.iter())
            .chain(world.initiatives.iter().flat_map(|i| i.depends_on.iter()))
            .map(|d| d.on.clone())
            .collect();
        let free_initiatives: Vec<usize> = plan
            .initiatives
            .iter()
            .copied()
            .filter(|&i| {
                let initiative = &world.initiatives[i];
                initiative.milestones.len() >= 2 && !targets.contains(&initiative.id)
            })
            .collect();
        let goal_team =
            |world: &World, g: usize| world.goals[g].team.as_deref().map(|t| world.team_index(t));
        let initiative_goal_team = |world: &World, i: usize| {
            world.goal_setting_team(world.team_index(&world.initiatives[i].team))
        };

        // A goal waits on another team's initiative, which will slip past it;
        // a team of the same department when there is one.
        let pairs: Vec<(usize, usize)> = groups
            .iter()
            .flat_map(|&a| free_initiatives.iter().map(move |&x| (a, x)))
            .filter(|&(a, x)| Some(initiative_goal_team(world, x)) != goal_team(world, a))
            .collect();
        let same_department = |&&(a, x): &&(usize, usize)| {
            let a_team = goal_team(world, a).unwrap_or(0);
            world.department_of(a_team)
                == world.department_of(world.team_index(&world.initiatives[x].team))
        };
        let pair = pairs
            .iter()
            .find(same_department)
            .or(pairs.first())
            .copied();
        let mut slipping_team = None;
        if let Some((a, x)) = pair {
            for kr in &mut world.goals[a].key_results {
                match &mut kr.measure {
                    Measure::Metric(m) => m.course = Course::Steady { pace: 1.05 },
                    Measure::Milestone { fate, .. } => *fate = Fate::OnTime,
                }
            }
            reassess(world, a, elapsed);
            let due = previous_working_day(add_days(last_day, 5));
            let initiative = &mut world.initiatives[x];
            // A plan made late in the quarter (the first commit) may have it
            // done already; the story reopens it with new dates.
            initiative.status = InitiativeStatus::Active;
            initiative.due = due;
            let count = initiative.milestones.len();
            for (n, milestone) in initiative.milestones.iter_mut().enumerate() {
                if n + 1 == count {
                    milestone.due = due;
                    milestone.done = false;
                    milestone.fate = Fate::Scripted;
                } else {
                    milestone.fate = Fate::OnTime;
                    let latest = add_days(due, -7 * (count - n) as i64);
                    milestone.due = milestone.due.min(previous_working_day(latest));
                    milestone.done = milestone.due < plan_day;
                }
            }
            let why = format!(
                "{} plans the rest of {period} around {}.",
                world.teams[goal_team(world, a).unwrap_or(0)].name,
                lowercase_first(&world.initiatives[x].title)
            );
            world.goals[a].depends_on.push(Dependency {
                on: world.initiatives[x].id.clone(),
                need_by: next_working_day(add_days(due, 10)),
                why,
            });
            slipping_team = Some(initiative_goal_team(world, x));
            self.slipping = Some(x);
            self.waiting_goal = Some(a);
        }

        // Two stalling key results: one lowered by decision, one quietly.
        let mut others: Vec<usize> = groups
            .iter()
            .copied()
            .filter(|&g| Some(g) != self.waiting_goal)
            .collect();
        others.sort_by_key(|&g| goal_team(world, g) == slipping_team);
        // Department goals when no group goal has a key result to lower.
        others.extend(plan.goals.iter().copied().filter(|&g| {
            let team = world.goals[g].team.as_deref();
            team.is_some_and(|t| {
                matches!(
                    world.teams[world.team_index(t)].kind,
                    TeamKind::Department(_)
                )
            })
        }));
        // A count going up, with room to lower its target by a few steps.
        let up_metric = |world: &World, g: usize, skip: Option<(usize, usize)>| {
            world.goals[g]
                .key_results
                .iter()
                .enumerate()
                .find_map(|(k, kr)| match &kr.measure {
                    Measure::Metric(m)
                        if m.direction == Direction::Up
                            && Some((g, k)) != skip
                            && m.target - m.baseline >= 3.0 * m.step() =>
                    {
                        Some((g, k))
                    }
                    _ => None,
                })
        };
        self.goalpost = others.iter().find_map(|&g| up_metric(world, g, None));
        self.quiet_goalpost = others
            .iter()
            .filter(|&&g| Some(g) != self.goalpost.map(|(g, _)| g))
            .find_map(|&g| up_metric(world, g, None))
            .or_else(|| {
                self.goalpost
                    .and_then(|(g, _)| up_metric(world, g, self.goalpost))
            });
        for (target, pace, stall_at) in
            [(self.goalpost, 0.95, 0.2), (self.quiet_goalpost, 0.9, 0.25)]
        {
            if let Some((g, k)) = target {
                if let Measure::Metric(m) = &mut world.goals[g].key_results[k].measure {
                    m.course = Course::Stalling { pace, stall_at };
                }
                reassess(world, g, elapsed);
            }
        }
        self.silent_team = self
            .quiet_goalpost
            .and_then(|(g, _)| world.goals[g].team.clone());

        // A goal nobody touches after planning: stale by the end.
        let busy: Vec<Option<usize>> = vec![
            self.waiting_goal,
            self.goalpost.map(|(g, _)| g),
            self.quiet_goalpost.map(|(g, _)| g),
        ];
        let mut quiet_candidates: Vec<usize> = groups
            .iter()
            .copied()
            .filter(|&g| !busy.contains(&Some(g)))
            .filter(|&g| {
                world.goals[g]
                    .key_results
                    .iter()
                    .all(|kr| matches!(kr.measure, Measure::Metric(_)))
            })
            .collect();
        quiet_candidates.sort_by_key(|&g| goal_team(world, g) != slipping_team);
        if let Some(&g) = quiet_candidates.first() {
            world.goals[g].quiet = true;
            for kr in &mut world.goals[g].key_results {
                if let Measure::Metric(m) = &mut kr.measure {
                    m.course = Course::Untouched;
                }
            }
            reassess(world, g, elapsed);
        }
        // One more key result nobody updates, on a department goal.
        if let Some(&g) = plan.goals.iter().find(|&&g| {
            let team = world.goals[g].team.as_deref();
            team.is_some_and(|t| {
                matches!(
                    world.teams[world.team_index(t)].kind,
                    TeamKind::Department(_)
                )
            })
        }) && let Some(kr) = world.goals[g].key_results.last_mut()
            && let Measure::Metric(m) = &mut kr.measure
        {
            m.course = Course::Untouched;
            reassess(world, g, elapsed);
        }
        // A company goal going backwards.
        if let Some(&g) = plan
            .goals
            .iter()
            .filter(|&&g| world.goals[g].team.is_none())
            .nth(1)
        {
            for kr in &mut world.goals[g].key_results {
                if let Measure::Metric(m) = &mut kr.measure {
                    m.course = Course::Regressing {
                        pace: 1.0,
                        turn_at: 0.25,
                    };
                }
            }
            reassess(world, g, elapsed);
        }

        // A milestone due in the final week that nobody finishes or moves.
        let missed_due = [add_days(last_day, -4), add_days(last_day, -2)]
            .into_iter()
            .find(|&d| d >= plan_day);
        let mut candidates: Vec<usize> = free_initiatives
            .iter()
            .copied()
            .filter(|&i| Some(i) != self.slipping)
            .collect();
        let troubled_teams =
            [self.goalpost, self.quiet_goalpost].map(|t| t.and_then(|(g, _)| goal_team(world, g)));
        candidates
            .sort_by_key(|&i| !troubled_teams.contains(&Some(initiative_goal_team(world, i))));
        if let (Some(missed_due), Some(&i)) = (missed_due, candidates.first()) {
            let initiative = &mut world.initiatives[i];
            initiative.status = InitiativeStatus::Active;
            let count = initiative.milestones.len();
            let missed = count - 2;
            for (n, milestone) in initiative.milestones.iter_mut().enumerate() {
                if n == missed {
                    milestone.due = missed_due;
                    milestone.done = false;
                    milestone.fate = Fate::Scripted;
                } else if n < missed && milestone.due >= missed_due {
                    milestone.due =
                        previous_working_day(add_days(missed_due, -7 * (missed - n) as i64));
                    milestone.done = milestone.due < plan_day;
                } else if n > missed {
                    milestone.due = milestone
                        .due
                        .max(previous_working_day(add_days(missed_due, 14)));
                    milestone.done = false;
                }
            }
            let last_due = initiative
                .milestones
                .iter()
                .map(|m| m.due)
                .max()
                .unwrap_or(initiative.due);
            initiative.due = initiative.due.max(last_due);
        }
    }
}

/// Recomputes a goal's values and ratings after its key results' courses changed.
fn reassess(world: &mut World, g: usize, elapsed: f64) {
    let goal = &mut world.goals[g];
    for kr in &mut goal.key_results {
        if let Measure::Metric(m) = &mut kr.measure {
            m.current = value_at(m, elapsed, 0.0);
            let (health, confidence) = assess(m, elapsed);
            kr.health = Some(health);
            kr.confidence = Some(confidence);
        }
    }
    let (health, confidence) = rate(&goal.key_results);
    goal.health = health;
    goal.confidence = confidence;
}

/// The target a stalled key result's owner would move to: where it gets to
/// at its pace so far (`stretch` above 1.0 keeps some ambition), but at least
/// `keep` of the planned distance; written the way the metric is, and
/// strictly between baseline and today's target.
fn lowered_target(
    metric: &crate::example::world::Metric,
    elapsed: f64,
    stretch: f64,
    keep: f64,
) -> Option<f64> {
    let at_pace = (metric.current - metric.baseline) / elapsed.max(0.3) * stretch;
    let planned = metric.target - metric.baseline;
    let distance = if planned > 0.0 {
        at_pace.max(planned * keep)
    } else {
        at_pace.min(planned * keep)
    };
    let step = metric.step();
    let sign = if planned > 0.0 { 1.0 } else { -1.0 };
    let between = |value: f64| {
        if planned > 0.0 {
            metric.baseline < value && value < metric.target
        } else {
            metric.target < value && value < metric.baseline
        }
    };
    // A coarse metric (4 providers) lowers by at least one written step.
    [
        metric.round(metric.baseline + distance),
        metric.round(metric.target - sign * step),
    ]
    .into_iter()
    .find(|&value| between(value))
}

impl Story<'_> {
    pub(super) fn beat(&mut self, week: u32, at: WeekTime, beat: Beat) -> Result<()> {
        match beat {
            Beat::ProposeEarly => {
                self.cast.early_decision = self.propose_from_catalog(week, at)?;
                Ok(())
            }
            Beat::AcceptEarly => self.accept_early(week, at),
            Beat::Join => self.join(week, at),
            Beat::Leave => self.leave(week, at),
            Beat::Rename => self.rename(week, at),
            Beat::ProposeWaiting => self.propose_from_catalog(week, at).map(|_| ()),
            Beat::LetReviewLapse => self.let_review_lapse(week, at),
            Beat::CloseRisk => self.close_risk(week, at),
            Beat::Slip => self.slip(week, at, 7, false),
            Beat::SlipAgain => self.slip(week, at, 14, true),
            Beat::RaiseRisk => self.raise_risk(week, at),
            Beat::ProposeGoalpost => self.propose_goalpost(week, at),
            Beat::ReviseGoalpost => self.revise_goalpost(week, at),
            Beat::MergeGoalpost => self.merge_goalpost(week, at),
            Beat::AcceptGoalpost => self.accept_goalpost(week, at),
            Beat::LowerTargetQuietly => self.lower_quietly(week, at),
            Beat::EscalateRisk => self.escalate_risk(week, at),
        }
    }

    fn today(&self, week: u32, at: WeekTime) -> Date {
        self.calendar.day(week, at.weekday)
    }

    /// A team lead proposes one of their team's typical decisions.
    fn propose_from_catalog(&mut self, week: u32, at: WeekTime) -> Result<Option<usize>> {
        let used: BTreeSet<String> = self
            .world
            .decisions
            .iter()
            .map(|d| d.title.clone())
            .collect();
        let teams: Vec<usize> = (0..self.world.teams.len())
            .filter(|&t| {
                let team = &self.world.teams[t];
                team.is_leaf()
                    && team
                        .archetype()
                        .is_some_and(|a| !used.contains(a.decision.title))
            })
            .collect();
        let Some(&t) = teams.choose(&mut self.rng) else {
            return Ok(None);
        };
        let today = self.today(week, at);
        let team = &self.world.teams[t];
        let Some(archetype) = team.archetype() else {
            return Ok(None);
        };
        let template = &archetype.decision;
        let parent = team.parent.map(|p| &self.world.teams[p]);
        let mut consulted: Vec<String> = self
            .world
            .members(&team.id)
            .into_iter()
            .map(|p| self.world.people[p].id.clone())
            .filter(|id| *id != team.lead)
            .take(2)
            .collect();
        consulted.extend(parent.map(|p| p.lead.clone()));
        let mut informed = vec![team.id.clone()];
        informed.extend(parent.map(|p| p.id.clone()));
        let affects = self
            .world
            .initiatives
            .iter()
            .find(|i| i.team == team.id && i.is_active())
            .map_or_else(|| team.id.clone(), |i| i.id.clone());
        let owner = team.lead.clone();
        let number = self.world.decisions.len() + 1;
        let id = self
            .world
            .claim_id(&format!("{number:04}-{}", template.slug));
        let company = self.world.company;
        self.world.decisions.push(Decision {
            id: id.clone(),
            title: company.fill(template.title),
            status: DecisionStatus::Proposed,
            date: today,
            decided_on: None,
            owner: owner.clone(),
            consulted,
            informed,
            affects: vec![affects],
            context: company.fill(template.context),
            decision: company.fill(template.decision),
            consequences: template
                .consequences
                .iter()
                .map(|c| company.fill(c))
                .collect(),
            options: Vec::new(),
        });
        let d = self.world.decisions.len() - 1;
        let message = format!("Propose {id}: {}", self.world.decisions[d].title);
        let team_id = self.world.teams[t].id.clone();
        self.note(
            Some(&team_id),
            Note::Progress(format!("Proposed decision {id}")),
        );
        self.commit_on_main(week, at, &owner, message, &[FileOf::Decision(d)])?;
        Ok(Some(d))
    }

    fn accept_early(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let Some(d) = self.cast.early_decision else {
            return Ok(());
        };
        let today = self.today(week, at);
        let decision = &mut self.world.decisions[d];
        accept(decision, today);
        let message = format!("Accept {}: {}", decision.id, decision.title);
        let owner = decision.owner.clone();
        self.commit_on_main(week, at, &owner, message, &[FileOf::Decision(d)])
    }

    fn join(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let team = match &self.cast.leaver {
            Some(leaver) => self.world.person(leaver).team.clone(),
            None => {
                let leaves: Vec<String> = self
                    .world
                    .teams
                    .iter()
                    .filter(|t| t.is_leaf() && t.archetype().is_some())
                    .map(|t| t.id.clone())
                    .collect();
                match leaves.choose(&mut self.rng) {
                    Some(team) => team.clone(),
                    None => return Ok(()),
                }
            }
        };
        let t = self.world.team_index(&team);
        let Some(archetype) = self.world.teams[t].archetype() else {
            return Ok(());
        };
        let today = self.today(week, at);
        let role = archetype.roles[0];
        let p = self
            .planner
            .hire_on(&mut self.world, &mut self.rng, &team, role, today, "yml");
        self.cast.joiner = Some(p);
        let lead = self.world.teams[t].lead.clone();
        let person = &self.world.people[p];
        let message = format!("Welcome {} to {}", person.name, self.world.teams[t].name);
        let note = format!("{} joined as {role}", person.name);
        self.note(Some(&team), Note::Progress(note));
        self.commit_on_main(week, at, &lead, message, &[FileOf::Person(p)])
    }

    /// The leaver goes; everything they own changes hands in the same commit,
    /// so the org stays valid.
    fn leave(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let Some(leaver) = self.cast.leaver.clone() else {
            return Ok(());
        };
        let p = self.world.person_index(&leaver);
        if !self.world.people[p].is_active() {
            return Ok(());
        }
        let team = self.world.people[p].team.clone();
        let lead = self.world.teams[self.world.team_index(&team)].lead.clone();
        let successor = self
            .cast
            .joiner
            .map(|j| &self.world.people[j])
            .filter(|j| j.team == team && j.is_active())
            .map_or_else(|| lead.clone(), |j| j.id.clone());
        let owned = self.world.files_owned_by(&leaver);
        let moved = self.world.reassign(&owned, &leaver, &successor);
        let today = self.today(week, at);
        self.world.people[p].left = Some(today);
        let mut files: Vec<FileOf> = owned.into_iter().collect();
        files.push(FileOf::Person(p));
        let name = self.world.people[p].name.clone();
        let successor_name = self.world.person(&successor).first_name().to_owned();
        let message = if moved.is_empty() {
            format!("{name} leaves {}", self.world.company.name)
        } else {
            format!(
                "{name} leaves {}; {} handed to {successor_name}",
                self.world.company.name,
                moved.join(", ")
            )
        };
        self.note(
            Some(&team),
            Note::Risk(format!(
                "{name} left; {successor_name} takes over their work"
            )),
        );
        self.commit(week, at, &lead, message, &files, Vec::new(), Lane::Main)
    }

    /// The newcomer's `.yml` file is renamed like every other person file: a
    /// rename with the same id, which history must follow.
    fn rename(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let Some(p) = self.cast.joiner else {
            return Ok(());
        };
        let old = self.world.people[p].path();
        self.world.people[p].extension = "yaml";
        let new = self.world.people[p].path();
        let removed = FileChange {
            path: format!("{}{old}", self.prefix),
            content: None,
        };
        let author = self.chief_of_staff();
        let message = format!("Rename {old} to {new}, like every other person file");
        self.commit(
            week,
            at,
            &author,
            message,
            &[FileOf::Person(p)],
            vec![removed],
            Lane::Main,
        )
    }

    /// The owner reviews the risk one last time and then lets the next review pass.
    fn let_review_lapse(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let Some(r) = self.cast.risk_to_lapse else {
            return Ok(());
        };
        if self.world.risks[r].status == RiskStatus::Closed {
            return Ok(());
        }
        let review_by = self.calendar.day(self.cast.final_week, 1);
        let risk = &mut self.world.risks[r];
        risk.review_by = review_by;
        self.cast.lapse_started = true;
        let message = format!("Review {}: unchanged, next review {review_by}", risk.id);
        let owner = risk.owner.clone();
        self.commit_on_main(week, at, &owner, message, &[FileOf::Risk(r)])
    }

    fn close_risk(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let Some(r) = self.cast.risk_to_close else {
            return Ok(());
        };
        let today = self.today(week, at);
        let risk = &mut self.world.risks[r];
        risk.status = RiskStatus::Closed;
        risk.narrative.push(format!(
            "Closed on {today}: the mitigation is in place and nothing has come of the risk since {}.",
            risk.raised
        ));
        let message = format!("Close risk {}: the mitigation worked", risk.id);
        let owner = risk.owner.clone();
        self.commit_on_main(week, at, &owner, message, &[FileOf::Risk(r)])
    }

    /// The initiative another team waits on moves later: first inside the
    /// buffer, then (in the final week) past the date it is needed by.
    fn slip(&mut self, week: u32, at: WeekTime, days: i64, past_need_by: bool) -> Result<()> {
        let (Some(x), Some(a)) = (self.cast.slipping, self.cast.waiting_goal) else {
            return Ok(());
        };
        let reason = *super::routine::SLIP_REASONS
            .choose(&mut self.rng)
            .unwrap_or(&"more work than planned");
        let initiative = &mut self.world.initiatives[x];
        if !initiative.is_active() {
            return Ok(());
        }
        initiative.due = previous_working_day(add_days(initiative.due, days));
        if let Some(last) = initiative.milestones.last_mut() {
            last.due = initiative.due;
        }
        let due = initiative.due;
        let mut message = format!("Move {} due date to {due}: {reason}", initiative.id);
        let waiting_team = self.world.goals[a].team.clone().unwrap_or_default();
        let waiting_name = self.world.teams[self.world.team_index(&waiting_team)]
            .name
            .clone();
        let initiative = &mut self.world.initiatives[x];
        let note = if past_need_by {
            initiative.health = Health::AtRisk;
            message.push_str("; now at risk");
            format!(
                "{} moved to {}, later than {waiting_name} needs it; at risk",
                initiative.title,
                render::short_date(due)
            )
        } else {
            format!(
                "{} moved to {}, still inside {waiting_name}'s buffer",
                initiative.title,
                render::short_date(due)
            )
        };
        let (team, owner) = (initiative.team.clone(), initiative.owner.clone());
        self.note(Some(&team), Note::Risk(note));
        self.commit_on_main(week, at, &owner, message, &[FileOf::Initiative(x)])
    }

    fn raise_risk(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let (Some(x), Some(a)) = (self.cast.slipping, self.cast.waiting_goal) else {
            return Ok(());
        };
        let today = self.today(week, at);
        let initiative = &self.world.initiatives[x];
        let goal = &self.world.goals[a];
        let waiting_team = goal
            .team
            .as_deref()
            .map(|t| self.world.team_index(t))
            .unwrap_or(0);
        let waiting = &self.world.teams[waiting_team];
        let need_by = goal
            .depends_on
            .iter()
            .find(|d| d.on == initiative.id)
            .map_or(initiative.due, |d| d.need_by);
        let owner_team = &self.world.teams[self.world.team_index(&initiative.team)];
        let title = format!("{} lands after {} needs it", initiative.title, waiting.name);
        let mitigation = format!(
            "Cut {} to what {} needs first; a short daily check-in between {} and {} until it ships; agree a fallback date by Friday.",
            lowercase_first(&initiative.title),
            waiting.name,
            self.world.person(&owner_team.lead).first_name(),
            self.world.person(&waiting.lead).first_name(),
        );
        let narrative = vec![format!(
            "{} has moved twice this quarter and is now due {}. {} ({}) needs it by {} and is still rated on track.",
            initiative.title, initiative.due, goal.title, goal.id, need_by,
        )];
        let risk = Risk {
            id: String::new(),
            title,
            owner: initiative.owner.clone(),
            status: RiskStatus::Open,
            likelihood: Level::High,
            impact: Level::Medium,
            mitigation,
            raised: today,
            review_by: next_working_day(add_days(today, 7)),
            affects: vec![initiative.id.clone(), goal.id.clone()],
            narrative,
        };
        let team = initiative.team.clone();
        let id = self.world.claim_id(&format!("{}-late", initiative.id));
        self.world.risks.push(Risk {
            id: id.clone(),
            ..risk
        });
        let r = self.world.risks.len() - 1;
        let message = format!("Raise risk {id}: {}", self.world.risks[r].title);
        let owner = self.world.risks[r].owner.clone();
        self.note(
            Some(&team),
            Note::Risk(format!("New risk: {}", self.world.risks[r].title)),
        );
        self.commit_on_main(week, at, &owner, message, &[FileOf::Risk(r)])
    }

    /// The goal's owner proposes, in a pull request, to lower a stalled key
    /// result's target, with a decision record that names it in `affects`.
    fn propose_goalpost(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let Some((g, k)) = self.cast.goalpost else {
            return Ok(());
        };
        let today = self.today(week, at);
        let goal = &self.world.goals[g];
        let kr = &goal.key_results[k];
        let Measure::Metric(metric) = &kr.measure else {
            return Ok(());
        };
        let elapsed = Calendar::elapsed(goal.period, today);
        let Some(lowered) = lowered_target(metric, elapsed, 1.1, 0.5) else {
            return Ok(());
        };
        let (_, period_end) = Calendar::period_range(goal.period);
        let weeks_left = (today.days_until(period_end) / 7).max(0);
        let team = goal
            .team
            .as_deref()
            .map(|t| self.world.team_index(t))
            .unwrap_or(0);
        let parent = self.world.teams[team].parent.unwrap_or(team);
        let owner = goal.owner.clone();
        let mut consulted = vec![self.world.key_result_owner(g, k).to_owned()];
        consulted.push(self.world.teams[parent].lead.clone());
        consulted.retain(|c| *c != owner);
        consulted.dedup();
        let number = self.world.decisions.len() + 1;
        let wanted_id = format!("{number:04}-lower-{}-target", kr.id);
        let title = format!(
            "Lower the {} target for {} from {} to {}",
            goal.period,
            lowercase_first(&kr.title),
            amount(metric.target, metric),
            amount(lowered, metric)
        );
        let context = format!(
            "{} is at {}, {:.0}% of the way from {} to {}, with {weeks_left} weeks of {} left. Progress stopped a few weeks ago; closing the gap this quarter would take people the team does not have.",
            kr.title,
            amount(metric.current, metric),
            (metric.progress() * 100.0).max(0.0),
            amount(metric.baseline, metric),
            amount(metric.target, metric),
            goal.period,
        );
        let decision = format!(
            "Proposed: lower the target of {} from {} to {} and carry the rest into next quarter's plan.",
            kr.id,
            amount(metric.target, metric),
            amount(lowered, metric)
        );
        let consequences = vec![
            "The key result shows what the team can still deliver this quarter.".to_owned(),
            "The change shows up in the quarterly review as a decision, not a surprise.".to_owned(),
            format!(
                "{} plans the remaining {} for next quarter.",
                self.world.teams[team].name,
                amount((metric.target - lowered).abs(), metric)
            ),
        ];
        let informed = vec![
            self.world.teams[team].id.clone(),
            self.world.teams[parent].id.clone(),
        ];
        let affects = vec![kr.id.clone(), goal.id.clone()];
        let branch = format!("lower-{}-target", kr.id);
        let id = self.world.claim_id(&wanted_id);
        self.world.decisions.push(Decision {
            id: id.clone(),
            title: title.clone(),
            status: DecisionStatus::Proposed,
            date: today,
            decided_on: None,
            owner: owner.clone(),
            consulted,
            informed,
            affects,
            context,
            decision,
            consequences,
            options: Vec::new(),
        });
        let d = self.world.decisions.len() - 1;
        self.cast.goalpost_decision = Some((d, lowered));
        let github = self.world.person(&owner).github.clone();
        self.cast.pull_request = Some((branch.clone(), github));
        let message = format!("Propose {id}: {title}");
        let lane = Lane::Branch(branch);
        self.commit(
            week,
            at,
            &owner,
            message,
            &[FileOf::Decision(d)],
            Vec::new(),
            lane,
        )
    }

    fn revise_goalpost(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let (Some((d, lowered)), Some((branch, _)), Some((g, k))) = (
            self.cast.goalpost_decision,
            self.cast.pull_request.clone(),
            self.cast.goalpost,
        ) else {
            return Ok(());
        };
        let Measure::Metric(metric) = &self.world.goals[g].key_results[k].measure else {
            return Ok(());
        };
        let options = vec![
            format!(
                "Keep {} and borrow an engineer from another team: nobody is free before next quarter.",
                amount(metric.target, metric)
            ),
            "Drop the key result for this quarter: hides the miss instead of explaining it."
                .to_owned(),
            format!(
                "Lower it to {} and carry the rest into next quarter (proposed).",
                amount(lowered, metric)
            ),
        ];
        let decision = &mut self.world.decisions[d];
        decision.options = options;
        let message = format!("{}: add the options we weighed, after review", decision.id);
        let owner = decision.owner.clone();
        let lane = Lane::Branch(branch);
        self.commit(
            week,
            at,
            &owner,
            message,
            &[FileOf::Decision(d)],
            Vec::new(),
            lane,
        )
    }

    fn merge_goalpost(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let (Some((d, _)), Some((branch, github))) =
            (self.cast.goalpost_decision, self.cast.pull_request.clone())
        else {
            return Ok(());
        };
        let decision = &self.world.decisions[d];
        let owner_team = self.world.person(&decision.owner).team.clone();
        let team = self.world.team_index(&owner_team);
        let reviewer = self.world.teams[team]
            .parent
            .map_or_else(|| self.ceo(), |p| self.world.teams[p].lead.clone());
        let number = 100 + self.commits / 3;
        let message = format!(
            "Merge pull request #{number} from {github}/{branch}\n\n{}",
            decision.title
        );
        self.commit(
            week,
            at,
            &reviewer,
            message,
            &[],
            Vec::new(),
            Lane::Merge(branch),
        )
    }

    /// The decision is accepted and the target lowered in the same commit.
    fn accept_goalpost(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let (Some((d, lowered)), Some((g, k))) = (self.cast.goalpost_decision, self.cast.goalpost)
        else {
            return Ok(());
        };
        let today = self.today(week, at);
        let goal = &mut self.world.goals[g];
        if !goal.is_active() {
            return Ok(());
        }
        let elapsed = Calendar::elapsed(goal.period, today);
        let kr = &mut goal.key_results[k];
        let Measure::Metric(metric) = &mut kr.measure else {
            return Ok(());
        };
        let old = amount(metric.target, metric);
        metric.target = lowered;
        let (health, confidence) = assess(metric, elapsed);
        kr.health = Some(health);
        kr.confidence = Some(confidence);
        let new = amount(lowered, metric);
        let (kr_id, kr_title) = (kr.id.clone(), kr.title.clone());
        let team = goal.team.clone();
        let decision = &mut self.world.decisions[d];
        accept(decision, today);
        decision.decision = format!(
            "Lower the target of {kr_id} from {old} to {new} and carry the rest into next quarter's plan."
        );
        let message = format!(
            "Accept {}: lower {kr_id} target from {old} to {new}",
            decision.id
        );
        let note = format!(
            "Lowered the {} target to {new} (decision {})",
            lowercase_first(&kr_title),
            decision.id
        );
        let owner = decision.owner.clone();
        self.note(team.as_deref(), Note::Progress(note));
        let files = [FileOf::Goal(g), FileOf::Decision(d)];
        self.commit(week, at, &owner, message, &files, Vec::new(), Lane::Main)
    }

    /// A target lowered with no decision record: the digest flags it.
    fn lower_quietly(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let Some((g, k)) = self.cast.quiet_goalpost else {
            return Ok(());
        };
        let today = self.today(week, at);
        let author = self.world.key_result_owner(g, k).to_owned();
        let goal = &mut self.world.goals[g];
        if !goal.is_active() {
            return Ok(());
        }
        let elapsed = Calendar::elapsed(goal.period, today);
        let kr = &mut goal.key_results[k];
        let Measure::Metric(metric) = &mut kr.measure else {
            return Ok(());
        };
        let Some(lowered) = lowered_target(metric, elapsed, 1.0, 0.75) else {
            return Ok(());
        };
        let (old, new) = (amount(metric.target, metric), amount(lowered, metric));
        metric.target = lowered;
        let (health, confidence) = assess(metric, elapsed);
        kr.health = Some(health);
        kr.confidence = Some(confidence);
        let message = format!("Update {}: target {old} → {new}", kr.id);
        self.commit_on_main(week, at, &author, message, &[FileOf::Goal(g)])
    }

    fn escalate_risk(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let Some(r) = self.cast.risk_to_escalate else {
            return Ok(());
        };
        let today = self.today(week, at);
        let risk = &mut self.world.risks[r];
        if risk.status == RiskStatus::Closed {
            return Ok(());
        }
        let (field, from, to) = match (raise(risk.likelihood), raise(risk.impact)) {
            (Some(up), _) => {
                let from = risk.likelihood;
                risk.likelihood = up;
                ("likelihood", from, up)
            }
            (None, Some(up)) => {
                let from = risk.impact;
                risk.impact = up;
                ("impact", from, up)
            }
            (None, None) => return Ok(()),
        };
        risk.review_by = next_working_day(add_days(today, 7));
        risk.narrative.push(format!(
            "Escalated on {today}: {field} raised from {} to {} after this week's review.",
            from.as_str(),
            to.as_str()
        ));
        let message = format!(
            "Escalate risk {}: {field} {} → {}",
            risk.id,
            from.as_str(),
            to.as_str()
        );
        let owner = risk.owner.clone();
        let team = self.world.person(&owner).team.clone();
        let note = format!(
            "Escalated risk: {} ({field} now {})",
            self.world.risks[r].title,
            to.as_str()
        );
        self.note(Some(&team), Note::Risk(note));
        self.commit_on_main(week, at, &owner, message, &[FileOf::Risk(r)])
    }
}

fn accept(decision: &mut Decision, today: Date) {
    decision.status = DecisionStatus::Accepted;
    decision.decided_on = Some(today);
    if let Some(rest) = decision.decision.strip_prefix("Proposed: ") {
        let mut chars = rest.chars();
        decision.decision = match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
}

fn raise(level: Level) -> Option<Level> {
    match level {
        Level::Low => Some(Level::Medium),
        Level::Medium => Some(Level::High),
        Level::High => None,
    }
}
