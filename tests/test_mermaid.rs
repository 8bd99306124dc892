//! `orgit graph --format mermaid` as people see it: the fence, the legend,
//! no empty team boxes under `--focus`, the warning past Mermaid's size
//! limit, and the diagram drawn by the real Mermaid in real headless
//! Chromium (tests/mermaid/, installed by `.ci/run`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{MINIMAL_ORG, TODAY, orgit, repo_root, write_files};

fn example_org() -> PathBuf {
    repo_root().join("example-org")
}

fn mermaid(dir: &Path, args: &[&str]) -> crate::common::Run {
    let mut all = vec!["--today", TODAY, "graph", "--format", "mermaid"];
    all.extend_from_slice(args);
    orgit(dir, &all)
}

/// The subgraph titles of a flowchart, and whether any is empty (its
/// `subgraph` line directly followed by its `end`).
fn subgraphs(chart: &str) -> (Vec<String>, bool) {
    let lines: Vec<&str> = chart.lines().collect();
    let mut titles = Vec::new();
    let mut empty = false;
    for (at, line) in lines.iter().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix("subgraph ") else {
            continue;
        };
        let title = rest.split_once("[\"").map_or(rest, |(_, t)| t);
        titles.push(title.trim_end_matches("\"]").to_owned());
        empty |= lines.get(at + 1).is_some_and(|next| next.trim() == "end");
    }
    (titles, empty)
}

#[test]
fn fence_wraps_the_chart_and_no_legend_leaves_it_out() {
    let plain = mermaid(&example_org(), &[]);
    assert_eq!((plain.code, plain.stderr.as_str()), (0, ""));
    assert!(plain.stdout.starts_with("flowchart LR\n"));
    assert!(plain.stdout.contains("\n  subgraph legend[\"Legend\"]\n"));
    assert!(
        plain
            .stdout
            .contains("\n  legend_a5 -->|\"broken dependency\"| legend_b5\n")
    );

    let fenced = mermaid(&example_org(), &["--fence"]);
    assert_eq!(fenced.stdout, format!("```mermaid\n{}```\n", plain.stdout));

    let bare = mermaid(&example_org(), &["--no-legend"]);
    assert!(!bare.stdout.contains("legend"), "{}", bare.stdout);
    // The diagram's own lines are the same; the legend only adds.
    for line in bare.stdout.lines() {
        if !line.trim_start().starts_with("class ") && !line.trim_start().starts_with("linkStyle") {
            assert!(plain.stdout.contains(line), "{line}");
        }
    }

    let dot = orgit(&example_org(), &["graph", "--fence"]);
    assert_eq!(dot.code, 2);
    assert_eq!(
        dot.stderr,
        "error: `--fence` applies to Mermaid output only\nhint: add `--format mermaid`, or drop `--fence`\n"
    );
}

#[test]
fn focus_draws_only_the_teams_that_hold_an_item() {
    let whole = mermaid(&example_org(), &["--no-legend"]);
    let (all_teams, _) = subgraphs(&whole.stdout);
    assert!(all_teams.contains(&"Mobile".to_owned()), "{all_teams:?}");

    let focus = mermaid(&example_org(), &["--focus", "platform-sso", "--depth", "1"]);
    assert_eq!(focus.code, 0, "{}", focus.stderr);
    let (teams, empty) = subgraphs(&focus.stdout);
    assert!(!empty, "an empty subgraph:\n{}", focus.stdout);
    assert_eq!(
        teams,
        [
            "Northwind Labs",
            "Go-to-Market",
            "Product #amp; Engineering",
            "Platform",
            "Legend"
        ]
    );
}

/// An org whose full diagram is over Mermaid's 50,000 characters, with one
/// small team.
fn large_org() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);
    write_files(
        dir.path(),
        &[(
            "teams/mobile.yaml",
            "id: mobile\nname: Mobile\nparent: company\nlead: cy\n",
        )],
    );
    let title =
        "Make every shipment visible to the customer from order to delivery, on every device";
    for n in 0..300 {
        let path = format!("goals/2026-Q4/goal-{n:03}.md");
        let text = format!(
            "---\nid: goal-{n:03}\ntitle: {title} ({n})\nowner: bo\nteam: platform\nperiod: 2026-Q4\nhealth: on_track\nkey_results:\n  - id: kr-{n:03}\n    title: {title}\n    metric: {{baseline: 0, target: 10, current: 5}}\n---\n"
        );
        write_files(dir.path(), &[(path.as_str(), text.as_str())]);
    }
    write_files(
        dir.path(),
        &[(
            "goals/2026-Q4/mobile-app.md",
            "---\nid: mobile-app\ntitle: Ship the app\nowner: cy\nteam: mobile\nperiod: 2026-Q4\nhealth: at_risk\nkey_results:\n  - id: app-rating\n    title: App rating\n    metric: {baseline: 3, target: 4.5, current: 4}\n---\n",
        )],
    );
    dir
}

