//! Every folder under `tests/fixtures/` is an org (usually a broken one) with
//! `expected.txt` beside it: the exact diagnostics `orgit check` must print,
//! one per line, with their related locations and help. Cause and effect sit
//! side by side. `UPDATE_EXPECT=1 cargo test` rewrites the expectations (review
//! the diff).

use std::path::Path;

use crate::common::{orgit, repo_root};

/// The date "today" for every fixture, so date rules are reproducible.
const TODAY: &str = "2026-11-22";

/// Renders the JSON report as compact lines that read well in a diff.
fn summarize(json: &str) -> String {
    let report: serde_json::Value = serde_json::from_str(json).expect("check prints JSON");
    let mut out = String::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let location = |v: &serde_json::Value| {
            format!(
                "{}:{}:{}",
                v["file"].as_str().unwrap(),
                v["line"],
                v["column"]
            )
        };
        out.push_str(&format!(
            "{}[{}] {} {}\n",
            d["severity"].as_str().unwrap(),
            d["code"].as_str().unwrap(),
            location(d),
            d["message"].as_str().unwrap()
        ));
        for related in d["related"].as_array().unwrap() {
            out.push_str(&format!(
                "    related {} {}\n",
                location(related),
                related["label"].as_str().unwrap_or("")
            ));
        }
        if let Some(help) = d["help"].as_str() {
            out.push_str(&format!("    help: {help}\n"));
        }
    }
    out
}

fn check_fixture(dir: &Path) -> Result<(), String> {
    let run = orgit(dir, &["check", "--format", "json", "--today", TODAY]);
    if run.code == 2 {
        return Err(format!("could not run: {}", run.stderr));
    }
    let actual = summarize(&run.stdout);
    let has_errors = actual.lines().any(|l| l.starts_with("error["));
    let expected_code = if has_errors { 1 } else { 0 };
    if run.code != expected_code {
        return Err(format!("exit code {} (expected {expected_code})", run.code));
    }
    let expected_path = dir.join("expected.txt");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(&expected_path)
        .map_err(|_| format!("no expected.txt; actual:\n{actual}"))?;
    if actual != expected {
        return Err(format!("--- expected\n{expected}--- actual\n{actual}"));
    }
    Ok(())
}

#[test]
fn every_fixture_produces_exactly_its_expected_diagnostics() {
    let fixtures = repo_root().join("tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("orgit.yaml").is_file())
        .collect();
    dirs.sort();
    assert!(
        !dirs.is_empty(),
        "no fixtures found in {}",
        fixtures.display()
    );
    let failures: Vec<String> = dirs
        .iter()
        .filter_map(|dir| {
            check_fixture(dir)
                .err()
                .map(|e| format!("{}:\n{e}", dir.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn example_org_is_clean() {
    let run = orgit(
        &repo_root().join("example-org"),
        &["check", "--format", "json", "--today", TODAY],
    );
    assert_eq!(summarize(&run.stdout), "", "{}", run.stderr);
    assert_eq!(run.code, 0);
}
