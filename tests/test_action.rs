//! `action.yml`: orgit's GitHub Action builds orgit from the action's own
//! checkout, cached under a key of OS, architecture, version and a hash of
//! the sources. Its scripts are run here as the runner runs them, against a
//! copy of this repository's sources, with `cargo` faked.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{copy_tree, repo_root};

fn action() -> Value {
    let text = std::fs::read_to_string(repo_root().join("action.yml")).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

fn step<'a>(action: &'a Value, name: &str) -> &'a Value {
    action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no step `{name}`"))
}

/// Runs `script` as a composite action's bash step: `-e`, `pipefail`, with
/// the runner's variables for an action checked out at `action_path`.
fn run(script: &str, action_path: &Path, env: &[(&str, &str)]) -> (String, String) {
    let temp = tempfile::tempdir().unwrap();
    let output_file = temp.path().join("output");
    let mut command = Command::new("bash");
    command
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(temp.path())
        .env("GITHUB_ACTION_PATH", action_path)
        .env("GITHUB_OUTPUT", &output_file)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let outputs = std::fs::read_to_string(&output_file).unwrap_or_default();
    (outputs, String::from_utf8(output.stdout).unwrap())
}

/// A copy of what the action's checkout holds that the build reads.
fn sources(dir: &Path) {
    for part in ["src", "templates"] {
        std::fs::create_dir_all(dir.join(part)).unwrap();
        copy_tree(&repo_root().join(part), &dir.join(part));
    }
    for file in ["Cargo.toml", "Cargo.lock", "README.md"] {
        std::fs::copy(repo_root().join(file), dir.join(file)).unwrap();
    }
}

#[test]
fn the_action_restores_builds_and_saves_in_steps_of_their_own() {
    let action = action();
    assert_eq!(action["runs"]["using"], "composite");
    let names: Vec<&str> = action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "orgit's version and cache key",
            "Restore orgit from the cache",
            "Build orgit",
            "Save orgit to the cache",
            "Show orgit's version",
        ]
    );
    let restore = step(&action, "Restore orgit from the cache");
    let save = step(&action, "Save orgit to the cache");
    assert_eq!(restore["uses"], "actions/cache/restore@v4");
    assert_eq!(save["uses"], "actions/cache/save@v4");
    assert_eq!(restore["with"], save["with"]);
    assert_eq!(restore["with"]["key"], "${{ steps.key.outputs.key }}");
    let miss = "steps.restore.outputs.cache-hit != 'true'";
    assert_eq!(step(&action, "Build orgit")["if"], miss);
    assert_eq!(save["if"], miss);
    for step in action["runs"]["steps"].as_array().unwrap() {
        if let Some(script) = step["run"].as_str() {
            assert_eq!(step["shell"], "bash");
            assert!(
                !script.contains("${{"),
                "no expression in a script: {script}"
            );
        }
    }
}

#[test]
fn the_cache_key_is_os_arch_version_and_a_hash_of_the_sources() {
    let action = action();
    let script = step(&action, "orgit's version and cache key")["run"]
        .as_str()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    sources(dir.path());
    let (outputs, _) = run(script, dir.path(), &[]);
    let version = env!("CARGO_PKG_VERSION");
    let lines: Vec<&str> = outputs.lines().collect();
    assert_eq!(lines[0], format!("version={version}"));
    let prefix = format!("key=orgit-Linux-X64-{version}-");
    let hash = lines[1].strip_prefix(&prefix).expect(lines[1]);
    assert_eq!(hash.len(), 16);
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{hash}");

    // The same sources give the same key; an edit to the README does not
    // change the binary, an edit to a source file does.
    assert_eq!(run(script, dir.path(), &[]).0, outputs);
    std::fs::write(dir.path().join("README.md"), "changed\n").unwrap();
    assert_eq!(run(script, dir.path(), &[]).0, outputs);
    let main = dir.path().join("src/main.rs");
    let edited = std::fs::read_to_string(&main).unwrap() + "\n// edited\n";
    std::fs::write(&main, edited).unwrap();
    let (changed, _) = run(script, dir.path(), &[]);
    assert_ne!(changed, outputs);
    assert!(changed.contains(&prefix), "{changed}");
}

#[test]
fn the_build_installs_orgit_from_the_actions_own_checkout() {
    let action = action();
    let script = step(&action, "Build orgit")["run"].as_str().unwrap();
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("cargo.log");
    let cargo = bin.path().join("cargo");
    crate::common::write_executable(&cargo, "#!/bin/sh\necho \"$*\" >> \"$CARGO_LOG\"\n");
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let checkout = Path::new("/home/runner/work/_actions/acme/orgit/v0.1.0");
    run(
        script,
        checkout,
        &[("PATH", &path), ("CARGO_LOG", log.to_str().unwrap())],
    );
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        format!("install --locked --path {}\n", checkout.display())
    );
}
