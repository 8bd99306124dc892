//! `orgit check` on KPIs over time (`kpi-off-target`, `kpi-stale`): real
//! repositories with dated commits, the real binary, the exact output.
//!
//! Today is Wednesday 25 November 2026, in week 48 (23–29 November; the
//! org's time zone is Europe/Berlin), so week 47 is the last complete one,
//! as in the digest. A weekly KPI's readings are its value at the end of
//! each week; a run counts while the value checked is still off target.

use crate::common::{MINIMAL_ORG, TestRepo, git_clone, orgit, write_files};

const TODAY: &str = "2026-11-25";
const SIGNUPS: &str = "kpis/weekly-signups.yaml";
const LATENCY: &str = "kpis/api-latency.yaml";

fn signups(value: &str) -> String {
    format!(
        "id: weekly-signups\ntitle: Weekly signups\nowner: cy\nteam: platform\nunit: signups\ntarget: 100\nvalue: {value}\n"
    )
}

fn latency(value: &str) -> String {
    format!(
        "id: api-latency\ntitle: API latency p95\nowner: bo\nteam: platform\nunit: ms\nrange: {{max: 300}}\ncadence: monthly\nvalue: {value}\n"
    )
}

/// The minimal org with the signups KPI added on 1 October at 120 (on
/// target), then `values` committed on their dates.
fn signups_repo(values: &[(&str, &str)]) -> TestRepo {
    let repo = TestRepo::new();
    let mut files: Vec<(&str, String)> = MINIMAL_ORG
        .iter()
        .map(|(path, text)| (*path, (*text).to_owned()))
        .collect();
    files.push((SIGNUPS, signups("120")));
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    repo.commit(&files, "Acme with a signups KPI", "ana", "2026-10-01");
    for (value, date) in values {
        repo.commit(&[(SIGNUPS, &signups(value))], "Signups", "cy", date);
    }
    repo
}

fn check(dir: &std::path::Path, args: &[&str]) -> crate::common::Run {
    let mut all = vec!["--today", TODAY, "check"];
    all.extend_from_slice(args);
    orgit(dir, &all)
}

