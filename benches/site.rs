//! `cargo bench --bench site`: `orgit site` against `orgit check` on the same
//! generated org with its git history, as a ratio from one run (see
//! BENCHMARKS.md, "The site").
//!
//! For each size it runs `orgit example` (`--people N`, 13 weeks of history,
//! a fixed `--today`), then takes the best of N interleaved runs of the
//! release binary, each a new process:
//! - check: `orgit check --format json`;
//! - digest: `orgit digest --format json`, the week's history and report;
//! - site: `orgit site --out <temp>`, every page, the quarter's history and
//!   its review, written to disk.
//!
//! - write floor: the site's files written with `std::fs` into a fresh
//!   folder, nothing else: what creating that many files costs here.
//!
//! Then it packs the repository (`git repack -a -d`, as a clone's objects
//! are: `orgit example` writes loose objects) and times the digest and the
//! site again, since users run orgit on clones.
//!
//! It also reports the site's size and its largest page and script.
//!
//! Arguments: `[--runs N] [PEOPLE…]` (default 3 runs of 500 and 5000 people).
//! Without `--bench` (as `cargo test --benches` runs it) it is a smoke test
//! on the default 40-person example.

#[path = "common/parse_guard.rs"]
mod parse_guard;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_orgit");
const TODAY: &str = "2026-11-25";

fn main() {
    let mut args = std::env::args().skip(1);
    let mut bench = false;
    let mut runs = 3;
    let mut sizes = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => bench = true,
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            other => {
                if let Ok(size) = other.replace([',', '_'], "").parse::<u32>() {
                    sizes.push(size);
                }
            }
        }
    }
    if !bench {
        let dir = tempfile::tempdir().expect("a temp dir");
        example(dir.path(), 40);
        orgit(
            &dir.path().join("org"),
            &["--today", TODAY, "site", "--out", "../site"],
        );
        assert!(dir.path().join("site/index.html").is_file());
        one_parse_per_blob(&dir.path().join("org"));
        println!("site bench smoke test: ok");
        return;
    }
    if sizes.is_empty() {
        sizes = vec![500, 5_000];
    }
    println!("orgit site vs orgit check: best of {runs} runs, binary {BIN}\n");
    println!(
        "| people | teams | files | commits | check ms | digest ms | site ms | write floor ms | site / check | (site − write floor) / check | packed: digest ms | packed: site ms | packed: site / check | pages | site MB | largest page KB | largest script KB |"
    );
    println!(
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for people in sizes {
        let dir = tempfile::tempdir().expect("a temp dir");
        let summary = example(dir.path(), people);
        let org = dir.path().join("org");
        let commands: [&[&str]; 3] = [
            &["--today", TODAY, "check", "--format", "json"],
            &["--today", TODAY, "digest", "--format", "json"],
            &["--today", TODAY, "site", "--out", "../site"],
        ];
        let mut best = [Duration::MAX; 3];
        for _ in 0..runs {
            for (slot, args) in best.iter_mut().zip(commands) {
                let start = Instant::now();
                orgit(&org, args);
                *slot = (*slot).min(start.elapsed());
            }
        }
        // The floor of writing: the same files written with std::fs into a
        // fresh folder (on some machines creating thousands of small files
        // costs more than everything else).
        let mut write_floor = Duration::MAX;
        let files_of_site = read_all(&dir.path().join("site"));
        for round in 0..runs {
            let target = dir.path().join(format!("floor-{round}"));
            let start = Instant::now();
            for (path, bytes) in &files_of_site {
                let file = target.join(path);
                std::fs::create_dir_all(file.parent().expect("a folder")).expect("a folder");
                std::fs::write(&file, bytes).expect("a file");
            }
            write_floor = write_floor.min(start.elapsed());
        }
        pack(&org);
        let mut packed = [Duration::MAX; 2];
        for _ in 0..runs {
            for (slot, args) in packed.iter_mut().zip(&commands[1..]) {
                let start = Instant::now();
                orgit(&org, args);
                *slot = (*slot).min(start.elapsed());
            }
        }
        let (pages, bytes, page, script) = sizes_of(&dir.path().join("site"));
        let files = count_files(&org);
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "| {people} | {} | {files} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.1}× | {:.1}× | {:.0} | {:.0} | {:.1}× | {pages} | {:.1} | {:.0} | {:.0} |",
            summary.1,
            summary.0,
            ms(best[0]),
            ms(best[1]),
            ms(best[2]),
            ms(write_floor),
            best[2].as_secs_f64() / best[0].as_secs_f64(),
            (best[2].saturating_sub(write_floor)).as_secs_f64() / best[0].as_secs_f64(),
            ms(packed[0]),
            ms(packed[1]),
            packed[1].as_secs_f64() / best[0].as_secs_f64(),
            bytes as f64 / 1e6,
            page as f64 / 1e3,
            script as f64 / 1e3,
        );
    }
}

