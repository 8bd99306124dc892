//! Every diagnostic code, its severity and its explanation, in one table: the
//! `orgit explain` text, docs/diagnostics.md's code list and the checks all read it.

use super::Severity;
use Severity::{Error, Notice, Warning};

macro_rules! codes {
    ($( $variant:ident = $name:literal, $severity:expr, $summary:literal, $explanation:literal; )*) => {
        /// A stable diagnostic code. The string form (`unknown-reference`) never
        /// changes meaning once released.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $variant, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => $severity, )* }
            }

            /// One line: what the code means.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }

            /// Several lines: why it matters and how to fix it.
            pub fn explanation(self) -> &'static str {
                match self { $( Code::$variant => $explanation, )* }
            }
        }
    };
}

impl Code {
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

codes! {
    // Files and syntax
    UnreadableFile = "unreadable-file", Error, "a file could not be read",
"The file exists but reading it failed (permissions, an I/O error, or a git
object missing from the repository). Fix the file system or the repository;
`git fsck` finds broken objects.";
    FileTooLarge = "file-too-large", Error, "a file is larger than orgit reads",
"orgit reads at most 1 MiB per file so that a stray export or a malicious file
cannot exhaust memory. Plan files are small; split the file or move the data
out of the org root.";
    NotText = "not-text", Error, "a file is binary or not UTF-8",
"Every org file must be UTF-8 text without NUL bytes. Re-save the file as
UTF-8, or move binary files (images, exports) out of the org's folders.";
    SymlinkOutsideRoot = "symlink-outside-root", Error, "a symbolic link points outside the org root",
"orgit never follows a link out of the org root, so a pull request cannot make
it read files elsewhere on the machine. Replace the link with the file itself.";
    MisplacedFile = "misplaced-file", Warning, "a file is where orgit does not read it",
"Each kind of file lives in its own folder: people/<id>.yaml, teams/<id>.yaml,
goals/<period>/<id>.md, initiatives/<id>.md, decisions/<id>.md, risks/<id>.md,
kpis/<id>.yaml, issues/<id>.md, todos/<id>.md, updates/<YYYY-Www>/<team>.md.
A file elsewhere in those folders, or with another extension, is skipped.
Move or rename it.";
    PathCaseClash = "path-case-clash", Error, "two paths differ only in letter case",
"On macOS and Windows `Alice.yaml` and `alice.yaml` are the same file, so a
checkout would silently lose one. Rename or delete one of them.";
    YamlSyntax = "yaml-syntax", Error, "the YAML cannot be parsed",
"The file (or a markdown file's frontmatter) is not valid YAML. The location
points at the first place the parser could not read. Common causes: a tab used
for indentation, an unclosed quote or bracket, a `:` inside an unquoted value.";
    YamlTooComplex = "yaml-too-complex", Error, "the YAML exceeds orgit's safety limits",
"orgit parses YAML with limits on nesting depth, node count and alias
expansion, so a small hostile file (a \"billion laughs\" alias bomb or deep
nesting) cannot hang CI or exhaust memory. Plan files never need this
structure: write the values out instead of using anchors and aliases.";
    MissingFrontmatter = "missing-frontmatter", Error, "a markdown file has no YAML frontmatter",
"Goals, initiatives, decisions, risks, issues, to-dos and updates are
markdown files whose fields sit in YAML frontmatter: the first line is `---`,
then the fields, then a closing `---` line, then the narrative.";
    UnknownField = "unknown-field", Error, "a field name is not part of the format",
"Usually a typo (`ownr:` for `owner:`). Unknown fields are errors rather than
ignored, so a misspelled field never silently loses data. The help line
suggests the closest known field.";
    WrongType = "wrong-type", Error, "a value has the wrong type",
"For example a list where one value is expected, a number written as text, or
an empty value. The message says what was expected. Quote text that YAML
would read as a number, a boolean or null.";
    MissingField = "missing-field", Error, "a required field is missing",
"Add the field. orgit's docs/file-format.md lists the required fields of
each file kind, and the JSON Schemas in schema/ make editors show them.";
    DuplicateKey = "duplicate-key", Error, "a field appears twice in one mapping",
"YAML mappings cannot repeat a key; which value would win is undefined, so one
of them would be silently lost. Remove one.";
    InvalidValue = "invalid-value", Error, "a value is not one of the allowed values",
"For example `health: green` where `on_track`, `at_risk` or `off_track` is
expected, a confidence outside 0 to 1, or an unknown time zone. The help line
lists the allowed values or the closest match.";
    InvalidDate = "invalid-date", Error, "a date is malformed or does not exist",
"Dates are written YYYY-MM-DD and must exist in the calendar (no 2026-02-30).";
    InvalidPeriod = "invalid-period", Error, "a period or week is malformed",
"Periods are fiscal quarters written YYYY-Qn (2026-Q4); weeks are ISO weeks
written YYYY-Www (2026-W47), and the week must exist in that year.";
    InvalidId = "invalid-id", Error, "an id is not a safe lowercase slug",
"Ids are lowercase letters, digits and single hyphens, starting with a letter
or digit, at most 64 characters (`platform-sso`). They become file names and
URL fragments, so they cannot hold `/`, `..`, spaces or capitals, and cannot be
names Windows reserves (con, nul, aux, prn, com1–com9, lpt1–lpt9).";
    DuplicateId = "duplicate-id", Error, "two entities share an id",
"Every id is unique across the whole org (people, teams, goals, key results,
initiatives, milestones, decisions, risks, KPIs, issues, to-dos), because
references name an id
without its kind. Rename one; both places are shown.";
    FileNameMismatch = "file-name-mismatch", Warning, "a file's name or folder disagrees with its content",