/// Each diagnostic of a JSON run as `code file:line:col message`.
fn diagnostics(dir: &std::path::Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = check(dir, &all);
    let report: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{} {}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn a_kpi_off_target_for_three_weeks_in_a_row_is_reported_at_its_target() {
    // Red at the end of weeks 45, 46 and 47, and still red now.
    let repo = signups_repo(&[
        ("95", "2026-11-03"),
        ("90", "2026-11-10"),
        ("85", "2026-11-18"),
        ("80", "2026-11-24"),
    ]);
    let run = check(repo.path(), &[]);
    assert_eq!(
        run.stdout,
        "warning[kpi-off-target]: KPI `weekly-signups` has been off target for 3 weeks in a row\n \
         --> kpis/weekly-signups.yaml:6:9\n  \
         |\n\
         6 | target: 100\n  \
         |         ^^^\n  \
         |\n  \
         = help: off target since 2026-W45 (3 weeks): value 80 signups vs target ≥ 100 signups; update the plan or the target in a pull request\n\
         \n\
         warning: no errors, 1 warning in 8 files\n",
        "{}",
        run.stderr
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    // A warning: it fails the check only when asked to.
    assert_eq!(check(repo.path(), &["--deny-warnings"]).code, 1);
}

#[test]
fn two_weeks_off_target_is_not_yet_reported() {
    // Green at the end of week 45, red at the end of weeks 46 and 47.
    let repo = signups_repo(&[
        ("105", "2026-11-03"),
        ("90", "2026-11-10"),
        ("85", "2026-11-18"),
        ("80", "2026-11-24"),
    ]);
    assert_eq!(diagnostics(repo.path(), &[]), Vec::<String>::new());
}

#[test]
fn the_policy_sets_how_many_periods_or_turns_the_rules_off() {
    let repo = signups_repo(&[
        ("105", "2026-11-03"),
        ("90", "2026-11-10"),
        ("85", "2026-11-18"),
        ("80", "2026-11-24"),
    ]);
    let settings =
        |policies: &str| format!("name: Acme\ntimezone: Europe/Berlin\npolicies:\n{policies}");
    write_files(
        repo.path(),
        &[("orgit.yaml", &settings("  kpi_off_target_periods: 2\n"))],
    );
    assert_eq!(
        diagnostics(repo.path(), &[]),
        [
            "kpi-off-target kpis/weekly-signups.yaml:6:9 KPI `weekly-signups` has been off target for 2 weeks in a row"
        ]
    );

    // A run longer than the five years read back is never met.
    write_files(
        repo.path(),
        &[(
            "orgit.yaml",
            &settings(
                "  kpi_off_target_periods: 4000000000
",
            ),
        )],
    );
    assert_eq!(diagnostics(repo.path(), &[]), Vec::<String>::new());

    // Stale and off target for 3 weeks, until the policy turns both off.
    let repo = signups_repo(&[("90", "2026-11-03")]);
    assert_eq!(
        diagnostics(repo.path(), &[]),
        [
            "kpi-off-target kpis/weekly-signups.yaml:6:9 KPI `weekly-signups` has been off target for 3 weeks in a row",
            "kpi-stale kpis/weekly-signups.yaml:7:8 the value of KPI `weekly-signups` has not changed for 22 days, longer than its weekly cadence",
        ]
    );
    write_files(
        repo.path(),
        &[(
            "orgit.yaml",
            &settings("  kpi_off_target_periods: 0\n  kpi_stale: false\n"),
        )],
    );
    assert_eq!(diagnostics(repo.path(), &[]), Vec::<String>::new());
}

#[test]
fn a_value_unchanged_for_longer_than_its_cadence_is_stale() {
    // On target, last changed 15 days ago.
    let repo = signups_repo(&[("130", "2026-11-10")]);
    let run = check(repo.path(), &[]);
    assert_eq!(
        run.stdout,
        "warning[kpi-stale]: the value of KPI `weekly-signups` has not changed for 15 days, longer than its weekly cadence\n \
         --> kpis/weekly-signups.yaml:7:8\n  \
         |\n\
         7 | value: 130\n  \
         |        ^^^\n  \
         |\n  \
         = help: last changed 2026-11-10, 2 weeks ago, cadence weekly: edit `value` with this week's figure\n\
         \n\
         warning: no errors, 1 warning in 8 files\n",
        "{}",
        run.stderr
    );

    // Seven days is within a weekly cadence; eight is not.
    let repo = signups_repo(&[("130", "2026-11-18")]);
    assert_eq!(diagnostics(repo.path(), &[]), Vec::<String>::new());
    let repo = signups_repo(&[("130", "2026-11-17")]);
    assert_eq!(
        diagnostics(repo.path(), &[]),
        [
            "kpi-stale kpis/weekly-signups.yaml:7:8 the value of KPI `weekly-signups` has not changed for 8 days, longer than its weekly cadence"
        ]
    );
}

#[test]
fn a_value_never_changed_in_the_weeks_read_was_changed_before_them() {
    // Added on 1 October and never measured again: the 13 weeks to week 47
    // start on 24 August, so the addition is inside them.
    let repo = signups_repo(&[]);
    assert_eq!(
        diagnostics(repo.path(), &[]),
        [
            "kpi-stale kpis/weekly-signups.yaml:7:8 the value of KPI `weekly-signups` has not changed for 55 days, longer than its weekly cadence"
        ]
    );
    // A year later, the addition is long before the weeks read.
    let run = orgit(
        repo.path(),
        &["--today", "2027-10-06", "check", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let stale = &report["diagnostics"][0];
    assert_eq!(
        stale["message"],
        "the value of KPI `weekly-signups` has not changed since before 2027-07-05, longer than its weekly cadence"
    );
    assert_eq!(
        stale["help"],
        "last changed before 2027-07-05, cadence weekly: edit `value` with this week's figure"
    );
}

#[test]
fn an_edit_in_the_working_tree_is_a_change_today() {
    let repo = signups_repo(&[("90", "2026-11-03")]);
    // Still off target, but measured: stale no more.
    write_files(repo.path(), &[(SIGNUPS, &signups("95"))]);
    assert_eq!(
        diagnostics(repo.path(), &[]),
        [
            "kpi-off-target kpis/weekly-signups.yaml:6:9 KPI `weekly-signups` has been off target for 3 weeks in a row"
        ]
    );
    // Back on target: the run is over, whatever the weeks before say.
    write_files(repo.path(), &[(SIGNUPS, &signups("101"))]);
    assert_eq!(diagnostics(repo.path(), &[]), Vec::<String>::new());
    // A new KPI nobody committed yet is fresh.
    write_files(repo.path(), &[(LATENCY, &latency("320"))]);
    assert_eq!(diagnostics(repo.path(), &[]), Vec::<String>::new());
}

#[test]
fn at_an_older_revision_its_values_are_judged_today() {
    let repo = signups_repo(&[("130", "2026-11-10"), ("131", "2026-11-24")]);
    assert_eq!(diagnostics(repo.path(), &[]), Vec::<String>::new());
    assert_eq!(
        diagnostics(repo.path(), &["--at", "HEAD~1"]),
        [
            "kpi-stale kpis/weekly-signups.yaml:7:8 the value of KPI `weekly-signups` has not changed for 15 days, longer than its weekly cadence"
        ]
    );
    // `--at` reads the revision, not the working tree.
    write_files(repo.path(), &[(SIGNUPS, &signups("132"))]);
    assert_eq!(diagnostics(repo.path(), &["--at", "HEAD~1"]).len(), 1);
}

#[test]
fn a_monthly_kpi_counts_months_and_allows_a_month() {
    // Over 300 ms at the end of September (added on the 20th), of October
    // and now, in November; last measured on 15 October.
    let repo = TestRepo::new();
    let mut files: Vec<(&str, String)> = MINIMAL_ORG
        .iter()
        .map(|(path, text)| (*path, (*text).to_owned()))
        .collect();
    files.push((LATENCY, latency("320")));
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    repo.commit(&files, "Acme with a latency KPI", "ana", "2026-09-20");
    repo.commit(&[(LATENCY, &latency("330"))], "Latency", "bo", "2026-10-15");
    let run = check(repo.path(), &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["help"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "kpi-off-target",
                "off target since 2026-09 (3 months): value 330 ms vs range ≤ 300 ms; update the plan or the target in a pull request"
            ),
            (
                "kpi-stale",
                "last changed 2026-10-15, 5 weeks ago, cadence monthly: edit `value` with this month's figure"
            ),
        ]
    );
    // Measured again within the month: not stale, still off target.
    repo.commit(&[(LATENCY, &latency("340"))], "Latency", "bo", "2026-11-20");
    assert_eq!(
        diagnostics(repo.path(), &[]),
        [
            "kpi-off-target kpis/api-latency.yaml:6:8 KPI `api-latency` has been off target for 3 months in a row"
        ]
    );
}

#[test]
fn without_a_repository_the_history_rules_do_not_run() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);
    write_files(dir.path(), &[(SIGNUPS, &signups("10"))]);
    let run = check(dir.path(), &[]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "ok: check passed, no problems in 8 files\n", "")
    );
}

