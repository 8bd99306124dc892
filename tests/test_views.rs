//! `orgit status` on the example org: one screen, 80 columns, JSON data model.

use crate::common::{TODAY, orgit, repo_root};

#[test]
fn status_of_the_example_fits_80_columns() {
    let run = orgit(
        &repo_root().join("example-org"),
        &["--today", TODAY, "status"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    insta::assert_snapshot!("status_example", run.stdout);
}

#[test]
fn status_of_one_team_as_json() {
    let run = orgit(
        &repo_root().join("example-org"),
        &[
            "--today", TODAY, "status", "--team", "platform", "--format", "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("status_platform_json", run.stdout);
}
