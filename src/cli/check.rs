use std::io::Write;

use clap::{Args, ValueEnum};

use super::{Outcome, Session, print};
use crate::checks::{self, CheckOptions};
use crate::diagnostics::Severity;
use crate::diagnostics::render::{self, Files, Summary};
use crate::error::Result;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Source snippets with the problem underlined, like rustc
    Human,
    /// One JSON document (stable, documented in the README)
    Json,
    /// GitHub Actions workflow commands (inline annotations on pull requests)
    Github,
}

pub fn run(session: &Session, args: &CheckArgs) -> Result<Outcome> {
    let loaded = session.load()?;
    let today = session.today(&loaded.org);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(checks::run(&loaded.org, CheckOptions { today }));
    let diagnostics = diagnostics.into_sorted();

    let summary = Summary::of(&diagnostics, loaded.org.files.len());
    let root = &loaded.location.root;
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

    let fails = diagnostics.iter().any(|d| {
        d.severity == Severity::Error || (args.deny_warnings && d.severity == Severity::Warning)
    });
    Ok(if fails {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

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
