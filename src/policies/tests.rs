//! Each rule on a small org: the base as `(path, text)` files, the change as
//! files replaced or removed, and the diagnostics it gives.

use super::*;
use crate::checks::{self, CheckOptions};
use crate::diagnostics::Severity;
use crate::diff::compare;
use crate::loader::{edit_texts as edit, load_texts};

/// Inside 2026-Q4, after `platform-sso` started.
const TODAY: &str = "2026-11-10";

const SETTINGS: (&str, &str) = ("orgit.yaml", "name: Acme\n");

const GOAL: &str = "goals/2026-Q4/growth-q4.md";
const GOAL_TEXT: &str = "---
id: growth-q4
title: Grow
owner: maria
team: growth
period: 2026-Q4
key_results:
  - id: logos
    title: Logos
    metric: {baseline: 0, target: 12, current: 3, unit: logos}
  - id: latency
    title: p95 latency
    metric: {baseline: 800, target: 300, current: 500, unit: ms, direction: down}
  - id: launch
    title: Launch
    milestone: {due: 2026-12-01}
---
";

const SSO: &str = "initiatives/platform-sso.md";
const SSO_TEXT: &str = "---
id: platform-sso
title: SSO
owner: li
team: platform
status: active
start: 2026-10-01
due: 2026-11-20
milestones:
  - id: sso-beta
    title: Beta
    due: 2026-11-15
---
";

const ONBOARDING: &str = "initiatives/onboarding.md";
const ONBOARDING_TEXT: &str = "---
id: onboarding
title: Onboarding
owner: maria
team: growth
supports: [logos]
due: 2026-12-10
---
";

const ORG: &[(&str, &str)] = &[
    (GOAL, GOAL_TEXT),
    (ONBOARDING, ONBOARDING_TEXT),
    (SSO, SSO_TEXT),
    SETTINGS,
    (
        "people/li.yaml",
        "id: li\nname: Li Wei\nteam: platform\ngithub: li-wei\n",
    ),
    (
        "people/maria.yaml",
        "id: maria\nname: Maria\nteam: growth\n",
    ),
    (
        "teams/growth.yaml",
        "id: growth\nname: Growth\nlead: maria\n",
    ),
    (
        "teams/platform.yaml",
        "id: platform\nname: Platform\nlead: li\n",
    ),
];

/// Both sides loaded (in path order), their diff, and all the head's problems.
fn change_of(
    base: &[(&str, &str)],
    head: &[(&str, &str)],
    today: Date,
) -> (Org, Org, OrgDiff, Diagnostics) {
    let options = CheckOptions { today };
    let (base_org, base_loaded) = load_texts(&edit(base, &[], &[]));
    let (head_org, head_loaded) = load_texts(&edit(head, &[], &[]));
    let base_problems = checks::run_all(&base_org, base_loaded, options);
    let head_problems = checks::run_all(&head_org, head_loaded, options);
    let diff = compare(&base_org, &base_problems, &head_org, &head_problems);
    (base_org, head_org, diff, head_problems)
}

/// The policy diagnostics of the change from `base` to `head`, merged into
/// the head's own check like `orgit check --base` does, each as
/// `code path:line:col message`.
fn check_at(base: &[(&str, &str)], head: &[(&str, &str)], today: &str) -> Vec<String> {
    let today: Date = today.parse().expect("a date");
    let (base_org, head_org, diff, mut all) = change_of(base, head, today);
    let policy = check(&Change {
        base: &base_org,
        head: &head_org,
        diff: &diff,
        today,
    });
    merge(&mut all, policy);
    all.into_sorted()
        .iter()
        .map(|d| {
            let (path, span) = (&head_org.file(d.primary.file).path, d.primary.span);
            format!("{} {path}:{span} {}", d.code, d.message)
        })
        .collect()
}

fn check_change(base: &[(&str, &str)], head: &[(&str, &str)]) -> Vec<String> {
    check_at(base, head, TODAY)
}

/// One diagnostic with its help, for the tests that read the whole of it.
fn only_diagnostic(base: &[(&str, &str)], head: &[(&str, &str)]) -> Diagnostic {
    let today: Date = TODAY.parse().expect("a date");
    let (base_org, head_org, diff, _) = change_of(base, head, today);
    let mut found = check(&Change {
        base: &base_org,
        head: &head_org,
        diff: &diff,
        today,
    })
    .into_sorted();
    assert_eq!(found.len(), 1, "{found:#?}");
    found.remove(0)
}

