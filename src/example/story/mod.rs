//! The week-by-week story. Each week gets a schedule of events at working-day
//! times (routine ones drawn from the state of the org that Monday, scripted
//! beats from [`beats`]); events run in time order, each reading the org as it
//! is at that moment and committing what its author would edit.

mod beats;
mod follow_up;
mod routine;
mod scorecard;

use std::collections::BTreeMap;

use rand::Rng as _;
use rand::SeedableRng;

use self::beats::{Beat, Cast};
use self::follow_up::{FollowUp, Step};
use super::Rng;
use super::calendar::{Calendar, Instant, WeekTime};
use super::commit::{Author, CommitSink, FileChange, Lane, PlannedCommit};
use super::plan::{Planner, QuarterPlan};
use super::render;
use super::world::{FileOf, TeamKind, World};
use crate::error::Result;
use crate::model::Period;

/// Everything that can happen in a week.
#[derive(Clone, Copy, Debug)]
enum Event {
    /// The repository's first commit: the org as it stands.
    Start,
    /// Last quarter's goals scored achieved or missed.
    Score(Period),
    /// The new quarter's goals and initiatives land.
    Plan(Period),
    /// A key result's owner updates its value.
    CheckIn {
        goal: usize,
        kr: usize,
    },
    /// A goal's owner re-rates its health and confidence.
    Rate {
        goal: usize,
    },
    /// A milestone key result comes due: done, or moved.
    KeyResultDue {
        goal: usize,
        kr: usize,
    },
    /// An initiative's milestone comes due: done, or moved.
    MilestoneDue {
        initiative: usize,
        milestone: usize,
    },
    /// A risk's owner reviews it.
    Review {
        risk: usize,
    },
    /// A team lead writes the weekly update (`own`: the team's own, besides
    /// those of the squads below it).
    Update {
        team: usize,
        own: bool,
    },
    Beat(Beat),
    /// Late on Friday: KPIs of department `team` its update did not carry.
    Measure {
        team: usize,
    },
    FollowUp(Step),
}

struct Scheduled {
    at: WeekTime,
    event: Event,
}

/// A note for this week's team update.
#[derive(Clone, Debug)]
enum Note {
    Progress(String),
    Risk(String),
}

pub(super) struct Story<'a> {
    world: World,
    planner: Planner,
    calendar: Calendar,
    rng: Rng,
    cast: Cast,
    /// The stream of the scorecard, the issues and the to-dos (stream 2):
    /// they came later than the rest of the story and leave its draws alone.
    follow: Rng,
    follow_up: FollowUp,
    sink: &'a mut dyn CommitSink,
    /// `org_dir/` or empty: where the org sits in the repository.
    prefix: String,
    seed: u64,
    org_dir: Option<String>,
    /// Time of the last commit; commits are strictly ordered in time.
    clock: Option<Instant>,
    /// This week's notes per team id, for the Friday updates.
    notes: BTreeMap<String, Vec<Note>>,
    /// Notes from the scorecard, the issues and the to-dos, kept apart:
    /// whether a team has notes decides what the story's stream draws.
    follow_notes: BTreeMap<String, Vec<Note>>,
    commits: usize,
}

pub(super) struct StoryOptions<'o> {
    pub seed: u64,
    pub people: u32,
    pub org_dir: Option<&'o str>,
}

/// The org as it stands before the first commit, and who will do what.
pub(super) struct Setup {
    world: World,
    planner: Planner,
    calendar: Calendar,
    rng: Rng,
    cast: Cast,
    follow: Rng,
    follow_up: FollowUp,
    seed: u64,
    org_dir: Option<String>,
}

