//! `cargo bench --bench review`: `orgit review quarterly` against the floor
//! of listing the same commits with git, and an annual review against a
//! quarterly one, as ratios measured in one run (see BENCHMARKS.md,
//! "Reviews").
//!
//! A quarterly review reads the history of its execution-health trend: the
//! reviewed quarter and the three before it. The floor is `git log
//! --first-parent --name-only --since --until -- <org>` over that same
//! range, with git's commit-graph (which `git gc` writes) and without it
//! (`-c core.commitGraph=false`: libgit2, which orgit reads history with,
//! has no commit-graph reader, so that is the floor of reading the same
//! objects). Two repositories from `orgit::example::generate`, both packed
//! by `git gc`, history ending in the week of 2 October 2026, so 2026-Q3 is
//! complete:
//!
//! 1. the `--people 5000` example (the org at the repository's top, its
//!    story alone: a few thousand commits over 27 weeks);
//! 2. the monorepo case: 5,000 commits, the 40-person org in `org/` and the
//!    rest touching only `services/`.
//!
//! On the monorepo, `orgit review annual 2026` (in progress through 5
//! October: its three quarters so far) against the quarterly review.
//!
//! Each figure is the best of N interleaved runs of the release binary
//! (`[--runs N]`, default 5). Without `--bench` (as `cargo test --benches`
//! runs it) it is a smoke test on a small repository.

#[path = "../common/parse_guard.rs"]
mod parse_guard;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use orgit::example::{self, ExampleOptions};

const BIN: &str = env!("CARGO_BIN_EXE_orgit");
const END: &str = "2026-10-02";
const TODAY: &str = "2026-10-05";
const QUARTER: &str = "2026-Q3";
/// The quarterly review's history starts with 2025-Q4 (three quarters
/// before 2026-Q3) and ends with 2026-Q3, in the example's zone
/// (Europe/Berlin: 00:00 on 1 October 2025 is 22:00 UTC the day before).
const SINCE: &str = "2025-09-30T22:00:00Z";
const UNTIL: &str = "2026-09-30T22:00:00Z";
const MONOREPO_COMMITS: u32 = 5_000;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut bench = false;
    let mut runs = 5;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => bench = true,
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            _ => {}
        }
    }
    if !bench {
        smoke_test();
        return;
    }
    println!("orgit review vs git log: best of {runs} interleaved runs, binary {BIN}\n");
    println!(
        "| repository | commits | touching the org | review ms | git log ms | review / git log \
         | git log, no commit-graph, ms | review / that |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");

    let big = tempfile::tempdir().expect("a temporary folder");
    let mut options = ExampleOptions::new(END.parse().expect("a date"));
    options.people = 5_000;
    options.weeks = 27;
    let generated = generate(big.path(), &options);
    pack(big.path());
    let times = best_of(
        runs,
        &[
            &|| quarterly(big.path()),
            &|| git_log(big.path(), ".", true),
            &|| git_log(big.path(), ".", false),
        ],
    );
    println!(
        "| `--people 5000` example | {} | {} | {} |",
        generated.commits,
        floor_commits(big.path(), "."),
        against_floors(&times)
    );

    let mono = tempfile::tempdir().expect("a temporary folder");
    let mut options = ExampleOptions::new(END.parse().expect("a date"));
    options.weeks = 27;
    options.org_dir = Some("org".to_owned());
    let story = generate(tempfile::tempdir().unwrap().path(), &options).commits as u32;
    options.other_commits = MONOREPO_COMMITS - story - options.other_commits_per_recent_week;
    let generated = generate(mono.path(), &options);
    pack(mono.path());
    let org = mono.path().join("org");
    let times = best_of(
        runs,
        &[
            &|| quarterly(&org),
            &|| git_log(mono.path(), "org", true),
            &|| git_log(mono.path(), "org", false),
        ],
    );
    println!(
        "| monorepo, org in `org/` | {} | {} | {} |",
        generated.commits,
        floor_commits(mono.path(), "org"),
        against_floors(&times)
    );
    let times = best_of(runs, &[&|| annual(&org), &|| quarterly(&org)]);
    let (annual, quarter) = (times[0], times[1]);
    println!(
        "\nmonorepo: annual review 2026 {} ms, quarterly {} ms: annual / quarterly {:.2}×",
        ms(annual),
        ms(quarter),
        ratio(annual, quarter)
    );
}

fn quarterly(org: &Path) -> Vec<u8> {
    orgit(org, &["review", "quarterly", QUARTER, "--format", "json"])
}

fn annual(org: &Path) -> Vec<u8> {
    orgit(org, &["review", "annual", "2026", "--format", "json"])
}

