//! Issues and to-dos: what the weekly leadership meeting and the
//! departments work through. Planned when the story is set up and placed,
//! like the beats, counting back from the END, so the final week's agenda
//! always has to-dos done and not done and open issues to rank:
//!
//! - the leadership meeting of each of the final eight weeks agrees a to-do
//!   or two (`from: <week>-<company team>`), most done on time by their
//!   owner, some late; of the final weeks' to-dos one is dropped, one is done
//!   late in the final week, one is still open and overdue at the end, one is
//!   due after the end;
//! - an issue raised in the second department is solved by two to-dos
//!   agreed for it; one raised while a decision is proposed is solved by that
//!   decision once accepted; a low-priority one is dropped;
//! - the KPI drifting off target longest is raised as an issue, with a to-do
//!   still open and overdue at the end; two more issues are still open, one
//!   with a to-do due after the end.
//!
//! Nobody who leaves during the story owns or raises any of them.

use rand::Rng as _;
use rand::seq::IndexedRandom;

use super::Note;
use super::Story;
use super::beats::{Beat, Cast, DAY, HOUR, Moment, moment, split};
use crate::error::Result;
use crate::example::Rng;
use crate::example::calendar::{Calendar, WeekTime, add_days};
use crate::example::catalog::{COMPANY_MEETING_TODOS, IssueTemplate, TodoTemplate};
use crate::example::plan::lowercase_first;
use crate::example::render;
use crate::example::world::{FileOf, Issue, KpiCourse, TeamKind, Todo, World};
use crate::model::{DecisionStatus, IssueStatus, Level, TodoStatus};

#[derive(Clone, Copy, Debug)]
pub(super) enum Step {
    /// The leadership meeting agrees `world.todos[from..to]`.
    Meeting {
        from: usize,
        to: usize,
    },
    RaiseIssue(usize),
    /// The issue's team lead agrees `world.todos[from..to]` to solve it.
    AgreeTodos {
        issue: usize,
        from: usize,
        to: usize,
    },
    Done(usize),
    Drop(usize),
    /// Solved by `world.todos[from..to]`.
    Solve {
        issue: usize,
        from: usize,
        to: usize,
    },
    DropIssue(usize, &'static str),
    /// Raised while the early decision is proposed, solved once it is taken.
    RaiseDecisionIssue,
    SolveDecisionIssue,
}

/// When each step happens, and the issue the early decision solves.
#[derive(Debug, Default)]
pub(super) struct FollowUp {
    schedule: Vec<(u32, WeekTime, Step)>,
    decision_issue: Option<usize>,
}

impl FollowUp {
    pub fn steps_in(&self, week: u32) -> Vec<(WeekTime, Step)> {
        self.schedule
            .iter()
            .filter(|(w, _, _)| *w == week)
            .map(|&(_, at, step)| (at, step))
            .collect()
    }
}

/// Who can be asked: everyone but the person leaving during the story.
struct People<'a> {
    world: &'a World,
    leaver: Option<&'a str>,
}

impl People<'_> {
    /// Active people of department `d`'s subtree other than its lead.
    fn members(&self, d: usize) -> Vec<String> {
        let lead = &self.world.teams[d].lead;
        self.world
            .people
            .iter()
            .filter(|p| p.is_active() && p.id != *lead && Some(p.id.as_str()) != self.leaver)
            .filter(|p| self.world.department_of(self.world.team_index(&p.team)) == d)
            .map(|p| p.id.clone())
            .collect()
    }

    fn member(&self, d: usize, rng: &mut Rng) -> String {
        self.members(d)
            .choose(rng)
            .cloned()
            .unwrap_or_else(|| self.world.teams[d].lead.clone())
    }
}

/// A to-do not yet agreed: who, what, by when, and what becomes of it.
struct Planned {
    owner: String,
    template: TodoTemplate,
    due: crate::model::Date,
    settle: Option<(Moment, bool)>,
}

/// Builds the steps in time order, none after the final week's Sunday.
struct Timeline {
    end: Moment,
    steps: Vec<(Moment, Step)>,
}

impl Timeline {
    fn push(&mut self, at: Moment, step: Step) -> Moment {
        let at = at.min(self.end);
        self.steps.push((at, step));
        at
    }
}

