//! What a department watches and works out week by week: the KPIs on its
//! scorecard, the issues its people raise, the to-dos its lead takes on in
//! the leadership meeting. One [`Rhythm`] per department.

use super::{DOWN, UP};
use crate::model::{Cadence, Direction, Level};

#[derive(Debug)]
pub(in crate::example) struct Rhythm {
    /// Two KPIs. The story lets the first drift off target and, in the
    /// first department, lets the second go stale, so that one is weekly.
    pub kpis: &'static [KpiTemplate],
    /// Two issues: the first solved by to-dos (or left open with one in
    /// progress), the second dropped (or left open at a low priority).
    pub issues: &'static [IssueTemplate],
    /// What the department's lead takes on in the leadership meeting.
    pub meeting_todos: &'static [TodoTemplate],
}

#[derive(Debug)]
pub(in crate::example) struct KpiTemplate {
    pub slug: &'static str,
    pub title: &'static str,
    pub unit: &'static str,
    pub goalpost: KpiGoalpost,
    pub cadence: Cadence,
    pub decimals: u8,
    /// Where the value wanders week by week while it is on target.
    pub healthy: (f64, f64),
    /// How much further off target each week of a drift takes it.
    pub slide: f64,
    pub evidence: &'static str,
    /// The to-do someone takes on when it has been off target for weeks.
    pub remedy: TodoTemplate,
}

#[derive(Clone, Copy, Debug)]
pub(in crate::example) enum KpiGoalpost {
    Target(f64, Direction),
    Range(f64, f64),
}

#[derive(Debug)]
pub(in crate::example) struct IssueTemplate {
    pub slug: &'static str,
    pub title: &'static str,
    pub priority: Level,
    pub body: &'static str,
    /// The to-dos that solve it.
    pub todos: &'static [TodoTemplate],
    /// Why it is dropped, when the story drops it.
    pub dropped_because: &'static str,
}

#[derive(Clone, Copy, Debug)]
pub(in crate::example) struct TodoTemplate {
    pub slug: &'static str,
    pub title: &'static str,
}

const fn todo(slug: &'static str, title: &'static str) -> TodoTemplate {
    TodoTemplate { slug, title }
}

pub(super) const PRODUCT_ENGINEERING: Rhythm = Rhythm {
    kpis: &[
        KpiTemplate {
            slug: "p95-api-latency",
            title: "p95 API latency",
            unit: "ms",
            goalpost: KpiGoalpost::Target(300.0, DOWN),
            cadence: Cadence::Weekly,
            decimals: 0,
            healthy: (252.0, 294.0),
            slide: 17.0,
            evidence: "API gateway dashboard, 7-day p95 across all regions",
            remedy: todo(
                "profile-slowest-endpoints",
                "Profile the three slowest endpoints and plan the fixes",
            ),
        },
        KpiTemplate {
            slug: "change-failure-rate",
            title: "Change failure rate",
            unit: "%",
            goalpost: KpiGoalpost::Target(15.0, DOWN),
            cadence: Cadence::Weekly,
            decimals: 1,
            healthy: (7.5, 13.5),
            slide: 2.5,
            evidence: "Deploys rolled back or hotfixed within a day, from the deploy log",
            remedy: todo(
                "review-failed-deploys",
                "Review every failed deploy of the month with its author",
            ),
        },
    ],
    issues: &[
        IssueTemplate {
            slug: "pager-wakes-on-call",
            title: "The on-call pager wakes someone up three nights a week",
            priority: Level::Medium,
            body: "Most pages are staging alerts and the nightly backup check; none of them needed a person at three in the morning. Two engineers have asked to leave the rotation.",
            todos: &[
                todo(
                    "move-staging-alerts",
                    "Move staging alerts off the pager to the team channel",
                ),
                todo(
                    "backup-check-retries",
                    "Make the nightly backup check retry before it pages",
                ),
            ],
            dropped_because: "the rotation is quiet again since the alert clean-up",
        },
        IssueTemplate {
            slug: "release-notes-arrive-late",
            title: "Customers hear about releases after they ship",
            priority: Level::Low,
            body: "Customer success learns about changes from {customers} calling in. Release notes are written after the deploy, when anyone remembers.",
            todos: &[todo(
                "publish-release-calendar",
                "Publish the release calendar to customer success",
            )],
            dropped_because: "the weekly changelog covers it now",
        },
    ],
    meeting_todos: &[
        todo(
            "staff-sso-rollout",
            "Name who staffs the SSO rollout for the enterprise pilots",
        ),
        todo(
            "roadmap-dates-for-sales",
            "Send sales the committed roadmap dates for the quarter",
        ),
        todo(
            "incident-review-summary",
            "Summarise last month's incident reviews for the leadership team",
        ),
        todo(
            "hiring-plan-engineering",
            "Bring the engineering hiring plan for next quarter",
        ),
    ],
};

