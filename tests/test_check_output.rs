//! `orgit check` as a user and CI see it: the exact text of each format, colors
//! on request only, and the GitHub step summary appended, never overwritten.

use crate::common::{MINIMAL_ORG, orgit, orgit_with_env, write_files};

/// The minimal org with one typo'd owner.
fn broken_org() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);
    write_files(
        dir.path(),
        &[(
            "people/cy.yaml",
            "id: cy\nname: Cy Okafor\nteam: platfrom\n",
        )],
    );
    dir
}

#[test]
fn human_output_is_exact_and_plain_unless_color_is_asked_for() {
    let org = broken_org();
    let run = orgit(org.path(), &["check", "--today", "2026-11-22"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "\
error[unknown-reference]: team `platfrom` is not a team in this org
 --> people/cy.yaml:3:7
  |
3 | team: platfrom
  |       ^^^^^^^^
  |
  = help: did you mean `platform`?

error: check failed with 1 error in 7 files
"
    );
    let never = orgit(org.path(), &["check", "--color", "never"]);
    assert_eq!(never.stdout, run.stdout);
    let always = orgit(org.path(), &["check", "--color", "always"]);
    assert!(always.stdout.contains("\u{1b}["), "{}", always.stdout);
    assert_eq!(always.code, 1);
}

#[test]
fn clean_org_says_so_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);
    let run = orgit(dir.path(), &["check", "--today", "2026-11-22"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "ok: check passed, no problems in 7 files\n")
    );
}

#[test]
fn github_format_annotates_and_appends_the_step_summary() {
    let org = broken_org();
    let summary = org.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let env = [("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())];
    let run = orgit_with_env(org.path(), &["check", "--format", "github"], &env);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "::error file=people/cy.yaml,line=3,col=7,endColumn=15,title=unknown-reference::\
         team `platfrom` is not a team in this org%0Ahelp: did you mean `platform`?\n"
    );
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(written.starts_with("earlier step\n"), "{written}");
    assert!(written.contains("unknown-reference"), "{written}");
    assert!(written.contains("people/cy.yaml:3:7"), "{written}");
}

#[test]
fn paths_are_shown_relative_to_the_org_root_from_a_subfolder() {
    let org = broken_org();
    let run = orgit(&org.path().join("people"), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["diagnostics"][0]["file"], "people/cy.yaml");
    assert_eq!(report["summary"]["errors"], 1);
}

/// Every field of `check --format json`, related locations included, is in
/// docs/diagnostics.md's "JSON output".
#[test]
fn the_docs_document_every_field_of_the_json_output() {
    let fixture = crate::common::repo_root().join("tests/fixtures/dependencies-late-and-cancelled");
    let run = orgit(
        &fixture,
        &["check", "--format", "json", "--today", crate::common::TODAY],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        !json["diagnostics"][0]["related"]
            .as_array()
            .unwrap()
            .is_empty(),
        "the fixture shows related locations"
    );
    let page = crate::common::doc("diagnostics.md");
    let section = crate::common::doc_section(&page, "## JSON output");
    let undocumented = crate::common::undocumented_fields(&json, section);
    assert!(
        undocumented.is_empty(),
        "not in docs/diagnostics.md: {undocumented:?}"
    );
}

/// The broken org with a past-due initiative, whose file sorts before the
/// error's: a warning in file order would come first.
fn org_with_a_warning_before_the_error() -> tempfile::TempDir {
    let org = broken_org();
    write_files(
        org.path(),
        &[(
            "initiatives/migration.md",
            "---\nid: migration\ntitle: Migration\nowner: bo\nteam: platform\nstatus: active\nhealth: on_track\ndue: 2026-11-01\n---\n",
        )],
    );
    org
}

#[test]
fn human_output_lists_errors_before_warnings() {
    let org = org_with_a_warning_before_the_error();
    let run = orgit(org.path(), &["check", "--today", "2026-11-22"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let headers: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("error") || l.starts_with("warning"))
        .collect();
    assert_eq!(
        headers,
        [
            "error[unknown-reference]: team `platfrom` is not a team in this org",
            "warning[past-due]: initiative `migration` was due 2026-11-01 and is not done (21 days overdue)",
            "error: check failed with 1 error, 1 warning in 8 files",
        ]
    );
    // JSON stays in file order, for tools.
    let json = orgit(
        org.path(),
        &["check", "--today", "2026-11-22", "--format", "json"],
    );
    let past_due = json.stdout.find("past-due").unwrap();
    let unknown = json.stdout.find("unknown-reference").unwrap();
    assert!(past_due < unknown, "{}", json.stdout);
}

#[test]
fn errors_only_leaves_warnings_out_of_every_format() {
    let org = org_with_a_warning_before_the_error();
    let run = orgit(
        org.path(),
        &["check", "--today", "2026-11-22", "--errors-only"],
    );
    assert_eq!(run.code, 1);
    assert!(!run.stdout.contains("past-due"), "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("error: check failed with 1 error in 8 files\n"),
        "{}",
        run.stdout
    );
    let json = orgit(
        org.path(),
        &[
            "check",
            "--today",
            "2026-11-22",
            "--errors-only",
            "--format",
            "json",
        ],
    );
    assert!(!json.stdout.contains("past-due"), "{}", json.stdout);
    assert!(json.stdout.contains("unknown-reference"));

    // Only warnings: clean output, exit 0; --deny-warnings still fails on them.
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);
    write_files(
        dir.path(),
        &[(
            "initiatives/migration.md",
            "---\nid: migration\ntitle: Migration\nowner: bo\nteam: platform\nstatus: active\nhealth: on_track\ndue: 2026-11-01\n---\n",
        )],
    );
    let quiet = orgit(
        dir.path(),
        &["check", "--today", "2026-11-22", "--errors-only"],
    );
    assert_eq!(
        (quiet.code, quiet.stdout.as_str()),
        (0, "ok: check passed, no problems in 8 files\n")
    );
    let denied = orgit(
        dir.path(),
        &[
            "check",
            "--today",
            "2026-11-22",
            "--errors-only",
            "--deny-warnings",
        ],
    );
    assert_eq!(denied.code, 1);
}
