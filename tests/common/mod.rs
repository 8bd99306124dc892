//! Helpers shared by the integration tests: run the real binary, build real git
//! repositories with fixed authors and dates.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of the binary printed and how it exited.
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `orgit ARGS` in `dir`, with a clean environment for color and CI.
pub fn orgit(dir: &Path, args: &[&str]) -> Run {
    orgit_with_env(dir, args, &[])
}

pub fn orgit_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_orgit"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        // The width of human output; a pipe gets 80 columns.
        .env_remove("COLUMNS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_ACTIONS");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("the orgit binary runs");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes an executable script at `path`. A child process (`install`) writes
/// it, never this one: while this process holds a file open for writing, any
/// command another test thread forks inherits that descriptor until it execs,
/// and running the script in that window fails with "Text file busy" (exit
/// 126). Written from a child, the only writer is gone before the script runs.
pub fn write_executable(path: &Path, script: &str) {
    let source = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(source.path(), script).unwrap();
    let status = Command::new("install")
        .args(["-m", "755"])
        .arg(source.path())
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "install {} failed", path.display());
}

/// Writes `files` (path, content) under `dir`, creating folders.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (path, content) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
}

/// A small valid org: settings, two teams, three people, one goal.
pub const MINIMAL_ORG: &[(&str, &str)] = &[
    ("orgit.yaml", "name: Acme\ntimezone: Europe/Berlin\n"),
    (
        "teams/company.yaml",
        "id: company\nname: Company\nlead: ana\n",
    ),
    (
        "teams/platform.yaml",
        "id: platform\nname: Platform\nparent: company\nlead: bo\n",
    ),
    (
        "people/ana.yaml",
        "id: ana\nname: Ana Silva\nteam: company\n",
    ),
    ("people/bo.yaml", "id: bo\nname: Bo Chen\nteam: platform\n"),
    (
        "people/cy.yaml",
        "id: cy\nname: Cy Okafor\nteam: platform\n",
    ),
    (
        "goals/2026-Q4/reliability.md",
        "---\nid: reliability\ntitle: Be reliable\nowner: bo\nteam: platform\nperiod: 2026-Q4\nhealth: on_track\nkey_results:\n  - id: uptime\n    title: Uptime\n    metric: {baseline: 99.5, target: 99.9, current: 99.7, unit: \"%\"}\n---\n\nCustomers trust us.\n",
    ),
];

/// A git repository in a temp dir whose commits have fixed authors and dates,
/// so ids and output are the same on every run.
pub struct TestRepo {
    pub dir: tempfile::TempDir,
    pub repo: git2::Repository,
}

impl TestRepo {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        repo.set_head("refs/heads/main").unwrap();
        TestRepo { dir, repo }
    }

    /// The repository a command (say, `orgit example`) made in `dir`.
    pub fn open(dir: tempfile::TempDir) -> Self {
        let repo = git2::Repository::open(dir.path()).unwrap();
        TestRepo { dir, repo }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes files, stages everything and commits on HEAD as `author` at
    /// `date` (`YYYY-MM-DD`, noon UTC). Returns the commit id.
    pub fn commit(
        &self,
        files: &[(&str, &str)],
        message: &str,
        author: &str,
        date: &str,
    ) -> git2::Oid {
        write_files(self.path(), files);
        let mut index = self.repo.index().unwrap();
        index
            .add_all(["*"].iter(), git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        index.update_all(["*"].iter(), None).unwrap();
        index.write().unwrap();
        let tree = self.repo.find_tree(index.write_tree().unwrap()).unwrap();
        let when: jiff::Timestamp = format!("{date}T12:00:00Z").parse().unwrap();
        let time = git2::Time::new(when.as_second(), 0);
        let signature =
            git2::Signature::new(author, &format!("{author}@example.com"), &time).unwrap();
        let parent = self.repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        self.repo
            .commit(
                Some("HEAD"),
                &signature,
                &signature,
                message,
                &tree,
                &parents,
            )
            .unwrap()
    }

    pub fn remove(&self, path: &str) {
        std::fs::remove_file(self.path().join(path)).unwrap();
    }
}

/// The date "today" for runs that check dates, so results are reproducible.
pub const TODAY: &str = "2026-11-22";

/// A run of `orgit check --format json`, reduced to what tests assert on.
#[derive(Debug)]
pub struct Checked {
    /// Each diagnostic as `code file:line:col`, in output order.
    pub diagnostics: Vec<String>,
    /// How many files the summary says were read.
    pub files: u64,
    pub code: i32,
    /// stdout and stderr together, for "this never appears" assertions.
    pub output: String,
}

/// The arguments of `orgit check --format json --today TODAY ARGS`.
pub fn check_json_args<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["check", "--format", "json", "--today", TODAY];
    all.extend_from_slice(args);
    all
}

