//! `cargo bench --bench graph`: the org graph at scale (see BENCHMARKS.md,
//! "Graph at scale").
//!
//! Generates an org of 100,000 entities in memory (no disk: the files go
//! straight to `loader::load_files`), loads it once, then takes the best of N
//! runs of each step the graph commands take:
//! - build: `OrgGraph::build`, every entity a node and every link an edge;
//! - waits-on view: `OrgGraph::waits_on`, the view cycles are searched in;
//! - find cycles: `find_cycles` on that view (Tarjan, then a shortest path
//!   through each strongly connected component);
//! - delivery: `DeliveryGraph::build`, the view `impact` reads, with slack on
//!   every link;
//! - impact: one `downstream` query from an initiative most of the org
//!   waits on.
//!
//! The org: 500 teams (a tree five wide), 9,500 people, 6,000 goals with 3
//! key results each (each goal aligned to a key result of an earlier goal),
//! 11,000 initiatives with 5 milestones each, supporting 2 key results and
//! depending on up to 9 earlier initiatives, so the dependencies form a DAG,
//! except 10 planted three-item cycles that `find_cycles` must find. Every
//! item has a team and an owner, which are edges too: 100,000 nodes and a
//! little over 300,000 edges.
//!
//! Arguments: `[--runs N]` (default 5). Without `--bench` (as `cargo test
//! --benches` runs it) it is a smoke test on an org a hundredth the size.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use jiff::ToSpan;
use jiff::civil::{Date, date};
use orgit::graph::{DeliveryGraph, OrgGraph, find_cycles};
use orgit::model::{EntityKind, Org};
use orgit::source::RawFile;

/// Initiatives that form the planted cycles (three each), at the start.
const CYCLES: usize = 10;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut bench = false;
    let mut runs = 5;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => bench = true,
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            // Anything else (cargo passes its own flags to every bench target) is skipped.
            _ => {}
        }
    }
    if !bench {
        let figures = measure(&Shape::full().divided_by(100), 1);
        println!(
            "benches/graph: smoke test passed ({} nodes, {} edges)",
            figures.nodes, figures.edges
        );
        return;
    }
    let shape = Shape::full();
    println!("orgit graph at scale: best of {runs} runs\n");
    let figures = measure(&shape, runs);
    assert_eq!(figures.nodes, 100_000, "the org has 100,000 entities");
    assert!(figures.edges >= 300_000, "the graph has 300,000 edges");
    figures.print();
}

/// How many of each entity the org has.
struct Shape {
    teams: usize,
    people: usize,
    goals: usize,
    initiatives: usize,
}

const KEY_RESULTS_PER_GOAL: usize = 3;
const MILESTONES_PER_INITIATIVE: usize = 5;
const DEPENDENCIES_PER_INITIATIVE: usize = 9;
const SUPPORTS_PER_INITIATIVE: usize = 2;

impl Shape {
    /// 100,000 entities.
    fn full() -> Shape {
        Shape {
            teams: 500,
            people: 9_500,
            goals: 6_000,
            initiatives: 11_000,
        }
    }

    fn divided_by(&self, n: usize) -> Shape {
        Shape {
            teams: self.teams / n,
            people: self.people / n,
            goals: self.goals / n,
            initiatives: self.initiatives / n,
        }
    }
}

/// The figures of one size.
struct Figures {
    nodes: usize,
    edges: usize,
    dependencies: usize,
    cycles: usize,
    delivery_edges: usize,
    downstream: usize,
    load: Duration,
    build: Duration,
    view: Duration,
    find_cycles: Duration,
    delivery: Duration,
    impact: Duration,
}

