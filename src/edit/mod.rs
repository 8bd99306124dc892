//! Changing the org's files the way a person would: one value replaced in
//! place, or a new file from the org's own data. Every function here takes
//! text and returns text; the commands write it (atomically) and nothing
//! here touches the file system, so the same inputs give the same bytes.
//!
//! - [`set`]: a key result's `current`, edited where it is written, so the
//!   comments, key order, quoting and flow or block style around it stay as
//!   they were (a YAML round trip through a serializer would lose them).
//! - [`scaffold`]: this week's check-in for a team and the next decision
//!   record, pre-filled.

pub mod scaffold;
pub mod set;
