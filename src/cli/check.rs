use std::io::Write;
use std::path::Path;

use clap::{Args, ValueEnum};

use super::{Outcome, Session, print};
use crate::checks::{self, CheckOptions, KpiHistory, KpiTrack};
use crate::diagnostics::render::{self, Files, Summary};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::error::Result;
use crate::history::{self, Request};
use crate::loader::ParseCache;
use crate::model::{Cadence, Date, Org, Policies};
use crate::policies::{self, GateRule};
use crate::reports::digest::Calendar;
use crate::reports::scorecard;
use crate::source::OrgRepository;

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
    let mut parses = ParseCache::new();
    // An org with KPIs reads their history next (`kpi_history`): loaded
    // through the same cache, the walk reuses the parse of every file
    // unchanged since it was committed. Without KPIs, the plain load keeps
    // no copies, so a large org without them checks as fast as ever.
    let loaded = if has_kpi_files(session) {
        session.load_keeping(&mut parses)?
    } else {
        session.load()?
    };
    let today = session.today(&loaded.org);
    let root = &loaded.location.root;
    let head = session.at.as_deref().unwrap_or("HEAD");
    let diagnostics = check_all(
        root,
        head,
        &loaded.org,
        loaded.diagnostics,
        today,
        &mut parses,
    )?;
    let mut diagnostics = match &args.base {
        Some(base) => {
            gate(
                session,
                root,
                &loaded.org,
                diagnostics,
                base,
                today,
                &mut parses,
            )?
            .diagnostics
        }
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
    parses: &mut ParseCache,
) -> Result<policies::Gate> {
    let base = session.load_base(root, base, session.at.as_deref())?;
    let base_problems = check_all(
        root,
        &base.commit,
        &base.org,
        base.diagnostics,
        today,
        parses,
    )?;
    Ok(policies::gate(
        &base.org,
        &base_problems,
        head,
        head_problems,
        today,
    ))
}

/// Whether the org's `kpis/` folder in the working tree holds anything: a
/// guess, made before loading, at whether the KPI history will be read.
fn has_kpi_files(session: &Session) -> bool {
    crate::source::discover(&session.cwd)
        .ok()
        .and_then(|location| std::fs::read_dir(location.root.join("kpis")).ok())
        .is_some_and(|mut entries| entries.next().is_some())
}

/// Every rule on `org` (loaded from the working tree or from `revision`),
/// those that read the KPIs' history from `revision` included, with the
/// problems of loading it (`loaded`).
fn check_all(
    root: &Path,
    revision: &str,
    org: &Org,
    loaded: Diagnostics,
    today: Date,
    parses: &mut ParseCache,
) -> Result<Diagnostics> {
    let options = CheckOptions { today };
    let mut diagnostics = checks::run_all(org, loaded, options);
    if let Some(history) = kpi_history(root, revision, org, today, parses)? {
        diagnostics.extend(checks::run_history(org, &history, options));
    }
    Ok(diagnostics)
}

/// The most weeks the KPI rules read back (five years): a policy asking
/// for a longer run than that is never met.
const MAX_KPI_WEEKS: usize = 261;