fn measure(shape: &Shape, runs: usize) -> Figures {
    let files = generate(shape);
    let file_count = files.len();
    let start = Instant::now();
    let (org, diagnostics) = orgit::loader::load_files(files);
    let load = start.elapsed();
    assert_eq!(org.files.len(), file_count, "every file loaded");
    assert!(
        diagnostics.iter().next().is_none(),
        "the generated files parse"
    );

    // A warm-up round, which also checks the work each step does.
    let graph = OrgGraph::build(&org);
    let waits_on = graph.waits_on();
    let cycles = find_cycles(&waits_on);
    assert_eq!(cycles.len(), CYCLES, "the planted cycles, and only them");
    assert!(cycles.iter().all(|c| c.len() == 3));
    let delivery = DeliveryGraph::build(&org, &graph);
    let hub = org
        .lookup(&initiative_id(3 * CYCLES))
        .expect("the hub exists");
    let hub_node = graph.node(hub).expect("the hub is a node");
    let downstream = delivery.downstream(hub_node);
    assert!(
        downstream.len() > shape.initiatives / 10,
        "most of the org waits on the hub"
    );
    let dependencies = count_dependencies(&org);

    let mut best = [Duration::MAX; 5];
    for _ in 0..runs {
        best[0] = best[0].min(time(|| OrgGraph::build(&org)));
        best[1] = best[1].min(time(|| graph.waits_on()));
        best[2] = best[2].min(time(|| find_cycles(&waits_on)));
        best[3] = best[3].min(time(|| DeliveryGraph::build(&org, &graph)));
        best[4] = best[4].min(time(|| delivery.downstream(hub_node)));
    }
    Figures {
        nodes: graph.graph().node_count(),
        edges: graph.graph().edge_count(),
        dependencies,
        cycles: cycles.len(),
        delivery_edges: delivery.graph().edge_count(),
        downstream: downstream.len(),
        load,
        build: best[0],
        view: best[1],
        find_cycles: best[2],
        delivery: best[3],
        impact: best[4],
    }
}

fn count_dependencies(org: &Org) -> usize {
    org.definitions()
        .iter()
        .filter(|d| matches!(d.entity.kind, EntityKind::Goal | EntityKind::Initiative))
        .map(|d| org.depends_on(d.entity).len())
        .sum()
}

impl Figures {
    fn print(&self) {
        println!(
            "{} nodes, {} edges ({} depends_on); {} cycles found; delivery graph {} edges; \
             {} items downstream of the hub",
            self.nodes,
            self.edges,
            self.dependencies,
            self.cycles,
            self.delivery_edges,
            self.downstream
        );
        println!(
            "(loading the org itself, once, not part of the target: {:.0} ms)\n",
            ms(self.load)
        );
        let steps = [
            ("OrgGraph::build", self.build),
            ("waits_on view", self.view),
            ("find_cycles", self.find_cycles),
            ("DeliveryGraph::build", self.delivery),
            ("downstream (one impact query)", self.impact),
        ];
        println!("| step | best ms |");
        println!("|---|---:|");
        for (name, duration) in steps {
            println!("| {name} | {:.1} |", ms(duration));
        }
        let total: Duration = steps.iter().map(|(_, d)| *d).sum();
        println!("| **total** | **{:.1}** |", ms(total));
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Wall time of `f`; its result is dropped after the clock stops.
fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let result = black_box(f());
    let elapsed = start.elapsed();
    drop(result);
    elapsed
}

/// xorshift64: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (x % n as u64) as usize
    }
}

fn initiative_id(index: usize) -> String {
    format!("i{index}")
}

fn day(offset: usize) -> Date {
    date(2026, 10, 1)
        .checked_add((offset as i64).days())
        .expect("dates stay in range")
}