impl Setup {
    /// Builds the company, its first quarter's plan, and the cast of the story.
    pub fn new(calendar: Calendar, mut rng: Rng, options: &StoryOptions<'_>) -> Setup {
        let companies = super::catalog::COMPANIES;
        let company = &companies[rng.random_range(0..companies.len())];
        let mut world = World::new(company);
        let first_day = calendar.first_day();
        let first_period = Calendar::period_of(first_day);
        let last_period = Calendar::period_of(calendar.last_day());
        let mut quarters = 1;
        let mut period = first_period;
        while period < last_period {
            period = Calendar::next_period(period);
            quarters += 1;
        }
        // Short ids (`q4-arr`) stay unique while no quarter number repeats.
        let long_tags = quarters > 4;
        let mut planner =
            Planner::build_org(&mut world, &mut rng, options.people, first_day, long_tags);
        // The first quarter was planned at its start; the repository begins
        // part-way through it.
        let planned_on = Calendar::period_range(first_period).0;
        let plan = planner.plan_quarter(&mut world, &mut rng, first_period, planned_on, first_day);
        planner.founding(&mut world, &mut rng, first_day);
        let turnovers = calendar.turnovers();
        let mut cast = Cast::new(&calendar, &turnovers, &world, planner.leaver.clone());
        if turnovers.is_empty() {
            cast.designate(&mut world, &mut rng, &calendar, &plan, first_day);
        }
        let mut follow = Rng::seed_from_u64(options.seed);
        follow.set_stream(2);
        scorecard::found(&mut world, &mut follow, &calendar);
        let follow_up = follow_up::plan(
            &mut world,
            &mut follow,
            &calendar,
            &cast,
            planner.leaver.as_deref(),
        );
        Setup {
            world,
            planner,
            calendar,
            rng,
            cast,
            follow,
            follow_up,
            seed: options.seed,
            org_dir: options.org_dir.map(str::to_owned),
        }
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    /// The person who will leave during the story, if any.
    pub fn leaver(&self) -> Option<&str> {
        self.planner.leaver.as_deref()
    }
}

impl<'a> Story<'a> {
    pub fn new(setup: Setup, sink: &'a mut dyn CommitSink) -> Story<'a> {
        Story {
            world: setup.world,
            planner: setup.planner,
            calendar: setup.calendar,
            rng: setup.rng,
            cast: setup.cast,
            follow: setup.follow,
            follow_up: setup.follow_up,
            sink,
            prefix: setup
                .org_dir
                .as_deref()
                .map_or_else(String::new, |dir| format!("{dir}/")),
            seed: setup.seed,
            org_dir: setup.org_dir,
            clock: None,
            notes: BTreeMap::new(),
            follow_notes: BTreeMap::new(),
            commits: 0,
        }
    }

    /// Runs every week of the history, committing as it goes; returns the
    /// org as it stands at the end.
    pub fn tell(mut self) -> Result<World> {
        let turnovers = self.calendar.turnovers();
        for week in 0..self.calendar.weeks() {
            let mut schedule = Vec::new();
            if week == 0 {
                schedule.push(Scheduled {
                    at: WeekTime::at(0, 9, 0),
                    event: Event::Start,
                });
            }
            for &(period, turnover_week, weekday) in &turnovers {
                if turnover_week == week {
                    let previous = Calendar::period_of(super::calendar::add_days(
                        Calendar::period_range(period).0,
                        -1,
                    ));
                    schedule.push(Scheduled {
                        at: WeekTime::at(weekday, 9, 5),
                        event: Event::Score(previous),
                    });
                    schedule.push(Scheduled {
                        at: WeekTime::at(weekday, 9, 40),
                        event: Event::Plan(period),
                    });
                }
            }
            self.schedule_routine(week, &mut schedule);
            for (at, beat) in self.cast.beats_in(week) {
                schedule.push(Scheduled {
                    at,
                    event: Event::Beat(beat),
                });
            }
            for (at, step) in self.follow_up.steps_in(week) {
                schedule.push(Scheduled {
                    at,
                    event: Event::FollowUp(step),
                });
            }
            for team in 0..self.world.teams.len() {
                if matches!(self.world.teams[team].kind, TeamKind::Department(_)) {
                    schedule.push(Scheduled {
                        at: WeekTime::at(4, 18, 30),
                        event: Event::Measure { team },
                    });
                }
            }
            // Stable: events at the same moment keep their scheduling order.
            schedule.sort_by_key(|s| s.at);
            for scheduled in schedule {
                self.run(week, scheduled)?;
            }
            self.notes.clear();
            self.follow_notes.clear();
        }
        Ok(self.world)
    }

    fn run(&mut self, week: u32, scheduled: Scheduled) -> Result<()> {
        let at = scheduled.at;
        match scheduled.event {
            Event::Start => self.start(week, at),
            Event::Score(period) => self.score(week, at, period),
            Event::Plan(period) => self.plan(week, at, period),
            Event::CheckIn { goal, kr } => self.check_in(week, at, goal, kr),
            Event::Rate { goal } => self.rate(week, at, goal),
            Event::KeyResultDue { goal, kr } => self.key_result_due(week, at, goal, kr),
            Event::MilestoneDue {
                initiative,
                milestone,
            } => self.milestone_due(week, at, initiative, milestone),
            Event::Review { risk } => self.review(week, at, risk),
            Event::Update { team, own } => self.update(week, at, team, own),
            Event::Beat(beat) => self.beat(week, at, beat),
            Event::Measure { team } => self.measure_leftover_kpis(week, at, team),
            Event::FollowUp(step) => self.follow_up(week, at, step),
        }
    }

    /// The first commit: the org as it stands on the history's first Monday.
    fn start(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let mut files: Vec<FileOf> = Vec::new();
        files.extend((0..self.world.people.len()).map(FileOf::Person));
        files.extend((0..self.world.teams.len()).map(FileOf::Team));
        files.extend((0..self.world.goals.len()).map(FileOf::Goal));
        files.extend((0..self.world.initiatives.len()).map(FileOf::Initiative));
        files.extend((0..self.world.decisions.len()).map(FileOf::Decision));
        files.extend((0..self.world.risks.len()).map(FileOf::Risk));
        files.extend((0..self.world.kpis.len()).map(FileOf::Kpi));
        let mut extra = vec![
            FileChange {
                path: "README.md".to_owned(),
                content: Some(render::readme(
                    self.world.company,
                    self.seed,
                    self.org_dir.as_deref(),
                )),
            },
            self.org_file("orgit.yaml", render::settings(self.world.company)),
        ];
        for (name, json) in crate::schema::all() {
            extra.push(self.org_file(&format!("schema/{name}"), json));
        }
        let author = self.chief_of_staff();
        let period = Calendar::period_of(self.calendar.first_day());
        let message = format!(
            "Start running {} on orgit\n\nThe plan as of {}: {} people in {} teams, {} goals for {period}.",
            self.world.company.name,
            self.calendar.first_day(),
            self.world.people.len(),
            self.world.teams.len(),
            self.world.goals.len(),
        );
        self.commit(week, at, &author, message, &files, extra, Lane::Main)
    }

    fn plan(&mut self, week: u32, at: WeekTime, period: Period) -> Result<()> {
        let plan_day = self.calendar.day(week, at.weekday);
        let plan =
            self.planner
                .plan_quarter(&mut self.world, &mut self.rng, period, plan_day, plan_day);
        if self.cast.is_final_plan(week) {
            self.cast_final_plan(&plan, plan_day);
        }
        let mut files: Vec<FileOf> = plan.goals.iter().map(|&g| FileOf::Goal(g)).collect();
        files.extend(plan.initiatives.iter().map(|&i| FileOf::Initiative(i)));
        let ceo = self.ceo();
        let message = format!(
            "Plan {period}: {} goals, {} initiatives",
            plan.goals.len(),
            plan.initiatives.len()
        );
        self.commit(week, at, &ceo, message, &files, Vec::new(), Lane::Main)
    }

    /// Designates the items the final weeks' beats act on; see [`Cast`].
    fn cast_final_plan(&mut self, plan: &QuarterPlan, plan_day: crate::model::Date) {
        self.cast.designate(
            &mut self.world,
            &mut self.rng,
            &self.calendar,
            plan,
            plan_day,
        );
    }

    fn ceo(&self) -> String {
        self.world
            .teams_top_down()
            .first()
            .map_or_else(String::new, |&t| self.world.teams[t].lead.clone())
    }

    /// The company team's second person (see the planner's staffing).
    fn chief_of_staff(&self) -> String {
        let ceo = self.ceo();
        let company = &self.world.teams[0].id;
        self.world
            .people
            .iter()
            .find(|p| p.team == *company && p.id != ceo && p.is_active())
            .map_or(ceo, |p| p.id.clone())
    }

    fn org_file(&self, path: &str, content: String) -> FileChange {
        FileChange {
            path: format!("{}{path}", self.prefix),
            content: Some(content),
        }
    }

    fn render(&self, file: FileOf) -> FileChange {
        let world = &self.world;
        let (path, content) = match file {
            FileOf::Person(i) => (world.people[i].path(), render::person(&world.people[i])),
            FileOf::Team(i) => (world.teams[i].path(), render::team(world, &world.teams[i])),
            FileOf::Goal(i) => (world.goals[i].path(), render::goal(&world.goals[i])),
            FileOf::Initiative(i) => (
                world.initiatives[i].path(),
                render::initiative(&world.initiatives[i]),
            ),
            FileOf::Decision(i) => (
                world.decisions[i].path(),
                render::decision(&world.decisions[i]),
            ),
            FileOf::Risk(i) => (world.risks[i].path(), render::risk(&world.risks[i])),
            FileOf::Kpi(i) => (world.kpis[i].path(), render::kpi(&world.kpis[i])),
            FileOf::Issue(i) => (world.issues[i].path(), render::issue(&world.issues[i])),
            FileOf::Todo(i) => (world.todos[i].path(), render::todo(&world.todos[i])),
        };
        self.org_file(&path, content)
    }

    /// The git time of `at` in `week`, later than every commit so far.
    fn moment(&mut self, week: u32, at: WeekTime) -> Result<Instant> {
        let mut time = self.calendar.instant(week, at)?;
        if let Some(clock) = self.clock
            && time <= clock
        {
            time = clock.plus_seconds(37);
        }
        self.clock = Some(time);
        Ok(time)
    }

    /// The usual commit: the files of `files` as they are now, on main.
    fn commit_on_main(
        &mut self,
        week: u32,
        at: WeekTime,
        author: &str,
        message: String,
        files: &[FileOf],
    ) -> Result<()> {
        self.commit(week, at, author, message, files, Vec::new(), Lane::Main)
    }

    /// A commit of `files` as they are now plus `extra` changes, on `lane`.
    #[allow(clippy::too_many_arguments)]
    fn commit(
        &mut self,
        week: u32,
        at: WeekTime,
        author: &str,
        message: String,
        files: &[FileOf],
        extra: Vec<FileChange>,
        lane: Lane,
    ) -> Result<()> {
        let time = self.moment(week, at)?;
        let person = self.world.person(author);
        let author = Author {
            name: person.name.clone(),
            email: person.email.clone(),
        };
        let mut changes: Vec<FileChange> = files.iter().map(|&f| self.render(f)).collect();
        changes.extend(extra);
        self.sink.commit(PlannedCommit {
            time,
            author,
            message,
            changes,
            lane,
        })?;
        self.commits += 1;
        Ok(())
    }

    fn follow_note(&mut self, team: &str, note: Note) {
        self.follow_notes
            .entry(team.to_owned())
            .or_default()
            .push(note);
    }

    fn note(&mut self, team: Option<&str>, note: Note) {
        if let Some(team) = team {
            self.notes.entry(team.to_owned()).or_default().push(note);
        }
    }
}
