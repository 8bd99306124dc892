//! `orgit digest` end to end: real repositories with fixed dates, the real
//! binary, the exact output.
//!
//! Most tests share one org, Acme, and its Q4 2026 so far: a company goal, a
//! platform and a growth goal, two initiatives (one waiting on the other), a
//! decision waiting and a risk past its review. Week 47 (16–22 November, the
//! org's time zone is Europe/Berlin) is the busy one: values move, an
//! initiative slips for the second time this quarter and turns at risk, two
//! targets are lowered (one with a decision, one without), its file is
//! renamed, a risk is raised, and a side branch is merged.

use std::path::Path;

use git2::Oid;

use crate::common::{Run, TestRepo, git_clone, orgit, write_files};

/// "Today" for every run: Monday of week 48, so week 47 is the default.
const TODAY: &str = "2026-11-23";

const SETTINGS: &str = "name: Acme\ntimezone: Europe/Berlin\npolicies:\n  stale_after_days: 14\n";

const TEAMS: &[(&str, &str)] = &[
    ("teams/company.yaml", "id: company\nname: Acme\nlead: ana\n"),
    (
        "teams/platform.yaml",
        "id: platform\nname: Platform\nparent: company\nlead: bo\n",
    ),
    (
        "teams/growth.yaml",
        "id: growth\nname: Growth\nparent: company\nlead: cy\n",
    ),
];

const PEOPLE: &[(&str, &str)] = &[
    (
        "people/ana.yaml",
        "id: ana\nname: Ana Silva\nteam: company\n",
    ),
    ("people/bo.yaml", "id: bo\nname: Bo Chen\nteam: platform\n"),
    ("people/cy.yaml", "id: cy\nname: Cy Okafor\nteam: growth\n"),
    (
        "people/dee.yaml",
        "id: dee\nname: Dee Park\nteam: platform\n",
    ),
];

const REVENUE: &str = "goals/2026-Q4/revenue-q4.md";
const RELIABILITY: &str = "goals/2026-Q4/reliability-q4.md";
const SIGNUPS: &str = "goals/2026-Q4/signups-q4.md";
const SSO: &str = "initiatives/platform-sso.md";
const SSO_RENAMED: &str = "initiatives/sso.md";

fn revenue(arr: &str, target: &str) -> String {
    format!(
        "---\nid: revenue-q4\ntitle: Grow ARR\nowner: ana\nperiod: 2026-Q4\nhealth: on_track\nconfidence: 0.7\nkey_results:\n  - id: arr\n    title: Annual recurring revenue\n    metric: {{baseline: 4, target: {target}, current: {arr}, unit: \"M€\"}}\n---\nThe number the plan is built on.\n"
    )
}

fn reliability(uptime: &str) -> String {
    reliability_due(uptime, "2026-11-30")
}

fn reliability_due(uptime: &str, sso_ready_due: &str) -> String {
    format!(
        "---\nid: reliability-q4\ntitle: Be enterprise-ready\nowner: bo\nteam: platform\nperiod: 2026-Q4\nhealth: on_track\nconfidence: 0.8\naligns_to: arr\nkey_results:\n  - id: uptime\n    title: Uptime\n    metric: {{baseline: 99.5, target: 99.9, current: {uptime}, unit: \"%\"}}\n  - id: sso-ready\n    title: SSO ready for enterprise\n    milestone: {{due: {sso_ready_due}, done: false}}\n---\nEnterprise buyers need SSO and uptime.\n"
    )
}

fn signups(weekly: &str, target: &str, conversion: &str) -> String {
    format!(
        "---\nid: signups-q4\ntitle: Double signups | self-serve\nowner: cy\nteam: growth\nperiod: 2026-Q4\nhealth: on_track\nconfidence: 0.6\nkey_results:\n  - id: signups-weekly\n    title: Weekly signups\n    metric: {{baseline: 1000, target: {target}, current: {weekly}}}\n  - id: trial-conversion\n    title: Trial-to-paid conversion\n    owner: dee\n    metric: {{baseline: 8, target: 12, current: {conversion}, unit: \"%\"}}\n---\nSelf-serve carries the quarter.\n"
    )
}

