use super::*;
use crate::checks::{self, CheckOptions};
use crate::history::{Field, Value};
use crate::loader::{edit_texts as edit, load_texts};

const TODAY: &str = "2026-11-01";

/// The diff between two orgs given as `(path, text)` files.
fn diff(base: &[(&str, &str)], head: &[(&str, &str)]) -> OrgDiff {
    let (base_org, base_loaded) = load_texts(base);
    let (head_org, head_loaded) = load_texts(head);
    let today = CheckOptions {
        today: TODAY.parse().expect("a date"),
    };
    let base_problems = checks::run_all(&base_org, base_loaded, today);
    let head_problems = checks::run_all(&head_org, head_loaded, today);
    compare(&base_org, &base_problems, &head_org, &head_problems)
}

const ORG: &[(&str, &str)] = &[
    ("orgit.yaml", "name: Acme\n"),
    (
        "teams/growth.yaml",
        "id: growth\nname: Growth\nlead: maria\n",
    ),
    (
        "teams/platform.yaml",
        "id: platform\nname: Platform\nlead: li\n",
    ),
    (
        "people/maria.yaml",
        "id: maria\nname: Maria\nteam: growth\n",
    ),
    ("people/li.yaml", "id: li\nname: Li\nteam: platform\n"),
    (
        "goals/2026-Q4/growth-q4.md",
        "---\nid: growth-q4\ntitle: Grow\nowner: maria\nteam: growth\nperiod: 2026-Q4\nkey_results:\n  - id: logos\n    title: Logos\n    metric: {baseline: 0, target: 12, current: 3, unit: logos}\n---\n",
    ),
    (
        "initiatives/sso.md",
        "---\nid: platform-sso\ntitle: SSO\nowner: li\nteam: platform\nsupports: [logos]\ndue: 2026-11-20\n---\n",
    ),
];

const GOAL_WAITING_ON_SSO: &str = "---\nid: growth-q4\ntitle: Grow\nowner: li\nteam: growth\nperiod: 2026-Q4\ndepends_on:\n  - {on: platform-sso, need_by: 2026-12-10}\nkey_results:\n  - id: logos\n    title: Logos\n    metric: {baseline: 0, target: 9, current: 3, unit: logos}\n---\n";

#[test]
fn the_same_org_is_no_change() {
    let same = diff(ORG, ORG);
    assert!(same.is_empty(), "{same:#?}");
}

#[test]
fn a_renamed_file_is_a_move_before_its_field_changes() {
    let head = edit(
        ORG,
        &[(
            "initiatives/platform-sso.md",
            "---\nid: platform-sso\ntitle: SSO\nowner: li\nteam: platform\nsupports: [logos]\ndue: 2026-12-04\n---\n",
        )],
        &["initiatives/sso.md"],
    );
    let changes = diff(ORG, &head).entities;
    let expected = |change| EntityChange {
        id: "platform-sso".to_owned(),
        kind: EntityKind::Initiative,
        title: "SSO".to_owned(),
        team: Some("platform".to_owned()),
        change,
    };
    assert_eq!(
        changes,
        [
            expected(ChangeKind::Moved {
                from: "initiatives/sso.md".to_owned(),
                to: "initiatives/platform-sso.md".to_owned(),
            }),
            expected(ChangeKind::Field {
                field: Field::Due,
                before: Value::Date("2026-11-20".parse().expect("a date")),
                after: Value::Date("2026-12-04".parse().expect("a date")),
            }),
        ]
    );
}

#[test]
fn changes_are_ordered_by_kind_then_id_and_removals_describe_the_base() {
    let head = edit(
        ORG,
        &[("goals/2026-Q4/growth-q4.md", GOAL_WAITING_ON_SSO)],
        &["initiatives/sso.md"],
    );
    let changes: Vec<_> = diff(ORG, &head)
        .entities
        .into_iter()
        .map(|c| (c.kind, c.id, c.title, c.change))
        .collect();
    let number = Value::Number;
    let text = |t: &str| Value::Text(t.to_owned());
    assert_eq!(
        changes,
        [
            (
                EntityKind::Goal,
                "growth-q4".to_owned(),
                "Grow".to_owned(),
                ChangeKind::Field {
                    field: Field::Owner,
                    before: text("maria"),
                    after: text("li"),
                }
            ),
            (
                EntityKind::KeyResult,
                "logos".to_owned(),
                "Logos".to_owned(),
                ChangeKind::Field {
                    field: Field::Owner,
                    before: text("maria"),
                    after: text("li"),
                }
            ),
            (
                EntityKind::KeyResult,
                "logos".to_owned(),
                "Logos".to_owned(),
                ChangeKind::Field {
                    field: Field::Target,
                    before: number(12.0),
                    after: number(9.0),
                }
            ),
            (
                EntityKind::Initiative,
                "platform-sso".to_owned(),
                "SSO".to_owned(),
                ChangeKind::Removed
            ),
        ]
    );
}

