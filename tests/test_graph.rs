//! `orgit graph` and `orgit impact` on the example org and on small orgs built
//! for one point each: every format snapshotted, DOT run through Graphviz,
//! Mermaid labels proven safe for any title.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{TODAY, orgit, repo_root, write_files};

fn example_org() -> PathBuf {
    repo_root().join("example-org")
}

/// `orgit --today TODAY ARGS` in `dir`; panics unless it exits `code`.
fn run(dir: &Path, args: &[&str], code: i32) -> String {
    let mut all = vec!["--today", TODAY];
    all.extend_from_slice(args);
    let run = orgit(dir, &all);
    assert_eq!(
        run.code, code,
        "orgit {args:?} exited {}\nstdout:\n{}\nstderr:\n{}",
        run.code, run.stdout, run.stderr
    );
    if code == 2 { run.stderr } else { run.stdout }
}

/// Renders DOT with Graphviz's `dot -Tsvg`. Without Graphviz, `None` (the
/// test skips that part, saying so), unless `ORGIT_TEST_TOOLS=required`,
/// as in `.ci/run`, which installs it.
fn render_with_graphviz(dot_source: &str) -> Option<String> {
    if !crate::common::tool(
        "dot",
        "Graphviz (`apt-get install graphviz`, `brew install graphviz`)",
    ) {
        return None;
    }
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = child.unwrap_or_else(|e| {
        panic!("cannot run Graphviz's `dot` ({e}); install it: `apt-get install -y graphviz`")
    });
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot_source.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "dot rejected the output: {}\n{dot_source}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8(output.stdout).unwrap())
}

#[test]
fn dot_of_the_example_renders_with_graphviz() {
    let dot = run(&example_org(), &["graph"], 0);
    if let Some(svg) = render_with_graphviz(&dot) {
        assert!(svg.contains("<svg"));
    }
    insta::assert_snapshot!("graph_example_dot", dot);
}

#[test]
fn every_format_of_the_example() {
    let dir = example_org();
    insta::assert_snapshot!(
        "graph_example_mermaid",
        run(&dir, &["graph", "--format", "mermaid"], 0)
    );
    insta::assert_snapshot!(
        "graph_example_json",
        run(&dir, &["graph", "--format", "json"], 0)
    );
    insta::assert_snapshot!(
        "graph_example_dependencies_mermaid",
        run(
            &dir,
            &["graph", "--format", "mermaid", "--kind", "dependencies"],
            0
        )
    );
}

#[test]
fn focus_depth_and_team_narrow_the_picture() {
    let dir = example_org();
    let focused = run(
        &dir,
        &[
            "graph",
            "--format",
            "json",
            "--focus",
            "platform-sso",
            "--depth",
            "1",
        ],
        0,
    );
    let ids = node_ids(&focused);
    assert_eq!(
        ids,
        [
            "q3-sso-beta",
            "q4-sso-providers",
            "q4-sso-ga",
            "enterprise-sales-motion",
            "platform-sso",
        ]
    );
    let team = run(
        &dir,
        &[
            "graph",
            "--format",
            "dot",
            "--team",
            "mobile",
            "--kind",
            "dependencies",
        ],
        0,
    );
    render_with_graphviz(&team);
    insta::assert_snapshot!("graph_mobile_dependencies_dot", team);
}

fn node_ids(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Titles that would break a naive renderer: quotes, brackets, unicode, HTML.
const HOSTILE_TITLES: &[(&str, &str)] = &[
    ("orgit.yaml", "name: \"Acme \\\"Labs\\\" <b>\"\n"),
    (
        "teams/core.yaml",
        "id: core\nname: \"Core [team] \\\"quoted\\\" {x}\"\nlead: ana\n",
    ),
    ("people/ana.yaml", "id: ana\nname: Ana\nteam: core\n"),
    (
        "goals/2026-Q4/end.md",
        "---\nid: end\ntitle: \"Say \\\"hi\\\" <script>alert('x')</script> & #1; ]) --> `ok`\"\nowner: ana\nteam: core\nperiod: 2026-Q4\nhealth: at_risk\nkey_results:\n  - id: graph\n    title: \"Ünïcödé 日本語 🚀 [a](b) |pipe| \\\\ back\\\\slash\"\n    milestone: {due: 2026-12-01}\n---\n",
    ),
    (
        "initiatives/subgraph.md",
        "---\nid: subgraph\ntitle: \"end\\nclick n0 call alert()\"\nowner: ana\nteam: core\nsupports: [graph]\ndue: 2026-11-20\nhealth: on_track\ndepends_on: [{on: end, need_by: 2026-11-01}]\n---\n",
    ),
];

#[test]
fn mermaid_labels_with_quotes_brackets_unicode_and_script_render_as_text() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), HOSTILE_TITLES);
    let mermaid = run(dir.path(), &["graph", "--format", "mermaid"], 0);
    // No raw markup, no quote that could end a label early, no org id used as
    // a Mermaid node id (`end` is a keyword).
    assert!(!mermaid.contains("<script"), "{mermaid}");
    assert!(!mermaid.contains("<b>"), "{mermaid}");
    for line in mermaid.lines() {
        let quotes = line.matches('"').count();
        assert!(
            quotes == 0 || quotes == 2,
            "a label's quotes are unbalanced: {line}"
        );
        assert!(!line.trim_start().starts_with("end ") && !line.contains(" end("));
    }
    insta::assert_snapshot!("graph_hostile_mermaid", mermaid);
    let dot = run(dir.path(), &["graph"], 0);
    let svg = render_with_graphviz(&dot).unwrap_or_else(|| "&lt;script&gt;".to_owned());
    assert!(
        svg.contains("&lt;script&gt;"),
        "the title is text in the SVG"
    );
    insta::assert_snapshot!("graph_hostile_dot", dot);
}

