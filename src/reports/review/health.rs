//! Execution health: how each team executes, period by period, every figure
//! a count of things the history shows (updates filed, items done by their
//! due date, due dates moved, targets lowered, decisions taken, dependencies
//! met, items left untouched, goals aligned), rolled up through the team
//! hierarchy.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::Timestamp;

use super::build::{Context, commits_before};
use super::period::PeriodWindow;
use super::{Figure, HealthFigures, HealthPeriod, TeamHealth};
use crate::error::Result;
use crate::history::{Change, ChangeKind, EntityState, Field, Value};
use crate::model::{Date, DecisionStatus, Direction, EntityKind, GoalStatus, IsoWeek, Org};
use crate::reports::digest::Calendar;
use crate::reports::scoring::ratio;

/// How many periods the trend covers, the reviewed one included (an annual
/// review's trend is its four quarters).
pub const TREND_PERIODS: usize = 4;

/// The periods the health trend covers, oldest first, the reviewed window
/// last: the three periods of the same kind before it, or for an annual
/// review its four quarters.
pub fn windows(
    calendar: &Calendar,
    window: &PeriodWindow,
    today: Date,
) -> Result<Vec<PeriodWindow>> {
    use super::period::PeriodId;
    if let PeriodId::Year(_) = window.id {
        let mut out = Vec::new();
        for quarter in window.id.quarters(calendar.fiscal_year_start_month) {
            let (first, _) = quarter.date_range(calendar.fiscal_year_start_month);
            if first > window.through {
                break;
            }
            out.push(PeriodWindow::new(
                calendar,
                PeriodId::Quarter(quarter),
                today,
            )?);
        }
        return Ok(out);
    }
    let mut ids = vec![window.id];
    while ids.len() < TREND_PERIODS {
        let previous = ids[0].previous();
        ids.insert(0, previous);
    }
    ids.into_iter()
        .map(|id| PeriodWindow::new(calendar, id, today))
        .collect()
}

/// 00:00 of the day `stale_after_days` before the window's end: an item
/// whose file reads the same there and at the end was not touched since.
pub fn stale_instant(calendar: &Calendar, window: &PeriodWindow) -> Result<Timestamp> {
    let day = window
        .through
        .0
        .checked_sub(jiff::Span::new().days(i64::from(calendar.stale_after_days) - 1))
        .map(Date)
        .unwrap_or(window.through);
    calendar.start_of_day(day)
}

/// What happened to each item over the whole history read, in order.
struct Events<'a> {
    /// The first due date seen for each item: when the history starts, or
    /// when it was added.
    first_due: HashMap<&'a str, Date>,
    /// When each item was first seen done (a milestone or milestone key
    /// result marked done, an initiative done, a goal achieved) in the
    /// history read: the commit's date.
    done_on: HashMap<&'a str, Date>,
}

