//! The team hierarchy in reading order: each team before the teams below it,
//! siblings by id. Every list in the digest follows this order.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::Org;

pub(crate) struct TeamTree {
    /// Team ids in hierarchy order.
    order: Vec<String>,
    rank: HashMap<String, usize>,
    depth: HashMap<String, usize>,
    parent: HashMap<String, String>,
    children: BTreeMap<String, Vec<String>>,
}

impl TeamTree {
    pub fn new(org: &Org) -> TeamTree {
        let ids: BTreeSet<&str> = org.teams.iter().map(|t| t.id.value.as_str()).collect();
        let mut parent = HashMap::new();
        let mut children: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut roots = Vec::new();
        for team in &org.teams {
            let id = team.id.value.clone();
            // A parent that is no team is `orgit check`'s to report; here the
            // team sits at the top.
            match team
                .parent
                .as_ref()
                .filter(|p| ids.contains(p.value.as_str()))
            {
                Some(p) if p.value != id => {
                    parent.insert(id.clone(), p.value.clone());
                    children.entry(p.value.clone()).or_default().push(id);
                }
                _ => roots.push(id),
            }
        }
        roots.sort();
        roots.dedup();
        for siblings in children.values_mut() {
            siblings.sort();
            siblings.dedup();
        }

        let mut tree = TeamTree {
            order: Vec::new(),
            rank: HashMap::new(),
            depth: HashMap::new(),
            parent,
            children,
        };
        for root in &roots {
            tree.visit(root, 0);
        }
        // Teams in a parent cycle are reachable from no top; they come last,
        // each at the top (`orgit check` reports the cycle).
        for id in ids {
            if !tree.rank.contains_key(id) {
                tree.visit(id, 0);
            }
        }
        tree
    }

    fn visit(&mut self, id: &str, depth: usize) {
        // Iterative, so a deep hierarchy cannot overflow the stack.
        let mut stack = vec![(id.to_owned(), depth)];
        while let Some((id, depth)) = stack.pop() {
            if self.rank.contains_key(&id) {
                continue;
            }
            self.rank.insert(id.clone(), self.order.len());
            self.depth.insert(id.clone(), depth);
            self.order.push(id.clone());
            if let Some(children) = self.children.get(&id) {
                for child in children.iter().rev() {
                    stack.push((child.clone(), depth + 1));
                }
            }
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.rank.contains_key(id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }

    /// Where items of `team` sort: company-wide items (no team) first, then
    /// teams in hierarchy order, then teams the org does not define.
    pub fn rank(&self, team: Option<&str>) -> usize {
        match team {
            None => 0,
            Some(id) => self.rank.get(id).map_or(usize::MAX, |r| r + 1),
        }
    }

    pub fn depth(&self, id: &str) -> usize {
        self.depth.get(id).copied().unwrap_or(0)
    }

    pub fn parent(&self, id: &str) -> Option<&str> {
        self.parent.get(id).map(String::as_str)
    }

    /// Which child of `top` (of the hierarchy's roots when `None`) `team`
    /// sits under; `top` itself is its own branch, and so is a team outside
    /// `top`'s subtree at the point its walk up ends.
    pub fn branch<'a>(&'a self, top: Option<&str>, team: &'a str) -> &'a str {
        let mut current = team;
        // A parent cycle (which `orgit check` reports) ends the walk.
        for _ in 0..=self.parent.len() {
            if top == Some(current) {
                return current;
            }
            match self.parent(current) {
                Some(parent) if top != Some(parent) => current = parent,
                _ => return current,
            }
        }
        current
    }

    /// `id` and every team below it.
    pub fn subtree(&self, id: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut stack = vec![id.to_owned()];
        while let Some(team) = stack.pop() {
            if out.insert(team.clone())
                && let Some(children) = self.children.get(&team)
            {
                stack.extend(children.iter().cloned());
            }
        }
        out
    }

    /// Whether the hierarchy has exactly one top: then that team is the
    /// company itself.
    pub fn single_top(&self) -> Option<&str> {
        let mut tops = self
            .order
            .iter()
            .filter(|id| !self.parent.contains_key(*id));
        match (tops.next(), tops.next()) {
            (Some(top), None) => Some(top),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::load_texts;

    fn tree(teams: &[(&str, Option<&str>)]) -> TeamTree {
        let files: Vec<(String, String)> = teams
            .iter()
            .map(|(id, parent)| {
                let parent = parent.map(|p| format!("parent: {p}\n")).unwrap_or_default();
                (
                    format!("teams/{id}.yaml"),
                    format!("id: {id}\nname: {id}\n{parent}"),
                )
            })
            .collect();
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        TeamTree::new(&load_texts(&files).0)
    }

    #[test]
    fn teams_come_before_their_sub_teams_and_siblings_go_by_id() {
        let tree = tree(&[
            ("company", None),
            ("sales", Some("company")),
            ("eng", Some("company")),
            ("platform", Some("eng")),
            ("apps", Some("eng")),
        ]);
        let order: Vec<&str> = tree.ids().collect();
        assert_eq!(order, ["company", "eng", "apps", "platform", "sales"]);
        assert_eq!(tree.depth("platform"), 2);
        assert_eq!(tree.rank(None), 0);
        assert!(tree.rank(Some("company")) < tree.rank(Some("apps")));
        assert_eq!(tree.rank(Some("unknown")), usize::MAX);
        assert_eq!(tree.single_top(), Some("company"));
        let eng: Vec<String> = tree.subtree("eng").into_iter().collect();
        assert_eq!(eng, ["apps", "eng", "platform"]);
    }

    #[test]
    fn a_parent_cycle_still_lists_every_team_once() {
        let tree = tree(&[("a", Some("b")), ("b", Some("a")), ("c", None)]);
        let order: Vec<&str> = tree.ids().collect();
        assert_eq!(order, ["c", "a", "b"]);
        assert_eq!(tree.single_top(), Some("c"));
        let a: Vec<String> = tree.subtree("a").into_iter().collect();
        assert_eq!(a, ["a", "b"]);
    }
}
