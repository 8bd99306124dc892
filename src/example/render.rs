//! The world's entities as the files of the format, written the way a careful
//! person writes them by hand (like `example-org/`): a schema modeline first,
//! short flow lists, inline metrics, narratives wrapped at 76 columns.

use std::fmt::Write as _;

use super::catalog::{Company, KpiGoalpost, TIME_ZONE};
use super::world::{
    Decision, Dependency, Goal, Initiative, Issue, Kpi, Measure, Person, Risk, Team, Todo, World,
};
use crate::model::{
    Date, DecisionStatus, Direction, GoalStatus, Health, InitiativeStatus, IsoWeek, RiskStatus,
};

/// Where narratives wrap.
const WIDTH: usize = 76;

pub(super) fn settings(company: &Company) -> String {
    format!(
        "# yaml-language-server: $schema=schema/orgit.schema.json\n\
         name: {}\n\
         timezone: {TIME_ZONE}\n\
         week_start: monday\n\
         fiscal_year_start_month: 1\n\
         rhythm:\n  checkin_day: friday\n  digest_day: monday\n\
         policies:\n  stale_after_days: 14\n  max_active_items_per_owner: 5\n",
        scalar(company.name)
    )
}

pub(super) fn person(person: &Person) -> String {
    let mut out = modeline(1, "person");
    field(&mut out, "id", &person.id);
    field(&mut out, "name", &person.name);
    field(&mut out, "email", &person.email);
    field(&mut out, "github", &person.github);
    field(&mut out, "team", &person.team);
    field(&mut out, "role", &person.role);
    value(&mut out, "joined", person.joined);
    if let Some(left) = person.left {
        field(&mut out, "status", "left");
        value(&mut out, "left", left);
    }
    out
}

pub(super) fn team(world: &World, team: &Team) -> String {
    let mut out = modeline(1, "team");
    field(&mut out, "id", &team.id);
    field(&mut out, "name", &team.name);
    if let Some(parent) = team.parent {
        field(&mut out, "parent", &world.teams[parent].id);
    }
    field(&mut out, "lead", &team.lead);
    // Missions are sentences; quoted like example-org's.
    let _ = writeln!(out, "mission: {}", quoted(&team.mission));
    out
}

pub(super) fn goal(goal: &Goal) -> String {
    let mut out = frontmatter_start(2, "goal");
    field(&mut out, "id", &goal.id);
    field(&mut out, "title", &goal.title);
    field(&mut out, "owner", &goal.owner);
    if let Some(team) = &goal.team {
        field(&mut out, "team", team);
    }
    value(&mut out, "period", goal.period);
    field(&mut out, "status", goal_status(goal.status));
    field(&mut out, "health", goal.health.as_str());
    value(&mut out, "confidence", confidence(goal.confidence));
    if let Some(aligns_to) = &goal.aligns_to {
        field(&mut out, "aligns_to", aligns_to);
    }
    dependencies(&mut out, "", &goal.depends_on);
    out.push_str("key_results:\n");
    for kr in &goal.key_results {
        let _ = writeln!(out, "  - id: {}", kr.id);
        field(&mut out, "    title", &kr.title);
        if let Some(owner) = &kr.owner {
            field(&mut out, "    owner", owner);
        }
        if let Some(health) = kr.health {
            field(&mut out, "    health", health.as_str());
        }
        if let Some(c) = kr.confidence {
            value(&mut out, "    confidence", confidence(c));
        }
        match &kr.measure {
            Measure::Metric(m) => {
                let _ = writeln!(
                    out,
                    "    metric: {{baseline: {}, target: {}, current: {}, unit: {}, direction: {}}}",
                    number(m.baseline, m.decimals),
                    number(m.target, m.decimals),
                    number(m.current, m.decimals),
                    unit(m.unit),
                    direction(m.direction),
                );
            }
            Measure::Milestone { due, done, .. } => {
                let _ = writeln!(out, "    milestone: {{due: {due}, done: {done}}}");
            }
        }
    }
    frontmatter_end(&mut out, &goal.narrative);
    out
}