impl<'a> Events<'a> {
    fn new(cx: &Context<'a>) -> Events<'a> {
        let mut first_due = HashMap::new();
        let mut done_on = HashMap::new();
        if let Some(first) = cx.history.snapshots.first() {
            for (id, state) in &first.entities {
                if let Some(due) = state.due {
                    first_due.insert(id.as_str(), due);
                }
            }
        }
        for change in &cx.history.changes {
            let id = change.id.as_str();
            let ChangeKind::Field {
                field,
                before,
                after,
            } = &change.change
            else {
                continue;
            };
            let date = cx.history.commits[change.commit].date;
            match (field, before, after) {
                (Field::Due, Value::None, Value::Date(due)) => {
                    first_due.entry(id).or_insert(*due);
                }
                (Field::Due, Value::Date(due), _) => {
                    first_due.entry(id).or_insert(*due);
                }
                (Field::Done, _, Value::Bool(true)) => {
                    done_on.entry(id).or_insert(date);
                }
                (Field::Status, _, Value::Text(status))
                    if matches!(status.as_str(), "done" | "achieved") =>
                {
                    done_on.entry(id).or_insert(date);
                }
                _ => {}
            }
        }
        // Items added with a due date: their first state holds it.
        for snapshot in &cx.history.snapshots {
            for (id, state) in &snapshot.entities {
                if let Some(due) = state.due {
                    first_due.entry(id.as_str()).or_insert(due);
                }
            }
        }
        Events { first_due, done_on }
    }
}

fn is_done(state: &EntityState) -> bool {
    state.done == Some(true) || matches!(state.status.as_deref(), Some("done" | "achieved"))
}

/// Items with a due date that health counts for delivery and slips:
/// initiatives, milestones and milestone key results.
fn is_deliverable(state: &EntityState) -> bool {
    match state.kind {
        EntityKind::Initiative | EntityKind::Milestone => true,
        EntityKind::KeyResult => state.metric.is_none() && state.done.is_some(),
        _ => false,
    }
}

/// One period's counts for one team's subtree (`teams`; `company` also
/// counts items of no team).
struct Counter<'c, 'a> {
    cx: &'c Context<'a>,
    org: &'a Org,
    events: &'c Events<'a>,
    /// Each item's team, worked out once: every team's figures in every
    /// period ask it of the same items (700 teams × 4 periods in a
    /// 5,000-person org).
    team_of: HashMap<&'a str, Option<String>>,
    /// Every `depends_on` entry of the org, listed once for all teams.
    dependencies: Vec<(&'a str, &'a str, Date)>,
}

/// A period's changes and end states, grouped by team, so a team's figures
/// read its subtree's items only instead of filtering the whole org's.
struct PeriodItems<'a> {
    changes: HashMap<Option<String>, Vec<&'a Change>>,
    end: HashMap<Option<String>, Vec<(&'a str, &'a EntityState)>>,
    /// The ISO weeks whose first day falls in the period.
    weeks: BTreeSet<IsoWeek>,
    /// For each team id, how many of those weeks it filed an update for.
    filed: HashMap<&'a str, usize>,
}

impl<'a> PeriodItems<'a> {
    /// The groups of `teams` (and of no team, for the company).
    fn of<'i, T>(
        groups: &'i HashMap<Option<String>, Vec<T>>,
        teams: &'i BTreeSet<String>,
        company: bool,
    ) -> impl Iterator<Item = &'i T> {
        let no_team = company.then_some(None);
        teams
            .iter()
            .map(|t| Some(t.clone()))
            .chain(no_team)
            .filter_map(|team| groups.get(&team))
            .flatten()
    }
}

impl<'c, 'a> Counter<'c, 'a> {
    fn new(cx: &'c Context<'a>, events: &'c Events<'a>) -> Counter<'c, 'a> {
        let mut team_of = HashMap::new();
        let ids = cx
            .history
            .snapshots
            .iter()
            .flat_map(|s| s.entities.keys().map(String::as_str))
            .chain(cx.history.changes.iter().map(|c| c.id.as_str()));
        for id in ids {
            team_of.entry(id).or_insert_with(|| cx.team_of(id));
        }
        Counter {
            cx,
            org: cx.org,
            events,
            team_of,
            dependencies: dependencies(cx.org),
        }
    }

    fn team(&self, id: &str) -> Option<String> {
        match self.team_of.get(id) {
            Some(team) => team.clone(),
            None => self.cx.team_of(id),
        }
    }

    /// Whether `id` counts for `teams` (and, for the company, items of no
    /// team).
    fn counts_for(&self, id: &str, teams: &BTreeSet<String>, company: bool) -> bool {
        let team = match self.team_of.get(id) {
            Some(team) => team.as_deref().map(|t| teams.contains(t)),
            None => self.cx.team_of(id).map(|t| teams.contains(&t)),
        };
        team.unwrap_or(company)
    }