pub(super) fn plan(
    world: &mut World,
    rng: &mut Rng,
    calendar: &Calendar,
    cast: &Cast,
    leaver: Option<&str>,
) -> FollowUp {
    let last = calendar.final_week();
    let back = |weeks: u32| last.saturating_sub(weeks);
    let at = |week: u32, weekday: u8, hour: u32, minute: u32| {
        moment(week, WeekTime::at(weekday, hour, minute))
    };
    let day_of = |m: Moment| {
        let (week, at) = split(m);
        calendar.day(week, at.weekday)
    };
    let mut timeline = Timeline {
        end: at(last, 6, 18, 0),
        steps: Vec::new(),
    };
    let order = world.teams_top_down();
    let company = order[0];
    let departments: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&t| matches!(world.teams[t].kind, TeamKind::Department(_)))
        .collect();
    let rhythm_of = |t: usize| match world.teams[t].kind {
        TeamKind::Department(d) => Some(d.rhythm),
        _ => None,
    };
    let (Some(&first), second) = (departments.first(), departments.get(1).copied()) else {
        return FollowUp::default();
    };
    let second_rhythm = second.and_then(rhythm_of);
    let first_rhythm = rhythm_of(first);

    // The leadership meeting's to-dos, each owner taking on what their
    // part of the company would: (owner, titles not yet used).
    let ceo = world.teams[company].lead.clone();
    let chief_of_staff = world
        .members(&world.teams[company].id)
        .into_iter()
        .map(|p| world.people[p].id.clone())
        .find(|id| *id != ceo)
        .unwrap_or_else(|| ceo.clone());
    let mut pools: Vec<(String, Vec<TodoTemplate>)> = vec![
        (chief_of_staff.clone(), COMPANY_MEETING_TODOS[..3].to_vec()),
        (ceo.clone(), COMPANY_MEETING_TODOS[3..].to_vec()),
    ];
    for &d in &departments {
        if let Some(rhythm) = rhythm_of(d) {
            pools.push((world.teams[d].lead.clone(), rhythm.meeting_todos.to_vec()));
        }
    }
    let mut take = |owner: &str| -> Option<TodoTemplate> {
        let pool = pools
            .iter_mut()
            .find(|(o, titles)| o == owner && !titles.is_empty())?;
        Some(pool.1.remove(0))
    };
    let first_lead = world.teams[first].lead.clone();
    let second_lead = world.teams[second.unwrap_or(first)].lead.clone();

    let mut meetings: Vec<(u32, Vec<Planned>)> =
        (back(7)..=last).map(|week| (week, Vec::new())).collect();
    let meeting_day = |week: u32| calendar.day(week, 0);
    let mut add = |week: u32, planned: Option<Planned>| {
        if let (Some(planned), Some((_, list))) =
            (planned, meetings.iter_mut().find(|(w, _)| *w == week))
        {
            list.push(planned);
        }
    };
    let plan_todo =
        |take: &mut dyn FnMut(&str) -> Option<TodoTemplate>, owner: &str, due, settle| {
            take(owner).map(|template| Planned {
                owner: owner.to_owned(),
                template,
                due,
                settle,
            })
        };
    // Done the day before it is due, in the final week.
    add(
        back(1),
        plan_todo(
            &mut take,
            &second_lead,
            calendar.day(last, 2),
            Some((at(last, 1, 15, 35), true)),
        ),
    );
    // Still open, and overdue, at the end.
    add(
        back(1),
        plan_todo(&mut take, &first_lead, calendar.day(last, 3), None),
    );
    // Done late, in the final week.
    let (late_due, late_done) = if back(1) < last {
        (calendar.day(back(1), 3), at(last, 1, 10, 25))
    } else {
        (meeting_day(last), at(last, 2, 10, 25))
    };
    add(
        back(2),
        plan_todo(
            &mut take,
            &chief_of_staff,
            late_due,
            Some((late_done, true)),
        ),
    );
    // Dropped before it is due.
    add(
        back(2),
        plan_todo(
            &mut take,
            &second_lead,
            add_days(meeting_day(back(2)), 11),
            Some((at(back(1), 3, 17, 10), false)),
        ),
    );
    // Due after the end.
    add(
        last,
        plan_todo(&mut take, &first_lead, add_days(meeting_day(last), 8), None),
    );
    let owners: Vec<String> = std::iter::once(chief_of_staff.clone())
        .chain(std::iter::once(ceo.clone()))
        .chain(departments.iter().map(|&d| world.teams[d].lead.clone()))
        .collect();
    for week in back(7)..=last {
        if week + 3 > last {
            continue;
        }
        let count = 1 + usize::from(rng.random_bool(0.4));
        for _ in 0..count {
            let Some(owner) = owners.choose(rng).cloned() else {
                continue;
            };
            let (due_week, due_day) = if rng.random_bool(0.7) {
                (week, 3)
            } else {
                (week + 1, 4)
            };
            let done = if rng.random_bool(0.8) {
                let day = due_day - rng.random_range(0..=1);
                at(
                    due_week,
                    day,
                    rng.random_range(9..17),
                    rng.random_range(0..60),
                )
            } else {
                at(
                    due_week + 1,
                    rng.random_range(0..=2),
                    rng.random_range(9..17),
                    rng.random_range(0..60),
                )
            };
            add(
                week,
                plan_todo(
                    &mut take,
                    &owner,
                    calendar.day(due_week, due_day),
                    Some((done, true)),
                ),
            );
        }
    }
    let company_id = world.teams[company].id.clone();
    for (week, planned) in meetings {
        if planned.is_empty() {
            continue;
        }
        let held = timeline.push(
            at(week, 0, 11, rng.random_range(10..50)),
            Step::Meeting {
                from: world.todos.len(),
                to: world.todos.len() + planned.len(),
            },
        );
        let from = format!("{}-{company_id}", calendar.iso_week(week));
        for planned in planned {
            let t = add_todo(world, &planned, &company_id, &from);
            settle(&mut timeline, t, planned.settle, held);
        }
    }

    let people = People { world, leaver };
    // Solved by two to-dos, in the second department.
    if let (Some(second), Some(template)) = (second, second_rhythm.and_then(|r| r.issues.first())) {
        let raiser = people.member(second, rng);
        let second_lead = world.teams[second].lead.clone();
        let team = world.teams[second].id.clone();
        let raised_on = at(back(5), 1, 10, 15).min(timeline.end);
        let issue = add_issue(world, template, second, &raiser, day_of(raised_on));
        timeline.push(raised_on, Step::RaiseIssue(issue));
        let agreed_on = at(back(5), 3, 14, 30)
            .max(raised_on + HOUR)
            .min(timeline.end);
        let dues = [calendar.day(back(4), 4), calendar.day(back(3), 2)];
        let done = [at(back(4), 3, 15, 5), at(back(3), 1, 11, 20)];
        let owners = [raiser, second_lead.clone()];
        let from = world.todos.len();
        let mut previous = agreed_on;
        for ((todo, due), (done, owner)) in template
            .todos
            .iter()
            .zip(dues)
            .zip(done.into_iter().zip(owners))
        {
            let planned = Planned {
                owner,
                template: *todo,
                due: due.max(day_of(agreed_on)),
                settle: None,
            };
            let id = world.issues[issue].id.clone();
            let t = add_todo(world, &planned, &team, &id);
            previous = timeline.push(done.max(previous + HOUR), Step::Done(t));
        }
        let to = world.todos.len();
        timeline.push(agreed_on, Step::AgreeTodos { issue, from, to });
        timeline.push(
            at(back(3), 3, 10, 40).max(previous + HOUR),
            Step::Solve { issue, from, to },
        );
    }
    let people = People { world, leaver };
    // Open, with a to-do due after the end, in the first department.
    if let Some(template) = first_rhythm.and_then(|r| r.issues.first()) {
        let raiser = people.member(first, rng);
        let owner = people.member(first, rng);
        let raised_on = at(back(2), 2, 11, 5);
        let issue = add_issue(
            world,
            template,
            first,
            &raiser,
            day_of(raised_on.min(timeline.end)),
        );
        let raised = timeline.push(raised_on, Step::RaiseIssue(issue));
        if let Some(todo) = template.todos.first() {
            let planned = Planned {
                owner,
                template: *todo,
                due: add_days(meeting_day(last), 9),
                settle: None,
            };
            let id = world.issues[issue].id.clone();
            let from = add_todo(world, &planned, &world.teams[first].id.clone(), &id);
            timeline.push(
                at(back(2), 3, 15, 10).max(raised + HOUR),
                Step::AgreeTodos {
                    issue,
                    from,
                    to: from + 1,
                },
            );
        }
    }
    // The KPI off target longest, raised by its owner; its to-do is overdue.
    let drifting = world
        .kpis
        .iter()
        .enumerate()
        .filter_map(|(k, kpi)| match kpi.course {
            KpiCourse::Drifts { from } => Some((from, k)),
            _ => None,
        })
        .min();
    if let Some((since, k)) = drifting {
        let raised_on = at(back(1), 1, 9, 40).min(timeline.end);
        let (raised_week, _) = split(raised_on);
        let kpi = &world.kpis[k];
        let weeks_off = raised_week.saturating_sub(since);
        let title = if weeks_off >= 2 {
            format!("{} off target for {weeks_off} weeks", kpi.template.title)
        } else {
            format!("{} is off target", kpi.template.title)
        };
        let body = vec![format!(
            "The scorecard has shown {} off target every week since {}, and further off each time. We need the cause before it shows in next quarter's numbers.",
            lowercase_first(kpi.template.title),
            render::short_date(calendar.day(since, 4)),
        )];
        let (raiser, team, remedy) = (kpi.owner.clone(), kpi.team.clone(), kpi.template.remedy);
        let t = world.team_index(&team);
        let owner = People { world, leaver }.member(t, rng);
        let slug = format!("{}-off-target", kpi.id);
        let issue = push_issue(
            world,
            &slug,
            title,
            &team,
            &raiser,
            Level::High,
            day_of(raised_on),
            body,
        );
        let raised = timeline.push(raised_on, Step::RaiseIssue(issue));
        let planned = Planned {
            owner,
            template: remedy,
            due: calendar.day(last, 3),
            settle: None,
        };
        let id = world.issues[issue].id.clone();
        let from = add_todo(world, &planned, &team, &id);
        timeline.push(
            at(back(1), 2, 10, 30).max(raised + HOUR),
            Step::AgreeTodos {
                issue,
                from,
                to: from + 1,
            },
        );
    }
    let people = People { world, leaver };
    // Dropped: it stopped being a problem.
    if let Some(template) = first_rhythm.and_then(|r| r.issues.get(1)) {
        let raiser = people.member(first, rng);
        let raised_on = at(back(6), 0, 15, 30).min(timeline.end);
        let issue = add_issue(world, template, first, &raiser, day_of(raised_on));
        let raised = timeline.push(raised_on, Step::RaiseIssue(issue));
        timeline.push(
            at(back(4), 1, 11, 0).max(raised + HOUR),
            Step::DropIssue(issue, template.dropped_because),
        );
    }
    let people = People { world, leaver };
    // Open at a low priority, raised in the final week.
    if let (Some(second), Some(template)) = (second, second_rhythm.and_then(|r| r.issues.get(1))) {
        let raiser = people.member(second, rng);
        let raised_on = at(last, 0, 14, 45).min(timeline.end);
        let issue = add_issue(world, template, second, &raiser, day_of(raised_on));
        timeline.push(raised_on, Step::RaiseIssue(issue));
    }
    // The early decision's issue.
    if let (Some(proposed), Some(accepted)) =
        (cast.when(Beat::ProposeEarly), cast.when(Beat::AcceptEarly))
    {
        timeline.push(proposed + 2 * HOUR, Step::RaiseDecisionIssue);
        timeline.push(
            (accepted + HOUR).max(proposed + DAY),
            Step::SolveDecisionIssue,
        );
    }

    let mut steps = timeline.steps;
    steps.sort_by_key(|&(m, _)| m);
    FollowUp {
        schedule: steps
            .into_iter()
            .map(|(m, step)| {
                let (week, at) = split(m);
                (week, at, step)
            })
            .collect(),
        decision_issue: None,
    }
}

