//! `orgit site`: a static website of the org, built from a real repository
//! with history. Deterministic bytes, escaping of every repository string,
//! and the folders it refuses to replace. (The browser tests in
//! `tests/browser/` load the same sites in Chromium.)

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{MINIMAL_ORG, TODAY, TestRepo, copy_tree, orgit, repo_root, write_files};

/// The generated example org, with weeks of history ending before [`TODAY`].
fn example() -> TestRepo {
    let dir = tempfile::tempdir().unwrap();
    let run = orgit(dir.path(), &["--today", TODAY, "example", "acme"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let org = tempfile::tempdir().unwrap();
    // The repository lives in `acme/`; move it to a temp dir of its own.
    copy_tree(&dir.path().join("acme"), org.path());
    TestRepo::open(org)
}

/// Every file of a folder, by relative path.
fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                let relative = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(relative, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    out
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

#[test]
fn the_example_site_has_every_page_and_is_the_same_bytes_twice() {
    let repo = example();
    repo.repo
        .remote("origin", "git@github.com:acme/plan.git")
        .unwrap();
    let run = orgit(repo.path(), &["--today", TODAY, "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("wrote "), "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("to site/\nopen site/index.html in a browser\n"),
        "{}",
        run.stdout
    );
    let first = read_tree(&repo.path().join("site"));
    let again = orgit(repo.path(), &["--today", TODAY, "site", "--out", "again"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let second = read_tree(&repo.path().join("again"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between two builds");
    }

    for page in [
        ".orgit-site",
        "index.html",
        "org.html",
        "graph.html",
        "documents.html",
        "assets/site.css",
        "assets/search-index.js",
        "assets/graph-data.js",
        "assets/vendor/cytoscape.min.js",
        "assets/vendor/cytoscape.LICENSE.txt",
        "teams/sales.html",
        "goals/sales-mid-market-q4.html",
    ] {
        assert!(
            first.contains_key(page),
            "missing {page}: {:?}",
            first.keys().take(20).collect::<Vec<_>>()
        );
    }
    let index = text(&first, "index.html");
    assert!(index.contains("<h2>Goals by team</h2>"), "{index}");
    assert!(
        index.contains(
            "href=\"goals&#x2f;sales-mid-market-q4.html\">Close the mid-market faster</a>"
        )
    );
    assert!(index.contains("<h2>Needs attention</h2>"));
    // A team page draws each metric key result's value over the period,
    // from the history: a step line with one point per commit.
    let sales = text(&first, "teams/sales.html");
    assert!(
        sales.contains("<path class=\"value\" d=\"M"),
        "no chart on the team page"
    );
    assert!(sales.matches("<circle class=\"point\"").count() >= 3);
    // The quarter so far, scored as `orgit review quarterly` scores it.
    assert!(
        sales.contains("<h2>Execution, 2026-Q4 so far</h2>"),
        "{sales}"
    );
    assert!(sales.contains("<span class=\"label\">mean goal score</span>"));
    assert!(
        sales.contains("<span class=\"label\">check-ins filed ("),
        "{sales}"
    );
    // Changes cite their commits, linked to GitHub through `origin`.
    let goal = text(&first, "goals/sales-mid-market-q4.html");
    assert!(goal.contains("<a class=\"commit\" href=\"https:&#x2f;&#x2f;github.com&#x2f;acme&#x2f;plan&#x2f;commit&#x2f;"), "{goal}");
    let search = text(&first, "assets/search-index.js");
    assert!(search.starts_with("window.ORGIT_SEARCH = [[\""));
    assert!(search.contains("[\"sales-mid-market-q4\",\"goal\",\"Close the mid-market faster\",\"goals/sales-mid-market-q4.html\"]"));
    // No page is large: the example's biggest is far under the few MB a
    // page of a 5,000-person org may take.
    for (path, bytes) in &first {
        if path.ends_with(".html") {
            assert!(bytes.len() < 300_000, "{path} is {} bytes", bytes.len());
        }
    }
}

/// A tag-level scan of HTML: every real tag (not escaped text) and its
/// attributes.
fn tags(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        out.push(rest[..end].to_owned());
        rest = &rest[end..];
    }
    out
}

/// The attributes of a tag's text (after its name), names lowercased,
/// quoted values unquoted.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = tag.chars().collect();
    let mut at = chars
        .iter()
        .position(|c| c.is_whitespace())
        .unwrap_or(chars.len());
    while at < chars.len() {
        while at < chars.len() && (chars[at].is_whitespace() || chars[at] == '/') {
            at += 1;
        }
        let start = at;
        while at < chars.len() && !chars[at].is_whitespace() && chars[at] != '=' {
            at += 1;
        }
        let name: String = chars[start..at]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        let mut value = String::new();
        if at < chars.len() && chars[at] == '=' {
            at += 1;
            let quote = chars.get(at).copied().filter(|c| *c == '"' || *c == '\'');
            if let Some(quote) = quote {
                at += 1;
                while at < chars.len() && chars[at] != quote {
                    value.push(chars[at]);
                    at += 1;
                }
                at += 1;
            } else {
                while at < chars.len() && !chars[at].is_whitespace() {
                    value.push(chars[at]);
                    at += 1;
                }
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

fn unescape(value: &str) -> String {
    value
        .replace("&#x2f;", "/")
        .replace("&#x3a;", ":")
        .replace("&colon;", ":")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

#[test]
fn hostile_titles_and_bodies_become_text_and_no_script_gets_in() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("tests/browser/hostile-org"), dir.path());
    let run = orgit(dir.path(), &["--today", TODAY, "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "note: the site has no history: not in a git repository\n"
    );
    let files = read_tree(&dir.path().join("site"));
    let mut pages = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes.clone()).unwrap();
        for tag in tags(&html) {
            let lower = tag.to_ascii_lowercase();
            let name: String = lower
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(
                !["iframe", "img", "form", "object", "embed", "style", "base"]
                    .contains(&name.as_str()),
                "{path}: <{tag}>"
            );
            if name == "script" {
                assert!(
                    lower.starts_with("script src=\"") && lower.contains("assets/"),
                    "{path}: <{tag}>"
                );
            }
            // No event handler, no inline style; links only http(s) or
            // relative.
            for (attribute, value) in attributes(&tag) {
                assert!(!attribute.starts_with("on"), "{path}: <{tag}>");
                assert!(attribute != "style", "{path}: <{tag}>");
                if ["href", "src", "action", "formaction", "xlink:href"]
                    .contains(&attribute.as_str())
                {
                    let url = unescape(&value).to_ascii_lowercase();
                    let scheme = url.split(['/', '?', '#']).next().unwrap_or_default();
                    assert!(
                        !scheme.contains(':')
                            || url.starts_with("https://")
                            || url.starts_with("http://"),
                        "{path}: <{tag}>"
                    );
                }
            }
        }
        // Every page carries the policy that blocks inline scripts.
        assert!(
            html.contains("content=\"default-src 'none'; script-src 'self';"),
            "{path}"
        );
    }
    assert_eq!(pages, 11);
    // The text is still there, shown as written.
    let goal = text(&files, "goals/pwn.html");
    assert!(
        goal.contains(
            "<h1>&lt;script&gt;alert(&#x27;goal&#x27;)&lt;&#x2f;script&gt; &amp; friends</h1>"
        ),
        "{goal}"
    );
    assert!(
        goal.contains("Hello &lt;script&gt;alert('body')&lt;/script&gt;"),
        "{goal}"
    );
    assert!(
        goal.contains("<a href=\"https://example.com/\" rel=\"noopener noreferrer\">fine</a>"),
        "{goal}"
    );
    assert!(
        goal.contains("<a rel=\"noopener noreferrer\">click me</a>"),
        "{goal}"
    );
    // The search index is a script: a title cannot close it.
    let search = text(&files, "assets/search-index.js");
    assert!(
        search.contains(r#""pwn","goal","<script>alert('goal')</script> & friends""#),
        "{search}"
    );
}

#[test]
fn a_folder_orgit_did_not_write_is_never_replaced() {
    let repo = TestRepo::new();
    repo.commit(MINIMAL_ORG, "org", "Ana Silva", "2026-10-05");
    write_files(repo.path(), &[("site/notes.txt", "mine")]);
    let run = orgit(repo.path(), &["--today", TODAY, "site"]);
    assert_eq!(run.code, 2);
    let site = repo.path().canonicalize().unwrap().join("site");
    assert_eq!(
        run.stderr,
        format!(
            "error: will not replace `{}`: it was not written by `orgit site`\n\
             hint: orgit replaces only folders it wrote (they hold `.orgit-site`): remove it yourself, or pick another `--out`\n",
            site.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(site.join("notes.txt")).unwrap(),
        "mine"
    );

    // The org's own folders, the org root and the folders above it.
    for out in ["people", "goals/2026-Q4", "digests", ".", ".."] {
        let run = orgit(repo.path(), &["--today", TODAY, "site", "--out", out]);
        assert_eq!(run.code, 2, "--out {out}: {}", run.stdout);
        assert!(
            run.stderr
                .starts_with("error: will not write the site to `")
                || run.stderr.contains("cannot hold a site"),
            "--out {out}: {}",
            run.stderr
        );
    }
    assert!(repo.path().join("people/ana.yaml").is_file());

    // Its own site is replaced whole: a file from the last build is gone.
    let run = orgit(repo.path(), &["--today", TODAY, "site", "--out", "public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    write_files(repo.path(), &[("public/stale.html", "old")]);
    let run = orgit(repo.path(), &["--today", TODAY, "site", "--out", "public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!repo.path().join("public/stale.html").exists());
    assert!(repo.path().join("public/goals/reliability.html").is_file());
    // Built again, a page edited by hand is written anew and an unchanged
    // one is carried over as the same file (a hard link): the site is the
    // same bytes as before.
    let built = read_tree(&repo.path().join("public"));
    let unchanged = repo.path().join("public/goals/reliability.html");
    let before = inode(&unchanged);
    write_files(repo.path(), &[("public/index.html", "edited")]);
    let run = orgit(repo.path(), &["--today", TODAY, "site", "--out", "public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read_tree(&repo.path().join("public")) == built);
    assert_eq!(inode(&unchanged), before);
    // No temporary folder is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(repo.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".orgit-site"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A file's inode number (0 where there is none to compare).
fn inode(path: &Path) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).unwrap().ino()
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        0
    }
}

/// The Pages workflow `orgit init` writes: builds on pushes to main with the
/// same install steps as the other workflows, least privilege per job.
#[test]
fn init_writes_a_pages_workflow_with_least_privilege() {
    let dir = tempfile::tempdir().unwrap();
    let run = orgit(
        dir.path(),
        &[
            "init",
            "acme",
            "--today",
            TODAY,
            "--orgit-source",
            "action:acme/orgit@v0.1.0",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let workflows = dir.path().join("acme/.github/workflows");
    let text = std::fs::read_to_string(workflows.join("orgit-pages.yml")).unwrap();
    let yaml: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(yaml["on"]["push"]["branches"], serde_json::json!(["main"]));
    assert_eq!(yaml["permissions"], serde_json::json!({}));
    let build = &yaml["jobs"]["build"];
    assert_eq!(
        build["permissions"],
        serde_json::json!({"contents": "read"})
    );
    let deploy = &yaml["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(
        deploy["permissions"],
        serde_json::json!({"pages": "write", "id-token": "write"})
    );
    assert_eq!(deploy["environment"]["name"], "github-pages");
    let uses = |job: &serde_json::Value| -> Vec<String> {
        job["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s["uses"].as_str().map(str::to_owned))
            .collect()
    };
    assert_eq!(
        uses(build),
        [
            "actions/checkout@v4",
            "acme/orgit@v0.1.0",
            "actions/upload-pages-artifact@v3"
        ]
    );
    assert_eq!(uses(deploy), ["actions/deploy-pages@v4"]);
    let steps = build["steps"].as_array().unwrap();
    assert!(
        steps
            .iter()
            .any(|s| s["run"] == "orgit site --out \"$RUNNER_TEMP/site\"")
    );
    // orgit is installed the way the weekly digest installs it.
    let weekly: serde_json::Value = serde_saphyr::from_str(
        &std::fs::read_to_string(workflows.join("orgit-weekly.yml")).unwrap(),
    )
    .unwrap();
    let install = |steps: &serde_json::Value| steps.as_array().unwrap()[1].clone();
    assert_eq!(
        install(&build["steps"]),
        install(&weekly["jobs"]["digest"]["steps"])
    );
}
