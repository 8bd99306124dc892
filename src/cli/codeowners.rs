//! `orgit codeowners [--out PATH] [--check]`: writes the GitHub CODEOWNERS
//! file, so a pull request that changes an entity asks its owner and their
//! team lead for a review.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

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
}

pub fn run(session: &Session, args: &CodeownersArgs) -> Result<Outcome> {
    let loaded = session.load()?;
    let (repo_root, prefix) = repository_root(&loaded.location.root);
    let report = codeowners::build(&loaded.org, &prefix);
    warn(&report.warnings);
    let text = report.render();

    let (path, shown) = match &args.out {
        Some(out) => (session.cwd.join(out), out.display().to_string()),
        None => (
            repo_root.join(".github").join("CODEOWNERS"),
            ".github/CODEOWNERS".to_owned(),
        ),
    };
    let current = std::fs::read_to_string(&path).ok();
    if current.as_deref() == Some(text.as_str()) {
        print(&format!("`{shown}` is up to date\n"))?;
        return Ok(Outcome::Clean);
    }
    if args.check {
        let state = if current.is_some() {
            "is stale"
        } else {
            "is missing"
        };
        print(&format!(
            "`{shown}` {state}: run `orgit codeowners` to regenerate it\n"
        ))?;
        return Ok(Outcome::Problems);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::new(format!("cannot create `{}`: {e}", dir.display())))?;
    }
    crate::fsutil::write_atomic(&path, text.as_bytes())?;
    print(&format!("wrote {shown}\n"))?;
    Ok(Outcome::Clean)
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
