//! The replay: from the base state forward through the window's commits,
//! taking snapshots at the instants and recording each change.

use std::collections::BTreeMap;

use git2::{Oid, Repository};

use super::extract::BlobParser;
use super::state::{self, FileUpdate, OrgState};
use super::tree_diff::{self, FileChange, TRACKED_DIRS};
use super::walk::{self, MainLine, PROGRESS_EVERY};
use super::{Change, CommitInfo, History, Progress, Request, Snapshot};
use crate::error::Result;
use crate::loader::ParseCache;

/// Replays `main_line` oldest first: the base commit sets the starting
/// state, each later commit that changed the org is listed with its changes.
pub(super) fn replay(
    repo: &Repository,
    main_line: &MainLine,
    request: &Request,
    parses: &mut ParseCache,
    progress: &mut dyn FnMut(Progress),
) -> Result<History> {
    let timeline: Vec<_> = main_line.base.iter().chain(&main_line.window).collect();
    // The instants each commit is the snapshot of: it is the newest before them.
    let mut instants_at: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (instant, at) in request.instants.iter().enumerate() {
        if let Some(position) = timeline.iter().rposition(|commit| commit.time < *at) {
            instants_at.entry(position).or_default().push(instant);
        }
    }
    // Instants before the first commit keep an empty org.
    let mut snapshots: Vec<Snapshot> = request
        .instants
        .iter()
        .map(|&at| Snapshot {
            at,
            commit: None,
            entities: BTreeMap::new(),
        })
        .collect();

    let mut parser = BlobParser::new(repo)?;
    let mut state = OrgState::default();
    let mut history = History {
        commits: Vec::new(),
        snapshots: Vec::new(),
        changes: Vec::new(),
        last_touched: BTreeMap::new(),
    };
    // Every commit's changed files, their blobs parsed a batch at a time as
    // the diff goes on (on every core when there are many), then the replay,
    // which finds each parse done.
    let trees: Vec<Option<Oid>> = timeline.iter().map(|commit| commit.org_tree).collect();
    let folders = request.only.unwrap_or(TRACKED_DIRS);
    let changed = tree_diff::changes_along(repo, &trees, folders, &mut |batch| {
        let blobs: Vec<(&str, Oid)> = batch
            .iter()
            .flatten()
            .flatten()
            .filter_map(|file| Some((file.path.as_str(), file.after?)))
            .collect();
        parser.prepare(&blobs, parses)
    })?;

    for (position, (commit, files)) in timeline.iter().zip(changed).enumerate() {
        if let Some(files) = files {
            let updates = file_updates(files, &mut parser, parses)?;
            if position == 0 && main_line.base.is_some() {
                // The state the window starts from; how it got there is not
                // the window's business.
                state.apply(updates);
            } else {
                let index = history.commits.len();
                let info = commit_info(repo, commit.id, commit.time, request)?;
                history.commits.push(info);
                record_changes(&mut state, updates, index, &mut history);
            }
        }
        if let Some(instants) = instants_at.get(&position) {
            // Instants with no commit between them share one state.
            let entities = state.entities();
            for &instant in instants {
                let snapshot = &mut snapshots[instant];
                snapshot.commit = Some(commit.id.to_string());
                snapshot.entities = entities.clone();
            }
        }
        if (position + 1) % PROGRESS_EVERY == 0 {
            progress(progress_of(main_line, &history, &parser));
        }
    }
    progress(progress_of(main_line, &history, &parser));
    history.snapshots = snapshots;
    Ok(history)
}

fn progress_of(main_line: &MainLine, history: &History, parser: &BlobParser<'_>) -> Progress {
    Progress {
        commits: main_line.visited,
        org_commits: history.commits.len(),
        files_parsed: parser.parsed,
    }
}

/// What each changed file now defines. A file that no longer loads keeps
/// what it defined before (or stays absent): a typo fixed in the next commit
/// is not an entity removed and added again, and the report shows the last
/// state that was valid.
fn file_updates(
    files: Vec<FileChange>,
    parser: &mut BlobParser<'_>,
    parses: &mut ParseCache,
) -> Result<Vec<FileUpdate>> {
    let present: Vec<(&str, Oid)> = files
        .iter()
        .filter_map(|file| Some((file.path.as_str(), file.after?)))
        .collect();
    let mut parsed = parser.parse(&present, parses)?.into_iter();
    let mut updates = Vec::with_capacity(files.len());
    for FileChange { path, after } in files {
        if after.is_none() {
            updates.push((path, None));
        } else if let Some(entities) = parsed.next().flatten() {
            updates.push((path, Some(entities)));
        }
    }
    Ok(updates)
}

/// Applies one commit's file updates and records, per affected id in id
/// order, what changed and that the commit touched it.
fn record_changes(
    state: &mut OrgState,
    updates: Vec<FileUpdate>,
    commit: usize,
    history: &mut History,
) {
    let affected = state.affected_ids(&updates);
    let before: Vec<_> = affected.iter().map(|id| state.get(id).cloned()).collect();
    state.apply(updates);
    for (id, before) in affected.into_iter().zip(before) {
        let after = state.get(&id).map(|s| &**s);
        let changes = state::compare(before.as_deref(), after);
        let content_changed = match (&before, after) {
            (Some(before), Some(after)) => before.content != after.content,
            _ => false,
        };
        if changes.is_empty() && !content_changed {
            continue;
        }
        for (kind, change) in changes {
            history.changes.push(Change {
                commit,
                id: id.clone(),
                kind,
                change,
            });
        }
        history.last_touched.insert(id, commit);
    }
}

fn commit_info(
    repo: &Repository,
    id: Oid,
    time: jiff::Timestamp,
    request: &Request,
) -> Result<CommitInfo> {
    let commit = repo.find_commit(id)?;
    let author = commit.author();
    let hex = id.to_string();
    Ok(CommitInfo {
        short: hex[..7].to_owned(),
        id: hex,
        author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
        email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
        time,
        date: walk::date(time, &request.time_zone),
        summary: String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).into_owned(),
    })
}
