//! `orgit review` end to end: real repositories with fixed dates, the real
//! binary, the exact output.
//!
//! Acme's Q3 2026 (July to September; the org's time zone is Europe/Berlin):
//! the company's revenue key result climbs and then has its target lowered
//! without a decision, which lifts its goal from a miss to a hit; the
//! platform's milestone slips and is done after the due date first set; the
//! growth team's latency key result should go down and does half the way.

use crate::common::{MINIMAL_ORG, Run, TestRepo, git_clone, orgit, write_files};

/// "Today" for every run: Q3 is over, Q4 under way.
const TODAY: &str = "2026-10-07";

const SETTINGS: &str = "name: Acme\ntimezone: Europe/Berlin\n";

fn revenue(current: &str, target: &str) -> String {
    format!(
        "---\nid: revenue-q3\ntitle: Grow revenue\nowner: ana\nperiod: 2026-Q3\nhealth: on_track\nkey_results:\n  - id: arr\n    title: ARR\n    metric: {{baseline: 4, target: {target}, current: {current}, unit: \"M€\"}}\n---\n"
    )
}

fn platform(due: &str, done: bool) -> String {
    format!(
        "---\nid: platform-q3\ntitle: Ship SSO\nowner: bo\nteam: platform\nperiod: 2026-Q3\naligns_to: arr\nkey_results:\n  - id: sso-ga\n    title: SSO generally available\n    milestone: {{due: {due}, done: {done}}}\n  - id: latency\n    title: p95 latency\n    metric: {{baseline: 554, target: 300, current: 427, unit: ms}}\n---\n"
    )
}

/// The Q3 story, one commit per step.
fn acme() -> TestRepo {
    let repo = TestRepo::new();
    let mut base: Vec<(&str, &str)> = MINIMAL_ORG
        .iter()
        .copied()
        .filter(|(path, _)| path.starts_with("people/") || path.starts_with("teams/"))
        .collect();
    base.push(("orgit.yaml", SETTINGS));
    repo.commit(&base, "The org", "ana", "2026-06-15");
    let (r, p) = (
        "goals/2026-Q3/revenue-q3.md",
        "goals/2026-Q3/platform-q3.md",
    );
    repo.commit(
        &[(r, &revenue("4", "8")), (p, &platform("2026-08-14", false))],
        "Q3 goals",
        "ana",
        "2026-07-01",
    );
    repo.commit(&[(r, &revenue("5", "8"))], "ARR 5", "ana", "2026-07-20");
    repo.commit(
        &[(p, &platform("2026-09-04", false))],
        "SSO slips three weeks",
        "bo",
        "2026-08-12",
    );
    repo.commit(&[(r, &revenue("6", "8"))], "ARR 6", "ana", "2026-08-24");
    repo.commit(
        &[(p, &platform("2026-09-04", true))],
        "SSO is GA",
        "bo",
        "2026-09-03",
    );
    repo.commit(
        &[(r, &revenue("6", "6.5"))],
        "Lower the ARR target",
        "ana",
        "2026-09-21",
    );
    // After the quarter: counts in no Q3 score.
    repo.commit(
        &[(r, &revenue("6.4", "6.5"))],
        "ARR 6.4",
        "ana",
        "2026-10-05",
    );
    repo
}

fn review(dir: &std::path::Path, args: &[&str]) -> Run {
    let mut all = vec!["--today", TODAY, "review"];
    all.extend_from_slice(args);
    orgit(dir, &all)
}

