//! `orgit remind` on a real repository with fixed dates: who owes a
//! check-in (escalated after two weeks), what is stale and overdue, with
//! GitHub handles, in each format, and the exit code CI reads.

use crate::common::{TestRepo, orgit};

const SETTINGS: &str = "name: Acme\ntimezone: Europe/Berlin\nrhythm:\n  checkin_day: friday\n";

const PLAN: &[(&str, &str)] = &[
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
        "id: ana\nname: Ana Silva\nteam: company\ngithub: ana-silva\n",
    ),
    (
        "people/bo.yaml",
        "id: bo\nname: Bo Chen\nteam: platform\ngithub: \"@bochen\"\n",
    ),
    ("people/cy.yaml", "id: cy\nname: Cy Okafor\nteam: growth\n"),
    (
        "goals/2026-Q4/reliability.md",
        "---\nid: reliability\ntitle: Be reliable\nowner: bo\nteam: platform\nperiod: 2026-Q4\nhealth: on_track\nkey_results:\n  - id: uptime\n    title: Uptime\n    metric: {baseline: 99.5, target: 99.9, current: 99.7, unit: \"%\"}\n---\n",
    ),
    (
        "goals/2026-Q4/signups.md",
        "---\nid: signups\ntitle: More signups\nowner: cy\nteam: growth\nperiod: 2026-Q4\nhealth: at_risk\nkey_results:\n  - id: weekly-signups\n    title: Weekly signups\n    metric: {baseline: 100, target: 200, current: 120}\n---\n",
    ),
    (
        "initiatives/db-migration.md",
        "---\nid: db-migration\ntitle: Move to the new database\nowner: bo\nteam: platform\nsupports: [uptime]\nstatus: active\nhealth: at_risk\nstart: 2026-10-01\ndue: 2026-11-20\n---\n",
    ),
    // Owed: two days late. Not owed: due today, done late, dropped.
    (
        "todos/call-churned.md",
        "---\nid: call-churned\ntitle: Call the churned accounts\nowner: cy\nteam: growth\ndue: 2026-11-25\nfrom: 2026-W47-company\n---\n",
    ),
    (
        "todos/fix-pager.md",
        "---\nid: fix-pager\ntitle: Fix the pager rota\nowner: bo\nteam: platform\ndue: 2026-11-27\n---\n",
    ),
    (
        "todos/book-drill.md",
        "---\nid: book-drill\ntitle: Book the failover drill\nowner: bo\nteam: platform\ndue: 2026-11-16\nstatus: done\n---\n",
    ),
    (
        "todos/old-idea.md",
        "---\nid: old-idea\ntitle: Try the old idea\nowner: ana\nteam: company\ndue: 2026-11-10\nstatus: dropped\n---\n",
    ),
];

fn update(team: &str, week: &str, author: &str) -> (String, String) {
    (
        format!("updates/{week}/{team}.md"),
        format!(
            "---\nteam: {team}\nweek: {week}\nauthor: {author}\nhealth: on_track\n---\nShipped.\n"
        ),
    )
}

fn commit_updates(repo: &TestRepo, updates: &[(&str, &str, &str)], date: &str) {
    let files: Vec<(String, String)> = updates
        .iter()
        .map(|(team, week, author)| update(team, week, author))
        .collect();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    repo.commit(&files, "Weekly updates", "Ana Silva", date);
}

/// Platform checks in every week; Growth stopped after 2026-W46. The
/// initiative was due on 20 November; the reliability goal was last
/// touched on 2 November.
fn repo() -> TestRepo {
    let repo = TestRepo::new();
    repo.commit(PLAN, "Plan Q4", "Ana Silva", "2026-11-02");
    commit_updates(
        &repo,
        &[("platform", "2026-W45", "bo"), ("growth", "2026-W45", "cy")],
        "2026-11-06",
    );
    commit_updates(
        &repo,
        &[("platform", "2026-W46", "bo"), ("growth", "2026-W46", "cy")],
        "2026-11-13",
    );
    commit_updates(&repo, &[("platform", "2026-W47", "bo")], "2026-11-20");
    repo.commit(
        &[(
            "goals/2026-Q4/signups.md",
            &PLAN[8].1.replace("current: 120", "current: 130"),
        )],
        "Signups 130",
        "Cy Okafor",
        "2026-11-24",
    );
    commit_updates(&repo, &[("platform", "2026-W48", "bo")], "2026-11-26");
    repo
}