fn sso(due: &str, health: &str) -> String {
    format!(
        "---\nid: platform-sso\ntitle: Single sign-on\nowner: bo\nteam: platform\nsupports: [sso-ready]\nhealth: {health}\ndue: {due}\nmilestones:\n  - id: sso-beta\n    title: Beta with two customers\n    due: 2026-11-10\n---\nSAML and OIDC.\n"
    )
}

const SELF_SERVE: (&str, &str) = (
    "initiatives/self-serve.md",
    "---\nid: self-serve\ntitle: Self-serve checkout\nowner: cy\nteam: growth\nsupports: [signups-weekly]\nhealth: on_track\ndue: 2026-12-15\ndepends_on:\n  - on: platform-sso\n    need_by: 2026-11-30\n    why: enterprise trials sign in with SSO\n---\nCheckout without sales.\n",
);

const WAITING_DECISION: (&str, &str) = (
    "decisions/0001-drop-free-tier.md",
    "---\nid: 0001-drop-free-tier\ntitle: Drop the free tier\nstatus: proposed\ndate: 2026-10-20\nowner: ana\naffects: [signups-q4]\n---\nFree users cost more than they convert.\n",
);

const LOWER_ARR: (&str, &str) = (
    "decisions/0002-lower-arr-target.md",
    "---\nid: 0002-lower-arr-target\ntitle: Plan for 5.5M€ ARR\nstatus: accepted\ndate: 2026-11-12\ndecided_on: 2026-11-18\nowner: ana\naffects: [arr]\n---\nTwo enterprise deals moved to Q1.\n",
);

const VENDOR_RISK: (&str, &str) = (
    "risks/vendor-outage.md",
    "---\nid: vendor-outage\ntitle: Identity vendor outage\nowner: bo\nlikelihood: low\nimpact: medium\nreview_by: 2026-11-10\n---\nThe SSO vendor had two outages last year.\n",
);

const KEY_PERSON_RISK: (&str, &str) = (
    "risks/key-person.md",
    "---\nid: key-person\ntitle: Only Bo knows the auth code\nowner: dee\nlikelihood: high\nimpact: high\nmitigation: pair on every auth change\nreview_by: 2026-12-01\n---\n",
);

const PLATFORM_UPDATE: (&str, &str) = (
    "updates/2026-W47/platform.md",
    "---\nteam: platform\nweek: 2026-W47\nauthor: bo\nhealth: at_risk\n---\nSSO slipped a week: the vendor's SAML bug is not fixed yet.\n\nUptime is fine.\n",
);

