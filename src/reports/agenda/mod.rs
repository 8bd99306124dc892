//! The weekly leadership meeting's agenda, prepared from the repo: the
//! scorecard's KPIs off target, the goals and key results off track or
//! behind pace, the headlines of the week's check-ins, last week's to-dos
//! done or not, the open issues ranked, the decisions waiting and the
//! dependencies at risk between the team's children.
//!
//! Like `reports::remind`, nothing is worked out twice: everything is the
//! digest's (its scorecard included), restricted to the meeting's team;
//! this module picks what a meeting works through. [`Agenda`] is plain serializable
//! data: what `orgit agenda --format json` prints and what
//! `templates/agenda.md.j2` renders (docs/agenda.md).

use serde::Serialize;

use crate::model::{Date, Health, IsoWeek, Org};
use crate::reports::digest::team_tree::TeamTree;
use crate::reports::digest::{
    BehindPace, CheckIn, CommitRef, DecisionWaiting, DependencyAlert, Digest, FollowUp,
    GoalStanding, Named,
};
use crate::reports::scorecard::ScorecardRow;

/// The version of the data model, as the digest's.
pub const VERSION: u32 = 1;

/// The agenda of one team's weekly meeting. Field by field in docs/agenda.md.
#[derive(Clone, Debug, Serialize)]
pub struct Agenda {
    pub version: u32,
    pub org: String,
    pub week: IsoWeek,
    pub first_day: Date,
    pub last_day: Date,
    /// The meeting's team; null for the whole org.
    pub team: Option<Named>,
    pub as_of: CommitRef,
    pub repository: Option<String>,
    /// The digest's scorecard rows that are off target.
    pub scorecard: Vec<ScorecardRow>,
    /// How many KPIs the digest's scorecard holds, on target or not.
    pub kpis: usize,
    /// Active goals at risk or off track, with their key results that are.
    pub off_track: Vec<GoalOffTrack>,
    /// Metric key results whose pace is flagged (the digest's `behind_pace`).
    pub behind_pace: Vec<BehindPace>,
    /// Each team's check-in of the week, in hierarchy order.
    pub headlines: Vec<Headline>,
    /// Teams expected to check in that have not.
    pub missing_updates: Vec<Named>,
    /// Last week's to-dos, done or not, and the open issues ranked: the
    /// digest's follow-through for the meeting's team.
    pub follow_up: FollowUp,
    /// What a to-do agreed in this meeting writes as its `from`:
    /// `<week>-<team>` (for the whole org, `<week>-<top team>` is not
    /// defined, so null).
    pub meeting: Option<String>,
    /// Decisions proposed and not decided, longest waiting first.
    pub decisions_waiting: Vec<DecisionWaiting>,
    /// Dependencies at risk whose two ends sit under different children of
    /// the team (for the whole org: between two teams), or whose target is
    /// missing.
    pub dependencies: Vec<DependencyAlert>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalOffTrack {
    pub id: String,
    pub title: String,
    pub owner: Option<Named>,
    pub team: Option<Named>,
    pub health: Option<Health>,
    pub progress: Option<f64>,
    pub path: String,
    /// Its key results at risk or off track: id, title, health.
    pub key_results: Vec<KeyResultOffTrack>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KeyResultOffTrack {
    pub id: String,
    pub title: String,
    pub owner: Option<Named>,
    pub health: Option<Health>,
    pub progress: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Headline {
    pub team: Named,
    #[serde(flatten)]
    pub check_in: CheckIn,
}

/// What an agenda is built from.
pub struct Inputs<'a> {
    /// The digest of the meeting's week, restricted to its team.
    pub digest: &'a Digest,
    /// The org the digest was built from.
    pub org: &'a Org,
}

fn off(health: Option<Health>) -> bool {
    matches!(health, Some(Health::AtRisk | Health::OffTrack))
}

pub fn build(inputs: &Inputs<'_>) -> Agenda {
    let Inputs { digest, org } = *inputs;
    let rows = digest.scorecard.as_ref().map_or(&[][..], |s| &s.rows[..]);
    let scorecard = rows
        .iter()
        .filter(|row| row.on_target == Some(false))
        .cloned()
        .collect();

    let off_track = digest
        .goals
        .iter()
        .filter(|g| g.status == "active")
        .filter_map(goal_off_track)
        .collect();
    let headlines = digest
        .teams
        .iter()
        .filter_map(|t| {
            t.update.as_ref().map(|u| Headline {
                team: Named {
                    id: t.id.clone(),
                    name: t.name.clone(),
                },
                check_in: u.clone(),
            })
        })
        .collect();
    let top = digest.team.as_ref().map(|t| t.id.as_str());
    let teams = TeamTree::new(org);
    let branch_of = |team: Option<&Named>| team.map(|t| teams.branch(top, &t.id).to_owned());
    let dependencies = digest
        .dependencies
        .iter()
        .filter(|d| match &d.target {
            None => true,
            // The whole org's meeting sees every dependency between teams.
            Some(_) if digest.team.is_none() => d.cross_team,
            Some(target) => branch_of(d.dependent.team.as_ref()) != branch_of(target.team.as_ref()),
        })
        .cloned()
        .collect();
    Agenda {
        version: VERSION,
        org: digest.org.clone(),
        week: digest.week,
        first_day: digest.first_day,
        last_day: digest.last_day,
        team: digest.team.clone(),
        as_of: digest.as_of.clone(),
        repository: digest.repository.clone(),
        scorecard,
        kpis: rows.len(),
        off_track,
        behind_pace: digest.behind_pace.clone(),
        headlines,
        missing_updates: digest.accountability.missing_updates.clone(),
        follow_up: digest.follow_up.clone(),
        meeting: digest
            .team
            .as_ref()
            .map(|t| format!("{}-{}", digest.week, t.id)),
        decisions_waiting: digest.decisions.waiting.clone(),
        dependencies,
    }
}

fn goal_off_track(goal: &GoalStanding) -> Option<GoalOffTrack> {
    let key_results: Vec<KeyResultOffTrack> = goal
        .key_results
        .iter()
        .filter(|kr| off(kr.health))
        .map(|kr| KeyResultOffTrack {
            id: kr.item.id.clone(),
            title: kr.item.title.clone(),
            owner: kr.item.owner.clone(),
            health: kr.health,
            progress: kr.progress,
        })
        .collect();
    (off(goal.health) || !key_results.is_empty()).then(|| GoalOffTrack {
        id: goal.item.id.clone(),
        title: goal.item.title.clone(),
        owner: goal.item.owner.clone(),
        team: goal.item.team.clone(),
        health: goal.health,
        progress: goal.progress,
        path: goal.item.path.clone(),
        key_results,
    })
}
