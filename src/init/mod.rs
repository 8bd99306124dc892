//! `orgit init`: a new org that passes `orgit check` as written, with the
//! GitHub Actions workflows that run it.
//!
//! The scaffold is one team, its lead, one goal for the current quarter and
//! the decision to keep the plan in git; `orgit.yaml`; a README on how the
//! org changes its plan; a `.gitignore`; the JSON Schemas the files'
//! modelines point at (written into the org, so editors find them offline
//! and they match the orgit that wrote the files); and the workflows, at the
//! top of the repository where GitHub reads them: checks and a diff comment
//! on pull requests, the weekly digest and the reviews committed on a
//! schedule, the site on GitHub Pages, and a reminder issue on check-in day.
//!
//! It never overwrites: [`Scaffold::conflicts`] lists every file that is in
//! the way, and [`Scaffold::write`] writes nothing while there is one. A
//! folder in no git repository becomes a new repository (branch `main`) with
//! nothing committed, so people review the files before the first commit; a
//! folder inside a repository is left to that repository, and its
//! workflows run orgit in the org's folder.

mod location;
mod orgit_source;
mod render;
mod schedule;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use git2::RepositoryInitOptions;
use serde::Serialize;

pub use location::{Location, Repository};
pub use orgit_source::OrgitSource;

use crate::error::{Error, Result};
use crate::fsutil::write_atomic;
use crate::model::{Date, Period};
use crate::source::{RawFile, layout};

/// The branch a new repository starts on.
pub const INITIAL_BRANCH: &str = "main";

/// The workflows, relative to the repository's top.
pub const PR_WORKFLOW: &str = ".github/workflows/orgit-pr.yml";
pub const WEEKLY_WORKFLOW: &str = ".github/workflows/orgit-weekly.yml";
pub const PAGES_WORKFLOW: &str = ".github/workflows/orgit-pages.yml";
pub const REMIND_WORKFLOW: &str = ".github/workflows/orgit-remind.yml";
/// Where GitHub reads code owners from, relative to the repository's top.
pub const CODEOWNERS: &str = ".github/CODEOWNERS";

/// The scaffold's placeholders: one team at the top of the hierarchy and its
/// lead, whom the README asks to make themselves.
const TEAM_ID: &str = "company";
const LEAD_ID: &str = "lead";
const LEAD_NAME: &str = "Team Lead";
const LEAD_ROLE: &str = "Lead";
const DECISION_ID: &str = "0001-plan-in-git";
/// The day check-ins are due, written into `orgit.yaml`; the reminder
/// workflow wakes on it.
const CHECKIN_DAY: jiff::civil::Weekday = jiff::civil::Weekday::Friday;

/// What the new org is called and how it reads dates.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The org's name; `None` takes the folder's name.
    pub name: Option<String>,
    /// An IANA time zone name.
    pub timezone: String,
    /// 1–12.
    pub fiscal_year_start_month: u8,
    /// The day the first goal's quarter and the decision's date are read from.
    pub today: Date,
    /// Where the workflows install orgit from.
    pub orgit_source: OrgitSource,
}

