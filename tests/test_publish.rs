//! `orgit::publish::publish`: writing a report, and committing it and nothing
//! else, on real repositories.

use std::path::Path;

use git2::{Oid, Repository, Status};
use orgit::publish::{Published, publish};

use crate::common::{MINIMAL_ORG, TestRepo, write_files};

const REPORT: &str = "digests/2026-W47.md";
const MESSAGE: &str = "digest: weekly digest for 2026-W47\n\nRendered by orgit digest.\n";

/// A repository holding [`MINIMAL_ORG`] in one commit, with a fixed identity
/// for the commits orgit makes.
fn org_repo() -> TestRepo {
    let repo = TestRepo::new();
    set_identity(&repo.repo);
    repo.commit(MINIMAL_ORG, "Start the org", "ana", "2026-11-02");
    repo
}

fn set_identity(repo: &Repository) {
    let mut config = repo.config().unwrap();
    config.set_str("user.name", "Digest Bot").unwrap();
    config.set_str("user.email", "digest@example.com").unwrap();
}

fn head(repo: &Repository) -> Oid {
    repo.head().unwrap().target().unwrap()
}

/// The paths a commit changed relative to its first parent (or to nothing).
fn changed_paths(repo: &Repository, commit: Oid) -> Vec<String> {
    let commit = repo.find_commit(commit).unwrap();
    let parent_tree = commit.parent(0).ok().map(|p| p.tree().unwrap());
    let diff = repo
        .diff_tree_to_tree(parent_tree.as_ref(), Some(&commit.tree().unwrap()), None)
        .unwrap();
    diff.deltas()
        .map(|d| d.new_file().path().unwrap().to_str().unwrap().to_owned())
        .collect()
}

fn status(repo: &Repository, path: &str) -> Status {
    repo.status_file(Path::new(path)).unwrap()
}

fn committed(result: orgit::Result<Published>) -> Oid {
    match result {
        Ok(Published::Committed { commit }) => Oid::from_str(&commit).unwrap(),
        other => panic!("expected a commit, got {other:?}"),
    }
}

fn read(repo: &TestRepo, path: &str) -> String {
    std::fs::read_to_string(repo.path().join(path)).unwrap()
}

#[test]
fn publish_commit_touches_only_the_report() {
    let repo = org_repo();
    let before = head(&repo.repo);

    let commit = committed(publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)));

    assert_eq!(head(&repo.repo), commit);
    let made = repo.repo.find_commit(commit).unwrap();
    assert_eq!(made.parent_ids().collect::<Vec<_>>(), [before]);
    assert_eq!(made.message(), Ok(MESSAGE));
    assert_eq!(made.author().name(), Ok("Digest Bot"));
    assert_eq!(made.committer().email(), Ok("digest@example.com"));
    assert_eq!(changed_paths(&repo.repo, commit), [REPORT]);
    assert_eq!(read(&repo, REPORT), "# Week 47\n");
    assert_eq!(status(&repo.repo, REPORT), Status::CURRENT);
}

#[test]
fn publish_commit_twice_with_the_same_content_makes_no_second_commit() {
    let repo = org_repo();
    let first = committed(publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)));

    let again = publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE));

    assert_eq!(again, Ok(Published::Unchanged));
    assert_eq!(head(&repo.repo), first);

    let changed = committed(publish(
        repo.path(),
        REPORT,
        b"# Week 47, v2\n",
        Some(MESSAGE),
    ));
    let made = repo.repo.find_commit(changed).unwrap();
    assert_eq!(made.parent_ids().collect::<Vec<_>>(), [first]);
    assert_eq!(changed_paths(&repo.repo, changed), [REPORT]);
}

#[test]
fn publish_commit_leaves_other_staged_changes_staged_and_out_of_the_commit() {
    let repo = org_repo();
    write_files(repo.path(), &[("people/dee.yaml", "id: dee\nname: Dee\n")]);
    let mut index = repo.repo.index().unwrap();
    index.add_path(Path::new("people/dee.yaml")).unwrap();
    index.write().unwrap();
    write_files(repo.path(), &[("people/bo.yaml", "id: bo\nname: Bo C.\n")]);

    let commit = committed(publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)));

    assert_eq!(changed_paths(&repo.repo, commit), [REPORT]);
    assert_eq!(status(&repo.repo, "people/dee.yaml"), Status::INDEX_NEW);
    assert_eq!(status(&repo.repo, "people/bo.yaml"), Status::WT_MODIFIED);
    assert_eq!(status(&repo.repo, REPORT), Status::CURRENT);
}

