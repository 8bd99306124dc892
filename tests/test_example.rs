//! `orgit example`: the generated repository is the same on every run and
//! machine, every commit of it is a valid org, and its history has what the
//! digest reports on (a merge, a rename, many authors, working-day dates, the
//! final week's intended findings).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use git2::Repository;
use orgit::example::{ExampleOptions, generate};

use crate::common::{Checked, Run, orgit, orgit_with_env};

/// `--today` of every run: a Wednesday, so the history ends on Sunday
/// 2026-11-22 after 27 weeks that started on Monday 2026-05-18.
const TODAY: &str = "2026-11-25";
/// The day after the history: what the Monday digest sees.
const DIGEST_DAY: &str = "2026-11-23";

/// Findings about dates, health and KPIs the story means to leave in the
/// final state (a to-do done late is also overdue for a few days on the
/// way); anything else is a broken example.
const INTENDED: &[&str] = &[
    "dependency-at-risk",
    "kpi-off-target",
    "kpi-stale",
    "late-dependency",
    "past-due",
    "risk-review-overdue",
    "todo-overdue",
];

/// The final state's findings: one of each, but two to-dos still overdue.
/// Of the two KPIs drifting off target, only the one off for five weeks
/// has reached the three weeks the policy reports.
const FINAL: &[&str] = &[
    "dependency-at-risk",
    "kpi-off-target",
    "kpi-stale",
    "late-dependency",
    "past-due",
    "risk-review-overdue",
    "todo-overdue",
    "todo-overdue",
];

fn example(parent: &Path, name: &str, args: &[&str]) -> Run {
    let mut all = vec!["--today", TODAY, "example", name];
    all.extend_from_slice(args);
    orgit(parent, &all)
}

fn head(repo_dir: &Path) -> String {
    let repo = Repository::open(repo_dir).unwrap();
    repo.head().unwrap().target().unwrap().to_string()
}

/// The main line, newest first: (commit id, committer date in Berlin).
fn main_line(repo: &Repository) -> Vec<(git2::Oid, String)> {
    let mut walk = repo.revwalk().unwrap();
    walk.push_head().unwrap();
    walk.simplify_first_parent().unwrap();
    walk.map(|id| {
        let id = id.unwrap();
        let commit = repo.find_commit(id).unwrap();
        (id, berlin_date(commit.time()))
    })
    .collect()
}

fn berlin_date(time: git2::Time) -> String {
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    jiff::Timestamp::from_second(time.seconds())
        .unwrap()
        .to_zoned(zone)
        .date()
        .to_string()
}

