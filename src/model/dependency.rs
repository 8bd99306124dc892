use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Spanned};

/// One entry of `depends_on`: this item waits on another by a date.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    /// The id of the goal, key result or initiative waited on.
    pub on: Spanned<String>,
    /// The date by which it must be done; the dependency is late when the target is due after it.
    pub need_by: Spanned<Date>,
    /// Why, in a sentence.
    #[serde(default)]
    pub why: Option<Spanned<String>>,
}
