//! Where each kind of file lives under the org root.

/// The settings file that marks an org root.
pub const SETTINGS_FILE: &str = "orgit.yaml";

/// The folders orgit reads; nothing else under the org root is looked at, so an
/// org root can sit inside a large monorepo at no cost.
pub const ENTITY_DIRS: &[&str] = &[
    "people",
    "teams",
    "goals",
    "initiatives",
    "decisions",
    "risks",
    "kpis",
    "issues",
    "todos",
    "updates",
];

/// Files deeper than this below an entity folder are never listed.
pub const MAX_DEPTH: usize = 2;

/// orgit reads at most this many bytes per file.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// What a path under the org root holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileKind {
    Settings,
    Person,
    Team,
    /// `goals/<period>/<id>.md`; the folder names the period.
    Goal {
        folder: String,
    },
    Initiative,
    Decision,
    Risk,
    Kpi,
    Issue,
    Todo,
    /// `updates/<week>/<team>.md`.
    Update {
        folder: String,
    },
    /// A YAML or markdown file somewhere orgit does not read.
    Misplaced {
        expected: &'static str,
    },
}

impl FileKind {
    pub fn schema_name(&self) -> Option<&'static str> {
        Some(match self {
            FileKind::Settings => "orgit",
            FileKind::Person => "person",
            FileKind::Team => "team",
            FileKind::Goal { .. } => "goal",
            FileKind::Initiative => "initiative",
            FileKind::Decision => "decision",
            FileKind::Risk => "risk",
            FileKind::Kpi => "kpi",
            FileKind::Issue => "issue",
            FileKind::Todo => "todo",
            FileKind::Update { .. } => "update",
            FileKind::Misplaced { .. } => return None,
        })
    }
}

/// Classifies an org-relative path, or `None` for files orgit ignores
/// (other extensions, READMEs).
pub fn classify(path: &str) -> Option<FileKind> {
    if path == SETTINGS_FILE {
        return Some(FileKind::Settings);
    }
    let parts: Vec<&str> = path.split('/').collect();
    let file_name = *parts.last()?;
    let is_yaml = file_name.ends_with(".yaml") || file_name.ends_with(".yml");
    let is_md = file_name.ends_with(".md");
    if !(is_yaml || is_md) || file_name.eq_ignore_ascii_case("README.md") {
        return None;
    }
    let misplaced = |expected| Some(FileKind::Misplaced { expected });
    match (parts[0], parts.len(), is_yaml) {
        ("people", 2, true) => Some(FileKind::Person),
        ("people", _, _) => misplaced("people/<id>.yaml"),
        ("teams", 2, true) => Some(FileKind::Team),
        ("teams", _, _) => misplaced("teams/<id>.yaml"),
        ("goals", 3, false) => Some(FileKind::Goal {
            folder: parts[1].to_owned(),
        }),
        ("goals", _, _) => misplaced("goals/<period>/<id>.md"),
        ("initiatives", 2, false) => Some(FileKind::Initiative),
        ("initiatives", _, _) => misplaced("initiatives/<id>.md"),
        ("decisions", 2, false) => Some(FileKind::Decision),
        ("decisions", _, _) => misplaced("decisions/<id>.md"),
        ("risks", 2, false) => Some(FileKind::Risk),
        ("risks", _, _) => misplaced("risks/<id>.md"),
        ("kpis", 2, true) => Some(FileKind::Kpi),
        ("kpis", _, _) => misplaced("kpis/<id>.yaml"),
        ("issues", 2, false) => Some(FileKind::Issue),
        ("issues", _, _) => misplaced("issues/<id>.md"),
        ("todos", 2, false) => Some(FileKind::Todo),
        ("todos", _, _) => misplaced("todos/<id>.md"),
        ("updates", 3, false) => Some(FileKind::Update {
            folder: parts[1].to_owned(),
        }),
        ("updates", _, _) => misplaced("updates/<YYYY-Www>/<team>.md"),
        _ => None,
    }
}

/// The file name without its extension.
pub fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_each_kind_and_rejects_wrong_depths() {
        assert_eq!(classify("orgit.yaml"), Some(FileKind::Settings));
        assert_eq!(classify("people/alice.yaml"), Some(FileKind::Person));
        assert_eq!(classify("people/alice.yml"), Some(FileKind::Person));
        assert_eq!(classify("kpis/weekly-signups.yaml"), Some(FileKind::Kpi));
        assert_eq!(classify("issues/smb-churn.md"), Some(FileKind::Issue));
        assert_eq!(classify("todos/call-churned.md"), Some(FileKind::Todo));
        assert!(matches!(
            classify("todos/2026/call-churned.md"),
            Some(FileKind::Misplaced { .. })
        ));
        assert!(matches!(
            classify("kpis/weekly-signups.md"),
            Some(FileKind::Misplaced { .. })
        ));
        assert_eq!(
            classify("goals/2026-Q4/growth.md"),
            Some(FileKind::Goal {
                folder: "2026-Q4".into()
            })
        );
        assert!(matches!(
            classify("goals/growth.md"),
            Some(FileKind::Misplaced { .. })
        ));
        assert!(matches!(
            classify("people/alice.md"),
            Some(FileKind::Misplaced { .. })
        ));
        assert_eq!(classify("people/README.md"), None);
        assert_eq!(classify("people/photo.png"), None);
        assert_eq!(classify("docs/plan.md"), None);
        assert_eq!(file_stem("goals/2026-Q4/growth.md"), "growth");
    }
}
