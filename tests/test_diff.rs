//! `orgit diff BASE [HEAD]` on real repositories with real branches: a
//! feature branch that moves goalposts, slips a date, renames a file, adds a
//! cross-team dependency and removes an item, while main moves on; then a
//! real merge; the working tree as HEAD; and the errors.

use git2::{BranchType, Oid};
use serde_json::json;

use crate::common::{TestRepo, copy_tree, orgit, repo_root, write_files};

/// The date the checks run for: inside 2026-Q4, before every due date.
const TODAY: &str = "2026-11-02";

const ORG: &[(&str, &str)] = &[
    ("orgit.yaml", "name: Acme\ntimezone: Europe/Berlin\n"),
    (
        "teams/company.yaml",
        "id: company\nname: Company\nlead: ana\n",
    ),
    (
        "teams/growth.yaml",
        "id: growth\nname: Growth\nparent: company\nlead: maria\n",
    ),
    (
        "teams/platform.yaml",
        "id: platform\nname: Platform\nparent: company\nlead: li\n",
    ),
    (
        "people/ana.yaml",
        "id: ana\nname: Ana Silva\nteam: company\n",
    ),
    (
        "people/maria.yaml",
        "id: maria\nname: Maria Rossi\ngithub: mrossi\nteam: growth\n",
    ),
    (
        "people/li.yaml",
        "id: li\nname: Li Wei\ngithub: li-wei\nteam: platform\n",
    ),
    (
        "people/cy.yaml",
        "id: cy\nname: Cy Okafor\nteam: platform\n",
    ),
    ("goals/2026-Q4/growth-q4.md", GROWTH_GOAL),
    ("goals/2026-Q4/fast-app.md", PLATFORM_GOAL),
    ("initiatives/sso.md", SSO),
    ("initiatives/onboarding.md", ONBOARDING),
    ("initiatives/legacy-cleanup.md", LEGACY_CLEANUP),
];

const GROWTH_GOAL: &str = "---\nid: growth-q4\ntitle: Win enterprise customers\nowner: maria\nteam: growth\nperiod: 2026-Q4\nhealth: on_track\nkey_results:\n  - id: enterprise-logos\n    title: Enterprise logos signed\n    metric: {baseline: 0, target: 12, current: 3, unit: logos}\n---\nEnterprise is where the revenue is.\n";

const PLATFORM_GOAL: &str = "---\nid: fast-app\ntitle: A fast app\nowner: li\nteam: platform\nperiod: 2026-Q4\nkey_results:\n  - id: p95-latency\n    title: p95 latency of the dashboard\n    metric: {baseline: 450, target: 200, current: 380, unit: ms, direction: down}\n---\n";

/// Its file name does not match its id: a warning the branch resolves by
/// renaming the file (its milestone moves with it).
const SSO: &str = "---\nid: platform-sso\ntitle: Enterprise SSO <script>alert(1)</script> | `SAML`\nowner: li\nteam: platform\nsupports: [enterprise-logos]\nstatus: active\ndue: 2026-11-20\nmilestones:\n  - id: sso-beta\n    title: SAML beta with two pilots\n    due: 2026-10-30\n    done: true\n---\n";

/// Its owner does not exist: an error the branch fixes.
const ONBOARDING: &str = "---\nid: onboarding\ntitle: Guided onboarding\nowner: ghost\nteam: growth\nsupports: [enterprise-logos]\ndue: 2026-12-10\n---\n";

const LEGACY_CLEANUP: &str = "---\nid: legacy-cleanup\ntitle: Retire the legacy importer\nowner: cy\nteam: platform\ndue: 2026-12-18\nmilestones:\n  - id: importer-off\n    title: Importer switched off\n    due: 2026-12-01\n---\n";