/// Acme at the start of the quarter, and its history up to week 47; the
/// ids of the main-line commits, oldest first.
fn acme() -> (TestRepo, Vec<Oid>) {
    let repo = TestRepo::new();
    let mut ids = Vec::new();
    let mut start: Vec<(&str, String)> = vec![
        ("orgit.yaml", SETTINGS.to_owned()),
        (REVENUE, revenue("4.5", "6")),
        (RELIABILITY, reliability("99.6")),
        (SIGNUPS, signups("1240", "2000", "9")),
        (SSO, sso("2026-11-20", "on_track")),
        (SELF_SERVE.0, SELF_SERVE.1.to_owned()),
        (WAITING_DECISION.0, WAITING_DECISION.1.to_owned()),
        (VENDOR_RISK.0, VENDOR_RISK.1.to_owned()),
    ];
    start.extend(
        TEAMS
            .iter()
            .chain(PEOPLE)
            .map(|(p, t)| (*p, (*t).to_owned())),
    );
    ids.push(commit(&repo, &start, "Plan Q4", "Ana Silva", "2026-10-01"));
    ids.push(commit(
        &repo,
        &[(RELIABILITY, reliability("99.7"))],
        "Uptime 99.7",
        "Bo Chen",
        "2026-10-14",
    ));
    ids.push(commit(
        &repo,
        &[(SSO, sso("2026-11-27", "on_track"))],
        "SSO: vendor delay",
        "Bo Chen",
        "2026-10-28",
    ));
    ids.push(commit(
        &repo,
        &[(SIGNUPS, signups("1300", "2000", "9"))],
        "Signups 1300",
        "Cy Okafor",
        "2026-11-05",
    ));
    // Week 47.
    ids.push(commit(
        &repo,
        &[(SIGNUPS, signups("1410", "2000", "9.5"))],
        "Signups and conversion",
        "Cy Okafor",
        "2026-11-16",
    ));
    repo.remove(SSO);
    ids.push(commit(
        &repo,
        &[(SSO_RENAMED, sso("2026-11-27", "on_track"))],
        "Rename the SSO initiative file",
        "Bo Chen",
        "2026-11-16",
    ));
    ids.push(commit(
        &repo,
        &[(SSO_RENAMED, sso("2026-12-04", "at_risk"))],
        "SSO slips again",
        "Bo Chen",
        "2026-11-17",
    ));
    ids.push(commit(
        &repo,
        &[(SIGNUPS, signups("1410", "1800", "9.5"))],
        "Signups target 1800",
        "Cy Okafor",
        "2026-11-18",
    ));
    ids.push(commit(
        &repo,
        &[
            (REVENUE, revenue("4.6", "5.5")),
            (LOWER_ARR.0, LOWER_ARR.1.to_owned()),
        ],
        "ARR target 5.5M€ (decision 0002)",
        "Ana Silva",
        "2026-11-18",
    ));
    ids.push(commit(
        &repo,
        &[(KEY_PERSON_RISK.0, KEY_PERSON_RISK.1.to_owned())],
        "Risk: key person",
        "Dee Park",
        "2026-11-19",
    ));
    ids.push(merge(
        &repo,
        &[(RELIABILITY, reliability_due("99.8", "2026-11-27"))],
        ("Uptime 99.8", "Bo Chen", "2026-11-19"),
        &[(PLATFORM_UPDATE.0, PLATFORM_UPDATE.1.to_owned())],
        ("Merge branch 'platform-week-47'", "Bo Chen", "2026-11-20"),
    ));
    (repo, ids)
}

fn commit(
    repo: &TestRepo,
    files: &[(&str, String)],
    message: &str,
    author: &str,
    date: &str,
) -> Oid {
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    repo.commit(&files, message, author, date)
}

