//! `orgit check --base REV`: the change policies on real branches of a real
//! repository, measured from the merge base like a pull request.

use std::path::Path;

use crate::common::{Checked, MINIMAL_ORG, TODAY, TestRepo, check_json_args, git_clone, orgit};

const GOAL: &str = "goals/2026-Q4/reliability.md";
const INITIATIVE: &str = "initiatives/multi-region.md";
const GROWTH_GOAL: &str = "goals/2026-Q4/growth-q4.md";

const MULTI_REGION: &str = "---
id: multi-region
title: Second region
owner: cy
team: platform
supports: [uptime]
status: active
start: 2026-10-01
due: 2026-12-04
---
";

const GROWTH_Q4: &str = "---
id: growth-q4
title: More self-serve sign-ups
owner: dana
team: growth
period: 2026-Q4
key_results:
  - id: signups
    title: Weekly self-serve sign-ups
    metric: {baseline: 300, target: 500, current: 380}
---
";

/// The minimal org plus a growth team, a platform initiative and a growth
/// goal, committed on `main` inside 2026-Q4.
fn org_on_main() -> TestRepo {
    let repo = TestRepo::new();
    let mut files: Vec<(&str, &str)> = MINIMAL_ORG.to_vec();
    files.extend([
        (
            "people/bo.yaml",
            "id: bo\nname: Bo Chen\nteam: platform\ngithub: bo-chen\n",
        ),
        (
            "people/dana.yaml",
            "id: dana\nname: Dana Kim\nteam: growth\ngithub: dana-k\n",
        ),
        (
            "teams/growth.yaml",
            "id: growth\nname: Growth\nparent: company\nlead: dana\n",
        ),
        (INITIATIVE, MULTI_REGION),
        (GROWTH_GOAL, GROWTH_Q4),
    ]);
    repo.commit(&files, "Q4 plan", "Ana Silva", "2026-10-05");
    repo
}

/// [`org_on_main`] with a branch `plan` cut from it and checked out.
fn org_on_a_branch() -> TestRepo {
    let repo = org_on_main();
    branch(&repo, "plan");
    repo
}

/// Creates `name` at HEAD and switches to it.
fn branch(repo: &TestRepo, name: &str) {
    let head = repo.repo.head().unwrap().peel_to_commit().unwrap();
    repo.repo.branch(name, &head, false).unwrap();
    switch(repo, name);
}

/// Checks out the branch `name`, working tree included.
fn switch(repo: &TestRepo, name: &str) {
    repo.repo.set_head(&format!("refs/heads/{name}")).unwrap();
    let mut checkout = git2::build::CheckoutBuilder::new();
    repo.repo.checkout_head(Some(checkout.force())).unwrap();
}

/// The text of `path` with `from` replaced by `to`, exactly once.
fn edited(repo: &TestRepo, path: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(repo.path().join(path)).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {path}");
    text.replacen(from, to, 1)
}

/// Lowers `uptime` 99.9 → 99.8 % and slips `multi-region` two weeks.
fn lower_and_slip(repo: &TestRepo) {
    let goal = edited(repo, GOAL, "target: 99.9", "target: 99.8");
    let initiative = edited(repo, INITIATIVE, "due: 2026-12-04", "due: 2026-12-18");
    repo.commit(
        &[(GOAL, &goal), (INITIATIVE, &initiative)],
        "Re-plan reliability",
        "Bo Chen",
        "2026-11-16",
    );
}

/// Makes the growth goal wait on the platform initiative.
fn wait_on_multi_region(repo: &TestRepo) {
    let goal = edited(
        repo,
        GROWTH_GOAL,
        "period: 2026-Q4\n",
        "period: 2026-Q4\ndepends_on:\n  - on: multi-region\n    need_by: 2026-12-20\n",
    );
    repo.commit(
        &[(GROWTH_GOAL, &goal)],
        "Growth waits on the second region",
        "Dana Kim",
        "2026-11-17",
    );
}

fn check_base(dir: &Path, extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["--today", TODAY, "check", "--base", "main"];
    args.extend_from_slice(extra);
    orgit(dir, &args)
}