/// The branch's version of each file it edits.
const FEATURE_GROWTH_GOAL: &str = "---\nid: growth-q4\ntitle: Win enterprise customers\nowner: li\nteam: growth\nperiod: 2026-Q4\nhealth: on_track\ndepends_on:\n  - on: platform-sso\n    need_by: 2026-11-15\n    why: the first three deals need SSO to sign\nkey_results:\n  - id: enterprise-logos\n    title: Enterprise logos signed\n    metric: {baseline: 0, target: 9, current: 3, unit: logos}\n---\nEnterprise is where the revenue is.\n";

const FEATURE_PLATFORM_GOAL: &str = "---\nid: fast-app\ntitle: A fast app\nowner: li\nteam: platform\nperiod: 2026-Q4\nkey_results:\n  - id: p95-latency\n    title: p95 latency of the dashboard\n    metric: {baseline: 450, target: 250, current: 380, unit: ms, direction: down}\n---\n";

const FEATURE_SSO: &str = "---\nid: platform-sso\ntitle: Enterprise SSO <script>alert(1)</script> | `SAML`\nowner: li\nteam: platform\nsupports: [enterprise-logos]\nstatus: active\ndue: 2026-12-04\nmilestones:\n  - id: sso-beta\n    title: SAML beta with two pilots\n    due: 2026-10-30\n    done: true\n---\n";

const FEATURE_ONBOARDING: &str = "---\nid: onboarding\ntitle: Guided onboarding\nowner: maria\nteam: growth\nsupports: [enterprise-logos]\ndue: 2026-12-10\n---\n";

/// A key result's value going up, as an edit in the working tree.
const MORE_LOGOS: &str = "---\nid: growth-q4\ntitle: Win enterprise customers\nowner: maria\nteam: growth\nperiod: 2026-Q4\nhealth: on_track\nkey_results:\n  - id: enterprise-logos\n    title: Enterprise logos signed\n    metric: {baseline: 0, target: 12, current: 5, unit: logos}\n---\nEnterprise is where the revenue is.\n";

/// Main, after the branch was cut: Cy moves to Growth. The branch never saw
/// it, so its diff must not show it (as undone).
const MAIN_LATER_CY: &str = "id: cy\nname: Cy Okafor\nteam: growth\n";

/// The org on main (one commit), then the feature branch cut from it and
/// committed to, then main moving on. HEAD is left on main. Returns the
/// commits: (org on main, feature, main later).
fn branched_repo() -> (TestRepo, Oid, Oid, Oid) {
    let repo = TestRepo::new();
    let org = repo.commit(ORG, "Acme's plan", "Ana Silva", "2026-10-05");

    start_branch(&repo, "feature");
    repo.remove("initiatives/sso.md");
    repo.remove("initiatives/legacy-cleanup.md");
    let feature = repo.commit(
        &[
            ("goals/2026-Q4/growth-q4.md", FEATURE_GROWTH_GOAL),
            ("goals/2026-Q4/fast-app.md", FEATURE_PLATFORM_GOAL),
            ("initiatives/platform-sso.md", FEATURE_SSO),
            ("initiatives/onboarding.md", FEATURE_ONBOARDING),
        ],
        "Re-plan enterprise for Q4",
        "Li Wei",
        "2026-10-20",
    );

    switch_to(&repo, "main");
    let main_later = repo.commit(
        &[("people/cy.yaml", MAIN_LATER_CY)],
        "Cy joins Growth",
        "Maria Rossi",
        "2026-10-22",
    );
    (repo, org, feature, main_later)
}

/// Creates branch `name` at HEAD and checks it out.
fn start_branch(repo: &TestRepo, name: &str) {
    let head = repo.repo.head().unwrap().peel_to_commit().unwrap();
    repo.repo.branch(name, &head, false).unwrap();
    switch_to(repo, name);
}

/// Checks out branch `name`, working tree included.
fn switch_to(repo: &TestRepo, name: &str) {
    repo.repo.set_head(&format!("refs/heads/{name}")).unwrap();
    let mut checkout = git2::build::CheckoutBuilder::new();
    checkout.force();
    repo.repo.checkout_head(Some(&mut checkout)).unwrap();
}

