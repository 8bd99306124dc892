//! The README and docs/ are a contract: the code table, the quick start, the
//! commands a newcomer pastes and every link must stay true, and the README
//! stays an entry page.

use std::path::{Path, PathBuf};
use std::process::Command;

use orgit::diagnostics::Code;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::common::{doc, repo_root};

fn readme() -> String {
    std::fs::read_to_string(repo_root().join("README.md")).unwrap()
}

#[test]
fn the_docs_list_every_diagnostic_code_with_its_severity_and_meaning() {
    let page = doc("diagnostics.md");
    for code in Code::ALL {
        let row = format!(
            "| `{}` | {} | {} |",
            code.as_str(),
            code.severity().as_str(),
            code.summary()
        );
        assert!(
            page.contains(&row),
            "docs/diagnostics.md is missing the row:\n{row}"
        );
    }
}

/// The two commands of the README's quick start, comments stripped.
fn quick_start() -> Vec<String> {
    let readme = readme();
    let section = &readme[readme
        .find("## Quick start")
        .expect("a quick start section")..];
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the quick start has a sh code block");
    block
        .lines()
        .map(|line| line.split(" #").next().unwrap_or(line).trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

#[test]
fn ci_runs_the_readme_quick_start_and_test_command() {
    let commands = quick_start();
    assert_eq!(commands.len(), 2, "two commands: {commands:?}");
    assert!(
        commands[0].contains(" example ") && commands[0].ends_with(" digest"),
        "the main command generates the example and prints its digest: {}",
        commands[0]
    );
    assert_eq!(commands[1], "cargo test");
    let ci = std::fs::read_to_string(repo_root().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|line| line == commands[0]),
        "CI must run the quick start as written: {}",
        commands[0]
    );
    assert!(ci.lines().any(|line| line == "cargo test --locked"));
}

/// The README is where people start; references live in docs/. Each
/// feature adds a row to the commands table and a pointer, not a chapter.
#[test]
fn the_readme_stays_an_entry_page() {
    let lines = readme().lines().count();
    assert!(
        lines <= 260,
        "README.md has {lines} lines: move the reference into docs/<topic>.md and link it"
    );
}

/// The sh block that follows the paragraph starting with `lead` in the
/// README, one command a line, comments stripped.
fn commands_after(readme: &str, lead: &str) -> Vec<String> {
    let at = readme.find(lead).unwrap_or_else(|| panic!("no `{lead}`"));
    let block = readme[at..]
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a sh block");
    block
        .lines()
        .map(|line| line.split("  #").next().unwrap_or(line).trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

/// `cargo run -- ARGS` run as the built binary, in `dir`.
fn run_as_orgit(command: &str, dir: &Path) -> crate::common::Run {
    let args = command
        .strip_prefix("cargo run -- ")
        .unwrap_or_else(|| panic!("not a `cargo run --` command: {command}"));
    let args: Vec<&str> = args.split_whitespace().collect();
    crate::common::orgit(dir, &args)
}

/// What the README says the example org prints is what it prints, on any
/// day: the commands fix `--today`.
#[test]
fn the_readme_example_org_commands_print_what_it_says() {
    let readme = readme();
    let command = "cargo run -- -C example-org --today 2026-11-16 check";
    assert!(
        readme.contains(&format!(
            "`{command}` prints\n`ok: check passed, no problems in 126 files`"
        )),
        "the README names the command and its output"
    );
    let run = run_as_orgit(command, &repo_root());
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "ok: check passed, no problems in 126 files\n")
    );

    // The broken copy: its cp and sed lines, run by bash on a copy in a
    // temp dir, then the check, which finds exactly the four problems named.
    let commands = commands_after(&readme, "To see the diagnostics, break a copy:");
    let scratch = tempfile::tempdir().unwrap();
    let broken = scratch.path().join("broken");
    let mut checks = Vec::new();
    for command in &commands {
        let command = command.replace("/tmp/broken", &broken.display().to_string());
        if command.starts_with("cargo run") {
            checks.push(command);
            continue;
        }
        let status = Command::new("bash")
            .args(["-c", &command])
            .current_dir(repo_root())
            .status()
            .unwrap();
        assert!(status.success(), "{command}");
    }
    assert!(checks[0].ends_with(" check"), "{checks:?}");
    assert!(
        checks
            .iter()
            .all(|c| c.contains(" --today ") || c.contains(" explain ")),
        "every check fixes today: {checks:?}"
    );
    let json = run_as_orgit(&format!("{} --format json", checks[0]), &repo_root());
    let codes: Vec<String> = crate::common::Checked::from_run(&json)
        .diagnostics
        .iter()
        .map(|d| d.split(' ').next().unwrap().to_owned())
        .collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "late-dependency",
            "late-dependency",
            "unknown-field",
            "unknown-reference"
        ],
        "{}",
        json.stdout
    );
    let human = run_as_orgit(&checks[0], &repo_root());
    for help in ["did you mean `rachel`?", "did you mean `mission`?"] {
        assert!(human.stdout.contains(help), "{}", human.stdout);
    }
    assert!(readme.contains("It reports exactly four problems"));
}

/// A markdown page's links (destination as written) and the anchors of its
/// headings, as GitHub makes them.
fn links_and_anchors(text: &str) -> (Vec<String>, Vec<String>) {
    let mut links = Vec::new();
    let mut anchors = Vec::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    anchors.push(github_anchor(&h));
                }
            }
            _ => {}
        }
    }
    (links, anchors)
}

/// GitHub's anchor for a heading: lowercase, spaces to hyphens, other
/// punctuation dropped.
fn github_anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Every relative link of the README and of docs/ names a file that exists,
/// and every `#anchor` a heading of its page: no dead "see ..." for a
/// newcomer to follow.
#[test]
fn every_link_of_the_readme_and_docs_leads_somewhere() {
    let root = repo_root();
    let mut pages: Vec<PathBuf> = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    let mut dead = Vec::new();
    let mut checked = 0;
    for page in &pages {
        let (links, _) = links_and_anchors(&std::fs::read_to_string(page).unwrap());
        for link in links {
            if link.contains("://") || link.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (path, anchor) = link.split_once('#').unwrap_or((&link, ""));
            let target = if path.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(path)
            };
            let shown = page.strip_prefix(&root).unwrap().display().to_string();
            if !target.exists() {
                dead.push(format!("{shown}: {link} (no such file)"));
                continue;
            }
            if !anchor.is_empty() {
                let (_, anchors) = links_and_anchors(&std::fs::read_to_string(&target).unwrap());
                if !anchors.iter().any(|a| a == anchor) {
                    dead.push(format!("{shown}: {link} (no such heading)"));
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} links found");
    assert!(dead.is_empty(), "dead links:\n{}", dead.join("\n"));
}

#[test]
fn github_anchors_are_made_as_github_makes_them() {
    assert_eq!(github_anchor("Change policies"), "change-policies");
    assert_eq!(github_anchor("commit id (diff)"), "commit-id-diff");
    assert_eq!(github_anchor("orgit.yaml"), "orgityaml");
    assert_eq!(github_anchor("team roll-up"), "team-roll-up");
}
