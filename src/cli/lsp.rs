//! `orgit lsp`: the language server on stdin and stdout (see [`crate::lsp`]).

use clap::Args;

use super::{Outcome, Session};
use crate::error::{Error, Result};

#[derive(Args, Debug)]
pub struct LspArgs {
    /// Speak LSP on stdin and stdout (the only transport; editors pass it)
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(session: &Session, _args: &LspArgs) -> Result<Outcome> {
    if session.at.is_some() {
        return Err(
            Error::new("`orgit lsp` checks files as the editor holds them").hint("drop `--at`"),
        );
    }
    let (connection, io_threads) = lsp_server::Connection::stdio();
    crate::lsp::serve(&connection, session.today)?;
    drop(connection);
    io_threads
        .join()
        .map_err(|e| Error::new(format!("reading from the editor: {e}")))?;
    Ok(Outcome::Clean)
}
