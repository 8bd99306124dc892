//! Reports rendered from the org and its history: the data model of each
//! report, and the templates that turn it into markdown.

pub mod agenda;
pub mod codeowners;
pub mod diff;
pub mod digest;
pub mod fit;
pub mod pace;
pub mod remind;
pub mod review;
pub mod scorecard;
pub mod scoring;
pub mod show;
pub mod sparkline;
pub mod status;
pub mod templates;
