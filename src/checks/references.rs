//! `unknown-reference` and `wrong-reference-kind`: every field that names an
//! id must name an existing entity of a kind that field allows. The fields are
//! listed once, in [`references`]; the rule itself is [`check_reference`].

use super::Context;
use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::graph::LinkKind;
use crate::model::{
    Dependency, EntityKind, EntityRef, FileId, Org, OwnerField, Span, Spanned, TodoSource,
};

use EntityKind::{
    Decision, Goal, Initiative, Issue, KeyResult, Kpi, Milestone, Person, Risk, Team, Todo,
};

const PERSON: &[EntityKind] = &[Person];
const TEAM: &[EntityKind] = &[Team];
const PERSON_OR_TEAM: &[EntityKind] = &[Person, Team];
const DECISION: &[EntityKind] = &[Decision];
const ISSUE: &[EntityKind] = &[Issue];
const KPI: &[EntityKind] = &[Kpi];
/// What solves an issue: a decision, or to-dos.
const RESOLUTION: &[EntityKind] = &[Decision, Todo];
/// `affects` may name anything a decision or risk can change.
const ANY: &[EntityKind] = &[
    Person, Team, Goal, KeyResult, Initiative, Milestone, Decision, Risk,
];

/// One id written in a field, and the kinds that field allows.
struct Reference<'a> {
    file: FileId,
    /// The id of the entity whose field this is (empty for updates), never
    /// a sensible suggestion for its own reference.
    holder: &'a str,
    field: &'static str,
    id: &'a str,
    span: Span,
    allowed: &'static [EntityKind],
}

pub fn check(cx: &mut Context<'_>) {
    for reference in references(cx.org) {
        if let Some(diagnostic) = check_reference(cx.org, &reference) {
            cx.diagnostics.push(diagnostic);
        }
    }
}

/// Every reference in the org, field by field. The graph links (parent,
/// aligns_to, supports, depends_on) take their allowed kinds from
/// [`LinkKind::targets`], so the graph and this rule agree.
fn references(org: &Org) -> Vec<Reference<'_>> {
    let mut out = References::new();
    for person in &org.people {
        out.holder(person.file, &person.id);
        out.opt("team", &person.team, TEAM);
    }
    for team in &org.teams {
        out.holder(team.file, &team.id);
        out.opt("parent", &team.parent, LinkKind::Parent.targets());
        out.opt("lead", &team.lead, PERSON);
    }
    for goal in &org.goals {
        out.holder(goal.file, &goal.id);
        out.owner(&goal.owner);
        out.opt("team", &goal.team, TEAM);
        out.opt("aligns_to", &goal.aligns_to, LinkKind::AlignsTo.targets());
        out.dependencies(&goal.depends_on);
        for kr in &goal.key_results {
            out.holder(goal.file, &kr.id);
            out.owner(&kr.owner);
            out.dependencies(&kr.depends_on);
            if let Some(metric) = &kr.metric {
                out.opt("kpi", &metric.kpi, KPI);
            }
        }
    }
    for initiative in &org.initiatives {
        out.holder(initiative.file, &initiative.id);
        out.owner(&initiative.owner);
        out.one("team", &initiative.team, TEAM);
        out.all(
            "supports",
            &initiative.supports,
            LinkKind::Supports.targets(),
        );
        out.dependencies(&initiative.depends_on);
        for milestone in &initiative.milestones {
            out.holder(initiative.file, &milestone.id);
            out.owner(&milestone.owner);
        }
    }
    for decision in &org.decisions {
        out.holder(decision.file, &decision.id);
        out.owner(&decision.owner);
        out.all("consulted", &decision.consulted, PERSON);
        out.all("informed", &decision.informed, PERSON_OR_TEAM);
        out.all("affects", &decision.affects, ANY);
        out.all("supersedes", &decision.supersedes, DECISION);
        out.opt("superseded_by", &decision.superseded_by, DECISION);
    }
    for risk in &org.risks {
        out.holder(risk.file, &risk.id);
        out.owner(&risk.owner);
        out.all("affects", &risk.affects, ANY);
    }
    for kpi in &org.kpis {
        out.holder(kpi.file, &kpi.id);
        out.owner(&kpi.owner);
        out.one("team", &kpi.team, TEAM);
    }
    for issue in &org.issues {
        out.holder(issue.file, &issue.id);
        out.one("raised_by", &issue.raised_by, PERSON);
        out.one("team", &issue.team, TEAM);
        out.all("resolved_by", &issue.resolved_by, RESOLUTION);
    }
    for todo in &org.todos {
        out.holder(todo.file, &todo.id);
        out.owner(&todo.owner);
        out.one("team", &todo.team, TEAM);
        if let Some(from) = &todo.from {
            match TodoSource::parse(from) {
                TodoSource::Issue(_) => out.one("from", from, ISSUE),
                // The team of `<week>-<team>`, after the 9 characters of
                // `YYYY-Www-`.
                TodoSource::Meeting { team, .. } => {
                    let span = Span::new(from.span.line, from.span.column + 9, team.len() as u32);
                    out.push("from", team, span, TEAM);
                }
                // `todo-source` reports it.
                TodoSource::Malformed => {}
            }
        }
    }
    for update in &org.updates {
        out.holder(update.file, "");
        out.one("team", &update.team, TEAM);
        out.one("author", &update.author, PERSON);
    }
    out.found
}