#[test]
fn impact_of_an_initiative_lists_the_goals_and_teams_that_slip() {
    let dir = example_org();
    let json = run(&dir, &["impact", "platform-sso", "--format", "json"], 0);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value["goals"],
        serde_json::json!([
            "gtm-enterprise-pipeline-q4",
            "platform-enterprise-ready-q4",
            "win-enterprise-q4"
        ])
    );
    assert_eq!(
        value["teams"],
        serde_json::json!(["go-to-market", "platform"])
    );
    insta::assert_snapshot!("impact_platform_sso_json", json);
    insta::assert_snapshot!(
        "impact_platform_sso",
        run(&dir, &["impact", "platform-sso"], 0)
    );
}

#[test]
fn impact_upstream_critical_path_and_org_wide_view() {
    let dir = example_org();
    insta::assert_snapshot!(
        "impact_enterprise_sales_motion_upstream",
        run(
            &dir,
            &["impact", "enterprise-sales-motion", "--upstream"],
            0
        )
    );
    insta::assert_snapshot!(
        "impact_win_enterprise_goal",
        run(&dir, &["impact", "win-enterprise-q4", "--upstream"], 0)
    );
    insta::assert_snapshot!("impact_org_wide", run(&dir, &["impact"], 0));
    insta::assert_snapshot!(
        "impact_org_wide_json",
        run(&dir, &["impact", "--format", "json"], 0)
    );
}

#[test]
fn impact_of_a_closed_item_says_nothing_can_slip() {
    let out = run(&example_org(), &["impact", "eu-data-residency"], 0);
    assert_eq!(
        out,
        "initiative `eu-data-residency`, due 2026-12-18: EU-only data residency option\n\n\
         It is abandoned: it can no longer slip or hold anything up.\n"
    );
}

#[test]
fn slack_adds_up_along_a_chain_and_a_late_link_passes_any_slip_on() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("orgit.yaml", "name: Chain\n"),
            ("teams/a.yaml", "id: a\nname: A\n"),
            ("teams/b.yaml", "id: b\nname: B\n"),
            (
                "initiatives/base.md",
                "---\nid: base\ntitle: Base\nteam: a\ndue: 2026-11-10\n---\n",
            ),
            (
                "initiatives/middle.md",
                "---\nid: middle\ntitle: Middle\nteam: b\ndue: 2026-11-20\ndepends_on: [{on: base, need_by: 2026-11-15}]\n---\n",
            ),
            (
                "initiatives/top.md",
                "---\nid: top\ntitle: Top\nteam: b\ndue: 2026-12-01\ndepends_on: [{on: middle, need_by: 2026-11-18}]\n---\n",
            ),
        ],
    );
    let out = run(dir.path(), &["impact", "base"], 0);
    assert_eq!(
        out,
        "initiative `base`, due 2026-11-10: Base

If it slips, these slip too (slack: days it can slip before each does):
  slack  kind         item    team  due         waits on
     5d  initiative   middle  b     2026-11-20  base by 2026-11-15
     5d  initiative   top     b     2026-12-01  middle by 2026-11-18, late by 2d

Goals that slip: none
Teams that slip: b
"
    );
}

#[test]
fn unknown_ids_are_an_error_with_a_suggestion() {
    let dir = example_org();
    assert_eq!(
        run(&dir, &["impact", "platfrom-sso"], 2),
        "error: no goal, key result, initiative or milestone has the id `platfrom-sso`\n\
         hint: did you mean `platform-sso`?\n"
    );
    assert_eq!(
        run(&dir, &["graph", "--team", "mobil"], 2),
        "error: no team has the id `mobil`\nhint: did you mean `mobile`?\n"
    );
    assert_eq!(
        run(&dir, &["impact", "kenji"], 2),
        "error: `kenji` is a person, not a goal, key result, initiative or milestone\n"
    );
}

/// At 80 columns (a pipe) the "waits on" column goes under each row; a
/// terminal wide enough gets it beside the others, aligned, and no line of
/// either is wider than its screen.
#[test]
fn impact_fits_the_screen_and_puts_the_last_column_beside_when_there_is_room() {
    let dir = example_org();
    let wide = crate::common::orgit_with_env(
        &dir,
        &["--today", TODAY, "impact", "platform-sso"],
        &[("COLUMNS", "120")],
    );
    assert_eq!(wide.code, 0, "{}", wide.stderr);
    assert!(
        wide.stdout.contains(
            "\n  slack  kind         item                          team          due         waits on\n     \
             0d  key result   q4-sso-ga                     -             2026-11-30  platform-sso\n     \
             0d  initiative   enterprise-sales-motion       go-to-market  2026-12-18  platform-sso by 2026-11-30\n"
        ),
        "{}",
        wide.stdout
    );
    assert!(wide.stdout.contains(
        "\nGoals that slip: gtm-enterprise-pipeline-q4, platform-enterprise-ready-q4, win-enterprise-q4\n"
    ));
    let narrow = run(&dir, &["impact", "platform-sso"], 0);
    for (text, columns) in [(&wide.stdout, 120), (&narrow, 80)] {
        for line in text.lines() {
            assert!(
                line.chars().count() <= columns,
                "wider than {columns}: {line}"
            );
        }
    }
    // The same facts either way.
    let words = |text: &str| {
        let mut words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
        words.sort();
        words
    };
    let mut wide_words = words(&wide.stdout);
    // The narrow layout repeats the column's name on every row.
    wide_words.extend(std::iter::repeat_n(["on".to_owned(), "waits".to_owned()], 7).flatten());
    wide_words.sort();
    assert_eq!(wide_words, words(&narrow));
}