#[test]
fn publish_commit_refuses_a_report_edited_by_hand_and_keeps_the_edit() {
    let repo = org_repo();
    committed(publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)));
    let before = head(&repo.repo);
    write_files(
        repo.path(),
        &[(REPORT, "# Week 47\n\nA note from the chief of staff.\n")],
    );

    let refused = publish(repo.path(), REPORT, b"# Week 47, v2\n", Some(MESSAGE)).unwrap_err();

    assert_eq!(
        refused.message,
        "`digests/2026-W47.md` has uncommitted changes; commit or discard them first (orgit does not overwrite your edits)"
    );
    assert_eq!(
        refused.hint.as_deref(),
        Some(
            "`git diff HEAD -- digests/2026-W47.md` shows them; `git restore --staged --worktree -- digests/2026-W47.md` discards them"
        )
    );
    assert_eq!(
        read(&repo, REPORT),
        "# Week 47\n\nA note from the chief of staff.\n"
    );
    assert_eq!(head(&repo.repo), before);
}

#[test]
fn publish_commit_refuses_a_staged_edit_of_the_report() {
    let repo = org_repo();
    committed(publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)));
    write_files(repo.path(), &[(REPORT, "# Week 47, staged by hand\n")]);
    let mut index = repo.repo.index().unwrap();
    index.add_path(Path::new(REPORT)).unwrap();
    index.write().unwrap();
    // The working file back as committed: only the index holds the edit.
    write_files(repo.path(), &[(REPORT, "# Week 47\n")]);

    let refused = publish(repo.path(), REPORT, b"# Week 47, v2\n", Some(MESSAGE));

    assert!(
        refused
            .unwrap_err()
            .message
            .contains("has uncommitted changes")
    );
    assert_eq!(
        status(&repo.repo, REPORT),
        Status::INDEX_MODIFIED | Status::WT_MODIFIED
    );
}

#[test]
fn publish_commit_refuses_an_uncommitted_report_written_by_hand() {
    let repo = org_repo();
    write_files(repo.path(), &[(REPORT, "# My own notes\n")]);

    let refused = publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)).unwrap_err();

    assert!(refused.message.contains("has uncommitted changes"));
    assert_eq!(
        refused.hint.as_deref(),
        Some(
            "`digests/2026-W47.md` is not committed yet: move it away or delete it, or commit it first"
        )
    );
    assert_eq!(read(&repo, REPORT), "# My own notes\n");
}

#[test]
fn publish_commit_refuses_a_deleted_report() {
    let repo = org_repo();
    committed(publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)));
    repo.remove(REPORT);

    let refused = publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE));

    assert!(
        refused
            .unwrap_err()
            .message
            .contains("has uncommitted changes")
    );
    assert!(!repo.path().join(REPORT).exists());
}

#[test]
fn publish_commit_takes_over_a_report_written_earlier_without_commit() {
    let repo = org_repo();
    assert_eq!(
        publish(repo.path(), REPORT, b"# Week 47\n", None),
        Ok(Published::Written)
    );
    assert_eq!(status(&repo.repo, REPORT), Status::WT_NEW);

    let commit = committed(publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)));

    assert_eq!(changed_paths(&repo.repo, commit), [REPORT]);
    assert_eq!(status(&repo.repo, REPORT), Status::CURRENT);
}

#[test]
fn publish_commit_refuses_while_index_lock_is_held_and_leaves_it() {
    let repo = org_repo();
    let before = head(&repo.repo);
    let lock = repo.repo.path().join("index.lock");
    std::fs::write(&lock, b"").unwrap();

    let refused = publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)).unwrap_err();

    assert_eq!(
        refused.message,
        format!(
            "`{}` exists: another git process is using the repository",
            lock.display()
        )
    );
    assert!(
        refused
            .hint
            .unwrap()
            .contains("if no git process is running")
    );
    assert!(lock.exists());
    assert!(!repo.path().join(REPORT).exists());
    assert_eq!(head(&repo.repo), before);
}

