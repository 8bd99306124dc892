//! The words the example org is made of: companies, names, departments, team
//! archetypes with their goals, key results, initiatives, risks and decisions.
//! Plain data; the planner picks from it with the seeded random stream.
//!
//! Text may hold `{company}`, `{customers}` and `{product}`, filled in by
//! [`Company::fill`].

mod departments;
mod names;
mod rhythm;

pub(super) use departments::DEPARTMENTS;
pub(super) use names::{FIRST_NAMES, LAST_NAMES, SQUAD_QUALIFIERS};
pub(super) use rhythm::{
    COMPANY_MEETING_TODOS, IssueTemplate, KpiGoalpost, KpiTemplate, Rhythm, TodoTemplate,
};

use crate::model::{Direction, Level};

/// The company the example is about. Every example org is a B2B software
/// company in Berlin, so currencies and time zones agree everywhere.
#[derive(Debug)]
pub(super) struct Company {
    pub name: &'static str,
    /// Email domain (`.example`, reserved for examples).
    pub domain: &'static str,
    /// What it sells, as in "our {product}".
    pub product: &'static str,
    /// Who buys it, plural, as in "{customers} that renew".
    pub customers: &'static str,
    pub mission: &'static str,
}

impl Company {
    /// `text` with the company's words in place of the placeholders.
    pub fn fill(&self, text: &str) -> String {
        text.replace("{company}", self.name)
            .replace("{customers}", self.customers)
            .replace("{product}", self.product)
    }
}

pub(super) const COMPANIES: &[Company] = &[
    Company {
        name: "Larkspur Health",
        domain: "larkspur.example",
        product: "clinic scheduling platform",
        customers: "clinics",
        mission: "Give every outpatient clinic a schedule that runs itself, so staff spend their day with patients.",
    },
    Company {
        name: "Tidewater Freight",
        domain: "tidewater.example",
        product: "route planning platform",
        customers: "carriers",
        mission: "Help regional freight carriers plan, dispatch and bill every load from one shared plan.",
    },
    Company {
        name: "Brightfield Energy",
        domain: "brightfield.example",
        product: "building energy platform",
        customers: "building operators",
        mission: "Cut the energy bill of every commercial building we monitor, and prove it month by month.",
    },
    Company {
        name: "Kestrel Payroll",
        domain: "kestrel.example",
        product: "payroll and time-tracking platform",
        customers: "employers",
        mission: "Pay hourly workers correctly and on time, whatever their shift pattern.",
    },
    Company {
        name: "Orchard Commerce",
        domain: "orchard.example",
        product: "inventory and order platform",
        customers: "retailers",
        mission: "Let independent retailers run stock, orders and staff from one screen.",
    },
    Company {
        name: "Meridian Field",
        domain: "meridian.example",
        product: "field-service platform",
        customers: "service companies",
        mission: "Get the right technician with the right part to every job, the first time.",
    },
];

/// The company's time zone; the example's calendar, commit times and the
/// `--today` default all read dates in it.
pub(super) const TIME_ZONE: &str = "Europe/Berlin";

/// What a goal is about, so team goals align to the company goal they serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Theme {
    Revenue,
    Retention,
    Enterprise,
    Quality,
    Efficiency,
}

#[derive(Debug)]
pub(super) struct GoalTemplate {
    pub slug: &'static str,
    pub title: &'static str,
    pub theme: Theme,
    /// Why the goal matters (first paragraph of the narrative).
    pub why: &'static str,
    /// What done looks like (second paragraph).
    pub done: &'static str,
    pub key_results: &'static [KrTemplate],
}

#[derive(Debug)]
pub(super) struct KrTemplate {
    pub slug: &'static str,
    pub title: &'static str,
    pub measure: MeasureTemplate,
}

#[derive(Clone, Copy, Debug)]
pub(super) enum MeasureTemplate {
    Metric(MetricTemplate),
    /// Done by a date in the quarter.
    Milestone,
}

/// How a metric behaves: where it starts the first quarter, how far a quarter
/// moves it, how it is written.
#[derive(Clone, Copy, Debug)]
pub(super) struct MetricTemplate {
    pub unit: &'static str,
    pub direction: Direction,
    /// Range of the first baseline.
    pub start: (f64, f64),
    /// Range of a quarter's planned improvement (a positive amount; the
    /// direction says which way).
    pub change: (f64, f64),
    pub decimals: u8,
    /// Values never leave this range (a percentage stays at most 100).
    pub bounds: (f64, f64),
    /// Counted within the quarter: every quarter starts again from `start`.
    pub per_quarter: bool,
}

const fn metric(
    unit: &'static str,
    direction: Direction,
    start: (f64, f64),
    change: (f64, f64),
    decimals: u8,
    bounds: (f64, f64),
) -> MeasureTemplate {
    MeasureTemplate::Metric(MetricTemplate {
        unit,
        direction,
        start,
        change,
        decimals,
        bounds,
        per_quarter: false,
    })
}

