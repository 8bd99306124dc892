//! Every field the JSON of `status`, `show`, `impact` and `graph` prints is
//! documented in docs/views.md, on the generated example with its history
//! (so history and pace fields are there) and on `example-org`.

use std::path::Path;

use crate::common::{copy_tree, doc, doc_section, orgit, repo_root, undocumented_fields};

const TODAY: &str = "2026-11-22";

/// `orgit --today TODAY ARGS --format json` in `dir`, parsed.
fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--today", TODAY];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let run = orgit(dir, &all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn every_field_of_the_views_json_is_documented() {
    let generated = tempfile::tempdir().unwrap();
    let run = orgit(
        generated.path(),
        &["--today", TODAY, "example", ".", "--weeks", "8"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hand_written = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("example-org"), hand_written.path());

    let page = doc("views.md");
    let mut checked = 0;
    for (heading, args) in [
        ("## `orgit status --format json`", vec!["status"]),
        (
            "## `orgit show ID --format json`",
            vec!["show", "q4-enterprise-logos"],
        ),
        ("## `orgit show ID --format json`", vec!["show", "mobile"]),
        (
            "## `orgit show ID --format json`",
            vec!["show", "customer-health-scores"],
        ),
        (
            "## `orgit impact [ID] --format json`",
            vec!["impact", "win-enterprise-q4"],
        ),
        (
            "## `orgit impact [ID] --format json`",
            vec!["impact", "customer-health-scores", "--upstream"],
        ),
        ("## `orgit impact [ID] --format json`", vec!["impact"]),
        ("## `orgit graph --format json`", vec!["graph"]),
    ] {
        let section = doc_section(&page, heading);
        for dir in [generated.path(), hand_written.path()] {
            let value = json(dir, &args);
            checked += 1;
            let undocumented = undocumented_fields(&value, section);
            assert!(
                undocumented.is_empty(),
                "`orgit {}`: not in docs/views.md: {undocumented:?}",
                args.join(" ")
            );
        }
    }
    assert_eq!(checked, 16);
}