#[test]
fn a_diagram_over_mermaids_limit_warns_with_team_and_focus_as_the_fix() {
    let org = large_org();
    let big = mermaid(org.path(), &[]);
    assert_eq!(big.code, 0);
    let size = big.stdout.chars().count();
    assert!(size > 50_000, "{size}");
    assert_eq!(
        big.stderr,
        format!(
            "warning: the Mermaid diagram is {size} characters; Mermaid (and GitHub) draw at most \
             50000 and show an error instead\nhint: draw part of it: one team and what it links \
             to (`--team TEAM`), or the neighbourhood of one item (`--focus ID --depth 2`)\n"
        )
    );
    let team = mermaid(org.path(), &["--team", "mobile"]);
    assert_eq!((team.code, team.stderr.as_str()), (0, ""));
    assert!(team.stdout.contains("mobile-app"));
}

/// What tests/mermaid/render.mjs reports for one diagram.
struct Drawn {
    error: Option<String>,
    labels: Vec<String>,
    subgraphs: Vec<String>,
}

/// Draws `chart` with the pinned Mermaid in headless Chromium and writes a
/// screenshot to `target/mermaid-<name>.png`. `None` (with a note on
/// stderr) when the browser tools are not installed here, unless
/// `ORGIT_TEST_TOOLS=required`, as `.ci/run` sets it after installing them.
fn draw(name: &str, chart: &str) -> Option<Drawn> {
    let tools = repo_root().join("tests/mermaid");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let missing = if !tools.join("node_modules/mermaid").is_dir() {
        Some("tests/mermaid/node_modules (run `npm ci --prefix tests/mermaid`)".to_owned())
    } else if !Path::new(&chromium).exists() {
        Some(format!("{chromium} (run `apt-get install chromium`)"))
    } else {
        None
    };
    if let Some(missing) = missing {
        let required = std::env::var("ORGIT_TEST_TOOLS").is_ok_and(|v| v == "required");
        assert!(
            !required,
            "the Mermaid browser test needs {missing} (ORGIT_TEST_TOOLS=required)"
        );
        eprintln!("skipped: the Mermaid browser test needs {missing}; .ci/run installs it");
        return None;
    }
    let target = repo_root().join("target");
    std::fs::create_dir_all(&target).unwrap();
    let input = target.join(format!("mermaid-{name}.mmd"));
    std::fs::write(&input, chart).unwrap();
    let screenshot = target.join(format!("mermaid-{name}.png"));
    let output = Command::new("node")
        .arg(tools.join("render.mjs"))
        .arg(&input)
        .arg(&screenshot)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "render.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(screenshot.is_file());
    let texts = |key: &str| -> Vec<String> {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    Some(Drawn {
        error: report["error"].as_str().map(str::to_owned),
        labels: texts("labels"),
        subgraphs: texts("subgraphs"),
    })
}

#[test]
fn the_example_draws_in_headless_chromium_with_every_item() {
    let chart = mermaid(&example_org(), &[]).stdout;
    let Some(drawn) = draw("example", &chart) else {
        return;
    };
    assert_eq!(drawn.error, None);
    let json = orgit(
        &example_org(),
        &["--today", TODAY, "graph", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let ids: Vec<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(ids.len() > 40, "{}", ids.len());
    for id in &ids {
        assert!(
            drawn.labels.iter().any(|label| label.starts_with(id)),
            "`{id}` is not drawn: {:?}",
            drawn.labels
        );
    }
    for legend in ["goal", "initiative", "on track", "done or abandoned"] {
        assert!(drawn.labels.iter().any(|l| l == legend), "{legend}");
    }
    assert!(drawn.subgraphs.iter().any(|s| s == "Legend"));

    let focus = mermaid(&example_org(), &["--focus", "platform-sso", "--depth", "1"]).stdout;
    let drawn = draw("focus", &focus).unwrap();
    assert_eq!(drawn.error, None);
    assert_eq!(
        drawn.subgraphs,
        [
            "Northwind Labs",
            "Product & Engineering",
            "Go-to-Market",
            "Platform",
            "Legend"
        ]
    );

    // The harness sees a diagram Mermaid refuses, so the checks above mean
    // something.
    let broken = draw("broken", "flowchart LR\n  a[\"unclosed --> b\n").unwrap();
    assert!(broken.error.is_some());
}
