//! Bad input never panics and never hangs: every hostile or broken file is
//! reported at its place with a stable code, within a sanity bound, and the
//! rest of the org is still checked in the same run.
//!
//! Each org is `MINIMAL_ORG` (valid) plus [`CANARY`], a file with one known
//! problem: seeing the canary's diagnostic proves the run went on past the
//! hostile file.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Checked, MINIMAL_ORG, Run, TODAY, check_json_args, orgit, write_files};

/// A person with a misspelled field.
const CANARY: (&str, &str) = (
    "people/dee.yaml",
    "id: dee\nname: Dee Park\ntema: platform\n",
);
const CANARY_PROBLEM: &str = "unknown-field people/dee.yaml:3:1";

/// Files in `MINIMAL_ORG` plus the canary.
const BASE_FILES: u64 = 8;

/// Far above a normal run (milliseconds); only a hang or an explosion trips it.
/// A sanity bound, not a benchmark.
const SANITY_BOUND: Duration = Duration::from_secs(5);

/// A temp dir holding `org/` (MINIMAL_ORG, the canary and `files`) and room
/// beside it for things outside the org root.
fn org_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    write_files(&org, MINIMAL_ORG);
    write_files(&org, &[CANARY]);
    write_files(&org, files);
    dir
}

fn org_root(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("org")
}

fn write_bytes(org: &Path, path: &str, bytes: &[u8]) {
    let path = org.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// `orgit check` on the org; a run still going at the sanity bound is killed
/// and fails the test, so a hang shows as a failure, not a stuck test.
fn check_in_time(org: &Path) -> Checked {
    let mut child = Command::new(env!("CARGO_BIN_EXE_orgit"))
        .args(check_json_args(&[]))
        .current_dir(org)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_ACTIONS")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the orgit binary runs");
    // Drained on threads so a full pipe cannot stall the child.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let stdout = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let stderr = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).map(|_| text)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > SANITY_BOUND {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("check still running after {SANITY_BOUND:?}; a hostile file must fail fast");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Checked::from_run(&Run {
        stdout: stdout.join().unwrap().unwrap(),
        stderr: stderr.join().unwrap().unwrap(),
        code: status.code().unwrap_or(-1),
    })
}

/// The classic "billion laughs": ten anchors, each a list of ten aliases to
/// the one before, 10^9 strings once expanded, in about 600 bytes.
fn billion_laughs() -> String {
    let mut yaml = String::from("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let aliases = vec![format!("*lol{}", level - 1); 10].join(", ");
        yaml.push_str(&format!("lol{level}: &lol{level} [{aliases}]\n"));
    }
    yaml
}

/// The same bomb in a shape the schema accepts: merge keys (`<<`) are expanded
/// while the fields are read, 10^9 copies of `field: value` unless a limit
/// stops it. One line.
fn merge_key_bomb(field: &str, value: &str) -> String {
    let mut levels = vec![format!("&m0 {{{field}: {value}}}")];
    for level in 1..10 {
        let aliases = vec![format!("*m{}", level - 1); 10].join(", ");
        levels.push(format!("&m{level} {{<<: [{aliases}]}}"));
    }
    format!("<<: [{}]\n", levels.join(", "))
}

const GOAL_HEAD: &str = "---\nid: bomb\ntitle: Bomb\nowner: bo\nteam: platform\nperiod: 2026-Q4\n";

#[test]
fn billion_laughs_in_a_person_file_stops_at_its_first_key() {
    // orgit's schemas reject unknown keys while reading, so the anchors are
    // never expanded: the bomb is an unknown field, reported at once.
    let person = format!("id: bomb\nname: Bomb\nteam: platform\n{}", billion_laughs());
    assert!(person.len() < 1024);
    let dir = org_with(&[("people/bomb.yaml", &person)]);
    let checked = check_in_time(&org_root(&dir));
    assert_eq!(
        checked.diagnostics,
        ["unknown-field people/bomb.yaml:4:1", CANARY_PROBLEM]
    );
    assert_eq!(checked.code, 1);
    assert_eq!(checked.files, BASE_FILES + 1);
}

#[test]
fn billion_laughs_in_goal_frontmatter_stops_at_its_first_key() {
    let goal = format!("{GOAL_HEAD}{}---\n\nBoom.\n", billion_laughs());
    let dir = org_with(&[("goals/2026-Q4/bomb.md", &goal)]);
    let checked = check_in_time(&org_root(&dir));
    assert_eq!(
        checked.diagnostics,
        ["unknown-field goals/2026-Q4/bomb.md:7:1", CANARY_PROBLEM]
    );
    assert_eq!(checked.code, 1);
}

