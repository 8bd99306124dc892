//! `orgit completions SHELL`: the script each shell loads, and bash really
//! completing commands and options with it.

use std::process::Command;

use crate::common::orgit;

/// What bash's completion offers for `words` (the last one being completed),
/// after loading `orgit completions bash`.
fn bash_completes(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let line = words.join(" ");
    let program = format!(
        "source {script}\nCOMP_WORDS=({line})\nCOMP_CWORD={cword}\nCOMP_LINE='{line}'\nCOMP_POINT=${{#COMP_LINE}}\n_orgit orgit '{cur}' '{prev}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script = script.display(),
        cword = words.len() - 1,
        cur = words[words.len() - 1],
        prev = words[words.len() - 2],
    );
    let output = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_commands_and_their_options() {
    let dir = tempfile::tempdir().unwrap();
    let run = orgit(dir.path(), &["completions", "bash"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let script = dir.path().join("orgit.bash");
    std::fs::write(&script, &run.stdout).unwrap();

    let commands = bash_completes(&script, &["orgit", "ch"]);
    assert_eq!(commands, ["check", "checkin"]);
    let options = bash_completes(&script, &["orgit", "check", "--er"]);
    assert_eq!(options, ["--errors-only"]);
    let formats = bash_completes(&script, &["orgit", "check", "--format", ""]);
    assert_eq!(formats, ["human", "json", "github"]);
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = orgit(dir.path(), &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for command in ["check", "digest", "completions"] {
            assert!(run.stdout.contains(command), "{shell} lacks {command}");
        }
    }
    let zsh = orgit(dir.path(), &["completions", "zsh"]);
    assert!(zsh.stdout.starts_with("#compdef orgit\n"), "{}", zsh.stdout);
    let nope = orgit(dir.path(), &["completions", "tcsh"]);
    assert_eq!(nope.code, 2);
    assert!(
        nope.stderr
            .contains("[possible values: bash, elvish, fish, powershell, zsh]"),
        "{}",
        nope.stderr
    );
}
