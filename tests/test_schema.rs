//! The JSON Schemas in `schema/` are generated from the model types; these
//! tests fail when the committed files are stale or an example file is not
//! wired to its schema.

use std::path::Path;

use orgit::source::layout;

use crate::common::{orgit, repo_root};

#[test]
fn committed_schemas_match_the_model_types() {
    for (name, generated) in orgit::schema::all() {
        let path = repo_root().join("schema").join(&name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "schema/{name} is stale: run `cargo run -- schema` and commit the result"
        );
    }
}

#[test]
fn schema_check_flag_reports_stale_files() {
    let dir = tempfile::tempdir().unwrap();
    let run = orgit(
        &repo_root(),
        &["schema", "--check", "--out", dir.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("goal.schema.json"), "{}", run.stdout);

    let written = orgit(
        &repo_root(),
        &["schema", "--out", dir.path().to_str().unwrap()],
    );
    assert_eq!(written.code, 0, "{}", written.stderr);
    let again = orgit(
        &repo_root(),
        &["schema", "--check", "--out", dir.path().to_str().unwrap()],
    );
    assert_eq!((again.code, again.stdout.as_str()), (0, ""));
}

/// Every example file names its schema on its first YAML line, so editors
/// with the YAML language server autocomplete and flag errors as you type.
#[test]
fn every_example_file_points_at_its_schema() {
    let root = repo_root().join("example-org");
    let mut checked = 0;
    let mut files = Vec::new();
    collect(&root, &mut files);
    for path in files {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let Some(kind) = layout::classify(&rel) else {
            continue;
        };
        let schema = kind
            .schema_name()
            .unwrap_or_else(|| panic!("{rel} is misplaced"));
        let text = std::fs::read_to_string(&path).unwrap();
        let first_yaml_line = if rel.ends_with(".md") {
            text.lines().nth(1)
        } else {
            text.lines().next()
        }
        .unwrap_or_default();
        let up = "../".repeat(rel.matches('/').count() + 1);
        let expected = format!("# yaml-language-server: $schema={up}schema/{schema}.schema.json");
        assert_eq!(first_yaml_line, expected, "in example-org/{rel}");
        let target = path
            .parent()
            .unwrap()
            .join(format!("{up}schema/{schema}.schema.json"));
        assert!(target.is_file(), "{} does not exist", target.display());
        checked += 1;
    }
    assert!(checked > 100, "only {checked} example files found");
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}