/// Collects references entity by entity: [`References::holder`] says whose
/// fields follow.
struct References<'a> {
    file: FileId,
    holder: &'a str,
    found: Vec<Reference<'a>>,
}

impl<'a> References<'a> {
    fn new() -> Self {
        References {
            file: FileId(0),
            holder: "",
            found: Vec::new(),
        }
    }

    fn holder(&mut self, file: FileId, holder: &'a str) {
        self.file = file;
        self.holder = holder;
    }

    fn push(
        &mut self,
        field: &'static str,
        id: &'a str,
        span: Span,
        allowed: &'static [EntityKind],
    ) {
        self.found.push(Reference {
            file: self.file,
            holder: self.holder,
            field,
            id,
            span,
            allowed,
        });
    }

    fn one(
        &mut self,
        field: &'static str,
        id: &'a Spanned<String>,
        allowed: &'static [EntityKind],
    ) {
        self.push(field, id, id.span, allowed);
    }

    fn opt(
        &mut self,
        field: &'static str,
        id: &'a Option<Spanned<String>>,
        allowed: &'static [EntityKind],
    ) {
        if let Some(id) = id {
            self.one(field, id, allowed);
        }
    }

    fn all(
        &mut self,
        field: &'static str,
        ids: &'a [Spanned<String>],
        allowed: &'static [EntityKind],
    ) {
        for id in ids {
            self.one(field, id, allowed);
        }
    }

    /// A list of owners is its own problem (`multiple-owners`), so only a
    /// single owner is checked here.
    fn owner(&mut self, owner: &'a Option<Spanned<OwnerField>>) {
        if let Some(Spanned {
            value: OwnerField::One(id),
            span,
        }) = owner
        {
            self.push("owner", id, *span, PERSON);
        }
    }

    fn dependencies(&mut self, depends_on: &'a [Dependency]) {
        for dependency in depends_on {
            self.one("depends_on", &dependency.on, LinkKind::DependsOn.targets());
        }
    }
}

fn check_reference(org: &Org, reference: &Reference<'_>) -> Option<Diagnostic> {
    match org.lookup(reference.id) {
        // Its file failed to load and says so; the reference is not the problem.
        None if org.unloaded_definition(reference.id).is_some() => None,
        None => Some(unknown(org, reference)),
        Some(target) if !reference.allowed.contains(&target.kind) => {
            Some(wrong_kind(org, reference, target))
        }
        Some(_) => None,
    }
}

