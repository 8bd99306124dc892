//! The history engine against real repositories with fixed dates: what it
//! reconstructs, what it skips, and where it refuses.

use std::path::Path;

use git2::Oid;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use orgit::history::{self, ChangeKind, History, Progress, Request, Value};

use crate::common::{MINIMAL_ORG, TestRepo, git_clone, write_files};

const GOAL: &str = "goals/2026-Q4/reliability.md";
const GOAL_TEXT: &str = "---
id: reliability
title: Be reliable
owner: bo
team: platform
period: 2026-Q4
health: on_track
confidence: 0.8
key_results:
  - id: uptime
    title: Uptime
    metric: {baseline: 99.5, target: 99.9, current: 99.7, unit: \"%\"}
  - id: runbooks
    title: Runbooks for every service
    owner: cy
    milestone: {due: 2026-11-20, done: false}
---

Customers trust us.
";

const INITIATIVE: &str = "initiatives/sso.md";
const INITIATIVE_TEXT: &str = "---
id: sso
title: Single sign-on
owner: cy
team: platform
supports: [uptime]
status: active
health: on_track
due: 2026-12-01
milestones:
  - id: sso-beta
    title: Beta with one identity provider
    due: 2026-11-20
---

Enterprise customers ask for it.
";

const DECISION: &str = "decisions/0001-idp.md";
const DECISION_TEXT: &str = "---
id: 0001-idp
title: Pick an identity provider
status: proposed
date: 2026-11-01
owner: ana
---

Okta or WorkOS.
";

/// A small org with one of each kind: the minimal org with its goal
/// replaced, an initiative and a decision.
fn org() -> Vec<(&'static str, &'static str)> {
    let mut files: Vec<_> = MINIMAL_ORG
        .iter()
        .copied()
        .filter(|(path, _)| *path != GOAL)
        .collect();
    files.extend([
        (GOAL, GOAL_TEXT),
        (INITIATIVE, INITIATIVE_TEXT),
        (DECISION, DECISION_TEXT),
    ]);
    files
}

fn at(text: &str) -> Timestamp {
    text.parse().expect("a valid timestamp")
}

fn berlin() -> TimeZone {
    TimeZone::get("Europe/Berlin").expect("bundled tz database")
}

/// Week boundaries (Mondays, midnight UTC) of ISO weeks 46 to 48 of 2026.
fn weeks_46_to_48() -> Vec<Timestamp> {
    vec![
        at("2026-11-09T00:00:00Z"),
        at("2026-11-16T00:00:00Z"),
        at("2026-11-23T00:00:00Z"),
    ]
}

fn request(instants: Vec<Timestamp>) -> Request {
    Request {
        head: "HEAD".to_owned(),
        instants,
        time_zone: berlin(),
        only: None,
    }
}

/// Runs the engine, returning the history and the last progress report.
fn reconstruct(root: &Path, request: &Request) -> (History, Progress) {
    let mut last = None;
    let history = history::reconstruct(root, request, &mut |p| last = Some(p))
        .unwrap_or_else(|e| panic!("reconstruct failed: {e} ({:?})", e.hint));
    (history, last.expect("progress is reported at the end"))
}

fn reconstruct_error(root: &Path, request: &Request) -> (String, String) {
    match history::reconstruct(root, request, &mut |_| {}) {
        Ok(history) => panic!("expected an error, got {} commits", history.commits.len()),
        Err(e) => (e.message, e.hint.unwrap_or_default()),
    }
}

/// Each commit as `summary | author <email> | date`.
fn commits(history: &History) -> Vec<String> {
    history
        .commits
        .iter()
        .map(|c| format!("{} | {} <{}> | {}", c.summary, c.author, c.email, c.date))
        .collect()
}

/// Each change as `commit summary: kind id: what`.
fn changes(history: &History) -> Vec<String> {
    history
        .changes
        .iter()
        .map(|change| {
            let what = match &change.change {
                ChangeKind::Added => "added".to_owned(),
                ChangeKind::Removed => "removed".to_owned(),
                ChangeKind::Moved { from, to } => format!("moved {from} -> {to}"),
                ChangeKind::Field {
                    field,
                    before,
                    after,
                } => format!("{field:?} {} -> {}", show(before), show(after)),
            };
            format!(
                "{}: {} {}: {what}",
                history.commits[change.commit].summary,
                change.kind.as_str(),
                change.id
            )
        })
        .collect()
}

fn show(value: &Value) -> String {
    match value {
        Value::None => "none".to_owned(),
        Value::Text(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Date(date) => date.to_string(),
        Value::Bool(flag) => flag.to_string(),
    }
}

/// `id -> summary of the last commit that touched it`.
fn last_touched(history: &History) -> Vec<String> {
    history
        .last_touched
        .iter()
        .map(|(id, &commit)| format!("{id} -> {}", history.commits[commit].summary))
        .collect()
}

/// A repository with the org committed before the window (week 45) and a
/// few weeks of edits in it.
fn org_with_a_few_weeks() -> (TestRepo, Vec<Oid>) {
    let repo = TestRepo::new();
    let base = repo.commit(&org(), "Set up the org", "ana", "2026-11-02");
    let goal = GOAL_TEXT
        .replace("current: 99.7", "current: 99.8")
        .replace("health: on_track", "health: at_risk");
    let week46 = repo.commit(&[(GOAL, &goal)], "Uptime check-in", "bo", "2026-11-10");
    let initiative = INITIATIVE_TEXT.replace("due: 2026-12-01", "due: 2026-12-15");
    let goal = goal.replace("target: 99.9", "target: 99.85");
    let week47 = repo.commit(
        &[(INITIATIVE, &initiative), (GOAL, &goal)],
        "Re-plan SSO, lower the uptime target",
        "cy",
        "2026-11-17",
    );
    let decision = DECISION_TEXT.replace("status: proposed", "status: accepted");
    let decided = repo.commit(
        &[
            (DECISION, &decision),
            (
                "risks/vendor.md",
                "---\nid: vendor\ntitle: Vendor lock-in\nowner: bo\nlikelihood: medium\nimpact: high\nmitigation: Keep SAML generic\nreview_by: 2026-11-30\n---\n",
            ),
        ],
        "Accept the IdP decision, raise the vendor risk",
        "ana",
        "2026-11-18",
    );
    (repo, vec![base, week46, week47, decided])
}

#[test]
fn value_health_due_and_target_changes_cite_their_commit_author_and_date() {
    let (repo, _) = org_with_a_few_weeks();
    let (history, _) = reconstruct(repo.path(), &request(weeks_46_to_48()));

    assert_eq!(
        commits(&history),
        [
            "Uptime check-in | bo <bo@example.com> | 2026-11-10",
            "Re-plan SSO, lower the uptime target | cy <cy@example.com> | 2026-11-17",
            "Accept the IdP decision, raise the vendor risk | ana <ana@example.com> | 2026-11-18",
        ]
    );
    assert_eq!(
        changes(&history),
        [
            "Uptime check-in: goal reliability: Health on_track -> at_risk",
            "Uptime check-in: key_result uptime: Current 99.7 -> 99.8",
            "Re-plan SSO, lower the uptime target: initiative sso: Due 2026-12-01 -> 2026-12-15",
            "Re-plan SSO, lower the uptime target: key_result uptime: Target 99.9 -> 99.85",
            "Accept the IdP decision, raise the vendor risk: decision 0001-idp: Status proposed -> accepted",
            "Accept the IdP decision, raise the vendor risk: risk vendor: added",
        ]
    );
    let first = &history.commits[0];
    assert_eq!(first.short, &first.id[..7]);
    assert_eq!(first.time, at("2026-11-10T12:00:00Z"));
}

#[test]
fn last_touched_counts_any_edit_to_an_entitys_own_source() {
    let (repo, _) = org_with_a_few_weeks();
    let (history, _) = reconstruct(repo.path(), &request(weeks_46_to_48()));

    // The goal's file changed in both goal commits, so the goal was touched
    // even where only a key result's fields moved; `runbooks` was not.
    assert_eq!(
        last_touched(&history),
        [
            "0001-idp -> Accept the IdP decision, raise the vendor risk",
            "reliability -> Re-plan SSO, lower the uptime target",
            "sso -> Re-plan SSO, lower the uptime target",
            "uptime -> Re-plan SSO, lower the uptime target",
            "vendor -> Accept the IdP decision, raise the vendor risk",
        ]
    );
}

#[test]
fn snapshots_hold_the_newest_commit_strictly_before_each_instant() {
    let (repo, ids) = org_with_a_few_weeks();
    // The second instant is exactly the week-46 commit's time: that commit
    // is not before it.
    let instants = vec![
        at("2026-11-09T00:00:00Z"),
        at("2026-11-10T12:00:00Z"),
        at("2026-11-10T12:00:01Z"),
        at("2026-11-23T00:00:00Z"),
    ];
    let (history, _) = reconstruct(repo.path(), &request(instants.clone()));

    let snapshot_commits: Vec<_> = history.snapshots.iter().map(|s| s.commit.clone()).collect();
    assert_eq!(
        snapshot_commits,
        [
            Some(ids[0].to_string()),
            Some(ids[0].to_string()),
            Some(ids[1].to_string()),
            Some(ids[3].to_string()),
        ]
    );
    let ats: Vec<_> = history.snapshots.iter().map(|s| s.at).collect();
    assert_eq!(ats, instants);

    let uptime = |i: usize| history.snapshots[i].entities["uptime"].metric.unwrap();
    assert_eq!((uptime(0).current, uptime(0).target), (99.7, 99.9));
    assert_eq!((uptime(2).current, uptime(2).target), (99.8, 99.9));
    assert_eq!((uptime(3).current, uptime(3).target), (99.8, 99.85));
    assert!(!history.snapshots[2].entities.contains_key("vendor"));
    assert!(history.snapshots[3].entities.contains_key("vendor"));

    // Children carry their parent's owner and team unless they have their own.
    let last = &history.snapshots[3].entities;
    let runbooks = &last["runbooks"];
    assert_eq!(runbooks.parent.as_deref(), Some("reliability"));
    assert_eq!(runbooks.owner.as_deref(), Some("cy"));
    assert_eq!(runbooks.team.as_deref(), Some("platform"));
    assert_eq!(last["uptime"].owner.as_deref(), Some("bo"));
    assert_eq!(last["sso-beta"].owner.as_deref(), Some("cy"));
    assert_eq!(last["sso-beta"].path, INITIATIVE);
    assert_eq!(last["platform"].owner.as_deref(), Some("bo"));
    assert_eq!(last["platform"].parent.as_deref(), Some("company"));
    assert_eq!(last["bo"].title, "Bo Chen");
    assert_eq!(last["bo"].status.as_deref(), Some("active"));
    assert_eq!(
        last["vendor"].due.map(|d| d.to_string()).as_deref(),
        Some("2026-11-30")
    );
    let ids: Vec<_> = last.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        [
            "0001-idp",
            "ana",
            "bo",
            "company",
            "cy",
            "platform",
            "reliability",
            "runbooks",
            "sso",
            "sso-beta",
            "uptime",
            "vendor"
        ]
    );
}

#[test]
fn entities_added_and_removed() {
    let repo = TestRepo::new();
    repo.commit(&org(), "Set up the org", "ana", "2026-11-02");
    repo.remove("people/cy.yaml");
    repo.commit(
        &[(
            "people/dee.yaml",
            "id: dee\nname: Dee Park\nteam: platform\n",
        )],
        "Dee joins, Cy leaves",
        "ana",
        "2026-11-10",
    );
    repo.remove(INITIATIVE);
    repo.commit(&[], "Drop SSO", "bo", "2026-11-11");
    let (history, _) = reconstruct(repo.path(), &request(weeks_46_to_48()));

    assert_eq!(
        changes(&history),
        [
            "Dee joins, Cy leaves: person cy: removed",
            "Dee joins, Cy leaves: person dee: added",
            "Drop SSO: initiative sso: removed",
            "Drop SSO: milestone sso-beta: removed",
        ]
    );
}

#[test]
fn a_renamed_file_moves_its_entities_instead_of_removing_them() {
    let repo = TestRepo::new();
    repo.commit(&org(), "Set up the org", "ana", "2026-11-02");
    repo.remove(GOAL);
    let renamed = GOAL_TEXT.replace("current: 99.7", "current: 99.75");
    repo.commit(
        &[("goals/2026-Q4/reliability-q4.md", &renamed)],
        "Rename the reliability goal",
        "bo",
        "2026-11-10",
    );
    let (history, _) = reconstruct(repo.path(), &request(weeks_46_to_48()));

    assert_eq!(
        changes(&history),
        [
            "Rename the reliability goal: goal reliability: moved goals/2026-Q4/reliability.md -> goals/2026-Q4/reliability-q4.md",
            "Rename the reliability goal: key_result runbooks: moved goals/2026-Q4/reliability.md -> goals/2026-Q4/reliability-q4.md",
            "Rename the reliability goal: key_result uptime: moved goals/2026-Q4/reliability.md -> goals/2026-Q4/reliability-q4.md",
            "Rename the reliability goal: key_result uptime: Current 99.7 -> 99.75",
        ]
    );
    let last = &history.snapshots[2].entities;
    assert_eq!(last["reliability"].path, "goals/2026-Q4/reliability-q4.md");
}

/// Commits exactly `files` (the working tree plays no part) with `parents`,
/// moving `update_ref` when given. `when` is an RFC 3339 instant. A path
/// ending in `.link` is committed, without that suffix, as a symbolic link
/// whose target is the content.
fn commit_files(
    repo: &git2::Repository,
    files: &[(impl AsRef<str>, impl AsRef<str>)],
    parents: &[Oid],
    update_ref: Option<&str>,
    message: &str,
    author: &str,
    when: &str,
) -> Oid {
    let mut index = git2::Index::new().unwrap();
    for (path, content) in files {
        let (path, content) = (path.as_ref(), content.as_ref());
        let mode = if path.ends_with(".link") {
            0o120000
        } else {
            0o100644
        };
        let path = path.trim_end_matches(".link");
        index
            .add(&git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode,
                uid: 0,
                gid: 0,
                file_size: content.len() as u32,
                id: repo.blob(content.as_bytes()).unwrap(),
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            })
            .unwrap();
    }
    let tree = repo.find_tree(index.write_tree_to(repo).unwrap()).unwrap();
    let time = git2::Time::new(at(when).as_second(), 0);
    let signature = git2::Signature::new(author, &format!("{author}@example.com"), &time).unwrap();
    let parents: Vec<_> = parents
        .iter()
        .map(|id| repo.find_commit(*id).unwrap())
        .collect();
    let parents: Vec<_> = parents.iter().collect();
    repo.commit(update_ref, &signature, &signature, message, &tree, &parents)
        .unwrap()
}

