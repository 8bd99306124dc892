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

#[test]
fn ci_runs_the_readme_quick_start_and_test_command() {
    let readme = readme();
    let ci = std::fs::read_to_string(repo_root().join(".ci/run")).unwrap();
    assert!(readme.contains("cargo run -- -C example-org check"));
    assert!(
        ci.contains("-- -C example-org check\n"),
        "CI must run the quick start as written"
    );
    assert!(readme.contains("cargo test "));
    assert!(ci.contains("cargo test --locked\n"));
}
