//! `orgit status` on the example org: one screen, 80 columns, JSON data model.

use crate::common::{TODAY, copy_tree, orgit, repo_root};

/// `example-org` copied out of orgit's own repository, so status reads no
/// git history (its pace section needs one; see test_review).
fn example_org() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("example-org"), dir.path());
    dir
}

#[test]
fn status_of_the_example_fits_80_columns() {
    let org = example_org();
    let run = orgit(org.path(), &["--today", TODAY, "status"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    insta::assert_snapshot!("status_example", run.stdout);
}

#[test]
fn status_of_one_team_as_json() {
    let org = example_org();
    let run = orgit(
        org.path(),
        &[
            "--today", TODAY, "status", "--team", "platform", "--format", "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("status_platform_json", run.stdout);
}
