//! `orgit list [KIND]`: every id with its kind, title and place, and the
//! "unknown id" hints that point at it.

use crate::common::{MINIMAL_ORG, orgit, write_files};

fn org() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);
    dir
}

#[test]
fn list_prints_every_id_in_aligned_columns_by_kind() {
    let dir = org();
    let run = orgit(dir.path(), &["list"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        run.stdout,
        "\
person      ana          Ana Silva  (people/ana.yaml:1)
person      bo           Bo Chen  (people/bo.yaml:1)
person      cy           Cy Okafor  (people/cy.yaml:1)
team        company      Company  (teams/company.yaml:1)
team        platform     Platform  (teams/platform.yaml:1)
goal        reliability  Be reliable  (goals/2026-Q4/reliability.md:2)
key result  uptime       Uptime  (goals/2026-Q4/reliability.md:9)
"
    );
}

#[test]
fn list_of_one_kind_takes_the_plural_or_the_singular() {
    let dir = org();
    let teams = orgit(dir.path(), &["list", "teams"]);
    assert_eq!(
        teams.stdout,
        "team  company   Company  (teams/company.yaml:1)\n\
         team  platform  Platform  (teams/platform.yaml:1)\n"
    );
    let team = orgit(dir.path(), &["list", "team"]);
    assert_eq!(team.stdout, teams.stdout);
    let krs = orgit(dir.path(), &["list", "key-results", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&krs.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "id": "uptime",
            "kind": "key_result",
            "title": "Uptime",
            "file": "goals/2026-Q4/reliability.md",
            "line": 9
        }])
    );
    let page = crate::common::doc("file-format.md");
    let section = crate::common::doc_section(&page, "## Listing ids");
    let undocumented = crate::common::undocumented_fields(&json, section);
    assert!(undocumented.is_empty(), "{undocumented:?}");
}

#[test]
fn an_unknown_id_without_a_close_one_points_at_orgit_list() {
    let dir = org();
    let show = orgit(dir.path(), &["show", "zzzz"]);
    assert_eq!(show.code, 2);
    assert_eq!(
        show.stderr,
        "error: no person, team, goal, key result, initiative, milestone, decision, risk, KPI, issue or \
         to-do has the id `zzzz`\nhint: `orgit list` lists every id\n"
    );
    let status = orgit(dir.path(), &["status", "--team", "zzzz"]);
    assert_eq!(
        status.stderr,
        "error: no team has the id `zzzz`\nhint: `orgit list teams` lists them\n"
    );
}

#[test]
fn issues_and_todos_are_listed_under_their_own_kinds() {
    // `bad-priority` does not load, so it is not listed.
    let dir = crate::common::repo_root().join("tests/fixtures/issues-todos");
    let issues = orgit(&dir, &["list", "issue"]);
    assert_eq!(
        issues.stdout,
        "\
issue  flaky-deploys           Deploys fail one time in five  (issues/flaky-deploys.md:2)
issue  old-issue               Nobody reads the runbooks  (issues/old-issue.md:2)
issue  slow-ci                 CI takes forty minutes  (issues/misnamed.md:2)
issue  solved-by-nothing-real  The build cache is cold every Monday  (issues/solved-by-nothing-real.md:2)
issue  solved-empty            Alerts page at night for staging  (issues/solved-empty.md:2)
issue  solved-ok               We have no CI vendor  (issues/solved-ok.md:2)
issue  unknown-refs            Nobody owns the status page  (issues/unknown-refs.md:2)
"
    );
    let todos = orgit(&dir, &["list", "to-dos"]);
    assert_eq!(
        todos.stdout.lines().next(),
        Some("to-do  bad-week      Book the offsite  (todos/bad-week.md:2)")
    );
}
