//! Commits that touch only code outside the org root, for the monorepo case:
//! a product repository where the plan lives in a sub-folder and most commits
//! are about something else. Drawn from their own random stream, so the org's
//! story is the same whatever their number.

use rand::seq::IndexedRandom;
use rand::{Rng as _, SeedableRng};

use super::Rng;
use super::calendar::{Calendar, Instant, WeekTime};
use super::commit::{Author, FileChange, Lane, PlannedCommit};
use crate::error::Result;

/// The folder noise commits write under.
pub(super) const CODE_DIR: &str = "services";

const SERVICES: &[&str] = &[
    "billing",
    "search",
    "scheduler",
    "notifications",
    "auth",
    "reporting",
    "sync",
    "gateway",
    "exports",
    "webhooks",
    "audit",
    "imports",
];
const MODULES: &[&str] = &["handlers", "config", "retry", "metrics", "client"];
const CHANGES: &[&str] = &[
    "tune timeouts in",
    "raise the retry limit in",
    "smaller batches in",
    "clean up",
    "fix flaky test around",
];

pub(super) struct Noise {
    rng: Rng,
    /// When each commit happens, oldest first; `next` is the first not yet written.
    times: Vec<Instant>,
    next: usize,
    authors: Vec<Author>,
    revision: u32,
}

impl Noise {
    /// `before` commits spread over the weeks before the final
    /// `recent_weeks`, and `per_recent_week` in each of those, at working-day
    /// times.
    pub fn new(
        seed: u64,
        calendar: &Calendar,
        before: u32,
        per_recent_week: u32,
        recent_weeks: u32,
        authors: Vec<Author>,
    ) -> Result<Noise> {
        let mut rng = Rng::seed_from_u64(seed);
        // Stream 0 tells the org's story; this one is independent of it.
        rng.set_stream(1);
        // Weeks are numbered from 0; the recent ones are the last few.
        let first_recent = (calendar.final_week() + 1).saturating_sub(recent_weeks);
        let total = before.saturating_add(per_recent_week.saturating_mul(recent_weeks));
        let mut times = Vec::with_capacity(total as usize);
        for n in 0..total {
            let week = if n >= before {
                first_recent + (n - before) / per_recent_week.max(1)
            } else if first_recent == 0 {
                0
            } else {
                rng.random_range(0..first_recent)
            };
            let at = WeekTime {
                weekday: rng.random_range(0..5),
                second: rng.random_range(8 * 3600..19 * 3600),
            };
            times.push(calendar.instant(week, at)?);
        }
        times.sort();
        Ok(Noise {
            rng,
            times,
            next: 0,
            authors,
            revision: 0,
        })
    }

    /// The next commit, if it happens before `time` (or at all, for `None`).
    pub fn next_before(&mut self, time: Option<Instant>) -> Option<PlannedCommit> {
        let at = *self.times.get(self.next)?;
        if time.is_some_and(|t| at >= t) {
            return None;
        }
        self.next += 1;
        self.revision += 1;
        let service = *SERVICES.choose(&mut self.rng)?;
        let module = *MODULES.choose(&mut self.rng)?;
        let change = *CHANGES.choose(&mut self.rng)?;
        let author = self.authors.choose(&mut self.rng)?.clone();
        let content = format!(
            "//! {service}: {module}.\n\
             //! Code outside the org root, written by `orgit example` so benchmarks\n\
             //! have a monorepo to walk.\n\n\
             pub const REVISION: u32 = {};\n\
             pub const TIMEOUT_MS: u64 = {};\n\
             pub const RETRY_LIMIT: u32 = {};\n\
             pub const BATCH_SIZE: usize = {};\n",
            self.revision,
            self.rng.random_range(5..60) * 100,
            self.rng.random_range(2..9),
            self.rng.random_range(1..17) * 64,
        );
        Some(PlannedCommit {
            time: at,
            author,
            message: format!("{service}: {change} {module}"),
            changes: vec![FileChange {
                path: format!("{CODE_DIR}/{service}/src/{module}.rs"),
                content: Some(content),
            }],
            lane: Lane::Main,
        })
    }
}
