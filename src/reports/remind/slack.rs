//! The reminder as a Slack incoming-webhook message (`--format slack`):
//! `text` for notifications and a header and one section per kind of debt
//! in Block Kit, ready to `curl -d @- "$SLACK_WEBHOOK_URL"`. orgit only
//! prints it; posting is the user's, with their own secret.

use serde_json::{Value, json};

use super::{Contact, Reminder};

/// Slack's limit on a section's text, in characters.
const SECTION_CHARS: usize = 3000;
/// Slack's limit on a header's text.
const HEADER_CHARS: usize = 150;

pub fn slack_message(reminder: &Reminder) -> Value {
    let mut blocks = vec![json!({
        "type": "header",
        "text": {"type": "plain_text", "text": cut(&reminder.title, HEADER_CHARS)},
    })];
    let mut section = |heading: String, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        let text = format!("*{}*\n{}", escape(&heading), lines.join("\n"));
        blocks.push(json!({
            "type": "section",
            "text": {"type": "mrkdwn", "text": cut(&text, SECTION_CHARS)},
        }));
    };
    section(
        format!("Check-ins owed (due {})", reminder.checkin_due),
        reminder
            .updates
            .iter()
            .map(|u| {
                let mut line = format!("• {}: {}", escape(&u.team.name), who(u.lead.as_ref()));
                if u.weeks_missing > 1 {
                    line.push_str(&format!(", {} weeks in a row", u.weeks_missing));
                }
                if let Some(above) = &u.escalate_to {
                    line.push_str(&format!(", escalated to {}", who(Some(above))));
                }
                line
            })
            .collect(),
    );
    section(
        format!("Stale (untouched {}+ days)", reminder.stale_after_days),
        reminder
            .stale
            .iter()
            .map(|s| {
                let item = &s.entry.item;
                let days = s
                    .entry
                    .days
                    .map_or_else(|| "untouched".to_owned(), |d| format!("{d} days"));
                format!(
                    "• {} `{}`: {}, {days}",
                    escape(&item.title),
                    item.id,
                    owner(item.owner.as_ref().map(|o| o.name.as_str()), &s.github)
                )
            })
            .collect(),
    );
    section(
        "Overdue".to_owned(),
        reminder
            .overdue
            .iter()
            .map(|o| {
                let item = &o.entry.item;
                format!(
                    "• {} `{}`: {}, due {} ({} days ago)",
                    escape(&item.title),
                    item.id,
                    owner(item.owner.as_ref().map(|o| o.name.as_str()), &o.github),
                    o.entry.due,
                    o.entry.days_overdue
                )
            })
            .collect(),
    );
    json!({"text": reminder.title, "blocks": blocks})
}

fn who(person: Option<&Contact>) -> String {
    match person {
        Some(person) => owner(Some(&person.name), &person.github),
        None => "no lead".to_owned(),
    }
}

fn owner(name: Option<&str>, github: &Option<String>) -> String {
    match (name, github) {
        (Some(name), Some(handle)) => format!("{} ({handle})", escape(name)),
        (Some(name), None) => escape(name),
        (None, _) => "no owner".to_owned(),
    }
}

/// Slack's mrkdwn reads `&`, `<` and `>` as markup.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `text`, or its first `max - 1` characters and `…` when it is longer.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let at = text
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(text.len(), |(at, _)| at);
    format!("{}…", &text[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_cut_to_slacks_limits() {
        assert_eq!(escape("R&D <ops>"), "R&amp;D &lt;ops&gt;");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abcd", 4), "abcd");
    }
}
