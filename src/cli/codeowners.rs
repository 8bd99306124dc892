//! `orgit codeowners [--out PATH] [--check]`: writes the GitHub CODEOWNERS
//! file, so a pull request that changes an entity asks its owner and their
//! team lead for a review.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{Outcome, Session, print};
use crate::error::{Error, Result};
use crate::reports::codeowners;

#[derive(Args, Debug)]
pub struct CodeownersArgs {
    /// Where to write the file [default: .github/CODEOWNERS at the repository root]
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Do not write; exit 1 if the file is missing or differs from what would be written
    #[arg(long)]
    pub check: bool,
    /// Output format: a line for people, or one JSON document for bots
    /// (documented in docs/ci.md)
    #[arg(long, value_enum, default_value_t = CodeownersFormat::Text)]
    pub format: CodeownersFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CodeownersFormat {
    Text,
    Json,
}

/// What became of the file, as `--format json` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum State {
    UpToDate,
    Stale,
    Missing,
    Written,
}

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    path: &'a str,
    state: State,
    /// Whether this run failed because of the file (`--check` on a stale or
    /// missing file).
    ok: bool,
    rules: usize,
    warnings: Vec<String>,
}

pub fn run(session: &Session, args: &CodeownersArgs) -> Result<Outcome> {
    let loaded = session.load()?;
    let (repo_root, prefix) = repository_root(&loaded.location.root);
    let report = codeowners::build(&loaded.org, &prefix);
    let json = args.format == CodeownersFormat::Json;
    if !json {
        warn(&report.warnings);
    }
    let text = report.render();
    let say = |shown: &str, state: State, ok: bool, line: String| -> Result<Outcome> {
        if json {
            let out = Report {
                version: 1,
                path: shown,
                state,
                ok,
                rules: report.rules.len(),
                warnings: report.warnings.iter().map(|w| w.to_string()).collect(),
            };
            let mut doc = serde_json::to_string_pretty(&out).expect("plain data serializes");
            doc.push('\n');
            print(&doc)?;
        } else {
            print(&line)?;
        }
        Ok(if ok {
            Outcome::Clean
        } else {
            Outcome::Problems
        })
    };

    let (path, shown) = match &args.out {
        Some(out) => (session.cwd.join(out), out.display().to_string()),
        None => (
            repo_root.join(".github").join("CODEOWNERS"),
            ".github/CODEOWNERS".to_owned(),
        ),
    };
    let current = std::fs::read_to_string(&path).ok();
    if current.as_deref() == Some(text.as_str()) {
        return say(
            &shown,
            State::UpToDate,
            true,
            format!("`{shown}` is up to date\n"),
        );
    }
    if args.check {
        let (state, words) = if current.is_some() {
            (State::Stale, "is stale")
        } else {
            (State::Missing, "is missing")
        };
        return say(
            &shown,
            state,
            false,
            format!("`{shown}` {words}: run `orgit codeowners` to regenerate it\n"),
        );
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::new(format!("cannot create `{}`: {e}", dir.display())))?;
    }
    crate::fsutil::write_atomic(&path, text.as_bytes())?;
    say(&shown, State::Written, true, format!("wrote {shown}\n"))
}

/// The repository's top folder, where GitHub reads `.github/CODEOWNERS`, and
/// the org root relative to it (`""` or `"org/"`). Outside a git repository
/// the org root stands in for it.
fn repository_root(org_root: &Path) -> (PathBuf, String) {
    let workdir = git2::Repository::discover(org_root)
        .ok()
        .and_then(|repo| repo.workdir().and_then(|w| w.canonicalize().ok()));
    let Some(workdir) = workdir else {
        return (org_root.to_path_buf(), String::new());
    };
    let prefix = match org_root.strip_prefix(&workdir) {
        Ok(relative) if !relative.as_os_str().is_empty() => {
            format!("{}/", relative.to_string_lossy().replace('\\', "/"))
        }
        _ => String::new(),
    };
    (workdir, prefix)
}

fn warn(warnings: &[codeowners::Warning]) {
    let mut stderr = std::io::stderr().lock();
    for warning in warnings {
        let _ = writeln!(stderr, "warning: {warning}");
    }
}
