//! The site's page templates: built into the binary (`templates/site/`),
//! rendered by minijinja with HTML auto-escaping on, so every string from the
//! repository is escaped wherever a template prints it. Only HTML the site
//! made itself (sanitised markdown, charts) is passed as safe.
//!
//! Unlike the report templates, these cannot be overridden from the org's
//! `templates/`: a page template could print anything unescaped, and the
//! site's promise is that nothing from the repository runs in a browser.

use std::collections::HashMap;
use std::sync::Arc;

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::source::GitHubRepository;

const PAGES: &[(&str, &str)] = &[
    (
        "base.html.j2",
        include_str!("../../templates/site/base.html.j2"),
    ),
    (
        "macros.html.j2",
        include_str!("../../templates/site/macros.html.j2"),
    ),
    (
        "overview.html.j2",
        include_str!("../../templates/site/overview.html.j2"),
    ),
    (
        "entity.html.j2",
        include_str!("../../templates/site/entity.html.j2"),
    ),
    (
        "team.html.j2",
        include_str!("../../templates/site/team.html.j2"),
    ),
    (
        "org.html.j2",
        include_str!("../../templates/site/org.html.j2"),
    ),
    (
        "graph.html.j2",
        include_str!("../../templates/site/graph.html.j2"),
    ),
    (
        "documents.html.j2",
        include_str!("../../templates/site/documents.html.j2"),
    ),
    (
        "document.html.j2",
        include_str!("../../templates/site/document.html.j2"),
    ),
];

/// Renders pages.
pub struct Renderer {
    env: Environment<'static>,
}

impl Renderer {
    /// `pages` maps every entity id to its page (relative to the site's
    /// top), for the `href(id)` function; `repository` gives `commit_url(id)`
    /// a target, or none.
    /// `names` gives `label(id)` people's names (other ids label themselves).
    pub fn new(
        pages: Arc<HashMap<String, String>>,
        names: HashMap<String, String>,
        repository: Option<GitHubRepository>,
    ) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_formatter(crate::reports::templates::format_value);
        crate::reports::templates::register_filters(&mut env);
        for (name, text) in PAGES {
            // Built in and covered by tests: a syntax error is a bug here.
            env.add_template(name, text)
                .unwrap_or_else(|e| panic!("built-in site template {name}: {e}"));
        }
        env.add_function("href", move |id: &str| -> Option<String> {
            pages.get(id).cloned()
        });
        env.add_function("label", move |id: &str| -> String {
            names.get(id).cloned().unwrap_or_else(|| id.to_owned())
        });
        env.add_function("commit_url", move |id: &str| -> Option<String> {
            repository.as_ref().map(|r| r.commit_url(id))
        });
        Renderer { env }
    }

    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(Value::from_serialize(context)))
            .map_err(|e| {
                Error::new(format!(
                    "cannot render the site's page template `{name}`: {e:#}"
                ))
                .hint("this is a bug in orgit; please report it")
            })
    }
}

/// HTML the site made itself, to print unescaped.
pub fn safe(html: String) -> Value {
    Value::from_safe_string(html)
}
