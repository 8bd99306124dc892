//! `orgit init`: a new org that checks clean, workflows that keep their
//! promises (and run: their scripts are executed here against real
//! repositories, with `gh` faked), and never a byte overwritten.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{TestRepo, orgit, write_files};

/// A Monday: the first goal is in 2026-Q4, the last complete week is W46.
const TODAY: &str = "2026-11-16";

const VERSION: &str = env!("CARGO_PKG_VERSION");

const PR_WORKFLOW: &str = ".github/workflows/orgit-pr.yml";
const WEEKLY_WORKFLOW: &str = ".github/workflows/orgit-weekly.yml";

/// Every file the scaffold writes, in the order init lists them.
const FILES: &[&str] = &[
    "orgit.yaml",
    "README.md",
    ".gitignore",
    "teams/company.yaml",
    "people/lead.yaml",
    "goals/2026-Q4/plan-in-git-2026-q4.md",
    "decisions/0001-plan-in-git.md",
    "schema/orgit.schema.json",
    "schema/person.schema.json",
    "schema/team.schema.json",
    "schema/goal.schema.json",
    "schema/initiative.schema.json",
    "schema/decision.schema.json",
    "schema/risk.schema.json",
    "schema/update.schema.json",
    PR_WORKFLOW,
    WEEKLY_WORKFLOW,
];

