//! `orgit init [DIR]`: scaffold a new org repository with its CI workflows.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;
use indicatif::HumanBytes;

use super::{Outcome, Session, print};
use crate::error::{Error, Result};
use crate::init::{
    self, Conflict, InitOptions, Obstacle, OrgitSource, Repository, Scaffold, ScaffoldFile,
};
use crate::model::Date;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Folder for the org, created when missing [default: the current folder]
    #[arg(value_name = "DIR", default_value = ".", hide_default_value = true)]
    pub dir: PathBuf,
    /// The organization's name [default: the folder's name]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// IANA time zone that "today", weeks and due dates are read in
    #[arg(long, value_name = "ZONE", default_value = "UTC")]
    pub timezone: String,
    /// Month (1-12) the fiscal year starts in
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1,
        value_parser = clap::value_parser!(u8).range(1..=12)
    )]
    pub fiscal_year_start_month: u8,
    /// Where the workflows get orgit from, pinned: `action:OWNER/REPO@REF`
    /// (orgit's GitHub Action, built from that revision), `git:URL@REV` or
    /// `crates.io` [default: the action of the repository this orgit was
    /// built from, at its version's tag]
    #[arg(long, value_name = "SOURCE")]
    pub orgit_source: Option<String>,
    /// List the files init would write, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Keep files that exist already (a README.md GitHub created with the
    /// repository, say) and write the others, instead of writing nothing
    #[arg(long)]
    pub skip_existing: bool,
}

pub fn run(session: &Session, args: &InitArgs) -> Result<Outcome> {
    if session.at.is_some() {
        return Err(
            Error::new("`--at` reads an org as of a revision; `orgit init` creates one")
                .hint("drop `--at`"),
        );
    }
    let zone = init::time_zone(&args.timezone)?;
    let today = session
        .today
        .unwrap_or_else(|| Date(jiff::Zoned::now().with_time_zone(zone).date()));
    let orgit_source = match &args.orgit_source {
        Some(text) => OrgitSource::parse(text)?,
        None => OrgitSource::default_for_build()?,
    };
    let options = InitOptions {
        name: args.name.clone(),
        timezone: args.timezone.clone(),
        fiscal_year_start_month: args.fiscal_year_start_month,
        today,
        orgit_source,
    };
    let mut scaffold = init::plan(&session.cwd.join(&args.dir), &options)?;
    let shown = Shown::new(&session.cwd);
    let skipped = if args.skip_existing {
        scaffold.skip_existing()
    } else {
        Vec::new()
    };
    let kept = |tense: Tense| {
        let verb = match tense {
            Tense::Would => "would keep",
            Tense::Did => "kept",
        };
        let mut out = String::new();
        for file in &skipped {
            let _ = writeln!(out, "{verb} {} (exists)", shown.path(&file.path));
        }
        out
    };

    let conflicts = scaffold.conflicts();
    if !conflicts.is_empty() {
        return Err(refusal(&conflicts, &shown));
    }

    if args.dry_run {
        let mut out = String::new();
        for file in &scaffold.files {
            let _ = writeln!(out, "{}", would_write(&shown, file));
        }
        out.push_str(&kept(Tense::Would));
        out.push_str(&repository_line(&scaffold, &shown, Tense::Would));
        print(&out)?;
        return Ok(Outcome::Clean);
    }

    scaffold.write()?;
    let mut out = String::new();
    for file in &scaffold.files {
        let _ = writeln!(out, "wrote {}", shown.path(&file.path));
    }
    out.push_str(&kept(Tense::Did));
    out.push_str(&repository_line(&scaffold, &shown, Tense::Did));
    out.push_str(&next_steps(&scaffold, &shown));
    print(&out)?;
    Ok(Outcome::Clean)
}

