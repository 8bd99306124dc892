//! The history engine: what the org looked like at given instants, and every
//! change between them, reconstructed from git.
//!
//! Git history is the time series. Given a head revision and a list of
//! instants (week boundaries, usually), [`reconstruct`] works in two passes:
//!
//! 1. **Walk** the main line from the head back, first parents only (a merge
//!    counts as the change it brought to the main line; a side branch's own
//!    commits are never read), to the first commit before the oldest instant,
//!    and no further: the cost follows the window asked for, not the length of
//!    the repository's history. Commits newer than the window are only stepped
//!    through; for the others the org root's tree id is looked up (one tree
//!    read per folder level of the org root's path).
//! 2. **Replay** forward from that base commit. A commit whose org-root tree
//!    equals its parent's (in a monorepo, most of them) costs one comparison.
//!    Otherwise the two trees are compared top-down, descending only into
//!    folders whose ids differ (each folder's listing is kept from the commit
//!    that last changed it, so every tree is read once), and each changed
//!    file is parsed by the loader's own parser, once per blob id: a file
//!    reverted to an earlier text, or carried through many commits, is
//!    parsed once.
//!
//! The snapshot at instant `t` is the state of the newest main-line commit
//! whose committer time is strictly before `t` (walking from the head, the
//! first such commit, so a clock that went backwards cannot reorder the main
//! line). The window's changes turn the first snapshot into the last: they are
//! those of the commits after the first snapshot's commit, up to and including
//! the last snapshot's.
//!
//! Entities are matched by `id`, never by path: a renamed file is one entity
//! that moved, and its history carries on. Where an id is defined twice, the
//! first path wins, as in the loader.
//!
//! What is read, and what is not:
//! - only the folders that define entities with ids (`people`, `teams`,
//!   `goals`, `initiatives`, `decisions`, `risks`, `kpis`, `issues`, `todos`),
//!   with the same layout rules,
//!   depth limit and size limit as the git source; `orgit.yaml` and `updates/`
//!   are not tracked;
//! - symbolic links are ignored (a link's state would depend on another
//!   path's blob);
//! - a file that does not load (invalid, too large, not text) keeps the
//!   state it had before, or stays absent: a typo fixed in the next commit is
//!   not an entity removed and added again. Reports show the last valid
//!   state; `orgit check` reports the broken file. A file renamed and broken
//!   in the same commit has no earlier state at its new path, so its
//!   entities count as removed until it is fixed;
//! - everything comes from git objects, never from the working tree, so
//!   uncommitted edits do not change a report.
//!
//! A shallow clone is fine as long as its history reaches back before the
//! window; when the walk meets the cut first, [`reconstruct`] fails with the
//! fix rather than produce a report that is silently wrong.

mod extract;
mod replay;
mod state;
mod tree_diff;
mod walk;

pub(crate) use extract::{defines_entities, org_states};
pub(crate) use state::compare as compare_states;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use git2::ErrorCode;
use jiff::Timestamp;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::loader::ParseCache;
use crate::model::{Date, Direction, EntityKind, Health, Level};
use crate::source::OrgRepository;

/// One commit on the main line that changed the org.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommitInfo {
    /// Full hex id.
    pub id: String,
    /// The first 7 hex digits, as reports cite it.
    pub short: String,
    pub author: String,
    pub email: String,
    /// Committer time: when the change landed on the main line.
    #[serde(skip)]
    pub time: Timestamp,
    /// The committer date in the org's time zone.
    pub date: Date,
    /// The first line of the message.
    pub summary: String,
}

/// What orgit tracks of one entity at one moment. Key results and milestones
/// carry their parent's owner when they have none of their own, and their
/// parent's team. A person's `title` is their name, a team's `title` its name,
/// its `parent` the parent team and its `owner` its lead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityState {
    pub kind: EntityKind,
    /// The file that defines it, relative to the org root.
    pub path: String,
    pub title: String,
    pub owner: Option<String>,
    pub team: Option<String>,
    /// The goal of a key result, the initiative of a milestone.
    pub parent: Option<String>,
    /// The status word (`active`, `accepted`, `open`, `left`, ...), the
    /// default one when none is written; `None` for kinds without a status
    /// (teams, key results, milestones).
    pub status: Option<String>,
    pub health: Option<Health>,
    pub confidence: Option<f64>,
    pub metric: Option<MetricState>,
    /// A KPI's `value`.
    pub value: Option<f64>,
    /// Due date of an initiative, milestone or milestone key result; review-by
    /// date of a risk. (A goal is due at the end of its period, which the
    /// history does not track.)
    pub due: Option<Date>,
    pub done: Option<bool>,
    pub likelihood: Option<Level>,
    pub impact: Option<Level>,
    /// A hash of the entity's own source: the whole file for an entity with
    /// a file of its own, the entity's own fields for a key result or
    /// milestone. Any edit counts as a touch even when no tracked field
    /// changed. Only comparable within one run.
    #[serde(skip)]
    pub content: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MetricState {
    pub baseline: f64,
    pub target: f64,
    pub current: f64,
    pub direction: Direction,
}

