//! Graphviz DOT: teams as nested clusters, health as fill color, dependencies
//! bold when they cross teams and red when broken (orange when in danger).

use std::fmt::Write;

use super::{EdgeKind, Node, Picture};
use crate::model::Health;

pub fn render(picture: &Picture, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph orgit {{");
    let _ = writeln!(
        out,
        "  graph [label={}, labelloc=t, rankdir=LR, fontname=\"Helvetica\", compound=true];",
        quote(title)
    );
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n",
    );
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for node in picture.nodes.iter().filter(|n| n.team.is_none()) {
        write_node(&mut out, node, 1);
    }
    for team in picture.teams.iter().filter(|t| t.parent.is_none()) {
        write_cluster(&mut out, picture, &team.id, 1);
    }
    for edge in &picture.edges {
        let mut attributes = Vec::new();
        match edge.kind {
            EdgeKind::KeyResultOf => {
                attributes.push("arrowhead=none, color=\"#999999\"".to_owned());
            }
            EdgeKind::AlignsTo | EdgeKind::Supports => {
                attributes.push("style=dashed, color=\"#666666\"".to_owned());
            }
            EdgeKind::DependsOn => {
                if let Some(need_by) = edge.need_by {
                    attributes.push(format!("label={}", quote(&format!("by {need_by}"))));
                }
                let color = match edge.problem {
                    Some(problem) if problem.is_broken() => "#d73a49",
                    Some(_) => "#e36209",
                    None => "#24292e",
                };
                attributes.push(format!("color=\"{color}\", fontcolor=\"{color}\""));
                if edge.cross_team {
                    attributes.push("penwidth=2.5".to_owned());
                }
            }
        }
        let _ = writeln!(
            out,
            "  {} -> {} [{}];",
            quote(&edge.from),
            quote(&edge.to),
            attributes.join(", ")
        );
    }
    out.push_str("}\n");
    out
}

fn write_cluster(out: &mut String, picture: &Picture, team_id: &str, depth: usize) {
    let indent = "  ".repeat(depth);
    let Some(team) = picture.teams.iter().find(|t| t.id == team_id) else {
        return;
    };
    let _ = writeln!(
        out,
        "{indent}subgraph {} {{",
        quote(&format!("cluster_{team_id}"))
    );
    let _ = writeln!(
        out,
        "{indent}  label={}; style=rounded; color=\"#c0c0c0\";",
        quote(&team.name)
    );
    for node in picture
        .nodes
        .iter()
        .filter(|n| n.team.as_deref() == Some(team_id))
    {
        write_node(out, node, depth + 1);
    }
    for child in picture
        .teams
        .iter()
        .filter(|t| t.parent.as_deref() == Some(team_id))
    {
        write_cluster(out, picture, &child.id, depth + 1);
    }
    let _ = writeln!(out, "{indent}}}");
}

fn write_node(out: &mut String, node: &Node, depth: usize) {
    let indent = "  ".repeat(depth);
    let (fill, border) = match (node.state, node.health) {
        ("open", Some(Health::OnTrack)) => ("#dcffe4", "#28a745"),
        ("open", Some(Health::AtRisk)) => ("#fff5b1", "#e36209"),
        ("open", Some(Health::OffTrack)) => ("#ffdce0", "#d73a49"),
        ("open", None) => ("#ffffff", "#6a737d"),
        _ => ("#f6f8fa", "#c0c0c0"),
    };
    let shape = match node.kind {
        crate::model::EntityKind::Goal => ", penwidth=2",
        crate::model::EntityKind::Initiative => ", shape=component",
        _ => "",
    };
    let style = if node.state == "abandoned" {
        ", style=\"rounded,filled,dashed\""
    } else {
        ""
    };
    let label = format!("{}\n{}", node.id, node.title);
    let _ = writeln!(
        out,
        "{indent}{} [label={}, fillcolor=\"{fill}\", color=\"{border}\"{shape}{style}];",
        quote(&node.id),
        quote(&label)
    );
}

/// A DOT double-quoted string. Backslash and quote are escaped; a newline
/// becomes `\n` (a centered line break), other control characters a space.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_and_backslashes_cannot_end_the_string() {
        assert_eq!(quote(r#"a "b" \ c"#), r#""a \"b\" \\ c""#);
        assert_eq!(quote("x\ny\tz"), r#""x\ny z""#);
    }
}
