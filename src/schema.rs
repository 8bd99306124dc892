//! JSON Schemas for every file kind, generated from the model types so the
//! format has one definition. `orgit schema` writes them to `schema/`, and a
//! test fails when the committed files are stale.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

use crate::model::{
    Decision, Goal, Initiative, Issue, Kpi, OrgSettings, Person, Risk, Team, Todo, Update,
};

/// `(file name, pretty JSON)` for every file kind, in a stable order.
pub fn all() -> Vec<(String, String)> {
    [
        (
            "orgit",
            "orgit.yaml: the organization's settings",
            generate::<OrgSettings>(),
        ),
        (
            "person",
            "people/<id>.yaml: one person",
            generate::<Person>(),
        ),
        ("team", "teams/<id>.yaml: one team", generate::<Team>()),
        (
            "goal",
            "goals/<period>/<id>.md frontmatter: a goal and its key results",
            generate::<Goal>(),
        ),
        (
            "initiative",
            "initiatives/<id>.md frontmatter: an initiative",
            generate::<Initiative>(),
        ),
        (
            "decision",
            "decisions/<id>.md frontmatter: a decision record",
            generate::<Decision>(),
        ),
        (
            "risk",
            "risks/<id>.md frontmatter: a risk",
            generate::<Risk>(),
        ),
        ("kpi", "kpis/<id>.yaml: a KPI", generate::<Kpi>()),
        (
            "issue",
            "issues/<id>.md frontmatter: an issue to solve",
            generate::<Issue>(),
        ),
        (
            "todo",
            "todos/<id>.md frontmatter: a to-do",
            generate::<Todo>(),
        ),
        (
            "update",
            "updates/<YYYY-Www>/<team>.md frontmatter: a weekly team update",
            generate::<Update>(),
        ),
    ]
    .into_iter()
    .map(|(name, title, mut schema)| {
        schema.insert(
            "$id".into(),
            format!("https://orgit.dev/schema/{name}.schema.json").into(),
        );
        schema.insert("title".into(), title.into());
        let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
        text.push('\n');
        (format!("{name}.schema.json"), text)
    })
    .collect()
}

fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}