/// A tracked field of [`EntityState`]; a change to one is a
/// [`ChangeKind::Field`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    Owner,
    Team,
    Parent,
    Status,
    Health,
    Confidence,
    Baseline,
    Target,
    Current,
    Value,
    Due,
    Done,
    Likelihood,
    Impact,
}

impl Field {
    /// The field as it is written in the files (and in reports' JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Owner => "owner",
            Field::Team => "team",
            Field::Parent => "parent",
            Field::Status => "status",
            Field::Health => "health",
            Field::Confidence => "confidence",
            Field::Baseline => "baseline",
            Field::Target => "target",
            Field::Current => "current",
            Field::Value => "value",
            Field::Due => "due",
            Field::Done => "done",
            Field::Likelihood => "likelihood",
            Field::Impact => "impact",
        }
    }

    /// Every tracked field, in the order changes to one entity are listed.
    pub const ALL: [Field; 15] = [
        Field::Title,
        Field::Owner,
        Field::Team,
        Field::Parent,
        Field::Status,
        Field::Health,
        Field::Confidence,
        Field::Baseline,
        Field::Target,
        Field::Current,
        Field::Value,
        Field::Due,
        Field::Done,
        Field::Likelihood,
        Field::Impact,
    ];
}

impl EntityState {
    /// The value of a tracked field, as a change reports it.
    pub fn value(&self, field: Field) -> Value {
        let text = |value: &Option<String>| value.clone().map_or(Value::None, Value::Text);
        let word = |value: Option<&str>| value.map_or(Value::None, |w| Value::Text(w.to_owned()));
        let number = |value: Option<f64>| value.map_or(Value::None, Value::Number);
        match field {
            Field::Title => Value::Text(self.title.clone()),
            Field::Owner => text(&self.owner),
            Field::Team => text(&self.team),
            Field::Parent => text(&self.parent),
            Field::Status => text(&self.status),
            Field::Health => word(self.health.map(Health::as_str)),
            Field::Confidence => number(self.confidence),
            Field::Baseline => number(self.metric.map(|m| m.baseline)),
            Field::Target => number(self.metric.map(|m| m.target)),
            Field::Current => number(self.metric.map(|m| m.current)),
            Field::Value => number(self.value),
            Field::Due => self.due.map_or(Value::None, Value::Date),
            Field::Done => self.done.map_or(Value::None, Value::Bool),
            Field::Likelihood => word(self.likelihood.map(Level::as_str)),
            Field::Impact => word(self.impact.map(Level::as_str)),
        }
    }
}

/// A field's value before or after a change.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    None,
    Text(String),
    Number(f64),
    Date(Date),
    Bool(bool),
}

/// What happened to one entity in one commit.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    /// Its file was renamed or it moved to another file; same id.
    Moved {
        from: String,
        to: String,
    },
    Field {
        field: Field,
        before: Value,
        after: Value,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// Index into [`History::commits`].
    pub commit: usize,
    pub id: String,
    pub kind: EntityKind,
    #[serde(flatten)]
    pub change: ChangeKind,
}

/// The org at one instant: each entity's state by id. A state is shared
/// (not copied) by the replay and every snapshot in which it is unchanged,
/// so a snapshot costs a map of ids to pointers, and the states an instant
/// adds are only those that changed since the one before.
pub type States = BTreeMap<String, Arc<EntityState>>;

/// The org's state at one requested instant.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub at: Timestamp,
    /// The newest main-line commit before `at` (full hex id), or `None` when
    /// `at` is before the first commit.
    pub commit: Option<String>,
    pub entities: States,
}

/// What to reconstruct.
#[derive(Clone, Debug)]
pub struct Request {
    /// The revision whose main line is walked (`HEAD`, a branch, a commit).
    pub head: String,
    /// Instants to take snapshots at, oldest first; the window runs from the
    /// first to the last.
    pub instants: Vec<Timestamp>,
    /// The org's time zone, for [`CommitInfo::date`].
    pub time_zone: jiff::tz::TimeZone,
    /// Only the entities of these folders (say `["kpis"]`), or of every
    /// tracked folder when `None`: a command that needs one kind reads and
    /// parses only its files, however large the rest of the org.
    pub only: Option<&'static [&'static str]>,
}

