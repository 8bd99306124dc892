//! `orgit agenda` on a real repository with dated commits: last week's
//! to-dos checked off (one done the week before is not counted again), the
//! open issues ranked, the meeting's own `from:` id, and `--write`.

use crate::common::{TestRepo, orgit};

const PLAN: &[(&str, &str)] = &[
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
        "teams/growth.yaml",
        "id: growth\nname: Growth\nparent: company\nlead: cy\n",
    ),
    (
        "people/ana.yaml",
        "id: ana\nname: Ana Silva\nteam: company\n",
    ),
    ("people/bo.yaml", "id: bo\nname: Bo Chen\nteam: platform\n"),
    ("people/cy.yaml", "id: cy\nname: Cy Okafor\nteam: growth\n"),
    (
        "kpis/incidents.yaml",
        "id: incidents\ntitle: Incidents a week\nowner: bo\nteam: platform\ntarget: 2\ndirection: down\ncadence: weekly\nvalue: 3\n",
    ),
    (
        "kpis/signups.yaml",
        "id: signups\ntitle: Signups a week\nowner: cy\nteam: growth\ntarget: 100\ncadence: weekly\nvalue: 120\n",
    ),
    (
        "goals/2026-Q4/reliability.md",
        "---\nid: reliability\ntitle: Be reliable\nowner: bo\nteam: platform\nperiod: 2026-Q4\nhealth: on_track\nkey_results:\n  - id: uptime\n    title: Uptime\n    metric: {baseline: 99.5, target: 99.9, current: 99.7, unit: \"%\"}\n---\n",
    ),
];

fn todo(id: &str, owner: &str, team: &str, due: &str, from: &str, status: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: Do {id}\nowner: {owner}\nteam: {team}\ndue: {due}\nfrom: {from}\nstatus: {status}\n---\n"
    )
}

fn issue(id: &str, by: &str, team: &str, priority: &str, opened: &str, status: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: About {id}\nraised_by: {by}\nteam: {team}\npriority: {priority}\nopened: {opened}\nstatus: {status}\n---\n"
    )
}

/// The week under review is 2026-W47 (16–22 November).
fn repo() -> TestRepo {
    let repo = TestRepo::new();
    repo.commit(PLAN, "Plan Q4", "Ana Silva", "2026-11-02");
    let pager = issue(
        "pager-noise",
        "bo",
        "platform",
        "high",
        "2026-11-09",
        "open",
    );
    let mute = todo(
        "mute-staging",
        "bo",
        "platform",
        "2026-11-19",
        "pager-noise",
        "open",
    );
    let runbook = todo(
        "write-runbook",
        "bo",
        "platform",
        "2026-11-20",
        "2026-W46-platform",
        "open",
    );
    let call = todo(
        "call-churned",
        "cy",
        "growth",
        "2026-11-18",
        "2026-W46-company",
        "open",
    );
    let early = todo(
        "early-one",
        "cy",
        "growth",
        "2026-11-13",
        "2026-W46-company",
        "open",
    );
    let later = todo(
        "later-one",
        "bo",
        "platform",
        "2026-12-04",
        "pager-noise",
        "open",
    );
    repo.commit(
        &[
            ("issues/pager-noise.md", &pager),
            ("todos/mute-staging.md", &mute),
            ("todos/write-runbook.md", &runbook),
            ("todos/call-churned.md", &call),
            ("todos/early-one.md", &early),
            ("todos/later-one.md", &later),
        ],
        "Weekly meeting W46",
        "Ana Silva",
        "2026-11-10",
    );
    repo.commit(
        &[(
            "todos/early-one.md",
            &early.replace("status: open", "status: done"),
        )],
        "Early one done",
        "Cy Okafor",
        "2026-11-12",
    );
    repo.commit(
        &[
            (
                "todos/mute-staging.md",
                &mute.replace("status: open", "status: done"),
            ),
            (
                "kpis/incidents.yaml",
                &PLAN[7].1.replace("value: 3", "value: 5"),
            ),
        ],
        "Staging alerts muted",
        "Bo Chen",
        "2026-11-18",
    );
    let slow = issue(
        "signup-form-slow",
        "cy",
        "growth",
        "medium",
        "2026-11-19",
        "open",
    );
    repo.commit(
        &[
            ("issues/signup-form-slow.md", &slow),
            (
                "todos/call-churned.md",
                &call.replace("status: open", "status: dropped"),
            ),
        ],
        "Signup form issue; churned calls dropped",
        "Cy Okafor",
        "2026-11-19",
    );
    repo
}

