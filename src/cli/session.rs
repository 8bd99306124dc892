use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::{Cli, ColorChoice};
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::history;
use crate::loader::ParseCache;
use crate::model::{Date, Org};
use crate::source::{self, GitTree, OrgLocation, Source, WorkTree};

/// What every command shares: where it runs, which revision, colors, today.
pub struct Session {
    /// The directory orgit acts in (after `-C`).
    pub cwd: PathBuf,
    pub at: Option<String>,
    pub color: ColorChoice,
    pub today: Option<Date>,
}

/// The org where a change starts: at the merge base of the base revision and
/// the head, as a pull request's "Files changed" measures it.
pub struct Base {
    /// The merge base, full hex id.
    pub commit: String,
    pub org: Org,
    pub diagnostics: Diagnostics,
}

/// The org as loaded, with the diagnostics of files that did not load.
pub struct Loaded {
    pub org: Org,
    pub diagnostics: Diagnostics,
    pub location: OrgLocation,
}

impl Session {
    pub fn new(cli: &Cli) -> Result<Self> {
        let current = std::env::current_dir()
            .map_err(|e| Error::new(format!("cannot read the current directory: {e}")))?;
        let cwd = match &cli.directory {
            Some(dir) => {
                let dir = current.join(dir);
                if !dir.is_dir() {
                    return Err(Error::new(format!(
                        "cannot change to `{}`: not a directory",
                        dir.display()
                    )));
                }
                dir
            }
            None => current,
        };
        Ok(Session {
            cwd,
            at: cli.at.clone(),
            color: cli.color,
            today: cli.today,
        })
    }

    /// Finds the org root and loads the org from the working tree or `--at`.
    pub fn load(&self) -> Result<Loaded> {
        self.load_from(|source| crate::loader::load(source))
    }

    /// [`Session::load`], keeping the parses of the files the history
    /// tracks in `parses`, for a command that reads history next through
    /// the same cache: each blob is then parsed once for the whole command.
    pub fn load_keeping(&self, parses: &mut ParseCache) -> Result<Loaded> {
        self.load_from(|source| parses.load_keeping(source, &history::defines_entities))
    }

    fn load_from(
        &self,
        load: impl FnOnce(&dyn Source) -> Result<(Org, Diagnostics)>,
    ) -> Result<Loaded> {
        let location = source::discover(&self.cwd)?;
        let source: Box<dyn Source> = match &self.at {
            Some(revision) => Box::new(GitTree::open(&location.root, revision)?),
            None => Box::new(WorkTree::new(&location.root)?),
        };
        let (org, diagnostics) = load(source.as_ref())?;
        Ok(Loaded {
            org,
            diagnostics,
            location,
        })
    }

    /// The org at the merge base of `base` and `head` (`HEAD` when `None`),
    /// for `orgit diff` and `check --base`. Where the org root or its
    /// `orgit.yaml` did not exist yet, the org is empty: a change that creates
    /// the org adds everything in it and breaks no earlier commitment.
    pub fn load_base(&self, root: &Path, base: &str, head: Option<&str>) -> Result<Base> {
        let commit =
            source::merge_base(root, base, head).map_err(|e| with_shallow_clone_hint(root, e))?;
        let (org, diagnostics) = if source::org_exists_at(root, &commit)? {
            crate::loader::load(&GitTree::open(root, &commit)?)?
        } else {
            (Org::default(), Diagnostics::new())
        };
        Ok(Base {
            commit,
            org,
            diagnostics,
        })
    }

    /// `--today`, or the current date in the org's time zone.
    pub fn today(&self, org: &Org) -> Date {
        if let Some(today) = self.today {
            return today;
        }
        let zone = org
            .settings
            .as_ref()
            .and_then(|s| s.timezone.as_ref())
            .and_then(|name| jiff::tz::TimeZone::get(name).ok())
            .unwrap_or(jiff::tz::TimeZone::UTC);
        Date(jiff::Zoned::now().with_time_zone(zone).date())
    }

    /// Whether stdout gets ANSI colors: `--color`, then `NO_COLOR`, then
    /// whether stdout is a terminal.
    pub fn color_stdout(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }

    /// How to show the org root in paths: relative to where orgit runs when
    /// the org root is at or below it, otherwise paths are org-relative.
    pub fn display_prefix(&self, root: &Path) -> String {
        let cwd = self.cwd.canonicalize().unwrap_or_else(|_| self.cwd.clone());
        prefix_of(root.strip_prefix(&cwd).ok())
    }

    /// The org root relative to the repository's top level, as GitHub wants
    /// annotation paths; falls back to [`Session::display_prefix`].
    pub fn repo_prefix(&self, root: &Path) -> String {
        let workdir = git2::Repository::discover(root)
            .ok()
            .and_then(|repo| repo.workdir().and_then(|w| w.canonicalize().ok()));
        match workdir {
            Some(workdir) => prefix_of(root.strip_prefix(workdir).ok()),
            None => self.display_prefix(root),
        }
    }
}

/// A revision missing from a shallow clone is the usual way comparing with a
/// base fails in CI; say how to fetch it.
fn with_shallow_clone_hint(root: &Path, error: Error) -> Error {
    let shallow = git2::Repository::discover(root).is_ok_and(|repo| repo.is_shallow());
    if shallow {
        error.hint(
            "this is a shallow clone, so the base or the history since it may be missing: \
             fetch the full history (`fetch-depth: 0` in actions/checkout) and compare with \
             the remote branch (`--base origin/main`)",
        )
    } else {
        error
    }
}

fn prefix_of(relative: Option<&Path>) -> String {
    match relative {
        Some(rel) if !rel.as_os_str().is_empty() => {
            let mut prefix = rel.to_string_lossy().replace('\\', "/");
            prefix.push('/');
            prefix
        }
        _ => String::new(),
    }
}