#[test]
fn a_shallow_clone_skips_the_history_rules_and_says_how_to_fetch_it() {
    let repo = signups_repo(&[("90", "2026-11-10")]);
    let clone = git_clone(repo.path(), &["--depth", "1"]);
    let run = check(clone.path(), &[]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "ok: check passed, no problems in 8 files\n")
    );
    assert!(
        run.stderr.starts_with(
            "warning: kpi-off-target and kpi-stale were not checked: they read the KPIs' history since 2026-08-24, and this shallow clone does not reach it"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`fetch-depth: 0`"), "{}", run.stderr);
}

#[test]
fn with_base_a_kpi_stale_on_the_base_already_is_marked_so() {
    let repo = signups_repo(&[("130", "2026-11-10")]);
    repo.repo
        .branch(
            "main-copy",
            &repo.repo.head().unwrap().peel_to_commit().unwrap(),
            false,
        )
        .unwrap();
    let checked = diagnostics(repo.path(), &["--base", "main-copy"]);
    assert_eq!(
        checked,
        [
            "kpi-stale kpis/weekly-signups.yaml:7:8 the value of KPI `weekly-signups` has not changed for 15 days, longer than its weekly cadence"
        ]
    );
    let run = check(repo.path(), &["--base", "main-copy", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["diagnostics"][0]["on_base"], true);
}

#[test]
fn an_org_without_kpis_reads_no_history() {
    // A repository whose history the walk could not read: the check never
    // tries, since there is no KPI to judge.
    let repo = TestRepo::new();
    repo.commit(MINIMAL_ORG, "Acme", "ana", "2026-10-01");
    let clone = git_clone(repo.path(), &["--depth", "1"]);
    let run = check(clone.path(), &[]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "ok: check passed, no problems in 7 files\n", "")
    );
}

#[test]
fn on_the_monday_the_digest_is_written_check_and_scorecard_agree() {
    // Red at the end of weeks 45 to 47; last measured on Monday of week 46,
    // 14 days before Monday of week 48, when the digest of week 47 is written.
    let repo = signups_repo(&[("95", "2026-11-03"), ("90", "2026-11-09")]);
    let monday = "2026-11-23";
    let digest = orgit(
        repo.path(),
        &["--today", monday, "digest", "--format", "json"],
    );
    let json: serde_json::Value =
        serde_json::from_str(&digest.stdout).unwrap_or_else(|e| panic!("{e}: {}", digest.stderr));
    let row = &json["scorecard"]["rows"][0];
    assert_eq!(json["week"], "2026-W47");
    assert_eq!(
        (&row["id"], &row["off_target_periods"], &row["stale"]),
        (&"weekly-signups".into(), &3.into(), &true.into())
    );
    let run = orgit(
        repo.path(),
        &["--today", monday, "check", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "kpi-off-target",
                "KPI `weekly-signups` has been off target for 3 weeks in a row"
            ),
            (
                "kpi-stale",
                "the value of KPI `weekly-signups` has not changed for 14 days, longer than its weekly cadence"
            ),
        ]
    );
}