#[test]
fn the_agenda_checks_off_last_weeks_to_dos_and_ranks_the_open_issues() {
    let repo = repo();
    let run = orgit(repo.path(), &["--today", "2026-11-23", "agenda"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let section = |from: &str, to: &str| {
        let start = run
            .stdout
            .find(from)
            .unwrap_or_else(|| panic!("{from}:\n{}", run.stdout));
        let end = run.stdout[start..]
            .find(to)
            .map_or(run.stdout.len(), |e| start + e);
        run.stdout[start..end].to_owned()
    };
    assert_eq!(
        section("## 1.", "## 2."),
        "## 1. Scorecard: KPIs off target\n\n\
         1 of 2 KPIs off target.\n\n\
         | KPI | Owner | Team | Now | Target | Off for | Trend |\n\
         | --- | --- | --- | ---: | --- | --- | --- |\n\
         | Incidents a week `incidents` | Bo Chen | Platform | 5 | ≤ 2 | 3 weeks | ··········▁▁█ |\n\n"
    );
    assert_eq!(
        section("## 4.", "## 5."),
        "## 4. To-dos: done or not\n\n\
         50% of the to-dos due by Nov 22 are done.\n\n\
         | To-do | Owner | Due | Done? |\n\
         | --- | --- | --- | --- |\n\
         | Do call-churned `call-churned` | Cy Okafor | Nov 18 | dropped |\n\
         | Do mute-staging `mute-staging` | Bo Chen | Nov 19 | ✅ done |\n\
         | Do write-runbook `write-runbook` | Bo Chen | Nov 20 | ⚠️ **not done** |\n\n\
         Still owed, due later: Do later-one `later-one` (Bo Chen, Dec 4).\n\n"
    );
    assert_eq!(
        section("| # |", "## 6."),
        "| # | Issue | Priority | Team | Raised by | Open for |\n\
         | ---: | --- | --- | --- | --- | ---: |\n\
         | 1 | About pager-noise `pager-noise` | high | Platform | Bo Chen | 1 week |\n\
         | 2 | About signup-form-slow `signup-form-slow` | medium | Growth | Cy Okafor | 0 weeks |\n\n"
    );
    assert!(
        run.stdout
            .ends_with("`from: <issue id>`, so next week's agenda checks them off.\n")
    );

    let again = orgit(repo.path(), &["--today", "2026-11-23", "agenda"]);
    assert_eq!(again.stdout, run.stdout, "same repo, same bytes");
}

#[test]
fn a_teams_agenda_holds_its_own_to_dos_and_names_its_meeting() {
    let repo = repo();
    let run = orgit(
        repo.path(),
        &[
            "--today",
            "2026-11-23",
            "agenda",
            "platform",
            "--format",
            "json",
        ],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids = |list: &str| -> Vec<String> {
        json["follow_up"][list]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("todos_due"), ["mute-staging", "write-runbook"]);
    assert_eq!(ids("issues_open"), ["pager-noise"]);
    assert_eq!(json["follow_up"]["completion_rate"], 0.5);
    assert_eq!(json["meeting"], "2026-W47-platform");

    let written = orgit(
        repo.path(),
        &["--today", "2026-11-23", "agenda", "platform", "--write"],
    );
    assert_eq!(written.code, 0, "{}", written.stderr);
    let file = std::fs::read_to_string(repo.path().join("agendas/2026-W47-platform.md")).unwrap();
    let printed = orgit(
        repo.path(),
        &["--today", "2026-11-23", "agenda", "platform"],
    );
    assert_eq!(file, printed.stdout);
    assert!(file.contains("`from: 2026-W47-platform`"), "{file}");

    let refused = orgit(repo.path(), &["agenda", "--write", "--format", "json"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .starts_with("error: `--write` publishes the markdown agenda"),
        "{}",
        refused.stderr
    );
}

#[test]
fn an_org_without_to_dos_or_issues_says_so_section_by_section() {
    let repo = TestRepo::new();
    repo.commit(
        crate::common::MINIMAL_ORG,
        "Plan",
        "Ana Silva",
        "2026-11-16",
    );
    let run = orgit(repo.path(), &["--today", "2026-11-23", "agenda"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let start = run.stdout.find("## 4.").unwrap();
    let end = run.stdout.find("## 6.").unwrap();
    assert_eq!(
        &run.stdout[start..end],
        "## 4. To-dos: done or not\n\nNo to-dos were due.\n\n\
         ## 5. Issues, most urgent first\n\nNo issue is open.\n\n"
    );
}
