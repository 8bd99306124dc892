//! `orgit graph`: the alignment and dependency graph as DOT, Mermaid or JSON.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::{Outcome, Session, print};
use crate::diagnostics::did_you_mean;
use crate::error::{Error, Result};
use crate::graph::OrgGraph;
use crate::graph::export::{self, Kinds, MermaidOptions, Options, Picture};
use crate::model::{EntityKind, EntityRef, Org};

#[derive(Args, Debug)]
pub struct GraphArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Only the items linked to this one (goal, key result or initiative id)
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,
    /// With --focus: at most this many links away
    #[arg(long, value_name = "N", requires = "focus")]
    pub depth: Option<usize>,
    /// Only this team's items (and the teams below it) and what they link to
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    /// Which links to draw
    #[arg(long, value_enum, default_value_t = GraphKind::All)]
    pub kind: GraphKind,
    /// With --format mermaid: wrap the flowchart in a ```mermaid fence, ready
    /// to paste into markdown
    #[arg(long)]
    pub fence: bool,
    /// With --format mermaid: leave out the legend
    #[arg(long)]
    pub no_legend: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz (`orgit graph | dot -Tsvg > org.svg`)
    Dot,
    /// A Mermaid flowchart (paste into markdown on GitHub)
    Mermaid,
    /// One JSON document: teams, nodes, edges
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphKind {
    /// What serves what: key results, aligns_to, supports
    Alignment,
    /// Who waits on whom: depends_on
    Dependencies,
    /// Both
    All,
}

pub fn run(session: &Session, args: &GraphArgs) -> Result<Outcome> {
    if args.format != GraphFormat::Mermaid {
        let flag = if args.fence {
            Some("--fence")
        } else if args.no_legend {
            Some("--no-legend")
        } else {
            None
        };
        if let Some(flag) = flag {
            return Err(
                Error::new(format!("`{flag}` applies to Mermaid output only"))
                    .hint(format!("add `--format mermaid`, or drop `{flag}`")),
            );
        }
    }
    let loaded = session.load()?;
    let org = &loaded.org;
    let focus = args
        .focus
        .as_deref()
        .map(|id| {
            resolve(
                org,
                id,
                &[
                    EntityKind::Goal,
                    EntityKind::KeyResult,
                    EntityKind::Initiative,
                ],
            )
        })
        .transpose()?;
    let team = args
        .team
        .as_deref()
        .map(|id| resolve(org, id, &[EntityKind::Team]))
        .transpose()?;
    let options = Options {
        kinds: match args.kind {
            GraphKind::Alignment => Kinds::Alignment,
            GraphKind::Dependencies => Kinds::Dependencies,
            GraphKind::All => Kinds::All,
        },
        focus,
        depth: args.depth,
        team,
        today: session.today(org),
    };
    let graph = OrgGraph::build(org);
    let picture = Picture::build(org, &graph, &options);
    let title = org.settings.as_ref().map_or("orgit", |s| s.name.as_str());
    let output = match args.format {
        GraphFormat::Dot => export::dot(&picture, title),
        GraphFormat::Mermaid => {
            let chart = export::mermaid(
                &picture,
                &MermaidOptions {
                    legend: !args.no_legend,
                },
            );
            warn_if_too_large(&chart, args);
            if args.fence {
                format!("```mermaid\n{chart}```\n")
            } else {
                chart
            }
        }
        GraphFormat::Json => export::json(&picture),
    };
    print(&output)?;
    Ok(Outcome::Clean)
}

/// Mermaid refuses to draw a diagram over its `maxTextSize` (GitHub shows
/// "Maximum text size in diagram exceeded"): say so, and how to draw less.
/// The output is still printed, for a renderer configured with a higher
/// limit.
fn warn_if_too_large(chart: &str, args: &GraphArgs) {
    let size = chart.chars().count();
    if size <= export::MERMAID_MAX_TEXT_SIZE {
        return;
    }
    let fix = if args.team.is_some() || args.focus.is_some() {
        "narrow it further: a team lower down (`--team TEAM`), or `--focus ID --depth 1`"
    } else {
        "draw part of it: one team and what it links to (`--team TEAM`), or the \
         neighbourhood of one item (`--focus ID --depth 2`)"
    };
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(
        stderr,
        "warning: the Mermaid diagram is {size} characters; Mermaid (and GitHub) draw at \
         most {} and show an error instead\nhint: {fix}",
        export::MERMAID_MAX_TEXT_SIZE
    );
}

/// The entity `id` names, if it is of one of `kinds`; otherwise an error that
/// suggests the closest id of those kinds.
pub(super) fn resolve(org: &Org, id: &str, kinds: &[EntityKind]) -> Result<EntityRef> {
    let nouns: Vec<&str> = kinds.iter().map(|k| k.noun()).collect();
    let listed = match nouns.as_slice() {
        [rest @ .., last] if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => nouns.concat(),
    };
    if let Some(entity) = org.lookup(id) {
        if kinds.contains(&entity.kind) {
            return Ok(entity);
        }
        return Err(Error::new(format!(
            "`{id}` is {}, not {}",
            with_article(entity.kind.noun()),
            with_article(&listed)
        )));
    }
    let mut candidates: Vec<&str> = org
        .ids()
        .filter(|(_, kind)| kinds.contains(kind))
        .map(|(id, _)| id)
        .collect();
    candidates.sort_unstable();
    let error = Error::new(format!("no {listed} has the id `{id}`"));
    Err(match did_you_mean(id, candidates) {
        Some(suggestion) => error.hint(format!("did you mean `{suggestion}`?")),
        None => error.hint(match kinds {
            [kind] => format!(
                "`orgit list {}` lists them",
                super::list::Kind::argument(*kind)
            ),
            _ => "`orgit list` lists every id".to_owned(),
        }),
    })
}

fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}
