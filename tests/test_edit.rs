//! `orgit new update`, `orgit new decision` and `orgit set`: files written
//! for the weekly chores, and one value edited in place, on real orgs.

use crate::common::{MINIMAL_ORG, TestRepo, orgit, write_files};

const TODAY: &str = "2026-11-25";

/// A goal with a block-style metric, comments and a milestone key result.
const GOAL: &str = "---
id: reliability
title: Be reliable
owner: bo
team: platform
period: 2026-Q4
health: on_track
key_results:
  # The SLO we promise in contracts.
  - id: uptime
    title: Uptime
    metric:
      baseline: 99.5   # last quarter
      target: 99.9
      current: 99.7    # from the status page, weekly
      unit: \"%\"
  - id: failover
    title: Failover drill passed
    milestone: {due: 2026-12-04, done: false}
---

Customers trust us.
";

/// A KPI with comments, held to a target below which it should stay.
const KPI: &str = "# yaml-language-server: $schema=../schema/kpi.schema.json
id: p95-latency
title: p95 API latency
owner: bo
team: platform
unit: ms
direction: down
target: 300
value: 312 # 7-day p95, all regions
";

/// Platform's to-dos: two open (listed soonest first), one done, and one of
/// another team's.
const TODOS: &[(&str, &str)] = &[
    (
        "todos/rotate-keys.md",
        "---\nid: rotate-keys\ntitle: Rotate the signing keys\nowner: cy\nteam: platform\ndue: 2026-11-27\n---\n",
    ),
    (
        "todos/book-drill.md",
        "---\nid: book-drill\ntitle: Book the failover drill\nowner: bo\nteam: platform\ndue: 2026-11-20\nfrom: 2026-W46-platform\n---\n",
    ),
    (
        "todos/fix-alerts.md",
        "---\nid: fix-alerts\ntitle: Fix the alerts\nowner: bo\nteam: platform\ndue: 2026-11-18\nstatus: done\n---\n",
    ),
    (
        "todos/hire-sre.md",
        "---\nid: hire-sre\ntitle: Open the SRE role\nowner: ana\nteam: company\ndue: 2026-11-30\n---\n",
    ),
];

fn org() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);
    write_files(dir.path(), &[("goals/2026-Q4/reliability.md", GOAL)]);
    write_files(dir.path(), &[("kpis/p95-latency.yaml", KPI)]);
    write_files(dir.path(), TODOS);
    dir
}

fn read(dir: &tempfile::TempDir, path: &str) -> String {
    std::fs::read_to_string(dir.path().join(path)).unwrap()
}

