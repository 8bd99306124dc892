use std::io::Write;
use std::path::Path;

use clap::{Args, ValueEnum};

use super::{Outcome, Session, print};
use crate::checks::{self, CheckOptions};
use crate::diagnostics::render::{self, Files, Summary};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::error::Result;
use crate::model::{Date, Org};
use crate::policies::{self, GateRule};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Show errors only; warnings and notices are left out of the output and
    /// the summary (they still fail the check under `--deny-warnings`)
    #[arg(long)]
    pub errors_only: bool,
    /// Also check the change since REV against the org's change policies, as
    /// on a pull request into REV (compared from their merge base)
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// With --base: fail only on problems the change introduced, not on
    /// those already on the base (they are still listed)
    #[arg(long, requires = "base")]
    pub new_only: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Source snippets with the problem underlined, like rustc
    Human,
    /// One JSON document (stable, documented in docs/diagnostics.md)
    Json,
    /// GitHub Actions workflow commands (inline annotations on pull requests)
    Github,
}

pub fn run(session: &Session, args: &CheckArgs) -> Result<Outcome> {
    let loaded = session.load()?;
    let today = session.today(&loaded.org);
    let root = &loaded.location.root;
    let diagnostics = checks::run_all(&loaded.org, loaded.diagnostics, CheckOptions { today });
    let mut diagnostics = match &args.base {
        Some(base) => gate(session, root, &loaded.org, diagnostics, base, today)?.diagnostics,
        None => diagnostics.into_sorted(),
    };
    let rule = GateRule {
        deny_warnings: args.deny_warnings,
        new_only: args.new_only,
    };
    let fails = diagnostics.iter().any(|d| policies::fails(d, rule));
    if args.format != CheckFormat::Json {
        mark_problems_on_the_base(&mut diagnostics);
    }
    let diagnostics = shown(diagnostics, args.errors_only, args.format);

    let summary = Summary::of(&diagnostics, loaded.org.files.len());
    let output = match args.format {
        CheckFormat::Human => {
            let files = Files::new(&loaded.org.files, session.display_prefix(root));
            render::human(&diagnostics, &files, &summary, session.color_stdout())
        }
        CheckFormat::Json => {
            let files = Files::new(&loaded.org.files, session.display_prefix(root));
            render::json(&diagnostics, &files, &summary)
        }
        CheckFormat::Github => {
            let files = Files::new(&loaded.org.files, session.repo_prefix(root));
            append_step_summary(&render::github_step_summary(&diagnostics, &files, &summary))?;
            render::github(&diagnostics, &files)
        }
    };
    print(&output)?;
    if args.new_only && !fails && args.format == CheckFormat::Human && summary.errors > 0 {
        print(&format!(
            "ok: the change introduces no error (--new-only); the {} above {} already on the base\n",
            if summary.errors == 1 {
                "error"
            } else {
                "errors"
            },
            if summary.errors == 1 { "is" } else { "are" },
        ))?;
    }

    Ok(if fails {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// What the output lists. People read human output top down, so it lists
/// errors first, then warnings, then notices, each in file order: a real
/// org's hundred `past-due` warnings do not bury its one broken reference.
/// JSON and GitHub annotations stay in file order. With `errors_only`, every
/// format shows errors alone.
fn shown(
    mut diagnostics: Vec<crate::diagnostics::Diagnostic>,
    errors_only: bool,
    format: CheckFormat,
) -> Vec<crate::diagnostics::Diagnostic> {
    if errors_only {
        diagnostics.retain(|d| d.severity == Severity::Error);
    }
    if format == CheckFormat::Human {
        // A stable sort keeps the file order within each severity.
        diagnostics.sort_by_key(|d| d.severity);
    }
    diagnostics
}

/// The gate of the change since `base` ([`policies::gate`]): the head's
/// problems with the change policies', each marked with whether it is on
/// the base already. Like a pull request's "Files changed", the change is
/// measured from the merge base of `base` and the head (`--at`, or `HEAD`
/// for the working tree), so what `base` gained since the branch was cut is
/// not blamed on it.
fn gate(
    session: &Session,
    root: &Path,
    head: &Org,
    head_problems: Diagnostics,
    base: &str,
    today: Date,
) -> Result<policies::Gate> {
    let base = session.load_base(root, base, session.at.as_deref())?;
    let base_problems = checks::run_all(&base.org, base.diagnostics, CheckOptions { today });
    Ok(policies::gate(
        &base.org,
        &base_problems,
        head,
        head_problems,
        today,
    ))
}

/// Text output says which problems the change did not introduce (JSON has
/// `on_base`).
fn mark_problems_on_the_base(diagnostics: &mut [Diagnostic]) {
    for diagnostic in diagnostics {
        if diagnostic.on_base == Some(true) {
            diagnostic.message.push_str(ON_THE_BASE);
        }
    }
}

/// What a problem's message ends with when the change did not introduce it.
pub const ON_THE_BASE: &str = " (already on the base)";

/// GitHub shows `$GITHUB_STEP_SUMMARY` on the run's page.
fn append_step_summary(markdown: &str) -> Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| file.write_all(markdown.as_bytes()))
        .map_err(|e| {
            crate::Error::new(format!(
                "cannot append to GITHUB_STEP_SUMMARY ({}): {e}",
                std::path::Path::new(&path).display()
            ))
        })
}
