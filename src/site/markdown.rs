//! Markdown bodies as HTML that is safe to put in a page: pulldown-cmark
//! renders, then `ammonia` (an allow-list HTML sanitiser built on the html5ever
//! parser browsers' own parsing rules follow) keeps only harmless tags and
//! attributes. Raw HTML in a body is dropped outright, scripts and event
//! handlers never survive, and links keep only `http`, `https` and relative
//! URLs (no `javascript:`, `data:`, `vbscript:`, ...). Links get
//! `rel="noopener noreferrer"`.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder.url_schemes(HashSet::from(["http", "https"]));
    builder.link_rel(Some("noopener noreferrer"));
    // Images would load from anywhere at view time; the site makes no
    // network requests, and the CSP would block them anyway.
    builder.rm_tags(["img"]);
    builder
});

/// `markdown` rendered and sanitised.
pub fn to_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    // Raw HTML becomes text: it is shown, escaped, never interpreted.
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    CLEANER.clean(&html).to_string()
}

/// Text escaped for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_javascript_links_do_not_survive() {
        let html = to_html(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n\
             [click](javascript:alert(3)) [ok](https://example.com/a) [rel](../goals/x.md)\n\n\
             <a href=\"javascript:alert(4)\">raw</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:alert(3)\""), "{html}");
        assert!(!html.contains("<a href=\"javascript"), "{html}");
        assert!(
            html.contains("&lt;script&gt;"),
            "raw HTML is shown as text: {html}"
        );
        assert!(html.contains("href=\"https://example.com/a\""), "{html}");
        assert!(html.contains("href=\"../goals/x.md\""), "{html}");
    }

    #[test]
    fn markdown_renders_tables_and_emphasis() {
        let html = to_html("**bold**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
    }
}