/// Schedules what becomes of to-do `t`: done or dropped at its moment, but
/// never before the meeting that agreed it.
fn settle(timeline: &mut Timeline, t: usize, settle: Option<(Moment, bool)>, agreed: Moment) {
    if let Some((at, done)) = settle {
        let at = at.max(agreed + HOUR);
        let step = if done { Step::Done(t) } else { Step::Drop(t) };
        timeline.push(at, step);
    }
}

fn add_todo(world: &mut World, planned: &Planned, team: &str, from: &str) -> usize {
    let id = world.claim_id(planned.template.slug);
    world.todos.push(Todo {
        id,
        title: planned.template.title.to_owned(),
        owner: planned.owner.clone(),
        team: team.to_owned(),
        due: planned.due,
        from: from.to_owned(),
        status: TodoStatus::Open,
    });
    world.todos.len() - 1
}

fn add_issue(
    world: &mut World,
    template: &IssueTemplate,
    team: usize,
    raiser: &str,
    opened: crate::model::Date,
) -> usize {
    let body = vec![world.company.fill(template.body)];
    let team = world.teams[team].id.clone();
    push_issue(
        world,
        template.slug,
        template.title.to_owned(),
        &team,
        raiser,
        template.priority,
        opened,
        body,
    )
}

#[allow(clippy::too_many_arguments)]
fn push_issue(
    world: &mut World,
    slug: &str,
    title: String,
    team: &str,
    raiser: &str,
    priority: Level,
    opened: crate::model::Date,
    body: Vec<String>,
) -> usize {
    let id = world.claim_id(slug);
    world.issues.push(Issue {
        id,
        title,
        raised_by: raiser.to_owned(),
        team: team.to_owned(),
        priority,
        status: IssueStatus::Open,
        opened,
        resolved_by: Vec::new(),
        body,
    });
    world.issues.len() - 1
}

