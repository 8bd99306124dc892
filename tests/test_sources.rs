//! Where the org comes from: the org root found like cargo finds Cargo.toml,
//! `-C DIR`, an org inside a larger repository, and `--at REV` read from git
//! (never checked out, the working tree untouched). Then the exit code
//! contract every run ends in: 0 ok, 1 problems, 2 could not run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{MINIMAL_ORG, Run, TODAY, TestRepo, check_json, orgit, write_files};

/// A person with a misspelled field, which nothing references.
const CANARY: (&str, &str) = (
    "people/dee.yaml",
    "id: dee\nname: Dee Park\ntema: platform\n",
);
const CANARY_PROBLEM: &str = "unknown-field people/dee.yaml:3:1";

/// `files` with every path under `prefix/`.
fn under(prefix: &str, files: &[(&str, &str)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(path, text)| (format!("{prefix}/{path}"), text.to_string()))
        .collect()
}

fn as_refs(files: &[(String, String)]) -> Vec<(&str, &str)> {
    files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect()
}

/// A temp dir holding an org: MINIMAL_ORG plus the canary.
fn org_with_canary() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);
    write_files(dir.path(), &[CANARY]);
    dir
}

/// Every file under `dir` with its bytes, `.git` left out.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if entry.file_name() == ".git" {
                continue;
            }
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, &mut out);
    out
}

/// The test asserts about "no repository" or "no orgit.yaml" only mean
/// something when the temp dir's ancestors hold neither.
fn assert_ancestors_lack(dir: &Path, name: &str) {
    for ancestor in dir.ancestors().skip(1) {
        assert!(
            !ancestor.join(name).exists(),
            "`{}` exists above the temp dir; this test cannot run here",
            ancestor.join(name).display()
        );
    }
}

fn stderr_lines(run: &Run) -> Vec<&str> {
    run.stderr.lines().collect()
}

// Finding the org root

#[test]
fn dash_c_checks_an_org_from_anywhere() {
    let org = org_with_canary();
    let elsewhere = tempfile::tempdir().unwrap();

    let absolute = check_json(elsewhere.path(), &["-C", org.path().to_str().unwrap()]);
    assert_eq!(absolute.diagnostics, [CANARY_PROBLEM]);
    assert_eq!(absolute.files, 8);
    assert_eq!(absolute.code, 1);

    let parent = org.path().parent().unwrap();
    let name = org.path().file_name().unwrap().to_str().unwrap();
    let relative = check_json(parent, &["-C", name]);
    assert_eq!(relative.diagnostics, [CANARY_PROBLEM]);
    assert_eq!(relative.code, 1);
}