pub(super) const GO_TO_MARKET: Rhythm = Rhythm {
    kpis: &[
        KpiTemplate {
            slug: "qualified-pipeline",
            title: "New qualified pipeline",
            unit: "k EUR",
            goalpost: KpiGoalpost::Target(250.0, UP),
            cadence: Cadence::Weekly,
            decimals: 0,
            healthy: (256.0, 312.0),
            slide: 12.0,
            evidence: "CRM report: qualified pipeline created in the week",
            remedy: todo(
                "review-stalled-opportunities",
                "Review every stalled opportunity with its account executive",
            ),
        },
        KpiTemplate {
            slug: "net-revenue-retention",
            title: "Net revenue retention (trailing 12 months)",
            unit: "%",
            goalpost: KpiGoalpost::Target(105.0, UP),
            cadence: Cadence::Monthly,
            decimals: 1,
            healthy: (105.4, 108.8),
            slide: 0.9,
            evidence: "Finance close of the month",
            remedy: todo(
                "churned-accounts-calls",
                "Call the ten largest accounts that churned this year",
            ),
        },
    ],
    issues: &[
        IssueTemplate {
            slug: "security-reviews-stall-deals",
            title: "Security questionnaires stall enterprise deals for weeks",
            priority: Level::High,
            body: "Three of the five enterprise deals in the pipeline have waited more than two weeks on a security questionnaire. Each one is answered from scratch, and the answers live in people's inboxes.",
            todos: &[
                todo(
                    "draft-security-faq",
                    "Draft a security FAQ from the last five questionnaires",
                ),
                todo(
                    "soc2-bridge-letter",
                    "Get a SOC 2 bridge letter from the auditors for open deals",
                ),
            ],
            dropped_because: "the deals it held up have closed",
        },
        IssueTemplate {
            slug: "discount-approvals-slow",
            title: "Discount approvals take a week to come back",
            priority: Level::Low,
            body: "Any discount above ten percent needs the CFO's sign-off, and requests wait in email. Two deals slipped to next month waiting for an answer.",
            todos: &[todo(
                "discount-approval-matrix",
                "Write a discount approval matrix sales can apply alone",
            )],
            dropped_because: "finance now approves discounts in the deal desk channel",
        },
    ],
    meeting_todos: &[
        todo(
            "enterprise-pricing-proposal",
            "Bring a proposal for enterprise pricing tiers",
        ),
        todo(
            "renewal-risk-list",
            "Share the list of renewals at risk this quarter",
        ),
        todo(
            "win-loss-interviews",
            "Run five win/loss interviews and report what we heard",
        ),
        todo(
            "partner-referral-terms",
            "Agree referral terms with the two implementation partners",
        ),
    ],
};

pub(super) const OPERATIONS: Rhythm = Rhythm {
    kpis: &[
        KpiTemplate {
            slug: "days-to-hire",
            title: "Median days from opening to accepted offer",
            unit: "days",
            goalpost: KpiGoalpost::Target(45.0, DOWN),
            cadence: Cadence::Weekly,
            decimals: 0,
            healthy: (31.0, 44.0),
            slide: 4.0,
            evidence: "Applicant tracking system, roles filled in the last 90 days",
            remedy: todo(
                "hiring-manager-interview-slots",
                "Block two interview slots a week in every hiring manager's calendar",
            ),
        },
        KpiTemplate {
            slug: "cloud-cost-share",
            title: "Cloud cost as a share of revenue",
            unit: "%",
            goalpost: KpiGoalpost::Range(8.0, 12.0),
            cadence: Cadence::Monthly,
            decimals: 1,
            healthy: (8.6, 11.6),
            slide: 0.6,
            evidence: "Cloud invoices against recognised revenue, from the month's close",
            remedy: todo(
                "cloud-savings-plan",
                "Bring a savings plan for the three largest cloud cost lines",
            ),
        },
    ],
    issues: &[],
    meeting_todos: &[
        todo(
            "budget-reforecast",
            "Reforecast the budget with the new hiring plan",
        ),
        todo(
            "office-move-dates",
            "Confirm the office move dates with the landlord",
        ),
        todo(
            "board-pack-draft",
            "Draft the operating section of the board pack",
        ),
    ],
};

