//! `cargo bench --bench history`: how far `orgit digest` is from the floor of
//! listing the same commits with git, and how little the length of the
//! history matters, as ratios measured in one run (see BENCHMARKS.md,
//! "History and the weekly digest").
//!
//! Repositories come from `orgit::example::generate`, with the org in `org/`
//! and commits that touch only `services/` (the monorepo case) drawn from
//! their own random stream, so the org's story is the same whatever their
//! number. Every history ends in 2026-W40, the first week of 2026-Q4.
//!
//! 1. **Monorepo**: 5,000 commits, most outside the org root. Each of
//!    - a one-week digest (`--week 2026-W40`: the walk covers 14 September to
//!      5 October, the week plus the two-week staleness lookback), and
//!    - a quarter's digest (`--week 2026-W39`, the last week of 2026-Q3: the
//!      walk covers 29 June to 28 September)
//!
//!    against its floor, `git log --first-parent --name-only --since --until
//!    -- org` over the same window, in three repository states: the objects as
//!    the generator wrote them, packed by `git gc` without a commit-graph
//!    file, and packed with one (which `git gc` writes by default).
//! 2. **History length**: the one-week digest on a 1,000-commit and a
//!    50,000-commit history with the same story and the same final 14
//!    weeks (the digest's window, its scorecard's 13 weeks, and the week
//!    before it), the older weeks holding the rest, both packed without a
//!    commit-graph. The bench checks that the two
//!    digests are the same once commit ids are masked.
//!
//! Each figure is the best of N interleaved runs of the release binary.
//! Arguments: `[--runs N]` (default 5); `--write DIR` only writes the
//! repositories (as `DIR/monorepo`, `DIR/short`, `DIR/long`, packed without a
//! commit-graph), for profiling. Without `--bench` (as `cargo test --benches`
//! runs it) it is a smoke test on a small repository.

#[path = "../common/parse_guard.rs"]
mod parse_guard;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use orgit::example::{self, ExampleOptions, Generated};
use orgit::model::{Date, IsoWeek};
use orgit::reports::digest::{Calendar, Timeline};

const BIN: &str = env!("CARGO_BIN_EXE_orgit");

/// Every history ends in the week of this date: 2026-W40, 28 September to
/// 4 October, the week that holds 1 October, the first day of 2026-Q4.
const END: &str = "2026-10-02";
/// The Monday after: both digests' weeks are complete.
const TODAY: &str = "2026-10-05";
/// The final week, whose digest walks the shortest window of the quarter.
const ONE_WEEK: &str = "2026-W40";
/// The last week whose period is 2026-Q3 (2026-W40 ends in October, so it
/// belongs to Q4): its digest walks the whole quarter.
const QUARTER_WEEK: &str = "2026-W39";
/// 16 weeks reach back to 2026-W25, so the quarter's window (from Monday 29
/// June, the start of the week holding 1 July) has a commit before it.
const WEEKS: u32 = 16;
const PEOPLE: u32 = 40;
const SEED: u64 = 1;
const ORG_DIR: &str = "org";

const MONOREPO_COMMITS: usize = 5_000;
const SHORT_COMMITS: usize = 1_000;
const LONG_COMMITS: usize = 50_000;
/// Commits outside the org in each recent week of both histories of part 2 ...
const RECENT_WEEK_NOISE: u32 = 20;
/// ... and the recent weeks: the one-week digest's whole window plus the
/// week before, which holds the commit the walk stops at. The example keeps
/// KPIs, so that window is its scorecard's 13 weeks (further back than the
/// week and its two-week staleness lookback). Older noise, in the two
/// weeks before, is what differs between the two.
const RECENT_WEEKS: u32 = 14;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut bench = false;
    let mut runs = 5;
    let mut write_to = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => bench = true,
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--write" => write_to = Some(PathBuf::from(args.next().expect("--write DIR"))),
            // Cargo passes its own flags to every bench target.
            _ => {}
        }
    }
    if !bench {
        smoke_test();
        return;
    }
    let story = story_commits();
    eprintln!("the org's story alone is {story} commits");
    if let Some(dir) = write_to {
        for (name, total, recent) in [
            ("monorepo", MONOREPO_COMMITS, None),
            ("short", SHORT_COMMITS, Some(RECENT_WEEK_NOISE)),
            ("long", LONG_COMMITS, Some(RECENT_WEEK_NOISE)),
        ] {
            let repo = dir.join(name);
            write_repo(&repo, story, total, recent);
            pack(&repo, false);
            println!("{total} commits in {}", repo.display());
        }
        return;
    }

    println!(
        "orgit digest vs git log: best of {runs} interleaved runs, binary {BIN}, {}\n",
        git_version()
    );
    monorepo(story, runs);
    history_length(story, runs);
}