#[test]
fn dash_c_to_a_missing_folder_cannot_run() {
    let dir = tempfile::tempdir().unwrap();
    let run = orgit(dir.path(), &["-C", "nowhere", "check"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    let lines = stderr_lines(&run);
    assert!(
        lines[0].starts_with("error: cannot change to `"),
        "{lines:?}"
    );
    assert!(lines[0].ends_with("nowhere`: not a directory"), "{lines:?}");
}

#[test]
fn a_subfolder_finds_the_org_root_above_it() {
    let org = org_with_canary();
    for folder in ["goals/2026-Q4", "people", "goals"] {
        let checked = check_json(&org.path().join(folder), &[]);
        // Paths stay org-relative: the root is above where orgit runs.
        assert_eq!(checked.diagnostics, [CANARY_PROBLEM], "from {folder}");
        assert_eq!(checked.files, 8);
        assert_eq!(checked.code, 1);
    }
}

#[test]
fn no_orgit_yaml_anywhere_cannot_run_and_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    assert_ancestors_lack(dir.path(), "orgit.yaml");
    let start = dir.path().join("plans/q4");
    write_files(&start, &[("people/ana.yaml", "id: ana\nname: Ana\n")]);

    let run = orgit(&start, &["check"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    let lines = stderr_lines(&run);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("error: could not find `orgit.yaml` in `"),
        "{lines:?}"
    );
    assert!(lines[0].ends_with("q4` or any parent folder"), "{lines:?}");
    assert_eq!(
        lines[1],
        "hint: run orgit inside an org, point at one with `-C DIR`, or create `orgit.yaml` in the org's top folder"
    );
}

#[test]
fn an_org_root_inside_a_larger_repository() {
    let repo = TestRepo::new();
    let mut files = under("plans/org", MINIMAL_ORG);
    files.extend(under("plans/org", &[CANARY]));
    // Files outside the org root that look like org files: never read.
    files.push(("people/outsider.yaml".into(), "not: [valid\n".into()));
    files.push(("plans/people/x.yaml".into(), "\t\tbroken\n".into()));
    files.push(("src/main.rs".into(), "fn main() {}\n".into()));
    repo.commit(&as_refs(&files), "Plans", "ana", "2026-11-02");
    // Fixed in the working tree, not committed.
    write_files(
        &repo.path().join("plans/org"),
        &[(
            "people/dee.yaml",
            "id: dee\nname: Dee Park\nteam: platform\n",
        )],
    );
    let org = repo.path().join("plans/org");

    let worktree = check_json(&org.join("goals/2026-Q4"), &[]);
    assert_eq!(worktree.diagnostics, Vec::<String>::new());
    assert_eq!(worktree.files, 8);
    assert_eq!(worktree.code, 0);

    // The org root's tree at the revision, whichever folder orgit starts in.
    let from_top = check_json(repo.path(), &["-C", "plans/org", "--at", "HEAD"]);
    let from_inside = check_json(&org.join("people"), &["--at", "HEAD"]);
    for at_head in [from_top, from_inside] {
        assert_eq!(at_head.diagnostics, [CANARY_PROBLEM]);
        assert_eq!(at_head.files, 8);
        assert_eq!(at_head.code, 1);
    }
}

// `--at REV`

#[test]
fn at_rev_reads_the_commit_and_leaves_the_working_tree_alone() {
    let repo = TestRepo::new();
    let dee = (
        "people/dee.yaml",
        "id: dee\nname: Dee Park\nteam: platform\n",
    );
    let mut valid = MINIMAL_ORG.to_vec();
    valid.push(dee);
    repo.commit(&valid, "A valid org", "ana", "2026-11-02");
    repo.commit(
        &[(
            "people/cy.yaml",
            "id: cy\nname: Cy Okafor\ntema: platform\n",
        )],
        "Break cy",
        "bo",
        "2026-11-09",
    );
    // Uncommitted: cy fixed, dee broken, and a broken untracked file.
    write_files(
        repo.path(),
        &[
            (
                "people/cy.yaml",
                "id: cy\nname: Cy Okafor\nteam: platform\n",
            ),
            (
                "people/dee.yaml",
                "id: dee\nnmae: Dee Park\nteam: platform\n",
            ),
            ("people/new.yaml", "id: new\nname: New\nteem: platform\n"),
        ],
    );
    let files_before = snapshot(repo.path());
    let index_before = std::fs::read(repo.path().join(".git/index")).unwrap();
    let head_before = repo.repo.head().unwrap().target();

    let before_break = check_json(repo.path(), &["--at", "HEAD~1"]);
    assert_eq!(before_break.diagnostics, Vec::<String>::new());
    assert_eq!(before_break.files, 8);
    assert_eq!(before_break.code, 0);

    let at_head = check_json(repo.path(), &["--at", "HEAD"]);
    assert_eq!(at_head.diagnostics, ["unknown-field people/cy.yaml:3:1"]);
    assert_eq!(at_head.files, 8);
    assert_eq!(at_head.code, 1);

    let worktree = check_json(repo.path(), &[]);
    assert_eq!(
        worktree.diagnostics,
        [
            "unknown-field people/dee.yaml:2:1",
            "unknown-field people/new.yaml:3:1",
        ]
    );
    assert_eq!(worktree.files, 9);

    assert_eq!(snapshot(repo.path()), files_before, "working tree changed");
    assert_eq!(
        std::fs::read(repo.path().join(".git/index")).unwrap(),
        index_before,
        "index changed"
    );
    assert_eq!(repo.repo.head().unwrap().target(), head_before);
}

#[test]
fn at_a_revision_that_does_not_exist_cannot_run() {
    let repo = TestRepo::new();
    repo.commit(MINIMAL_ORG, "A valid org", "ana", "2026-11-02");

    let run = orgit(repo.path(), &["check", "--at", "no-such-branch"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    let lines = stderr_lines(&run);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("error: cannot resolve revision `no-such-branch`"),
        "{lines:?}"
    );
    assert_eq!(
        lines[1],
        "hint: branches and tags here: `main` (`git branch -a` and `git log --oneline` list \
         them all); after a force push, fetch first"
    );
}

#[test]
fn at_a_revision_without_the_org_root_cannot_run() {
    let repo = TestRepo::new();
    repo.commit(&[("README.md", "# Plans\n")], "Start", "ana", "2026-11-02");
    let files = under("plans/org", MINIMAL_ORG);
    repo.commit(&as_refs(&files), "Add the org", "ana", "2026-11-09");

    let run = orgit(&repo.path().join("plans/org"), &["check", "--at", "HEAD~1"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("error: `plans/org` does not exist at `HEAD~1` ("),
        "{}",
        run.stderr
    );
}

#[test]
fn at_outside_a_git_repository_cannot_run() {
    let org = org_with_canary();
    assert_ancestors_lack(org.path(), ".git");

    let run = orgit(org.path(), &["check", "--at", "HEAD"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("error: `--at HEAD` needs a git repository, but `"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn at_rev_never_follows_a_committed_symlink_out_of_the_org_root() {
    symlinks_at_rev(0);
}

/// The same with hundreds of files more, which are read from git on every
/// core, each reader with its own handle on the repository. They sort
/// before the links, so the links are in a second reader's share.
#[cfg(unix)]
#[test]
fn at_rev_never_follows_a_committed_symlink_out_of_a_large_org() {
    symlinks_at_rev(400);
}

/// `--at HEAD` on an org whose links point outside it and inside it, with
/// `extra_people` valid people besides.
#[cfg(unix)]
fn symlinks_at_rev(extra_people: usize) {
    use std::os::unix::fs::symlink;

    let repo = TestRepo::new();
    let org = repo.path().join("org");
    let people: Vec<(String, String)> = (0..extra_people)
        .map(|n| {
            (
                format!("people/a{n:03}.yaml"),
                format!("id: a{n:03}\nname: Person {n}\nteam: platform\n"),
            )
        })
        .collect();
    let people: Vec<(&str, &str)> = people
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect();
    write_files(&org, &people);
    write_files(
        repo.path(),
        &[
            ("secret.yaml", "SECRET-MARKER: 1\n"),
            (
                "org/shared/eve.yaml",
                "id: eve\nname: Eve\nteem: platform\n",
            ),
        ],
    );
    write_files(&org, MINIMAL_ORG);
    write_files(&org, &[CANARY]);
    // In the repository but outside the org root, by relative and absolute path.
    symlink("../../secret.yaml", org.join("people/evil.yaml")).unwrap();
    symlink(repo.path().join("secret.yaml"), org.join("people/abs.yaml")).unwrap();
    // Inside the org root: followed.
    symlink("../shared/eve.yaml", org.join("people/eve.yaml")).unwrap();
    repo.commit(&[], "Links", "ana", "2026-11-02");
    let tree = repo.repo.head().unwrap().peel_to_tree().unwrap();
    let mode = tree
        .get_path(Path::new("org/people/evil.yaml"))
        .unwrap()
        .filemode();
    assert_eq!(mode, 0o120000, "committed as a symlink");

    let checked = check_json(&org, &["--at", "HEAD"]);
    assert_eq!(
        checked.diagnostics,
        [
            "symlink-outside-root people/abs.yaml:1:1",
            CANARY_PROBLEM,
            "unknown-field people/eve.yaml:3:1",
            "symlink-outside-root people/evil.yaml:1:1",
        ]
    );
    assert_eq!(checked.code, 1);
    assert!(!checked.output.contains("SECRET"), "{}", checked.output);
}

#[test]
fn at_rev_reports_a_committed_file_over_the_cap() {
    let repo = TestRepo::new();
    let mut big = String::from("id: big\nname: Big\nteam: platform\n# ");
    big.push_str(&"x".repeat(1024 * 1024));
    let mut files = MINIMAL_ORG.to_vec();
    files.push(("people/big.yaml", &big));
    repo.commit(&files, "A big file", "ana", "2026-11-02");
    // Gone from the working tree: only the blob in git is checked.
    repo.remove("people/big.yaml");

    let checked = check_json(repo.path(), &["--at", "HEAD"]);
    assert_eq!(checked.diagnostics, ["file-too-large people/big.yaml:1:1"]);
    let size = big.len();
    assert!(
        checked.output.contains(&format!("file is {size} bytes")),
        "{}",
        checked.output
    );
    assert_eq!(checked.code, 1);
}

// Exit codes: 0 ok, 1 problems, 2 could not run

#[test]
fn a_clean_org_exits_0_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);

    let run = orgit(dir.path(), &["check", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("no problems in 7 files"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");

    let checked = check_json(dir.path(), &[]);
    assert_eq!(checked.diagnostics, Vec::<String>::new());
    assert_eq!(checked.code, 0);
}

#[test]
fn warnings_exit_0_unless_denied() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);
    // A file where orgit does not read one: a warning.
    write_files(dir.path(), &[("people/notes.md", "# Notes\n")]);

    let allowed = check_json(dir.path(), &[]);
    assert_eq!(allowed.diagnostics, ["misplaced-file people/notes.md:1:1"]);
    assert_eq!(allowed.code, 0);

    let denied = check_json(dir.path(), &["--deny-warnings"]);
    assert_eq!(denied.diagnostics, ["misplaced-file people/notes.md:1:1"]);
    assert_eq!(denied.code, 1);
}

#[test]
fn errors_exit_1() {
    let org = org_with_canary();
    let checked = check_json(org.path(), &[]);
    assert_eq!(checked.diagnostics, [CANARY_PROBLEM]);
    assert_eq!(checked.code, 1);
}

#[test]
fn an_unknown_subcommand_or_flag_cannot_run() {
    let org = org_with_canary();

    let subcommand = orgit(org.path(), &["frobnicate"]);
    assert_eq!(subcommand.code, 2);
    assert_eq!(subcommand.stdout, "");
    assert!(
        subcommand
            .stderr
            .starts_with("error: unrecognized subcommand 'frobnicate'"),
        "{}",
        subcommand.stderr
    );

    let flag = orgit(org.path(), &["check", "--frobnicate"]);
    assert_eq!(flag.code, 2);
    assert_eq!(flag.stdout, "");
    assert!(
        flag.stderr
            .starts_with("error: unexpected argument '--frobnicate' found"),
        "{}",
        flag.stderr
    );
}

#[test]
fn explain_prints_a_code_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let run = orgit(dir.path(), &["explain", "unknown-reference"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout.starts_with(
            "unknown-reference (error): a reference names an id that does not exist\n\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("The help line suggests the closest existing id.")
    );
}

#[test]
fn explain_of_an_unknown_code_cannot_run_and_hints() {
    let dir = tempfile::tempdir().unwrap();

    let nope = orgit(dir.path(), &["explain", "nope"]);
    assert_eq!(nope.code, 2);
    assert_eq!(nope.stdout, "");
    assert_eq!(
        stderr_lines(&nope),
        [
            "error: unknown diagnostic code `nope`",
            "hint: `orgit explain` lists every code",
        ]
    );

    let typo = orgit(dir.path(), &["explain", "unknown-referense"]);
    assert_eq!(typo.code, 2);
    assert_eq!(
        stderr_lines(&typo),
        [
            "error: unknown diagnostic code `unknown-referense`",
            "hint: did you mean `unknown-reference`?",
        ]
    );
}

#[test]
fn explain_as_json_lists_every_code_with_its_explanation() {
    let dir = tempfile::tempdir().unwrap();
    let all = orgit(dir.path(), &["explain", "--format", "json"]);
    assert_eq!((all.code, all.stderr.as_str()), (0, ""));
    let json: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    let entries = json.as_array().unwrap();
    let text = orgit(dir.path(), &["explain"]);
    assert_eq!(entries.len(), text.stdout.lines().count());
    assert_eq!(entries[0]["code"], "unreadable-file");
    let unknown = entries
        .iter()
        .find(|e| e["code"] == "unknown-reference")
        .unwrap();
    assert_eq!(unknown["severity"], "error");
    assert_eq!(
        unknown["summary"],
        "a reference names an id that does not exist"
    );
    let one = orgit(dir.path(), &["explain", "unknown-reference"]);
    assert!(
        one.stdout
            .ends_with(&format!("{}\n", unknown["explanation"].as_str().unwrap())),
        "{}",
        one.stdout
    );
    let single = orgit(
        dir.path(),
        &["explain", "unknown-reference", "--format", "json"],
    );
    let single: serde_json::Value = serde_json::from_str(&single.stdout).unwrap();
    assert_eq!(&single, unknown);

    let page = crate::common::doc("diagnostics.md");
    let section = crate::common::doc_section(&page, "## Explain as JSON");
    let undocumented = crate::common::undocumented_fields(&json, section);
    assert!(undocumented.is_empty(), "{undocumented:?}");
}
