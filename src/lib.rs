//! orgit: an organization's execution system as plain text in git.
//!
//! Data flows one way:
//! [`source`] (working tree or git revision) → [`loader`] (files → typed
//! [`model`] with spans) → [`checks`] / [`graph`] / [`history`] (the org at
//! each week boundary, and every change, from git) / [`diff`] (two states
//! matched by id, held against the change [`policies`]) → [`reports`] (data
//! models rendered by templates) and [`diagnostics`] renderers. [`publish`]
//! writes a report and commits it; [`site`] renders the org and its history as
//! a static website; [`example`] generates an org with a
//! history to try all of it on, and [`init`] scaffolds a new one with its CI
//! workflows. No module reaches back up the flow.

pub mod checks;
pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod edit;
pub mod error;
pub mod example;
pub mod fsutil;
pub mod graph;
pub mod history;
pub mod init;
pub mod loader;
pub mod lsp;
pub mod model;
pub mod policies;
pub mod publish;
pub mod reports;
pub mod schema;
pub mod site;
pub mod source;

pub use error::{Error, Result};