fn unknown(org: &Org, reference: &Reference<'_>) -> Diagnostic {
    let Reference {
        file,
        holder,
        field,
        id,
        span,
        allowed,
    } = *reference;
    let message = if allowed == ANY {
        format!("{field} `{id}` does not exist in this org")
    } else {
        format!(
            "{field} `{id}` is not {} in this org",
            with_article(allowed)
        )
    };
    let candidates = org
        .ids()
        .filter(|&(candidate, kind)| allowed.contains(&kind) && candidate != holder)
        .map(|(candidate, _)| candidate);
    let help = match did_you_mean(id, candidates) {
        Some(close) => format!("did you mean `{close}`?"),
        None => what_to_do(id, allowed),
    };
    Diagnostic::new(Code::UnknownReference, file, span, message).help(help)
}

/// When no id is close: how to make the reference resolve.
fn what_to_do(id: &str, allowed: &[EntityKind]) -> String {
    let folder = match allowed {
        [Person] => Some("people"),
        [Team] => Some("teams"),
        _ => None,
    };
    match folder {
        // Offer a new file only for a name that could be an id.
        Some(folder) if super::files::id_problem(id).is_none() => {
            format!(
                "add `{folder}/{id}.yaml`, or name an existing {}",
                kinds_list(allowed)
            )
        }
        _ if allowed == ANY => "name an existing entity by its id".to_owned(),
        _ => format!("name an existing {} by its id", kinds_list(allowed)),
    }
}

fn wrong_kind(org: &Org, reference: &Reference<'_>, target: EntityRef) -> Diagnostic {
    let Reference {
        file,
        field,
        id,
        span,
        allowed,
        ..
    } = *reference;
    let kind = target.kind.noun();
    let message = format!(
        "`{id}` is {} {kind}, but `{field}` must name {}",
        article(kind),
        with_article(allowed)
    );
    let definition = org.definition(target);
    Diagnostic::new(Code::WrongReferenceKind, file, span, message)
        .related(
            definition.file,
            definition.span,
            format!("`{id}` is defined here"),
        )
        .help_opt(stand_in(org, target, allowed))
}

/// A person where a team is wanted, or a team where a person is wanted,
/// usually means the person's team or the team's lead.
fn stand_in(org: &Org, target: EntityRef, allowed: &[EntityKind]) -> Option<String> {
    match (target.kind, allowed) {
        (Team, [Person]) => {
            let team = &org.teams[target.index];
            let lead = team.lead.as_ref().filter(|l| org.person(l).is_some())?;
            Some(format!("did you mean the team's lead, `{}`?", lead.value))
        }
        (Person, [Team]) => {
            let person = &org.people[target.index];
            let team = person.team.as_ref().filter(|t| org.team(t).is_some())?;
            Some(format!(
                "did you mean `{}`'s team, `{}`?",
                person.id.value, team.value
            ))
        }
        _ => None,
    }
}

/// "person", "goal or key result", "goal, key result or initiative".
fn kinds_list(kinds: &[EntityKind]) -> String {
    let nouns: Vec<&str> = kinds.iter().map(|k| k.noun()).collect();
    match nouns.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

fn with_article(kinds: &[EntityKind]) -> String {
    let list = kinds_list(kinds);
    format!("{} {list}", article(&list))
}

/// "a" or "an" before a noun (every noun here starts with its sound's letter).
pub(super) fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_as_a_phrase() {
        assert_eq!(with_article(PERSON), "a person");
        assert_eq!(with_article(&[KeyResult, Goal]), "a key result or goal");
        assert_eq!(
            with_article(LinkKind::DependsOn.targets()),
            "a goal, key result or initiative"
        );
        assert_eq!(with_article(&[Initiative]), "an initiative");
    }

    #[test]
    fn new_files_are_offered_only_for_valid_ids() {
        assert_eq!(
            what_to_do("zed", PERSON),
            "add `people/zed.yaml`, or name an existing person"
        );
        assert_eq!(
            what_to_do("../zed", PERSON),
            "name an existing person by its id"
        );
        assert_eq!(
            what_to_do("x", LinkKind::AlignsTo.targets()),
            "name an existing goal or key result by its id"
        );
    }
}
