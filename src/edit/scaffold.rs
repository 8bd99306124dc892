//! New files for the weekly chores: a team's check-in for this week, with
//! its key results, KPIs and open to-dos, and the next decision record.

use std::fmt::Write as _;

use crate::model::{Date, GoalStatus, IsoWeek, Org, OwnerField, Period, Priority, unit_suffix};

/// Where a new file goes (relative to the org root) and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub path: String,
    pub text: String,
}

/// A YAML scalar for `text`: as is when it is plain, otherwise double
/// quoted (JSON's quoting is valid YAML).
fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | ',' | '(' | ')' | '/')
        })
        && !text.starts_with(['-', ' ', '.'])
        && !text.ends_with(' ')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off" | "~"
        )
        && text.parse::<f64>().is_err();
    if plain {
        text.to_owned()
    } else {
        serde_json::to_string(text).expect("a string serializes")
    }
}

/// The schema modeline for a file `depth` folders below the org root, when
/// the org keeps its schemas in `schema/` (`schemas`).
fn modeline(schemas: bool, kind: &str, depth: usize) -> String {
    if schemas {
        format!(
            "# yaml-language-server: $schema={}schema/{kind}.schema.json\n",
            "../".repeat(depth)
        )
    } else {
        String::new()
    }
}

/// `updates/<week>/<team>.md`: the team, the week, the author, and under
/// "Progress" each key result of the team's active goals in the week's
/// period (the quarter holding its Sunday, as the digest counts it) with its
/// value now, to edit into the week's story; then the team's KPIs and its
/// open to-dos.
pub fn update(org: &Org, team: &str, author: &str, week: IsoWeek, schemas: bool) -> NewFile {
    let fy = org.fiscal_year_start_month();
    let period = Period::containing(week.sunday(), fy);
    let mut progress = String::new();
    for goal in org.goals.iter().filter(|g| {
        g.team.as_deref().map(String::as_str) == Some(team)
            && *g.period == period
            && g.status() == GoalStatus::Active
    }) {
        let _ = writeln!(
            progress,
            "  - {} (`{}`)",
            goal.title.as_str(),
            goal.id.as_str()
        );
        for kr in &goal.key_results {
            let now = match (&kr.metric, &kr.milestone) {
                (Some(metric), _) => {
                    let unit = unit_suffix(metric.unit.as_deref().map(String::as_str));
                    format!(
                        "{}{unit} (target {}{unit})",
                        *metric.current, *metric.target
                    )
                }
                (None, Some(milestone)) if milestone.done => "done".to_owned(),
                (None, Some(milestone)) => format!("due {}", *milestone.due),
                (None, None) => String::new(),
            };
            let _ = writeln!(
                progress,
                "    - {} (`{}`): {now}",
                kr.title.as_str(),
                kr.id.as_str()
            );
        }
    }
    if progress.is_empty() {
        progress.push_str("  - no active goals this period\n");
    }
    let text = format!(
        "---\n{modeline}team: {team}\nweek: {week}\nauthor: {author}\n\
         # health: on_track | at_risk | off_track\n\
         # confidence: 0.8\n---\n\
         - **Progress:**\n{progress}{scorecard}{todos}\
         - **Risks:**\n\
         - **Asks:**\n",
        modeline = modeline(schemas, "update", 3),
        scorecard = scorecard(org, team),
        todos = open_todos(org, team),
    );
    NewFile {
        path: format!("updates/{week}/{team}.md"),
        text,
    }
}

/// The team's KPIs with their values now, so the check-in says where each
/// stands (the value itself changes in `kpis/`); nothing without KPIs.
fn scorecard(org: &Org, team: &str) -> String {
    let mut lines = String::new();
    for kpi in org.kpis.iter().filter(|k| k.team.as_str() == team) {
        let unit = unit_suffix(kpi.unit());
        let held_to = kpi
            .goalpost()
            .map_or_else(|| "no target".to_owned(), |g| g.held_to(&unit));
        let _ = writeln!(
            lines,
            "  - {} (`{}`): {}{unit} ({held_to})",
            kpi.title.as_str(),
            kpi.id.as_str(),
            *kpi.value
        );
    }
    if lines.is_empty() {
        return lines;
    }
    format!("- **Scorecard:**\n{lines}")
}

/// The team's to-dos still open, soonest due first, so last week's
/// promises are answered for; nothing when none is open.
fn open_todos(org: &Org, team: &str) -> String {
    let mut todos: Vec<_> = org
        .todos
        .iter()
        .filter(|t| t.team.as_str() == team && t.is_open())
        .collect();
    if todos.is_empty() {
        return String::new();
    }
    todos.sort_by(|a, b| (*a.due, a.id.as_str()).cmp(&(*b.due, b.id.as_str())));
    let mut lines = String::from("- **To-dos:**\n");
    for todo in todos {
        let owner = todo
            .owner
            .as_deref()
            .and_then(OwnerField::single)
            .map_or(String::new(), |owner| format!("{owner}, "));
        let _ = writeln!(
            lines,
            "  - {} (`{}`): {owner}due {}",
            todo.title.as_str(),
            todo.id.as_str(),
            *todo.due
        );
    }
    lines
}
/// The number after the highest `NNNN-` decision id (1 for the first).
pub fn next_decision_number(org: &Org) -> u32 {
    org.decisions
        .iter()
        .filter_map(|d| {
            d.id.split_once('-')
                .and_then(|(n, _)| n.parse::<u32>().ok())
        })
        .max()
        .map_or(1, |n| n + 1)
}

