//! One integration-test binary (one link step) with a module per feature.

mod common;

mod test_action;
mod test_agenda;
mod test_check_fixtures;
mod test_check_kpis;
mod test_check_output;
mod test_codeowners;
mod test_completions;
mod test_diff;
mod test_digest;
mod test_edit;
mod test_example;
mod test_graph;
mod test_history;
mod test_hostile_input;
mod test_init;
mod test_list;
mod test_lsp;
mod test_mermaid;
mod test_policies;
mod test_publish;
mod test_pull_request;
mod test_readme;
mod test_remind;
mod test_review;
mod test_schema;
mod test_show;
mod test_site;
mod test_sources;
mod test_view_docs;
mod test_views;
