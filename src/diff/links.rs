//! Alignment links added or removed: a goal's `aligns_to`, an initiative's
//! `supports`.

use std::collections::BTreeSet;

use super::{LinkChange, LinkKind};
use crate::model::{EntityKind, EntityRef, Org};

/// Links present on one side only, ordered by the waiting end, the kind of
/// link and the other end; a removal before an addition.
pub(super) fn changes(base: &Org, head: &Org) -> Vec<LinkChange> {
    let (before, after) = (links(base), links(head));
    let mut changes: Vec<LinkChange> = before
        .difference(&after)
        .map(|link| (link, false))
        .chain(after.difference(&before).map(|link| (link, true)))
        .map(|((from, link, to), added)| LinkChange {
            from: from.clone(),
            to: to.clone(),
            link: *link,
            added,
        })
        .collect();
    changes
        .sort_by(|a, b| (&a.from, a.link, &a.to, a.added).cmp(&(&b.from, b.link, &b.to, b.added)));
    changes
}

/// `(from, link, to)` for every goal and initiative that wins its id.
fn links(org: &Org) -> BTreeSet<(String, LinkKind, String)> {
    let wins = |id: &str, kind, index| {
        org.lookup(id)
            == Some(EntityRef {
                kind,
                index,
                child: 0,
            })
    };
    let mut links = BTreeSet::new();
    for (index, goal) in org.goals.iter().enumerate() {
        if !wins(&goal.id, EntityKind::Goal, index) {
            continue;
        }
        if let Some(to) = &goal.aligns_to {
            links.insert((goal.id.value.clone(), LinkKind::AlignsTo, to.value.clone()));
        }
    }
    for (index, initiative) in org.initiatives.iter().enumerate() {
        if !wins(&initiative.id, EntityKind::Initiative, index) {
            continue;
        }
        for to in &initiative.supports {
            let link = (
                initiative.id.value.clone(),
                LinkKind::Supports,
                to.value.clone(),
            );
            links.insert(link);
        }
    }
    links
}
