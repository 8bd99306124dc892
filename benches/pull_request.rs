//! `cargo bench --bench pull_request`: what reviewing a pull request costs
//! over checking the org, as ratios from one run (see BENCHMARKS.md, "Pull
//! requests").
//!
//! For each size it writes the check bench's generated org (a valid org of
//! that many files), commits it on `main` of a real repository, commits one
//! re-planned initiative on a branch, and packs the objects with `git gc`, as
//! a fresh clone is. It then takes the best of N interleaved runs of the
//! release binary, each a new process:
//! - check: `orgit check` of the working tree;
//! - base check: `orgit --at main check`, the base read from git objects;
//! - check --base: `orgit check --base main`, which loads both and runs every
//!   rule on each, compares them and applies the change policies;
//! - diff: `orgit diff main --format json`.
//!
//! The floor of the last two is the first two together: both sides must be
//! loaded and checked. What they add above it is the comparison itself.
//!
//! Arguments: `[--runs N] [FILES…]` (default 5 runs of 2000 and 20000 files).
//! Without `--bench` (as `cargo test --benches` runs it) it is a smoke test on
//! a small org: the re-plan must fail `check --base` on the missing decision.

#[path = "check/generate.rs"]
mod generate;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_orgit");

/// The commands timed, in table order.
const COMMANDS: [(&str, &[&str]); 4] = [
    ("check", &["check", "--format", "json"]),
    ("base check", &["--at", "main", "check", "--format", "json"]),
    (
        "check --base",
        &["check", "--format", "json", "--base", "main"],
    ),
    ("diff", &["diff", "main", "--format", "json"]),
];

fn main() {
    let mut args = std::env::args().skip(1);
    let mut bench = false;
    let mut runs = 5;
    let mut sizes = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => bench = true,
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            // Anything else (cargo passes its own flags to every bench target) is skipped.
            other => {
                if let Ok(size) = other.replace([',', '_'], "").parse() {
                    sizes.push(size);
                }
            }
        }
    }
    if !bench {
        smoke_test();
        return;
    }
    if sizes.is_empty() {
        sizes = vec![2_000, 20_000];
    }
    println!("reviewing a pull request vs checking the org: best of {runs} runs, binary {BIN}\n");
    println!(
        "| files | input MB | check ms | base check ms | check --base ms | diff ms \
         | check --base / floor | diff / floor |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for size in sizes {
        let dir = tempfile::tempdir().expect("a temp dir");
        let generated = replanned_repository(dir.path(), size);
        let mut best = [Duration::MAX; COMMANDS.len()];
        for _ in 0..runs {
            for (slot, (_, args)) in best.iter_mut().zip(COMMANDS) {
                let start = Instant::now();
                orgit(dir.path(), args);
                *slot = (*slot).min(start.elapsed());
            }
        }
        let [check, base_check, check_base, diff] = best;
        let floor = check + base_check;
        println!(
            "| {} | {:.2} | {} | {} | {} | {} | {:.2}× | {:.2}× |",
            generated.files,
            generated.bytes as f64 / 1e6,
            ms(check),
            ms(base_check),
            ms(check_base),
            ms(diff),
            check_base.as_secs_f64() / floor.as_secs_f64(),
            diff.as_secs_f64() / floor.as_secs_f64(),
        );
    }
    println!("\nfloor = check + base check: both sides loaded and checked, nothing compared.");
}

/// The generated org of `size` files committed on `main`, and a branch
/// `replan` checked out that moves one initiative's due date later (without
/// the decision record the policy asks for).
fn replanned_repository(dir: &Path, size: usize) -> generate::Generated {
    let generated = generate::write_org(dir, size).expect("the org is written");
    git(dir, &["init", "--quiet", "--initial-branch", "main"]);
    git(dir, &["add", "--all"]);
    git(dir, &["commit", "--quiet", "--message", "The plan"]);
    git(dir, &["checkout", "--quiet", "-b", "replan"]);
    let initiative = first_initiative(dir);
    let text = std::fs::read_to_string(&initiative).expect("the initiative reads");
    let due = text
        .lines()
        .find(|line| line.starts_with("due: "))
        .expect("an initiative has a due date");
    let replanned = text.replacen(due, "due: 2026-12-30", 1);
    assert_ne!(replanned, text, "the due date moves");
    std::fs::write(&initiative, replanned).expect("the initiative is written");
    git(dir, &["commit", "--quiet", "--all", "--message", "Re-plan"]);
    git(dir, &["gc", "--quiet"]);
    generated
}

fn first_initiative(dir: &Path) -> std::path::PathBuf {
    let mut paths: Vec<_> = std::fs::read_dir(dir.join("initiatives"))
        .expect("an initiatives folder")
        .map(|entry| entry.expect("a folder entry").path())
        .collect();
    paths.sort();
    paths.into_iter().next().expect("an initiative")
}

/// Runs git with a fixed identity and no user or system config. Automatic
/// gc is off: it would run in the background and race the explicit one.
fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "gc.auto=0"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.com")
        .env("GIT_COMMITTER_NAME", "Bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.com")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn orgit(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new(BIN)
        .arg("-C")
        .arg(dir)
        .args(["--today", generate::TODAY])
        .args(args)
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("the orgit binary runs");
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "orgit {args:?} could not run: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn ms(duration: Duration) -> String {
    format!("{:.1}", duration.as_secs_f64() * 1000.0)
}

/// The scenario the bench times is the one the policies exist for: the
/// org on `main` is clean, and the re-plan fails `check --base` on the
/// missing decision.
fn smoke_test() {
    let dir = tempfile::tempdir().expect("a temp dir");
    replanned_repository(dir.path(), 300);
    let base_check = orgit(dir.path(), COMMANDS[1].1);
    assert_eq!(
        base_check.status.code(),
        Some(0),
        "the org on main is clean"
    );
    let check_base = orgit(dir.path(), COMMANDS[2].1);
    let report = String::from_utf8_lossy(&check_base.stdout);
    assert_eq!(check_base.status.code(), Some(1), "{report}");
    assert!(report.contains("later-due-without-decision"), "{report}");
    let diff = orgit(dir.path(), COMMANDS[3].1);
    assert!(String::from_utf8_lossy(&diff.stdout).contains("\"slips\""));
}
