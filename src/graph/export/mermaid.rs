//! Mermaid flowcharts, which GitHub renders inside markdown. Node ids are
//! generated (`n0`, `n1`, …) so no org id can collide with Mermaid keywords
//! such as `end`; every label is quoted and its special characters written as
//! Mermaid entity codes, so any title renders as text.
//!
//! A team's subgraph is drawn only when it holds a drawn item (itself or
//! below it): under `--focus` most teams hold none, and Mermaid draws an
//! empty subgraph as an empty box. A legend (on unless asked otherwise)
//! explains the shapes, colors and arrows.

use std::collections::HashMap;
use std::fmt::Write;

use super::{EdgeKind, Node, Picture};
use crate::model::Health;

/// Mermaid's default `maxTextSize`: a longer diagram is not drawn ("Maximum
/// text size in diagram exceeded"), on GitHub as anywhere else.
pub const MAX_TEXT_SIZE: usize = 50_000;

/// How to draw the flowchart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MermaidOptions {
    /// Add a subgraph that explains shapes, colors and arrows.
    pub legend: bool,
}

pub fn render(picture: &Picture, options: &MermaidOptions) -> String {
    let mut out = String::new();
    out.push_str("flowchart LR\n");
    let ids: HashMap<&str, String> = picture
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), format!("n{i}")))
        .collect();
    for (index, node) in picture.nodes.iter().enumerate() {
        if node.team.is_none() {
            write_node(&mut out, index, node, 1);
        }
    }
    for team in picture.teams.iter().filter(|t| t.parent.is_none()) {
        write_subgraph(&mut out, picture, &team.id, 1);
    }
    if options.legend {
        out.push_str(LEGEND_NODES);
    }
    let mut red = Vec::new();
    let mut orange = Vec::new();
    let mut link = 0;
    for edge in &picture.edges {
        let (Some(from), Some(to)) = (ids.get(edge.from.as_str()), ids.get(edge.to.as_str()))
        else {
            continue;
        };
        let arrow = match edge.kind {
            EdgeKind::KeyResultOf => "---".to_owned(),
            EdgeKind::AlignsTo | EdgeKind::Supports => "-.->".to_owned(),
            EdgeKind::DependsOn => {
                let shaft = if edge.cross_team { "==>" } else { "-->" };
                match edge.need_by {
                    Some(date) => format!("{shaft}|\"by {date}\"|"),
                    None => shaft.to_owned(),
                }
            }
        };
        let _ = writeln!(out, "  {from} {arrow} {to}");
        match edge.problem {
            Some(problem) if problem.is_broken() => red.push(link),
            Some(_) => orange.push(link),
            None => {}
        }
        link += 1;
    }
    if options.legend {
        out.push_str(LEGEND_LINKS);
        out.push_str("  classDef legendEnd fill:#ffffff,stroke:#6a737d\n");
        out.push_str("  class legend_a1,legend_b1,legend_a2,legend_b2,legend_a3,legend_b3,legend_a4,legend_b4,legend_a5,legend_b5,legend_a6,legend_b6 legendEnd\n");
        red.push(link + LEGEND_BROKEN);
        orange.push(link + LEGEND_AT_RISK);
    }
    out.push_str("  classDef onTrack fill:#dcffe4,stroke:#28a745,color:#24292e\n");
    out.push_str("  classDef atRisk fill:#fff5b1,stroke:#e36209,color:#24292e\n");
    out.push_str("  classDef offTrack fill:#ffdce0,stroke:#d73a49,color:#24292e\n");
    out.push_str("  classDef noHealth fill:#ffffff,stroke:#6a737d,color:#24292e\n");
    out.push_str(
        "  classDef closed fill:#f6f8fa,stroke:#c0c0c0,color:#6a737d,stroke-dasharray:4 3\n",
    );
    for class in ["onTrack", "atRisk", "offTrack", "noHealth", "closed"] {
        let mut members: Vec<String> = picture
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| class_of(n) == class)
            .map(|(i, _)| format!("n{i}"))
            .collect();
        if options.legend {
            members.extend(legend_members(class).iter().map(|m| (*m).to_owned()));
        }
        if !members.is_empty() {
            let _ = writeln!(out, "  class {} {class}", members.join(","));
        }
    }
    for (links, color) in [(red, "#d73a49"), (orange, "#e36209")] {
        if !links.is_empty() {
            let list: Vec<String> = links.iter().map(usize::to_string).collect();
            let _ = writeln!(
                out,
                "  linkStyle {} stroke:{color},stroke-width:2px,color:{color}",
                list.join(",")
            );
        }
    }
    out
}