/// The files of a new org, not written yet.
#[derive(Debug)]
pub struct Scaffold {
    pub location: Location,
    /// Absolute paths, in the order they are listed to people.
    pub files: Vec<ScaffoldFile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaffoldFile {
    pub path: PathBuf,
    pub content: String,
}

/// A file of the scaffold that cannot be written.
#[derive(Debug)]
pub struct Conflict<'a> {
    pub file: &'a ScaffoldFile,
    pub obstacle: Obstacle,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Obstacle {
    /// Something is at the file's path already.
    Exists,
    /// A folder on the way is a file.
    NotAFolder(PathBuf),
}

/// The time zone named `name`, or an error that says how to name one.
pub fn time_zone(name: &str) -> Result<jiff::tz::TimeZone> {
    jiff::tz::TimeZone::get(name).map_err(|_| {
        Error::new(format!("unknown time zone `{name}`")).hint(
            "use an IANA time zone name, such as `UTC`, `Europe/Berlin` or `America/New_York`",
        )
    })
}

/// Plans the org in `dir` (absolute; created when missing). Reads the file
/// system to place it, writes nothing.
pub fn plan(dir: &Path, options: &InitOptions) -> Result<Scaffold> {
    let zone = time_zone(&options.timezone)?;
    if !(1..=12).contains(&options.fiscal_year_start_month) {
        return Err(Error::new(format!(
            "the fiscal year cannot start in month {}",
            options.fiscal_year_start_month
        ))
        .hint("give a month from 1 (January) to 12"));
    }
    let location = Location::find(dir)?;
    let name = match &options.name {
        Some(name) => checked_name(name)?,
        None => folder_name(&location.org_root)?,
    };
    let context = Context::new(&location, options, name, &zone);

    let org = |relative: &str| location.org_root.join(relative);
    let top = |relative: &str| location.repository_top().join(relative);
    let mut files = Vec::new();
    for (path, template) in [
        (org("orgit.yaml"), "orgit.yaml.j2"),
        (org("README.md"), "README.md.j2"),
        (org(".gitignore"), "gitignore.j2"),
        (org(&format!("teams/{TEAM_ID}.yaml")), "team.yaml.j2"),
        (org(&format!("people/{LEAD_ID}.yaml")), "person.yaml.j2"),
        (
            org(&format!("goals/{}/{}.md", context.period, context.goal.id)),
            "goal.md.j2",
        ),
        (
            org(&format!("decisions/{DECISION_ID}.md")),
            "decision.md.j2",
        ),
    ] {
        let content = render::render(template, &context)?;
        files.push(ScaffoldFile { path, content });
    }
    for (name, content) in crate::schema::all() {
        let path = org(&format!("schema/{name}"));
        files.push(ScaffoldFile { path, content });
    }
    for (path, template) in [
        (top(PR_WORKFLOW), "orgit-pr.yml.j2"),
        (top(WEEKLY_WORKFLOW), "orgit-weekly.yml.j2"),
        (top(PAGES_WORKFLOW), "orgit-pages.yml.j2"),
        (top(REMIND_WORKFLOW), "orgit-remind.yml.j2"),
    ] {
        let content = render::render(template, &context)?;
        files.push(ScaffoldFile { path, content });
    }
    let codeowners = codeowners(&location, &files);
    files.push(ScaffoldFile {
        path: top(CODEOWNERS),
        content: codeowners,
    });
    Ok(Scaffold { location, files })
}

/// The CODEOWNERS file `orgit codeowners` would write for the scaffold's
/// org, so `orgit codeowners --check` in the pull-request workflow passes
/// from the first commit.
fn codeowners(location: &Location, files: &[ScaffoldFile]) -> String {
    let raw: Vec<RawFile> = files
        .iter()
        .filter_map(|file| {
            let relative = file.path.strip_prefix(&location.org_root).ok()?;
            let path = relative.to_str()?.replace('\\', "/");
            layout::classify(&path)?;
            Some(RawFile {
                path,
                content: Ok(file.content.clone().into_bytes()),
            })
        })
        .collect();
    let mut raw = raw;
    raw.sort_by(|a, b| a.path.cmp(&b.path));
    let (org, _) = crate::loader::load_files(raw);
    let prefix = location
        .org_folder_in_repository()
        .map(|folder| format!("{folder}/"))
        .unwrap_or_default();
    crate::reports::codeowners::build(&org, &prefix).render()
}

impl Scaffold {
    /// Every file that is in the way, in the order of [`Scaffold::files`].
    pub fn conflicts(&self) -> Vec<Conflict<'_>> {
        self.files
            .iter()
            .filter_map(|file| obstacle(&file.path).map(|obstacle| Conflict { file, obstacle }))
            .collect()
    }

    /// Leaves out every file whose path exists already (a `README.md` GitHub
    /// created with the repository, say) and returns them, in order. Files
    /// blocked otherwise (a folder on the way is a file) stay conflicts.
    pub fn skip_existing(&mut self) -> Vec<ScaffoldFile> {
        let (skipped, kept) = std::mem::take(&mut self.files)
            .into_iter()
            .partition(|file| obstacle(&file.path) == Some(Obstacle::Exists));
        self.files = kept;
        skipped
    }

    /// Writes every file (each atomically), then creates the repository when
    /// the org is in none. Writes nothing when a file is in the way, and
    /// removes what it wrote when a write fails halfway.
    pub fn write(&self) -> Result<()> {
        if let Some(conflict) = self.conflicts().first() {
            return Err(Error::new(format!(
                "`{}` is in the way; nothing was written",
                conflict.file.path.display()
            )));
        }
        let mut written = Progress::default();
        for file in &self.files {
            if let Err(error) = written.write(file) {
                written.undo();
                return Err(error);
            }
        }
        match self.location.repository {
            Repository::Existing { .. } => Ok(()),
            Repository::New => {
                let root = &self.location.org_root;
                let mut options = RepositoryInitOptions::new();
                options.initial_head(INITIAL_BRANCH);
                git2::Repository::init_opts(root, &options).map_err(|e| {
                    Error::new(format!(
                        "wrote the org, but cannot create a git repository in `{}`: {}",
                        root.display(),
                        e.message()
                    ))
                    .hint("run `git init` there yourself")
                })?;
                Ok(())
            }
        }
    }
}