#[test]
fn lowering_a_target_and_slipping_a_date_without_a_decision_fails() {
    let repo = org_on_a_branch();
    lower_and_slip(&repo);
    wait_on_multi_region(&repo);
    let run = check_base(repo.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("check_base_lowered_and_slipped", run.stdout);
}

#[test]
fn a_decision_naming_the_items_clears_the_errors_and_the_notice_stays() {
    let repo = org_on_a_branch();
    lower_and_slip(&repo);
    wait_on_multi_region(&repo);
    repo.commit(
        &[(
            "decisions/0001-second-region-later.md",
            "---\nid: 0001-second-region-later\ntitle: Second region two weeks later, uptime target 99.8\nstatus: proposed\ndate: 2026-11-16\nowner: bo\naffects: [uptime, multi-region]\n---\nThe failover drill found a gap.\n",
        )],
        "Decision: second region later",
        "Bo Chen",
        "2026-11-18",
    );
    let run = check_base(repo.path(), &[]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (
            0,
            "\
notice[new-cross-team-dependency]: `growth-q4` (growth) now waits on `multi-region` (platform) by 2026-12-20; ask platform's lead bo (@bo-chen) to review
 --> goals/2026-Q4/growth-q4.md:8:9
  |
8 |   - on: multi-region
  |         ^^^^^^^^^^^^ new dependency on platform's work
  |
 ::: teams/platform.yaml:4:7
  |
4 | lead: bo
  |       -- platform's lead

ok: check passed, 1 notice in 12 files
"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_cross_team_dependency_is_a_notice_that_never_fails() {
    let repo = org_on_a_branch();
    wait_on_multi_region(&repo);

    let denied = check_base(repo.path(), &["--deny-warnings"]);
    assert_eq!(denied.code, 0, "{}{}", denied.stdout, denied.stderr);

    let github = check_base(repo.path(), &["--format", "github"]);
    assert_eq!(
        (github.code, github.stdout.as_str()),
        (
            0,
            "::notice file=goals/2026-Q4/growth-q4.md,line=8,col=9,endColumn=21,title=new-cross-team-dependency::`growth-q4` (growth) now waits on `multi-region` (platform) by 2026-12-20; ask platform's lead bo (@bo-chen) to review%0Anote: teams/platform.yaml:4:7: platform's lead\n"
        )
    );

    let json = check_base(repo.path(), &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json.code, 0);
    assert_eq!(
        report["summary"],
        serde_json::json!({"files": 11, "errors": 0, "warnings": 0, "notices": 1})
    );
    assert_eq!(report["diagnostics"][0]["severity"], "notice");
    assert_eq!(
        report["diagnostics"][0]["code"],
        "new-cross-team-dependency"
    );
}

#[test]
fn deleting_an_initiative_others_depend_on_fails_once_at_the_reference() {
    let repo = org_on_main();
    wait_on_multi_region(&repo);
    branch(&repo, "plan");
    repo.remove(INITIATIVE);
    repo.commit(&[], "Drop the second region", "Bo Chen", "2026-11-18");

    let checked = Checked::from_run(&orgit(repo.path(), &check_json_args(&["--base", "main"])));
    assert_eq!(
        (checked.code, checked.diagnostics),
        (
            1,
            vec!["removed-while-depended-on goals/2026-Q4/growth-q4.md:8:9".to_owned()]
        )
    );
    // Plain `check` knows nothing of the change: a dangling reference.
    let plain = Checked::from_run(&orgit(repo.path(), &check_json_args(&[])));
    assert_eq!(
        plain.diagnostics,
        ["unknown-reference goals/2026-Q4/growth-q4.md:8:9"]
    );
}

/// `main` raises the uptime target after the branch was cut. Against main's
/// tip the branch would look like it lowered it; against the merge base it
/// changed nothing.
#[test]
fn changes_on_main_after_the_branch_was_cut_are_not_the_branchs() {
    let repo = org_on_a_branch();
    switch(&repo, "main");
    let raised = edited(&repo, GOAL, "target: 99.9", "target: 99.95");
    repo.commit(&[(GOAL, &raised)], "Aim higher", "Bo Chen", "2026-11-10");
    switch(&repo, "plan");
    let signups = edited(&repo, GROWTH_GOAL, "current: 380", "current: 410");
    repo.commit(
        &[(GROWTH_GOAL, &signups)],
        "Sign-ups",
        "Dana Kim",
        "2026-11-16",
    );

    let run = check_base(repo.path(), &[]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "ok: check passed, no problems in 11 files\n"),
        "{}",
        run.stderr
    );
    // The same base, named by its tip commit rather than the branch, gives
    // the same answer: the merge base is what counts.
    let tip = repo.repo.revparse_single("main").unwrap().id().to_string();
    let by_id = orgit(repo.path(), &["--today", TODAY, "check", "--base", &tip]);
    assert_eq!(by_id.stdout, run.stdout);
}

/// The working tree is the head, uncommitted edits included, like plain
/// `check`; `--at REV` makes a revision the head instead.
#[test]
fn the_head_is_the_working_tree_or_at() {
    let repo = org_on_a_branch();
    let goal = edited(&repo, GOAL, "target: 99.9", "target: 99.8");
    crate::common::write_files(repo.path(), &[(GOAL, &goal)]);
    let dirty = Checked::from_run(&orgit(repo.path(), &check_json_args(&["--base", "main"])));
    assert_eq!(
        dirty.diagnostics,
        ["lowered-target-without-decision goals/2026-Q4/reliability.md:11:38"]
    );
    let committed = Checked::from_run(&orgit(
        repo.path(),
        &check_json_args(&["--at", "plan", "--base", "main"]),
    ));
    assert_eq!(committed.diagnostics, Vec::<String>::new());
}

#[test]
fn a_pull_request_that_creates_the_org_has_nothing_to_break() {
    let repo = TestRepo::new();
    repo.commit(
        &[("README.md", "# Plans\n")],
        "Start",
        "Ana Silva",
        "2026-10-01",
    );
    branch(&repo, "org");
    repo.commit(MINIMAL_ORG, "The org", "Ana Silva", "2026-10-02");
    let run = check_base(repo.path(), &[]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "ok: check passed, no problems in 7 files\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn in_a_shallow_clone_the_error_says_how_to_fetch_the_base() {
    let repo = org_on_a_branch();
    lower_and_slip(&repo);
    // Main moves on, so its tip is not the commit the branch was cut from.
    switch(&repo, "main");
    let signups = edited(&repo, GROWTH_GOAL, "current: 380", "current: 410");
    repo.commit(
        &[(GROWTH_GOAL, &signups)],
        "Sign-ups",
        "Dana Kim",
        "2026-11-17",
    );
    switch(&repo, "plan");
    let hint = "hint: this is a shallow clone, so the base or the history since it may be \
                missing: fetch the full history (`fetch-depth: 0` in actions/checkout) and \
                compare with the remote branch (`--base origin/main`)\n";

    // Only the branch was fetched: there is no `origin/main`.
    let single = git_clone(repo.path(), &["--depth", "1", "--branch", "plan"]);
    let run = orgit(single.path(), &["check", "--base", "origin/main"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: cannot resolve revision `origin/main`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.ends_with(hint), "{}", run.stderr);

    // Both tips were fetched, but not the commit they share.
    let both = git_clone(
        repo.path(),
        &["--depth", "1", "--branch", "plan", "--no-single-branch"],
    );
    let run = orgit(both.path(), &["check", "--base", "origin/main"]);
    assert_eq!(
        run.stderr,
        format!("error: `origin/main` and `HEAD` have no common history\n{hint}")
    );
    assert_eq!(run.code, 2);
}

#[test]
fn problems_already_on_the_base_are_marked_and_new_only_ignores_them() {
    let repo = org_on_main();
    // An error on main before the branch: a goal whose owner is nobody.
    repo.commit(
        &[(
            "goals/2026-Q4/orphan.md",
            "---\nid: orphan\ntitle: Nobody's\nowner: nobody\nperiod: 2026-Q4\nkey_results: []\n---\n",
        )],
        "An orphan goal",
        "Ana Silva",
        "2026-10-06",
    );
    branch(&repo, "plan");
    // A branch that changes nothing the policies watch fails on the old
    // error alone, unless it gates on what it introduces.
    repo.commit(&[("NOTES.md", "notes\n")], "Notes", "Bo Chen", "2026-11-16");
    let run = check_base(repo.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("owner `nobody` is not a person in this org (already on the base)"),
        "{}",
        run.stdout
    );
    let run = check_base(repo.path(), &["--new-only"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.ends_with(
            "ok: the change introduces no error (--new-only); the error above is already on the base\n"
        ),
        "{}",
        run.stdout
    );
    let checked: serde_json::Value = serde_json::from_str(
        &orgit(
            repo.path(),
            &check_json_args(&["--base", "main", "--new-only"]),
        )
        .stdout,
    )
    .unwrap();
    let flags: Vec<(&str, bool)> = checked["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["on_base"].as_bool().unwrap()))
        .collect();
    assert!(flags.contains(&("unknown-reference", true)), "{flags:?}");
    // Without --base there is no base to compare with: no `on_base`.
    let plain: serde_json::Value =
        serde_json::from_str(&orgit(repo.path(), &check_json_args(&[])).stdout).unwrap();
    assert!(plain["diagnostics"][0].get("on_base").is_none());

    // New errors fail --new-only; the old one stays marked, in the
    // check and in the comment.
    lower_and_slip(&repo);
    let run = check_base(repo.path(), &["--new-only"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let diff = orgit(repo.path(), &["--today", TODAY, "diff", "main"]);
    assert_eq!(diff.code, 1);
    let top = diff.stdout.split("<details>").next().unwrap();
    assert!(
        top.contains("#### ❌ Fails `orgit check`: 3 errors, 2 of them new\n"),
        "{}",
        diff.stdout
    );
    assert!(
        top.contains("owner `nobody` is not a person in this org (already on the base) |"),
        "{top}"
    );
    let report: serde_json::Value = serde_json::from_str(
        &orgit(
            repo.path(),
            &["--today", TODAY, "diff", "main", "--format", "json"],
        )
        .stdout,
    )
    .unwrap();
    let gate: Vec<(&str, bool, bool)> = report["gate"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap(),
                e["on_base"].as_bool().unwrap(),
                e["change_policy"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        gate,
        [
            ("unknown-reference", true, false),
            ("lowered-target-without-decision", false, true),
            ("later-due-without-decision", false, true),
        ]
    );
    assert_eq!(report["gate"]["introduced_errors"], 2);
    assert_eq!(report["gate"]["passes"], false);
}
