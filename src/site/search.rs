//! The search index: every id with its kind, title and page, as a script
//! (`assets/search-index.js`) rather than JSON, since a page opened from
//! `file://` may not fetch files beside it. Pages load it when the search box
//! is first used.

use std::collections::HashMap;

use crate::graph::title_of;
use crate::model::Org;

pub(super) fn index(org: &Org, pages: &HashMap<String, String>) -> String {
    let mut entries = Vec::new();
    for definition in org.definitions() {
        if org.lookup(definition.id) != Some(definition.entity) {
            continue;
        }
        let Some(page) = pages.get(definition.id) else {
            continue;
        };
        entries.push([
            definition.id,
            definition.entity.kind.noun(),
            title_of(org, definition.entity),
            page.as_str(),
        ]);
    }
    // JSON is a JavaScript expression; the file is a script, never inlined
    // in a page, so no `</script>` can end it early.
    let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".to_owned());
    format!("window.ORGIT_SEARCH = {json};\n")
}
