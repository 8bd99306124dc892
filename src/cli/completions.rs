//! `orgit completions SHELL`: the shell completion script, generated from the
//! clap definition of the command line so it never drifts from it.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Outcome, print};
use crate::error::Result;

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs) -> Result<Outcome> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "orgit", &mut script);
    print(&String::from_utf8_lossy(&script))?;
    Ok(Outcome::Clean)
}
