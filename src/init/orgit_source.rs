//! Where the generated workflows get orgit from: `orgit init --orgit-source`.
//!
//! Always pinned, so a workflow with `contents: write` runs the orgit its
//! authors chose and not whatever a name resolves to later:
//! - `action:OWNER/REPO@REF`: orgit's own GitHub Action (`action.yml` at the
//!   top of orgit's repository), which builds orgit from that revision of
//!   its sources and caches the binary. The default when this orgit was
//!   built from a `Cargo.toml` whose `repository` is on GitHub
//!   (`action:OWNER/REPO@v<version>`).
//! - `git:URL@REV`: `cargo install --locked --git URL --rev REV`.
//! - `crates.io`: `cargo install --locked orgit --version <this version>`,
//!   for when orgit is published there.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::source::GitHubRepository;

/// The flag, for messages.
const FLAG: &str = "--orgit-source";

/// Where the workflows install orgit from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OrgitSource {
    /// `uses: OWNER/REPO@REF`.
    Action {
        repository: String,
        reference: String,
    },
    /// `cargo install --git URL --rev REV`.
    Git { url: String, rev: String },
    /// `cargo install orgit --version VERSION`.
    CratesIo { version: String },
}

impl OrgitSource {
    /// Parses the value of `--orgit-source`.
    pub fn parse(text: &str) -> Result<OrgitSource> {
        let text = text.trim();
        if text == "crates.io" {
            return Ok(OrgitSource::CratesIo {
                version: env!("CARGO_PKG_VERSION").to_owned(),
            });
        }
        if let Some(rest) = text.strip_prefix("action:") {
            let (repository, reference) = pinned(rest, "action:OWNER/REPO@REF")?;
            let parts: Vec<&str> = repository.split('/').collect();
            let valid = parts.len() == 2
                && parts.iter().all(|part| {
                    !part.is_empty()
                        && !part.starts_with('.')
                        && part
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                });
            if !valid {
                return Err(Error::new(format!(
                    "`{repository}` in `{FLAG} {text}` is not a GitHub repository"
                ))
                .hint("name it as OWNER/REPO, e.g. `action:acme/orgit@v0.1.0`"));
            }
            return Ok(OrgitSource::Action {
                repository: repository.to_owned(),
                reference: reference.to_owned(),
            });
        }
        if let Some(rest) = text.strip_prefix("git:") {
            let (url, rev) = pinned(rest, "git:URL@REV")?;
            if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(
                    Error::new(format!("`{url}` in `{FLAG} {text}` is not a git URL"))
                        .hint("e.g. `git:https://github.com/acme/orgit@v0.1.0`"),
                );
            }
            return Ok(OrgitSource::Git {
                url: url.to_owned(),
                rev: rev.to_owned(),
            });
        }
        Err(
            Error::new(format!("unknown orgit source `{text}`")).hint(format!(
                "give `{FLAG} action:OWNER/REPO@REF`, `{FLAG} git:URL@REV` or `{FLAG} crates.io`"
            )),
        )
    }

    /// The source when `--orgit-source` is not given: the action of the
    /// repository this orgit was built from, at this version's tag. An error
    /// that explains the flag when that repository is unknown.
    pub fn default_for_build() -> Result<OrgitSource> {
        Self::default_for(env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_VERSION"))
    }

    fn default_for(repository: &str, version: &str) -> Result<OrgitSource> {
        if let Some(repo) = GitHubRepository::parse(repository) {
            let path = repo.web_url.trim_start_matches("https://github.com/");
            return Ok(OrgitSource::Action {
                repository: path.to_owned(),
                reference: format!("v{version}"),
            });
        }
        Err(Error::new(
            "cannot tell where the workflows should get orgit from: this orgit was built \
             without the address of its repository on GitHub (no `repository` in its Cargo.toml), \
             and it is not published on crates.io",
        )
        .hint(format!(
            "pass `{FLAG} action:OWNER/REPO@REF` (the GitHub repository you host orgit's sources in, \
             at a tag or commit: its action.yml builds orgit there), `{FLAG} git:URL@REV`, \
             or `{FLAG} crates.io` once orgit {version} is published there; see docs/ci.md"
        )))
    }

    /// How the workflows' comments name it.
    pub fn describe(&self) -> String {
        match self {
            OrgitSource::Action {
                repository,
                reference,
            } => format!("the action {repository}@{reference}"),
            OrgitSource::Git { url, rev } => format!("{url} at {rev}"),
            OrgitSource::CratesIo { version } => format!("crates.io, version {version}"),
        }
    }
}

/// `WHAT@PIN` split at its last `@`; the pin is required and is one word
/// of a tag's, branch's or commit's characters.
fn pinned<'a>(text: &'a str, form: &str) -> Result<(&'a str, &'a str)> {
    let Some((what, pin)) = text.rsplit_once('@') else {
        return Err(
            Error::new(format!("`{text}` is not pinned to a revision")).hint(format!(
                "give it as `{form}`, with a tag or a commit id: the workflows run with \
                 write access, so they run the orgit you chose, not what a name points at later"
            )),
        );
    };
    let valid_pin = !pin.is_empty()
        && !pin.starts_with('-')
        && pin
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '+'));
    if !valid_pin {
        return Err(
            Error::new(format!("`{pin}` is not a tag, branch or commit id"))
                .hint(format!("give it as `{form}`, e.g. `v0.1.0` or a commit id")),
        );
    }
    Ok((what, pin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_sources_parse_pinned() {
        assert_eq!(
            OrgitSource::parse("action:acme/orgit@v0.1.0").unwrap(),
            OrgitSource::Action {
                repository: "acme/orgit".into(),
                reference: "v0.1.0".into()
            }
        );
        assert_eq!(
            OrgitSource::parse("git:git@github.com:acme/orgit.git@0123abc").unwrap(),
            OrgitSource::Git {
                url: "git@github.com:acme/orgit.git".into(),
                rev: "0123abc".into()
            }
        );
        assert_eq!(
            OrgitSource::parse("crates.io").unwrap(),
            OrgitSource::CratesIo {
                version: env!("CARGO_PKG_VERSION").into()
            }
        );
    }

    #[test]
    fn unpinned_or_malformed_sources_are_refused() {
        for (text, message) in [
            (
                "action:acme/orgit",
                "`acme/orgit` is not pinned to a revision",
            ),
            ("action:acme/orgit@", "`` is not a tag, branch or commit id"),
            (
                "action:acme@v1",
                "`acme` in `--orgit-source action:acme@v1` is not a GitHub repository",
            ),
            (
                "action:acme/orgit/x@v1",
                "`acme/orgit/x` in `--orgit-source action:acme/orgit/x@v1` is not a GitHub repository",
            ),
            (
                "git:https://x/y@v1 $(id)",
                "`v1 $(id)` is not a tag, branch or commit id",
            ),
            ("git:@v1", "`` in `--orgit-source git:@v1` is not a git URL"),
            ("cargo", "unknown orgit source `cargo`"),
        ] {
            let error = OrgitSource::parse(text).unwrap_err();
            assert_eq!(error.message, message, "{text}");
        }
    }

    #[test]
    fn the_default_is_the_action_of_the_repository_orgit_was_built_from() {
        assert_eq!(
            OrgitSource::default_for("https://github.com/acme/orgit", "1.2.3").unwrap(),
            OrgitSource::Action {
                repository: "acme/orgit".into(),
                reference: "v1.2.3".into()
            }
        );
        let error = OrgitSource::default_for("", "1.2.3").unwrap_err();
        assert!(error.message.starts_with("cannot tell where the workflows"));
    }
}