/// The reconstructed history of a window.
#[derive(Clone, Debug)]
pub struct History {
    /// Commits in the window that changed anything under the org root (files
    /// the history does not track, like weekly updates, included), oldest
    /// first.
    pub commits: Vec<CommitInfo>,
    /// One per requested instant, in the same order.
    pub snapshots: Vec<Snapshot>,
    /// Every change in the window, oldest first (commit order, then id).
    pub changes: Vec<Change>,
    /// For each id touched in the window, the index into `commits` of the last
    /// commit that touched it. Ids absent were not touched in the window.
    pub last_touched: BTreeMap<String, usize>,
}

/// Where the walk is, for a progress bar.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// Main-line commits visited so far.
    pub commits: usize,
    /// Of those, the ones that changed the org.
    pub org_commits: usize,
    /// Files parsed so far: one per distinct blob, however many commits
    /// carry it.
    pub files_parsed: usize,
}

/// Reconstructs the org at each of `request.instants` and every change
/// between the first and the last (see the module documentation).
/// `org_root` is the folder holding `orgit.yaml` in the working tree; it may
/// be a folder inside the repository. `progress` is called every few hundred
/// main-line commits and once at the end.
///
/// Fails (with a hint) when there is no repository, the head does not
/// resolve, every instant is before the first commit, or the history is cut
/// (shallow clone) before the window starts. An empty window is not an
/// error: no commits, no changes, every snapshot the same.
pub fn reconstruct(
    org_root: &Path,
    request: &Request,
    progress: &mut dyn FnMut(Progress),
) -> Result<History> {
    reconstruct_with(org_root, request, &mut ParseCache::new(), progress)
}

/// [`reconstruct`], parsing blobs through `parses`: a command that then
/// loads the org at one of the window's commits from the same cache
/// ([`ParseCache::load`]) parses each blob once.
pub fn reconstruct_with(
    org_root: &Path,
    request: &Request,
    parses: &mut ParseCache,
    progress: &mut dyn FnMut(Progress),
) -> Result<History> {
    let mut histories =
        reconstruct_each(org_root, std::slice::from_ref(request), parses, progress)?;
    Ok(histories.pop().unwrap_or_else(History::empty))
}

/// [`reconstruct_with`] for several requests on the same head (the first
/// one's; the others' `head` is not read), one history each, in order. The
/// main line is walked once, over the union of their windows: a digest and
/// its scorecard, whose windows mostly overlap, read each commit once.
pub fn reconstruct_each(
    org_root: &Path,
    requests: &[Request],
    parses: &mut ParseCache,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<History>> {
    // libgit2 re-hashes every object it reads to check it; git itself does
    // not, and on a long walk the check costs a tenth of the time.
    git2::opts::strict_hash_verification(false);
    // A walk reads each commit once and the tree diff keeps the listings it
    // needs: libgit2's object cache would only fill up, and be freed.
    git2::opts::enable_caching(false);
    let Some(first_request) = requests.first() else {
        return Ok(Vec::new());
    };
    let repository =
        OrgRepository::discover(org_root, "reading the org's history").map_err(|e| {
            e.hint("orgit reads history from git: run it in a clone of the org's repository")
        })?;
    let head = repository.commit(&first_request.head).map_err(|e| {
        let unborn =
            matches!(repository.repo.head(), Err(h) if h.code() == ErrorCode::UnbornBranch);
        if unborn {
            Error::new("the current branch has no commits yet, so it has no history to read")
                .hint("commit the org first (`git add . && git commit`)")
        } else {
            e
        }
    })?;
    let instants = || requests.iter().flat_map(|r| r.instants.iter().copied());
    let (Some(first), Some(last)) = (instants().min(), instants().max()) else {
        return Ok(requests.iter().map(|_| History::empty()).collect());
    };
    let window = walk::Window {
        first,
        last,
        time_zone: &first_request.time_zone,
    };
    let main_line = walk::main_line(&repository, head, &window, progress)?;
    requests
        .iter()
        .map(|request| {
            let (Some(&first), Some(&last)) =
                (request.instants.iter().min(), request.instants.iter().max())
            else {
                return Ok(History::empty());
            };
            let own = main_line.narrowed(first, last).map_err(|first_commit| {
                let window = walk::Window {
                    first,
                    last,
                    time_zone: &request.time_zone,
                };
                walk::before_first_commit(&window, first_commit)
            })?;
            replay::replay(&repository.repo, &own, request, parses, progress)
        })
        .collect()
}

impl History {
    fn empty() -> Self {
        History {
            commits: Vec::new(),
            snapshots: Vec::new(),
            changes: Vec::new(),
            last_touched: BTreeMap::new(),
        }
    }
}