#[test]
fn dependencies_are_keyed_by_both_ends_with_the_teams_of_each() {
    let base = edit(
        ORG,
        &[(
            "initiatives/audit.md",
            "---\nid: audit\ntitle: Audit\nowner: li\nteam: platform\ndue: 2026-12-01\ndepends_on:\n  - {on: platform-sso, need_by: 2026-11-25}\n---\n",
        )],
        &[],
    );
    let head = edit(
        &base,
        &[
            (
                "initiatives/audit.md",
                "---\nid: audit\ntitle: Audit\nowner: li\nteam: platform\ndue: 2026-12-01\ndepends_on:\n  - {on: platform-sso, need_by: 2026-11-28}\n  - {on: logos, need_by: 2026-11-30}\n---\n",
            ),
            ("goals/2026-Q4/growth-q4.md", GOAL_WAITING_ON_SSO),
        ],
        &[],
    );
    let date = |d: &str| d.parse().expect("a date");
    let team = |t: &str| Some(t.to_owned());
    let dependency = |from: &str, from_team, on: &str, on_team, change| DependencyChange {
        from: from.to_owned(),
        from_team,
        on: on.to_owned(),
        on_team,
        change,
    };
    assert_eq!(
        diff(&base, &head).dependencies,
        [
            dependency(
                "audit",
                team("platform"),
                "logos",
                team("growth"),
                DependencyChangeKind::Added {
                    need_by: date("2026-11-30")
                }
            ),
            dependency(
                "audit",
                team("platform"),
                "platform-sso",
                team("platform"),
                DependencyChangeKind::NeedByMoved {
                    before: date("2026-11-25"),
                    after: date("2026-11-28"),
                }
            ),
            dependency(
                "growth-q4",
                team("growth"),
                "platform-sso",
                team("platform"),
                DependencyChangeKind::Added {
                    need_by: date("2026-12-10")
                }
            ),
        ]
    );
    // The way back removes what was added, with the teams of the base.
    let back = diff(&head, &base).dependencies;
    assert_eq!(back.len(), 3);
    assert_eq!(
        back[2].change,
        DependencyChangeKind::Removed {
            need_by: date("2026-12-10")
        }
    );
    assert_eq!(back[2].on_team, team("platform"));
}

#[test]
fn a_changed_alignment_is_one_link_removed_and_one_added() {
    let base = edit(
        ORG,
        &[(
            "goals/2026-Q4/company.md",
            "---\nid: company\ntitle: Company\nowner: maria\nperiod: 2026-Q4\n---\n",
        )],
        &[],
    );
    let head = edit(
        &base,
        &[
            (
                "goals/2026-Q4/growth-q4.md",
                "---\nid: growth-q4\ntitle: Grow\nowner: maria\nteam: growth\nperiod: 2026-Q4\naligns_to: company\nkey_results:\n  - id: logos\n    title: Logos\n    metric: {baseline: 0, target: 12, current: 3, unit: logos}\n---\n",
            ),
            (
                "initiatives/sso.md",
                "---\nid: platform-sso\ntitle: SSO\nowner: li\nteam: platform\nsupports: [growth-q4]\ndue: 2026-11-20\n---\n",
            ),
        ],
        &[],
    );
    let link = |from: &str, to: &str, link, added| LinkChange {
        from: from.to_owned(),
        to: to.to_owned(),
        link,
        added,
    };
    assert_eq!(
        diff(&base, &head).links,
        [
            link("growth-q4", "company", LinkKind::AlignsTo, true),
            link("platform-sso", "growth-q4", LinkKind::Supports, true),
            link("platform-sso", "logos", LinkKind::Supports, false),
        ]
    );
}