"A file is named after its id (people/alice.yaml holds `id: alice`), a goal sits
in the folder of its period, and an update sits in the folder of its week and is
named after its team. Matching names let people find files and let reviews and
CODEOWNERS work by path. Rename the file or fix the field.";
    KeyResultKind = "key-result-kind", Error, "a key result is neither a metric nor a milestone, or both",
"A key result has exactly one of `metric:` (baseline, target, current) or
`milestone:` (due, done).";
    // References
    UnknownReference = "unknown-reference", Error, "a reference names an id that does not exist",
"An owner, lead, team, parent, aligns_to, supports, depends_on, affects,
supersedes, consulted or informed value must be the id of an existing entity.
The help line suggests the closest existing id.";
    WrongReferenceKind = "wrong-reference-kind", Error, "a reference names the wrong kind of entity",
"For example an owner that is a team rather than a person, or `aligns_to` that
names an initiative. The message says which kinds are allowed.";
    // Structure
    TeamCycle = "team-cycle", Error, "the team hierarchy has a cycle",
"Following `parent` from a team leads back to it, so the hierarchy has no top
and roll-ups would never end. The whole path is shown; break it at one link.";
    AlignmentCycle = "alignment-cycle", Error, "goals align to each other in a cycle",
"Following `aligns_to` (and `supports`) leads back to where it started, so no
goal in the loop serves anything above it. The whole path is shown.";
    DependencyCycle = "dependency-cycle", Error, "items depend on each other in a cycle",
"Following `depends_on` leads back to where it started: every item in the loop
waits on itself, so none can finish. The whole path is shown; break it at one
link.";
    // Dependencies
    DependencyOnCancelled = "dependency-on-cancelled", Error, "a dependency's target was cancelled or dropped",
"The item waited on will not be delivered (initiative cancelled, goal dropped or
missed). Re-plan: depend on something else, or drop the dependency and say what
changes for the dependent.";
    LateDependency = "late-dependency", Error, "a dependency's target is due after it is needed",
"The target's due date (its own, or the end of its goal's period) is later than
`need_by`, so the dependent will wait. Pull the target in, move the dependent
out, or change `need_by`; each is a conversation between the two owners.";
    DependencyAtRisk = "dependency-at-risk", Warning, "a dependency's target is at risk while the dependent says on track",
"The item waited on reports at_risk or off_track, but the item waiting on it
still reports on_track. Either the dependent's health is stale or it has a
plan; say which.";
    // Accountability
    MissingOwner = "missing-owner", Error, "an item has no owner (or a team no lead)",
"Every goal, key result, initiative, decision and risk has exactly one owner,
and every team a lead: what everyone owns, nobody owns. Key results and
milestones without an owner take their goal's or initiative's.";
    MultipleOwners = "multiple-owners", Error, "an item lists more than one owner",
"Accountability needs one name. Pick the owner; mention contributors in the
narrative.";
    InactiveOwner = "inactive-owner", Error, "an item is owned by someone who has left",
"The owner's person file says `status: left`. Hand the item over to someone
active.";
    OwnerOverloaded = "owner-overloaded", Warning, "a person owns more active items than the policy allows",
