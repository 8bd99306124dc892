//! The README is a contract: its code table and quick start must stay true.

use orgit::diagnostics::Code;

use crate::common::repo_root;

fn readme() -> String {
    std::fs::read_to_string(repo_root().join("README.md")).unwrap()
}

#[test]
fn readme_lists_every_diagnostic_code_with_its_severity_and_meaning() {
    let readme = readme();
    for code in Code::ALL {
        let row = format!(
            "| `{}` | {} | {} |",
            code.as_str(),
            code.severity().as_str(),
            code.summary()
        );
        assert!(readme.contains(&row), "README is missing the row:\n{row}");
    }
}

/// The two commands of the README's quick start, comments stripped.
fn quick_start() -> Vec<String> {
    let readme = readme();
    let section = &readme[readme
        .find("## Quick start")
        .expect("a quick start section")..];
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the quick start has a sh code block");
    block
        .lines()
        .map(|line| line.split(" #").next().unwrap_or(line).trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

#[test]
fn ci_runs_the_readme_quick_start_and_test_command() {
    let commands = quick_start();
    assert_eq!(commands.len(), 2, "two commands: {commands:?}");
    assert!(
        commands[0].contains(" example ") && commands[0].ends_with(" digest"),
        "the main command generates the example and prints its digest: {}",
        commands[0]
    );
    assert_eq!(commands[1], "cargo test");
    let ci = std::fs::read_to_string(repo_root().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|line| line == commands[0]),
        "CI must run the quick start as written: {}",
        commands[0]
    );
    assert!(ci.lines().any(|line| line == "cargo test --locked"));
}