/// The files and folders written so far, to take back after a failure.
#[derive(Default)]
struct Progress {
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Progress {
    fn write(&mut self, file: &ScaffoldFile) -> Result<()> {
        if let Some(parent) = file.path.parent() {
            self.create_folders(parent)?;
        }
        write_atomic(&file.path, file.content.as_bytes())?;
        self.files.push(file.path.clone());
        Ok(())
    }

    /// Creates `folder` and the missing folders above it, remembering each.
    fn create_folders(&mut self, folder: &Path) -> Result<()> {
        let missing: Vec<&Path> = folder
            .ancestors()
            .take_while(|ancestor| !ancestor.exists())
            .collect();
        for folder in missing.into_iter().rev() {
            match fs::create_dir(folder) {
                Ok(()) => self.folders.push(folder.to_path_buf()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(Error::new(format!(
                        "cannot create `{}`: {e}",
                        folder.display()
                    )));
                }
            }
        }
        Ok(())
    }

    /// Removes what was written, newest first. Best effort: the error that
    /// stopped the writing is the one to report.
    fn undo(&mut self) {
        for file in self.files.drain(..).rev() {
            let _ = fs::remove_file(file);
        }
        for folder in self.folders.drain(..).rev() {
            let _ = fs::remove_dir(folder);
        }
    }
}

/// What keeps `path` from being written, if anything.
fn obstacle(path: &Path) -> Option<Obstacle> {
    if path.symlink_metadata().is_ok() {
        return Some(Obstacle::Exists);
    }
    for folder in path.ancestors().skip(1) {
        match fs::metadata(folder) {
            Ok(meta) if meta.is_dir() => return None,
            Ok(_) => return Some(Obstacle::NotAFolder(folder.to_path_buf())),
            Err(_) => continue,
        }
    }
    None
}

/// An org name from `--name`: one line of text.
fn checked_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::new("the org's name is empty").hint("pass `--name \"Your Company\"`"));
    }
    if name
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        return Err(Error::new(
            "the org's name must be one line of text, without control characters",
        )
        .hint("pass `--name \"Your Company\"`"));
    }
    Ok(name.to_owned())
}

/// The org root's folder name, the default name of the org.
fn folder_name(org_root: &Path) -> Result<String> {
    let name = org_root.file_name().and_then(|name| name.to_str());
    match name {
        Some(name) => checked_name(name),
        None => Err(Error::new(format!(
            "cannot name the org after `{}`",
            org_root.display()
        ))
        .hint("pass `--name \"Your Company\"`")),
    }
}

/// What the templates read.
#[derive(Serialize)]
struct Context {
    org: OrgContext,
    /// `YYYY-MM-DD`.
    today: Date,
    /// The fiscal quarter holding `today`: the first goal's period.
    period: Period,
    orgit_version: &'static str,
    /// Where the workflows install orgit from, and the same in words.
    orgit_source: OrgitSource,
    orgit_source_description: String,
    /// The org root relative to the repository's top, when they differ: the
    /// workflows run orgit there.
    working_directory: Option<String>,
    team: Named,
    lead: Lead,
    goal: GoalIds,
    decision: Named,
    workflows: Workflows,
    /// `friday`: `rhythm.checkin_day` in `orgit.yaml`.
    checkin_day: String,
    /// When the scheduled workflows wake, in UTC.
    schedule: schedule::Schedule,
}

#[derive(Serialize)]
struct OrgContext {
    name: String,
    timezone: String,
    fiscal_year_start_month: u8,
}

#[derive(Serialize)]
struct Named {
    id: &'static str,
}

#[derive(Serialize)]
struct Lead {
    id: &'static str,
    name: &'static str,
    role: &'static str,
}

#[derive(Serialize)]
struct GoalIds {
    id: String,
    key_result: String,
}

#[derive(Serialize)]
struct Workflows {
    pr: &'static str,
    weekly: &'static str,
    pages: &'static str,
    remind: &'static str,
}