pub(super) const DATA: Rhythm = Rhythm {
    kpis: &[
        KpiTemplate {
            slug: "dashboards-fresh-on-time",
            title: "Core dashboards refreshed on time",
            unit: "%",
            goalpost: KpiGoalpost::Target(98.0, UP),
            cadence: Cadence::Weekly,
            decimals: 1,
            healthy: (98.2, 99.8),
            slide: 1.1,
            evidence: "Scheduler runs of the twelve core dashboards that finished by 7:00",
            remedy: todo(
                "retry-failed-loads",
                "Add retries to the three loads that fail most often",
            ),
        },
        KpiTemplate {
            slug: "warehouse-query-p95",
            title: "p95 warehouse query time",
            unit: "s",
            goalpost: KpiGoalpost::Target(20.0, DOWN),
            cadence: Cadence::Weekly,
            decimals: 1,
            healthy: (11.0, 18.5),
            slide: 2.2,
            evidence: "Warehouse query history, interactive queries only",
            remedy: todo(
                "partition-event-tables",
                "Partition the two largest event tables by day",
            ),
        },
    ],
    issues: &[],
    meeting_todos: &[
        todo(
            "metric-definitions-review",
            "Walk the leadership team through the metric definitions",
        ),
        todo(
            "board-metrics-export",
            "Prepare the board metrics export for the quarter",
        ),
    ],
};

pub(super) const SECURITY: Rhythm = Rhythm {
    kpis: &[
        KpiTemplate {
            slug: "days-to-patch-critical",
            title: "Mean days to patch critical vulnerabilities",
            unit: "days",
            goalpost: KpiGoalpost::Target(7.0, DOWN),
            cadence: Cadence::Weekly,
            decimals: 1,
            healthy: (3.0, 6.6),
            slide: 1.3,
            evidence: "Vulnerability scanner, critical findings closed in the last 30 days",
            remedy: todo(
                "patch-window-agreement",
                "Agree a weekly patch window with every service owner",
            ),
        },
        KpiTemplate {
            slug: "phishing-report-rate",
            title: "Phishing simulation report rate",
            unit: "%",
            goalpost: KpiGoalpost::Target(60.0, UP),
            cadence: Cadence::Monthly,
            decimals: 0,
            healthy: (61.0, 73.0),
            slide: 4.0,
            evidence: "The month's phishing simulation, reports within an hour",
            remedy: todo(
                "phishing-training-refresh",
                "Refresh the phishing training for teams below the company rate",
            ),
        },
    ],
    issues: &[],
    meeting_todos: &[
        todo(
            "vendor-review-backlog",
            "Clear the backlog of vendor security reviews",
        ),
        todo(
            "access-review-results",
            "Share the results of the quarterly access review",
        ),
    ],
};

pub(super) const PRODUCT_DESIGN: Rhythm = Rhythm {
    kpis: &[
        KpiTemplate {
            slug: "usability-task-success",
            title: "Task success in usability sessions",
            unit: "%",
            goalpost: KpiGoalpost::Target(80.0, UP),
            cadence: Cadence::Weekly,
            decimals: 0,
            healthy: (81.0, 91.0),
            slide: 3.0,
            evidence: "Moderated sessions of the week, tasks completed unaided",
            remedy: todo(
                "usability-failures-readout",
                "Run a readout of the failed tasks with the product teams",
            ),
        },
        KpiTemplate {
            slug: "design-review-lead-time",
            title: "Days from design request to review",
            unit: "days",
            goalpost: KpiGoalpost::Target(5.0, DOWN),
            cadence: Cadence::Weekly,
            decimals: 1,
            healthy: (2.4, 4.8),
            slide: 0.8,
            evidence: "Design request board, requests reviewed in the last 30 days",
            remedy: todo(
                "design-review-office-hours",
                "Start twice-weekly design review office hours",
            ),
        },
    ],
    issues: &[],
    meeting_todos: &[
        todo(
            "research-findings-summary",
            "Summarise this month's research findings for the leadership team",
        ),
        todo(
            "design-system-adoption",
            "Report which teams still ship screens outside the design system",
        ),
    ],
};

/// What the chief of staff (the first three) and the CEO (the rest) take on
/// in the leadership meeting.
pub(in crate::example) const COMPANY_MEETING_TODOS: &[TodoTemplate] = &[
    todo(
        "offsite-agenda",
        "Send the agenda for the leadership offsite",
    ),
    todo(
        "planning-calendar",
        "Publish the dates for next quarter's planning",
    ),
    todo(
        "all-hands-questions",
        "Collect the open questions for the all-hands",
    ),
    todo("investor-update", "Send the monthly investor update"),
    todo(
        "board-meeting-date",
        "Confirm the date of the next board meeting",
    ),
];