fn with_goal(text: &str) -> Vec<(&str, &str)> {
    edit(ORG, &[(GOAL, text)], &[])
}

const LOGOS_LOWERED: &str = "target: 9, current: 3, unit: logos";

fn lowered_logos() -> String {
    GOAL_TEXT.replace("target: 12, current: 3, unit: logos", LOGOS_LOWERED)
}

fn decision(status: &str, affects: &str) -> String {
    format!(
        "---\nid: 0007-fewer-logos\ntitle: Fewer logos\nstatus: {status}\ndate: 2026-11-09\n\
         owner: maria\naffects: [{affects}]\n---\n"
    )
}

const DECISION: &str = "decisions/0007-fewer-logos.md";

// Lowered targets

#[test]
fn lowering_a_target_during_its_period_needs_a_decision() {
    let goal = lowered_logos();
    assert_eq!(
        check_change(ORG, &with_goal(&goal)),
        [
            "lowered-target-without-decision goals/2026-Q4/growth-q4.md:10:35 target of `logos` \
          lowered 12 → 9 logos during 2026-Q4 without a decision record"
        ]
    );
}

#[test]
fn the_help_names_the_next_decision_file() {
    let goal = lowered_logos();
    let earlier = decision("accepted", "onboarding");
    let base = edit(ORG, &[(DECISION, &earlier)], &[]);
    let head = edit(&base, &[(GOAL, &goal)], &[]);
    let diagnostic = only_diagnostic(&base, &head);
    assert_eq!(diagnostic.primary.message.as_deref(), Some("was 12 logos"));
    assert_eq!(
        diagnostic.help.as_deref(),
        Some(
            "record the decision: add `decisions/0008-lower-logos-target.md` with \
             `affects: [logos]` and `status: proposed` \
             (`orgit explain lowered-target-without-decision` shows one)"
        )
    );
}

#[test]
fn raising_a_target_needs_no_decision() {
    let goal = GOAL_TEXT.replace("target: 12,", "target: 15,");
    assert_eq!(check_change(ORG, &with_goal(&goal)), Vec::<String>::new());
}

#[test]
fn for_a_metric_that_should_go_down_a_higher_target_is_the_lower_ambition() {
    let eased = GOAL_TEXT.replace("target: 300,", "target: 350,");
    assert_eq!(
        check_change(ORG, &with_goal(&eased)),
        [
            "lowered-target-without-decision goals/2026-Q4/growth-q4.md:13:37 target of `latency` \
          raised (less is better) 300 → 350 ms during 2026-Q4 without a decision record"
        ]
    );
    let tightened = GOAL_TEXT.replace("target: 300,", "target: 250,");
    assert_eq!(
        check_change(ORG, &with_goal(&tightened)),
        Vec::<String>::new()
    );
}

#[test]
fn before_its_period_starts_a_target_is_still_a_plan() {
    let goal = lowered_logos();
    assert_eq!(
        check_at(ORG, &with_goal(&goal), "2026-09-30"),
        Vec::<String>::new()
    );
    // The last day of the period still counts.
    let last_day = check_at(ORG, &with_goal(&goal), "2026-12-31");
    assert!(
        last_day
            .iter()
            .any(|d| d.starts_with("lowered-target-without-decision")),
        "{last_day:#?}"
    );
}

#[test]
fn a_proposed_or_accepted_decision_naming_the_key_result_or_its_goal_covers_it() {
    let goal = lowered_logos();
    for (status, affects) in [
        ("proposed", "logos"),
        ("accepted", "logos"),
        ("proposed", "growth-q4"),
        ("accepted", "onboarding, growth-q4"),
    ] {
        let record = decision(status, affects);
        let head = edit(ORG, &[(GOAL, &goal), (DECISION, &record)], &[]);
        assert_eq!(
            check_change(ORG, &head),
            Vec::<String>::new(),
            "{status} decision affecting {affects}"
        );
    }
}

