//! The scaffold's files, rendered from the templates in `templates/init/`.
//!
//! A small environment of its own, not the report templates': these are
//! built-ins only (an org cannot override what created it), and they need
//! one filter, [`yaml_scalar`]. The workflows keep GitHub's `${{ ... }}`
//! expressions in `{% raw %}` blocks, so the engine never reads them.

use minijinja::Environment;
use serde::Serialize;

use crate::error::{Error, Result};

/// The templates, by name, embedded in the binary.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "orgit.yaml.j2",
        include_str!("../../templates/init/orgit.yaml.j2"),
    ),
    (
        "README.md.j2",
        include_str!("../../templates/init/README.md.j2"),
    ),
    (
        "gitignore.j2",
        include_str!("../../templates/init/gitignore.j2"),
    ),
    (
        "team.yaml.j2",
        include_str!("../../templates/init/team.yaml.j2"),
    ),
    (
        "person.yaml.j2",
        include_str!("../../templates/init/person.yaml.j2"),
    ),
    (
        "goal.md.j2",
        include_str!("../../templates/init/goal.md.j2"),
    ),
    (
        "decision.md.j2",
        include_str!("../../templates/init/decision.md.j2"),
    ),
    (
        "orgit-pr.yml.j2",
        include_str!("../../templates/init/orgit-pr.yml.j2"),
    ),
    (
        "orgit-weekly.yml.j2",
        include_str!("../../templates/init/orgit-weekly.yml.j2"),
    ),
    (
        "orgit-pages.yml.j2",
        include_str!("../../templates/init/orgit-pages.yml.j2"),
    ),
    (
        "orgit-remind.yml.j2",
        include_str!("../../templates/init/orgit-remind.yml.j2"),
    ),
    (
        "install-orgit.yml.j2",
        include_str!("../../templates/init/install-orgit.yml.j2"),
    ),
    (
        "orgit-env.yml.j2",
        include_str!("../../templates/init/orgit-env.yml.j2"),
    ),
    (
        "working-directory.yml.j2",
        include_str!("../../templates/init/working-directory.yml.j2"),
    ),
];

/// Renders template `name` with `context`.
pub(super) fn render(name: &str, context: &impl Serialize) -> Result<String> {
    let env = environment();
    env.get_template(name)
        .and_then(|template| template.render(context))
        .map_err(|e| {
            Error::new(format!(
                "cannot render the built-in template `{name}`: {e:#}"
            ))
            .hint("this is a bug in orgit; please report it with the command you ran")
        })
}

fn environment() -> Environment<'static> {
    let mut env = crate::reports::templates::text_environment();
    env.set_loader(|name| {
        Ok(TEMPLATES
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, text)| (*text).to_owned()))
    });
    env.add_filter("yaml", |text: &str| yaml_scalar(text));
    env
}

/// `text` as a YAML scalar that every YAML reader (orgit, editors, GitHub)
/// reads back as the same string: plain when it is plainly a word or a
/// phrase, otherwise double-quoted (JSON's escapes are valid YAML).
pub(super) fn yaml_scalar(text: &str) -> String {
    let plain = text.starts_with(char::is_alphabetic)
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/'))
        && !is_reserved_word(text);
    if plain {
        text.to_owned()
    } else {
        serde_json::Value::from(text).to_string()
    }
}

/// Words some YAML reader takes for a boolean or null (YAML 1.1 included).
fn is_reserved_word(text: &str) -> bool {
    const WORDS: &[&str] = &["true", "false", "yes", "no", "on", "off", "y", "n", "null"];
    WORDS.iter().any(|word| text.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_words_stay_plain_and_the_rest_is_quoted() {
        assert_eq!(yaml_scalar("Acme Corp"), "Acme Corp");
        assert_eq!(yaml_scalar("Europe/Berlin"), "Europe/Berlin");
        assert_eq!(yaml_scalar("ops/plan.v2"), "ops/plan.v2");
        assert_eq!(yaml_scalar("R&D: Labs #1"), r##""R&D: Labs #1""##);
        assert_eq!(yaml_scalar("yes"), r#""yes""#);
        assert_eq!(yaml_scalar("Off"), r#""Off""#);
        assert_eq!(yaml_scalar("3M"), r#""3M""#);
        assert_eq!(yaml_scalar("- x"), r#""- x""#);
        assert_eq!(yaml_scalar("Zürich Labs"), "Zürich Labs");
        assert_eq!(yaml_scalar("a \"b\"\n"), r#""a \"b\"\n""#);
        assert_eq!(yaml_scalar(""), r#""""#);
    }

    #[test]
    fn every_scalar_reads_back_as_the_same_string() {
        #[derive(serde::Deserialize)]
        struct Doc {
            value: String,
        }
        for text in [
            "Acme Corp",
            "R&D: Labs #1",
            "yes",
            "3M",
            "- x",
            "'quoted'",
            "Zürich Labs",
            "a \"b\"\n\tc\\",
            "{[*&!|>%@`]}",
            "",
        ] {
            let yaml = format!("value: {}\n", yaml_scalar(text));
            let doc: Doc = serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(doc.value, text, "{yaml}");
        }
    }

    #[test]
    fn github_expressions_pass_through_untouched() {
        let source = json!({ "kind": "git", "url": "https://x/orgit", "rev": "v9" });
        let text = render("install-orgit.yml.j2", &json!({ "orgit_source": source })).unwrap();
        assert!(
            text.contains("key: orgit-${{ runner.os }}-${{ runner.arch }}-${{ env.ORGIT_PIN }}\n")
        );
        assert!(
            text.starts_with("      - name: Restore orgit from the cache\n"),
            "{text}"
        );
        assert!(
            text.ends_with("key: ${{ steps.orgit-cache.outputs.cache-primary-key }}\n"),
            "{text}"
        );
        assert!(!text.contains("raw"), "{text}");
    }

    #[test]
    fn a_missing_value_is_an_error_not_empty_text() {
        let error = render("team.yaml.j2", &json!({ "org": { "name": "Acme" } })).unwrap_err();
        assert!(
            error
                .message
                .starts_with("cannot render the built-in template `team.yaml.j2`: "),
            "{error:?}"
        );
    }
}
