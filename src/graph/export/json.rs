//! The picture as one JSON document (`version` changes when a field changes
//! meaning or goes away).

use serde::Serialize;

use super::Picture;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    #[serde(flatten)]
    picture: &'a Picture,
}

pub fn render(picture: &Picture) -> String {
    let document = Document {
        version: 1,
        picture,
    };
    // Plain data with string keys: serializing it cannot fail.
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