#[test]
fn a_decision_that_is_not_in_force_or_names_something_else_does_not() {
    let goal = lowered_logos();
    for (status, affects) in [
        ("rejected", "logos"),
        ("deprecated", "growth-q4"),
        ("accepted", "onboarding"),
    ] {
        let record = decision(status, affects);
        let head = edit(ORG, &[(GOAL, &goal), (DECISION, &record)], &[]);
        let codes: Vec<String> = check_change(ORG, &head)
            .into_iter()
            .map(|d| d.split(' ').next().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(
            codes,
            ["lowered-target-without-decision"],
            "{status} decision affecting {affects}"
        );
    }
}

/// A decision already accepted at the base was acted on: it covers the
/// change it was about, not a further one. One still proposed at the base
/// may be what this change carries out.
#[test]
fn a_decision_accepted_before_the_change_covers_an_earlier_one() {
    let goal = lowered_logos();
    let accepted = decision("accepted", "logos");
    let base = edit(ORG, &[(DECISION, &accepted)], &[]);
    let diagnostic = only_diagnostic(&base, &edit(&base, &[(GOAL, &goal)], &[]));
    assert_eq!(
        diagnostic.help.as_deref(),
        Some(
            "record the decision: add `decisions/0008-lower-logos-target.md` with \
             `affects: [logos]` and `status: proposed` \
             (`orgit explain lowered-target-without-decision` shows one); \
             `0007-fewer-logos` was accepted before this change and covers an earlier one"
        )
    );

    let proposed = decision("proposed", "logos");
    let base = edit(ORG, &[(DECISION, &proposed)], &[]);
    for status in ["proposed", "accepted"] {
        let record = decision(status, "logos");
        let head = edit(&base, &[(GOAL, &goal), (DECISION, &record)], &[]);
        assert_eq!(check_change(&base, &head), Vec::<String>::new(), "{status}");
    }
}

#[test]
fn lowering_a_target_and_declaring_the_goal_achieved_still_needs_a_decision() {
    let goal = lowered_logos().replace("period: 2026-Q4\n", "period: 2026-Q4\nstatus: achieved\n");
    assert_eq!(check_change(ORG, &with_goal(&goal)).len(), 1);
}

/// The base's settings are in force, so a change cannot turn a rule off for
/// itself; turning it off at the base does.
#[test]
fn each_rule_is_turned_off_in_the_base_settings() {
    const OFF: &str = "name: Acme\npolicies:\n  changes:\n    decision_for_lowered_target: false\n";
    let goal = lowered_logos();
    let head_turns_it_off = edit(ORG, &[(GOAL, &goal), ("orgit.yaml", OFF)], &[]);
    assert_eq!(check_change(ORG, &head_turns_it_off).len(), 1);

    let base_off = edit(ORG, &[("orgit.yaml", OFF)], &[]);
    let head = edit(&base_off, &[(GOAL, &goal)], &[]);
    assert_eq!(check_change(&base_off, &head), Vec::<String>::new());
}

// Later due dates

#[test]
fn moving_a_started_initiative_later_needs_a_decision() {
    let sso = SSO_TEXT.replace("due: 2026-11-20", "due: 2026-12-04");
    let head = edit(ORG, &[(SSO, &sso)], &[]);
    assert_eq!(
        check_change(ORG, &head),
        [
            "later-due-without-decision initiatives/platform-sso.md:8:6 due date of initiative \
          `platform-sso` moved 2026-11-20 → 2026-12-04 (+14 days) without a decision record"
        ]
    );
}

#[test]
fn moving_a_due_date_earlier_needs_no_decision() {
    let sso = SSO_TEXT.replace("due: 2026-11-20", "due: 2026-11-18");
    assert_eq!(
        check_change(ORG, &edit(ORG, &[(SSO, &sso)], &[])),
        Vec::<String>::new()
    );
}

#[test]
fn an_initiative_not_yet_committed_can_move() {
    let later = |text: &str| text.replace("due: 2026-11-20", "due: 2026-12-04");
    let proposed = SSO_TEXT.replace("status: active", "status: proposed");
    let not_started = SSO_TEXT.replace("start: 2026-10-01", "start: 2026-11-16");
    for base_sso in [proposed, not_started] {
        let base = edit(ORG, &[(SSO, &base_sso)], &[]);
        let moved = later(&base_sso);
        let head = edit(&base, &[(SSO, &moved)], &[]);
        assert_eq!(
            check_change(&base, &head),
            Vec::<String>::new(),
            "{base_sso}"
        );
    }
}

#[test]
fn marking_it_done_with_the_date_it_shipped_is_not_a_slip() {
    let sso = SSO_TEXT
        .replace("due: 2026-11-20", "due: 2026-11-24")
        .replace("status: active", "status: done");
    assert_eq!(
        check_change(ORG, &edit(ORG, &[(SSO, &sso)], &[])),
        Vec::<String>::new()
    );
}

#[test]
fn milestones_and_milestone_key_results_are_covered_by_their_parent() {
    let sso = SSO_TEXT.replace("due: 2026-11-15", "due: 2026-11-18");
    let goal = GOAL_TEXT.replace("due: 2026-12-01", "due: 2026-12-15");
    let head = edit(ORG, &[(SSO, &sso), (GOAL, &goal)], &[]);
    assert_eq!(
        check_change(ORG, &head),
        [
            "later-due-without-decision goals/2026-Q4/growth-q4.md:16:22 due date of key \
             result `launch` moved 2026-12-01 → 2026-12-15 (+14 days) without a decision record",
            "later-due-without-decision initiatives/platform-sso.md:12:10 due date of milestone \
             `sso-beta` moved 2026-11-15 → 2026-11-18 (+3 days) without a decision record",
        ]
    );
    let record = decision("proposed", "platform-sso, growth-q4");
    let decided = edit(&head, &[(DECISION, &record)], &[]);
    assert_eq!(check_change(ORG, &decided), Vec::<String>::new());
}

// Deleted while depended on

const GOAL_WAITING_ON_SSO: &str = "---
id: growth-q4
title: Grow
owner: maria
team: growth
period: 2026-Q4
depends_on:
  - {on: platform-sso, need_by: 2026-11-25}
key_results:
  - id: logos
    title: Logos
    metric: {baseline: 0, target: 12, current: 3, unit: logos}
---
";

fn waiting_on_sso() -> Vec<(&'static str, &'static str)> {
    edit(ORG, &[(GOAL, GOAL_WAITING_ON_SSO)], &[])
}

#[test]
fn deleting_an_item_still_depended_on_replaces_the_unknown_reference() {
    let base = waiting_on_sso();
    let head = edit(&base, &[], &[SSO]);
    assert_eq!(
        check_change(&base, &head),
        [
            "removed-while-depended-on goals/2026-Q4/growth-q4.md:8:10 initiative `platform-sso` \
          is deleted by this change, but `growth-q4` still depends on it"
        ]
    );
}

#[test]
fn deleting_a_key_result_an_initiative_supports() {
    let goal = GOAL_TEXT.replace(
        "  - id: logos\n    title: Logos\n    metric: {baseline: 0, target: 12, current: 3, unit: logos}\n",
        "",
    );
    assert_eq!(
        check_change(ORG, &with_goal(&goal)),
        [
            "removed-while-depended-on initiatives/onboarding.md:6:12 key result `logos` is \
          deleted by this change, but `onboarding` still supports it"
        ]
    );
}

#[test]
fn deleting_the_dependency_along_with_the_item_is_reported_at_the_dependent() {
    let base = waiting_on_sso();
    let head = edit(&base, &[(GOAL, GOAL_TEXT)], &[SSO]);
    let diagnostic = only_diagnostic(&base, &head);
    assert_eq!(diagnostic.code, Code::RemovedWhileDependedOn);
    assert_eq!(
        diagnostic.message,
        "initiative `platform-sso` is deleted by this change, and with it the dependency of \
         `growth-q4` on it"
    );
    assert_eq!(diagnostic.primary.span, Span::new(2, 5, 9));
    assert_eq!(
        diagnostic.help.as_deref(),
        Some(
            "keep `platform-sso` and set `status: cancelled`, so whoever waits on it sees \
             `dependency-on-cancelled`, or drop the dependency of `growth-q4` in an earlier \
             change"
        )
    );
}

#[test]
fn deleting_what_nobody_depends_on_renaming_or_breaking_a_file_is_fine() {
    let base = waiting_on_sso();
    // Nothing waits on onboarding.
    assert_eq!(
        check_change(&base, &edit(&base, &[], &[ONBOARDING])),
        Vec::<String>::new()
    );
    // Same id in another file: a move, not a deletion.
    let misnamed = edit(&base, &[("initiatives/sso.md", SSO_TEXT)], &[SSO]);
    assert_eq!(check_change(&misnamed, &base), Vec::<String>::new());
    // A file that no longer parses: `check` reports the file, not a deletion.
    let broken = edit(
        &base,
        &[(SSO, "---\nid: platform-sso\ntitle: [\n---\n")],
        &[],
    );
    let codes: Vec<String> = check_change(&base, &broken)
        .into_iter()
        .map(|d| d.split(' ').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(codes, ["wrong-type"]);
}

#[test]
fn a_dependent_that_was_already_done_lost_nothing() {
    let done =
        GOAL_WAITING_ON_SSO.replace("period: 2026-Q4\n", "period: 2026-Q4\nstatus: achieved\n");
    let base = edit(ORG, &[(GOAL, &done)], &[]);
    let without_dependency =
        GOAL_TEXT.replace("period: 2026-Q4\n", "period: 2026-Q4\nstatus: achieved\n");
    let head = edit(&base, &[(GOAL, &without_dependency)], &[SSO]);
    assert_eq!(check_change(&base, &head), Vec::<String>::new());
}

// Cross-team dependencies

#[test]
fn a_new_dependency_on_another_team_names_its_lead() {
    let head = waiting_on_sso();
    let diagnostic = only_diagnostic(ORG, &head);
    assert_eq!(diagnostic.severity, Severity::Notice);
    assert_eq!(
        diagnostic.message,
        "`growth-q4` (growth) now waits on `platform-sso` (platform) by 2026-11-25; ask \
         platform's lead li (@li-wei) to review"
    );
    assert_eq!(diagnostic.primary.span, Span::new(8, 10, 12));
    assert_eq!(diagnostic.related.len(), 1, "points at the lead");
}

#[test]
fn a_lead_without_a_handle_or_a_team_without_a_lead() {
    let head = edit(
        &waiting_on_sso(),
        &[("people/li.yaml", "id: li\nname: Li Wei\nteam: platform\n")],
        &[],
    );
    assert!(
        only_diagnostic(ORG, &head)
            .message
            .ends_with("; ask platform's lead li to review")
    );
    let head = edit(
        &waiting_on_sso(),
        &[("teams/platform.yaml", "id: platform\nname: Platform\n")],
        &[],
    );
    let messages = check_change(ORG, &head);
    assert!(
        messages
            .iter()
            .any(|m| m
                .ends_with("by 2026-11-25; `platform` has no lead: agree the date with the team")),
        "{messages:#?}"
    );
}

#[test]
fn a_dependency_inside_the_team_or_one_that_existed_is_no_news() {
    let inside = GOAL_WAITING_ON_SSO
        .replace("on: platform-sso", "on: onboarding")
        .replace("need_by: 2026-11-25", "need_by: 2026-12-20");
    assert_eq!(check_change(ORG, &with_goal(&inside)), Vec::<String>::new());
    let base = waiting_on_sso();
    let moved = GOAL_WAITING_ON_SSO.replace("need_by: 2026-11-25", "need_by: 2026-11-28");
    assert_eq!(
        check_change(&base, &edit(&base, &[(GOAL, &moved)], &[])),
        Vec::<String>::new()
    );
}

#[test]
fn turned_off_rules_stay_quiet() {
    const ALL_OFF: &str = "name: Acme\npolicies:\n  changes:\n    decision_for_lowered_target: false\n    decision_for_later_due: false\n    protect_depended_on: false\n    review_cross_team_dependencies: false\n";
    let on = waiting_on_sso();
    let off = edit(&on, &[("orgit.yaml", ALL_OFF)], &[]);
    // A lowered target, a slip and a new cross-team dependency at once.
    let sso = SSO_TEXT.replace("due: 2026-11-20", "due: 2026-12-04");
    let onboarding = ONBOARDING_TEXT.replace(
        "due: 2026-12-10\n",
        "due: 2026-12-10\ndepends_on:\n  - {on: platform-sso, need_by: 2026-12-01}\n",
    );
    let goal = GOAL_WAITING_ON_SSO.replace("target: 12,", "target: 9,");
    let changes = [
        (SSO, sso.as_str()),
        (ONBOARDING, &onboarding),
        (GOAL, &goal),
    ];
    let policy_codes = |diagnostics: Vec<String>| -> Vec<String> {
        const POLICY: [Code; 4] = [
            Code::LoweredTargetWithoutDecision,
            Code::LaterDueWithoutDecision,
            Code::RemovedWhileDependedOn,
            Code::NewCrossTeamDependency,
        ];
        diagnostics
            .into_iter()
            .map(|d| d.split(' ').next().unwrap_or_default().to_owned())
            .filter(|code| POLICY.iter().any(|c| c.as_str() == code))
            .collect()
    };
    assert_eq!(
        policy_codes(check_change(&on, &edit(&on, &changes, &[]))),
        [
            "lowered-target-without-decision",
            "new-cross-team-dependency",
            "later-due-without-decision"
        ]
    );
    assert_eq!(
        policy_codes(check_change(&off, &edit(&off, &changes, &[]))),
        Vec::<String>::new()
    );
    // Without the rule, a reference left to a deleted item is what
    // `orgit check` makes of it.
    let codes: Vec<String> = check_change(&off, &edit(&off, &[], &[SSO]))
        .into_iter()
        .map(|d| d.split(' ').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(codes, ["unknown-reference"]);
}