/// Runs `orgit init ARGS --today TODAY` in `dir` and expects success.
fn init(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["init"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--today", TODAY]);
    let run = orgit(dir, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    run.stdout
}

/// Every file under `dir` but the `.git` folder, by `/`-separated path.
fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            let path = format!("{prefix}{name}");
            if entry.file_type().unwrap().is_dir() {
                if name != ".git" {
                    walk(&entry.path(), &format!("{path}/"), out);
                }
            } else {
                out.insert(path, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

fn sorted(paths: &[&str]) -> Vec<String> {
    let mut paths: Vec<String> = paths.iter().map(|p| (*p).to_owned()).collect();
    paths.sort();
    paths
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The rendered text with this build's version replaced, so snapshots
/// survive a release.
fn without_version(text: &str) -> String {
    text.replace(VERSION, "<version>")
}

#[test]
fn init_writes_an_org_that_checks_clean_and_a_repository_with_nothing_committed() {
    let dir = tempfile::tempdir().unwrap();
    let stdout = init(dir.path(), &["acme", "--name", "Acme Corp"]);

    let mut expected: String = FILES.iter().map(|f| format!("wrote acme/{f}\n")).collect();
    expected.push_str(
        "created a git repository in acme (branch main); nothing is committed yet\n\
         \n\
         Next steps:\n  \
         1. cd acme\n  \
         2. make people/lead.yaml you: your name, email and GitHub handle\n  \
         3. orgit check\n  \
         4. git add -A && git commit -m \"Start the plan with orgit\"\n  \
         5. push to GitHub: pull requests get `orgit check` and an `orgit diff` comment, \
         and each Monday the weekly digest is committed (see README.md)\n",
    );
    assert_eq!(stdout, expected);

    let org = dir.path().join("acme");
    assert_eq!(
        files_under(&org).into_keys().collect::<Vec<_>>(),
        sorted(FILES)
    );
    let repo = git2::Repository::open(&org).unwrap();
    assert!(repo.head().is_err(), "nothing is committed");
    assert_eq!(
        repo.find_reference("HEAD")
            .unwrap()
            .symbolic_target()
            .unwrap(),
        Some("refs/heads/main")
    );
    assert!(repo.index().unwrap().is_empty(), "nothing is staged");

    let check = orgit(&org, &["check", "--today", TODAY]);
    assert_eq!(
        (check.code, check.stdout.as_str(), check.stderr.as_str()),
        (0, "ok: check passed, no problems in 5 files\n", "")
    );
    // Clean all quarter long, not just on the day it was written.
    let check = orgit(&org, &["check", "--deny-warnings", "--today", "2026-12-31"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    // The schemas are the ones this orgit writes.
    let schema = orgit(&org, &["schema", "--check"]);
    assert_eq!(schema.code, 0, "{}", schema.stdout);

    // Every YAML file and frontmatter names its schema, relative to itself.
    for (path, schema) in [
        ("orgit.yaml", "schema/orgit.schema.json"),
        ("teams/company.yaml", "../schema/team.schema.json"),
        ("people/lead.yaml", "../schema/person.schema.json"),
        (
            "goals/2026-Q4/plan-in-git-2026-q4.md",
            "../../schema/goal.schema.json",
        ),
        (
            "decisions/0001-plan-in-git.md",
            "../schema/decision.schema.json",
        ),
    ] {
        let modeline = format!("# yaml-language-server: $schema={schema}\n");
        assert!(read(org.join(path)).contains(&modeline), "{path}");
        let target = org.join(path).parent().unwrap().join(schema);
        assert!(target.is_file(), "{path} points at {}", target.display());
    }

    insta::assert_snapshot!("init_orgit_yaml", read(org.join("orgit.yaml")));
    insta::assert_snapshot!(
        "init_pr_workflow",
        without_version(&read(org.join(PR_WORKFLOW)))
    );
    insta::assert_snapshot!(
        "init_weekly_workflow",
        without_version(&read(org.join(WEEKLY_WORKFLOW)))
    );
}

#[test]
fn the_name_defaults_to_the_folder_and_odd_names_stay_valid_yaml() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &["northwind"]);
    let settings = read(dir.path().join("northwind/orgit.yaml"));
    assert!(settings.contains("\nname: northwind\n"), "{settings}");

    let odd = "R&D: \"Labs\" #1";
    init(
        dir.path(),
        &["odd", "--name", odd, "--timezone", "America/New_York"],
    );
    let settings = read(dir.path().join("odd/orgit.yaml"));
    assert!(
        settings.contains("\nname: \"R&D: \\\"Labs\\\" #1\"\n"),
        "{settings}"
    );
    assert!(
        settings.contains("\ntimezone: America/New_York\n"),
        "{settings}"
    );
    let check = orgit(&dir.path().join("odd"), &["check", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    let team = read(dir.path().join("odd/teams/company.yaml"));
    assert!(
        team.contains("\nname: \"R&D: \\\"Labs\\\" #1\"\n"),
        "{team}"
    );
}

#[test]
fn bad_options_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let zone = orgit(dir.path(), &["init", "acme", "--timezone", "Mars/Olympus"]);
    assert_eq!(zone.code, 2);
    assert_eq!(
        zone.stderr,
        "error: unknown time zone `Mars/Olympus`\n\
         hint: use an IANA time zone name, such as `UTC`, `Europe/Berlin` or `America/New_York`\n"
    );
    let month = orgit(
        dir.path(),
        &["init", "acme", "--fiscal-year-start-month", "13"],
    );
    assert_eq!(month.code, 2);
    assert!(
        month.stderr.contains("13 is not in 1..=12"),
        "{}",
        month.stderr
    );
    let at = orgit(dir.path(), &["init", "acme", "--at", "HEAD"]);
    assert_eq!(at.code, 2);
    assert_eq!(
        at.stderr,
        "error: `--at` reads an org as of a revision; `orgit init` creates one\nhint: drop `--at`\n"
    );
    std::fs::write(dir.path().join("taken"), "a file").unwrap();
    let file = orgit(dir.path(), &["init", "taken"]);
    assert_eq!(file.code, 2);
    assert!(
        file.stderr.ends_with(
            "taken` is a file, not a folder\nhint: give `orgit init` a folder to create the org in\n"
        ),
        "{}",
        file.stderr
    );
    assert_eq!(
        files_under(dir.path()).into_keys().collect::<Vec<_>>(),
        ["taken"]
    );
}

#[test]
fn the_fiscal_year_decides_the_first_goals_quarter() {
    let dir = tempfile::tempdir().unwrap();
    // A fiscal year that starts in February: November is in Q4 of FY2027.
    init(dir.path(), &["acme", "--fiscal-year-start-month", "2"]);
    let org = dir.path().join("acme");
    let goal = read(org.join("goals/2027-Q4/plan-in-git-2027-q4.md"));
    assert!(goal.contains("\nperiod: 2027-Q4\n"), "{goal}");
    assert!(read(org.join("orgit.yaml")).contains("\nfiscal_year_start_month: 2\n"));
    let check = orgit(&org, &["check", "--today", TODAY]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn init_again_refuses_lists_every_file_in_the_way_and_changes_no_byte() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &["acme"]);
    let org = dir.path().join("acme");
    // Someone's edit since, which must survive.
    let edited =
        read(org.join("orgit.yaml")).replace("stale_after_days: 14", "stale_after_days: 7");
    std::fs::write(org.join("orgit.yaml"), &edited).unwrap();
    let before = files_under(&org);
    let git_before = files_under(&org.join(".git"));

    let again = orgit(dir.path(), &["init", "acme", "--today", TODAY]);
    assert_eq!(again.code, 2);
    assert_eq!(again.stdout, "");
    let mut expected = String::from(
        "error: 17 of the files orgit init writes are in the way; nothing was written\n",
    );
    for file in FILES {
        let size = before[*file].len() as u64;
        let size = indicatif::HumanBytes(size);
        expected.push_str(&format!("  would write acme/{file} ({size}): exists\n"));
    }
    expected.push_str(
        "hint: move them away, or run `orgit init` in another folder (`orgit init DIR`)\n",
    );
    // The sizes are what init would write: the edited file is one byte
    // shorter on disk.
    let expected = expected.replace(
        &format!(
            "acme/orgit.yaml ({})",
            indicatif::HumanBytes(edited.len() as u64)
        ),
        &format!(
            "acme/orgit.yaml ({})",
            indicatif::HumanBytes(edited.len() as u64 + 1)
        ),
    );
    assert_eq!(again.stderr, expected);
    assert_eq!(files_under(&org), before);
    assert_eq!(files_under(&org.join(".git")), git_before);
}

#[test]
fn one_file_in_the_way_stops_all_of_them() {
    let dir = tempfile::tempdir().unwrap();
    // A repository made on GitHub "with a README", then cloned.
    write_files(dir.path(), &[("README.md", "# plan\n")]);
    let reference = tempfile::tempdir().unwrap();
    init(reference.path(), &[".", "--name", "Acme"]);
    let readme_size = std::fs::metadata(reference.path().join("README.md"))
        .unwrap()
        .len();

    let run = orgit(dir.path(), &["init", "--name", "Acme", "--today", TODAY]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: 1 of the files orgit init writes is in the way; nothing was written\n  \
             would write README.md ({}): exists\n\
             hint: move them away, or run `orgit init` in another folder (`orgit init DIR`)\n",
            indicatif::HumanBytes(readme_size)
        )
    );
    assert_eq!(
        files_under(dir.path()).into_keys().collect::<Vec<_>>(),
        ["README.md"]
    );
    assert!(!dir.path().join(".git").exists());
}

#[test]
fn dry_run_lists_what_init_would_write_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let run = orgit(dir.path(), &["init", "acme", "--dry-run", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!dir.path().join("acme").exists());
    assert!(files_under(dir.path()).is_empty());

    let written = tempfile::tempdir().unwrap();
    init(written.path(), &["acme"]);
    let files = files_under(&written.path().join("acme"));
    let mut expected: String = FILES
        .iter()
        .map(|f| {
            let size = indicatif::HumanBytes(files[*f].len() as u64);
            format!("would write acme/{f} ({size})\n")
        })
        .collect();
    expected
        .push_str("would create a git repository in acme (branch main), with nothing committed\n");
    assert_eq!(run.stdout, expected);
}

#[test]
fn inside_a_repository_the_workflows_go_to_its_top_and_run_in_the_org_folder() {
    let repo = TestRepo::new();
    let first = repo.commit(
        &[("src/main.rs", "fn main() {}\n")],
        "Code",
        "Ana",
        "2026-11-02",
    );
    let config_before = read(repo.path().join(".git/config"));

    let stdout = init(repo.path(), &["ops/the plan", "--name", "Acme"]);
    assert!(
        stdout.starts_with("wrote ops/the plan/orgit.yaml\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "\nwrote .github/workflows/orgit-pr.yml\nwrote .github/workflows/orgit-weekly.yml\n\
             left the git repository in . as it is: nothing is staged or committed\n\
             \nNext steps:\n  1. cd 'ops/the plan'\n  \
             2. make people/lead.yaml you: your name, email and GitHub handle\n  \
             3. orgit check\n  \
             4. git add . ../../.github/workflows && git commit -m \"Start the plan with orgit\"\n"
        ),
        "{stdout}"
    );

    // Nothing committed, staged or re-initialized.
    let head = repo.repo.head().unwrap().peel_to_commit().unwrap().id();
    assert_eq!(head, first);
    assert_eq!(read(repo.path().join(".git/config")), config_before);
    let statuses = repo.repo.statuses(None).unwrap();
    assert!(statuses.iter().all(|s| s.status() == git2::Status::WT_NEW));
    assert!(!repo.path().join("ops/the plan/.git").exists());
    assert!(!repo.path().join("ops/the plan/.github").exists());

    for workflow in [PR_WORKFLOW, WEEKLY_WORKFLOW] {
        let doc = workflow_yaml(&repo.path().join(workflow));
        assert_eq!(
            doc["defaults"]["run"]["working-directory"], "ops/the plan",
            "{workflow}"
        );
    }
    let org = repo.path().join("ops/the plan");
    let check = orgit(&org, &["check", "--today", TODAY]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(read(org.join("README.md")).contains("run orgit in `ops/the plan`"));
}

#[test]
fn init_in_the_top_of_an_existing_repository_keeps_its_history() {
    let repo = TestRepo::new();
    let first = repo.commit(&[("NOTES.txt", "notes\n")], "Notes", "Ana", "2026-11-02");
    let stdout = init(repo.path(), &["--name", "Acme"]);
    assert!(
        stdout.contains(
            "left the git repository in . as it is: nothing is staged or committed\n\
             \nNext steps:\n  \
             1. make people/lead.yaml you: your name, email and GitHub handle\n  \
             2. orgit check\n  \
             3. git add . && git commit -m \"Start the plan with orgit\"\n"
        ),
        "{stdout}"
    );
    assert_eq!(
        repo.repo.head().unwrap().peel_to_commit().unwrap().id(),
        first
    );
    let doc = workflow_yaml(&repo.path().join(PR_WORKFLOW));
    assert!(doc.get("defaults").is_none(), "the org is at the top");
}

/// A workflow file parsed as YAML, as a JSON value.
fn workflow_yaml(path: &Path) -> Value {
    serde_saphyr::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every step of every job: (job id, step).
fn steps(workflow: &Value) -> Vec<(String, Value)> {
    let jobs = workflow["jobs"].as_object().expect("jobs");
    jobs.iter()
        .flat_map(|(job, body)| {
            let steps = body["steps"].as_array().expect("steps").clone();
            steps.into_iter().map(move |step| (job.clone(), step))
        })
        .collect()
}

#[test]
fn the_workflows_keep_their_promises() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &["acme"]);
    let org = dir.path().join("acme");
    let pr = workflow_yaml(&org.join(PR_WORKFLOW));
    let weekly = workflow_yaml(&org.join(WEEKLY_WORKFLOW));

    for workflow in [&pr, &weekly] {
        // Least privilege: nothing by default, each job says what it needs.
        assert_eq!(workflow["permissions"], serde_json::json!({}));
        for (job, body) in workflow["jobs"].as_object().unwrap() {
            assert!(body["permissions"].is_object(), "permissions of {job}");
        }
        assert_eq!(workflow["env"]["ORGIT_VERSION"], VERSION);
        for (job, step) in steps(workflow) {
            // Every checkout has the whole history: diff, check --base and
            // the digest read it.
            if step["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/checkout@"))
            {
                assert_eq!(step["with"]["fetch-depth"], 0, "checkout in {job}");
            }
            let Some(script) = step["run"].as_str() else {
                continue;
            };
            // No expression is pasted into a script (script injection):
            // values from the event come in through `env`.
            assert!(!script.contains("${{"), "{job}: {script}");
            assert!(
                !script.contains("--force") && !script.contains(" -f "),
                "{script}"
            );
        }
    }

    // Pull requests: the gate with read-only rights, the comment with the
    // right to write it, and never a failed run over a comment.
    assert!(pr["on"]["pull_request"].is_null() && pr["on"].get("pull_request").is_some());
    let jobs = &pr["jobs"];
    assert_eq!(
        jobs["check"]["permissions"],
        serde_json::json!({"contents": "read"})
    );
    assert_eq!(
        jobs["diff"]["permissions"],
        serde_json::json!({"contents": "read", "pull-requests": "write"})
    );
    let pr_steps = steps(&pr);
    let step = |name: &str| -> &Value {
        &pr_steps
            .iter()
            .find(|(_, s)| s["name"] == name)
            .unwrap_or_else(|| panic!("step `{name}`"))
            .1
    };
    let check = step("Check the plan and the change policies");
    assert_eq!(check["env"]["BASE_REF"], "${{ github.base_ref }}");
    assert_eq!(
        check["run"],
        "orgit check --format github --base \"origin/$BASE_REF\""
    );
    let comment = step("Post or update the comment");
    assert_eq!(comment["continue-on-error"], true);
    assert_eq!(
        comment["if"],
        "github.event.pull_request.head.repo.full_name == github.repository"
    );
    assert!(
        comment["run"]
            .as_str()
            .unwrap()
            .contains("<!-- orgit-diff -->")
    );

    // The week: on a schedule and on demand, one run at a time, never
    // cancelled halfway, pushing what it committed.
    assert_eq!(weekly["on"]["schedule"][0]["cron"], "0 6 * * 1");
    assert!(weekly["on"].get("workflow_dispatch").is_some());
    assert_eq!(
        weekly["concurrency"],
        serde_json::json!({"group": "orgit-weekly", "cancel-in-progress": false})
    );
    assert_eq!(
        weekly["jobs"]["digest"]["permissions"],
        serde_json::json!({"contents": "write"})
    );
    let runs: Vec<String> = steps(&weekly)
        .into_iter()
        .filter_map(|(_, s)| s["run"].as_str().map(str::to_owned))
        .collect();
    assert!(
        runs.iter()
            .any(|r| r.contains("orgit digest --write --commit"))
    );
    assert!(runs.iter().any(|r| r.starts_with("git push ")));
}

// ---- the workflows' scripts, run for real ----

/// A folder with an `orgit` that runs this build as of `TODAY`, and whatever
/// else a test puts there, to go first on `PATH`.
struct FakeBin {
    dir: tempfile::TempDir,
}

impl FakeBin {
    fn new() -> FakeBin {
        let fake = FakeBin {
            dir: tempfile::tempdir().unwrap(),
        };
        fake.script(
            "orgit",
            &format!(
                "exec '{}' --today {TODAY} \"$@\"\n",
                env!("CARGO_BIN_EXE_orgit")
            ),
        );
        fake
    }

    fn script(&self, name: &str, body: &str) {
        let path = self.dir.path().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }

    fn path_var(&self) -> String {
        format!(
            "{}:{}",
            self.dir.path().display(),
            std::env::var("PATH").unwrap_or_default()
        )
    }
}

/// The script of the step named `name`, as GitHub runs it: bash with `-e`
/// and `pipefail`, in `dir`, with the step's `env` (expressions resolved
/// from `github`) and `env` on top.
fn run_step(
    workflow: &Value,
    name: &str,
    dir: &Path,
    github: &[(&str, &str)],
    env: &[(&str, String)],
) -> std::process::Output {
    let (_, step) = steps(workflow)
        .into_iter()
        .find(|(_, s)| s["name"] == name)
        .unwrap_or_else(|| panic!("no step `{name}`"));
    let mut command = Command::new("bash");
    command
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c"])
        .arg(step["run"].as_str().unwrap())
        .current_dir(dir)
        .env("ORGIT_VERSION", VERSION)
        .env_remove("GITHUB_STEP_SUMMARY");
    if let Some(step_env) = step["env"].as_object() {
        for (key, value) in step_env {
            let mut value = value.as_str().unwrap().to_owned();
            for (expression, resolved) in github {
                value = value.replace(&format!("${{{{ {expression} }}}}"), resolved);
            }
            assert!(!value.contains("${{"), "unresolved {key}: {value}");
            command.env(key, value);
        }
    }
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", "2026-11-10T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-10T12:00:00Z")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// An org made by init and committed on `main` in W46, pushed to a bare
/// `origin`; returns (work dir, origin).
fn initialized_and_pushed(dir: &Path) -> (PathBuf, PathBuf) {
    let work = dir.join("plan");
    init(dir, &["plan", "--name", "Acme"]);
    git(&work, &["config", "user.name", "Ana"]);
    git(&work, &["config", "user.email", "ana@example.com"]);
    git(&work, &["add", "-A"]);
    git(
        &work,
        &["commit", "--quiet", "-m", "Start the plan with orgit"],
    );
    let origin = dir.join("origin.git");
    git(dir, &["init", "--quiet", "--bare", "origin.git"]);
    git(
        &work,
        &["remote", "add", "origin", origin.to_str().unwrap()],
    );
    git(&work, &["push", "--quiet", "origin", "main"]);
    (work, origin)
}

#[test]
fn after_a_first_commit_the_digest_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (work, _) = initialized_and_pushed(dir.path());
    let digest = orgit(&work, &["digest", "--today", TODAY]);
    assert_eq!(digest.code, 0, "{}", digest.stderr);
    assert!(
        digest.stdout.contains("Run our plan in git"),
        "{}",
        digest.stdout
    );
}

#[test]
fn the_weekly_job_commits_the_digest_alone_and_pushes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (work, origin) = initialized_and_pushed(dir.path());
    let weekly = workflow_yaml(&work.join(WEEKLY_WORKFLOW));
    let bin = FakeBin::new();
    let env = [
        ("PATH", bin.path_var()),
        ("GITHUB_REF", "refs/heads/main".to_owned()),
    ];

    for step in ["Write and commit the digest", "Push the digest"] {
        let output = run_step(&weekly, step, &work, &[], &env);
        assert!(
            output.status.success(),
            "{step}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let log = git(
        &origin,
        &["log", "--format=%an <%ae>|%s", "--name-status", "main"],
    );
    assert!(
        log.starts_with(
            "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|"
        ),
        "{log}"
    );
    let first_commit_files: Vec<&str> = log
        .lines()
        .skip(1)
        .take_while(|line| !line.contains('|'))
        .filter(|line| !line.is_empty())
        .collect();
    assert_eq!(first_commit_files, ["A\tdigests/2026-W46.md"], "{log}");

    // Next Monday's run on the same week: nothing new to commit or push.
    let output = run_step(&weekly, "Write and commit the digest", &work, &[], &env);
    assert!(output.status.success());
    let count = git(&origin, &["rev-list", "--count", "main"]);
    assert_eq!(count.trim(), "2");
}

#[test]
fn the_pull_request_jobs_check_describe_and_post_one_comment() {
    let dir = tempfile::tempdir().unwrap();
    let (work, _) = initialized_and_pushed(dir.path());
    let pr = workflow_yaml(&work.join(PR_WORKFLOW));
    git(&work, &["checkout", "--quiet", "-b", "lower-target"]);
    let goal = work.join("goals/2026-Q4/plan-in-git-2026-q4.md");
    std::fs::write(&goal, read(&goal).replace("target: 3,", "target: 2,")).unwrap();
    git(&work, &["commit", "--quiet", "-am", "Aim for two teams"]);

    let bin = FakeBin::new();
    let runner_temp = tempfile::tempdir().unwrap();
    let gh_log = runner_temp.path().join("gh.log");
    let github = [
        ("github.base_ref", "main"),
        ("github.token", "t0ken"),
        ("github.repository", "acme/plan"),
        ("github.event.pull_request.number", "7"),
    ];
    // Each step has a summary file of its own, as on GitHub.
    let with_summary = |name: &str| {
        let summary = runner_temp.path().join(name);
        let env = vec![
            ("PATH", bin.path_var()),
            ("RUNNER_TEMP", runner_temp.path().display().to_string()),
            ("GH_LOG", gh_log.display().to_string()),
            ("GITHUB_STEP_SUMMARY", summary.display().to_string()),
        ];
        (summary, env)
    };

    // The gate: the lowered target has no decision record.
    let (summary, env) = with_summary("check-summary.md");
    let check = run_step(
        &pr,
        "Check the plan and the change policies",
        &work,
        &github,
        &env,
    );
    assert_eq!(check.status.code(), Some(1));
    let annotations = String::from_utf8_lossy(&check.stdout);
    assert!(
        annotations.starts_with(
            "::error file=goals/2026-Q4/plan-in-git-2026-q4.md,line=13,col=35,\
             endColumn=36,title=lowered-target-without-decision::"
        ),
        "{annotations}"
    );
    assert!(read(&summary).starts_with("## ❌ orgit check: 1 error in 5 files\n"));

    let (summary, env) = with_summary("diff-summary.md");
    let describe = run_step(&pr, "Describe the change", &work, &github, &env);
    assert!(
        describe.status.success(),
        "{}",
        String::from_utf8_lossy(&describe.stderr)
    );
    let comment = read(runner_temp.path().join("orgit-diff.md"));
    assert!(comment.starts_with("<!-- orgit-diff -->\n"), "{comment}");
    assert!(
        comment.contains("target of `teams-planning-here-2026-q4` lowered 3 → 2 teams"),
        "{comment}"
    );
    assert_eq!(read(&summary), comment);

    // No comment yet: one is created.
    bin.script("gh", "echo \"GH_TOKEN=$GH_TOKEN $*\" >> \"$GH_LOG\"\n");
    let post = run_step(&pr, "Post or update the comment", &work, &github, &env);
    assert!(
        post.status.success(),
        "{}",
        String::from_utf8_lossy(&post.stderr)
    );
    let body = runner_temp
        .path()
        .join("orgit-diff.md")
        .display()
        .to_string();
    let list = "GH_TOKEN=t0ken api repos/acme/plan/issues/7/comments --paginate --jq .[] | \
                select(.user.login == \"github-actions[bot]\" and (.body | startswith(\"<!-- orgit-diff -->\"))) | .id";
    assert_eq!(
        read(&gh_log),
        format!("{list}\nGH_TOKEN=t0ken pr comment 7 --repo acme/plan --body-file {body}\n")
    );

    // Comments found (two, after a race): the oldest is updated in place.
    std::fs::remove_file(&gh_log).unwrap();
    bin.script(
        "gh",
        "echo \"GH_TOKEN=$GH_TOKEN $*\" >> \"$GH_LOG\"\n\
         case \"$1\" in api) [ \"$2\" = --method ] || printf '1001\\n1002\\n' ;; esac\n",
    );
    let post = run_step(&pr, "Post or update the comment", &work, &github, &env);
    assert!(
        post.status.success(),
        "{}",
        String::from_utf8_lossy(&post.stderr)
    );
    assert_eq!(
        read(&gh_log),
        format!(
            "{list}\nGH_TOKEN=t0ken api --method PATCH repos/acme/plan/issues/comments/1001 -F body=@{body}\n"
        )
    );
}
