//! Where a commit can be seen on the web: the repository's GitHub address,
//! from `orgit.yaml`'s `repository` or the repository's `origin` remote.
//!
//! Reports and the site link commit ids only when that address is GitHub's
//! (`https://github.com/OWNER/REPO`); any other remote keeps plain ids, since
//! guessing another host's URL scheme would print links that 404.

use std::path::Path;

use git2::Repository;

/// A repository on GitHub, for links to its commits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GitHubRepository {
    /// `https://github.com/OWNER/REPO`, without a trailing slash or `.git`.
    pub web_url: String,
}

impl GitHubRepository {
    /// Parses the URL forms git remotes and people use for a GitHub
    /// repository: `https://github.com/o/r(.git)`, `git@github.com:o/r.git`,
    /// `ssh://git@github.com/o/r.git`, `git://github.com/o/r`.
    pub fn parse(url: &str) -> Option<Self> {
        let url = url.trim();
        let path = url.strip_prefix("git@github.com:").or_else(|| {
            let rest = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"))
                .or_else(|| url.strip_prefix("ssh://"))
                .or_else(|| url.strip_prefix("git://"))?;
            // Credentials before the host (`user:token@github.com/...`).
            let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
            rest.strip_prefix("github.com/")
                .or_else(|| rest.strip_prefix("www.github.com/"))
        })?;
        let path = path.trim_end_matches('/');
        let path = path.strip_suffix(".git").unwrap_or(path);
        let (owner, name) = path.split_once('/')?;
        let valid = |part: &str| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        (valid(owner) && valid(name)).then(|| GitHubRepository {
            web_url: format!("https://github.com/{owner}/{name}"),
        })
    }

    /// The repository of `org_root`: `configured` (orgit.yaml's `repository`)
    /// when given, else the `origin` remote. `None` when neither is a GitHub
    /// URL, or there is no repository.
    pub fn find(org_root: &Path, configured: Option<&str>) -> Option<Self> {
        if let Some(url) = configured {
            return Self::parse(url);
        }
        let repo = Repository::discover(org_root).ok()?;
        let remote = repo.find_remote("origin").ok()?;
        Self::parse(remote.url().ok()?)
    }

    /// The page of one commit.
    pub fn commit_url(&self, commit_id: &str) -> String {
        format!("{}/commit/{commit_id}", self.web_url)
    }
}

#[cfg(test)]
mod tests {
    use super::GitHubRepository;

    fn web(url: &str) -> Option<String> {
        GitHubRepository::parse(url).map(|repo| repo.web_url)
    }

    #[test]
    fn every_remote_form_of_a_github_repository_gives_its_web_address() {
        let expected = Some("https://github.com/acme/plan".to_owned());
        for url in [
            "https://github.com/acme/plan",
            "https://github.com/acme/plan.git",
            "https://github.com/acme/plan/",
            "http://github.com/acme/plan",
            "https://x-access-token:secret@github.com/acme/plan.git",
            "git@github.com:acme/plan.git",
            "ssh://git@github.com/acme/plan.git",
            "git://github.com/acme/plan",
            " https://www.github.com/acme/plan\n",
        ] {
            assert_eq!(web(url), expected, "{url}");
        }
    }

    #[test]
    fn other_hosts_and_malformed_paths_give_no_links() {
        for url in [
            "https://gitlab.com/acme/plan",
            "https://github.com.evil.example/acme/plan",
            "https://github.com/acme",
            "https://github.com/acme/plan/tree/main",
            "https://github.com/../plan",
            "https://github.com/acme/pl\"an",
            "/srv/git/plan.git",
            "",
        ] {
            assert_eq!(web(url), None, "{url}");
        }
    }

    #[test]
    fn commit_url_appends_the_full_id() {
        let repo = GitHubRepository::parse("git@github.com:acme/plan.git").unwrap();
        assert_eq!(
            repo.commit_url("0123abc"),
            "https://github.com/acme/plan/commit/0123abc"
        );
    }
}