#[test]
fn merge_key_bomb_in_a_person_file_is_too_complex() {
    let person = format!(
        "id: bomb\nname: Bomb\nteam: platform\n{}",
        merge_key_bomb("role", "lol")
    );
    let dir = org_with(&[("people/bomb.yaml", &person)]);
    let checked = check_in_time(&org_root(&dir));
    // Reported at the alias being expanded when the node budget ran out.
    assert_eq!(
        checked.diagnostics,
        ["yaml-too-complex people/bomb.yaml:4:286", CANARY_PROBLEM]
    );
    assert_eq!(checked.code, 1);
}

#[test]
fn merge_key_bomb_in_goal_frontmatter_is_too_complex() {
    let goal = format!(
        "{GOAL_HEAD}{}---\n\nBoom.\n",
        merge_key_bomb("health", "on_track")
    );
    let dir = org_with(&[("goals/2026-Q4/bomb.md", &goal)]);
    let checked = check_in_time(&org_root(&dir));
    assert_eq!(
        checked.diagnostics,
        [
            "yaml-too-complex goals/2026-Q4/bomb.md:7:293",
            CANARY_PROBLEM
        ]
    );
    assert_eq!(checked.code, 1);
}

#[test]
fn ten_thousand_nested_brackets_are_too_complex() {
    let deep = format!("{}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let goal = format!("---\n{deep}---\n\nDeep.\n");
    let dir = org_with(&[
        ("people/deep.yaml", &deep),
        ("goals/2026-Q4/deep.md", &goal),
    ]);
    let checked = check_in_time(&org_root(&dir));
    // The parser stops at its nesting limit, 256 brackets in.
    assert_eq!(
        checked.diagnostics,
        [
            "yaml-too-complex goals/2026-Q4/deep.md:2:256",
            CANARY_PROBLEM,
            "yaml-too-complex people/deep.yaml:1:256",
        ]
    );
    assert_eq!(checked.code, 1);
}

#[test]
fn a_file_over_one_mib_is_not_read() {
    let dir = org_with(&[]);
    let org = org_root(&dir);
    // Just over the cap, written out.
    let mut big = String::from("id: big\nname: Big\nteam: platform\n# ");
    big.push_str(&"x".repeat(1024 * 1024));
    write_bytes(&org, "people/big.yaml", big.as_bytes());
    // 8 GiB without using the disk: only a size taken from the file system
    // (not from reading it) can say so in the message.
    let huge = std::fs::File::create(org.join("people/huge.yaml")).unwrap();
    huge.set_len(8 << 30).unwrap();

    let checked = check_in_time(&org);
    assert_eq!(
        checked.diagnostics,
        [
            "file-too-large people/big.yaml:1:1",
            CANARY_PROBLEM,
            "file-too-large people/huge.yaml:1:1",
        ]
    );
    assert!(
        checked.output.contains("file is 8589934592 bytes"),
        "{}",
        checked.output
    );
    assert_eq!(checked.code, 1);
}

#[test]
fn binary_and_latin1_files_are_not_text() {
    let dir = org_with(&[]);
    let org = org_root(&dir);
    write_bytes(
        &org,
        "people/photo.yaml",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    );
    write_bytes(
        &org,
        "people/nul.yaml",
        b"id: nul\nname: N\0L\nteam: platform\n",
    );
    write_bytes(
        &org,
        "people/jose.yaml",
        b"id: jose\nname: Jos\xe9\nteam: platform\n",
    );
    write_bytes(
        &org,
        "goals/2026-Q4/latin.md",
        b"---\nid: latin\ntitle: Caf\xe9\nperiod: 2026-Q4\n---\n",
    );
    let checked = check_in_time(&org);
    assert_eq!(
        checked.diagnostics,
        [
            "not-text goals/2026-Q4/latin.md:1:1",
            CANARY_PROBLEM,
            "not-text people/jose.yaml:1:1",
            "not-text people/nul.yaml:1:1",
            "not-text people/photo.yaml:1:1",
        ]
    );
    assert_eq!(checked.code, 1);
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_org_root_are_never_followed() {
    use std::os::unix::fs::symlink;

    let dir = org_with(&[]);
    let org = org_root(&dir);
    let secret = dir.path().join("outside/secret.yaml");
    write_files(dir.path(), &[("outside/secret.yaml", "SECRET-MARKER: 1\n")]);
    symlink(
        "../../outside/secret.yaml",
        org.join("people/relative.yaml"),
    )
    .unwrap();
    symlink(&secret, org.join("people/absolute.yaml")).unwrap();
    symlink(&secret, org.join("goals/2026-Q4/linked.md")).unwrap();

    let checked = check_in_time(&org);
    assert_eq!(
        checked.diagnostics,
        [
            "symlink-outside-root goals/2026-Q4/linked.md:1:1",
            "symlink-outside-root people/absolute.yaml:1:1",
            CANARY_PROBLEM,
            "symlink-outside-root people/relative.yaml:1:1",
        ]
    );
    assert_eq!(checked.code, 1);
    let human = orgit(&org, &["check", "--today", TODAY]);
    for output in [&checked.output, &human.stdout, &human.stderr] {
        assert!(
            !output.contains("SECRET"),
            "outside content leaked:\n{output}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_linked_settings_file_is_not_followed_out_of_the_root() {
    // Regression: `orgit.yaml` was read through its link wherever it pointed.
    let dir = org_with(&[]);
    let org = org_root(&dir);
    write_files(dir.path(), &[("outside/orgit.yaml", "SECRET-MARKER: 1\n")]);
    std::fs::remove_file(org.join("orgit.yaml")).unwrap();
    std::os::unix::fs::symlink("../outside/orgit.yaml", org.join("orgit.yaml")).unwrap();

    let checked = check_in_time(&org);
    assert_eq!(
        checked.diagnostics,
        ["symlink-outside-root orgit.yaml:1:1", CANARY_PROBLEM]
    );
    assert_eq!(checked.code, 1);
    assert!(!checked.output.contains("SECRET"), "{}", checked.output);
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_root_is_followed_and_checked() {
    let dir = org_with(&[("shared/eve.yaml", "id: eve\nname: Eve\nteem: platform\n")]);
    let org = org_root(&dir);
    std::os::unix::fs::symlink("../shared/eve.yaml", org.join("people/eve.yaml")).unwrap();

    let checked = check_in_time(&org);
    // Reported at the link's path, with the target's line and column.
    assert_eq!(
        checked.diagnostics,
        [CANARY_PROBLEM, "unknown-field people/eve.yaml:3:1"]
    );
    assert_eq!(checked.code, 1);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_reported_not_waited_on() {
    // Regression: opening a FIFO blocks until something writes to it, so a
    // `mkfifo people/x.yaml` hung orgit forever.
    let dir = org_with(&[]);
    let org = org_root(&dir);
    let made = std::process::Command::new("mkfifo")
        .arg(org.join("people/pipe.yaml"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());

    let checked = check_in_time(&org);
    assert_eq!(
        checked.diagnostics,
        [CANARY_PROBLEM, "unreadable-file people/pipe.yaml:1:1"]
    );
    assert_eq!(checked.code, 1);
}

#[test]
fn ids_that_could_escape_a_folder_are_invalid() {
    let dir = org_with(&[
        ("people/x.yaml", "id: ../x\nname: X\nteam: platform\n"),
        ("people/con.yaml", "id: con\nname: Con\nteam: platform\n"),
        (
            "people/alice.yaml",
            "id: Alice\nname: Alice\nteam: platform\n",
        ),
        (
            "goals/2026-Q4/up.md",
            "---\nid: ../../up\ntitle: Up\nowner: bo\nteam: platform\nperiod: 2026-Q4\n---\n",
        ),
    ]);
    let checked = check_in_time(&org_root(&dir));
    let invalid: Vec<&str> = checked
        .diagnostics
        .iter()
        .map(String::as_str)
        .filter(|d| d.starts_with("invalid-id "))
        .collect();
    // Each at the id's value.
    assert_eq!(
        invalid,
        [
            "invalid-id goals/2026-Q4/up.md:2:5",
            "invalid-id people/alice.yaml:1:5",
            "invalid-id people/con.yaml:1:5",
            "invalid-id people/x.yaml:1:5",
        ]
    );
    assert!(checked.diagnostics.contains(&CANARY_PROBLEM.to_owned()));
    assert_eq!(checked.code, 1);
}

#[test]
fn paths_differing_only_in_case_clash() {
    let dir = org_with(&[
        ("people/Eli.yaml", "id: eli\nname: Eli\nteam: platform\n"),
        ("people/eli.yaml", "id: eli\nname: Eli\nteam: platform\n"),
    ]);
    let checked = check_in_time(&org_root(&dir));
    let clashes: Vec<&str> = checked
        .diagnostics
        .iter()
        .map(String::as_str)
        .filter(|d| d.starts_with("path-case-clash "))
        .collect();
    // Reported once, on the later path (`E` sorts before `e`).
    assert_eq!(clashes, ["path-case-clash people/eli.yaml:1:1"]);
    assert!(checked.diagnostics.contains(&CANARY_PROBLEM.to_owned()));
    assert_eq!(checked.code, 1);
}

#[test]
fn empty_files_and_bare_document_markers_have_no_fields() {
    let dir = org_with(&[
        ("people/empty.yaml", ""),
        ("people/dashes.yaml", "---\n"),
        ("people/comment.yaml", "# to do\n"),
        (
            "goals/2026-Q4/blank.md",
            "---\n# nothing yet\n---\n\nLater.\n",
        ),
    ]);
    let checked = check_in_time(&org_root(&dir));
    // One message however the emptiness is spelled.
    assert_eq!(
        checked.diagnostics,
        [
            "wrong-type goals/2026-Q4/blank.md:1:1",
            "wrong-type people/comment.yaml:1:1",
            "wrong-type people/dashes.yaml:1:1",
            CANARY_PROBLEM,
            "wrong-type people/empty.yaml:1:1",
        ]
    );
    assert!(
        checked
            .output
            .contains("expected a mapping of `key: value` fields, found an empty document")
    );
    assert_eq!(checked.code, 1);
}

#[test]
fn duplicate_keys_are_reported_at_the_second() {
    let dir = org_with(&[
        (
            "people/twice.yaml",
            "id: twice\nname: Twice\nteam: platform\nname: Again\n",
        ),
        (
            "goals/2026-Q4/twice.md",
            "---\nid: twice-goal\ntitle: T\nperiod: 2026-Q4\ntitle: U\n---\n",
        ),
    ]);
    let checked = check_in_time(&org_root(&dir));
    assert_eq!(
        checked.diagnostics,
        [
            "duplicate-key goals/2026-Q4/twice.md:5:1",
            CANARY_PROBLEM,
            "duplicate-key people/twice.yaml:4:1",
        ]
    );
    assert_eq!(checked.code, 1);
}

#[test]
fn tab_indentation_is_reported_at_the_tab() {
    // Regression: the parser reported these after the tab, or at the end of
    // the line before it.
    let dir = org_with(&[
        (
            "people/tabbed.yaml",
            "id: tabbed\nname: Tabbed\n\tteam: platform\n",
        ),
        (
            "people/nested.yaml",
            "id: nested\nname:\n\tfirst: Nes\nteam: platform\n",
        ),
        (
            "goals/2026-Q4/tabbed.md",
            "---\nid: tabbed-goal\ntitle: T\nperiod: 2026-Q4\nkey_results:\n\t- id: kr\n---\n",
        ),
    ]);
    let checked = check_in_time(&org_root(&dir));
    assert_eq!(
        checked.diagnostics,
        [
            "yaml-syntax goals/2026-Q4/tabbed.md:6:1",
            CANARY_PROBLEM,
            "yaml-syntax people/nested.yaml:3:1",
            "yaml-syntax people/tabbed.yaml:3:1",
        ]
    );
    assert_eq!(checked.code, 1);
}

#[test]
fn a_second_yaml_document_is_reported() {
    let dir = org_with(&[(
        "people/two.yaml",
        "id: two\nname: Two\nteam: platform\n---\nid: three\n",
    )]);
    let checked = check_in_time(&org_root(&dir));
    assert_eq!(
        checked.diagnostics,
        [CANARY_PROBLEM, "yaml-syntax people/two.yaml:5:1"]
    );
    assert!(
        checked
            .output
            .contains("a second YAML document starts here; orgit reads one per file"),
        "{}",
        checked.output
    );
}

#[test]
fn one_run_reports_every_hostile_file() {
    let person_bomb = format!(
        "id: bomb\nname: Bomb\nteam: platform\n{}",
        merge_key_bomb("role", "lol")
    );
    let deep = format!("{}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let dir = org_with(&[
        ("people/bomb.yaml", &person_bomb),
        ("people/deep.yaml", &deep),
        ("people/empty.yaml", ""),
        ("people/dashes.yaml", "---\n"),
        ("people/twice.yaml", "id: twice\nname: T\nname: U\n"),
        (
            "people/tabbed.yaml",
            "id: tabbed\nname: T\n\tteam: platform\n",
        ),
    ]);
    let org = org_root(&dir);
    let mut big = String::from("# ");
    big.push_str(&"x".repeat(1024 * 1024));
    write_bytes(&org, "people/big.yaml", big.as_bytes());
    write_bytes(&org, "people/latin.yaml", b"id: latin\nname: Jos\xe9\n");

    let checked = check_in_time(&org);
    assert_eq!(
        checked.diagnostics,
        [
            "file-too-large people/big.yaml:1:1",
            "yaml-too-complex people/bomb.yaml:4:286",
            "wrong-type people/dashes.yaml:1:1",
            CANARY_PROBLEM,
            "yaml-too-complex people/deep.yaml:1:256",
            "wrong-type people/empty.yaml:1:1",
            "not-text people/latin.yaml:1:1",
            "yaml-syntax people/tabbed.yaml:3:1",
            "duplicate-key people/twice.yaml:3:1",
        ]
    );
    // Every file was listed, and the valid ones loaded: MINIMAL_ORG's goal
    // references its people and teams without a single unknown-reference.
    assert_eq!(checked.files, BASE_FILES + 8);
    assert_eq!(checked.code, 1);
}