/// The error for files in the way: each one, and what would have been
/// written there.
fn refusal(conflicts: &[Conflict<'_>], shown: &Shown) -> Error {
    let mut message = format!(
        "{} of the files orgit init writes {} in the way; nothing was written",
        conflicts.len(),
        if conflicts.len() == 1 { "is" } else { "are" }
    );
    for conflict in conflicts {
        let reason = match &conflict.obstacle {
            Obstacle::Exists => "exists".to_owned(),
            Obstacle::NotAFolder(folder) => format!("{} is not a folder", shown.path(folder)),
        };
        let _ = write!(
            message,
            "\n  {}: {reason}",
            would_write(shown, conflict.file)
        );
    }
    let existing = conflicts
        .iter()
        .any(|conflict| conflict.obstacle == Obstacle::Exists);
    Error::new(message).hint(if existing {
        "move them away, keep the existing files and write the rest (`orgit init \
         --skip-existing`), or run `orgit init` in another folder (`orgit init DIR`)"
    } else {
        "move them away, or run `orgit init` in another folder (`orgit init DIR`)"
    })
}

fn would_write(shown: &Shown, file: &ScaffoldFile) -> String {
    format!(
        "would write {} ({})",
        shown.path(&file.path),
        HumanBytes(file.content.len() as u64)
    )
}

#[derive(Clone, Copy)]
enum Tense {
    Would,
    Did,
}

/// What happens to git: a new repository, or the existing one left as is.
fn repository_line(scaffold: &Scaffold, shown: &Shown, tense: Tense) -> String {
    let root = shown.folder(&scaffold.location.org_root);
    match (&scaffold.location.repository, tense) {
        (Repository::New, Tense::Would) => format!(
            "would create a git repository in {root} (branch {}), with nothing committed\n",
            init::INITIAL_BRANCH
        ),
        (Repository::New, Tense::Did) => format!(
            "created a git repository in {root} (branch {}); nothing is committed yet\n",
            init::INITIAL_BRANCH
        ),
        (Repository::Existing { top }, Tense::Would) => format!(
            "would leave the git repository in {} as it is: nothing staged or committed\n",
            shown.folder(top)
        ),
        (Repository::Existing { top }, Tense::Did) => format!(
            "left the git repository in {} as it is: nothing is staged or committed\n",
            shown.folder(top)
        ),
    }
}

fn next_steps(scaffold: &Scaffold, shown: &Shown) -> String {
    let location = &scaffold.location;
    let mut steps = Vec::new();
    if shown.cwd != location.org_root {
        steps.push(format!(
            "cd {}",
            shell_word(&shown.folder(&location.org_root))
        ));
    }
    steps.push(
        "make people/lead.yaml you: your name, email and GitHub handle, then `orgit codeowners`"
            .to_owned(),
    );
    steps.push("orgit check".to_owned());
    // In a repository of their own, everything is the org's; in an existing
    // one, only the org's folder and the workflows are.
    let add = match (&location.repository, location.org_folder_in_repository()) {
        (Repository::New, _) => "git add -A".to_owned(),
        (Repository::Existing { .. }, None) => "git add .".to_owned(),
        (Repository::Existing { .. }, Some(folder)) => {
            let up = "../".repeat(folder.split('/').count());
            format!(
                "git add . {} {}",
                shell_word(&format!("{up}.github/workflows")),
                shell_word(&format!("{up}.github/CODEOWNERS"))
            )
        }
    };
    steps.push(format!(
        "{add} && git commit -m \"Start the plan with orgit\""
    ));
    steps.push(
        "push to GitHub: pull requests get `orgit check` and an `orgit diff` comment, \
         each Monday the weekly digest is committed, and on check-in day a reminder issue \
         names who owes an update (see README.md)"
            .to_owned(),
    );
    let mut out = String::from("\nNext steps:\n");
    for (number, step) in steps.iter().enumerate() {
        let _ = writeln!(out, "  {}. {step}", number + 1);
    }
    out
}

/// `word` as one shell word: as is when it needs no quoting, else in single
/// quotes, so a step can be pasted into a terminal.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '+' | ':' | '@')
        });
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Paths as people typed them: relative to where orgit runs when below it.
struct Shown {
    cwd: PathBuf,
}

impl Shown {
    fn new(cwd: &Path) -> Shown {
        Shown {
            cwd: cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf()),
        }
    }

    fn path(&self, path: &Path) -> String {
        match path.strip_prefix(&self.cwd) {
            Ok(relative) => relative.display().to_string(),
            Err(_) => path.display().to_string(),
        }
    }

    /// A folder; the current one is `.`.
    fn folder(&self, folder: &Path) -> String {
        match self.path(folder) {
            shown if shown.is_empty() => ".".to_owned(),
            shown => shown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("ops/plan-2.0"), "ops/plan-2.0");
        assert_eq!(shell_word("ops/the plan"), "'ops/the plan'");
        assert_eq!(shell_word("it's $HOME"), r"'it'\''s $HOME'");
        assert_eq!(shell_word(""), "''");
    }
}