#[test]
fn a_problem_is_followed_across_a_rename_and_counted_by_occurrence() {
    // One late dependency in the base; the head renames the file, keeps that
    // problem, adds a second identical-looking one elsewhere, and fixes an
    // owner that did not exist.
    let late = "---\nid: audit\ntitle: Audit\nowner: li\nteam: platform\ndue: 2026-12-01\ndepends_on:\n  - {on: platform-sso, need_by: 2026-11-10}\n---\n";
    // The same file renamed, with the problem two lines further down.
    let late_renamed = "---\n# audit log\n\nid: audit\ntitle: Audit\nowner: li\nteam: platform\ndue: 2026-12-01\ndepends_on:\n  - {on: platform-sso, need_by: 2026-11-10}\n---\n";
    let base = edit(
        ORG,
        &[
            ("initiatives/audit.md", late),
            (
                "initiatives/docs.md",
                "---\nid: docs\ntitle: Docs\nowner: nobody\nteam: platform\ndue: 2026-12-01\n---\n",
            ),
        ],
        &[],
    );
    let head = edit(
        &base,
        &[
            ("initiatives/audit-log.md", late_renamed),
            (
                "initiatives/docs.md",
                "---\nid: docs\ntitle: Docs\nowner: li\nteam: platform\ndue: 2026-12-01\ndepends_on:\n  - {on: platform-sso, need_by: 2026-11-10}\n---\n",
            ),
        ],
        &["initiatives/audit.md"],
    );
    let changes = diff(&base, &head).diagnostics;
    let summarize = |list: &[DiagnosticSummary]| -> Vec<(String, String, usize, String)> {
        list.iter()
            .map(|d| {
                (
                    d.code.as_str().to_owned(),
                    d.path.clone(),
                    d.line,
                    d.message.clone(),
                )
            })
            .collect()
    };
    assert_eq!(
        summarize(&changes.introduced),
        [
            (
                "file-name-mismatch".to_owned(),
                "initiatives/audit-log.md".to_owned(),
                4,
                "id `audit` does not match the file name `initiatives/audit-log.md`".to_owned(),
            ),
            (
                "late-dependency".to_owned(),
                "initiatives/docs.md".to_owned(),
                8,
                "`docs` needs `platform-sso` by 2026-11-10, but it is due 2026-11-20 (10 days late)"
                    .to_owned(),
            ),
        ]
    );
    let resolved = summarize(&changes.resolved);
    assert_eq!(resolved.len(), 1, "{resolved:#?}");
    assert_eq!(resolved[0].0, "unknown-reference");
    assert_eq!(resolved[0].1, "initiatives/docs.md");
}

#[test]
fn where_an_id_is_defined_twice_the_first_path_is_compared() {
    let base = edit(
        ORG,
        &[(
            "people/zz-maria.yaml",
            "id: maria\nname: Maria Other\nteam: platform\n",
        )],
        &[],
    );
    let head = edit(
        &base,
        &[(
            "people/zz-maria.yaml",
            "id: maria\nname: Maria Renamed\nteam: growth\n",
        )],
        &[],
    );
    assert_eq!(diff(&base, &head).entities, []);
    assert!(diff(&base, &head).diagnostics.introduced.is_empty());
}

#[test]
fn a_problem_at_the_same_value_with_a_new_message_is_changed_not_resolved_and_new() {
    let docs = "---\nid: docs\ntitle: Docs\nowner: maria\nteam: growth\ndue: 2026-12-20\ndepends_on:\n  - on: platform-sso\n    need_by: 2026-11-10\n---\n";
    let sso = |due: &str| {
        format!(
            "---\nid: platform-sso\ntitle: SSO\nowner: li\nteam: platform\nsupports: [logos]\ndue: {due}\n---\n"
        )
    };
    let (sso_before, sso_after) = (sso("2026-11-20"), sso("2026-11-27"));
    let base = edit(
        ORG,
        &[
            ("initiatives/docs.md", docs),
            ("initiatives/sso.md", sso_before.as_str()),
        ],
        &[],
    );
    let head = edit(&base, &[("initiatives/sso.md", sso_after.as_str())], &[]);
    let changes = diff(&base, &head).diagnostics;
    assert_eq!(changes.introduced, []);
    assert_eq!(changes.resolved, []);
    assert_eq!(changes.changed.len(), 1, "{changes:#?}");
    let changed = &changes.changed[0];
    assert_eq!(changed.before.code, Code::LateDependency);
    assert!(changed.before.message.ends_with("(10 days late)"));
    assert!(changed.after.message.ends_with("(17 days late)"));
    assert_eq!(changed.after.path, "initiatives/docs.md");
}