impl Story<'_> {
    pub(super) fn follow_up(&mut self, week: u32, at: WeekTime, step: Step) -> Result<()> {
        match step {
            Step::Meeting { from, to } => self.meeting(week, at, from, to),
            Step::RaiseIssue(i) => self.raise_issue(week, at, i),
            Step::AgreeTodos { issue, from, to } => self.agree_todos(week, at, issue, from, to),
            Step::Done(t) => self.settle_todo(week, at, t, TodoStatus::Done),
            Step::Drop(t) => self.settle_todo(week, at, t, TodoStatus::Dropped),
            Step::Solve { issue, from, to } => {
                let ids = self.world.todos[from..to]
                    .iter()
                    .map(|t| t.id.clone())
                    .collect();
                let lead = self.issue_lead(issue);
                self.solve_issue(week, at, issue, ids, &lead)
            }
            Step::DropIssue(i, because) => self.drop_issue(week, at, i, because),
            Step::RaiseDecisionIssue => self.raise_decision_issue(week, at),
            Step::SolveDecisionIssue => {
                let (Some(issue), Some(d)) =
                    (self.follow_up.decision_issue, self.cast.early_decision())
                else {
                    return Ok(());
                };
                if self.world.decisions[d].status != DecisionStatus::Accepted {
                    return Ok(());
                }
                let ids = vec![self.world.decisions[d].id.clone()];
                let raiser = self.world.issues[issue].raised_by.clone();
                self.solve_issue(week, at, issue, ids, &raiser)
            }
        }
    }

    fn issue_lead(&self, issue: usize) -> String {
        let team = self.world.team_index(&self.world.issues[issue].team);
        self.world.teams[team].lead.clone()
    }

    fn meeting(&mut self, week: u32, at: WeekTime, from: usize, to: usize) -> Result<()> {
        let author = self.chief_of_staff();
        let lines: Vec<String> = self.world.todos[from..to]
            .iter()
            .map(|t| {
                format!(
                    "- {}: {} (due {})",
                    self.world.person(&t.owner).name,
                    t.title,
                    render::short_date(t.due)
                )
            })
            .collect();
        let count = to - from;
        let message = format!(
            "Leadership meeting {}: {count} to-do{} agreed\n\n{}",
            self.calendar.iso_week(week),
            if count == 1 { "" } else { "s" },
            lines.join("\n")
        );
        let files: Vec<FileOf> = (from..to).map(FileOf::Todo).collect();
        self.commit_on_main(week, at, &author, message, &files)
    }

    fn raise_issue(&mut self, week: u32, at: WeekTime, i: usize) -> Result<()> {
        let issue = &self.world.issues[i];
        let message = format!("Raise issue {}: {}", issue.id, issue.title);
        let (author, team) = (issue.raised_by.clone(), issue.team.clone());
        let note = Note::Risk(format!("New issue: {}", issue.title));
        self.follow_note(&team, note);
        self.commit_on_main(week, at, &author, message, &[FileOf::Issue(i)])
    }

    fn agree_todos(
        &mut self,
        week: u32,
        at: WeekTime,
        issue: usize,
        from: usize,
        to: usize,
    ) -> Result<()> {
        let titles: Vec<String> = self.world.todos[from..to]
            .iter()
            .map(|t| lowercase_first(&t.title))
            .collect();
        let message = format!(
            "Agree to-dos for {}: {}",
            self.world.issues[issue].id,
            titles.join("; ")
        );
        let lead = self.issue_lead(issue);
        let files: Vec<FileOf> = (from..to).map(FileOf::Todo).collect();
        self.commit_on_main(week, at, &lead, message, &files)
    }

    fn settle_todo(&mut self, week: u32, at: WeekTime, t: usize, status: TodoStatus) -> Result<()> {
        let today = self.calendar.day(week, at.weekday);
        let todo = &mut self.world.todos[t];
        if todo.status != TodoStatus::Open {
            return Ok(());
        }
        todo.status = status;
        let message = match status {
            TodoStatus::Dropped => format!(
                "Drop to-do {}: the leadership meeting agreed it is no longer needed",
                todo.id
            ),
            _ if today > todo.due => format!(
                "Done: {} ({}), {} late",
                todo.title,
                todo.id,
                days(todo.due.days_until(today))
            ),
            _ => format!("Done: {} ({})", todo.title, todo.id),
        };
        let owner = todo.owner.clone();
        let note = Note::Progress(format!("Done: {}", todo.title));
        if status == TodoStatus::Done {
            let team = self.world.person(&owner).team.clone();
            self.follow_note(&team, note);
        }
        self.commit_on_main(week, at, &owner, message, &[FileOf::Todo(t)])
    }

    fn solve_issue(
        &mut self,
        week: u32,
        at: WeekTime,
        i: usize,
        resolved_by: Vec<String>,
        author: &str,
    ) -> Result<()> {
        let issue = &mut self.world.issues[i];
        if issue.status != IssueStatus::Open {
            return Ok(());
        }
        issue.status = IssueStatus::Solved;
        let message = format!("Solve issue {}: by {}", issue.id, resolved_by.join(", "));
        issue.resolved_by = resolved_by;
        let note = Note::Progress(format!("Solved: {}", issue.title));
        let team = issue.team.clone();
        self.follow_note(&team, note);
        self.commit_on_main(week, at, author, message, &[FileOf::Issue(i)])
    }

    fn drop_issue(&mut self, week: u32, at: WeekTime, i: usize, because: &str) -> Result<()> {
        let today = self.calendar.day(week, at.weekday);
        let lead = self.issue_lead(i);
        let issue = &mut self.world.issues[i];
        if issue.status != IssueStatus::Open {
            return Ok(());
        }
        issue.status = IssueStatus::Dropped;
        issue.body.push(format!("Dropped on {today}: {because}."));
        let message = format!("Drop issue {}: {because}", issue.id);
        self.commit_on_main(week, at, &lead, message, &[FileOf::Issue(i)])
    }

    /// Someone in the team of the decision just proposed raises what it is
    /// meant to settle, so the issue is on the agenda until it is decided.
    fn raise_decision_issue(&mut self, week: u32, at: WeekTime) -> Result<()> {
        let Some(d) = self.cast.early_decision() else {
            return Ok(());
        };
        let today = self.calendar.day(week, at.weekday);
        let decision = &self.world.decisions[d];
        let owner = decision.owner.clone();
        let team = self.world.person(&owner).team.clone();
        let leaver = self.planner.leaver.clone();
        let members: Vec<String> = self
            .world
            .members(&team)
            .into_iter()
            .map(|p| self.world.people[p].id.clone())
            .filter(|id| *id != owner && Some(id) != leaver.as_ref())
            .collect();
        let raiser = members.choose(&mut self.follow).cloned().unwrap_or(owner);
        let title = format!(
            "We need a decision on whether to {}",
            lowercase_first(&decision.title)
        );
        let body = vec![decision.context.clone()];
        let slug = format!(
            "decide-{}",
            decision
                .id
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-')
        );
        let issue = push_issue(
            &mut self.world,
            &slug,
            title,
            &team,
            &raiser,
            Level::Medium,
            today,
            body,
        );
        self.follow_up.decision_issue = Some(issue);
        self.raise_issue(week, at, issue)
    }
}

/// "1 day", "4 days".
fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}
