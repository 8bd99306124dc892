//! The terminal the human output of `status`, `show` and `impact` is laid
//! out for: its width and whether it takes colors.
//!
//! The width is `COLUMNS` when set (as shells and `watch` set it, and as
//! tests pin it), else the terminal's, else 80 (a pipe or a file). Lines are
//! wrapped at spaces to that width, never cut: a reason, a title or a new
//! value is read in full, its continuation lines indented under where it
//! started. Widths are display columns (李娜 takes four, an emoji two), and
//! color escapes take none.

use std::io::IsTerminal;

use annotate_snippets::renderer::{AnsiColor, Style};
use unicode_width::UnicodeWidthChar;

use crate::model::Health;

/// The width when there is no terminal to ask.
pub const DEFAULT_WIDTH: usize = 80;
/// Text always gets at least this many columns after a prefix, even when
/// the prefix leaves less on a narrow screen (the line then runs over).
const MIN_TEXT: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen {
    pub width: usize,
    pub color: bool,
}

impl Screen {
    #[cfg(test)]
    pub fn new(width: usize, color: bool) -> Self {
        Screen { width, color }
    }

    /// The screen stdout goes to; `color` is `--color` as resolved by the
    /// session.
    pub fn detect(color: bool) -> Self {
        let from_env = std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.trim().parse::<usize>().ok())
            .filter(|&columns| columns > 0);
        let width = from_env
            .or_else(|| {
                let stdout = std::io::stdout();
                if !stdout.is_terminal() {
                    return None;
                }
                terminal_size::terminal_size_of(&stdout).map(|(w, _)| usize::from(w.0))
            })
            .filter(|&columns| columns > 0)
            .unwrap_or(DEFAULT_WIDTH);
        Screen { width, color }
    }

    /// Appends `text` after `first`, wrapped at spaces to the width, with
    /// continuation lines starting with `rest`. Nothing is cut: a word longer
    /// than a line is broken across lines.
    pub fn wrap(&self, out: &mut String, first: &str, rest: &str, text: &str) {
        let rest_width = width(rest);
        let mut current = first.to_owned();
        let mut current_width = width(first);
        // Columns a line may take: the screen's, or more where the prefix
        // leaves less than MIN_TEXT.
        let mut budget = self.width.max(current_width + MIN_TEXT);
        let rest_budget = self.width.max(rest_width + MIN_TEXT);
        let mut empty = true;
        for word in text.split_whitespace() {
            let word_width = width(word);
            if !empty && current_width + 1 + word_width > budget {
                push_line(out, &current);
                current = rest.to_owned();
                current_width = rest_width;
                budget = rest_budget;
                empty = true;
            }
            if !empty {
                current.push(' ');
                current_width += 1;
            }
            // A word wider than what is left of a fresh line: break it.
            let mut left = word;
            loop {
                let room = budget.saturating_sub(current_width);
                let (head, tail) = split_at_width(left, room);
                current.push_str(head);
                current_width += width(head);
                if tail.is_empty() {
                    break;
                }
                push_line(out, &current);
                current = rest.to_owned();
                current_width = rest_width;
                budget = rest_budget;
                left = tail;
            }
            empty = false;
        }
        push_line(out, &current);
    }

    /// [`Screen::wrap`] with continuation lines indented to where the text
    /// starts.
    pub fn hang(&self, out: &mut String, first: &str, text: &str) {
        let rest = " ".repeat(width(first));
        self.wrap(out, first, &rest, text);
    }

    /// A line that wraps under its own leading spaces plus two.
    pub fn line(&self, out: &mut String, text: &str) {
        let indent = text.len() - text.trim_start_matches(' ').len();
        let rest = " ".repeat(indent + 2);
        let body = &text[indent..];
        self.wrap(out, &text[..indent], &rest, body);
    }

    /// A health in words, padded to `pad` columns, in its color when the
    /// screen takes colors: green on track, yellow at risk, red off track.
    pub fn health(&self, health: Option<Health>, pad: usize) -> String {
        let word = match health {
            Some(Health::OnTrack) => "on track",
            Some(Health::AtRisk) => "at risk",
            Some(Health::OffTrack) => "off track",
            None => "-",
        };
        let padding = " ".repeat(pad.saturating_sub(word.len()));
        match health {
            Some(health) => format!("{}{padding}", self.tint(health, word)),
            None => format!("{word}{padding}"),
        }
    }

    /// `text` in the color of `health` when the screen takes colors.
    pub fn tint(&self, health: Health, text: &str) -> String {
        if !self.color {
            return text.to_owned();
        }
        let color = match health {
            Health::OnTrack => AnsiColor::Green,
            Health::AtRisk => AnsiColor::Yellow,
            Health::OffTrack => AnsiColor::Red,
        };
        let style: Style = color.on_default();
        format!("{}{text}{}", style.render(), style.render_reset())
    }
}

/// Display columns of `text`, not counting ANSI color escapes.
pub fn width(text: &str) -> usize {
    let mut columns = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters final-byte
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        columns += c.width().unwrap_or(0);
    }
    columns
}

/// `text` padded with spaces to `columns` display columns.
pub fn pad(text: &str, columns: usize) -> String {
    let mut padded = text.to_owned();
    padded.push_str(&" ".repeat(columns.saturating_sub(width(text))));
    padded
}

/// The longest start of `text` that fits `columns` (at least one
/// character, so wrapping always moves on), and the rest.
fn split_at_width(text: &str, columns: usize) -> (&str, &str) {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > columns && at > 0 {
            return text.split_at(at);
        }
        used += w;
    }
    (text, "")
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line.trim_end_matches(' '));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(width: usize, first: &str, rest: &str, text: &str) -> String {
        let mut out = String::new();
        Screen::new(width, false).wrap(&mut out, first, rest, text);
        out
    }

    #[test]
    fn wraps_at_spaces_under_the_prefix_and_never_cuts() {
        assert_eq!(
            wrapped(
                30,
                "  why: ",
                "       ",
                "the vendor has not signed the contract yet"
            ),
            "  why: the vendor has not\n       signed the contract yet\n"
        );
        assert_eq!(wrapped(80, "", "", "short"), "short\n");
    }

    #[test]
    fn a_word_longer_than_a_line_is_broken_not_cut() {
        let out = wrapped(
            30,
            "",
            "",
            "see https://example.com/a/very/long/path/to/a/page",
        );
        assert_eq!(
            out,
            "see\nhttps://example.com/a/very/lon\ng/path/to/a/page\n"
        );
    }

    #[test]
    fn wide_characters_and_colors_count_as_they_show() {
        assert_eq!(width("李娜"), 4);
        assert_eq!(width("\u{1b}[32mon track\u{1b}[0m"), 8);
        assert_eq!(pad("李", 4), "李  ");
        let colored = Screen::new(80, true).health(Some(Health::OffTrack), 10);
        assert_eq!(colored, "\u{1b}[31moff track\u{1b}[0m ");
        assert_eq!(
            Screen::new(80, false).health(Some(Health::AtRisk), 9),
            "at risk  "
        );
    }

    #[test]
    fn a_prefix_wider_than_the_screen_still_leaves_room_for_text() {
        let out = wrapped(10, "0123456789ab ", "    ", "one two");
        assert_eq!(out, "0123456789ab one two\n");
    }
}