/// Part 1: the one-week and the quarter's digest against their floors.
fn monorepo(story: usize, runs: usize) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let repo = dir.path().join("monorepo");
    write_repo(&repo, story, MONOREPO_COMMITS, None);
    let cases = [
        Case::new(&repo, "one week", ONE_WEEK),
        Case::new(&repo, "quarter", QUARTER_WEEK),
    ];
    for case in &cases {
        eprintln!(
            "{}: {} walks {} .. {}; git log lists {} commits touching {ORG_DIR}/",
            case.label,
            case.week,
            case.since,
            case.until,
            case.floor_commits()
        );
    }

    println!("## Monorepo: {MONOREPO_COMMITS} commits, {story} of them the org's story\n");
    println!(
        "| objects | digest | window | commits in window | touching org/ | digest ms | git log ms | digest / git log |"
    );
    println!("|---|---|---|---:|---:|---:|---:|---:|");
    for (state, packed, commit_graph) in [
        ("as written", false, false),
        ("git gc, no commit-graph", true, false),
        ("git gc + commit-graph", true, true),
    ] {
        if packed {
            pack(&repo, commit_graph);
        }
        let state = format!("{state} ({})", object_store(&repo));
        let best = best_of(runs, &cases);
        for (case, (digest, floor)) in cases.iter().zip(best) {
            println!(
                "| {state} | {} ({}) | {} .. {} | {} | {} | {} | {} | {:.2}× |",
                case.label,
                case.week,
                case.since_day,
                case.until_day,
                case.window_commits(),
                case.floor_commits(),
                ms(digest),
                ms(floor),
                ratio(digest, floor),
            );
        }
    }
    println!();
}

/// Part 2: the same one-week digest on a short and a long history.
fn history_length(story: usize, runs: usize) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let short = dir.path().join("short");
    let long = dir.path().join("long");
    write_repo(&short, story, SHORT_COMMITS, Some(RECENT_WEEK_NOISE));
    write_repo(&long, story, LONG_COMMITS, Some(RECENT_WEEK_NOISE));
    pack(&short, false);
    pack(&long, false);
    let cases = [
        Case::new(&short, "1,000 commits", ONE_WEEK),
        Case::new(&long, "50,000 commits", ONE_WEEK),
    ];
    let same = compare_digests(&cases[0], &cases[1]);

    println!(
        "## History length: the {ONE_WEEK} digest, same story, packed without a commit-graph\n"
    );
    println!(
        "| history | commits in window | touching org/ | digest ms | git log ms | digest / git log |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let best = best_of(runs, &cases);
    for (case, (digest, floor)) in cases.iter().zip(&best) {
        println!(
            "| {} | {} | {} | {} | {} | {:.2}× |",
            case.label,
            case.window_commits(),
            case.floor_commits(),
            ms(*digest),
            ms(*floor),
            ratio(*digest, *floor),
        );
    }
    println!();
    println!(
        "50,000 / 1,000: digest {:.2}×, git log {:.2}×. Digest JSON with commit ids masked: {same}.",
        ratio(best[1].0, best[0].0),
        ratio(best[1].1, best[0].1),
    );
}

/// One digest to time, and the window it walks.
struct Case {
    repo: PathBuf,
    label: &'static str,
    week: &'static str,
    since: Timestamp,
    until: Timestamp,
    since_day: Date,
    until_day: Date,
}

impl Case {
    fn new(repo: &Path, label: &'static str, week: &'static str) -> Case {
        let timeline = timeline(week);
        Case {
            repo: repo.to_owned(),
            label,
            week,
            since: timeline.history_start,
            until: timeline.week.end,
            since_day: timeline.history_start_day,
            until_day: timeline.week.last_day,
        }
    }