#[test]
fn publish_commit_from_an_org_in_a_subfolder() {
    let repo = TestRepo::new();
    set_identity(&repo.repo);
    let org: Vec<(String, &str)> = MINIMAL_ORG
        .iter()
        .map(|(path, text)| (format!("ops/org/{path}"), *text))
        .collect();
    let mut files: Vec<(&str, &str)> = org.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    files.push(("src/main.rs", "fn main() {}\n"));
    repo.commit(&files, "Monorepo", "ana", "2026-11-02");
    let org_root = repo.path().join("ops/org");

    let commit = committed(publish(&org_root, REPORT, b"# Week 47\n", Some(MESSAGE)));

    assert_eq!(
        changed_paths(&repo.repo, commit),
        ["ops/org/digests/2026-W47.md"]
    );
    assert_eq!(read(&repo, "ops/org/digests/2026-W47.md"), "# Week 47\n");
    assert_eq!(
        publish(&org_root, REPORT, b"# Week 47\n", Some(MESSAGE)),
        Ok(Published::Unchanged)
    );
}

#[test]
fn publish_commit_on_an_unborn_branch_makes_the_root_commit() {
    let repo = TestRepo::new();
    set_identity(&repo.repo);
    write_files(repo.path(), MINIMAL_ORG);
    let mut index = repo.repo.index().unwrap();
    index.add_path(Path::new("orgit.yaml")).unwrap();
    index.write().unwrap();

    let commit = committed(publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)));

    let made = repo.repo.find_commit(commit).unwrap();
    assert_eq!(made.parent_count(), 0);
    assert_eq!(changed_paths(&repo.repo, commit), [REPORT]);
    let branch = repo.repo.find_reference("refs/heads/main").unwrap();
    assert_eq!(branch.target(), Some(commit));
    assert_eq!(status(&repo.repo, "orgit.yaml"), Status::INDEX_NEW);
    assert_eq!(status(&repo.repo, REPORT), Status::CURRENT);
}

#[test]
fn publish_commit_refuses_a_detached_head() {
    let repo = org_repo();
    let at = head(&repo.repo);
    repo.repo.set_head_detached(at).unwrap();

    let refused = publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)).unwrap_err();

    assert_eq!(
        refused.message,
        format!(
            "HEAD is detached at {}; `--commit` commits on a branch",
            &at.to_string()[..7]
        )
    );
    assert!(!repo.path().join(REPORT).exists());
    assert_eq!(head(&repo.repo), at);
}

#[test]
fn publish_commit_refuses_during_a_merge() {
    let repo = org_repo();
    let at = head(&repo.repo);
    std::fs::write(repo.repo.path().join("MERGE_HEAD"), format!("{at}\n")).unwrap();

    let refused = publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)).unwrap_err();

    assert_eq!(
        refused.message,
        "the repository is in the middle of a merge"
    );
    assert!(!repo.path().join(REPORT).exists());
}

#[test]
fn publish_commit_refuses_an_ignored_report() {
    let repo = org_repo();
    repo.commit(
        &[(".gitignore", "digests/\n")],
        "Ignore digests",
        "ana",
        "2026-11-03",
    );

    let refused = publish(repo.path(), REPORT, b"# Week 47\n", Some(MESSAGE)).unwrap_err();

    assert_eq!(
        refused.message,
        "`digests/2026-W47.md` is ignored by git (.gitignore)"
    );
}

#[test]
fn publish_commit_outside_a_repository_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), MINIMAL_ORG);

    let refused = publish(dir.path(), REPORT, b"# Week 47\n", Some(MESSAGE)).unwrap_err();

    assert!(
        refused
            .message
            .starts_with("`--commit` needs a git repository"),
        "{refused:?}"
    );
    assert!(!dir.path().join(REPORT).exists());
}

#[test]
fn publish_write_creates_the_folder_and_skips_identical_content() {
    let repo = org_repo();
    let before = head(&repo.repo);

    assert_eq!(
        publish(repo.path(), REPORT, b"# Week 47\n", None),
        Ok(Published::Written)
    );
    let written = std::fs::metadata(repo.path().join(REPORT))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(
        publish(repo.path(), REPORT, b"# Week 47\n", None),
        Ok(Published::Unchanged)
    );
    let after = std::fs::metadata(repo.path().join(REPORT))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(written, after);
    assert_eq!(
        publish(repo.path(), REPORT, b"# v2\n", None),
        Ok(Published::Written)
    );

    assert_eq!(read(&repo, REPORT), "# v2\n");
    assert_eq!(head(&repo.repo), before);
}

#[test]
fn publish_refuses_paths_outside_the_org_root() {
    let repo = org_repo();
    for path in ["../escape.md", "/tmp/escape.md", "", "digests/../../x.md"] {
        let refused = publish(repo.path(), path, b"x", None).unwrap_err();
        assert!(
            refused.message.contains("must be relative to the org root"),
            "{path}"
        );
    }
}
