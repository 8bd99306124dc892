//! `orgit codeowners` on the example org in a sub-folder of a real git
//! repository, and the pre-commit hook orgit ships.

use crate::common::{TestRepo, copy_tree, orgit, repo_root};

/// The org's folder inside the repository; the space needs escaping in
/// CODEOWNERS.
const ORG: &str = "north wind";

/// The example org in `north wind/` of a fresh repository, with Minh's GitHub
/// handle removed, so his initiative and his own file are missing him.
fn example_in_subfolder() -> TestRepo {
    let repo = TestRepo::new();
    let org = repo.path().join(ORG);
    std::fs::create_dir_all(&org).unwrap();
    copy_tree(&repo_root().join("example-org"), &org);
    let minh = org.join("people/minh.yaml");
    let text = std::fs::read_to_string(&minh).unwrap();
    std::fs::write(&minh, text.replace("github: minhnguyen\n", "")).unwrap();
    repo.commit(&[], "Northwind Labs org", "Kenji Watanabe", "2026-10-05");
    repo
}

#[test]
fn writes_codeowners_at_the_repository_root_with_escaped_paths() {
    let repo = example_in_subfolder();
    let codeowners = repo.path().join(".github/CODEOWNERS");

    let missing = orgit(repo.path(), &["-C", ORG, "codeowners", "--check"]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    assert_eq!(
        missing.stdout,
        "`.github/CODEOWNERS` is missing: run `orgit codeowners` to regenerate it\n"
    );
    assert!(!codeowners.exists(), "--check must never write");

    let write = orgit(repo.path(), &["-C", ORG, "codeowners"]);
    assert_eq!(write.code, 0, "{}", write.stderr);
    assert_eq!(write.stdout, "wrote .github/CODEOWNERS\n");
    // Once, with every path he misses, not once per file.
    assert_eq!(
        write.stderr,
        "warning: `minh` has no `github` handle in people/minh.yaml, so they are not a code \
         owner of `/north wind/initiatives/customer-health-scores.md` and 1 other path\n"
    );
    let text = std::fs::read_to_string(&codeowners).unwrap();
    // Minh's initiative and file keep his team lead, Sarah.
    assert!(text.contains("\n/north\\ wind/initiatives/customer-health-scores.md @soconnor\n"));
    assert!(text.contains("\n/north\\ wind/people/minh.yaml @soconnor\n"));
    insta::assert_snapshot!("codeowners_example_in_subfolder", text);

    let current = orgit(repo.path(), &["-C", ORG, "codeowners", "--check"]);
    assert_eq!(current.code, 0, "{}", current.stderr);
    assert_eq!(current.stdout, "`.github/CODEOWNERS` is up to date\n");
}

#[test]
fn check_fails_when_an_owner_changed_since_the_file_was_written() {
    let repo = example_in_subfolder();
    let write = orgit(repo.path(), &["-C", ORG, "codeowners"]);
    assert_eq!(write.code, 0, "{}", write.stderr);

    let initiative = repo
        .path()
        .join(ORG)
        .join("initiatives/customer-health-scores.md");
    let text = std::fs::read_to_string(&initiative).unwrap();
    assert!(text.contains("owner: minh\n"));
    std::fs::write(&initiative, text.replace("owner: minh\n", "owner: ahmed\n")).unwrap();

    let stale = orgit(repo.path(), &["-C", ORG, "codeowners", "--check"]);
    assert_eq!(stale.code, 1, "{}", stale.stderr);
    assert_eq!(
        stale.stdout,
        "`.github/CODEOWNERS` is stale: run `orgit codeowners` to regenerate it\n"
    );

    let out = orgit(
        repo.path(),
        &["-C", ORG, "codeowners", "--out", "../owners.txt"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(repo.path().join("owners.txt")).unwrap();
    assert!(
        text.contains("\n/north\\ wind/initiatives/customer-health-scores.md @ahassan @soconnor\n"),
        "{text}"
    );
}

#[test]
fn the_pre_commit_hook_runs_orgit_check() {
    let text = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let hooks = hooks.as_array().expect("a list of hooks");
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    assert_eq!(hook["id"], "orgit-check");
    assert_eq!(hook["entry"], "orgit check");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["pass_filenames"], false);
    // A `files` pattern, so commits that touch neither YAML nor markdown skip it.
    let files = hook["files"].as_str().expect("a `files` pattern");
    assert_eq!(files, r"\.(ya?ml|md)$");
}

#[test]
fn check_as_json_reports_the_state_and_the_warnings() {
    let repo = example_in_subfolder();
    let json_of = |args: &[&str]| {
        let mut all = vec!["-C", ORG, "codeowners", "--format", "json"];
        all.extend_from_slice(args);
        let run = orgit(repo.path(), &all);
        assert_eq!(run.stderr, "", "warnings go into the document");
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        (run.code, json)
    };
    let (code, missing) = json_of(&["--check"]);
    assert_eq!(code, 1);
    assert_eq!(missing["state"], "missing");
    assert_eq!(missing["ok"], false);
    assert_eq!(missing["path"], ".github/CODEOWNERS");
    let warnings = missing["warnings"].as_array().unwrap();
    assert!(!warnings.is_empty());
    assert!(
        warnings.iter().all(|w| w
            .as_str()
            .unwrap()
            .starts_with("`minh` has no `github` handle")),
        "{warnings:?}"
    );

    let (code, written) = json_of(&[]);
    assert_eq!((code, &written["state"]), (0, &"written".into()));
    let lines = std::fs::read_to_string(repo.path().join(".github/CODEOWNERS"))
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .count();
    assert_eq!(written["rules"], lines);

    let (code, current) = json_of(&["--check"]);
    assert_eq!(
        (code, &current["state"], &current["ok"]),
        (0, &"up_to_date".into(), &true.into())
    );

    let page = crate::common::doc("ci.md");
    let section = crate::common::doc_section(&page, "## `orgit codeowners --check --format json`");
    let undocumented = crate::common::undocumented_fields(&missing, section);
    assert!(undocumented.is_empty(), "{undocumented:?}");
}

/// The rules of the CODEOWNERS text, without the header, as lines.
fn rule_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
}

#[test]
fn the_catch_all_covers_the_org_folder_its_own_files_and_each_teams_check_ins() {
    let repo = example_in_subfolder();
    let write = orgit(repo.path(), &["-C", ORG, "codeowners"]);
    assert_eq!(write.code, 0, "{}", write.stderr);
    let text = std::fs::read_to_string(repo.path().join(".github/CODEOWNERS")).unwrap();
    let lines = rule_lines(&text);
    // Maria leads the top team. CODEOWNERS applies the last line that
    // matches: the catch-all first, the items' own lines after it. In a
    // bigger repository only the org's folder and the orgit workflows are
    // the org's.
    assert_eq!(
        lines[..5],
        [
            "/north\\ wind/ @mschneider",
            "/north\\ wind/orgit.yaml @mschneider",
            "/north\\ wind/templates/ @mschneider",
            "/north\\ wind/digests/ @mschneider",
            "/.github/workflows/orgit-*.yml @mschneider",
        ]
    );
    assert!(
        lines.contains(&"/north\\ wind/updates/*/platform.md @kwatanabe"),
        "{text}"
    );
    let updates = lines.iter().filter(|l| l.contains("/updates/*/")).count();
    assert_eq!(updates, 7, "one per team: {text}");
}

#[test]
fn at_the_top_of_a_repository_the_catch_all_is_everything_and_can_be_configured() {
    let repo = TestRepo::new();
    copy_tree(&repo_root().join("example-org"), repo.path());
    repo.commit(&[], "Northwind Labs org", "Kenji Watanabe", "2026-10-05");
    let write = orgit(repo.path(), &["codeowners", "--out", "OWNERS"]);
    assert_eq!((write.code, write.stderr.as_str()), (0, ""));
    let text = std::fs::read_to_string(repo.path().join("OWNERS")).unwrap();
    assert_eq!(
        rule_lines(&text)[..5],
        [
            "* @mschneider",
            "/orgit.yaml @mschneider",
            "/templates/ @mschneider",
            "/digests/ @mschneider",
            "/.github/ @mschneider",
        ]
    );

    // A GitHub team and a person, as orgit.yaml names them; an id that is
    // nobody is a warning, once.
    let settings = repo.path().join("orgit.yaml");
    let mut yaml = std::fs::read_to_string(&settings).unwrap();
    yaml.push_str("codeowners:\n  catch_all: [\"@northwind/ops\", kenji, nobody]\n");
    std::fs::write(&settings, yaml).unwrap();
    let write = orgit(repo.path(), &["codeowners", "--out", "OWNERS"]);
    assert_eq!(write.code, 0, "{}", write.stderr);
    assert_eq!(
        write.stderr,
        "warning: `codeowners.catch_all` in orgit.yaml names `nobody`, who is not a person in \
         this org (a GitHub handle or team is written with its `@`)\n"
    );
    let text = std::fs::read_to_string(repo.path().join("OWNERS")).unwrap();
    assert_eq!(rule_lines(&text)[0], "* @northwind/ops @kwatanabe");
    let check = orgit(repo.path(), &["check"]);
    assert_eq!(check.code, 0, "the setting is valid: {}", check.stdout);
}