impl Context {
    fn new(
        location: &Location,
        options: &InitOptions,
        name: String,
        zone: &jiff::tz::TimeZone,
    ) -> Context {
        let period = Period::containing(options.today, options.fiscal_year_start_month);
        // Ids are unique across the org and across time: the period in the
        // id keeps next quarter's goal from clashing with this one.
        let period_slug = period.to_string().to_lowercase();
        Context {
            org: OrgContext {
                name,
                timezone: options.timezone.clone(),
                fiscal_year_start_month: options.fiscal_year_start_month,
            },
            today: options.today,
            period,
            orgit_version: env!("CARGO_PKG_VERSION"),
            orgit_source: options.orgit_source.clone(),
            orgit_source_description: options.orgit_source.describe(),
            working_directory: location.org_folder_in_repository(),
            team: Named { id: TEAM_ID },
            lead: Lead {
                id: LEAD_ID,
                name: LEAD_NAME,
                role: LEAD_ROLE,
            },
            goal: GoalIds {
                id: format!("plan-in-git-{period_slug}"),
                key_result: format!("teams-planning-here-{period_slug}"),
            },
            decision: Named { id: DECISION_ID },
            workflows: Workflows {
                pr: PR_WORKFLOW,
                weekly: WEEKLY_WORKFLOW,
                pages: PAGES_WORKFLOW,
                remind: REMIND_WORKFLOW,
            },
            checkin_day: format!("{CHECKIN_DAY:?}").to_lowercase(),
            schedule: schedule::Schedule::for_zone(zone, options.today, CHECKIN_DAY),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(today: &str) -> InitOptions {
        InitOptions {
            name: Some("Acme".into()),
            timezone: "Europe/Berlin".into(),
            fiscal_year_start_month: 1,
            today: today.parse().unwrap(),
            orgit_source: OrgitSource::parse("action:acme/orgit@v1").unwrap(),
        }
    }

    fn relative_paths(scaffold: &Scaffold) -> Vec<String> {
        let root = &scaffold.location.org_root;
        scaffold
            .files
            .iter()
            .map(|f| f.path.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn the_first_goal_is_in_the_fiscal_quarter_of_today() {
        let dir = tempfile::tempdir().unwrap();
        let mut feb_start = options("2026-11-16");
        feb_start.fiscal_year_start_month = 2;
        let scaffold = plan(&dir.path().join("acme"), &feb_start).unwrap();
        // November is in the fourth quarter of a year that starts in February,
        // fiscal 2027.
        assert!(relative_paths(&scaffold).contains(&"goals/2027-Q4/plan-in-git-2027-q4.md".into()));
    }

    #[test]
    fn refuses_unknown_zones_months_and_blank_names() {
        let dir = tempfile::tempdir().unwrap();
        let mut bad_zone = options("2026-11-16");
        bad_zone.timezone = "Mars/Olympus".into();
        let error = plan(dir.path(), &bad_zone).unwrap_err();
        assert_eq!(error.message, "unknown time zone `Mars/Olympus`");

        let mut bad_month = options("2026-11-16");
        bad_month.fiscal_year_start_month = 13;
        let error = plan(dir.path(), &bad_month).unwrap_err();
        assert_eq!(error.message, "the fiscal year cannot start in month 13");

        for name in ["  ", "Acme\nInc"] {
            let mut bad_name = options("2026-11-16");
            bad_name.name = Some(name.into());
            assert!(plan(dir.path(), &bad_name).is_err(), "{name:?}");
        }
    }

    #[test]
    fn a_file_where_a_folder_goes_is_an_obstacle() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("acme");
        fs::create_dir_all(&root).unwrap();
        fs::write(root.join("people"), "not a folder").unwrap();
        fs::write(root.join("README.md"), "ours").unwrap();
        let scaffold = plan(&root, &options("2026-11-16")).unwrap();
        let conflicts: Vec<(String, Obstacle)> = scaffold
            .conflicts()
            .iter()
            .map(|c| {
                let path = c.file.path.strip_prefix(&scaffold.location.org_root);
                (path.unwrap().display().to_string(), c.obstacle.clone())
            })
            .collect();
        let people = scaffold.location.org_root.join("people");
        assert_eq!(
            conflicts,
            [
                ("README.md".to_owned(), Obstacle::Exists),
                ("people/lead.yaml".to_owned(), Obstacle::NotAFolder(people)),
            ]
        );
        assert!(scaffold.write().is_err());
        assert_eq!(fs::read_to_string(root.join("README.md")).unwrap(), "ours");
        assert!(!root.join("orgit.yaml").exists());
    }

    #[test]
    fn a_failed_write_takes_back_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("acme");
        let mut scaffold = plan(&root, &options("2026-11-16")).unwrap();
        // A path below the file written just before it cannot be created.
        let blocked = scaffold.files[0].path.join("below");
        scaffold.files.insert(
            1,
            ScaffoldFile {
                path: blocked,
                content: String::new(),
            },
        );
        assert!(scaffold.write().is_err());
        assert!(!root.exists(), "the org folder it created is removed too");
    }
}
