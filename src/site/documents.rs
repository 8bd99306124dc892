//! The committed digests (`digests/*.md`) and reviews (`reviews/*.md`, one
//! folder level below too), rendered as pages, and `documents.html` listing
//! them newest first.

use std::path::Path;

use serde::Serialize;

use super::{Context, Site, markdown, render};
use crate::error::{Error, Result};
use crate::source::OrgRepository;
use crate::source::git::{Blob, read_capped};
use crate::source::layout::MAX_FILE_BYTES;
use git2::ObjectType;

/// The folders whose markdown files the site renders.
pub const FOLDERS: &[&str] = &["digests", "reviews"];

/// One committed report.
#[derive(Clone, Debug)]
pub struct Document {
    /// `digests/2026-W47.md`, relative to the org root.
    pub path: String,
    pub markdown: String,
}

impl Document {
    /// Reads every `*.md` under [`FOLDERS`] (two levels at most) of the
    /// working tree at `org_root`, sorted by path. Symbolic links, files over
    /// the loader's size limit and files that are not UTF-8 are skipped.
    pub fn read_worktree(org_root: &Path) -> Result<Vec<Document>> {
        let mut out = Vec::new();
        for folder in FOLDERS {
            read_dir(org_root, folder, 0, &mut out)?;
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// The same, read from the tree of `revision` (for `--at`).
    pub fn read_git(org_root: &Path, revision: &str) -> Result<Vec<Document>> {
        let opened = OrgRepository::discover(org_root, &format!("`--at {revision}`"))?;
        let repo = &opened.repo;
        let commit = opened.commit(revision)?;
        let Some(org_tree) = opened.org_tree_id(&commit)? else {
            return Ok(Vec::new());
        };
        let org_tree = repo.find_tree(org_tree)?;
        let mut out = Vec::new();
        for folder in FOLDERS {
            if let Some(entry) = org_tree.get_name(folder)
                && entry.kind() == Some(ObjectType::Tree)
            {
                read_tree(repo, &repo.find_tree(entry.id())?, folder, 0, &mut out)?;
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// The page's path in the site: the same folders, `.html`, every part
    /// of the name kept to safe characters.
    fn page(&self) -> String {
        let stem = self.path.strip_suffix(".md").unwrap_or(&self.path);
        let parts: Vec<String> = stem.split('/').map(safe_name).collect();
        format!("{}.html", parts.join("/"))
    }

    fn title(&self) -> String {
        // The first heading, else the file name.
        self.markdown
            .lines()
            .find_map(|line| line.strip_prefix("# "))
            .map(|t| t.trim().to_owned())
            .unwrap_or_else(|| self.path.clone())
    }
}

fn read_dir(root: &Path, relative: &str, depth: usize, out: &mut Vec<Document>) -> Result<()> {
    let dir = root.join(relative);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(());
    };
    for entry in entries {
        let entry =
            entry.map_err(|e| Error::new(format!("cannot read `{}`: {e}", dir.display())))?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = format!("{relative}/{name}");
        if kind.is_dir() && depth == 0 {
            read_dir(root, &path, depth + 1, out)?;
        } else if kind.is_file()
            && name.ends_with(".md")
            && !name.eq_ignore_ascii_case("README.md")
            && entry.metadata().is_ok_and(|m| m.len() <= MAX_FILE_BYTES)
            && let Ok(markdown) = std::fs::read_to_string(entry.path())
        {
            out.push(Document { path, markdown });
        }
    }
    Ok(())
}

fn read_tree(
    repo: &git2::Repository,
    tree: &git2::Tree<'_>,
    relative: &str,
    depth: usize,
    out: &mut Vec<Document>,
) -> Result<()> {
    for entry in tree.iter() {
        let Ok(name) = entry.name() else { continue };
        let path = format!("{relative}/{name}");
        match entry.kind() {
            Some(ObjectType::Tree) if depth == 0 => {
                read_tree(repo, &repo.find_tree(entry.id())?, &path, depth + 1, out)?;
            }
            Some(ObjectType::Blob)
                if entry.filemode() != i32::from(git2::FileMode::Link)
                    && name.ends_with(".md")
                    && !name.eq_ignore_ascii_case("README.md") =>
            {
                if let Blob::Bytes(bytes) = read_capped(repo, entry.id(), MAX_FILE_BYTES)?
                    && let Ok(markdown) = String::from_utf8(bytes)
                {
                    out.push(Document { path, markdown });
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Letters, digits, `-`, `_` and `.` (not leading) are kept; any other
/// name is spelled in hex behind `_`.
fn safe_name(part: &str) -> String {
    let safe = !part.is_empty()
        && !part.starts_with('.')
        && part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if safe {
        part.to_owned()
    } else {
        super::paths::file_name(part)
    }
}

#[derive(Serialize)]
struct Listed {
    folder: String,
    path: String,
    page: String,
    title: String,
}

pub(super) fn write(context: &Context<'_>, documents: &[Document], site: &mut Site) -> Result<()> {
    let mut listed = Vec::new();
    for document in documents {
        let page = document.page();
        let title = document.title();
        context.page(
            site,
            &page,
            "document.html.j2",
            &title,
            minijinja::context! {
                path => &document.path,
                body => render::safe(markdown::to_html(&document.markdown)),
            },
        )?;
        listed.push(Listed {
            folder: document
                .path
                .split('/')
                .next()
                .unwrap_or_default()
                .to_owned(),
            path: document.path.clone(),
            page,
            title,
        });
    }
    // Newest first: names start with the week or period.
    listed.reverse();
    context.page(
        site,
        "documents.html",
        "documents.html.j2",
        "Digests and reviews",
        minijinja::context! { documents => listed },
    )
}
