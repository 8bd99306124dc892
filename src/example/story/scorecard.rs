//! The departments' scorecards: each department lead owns two KPIs and
//! measures them in the department's Friday check-in (in a commit of their
//! own when the department skips its update). Most wander on target; the
//! first department's first KPI drifts off target in the final two weeks,
//! the second department's in the final five, and the first department's
//! second KPI is not measured in the final three weeks, so it goes stale.
//! Two KPIs per department whatever the org's size: the 5,000-person
//! example has a dozen.

use rand::Rng as _;

use super::{Note, Story};
use crate::error::Result;
use crate::example::Rng;
use crate::example::calendar::{Calendar, WeekTime};
use crate::example::catalog::KpiGoalpost;
use crate::example::commit::Lane;
use crate::example::world::{FileOf, Kpi, KpiCourse, TeamKind, World};
use crate::model::{Cadence, Direction};

/// A monthly KPI is measured every this many weeks, counting back from the
/// final week: never longer apart than its cadence allows.
const MONTHLY_EVERY: u32 = 4;

/// Gives every department its KPIs, as they stand before the history starts.
pub(super) fn found(world: &mut World, rng: &mut Rng, calendar: &Calendar) {
    let last = calendar.final_week();
    let departments: Vec<usize> = world
        .teams_top_down()
        .into_iter()
        .filter(|&t| matches!(world.teams[t].kind, TeamKind::Department(_)))
        .collect();
    for (n, &t) in departments.iter().enumerate() {
        let TeamKind::Department(department) = world.teams[t].kind else {
            continue;
        };
        for (k, template) in department.rhythm.kpis.iter().enumerate() {
            let course = match (n, k) {
                (0, 0) => KpiCourse::Drifts {
                    from: last.saturating_sub(1),
                },
                (0, 1) => KpiCourse::GoesQuiet {
                    after: last.saturating_sub(3),
                },
                (1, 0) => KpiCourse::Drifts {
                    from: last.saturating_sub(4),
                },
                _ => KpiCourse::Wanders,
            };
            let mut kpi = Kpi {
                id: world.claim_id(template.slug),
                owner: world.teams[t].lead.clone(),
                team: world.teams[t].id.clone(),
                value: 0.0,
                template,
                course,
                measured: None,
                off_since: None,
            };
            kpi.value = kpi.round(rng.random_range(template.healthy.0..=template.healthy.1));
            world.kpis.push(kpi);
        }
    }
}

/// Whether `kpi` is measured in `week` of a history whose final week is `last`.
fn is_due(kpi: &Kpi, week: u32, last: u32) -> bool {
    if let KpiCourse::GoesQuiet { after } = kpi.course
        && week > after
    {
        return false;
    }
    match kpi.template.cadence {
        Cadence::Weekly => true,
        Cadence::Monthly => (last - week).is_multiple_of(MONTHLY_EVERY),
    }
}

/// This week's measurement: somewhere in the healthy band, or during a
/// drift further off target each week; never the value it had, so the
/// change shows in history.
fn measure(kpi: &Kpi, week: u32, rng: &mut Rng) -> f64 {
    let template = kpi.template;
    let drift = match kpi.course {
        KpiCourse::Drifts { from } if week >= from => Some(week - from + 1),
        _ => None,
    };
    let (raw, nudge) = match drift {
        None => {
            let (low, high) = template.healthy;
            let raw = rng.random_range(low..=high);
            let toward_middle = if raw < (low + high) / 2.0 { 1.0 } else { -1.0 };
            (raw, toward_middle)
        }
        Some(weeks) => {
            let away = template.slide * f64::from(weeks) * rng.random_range(0.8..1.2);
            match template.goalpost {
                KpiGoalpost::Target(target, Direction::Up) => (target - away, -1.0),
                KpiGoalpost::Target(target, Direction::Down) => (target + away, 1.0),
                KpiGoalpost::Range(min, _) => (min - away, -1.0),
            }
        }
    };
    let value = kpi.round(raw);
    if value == kpi.value {
        kpi.round(value + nudge * kpi.step())
    } else {
        value
    }
}

impl Story<'_> {
    /// The KPIs of team `t` that `author` owns and has not measured this
    /// week, measured now; their files and a line for the commit message.
    /// A KPI off target goes into the team's update as a risk.
    pub(super) fn measure_kpis(
        &mut self,
        week: u32,
        t: usize,
        author: &str,
    ) -> (Vec<FileOf>, Vec<String>) {
        let last = self.calendar.final_week();
        let team = self.world.teams[t].id.clone();
        let mut files = Vec::new();
        let mut lines = Vec::new();
        for k in 0..self.world.kpis.len() {
            let kpi = &self.world.kpis[k];
            if kpi.team != team
                || kpi.owner != author
                || kpi.measured == Some(week)
                || !is_due(kpi, week, last)
            {
                continue;
            }
            let value = measure(kpi, week, &mut self.follow);
            lines.push(format!(
                "{} {} → {}",
                kpi.id,
                kpi.written(kpi.value),
                kpi.amount(value)
            ));
            let kpi = &mut self.world.kpis[k];
            kpi.value = value;
            kpi.measured = Some(week);
            if kpi.is_met(value) {
                kpi.off_since = None;
            } else {
                let since = *kpi.off_since.get_or_insert(week);
                let runs = week - since + 1;
                let how_long = if runs == 1 {
                    "off target this week".to_owned()
                } else {
                    format!("off target {runs} weeks running")
                };
                let note = format!(
                    "{} at {}, {how_long}",
                    kpi.template.title,
                    kpi.amount(value)
                );
                self.follow_note(&team, Note::Risk(note));
            }
            files.push(FileOf::Kpi(k));
        }
        (files, lines)
    }

    /// Late on Friday, the KPIs of a department that wrote no update this
    /// week are measured in a commit of their own, one per owner.
    pub(super) fn measure_leftover_kpis(
        &mut self,
        week: u32,
        at: WeekTime,
        t: usize,
    ) -> Result<()> {
        let team = &self.world.teams[t].id;
        let mut owners: Vec<String> = self
            .world
            .kpis
            .iter()
            .filter(|k| k.team == *team)
            .map(|k| k.owner.clone())
            .collect();
        owners.dedup();
        for owner in owners {
            let (files, lines) = self.measure_kpis(week, t, &owner);
            if files.is_empty() {
                continue;
            }
            let message = format!("Update scorecard: {}", lines.join(", "));
            self.commit(week, at, &owner, message, &files, Vec::new(), Lane::Main)?;
        }
        Ok(())
    }
}