fn with_goal(goal: &str) -> Vec<(&'static str, String)> {
    org()
        .into_iter()
        .map(|(path, text)| {
            (
                path,
                if path == GOAL {
                    goal.to_owned()
                } else {
                    text.to_owned()
                },
            )
        })
        .collect()
}

#[test]
fn a_merge_counts_as_its_first_parent_change_and_side_commits_are_not_listed() {
    let repo = TestRepo::new();
    let git = &repo.repo;
    let base = commit_files(
        git,
        &org(),
        &[],
        Some("HEAD"),
        "Set up the org",
        "ana",
        "2026-11-02T12:00:00Z",
    );
    let side_1 = with_goal(&GOAL_TEXT.replace("current: 99.7", "current: 99.75"));
    let side_1 = commit_files(
        git,
        &side_1,
        &[base],
        None,
        "Side: first step",
        "bo",
        "2026-11-10T09:00:00Z",
    );
    let side_2 = with_goal(&GOAL_TEXT.replace("current: 99.7", "current: 99.8"));
    let side_2 = commit_files(
        git,
        &side_2,
        &[side_1],
        None,
        "Side: second step",
        "bo",
        "2026-11-10T10:00:00Z",
    );
    let mut main = org();
    main.push(("people/dee.yaml", "id: dee\nname: Dee Park\n"));
    let main_1 = commit_files(
        git,
        &main,
        &[base],
        Some("HEAD"),
        "Dee joins",
        "ana",
        "2026-11-10T11:00:00Z",
    );
    let mut merged = with_goal(&GOAL_TEXT.replace("current: 99.7", "current: 99.8"));
    merged.push(("people/dee.yaml", "id: dee\nname: Dee Park\n".to_owned()));
    commit_files(
        git,
        &merged,
        &[main_1, side_2],
        Some("HEAD"),
        "Merge the uptime branch",
        "ana",
        "2026-11-11T12:00:00Z",
    );

    let (history, progress) = reconstruct(repo.path(), &request(weeks_46_to_48()));
    assert_eq!(
        changes(&history),
        [
            "Dee joins: person dee: added",
            "Merge the uptime branch: key_result uptime: Current 99.7 -> 99.8",
        ]
    );
    assert_eq!(history.commits.len(), 2);
    // Merge, main_1 and base: the side branch is never read.
    assert_eq!(progress.commits, 3);
}