/// Merges branch `other` into the checked-out branch with a real merge
/// commit (two parents); the branches touch different files.
fn merge_into_head(repo: &TestRepo, other: &str, date: &str) -> Oid {
    let git = &repo.repo;
    let ours = git.head().unwrap().peel_to_commit().unwrap();
    let theirs = git
        .find_branch(other, BranchType::Local)
        .unwrap()
        .get()
        .peel_to_commit()
        .unwrap();
    let mut index = git.merge_commits(&ours, &theirs, None).unwrap();
    assert!(!index.has_conflicts());
    let tree = git.find_tree(index.write_tree_to(git).unwrap()).unwrap();
    let when: jiff::Timestamp = format!("{date}T12:00:00Z").parse().unwrap();
    let signature = git2::Signature::new(
        "Li Wei",
        "li@example.com",
        &git2::Time::new(when.as_second(), 0),
    )
    .unwrap();
    let merge = git
        .commit(
            Some("HEAD"),
            &signature,
            &signature,
            &format!("Merge branch '{other}'"),
            &tree,
            &[&ours, &theirs],
        )
        .unwrap();
    let mut checkout = git2::build::CheckoutBuilder::new();
    checkout.force();
    git.checkout_head(Some(&mut checkout)).unwrap();
    merge
}

fn short(id: Oid) -> String {
    id.to_string()[..7].to_owned()
}

/// `orgit --today TODAY diff ARGS` in the repository, which must run
/// quietly; its stdout. It exits as `orgit check --base BASE` does on the
/// same head: 1 when the change fails that gate, 0 when it passes.
fn diff(repo: &TestRepo, args: &[&str]) -> String {
    let mut all = vec!["--today", TODAY, "diff"];
    all.extend_from_slice(args);
    let run = orgit(repo.path(), &all);
    assert_eq!(run.stderr, "");
    let mut check = vec!["--today", TODAY];
    if let Some(head) = args.get(1).filter(|a| !a.starts_with("--")) {
        check.extend(["--at", head]);
    }
    check.extend(["check", "--format", "json", "--base", args[0]]);
    let gate = orgit(repo.path(), &check);
    assert_eq!(run.code, gate.code, "diff {args:?} and the gate disagree");
    assert!(run.code == 0 || run.code == 1, "stderr:\n{}", run.stderr);
    run.stdout
}

#[test]
fn a_feature_branch_compared_with_main_says_what_it_changes_in_words() {
    let (repo, org, feature, main_later) = branched_repo();
    let comment = diff(&repo, &["main", "feature"]);
    assert!(comment.starts_with("<!-- orgit-diff -->\n"));
    // The merge base, not main's tip: main's later commit is named but its
    // change (Cy's team) is not shown as undone by the branch.
    assert!(comment.contains(&format!(
        "`feature` at `{}` compared with `main` at `{}` (merge base; `main` is now at `{}`).",
        short(feature),
        short(org),
        short(main_later)
    )));
    assert!(!comment.contains("`cy`"), "{comment}");
    // The milestone moved with its initiative's file: said once, for the file.
    assert!(!comment.contains("sso-beta"), "{comment}");
    // Titles are text, never markup.
    assert!(!comment.contains("<script>"));
    assert!(comment.contains("&lt;script&gt;"));
    insta::assert_snapshot!("feature_branch_comment", comment);

    // Same repository, same bytes.
    assert_eq!(diff(&repo, &["main", "feature"]), comment);
}