    fn items(&self, period: &PeriodWindow) -> PeriodItems<'a> {
        let cx = self.cx;
        let commits =
            commits_before(cx.history, period.start)..commits_before(cx.history, period.end);
        let mut changes: HashMap<Option<String>, Vec<&'a Change>> = HashMap::new();
        for change in cx
            .history
            .changes
            .iter()
            .filter(|c| commits.contains(&c.commit))
        {
            changes
                .entry(self.team(&change.id))
                .or_default()
                .push(change);
        }
        let mut end: HashMap<Option<String>, Vec<(&'a str, &'a EntityState)>> = HashMap::new();
        for (id, state) in cx.at(period.end).into_iter().flatten() {
            end.entry(self.team(id))
                .or_default()
                .push((id.as_str(), state));
        }
        let weeks = period_weeks(cx.calendar, period);
        let filed_weeks: BTreeSet<(&str, IsoWeek)> = self
            .org
            .updates
            .iter()
            .filter(|u| weeks.contains(&u.week.value))
            .map(|u| (u.team.value.as_str(), u.week.value))
            .collect();
        let mut filed: HashMap<&str, usize> = HashMap::new();
        for (team, _) in filed_weeks {
            *filed.entry(team).or_default() += 1;
        }
        PeriodItems {
            changes,
            end,
            weeks,
            filed,
        }
    }

    fn figures(
        &self,
        period: &PeriodWindow,
        items: &PeriodItems<'a>,
        teams: &BTreeSet<String>,
        company: bool,
    ) -> HealthFigures {
        let cx = self.cx;
        let mine = |id: &str| self.counts_for(id, teams, company);
        let start = cx.at(period.start);
        let end = cx.at(period.end);
        let stale_at = stale_instant(cx.calendar, period)
            .ok()
            .and_then(|at| cx.at(at));
        let changes: Vec<&Change> = PeriodItems::of(&items.changes, teams, company)
            .copied()
            .collect();
        // The period's end states of the items that count for `teams`.
        let mine_at_end: Vec<(&str, &EntityState)> = PeriodItems::of(&items.end, teams, company)
            .copied()
            .collect();
        let empty = BTreeMap::new();
        let end = end.unwrap_or(&empty);
        let start = start.unwrap_or(&empty);

        // Check-ins: updates filed for the weeks that start in the period,
        // counted once per period for every team (`PeriodItems::filed`).
        let top = cx.teams.single_top();
        let expecting: Vec<&str> = teams
            .iter()
            .map(String::as_str)
            .filter(|t| cx.teams.contains(t) && top != Some(*t))
            .collect();
        let filed = expecting
            .iter()
            .map(|t| items.filed.get(t).copied().unwrap_or(0))
            .sum();
        let check_ins = Figure::new(filed, expecting.len() * items.weeks.len());

        // Delivery: items done in the period, on time against the due date
        // first seen.
        let mut delivered = 0;
        let mut on_time = 0;
        for &(id, state) in &mine_at_end {
            if !is_deliverable(state) || !is_done(state) {
                continue;
            }
            let Some(done_on) = self.events.done_on.get(id) else {
                continue;
            };
            if *done_on < period.first_day || *done_on > period.through {
                continue;
            }
            delivered += 1;
            let due = self.events.first_due.get(id).or(state.due.as_ref());
            if due.is_none_or(|due| done_on <= due) {
                on_time += 1;
            }
        }
        let on_time_delivery = Figure::new(on_time, delivered);

        // Slips: deliverables open at some point of the period whose due date
        // moved later in it.
        let mut slipped = BTreeSet::new();
        let mut days_slipped = 0;
        for change in &changes {
            if let ChangeKind::Field {
                field: Field::Due,
                before: Value::Date(before),
                after: Value::Date(after),
            } = &change.change
                && after > before
                && end
                    .get(&change.id)
                    .or(start.get(&change.id))
                    .is_some_and(|s| is_deliverable(s))
            {
                slipped.insert(change.id.as_str());
                days_slipped += before.days_until(*after);
            }
        }
        let tracked = mine_at_end
            .iter()
            .filter(|(_, s)| is_deliverable(s))
            .filter(|(id, _)| !start.get(*id).is_some_and(|s| is_done(s)))
            .count();
        let slips = Figure::new(slipped.len(), tracked.max(slipped.len()));

        // Goalpost moves: targets made easier in the period.
        let mut moves = 0;
        let mut unexplained = 0;
        for change in &changes {
            if let ChangeKind::Field {
                field: Field::Target,
                before: Value::Number(before),
                after: Value::Number(after),
            } = &change.change
            {
                let state = end.get(&change.id).or(start.get(&change.id));
                let direction = state
                    .and_then(|s| s.metric)
                    .map_or(Direction::Up, |m| m.direction);
                let easier = match direction {
                    Direction::Up => after < before,
                    Direction::Down => after > before,
                };
                if !easier {
                    continue;
                }
                moves += 1;
                let goal = state.and_then(|s| s.parent.as_deref()).unwrap_or_default();
                if !self.explained(&change.id, goal) {
                    unexplained += 1;
                }
            }
        }

        // Decision latency: decisions accepted or rejected in the period.
        let mut latencies: Vec<i64> = Vec::new();
        for change in &changes {
            if change.kind != EntityKind::Decision {
                continue;
            }
            let decided = matches!(
                &change.change,
                ChangeKind::Field { field: Field::Status, after: Value::Text(s), .. }
                    if s == "accepted" || s == "rejected"
            );
            if !decided {
                continue;
            }
            let Some(decision) = self.org.decisions.iter().find(|d| d.id.value == change.id) else {
                continue;
            };
            let decided_on = decision
                .decided_on
                .as_deref()
                .copied()
                .unwrap_or(cx.history.commits[change.commit].date);
            latencies.push(decision.date.days_until(decided_on).max(0));
        }
        latencies.sort_unstable();

        // Dependency reliability, for this team as the provider: cross-team
        // `depends_on` entries whose need_by falls in the period, met when the
        // item waited on was done by need_by.
        let mut needed = 0;
        let mut met = 0;
        for &(dependent, on, need_by) in &self.dependencies {
            if need_by < period.first_day || need_by > period.through || !mine(on) {
                continue;
            }
            if self.team(dependent) == self.team(on) {
                continue;
            }
            needed += 1;
            let done_by = match self.events.done_on.get(on) {
                Some(done_on) => *done_on <= need_by,
                // Done before the history read starts.
                None => cx
                    .history
                    .snapshots
                    .first()
                    .and_then(|s| s.entities.get(on))
                    .is_some_and(|s| is_done(s)),
            };
            if done_by {
                met += 1;
            }
        }

        // Staleness: open goals and initiatives whose file reads the same
        // `stale_after_days` before the end as at the end.
        let mut open = 0;
        let mut stale = 0;
        for &(id, state) in &mine_at_end {
            let open_item = match state.kind {
                EntityKind::Goal => state.status.as_deref() == Some(GoalStatus::Active.as_str()),
                EntityKind::Initiative => {
                    matches!(
                        state.status.as_deref(),
                        Some("active" | "proposed" | "paused")
                    )
                }
                _ => false,
            };
            if !open_item {
                continue;
            }
            open += 1;
            let untouched = stale_at
                .and_then(|s| s.get(id))
                .is_some_and(|before| before.content == state.content && before.path == state.path);
            if untouched {
                stale += 1;
            }
        }

        // Alignment: team goals of the period's quarters that serve a higher
        // goal or key result.
        let quarters = period.id.quarters(cx.calendar.fiscal_year_start_month);
        let team_goals: Vec<_> = self
            .org
            .goals
            .iter()
            .filter(|g| quarters.contains(&g.period) && g.team.is_some() && mine(&g.id))
            .filter(|g| g.status() != GoalStatus::Dropped)
            .collect();
        let aligned = team_goals
            .iter()
            .filter(|g| {
                g.aligns_to
                    .as_ref()
                    .and_then(|a| self.org.lookup(a))
                    .is_some_and(|t| matches!(t.kind, EntityKind::Goal | EntityKind::KeyResult))
            })
            .count();

        HealthFigures {
            check_ins,
            on_time_delivery,
            slips,
            days_slipped,
            goalpost_moves: moves,
            goalpost_moves_without_decision: unexplained,
            decisions_decided: latencies.len(),
            decision_latency_days: median(&latencies),
            dependency_reliability: Figure::new(met, needed),
            staleness: Figure::new(stale, open),
            alignment: Figure::new(aligned, team_goals.len()),
        }
    }

    fn explained(&self, key_result: &str, goal: &str) -> bool {
        self.org
            .decisions
            .iter()
            .filter(|d| d.status.value == DecisionStatus::Accepted)
            .any(|d| {
                d.affects
                    .iter()
                    .any(|a| a.value == key_result || a.value == goal)
            })
    }
}