#[test]
fn in_a_monorepo_commits_outside_the_org_root_are_skipped() {
    let repo = TestRepo::new();
    repo.commit(
        &[("src/main.rs", "fn main() {}\n")],
        "Start the code",
        "dev",
        "2026-10-01",
    );
    let in_org: Vec<(String, &str)> = org()
        .into_iter()
        .map(|(path, text)| (format!("company/org/{path}"), text))
        .collect();
    let in_org: Vec<(&str, &str)> = in_org.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    repo.commit(&in_org, "Add the org", "ana", "2026-11-02");
    for day in 10..=13 {
        repo.commit(
            &[("src/main.rs", &format!("fn main() {{ /* {day} */ }}\n"))],
            &format!("Code change {day}"),
            "dev",
            &format!("2026-11-{day}"),
        );
    }
    let goal = GOAL_TEXT.replace("current: 99.7", "current: 99.8");
    repo.commit(
        &[
            ("company/org/goals/2026-Q4/reliability.md", &goal),
            ("src/main.rs", "fn main() { /* 14 */ }\n"),
        ],
        "Uptime check-in with a code change",
        "bo",
        "2026-11-14",
    );
    repo.commit(
        &[("company/README.md", "# Company\n")],
        "Readme outside the org",
        "dev",
        "2026-11-15",
    );

    let (history, progress) =
        reconstruct(&repo.path().join("company/org"), &request(weeks_46_to_48()));
    assert_eq!(
        commits(&history),
        ["Uptime check-in with a code change | bo <bo@example.com> | 2026-11-14"]
    );
    assert_eq!(
        changes(&history),
        ["Uptime check-in with a code change: key_result uptime: Current 99.7 -> 99.8"]
    );
    assert_eq!(history.snapshots[0].entities.len(), 11);
    // Seven main-line commits from the head to the base; the first code
    // commit is never read.
    assert_eq!(progress.commits, 7);
    assert_eq!(progress.org_commits, 1);
}