/// Runs `orgit check --format json --today TODAY ARGS` in `dir`.
pub fn check_json(dir: &Path, args: &[&str]) -> Checked {
    Checked::from_run(&orgit(dir, &check_json_args(args)))
}

impl Checked {
    /// Reads the JSON report a run printed; panics with the run's output
    /// when there is none.
    pub fn from_run(run: &Run) -> Checked {
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
            panic!(
                "check did not print JSON ({e}); exit {}\nstdout:\n{}\nstderr:\n{}",
                run.code, run.stdout, run.stderr
            )
        });
        let diagnostics = report["diagnostics"]
            .as_array()
            .expect("a diagnostics array")
            .iter()
            .map(|d| {
                format!(
                    "{} {}:{}:{}",
                    d["code"].as_str().unwrap(),
                    d["file"].as_str().unwrap(),
                    d["line"],
                    d["column"]
                )
            })
            .collect();
        Checked {
            diagnostics,
            files: report["summary"]["files"].as_u64().expect("a file count"),
            code: run.code,
            output: format!("{}{}", run.stdout, run.stderr),
        }
    }
}

/// `git clone --quiet ARGS file://SOURCE` into a new temp dir, through the
/// real git (libgit2 cannot make shallow clones).
pub fn git_clone(source: &Path, args: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("git")
        .args(["clone", "--quiet"])
        .args(args)
        .arg(format!("file://{}", source.display()))
        .arg(dir.path())
        .status()
        .expect("git runs");
    assert!(status.success());
    dir
}

/// Copies every file under `from` into `to`, keeping relative paths.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A page of the documentation, `docs/<name>`.
pub fn doc(name: &str) -> String {
    std::fs::read_to_string(repo_root().join("docs").join(name))
        .unwrap_or_else(|e| panic!("docs/{name}: {e}"))
}

/// The section of a markdown page that starts with the heading `heading`
/// (a whole line, `## ...`) and runs to the next heading of the same level
/// or higher.
pub fn doc_section<'a>(page: &'a str, heading: &str) -> &'a str {
    let start = page
        .find(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("no heading `{heading}`"));
    let level = heading.chars().take_while(|c| *c == '#').count();
    let body = &page[start + heading.len()..];
    let end = body
        .match_indices("\n#")
        .find(|(at, _)| {
            let line = &body[at + 1..];
            let hashes = line.chars().take_while(|c| *c == '#').count();
            hashes <= level && line[hashes..].starts_with(' ')
        })
        .map_or(body.len(), |(at, _)| at);
    &page[start..start + heading.len() + end]
}

/// The fields of a JSON document, at any depth, that `reference` does not
/// name: a field `made` is named by `` `made` ``, `` `decisions.made` `` or
/// `` `made.x` ``. Sorted.
pub fn undocumented_fields(json: &serde_json::Value, reference: &str) -> Vec<String> {
    fn keys(value: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    out.insert(key.clone());
                    keys(value, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let mut fields = std::collections::BTreeSet::new();
    keys(json, &mut fields);
    fields
        .into_iter()
        .filter(|field| {
            ![
                format!("`{field}`"),
                format!("`{field}."),
                format!(".{field}`"),
            ]
            .iter()
            .any(|form| reference.contains(form.as_str()))
        })
        .collect()
}

/// Whether the external tool `name` (`dot`, `git`, `shellcheck`) runs here.
/// A test that needs a missing tool skips with a message saying what to
/// install, unless `ORGIT_TEST_TOOLS=required` (as `.ci/run` sets, having
/// installed them all): then a missing tool fails the test.
pub fn tool(name: &str, package: &str) -> bool {
    let found = Command::new(name)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok();
    if !found {
        let required = std::env::var("ORGIT_TEST_TOOLS").is_ok_and(|v| v == "required");
        assert!(
            !required,
            "`{name}` is not installed (ORGIT_TEST_TOOLS=required): install {package}"
        );
        eprintln!("skipped: this test needs `{name}`; install {package} to run it");
    }
    found
}
