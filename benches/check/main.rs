//! `cargo bench --bench check`: how far `orgit check` is from the floor of
//! reading and parsing the same files, as ratios measured in one run (see
//! BENCHMARKS.md for what each column means and why).
//!
//! For each size it generates a valid org (see [`generate`]) in a temporary
//! folder, then takes the best of N interleaved runs of:
//! - floor: read every file with `std::fs`, cut the frontmatter, parse the YAML
//!   into a generic `serde_json::Value` with serde-saphyr, on as many threads
//!   as the loader uses (no typing, no spans, no checks);
//! - load: `WorkTree` + `loader::load`, files into the typed model;
//! - load + checks: that, then `checks::run` and sorting the diagnostics, the
//!   library path `orgit check` runs;
//! - binary: `target/release/orgit -C DIR check --format json --today …`, end
//!   to end in a new process (no git repository involved);
//!
//! and the peak RSS of one more binary run under `/usr/bin/time -f %M`.
//!
//! Arguments: `[--runs N] [FILES…]` (default 5 runs of 2000 and 20000 files);
//! `--write DIR` only writes the orgs, to `DIR/<files>`, for profiling.
//! Without `--bench` (as `cargo test --benches` runs it) it is a smoke test:
//! one run on a small org, failing if the generated org is not clean.

mod generate;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use orgit::checks::{self, CheckOptions};
use orgit::diagnostics::Diagnostic;
use orgit::model::Org;
use orgit::source::WorkTree;

const BIN: &str = env!("CARGO_BIN_EXE_orgit");

fn main() {
    let mut args = std::env::args().skip(1);
    let mut bench = false;
    let mut runs = 5;
    let mut sizes = Vec::new();
    let mut write_to = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => bench = true,
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--write" => write_to = Some(PathBuf::from(args.next().expect("--write DIR"))),
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
    if let Some(dir) = write_to {
        for size in sizes {
            let root = dir.join(size.to_string());
            let generated = generate::write_org(&root, size).expect("the org is written");
            println!("{} files in {}", generated.files, root.display());
        }
        return;
    }

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("orgit check vs the floor: best of {runs} runs, {threads} threads, binary {BIN}\n");
    let baseline_rss = {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(dir.path().join("orgit.yaml"), generate::SETTINGS)
            .expect("the org is written");
        peak_rss_kb(dir.path())
    };
    let rows: Vec<Row> = sizes.iter().map(|&size| measure(size, runs)).collect();
    print_table(&rows, baseline_rss);
}

/// One size's figures.
struct Row {
    files: usize,
    bytes: u64,
    diagnostics: usize,
    floor: Duration,
    load: Duration,
    check: Duration,
    binary: Duration,
    rss_kb: Option<u64>,
}

fn measure(size: usize, runs: usize) -> Row {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    let generated = generate::write_org(root, size).expect("the org is written");
    eprintln!(
        "{} files, {:.1} MB in {}",
        generated.files,
        generated.bytes as f64 / 1e6,
        root.display()
    );

    // A warm-up round, which also checks that every path did the same work.
    assert_eq!(
        floor(root).len(),
        generated.files,
        "floor parsed every file"
    );
    let (org, problems) = load(root);
    assert_eq!(
        org.files.len(),
        generated.files,
        "the loader read every file"
    );
    assert!(problems.is_empty(), "the generated org loads cleanly");
    let diagnostics = check(root).1;
    report_diagnostics(size, &diagnostics);
    let summary = binary(root);
    assert_eq!(
        summary["files"].as_u64(),
        Some(generated.files as u64),
        "the binary read every file"
    );

    let mut best = [Duration::MAX; 4];
    for _ in 0..runs {
        best[0] = best[0].min(time(|| floor(root)));
        best[1] = best[1].min(time(|| load(root)));
        best[2] = best[2].min(time(|| check(root)));
        best[3] = best[3].min(time(|| binary(root)));
    }
    Row {
        files: generated.files,
        bytes: generated.bytes,
        diagnostics: diagnostics.len(),
        floor: best[0],
        load: best[1],
        check: best[2],
        binary: best[3],
        rss_kb: peak_rss_kb(root),
    }
}

/// Wall time of `f`; its result is dropped after the clock stops.
fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let result = black_box(f());
    let elapsed = start.elapsed();
    drop(result);
    elapsed
}

/// The floor: plain reads and a generic YAML parse, parallel like the loader.
fn floor(root: &Path) -> Vec<serde_json::Value> {
    let mut files = Vec::new();
    read_tree(root, &mut files);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|files| scope.spawn(move || files.iter().map(parse_generic).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("floor threads do not panic"))
            .collect()
    })
}

