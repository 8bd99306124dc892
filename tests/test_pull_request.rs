//! Issue 5's done-when case, end to end on the generated example: a branch
//! that lowers a target, slips a date and adds a cross-team dependency.
//! `orgit diff main` says exactly that, and `orgit check --base main` fails
//! on the missing decision record until one is added.

use std::path::Path;

use crate::common::{Checked, TestRepo, check_json_args, orgit};

/// "Today" for the diff's date rules, as `check_json_args` has it.
const TODAY: &str = crate::common::TODAY;

const GOAL: &str = "goals/2026-Q4/customer-success-proactive-retention-q4.md";
const INITIATIVE: &str = "initiatives/offline-sync.md";
const DEPENDENT: &str = "goals/2026-Q4/growth-eng-expansion-q4.md";

/// The example, four weeks of history, generated the same on every run, and
/// a branch `plan-change` cut from its `main`.
fn example_on_a_branch() -> TestRepo {
    let dir = tempfile::tempdir().unwrap();
    let run = orgit(
        dir.path(),
        &["--today", "2026-11-22", "example", ".", "--weeks", "4"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let repo = TestRepo::open(dir);
    {
        let main = repo.repo.head().unwrap().peel_to_commit().unwrap();
        repo.repo.branch("plan-change", &main, false).unwrap();
    }
    repo.repo.set_head("refs/heads/plan-change").unwrap();
    repo
}

/// Replaces `from` by `to` in a file of the repository, exactly once.
fn edit(repo: &TestRepo, path: &str, from: &str, to: &str) -> (String, String) {
    let text = std::fs::read_to_string(repo.path().join(path)).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {path}");
    (path.to_owned(), text.replacen(from, to, 1))
}

/// Lowers `q4-scored-accounts` 75 → 70, slips `offline-sync` a week, and
/// makes Growth Engineering's goal wait on Customer Success's initiative.
fn change_the_plan(repo: &TestRepo) {
    let edits = [
        edit(repo, GOAL, "target: 75,", "target: 70,"),
        edit(
            repo,
            INITIATIVE,
            "\ndue: 2026-12-11\n",
            "\ndue: 2026-12-18\n",
        ),
        edit(
            repo,
            DEPENDENT,
            "depends_on:\n",
            "depends_on:\n  - on: customer-health-scores\n    need_by: 2026-12-31\n    why: Upgrade prompts go to healthy accounts first.\n",
        ),
    ];
    let files: Vec<(&str, &str)> = edits
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect();
    repo.commit(
        &files,
        "Re-plan Q4: fewer scored accounts, offline sync a week later",
        "Valentina Rossi",
        "2026-11-16",
    );
}

/// The change-policy diagnostics of `orgit check --base main`, as
/// `code file:line:col`.
fn policy_diagnostics(dir: &Path) -> Vec<String> {
    let checked = Checked::from_run(&orgit(dir, &check_json_args(&["--base", "main"])));
    checked
        .diagnostics
        .into_iter()
        .filter(|d| {
            POLICY_CODES
                .iter()
                .any(|code| d.starts_with(&format!("{code} ")))
        })
        .collect()
}

const POLICY_CODES: &[&str] = &[
    "lowered-target-without-decision",
    "later-due-without-decision",
    "removed-while-depended-on",
    "new-cross-team-dependency",
];

#[test]
fn the_diff_says_what_the_branch_changes() {
    let repo = example_on_a_branch();
    change_the_plan(&repo);
    let run = orgit(repo.path(), &["--today", TODAY, "diff", "main"]);
    // As `check --base main` does: the change fails the gate.
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("pull_request_diff_comment", run.stdout);
}

#[test]
fn check_against_main_fails_until_a_decision_names_the_changes() {
    let repo = example_on_a_branch();
    change_the_plan(&repo);
    let run = orgit(repo.path(), &check_json_args(&["--base", "main"]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        policy_diagnostics(repo.path()),
        [
            "lowered-target-without-decision goals/2026-Q4/customer-success-proactive-retention-q4.md:18:36",
            "new-cross-team-dependency goals/2026-Q4/growth-eng-expansion-q4.md:13:9",
            "later-due-without-decision initiatives/offline-sync.md:11:6",
        ]
    );

    // The decision record the errors ask for, proposed in the same branch.
    repo.commit(
        &[(
            "decisions/0007-replan-q4-retention-and-offline-sync.md",
            DECISION,
        )],
        "Decision: re-plan Q4 retention and offline sync",
        "Valentina Rossi",
        "2026-11-17",
    );
    assert_eq!(
        policy_diagnostics(repo.path()),
        ["new-cross-team-dependency goals/2026-Q4/growth-eng-expansion-q4.md:13:9"]
    );
}

/// The errors of `orgit check --base main --format json`, and of the
/// `gate` of `orgit diff main --format json`, as `code path:line:col`.
fn gate_errors(dir: &Path) -> (i32, Vec<String>, i32, Vec<String>) {
    let check = orgit(dir, &check_json_args(&["--base", "main"]));
    let checked: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let check_errors = checked["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            format!(
                "{} {}:{}:{}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    let diff = orgit(dir, &["--today", TODAY, "diff", "main", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&diff.stdout).unwrap();
    let diff_errors = report["gate"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{}",
                d["code"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    (check.code, check_errors, diff.code, diff_errors)
}

#[test]
fn the_comment_shows_every_error_the_gate_fails_on_unfolded_at_the_top() {
    let repo = example_on_a_branch();
    change_the_plan(&repo);
    let (check_code, check_errors, diff_code, diff_errors) = gate_errors(repo.path());
    // The two change policies the issue saw `check --base` fail on, and
    // the dependency the slip made late: the one problem the comment used
    // to show, folded.
    assert_eq!(
        check_errors,
        [
            "lowered-target-without-decision goals/2026-Q4/customer-success-proactive-retention-q4.md:18:36",
            "late-dependency goals/2026-Q4/growth-eng-expansion-q4.md:17:14",
            "later-due-without-decision initiatives/offline-sync.md:11:6",
        ]
    );
    assert_eq!(diff_errors, check_errors);
    assert_eq!((check_code, diff_code), (1, 1));

    let comment = orgit(repo.path(), &["--today", TODAY, "diff", "main"]).stdout;
    let top = comment.split("<details>").next().unwrap();
    assert!(
        top.contains("#### ❌ Fails `orgit check`: 3 errors, 2 of them new\n"),
        "{comment}"
    );
    for code in [
        "lowered-target-without-decision",
        "late-dependency",
        "later-due-without-decision",
    ] {
        assert!(
            top.contains(&format!("| error `{code}`: ")),
            "{code}: {comment}"
        );
    }

    // With the decision record, the policies are satisfied; both still
    // fail on the late dependency, which no decision excuses.
    repo.commit(
        &[(
            "decisions/0007-replan-q4-retention-and-offline-sync.md",
            DECISION,
        )],
        "Decision: re-plan Q4 retention and offline sync",
        "Valentina Rossi",
        "2026-11-17",
    );
    let (check_code, check_errors, diff_code, diff_errors) = gate_errors(repo.path());
    assert_eq!((check_code, diff_code), (1, 1));
    assert_eq!(
        check_errors,
        ["late-dependency goals/2026-Q4/growth-eng-expansion-q4.md:17:14"]
    );
    assert_eq!(diff_errors, check_errors);
    let comment = orgit(repo.path(), &["--today", TODAY, "diff", "main"]).stdout;
    assert!(
        comment.contains("#### ❌ Fails `orgit check`: 1 error, already on the base\n"),
        "{comment}"
    );
}

const DECISION: &str = "---
id: 0007-replan-q4-retention-and-offline-sync
title: Score fewer accounts this quarter and ship offline sync a week later
status: proposed
date: 2026-11-17
owner: valentina
affects: [q4-scored-accounts, offline-sync]
---
Usage data for the smallest accounts arrives too late to score them this
quarter, and offline sync needs one more week of conflict testing.
";