#[test]
fn an_org_folder_added_inside_the_window_starts_from_nothing() {
    let repo = TestRepo::new();
    repo.commit(
        &[("src/main.rs", "fn main() {}\n")],
        "Start the code",
        "dev",
        "2026-11-02",
    );
    let in_org: Vec<(String, &str)> = org()
        .into_iter()
        .map(|(path, text)| (format!("org/{path}"), text))
        .collect();
    let in_org: Vec<(&str, &str)> = in_org.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    repo.commit(&in_org, "Add the org", "ana", "2026-11-10");

    let (history, _) = reconstruct(&repo.path().join("org"), &request(weeks_46_to_48()));
    assert!(history.snapshots[0].entities.is_empty());
    assert!(history.snapshots[0].commit.is_some());
    assert_eq!(history.snapshots[2].entities.len(), 11);
    assert_eq!(
        commits(&history),
        ["Add the org | ana <ana@example.com> | 2026-11-10"]
    );
    assert_eq!(history.changes.len(), 11);
    assert!(
        history
            .changes
            .iter()
            .all(|c| c.change == ChangeKind::Added)
    );
}

#[test]
fn a_reverted_file_is_not_parsed_again() {
    let repo = TestRepo::new();
    repo.commit(&org(), "Set up the org", "ana", "2026-11-02");
    let goal = GOAL_TEXT.replace("current: 99.7", "current: 99.8");
    repo.commit(&[(GOAL, &goal)], "Uptime up", "bo", "2026-11-10");
    repo.commit(
        &[(GOAL, GOAL_TEXT)],
        "Revert: uptime up",
        "bo",
        "2026-11-11",
    );
    repo.commit(&[(GOAL, &goal)], "Uptime up again", "bo", "2026-11-12");
    let (history, progress) = reconstruct(repo.path(), &request(weeks_46_to_48()));

    assert_eq!(
        changes(&history),
        [
            "Uptime up: key_result uptime: Current 99.7 -> 99.8",
            "Revert: uptime up: key_result uptime: Current 99.8 -> 99.7",
            "Uptime up again: key_result uptime: Current 99.7 -> 99.8",
        ]
    );
    // Eight entity files in the base, then one new blob; the revert and the
    // redo bring back blobs already parsed.
    assert_eq!(progress.files_parsed, 9);
}