/// A lowercase slug of `title`: letters and digits, runs of anything else
/// one `-`, at most `max` characters, cut at a word boundary.
pub fn slug(title: &str, max: usize) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_owned();
    if slug.len() > max {
        let cut = slug[..=max].rfind('-').filter(|&at| at > 0).unwrap_or(max);
        slug.truncate(cut);
    }
    slug
}

/// `decisions/NNNN-slug.md`, proposed today by `owner`, with the MADR
/// headings to fill in.
pub fn decision(org: &Org, title: &str, owner: &str, today: Date, schemas: bool) -> NewFile {
    let number = next_decision_number(org);
    let prefix = format!("{number:04}-");
    let mut id = format!("{prefix}{}", slug(title, 64 - prefix.len()));
    if id.len() == prefix.len() {
        id.push_str("decision");
    }
    let text = format!(
        "---\n{modeline}id: {id}\ntitle: {title}\nstatus: proposed\ndate: {today}\nowner: {owner}\n\
         consulted: []\ninformed: []\naffects: []\n---\n\
         ## Context\n\nWhat forces the decision, with the facts and figures.\n\n\
         ## Decision\n\nProposed: what we will do.\n\n\
         ## Consequences\n\nWhat changes for whom, and what it costs.\n",
        modeline = modeline(schemas, "decision", 1),
        title = scalar(title),
    );
    NewFile {
        path: format!("decisions/{id}.md"),
        text,
    }
}

/// An id for a new file titled `title`: its slug, or the slug with the
/// first free `-2`, `-3`… when another entity has it (ids are unique
/// across the org); `fallback` when the title has no letters or digits.
pub fn free_id(org: &Org, title: &str, fallback: &str) -> String {
    let mut base = slug(title, 60);
    if base.is_empty() {
        base = fallback.to_owned();
    }
    if org.lookup(&base).is_none() {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| org.lookup(id).is_none())
        .expect("an unbounded range holds a free id")
}

/// What `orgit new issue` writes.
pub struct NewIssue<'a> {
    pub title: &'a str,
    pub raised_by: &'a str,
    pub team: &'a str,
    pub priority: Priority,
    pub opened: Date,
}

/// `issues/<slug>.md`: open, raised today, with what to say in the body.
pub fn issue(org: &Org, new: &NewIssue<'_>, schemas: bool) -> NewFile {
    let id = free_id(org, new.title, "issue");
    let text = format!(
        "---\n{modeline}id: {id}\ntitle: {title}\nraised_by: {raised_by}\nteam: {team}\n\
         priority: {priority}\nstatus: open\nopened: {opened}\n\
         # resolved_by: [a decision id, or to-do ids] once it is solved\n---\n\
         What is in the way, with the facts and figures, and who it holds up.\n",
        modeline = modeline(schemas, "issue", 1),
        title = scalar(new.title),
        raised_by = new.raised_by,
        team = new.team,
        priority = new.priority,
        opened = new.opened,
    );
    NewFile {
        path: format!("issues/{id}.md"),
        text,
    }
}

/// What `orgit new todo` writes.
pub struct NewTodo<'a> {
    pub title: &'a str,
    pub owner: &'a str,
    pub team: &'a str,
    pub due: Date,
    /// An issue id or a meeting, `<YYYY-Www>-<team>`.
    pub from: Option<&'a str>,
}

/// `todos/<slug>.md`: open, owned by one person, due on a day.
pub fn todo(org: &Org, new: &NewTodo<'_>, schemas: bool) -> NewFile {
    let id = free_id(org, new.title, "todo");
    let from = new
        .from
        .map_or(String::new(), |from| format!("from: {from}\n"));
    let text = format!(
        "---\n{modeline}id: {id}\ntitle: {title}\nowner: {owner}\nteam: {team}\n\
         due: {due}\n{from}status: open\n---\n",
        modeline = modeline(schemas, "todo", 1),
        title = scalar(new.title),
        owner = new.owner,
        team = new.team,
        due = new.due,
    );
    NewFile {
        path: format!("todos/{id}.md"),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_cut_at_a_boundary() {
        assert_eq!(
            slug("Lower the Q4 logo target: 10 → 8!", 60),
            "lower-the-q4-logo-target-10-8"
        );
        assert_eq!(slug("Grandfather legacy plans", 15), "grandfather");
        assert_eq!(slug("Édition spéciale", 60), "dition-sp-ciale");
    }

    #[test]
    fn titles_are_quoted_only_when_yaml_needs_it() {
        assert_eq!(scalar("Use WorkOS for SSO"), "Use WorkOS for SSO");
        assert_eq!(scalar("Lower: 10 → 8"), "\"Lower: 10 → 8\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("2026"), "\"2026\"");
        assert_eq!(scalar("#1 priority"), "\"#1 priority\"");
    }
}