#[test]
fn after_main_is_merged_into_the_branch_the_merge_base_is_mains_tip() {
    let (repo, org, feature, main_later) = branched_repo();
    let before = diff(&repo, &["main", "feature"]);

    switch_to(&repo, "feature");
    let merge = merge_into_head(&repo, "main", "2026-10-23");
    let after = diff(&repo, &["main", "feature"]);
    // Only the header moves: the merge brought main's change into the
    // branch, and the branch's own changes are what they were.
    let header = |text: &str| text.lines().nth(3).unwrap_or_default().to_owned();
    assert_eq!(
        header(&after),
        format!(
            "`feature` at `{}` compared with `main` at `{}` (merge base).",
            short(merge),
            short(main_later)
        )
    );
    assert_eq!(
        header(&before),
        format!(
            "`feature` at `{}` compared with `main` at `{}` (merge base; `main` is now at `{}`).",
            short(feature),
            short(org),
            short(main_later)
        )
    );
    let body = |text: &str| text.lines().skip(4).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&after), body(&before));

    // The working tree of the merged branch: the same comparison.
    let working_tree = diff(&repo, &["main"]);
    assert_eq!(body(&working_tree), body(&after));
    assert_eq!(
        header(&working_tree),
        format!(
            "The working tree on `{}` compared with `main` at `{}` (merge base).",
            short(merge),
            short(main_later)
        )
    );
}

#[test]
fn the_working_tree_counts_uncommitted_edits() {
    let repo = TestRepo::new();
    let org = repo.commit(ORG, "Acme's plan", "Ana Silva", "2026-10-05");
    write_files(repo.path(), &[("goals/2026-Q4/growth-q4.md", MORE_LOGOS)]);

    assert_eq!(
        diff(&repo, &["main"]),
        format!(
            "<!-- orgit-diff -->
### Plan changes

The working tree on `{org}` compared with `main` at `{org}` (merge base).

#### ❌ Fails `orgit check`: 1 error, already on the base

| Where | Problem |
| --- | --- |
| `initiatives/onboarding.md:4` | error `unknown-reference`: owner `ghost` is not a person in this org (already on the base) |

No target changed, no due date moved later, nothing removed, no new cross-team dependency, no new problem.

<details><summary>All changes: 1 item</summary>

#### Key results

- `enterprise-logos` “Enterprise logos signed” (growth)
  - current value changed 3 → 5 logos (+2)

</details>
",
            org = short(org)
        )
    );
    // With HEAD given, both sides come from git: the edit is not committed.
    assert_eq!(
        diff(&repo, &["main", "HEAD"]),
        format!(
            "<!-- orgit-diff -->\nNo change to the plan: `HEAD` at `{org}` compared with `main` at `{org}` (merge base).\n\n{GHOST_GATE}",
            org = short(org)
        )
    );
}

