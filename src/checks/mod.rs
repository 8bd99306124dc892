//! `orgit check`: every rule that makes an org trustworthy. Each family of rules
//! is a small module that reads the model and pushes diagnostics; none formats
//! output or stops early, so one run reports every problem.

mod accountability;
mod decisions;
mod dependencies;
mod files;
mod issues;
mod kpi_history;
mod kpis;
mod references;
mod risks;
mod structure;
mod todos;

use crate::diagnostics::Diagnostics;
use crate::model::{Date, Org};

pub use kpi_history::{KpiHistory, KpiTrack};

/// What the rules need besides the org.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    /// "Today" for rules about dates (past due, review overdue): the org's local
    /// date, or `--today` so CI and tests are reproducible.
    pub today: Date,
}

/// Everything a rule reads, and the sink it writes into.
pub struct Context<'a> {
    pub org: &'a Org,
    pub today: Date,
    pub diagnostics: Diagnostics,
}

/// Runs every rule on `org`.
pub fn run(org: &Org, options: CheckOptions) -> Diagnostics {
    let mut cx = Context {
        org,
        today: options.today,
        diagnostics: Diagnostics::new(),
    };
    files::check(&mut cx);
    references::check(&mut cx);
    structure::check(&mut cx);
    dependencies::check(&mut cx);
    accountability::check(&mut cx);
    decisions::check(&mut cx);
    risks::check(&mut cx);
    kpis::check(&mut cx);
    issues::check(&mut cx);
    todos::check(&mut cx);
    cx.diagnostics
}

/// Everything `orgit check` reports on `org`: the problems of loading it
/// (`loaded`) and those of every rule.
pub fn run_all(org: &Org, loaded: Diagnostics, options: CheckOptions) -> Diagnostics {
    let mut all = run(org, options);
    all.extend(loaded);
    all
}

/// The rules that read git history (`kpi-off-target`, `kpi-stale`), on
/// what `orgit check` read of it. They are not part of [`run`]: a caller
/// without the history (the editor, a report) leaves them out.
pub fn run_history(org: &Org, history: &KpiHistory, options: CheckOptions) -> Diagnostics {
    kpi_history::check(org, history, options.today)
}

/// "1 day", "5 days": the wording of every date-distance message.
fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}
