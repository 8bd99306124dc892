//! One integration-test binary (one link step) with a module per feature.

mod common;

mod test_check_fixtures;
mod test_schema;
mod test_readme;