#[test]
fn the_json_is_the_report_data_model() {
    let repo = TestRepo::new();
    let org = repo.commit(ORG, "Acme's plan", "Ana Silva", "2026-10-05");
    start_branch(&repo, "slip");
    let slip = repo.commit(
        &[(
            "initiatives/sso.md",
            &SSO.replace("2026-11-20", "2026-11-27"),
        )],
        "SSO slips a week",
        "Li Wei",
        "2026-10-06",
    );
    let json: serde_json::Value =
        serde_json::from_str(&diff(&repo, &["main", "slip", "--format", "json"])).unwrap();
    let commit = |id: Oid| json!({"id": id.to_string(), "short": short(id)});
    let title = "Enterprise SSO <script>alert(1)</script> | `SAML`";
    let slipped = json!({
        "field": "due",
        "before": "2026-11-20",
        "after": "2026-11-27",
        "delta": null,
        "days": 7,
        "unit": null,
        "direction": null,
        "easier": null,
    });
    let mut headline = json!({
        "id": "platform-sso",
        "kind": "initiative",
        "title": title,
        "team": "platform",
    });
    headline
        .as_object_mut()
        .unwrap()
        .extend(slipped.as_object().unwrap().clone());
    assert_eq!(
        json,
        json!({
            "version": 1,
            "org": "Acme",
            "base": {"revision": "main", "commit": commit(org), "tip": commit(org)},
            "head": {"revision": "slip", "commit": commit(slip), "working_tree": false},
            "today": TODAY,
            "unchanged": false,
            "summary": {
                "goalposts": [],
                "slips": [headline],
                "removed": [],
                "cross_team_dependencies": [],
                "errors_introduced": 0,
                "warnings_introduced": 0,
            },
            "items": [{
                "id": "platform-sso",
                "kind": "initiative",
                "title": title,
                "team": "platform",
                "change": "changed",
                "path": "initiatives/sso.md",
                "moved_from": null,
                "fields": [slipped],
            }],
            "dependencies": [],
            "links": [],
            "problems": {"introduced": [], "resolved": [], "changed": []},
            "gate": {
                "passes": false,
                "errors": [
                    {
                        "code": "unknown-reference",
                        "severity": "error",
                        "path": "initiatives/onboarding.md",
                        "line": 4,
                        "column": 8,
                        "message": "owner `ghost` is not a person in this org",
                        "on_base": true,
                        "change_policy": false,
                    },
                    {
                        "code": "later-due-without-decision",
                        "severity": "error",
                        "path": "initiatives/sso.md",
                        "line": 8,
                        "column": 6,
                        "message": "due date of initiative `platform-sso` moved 2026-11-20 → 2026-11-27 (+7 days) without a decision record",
                        "on_base": false,
                        "change_policy": true,
                    },
                ],
                "introduced_errors": 1,
            },
        })
    );
}

#[test]
fn a_dependency_and_a_problem_in_json_name_the_other_teams_lead() {
    let repo = TestRepo::new();
    repo.commit(ORG, "Acme's plan", "Ana Silva", "2026-10-05");
    write_files(
        repo.path(),
        &[("goals/2026-Q4/growth-q4.md", FEATURE_GROWTH_GOAL)],
    );
    let json: serde_json::Value =
        serde_json::from_str(&diff(&repo, &["main", "--format", "json"])).unwrap();
    let team = |id: &str, name: &str, lead: serde_json::Value| json!({"id": id, "name": name, "lead": lead});
    let waiting = json!({
        "from": {
            "id": "growth-q4",
            "kind": "goal",
            "title": "Win enterprise customers",
            "team": team("growth", "Growth", json!({"id": "maria", "name": "Maria Rossi", "github": "mrossi"})),
        },
        "on": {
            "id": "platform-sso",
            "kind": "initiative",
            "title": "Enterprise SSO <script>alert(1)</script> | `SAML`",
            "team": team("platform", "Platform", json!({"id": "li", "name": "Li Wei", "github": "li-wei"})),
        },
        "type": "added",
        "need_by": "2026-11-15",
        "days": null,
        "cross_team": true,
    });
    assert_eq!(json["dependencies"], json!([waiting.clone()]));
    assert_eq!(json["summary"]["cross_team_dependencies"], json!([waiting]));
    assert_eq!(
        json["problems"],
        json!({
            "introduced": [{
                "code": "late-dependency",
                "severity": "error",
                "path": "goals/2026-Q4/growth-q4.md",
                "line": 10,
                "column": 14,
                "message": "`growth-q4` needs `platform-sso` by 2026-11-15, but it is due 2026-11-20 (5 days late)",
            }],
            "resolved": [],
            "changed": [],
        })
    );
    assert_eq!(json["summary"]["errors_introduced"], json!(1));
}

/// The gate's errors at the top of a comment on [`ORG`]: Onboarding's
/// owner was never a person, before the change as after it.
const GHOST_GATE: &str = "#### ❌ Fails `orgit check`: 1 error, already on the base

| Where | Problem |
| --- | --- |
| `initiatives/onboarding.md:4` | error `unknown-reference`: owner `ghost` is not a person in this org (already on the base) |
";