#[test]
fn on_check_in_day_it_names_who_owes_what_and_escalates_after_two_weeks() {
    let repo = repo();
    let run = orgit(repo.path(), &["--today", "2026-11-27", "remind"]);
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
    insta::assert_snapshot!("remind_on_check_in_day", run.stdout);

    let issue = orgit(
        repo.path(),
        &[
            "--today",
            "2026-11-27",
            "remind",
            "--format",
            "github-issue",
        ],
    );
    assert_eq!(issue.code, 1);
    assert_eq!(
        issue.stdout,
        format!("<!-- orgit-remind -->\n{}", run.stdout)
    );

    let slack = orgit(
        repo.path(),
        &["--today", "2026-11-27", "remind", "--format", "slack"],
    );
    assert_eq!(slack.code, 1);
    insta::assert_snapshot!("remind_slack", slack.stdout);

    let json = orgit(
        repo.path(),
        &["--today", "2026-11-27", "remind", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["owed"], true);
    let updates = json["updates"].as_array().unwrap();
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0]["team"]["id"], "growth");
    assert_eq!(updates[0]["weeks_missing"], 2);
    assert_eq!(updates[0]["escalate_to"]["github"], "@ana-silva");
    let overdue: Vec<(&str, &str, i64)> = json["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap(),
                o["kind"].as_str().unwrap(),
                o["days_overdue"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        overdue,
        [
            ("db-migration", "initiative", 7),
            ("call-churned", "todo", 2)
        ]
    );
    let people: Vec<&str> = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(people, ["ana", "bo", "cy"]);
}

#[test]
fn before_check_in_day_no_check_in_is_owed_yet_and_a_grace_period_is_read_from_settings() {
    let repo = repo();
    let json = orgit(
        repo.path(),
        &["--today", "2026-11-26", "remind", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["updates_due"], false);
    assert_eq!(json["updates"], serde_json::json!([]));
    // Still owed: the stale goal and the overdue initiative.
    assert_eq!(json["owed"], true);

    repo.commit(
        &[(
            "orgit.yaml",
            &format!("{SETTINGS}remind:\n  escalate_after_weeks: 3\n"),
        )],
        "Three weeks' grace",
        "Ana Silva",
        "2026-11-27",
    );
    let json = orgit(
        repo.path(),
        &["--today", "2026-11-27", "remind", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["escalate_after_weeks"], 3);
    assert_eq!(json["updates"][0]["escalated"], false);
    assert_eq!(json["updates"][0]["escalate_to"], serde_json::Value::Null);
}

#[test]
fn nothing_owed_exits_zero() {
    let repo = TestRepo::new();
    let plan: Vec<(&str, &str)> = PLAN
        .iter()
        .copied()
        .filter(|(path, _)| !path.starts_with("initiatives/") && !path.starts_with("todos/"))
        .collect();
    repo.commit(&plan, "Plan Q4", "Ana Silva", "2026-11-23");
    commit_updates(
        &repo,
        &[("platform", "2026-W48", "bo"), ("growth", "2026-W48", "cy")],
        "2026-11-27",
    );
    let run = orgit(repo.path(), &["--today", "2026-11-27", "remind"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(
        run.stdout.contains("# Acme · Nothing owed for 2026-W48\n"),
        "{}",
        run.stdout
    );
    let later = orgit(
        repo.path(),
        &["--today", "2026-11-27", "remind", "--week", "2026-W49"],
    );
    assert_eq!(later.code, 2);
    assert_eq!(
        later.stderr,
        "error: 2026-W49 has not started yet: nothing can be owed for it\n\
         hint: leave out `--week` for this week, or pass `--today` to date the run\n"
    );
}