/// The diagnostic codes of `orgit check` on `dir` as of `revision`.
fn codes_at(dir: &Path, revision: &str, today: &str) -> Vec<String> {
    let run = orgit(
        dir,
        &[
            "--at", revision, "check", "--format", "json", "--today", today,
        ],
    );
    let checked = Checked::from_run(&run);
    checked
        .diagnostics
        .iter()
        .map(|d| d.split(' ').next().unwrap().to_owned())
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_commits_and_another_seed_does_not() {
    let parent = tempfile::tempdir().unwrap();
    let first = example(parent.path(), "first", &["--seed", "7"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    // Another machine: a git config that names the default branch `trunk`,
    // another time zone and HOME. None of it may leak into the history.
    let home = parent.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(
        home.join(".gitconfig"),
        "[init]\n\tdefaultBranch = trunk\n[user]\n\tname = Someone Else\n\temail = else@example.com\n",
    )
    .unwrap();
    let home = home.to_str().unwrap();
    let second = orgit_with_env(
        parent.path(),
        &["--today", TODAY, "example", "second", "--seed", "7"],
        &[
            ("HOME", home),
            ("XDG_CONFIG_HOME", home),
            ("TZ", "America/New_York"),
        ],
    );
    assert_eq!(second.code, 0, "{}", second.stderr);
    let third = example(parent.path(), "third", &["--seed", "8"]);
    assert_eq!(third.code, 0, "{}", third.stderr);

    let (a, b, c) = (
        head(&parent.path().join("first")),
        head(&parent.path().join("second")),
        head(&parent.path().join("third")),
    );
    assert_eq!(a, b, "same seed and --today, different commit ids");
    assert_ne!(a, c, "another seed gave the same history");
    let repo = Repository::open(parent.path().join("second")).unwrap();
    assert_eq!(repo.head().unwrap().name().unwrap(), "refs/heads/main");
}

#[test]
fn it_says_what_it_generated_and_what_to_run_next() {
    let parent = tempfile::tempdir().unwrap();
    let run = example(parent.path(), "acme", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @r"
    Generated Kestrel Payroll in acme: 492 commits from 2026-05-18 to 2026-11-22, 41 people in 7 teams.
    Next: orgit -C acme digest
    ");
    assert_eq!(run.stderr, "");
}

#[test]
fn every_sampled_commit_is_a_valid_org_and_the_final_week_has_its_findings() {
    let parent = tempfile::tempdir().unwrap();
    let run = example(parent.path(), "acme", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = parent.path().join("acme");
    let repo = Repository::open(&dir).unwrap();
    let line = main_line(&repo);
    assert!(line.len() > 150, "only {} commits on main", line.len());

    // The first commit, every 15th, and the last: each checked as of its own day.
    let mut sample: Vec<&(git2::Oid, String)> = line.iter().step_by(15).collect();
    sample.extend(line.last());
    for (id, date) in sample {
        let codes = codes_at(&dir, &id.to_string(), date);
        let unexpected: Vec<&String> = codes
            .iter()
            .filter(|c| !INTENDED.contains(&c.as_str()))
            .collect();
        assert!(
            unexpected.is_empty(),
            "commit {id} ({date}) has {unexpected:?}"
        );
    }

    // The final state, seen on the digest's Monday: the intended findings,
    // nothing else.
    let mut codes = codes_at(&dir, "HEAD", DIGEST_DAY);
    codes.sort();
    assert_eq!(codes, FINAL);
}

#[test]
fn the_history_has_a_merge_a_rename_many_authors_and_working_day_dates() {
    let parent = tempfile::tempdir().unwrap();
    let run = example(parent.path(), "acme", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = parent.path().join("acme");
    let repo = Repository::open(&dir).unwrap();

    let mut walk = repo.revwalk().unwrap();
    walk.push_head().unwrap();
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let mut authors = BTreeSet::new();
    let mut merges = Vec::new();
    let mut days = BTreeSet::new();
    for id in walk {
        let commit = repo.find_commit(id.unwrap()).unwrap();
        authors.insert(commit.author().name().unwrap().to_owned());
        if commit.parent_count() == 2 {
            merges.push(commit.id());
        }
        let local = jiff::Timestamp::from_second(commit.time().seconds())
            .unwrap()
            .to_zoned(zone.clone());
        assert!(
            (8..20).contains(&local.hour()),
            "commit {} at {local}",
            commit.id()
        );
        days.insert(local.date().to_string());
    }
    assert!(authors.len() >= 12, "only {} authors", authors.len());
    assert_eq!(days.first().unwrap(), "2026-05-18");
    assert!(days.last().unwrap().as_str() <= "2026-11-22");
    assert!(days.last().unwrap().as_str() >= "2026-11-16");

    // One pull request: two commits on a side branch, merged with two parents.
    assert_eq!(merges.len(), 1);
    let merge = repo.find_commit(merges[0]).unwrap();
    assert!(
        merge
            .summary()
            .unwrap()
            .unwrap()
            .starts_with("Merge pull request #")
    );
    let side = merge.parent(1).unwrap();
    assert_eq!(side.parent_count(), 1);
    assert!(
        side.summary()
            .unwrap()
            .unwrap()
            .contains("options we weighed")
    );
    let base = merge.parent(0).unwrap();
    assert_ne!(
        side.parent_id(0).unwrap(),
        base.id(),
        "main moved on meanwhile"
    );

    // One file renamed with the same content (same id).
    let mut renames = Vec::new();
    for (id, _) in main_line(&repo) {
        let commit = repo.find_commit(id).unwrap();
        let Ok(parent) = commit.parent(0) else {
            continue;
        };
        let mut diff = repo
            .diff_tree_to_tree(
                Some(&parent.tree().unwrap()),
                Some(&commit.tree().unwrap()),
                None,
            )
            .unwrap();
        diff.find_similar(None).unwrap();
        for delta in diff.deltas() {
            if delta.status() == git2::Delta::Renamed {
                let path = |f: git2::DiffFile<'_>| f.path().unwrap().display().to_string();
                renames.push((path(delta.old_file()), path(delta.new_file())));
            }
        }
    }
    assert_eq!(renames.len(), 1, "{renames:?}");
    let (old, new) = &renames[0];
    assert!(old.starts_with("people/") && old.ends_with(".yml"), "{old}");
    assert_eq!(new, &format!("{}.yaml", old.trim_end_matches(".yml")));

    // The working tree is the last commit, checked out and clean.
    let statuses = repo.statuses(None).unwrap();
    assert_eq!(statuses.len(), 0);
}

#[test]
fn some_team_writes_no_update_in_the_final_week() {
    let parent = tempfile::tempdir().unwrap();
    let run = example(parent.path(), "acme", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = parent.path().join("acme");
    let teams: BTreeSet<String> = std::fs::read_dir(dir.join("teams"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .replace(".yaml", "")
        })
        .filter(|t| t != "company")
        .collect();
    let wrote = |week: &str| -> BTreeSet<String> {
        std::fs::read_dir(dir.join("updates").join(week))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().replace(".md", ""))
            .collect()
    };
    let final_week = wrote("2026-W47");
    assert!(!final_week.is_empty());
    assert!(
        final_week.len() < teams.len(),
        "{final_week:?} of {teams:?}"
    );
    assert!(final_week.is_subset(&teams));
    // Twenty-seven weeks of updates.
    let weeks = std::fs::read_dir(dir.join("updates")).unwrap().count();
    assert_eq!(weeks, 27);
}

#[test]
fn it_refuses_a_folder_that_is_not_empty() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("acme");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "keep me").unwrap();
    let run = example(parent.path(), "acme", &[]);
    assert_eq!(run.code, 2);
    let stderr = run
        .stderr
        .replace(&parent.path().display().to_string(), "[TMP]");
    assert_eq!(
        stderr,
        "error: `[TMP]/acme` exists and is not empty\n\
         hint: name a new folder; orgit example never writes over files\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "keep me"
    );
    assert!(!dir.join(".git").exists());

    // An empty folder is fine.
    let empty = parent.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let run = example(parent.path(), "empty", &["--weeks", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn out_of_range_sizes_are_refused_with_the_range() {
    let parent = tempfile::tempdir().unwrap();
    let run = example(parent.path(), "acme", &["--people", "3"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --people 3 is out of range\n\
         hint: choose from 12 (enough for every role in the story) to 10000\n"
    );
    let run = example(parent.path(), "acme", &["--weeks", "0"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --weeks 0 is out of range\nhint: choose from 1 to 260 weeks\n"
    );
    assert!(!parent.path().join("acme").exists());
}

#[test]
fn an_org_of_five_thousand_people_generates_and_checks() {
    let parent = tempfile::tempdir().unwrap();
    let run = example(parent.path(), "big", &["--people", "5000", "--weeks", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("from 2026-11-09 to 2026-11-22, 5001 people in 714 teams."),
        "{}",
        run.stdout
    );
    let dir = parent.path().join("big");
    let mut codes = codes_at(&dir, "HEAD", DIGEST_DAY);
    codes.sort();
    // Two weeks of history: no KPI has been off target for three yet.
    let two_weeks: Vec<&str> = FINAL
        .iter()
        .copied()
        .filter(|&c| c != "kpi-off-target")
        .collect();
    assert_eq!(codes, two_weeks);
    // Two KPIs per department, whatever the size.
    let kpis = std::fs::read_dir(dir.join("kpis")).unwrap().count();
    assert_eq!(kpis, 12);
    // Deeper than company → department → team.
    let depth = team_depth(&dir);
    assert!(depth >= 4, "hierarchy only {depth} levels deep");
}

/// Levels in the team hierarchy, read from the team files.
fn team_depth(dir: &Path) -> usize {
    let mut parent_of = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("teams")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{key}: ")).map(str::to_owned))
        };
        parent_of.insert(field("id").unwrap(), field("parent"));
    }
    parent_of
        .keys()
        .map(|team| {
            let mut depth = 1;
            let mut current = team.clone();
            while let Some(Some(parent)) = parent_of.get(&current) {
                depth += 1;
                current = parent.clone();
            }
            depth
        })
        .max()
        .unwrap_or(0)
}

/// The benchmarks' monorepo: the org in a sub-folder, most commits elsewhere.
/// Those commits never change the org's story: its folder ends identical.
#[test]
fn commits_outside_the_org_leave_its_story_alone() {
    let parent = tempfile::tempdir().unwrap();
    let end: orgit::model::Date = "2026-11-22".parse().unwrap();
    let options = |other_commits, final_week| ExampleOptions {
        weeks: 4,
        org_dir: Some("plan/org".to_owned()),
        other_commits,
        other_commits_per_recent_week: final_week,
        ..ExampleOptions::new(end)
    };
    let quiet = generate(&parent.path().join("quiet"), &options(0, 0)).unwrap();
    let busy = generate(&parent.path().join("busy"), &options(400, 30)).unwrap();
    assert_eq!(busy.commits, quiet.commits + 430);

    let org_tree = |name: &str| {
        let repo = Repository::open(parent.path().join(name)).unwrap();
        let tree = repo.head().unwrap().peel_to_tree().unwrap();
        tree.get_path(Path::new("plan/org")).unwrap().id()
    };
    assert_eq!(org_tree("quiet"), org_tree("busy"));

    // Other commits touch only `services/`, and 30 of them land in the final week.
    let repo = Repository::open(parent.path().join("busy")).unwrap();
    let mut in_final_week = 0;
    for (id, date) in main_line(&repo) {
        let commit = repo.find_commit(id).unwrap();
        let Ok(parent_commit) = commit.parent(0) else {
            continue;
        };
        let diff = repo
            .diff_tree_to_tree(
                Some(&parent_commit.tree().unwrap()),
                Some(&commit.tree().unwrap()),
                None,
            )
            .unwrap();
        let paths: Vec<String> = diff
            .deltas()
            .map(|d| d.new_file().path().unwrap().display().to_string())
            .collect();
        let outside = paths.iter().all(|p| p.starts_with("services/"));
        // The first org commit also writes the repository's README.
        let inside = paths
            .iter()
            .all(|p| p.starts_with("plan/org/") || p == "README.md");
        assert!(outside || inside, "{id} mixes {paths:?}");
        if outside && date.as_str() >= "2026-11-16" {
            in_final_week += 1;
        }
    }
    assert_eq!(in_final_week, 30);

    // Without an org folder there is no "outside".
    let error = generate(
        &parent.path().join("flat"),
        &ExampleOptions {
            org_dir: None,
            ..options(10, 0)
        },
    )
    .unwrap_err();
    assert_eq!(
        error.message,
        "commits outside the org root need the org in a sub-folder"
    );
}

/// "Done when" of the example's follow-through: `orgit example acme &&
/// orgit -C acme agenda` prints an agenda a leadership team could run its
/// weekly meeting from: KPIs off target with their run length, goals off
/// track, the check-ins' headlines, the to-dos due (done and not), the open
/// issues ranked, the decisions waiting and the dependencies at risk.
#[test]
fn the_example_agenda_has_a_scorecard_to_dos_and_issues_to_work_through() {
    let parent = tempfile::tempdir().unwrap();
    let run = example(parent.path(), "acme", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = parent.path().join("acme");
    let agenda = orgit(&dir, &["--today", TODAY, "agenda"]);
    assert_eq!((agenda.code, agenda.stderr.as_str()), (0, ""));
    // Every schema change moves the example's commit ids; the agenda is
    // read as of the last one.
    let stdout = agenda.stdout.replace(&head(&dir)[..7], "[HEAD]");
    insta::assert_snapshot!("example_agenda", stdout);

    // The leadership team's own meeting is the company team's: the same
    // items, and the `from` its new to-dos write.
    let json = orgit(
        &dir,
        &["--today", TODAY, "agenda", "company", "--format", "json"],
    );
    assert_eq!(json.code, 0, "{}", json.stderr);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["meeting"], "2026-W47-company");
    let ids = |rows: &serde_json::Value| -> Vec<String> {
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids(&json["scorecard"]),
        ["qualified-pipeline", "p95-api-latency"]
    );
    assert_eq!(
        ids(&json["follow_up"]["issues_open"]),
        [
            "qualified-pipeline-off-target",
            "pager-wakes-on-call",
            "discount-approvals-slow"
        ]
    );
}

/// On the final week's Sunday, `orgit remind` names exactly the people who
/// owe something: the lead of the team silent two weeks in a row and the
/// lead it escalates to, the owner of the stale goal, and the owners of
/// the past-due milestone and the two overdue to-dos.
#[test]
fn remind_names_exactly_who_owes_and_escalates_the_team_silent_two_weeks() {
    let parent = tempfile::tempdir().unwrap();
    let run = example(parent.path(), "acme", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = parent.path().join("acme");
    let run = orgit(
        &dir,
        &["--today", "2026-11-22", "remind", "--format", "json"],
    );
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let people: Vec<&str> = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        people,
        ["ethan", "james", "malik-petrov", "tariq", "valentina"]
    );
    let updates = json["updates"].as_array().unwrap();
    assert_eq!(updates.len(), 1, "{updates:?}");
    assert_eq!(updates[0]["team"]["id"], "growth-eng");
    assert_eq!(updates[0]["lead"]["id"], "valentina");
    assert_eq!(updates[0]["weeks_missing"], 2);
    assert_eq!(updates[0]["escalated"], true);
    assert_eq!(updates[0]["escalate_to"]["id"], "tariq");
    assert_eq!(updates[0]["escalate_team"]["id"], "product-eng");
    let owed = |key: &str| -> Vec<(String, String)> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                let id = o["id"].as_str().unwrap().to_owned();
                (id, o["owner"]["id"].as_str().unwrap().to_owned())
            })
            .collect()
    };
    let pair = |id: &str, owner: &str| (id.to_owned(), owner.to_owned());
    assert_eq!(
        owed("stale"),
        [pair("customer-success-proactive-retention-q4", "james")]
    );
    assert_eq!(
        owed("overdue"),
        [
            pair("sales-mutual-close-plans-m2", "ethan"),
            pair("staff-sso-rollout", "tariq"),
            pair("review-stalled-opportunities", "malik-petrov"),
        ]
    );
}

/// KPIs, issues and to-dos move in the history, each edit by the person
/// who would make it, and end where the story leaves them.
#[test]
fn kpis_issues_and_to_dos_move_through_the_history() {
    let parent = tempfile::tempdir().unwrap();
    let run = example(parent.path(), "acme", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = parent.path().join("acme");
    let repo = Repository::open(&dir).unwrap();

    // Per file: how many commits added or changed it, and who changed it.
    let mut edits: BTreeMap<String, (usize, BTreeSet<String>)> = BTreeMap::new();
    for (id, _) in main_line(&repo) {
        let commit = repo.find_commit(id).unwrap();
        let parent_tree = commit.parent(0).ok().map(|p| p.tree().unwrap());
        let diff = repo
            .diff_tree_to_tree(parent_tree.as_ref(), Some(&commit.tree().unwrap()), None)
            .unwrap();
        for delta in diff.deltas() {
            let path = delta.new_file().path().unwrap().display().to_string();
            if ["kpis/", "issues/", "todos/"]
                .iter()
                .any(|p| path.starts_with(p))
            {
                let entry = edits.entry(path).or_default();
                entry.0 += 1;
                if delta.status() == git2::Delta::Modified {
                    entry.1.insert(commit.author().name().unwrap().to_owned());
                }
            }
        }
    }
    let of = |prefix: &str| -> Vec<(&String, &(usize, BTreeSet<String>))> {
        edits
            .iter()
            .filter(|(p, _)| p.starts_with(prefix))
            .collect()
    };
    // Weekly KPIs change every week, by their owner alone.
    let pipeline = &edits["kpis/qualified-pipeline.yaml"];
    assert!(pipeline.0 >= 25, "{pipeline:?}");
    assert_eq!(pipeline.1.len(), 1, "{pipeline:?}");
    assert_eq!(of("kpis/").len(), 4);
    // Every to-do is agreed in one commit and most are settled in a later one.
    let todos = of("todos/");
    assert!(todos.len() >= 12, "{todos:?}");
    let settled = todos.iter().filter(|(_, (n, _))| *n >= 2).count();
    assert_eq!(settled, todos.len() - 4, "{todos:?}");

    let field = |path: &str, key: &str| -> Option<String> {
        let text = std::fs::read_to_string(dir.join(path)).unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}: ")).map(str::to_owned))
    };
    let statuses = |prefix: &str| -> BTreeMap<String, usize> {
        let mut count = BTreeMap::new();
        for (path, _) in of(prefix) {
            *count.entry(field(path, "status").unwrap()).or_insert(0) += 1;
        }
        count
    };
    let todo_statuses = statuses("todos/");
    assert_eq!(todo_statuses["dropped"], 1, "{todo_statuses:?}");
    assert_eq!(todo_statuses["open"], 4, "{todo_statuses:?}");
    assert!(todo_statuses["done"] >= 8, "{todo_statuses:?}");
    let issue_statuses = statuses("issues/");
    assert_eq!(
        issue_statuses,
        BTreeMap::from([
            ("dropped".to_owned(), 1),
            ("open".to_owned(), 3),
            ("solved".to_owned(), 2)
        ])
    );
    // One issue is solved by to-dos agreed for it, one by a decision.
    assert_eq!(
        field("issues/security-reviews-stall-deals.md", "resolved_by").as_deref(),
        Some("[draft-security-faq, soc2-bridge-letter]")
    );
    let by_decision = of("issues/")
        .into_iter()
        .filter_map(|(path, _)| field(path, "resolved_by"))
        .filter(|r| r.starts_with("[0"))
        .count();
    assert_eq!(by_decision, 1);
    // To-dos come from a leadership meeting or from an issue.
    assert_eq!(
        field("todos/staff-sso-rollout.md", "from").as_deref(),
        Some("2026-W46-company")
    );
    assert_eq!(
        field("todos/review-stalled-opportunities.md", "from").as_deref(),
        Some("qualified-pipeline-off-target")
    );
}