/// What git history says of `org`'s KPIs today, for `kpi-off-target` and
/// `kpi-stale`, judged by the digest scorecard's own functions, along the
/// main line of `revision`.
///
/// The periods are those of the scorecard the digest and `orgit agenda`
/// show by default: the weeks ending with the last complete one (at least
/// [`scorecard::WEEKS`], more when the policy asks for a longer run), so on
/// the day the digest is written all three count the same run. A run counts
/// only while the value being checked (`org`'s: the working tree, or
/// `--at`) is still off target: a pull request that brings it back on
/// target clears it.
///
/// Staleness is judged on today, from the last change up to `revision`; a
/// value in `org` that differs from `revision`'s (an edit in the working
/// tree) counts as changed today. Commits dated after today (a past
/// `--today`) are changes after today, so not stale.
///
/// `None`, and no walk at all, when the org has no KPIs or both rules are
/// off; also when the org is not in a git repository, the branch has no
/// commits yet, or the settings' calendar is invalid (`orgit check` reports
/// that). A shallow clone whose history stops inside the window skips the
/// two rules with a warning on stderr rather than judge from a cut history.
fn kpi_history(
    root: &Path,
    revision: &str,
    org: &Org,
    today: Date,
    parses: &mut ParseCache,
) -> Result<Option<KpiHistory>> {
    if org.kpis.is_empty() {
        return Ok(None);
    }
    let default = Policies::default();
    let settings = org.settings.as_deref();
    let policies = settings.map_or(&default, |s| &s.policies);
    let off_target_periods = policies.kpi_off_target_periods();
    if off_target_periods.is_none() && !policies.kpi_stale() {
        return Ok(None);
    }
    let Ok(repository) = OrgRepository::discover(root, "reading the KPIs' history") else {
        return Ok(None);
    };
    if revision == "HEAD" && repository.repo.head().is_err() {
        return Ok(None);
    }
    let head = repository.commit(revision)?;
    let head_id = head.id().to_string();
    let head_time = jiff::Timestamp::from_second(head.time().seconds()).ok();
    let Ok(calendar) = Calendar::from_settings(settings) else {
        return Ok(None);
    };

    let periods = off_target_periods.unwrap_or(1) as usize;
    let monthly = org.kpis.iter().any(|kpi| kpi.cadence() == Cadence::Monthly);
    // A month holds at most five week ends.
    let needed = if monthly {
        periods.saturating_mul(5).saturating_add(1)
    } else {
        periods
    };
    let last_complete = calendar.last_complete_week(today)?;
    let count = needed.clamp(scorecard::WEEKS, MAX_KPI_WEEKS);
    let weeks = scorecard::weeks_ending(&calendar, &last_complete, count)?;
    let mut instants = scorecard::instants(&weeks);
    // Past the head (usually newer than the last complete week), so the last
    // snapshot is the head's state and every change up to it is read.
    if let Some(after_head) =
        head_time.and_then(|t| t.checked_add(jiff::SignedDuration::from_secs(1)).ok())
        && instants.last().is_some_and(|last| *last < after_head)
    {
        instants.push(after_head);
    }
    // Only `kpis/`: the rules read nothing else, and on a large org the
    // other folders' 13 weeks would cost ten times the check itself.
    let request = Request {
        head: head_id,
        instants,
        time_zone: calendar.time_zone.clone(),
        only: Some(scorecard::HISTORY_FOLDERS),
    };
    let history = match history::reconstruct_with(root, &request, parses, &mut |_| {}) {
        Ok(history) => history,
        Err(e) if repository.repo.is_shallow() => {
            eprintln!(
                "warning: kpi-off-target and kpi-stale were not checked: they read the KPIs' \
                 history since {}, and this shallow clone does not reach it ({}); fetch the \
                 full history (`fetch-depth: 0` in actions/checkout)",
                weeks[0].first_day, e.message
            );
            return Ok(None);
        }
        Err(e) => return Err(e),
    };

    let committed = history.snapshots.last();
    let mut kpis = std::collections::BTreeMap::new();
    for kpi in &org.kpis {
        let id = kpi.id.value.as_str();
        let value = kpi.value.value;
        let trend = scorecard::trend(&history, &weeks, id);
        let edited = committed
            .and_then(|s| s.entities.get(id))
            .and_then(|state| state.value)
            != Some(value);
        let last_changed = if edited {
            Some(today)
        } else {
            scorecard::last_changed(&history, id)
        };
        let run = kpi
            .goalpost()
            .filter(|goalpost| !goalpost.is_met(value))
            .map(|g| scorecard::off_target_run(g, kpi.cadence(), &weeks, &trend));
        kpis.insert(
            id.to_owned(),
            KpiTrack {
                off_target_periods: run.map_or(0, |r| r.periods),
                off_target_since: run.and_then(|r| r.since).map(|p| p.to_string()),
                off_target_since_first_period: run.is_some_and(|r| r.from_first_period),
                last_changed,
                stale: scorecard::is_stale(kpi.cadence(), last_changed, today),
            },
        );
    }
    Ok(Some(KpiHistory {
        first_day: weeks.first().map(|w| w.first_day),
        kpis,
    }))
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