    /// `orgit digest`, as a user runs it from the org's folder.
    fn digest(&self) -> Vec<u8> {
        let output = Command::new(BIN)
            .arg("-C")
            .arg(self.repo.join(ORG_DIR))
            .args([
                "digest", "--week", self.week, "--format", "json", "--today", TODAY,
            ])
            .output()
            .expect("the orgit binary runs");
        assert!(
            output.status.success(),
            "orgit digest failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output.stdout
    }

    /// The floor: git lists the main line's commits in the window and the
    /// org files each changed. `--until` is inclusive, the week's end is not.
    fn floor(&self) -> Vec<u8> {
        let output = self
            .git_log()
            .args(["--name-only", "--", ORG_DIR])
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git log failed");
        output.stdout
    }

    fn git_log(&self) -> Command {
        let mut command = git(&self.repo);
        command.args([
            "log",
            "--first-parent",
            &format!("--since=@{}", self.since.as_second()),
            &format!("--until=@{}", self.until.as_second() - 1),
        ]);
        command
    }

    fn count(&self, paths: &[&str]) -> usize {
        let output = self
            .git_log()
            .arg("--format=%H")
            .args(paths)
            .output()
            .expect("git runs");
        output
            .stdout
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count()
    }

    fn window_commits(&self) -> usize {
        self.count(&[])
    }

    fn floor_commits(&self) -> usize {
        self.count(&["--", ORG_DIR])
    }
}

/// Best wall time of each case's digest and floor, taking turns each round.
fn best_of(runs: usize, cases: &[Case]) -> Vec<(Duration, Duration)> {
    // A warm-up round: page cache, and a check that both succeed.
    for case in cases {
        assert!(!case.digest().is_empty());
        assert!(!case.floor().is_empty(), "git log lists org commits");
    }
    let mut best = vec![(Duration::MAX, Duration::MAX); cases.len()];
    for _ in 0..runs {
        for (case, best) in cases.iter().zip(&mut best) {
            best.0 = best.0.min(time(|| case.digest()));
            best.1 = best.1.min(time(|| case.floor()));
        }
    }
    best
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let result = std::hint::black_box(f());
    let elapsed = start.elapsed();
    drop(result);
    elapsed
}

/// The digest timeline of `week` in the example org's calendar (its
/// `orgit.yaml`: Europe/Berlin, weeks from Monday, calendar quarters,
/// stale after 14 days), which is what the walk's window comes from.
fn timeline(week: &str) -> Timeline {
    let calendar = Calendar {
        time_zone: TimeZone::get(example::TIME_ZONE).expect("the example's zone exists"),
        week_start: jiff::civil::Weekday::Monday,
        fiscal_year_start_month: 1,
        stale_after_days: 14,
    };
    let week: IsoWeek = week.parse().expect("a week label");
    calendar
        .timeline(calendar.week(week).expect("the week exists"))
        .expect("the timeline exists")
}

fn options(other_commits: u32, per_recent_week: u32, recent_weeks: u32) -> ExampleOptions {
    let mut options = ExampleOptions::new(END.parse().expect("END is a date"));
    options.seed = SEED;
    options.weeks = WEEKS;
    options.people = PEOPLE;
    options.org_dir = Some(ORG_DIR.to_owned());
    options.other_commits = other_commits;
    options.other_commits_per_recent_week = per_recent_week;
    options.recent_weeks = recent_weeks;
    options
}

/// How many commits the org's story makes on its own (merges and the
/// side branch's commits included), the same in every repository here.
fn story_commits() -> usize {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate(dir.path(), &options(0, 0, 1)).commits
}

/// Writes a repository of `total` commits: the story plus noise, with
/// `recent` noise commits in each of the final [`RECENT_WEEKS`] weeks
/// (default: an even spread over the whole history, in the final week too)
/// even spread).
fn write_repo(repo: &Path, story: usize, total: usize, recent: Option<u32>) {
    let noise = u32::try_from(
        total
            .checked_sub(story)
            .expect("more commits than the story"),
    )
    .expect("a sensible size");
    let (per_recent_week, recent_weeks) = match recent {
        Some(per_week) => (per_week, RECENT_WEEKS),
        None => (noise / WEEKS, 1),
    };
    eprintln!("writing {total} commits to {} ...", repo.display());
    let start = Instant::now();
    let generated = generate(
        repo,
        &options(
            noise - per_recent_week * recent_weeks,
            per_recent_week,
            recent_weeks,
        ),
    );
    assert_eq!(generated.commits, total, "the generator wrote every commit");
    eprintln!(
        "  {} commits, {} .. {}, in {:.1} s",
        generated.commits,
        generated.first_day,
        generated.last_day,
        start.elapsed().as_secs_f64()
    );
}

fn generate(dir: &Path, options: &ExampleOptions) -> Generated {
    example::generate(dir, options).expect("the example generates")
}

/// Packs the repository as `git gc` does, with or without the commit-graph
/// file that `git gc` writes by default.
fn pack(repo: &Path, commit_graph: bool) {
    let start = Instant::now();
    run(git(repo).args([
        "-c",
        "gc.writeCommitGraph=false",
        "gc",
        "--quiet",
        "--prune=now",
    ]));
    let info = repo.join(".git/objects/info");
    let _ = std::fs::remove_file(info.join("commit-graph"));
    let _ = std::fs::remove_dir_all(info.join("commit-graphs"));
    if commit_graph {
        run(git(repo).args(["commit-graph", "write", "--reachable"]));
    }
    assert_eq!(info.join("commit-graph").exists(), commit_graph);
    eprintln!(
        "packed {} ({} commit-graph) in {:.1} s",
        repo.display(),
        if commit_graph { "with a" } else { "no" },
        start.elapsed().as_secs_f64()
    );
}

/// Checks that the two digests say the same once commit ids are masked,
/// apart from `as_of`: the week's last commit on the main line, which is
/// whichever commit landed last, a noise commit or the story's (the noise's
/// times in the final week differ between histories: they are drawn after
/// the earlier weeks' from the same stream). Says how `as_of` differs.
fn compare_digests(a: &Case, b: &Case) -> String {
    let parse = |case: &Case| -> (serde_json::Value, serde_json::Value) {
        let mut json: serde_json::Value =
            serde_json::from_slice(&case.digest()).expect("the digest is JSON");
        mask_commit_ids(&mut json);
        let as_of = json
            .as_object_mut()
            .and_then(|fields| fields.remove("as_of"))
            .expect("the digest has `as_of`");
        (json, as_of)
    };
    let ((a_json, a_as_of), (b_json, b_as_of)) = (parse(a), parse(b));
    let mut differences = BTreeMap::new();
    diff("", &a_json, &b_json, &mut differences);
    for (path, (left, right)) in &differences {
        eprintln!("digest differs at {path}: {left} vs {right}");
    }
    assert!(
        differences.is_empty(),
        "the digest of the same story depends on the noise around it"
    );
    if a_as_of == b_as_of {
        "identical".to_owned()
    } else {
        format!(
            "identical but for `as_of` ({} vs {})",
            summary(&a_as_of),
            summary(&b_as_of)
        )
    }
}

fn summary(commit: &serde_json::Value) -> String {
    format!(
        "{} by {}",
        commit["summary"].as_str().unwrap_or("?"),
        commit["author"].as_str().unwrap_or("?")
    )
}

/// Commit ids differ between the histories (noise commits interleave with
/// the story's, so every parent chain differs): full and short ids become
/// `<commit>`.
fn mask_commit_ids(json: &mut serde_json::Value) {
    match json {
        serde_json::Value::String(text) => {
            let is_id = matches!(text.len(), 7 | 40) && text.bytes().all(|b| b.is_ascii_hexdigit());
            if is_id {
                *text = "<commit>".to_owned();
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(mask_commit_ids),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(mask_commit_ids),
        _ => {}
    }
}

fn diff(
    path: &str,
    a: &serde_json::Value,
    b: &serde_json::Value,
    out: &mut BTreeMap<String, (String, String)>,
) {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                let (left, right) = (&x.get(key), &y.get(key));
                let path = format!("{path}.{key}");
                match (left, right) {
                    (Some(l), Some(r)) => diff(&path, l, r, out),
                    _ if left != right => {
                        out.insert(path, (format!("{left:?}"), format!("{right:?}")));
                    }
                    _ => {}
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (l, r)) in x.iter().zip(y).enumerate() {
                diff(&format!("{path}[{i}]"), l, r, out);
            }
        }
        _ if a != b => {
            out.insert(path.to_owned(), (short(a), short(b)));
        }
        _ => {}
    }
}

fn short(value: &serde_json::Value) -> String {
    let text = value.to_string();
    text.chars().take(80).collect()
}

/// How the objects are stored, from `git count-objects -v`.
fn object_store(repo: &Path) -> String {
    let output = git(repo)
        .args(["count-objects", "-v"])
        .output()
        .expect("git runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let field = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(": "))
            .unwrap_or("?")
            .to_owned()
    };
    format!(
        "{} loose, {} packs of {} KiB",
        field("count"),
        field("packs"),
        field("size-pack")
    )
}

fn git(repo: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(repo);
    command
}

fn run(command: &mut Command) {
    let status = command.status().expect("git runs");
    assert!(status.success(), "{command:?} failed");
}

fn git_version() -> String {
    let output = Command::new("git")
        .arg("--version")
        .output()
        .expect("git runs");
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

/// `cargo test --benches`: a small monorepo's digest runs, is not empty, and
/// git's floor sees org commits in the same window.
fn smoke_test() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let repo = dir.path().join("repo");
    let mut options = options(60, 5, 1);
    options.weeks = 2;
    options.people = example::MIN_PEOPLE;
    let generated = generate(&repo, &options);
    let case = Case::new(&repo, "one week", ONE_WEEK);
    let digest: serde_json::Value =
        serde_json::from_slice(&case.digest()).expect("the digest is JSON");
    assert!(
        digest.as_object().is_some_and(|fields| !fields.is_empty()),
        "the digest has content"
    );
    assert!(
        case.floor_commits() > 0,
        "git log sees org commits in the window"
    );
    add_kpi(&repo);
    one_parse_per_blob(&repo, &case, &generated);
    println!(
        "benches/history: smoke test passed ({} commits, digest of {ONE_WEEK})",
        generated.commits
    );
}

/// Adds a KPI to the generated org in two commits of the final week, so the
/// digest builds a scorecard (from a walk of its own) whatever KPIs the
/// example has.
fn add_kpi(repo: &Path) {
    let first_id = |folder: &str| {
        let mut names: Vec<String> = std::fs::read_dir(repo.join(ORG_DIR).join(folder))
            .expect("a folder of the example")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names[0].trim_end_matches(".yaml").to_owned()
    };
    let (owner, team) = (first_id("people"), first_id("teams"));
    let kpis = repo.join(ORG_DIR).join("kpis");
    std::fs::create_dir_all(&kpis).expect("a kpis folder");
    for (value, time) in [(10, "2026-10-03T10:00:00Z"), (11, "2026-10-03T11:00:00Z")] {
        let text = format!(
            "id: smoke-rate\ntitle: Smoke rate\nowner: {owner}\nteam: {team}\nunit: \"%\"\n\
             range: {{min: 8, max: 12}}\ncadence: weekly\nvalue: {value}\n"
        );
        std::fs::write(kpis.join("smoke-rate.yaml"), text).expect("a KPI file");
        run(git(repo).args(["add", "--all"]));
        run(git(repo)
            .env("GIT_AUTHOR_DATE", time)
            .env("GIT_COMMITTER_DATE", time)
            .args([
                "-c",
                "user.name=Bench",
                "-c",
                "user.email=bench@example.com",
            ])
            .args(["commit", "--quiet", "-m", "The smoke rate KPI"]));
    }
}

/// Issue 13's guard: the digest (its walk over its week and its
/// scorecard's weeks, and the org at the week's last commit) parses each
/// blob it reads once. The history starts after both windows do, so the
/// walk reads every main-line commit before the week's end.
fn one_parse_per_blob(repo: &Path, case: &Case, generated: &Generated) {
    assert!(
        generated.first_day > case.since_day,
        "the walks cover the whole history"
    );
    let org = repo.join(ORG_DIR);
    let parses = parse_guard::parses_of(&[
        "-C",
        org.to_str().expect("a UTF-8 path"),
        "--today",
        TODAY,
        "digest",
        "--week",
        case.week,
        "--write",
    ]);
    let git = git2::Repository::open(repo).expect("the repository");
    let commits = parse_guard::main_line(&git, None, case.until.as_second());
    let mut blobs = BTreeSet::new();
    parse_guard::tracked(&git, &commits, ORG_DIR, &mut blobs);
    // The org at the week's end: its last commit that changed the org.
    let as_of = parse_guard::last_org_commit(&git, &commits, ORG_DIR);
    parse_guard::loaded(&git, as_of, ORG_DIR, &mut blobs);
    parse_guard::assert_one_parse_per_blob("orgit digest", parses, &blobs);
}
