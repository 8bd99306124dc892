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

/// The human status at `columns` columns (`COLUMNS`), with `args`.
fn status_at(columns: &str, args: &[&str]) -> String {
    let mut all = vec!["--today", TODAY, "status"];
    all.extend_from_slice(args);
    let run = crate::common::orgit_with_env(
        &repo_root().join("example-org"),
        &all,
        &[("COLUMNS", columns)],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn status_fits_the_width_it_is_given_and_never_cuts_a_title() {
    let json = orgit(
        &repo_root().join("example-org"),
        &["--today", TODAY, "status", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let titles: Vec<&str> = json["at_risk"]
        .as_array()
        .unwrap()
        .iter()
        .chain(json["decisions_waiting"].as_array().unwrap())
        .map(|item| item["title"].as_str().unwrap())
        .collect();
    assert!(titles.len() > 10);
    for columns in [40, 72, 80, 120, 200] {
        let text = status_at(&columns.to_string(), &[]);
        assert!(!text.contains('…'), "nothing is cut at {columns}:\n{text}");
        let flowing = words(&text);
        for title in &titles {
            assert!(flowing.contains(&words(title)), "{title} at {columns}");
        }
        if columns >= 72 {
            for line in text.lines() {
                assert!(
                    line.chars().count() <= columns,
                    "wider than {columns}: {line}"
                );
            }
        }
    }
    // Wide enough, a line holds the whole title, its columns aligned.
    let wide = status_at("120", &[]);
    assert!(
        wide.contains(
            "\n  at risk    q4-enterprise-logos           Enterprise customers (500+ employees) under contract\n"
        ),
        "{wide}"
    );
    assert!(wide.contains("\n  at risk    soc2-type2                    SOC 2 Type II audit\n"));
}

#[test]
fn status_colors_health_only_when_asked() {
    let plain = status_at("80", &[]);
    assert!(!plain.contains('\u{1b}'));
    let colored = status_at("80", &["--color", "always"]);
    assert!(colored.contains("\u{1b}[33mat risk\u{1b}[0m"), "{colored}");
    assert!(colored.contains("\u{1b}[32mon track\u{1b}[0m"), "{colored}");
    // Without the escapes, the same screen.
    let mut stripped = String::new();
    let mut rest = colored.as_str();
    while let Some(at) = rest.find('\u{1b}') {
        stripped.push_str(&rest[..at]);
        let end = rest[at..].find('m').unwrap();
        rest = &rest[at + end + 1..];
    }
    stripped.push_str(rest);
    assert_eq!(stripped, plain);
}
