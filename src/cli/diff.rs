//! `orgit diff BASE [HEAD]`: what a pull request changes in the plan, as a
//! comment for the pull request or as JSON for bots.
//!
//! As in GitHub's pull-request view, BASE stands for the merge base of BASE
//! and HEAD, so work merged into BASE after the branch was cut does not show
//! up as undone by the branch. HEAD defaults to the working tree, uncommitted
//! edits included, so a pull request can be previewed before it is pushed
//! (its merge base is taken with the commit checked out). `--at` does not
//! apply: the two revisions are the arguments.
//!
//! The comment renders with the templates of the base, not the head: a pull
//! request cannot change how its own review comment reads.

use clap::{Args, ValueEnum};

use super::{Outcome, Session, print};
use crate::checks::{self, CheckOptions};
use crate::error::{Error, Result};
use crate::policies;
use crate::reports::diff::{self, BaseSide, CommitId, HeadSide, Inputs};
use crate::reports::fit::fit;
use crate::reports::templates::Templates;
use crate::source::{self, GitTree, OrgRepository, Source, WorkTree};

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The revision the change is measured against (its merge base with HEAD), e.g. `main`
    #[arg(value_name = "BASE")]
    pub base: String,
    /// The revision under review [default: the working tree, uncommitted edits included]
    #[arg(value_name = "HEAD")]
    pub head: Option<String>,
    /// A pull-request comment in markdown, or the report's data model as JSON
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
    /// Cut the markdown to at most N characters, at a line, with a note
    /// saying so (GitHub refuses comments over 65536)
    #[arg(long, value_name = "N")]
    pub max_chars: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Markdown,
    Json,
}

/// The commit the working tree is on: without HEAD, the merge base is taken
/// with it.
const CHECKED_OUT: &str = "HEAD";

pub fn run(session: &Session, args: &DiffArgs) -> Result<Outcome> {
    if let Some(at) = &session.at {
        return Err(
            Error::new("`--at` does not apply to `orgit diff`, which reads two revisions").hint(
                format!(
                    "give the revision under review as HEAD: `orgit diff {} {at}`",
                    args.base
                ),
            ),
        );
    }
    if args.max_chars.is_some() && args.format == DiffFormat::Json {
        return Err(
            Error::new("`--max-chars` cuts the markdown comment; JSON is never cut")
                .hint("drop `--max-chars`, or use `--format markdown`"),
        );
    }
    let root = source::discover(&session.cwd)?.root;
    let repository = OrgRepository::discover(&root, "`orgit diff`").map_err(|e| {
        e.hint("the base is read from git: run `orgit diff` in a clone of the org's repository")
    })?;
    let head_revision = args.head.as_deref().unwrap_or(CHECKED_OUT);
    let head_commit = repository.commit(head_revision)?.id().to_string();
    let base_tip = repository.commit(&args.base)?.id().to_string();
    let base = session.load_base(&root, &args.base, args.head.as_deref())?;
    let head_source: Box<dyn Source> = match &args.head {
        Some(revision) => Box::new(GitTree::open(&root, revision)?),
        None => Box::new(WorkTree::new(&root)?),
    };
    let (head_org, head_diagnostics) = crate::loader::load(head_source.as_ref())?;

    let today = CheckOptions {
        today: session.today(&head_org),
    };
    let base_problems = checks::run_all(&base.org, base.diagnostics, today);
    let head_problems = checks::run_all(&head_org, head_diagnostics, today);
    // The same gate as `orgit check --base`: the comment shows what fails it.
    let gate = policies::gate(
        &base.org,
        &base_problems,
        &head_org,
        head_problems,
        today.today,
    );
    let org_diff = &gate.diff;
    let path_prefix = session.repo_prefix(&root);
    let report = diff::build(Inputs {
        diff: org_diff,
        base: &base.org,
        head: &head_org,
        base_side: BaseSide {
            revision: args.base.clone(),
            commit: CommitId::new(&base.commit),
            tip: CommitId::new(&base_tip),
        },
        head_side: HeadSide {
            revision: args.head.clone(),
            commit: CommitId::new(&head_commit),
            working_tree: args.head.is_none(),
        },
        today: today.today,
        path_prefix: &path_prefix,
        gate: &gate.diagnostics,
    });
    let passes = report.gate.passes;

    let output = match args.format {
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&report)
                .map_err(|e| Error::new(format!("cannot write the report as JSON: {e}")))?;
            json.push('\n');
            json
        }
        DiffFormat::Markdown => {
            let markdown =
                Templates::for_org(&root, Some(&base.commit))?.render("diff.md.j2", &report)?;
            match args.max_chars {
                Some(max) => fit(&markdown, max, &cut_note(args)),
                None => markdown,
            }
        }
    };
    print(&output)?;
    Ok(if passes {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

/// What a cut comment ends with: that it was cut, and how to see all of it.
fn cut_note(args: &DiffArgs) -> String {
    let head = args
        .head
        .as_deref()
        .map(|head| format!(" {head}"))
        .unwrap_or_default();
    format!(
        "**This comment is cut short**: the whole change does not fit in {} characters. \
         Run `orgit diff {}{head}` for all of it.",
        args.max_chars.unwrap_or_default(),
        args.base
    )
}
