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
//!   its review, written to disk;
//!
//! the write floor (the site's files written with `std::fs` into a fresh
//! folder, nothing else: what creating that many files costs here), and the
//! peak memory of one more run of check and of the digest (GNU
//! `/usr/bin/time -f %M`; `n/a` without it). Then it packs the repository
//! (`git repack -a -d`, as a clone's objects are: `orgit example` writes
//! loose objects) and measures all three again, since users run orgit on
//! clones.
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
    println!("orgit site and digest vs orgit check: best of {runs} runs, binary {BIN}\n");
    let mut timings = Vec::new();
    let mut shapes = Vec::new();
    for people in sizes {
        let dir = tempfile::tempdir().expect("a temp dir");
        let (commits, teams) = example(dir.path(), people);
        let org = dir.path().join("org");
        let loose = measure(&org, runs);
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
        let packed = measure(&org, runs);
        for (objects, figures) in [("loose", &loose), ("packed", &packed)] {
            timings.push(figures.row(people, objects, write_floor));
        }
        let (pages, bytes, page, script) = sizes_of(&dir.path().join("site"));
        shapes.push(format!(
            "| {people} | {teams} | {} | {commits} | {:.0} | {pages} | {:.1} | {:.0} | {:.0} |",
            count_files(&org),
            ms(write_floor),
            bytes as f64 / 1e6,
            page as f64 / 1e3,
            script as f64 / 1e3,
        ));
    }
    println!(
        "| people | objects | check ms | digest ms | site ms | digest / check | site / check | (site − write floor) / check | check peak MB | digest peak MB | digest / check peak |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in timings {
        println!("{row}");
    }
    println!();
    println!(
        "| people | teams | files | commits | write floor ms | pages | site MB | largest page KB | largest script KB |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in shapes {
        println!("{row}");
    }
}

/// The three commands timed, each a new process: `check` and `digest` as
/// JSON, and the whole site written to disk.
const COMMANDS: [&[&str]; 3] = [
    &["--today", TODAY, "check", "--format", "json"],
    &["--today", TODAY, "digest", "--format", "json"],
    &["--today", TODAY, "site", "--out", "../site"],
];

/// The best times of check, digest and site, and the peak memory of check
/// and digest, on one state of the repository's objects.
struct Figures {
    best: [Duration; 3],
    peak_kb: [Option<u64>; 2],
}

/// Best of `runs` interleaved rounds, so background load hits each
/// command about equally; then one more run of check and digest under
/// GNU time for the peak memory.
fn measure(org: &Path, runs: usize) -> Figures {
    let mut best = [Duration::MAX; 3];
    for _ in 0..runs {
        for (slot, args) in best.iter_mut().zip(COMMANDS) {
            let start = Instant::now();
            orgit(org, args);
            *slot = (*slot).min(start.elapsed());
        }
    }
    Figures {
        best,
        peak_kb: [peak_rss_kb(org, COMMANDS[0]), peak_rss_kb(org, COMMANDS[1])],
    }
}

impl Figures {
    fn row(&self, people: u32, objects: &str, write_floor: Duration) -> String {
        let [check, digest, site] = self.best;
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
        let mb = |kb: Option<u64>| {
            kb.map_or_else(
                || "n/a".to_owned(),
                |kb| format!("{:.0}", kb as f64 / 1024.0),
            )
        };
        let memory = match self.peak_kb {
            [Some(check), Some(digest)] => format!("{:.2}×", digest as f64 / check as f64),
            _ => "n/a".to_owned(),
        };
        format!(
            "| {people} | {objects} | {:.0} | {:.0} | {:.0} | {:.2}× | {:.2}× | {:.2}× | {} | {} | {memory} |",
            ms(check),
            ms(digest),
            ms(site),
            ratio(digest, check),
            ratio(site, check),
            ratio(site.saturating_sub(write_floor), check),
            mb(self.peak_kb[0]),
            mb(self.peak_kb[1]),
        )
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Peak resident set size of one run of `orgit ARGS` in `dir`, in KiB, from
/// GNU time (`None` without it).
fn peak_rss_kb(dir: &Path, args: &[&str]) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let out = tempfile::NamedTempFile::new().ok()?;
    let status = Command::new(time)
        .args(["-f", "%M", "-o"])
        .arg(out.path())
        .arg(BIN)
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    if !(status.success() || status.code() == Some(1)) {
        return None;
    }
    // GNU time puts "Command exited with non-zero status 1" first when the
    // command finds problems; the figure is the last line.
    let report = std::fs::read_to_string(out.path()).ok()?;
    report.lines().last()?.trim().parse().ok()
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
    parse_guard::tracked(&git, &commits, "", &mut blobs);
    parse_guard::loaded(&git, parse_guard::head(&git), "", &mut blobs);
    parse_guard::assert_one_parse_per_blob("orgit site", parses, &blobs);
}