/// Every `depends_on` entry of the org: (dependent, waited on, need_by).
fn dependencies(org: &Org) -> Vec<(&str, &str, Date)> {
    let mut out = Vec::new();
    for goal in &org.goals {
        for d in &goal.depends_on {
            out.push((goal.id.value.as_str(), d.on.value.as_str(), *d.need_by));
        }
        for kr in &goal.key_results {
            for d in &kr.depends_on {
                out.push((kr.id.value.as_str(), d.on.value.as_str(), *d.need_by));
            }
        }
    }
    for initiative in &org.initiatives {
        for d in &initiative.depends_on {
            out.push((
                initiative.id.value.as_str(),
                d.on.value.as_str(),
                *d.need_by,
            ));
        }
    }
    out
}

/// The ISO weeks whose first day falls in the period, up to `through`.
fn period_weeks(calendar: &Calendar, period: &PeriodWindow) -> BTreeSet<IsoWeek> {
    let mut weeks = BTreeSet::new();
    let Ok(mut week) = calendar.week_containing(period.first_day) else {
        return weeks;
    };
    if week.first_day < period.first_day {
        match week
            .last_day
            .0
            .tomorrow()
            .map(Date)
            .map(|d| calendar.week_containing(d))
        {
            Ok(Ok(next)) => week = next,
            _ => return weeks,
        }
    }
    // A week counts once it has ended by `through`.
    while week.last_day <= period.through {
        weeks.insert(week.week);
        match week
            .last_day
            .0
            .tomorrow()
            .map(Date)
            .map(|d| calendar.week_containing(d))
        {
            Ok(Ok(next)) => week = next,
            _ => break,
        }
    }
    weeks
}