#[test]
fn no_change_is_one_line_after_the_marker() {
    let repo = TestRepo::new();
    let org = repo.commit(ORG, "Acme's plan", "Ana Silva", "2026-10-05");
    assert_eq!(
        diff(&repo, &["main"]),
        format!(
            "<!-- orgit-diff -->\nNo change to the plan: the working tree on `{org}` compared with `main` at `{org}` (merge base).\n\n{GHOST_GATE}",
            org = short(org)
        )
    );
    let json: serde_json::Value =
        serde_json::from_str(&diff(&repo, &["main", "--format", "json"])).unwrap();
    assert_eq!(json["unchanged"], json!(true));
}

#[test]
fn a_branch_that_adds_the_org_adds_everything() {
    let repo = TestRepo::new();
    repo.commit(
        &[("README.md", "# Acme\n")],
        "Start",
        "Ana Silva",
        "2026-10-01",
    );
    start_branch(&repo, "org");
    repo.commit(ORG, "Acme's plan", "Ana Silva", "2026-10-05");
    let json: serde_json::Value =
        serde_json::from_str(&diff(&repo, &["main", "org", "--format", "json"])).unwrap();
    let items = json["items"].as_array().unwrap();
    assert!(items.iter().all(|i| i["change"] == "added"), "{items:#?}");
    // Every person, team, goal, key result, initiative and milestone.
    assert_eq!(items.len(), 4 + 3 + 2 + 2 + 3 + 2);
    assert_eq!(
        json["problems"]["introduced"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["code"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["unknown-reference", "file-name-mismatch"]
    );
}

#[test]
fn an_unknown_revision_is_an_error_with_a_hint() {
    let repo = TestRepo::new();
    repo.commit(ORG, "Acme's plan", "Ana Silva", "2026-10-05");
    let run = orgit(repo.path(), &["diff", "mian"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: cannot resolve revision `mian`: no branch, tag or commit has that name\n\
         hint: did you mean `main`?\n"
    );
}

#[test]
fn an_unknown_revision_lists_the_branches_and_tags_or_says_the_history_is_short() {
    let repo = TestRepo::new();
    repo.commit(ORG, "Acme's plan", "Ana Silva", "2026-10-05");
    let head = repo.repo.head().unwrap().peel_to_commit().unwrap();
    repo.repo.branch("plan", &head, false).unwrap();
    repo.repo
        .tag_lightweight("v1.0", head.as_object(), false)
        .unwrap();
    // A remote-tracking branch, as a fetch leaves it.
    repo.repo
        .reference("refs/remotes/origin/release", head.id(), false, "test")
        .unwrap();

    let far = orgit(repo.path(), &["diff", "zzz"]);
    assert_eq!(far.code, 2);
    assert_eq!(
        far.stderr,
        "error: cannot resolve revision `zzz`: no branch, tag or commit has that name\n\
         hint: branches and tags here: `main`, `plan`, `origin/release`, `v1.0` (`git branch -a` \
         and `git log --oneline` list them all); after a force push, fetch first\n"
    );
    let remote_typo = orgit(repo.path(), &["diff", "origin/relaese"]);
    assert_eq!(
        remote_typo.stderr.lines().nth(1),
        Some("hint: did you mean `origin/release`?")
    );
    let with_suffix = orgit(repo.path(), &["--at", "mian~1", "check"]);
    assert_eq!(
        with_suffix.stderr.lines().nth(1),
        Some("hint: did you mean `main~1`?")
    );
    let short = orgit(repo.path(), &["diff", "HEAD~3"]);
    assert_eq!(
        short.stderr,
        "error: cannot resolve revision `HEAD~3`: `HEAD` exists, but `HEAD~3` goes further \
         back than its history\n\
         hint: `git log --oneline HEAD` lists the commits there are; in a shallow clone, fetch \
         the full history (`fetch-depth: 0` in actions/checkout)\n"
    );
}

#[test]
fn at_does_not_apply_to_diff() {
    let repo = TestRepo::new();
    repo.commit(ORG, "Acme's plan", "Ana Silva", "2026-10-05");
    let run = orgit(repo.path(), &["--at", "HEAD~1", "diff", "main"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `--at` does not apply to `orgit diff`, which reads two revisions\n\
         hint: give the revision under review as HEAD: `orgit diff main HEAD~1`\n"
    );
}

/// The example org on a branch `replan` that lowers a target, slips a date
/// and adds a cross-team dependency, left in the working tree.
fn example_replanned() -> TestRepo {
    let repo = TestRepo::new();
    copy_tree(&repo_root().join("example-org"), repo.path());
    repo.commit(&[], "Northwind Labs org", "Kenji Watanabe", "2026-10-05");
    start_branch(&repo, "replan");
    let edit = |path: &str, from: &str, to: &str| {
        let file = repo.path().join(path);
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains(from), "{path} has no `{from}`");
        std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "initiatives/platform-sso.md",
        "due: 2026-11-30\n",
        "due: 2026-12-14\n",
    );
    edit(
        "initiatives/mobile-relaunch.md",
        "depends_on:\n",
        "depends_on:\n  - on: platform-sso\n    need_by: 2026-12-01\n    why: enterprise field staff sign in with SSO\n",
    );
    edit(
        "goals/2026-Q4/win-enterprise-q4.md",
        "target: 10, current: 6",
        "target: 8, current: 6",
    );
    repo
}

/// The scenario on the example org: a branch that lowers a target,
/// slips a date and adds a cross-team dependency.
#[test]
fn the_example_org_on_a_branch_that_lowers_slips_and_depends() {
    let repo = example_replanned();
    let comment = diff(&repo, &["main"]);
    insta::assert_snapshot!("example_replan_comment", comment);
}

/// Every field of `diff --format json`, at any depth, is in docs/diff.md's
/// data model.
#[test]
fn the_docs_document_every_field_of_the_data_model() {
    let repo = example_replanned();
    let json: serde_json::Value =
        serde_json::from_str(&diff(&repo, &["main", "--format", "json"])).unwrap();
    assert!(
        !json["problems"]["introduced"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let page = crate::common::doc("diff.md");
    let section = crate::common::doc_section(&page, "## Data model");
    let undocumented = crate::common::undocumented_fields(&json, section);
    assert!(
        undocumented.is_empty(),
        "not in docs/diff.md: {undocumented:?}"
    );
}

#[test]
fn a_moved_need_by_and_a_removed_dependency_in_words() {
    let repo = TestRepo::new();
    let mut files = ORG.to_vec();
    files.retain(|(path, _)| *path != "goals/2026-Q4/growth-q4.md");
    files.push(("goals/2026-Q4/growth-q4.md", FEATURE_GROWTH_GOAL));
    repo.commit(&files, "Acme's plan", "Ana Silva", "2026-10-05");

    let later = FEATURE_GROWTH_GOAL.replace("need_by: 2026-11-15", "need_by: 2026-11-25");
    write_files(repo.path(), &[("goals/2026-Q4/growth-q4.md", &later)]);
    assert!(diff(&repo, &["main"]).contains(
        "\n#### Dependencies\n\n- `growth-q4` (growth) needs `platform-sso` (platform, lead @li-wei) \
         by 2026-11-25 instead of 2026-11-15, +10 days\n\n"
    ));

    write_files(repo.path(), &[("goals/2026-Q4/growth-q4.md", GROWTH_GOAL)]);
    let comment = diff(&repo, &["main"]);
    assert!(comment.contains(
        "\n#### Dependencies\n\n- dependency removed: `growth-q4` (growth) no longer waits on \
         `platform-sso` (platform) (needed by 2026-11-15)\n\n"
    ));
    // Removing the dependency resolves its lateness.
    assert!(comment.contains("- ✅ 1 problem resolved\n"), "{comment}");
}