"policies.max_active_items_per_owner in orgit.yaml (default 5) caps the active
goals and initiatives one person owns. Spread ownership or finish something.";
    FlatKeyResult = "flat-key-result", Error, "a metric key result's target equals its baseline",
"A key result whose target is its baseline measures no change. Set the target
you are aiming for.";
    PastDue = "past-due", Warning, "an item is past its due date and not done",
"A milestone, milestone key result or initiative is due before today and not
marked done. Mark it done, or move the due date (the slip shows in the digest).
Today is the org's local date, or `--today` when given.";
    // Decisions and risks
    BrokenSupersedeLink = "broken-supersede-link", Error, "a superseded decision and its successor do not point at each other",
"When decision B replaces A, B lists A in `supersedes`, and A has
`status: superseded` and `superseded_by: B`. Both sides must agree so readers
of either find the other.";
    UnmitigatedRisk = "unmitigated-risk", Error, "a high open risk has no mitigation",
"A risk whose impact is high (and likelihood not low), or whose likelihood is
high (and impact not low), needs a `mitigation` while it is open.";
    RiskReviewOverdue = "risk-review-overdue", Warning, "a risk's review_by date has passed",
"The owner promised to look at the risk again by `review_by`. Review it and set
the next date, or close it.";
    // KPIs
    KpiGoalpost = "kpi-goalpost", Error, "a KPI has no target or range, or both, or a range out of order",
"A KPI is held to exactly one goalpost: a `target` to be at or above (or at or
below, with `direction: down`), or a `range: {min: .., max: ..}` to stay
inside (either end may be left out, not both). The scorecard colours the
value green or red against it, so without one it cannot say, and with two it
could say both.";
    KpiOffTarget = "kpi-off-target", Warning, "a KPI has been off target for several periods in a row",
"The KPI's value has been on the wrong side of its target (or outside its
range) at the end of each of the last N complete periods of its cadence, and
still is: weeks for a weekly KPI, months for a monthly one (the value at the
last week end in each month). N is `policies.kpi_off_target_periods` in
orgit.yaml (default 3; 0 turns the rule off). The values come from git
history, read by the digest scorecard's own code over the same weeks (those
ending with the last complete one), so the check agrees with the scorecard's
\"off target, N weeks running\" in the digest and `orgit agenda`. A value
edited back on target, in the working tree or a pull request, clears it.

One red week is news; several in a row need a response. Act on it (an issue,
an initiative, a changed plan), or, if the goalpost no longer fits, change
the `target` or `range` in a pull request that says why. Outside a git
repository the rule does not run.";
    KpiStale = "kpi-stale", Warning, "a KPI's value has not been updated for longer than its cadence",
"The KPI's `value` has not changed for more than its cadence allows: 7 days
for `cadence: weekly` (the default), 31 for `cadence: monthly`, counted from
the date of the last commit that changed it (or added the KPI) to today. An
edit to `value` in the working tree counts as a change today. This is the
digest scorecard's \"stale\", judged on today instead of at a week's end:
a check on the Monday after a week agrees with that week's digest.

Nobody can steer by a number that is not measured: edit `value` with the
latest figure (`orgit set <kpi> VALUE`), even when it did not move, or make
the cadence say how often it really is measured. Turn the rule off with
`policies: {kpi_stale: false}` in orgit.yaml. Outside a git repository the
rule does not run.";
    KrKpiMismatch = "kr-kpi-mismatch", Error, "a key result measured by a KPI says a different current",
"A metric key result with `kpi: <id>` is measured by that KPI: its `current`
is the KPI's `value`. The two are written in two files so each reads on its
own and git history moves both in one commit; `orgit set <kpi> VALUE` writes
the KPI's value and the `current` of every key result that names it. When
they differ, one of them was edited by hand: run `orgit set <kpi> VALUE`
with the right figure, or write the KPI's value into `current`.";
    // Issues and to-dos
    TodoSource = "todo-source", Error, "a to-do's `from` starts like a week but names no meeting",
"A to-do's `from` says where it was agreed: an issue id (`from: smb-churn`), or
a meeting written `<YYYY-Www>-<team>` (`from: 2026-W48-leadership`, the week
and the team whose meeting it was, as `agendas/<week>-<team>.md` is named).
A value that starts with a year and `-W` is read as a meeting, so it needs a
real ISO week and a team after it.";
    TodoOverdue = "todo-overdue", Warning, "a to-do is past its due date and still open",