fn median(sorted: &[i64]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    Some(if n % 2 == 1 {
        sorted[n / 2] as f64
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0
    })
}

/// Each team in scope, with one set of figures per trend period.
pub(super) fn teams(
    cx: &Context<'_>,
    windows: &[PeriodWindow],
) -> (Vec<HealthPeriod>, Vec<TeamHealth>) {
    let events = Events::new(cx);
    let counter = Counter::new(cx, &events);
    let items: Vec<PeriodItems> = windows.iter().map(|w| counter.items(w)).collect();
    let coverage: Vec<&'static str> = windows
        .iter()
        .map(|w| {
            let has_commit = |at| {
                cx.history
                    .snapshots
                    .iter()
                    .find(|s| s.at == at)
                    .is_some_and(|s| s.commit.is_some())
            };
            match (has_commit(w.start), has_commit(w.end)) {
                (true, _) => "full",
                (false, true) => "partial",
                (false, false) => "none",
            }
        })
        .collect();
    let periods = windows
        .iter()
        .zip(&coverage)
        .map(|(w, history)| HealthPeriod {
            id: w.id,
            first_day: w.first_day,
            through: w.through,
            history,
        })
        .collect();
    let top_depth = cx
        .scope
        .as_ref()
        .and_then(|scope| scope.iter().map(|t| cx.teams.depth(t)).min())
        .unwrap_or(0);
    let company = cx.teams.single_top();
    let teams = cx
        .teams
        .ids()
        .filter(|id| cx.scope.as_ref().is_none_or(|s| s.contains(*id)))
        .map(|id| {
            let subtree = cx.teams.subtree(id);
            let is_company = company == Some(id);
            TeamHealth {
                id: id.to_owned(),
                name: cx.team_named(id).name,
                depth: cx.teams.depth(id).saturating_sub(top_depth),
                periods: windows
                    .iter()
                    .zip(&items)
                    .zip(&coverage)
                    .map(|((w, items), history)| {
                        (*history != "none")
                            .then(|| counter.figures(w, items, &subtree, is_company))
                    })
                    .collect(),
            }
        })
        .collect();
    (periods, teams)
}

impl Figure {
    pub(super) fn new(count: usize, of: usize) -> Figure {
        Figure {
            count,
            of,
            rate: (of > 0).then(|| ratio(count as f64 / of as f64)),
        }
    }
}