pub(super) fn initiative(initiative: &Initiative) -> String {
    let mut out = frontmatter_start(1, "initiative");
    field(&mut out, "id", &initiative.id);
    field(&mut out, "title", &initiative.title);
    field(&mut out, "owner", &initiative.owner);
    field(&mut out, "team", &initiative.team);
    let _ = writeln!(out, "supports: {}", flow_list(&initiative.supports));
    field(&mut out, "status", initiative_status(initiative.status));
    field(&mut out, "health", initiative.health.as_str());
    value(&mut out, "start", initiative.start);
    value(&mut out, "due", initiative.due);
    dependencies(&mut out, "", &initiative.depends_on);
    out.push_str("milestones:\n");
    for milestone in &initiative.milestones {
        let _ = writeln!(out, "  - id: {}", milestone.id);
        field(&mut out, "    title", &milestone.title);
        if let Some(owner) = &milestone.owner {
            field(&mut out, "    owner", owner);
        }
        let _ = writeln!(out, "    due: {}", milestone.due);
        let _ = writeln!(out, "    done: {}", milestone.done);
    }
    frontmatter_end(&mut out, &initiative.narrative);
    out
}

pub(super) fn decision(decision: &Decision) -> String {
    let mut out = frontmatter_start(1, "decision");
    field(&mut out, "id", &decision.id);
    field(&mut out, "title", &decision.title);
    field(&mut out, "status", decision_status(decision.status));
    value(&mut out, "date", decision.date);
    if let Some(decided_on) = decision.decided_on {
        value(&mut out, "decided_on", decided_on);
    }
    field(&mut out, "owner", &decision.owner);
    let _ = writeln!(out, "consulted: {}", flow_list(&decision.consulted));
    let _ = writeln!(out, "informed: {}", flow_list(&decision.informed));
    let _ = writeln!(out, "affects: {}", flow_list(&decision.affects));
    out.push_str("---\n## Context\n");
    out.push_str(&wrap(&decision.context));
    out.push_str("\n## Decision\n");
    out.push_str(&wrap(&decision.decision));
    if !decision.options.is_empty() {
        out.push_str("\n## Options considered\n");
        for option in &decision.options {
            out.push_str(&bullet(option));
        }
    }
    out.push_str("\n## Consequences\n");
    for consequence in &decision.consequences {
        out.push_str(&bullet(consequence));
    }
    out
}

pub(super) fn risk(risk: &Risk) -> String {
    let mut out = frontmatter_start(1, "risk");
    field(&mut out, "id", &risk.id);
    field(&mut out, "title", &risk.title);
    field(&mut out, "owner", &risk.owner);
    field(&mut out, "status", risk_status(risk.status));
    field(&mut out, "likelihood", risk.likelihood.as_str());
    field(&mut out, "impact", risk.impact.as_str());
    out.push_str("mitigation: >-\n");
    for line in wrap_lines(&risk.mitigation, WIDTH - 2) {
        let _ = writeln!(out, "  {line}");
    }
    value(&mut out, "raised", risk.raised);
    value(&mut out, "review_by", risk.review_by);
    let _ = writeln!(out, "affects: {}", flow_list(&risk.affects));
    frontmatter_end(&mut out, &risk.narrative);
    out
}

pub(super) fn kpi(kpi: &Kpi) -> String {
    let template = kpi.template;
    let mut out = modeline(1, "kpi");
    field(&mut out, "id", &kpi.id);
    field(&mut out, "title", template.title);
    field(&mut out, "owner", &kpi.owner);
    field(&mut out, "team", &kpi.team);
    field(&mut out, "unit", template.unit);
    match template.goalpost {
        KpiGoalpost::Target(target, direction) => {
            if direction == Direction::Down {
                field(&mut out, "direction", "down");
            }
            value(&mut out, "target", kpi.written(target));
        }
        KpiGoalpost::Range(min, max) => {
            let (min, max) = (kpi.written(min), kpi.written(max));
            let _ = writeln!(out, "range: {{min: {min}, max: {max}}}");
        }
    }
    field(&mut out, "cadence", template.cadence.as_str());
    value(&mut out, "value", kpi.written(kpi.value));
    field(&mut out, "evidence", template.evidence);
    out
}