#[test]
fn a_file_that_breaks_keeps_its_last_valid_state_until_fixed() {
    let repo = TestRepo::new();
    repo.commit(&org(), "Set up the org", "ana", "2026-11-02");
    let broken = GOAL_TEXT.replace("current: 99.7}", "current: 99.8");
    repo.commit(&[(GOAL, &broken)], "Uptime up (typo)", "bo", "2026-11-10");
    let fixed = GOAL_TEXT.replace("current: 99.7", "current: 99.8");
    repo.commit(&[(GOAL, &fixed)], "Fix the typo", "bo", "2026-11-11");
    let (history, _) = reconstruct(repo.path(), &request(weeks_46_to_48()));

    assert_eq!(
        changes(&history),
        ["Fix the typo: key_result uptime: Current 99.7 -> 99.8"]
    );
    assert_eq!(
        history.snapshots[2].entities["uptime"]
            .metric
            .unwrap()
            .current,
        99.8
    );
}

#[test]
fn symbolic_links_and_files_outside_the_layout_are_ignored() {
    let repo = TestRepo::new();
    let git = &repo.repo;
    let base = commit_files(
        git,
        &org(),
        &[],
        Some("HEAD"),
        "Set up the org",
        "ana",
        "2026-11-02T12:00:00Z",
    );
    let mut next = org();
    next.push(("people/eve.yaml.link", "bo.yaml"));
    next.push(("people/notes.txt", "not yaml"));
    next.push((
        "goals/2026-Q4/deep/deeper/x.md",
        "---\nid: deep\ntitle: Too deep\nperiod: 2026-Q4\n---\n",
    ));
    next.push(("goals/.hidden.md", "---\nid: hidden\n---\n"));
    commit_files(
        git,
        &next,
        &[base],
        Some("HEAD"),
        "Noise",
        "ana",
        "2026-11-10T12:00:00Z",
    );
    let (history, _) = reconstruct(repo.path(), &request(weeks_46_to_48()));

    assert_eq!(
        commits(&history),
        ["Noise | ana <ana@example.com> | 2026-11-10"]
    );
    assert_eq!(changes(&history), Vec::<String>::new());
}

