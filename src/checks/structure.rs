//! Cycles: in the team hierarchy (`team-cycle`), in what serves what
//! (`alignment-cycle`) and in what waits on what (`dependency-cycle`). Each
//! cycle is reported once, with its whole path, at every link that makes it.

use petgraph::graph::{DiGraph, NodeIndex};

use super::Context;
use crate::diagnostics::{Code, Diagnostic};
use crate::graph::{Link, LinkKind, OrgGraph, find_cycles};
use crate::model::{EntityKind, EntityRef, FileId, Org, Span};

pub fn check(cx: &mut Context<'_>) {
    let graph = OrgGraph::build(cx.org);
    report_cycles(cx, &graph.team_hierarchy(), Code::TeamCycle);
    // A key result belongs to its goal, so aligning to it aligns under its goal:
    // `a` → key result of `b` → `b` → `a` is a loop.
    report_cycles(cx, &graph.alignment(), Code::AlignmentCycle);
    // A goal is done only when its key results are, so a key result that waits
    // on something that waits on its own goal can never finish.
    report_cycles(cx, &graph.waits_on(), Code::DependencyCycle);
}

/// One step of a cycle: from one entity to the next, over one link.
struct Hop {
    from: EntityRef,
    to: EntityRef,
    link: Link,
}

fn report_cycles(cx: &mut Context<'_>, view: &DiGraph<EntityRef, Link>, code: Code) {
    for cycle in find_cycles(view) {
        let hops = hops_of(view, &cycle);
        if let Some(diagnostic) = cycle_diagnostic(cx.org, code, &hops) {
            cx.diagnostics.push(diagnostic);
        }
    }
}

/// The hops around `cycle`, starting at the earliest written reference, so
/// the diagnostic points at a value someone typed, in the first file.
fn hops_of(view: &DiGraph<EntityRef, Link>, cycle: &[NodeIndex]) -> Vec<Hop> {
    let mut hops: Vec<Hop> = cycle
        .iter()
        .zip(cycle.iter().cycle().skip(1))
        .filter_map(|(&from, &to)| {
            // Between the same two entities, prefer a written reference and
            // then the first one in the files.
            let link = view
                .edges_connecting(from, to)
                .map(|edge| *edge.weight())
                .min_by_key(link_order)?;
            Some(Hop {
                from: view[from],
                to: view[to],
                link,
            })
        })
        .collect();
    if let Some(start) = hops
        .iter()
        .enumerate()
        .min_by_key(|(_, hop)| link_order(&hop.link))
        .map(|(i, _)| i)
    {
        hops.rotate_left(start);
    }
    hops
}

fn link_order(link: &Link) -> (bool, FileId, Span) {
    (!link.kind.is_reference(), link.file, link.span)
}

fn cycle_diagnostic(org: &Org, code: Code, hops: &[Hop]) -> Option<Diagnostic> {
    let first = hops.first()?;
    let id = |entity| org.definition(entity).id;
    let message = if hops.len() == 1 {
        self_loop_message(code, id(first.from))
    } else {
        format!("{}: {}", cycle_noun(code), render_path(org, hops))
    };
    let mut diagnostic = Diagnostic::new(code, first.link.file, first.link.span, message)
        .label(describe_hop(org, first));
    for hop in &hops[1..] {
        diagnostic = diagnostic.related(hop.link.file, hop.link.span, describe_hop(org, hop));
    }
    Some(diagnostic.help(cycle_help(code, hops.len() == 1)))
}

/// "`a` → `b` → `c` → `a`": every entity of the cycle, back to the first.
fn render_path(org: &Org, hops: &[Hop]) -> String {
    let mut path: Vec<String> = hops
        .iter()
        .map(|hop| format!("`{}`", org.definition(hop.from).id))
        .collect();
    if let Some(first) = path.first().cloned() {
        path.push(first);
    }
    path.join(" → ")
}

fn cycle_noun(code: Code) -> &'static str {
    match code {
        Code::TeamCycle => "the team hierarchy has a cycle",
        Code::AlignmentCycle => "alignment cycle",
        _ => "dependency cycle",
    }
}

fn self_loop_message(code: Code, id: &str) -> String {
    match code {
        Code::TeamCycle => format!("team `{id}` is its own parent"),
        Code::AlignmentCycle => format!("goal `{id}` aligns to itself"),
        _ => format!("`{id}` depends on itself"),
    }
}