pub(super) fn issue(issue: &Issue) -> String {
    let mut out = frontmatter_start(1, "issue");
    field(&mut out, "id", &issue.id);
    field(&mut out, "title", &issue.title);
    field(&mut out, "raised_by", &issue.raised_by);
    field(&mut out, "team", &issue.team);
    field(&mut out, "priority", issue.priority.as_str());
    field(&mut out, "status", issue.status.as_str());
    value(&mut out, "opened", issue.opened);
    if !issue.resolved_by.is_empty() {
        let _ = writeln!(out, "resolved_by: [{}]", issue.resolved_by.join(", "));
    }
    frontmatter_end(&mut out, &issue.body);
    out
}

pub(super) fn todo(todo: &Todo) -> String {
    let mut out = frontmatter_start(1, "todo");
    field(&mut out, "id", &todo.id);
    field(&mut out, "title", &todo.title);
    field(&mut out, "owner", &todo.owner);
    field(&mut out, "team", &todo.team);
    value(&mut out, "due", todo.due);
    // An issue id or `2026-W46-company`: plain either way.
    value(&mut out, "from", &todo.from);
    field(&mut out, "status", todo.status.as_str());
    out.push_str(
        "---
",
    );
    out
}

/// A team's weekly check-in.
pub(super) struct UpdateFile<'a> {
    pub team: &'a str,
    pub week: IsoWeek,
    pub author: &'a str,
    pub health: Health,
    pub confidence: f64,
    /// `(label, text)` bullets: Progress, Risks, Asks.
    pub bullets: Vec<(&'static str, String)>,
}

impl UpdateFile<'_> {
    pub fn path(&self) -> String {
        format!("updates/{}/{}.md", self.week, self.team)
    }
}

pub(super) fn update(update: &UpdateFile<'_>) -> String {
    let mut out = frontmatter_start(2, "update");
    field(&mut out, "team", update.team);
    value(&mut out, "week", update.week);
    field(&mut out, "author", update.author);
    field(&mut out, "health", update.health.as_str());
    value(&mut out, "confidence", confidence(update.confidence));
    out.push_str("---\n");
    for (label, text) in &update.bullets {
        out.push_str(&bullet(&format!("**{label}:** {text}")));
    }
    out
}

/// The repository's README: what this is and what to run.
pub(super) fn readme(company: &Company, seed: u64, org_dir: Option<&str>) -> String {
    let at = match org_dir {
        Some(dir) => format!(" The org lives in `{dir}/`."),
        None => String::new(),
    };
    let dash_c = org_dir.map_or_else(String::new, |dir| format!("-C {dir} "));
    let mut out = format!("# {} operating plan\n\n", company.name);
    out.push_str(&wrap(&format!(
        "{} ({}) runs its goals, initiatives, KPIs, issues, to-dos, decisions, \
         risks and weekly team updates out of this repository with orgit.{at} It is an \
         example generated by \
         `orgit example --seed {seed}`: the company is invented, the history is \
         realistic.",
        company.name,
        company.mission.trim_end_matches('.').to_lowercase(),
    )));
    let _ = write!(
        out,
        "\n```sh\norgit {dash_c}digest    # last week's digest, from the history\n\
         orgit {dash_c}agenda    # last week's leadership meeting agenda\n\
         orgit {dash_c}check     # validate the plan\n```\n"
    );
    out
}

// ---- building blocks ----

/// `# yaml-language-server` modeline for a file `depth` folders below the org root.
fn modeline(depth: usize, schema: &str) -> String {
    format!(
        "# yaml-language-server: $schema={}schema/{schema}.schema.json\n",
        "../".repeat(depth)
    )
}

fn frontmatter_start(depth: usize, schema: &str) -> String {
    format!("---\n{}", modeline(depth, schema))
}

fn frontmatter_end(out: &mut String, narrative: &[String]) {
    out.push_str("---\n");
    for (i, paragraph) in narrative.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&wrap(paragraph));
    }
}

/// A text field, quoted when it must be.
fn field(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key}: {}", scalar(value));
}

/// A typed field (date, period, week, number) written as is.
fn value(out: &mut String, key: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "{key}: {value}");
}

fn dependencies(out: &mut String, indent: &str, dependencies: &[Dependency]) {
    if dependencies.is_empty() {
        return;
    }
    let _ = writeln!(out, "{indent}depends_on:");
    for dependency in dependencies {
        let _ = writeln!(out, "{indent}  - on: {}", dependency.on);
        let _ = writeln!(out, "{indent}    need_by: {}", dependency.need_by);
        field(out, &format!("{indent}    why"), &dependency.why);
    }
}

