//! What `orgit digest` and `orgit review` share once their report is built:
//! printing it as its data model or through its template, and writing it to
//! the org's folder for it, with or without a commit.

use std::path::Path;

use serde::Serialize;

use super::Session;
use crate::error::{Error, Result};
use crate::publish::{Published, publish};
use crate::reports::templates::Templates;

/// The report as pretty JSON (its documented data model), or rendered by
/// `template` as the org's templates at `head` have it.
pub(super) fn render<T: Serialize>(
    report: &T,
    as_json: bool,
    root: &Path,
    head: &str,
    template: &str,
    what: &str,
) -> Result<String> {
    if as_json {
        let mut json = serde_json::to_string_pretty(report)
            .map_err(|e| Error::new(format!("cannot write the {what} as JSON: {e}")))?;
        json.push('\n');
        return Ok(json);
    }
    Templates::for_org(root, Some(head))?.render(template, report)
}

/// `<folder>/<name>.md`, or `<folder>/<name>-<team>.md` for one team's
/// report. A team id names a file here, so only a slug may (`orgit check`
/// says which ids are not).
pub(super) fn report_path(
    folder: &str,
    name: &str,
    team: Option<&str>,
    what: &str,
) -> Result<String> {
    match team {
        None => Ok(format!("{folder}/{name}.md")),
        Some(team) if is_slug(team) => Ok(format!("{folder}/{name}-{team}.md")),
        Some(team) => Err(Error::new(format!(
            "cannot name a {what} file after team `{team}`: it is not a lowercase slug"
        ))
        .hint(format!(
            "`orgit check` reports the team's id; fix it, or print the {what} without `--write`"
        ))),
    }
}

/// Writes `markdown` to `relative` under `root`, committing it alone with
/// `message` when there is one, and says what happened.
pub(super) fn publish_report(
    session: &Session,
    root: &Path,
    relative: &str,
    markdown: &str,
    message: Option<&str>,
) -> Result<String> {
    let shown = format!("{}{relative}", session.display_prefix(root));
    Ok(
        match publish(root, relative, markdown.as_bytes(), message)? {
            Published::Written => format!("wrote {shown}"),
            Published::Committed { commit } => {
                format!("committed {shown} as {}", &commit[..commit.len().min(7)])
            }
            Published::Unchanged if message.is_some() => {
                format!("{shown} is unchanged; nothing to commit")
            }
            Published::Unchanged => format!("{shown} is unchanged"),
        },
    )
}

pub(super) fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_report_is_named_after_the_team_when_its_id_is_a_slug() {
        assert_eq!(
            report_path("digests", "2026-W47", None, "digest").unwrap(),
            "digests/2026-W47.md"
        );
        assert_eq!(
            report_path("reviews", "2026-Q3", Some("growth-eng"), "review").unwrap(),
            "reviews/2026-Q3-growth-eng.md"
        );
        for team in ["Growth", "../etc", "-x", "a b", ""] {
            let error = report_path("reviews", "2026-Q3", Some(team), "review").unwrap_err();
            assert!(
                error.to_string().contains("not a lowercase slug"),
                "{team}: {error}"
            );
        }
    }
}