/// Packs the repository's loose objects, as a clone holds them.
fn pack(repo: &Path) {
    let status = Command::new("git")
        .args(["repack", "-a", "-d", "-q"])
        .current_dir(repo)
        .status()
        .expect("the git CLI packs the example (install git)");
    assert!(status.success(), "git repack failed in {}", repo.display());
}

/// Generates the example in `dir/org`; returns (commits, teams).
fn example(dir: &Path, people: u32) -> (String, String) {
    let out = orgit(
        dir,
        &[
            "--today",
            TODAY,
            "example",
            "org",
            "--people",
            &people.to_string(),
        ],
    );
    // "Generated X in org: N commits from ... , P people in T teams."
    let words: Vec<&str> = out.split_whitespace().collect();
    let before = |word: &str| {
        words
            .iter()
            .position(|w| w.trim_end_matches(['.', ',']) == word)
            .and_then(|i| words.get(i - 1))
            .map_or_else(String::new, |w| (*w).to_owned())
    };
    (before("commits"), before("teams"))
}

fn orgit(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("orgit runs");
    assert!(
        output.status.success() || output.status.code() == Some(1),
        "orgit {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Pages, total bytes, the largest page and the largest script of a site.
fn sizes_of(dir: &Path) -> (usize, u64, u64, u64) {
    let (mut pages, mut bytes, mut page, mut script) = (0, 0, 0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("the site") {
            let entry = entry.expect("an entry");
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            bytes += size;
            let name = path.to_string_lossy();
            if name.ends_with(".html") {
                pages += 1;
                page = page.max(size);
            } else if name.ends_with(".js") && !name.contains("/vendor/") {
                script = script.max(size);
            }
        }
    }
    (pages, bytes, page, script)
}

/// Every file of a folder with its bytes, by relative path.
fn read_all(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("the site").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("a file");
                out.push((path.strip_prefix(dir).expect("inside").to_path_buf(), bytes));
            }
        }
    }
    out
}

fn count_files(dir: &Path) -> usize {
    let mut count = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("the org").flatten() {
            let path = entry.path();
            if entry.file_name() == ".git" {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                count += 1;
            }
        }
    }
    count
}

/// Issue 13's guard: the site (the org from the working tree, then the
/// quarter's history through the same parses) parses each blob it reads
/// once. The working tree is the head's, freshly generated.
fn one_parse_per_blob(org: &Path) {
    let parses = parse_guard::parses_of(&[
        "-C",
        org.to_str().expect("a UTF-8 path"),
        "--today",
        TODAY,
        "site",
        "--out",
        "../site-guard",
    ]);
    let git = git2::Repository::open(org).expect("the repository");
    // The quarter of TODAY starts on 1 October, in the example's zone.
    let quarter: jiff::Timestamp = "2026-09-30T22:00:00Z".parse().expect("a timestamp");
    let commits = parse_guard::main_line(&git, Some(quarter.as_second()), i64::MAX);
    let mut blobs = BTreeSet::new();
    for &commit in &commits {
        parse_guard::tracked(&git, commit, "", &mut blobs);
    }
    let head = git
        .head()
        .expect("a head")
        .peel_to_commit()
        .expect("a commit");
    parse_guard::loaded(&git, head.id(), "", &mut blobs);
    parse_guard::assert_one_parse_per_blob("orgit site", parses, &blobs);
}
