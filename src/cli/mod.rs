//! The command line: a clap-derive `Command` enum dispatching to one module per
//! command. Exit codes are a contract: 0 ok, 1 problems found, 2 could not run.

mod agenda;
mod check;
mod checkin;
mod codeowners;
mod completions;
mod diff;
mod digest;
mod example;
mod explain;
mod graph;
mod impact;
mod init;
mod list;
mod lsp;
mod new;
mod progress;
mod remind;
mod report_output;
mod review;
mod schema;
mod screen;
mod session;
mod set;
mod show;
mod site;
mod status;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use session::Session;

use crate::model::Date;

#[derive(Parser, Debug)]
#[command(
    name = "orgit",
    version,
    about = "Run your organization's execution system out of a git repository",
    long_about = "Run your organization's execution system out of a git repository.\n\n\
        People, teams, goals with key results, initiatives, dependencies, decisions,\n\
        risks and weekly updates live as YAML and markdown files; orgit validates them\n\
        and reports on them.\n\n\
        Exit codes: 0 ok, 1 problems found, 2 could not run."
)]
pub struct Cli {
    /// Run as if orgit was started in DIR
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub directory: Option<PathBuf>,
    /// Evaluate the org as of a git revision (read from git, never checked out)
    #[arg(long, global = true, value_name = "REV")]
    pub at: Option<String>,
    /// When to color output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Use this date (YYYY-MM-DD) as today for date rules, so runs are reproducible
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<Date>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate the org: every problem, each at file:line:col with a fix
    Check(check::CheckArgs),
    /// Explain a diagnostic code: what it means and how to fix it
    Explain(explain::ExplainArgs),
    /// Write the JSON Schemas of every file kind (for editors and CI)
    Schema(schema::SchemaArgs),
    /// Generate a realistic example org as a git repo with weeks of history
    Example(example::ExampleArgs),
    /// The weekly digest, rendered from git history
    Digest(digest::DigestArgs),
    /// The weekly leadership meeting's agenda, prepared from git history
    Agenda(agenda::AgendaArgs),
    /// A monthly, quarterly or annual review: goals scored, from git history
    Review(review::ReviewArgs),
    /// The alignment and dependency graph: DOT, Mermaid or JSON
    Graph(graph::GraphArgs),
    /// What slips if an item slips (--upstream: what it waits on)
    Impact(impact::ImpactArgs),
    /// One item: its fields, its links both ways, its history this period
    Show(show::ShowArgs),
    /// Where the org stands now, team by team, on one screen
    Status(status::StatusArgs),
    /// Write .github/CODEOWNERS: each entity's file owned by its owner and team lead
    Codeowners(codeowners::CodeownersArgs),
    /// What a pull request changes in the plan, in words: a PR comment or JSON
    Diff(diff::DiffArgs),
    /// Scaffold a new org repository, with its GitHub Actions workflows
    Init(init::InitArgs),
    /// Every id in the org (or of one kind) with its title and file
    List(list::ListArgs),
    /// New files for the weekly chores: a team's check-in, a decision record
    New(new::NewArgs),
    /// Write this week's check-in for a team, pre-filled with its key results
    Checkin(checkin::CheckinArgs),
    /// Who owes a check-in, and what is stale or overdue, with GitHub handles
    Remind(remind::RemindArgs),
    /// Set a metric key result's `current` or a KPI's `value`, in place
    Set(set::SetArgs),
    /// A language server on stdio: check's diagnostics in the editor, as you type
    Lsp(lsp::LspArgs),
    /// Print the shell completion script (bash, zsh, fish, powershell, elvish)
    Completions(completions::CompletionsArgs),
    /// Write the org as a static website (for GitHub Pages, or opened from disk)
    Site(site::SiteArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How a command ended, when it could run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to report (exit 0).
    Clean,
    /// Problems found (exit 1).
    Problems,
}

/// Parses the command line, runs the command and maps the result to the exit
/// code contract.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Clean) => ExitCode::from(0),
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(error) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "error: {}", error.message);
            if let Some(hint) = &error.hint {
                let _ = writeln!(stderr, "hint: {hint}");
            }
            ExitCode::from(2)
        }
    }
}

pub fn run(cli: Cli) -> crate::Result<Outcome> {
    // Needs no org and no working directory.
    if let Command::Completions(args) = &cli.command {
        return completions::run(args);
    }
    let session = Session::new(&cli)?;
    match &cli.command {
        Command::Check(args) => check::run(&session, args),
        Command::Explain(args) => explain::run(args),
        Command::Schema(args) => schema::run(&session, args),
        Command::Example(args) => example::run(&session, args),
        Command::Digest(args) => digest::run(&session, args),
        Command::Agenda(args) => agenda::run(&session, args),
        Command::Review(args) => review::run(&session, args),
        Command::Graph(args) => graph::run(&session, args),
        Command::Impact(args) => impact::run(&session, args),
        Command::Show(args) => show::run(&session, args),
        Command::Status(args) => status::run(&session, args),
        Command::Codeowners(args) => codeowners::run(&session, args),
        Command::Diff(args) => diff::run(&session, args),
        Command::Init(args) => init::run(&session, args),
        Command::List(args) => list::run(&session, args),
        Command::New(args) => new::run(&session, args),
        Command::Checkin(args) => checkin::run(&session, args),
        Command::Remind(args) => remind::run(&session, args),
        Command::Set(args) => set::run(&session, args),
        Command::Lsp(args) => lsp::run(&session, args),
        Command::Completions(args) => completions::run(args),
        Command::Site(args) => site::run(&session, args),
    }
}

/// Writes to stdout; a closed pipe (`orgit check | head`) is not an error.
pub(crate) fn print(text: &str) -> crate::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(crate::Error::new(format!("cannot write output: {e}"))),
    }
}