fn json(dir: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let run = review(dir, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn a_lowered_target_scores_beside_the_target_as_first_set() {
    let repo = acme();
    let review = json(repo.path(), &["quarterly", "2026-Q3"]);
    let goal = &review["goals"][0];
    assert_eq!(goal["id"], "revenue-q3");
    // 4 → 6 of a target lowered from 8 to 6.5: 0.8 now, 0.5 as first set.
    assert_eq!(goal["score"], 0.8);
    assert_eq!(goal["grade"], "hit");
    assert_eq!(goal["score_first_target"], 0.5);
    assert_eq!(goal["grade_first_target"], "progress");
    let metric = &goal["key_results"][0]["metric"];
    assert_eq!(metric["first_target"], 8.0);
    assert_eq!(metric["target"], 6.5);
    assert_eq!(metric["start"], 4.0);
    assert_eq!(metric["lowered"], true);
    assert_eq!(metric["lowered_without_decision"], true);
    assert_eq!(
        metric["target_changes"][0]["commit"]["summary"],
        "Lower the ARR target"
    );
    // Both goals: the lowered target, and the milestone done after the due
    // date first set.
    assert_eq!(review["summary"]["raised_by_target_changes"], 2);
    assert_eq!(review["summary"]["targets_lowered_without_decision"], 1);
}

#[test]
fn a_milestone_done_after_the_due_date_first_set_is_a_miss_against_it() {
    let repo = acme();
    let review = json(repo.path(), &["quarterly", "2026-Q3"]);
    let goal = &review["goals"][1];
    assert_eq!(goal["id"], "platform-q3");
    let sso = &goal["key_results"][0];
    assert_eq!(sso["score"], 1.0);
    assert_eq!(sso["score_first_target"], 0.0);
    assert_eq!(sso["milestone"]["first_due"], "2026-08-14");
    assert_eq!(sso["milestone"]["due"], "2026-09-04");
    assert_eq!(sso["milestone"]["done_on"], "2026-09-03");
    // A metric that should go down, half the way from 554 to 300 ms.
    let latency = &goal["key_results"][1];
    assert_eq!(latency["score"], 0.5);
    assert_eq!(goal["score"], 0.75);
    assert_eq!(goal["score_first_target"], 0.25);
}

#[test]
fn the_quarterly_review_in_markdown() {
    let repo = acme();
    let run = review(repo.path(), &["quarterly", "2026-Q3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn the_default_is_the_last_complete_period() {
    let repo = acme();
    assert_eq!(json(repo.path(), &["quarterly"])["period"]["id"], "2026-Q3");
    let monthly = json(repo.path(), &["monthly"]);
    assert_eq!(monthly["period"]["id"], "2026-09");
    // September scores the Q3 goals at its end, against the targets set when
    // it started.
    assert_eq!(monthly["goals"][0]["score_first_target"], 0.5);
    assert_eq!(
        monthly["goals"][0]["key_results"][0]["metric"]["start"],
        6.0
    );
    // Fiscal year 2025 ended before the first commit.
    assert_eq!(
        review_run_error(&repo, &["annual"]),
        "error: the window (2025-01-01 to 2026-01-01) is before the first commit (2026-06-15)\nhint: ask for a week or period after the repository's first commit (`git log --reverse` shows it)\n"
    );
}

#[test]
fn an_annual_review_puts_the_quarters_side_by_side() {
    let repo = acme();
    let review = json(repo.path(), &["annual", "2026"]);
    assert_eq!(review["period"]["in_progress"], true);
    let quarters: Vec<(String, u64)> = review["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["period"].as_str().unwrap().to_owned(),
                q["goals"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        quarters,
        [
            ("2026-Q1".to_owned(), 0),
            ("2026-Q2".to_owned(), 0),
            ("2026-Q3".to_owned(), 2),
            ("2026-Q4".to_owned(), 0)
        ]
    );
    assert_eq!(review["quarters"][2]["scored_at"], "2026-09-30");
    // Q3's goals are scored at Q3's end, not with October's value.
    assert_eq!(review["goals"][0]["score"], 0.8);
}

#[test]
fn team_restricts_the_review_to_the_team_and_its_goals() {
    let repo = acme();
    let review = json(repo.path(), &["quarterly", "2026-Q3", "--team", "platform"]);
    let ids: Vec<&str> = review["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["platform-q3"]);
    assert_eq!(review["teams"].as_array().unwrap().len(), 1);
    let run = review_run_error(&repo, &["quarterly", "--team", "platfrom"]);
    // The org is read as of Q3's last commit, the one before HEAD.
    assert_eq!(
        run,
        format!(
            "error: there is no team `platfrom` in the org at {}\nhint: did you mean `platform`?\n",
            short_of(&repo, "HEAD~1")
        )
    );
}

fn short_of(repo: &TestRepo, revision: &str) -> String {
    let id = repo
        .repo
        .revparse_single(revision)
        .unwrap()
        .id()
        .to_string();
    id[..7].to_owned()
}

fn review_run_error(repo: &TestRepo, args: &[&str]) -> String {
    let run = review(repo.path(), args);
    assert_eq!(run.code, 2, "{}", run.stdout);
    run.stderr
}

#[test]
fn a_fiscal_year_starting_in_april_reviews_april_to_june_as_q1() {
    let repo = TestRepo::new();
    let mut files: Vec<(&str, &str)> = MINIMAL_ORG
        .iter()
        .copied()
        .filter(|(path, _)| !path.starts_with("goals/"))
        .collect();
    files.push((
        "orgit.yaml",
        "name: Acme\ntimezone: Europe/Berlin\nfiscal_year_start_month: 4\n",
    ));
    repo.commit(&files, "The org", "ana", "2026-03-20");
    let goal = |current: &str| {
        format!(
            "---\nid: uptime-q1\ntitle: Be up\nowner: bo\nteam: platform\nperiod: 2027-Q1\nkey_results:\n  - id: uptime\n    title: Uptime\n    metric: {{baseline: 99, target: 100, current: {current}}}\n---\n"
        )
    };
    let path = "goals/2027-Q1/uptime-q1.md";
    repo.commit(&[(path, &goal("99"))], "Q1 goals", "bo", "2026-04-01");
    repo.commit(&[(path, &goal("99.6"))], "Up", "bo", "2026-06-10");
    let run = orgit(
        repo.path(),
        &[
            "--today",
            "2026-07-02",
            "review",
            "quarterly",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let review: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(review["period"]["id"], "2027-Q1");
    assert_eq!(review["period"]["first_day"], "2026-04-01");
    assert_eq!(review["period"]["last_day"], "2026-06-30");
    assert_eq!(review["goals"][0]["score"], 0.6);
    let annual = orgit(
        repo.path(),
        &[
            "--today",
            "2026-07-02",
            "review",
            "annual",
            "2027",
            "--format",
            "json",
        ],
    );
    let annual: serde_json::Value = serde_json::from_str(&annual.stdout).unwrap();
    assert_eq!(annual["period"]["first_day"], "2026-04-01");
    assert_eq!(annual["period"]["last_day"], "2027-03-31");
}

#[test]
fn an_empty_period_says_there_is_nothing_to_score() {
    let repo = acme();
    let run = review(repo.path(), &["quarterly", "2026-Q2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("\nNo goals to score in 2026-Q2.\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("### By goal"), "{}", run.stdout);
}

#[test]
fn bad_periods_say_how_to_write_one() {
    let repo = acme();
    assert_eq!(
        review_run_error(&repo, &["monthly", "2026-Q3"]),
        "error: `2026-Q3` is not a month period\nhint: write a monthly period as YYYY-MM, e.g. 2026-11\n"
    );
    assert_eq!(
        review_run_error(&repo, &["quarterly", "2027-Q1"]),
        "error: 2027-Q1 has not started yet: it starts on 2027-01-01, and today is 2026-10-07\nhint: leave out the period for the last complete one (2026-Q3), or pass `--today` to date the run\n"
    );
    assert_eq!(
        review_run_error(
            &repo,
            &["quarterly", "2026-Q3", "--format", "json", "--write"]
        ),
        "error: `--write` and `--commit` publish the markdown review\nhint: drop `--format json`, or redirect the JSON to a file yourself\n"
    );
}

#[test]
fn a_shallow_clone_that_misses_the_period_is_refused_with_the_fix() {
    let repo = acme();
    let clone = git_clone(repo.path(), &["--depth", "2"]);
    let run = review(clone.path(), &["quarterly", "2026-Q3"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(run.stdout, "");
    let (message, hint) = run.stderr.split_once("\nhint: ").unwrap();
    assert!(
        message.starts_with("error: the history in this clone stops at 2026-09-21"),
        "{message}"
    );
    assert_eq!(
        hint,
        "fetch the full history: in GitHub Actions set `fetch-depth: 0` on actions/checkout, or run `git fetch --unshallow`\n"
    );
}

#[test]
fn commit_writes_the_review_and_commits_that_file_alone() {
    let repo = acme();
    write_files(repo.path(), &[("notes.txt", "not orgit's\n")]);
    let run = crate::common::orgit_with_env(
        repo.path(),
        &["--today", TODAY, "review", "quarterly", "--commit"],
        &[
            ("GIT_AUTHOR_NAME", "Review Bot"),
            ("GIT_AUTHOR_EMAIL", "review@example.com"),
            ("GIT_COMMITTER_NAME", "Review Bot"),
            ("GIT_COMMITTER_EMAIL", "review@example.com"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("committed reviews/2026-Q3.md as "),
        "{}",
        run.stderr
    );
    let head = repo.repo.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(
        head.summary().unwrap(),
        Some("review: Acme quarterly review 2026-Q3")
    );
    let parent = head.parent(0).unwrap();
    let diff = repo
        .repo
        .diff_tree_to_tree(
            Some(&parent.tree().unwrap()),
            Some(&head.tree().unwrap()),
            None,
        )
        .unwrap();
    let paths: Vec<String> = diff
        .deltas()
        .map(|d| d.new_file().path().unwrap().display().to_string())
        .collect();
    assert_eq!(paths, ["reviews/2026-Q3.md"]);
    let written = std::fs::read_to_string(repo.path().join("reviews/2026-Q3.md")).unwrap();
    assert_eq!(written, review(repo.path(), &["quarterly"]).stdout);
    let again = review(repo.path(), &["quarterly", "--commit"]);
    assert_eq!(
        again.stderr,
        "reviews/2026-Q3.md is unchanged; nothing to commit\n"
    );
}

#[test]
fn scoring_bands_come_from_orgit_yaml_and_check_rejects_bad_ones() {
    let repo = acme();
    repo.commit(
        &[(
            "orgit.yaml",
            "name: Acme\ntimezone: Europe/Berlin\nscoring:\n  hit: 0.9\n  progress: 0.5\n",
        )],
        "Stricter bands",
        "ana",
        "2026-10-06",
    );
    let review = json(repo.path(), &["quarterly", "2026-Q3"]);
    assert_eq!(review["scoring"]["hit"], 0.9);
    assert_eq!(review["goals"][0]["grade"], "progress");
    write_files(
        repo.path(),
        &[(
            "orgit.yaml",
            "name: Acme\nscoring:\n  hit: 0.4\n  progress: 0.7\n",
        )],
    );
    let checked = crate::common::check_json(repo.path(), &[]);
    assert_eq!(checked.diagnostics, ["invalid-value orgit.yaml:4:13"]);
}

#[test]
fn the_docs_document_every_field_of_the_data_model() {
    let repo = acme();
    let docs = crate::common::doc("reviews.md");
    for args in [["quarterly", "2026-Q3"], ["annual", "2026"]] {
        let json = json(repo.path(), &args);
        let undocumented = crate::common::undocumented_fields(&json, &docs);
        assert!(
            undocumented.is_empty(),
            "not in docs/reviews.md: {undocumented:?}"
        );
    }
}

/// Q4 2026 so far: `signups` says on track and climbs too slowly; `latency`
/// (down is better) never moves from its baseline.
fn stalling() -> TestRepo {
    let repo = TestRepo::new();
    let mut base: Vec<(&str, &str)> = MINIMAL_ORG
        .iter()
        .copied()
        .filter(|(path, _)| !path.starts_with("goals/"))
        .collect();
    base.push(("orgit.yaml", SETTINGS));
    repo.commit(&base, "The org", "ana", "2026-09-20");
    let goal = |signups: &str| {
        format!(
            "---\nid: growth-q4\ntitle: Grow\nowner: bo\nteam: platform\nperiod: 2026-Q4\nhealth: on_track\nkey_results:\n  - id: signups\n    title: Signups\n    metric: {{baseline: 0, target: 100, current: {signups}}}\n  - id: latency\n    title: p95 latency\n    metric: {{baseline: 554, target: 300, current: 554, unit: ms}}\n---\n"
        )
    };
    let path = "goals/2026-Q4/growth-q4.md";
    for (signups, date) in [
        ("0", "2026-10-01"),
        ("8", "2026-10-14"),
        ("15", "2026-10-28"),
        ("21", "2026-11-11"),
        ("25", "2026-11-18"),
    ] {
        repo.commit(
            &[(path, &goal(signups))],
            &format!("Signups {signups}"),
            "bo",
            date,
        );
    }
    repo
}

#[test]
fn pace_flags_a_stalling_key_result_and_an_on_track_one_that_falls_short() {
    let repo = stalling();
    let today = ["--today", "2026-11-23"];
    let run = |args: &[&str]| {
        let mut all = today.to_vec();
        all.extend_from_slice(args);
        let run = orgit(repo.path(), &all);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let review: serde_json::Value = serde_json::from_str(&run(&[
        "review",
        "quarterly",
        "2026-Q4",
        "--format",
        "json",
    ]))
    .unwrap();
    let flags = |list: &serde_json::Value| -> Vec<(String, serde_json::Value)> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["id"].as_str().unwrap().to_owned(),
                    b["pace"]["flags"].clone(),
                )
            })
            .collect()
    };
    let expected = vec![
        ("signups".to_owned(), serde_json::json!(["forecast_short"])),
        (
            "latency".to_owned(),
            serde_json::json!(["forecast_short", "no_progress"]),
        ),
    ];
    assert_eq!(flags(&review["behind_pace"]), expected);
    let signups = &review["goals"][0]["key_results"][0]["pace"];
    assert_eq!(signups["actual"], 0.25);
    // Read through today, Monday 23 November: 54 of Q4's 92 days.
    assert_eq!(signups["expected"], 0.587);

    let digest: serde_json::Value =
        serde_json::from_str(&run(&["digest", "--format", "json"])).unwrap();
    assert_eq!(flags(&digest["behind_pace"]), expected);
    let markdown = run(&["digest"]);
    let section = markdown
        .split("### Behind pace\n")
        .nth(1)
        .and_then(|rest| rest.trim_start().split("\n\n").next())
        .unwrap_or_else(|| panic!("{markdown}"));
    insta::assert_snapshot!(section, @r"
    | Key result | Owner | Says | Now | Expected by now | Forecast at period end | Flag |
    | --- | --- | --- | --- | --- | --- | --- |
    | Signups `signups` | Bo Chen | 🟢 on track | 25 of 100 (25%) | 58% | 44.8 (45% of the way) | ⚠️ says on track, forecast 45% |
    | p95 latency `latency` | Bo Chen | 🟢 on track | 554 ms of 300 ms (0%) | 58% | 554 ms (0% of the way) | ⚠️ says on track, forecast 0% · ⚠️ no progress at 58% of the period (0% of the way) |
    ");

    let status: serde_json::Value =
        serde_json::from_str(&run(&["status", "--format", "json"])).unwrap();
    assert_eq!(status["pace"]["unavailable"], serde_json::Value::Null);
    assert_eq!(flags(&status["pace"]["behind"]), expected);
    let human = run(&["status"]);
    assert!(
        human.ends_with(
            "\nBehind pace (2)\n  signups  says on track, forecast 44%\n  latency  says on track, forecast 0%\n"
        ),
        "{human}"
    );
}

#[test]
fn status_says_when_the_history_for_pace_cannot_be_read() {
    let repo = stalling();
    let clone = git_clone(repo.path(), &["--depth", "1"]);
    let run = orgit(clone.path(), &["--today", "2026-11-23", "status"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "\nBehind pace: history not read (the history in this clone stops at 2026-11-18"
        ),
        "{}",
        run.stdout
    );
    let json = orgit(
        clone.path(),
        &["--today", "2026-11-23", "status", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let reason = json["pace"]["unavailable"].as_str().unwrap();
    assert!(
        reason.ends_with("; fetch the full history: in GitHub Actions set `fetch-depth: 0` on actions/checkout, or run `git fetch --unshallow`"),
        "{reason}"
    );
}

/// Q3 2026 of a three-team org: platform checks in twice, growth never; the
/// platform's SSO initiative slips 17 days and is done after the growth
/// goal's need_by; two decisions wait 10 and 20 days.
fn health_org() -> TestRepo {
    let repo = TestRepo::new();
    let files: Vec<(&str, &str)> = vec![
        ("orgit.yaml", SETTINGS),
        (
            "teams/company.yaml",
            "id: company\nname: Company\nlead: ana\n",
        ),
        (
            "teams/platform.yaml",
            "id: platform\nname: Platform\nparent: company\nlead: bo\n",
        ),
        (
            "teams/growth.yaml",
            "id: growth\nname: Growth\nparent: company\nlead: cy\n",
        ),
        (
            "people/ana.yaml",
            "id: ana\nname: Ana Silva\nteam: company\n",
        ),
        ("people/bo.yaml", "id: bo\nname: Bo Chen\nteam: platform\n"),
        ("people/cy.yaml", "id: cy\nname: Cy Okafor\nteam: growth\n"),
    ];
    repo.commit(&files, "The org", "ana", "2026-06-15");
    let sso = |due: &str, status: &str| {
        format!(
            "---\nid: sso\ntitle: SSO\nowner: bo\nteam: platform\nstatus: {status}\nstart: 2026-07-01\ndue: {due}\n---\n"
        )
    };
    let goal = "---\nid: growth-q3\ntitle: Enterprise signups\nowner: cy\nteam: growth\nperiod: 2026-Q3\ndepends_on:\n  - {on: sso, need_by: 2026-08-20}\nkey_results:\n  - id: signups\n    title: Signups\n    metric: {baseline: 0, target: 10, current: 0}\n---\n";
    let decision = |id: &str, date: &str, status: &str, decided: &str| {
        format!(
            "---\nid: {id}\ntitle: Decide {id}\nstatus: {status}\ndate: {date}\n{decided}owner: ana\n---\n"
        )
    };
    repo.commit(
        &[
            ("initiatives/sso.md", &sso("2026-08-14", "active")),
            ("goals/2026-Q3/growth-q3.md", goal),
            (
                "decisions/0001-one.md",
                &decision("0001-one", "2026-07-01", "proposed", ""),
            ),
            (
                "decisions/0002-two.md",
                &decision("0002-two", "2026-07-06", "proposed", ""),
            ),
        ],
        "Q3 plan",
        "ana",
        "2026-07-01",
    );
    let update = |week: &str| {
        format!("---\nteam: platform\nweek: {week}\nauthor: bo\nhealth: on_track\n---\nFine.\n")
    };
    repo.commit(
        &[("updates/2026-W28/platform.md", &update("2026-W28"))],
        "Platform W28",
        "bo",
        "2026-07-10",
    );
    repo.commit(
        &[(
            "decisions/0002-two.md",
            &decision(
                "0002-two",
                "2026-07-06",
                "accepted",
                "decided_on: 2026-07-16\n",
            ),
        )],
        "Decide two",
        "ana",
        "2026-07-16",
    );
    repo.commit(
        &[(
            "decisions/0001-one.md",
            &decision(
                "0001-one",
                "2026-07-01",
                "accepted",
                "decided_on: 2026-07-21\n",
            ),
        )],
        "Decide one",
        "ana",
        "2026-07-21",
    );
    repo.commit(
        &[("updates/2026-W31/platform.md", &update("2026-W31"))],
        "Platform W31",
        "bo",
        "2026-07-31",
    );
    repo.commit(
        &[("initiatives/sso.md", &sso("2026-08-31", "active"))],
        "SSO slips",
        "bo",
        "2026-08-10",
    );
    repo.commit(
        &[("initiatives/sso.md", &sso("2026-08-31", "done"))],
        "SSO done",
        "bo",
        "2026-09-01",
    );
    repo
}

fn health_of<'j>(review: &'j serde_json::Value, team: &str) -> &'j serde_json::Value {
    let teams = review["health"]["teams"].as_array().unwrap();
    let team = teams.iter().find(|t| t["id"] == team).unwrap();
    team["periods"].as_array().unwrap().last().unwrap()
}

#[test]
fn execution_health_counts_check_ins_slips_late_dependencies_and_decision_latency() {
    let repo = health_org();
    let review = json(repo.path(), &["quarterly", "2026-Q3"]);
    let periods: Vec<(&str, &str)> = review["health"]["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["history"].as_str().unwrap()))
        .collect();
    assert_eq!(
        periods,
        [
            ("2025-Q4", "none"),
            ("2026-Q1", "none"),
            ("2026-Q2", "partial"),
            ("2026-Q3", "full")
        ]
    );
    // Twelve weeks start and end in Q3: W28 (from Monday 6 July) to W39;
    // W27 starts in June, W40 ends in October.
    let growth = health_of(&review, "growth");
    assert_eq!(
        growth["check_ins"],
        serde_json::json!({"count": 0, "of": 12, "rate": 0.0})
    );
    let platform = health_of(&review, "platform");
    assert_eq!(
        platform["check_ins"],
        serde_json::json!({"count": 2, "of": 12, "rate": 0.1667})
    );
    // SSO: done on 1 September, due 14 August as first committed; needed by
    // growth on 20 August.
    assert_eq!(
        platform["on_time_delivery"],
        serde_json::json!({"count": 0, "of": 1, "rate": 0.0})
    );
    assert_eq!(
        platform["slips"],
        serde_json::json!({"count": 1, "of": 1, "rate": 1.0})
    );
    assert_eq!(platform["days_slipped"], 17);
    assert_eq!(
        platform["dependency_reliability"],
        serde_json::json!({"count": 0, "of": 1, "rate": 0.0})
    );
    // Growth provides nothing.
    assert_eq!(growth["dependency_reliability"]["of"], 0);
    // The company rolls both teams up: 2 of 24 check-ins; decisions of 10
    // and 20 days.
    let company = health_of(&review, "company");
    assert_eq!(company["check_ins"]["count"], 2);
    assert_eq!(company["check_ins"]["of"], 24);
    assert_eq!(company["decisions_decided"], 2);
    assert_eq!(company["decision_latency_days"], 15.0);
    let markdown = review_run(&repo, &["quarterly", "2026-Q3"]);
    let section = markdown.split("## Execution health\n").nth(1).unwrap();
    insta::assert_snapshot!(section, @r"
    4 periods: 2025-Q4 (before the history), 2026-Q1 (before the history), 2026-Q2 (partly before the history), 2026-Q3; figures for 2026-Q3, with the trend over all 4 (docs/reviews.md says how each is counted).

    | Team | Check-ins | On time | Slips (days) | Lowered targets (no decision) | Decision latency | Dependencies met | Stale | Aligned |
    | --- | --- | --- | --- | --- | --- | --- | --- | --- |
    | Company | 8% (2/24) ··▁▂ | 0% (0/1) ···▁ | 1 (17) ···█ | 0 (0) | 15 d (2) | 0% (0/1) ···▁ | 100% (1/1) ···█ | 0% (0/1) |
    | &nbsp;&nbsp;&nbsp;&nbsp;Growth | 0% (0/12) ··▁▁ | — ···· | 0 (0) ···· | 0 (0) | — | — ···· | 100% (1/1) ···█ | 0% (0/1) |
    | &nbsp;&nbsp;&nbsp;&nbsp;Platform | 17% (2/12) ··▁▂ | 0% (0/1) ···▁ | 1 (17) ···█ | 0 (0) | — | 0% (0/1) ···▁ | — ···· | — |
    ");
}

fn review_run(repo: &TestRepo, args: &[&str]) -> String {
    let run = review(repo.path(), args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn skip_before_history_turns_a_period_before_the_first_commit_into_a_note() {
    let repo = acme();
    let run = review(
        repo.path(),
        &["quarterly", "2026-Q1", "--skip-before-history"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "2026-Q1 ended before the first commit: nothing to review\n"
    );
    // Without it, the same period is an error with the fix.
    let run = review(repo.path(), &["quarterly", "2026-Q1"]);
    assert_eq!(run.code, 2);
}

#[test]
fn the_quarter_lists_what_was_delivered_what_slipped_and_the_decisions_taken() {
    let repo = health_org();
    let review = json(repo.path(), &["quarterly", "2026-Q3"]);
    let delivered = &review["delivered"][0];
    assert_eq!(delivered["id"], "sso");
    assert_eq!(delivered["done_on"], "2026-09-01");
    assert_eq!(delivered["first_due"], "2026-08-14");
    assert_eq!(delivered["on_time"], false);
    assert_eq!(delivered["commit"]["summary"], "SSO done");
    let slipped = &review["slipped"][0];
    assert_eq!(slipped["days"], 17);
    assert_eq!(slipped["slips"][0]["commit"]["summary"], "SSO slips");
    let decisions: Vec<(&str, i64)> = review["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap(),
                d["days_to_decide"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(decisions, [("0002-two", 10), ("0001-one", 20)]);
    assert_eq!(review["carried_over"], serde_json::json!([]));
}

#[test]
fn a_goal_of_the_same_family_next_quarter_is_carried_over() {
    let repo = acme();
    repo.commit(
        &[(
            "goals/2026-Q4/revenue-q4.md",
            "---\nid: revenue-q4\ntitle: Grow revenue more\nowner: ana\nperiod: 2026-Q4\n---\n",
        )],
        "Q4 goals",
        "ana",
        "2026-10-06",
    );
    let review = json(repo.path(), &["quarterly", "2026-Q3"]);
    assert_eq!(
        review["carried_over"],
        serde_json::json!([{
            "from": "revenue-q3",
            "id": "revenue-q4",
            "title": "Grow revenue more",
            "period": "2026-Q4",
            "path": "goals/2026-Q4/revenue-q4.md",
            "how": "same_family"
        }])
    );
}

/// As in the digest: on GitHub every cited commit id links to the commit;
/// elsewhere the ids stay plain.
#[test]
fn commit_ids_link_to_github_when_the_repository_is_there() {
    let repo = health_org();
    let args = ["quarterly", "2026-Q3"];
    let plain = review_run(&repo, &args);
    let mut walk = repo.repo.revwalk().unwrap();
    walk.push_head().unwrap();
    let mut expected = plain.clone();
    let mut linked = 0;
    for id in walk {
        let id = id.unwrap().to_string();
        let cited = format!("`{}` ", &id[..7]);
        linked += plain.matches(&cited).count();
        expected = expected.replace(
            &cited,
            &format!(
                "[`{}`](https://github.com/acme/plan/commit/{id}) ",
                &id[..7]
            ),
        );
    }
    assert!(linked >= 3, "the review cites commits: {plain}");

    repo.repo
        .remote("origin", "https://gitlab.com/acme/plan.git")
        .unwrap();
    assert_eq!(review_run(&repo, &args), plain);

    repo.repo
        .remote_set_url("origin", "git@github.com:acme/plan.git")
        .unwrap();
    assert_eq!(review_run(&repo, &args), expected);
    assert_eq!(
        json(repo.path(), &args)["repository"],
        "https://github.com/acme/plan"
    );
}