/// A count that starts from zero every quarter (hires made, leads created).
const fn quarterly_count(unit: &'static str, change: (f64, f64)) -> MeasureTemplate {
    MeasureTemplate::Metric(MetricTemplate {
        unit,
        direction: Direction::Up,
        start: (0.0, 0.0),
        change,
        decimals: 0,
        bounds: (0.0, 1.0e9),
        per_quarter: true,
    })
}

/// A share of the quarter's commitments done, from 0% at its start.
const fn quarterly_share(change: (f64, f64)) -> MeasureTemplate {
    MeasureTemplate::Metric(MetricTemplate {
        unit: "%",
        direction: Direction::Up,
        start: (0.0, 0.0),
        change,
        decimals: 0,
        bounds: PERCENT,
        per_quarter: true,
    })
}

const UP: Direction = Direction::Up;
const DOWN: Direction = Direction::Down;
const PERCENT: (f64, f64) = (0.0, 100.0);
const ANY: (f64, f64) = (0.0, 1.0e9);

#[derive(Debug)]
pub(super) struct InitiativeTemplate {
    pub slug: &'static str,
    pub title: &'static str,
    pub why: &'static str,
    pub milestones: &'static [&'static str],
}

#[derive(Debug)]
pub(super) struct RiskTemplate {
    pub slug: &'static str,
    pub title: &'static str,
    pub likelihood: Level,
    pub impact: Level,
    pub mitigation: &'static str,
    pub body: &'static str,
}

#[derive(Debug)]
pub(super) struct DecisionTemplate {
    pub slug: &'static str,
    pub title: &'static str,
    pub context: &'static str,
    pub decision: &'static str,
    pub consequences: &'static [&'static str],
}

/// A kind of team: what it is for, who works in it, what it plans.
#[derive(Debug)]
pub(super) struct Archetype {
    pub key: &'static str,
    pub name: &'static str,
    pub mission: &'static str,
    pub lead_role: &'static str,
    pub roles: &'static [&'static str],
    pub goals: &'static [GoalTemplate],
    pub initiatives: &'static [InitiativeTemplate],
    pub risk: RiskTemplate,
    pub decision: DecisionTemplate,
    /// What the team says it did in a quiet week.
    pub progress: &'static [&'static str],
    /// What the team asks of others.
    pub asks: &'static [&'static str],
}

/// A department: a team of teams under the company.
#[derive(Debug)]
pub(super) struct Department {
    pub key: &'static str,
    pub name: &'static str,
    pub mission: &'static str,
    pub lead_role: &'static str,
    /// Staff who sit in the department team itself.
    pub staff_roles: &'static [&'static str],
    pub goal: GoalTemplate,
    /// Its KPIs, the issues its people raise, its lead's meeting to-dos.
    pub rhythm: &'static Rhythm,
    pub archetypes: &'static [Archetype],
}

