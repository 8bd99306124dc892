//! A spinner on stderr while orgit walks history, so a long walk shows it is
//! alive. Drawn only when stderr is a terminal: indicatif's stderr target hides
//! itself otherwise (and when `TERM=dumb`), so CI logs, pipes and tests capture
//! nothing from it.

use std::time::Duration;

use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::history::Progress;

/// Progress of a history walk: "reading history  1,234 commits (56 changed
/// the org), 310 files parsed".
pub struct WalkProgress {
    bar: ProgressBar,
    label: &'static str,
}

impl WalkProgress {
    /// A spinner labelled `label` (e.g. "reading history"), on stderr when it
    /// is a terminal, invisible otherwise.
    pub fn new(label: &'static str) -> WalkProgress {
        WalkProgress::with_target(label, ProgressDrawTarget::stderr())
    }

    fn with_target(label: &'static str, target: ProgressDrawTarget) -> WalkProgress {
        let bar = ProgressBar::with_draw_target(None, target);
        // The template is a constant; it parses.
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        bar.set_message(label);
        // Ticks on its own, so the spinner moves while one commit takes long.
        if !bar.is_hidden() {
            bar.enable_steady_tick(Duration::from_millis(100));
        }
        WalkProgress { bar, label }
    }

    /// Shows where the walk is.
    pub fn update(&self, progress: Progress) {
        if self.bar.is_hidden() {
            return;
        }
        self.bar.set_message(message(self.label, progress));
    }

    /// Removes the spinner, leaving the terminal as it was.
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}

fn message(label: &str, progress: Progress) -> String {
    let count = |n: usize, one: &str, many: &str| {
        let noun = if n == 1 { one } else { many };
        format!("{} {noun}", HumanCount(n as u64))
    };
    let mut text = format!(
        "{label}  {} ({} changed the org)",
        count(progress.commits, "commit", "commits"),
        HumanCount(progress.org_commits as u64)
    );
    // Zero while the walk is still finding commits; files are parsed after.
    if progress.files_parsed > 0 {
        text.push_str(", ");
        text.push_str(&count(progress.files_parsed, "file parsed", "files parsed"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_counts_commits_with_separators() {
        let walking = Progress {
            commits: 1234,
            org_commits: 56,
            files_parsed: 0,
        };
        assert_eq!(
            message("reading history", walking),
            "reading history  1,234 commits (56 changed the org)"
        );
        let replaying = Progress {
            files_parsed: 2310,
            ..walking
        };
        assert_eq!(
            message("reading history", replaying),
            "reading history  1,234 commits (56 changed the org), 2,310 files parsed"
        );
        let one = Progress {
            commits: 1,
            org_commits: 1,
            files_parsed: 1,
        };
        assert_eq!(
            message("reading history", one),
            "reading history  1 commit (1 changed the org), 1 file parsed"
        );
    }

    #[test]
    fn hidden_target_stays_hidden() {
        let progress = WalkProgress::with_target("reading history", ProgressDrawTarget::hidden());
        assert!(progress.bar.is_hidden());
        progress.update(Progress {
            commits: 3,
            org_commits: 2,
            files_parsed: 0,
        });
        progress.finish();
    }
}