fn read_tree(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).expect("the folder lists") {
        let path = entry.expect("the entry reads").path();
        if path.is_dir() {
            read_tree(&path, out);
        } else {
            let bytes = std::fs::read(&path).expect("the file reads");
            out.push((path, bytes));
        }
    }
}

fn parse_generic((path, bytes): &(PathBuf, Vec<u8>)) -> serde_json::Value {
    let text = std::str::from_utf8(bytes).expect("generated files are UTF-8");
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        let rest = text.strip_prefix("---\n").expect("frontmatter opens");
        let end = rest.find("\n---\n").expect("frontmatter closes");
        &rest[..=end]
    } else {
        text
    };
    serde_saphyr::from_str(yaml).expect("generated YAML parses")
}

fn load(root: &Path) -> (Org, orgit::diagnostics::Diagnostics) {
    let source = WorkTree::new(root).expect("the org root opens");
    orgit::loader::load(&source).expect("the org loads")
}

/// What `orgit check` does before rendering.
fn check(root: &Path) -> (Org, Vec<Diagnostic>) {
    let (org, mut diagnostics) = load(root);
    let today = generate::TODAY.parse().expect("TODAY is a date");
    diagnostics.extend(checks::run(&org, CheckOptions { today }));
    (org, diagnostics.into_sorted())
}

fn orgit_check(root: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .arg("-C")
        .arg(root)
        .args(["check", "--format", "json", "--today", generate::TODAY])
        .env_remove("GITHUB_STEP_SUMMARY");
    command
}

/// Runs the binary; returns the JSON report's summary.
fn binary(root: &Path) -> serde_json::Value {
    let output = orgit_check(root).output().expect("the orgit binary runs");
    let mut report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("orgit check prints JSON");
    report["summary"].take()
}

/// Peak resident set size of one binary run, in KiB, from GNU time.
fn peak_rss_kb(root: &Path) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let out = tempfile::NamedTempFile::new().ok()?;
    let check = orgit_check(root);
    Command::new(time)
        .args(["-f", "%M", "-o"])
        .arg(out.path())
        .arg(check.get_program())
        .args(check.get_args())
        .output()
        .ok()?;
    std::fs::read_to_string(out.path())
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn report_diagnostics(size: usize, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let mut by_code = BTreeMap::new();
    for d in diagnostics {
        *by_code.entry(d.code.as_str()).or_insert(0) += 1;
    }
    eprintln!(
        "warning: the generated org of {size} files has {} diagnostics ({by_code:?}); \
         the checks' figures include reporting them — fix benches/check/generate.rs",
        diagnostics.len()
    );
}

fn print_table(rows: &[Row], baseline_rss: Option<u64>) {
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1e3);
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    let mb =
        |kb: Option<u64>| kb.map_or("n/a".to_owned(), |kb| format!("{:.1}", kb as f64 / 1024.0));
    println!(
        "| files | input MB | diagnostics | floor ms | load ms | load+checks ms | binary ms \
         | load/floor | checks share | binary/floor | binary peak RSS MB |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in rows {
        println!(
            "| {} | {:.2} | {} | {} | {} | {} | {} | {:.2}× | {:+.0}% | {:.2}× | {} |",
            row.files,
            row.bytes as f64 / 1e6,
            row.diagnostics,
            ms(row.floor),
            ms(row.load),
            ms(row.check),
            ms(row.binary),
            ratio(row.load, row.floor),
            (ratio(row.check, row.load) - 1.0) * 100.0,
            ratio(row.binary, row.floor),
            mb(row.rss_kb),
        );
    }
    println!();
    println!(
        "checks share = (load+checks - load) / load. Peak RSS of the binary on an org of \
         only orgit.yaml: {} MB.",
        mb(baseline_rss)
    );
    for row in rows {
        if let (Some(rss), Some(base)) = (row.rss_kb, baseline_rss) {
            println!(
                "{} files: {:.1} bytes of peak RSS above that per input byte",
                row.files,
                (rss.saturating_sub(base) * 1024) as f64 / row.bytes as f64
            );
        }
    }
}

/// `cargo test --benches`: the generator still makes a valid org and every
/// path runs, in a second or two.
fn smoke_test() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let generated = generate::write_org(dir.path(), 300).expect("the org is written");
    assert_eq!(floor(dir.path()).len(), generated.files);
    let diagnostics = check(dir.path()).1;
    report_diagnostics(300, &diagnostics);
    assert!(diagnostics.is_empty(), "the generated org is clean");
    let summary = binary(dir.path());
    assert_eq!(summary["errors"], 0);
    assert_eq!(summary["warnings"], 0);
    println!(
        "benches/check: smoke test passed ({} files)",
        generated.files
    );
}