fn cycle_help(code: Code, is_self_loop: bool) -> &'static str {
    match (code, is_self_loop) {
        (Code::TeamCycle, true) => {
            "name the team this one belongs to, or remove `parent` if it is the top team"
        }
        (Code::TeamCycle, false) => {
            "break the cycle at one link: the top team has no `parent`, every other team's `parent` leads up to it"
        }
        (Code::AlignmentCycle, true) => "point `aligns_to` at a goal or key result above this goal",
        (Code::AlignmentCycle, false) => {
            "break the cycle at one link: a goal aligns to something above it, never to something that serves it"
        }
        (_, true) => "remove this `depends_on` entry: an item cannot wait on itself",
        (_, false) => {
            "break the cycle at one link: drop or re-point one `depends_on`, or split an item so the part others wait on can finish first"
        }
    }
}

/// The label under one hop's link, saying what the link means.
fn describe_hop(org: &Org, hop: &Hop) -> String {
    let from = org.definition(hop.from).id;
    let to = org.definition(hop.to).id;
    match hop.link.kind {
        LinkKind::Parent => format!("`{from}`'s parent is `{to}`"),
        LinkKind::AlignsTo => format!("`{from}` aligns to `{to}`"),
        LinkKind::Supports => format!("`{from}` supports `{to}`"),
        LinkKind::DependsOn => format!("`{from}` depends on `{to}`"),
        LinkKind::KeyResultOf | LinkKind::MilestoneOf => describe_containment(hop, from, to),
        LinkKind::TeamOf => format!("`{from}` belongs to team `{to}`"),
        LinkKind::OwnedBy => format!("`{from}` is owned by `{to}`"),
    }
}

/// Containment reads upwards in alignment (a part serves its whole) and
/// downwards in waiting (a whole waits on its parts).
fn describe_containment(hop: &Hop, from: &str, to: &str) -> String {
    match (hop.from.kind, hop.to.kind) {
        (EntityKind::KeyResult, _) => format!("`{from}` is a key result of `{to}`"),
        (EntityKind::Milestone, _) => format!("`{from}` is a milestone of `{to}`"),
        (_, EntityKind::KeyResult) => {
            format!("`{from}` is done only when its key result `{to}` is")
        }
        _ => format!("`{from}` is done only when its milestone `{to}` is"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::model::Date;

    fn cycles_in(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let (org, _) = crate::loader::load_texts(files);
        let mut cx = Context {
            org: &org,
            today: Date("2026-11-22".parse().unwrap()),
            diagnostics: Diagnostics::new(),
        };
        check(&mut cx);
        cx.diagnostics.into_sorted()
    }

    #[test]
    fn a_cycle_starts_at_its_first_written_link() {
        // Walked from the goal, the first hop would be "research needs its key
        // result", which nobody wrote; the report starts at the `depends_on`.
        let found = cycles_in(&[
            (
                "goals/2026-Q4/research.md",
                "---\nid: research\ntitle: R\nperiod: 2026-Q4\nkey_results:\n  - id: prototypes\n    title: P\n    depends_on: [{on: lab, need_by: 2027-01-15}]\n---\n",
            ),
            (
                "initiatives/lab.md",
                "---\nid: lab\ntitle: L\nteam: t\ndue: 2026-12-18\ndepends_on: [{on: research, need_by: 2027-01-15}]\n---\n",
            ),
        ]);
        assert_eq!(found.len(), 1);
        let cycle = &found[0];
        assert_eq!(cycle.code, Code::DependencyCycle);
        assert_eq!(
            cycle.message,
            "dependency cycle: `prototypes` → `lab` → `research` → `prototypes`"
        );
        assert_eq!(cycle.primary.span, Span::new(8, 23, 3));
        let related: Vec<_> = cycle
            .related
            .iter()
            .map(|l| l.message.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            related,
            [
                "`lab` depends on `research`",
                "`research` is done only when its key result `prototypes` is",
            ]
        );
    }

    #[test]
    fn a_goal_depending_on_its_own_key_result_is_no_cycle() {
        // The goal waits on its key result twice over, but nothing waits back.
        let found = cycles_in(&[(
            "goals/2026-Q4/g.md",
            "---\nid: g\ntitle: G\nperiod: 2026-Q4\naligns_to: other\ndepends_on: [{on: k, need_by: 2027-01-15}]\nkey_results: [{id: k, title: K}]\n---\n",
        )]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_self_loop_is_a_cycle_of_one() {
        let found = cycles_in(&[("teams/t.yaml", "id: t\nname: T\nparent: t\n")]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "team `t` is its own parent");
        assert!(found[0].related.is_empty());
    }
}