/// A YAML scalar for `text`: plain when that reads back as the same string,
/// otherwise double-quoted (a JSON string is a valid YAML double-quoted scalar).
pub(super) fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

fn quoted(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let keyword = matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
    );
    // Ids (`0006-use-workos`) are slugs: plain even with a leading digit when
    // a dash and a letter keep them from reading as a number.
    let id_like = text
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && text.chars().any(|c| c.is_ascii_lowercase())
        && (first.is_ascii_lowercase() || text.contains('-'))
        && !text.starts_with('-');
    if id_like && !keyword {
        return true;
    }
    first.is_ascii_alphabetic()
        && !keyword
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.ends_with(' ')
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " .,;()&/+-'€%_@".contains(c))
}

fn flow_list(ids: &[String]) -> String {
    format!("[{}]", ids.join(", "))
}

fn unit(unit: &str) -> String {
    if unit.chars().all(|c| c.is_ascii_alphabetic()) {
        unit.to_owned()
    } else {
        quoted(unit)
    }
}

/// `value` with exactly `decimals` digits after the point.
pub(super) fn number(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", usize::from(decimals), value);
    // Never "-0" or "-0.0": a value that rounds to zero is zero.
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_owned(),
        _ => text,
    }
}

/// A confidence (0–1) in at most two decimals and at least one: 0.55, 0.6, 1.0.
pub(super) fn confidence(value: f64) -> String {
    let text = format!("{value:.2}");
    match text.strip_suffix('0') {
        Some(short) if !short.ends_with('.') => short.to_owned(),
        _ => text,
    }
}

fn direction(direction: Direction) -> &'static str {
    match direction {
        Direction::Up => "up",
        Direction::Down => "down",
    }
}

fn goal_status(status: GoalStatus) -> &'static str {
    status.as_str()
}

fn initiative_status(status: InitiativeStatus) -> &'static str {
    status.as_str()
}

fn decision_status(status: DecisionStatus) -> &'static str {
    status.as_str()
}

fn risk_status(status: RiskStatus) -> &'static str {
    match status {
        RiskStatus::Open => "open",
        RiskStatus::Mitigated => "mitigated",
        RiskStatus::Closed => "closed",
    }
}

/// A markdown bullet, continuation lines indented under the text.
fn bullet(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in wrap_lines(text, WIDTH - 2).iter().enumerate() {
        let marker = if i == 0 { "- " } else { "  " };
        let _ = writeln!(out, "{marker}{line}");
    }
    out
}

/// A paragraph wrapped at [`WIDTH`], ending in a newline.
fn wrap(paragraph: &str) -> String {
    let mut out = String::new();
    for line in wrap_lines(paragraph, WIDTH) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Greedy word wrap; a word longer than `width` gets a line of its own.
fn wrap_lines(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// "11 Dec" for narratives and messages.
pub(super) fn short_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS[usize::from(date.0.month().unsigned_abs()).saturating_sub(1) % 12];
    format!("{} {month}", date.0.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_that_would_change_meaning_are_quoted() {
        assert_eq!(
            scalar("Sign ten enterprise logos"),
            "Sign ten enterprise logos"
        );
        assert_eq!(scalar("Grow ARR: fast"), "\"Grow ARR: fast\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("2026 plan"), "\"2026 plan\"");
        assert_eq!(scalar("0006-use-workos"), "0006-use-workos");
        assert_eq!(scalar("1e5"), "\"1e5\"");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("Say \"hi\""), "\"Say \\\"hi\\\"\"");
        assert_eq!(scalar(""), "\"\"");
    }

    #[test]
    fn numbers_and_confidences_read_like_hand_written_ones() {
        assert_eq!(number(4.6199999, 2), "4.62");
        assert_eq!(number(-0.0001, 1), "0.0");
        assert_eq!(number(10.0, 0), "10");
        assert_eq!(confidence(0.55), "0.55");
        assert_eq!(confidence(0.6), "0.6");
        assert_eq!(confidence(1.0), "1.0");
    }

    #[test]
    fn wrapping_keeps_words_whole() {
        let text = "word ".repeat(40);
        for line in wrap_lines(&text, 20) {
            assert!(line.len() <= 20, "{line}");
        }
        assert_eq!(wrap_lines("", 10), Vec::<String>::new());
    }
}