#[test]
fn commit_dates_are_in_the_orgs_time_zone() {
    let repo = TestRepo::new();
    let git = &repo.repo;
    let base = commit_files(
        git,
        &org(),
        &[],
        Some("HEAD"),
        "Set up the org",
        "ana",
        "2026-11-02T12:00:00Z",
    );
    let goal = with_goal(&GOAL_TEXT.replace("current: 99.7", "current: 99.8"));
    // 23:30 UTC is 00:30 the next day in Berlin.
    commit_files(
        git,
        &goal,
        &[base],
        Some("HEAD"),
        "Late check-in",
        "bo",
        "2026-11-10T23:30:00Z",
    );
    let (history, _) = reconstruct(repo.path(), &request(weeks_46_to_48()));
    assert_eq!(
        commits(&history),
        ["Late check-in | bo <bo@example.com> | 2026-11-11"]
    );
}

#[test]
fn an_empty_window_has_no_commits_and_snapshots_equal_to_the_base() {
    let (repo, ids) = org_with_a_few_weeks();
    let instants = vec![at("2026-11-03T00:00:00Z"), at("2026-11-09T00:00:00Z")];
    let (history, progress) = reconstruct(repo.path(), &request(instants));

    assert!(history.commits.is_empty());
    assert!(history.changes.is_empty());
    assert!(history.last_touched.is_empty());
    for snapshot in &history.snapshots {
        assert_eq!(snapshot.commit, Some(ids[0].to_string()));
        assert_eq!(snapshot.entities.len(), 11);
    }
    assert_eq!(history.snapshots[0].entities, history.snapshots[1].entities);
    assert_eq!(progress.commits, ids.len());
}

#[test]
fn instants_partly_before_the_first_commit_see_an_empty_org() {
    let (repo, ids) = org_with_a_few_weeks();
    let instants = vec![at("2026-10-26T00:00:00Z"), at("2026-11-09T00:00:00Z")];
    let (history, _) = reconstruct(repo.path(), &request(instants));

    assert_eq!(history.snapshots[0].commit, None);
    assert!(history.snapshots[0].entities.is_empty());
    assert_eq!(history.snapshots[1].commit, Some(ids[0].to_string()));
    assert_eq!(
        commits(&history),
        ["Set up the org | ana <ana@example.com> | 2026-11-02"]
    );
    assert_eq!(history.changes.len(), 11);
    assert!(
        history
            .changes
            .iter()
            .all(|c| c.change == ChangeKind::Added)
    );
}

