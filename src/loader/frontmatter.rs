//! Markdown files: YAML frontmatter for the fields, the body for the narrative.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use crate::model::Body;

/// A markdown file split into the YAML to parse and the body.
pub struct Split<'a> {
    /// The file from its first byte to the end of the frontmatter's content
    /// (the opening `---` included, the closing one not), so line and column
    /// numbers from the YAML parser are the file's own.
    pub yaml: &'a str,
    pub body: Body,
}

/// `None` when the file has no frontmatter block.
pub fn split(text: &str) -> Option<Split<'_>> {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut events = Parser::new_ext(text, options).into_offset_iter();
    let (first, block_range) = events.next()?;
    if first != Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) {
        return None;
    }
    let mut yaml_end = block_range.start + 3;
    let mut body_start = block_range.end;
    for (event, range) in events.by_ref() {
        match event {
            Event::Text(_) => yaml_end = yaml_end.max(range.end),
            Event::End(TagEnd::MetadataBlock(_)) => {
                body_start = range.end;
                break;
            }
            _ => {}
        }
    }
    let mut summary = String::new();
    let mut in_paragraph = false;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if in_paragraph => break,
            Event::Text(t) | Event::Code(t) if in_paragraph => summary.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => summary.push(' '),
            _ => {}
        }
    }
    Some(Split {
        yaml: &text[..yaml_end],
        body: Body {
            markdown: text[body_start..]
                .trim_start_matches(['\r', '\n'])
                .to_owned(),
            summary,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn splits_fields_from_narrative() {
        let text =
            "---\nid: growth\ntitle: Grow\n---\n\n# Why\n\nWe grow *fast*\nand well.\n\nMore.\n";
        let split = split(text).expect("has frontmatter");
        assert_eq!(split.yaml, "---\nid: growth\ntitle: Grow\n");
        assert_eq!(split.body.summary, "We grow fast and well.");
        assert!(split.body.markdown.starts_with("# Why"));
    }

    #[test]
    fn no_frontmatter_is_none() {
        assert!(split("# Just a title\n").is_none());
        assert!(split("---\nid: open but never closed\n").is_none());
    }
}