#[test]
fn new_update_prefills_this_weeks_check_in_and_never_overwrites() {
    let dir = org();
    let run = orgit(dir.path(), &["--today", TODAY, "new", "update", "platform"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout, "wrote updates/2026-W48/platform.md\n");
    assert_eq!(
        read(&dir, "updates/2026-W48/platform.md"),
        "---
team: platform
week: 2026-W48
author: bo
# health: on_track | at_risk | off_track
# confidence: 0.8
---
- **Progress:**
  - Be reliable (`reliability`)
    - Uptime (`uptime`): 99.7% (target 99.9%)
    - Failover drill passed (`failover`): due 2026-12-04
- **Scorecard:**
  - p95 API latency (`p95-latency`): 312 ms (target at most 300 ms)
- **To-dos:**
  - Book the failover drill (`book-drill`): bo, due 2026-11-20
  - Rotate the signing keys (`rotate-keys`): cy, due 2026-11-27
- **Risks:**
- **Asks:**
"
    );
    let check = orgit(dir.path(), &["--today", TODAY, "check"]);
    // Only the overdue to-do is reported, not the new check-in.
    assert!(
        check.stdout.starts_with("warning[todo-overdue]")
            && check
                .stdout
                .ends_with("warning: no errors, 1 warning in 13 files\n"),
        "{}",
        check.stdout
    );

    std::fs::write(dir.path().join("updates/2026-W48/platform.md"), "mine\n").unwrap();
    let again = orgit(dir.path(), &["--today", TODAY, "new", "update", "platform"]);
    assert_eq!(again.code, 2);
    assert_eq!(
        again.stderr,
        "error: `updates/2026-W48/platform.md` exists; orgit never overwrites it\n\
         hint: edit it, or move it away first\n"
    );
    assert_eq!(read(&dir, "updates/2026-W48/platform.md"), "mine\n");

    let typo = orgit(dir.path(), &["--today", TODAY, "new", "update", "platfrom"]);
    assert_eq!(
        typo.stderr,
        "error: no team has the id `platfrom`\nhint: did you mean `platform`?\n"
    );
}

#[test]
fn checkin_is_new_update_and_takes_a_week() {
    let dir = org();
    let run = orgit(dir.path(), &["--today", TODAY, "checkin", "platform"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout, "wrote updates/2026-W48/platform.md\n");
    let checkin = read(&dir, "updates/2026-W48/platform.md");

    let other = org();
    let run = orgit(
        other.path(),
        &["--today", TODAY, "new", "update", "platform"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(&other, "updates/2026-W48/platform.md"), checkin);

    // Next week's, prepared on Friday; then a week of the last quarter,
    // which had no goals of the team.
    let next = orgit(
        dir.path(),
        &[
            "--today", TODAY, "checkin", "platform", "--week", "2026-W49",
        ],
    );
    assert_eq!(next.stdout, "wrote updates/2026-W49/platform.md\n");
    assert_eq!(
        read(&dir, "updates/2026-W49/platform.md"),
        checkin.replace("week: 2026-W48", "week: 2026-W49")
    );
    let past = orgit(
        dir.path(),
        &[
            "checkin", "platform", "--week", "2026-W39", "--author", "bo",
        ],
    );
    assert_eq!(past.code, 0, "{}", past.stderr);
    assert!(read(&dir, "updates/2026-W39/platform.md").contains("week: 2026-W39\nauthor: bo\n"));
    assert!(
        read(&dir, "updates/2026-W39/platform.md").contains("  - no active goals this period\n")
    );

    let again = orgit(dir.path(), &["--today", TODAY, "checkin", "platform"]);
    assert_eq!(again.code, 2);
    assert_eq!(
        again.stderr,
        "error: `updates/2026-W48/platform.md` exists; orgit never overwrites it\n\
         hint: edit it, or move it away first\n"
    );
    assert_eq!(read(&dir, "updates/2026-W48/platform.md"), checkin);
}

#[test]
fn new_decision_takes_the_next_number_and_git_users_person_as_owner() {
    let repo = TestRepo::new();
    let mut files: Vec<(&str, &str)> = MINIMAL_ORG.to_vec();
    files.push((
        "decisions/0007-use-workos.md",
        "---\nid: 0007-use-workos\ntitle: Use WorkOS\nstatus: accepted\ndate: 2026-10-01\nowner: ana\n---\n",
    ));
    files.push((
        "people/bo.yaml",
        "id: bo\nname: Bo Chen\nteam: platform\nemail: bo@acme.example\n",
    ));
    repo.commit(&files, "Plan", "Ana Silva", "2026-11-02");
    repo.repo
        .config()
        .unwrap()
        .set_str("user.email", "Bo@Acme.example")
        .unwrap();

    let run = orgit(
        repo.path(),
        &[
            "--today",
            TODAY,
            "new",
            "decision",
            "Lower the uptime target: 99.9% → 99.8%",
        ],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let path = "decisions/0008-lower-the-uptime-target-99-9-99-8.md";
    assert_eq!(run.stdout, format!("wrote {path}\n"));
    let text = std::fs::read_to_string(repo.path().join(path)).unwrap();
    assert!(
        text.starts_with(
            "---\nid: 0008-lower-the-uptime-target-99-9-99-8\n\
             title: \"Lower the uptime target: 99.9% → 99.8%\"\nstatus: proposed\n\
             date: 2026-11-25\nowner: bo\nconsulted: []\ninformed: []\naffects: []\n---\n## Context\n"
        ),
        "{text}"
    );
    let check = orgit(repo.path(), &["--today", TODAY, "check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);

    repo.repo
        .config()
        .unwrap()
        .set_str("user.email", "someone@else.example")
        .unwrap();
    let unknown = orgit(repo.path(), &["--today", TODAY, "new", "decision", "Next"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(
        unknown.stderr,
        "error: no person in the org has the email `someone@else.example` (git's user.email), \
         to own the decision\nhint: name the decider: `--owner PERSON`, or add your email to \
         your people/ file\n"
    );
    let named = orgit(
        repo.path(),
        &["--today", TODAY, "new", "decision", "Next", "--owner", "cy"],
    );
    assert_eq!(named.stdout, "wrote decisions/0009-next.md\n");
}

#[test]
fn new_issue_is_open_raised_today_with_a_free_id() {
    let repo = TestRepo::new();
    let mut files: Vec<(&str, &str)> = MINIMAL_ORG.to_vec();
    files.push((
        "issues/pager-load.md",
        "---\nid: pager-load\ntitle: Pager load\nraised_by: bo\nteam: platform\nopened: 2026-11-02\n---\n",
    ));
    files.push((
        "people/bo.yaml",
        "id: bo\nname: Bo Chen\nteam: platform\nemail: bo@acme.example\n",
    ));
    repo.commit(&files, "Plan", "Ana Silva", "2026-11-02");
    repo.repo
        .config()
        .unwrap()
        .set_str("user.email", "bo@acme.example")
        .unwrap();

    let run = orgit(
        repo.path(),
        &[
            "--today",
            TODAY,
            "new",
            "issue",
            "Pager load!",
            "--team",
            "platform",
            "--priority",
            "high",
        ],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout, "wrote issues/pager-load-2.md\n");
    assert_eq!(
        std::fs::read_to_string(repo.path().join("issues/pager-load-2.md")).unwrap(),
        "---\nid: pager-load-2\ntitle: \"Pager load!\"\nraised_by: bo\nteam: platform\n\
         priority: high\nstatus: open\nopened: 2026-11-25\n\
         # resolved_by: [a decision id, or to-do ids] once it is solved\n---\n\
         What is in the way, with the facts and figures, and who it holds up.\n"
    );
    let check = orgit(repo.path(), &["--today", TODAY, "check"]);
    assert_eq!(
        (check.code, check.stdout.as_str()),
        (0, "ok: check passed, no problems in 9 files\n")
    );

    let ranked = orgit(
        repo.path(),
        &[
            "--today",
            TODAY,
            "new",
            "issue",
            "On-call rota",
            "--team",
            "platfrom",
            "--priority",
            "2",
            "--raised-by",
            "cy",
        ],
    );
    assert_eq!(
        (ranked.code, ranked.stderr.as_str()),
        (
            2,
            "error: no team has the id `platfrom`\nhint: did you mean `platform`?\n"
        )
    );
    let bad = orgit(
        repo.path(),
        &[
            "new",
            "issue",
            "X",
            "--team",
            "platform",
            "--priority",
            "urgent",
        ],
    );
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("`urgent` is not a priority: give `high`, `medium`, `low` or a rank from 1"),
        "{}",
        bad.stderr
    );
}

#[test]
fn new_todo_takes_its_team_from_where_it_was_agreed_and_is_due_in_a_week() {
    let dir = org();
    write_files(
        dir.path(),
        &[(
            "issues/pager-load.md",
            "---\nid: pager-load\ntitle: Pager load\nraised_by: bo\nteam: company\nopened: 2026-11-02\n---\n",
        )],
    );
    let from_issue = orgit(
        dir.path(),
        &[
            "--today",
            TODAY,
            "new",
            "todo",
            "Split the pager rota",
            "--owner",
            "cy",
            "--from",
            "pager-load",
        ],
    );
    assert_eq!((from_issue.code, from_issue.stderr.as_str()), (0, ""));
    assert_eq!(from_issue.stdout, "wrote todos/split-the-pager-rota.md\n");
    assert_eq!(
        read(&dir, "todos/split-the-pager-rota.md"),
        "---\nid: split-the-pager-rota\ntitle: Split the pager rota\nowner: cy\nteam: company\n\
         due: 2026-12-02\nfrom: pager-load\nstatus: open\n---\n"
    );

    let from_meeting = orgit(
        dir.path(),
        &[
            "--today",
            TODAY,
            "new",
            "todo",
            "Write the runbook",
            "--owner",
            "ana",
            "--from",
            "2026-W48-platform",
            "--due",
            "2026-11-27",
        ],
    );
    assert_eq!((from_meeting.code, from_meeting.stderr.as_str()), (0, ""));
    assert!(
        read(&dir, "todos/write-the-runbook.md")
            .contains("owner: ana\nteam: platform\ndue: 2026-11-27\nfrom: 2026-W48-platform\n")
    );

    let owners_team = orgit(
        dir.path(),
        &[
            "--today",
            TODAY,
            "new",
            "todo",
            "Rotate the signing keys",
            "--owner",
            "bo",
        ],
    );
    assert_eq!(
        owners_team.stdout,
        "wrote todos/rotate-the-signing-keys.md\n"
    );
    assert!(read(&dir, "todos/rotate-the-signing-keys.md").contains("owner: bo\nteam: platform\n"));

    let malformed = orgit(
        dir.path(),
        &[
            "--today", TODAY, "new", "todo", "X", "--owner", "bo", "--from", "2026-W48",
        ],
    );
    assert_eq!(
        (malformed.code, malformed.stderr.as_str()),
        (
            2,
            "error: `--from 2026-W48` is neither an issue id nor a meeting\n\
             hint: a meeting is written `<YYYY-Www>-<team>`, e.g. `2026-W48-leadership`\n"
        )
    );
    let unknown = orgit(
        dir.path(),
        &[
            "--today",
            TODAY,
            "new",
            "todo",
            "X",
            "--owner",
            "bo",
            "--from",
            "pager-lod",
        ],
    );
    assert_eq!(
        unknown.stderr,
        "error: no issue has the id `pager-lod`\nhint: did you mean `pager-load`?\n"
    );
    assert!(!dir.path().join("todos/x.md").exists());
}

#[test]
fn set_edits_current_in_place_and_nothing_else() {
    let dir = org();
    let run = orgit(dir.path(), &["set", "uptime", "99.85"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        run.stdout,
        "set uptime current 99.7% → 99.85% (target 99.9%) in goals/2026-Q4/reliability.md:15\n"
    );
    assert_eq!(
        read(&dir, "goals/2026-Q4/reliability.md"),
        GOAL.replace("current: 99.7    #", "current: 99.85    #")
    );
    // Flow style, in the minimal org's own goal shape.
    let flow = tempfile::tempdir().unwrap();
    write_files(flow.path(), MINIMAL_ORG);
    let before = read(&flow, "goals/2026-Q4/reliability.md");
    let run = orgit(flow.path(), &["set", "uptime", "-1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        read(&flow, "goals/2026-Q4/reliability.md"),
        before.replace("current: 99.7,", "current: -1,")
    );
    let same = orgit(flow.path(), &["set", "uptime", "-1"]);
    assert_eq!(
        same.stdout,
        "uptime is -1 already (goals/2026-Q4/reliability.md)\n"
    );
}

#[test]
fn set_edits_a_kpis_value_in_place_and_says_what_it_is_held_to() {
    let dir = org();
    let run = orgit(dir.path(), &["set", "p95-latency", "288.5"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        run.stdout,
        "set p95-latency value 312 ms → 288.5 ms (target at most 300 ms) in kpis/p95-latency.yaml:9\n"
    );
    assert_eq!(
        read(&dir, "kpis/p95-latency.yaml"),
        KPI.replace("value: 312 #", "value: 288.5 #")
    );
    write_files(
        dir.path(),
        &[(
            "kpis/cost-share.yaml",
            "id: cost-share\ntitle: Cloud cost share\nowner: bo\nteam: platform\nunit: \"%\"\nrange: {min: 8, max: 12}\nvalue: 12.8\n",
        )],
    );
    let run = orgit(dir.path(), &["set", "cost-share", "11.9"]);
    assert_eq!(
        run.stdout,
        "set cost-share value 12.8% → 11.9% (range 8% to 12%) in kpis/cost-share.yaml:7\n"
    );
    let check = orgit(dir.path(), &["check", "--today", TODAY]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

/// Two key results measured by the p95 KPI in one file (flow and block
/// style), so one `orgit set` edits two places in it.
const LATENCY_GOAL: &str = "---
id: fast-api
title: A fast API
owner: bo
team: platform
period: 2026-Q4
key_results:
  - id: p95-kr
    title: p95 under 300 ms
    metric: {baseline: 340, target: 300, current: 312, unit: ms, direction: down, kpi: p95-latency}
  - id: p95-eu
    title: p95 under 300 ms in the EU too
    metric:
      baseline: 340
      target: 300
      current: 312   # same KPI, all regions
      direction: down
      kpi: p95-latency
---
";

#[test]
fn setting_a_kpi_writes_the_key_results_it_measures_and_they_cannot_be_set_alone() {
    let dir = org();
    write_files(dir.path(), &[("goals/2026-Q4/fast-api.md", LATENCY_GOAL)]);
    let check = orgit(dir.path(), &["check", "--today", TODAY, "--format", "json"]);
    assert!(
        !check.stdout.contains("kr-kpi-mismatch"),
        "{}",
        check.stdout
    );

    let run = orgit(dir.path(), &["set", "p95-latency", "290"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        run.stdout,
        "set p95-latency value 312 ms → 290 ms (target at most 300 ms) in kpis/p95-latency.yaml:9\n\
         set p95-kr current 312 ms → 290 ms (measured by p95-latency) in goals/2026-Q4/fast-api.md:10\n\
         set p95-eu current 312 → 290 (measured by p95-latency) in goals/2026-Q4/fast-api.md:16\n"
    );
    assert_eq!(
        read(&dir, "goals/2026-Q4/fast-api.md"),
        LATENCY_GOAL
            .replace("current: 312, unit", "current: 290, unit")
            .replace("current: 312   #", "current: 290   #")
    );
    let check = orgit(dir.path(), &["check", "--today", TODAY, "--format", "json"]);
    assert!(
        !check.stdout.contains("kr-kpi-mismatch"),
        "{}",
        check.stdout
    );

    let again = orgit(dir.path(), &["set", "p95-latency", "290"]);
    assert_eq!(
        again.stdout,
        "p95-latency is 290 already (kpis/p95-latency.yaml)\n"
    );

    let alone = orgit(dir.path(), &["set", "p95-kr", "250"]);
    assert_eq!(
        (alone.code, alone.stderr.as_str()),
        (
            2,
            "error: `p95-kr` is measured by KPI `p95-latency`: its current is the KPI's value\n\
             hint: set the KPI: `orgit set p95-latency VALUE` writes both\n"
        )
    );

    // One edited by hand is caught, at its `current`.
    let drifted = LATENCY_GOAL.replace("current: 312, unit", "current: 280, unit");
    write_files(
        dir.path(),
        &[("goals/2026-Q4/fast-api.md", drifted.as_str())],
    );
    let check = orgit(dir.path(), &["check", "--today", TODAY]);
    assert!(
        check.stdout.contains(
            "error[kr-kpi-mismatch]: key result `p95-kr` is measured by KPI `p95-latency`, \
             whose value is 290 ms, but its current is 280 ms"
        ),
        "{}",
        check.stdout
    );
    assert_eq!(check.code, 1);
}

#[test]
fn set_refuses_unknown_ambiguous_and_milestone_ids_and_non_numbers() {
    let dir = org();
    let before = read(&dir, "goals/2026-Q4/reliability.md");
    let cases: [(&[&str], &str); 4] = [
        (
            &["set", "uptim", "1"],
            "error: no key result or KPI has the id `uptim`\nhint: did you mean `uptime`?\n",
        ),
        (
            &["set", "failover", "1"],
            "error: `failover` is a milestone key result: it has no `current`\n\
             hint: mark it done with `done: true` under its `milestone`\n",
        ),
        (
            &["set", "uptime", "99,9"],
            "error: `99,9` is not a number\n\
             hint: give the new value as a plain number, such as `42` or `99.75`\n",
        ),
        (
            &["--at", "HEAD", "set", "uptime", "1"],
            "error: `--at` reads the org as of a revision; `orgit set` edits the working tree\n\
             hint: drop `--at`\n",
        ),
    ];
    for (args, stderr) in cases {
        let run = orgit(dir.path(), args);
        assert_eq!((run.code, run.stderr.as_str()), (2, stderr), "{args:?}");
    }
    write_files(
        dir.path(),
        &[(
            "goals/2026-Q4/again.md",
            "---\nid: again\ntitle: Again\nowner: bo\nteam: platform\nperiod: 2026-Q4\nkey_results:\n  - id: uptime\n    title: Uptime too\n    metric: {baseline: 1, target: 2, current: 1}\n---\n",
        )],
    );
    let twice = orgit(dir.path(), &["set", "uptime", "1"]);
    assert_eq!(twice.code, 2);
    assert_eq!(
        twice.stderr,
        "error: `uptime` is defined 2 times (goals/2026-Q4/again.md:8, \
         goals/2026-Q4/reliability.md:10), so which to set is ambiguous\n\
         hint: give each its own id (`orgit check` reports the duplicate), then set it\n"
    );
    assert_eq!(read(&dir, "goals/2026-Q4/reliability.md"), before);
}