"Someone promised to do it by `due`, and it is neither done nor dropped. Do
it and write `status: done`, agree a new `due` (the digest shows the slip),
or drop it with `status: dropped` if it no longer matters: a promise nobody
keeps or cancels erodes every other one. Today is the org's local date, or
`--today` when given.";
    IssueOpenTooLong = "issue-open-too-long", Warning, "an issue has been open longer than the policy allows",
"An issue still open `policies.issue_open_weeks` weeks (default 4) after it
was `opened` is not being worked: solve it (a decision or to-dos in
`resolved_by`, then `status: solved`), split it into something smaller, or
drop it with `status: dropped`.";
    IssueWithoutResolution = "issue-without-resolution", Error, "a solved issue names nothing that solved it",
"`status: solved` is a claim the digest counts, so it needs its evidence:
`resolved_by` lists the decision that settled the issue, or the to-dos that
act on it. Add them, or write `status: dropped` if the issue went away
without being solved.";
    BrokenResolution = "broken-resolution", Warning, "a solved issue's resolved_by names something that did not solve it",
"A solved issue's `resolved_by` names a decision that was only proposed or
was rejected, or a to-do that was dropped, so nothing recorded solves it.
Name the decision that was accepted or the to-dos being done, or reopen the
issue.";
    // Change policies: only `orgit check --base REV`, comparing the org with
    // the revision a pull request started from
    LoweredTargetWithoutDecision = "lowered-target-without-decision", Error, "a key result's target was lowered mid-period without a decision record",
"The change makes a metric key result's target less ambitious (lower, or higher
for `direction: down`) while its goal's period is under way, and no decision
record explains it. Moving the goalposts can be the right call, but it is a
decision: add one whose `affects` names the key result or its goal, with status
proposed or accepted. Proposing it in the same pull request is the usual way;
accepting an earlier proposal along with the change also works. A decision
accepted before the change covers the change it was about, not a further one,
and rejected, superseded and deprecated ones do not count:

    decisions/0008-lower-enterprise-logo-target.md
    ---
    id: 0008-lower-enterprise-logo-target
    title: Lower the Q4 enterprise logo target from 10 to 8
    status: proposed
    date: 2026-11-13
    owner: rachel
    affects: [q4-enterprise-logos]
    ---
    Why, and what changes for whom.

The period is judged as the base revision has it. Turn the rule off with
`policies: {changes: {decision_for_lowered_target: false}}` in orgit.yaml.";
    LaterDueWithoutDecision = "later-due-without-decision", Error, "a committed due date was moved later without a decision record",
"The change moves the due date of committed work later, and no decision record
explains it. Committed, as the base revision has it: an initiative that is
active or paused and has started (no `start`, or `start` on or before today),
each of its milestones not yet done, and a milestone key result whose goal's
period is under way. An item the change marks done or cancelled is exempt:
recording when it shipped is not a slip to decide.

Add a decision record whose `affects` names the item or its initiative or goal,
new in the change or still proposed before it (`orgit explain
lowered-target-without-decision` has the rule and an example). Turn the rule
off with `policies: {changes: {decision_for_later_due: false}}` in orgit.yaml.";
    RemovedWhileDependedOn = "removed-while-depended-on", Error, "an item others depend on was deleted",
"The change deletes a goal, key result or initiative (its id is gone from the
org) while other items still name it in `depends_on`, `supports` or
`aligns_to`, or named it in `depends_on` before the change. Deleting hides the
break: the dependents' owners are not told, and the history shows a
disappearance instead of a decision.

Keep the item and set `status: cancelled` (an initiative) or `status: dropped`
(a goal), so `dependency-on-cancelled` tells everyone who waits on it; or
re-plan the dependents in an earlier change. A renamed file is not a removal
(items are matched by id); a changed id is, so update the references to the
new id. Where a reference to the deleted item is left behind, this diagnostic
replaces `unknown-reference` there. Turn the rule off with
`policies: {changes: {protect_depended_on: false}}` in orgit.yaml.";
    NewCrossTeamDependency = "new-cross-team-dependency", Notice, "a change adds a dependency on another team's item",
"The change adds a `depends_on` entry on a goal, key result or initiative of
another team. Nothing is wrong, and the check does not fail (not even with
`--deny-warnings`), but the other team has to agree to deliver by `need_by`,
and CODEOWNERS only asks the dependent's owners. The notice names the other
team's lead and their GitHub handle: request their review. Turn it off with
`policies: {changes: {review_cross_team_dependencies: false}}` in orgit.yaml.";
}
