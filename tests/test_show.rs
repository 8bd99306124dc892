//! `orgit show ID`: fields, links both ways and history over the current
//! period, read from a real git repository with fixed commit dates.

use crate::common::{MINIMAL_ORG, TODAY, TestRepo, copy_tree, orgit, repo_root, write_files};

/// The example org committed once, on a fixed date inside 2026-Q4, so its
/// history (and commit id) is the same on every run, whatever the history of
/// the repository holding `example-org/`.
fn example_repo() -> TestRepo {
    let repo = TestRepo::new();
    copy_tree(&repo_root().join("example-org"), repo.path());
    repo.commit(&[], "Northwind Labs org", "Kenji Watanabe", "2026-10-05");
    repo
}

fn assert_fits_80_columns(text: &str) {
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
}

#[test]
fn show_an_initiative_of_the_example() {
    let repo = example_repo();
    let run = orgit(repo.path(), &["--today", TODAY, "show", "platform-sso"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_fits_80_columns(&run.stdout);
    insta::assert_snapshot!("show_platform_sso", run.stdout);
}

#[test]
fn show_a_kpi_of_the_example_with_its_range_and_whether_it_is_on_target() {
    let repo = example_repo();
    let run = orgit(repo.path(), &["--today", TODAY, "show", "cloud-cost-share"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_fits_80_columns(&run.stdout);
    insta::assert_snapshot!("show_cloud_cost_share", run.stdout);
}

#[test]
fn show_a_key_result_of_the_example_as_json() {
    let repo = example_repo();
    let run = orgit(
        repo.path(),
        &["--today", TODAY, "show", "q4-sso-ga", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("show_q4_sso_ga_json", run.stdout);
}

const GOAL_V1: &str = "---\nid: reliability\ntitle: Be reliable\nowner: bo\nteam: platform\nperiod: 2026-Q4\nhealth: on_track\nkey_results:\n  - id: uptime\n    title: Uptime\n    metric: {baseline: 99.5, target: 99.9, current: 99.6}\n  - id: failover\n    title: Failover drill passed\n    milestone: {due: 2026-11-13}\n---\n";

const INITIATIVE: &str = "---\nid: multi-region\ntitle: Second region\nowner: cy\nteam: platform\nsupports: [uptime]\nstatus: active\ndue: 2026-12-04\n---\n";

/// A goal whose key result's value, health and milestone due date change
/// across commits, one change before the period, three in it and one after
/// `--today`.
#[test]
fn history_lists_value_health_and_due_date_changes_with_commits() {
    let repo = TestRepo::new();
    let goal_path = "goals/2026-Q4/reliability.md";
    let mut files: Vec<(&str, &str)> = MINIMAL_ORG
        .iter()
        .copied()
        .filter(|(path, _)| *path != goal_path)
        .collect();
    files.push((goal_path, GOAL_V1));
    files.push(("initiatives/multi-region.md", INITIATIVE));
    repo.commit(&files, "Q4 goals", "Ana Silva", "2026-09-28");

    let v2 = GOAL_V1.replace("current: 99.6", "current: 99.75");
    let value = repo.commit(&[(goal_path, &v2)], "Uptime up", "Bo Chen", "2026-10-12");
    let v3 = v2.replace("health: on_track", "health: at_risk");
    let health = repo.commit(
        &[(goal_path, &v3)],
        "Reliability at risk",
        "Bo Chen",
        "2026-10-26",
    );
    let v4 = v3.replace("due: 2026-11-13", "due: 2026-12-04");
    let due = repo.commit(
        &[(goal_path, &v4)],
        "Failover drill moves to December",
        "Cy Okafor",
        "2026-11-09",
    );
    // After `--today`: outside the window, and not in the working tree the
    // fields are read from either.
    let v5 = v4.replace("health: at_risk", "health: off_track");
    repo.commit(&[(goal_path, &v5)], "Later", "Bo Chen", "2026-11-25");
    write_files(repo.path(), &[(goal_path, &v4)]);

    let short = |oid: git2::Oid| oid.to_string()[..7].to_owned();
    let run = orgit(repo.path(), &["--today", TODAY, "show", "reliability"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = format!(
        "\
goal reliability: Be reliable
defined in goals/2026-Q4/reliability.md:2

  owner     bo
  team      platform
  period    2026-Q4
  status    active
  health    at_risk
  progress  0.3125
  due       2026-12-31

Parts (2)
  key result uptime · due 2026-12-31 · at_risk · slack 0d
    Uptime
  key result failover · due 2026-12-04 · at_risk · slack 27d
    Failover drill passed

History, 2026-Q4 (2026-10-01 to 2026-11-22)
  2026-10-12  {value}  Bo Chen         uptime: current 99.6 → 99.75
  2026-10-26  {health}  Bo Chen         health on_track → at_risk
  2026-11-09  {due}  Cy Okafor       failover: due 2026-11-13 → 2026-12-04
Last touched 2026-11-09 ({due}, Cy Okafor): Failover drill moves to December
",
        value = short(value),
        health = short(health),
        due = short(due),
    );
    assert_eq!(run.stdout, expected);

    // The key result on its own: its value and due, and the initiative
    // serving it with the slack it has.
    let run = orgit(
        repo.path(),
        &["--today", TODAY, "show", "uptime", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json["history"]["changes"],
        serde_json::json!([{
            "date": "2026-10-12",
            "commit": short(value),
            "author": "Bo Chen",
            "summary": "Uptime up",
            "id": "uptime",
            "type": "field",
            "field": "current",
            "before": 99.6,
            "after": 99.75,
        }])
    );
    assert_eq!(json["links"][1]["relation"], "served_by");
    assert_eq!(json["links"][1]["items"][0]["id"], "multi-region");
    assert_eq!(json["links"][1]["items"][0]["slack_days"], 27);
}

#[test]
fn outside_git_the_entity_is_shown_without_history() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);
    let run = orgit(dir.path(), &["--today", TODAY, "show", "uptime"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout
            .ends_with("\nHistory: not available (not in a git repository)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_unknown_id_suggests_the_closest_one() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);
    let run = orgit(dir.path(), &["show", "reliablity"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: no person, team, goal, key result, initiative, milestone, decision, risk, KPI, issue or to-do has the id `reliablity`\nhint: did you mean `reliability`?\n"
    );
}

/// A long new value wraps under its own column at the screen's width, and
/// is never cut; health is colored only with `--color always`.
#[test]
fn a_long_change_wraps_at_the_screen_width_and_keeps_the_new_value() {
    let repo = TestRepo::new();
    let first = repo.commit(MINIMAL_ORG, "Q4 goals", "Ana Silva", "2026-10-05");
    let goal_path = "goals/2026-Q4/reliability.md";
    let goal = MINIMAL_ORG.iter().find(|(p, _)| *p == goal_path).unwrap().1;
    let renamed = goal.replace(
        "title: Be reliable",
        "title: Be the most reliable logistics platform our enterprise customers have ever used",
    );
    let rename = repo.commit(
        &[(goal_path, &renamed)],
        "Sharper goal",
        "Bo Chen",
        "2026-10-12",
    );
    let short = |oid: git2::Oid| oid.to_string()[..7].to_owned();

    let run = crate::common::orgit_with_env(
        repo.path(),
        &["--today", TODAY, "show", "reliability"],
        &[("COLUMNS", "60")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let history = &run.stdout[run.stdout.find("History").unwrap()..];
    assert_eq!(
        history,
        format!(
            "\
History, 2026-Q4 (2026-10-01 to 2026-11-22)
  2026-10-05  {first}  Ana Silva       added
  2026-10-05  {first}  Ana Silva       uptime: added
  2026-10-12  {rename}  Bo Chen         title Be reliable →
                                       Be the most reliable
                                       logistics platform
                                       our enterprise
                                       customers have ever
                                       used
Last touched 2026-10-12 ({rename}, Bo Chen): Sharper goal
",
            first = short(first),
            rename = short(rename)
        )
    );
    assert!(run.stdout.starts_with(
        "goal reliability: Be the most reliable logistics platform\n  our enterprise customers have ever used\n"
    ), "{}", run.stdout);
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 60, "wider than 60: {line}");
    }

    let colored = crate::common::orgit_with_env(
        repo.path(),
        &["--today", TODAY, "--color", "always", "show", "reliability"],
        &[("COLUMNS", "60")],
    );
    assert!(
        colored
            .stdout
            .contains("  health    \u{1b}[32mon_track\u{1b}[0m\n"),
        "{}",
        colored.stdout
    );
    assert!(
        colored
            .stdout
            .contains(" · \u{1b}[32mon_track\u{1b}[0m · slack 0d\n")
    );
    assert!(!run.stdout.contains('\u{1b}'));
}