fn orgit(org: &Path, args: &[&str]) -> Vec<u8> {
    let output = Command::new(BIN)
        .args(["-C", org.to_str().expect("a UTF-8 path"), "--today", TODAY])
        .args(args)
        .output()
        .expect("orgit runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// `git log` over the review's range, reading git's commit-graph or not.
fn git_log(repo: &Path, org: &str, commit_graph: bool) -> Vec<u8> {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .arg("-c")
        .arg(format!("core.commitGraph={commit_graph}"))
        .args([
            "log",
            "--first-parent",
            "--name-only",
            "--format=%H %ct %an %s",
        ])
        .arg(format!("--since={SINCE}"))
        .arg(format!("--until={UNTIL}"))
        .args(["--", org])
        .output()
        .expect("git runs");
    assert!(output.status.success());
    output.stdout
}

fn floor_commits(repo: &Path, org: &str) -> usize {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["rev-list", "--first-parent", "--count"])
        .arg(format!("--since={SINCE}"))
        .arg(format!("--until={UNTIL}"))
        .args(["HEAD", "--", org])
        .output()
        .expect("git runs");
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

fn generate(dir: &Path, options: &ExampleOptions) -> example::Generated {
    let start = Instant::now();
    let generated = example::generate(dir, options).expect("the example generates");
    eprintln!(
        "wrote {} commits to {} in {:.1} s",
        generated.commits,
        dir.display(),
        start.elapsed().as_secs_f64()
    );
    generated
}

fn pack(repo: &Path) {
    let status = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["gc", "--quiet", "--prune=now"])
        .status()
        .expect("git runs");
    assert!(status.success());
}

/// The best time of each command over `runs` interleaved rounds, after a
/// warm-up round.
fn best_of(runs: usize, commands: &[&dyn Fn() -> Vec<u8>]) -> Vec<Duration> {
    for command in commands {
        command();
    }
    let mut best = vec![Duration::MAX; commands.len()];
    for _ in 0..runs {
        for (best, command) in best.iter_mut().zip(commands) {
            *best = (*best).min(time(command));
        }
    }
    best
}

/// The review's time and both floors' (with and without the commit-graph),
/// as table cells.
fn against_floors(times: &[Duration]) -> String {
    let (review, floor, no_graph) = (times[0], times[1], times[2]);
    format!(
        "{} | {} | {:.2}× | {} | {:.2}×",
        ms(review),
        ms(floor),
        ratio(review, floor),
        ms(no_graph),
        ratio(review, no_graph)
    )
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let result = std::hint::black_box(f());
    let elapsed = start.elapsed();
    drop(result);
    elapsed
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

/// `cargo test --benches`: a small example, each review once.
fn smoke_test() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut options = ExampleOptions::new(END.parse().expect("a date"));
    options.weeks = 14;
    example::generate(dir.path(), &options).expect("the example generates");
    assert!(!quarterly(dir.path()).is_empty());
    assert!(!annual(dir.path()).is_empty());
    assert!(!git_log(dir.path(), ".", true).is_empty());
    assert!(!git_log(dir.path(), ".", false).is_empty());
    one_parse_per_blob(dir.path());
}

/// Issue 13's guard: the quarterly review (its walk, the org at the
/// quarter's last commit and the goals at the head) parses each blob it reads
/// once. The example's history starts after the review's, so the walk reads
/// every main-line commit before the quarter's end.
fn one_parse_per_blob(repo: &Path) {
    let parses = parse_guard::parses_of(&[
        "-C",
        repo.to_str().expect("a UTF-8 path"),
        "--today",
        TODAY,
        "review",
        "quarterly",
        QUARTER,
        "--write",
    ]);
    let git = git2::Repository::open(repo).expect("the repository");
    let until: jiff::Timestamp = UNTIL.parse().expect("a timestamp");
    let since: jiff::Timestamp = SINCE.parse().expect("a timestamp");
    let commits = parse_guard::main_line(&git, Some(since.as_second()), until.as_second());
    let first = git
        .find_commit(*commits.last().expect("commits"))
        .expect("a commit");
    assert!(
        first.parent_count() == 0,
        "the walk covers the whole history"
    );
    let mut blobs = BTreeSet::new();
    parse_guard::tracked(&git, &commits, "", &mut blobs);
    let as_of = parse_guard::last_org_commit(&git, &commits, "");
    parse_guard::loaded(&git, as_of, "", &mut blobs);
    // At the head, only the goals (those carried over into the next quarter).
    parse_guard::loaded_only(&git, parse_guard::head(&git), "", &["goals"], &mut blobs);
    parse_guard::assert_one_parse_per_blob("orgit review quarterly", parses, &blobs);
}