/// The company's own goals; the first (revenue) is set every quarter.
pub(super) const COMPANY_GOALS: &[GoalTemplate] = &[
    GoalTemplate {
        slug: "grow-arr",
        title: "Grow annual recurring revenue with expansion doing its share",
        theme: Theme::Revenue,
        why: "Revenue growth is the number the board and the next funding round will judge us by. New logos alone will not get us there: expansion from the {customers} we already serve has to carry a third of it.",
        done: "Done means the ARR target in the bank, net revenue retention above 100%, and a pipeline that makes next quarter's target look ordinary.",
        key_results: &[
            KrTemplate {
                slug: "arr",
                title: "Annual recurring revenue",
                measure: metric("M€", UP, (3.2, 6.4), (0.55, 0.9), 2, ANY),
            },
            KrTemplate {
                slug: "net-revenue-retention",
                title: "Net revenue retention (trailing twelve months)",
                measure: metric("%", UP, (101.0, 105.0), (2.5, 4.0), 1, (80.0, 140.0)),
            },
            KrTemplate {
                slug: "new-customers",
                title: "New paying customers",
                measure: quarterly_count("logos", (24.0, 36.0)),
            },
        ],
    },
    GoalTemplate {
        slug: "keep-customers",
        title: "Keep the customers we win",
        theme: Theme::Retention,
        why: "Every {customers} we lose costs us a year of the sales team's work. Churn crept up last quarter, mostly among accounts that never finished onboarding.",
        done: "Done means monthly revenue churn back under target and every account with a health score the account team believes.",
        key_results: &[
            KrTemplate {
                slug: "revenue-churn",
                title: "Monthly gross revenue churn",
                measure: metric("%", DOWN, (1.5, 2.1), (0.3, 0.5), 2, PERCENT),
            },
            KrTemplate {
                slug: "healthy-accounts",
                title: "Accounts with a green health score",
                measure: metric("%", UP, (58.0, 66.0), (8.0, 12.0), 0, PERCENT),
            },
        ],
    },
    GoalTemplate {
        slug: "win-enterprise",
        title: "Win the enterprise segment",
        theme: Theme::Enterprise,
        why: "Enterprise {customers} pay three times our average contract and churn at a third of the rate. Security reviews, not features, decide these deals.",
        done: "Done means enterprise logos signed, single sign-on an IT admin sets up without us, and a SOC 2 report we can send with the first proposal.",
        key_results: &[
            KrTemplate {
                slug: "enterprise-logos",
                title: "Enterprise customers under contract",
                measure: metric("logos", UP, (2.0, 5.0), (4.0, 6.0), 0, ANY),
            },
            KrTemplate {
                slug: "security-review-pass",
                title: "Security questionnaires passed at first submission",
                measure: metric("%", UP, (55.0, 65.0), (15.0, 20.0), 0, PERCENT),
            },
            KrTemplate {
                slug: "sso-ga",
                title: "Single sign-on generally available",
                measure: MeasureTemplate::Milestone,
            },
        ],
    },
    GoalTemplate {
        slug: "product-quality",
        title: "Make the {product} fast and dependable",
        theme: Theme::Quality,
        why: "Our {customers} run their day on us. Two long outages last quarter cost us a renewal and a reference customer.",
        done: "Done means uptime at target every month of the quarter and pages that load fast enough that nobody mentions speed in a QBR.",
        key_results: &[
            KrTemplate {
                slug: "uptime",
                title: "Monthly uptime of the core application",
                measure: metric("%", UP, (99.80, 99.88), (0.05, 0.08), 2, (90.0, 99.99)),
            },
            KrTemplate {
                slug: "p95-latency",
                title: "p95 API latency",
                measure: metric(
                    "ms",
                    DOWN,
                    (520.0, 680.0),
                    (120.0, 180.0),
                    0,
                    (80.0, 5000.0),
                ),
            },
        ],
    },
    GoalTemplate {
        slug: "grow-efficiently",
        title: "Grow without burning through the runway",
        theme: Theme::Efficiency,
        why: "The plan has to reach break-even on the money we have. Growth that costs more than it brings in only moves the problem.",
        done: "Done means customer acquisition paying back inside a year and gross margin at target.",
        key_results: &[
            KrTemplate {
                slug: "cac-payback",
                title: "CAC payback period",
                measure: metric("months", DOWN, (15.0, 19.0), (2.0, 4.0), 1, (1.0, 60.0)),
            },
            KrTemplate {
                slug: "gross-margin",
                title: "Gross margin",
                measure: metric("%", UP, (68.0, 73.0), (2.0, 4.0), 1, PERCENT),
            },
        ],
    },
];

/// Decisions already taken when the repository starts; they explain the plan.
pub(super) const FOUNDING_DECISIONS: &[DecisionTemplate] = &[
    DecisionTemplate {
        slug: "weekly-written-check-ins",
        title: "Replace the Monday status meeting with written weekly updates",
        context: "The Monday status meeting took ninety minutes of every lead's week and still left people outside the room guessing. Decisions made there were not written down anywhere.",
        decision: "Every team writes a short update in the plan repository by Friday: progress, risks, asks. The digest goes out on Monday; the meeting is cancelled.",
        consequences: &[
            "Leads spend about fifteen minutes a week on the update instead of ninety in a meeting.",
            "A team that does not write an update shows up in the digest.",
            "Cross-team asks go into updates, not hallway conversations.",
        ],
    },
    DecisionTemplate {
        slug: "plan-in-git",
        title: "Keep goals, initiatives and decisions in one git repository",
        context: "Goals lived in slides, initiatives in three project tools and decisions in chat threads. Nobody could say which goal an initiative served, or when a due date had moved.",
        decision: "The plan lives in this repository. Changes go through pull requests reviewed by the owner's lead; `orgit check` guards every change.",
        consequences: &[
            "Every due-date change and target change is in the history, with who made it and when.",
            "People edit YAML; the chief of staff runs a half-hour introduction for each team.",
        ],
    },
    DecisionTemplate {
        slug: "quarterly-planning-cadence",
        title: "Plan goals by quarter, review them every week",
        context: "Annual goals were out of date by March, and monthly goals left no room for anything that takes longer than a sprint.",
        decision: "Goals are set per fiscal quarter and scored at its end as achieved or missed. Key results are updated weekly by their owners.",
        consequences: &[
            "A goal that is not going to make it is marked at risk early, not explained away in the last week.",
            "Lowering a target mid-quarter needs a decision record that says why.",
        ],
    },
];
