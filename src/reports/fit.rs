//! Markdown cut to a length limit, saying so: `orgit diff --max-chars`.
//!
//! GitHub refuses a comment longer than 65,536 characters, and a workflow
//! that fails to update its comment leaves the last one up, out of date
//! without a word. A report cut at a line, with `<details>` blocks it cut
//! through closed again and a note that it was cut, is always postable.

/// `markdown` when it has at most `max_chars` characters; otherwise as many
/// of its whole lines as fit with `note` (one paragraph) after them. A note
/// longer than the limit is cut too, so the result never exceeds it.
pub fn fit(markdown: &str, max_chars: usize, note: &str) -> String {
    if markdown.chars().count() <= max_chars {
        return markdown.to_owned();
    }
    let note = format!("\n{note}\n");
    let mut kept = String::new();
    let mut kept_chars = 0;
    let mut open_details = 0usize;
    for line in markdown.split_inclusive('\n') {
        let opens = line.matches("<details").count();
        let closes = line.matches("</details>").count();
        let open_after = (open_details + opens).saturating_sub(closes);
        let line_chars = line.chars().count();
        let closing = closing_tags(open_after);
        let needed = kept_chars + line_chars + closing.chars().count() + note.chars().count();
        if needed > max_chars {
            break;
        }
        kept.push_str(line);
        kept_chars += line_chars;
        open_details = open_after;
    }
    if !kept.is_empty() && !kept.ends_with('\n') {
        kept.push('\n');
    }
    kept.push_str(&closing_tags(open_details));
    kept.push_str(&note);
    if kept.chars().count() > max_chars {
        return kept.chars().take(max_chars).collect();
    }
    kept
}

/// `</details>` for each block left open, a blank line before them so the
/// markdown inside ends.
fn closing_tags(open: usize) -> String {
    if open == 0 {
        String::new()
    } else {
        format!("\n{}", "</details>\n".repeat(open))
    }
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn short_text_is_unchanged() {
        assert_eq!(fit("# a\n\nb\n", 8, "cut"), "# a\n\nb\n");
    }

    #[test]
    fn long_text_is_cut_at_a_line_with_the_note_and_open_blocks_closed() {
        let items: String = (1..=9).map(|n| format!("- item{n}\n")).collect();
        let text = format!("<!-- m -->\n<details><summary>All</summary>\n\n{items}</details>\n");
        let out = fit(&text, 100, "**Cut short.**");
        assert_eq!(
            out,
            "<!-- m -->\n<details><summary>All</summary>\n\n- item1\n- item2\n- item3\n\n</details>\n\n**Cut short.**\n"
        );
        assert!(out.chars().count() <= 100);
        // Characters, not bytes: GitHub counts characters.
        let wide = "é".repeat(30) + "\n" + &"é".repeat(30) + "\n";
        let out = fit(&wide, 50, "cut");
        assert_eq!(out, "é".repeat(30) + "\n\ncut\n");
    }

    #[test]
    fn never_longer_than_the_limit() {
        let text = "x".repeat(100);
        for max in [0, 1, 5, 20, 99] {
            let out = fit(&text, max, "this note is cut short too");
            assert!(out.chars().count() <= max, "{max}: {out:?}");
        }
    }
}
