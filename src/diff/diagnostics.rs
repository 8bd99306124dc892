//! The diagnostics a change introduces or resolves.
//!
//! Each side's diagnostics are all `orgit check` reports on it. Two are the
//! same problem when their code, message and file are; the file is followed
//! across renames, and line and column are not compared, since an edit above
//! a problem moves it without fixing it. Matching is by count: two identical
//! problems in base and three in head make one introduced.
//!
//! A problem left unmatched on both sides with the same code and file, at the
//! same written value, is one problem whose message changed (a dependency now
//! 18 days late instead of 11), not one resolved and one introduced.

use std::collections::{BTreeMap, HashMap};

use super::{ChangedDiagnostic, DiagnosticSummary, DiagnosticsChange};
use crate::diagnostics::render::{Files, byte_range};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::Org;

/// One side of the comparison: the org and everything `orgit check` reports
/// on it.
#[derive(Clone, Copy)]
pub(super) struct Side<'a> {
    pub org: &'a Org,
    pub problems: &'a Diagnostics,
}

/// A diagnostic located on its side, with the path it is matched by.
struct Located {
    summary: DiagnosticSummary,
    /// The path in head's terms: a base file that was renamed counts as its
    /// new path.
    matched_path: String,
    /// The text the diagnostic points at (`2026-11-30`, `offline-sync`);
    /// empty when it points at no text.
    anchor: String,
}

type Key<'a> = (Code, &'a str, &'a str);

impl Located {
    fn key(&self) -> Key<'_> {
        (
            self.summary.code,
            self.summary.message.as_str(),
            self.matched_path.as_str(),
        )
    }
}

/// What `head` has that `base` has not (introduced) and the reverse
/// (resolved), each in its side's file and position order.
/// `renamed_files` maps base paths to head paths.
pub(super) fn changes(
    base: Side<'_>,
    head: Side<'_>,
    renamed_files: &BTreeMap<String, String>,
) -> DiagnosticsChange {
    let before = located(base.org, &sorted(base.problems), |path| {
        follow(renamed_files, path)
    });
    let after = located(head.org, &sorted(head.problems), str::to_owned);
    let introduced = unmatched(&after, &before);
    let resolved = unmatched(&before, &after);
    let (pairs, resolved) = pair_changed(introduced, resolved);
    let mut change = DiagnosticsChange::default();
    for (after, before) in pairs {
        match before {
            Some(before) => change.changed.push(ChangedDiagnostic {
                before: before.summary.clone(),
                after: after.summary.clone(),
            }),
            None => change.introduced.push(after.summary.clone()),
        }
    }
    change.resolved = resolved.into_iter().map(|d| d.summary.clone()).collect();
    change
}

/// For each of `head_sorted` (diagnostics on the head, sorted as
/// [`Diagnostics::into_sorted`] sorts them), whether the change introduced
/// it: `false` for a problem already on the base, with the same message or
/// a changed one ([`changes`]'s "changed").
pub(super) fn introduced_flags(
    base: Side<'_>,
    head_org: &Org,
    head_sorted: &[Diagnostic],
    renamed_files: &BTreeMap<String, String>,
) -> Vec<bool> {
    let before = located(base.org, &sorted(base.problems), |path| {
        follow(renamed_files, path)
    });
    let after = located(head_org, head_sorted, str::to_owned);
    let introduced = unmatched(&after, &before);
    let resolved = unmatched(&before, &after);
    let (pairs, _) = pair_changed(introduced, resolved);
    let new: Vec<*const Located> = pairs
        .iter()
        .filter(|(_, before)| before.is_none())
        .map(|(after, _)| std::ptr::from_ref(*after))
        .collect();
    after
        .iter()
        .map(|d| new.contains(&std::ptr::from_ref(d)))
        .collect()
}

/// A base path in head's terms.
fn follow(renamed_files: &BTreeMap<String, String>, path: &str) -> String {
    renamed_files
        .get(path)
        .map_or(path, String::as_str)
        .to_owned()
}

/// Pairs an introduced and a resolved problem into a changed one when they
/// share code, file and anchor; in order, one for one. Returns each
/// introduced problem with the resolved one it is paired with, if any, and
/// the resolved problems left over.
#[allow(clippy::type_complexity)]
fn pair_changed<'a>(
    introduced: Vec<&'a Located>,
    resolved: Vec<&'a Located>,
) -> (Vec<(&'a Located, Option<&'a Located>)>, Vec<&'a Located>) {
    let anchor_key = |d: &Located| (d.summary.code, d.matched_path.clone(), d.anchor.clone());
    let mut was: BTreeMap<_, Vec<&Located>> = BTreeMap::new();
    for diagnostic in resolved.iter().rev().filter(|d| !d.anchor.is_empty()) {
        was.entry(anchor_key(diagnostic))
            .or_default()
            .push(diagnostic);
    }
    let mut paired_before = Vec::new();
    let mut pairs = Vec::new();
    for after in introduced {
        let before = was.get_mut(&anchor_key(after)).and_then(Vec::pop);
        if let Some(before) = before {
            paired_before.push(std::ptr::from_ref(before));
        }
        pairs.push((after, before));
    }
    let resolved = resolved
        .into_iter()
        .filter(|d| !paired_before.contains(&std::ptr::from_ref(*d)))
        .collect();
    (pairs, resolved)
}

/// `problems` sorted and without duplicates, as `orgit check` prints them.
fn sorted(problems: &Diagnostics) -> Vec<Diagnostic> {
    let mut all = Diagnostics::new();
    for diagnostic in problems.iter() {
        all.push(diagnostic.clone());
    }
    all.into_sorted()
}

/// Every diagnostic of `sorted` (on `org`), located.
fn located(
    org: &Org,
    sorted: &[Diagnostic],
    matched_path: impl Fn(&str) -> String,
) -> Vec<Located> {
    // Org-relative paths, as `orgit check --format json` computes them.
    let files = Files::new(&org.files, String::new());
    sorted
        .iter()
        .map(|diagnostic| {
            let path = files.path(diagnostic.primary.file);
            let text = org
                .files
                .get(diagnostic.primary.file.0 as usize)
                .map_or("", |file| file.text.as_str());
            let anchor = byte_range(text, diagnostic.primary.span)
                .and_then(|range| text.get(range))
                .unwrap_or_default()
                .to_owned();
            Located {
                matched_path: matched_path(&path),
                anchor,
                summary: summary(diagnostic.clone(), path),
            }
        })
        .collect()
}

fn summary(diagnostic: Diagnostic, path: String) -> DiagnosticSummary {
    let span = diagnostic.primary.span;
    DiagnosticSummary {
        code: diagnostic.code,
        severity: diagnostic.severity,
        path,
        line: span.line as usize,
        column: span.column as usize,
        message: diagnostic.message,
    }
}

/// The diagnostics of `side` left over once each is matched against one of
/// `other` with the same key.
fn unmatched<'a>(side: &'a [Located], other: &[Located]) -> Vec<&'a Located> {
    let mut available: HashMap<Key<'_>, usize> = HashMap::new();
    for diagnostic in other {
        *available.entry(diagnostic.key()).or_default() += 1;
    }
    side.iter()
        .filter(|diagnostic| match available.get_mut(&diagnostic.key()) {
            Some(count) if *count > 0 => {
                *count -= 1;
                false
            }
            _ => true,
        })
        .collect()
}