/// The org's files, in memory.
fn generate(shape: &Shape) -> Vec<RawFile> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut files = vec![file(
        "orgit.yaml",
        "name: Graph Bench\ntimezone: Europe/Berlin\n".to_owned(),
    )];
    let person = |rng: &mut Rng| format!("p{}", rng.below(shape.people));
    for t in 0..shape.teams {
        let mut text = format!("id: t{t}\nname: Team {t}\nlead: p{}\n", t % shape.people);
        if t > 0 {
            let _ = writeln!(text, "parent: t{}", (t - 1) / 5);
        }
        files.push(file(&format!("teams/t{t}.yaml"), text));
    }
    for p in 0..shape.people {
        let text = format!("id: p{p}\nname: Person {p}\nteam: t{}\n", p % shape.teams);
        files.push(file(&format!("people/p{p}.yaml"), text));
    }
    for g in 0..shape.goals {
        let mut text = format!(
            "---\nid: g{g}\ntitle: Goal {g}\nowner: {}\nteam: t{}\nperiod: 2026-Q4\nhealth: on_track\n",
            person(&mut rng),
            g % shape.teams
        );
        if g > 0 {
            let _ = writeln!(
                text,
                "aligns_to: g{}-k{}",
                (g - 1) / 2,
                g % KEY_RESULTS_PER_GOAL
            );
        }
        text.push_str("key_results:\n");
        for k in 0..KEY_RESULTS_PER_GOAL {
            let _ = writeln!(
                text,
                "  - id: g{g}-k{k}\n    title: Result {k}\n    owner: {}\n    metric: {{baseline: 0, target: 100, current: {}}}",
                person(&mut rng),
                rng.below(100)
            );
        }
        text.push_str("---\n");
        files.push(file(&format!("goals/2026-Q4/g{g}.md"), text));
    }
    // Drawn first: a planted cycle names an initiative not written yet.
    let due: Vec<usize> = (0..shape.initiatives).map(|_| 20 + rng.below(70)).collect();
    for (i, &due_offset) in due.iter().enumerate() {
        let mut text = format!(
            "---\nid: {}\ntitle: Initiative {i}\nowner: {}\nteam: t{}\nstatus: active\nhealth: on_track\ndue: {}\nsupports:\n",
            initiative_id(i),
            person(&mut rng),
            i % shape.teams,
            day(due_offset)
        );
        for _ in 0..SUPPORTS_PER_INITIATIVE {
            let goal = rng.below(shape.goals);
            let _ = writeln!(text, "  - g{goal}-k{}", rng.below(KEY_RESULTS_PER_GOAL));
        }
        let targets = dependency_targets(i, &mut rng);
        if !targets.is_empty() {
            text.push_str("depends_on:\n");
        }
        for target in targets {
            // Needed a little after it is due, or a little before (late).
            let need_by = (due[target] + rng.below(20)).saturating_sub(5);
            let _ = writeln!(
                text,
                "  - on: {}\n    need_by: {}",
                initiative_id(target),
                day(need_by)
            );
        }
        text.push_str("milestones:\n");
        for m in 0..MILESTONES_PER_INITIATIVE {
            let _ = writeln!(
                text,
                "  - id: i{i}-m{m}\n    title: Step {m}\n    owner: {}\n    due: {}",
                person(&mut rng),
                day(due_offset.saturating_sub(4 * (MILESTONES_PER_INITIATIVE - m)))
            );
        }
        text.push_str("---\n");
        files.push(file(&format!("initiatives/{}.md", initiative_id(i)), text));
    }
    files
}

/// What initiative `i` depends on: the first `3 × CYCLES` form three-item
/// cycles among themselves; every other one depends on up to
/// [`DEPENDENCIES_PER_INITIATIVE`] distinct earlier initiatives, so nothing
/// else can close a cycle.
fn dependency_targets(i: usize, rng: &mut Rng) -> Vec<usize> {
    if i < 3 * CYCLES {
        let first = i - i % 3;
        return vec![first + (i + 1) % 3];
    }
    let mut targets = Vec::new();
    for _ in 0..DEPENDENCIES_PER_INITIATIVE.min(i) {
        let target = rng.below(i);
        if !targets.contains(&target) {
            targets.push(target);
        }
    }
    targets.sort_unstable();
    targets
}

fn file(path: &str, text: String) -> RawFile {
    RawFile {
        path: path.to_owned(),
        content: Ok(text.into_bytes()),
    }
}