#[test]
fn a_window_before_the_first_commit_is_an_error() {
    let (repo, _) = org_with_a_few_weeks();
    let instants = vec![at("2026-10-19T00:00:00Z"), at("2026-10-26T00:00:00Z")];
    let (message, hint) = reconstruct_error(repo.path(), &request(instants));
    assert_eq!(
        message,
        "the window (2026-10-19 to 2026-10-26) is before the first commit (2026-11-02)"
    );
    assert!(hint.contains("git log --reverse"), "{hint}");
}

#[test]
fn an_unknown_revision_says_so_and_hints_to_fetch() {
    let (repo, _) = org_with_a_few_weeks();
    let mut request = request(weeks_46_to_48());
    request.head = "origin/gone".to_owned();
    let (message, hint) = reconstruct_error(repo.path(), &request);
    assert!(
        message.starts_with("cannot resolve revision `origin/gone`"),
        "{message}"
    );
    assert!(hint.contains("fetch"), "{hint}");
}

#[test]
fn outside_a_repository_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &org());
    let (message, hint) = reconstruct_error(dir.path(), &request(weeks_46_to_48()));
    assert!(
        message.starts_with("reading the org's history needs a git repository"),
        "{message}"
    );
    assert!(hint.contains("clone"), "{hint}");
}

#[test]
fn the_head_can_be_any_revision() {
    let (repo, ids) = org_with_a_few_weeks();
    let mut request = request(weeks_46_to_48());
    request.head = ids[2].to_string();
    let (history, _) = reconstruct(repo.path(), &request);
    assert_eq!(history.commits.len(), 2);
    assert_eq!(history.snapshots[2].commit, Some(ids[2].to_string()));
}

#[test]
fn a_dirty_working_tree_does_not_change_the_history() {
    let (repo, _) = org_with_a_few_weeks();
    let (clean, _) = reconstruct(repo.path(), &request(weeks_46_to_48()));
    write_files(
        repo.path(),
        &[
            (
                GOAL,
                "---\nid: reliability\ntitle: Edited but not committed\n---\n",
            ),
            ("people/zed.yaml", "id: zed\nname: Zed Untracked\n"),
        ],
    );
    repo.remove(INITIATIVE);
    let (dirty, _) = reconstruct(repo.path(), &request(weeks_46_to_48()));

    assert_eq!(dirty.commits, clean.commits);
    assert_eq!(dirty.changes, clean.changes);
    assert_eq!(dirty.last_touched, clean.last_touched);
    for (dirty, clean) in dirty.snapshots.iter().zip(&clean.snapshots) {
        assert_eq!(dirty.entities, clean.entities);
    }
}

#[test]
fn a_shallow_clone_that_does_not_reach_the_window_is_refused_with_the_fix() {
    let (repo, ids) = org_with_a_few_weeks();
    // Depth 2: the two newest commits; the history stops at week 47.
    let clone = git_clone(repo.path(), &["--depth", "2"]);
    let (message, hint) = reconstruct_error(clone.path(), &request(weeks_46_to_48()));
    let cut = &ids[2].to_string()[..7];
    assert_eq!(
        message,
        format!(
            "the history in this clone stops at 2026-11-17 (commit {cut}), but the window starts 2026-11-09; orgit needs the commits before it"
        )
    );
    assert_eq!(
        hint,
        "fetch the full history: in GitHub Actions set `fetch-depth: 0` on actions/checkout, or run `git fetch --unshallow`"
    );
}

#[test]
fn a_shallow_clone_that_covers_the_window_gives_the_full_clones_history() {
    let (repo, _) = org_with_a_few_weeks();
    // The window of week 47 needs the week-46 commit as its base: depth 3.
    let week_47 = vec![at("2026-11-16T00:00:00Z"), at("2026-11-23T00:00:00Z")];
    let (full, _) = reconstruct(repo.path(), &request(week_47.clone()));
    let clone = git_clone(repo.path(), &["--depth", "3"]);
    let (shallow, _) = reconstruct(clone.path(), &request(week_47.clone()));

    assert_eq!(shallow.commits, full.commits);
    assert_eq!(shallow.changes, full.changes);
    for (shallow, full) in shallow.snapshots.iter().zip(&full.snapshots) {
        assert_eq!(shallow.commit, full.commit);
        assert_eq!(shallow.entities, full.entities);
    }
    // One commit less and the base is gone: refused, not silently wrong.
    let clone = git_clone(repo.path(), &["--depth", "2"]);
    let (message, _) = reconstruct_error(clone.path(), &request(week_47));
    assert!(
        message.starts_with("the history in this clone stops at 2026-11-17"),
        "{message}"
    );
}