fn write_subgraph(out: &mut String, picture: &Picture, team_id: &str, depth: usize) {
    let Some((index, team)) = picture
        .teams
        .iter()
        .enumerate()
        .find(|(_, t)| t.id == team_id)
    else {
        return;
    };
    if !holds_nodes(picture, team_id) {
        return;
    }
    let indent = "  ".repeat(depth);
    let _ = writeln!(out, "{indent}subgraph t{index}[\"{}\"]", label(&team.name));
    for (i, node) in picture.nodes.iter().enumerate() {
        if node.team.as_deref() == Some(team_id) {
            write_node(out, i, node, depth + 1);
        }
    }
    for child in picture
        .teams
        .iter()
        .filter(|t| t.parent.as_deref() == Some(team_id))
    {
        write_subgraph(out, picture, &child.id, depth + 1);
    }
    let _ = writeln!(out, "{indent}end");
}

/// Whether a drawn item belongs to the team or a team below it.
fn holds_nodes(picture: &Picture, team_id: &str) -> bool {
    picture
        .nodes
        .iter()
        .any(|n| n.team.as_deref() == Some(team_id))
        || picture
            .teams
            .iter()
            .filter(|t| t.parent.as_deref() == Some(team_id))
            .any(|child| holds_nodes(picture, &child.id))
}

/// The legend's items; ids `legend*` cannot collide with the generated `n*`
/// and `t*`.
const LEGEND_NODES: &str = "  subgraph legend[\"Legend\"]
    legend_goal([\"goal\"])
    legend_initiative[\"initiative\"]
    legend_kr(\"key result\")
    legend_on(\"on track\")
    legend_risk(\"at risk\")
    legend_off(\"off track\")
    legend_none(\"no health\")
    legend_closed(\"done or abandoned\")
    legend_a1(\" \")
    legend_b1(\" \")
    legend_a2(\" \")
    legend_b2(\" \")
    legend_a3(\" \")
    legend_b3(\" \")
    legend_a4(\" \")
    legend_b4(\" \")
    legend_a5(\" \")
    legend_b5(\" \")
    legend_a6(\" \")
    legend_b6(\" \")
  end
";

/// The legend's arrows, written after the diagram's own, so `linkStyle`
/// numbers of the diagram's links do not move.
const LEGEND_LINKS: &str = "  legend_a1 ---|\"key result of\"| legend_b1
  legend_a2 -.->|\"serves, aligns to\"| legend_b2
  legend_a3 -->|\"waits on, by a date\"| legend_b3
  legend_a4 ==>|\"waits on another team\"| legend_b4
  legend_a5 -->|\"broken dependency\"| legend_b5
  legend_a6 -->|\"dependency at risk\"| legend_b6
";
/// Positions of the broken and at-risk examples among [`LEGEND_LINKS`].
const LEGEND_BROKEN: usize = 4;
const LEGEND_AT_RISK: usize = 5;

fn legend_members(class: &str) -> &'static [&'static str] {
    match class {
        "onTrack" => &["legend_on"],
        "atRisk" => &["legend_risk"],
        "offTrack" => &["legend_off"],
        "noHealth" => &[
            "legend_goal",
            "legend_initiative",
            "legend_kr",
            "legend_none",
        ],
        "closed" => &["legend_closed"],
        _ => &[],
    }
}

fn write_node(out: &mut String, index: usize, node: &Node, depth: usize) {
    let indent = "  ".repeat(depth);
    let text = format!("{}<br/>{}", label(&node.id), label(&node.title));
    // Goals are stadiums, initiatives boxes, key results rounded boxes.
    let (open, close) = match node.kind {
        crate::model::EntityKind::Goal => ("([", "])"),
        crate::model::EntityKind::Initiative => ("[", "]"),
        _ => ("(", ")"),
    };
    let _ = writeln!(out, "{indent}n{index}{open}\"{text}\"{close}");
}

fn class_of(node: &Node) -> &'static str {
    if node.state != "open" {
        return "closed";
    }
    match node.health {
        Some(Health::OnTrack) => "onTrack",
        Some(Health::AtRisk) => "atRisk",
        Some(Health::OffTrack) => "offTrack",
        None => "noHealth",
    }
}

/// Text safe inside a quoted Mermaid label: the characters Mermaid or the
/// HTML it renders to would read as syntax become entity codes, line breaks
/// become spaces.
pub(crate) fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn labels_escape_what_mermaid_or_html_would_read() {
        assert_eq!(
            label(r#"Say "hi" <script>alert(1)</script> & #1 [x] `y` é"#),
            "Say #quot;hi#quot; #lt;script#gt;alert(1)#lt;/script#gt; #amp; #35;1 [x] #96;y#96; é"
        );
    }
}