/// A side branch from HEAD with one commit (`side` files), while the main
/// line gets `main` files; then a merge commit on the main line holding both.
/// Returns the merge commit's id.
fn merge(
    repo: &TestRepo,
    side: &[(&str, String)],
    (side_message, side_author, side_date): (&str, &str, &str),
    main: &[(&str, String)],
    (merge_message, merge_author, merge_date): (&str, &str, &str),
) -> Oid {
    let git = &repo.repo;
    let base = git.head().unwrap().peel_to_commit().unwrap();
    // The side commit: the base tree with the side files, off the main line.
    let mut builder = git2::build::TreeUpdateBuilder::new();
    for (path, text) in side {
        let blob = git.blob(text.as_bytes()).unwrap();
        builder.upsert(*path, blob, git2::FileMode::Blob);
    }
    let side_tree = git
        .find_tree(builder.create_updated(git, &base.tree().unwrap()).unwrap())
        .unwrap();
    let signature = |name: &str, date: &str| {
        let when: jiff::Timestamp = format!("{date}T12:00:00Z").parse().unwrap();
        git2::Signature::new(
            name,
            &format!("{name}@example.com"),
            &git2::Time::new(when.as_second(), 0),
        )
        .unwrap()
    };
    let side_signature = signature(side_author, side_date);
    let side_commit = git
        .commit(
            None,
            &side_signature,
            &side_signature,
            side_message,
            &side_tree,
            &[&base],
        )
        .unwrap();
    // The merge: the working tree gets both, the main line moves.
    let side_files: Vec<(&str, &str)> = side.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let main_files: Vec<(&str, &str)> = main.iter().map(|(p, t)| (*p, t.as_str())).collect();
    write_files(repo.path(), &side_files);
    write_files(repo.path(), &main_files);
    let mut index = git.index().unwrap();
    index
        .add_all(["*"].iter(), git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
    let tree = git.find_tree(index.write_tree().unwrap()).unwrap();
    let merge_signature = signature(merge_author, merge_date);
    let side_commit = git.find_commit(side_commit).unwrap();
    git.commit(
        Some("HEAD"),
        &merge_signature,
        &merge_signature,
        merge_message,
        &tree,
        &[&base, &side_commit],
    )
    .unwrap()
}

fn digest(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--today", TODAY, "digest"];
    all.extend_from_slice(args);
    orgit(dir, &all)
}

/// The run's stdout, after checking it succeeded quietly.
fn stdout(run: Run) -> String {
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    assert_eq!(run.stderr, "");
    run.stdout
}

#[test]
fn week_47_of_acme() {
    let (repo, _) = acme();
    let markdown = stdout(digest(repo.path(), &[]));
    insta::assert_snapshot!(markdown);
}

#[test]
fn the_json_is_the_data_model_the_template_renders() {
    let (repo, _) = acme();
    let json = stdout(digest(repo.path(), &["--format", "json"]));
    assert!(json.starts_with("{\n  \"version\": 1,\n"), "{json}");
    assert!(json.ends_with("}\n"));
    insta::assert_snapshot!(json);
}

#[test]
fn the_same_repository_state_gives_the_same_bytes_whatever_the_working_tree_holds() {
    let (repo, _) = acme();
    let markdown = stdout(digest(repo.path(), &[]));
    let json = stdout(digest(repo.path(), &["--format", "json"]));
    assert_eq!(stdout(digest(repo.path(), &[])), markdown);
    assert_eq!(stdout(digest(repo.path(), &["--format", "json"])), json);

    // Uncommitted edits, a new untracked goal and a staged deletion: the
    // digest reads history, not the working tree.
    write_files(
        repo.path(),
        &[
            (SIGNUPS, &signups("9999", "2000", "50")),
            (
                "goals/2026-Q4/draft.md",
                "---\nid: draft\ntitle: Draft\nowner: cy\nperiod: 2026-Q4\nkey_results: []\n---\n",
            ),
        ],
    );
    repo.remove(SELF_SERVE.0);
    let mut index = repo.repo.index().unwrap();
    index.remove_path(Path::new(SELF_SERVE.0)).unwrap();
    index.write().unwrap();
    assert_eq!(stdout(digest(repo.path(), &[])), markdown);
    assert_eq!(stdout(digest(repo.path(), &["--format", "json"])), json);
}

#[test]
fn a_team_digest_covers_the_team_and_the_goals_it_serves() {
    let (repo, _) = acme();
    let markdown = stdout(digest(repo.path(), &["--team", "platform"]));
    insta::assert_snapshot!(markdown);
}

#[test]
fn an_unknown_team_suggests_the_closest() {
    let (repo, _) = acme();
    let run = digest(repo.path(), &["--team", "platfrom"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "error: there is no team `platfrom` in the org at {}\nhint: did you mean `platform`?\n",
            short(&repo, "HEAD")
        )
    );
}

#[test]
fn the_current_week_is_in_progress_and_a_quiet_week_says_so() {
    let (repo, _) = acme();
    let markdown = stdout(digest(repo.path(), &["--week", "2026-W48"]));
    insta::assert_snapshot!(markdown);
}

#[test]
fn an_earlier_week_reads_the_org_as_it_was_then() {
    let (repo, ids) = acme();
    let markdown = stdout(digest(repo.path(), &["--week", "2026-W45"]));
    let header = markdown.lines().nth(2).unwrap();
    assert_eq!(
        header,
        format!(
            "Nov 2 – Nov 8, 2026 · 2026-Q4, week 6 of 14 · as of `{}` (2026-11-05)",
            &ids[3].to_string()[..7]
        )
    );
    assert!(
        markdown.contains("| Weekly signups `signups-weekly` | Growth | 1,240 → **1,300** (+60) |"),
        "{markdown}"
    );
}

#[test]
fn a_week_that_has_not_started_is_refused() {
    let (repo, _) = acme();
    let run = digest(repo.path(), &["--week", "2026-W49"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: 2026-W49 has not started yet: it starts on 2026-11-30, and today is 2026-11-23\n\
         hint: leave out `--week` for the last complete week (2026-W47), or pass `--today` to date the run\n"
    );
}

#[test]
fn a_shallow_clone_that_misses_the_quarter_is_refused_with_the_fix() {
    let (repo, _) = acme();
    let clone = git_clone(repo.path(), &["--depth", "3"]);
    let run = digest(clone.path(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let (message, hint) = run.stderr.split_once("\nhint: ").unwrap();
    assert!(
        message.starts_with("error: the history in this clone stops at 2026-11-18"),
        "{message}"
    );
    assert_eq!(
        hint,
        "fetch the full history: in GitHub Actions set `fetch-depth: 0` on actions/checkout, or run `git fetch --unshallow`\n"
    );
}

/// Runs the digest with a fixed committer, as a scheduled job would.
fn publish_run(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--today", TODAY, "digest"];
    all.extend_from_slice(args);
    crate::common::orgit_with_env(
        dir,
        &all,
        &[
            ("GIT_AUTHOR_NAME", "Digest Bot"),
            ("GIT_AUTHOR_EMAIL", "digest@example.com"),
            ("GIT_AUTHOR_DATE", "2026-11-23 07:00:00 +0100"),
            ("GIT_COMMITTER_NAME", "Digest Bot"),
            ("GIT_COMMITTER_EMAIL", "digest@example.com"),
            ("GIT_COMMITTER_DATE", "2026-11-23 07:00:00 +0100"),
        ],
    )
}

fn short(repo: &TestRepo, revision: &str) -> String {
    let id = repo
        .repo
        .revparse_single(revision)
        .unwrap()
        .id()
        .to_string();
    id[..7].to_owned()
}

#[test]
fn write_puts_the_digest_in_digests_and_says_so() {
    let (repo, _) = acme();
    let markdown = stdout(digest(repo.path(), &[]));

    let run = publish_run(repo.path(), &["--write"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert_eq!(run.stderr, "wrote digests/2026-W47.md\n");
    let written = std::fs::read_to_string(repo.path().join("digests/2026-W47.md")).unwrap();
    assert_eq!(written, markdown);

    let again = publish_run(repo.path(), &["--write"]);
    assert_eq!(again.stderr, "digests/2026-W47.md is unchanged\n");

    let team = publish_run(repo.path(), &["--write", "--team", "platform"]);
    assert_eq!(team.stderr, "wrote digests/2026-W47-platform.md\n");
    let team_markdown = stdout(digest(repo.path(), &["--team", "platform"]));
    let written = std::fs::read_to_string(repo.path().join("digests/2026-W47-platform.md"));
    assert_eq!(written.unwrap(), team_markdown);

    let json = publish_run(repo.path(), &["--write", "--format", "json"]);
    assert_eq!(json.code, 2);
    assert_eq!(
        json.stderr,
        "error: `--write` and `--commit` publish the markdown digest\n\
         hint: drop `--format json`, or redirect the JSON to a file yourself\n"
    );
}

#[test]
fn commit_commits_the_digest_alone_once() {
    let (repo, _) = acme();
    let markdown = stdout(digest(repo.path(), &[]));
    let built_from = short(&repo, "HEAD");
    // Someone's unrelated work in progress stays out of the commit.
    write_files(repo.path(), &[(SIGNUPS, &signups("1500", "1800", "9.5"))]);

    let run = publish_run(repo.path(), &["--commit"]);
    let commit = short(&repo, "HEAD");
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("committed digests/2026-W47.md as {commit}\n")
    );
    let head = repo.repo.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(
        head.message().unwrap(),
        format!(
            "digest: Acme weekly digest 2026-W47\n\nBuilt by `orgit digest` from the history up to {built_from} (Merge branch 'platform-week-47').\n"
        )
    );
    assert_eq!(head.parent_count(), 1);
    assert_eq!(short(&repo, "HEAD~1"), built_from);
    let diff = repo
        .repo
        .diff_tree_to_tree(
            Some(&head.parent(0).unwrap().tree().unwrap()),
            Some(&head.tree().unwrap()),
            None,
        )
        .unwrap();
    let paths: Vec<String> = diff
        .deltas()
        .map(|d| d.new_file().path().unwrap().display().to_string())
        .collect();
    assert_eq!(paths, ["digests/2026-W47.md"]);
    let blob = head
        .tree()
        .unwrap()
        .get_path(Path::new("digests/2026-W47.md"))
        .unwrap();
    let committed = repo.repo.find_blob(blob.id()).unwrap();
    assert_eq!(std::str::from_utf8(committed.content()).unwrap(), markdown);

    // Run again, as a retried job would: same digest, no second commit.
    let again = publish_run(repo.path(), &["--commit"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        again.stderr,
        "digests/2026-W47.md is unchanged; nothing to commit\n"
    );
    assert_eq!(short(&repo, "HEAD"), commit);
}

#[test]
fn commit_refuses_a_digest_edited_by_hand() {
    let (repo, _) = acme();
    let run = publish_run(repo.path(), &["--commit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let commit = short(&repo, "HEAD");
    let path = repo.path().join("digests/2026-W47.md");
    let edited = format!(
        "{}\nA note from the chief of staff.\n",
        std::fs::read_to_string(&path).unwrap()
    );
    std::fs::write(&path, &edited).unwrap();

    let refused = publish_run(repo.path(), &["--commit"]);
    assert_eq!(refused.code, 2);
    assert_eq!(
        refused.stderr,
        "error: `digests/2026-W47.md` has uncommitted changes; commit or discard them first (orgit does not overwrite your edits)\n\
         hint: `git diff HEAD -- digests/2026-W47.md` shows them; `git restore --staged --worktree -- digests/2026-W47.md` discards them\n"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    assert_eq!(short(&repo, "HEAD"), commit);
}

#[test]
fn outside_a_repository_the_digest_says_it_needs_history() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("orgit.yaml", SETTINGS)]);
    let run = digest(dir.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: `orgit digest` needs a git repository, but `"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "hint: the digest is read from git history: commit the org to a git repository first\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn committed_settings_over_the_size_cap_are_refused_not_read() {
    let (repo, _) = acme();
    let mut settings = SETTINGS.to_owned();
    settings.push_str("# ");
    settings.push_str(&"x".repeat(1024 * 1024));
    settings.push('\n');
    let head = repo.commit(&[("orgit.yaml", &settings)], "Pad", "ana", "2026-11-20");
    let run = digest(repo.path(), &[]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    let short = &head.to_string()[..7];
    assert_eq!(
        run.stderr,
        format!(
            "error: `orgit.yaml` at {short} does not load\nhint: `orgit check --at {head}` shows why\n"
        )
    );
}

#[test]
fn a_repository_without_commits_says_so() {
    let repo = TestRepo::new();
    write_files(repo.path(), &[("orgit.yaml", SETTINGS)]);
    let run = digest(repo.path(), &[]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: the repository has no commits yet\nhint: the digest is read from git history: commit the org first\n"
    );
}

/// Every field of the JSON, at any depth, is documented in docs/digest.md:
/// the model and its reference cannot drift apart.
#[test]
fn the_docs_document_every_field_of_the_data_model() {
    let (repo, _) = acme();
    let json: serde_json::Value =
        serde_json::from_str(&stdout(digest(repo.path(), &["--format", "json"]))).unwrap();
    let undocumented = crate::common::undocumented_fields(&json, &crate::common::doc("digest.md"));
    assert!(
        undocumented.is_empty(),
        "not in docs/digest.md: {undocumented:?}"
    );
}

#[test]
fn at_reads_history_up_to_an_older_revision() {
    let (repo, ids) = acme();
    let before_merge = ids[ids.len() - 2].to_string();
    let markdown = stdout(digest(repo.path(), &["--at", "HEAD~1"]));
    assert!(
        markdown.contains(&format!("· as of `{}` (2026-11-19)", &before_merge[..7])),
        "{markdown}"
    );
    assert!(!markdown.contains("Uptime `uptime`"), "{markdown}");
    assert!(
        markdown.contains("**No update for 2026-W47:** Growth, Platform."),
        "{markdown}"
    );
}

/// With a GitHub repository, every commit id the digest cites links to the
/// commit's page; the rest of the text is the same as without one.
#[test]
fn commit_ids_link_to_github_when_the_repository_is_there() {
    let (repo, _) = acme();
    let plain = stdout(digest(repo.path(), &[]));
    let mut walk = repo.repo.revwalk().unwrap();
    walk.push_head().unwrap();
    let mut expected = plain.clone();
    let mut linked_ids = 0;
    for id in walk {
        let id = id.unwrap().to_string();
        let cited = format!("`{}`", &id[..7]);
        linked_ids += plain.matches(&cited).count();
        expected = expected.replace(
            &cited,
            &format!("[{cited}](https://github.com/acme/plan/commit/{id})"),
        );
    }
    assert!(linked_ids >= 5, "the digest cites commits: {plain}");

    // Another host: plain ids, no guessed links.
    repo.repo
        .remote("origin", "https://gitlab.com/acme/plan.git")
        .unwrap();
    assert_eq!(stdout(digest(repo.path(), &[])), plain);

    repo.repo
        .remote_set_url("origin", "git@github.com:acme/plan.git")
        .unwrap();
    assert_eq!(stdout(digest(repo.path(), &[])), expected);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(digest(repo.path(), &["--format", "json"]))).unwrap();
    assert_eq!(json["repository"], "https://github.com/acme/plan");

    // orgit.yaml's `repository` wins over the remote (committed: the digest
    // reads the settings from git).
    let settings = std::fs::read_to_string(repo.path().join("orgit.yaml")).unwrap();
    repo.commit(
        &[(
            "orgit.yaml",
            &format!("{settings}repository: https://github.com/acme/elsewhere\n"),
        )],
        "Name the repository",
        "Ana Silva",
        "2026-11-22",
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(digest(repo.path(), &["--format", "json"]))).unwrap();
    assert_eq!(json["repository"], "https://github.com/acme/elsewhere");
}

/// A KPI file: weekly signups (growth) or monthly API latency (platform).
fn signups_kpi(value: &str) -> String {
    format!(
        "id: weekly-signups\ntitle: Weekly signups\nowner: cy\nteam: growth\nunit: signups\ntarget: 100\nvalue: {value}\n"
    )
}

fn latency_kpi(value: &str) -> String {
    format!(
        "id: api-latency\ntitle: API latency p95\nowner: bo\nteam: platform\nunit: ms\nrange: {{max: 300}}\ncadence: monthly\nvalue: {value}\n"
    )
}

/// Two KPIs over the 13 weeks to week 47 (W35, from 24 August, to W47):
/// signups edited weekly from week 44, red in week 47 after a green week 46;
/// latency added in week 38 (the weeks before it draw `·`), red since
/// October and untouched for longer than a month. Growth ranks before
/// Platform in the team tree, so signups come first.
fn kpi_org() -> TestRepo {
    let repo = TestRepo::new();
    let mut base: Vec<(&str, String)> = vec![("orgit.yaml", "name: Acme\n".to_owned())];
    base.extend(TEAMS.iter().map(|(p, t)| (*p, (*t).to_owned())));
    base.extend(PEOPLE.iter().map(|(p, t)| (*p, (*t).to_owned())));
    base.push(("kpis/weekly-signups.yaml", signups_kpi("80")));
    commit(&repo, &base, "Acme with a signups KPI", "ana", "2026-08-20");
    let latency = "kpis/api-latency.yaml";
    commit(
        &repo,
        &[(latency, latency_kpi("250"))],
        "Latency KPI",
        "bo",
        "2026-09-15",
    );
    commit(
        &repo,
        &[(latency, latency_kpi("320"))],
        "Latency up",
        "bo",
        "2026-10-20",
    );
    let signups = "kpis/weekly-signups.yaml";
    for (value, date) in [
        ("90", "2026-10-28"),
        ("95", "2026-11-04"),
        ("105", "2026-11-12"),
        ("98", "2026-11-18"),
    ] {
        commit(
            &repo,
            &[(signups, signups_kpi(value))],
            "Signups",
            "cy",
            date,
        );
    }
    repo
}

#[test]
fn the_scorecard_shows_each_kpi_red_or_green_with_its_trailing_weeks() {
    let repo = kpi_org();
    let markdown = stdout(digest(repo.path(), &["--week", "2026-W47"]));
    let start = markdown.find("## Scorecard").expect("a scorecard section");
    let end = start + markdown[start..].find("\n## What moved").unwrap();
    assert_eq!(
        &markdown[start..end],
        "## Scorecard\n\
         \n\
         | KPI | Team | Owner | Now | Target | Status | 4 weeks | 13 weeks |\n\
         | --- | --- | --- | ---: | --- | --- | --- | --- |\n\
         | Weekly signups `weekly-signups` | Growth | Cy Okafor | 98 signups | ≥ 100 signups | 🔴 off target | ▁▃█▅ | ▁▁▁▁▁▁▁▁▁▄▅█▆ |\n\
         | API latency p95 `api-latency` | Platform | Bo Chen | 320 ms | ≤ 300 ms | 🔴 off target, 2 months running · ⚠️ stale | ▄▄▄▄ | ···▁▁▁▁▁█████ |\n"
    );

    let json: serde_json::Value = serde_json::from_str(&stdout(digest(
        repo.path(),
        &["--week", "2026-W47", "--format", "json"],
    )))
    .unwrap();
    let card = &json["scorecard"];
    assert_eq!(card["weeks"][0], "2026-W35");
    assert_eq!(card["weeks"][12], "2026-W47");
    let signups = &card["rows"][0];
    assert_eq!(signups["id"], "weekly-signups");
    assert_eq!(signups["on_target"], false);
    assert_eq!(signups["off_target_periods"], 1);
    assert_eq!(signups["stale"], false);
    assert_eq!(signups["last_changed"], "2026-11-18");
    assert_eq!(signups["trend"][11], 105.0);
    assert_eq!(signups["trend"][12], 98.0);
    let latency = &card["rows"][1];
    assert_eq!(latency["off_target_periods"], 2);
    assert_eq!(latency["stale"], true);
    assert_eq!(latency["trend"][0], serde_json::Value::Null);

    // A week in which signups were green.
    let week_46 = stdout(digest(repo.path(), &["--week", "2026-W46"]));
    assert!(
        week_46.contains("| 105 signups | ≥ 100 signups | 🟢 on target | ▁▄▅█ |"),
        "{week_46}"
    );
    // The same repository state gives the same bytes.
    assert_eq!(
        stdout(digest(repo.path(), &["--week", "2026-W47"])),
        markdown
    );
}

#[test]
fn a_week_with_kpis_keeps_its_scorecard_after_the_kpis_are_removed() {
    let repo = kpi_org();
    let before = stdout(digest(repo.path(), &["--week", "2026-W46"]));
    assert!(before.contains("## Scorecard"), "{before}");
    // The head has no `kpis/` folder now, so the digest's walk does not read
    // the scorecard's weeks; the org at the week's end still has KPIs.
    repo.remove("kpis/api-latency.yaml");
    repo.remove("kpis/weekly-signups.yaml");
    commit(&repo, &[], "Drop the KPIs", "bo", "2026-11-20");
    assert_eq!(stdout(digest(repo.path(), &["--week", "2026-W46"])), before);
    assert!(!stdout(digest(repo.path(), &["--week", "2026-W47"])).contains("Scorecard"));
}

#[test]
fn a_digest_of_an_org_without_kpis_has_no_scorecard() {
    let (repo, _) = acme();
    let markdown = stdout(digest(repo.path(), &[]));
    assert!(!markdown.contains("Scorecard"));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(digest(repo.path(), &["--format", "json"]))).unwrap();
    assert_eq!(json["scorecard"], serde_json::Value::Null);
}