#[test]
fn a_repository_without_commits_has_no_history() {
    let repo = TestRepo::new();
    write_files(repo.path(), &org());
    let (message, hint) = reconstruct_error(repo.path(), &request(weeks_46_to_48()));
    assert_eq!(
        message,
        "the current branch has no commits yet, so it has no history to read"
    );
    assert!(hint.contains("git commit"), "{hint}");
}

#[test]
fn a_bare_repository_holds_the_org_at_its_top() {
    let (repo, _) = org_with_a_few_weeks();
    let (full, _) = reconstruct(repo.path(), &request(weeks_46_to_48()));
    let bare = git_clone(repo.path(), &["--bare"]);
    let (history, _) = reconstruct(bare.path(), &request(weeks_46_to_48()));
    assert_eq!(history.commits, full.commits);
    assert_eq!(history.changes, full.changes);
}

const ISSUE: &str = "issues/flaky-deploys.md";
const TODO: &str = "todos/fix-runner.md";

fn issue_text(status: &str) -> String {
    format!(
        "---\nid: flaky-deploys\ntitle: Deploys fail\nraised_by: cy\nteam: platform\n\
         status: {status}\nopened: 2026-11-02\nresolved_by: [fix-runner]\n---\n"
    )
}

fn todo_text(status: &str) -> String {
    format!(
        "---\nid: fix-runner\ntitle: Bigger runner disk\nowner: bo\nteam: platform\n\
         due: 2026-11-13\nfrom: flaky-deploys\nstatus: {status}\n---\n"
    )
}

#[test]
fn a_todo_done_and_an_issue_solved_are_changes_with_their_commit() {
    let repo = TestRepo::new();
    let (issue, todo) = (issue_text("open"), todo_text("open"));
    let mut files = org();
    files.extend([(ISSUE, issue.as_str()), (TODO, todo.as_str())]);
    repo.commit(&files, "Set up the org", "ana", "2026-11-02");
    let (issue, todo) = (issue_text("solved"), todo_text("done"));
    repo.commit(
        &[(ISSUE, issue.as_str()), (TODO, todo.as_str())],
        "Runner disk fixed",
        "bo",
        "2026-11-12",
    );
    let (history, _) = reconstruct(repo.path(), &request(weeks_46_to_48()));
    assert_eq!(
        changes(&history),
        [
            "Runner disk fixed: todo fix-runner: Status open -> done",
            "Runner disk fixed: todo fix-runner: Done false -> true",
            "Runner disk fixed: issue flaky-deploys: Status open -> solved",
        ]
    );
}

#[test]
fn a_request_for_some_folders_reads_only_their_entities() {
    let repo = TestRepo::new();
    let mut files = org();
    files.push((
        "kpis/incidents.yaml",
        "id: incidents\ntitle: Incidents\nowner: bo\nteam: platform\ndirection: down\ntarget: 2\nvalue: 4\n",
    ));
    repo.commit(&files, "Plan", "Ana Silva", "2026-11-10");
    repo.commit(
        &[
            (GOAL, &GOAL_TEXT.replace("current: 99.7", "current: 99.8")),
            (
                "kpis/incidents.yaml",
                &files.last().unwrap().1.replace("value: 4", "value: 3"),
            ),
        ],
        "Numbers",
        "Bo Chen",
        "2026-11-18",
    );
    let only_kpis = Request {
        only: Some(&["kpis"]),
        ..request(weeks_46_to_48())
    };
    let (history, _) = reconstruct(repo.path(), &only_kpis);
    let ids: Vec<&str> = history.snapshots[2]
        .entities
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(ids, ["incidents"]);
    // The goal's `current` moved in the same commit, and is not read.
    assert_eq!(
        changes(&history),
        [
            "Plan: kpi incidents: added",
            "Numbers: kpi incidents: Value 4 -> 3"
        ]
    );

    let (everything, _) = reconstruct(repo.path(), &request(weeks_46_to_48()));
    assert!(everything.snapshots[2].entities.contains_key("uptime"));
}
