//! Where each page of the site lives, relative to the site's top folder.
//!
//! Every entity page sits one folder down (`goals/<id>.html`), so every page
//! but the top ones reaches the shared assets through `../`. File names come
//! from ids, which `orgit check` requires to be lowercase slugs; an id that is
//! not one (the site is built from an org with errors too) is spelled in hex
//! behind a `_`, which no slug starts with, so a name can never climb out of
//! its folder or collide with another.

use crate::model::{EntityKind, EntityRef, Org};

/// The folder holding the pages of one kind of entity.
pub fn folder(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "people",
        EntityKind::Team => "teams",
        EntityKind::Goal | EntityKind::KeyResult => "goals",
        EntityKind::Initiative | EntityKind::Milestone => "initiatives",
        EntityKind::Decision => "decisions",
        EntityKind::Risk => "risks",
        EntityKind::Kpi => "kpis",
        EntityKind::Issue => "issues",
        EntityKind::Todo => "todos",
    }
}

/// A file name for `id`: the id itself when it is a slug, else `_` and the
/// id's bytes in hex.
pub fn file_name(id: &str) -> String {
    let slug = !id.is_empty()
        && id.len() <= 64
        && id.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if slug {
        id.to_owned()
    } else {
        let mut name = String::from("_");
        for byte in id.bytes().take(64) {
            name.push_str(&format!("{byte:02x}"));
        }
        name
    }
}

/// The page of an entity, relative to the site's top; key results and
/// milestones are anchors on their goal's or initiative's page.
pub fn page_of(org: &Org, entity: EntityRef) -> String {
    match entity.kind {
        EntityKind::KeyResult => {
            let (goal, kr) = org.key_result_at(entity);
            format!("goals/{}.html#{}", file_name(&goal.id), anchor(&kr.id))
        }
        EntityKind::Milestone => {
            let (initiative, milestone) = org.milestone_at(entity);
            format!(
                "initiatives/{}.html#{}",
                file_name(&initiative.id),
                anchor(&milestone.id)
            )
        }
        kind => format!(
            "{}/{}.html",
            folder(kind),
            file_name(org.definition(entity).id)
        ),
    }
}

/// The in-page anchor of a key result or milestone.
pub fn anchor(id: &str) -> String {
    format!("item-{}", file_name(id))
}

/// The anchor of a person on their team's page.
pub fn person_anchor(id: &str) -> String {
    format!("person-{}", file_name(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_name_their_files_and_anything_else_is_hex() {
        assert_eq!(file_name("platform-sso"), "platform-sso");
        assert_eq!(file_name("../etc"), "_2e2e2f657463");
        assert_eq!(file_name("Foo"), "_466f6f");
        assert_eq!(file_name(""), "_");
        assert_eq!(file_name("-x"), "_2d78");
    }
}
