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
const PAGES_WORKFLOW: &str = ".github/workflows/orgit-pages.yml";
const REMIND_WORKFLOW: &str = ".github/workflows/orgit-remind.yml";
const CODEOWNERS: &str = ".github/CODEOWNERS";

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
    "schema/kpi.schema.json",
    "schema/issue.schema.json",
    "schema/todo.schema.json",
    "schema/update.schema.json",
    PR_WORKFLOW,
    WEEKLY_WORKFLOW,
    PAGES_WORKFLOW,
    REMIND_WORKFLOW,
    CODEOWNERS,
];

/// The action the workflows of most tests install orgit with.
const ACTION: &str = "action:acme/orgit@v0.1.0";

/// Runs `orgit init ARGS --today TODAY` in `dir` and expects success; the
/// workflows use [`ACTION`] unless ARGS name another `--orgit-source`.
fn init(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["init"];
    all.extend_from_slice(args);
    if !args.contains(&"--orgit-source") {
        all.extend_from_slice(&["--orgit-source", ACTION]);
    }
    all.extend_from_slice(&["--today", TODAY]);
    let run = orgit(dir, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    run.stdout
}

/// Runs `orgit init ARGS --orgit-source ACTION` in `dir`, whatever happens.
fn init_run(dir: &Path, args: &[&str]) -> crate::common::Run {
    let mut all = vec!["init"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--orgit-source", ACTION]);
    orgit(dir, &all)
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
         2. make people/lead.yaml you: your name, email and GitHub handle, then `orgit codeowners`\n  \
         3. orgit check\n  \
         4. git add -A && git commit -m \"Start the plan with orgit\"\n  \
         5. push to GitHub: pull requests get `orgit check` and an `orgit diff` comment, \
         each Monday the weekly digest is committed, and on check-in day a reminder issue \
         names who owes an update (see README.md)\n",
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
    insta::assert_snapshot!(
        "init_remind_workflow",
        without_version(&read(org.join(REMIND_WORKFLOW)))
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
    let zone = init_run(dir.path(), &["acme", "--timezone", "Mars/Olympus"]);
    assert_eq!(zone.code, 2);
    assert_eq!(
        zone.stderr,
        "error: unknown time zone `Mars/Olympus`\n\
         hint: use an IANA time zone name, such as `UTC`, `Europe/Berlin` or `America/New_York`\n"
    );
    let month = init_run(dir.path(), &["acme", "--fiscal-year-start-month", "13"]);
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
    let file = init_run(dir.path(), &["taken"]);
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

    let again = init_run(dir.path(), &["acme", "--today", TODAY]);
    assert_eq!(again.code, 2);
    assert_eq!(again.stdout, "");
    let mut expected = format!(
        "error: {} of the files orgit init writes are in the way; nothing was written\n",
        FILES.len()
    );
    for file in FILES {
        let size = before[*file].len() as u64;
        let size = indicatif::HumanBytes(size);
        expected.push_str(&format!("  would write acme/{file} ({size}): exists\n"));
    }
    expected.push_str(
        "hint: move them away, keep the existing files and write the rest (`orgit init \
         --skip-existing`), or run `orgit init` in another folder (`orgit init DIR`)\n",
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

    let run = init_run(dir.path(), &["--name", "Acme", "--today", TODAY]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: 1 of the files orgit init writes is in the way; nothing was written\n  \
             would write README.md ({}): exists\n\
             hint: move them away, keep the existing files and write the rest (`orgit init \
             --skip-existing`), or run `orgit init` in another folder (`orgit init DIR`)\n",
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
fn skip_existing_keeps_githubs_readme_and_writes_the_rest() {
    // A repository made on GitHub "with a README", then cloned.
    let repo = crate::common::TestRepo::new();
    repo.commit(
        &[("README.md", "# plan\n")],
        "Initial commit",
        "GitHub",
        "2026-11-16",
    );
    let dry = orgit(
        repo.path(),
        &[
            "init",
            "--name",
            "Acme",
            "--today",
            TODAY,
            "--skip-existing",
            "--dry-run",
            "--orgit-source",
            ACTION,
        ],
    );
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout.contains("\nwould keep README.md (exists)\n"),
        "{}",
        dry.stdout
    );
    assert!(!dry.stdout.contains("would write README.md"));

    let run = orgit(
        repo.path(),
        &[
            "init",
            "--name",
            "Acme",
            "--today",
            TODAY,
            "--skip-existing",
            "--orgit-source",
            ACTION,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("\nkept README.md (exists)\nleft the git repository in . as it is"),
        "{}",
        run.stdout
    );
    assert_eq!(read(repo.path().join("README.md")), "# plan\n");
    let written: Vec<String> = files_under(repo.path())
        .into_keys()
        .filter(|path| !path.starts_with(".git/"))
        .collect();
    assert_eq!(written, sorted(FILES));
    let check = orgit(repo.path(), &["check", "--today", TODAY]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn dry_run_lists_what_init_would_write_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let run = init_run(dir.path(), &["acme", "--dry-run", "--today", TODAY]);
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
             wrote .github/workflows/orgit-pages.yml\nwrote .github/workflows/orgit-remind.yml\n\
             wrote .github/CODEOWNERS\n\
             left the git repository in . as it is: nothing is staged or committed\n\
             \nNext steps:\n  1. cd 'ops/the plan'\n  \
             2. make people/lead.yaml you: your name, email and GitHub handle, then `orgit codeowners`\n  \
             3. orgit check\n  \
             4. git add . ../../.github/workflows ../../.github/CODEOWNERS && git commit -m \"Start the plan with orgit\"\n"
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
        // Per job: the PR workflow's install job and the weekly one's
        // review-due job have no checkout, so no org folder to run in.
        for (job, body) in doc["jobs"].as_object().unwrap() {
            let folder = &body["defaults"]["run"]["working-directory"];
            if job == "install" || job == "review-due" {
                assert!(folder.is_null(), "{workflow}: {job}");
            } else {
                assert_eq!(folder, "ops/the plan", "{workflow}: {job}");
            }
        }
    }
    // Only pull requests that touch the org or the workflows run them.
    let pr = workflow_yaml(&repo.path().join(PR_WORKFLOW));
    assert_eq!(
        pr["on"]["pull_request"]["paths"],
        serde_json::json!(["ops/the plan/**", ".github/workflows/orgit-*.yml"])
    );
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
             1. make people/lead.yaml you: your name, email and GitHub handle, then `orgit codeowners`\n  \
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
    for (job, body) in doc["jobs"].as_object().unwrap() {
        assert!(
            body.get("defaults").is_none(),
            "the org is at the top: {job}"
        );
    }
    assert!(
        doc["on"]["pull_request"].is_null(),
        "no paths filter: the whole repository is the org"
    );
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
    let remind = workflow_yaml(&org.join(REMIND_WORKFLOW));

    for workflow in [&pr, &weekly, &remind] {
        // Least privilege: nothing by default, each job says what it needs.
        assert_eq!(workflow["permissions"], serde_json::json!({}));
        for (job, body) in workflow["jobs"].as_object().unwrap() {
            assert!(body["permissions"].is_object(), "permissions of {job}");
        }
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

    // orgit is built once per run: by the install job, which needs no
    // rights; every other job waits for it and restores its build.
    assert_eq!(pr["jobs"]["install"]["permissions"], serde_json::json!({}));
    assert!(pr["jobs"]["install"].get("needs").is_none());
    for job in ["check", "diff"] {
        assert_eq!(pr["jobs"][job]["needs"], "install", "{job}");
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
    // Also after a failed description, which the step then posts, so the
    // comment never stays up out of date.
    assert_eq!(
        comment["if"],
        "${{ !cancelled() && steps.describe.outcome != 'skipped' && \
         github.event.pull_request.head.repo.full_name == github.repository }}"
    );
    assert!(
        step("Describe the change")["run"]
            .as_str()
            .unwrap()
            .contains("--max-chars 65536"),
        "GitHub's limit for a comment"
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

    // The reviews: their own schedule, each job on its own, the review job
    // only once the month's first working day is confirmed.
    assert_eq!(weekly["on"]["schedule"][1]["cron"], "0 7 1-3 * *");
    assert_eq!(
        weekly["jobs"]["digest"]["if"],
        "github.event_name != 'schedule' || github.event.schedule == '0 6 * * 1'"
    );
    assert_eq!(
        weekly["jobs"]["review-due"]["if"],
        "github.event_name != 'schedule' || github.event.schedule == '0 7 1-3 * *'"
    );
    assert_eq!(
        weekly["jobs"]["review-due"]["permissions"],
        serde_json::json!({})
    );
    let reviews = &weekly["jobs"]["reviews"];
    assert_eq!(reviews["needs"], "review-due");
    assert_eq!(reviews["if"], "needs.review-due.outputs.run == 'true'");
    assert_eq!(
        reviews["permissions"],
        serde_json::json!({"contents": "write"})
    );
    for kind in ["monthly", "quarterly"] {
        let command = format!("orgit review {kind} --commit --skip-before-history");
        assert!(runs.iter().any(|r| r.contains(&command)), "{command}");
    }

    // The reminder: on check-in day (Friday, 09:00 in the default UTC), on
    // pushes to main and on demand; it reads the repository and writes
    // issues, nothing else, one run at a time.
    assert_eq!(remind["on"]["schedule"][0]["cron"], "0 9 * * 5");
    assert_eq!(
        remind["on"]["push"]["branches"],
        serde_json::json!(["main"])
    );
    assert!(remind["on"].get("workflow_dispatch").is_some());
    assert_eq!(
        remind["concurrency"],
        serde_json::json!({"group": "orgit-remind", "cancel-in-progress": false})
    );
    assert_eq!(
        remind["jobs"]["remind"]["permissions"],
        serde_json::json!({"contents": "read", "issues": "write"})
    );
}

// ---- the workflows' scripts, run for real ----

/// A folder with an `orgit` that runs this build as of `TODAY`, and whatever
/// else a test puts there, to go first on `PATH`.
struct FakeBin {
    dir: tempfile::TempDir,
}

impl FakeBin {
    fn new() -> FakeBin {
        FakeBin::on(TODAY)
    }

    /// An `orgit` that runs as of `today`.
    fn on(today: &str) -> FakeBin {
        let fake = FakeBin {
            dir: tempfile::tempdir().unwrap(),
        };
        fake.script(
            "orgit",
            &format!(
                "exec '{}' --today {today} \"$@\"\n",
                env!("CARGO_BIN_EXE_orgit")
            ),
        );
        fake
    }

    fn script(&self, name: &str, body: &str) {
        crate::common::write_executable(&self.dir.path().join(name), &format!("#!/bin/sh\n{body}"));
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
    // With TMPDIR inside a repository (a target dir in a checkout), init joins
    // that repository, and the commands below would commit and add a remote
    // there: stop before touching it.
    assert!(
        work.join(".git").is_dir(),
        "`{}` is inside a git repository, so `orgit init` did not create one; \
         set TMPDIR to a folder outside any repository",
        dir.display()
    );
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

/// Runs the review job's "Decide" step with `date` saying day `day` of the
/// month, weekday `weekday` (1 Monday to 7 Sunday); what it wrote.
fn review_due(weekly: &Value, work: &Path, event: &str, day: u32, weekday: u32) -> String {
    let bin = FakeBin::new();
    bin.script(
        "date",
        &format!("case \"$2\" in +%-d) echo {day};; +%u) echo {weekday};; esac\n"),
    );
    let output_file = tempfile::NamedTempFile::new().unwrap();
    let env = [
        ("PATH", bin.path_var()),
        ("GITHUB_OUTPUT", output_file.path().display().to_string()),
    ];
    let output = run_step(
        weekly,
        "Decide",
        work,
        &[("github.event_name", event)],
        &env,
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(output_file.path()).unwrap()
}

#[test]
fn the_reviews_run_on_the_first_working_day_and_commit_each_review_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (work, origin) = initialized_and_pushed(dir.path());
    let weekly = workflow_yaml(&work.join(WEEKLY_WORKFLOW));
    // Tuesday the 1st; Monday the 3rd after a weekend 1st; not Tuesday the 2nd.
    assert_eq!(review_due(&weekly, &work, "schedule", 1, 2), "run=true\n");
    assert_eq!(review_due(&weekly, &work, "schedule", 3, 1), "run=true\n");
    assert_eq!(review_due(&weekly, &work, "schedule", 2, 2), "run=false\n");
    assert_eq!(review_due(&weekly, &work, "schedule", 1, 6), "run=false\n");
    assert_eq!(
        review_due(&weekly, &work, "workflow_dispatch", 2, 2),
        "run=true\n"
    );

    // On 1 December: November is reviewed; 2026-Q3 ended before the first
    // commit (10 November) and is skipped, not an error.
    let bin = FakeBin::on("2026-12-01");
    let env = [
        ("PATH", bin.path_var()),
        ("GITHUB_REF", "refs/heads/main".to_owned()),
    ];
    for step in ["Write and commit the reviews", "Push the reviews"] {
        let output = run_step(&weekly, step, &work, &[], &env);
        assert!(
            output.status.success(),
            "{step}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        if step.starts_with("Write") {
            assert_eq!(
                String::from_utf8_lossy(&output.stderr),
                "committed reviews/2026-11.md as ".to_owned()
                    + &git(&work, &["rev-parse", "--short=7", "HEAD"])
                    + "2026-Q3 ended before the first commit: nothing to review\n"
            );
        }
    }
    let log = git(
        &origin,
        &["log", "--format=%s", "--name-status", "-1", "main"],
    );
    assert_eq!(
        log,
        "review: Acme monthly review 2026-11\n\nA\treviews/2026-11.md\n"
    );
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
        ("github.server_url", "https://github.com"),
        ("github.run_id", "42"),
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
    // (A lead who gave their handle without regenerating CODEOWNERS is
    // caught; see the test after this one.)
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

    // CODEOWNERS and schema/ as init wrote them are current.
    for name in [
        "Check that CODEOWNERS matches the owners in the plan",
        "Check that schema/ matches this orgit",
    ] {
        let (_, env) = with_summary("steps.md");
        let output = run_step(&pr, name, &work, &github, &env);
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stdout)
        );
    }

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

/// The reminder issue's two steps, run as on GitHub on `today` for `event`
/// with `gh` answering the search for open reminders with `open_issues`:
/// (what "Write the reminder" set as `owed`, every `gh` call).
fn remind_run(work: &Path, today: &str, event: &str, open_issues: &str) -> (String, String) {
    let remind = workflow_yaml(&work.join(REMIND_WORKFLOW));
    let bin = FakeBin::on(today);
    let runner_temp = tempfile::tempdir().unwrap();
    let gh_log = runner_temp.path().join("gh.log");
    let output_file = runner_temp.path().join("output");
    bin.script(
        "gh",
        &format!(
            "echo \"GH_TOKEN=$GH_TOKEN $*\" >> \"$GH_LOG\"\n\
             case \"$1\" in api) printf '{open_issues}' ;; esac\n"
        ),
    );
    let env = [
        ("PATH", bin.path_var()),
        ("RUNNER_TEMP", runner_temp.path().display().to_string()),
        ("GH_LOG", gh_log.display().to_string()),
        ("GITHUB_OUTPUT", output_file.display().to_string()),
        (
            "GITHUB_STEP_SUMMARY",
            runner_temp.path().join("summary.md").display().to_string(),
        ),
    ];
    let write = run_step(&remind, "Write the reminder", work, &[], &env);
    assert!(
        write.status.success(),
        "{}",
        String::from_utf8_lossy(&write.stderr)
    );
    let body = read(runner_temp.path().join("orgit-remind.md"));
    assert!(body.starts_with("<!-- orgit-remind -->\n"), "{body}");
    assert_eq!(read(runner_temp.path().join("summary.md")), body);
    let owed = read(&output_file)
        .strip_prefix("owed=")
        .expect("owed=")
        .trim()
        .to_owned();
    let github = [
        ("github.token", "t0ken"),
        ("github.repository", "acme/plan"),
        ("github.event_name", event),
        ("steps.remind.outputs.owed", owed.as_str()),
    ];
    let post = run_step(
        &remind,
        "Open, update or close the reminder issue",
        work,
        &github,
        &env,
    );
    assert!(
        post.status.success(),
        "{}",
        String::from_utf8_lossy(&post.stderr)
    );
    let calls = read(&gh_log).replace(&runner_temp.path().display().to_string(), "$RUNNER_TEMP");
    (owed, calls)
}

#[test]
fn the_reminder_keeps_one_issue_open_while_something_is_owed_and_closes_it_after() {
    let dir = tempfile::tempdir().unwrap();
    let (work, _) = initialized_and_pushed(dir.path());
    let search = "GH_TOKEN=t0ken api repos/acme/plan/issues?state=open&creator=github-actions%5Bbot%5D\
                  &sort=created&direction=asc --paginate --jq .[] | select(.pull_request == null and \
                  ((.body // \"\") | startswith(\"<!-- orgit-remind -->\"))) | .number\n";
    let body = "--body-file $RUNNER_TEMP/orgit-remind.md";
    let owed_title = "Acme · Owed for 2026-W48: 1 stale item";

    // Friday of W48: the goal committed on 10 November is 17 days untouched.
    // No reminder is open: one is opened.
    let (owed, calls) = remind_run(&work, "2026-11-27", "schedule", "");
    assert_eq!(owed, "true");
    assert_eq!(
        calls,
        format!(
            "{search}GH_TOKEN=t0ken issue create --repo acme/plan --title {owed_title} {body}\n"
        )
    );

    // Open ones (two, an old one reopened meanwhile): the oldest is edited,
    // and no second one is opened.
    let (_, calls) = remind_run(&work, "2026-11-27", "schedule", "12\\n15\\n");
    assert_eq!(
        calls,
        format!(
            "{search}GH_TOKEN=t0ken issue edit 12 --repo acme/plan --title {owed_title} {body}\n"
        )
    );

    // A push with something owed and none open: a check-in landing never
    // opens a reminder.
    let (owed, calls) = remind_run(&work, "2026-11-27", "push", "");
    assert_eq!((owed.as_str(), calls.as_str()), ("true", search));

    // Nothing owed (a week after the first commit, before check-in day):
    // the open reminder says so and is closed; with none open, nothing.
    let nothing_title = "Acme · Nothing owed for 2026-W47";
    let (owed, calls) = remind_run(&work, "2026-11-17", "push", "12\\n");
    assert_eq!(owed, "false");
    assert_eq!(
        calls,
        format!(
            "{search}GH_TOKEN=t0ken issue edit 12 --repo acme/plan --title {nothing_title} {body}\n\
             GH_TOKEN=t0ken issue close 12 --repo acme/plan --reason completed --comment {nothing_title}\n"
        )
    );
    let (_, calls) = remind_run(&work, "2026-11-17", "schedule", "");
    assert_eq!(calls, search);
}

/// The reminder wakes on check-in day at 09:00 or later in the org's zone,
/// which far east of UTC is the evening before in UTC.
#[test]
fn the_reminder_wakes_on_check_in_day_morning_in_the_orgs_time_zone() {
    let dir = tempfile::tempdir().unwrap();
    let run = init_run(
        dir.path(),
        &["org", "--timezone", "Pacific/Auckland", "--today", TODAY],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let remind = workflow_yaml(&dir.path().join("org").join(REMIND_WORKFLOW));
    assert_eq!(remind["on"]["schedule"][0]["cron"], "0 21 * * 4");
}

// ---- where the workflows get orgit from ----

#[test]
fn without_a_known_source_for_orgit_init_explains_the_flag_and_writes_nothing() {
    // This orgit's Cargo.toml names no repository, and orgit is not on
    // crates.io: a workflow cannot install it without being told from where.
    assert_eq!(env!("CARGO_PKG_REPOSITORY"), "");
    let dir = tempfile::tempdir().unwrap();
    let run = orgit(dir.path(), &["init", "acme", "--today", TODAY]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: cannot tell where the workflows should get orgit from: this orgit was built \
             without the address of its repository on GitHub (no `repository` in its Cargo.toml), \
             and it is not published on crates.io\n\
             hint: pass `--orgit-source action:OWNER/REPO@REF` (the GitHub repository you host \
             orgit's sources in, at a tag or commit: its action.yml builds orgit there), \
             `--orgit-source git:URL@REV`, or `--orgit-source crates.io` once orgit {VERSION} \
             is published there; see docs/ci.md\n"
        )
    );
    let unpinned = orgit(
        dir.path(),
        &["init", "acme", "--orgit-source", "action:acme/orgit"],
    );
    assert_eq!(unpinned.code, 2);
    assert!(
        unpinned
            .stderr
            .starts_with("error: `acme/orgit` is not pinned to a revision\n"),
        "{}",
        unpinned.stderr
    );
    assert!(files_under(dir.path()).is_empty());
}

/// The install steps of every job of `workflow`, by job.
fn install_steps(workflow: &Value) -> BTreeMap<String, Vec<Value>> {
    let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (job, step) in steps(workflow) {
        let name = step["name"].as_str().unwrap_or_default();
        if name.contains("orgit") && !name.starts_with("Check") && name != "Describe the change" {
            out.entry(job).or_default().push(step);
        }
    }
    out
}

#[test]
fn the_action_source_uses_the_pinned_action_in_every_job() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &["acme"]);
    let org = dir.path().join("acme");
    for workflow in [PR_WORKFLOW, WEEKLY_WORKFLOW] {
        let doc = workflow_yaml(&org.join(workflow));
        assert!(doc.get("env").is_none(), "{workflow}");
        let installs = install_steps(&doc);
        // Every job but the one that only looks at the calendar.
        let jobs = doc["jobs"].as_object().unwrap();
        assert_eq!(
            installs.len(),
            jobs.keys().filter(|j| *j != "review-due").count()
        );
        for (job, steps) in installs {
            assert_eq!(
                steps,
                [serde_json::json!({"name": "Install orgit", "uses": "acme/orgit@v0.1.0"})],
                "{workflow}: {job}"
            );
        }
    }
    let readme = read(org.join("README.md"));
    assert!(
        readme.contains("CI installs orgit from the action acme/orgit@v0.1.0, pinned"),
        "{readme}"
    );
    // What the check job also holds the repository to, and the fix.
    assert!(
        readme.contains("handles, run `orgit codeowners`; after upgrading orgit, `orgit schema`."),
        "{readme}"
    );
}

#[test]
fn git_and_crates_io_sources_build_pinned_restore_and_save_apart() {
    for (source, pin, build) in [
        (
            "git:https://github.com/acme/orgit@0123abc",
            "0123abc",
            "install --locked --git https://github.com/acme/orgit --rev 0123abc orgit",
        ),
        (
            "crates.io",
            VERSION,
            &*format!("install --locked orgit --version {VERSION}").leak(),
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path(), &["acme", "--orgit-source", source]);
        let org = dir.path().join("acme");
        for workflow in [PR_WORKFLOW, WEEKLY_WORKFLOW] {
            let doc = workflow_yaml(&org.join(workflow));
            assert_eq!(doc["env"]["ORGIT_PIN"], pin, "{source}");
            for (job, steps) in install_steps(&doc) {
                let names: Vec<&str> = steps.iter().map(|s| s["name"].as_str().unwrap()).collect();
                assert_eq!(
                    names,
                    [
                        "Restore orgit from the cache",
                        "Build orgit",
                        "Save orgit to the cache"
                    ],
                    "{source} {workflow} {job}"
                );
                let (restore, build_step, save) = (&steps[0], &steps[1], &steps[2]);
                assert_eq!(restore["uses"], "actions/cache/restore@v4");
                assert_eq!(
                    restore["with"]["key"],
                    "orgit-${{ runner.os }}-${{ runner.arch }}-${{ env.ORGIT_PIN }}"
                );
                let miss = "steps.orgit-cache.outputs.cache-hit != 'true'";
                assert_eq!(build_step["if"], miss);
                // Saved in a step of its own, right after the build: before
                // the check, so a failing check keeps the build.
                assert_eq!(save["uses"], "actions/cache/save@v4");
                assert_eq!(save["if"], miss);
                assert_eq!(restore["with"]["path"], save["with"]["path"]);
            }
            // The build step's script, run with a cargo that records what
            // it was asked.
            let bin = FakeBin::new();
            let log = dir.path().join("cargo.log");
            bin.script("cargo", "echo \"$*\" >> \"$CARGO_LOG\"\n");
            let mut env = vec![
                ("PATH", bin.path_var()),
                ("CARGO_LOG", log.display().to_string()),
            ];
            for (key, value) in doc["env"].as_object().unwrap() {
                env.push((key.as_str(), value.as_str().unwrap().to_owned()));
            }
            let _ = std::fs::remove_file(&log);
            let output = run_step(&doc, "Build orgit", dir.path(), &[], &env);
            assert!(output.status.success(), "{source}");
            assert_eq!(read(&log), format!("{build}\n"), "{source} {workflow}");
        }
    }
}

/// An org whose branch `many` adds `count` people, each with a long name:
/// a diff comment of about 100 characters per person.
fn a_branch_adding_people(count: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (work, _) = initialized_and_pushed(dir.path());
    git(&work, &["checkout", "--quiet", "-b", "many"]);
    for n in 0..count {
        std::fs::write(
            work.join(format!("people/person-{n:04}.yaml")),
            format!(
                "id: person-{n:04}\nname: Person Number {n:04} With A Rather Long Name\nteam: company\nrole: Engineer\n"
            ),
        )
        .unwrap();
    }
    git(&work, &["add", "-A"]);
    git(&work, &["commit", "--quiet", "-m", "Everyone"]);
    (dir, work)
}

#[test]
fn a_comment_over_githubs_limit_is_cut_short_with_a_note() {
    let (_dir, work) = a_branch_adding_people(1000);
    git(&work, &["update-ref", "refs/remotes/origin/main", "main"]);
    let full = orgit(&work, &["diff", "origin/main", "--today", TODAY]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    assert!(
        full.stdout.chars().count() > 65_536,
        "the test needs a long diff: {}",
        full.stdout.chars().count()
    );

    let pr = workflow_yaml(&work.join(PR_WORKFLOW));
    let bin = FakeBin::new();
    let runner_temp = tempfile::tempdir().unwrap();
    let summary = runner_temp.path().join("summary.md");
    let env = [
        ("PATH", bin.path_var()),
        ("RUNNER_TEMP", runner_temp.path().display().to_string()),
        ("GITHUB_STEP_SUMMARY", summary.display().to_string()),
    ];
    let github = [
        ("github.base_ref", "main"),
        ("github.server_url", "https://github.com"),
        ("github.repository", "acme/plan"),
        ("github.run_id", "42"),
    ];
    let describe = run_step(&pr, "Describe the change", &work, &github, &env);
    assert!(
        describe.status.success(),
        "{}",
        String::from_utf8_lossy(&describe.stderr)
    );
    let comment = read(runner_temp.path().join("orgit-diff.md"));
    assert!(comment.chars().count() <= 65_536);
    assert!(comment.starts_with("<!-- orgit-diff -->\n"));
    assert!(
        comment.ends_with(
            "\n</details>\n\n**This comment is cut short**: the whole change does not fit in \
             65536 characters. Run `orgit diff origin/main` for all of it.\n"
        ),
        "{}",
        &comment[comment.len() - 300..]
    );
    // Whole lines of the full comment, up to where it was cut.
    let kept = comment
        .split("\n\n</details>\n\n**This comment")
        .next()
        .unwrap();
    assert!(full.stdout.starts_with(kept));
    assert_eq!(read(&summary), comment);
}

#[test]
fn a_diff_that_cannot_run_leaves_a_comment_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let (work, _) = initialized_and_pushed(dir.path());
    let pr = workflow_yaml(&work.join(PR_WORKFLOW));
    let bin = FakeBin::new();
    let runner_temp = tempfile::tempdir().unwrap();
    let summary = runner_temp.path().join("summary.md");
    let env = [
        ("PATH", bin.path_var()),
        ("RUNNER_TEMP", runner_temp.path().display().to_string()),
        ("GITHUB_STEP_SUMMARY", summary.display().to_string()),
    ];
    // A target branch that is not there: orgit diff exits 2.
    let github = [
        ("github.base_ref", "gone"),
        ("github.server_url", "https://github.com"),
        ("github.repository", "acme/plan"),
        ("github.run_id", "42"),
    ];
    let describe = run_step(&pr, "Describe the change", &work, &github, &env);
    assert_eq!(describe.status.code(), Some(1));
    let comment = read(runner_temp.path().join("orgit-diff.md"));
    assert_eq!(
        comment,
        "<!-- orgit-diff -->\n**orgit diff could not describe this change.** \
         See the log of https://github.com/acme/plan/actions/runs/42\n"
    );
    assert_eq!(read(&summary), comment);
}

#[test]
fn every_script_of_every_generated_workflow_and_the_action_passes_shellcheck() {
    if !crate::common::tool("shellcheck", "ShellCheck (`apt-get install shellcheck`)") {
        return;
    }
    let mut scripts: Vec<(String, String)> = Vec::new();
    let sources = [
        ACTION,
        "git:https://github.com/acme/orgit@0123abc",
        "crates.io",
    ];
    for source in sources {
        let repo = TestRepo::new();
        init(repo.path(), &["ops", "--orgit-source", source]);
        for workflow in [
            PR_WORKFLOW,
            WEEKLY_WORKFLOW,
            PAGES_WORKFLOW,
            REMIND_WORKFLOW,
        ] {
            for (job, step) in steps(&workflow_yaml(&repo.path().join(workflow))) {
                if let Some(script) = step["run"].as_str() {
                    let name = format!("{source} {workflow} {job}: {}", step["name"]);
                    scripts.push((name, script.to_owned()));
                }
            }
        }
    }
    let action = workflow_yaml(&crate::common::repo_root().join("action.yml"));
    for step in action["runs"]["steps"].as_array().unwrap() {
        if let Some(script) = step["run"].as_str() {
            scripts.push((format!("action.yml: {}", step["name"]), script.to_owned()));
        }
    }
    assert!(scripts.len() > 10, "{}", scripts.len());
    for (name, script) in scripts {
        // As the runner runs them: bash, `-e` and `pipefail`.
        let mut child = Command::new("shellcheck")
            .args(["--shell=bash", "--severity=style", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(script.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{name}:\n{}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn a_pull_request_that_changes_owners_without_regenerating_codeowners_fails() {
    let dir = tempfile::tempdir().unwrap();
    let (work, _) = initialized_and_pushed(dir.path());
    let pr = workflow_yaml(&work.join(PR_WORKFLOW));
    let lead = work.join("people/lead.yaml");
    std::fs::write(
        &lead,
        read(&lead).replace("# github: your-handle", "github: ana-lead"),
    )
    .unwrap();
    let bin = FakeBin::new();
    let step = "Check that CODEOWNERS matches the owners in the plan";
    let env = [("PATH", bin.path_var())];
    let stale = run_step(&pr, step, &work, &[], &env);
    assert_eq!(stale.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&stale.stdout),
        "`.github/CODEOWNERS` is stale: run `orgit codeowners` to regenerate it\n"
    );
    // The lead now reviews everything the plan's items do not claim.
    let write = orgit(&work, &["codeowners"]);
    assert_eq!(write.code, 0, "{}", write.stderr);
    assert_eq!(write.stderr, "");
    let text = read(work.join(CODEOWNERS));
    for line in [
        "\n* @ana-lead\n",
        "\n/orgit.yaml @ana-lead\n",
        "\n/.github/ @ana-lead\n",
        "\n/updates/*/company.md @ana-lead\n",
        "\n/goals/2026-Q4/plan-in-git-2026-q4.md @ana-lead\n",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
    assert!(run_step(&pr, step, &work, &[], &env).status.success());
}

/// Cron runs in UTC and the digest picks the last complete week in the
/// org's zone: at 06:00 UTC on a Monday Los Angeles is still on Sunday and
/// would get the week before last. The hour follows `--timezone`.
#[test]
fn the_weekly_workflow_wakes_after_monday_has_begun_in_the_orgs_time_zone() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    let run = init_run(
        dir.path(),
        &["org", "--timezone", "America/Los_Angeles", "--today", TODAY],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let weekly = workflow_yaml(&org.join(WEEKLY_WORKFLOW));
    assert_eq!(weekly["on"]["schedule"][0]["cron"], "0 9 * * 1");
    assert_eq!(weekly["on"]["schedule"][1]["cron"], "0 10 1-3 * *");
    // Each job still recognises its own schedule.
    assert_eq!(
        weekly["jobs"]["digest"]["if"],
        "github.event_name != 'schedule' || github.event.schedule == '0 9 * * 1'"
    );
    assert_eq!(
        weekly["jobs"]["review-due"]["if"],
        "github.event_name != 'schedule' || github.event.schedule == '0 10 1-3 * *'"
    );
}
