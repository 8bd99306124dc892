//! Departments and the kinds of teams in them. The first two departments are
//! the ones a small example org has; larger orgs take more, in order.

use super::rhythm;
use super::{
    Archetype, DOWN, DecisionTemplate, Department, GoalTemplate, InitiativeTemplate, KrTemplate,
    MeasureTemplate, PERCENT, RiskTemplate, Theme, UP, metric, quarterly_count, quarterly_share,
};
use crate::model::Level::{High, Low, Medium};

const ANY: (f64, f64) = super::ANY;

pub(in crate::example) const DEPARTMENTS: &[Department] = &[
    PRODUCT_ENGINEERING,
    GO_TO_MARKET,
    OPERATIONS,
    DATA,
    SECURITY,
    PRODUCT_DESIGN,
];

const PRODUCT_ENGINEERING: Department = Department {
    key: "product-eng",
    name: "Product & Engineering",
    mission: "Build the {product} our {customers} trust with their operations, on every device they use.",
    lead_role: "Chief Technology Officer",
    staff_roles: &["Director of Product", "Principal Engineer"],
    goal: GoalTemplate {
        slug: "ship-roadmap",
        title: "Ship the roadmap the company goals depend on",
        theme: Theme::Quality,
        why: "Sales and customer success have promised dates to {customers} on the strength of this quarter's roadmap. Every slip lands on someone's renewal call.",
        done: "Done means the committed roadmap items shipped, with fewer incidents than last quarter.",
        key_results: &[
            KrTemplate {
                slug: "roadmap-shipped",
                title: "Committed roadmap items shipped",
                measure: quarterly_share((80.0, 90.0)),
            },
            KrTemplate {
                slug: "incident-minutes",
                title: "Customer-facing incident minutes",
                measure: metric("min", DOWN, (380.0, 520.0), (120.0, 200.0), 0, ANY),
            },
        ],
    },
    rhythm: &rhythm::PRODUCT_ENGINEERING,
    archetypes: &[
        Archetype {
            key: "platform",
            name: "Platform",
            mission: "Keep the {product} fast, secure and enterprise-ready: identity, reliability and the core API.",
            lead_role: "Engineering Manager, Platform",
            roles: &[
                "Staff Engineer",
                "Senior Backend Engineer",
                "Backend Engineer",
                "Site Reliability Engineer",
            ],
            goals: &[
                GoalTemplate {
                    slug: "enterprise-ready",
                    title: "Make the platform enterprise-ready",
                    theme: Theme::Enterprise,
                    why: "Enterprise buyers ask the same three questions: can our IT team manage access, can you prove who did what, and will it stay up. Today we answer two of them with a promise.",
                    done: "Done means single sign-on with the identity providers our prospects use, an audit log admins can export, and the latency budget met.",
                    key_results: &[
                        KrTemplate {
                            slug: "sso-providers",
                            title: "Identity providers supported for single sign-on",
                            measure: metric("providers", UP, (0.0, 1.0), (3.0, 3.0), 0, ANY),
                        },
                        KrTemplate {
                            slug: "audit-log-live",
                            title: "Audit log export live for all admins",
                            measure: MeasureTemplate::Milestone,
                        },
                    ],
                },
                GoalTemplate {
                    slug: "fast-core-api",
                    title: "Bring the core API inside its latency budget",
                    theme: Theme::Quality,
                    why: "Slow list endpoints are the most common complaint in support tickets, and the mobile relaunch will double the request volume.",
                    done: "Done means p95 latency under budget on every public endpoint and no endpoint without an owner on the dashboard.",
                    key_results: &[
                        KrTemplate {
                            slug: "p95-api",
                            title: "p95 latency of the public API",
                            measure: metric(
                                "ms",
                                DOWN,
                                (540.0, 700.0),
                                (140.0, 200.0),
                                0,
                                (80.0, 5000.0),
                            ),
                        },
                        KrTemplate {
                            slug: "endpoints-in-budget",
                            title: "Public endpoints within their latency budget",
                            measure: metric("%", UP, (55.0, 70.0), (20.0, 25.0), 0, PERCENT),
                        },
                    ],
                },
            ],
            initiatives: &[
                InitiativeTemplate {
                    slug: "single-sign-on",
                    title: "Single sign-on for Okta, Entra ID and Google Workspace",
                    why: "Enterprise IT teams will not roll out a tool their staff log in to with a password. We use a vendor for the protocols and own the admin experience.",
                    milestones: &[
                        "SAML with Okta in beta for two pilot customers",
                        "Entra ID in production",
                        "Google Workspace and admin self-setup generally available",
                    ],
                },
                InitiativeTemplate {
                    slug: "audit-log",
                    title: "Exportable audit log for admins",
                    why: "Security reviews ask for an audit trail we can only produce by hand from database backups.",
                    milestones: &[
                        "Events recorded for sign-in, permissions and exports",
                        "Admin screen with filters",
                        "CSV and SIEM export",
                    ],
                },
                InitiativeTemplate {
                    slug: "latency-budget",
                    title: "Latency budget for every public endpoint",
                    why: "Performance work has been heroic and short-lived. A budget per endpoint, on a dashboard, makes it routine.",
                    milestones: &[
                        "Budgets agreed and on the dashboard",
                        "Ten slowest endpoints fixed",
                        "Budget checks in CI",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "on-call-bus-factor",
                title: "Two engineers hold all the database knowledge on call",
                likelihood: Medium,
                impact: High,
                mitigation: "Pair every database incident with a second responder; write the five missing runbooks; add a third engineer to the rotation by the end of the quarter.",
                body: "If either of them is away during a major incident, recovery takes hours instead of minutes.",
            },
            decision: DecisionTemplate {
                slug: "managed-feature-flags",
                title: "Use a managed feature-flag service instead of our own",
                context: "Our home-grown flags live in a config file that needs a deploy to change. Two rollbacks this quarter took longer than the incidents they fixed.",
                decision: "Proposed: move to a managed feature-flag service for all new flags and migrate the forty existing ones over two sprints.",
                consequences: &[
                    "Rollbacks become a switch, not a deploy.",
                    "About €6k a year in fees and one more subprocessor to list.",
                ],
            },
            progress: &[
                "Shipped the connection-pool fix; error rate on the list endpoints halved.",
                "Runbooks for the three noisiest alerts are written and reviewed.",
            ],
            asks: &[
                "Product: confirm which identity providers the next three enterprise deals need.",
                "Security: review the audit log event list by Thursday.",
            ],
        },
        Archetype {
            key: "mobile",
            name: "Mobile",
            mission: "Give staff in the field a mobile app that works offline and feels native.",
            lead_role: "Engineering Manager, Mobile",
            roles: &[
                "Senior iOS Engineer",
                "Senior Android Engineer",
                "Mobile Engineer",
                "QA Engineer",
            ],
            goals: &[
                GoalTemplate {
                    slug: "offline-first",
                    title: "Relaunch the mobile app as an offline-first app people rate highly",
                    theme: Theme::Retention,
                    why: "The old app was a wrapped web view that lost data whenever the connection dropped. Field staff work where the signal is worst.",
                    done: "Done means the new app in the stores, a healthy public beta behind it and a store rating we would put on the website.",
                    key_results: &[
                        KrTemplate {
                            slug: "beta-testers",
                            title: "Active public beta testers",
                            measure: metric("users", UP, (40.0, 160.0), (300.0, 420.0), 0, ANY),
                        },
                        KrTemplate {
                            slug: "crash-free",
                            title: "Crash-free sessions",
                            measure: metric("%", UP, (97.0, 98.2), (1.0, 1.4), 1, (50.0, 99.9)),
                        },
                    ],
                },
                GoalTemplate {
                    slug: "mobile-adoption",
                    title: "Make the mobile app the way field staff work",
                    theme: Theme::Retention,
                    why: "Accounts where field staff use the app weekly renew at twice the rate of the others.",
                    done: "Done means a majority of active users on mobile every week and a store rating above four and a half.",
                    key_results: &[
                        KrTemplate {
                            slug: "weekly-mobile-users",
                            title: "Active users on mobile each week",
                            measure: metric("%", UP, (28.0, 36.0), (10.0, 14.0), 0, PERCENT),
                        },
                        KrTemplate {
                            slug: "store-rating",
                            title: "Average store rating",
                            measure: metric("stars", UP, (3.9, 4.2), (0.3, 0.4), 1, (1.0, 5.0)),
                        },
                    ],
                },
            ],
            initiatives: &[
                InitiativeTemplate {
                    slug: "offline-sync",
                    title: "Offline sync with conflict resolution",
                    why: "The app has to work with no signal and reconcile when it comes back, including two people editing the same job offline.",
                    milestones: &[
                        "Read-only offline mode",
                        "Offline edits with conflict resolution",
                        "Sync telemetry and support tooling",
                    ],
                },
                InitiativeTemplate {
                    slug: "push-notifications",
                    title: "Push notifications for assignments and changes",
                    why: "Staff find out about schedule changes by phone call today. A push that opens the right screen saves the call.",
                    milestones: &[
                        "Notification service and preferences",
                        "Assignment and change notifications",
                        "Quiet hours and digest mode",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "app-store-review-delay",
                title: "App store review delays the relaunch",
                likelihood: Medium,
                impact: Medium,
                mitigation: "Submit a build with the final permissions two weeks early; keep the old listing live until the new app is approved.",
                body: "The new app asks for background location, which has triggered long manual reviews for other apps this year.",
            },
            decision: DecisionTemplate {
                slug: "drop-old-app-versions",
                title: "Stop supporting app versions older than twelve months",
                context: "Six old app versions still call endpoints we want to retire, and each needs its own compatibility code.",
                decision: "Proposed: force an update for versions older than twelve months, announced four weeks ahead in the app.",
                consequences: &[
                    "About 3% of mobile users must update before they can log in.",
                    "Three legacy endpoints can be removed.",
                ],
            },
            progress: &[
                "Beta build 0.9 is out to all testers; sync errors down by half since last week.",
                "Fixed the two crash clusters from the last beta.",
            ],
            asks: &[
                "Platform: the sync endpoints in staging by Wednesday so we can test end to end.",
                "Customer success: five more field teams for the beta.",
            ],
        },
        Archetype {
            key: "growth-eng",
            name: "Growth Engineering",
            mission: "Turn trials into paying customers and paying customers into active ones, through the self-serve product.",
            lead_role: "Engineering Manager, Growth",
            roles: &[
                "Senior Full-Stack Engineer",
                "Full-Stack Engineer",
                "Product Analyst",
                "Product Designer",
            ],
            goals: &[
                GoalTemplate {
                    slug: "self-serve",
                    title: "Turn more trials into paying customers",
                    theme: Theme::Revenue,
                    why: "Two thirds of new customers last quarter came through the self-serve trial, at a fraction of the cost of a sales-led deal.",
                    done: "Done means trial conversion at target and most new accounts reaching their first real use inside a week.",
                    key_results: &[
                        KrTemplate {
                            slug: "trial-conversion",
                            title: "Trial-to-paid conversion",
                            measure: metric("%", UP, (8.0, 11.0), (2.0, 3.0), 1, PERCENT),
                        },
                        KrTemplate {
                            slug: "activation-7d",
                            title: "New accounts activated within seven days",
                            measure: metric("%", UP, (32.0, 40.0), (6.0, 9.0), 0, PERCENT),
                        },
                    ],
                },
                GoalTemplate {
                    slug: "expansion",
                    title: "Make upgrading the obvious next step",
                    theme: Theme::Revenue,
                    why: "Accounts that outgrow their plan call sales or quietly stay put. The product should make the upgrade easy and the value obvious.",
                    done: "Done means in-product upgrades carrying a real share of expansion revenue.",
                    key_results: &[
                        KrTemplate {
                            slug: "self-serve-upgrades",
                            title: "Upgrades completed in the product",
                            measure: quarterly_count("upgrades", (40.0, 60.0)),
                        },
                        KrTemplate {
                            slug: "usage-pricing-live",
                            title: "Usage-based pricing live for all new customers",
                            measure: MeasureTemplate::Milestone,
                        },
                    ],
                },
            ],
            initiatives: &[
                InitiativeTemplate {
                    slug: "self-serve-onboarding",
                    title: "Guided onboarding for self-serve trials",
                    why: "Trials that import their own data convert four times as often. Most never find the import.",
                    milestones: &[
                        "Onboarding checklist in the product",
                        "Sample data and guided import",
                        "Lifecycle emails tied to checklist steps",
                    ],
                },
                InitiativeTemplate {
                    slug: "trial-experiments",
                    title: "Trial-to-paid experiments",
                    why: "We change the trial by opinion. A steady cadence of measured experiments tells us what moves conversion.",
                    milestones: &[
                        "Experiment framework and guardrail metrics",
                        "Three pricing-page experiments",
                        "Trial length experiment",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "experiment-sample-size",
                title: "Too little trial traffic for conclusive experiments",
                likelihood: Medium,
                impact: Low,
                mitigation: "Run fewer, bolder experiments; pool results across regions; agree a minimum detectable effect before each test.",
                body: "At current traffic, a test needs six weeks to detect a two-point change in conversion.",
            },
            decision: DecisionTemplate {
                slug: "no-card-trials",
                title: "Drop the credit card requirement for trials",
                context: "Half the people who start a trial leave at the card form. Those who stay convert well, but we do not know what the others would do.",
                decision: "Proposed: remove the card requirement for four weeks as an experiment, with fraud checks on sign-up.",
                consequences: &[
                    "More trials, and a lower conversion rate that is still more customers.",
                    "Support load from trial users goes up.",
                ],
            },
            progress: &[
                "Pricing-page experiment B is at significance: +1.2 points of conversion.",
                "Onboarding checklist shipped to 50% of new trials.",
            ],
            asks: &[
                "Marketing: new copy for the upgrade emails by Friday.",
                "Data: a daily activation dashboard instead of the weekly export.",
            ],
        },
        Archetype {
            key: "billing",
            name: "Billing",
            mission: "Bill every customer correctly and on time, whatever plan they are on.",
            lead_role: "Engineering Manager, Billing",
            roles: &[
                "Senior Backend Engineer",
                "Backend Engineer",
                "Billing Operations Specialist",
            ],
            goals: &[GoalTemplate {
                slug: "billing-on-autopilot",
                title: "Put invoicing on autopilot",
                theme: Theme::Efficiency,
                why: "Finance still fixes a fifth of all invoices by hand, and every mistake is a support ticket from an annoyed customer.",
                done: "Done means invoices generated without a human for almost every account and billing tickets at a trickle.",
                key_results: &[
                    KrTemplate {
                        slug: "auto-invoiced",
                        title: "Invoices generated without manual correction",
                        measure: metric("%", UP, (72.0, 80.0), (10.0, 14.0), 0, PERCENT),
                    },
                    KrTemplate {
                        slug: "billing-tickets",
                        title: "Billing support tickets per week",
                        measure: metric("tickets", DOWN, (38.0, 52.0), (14.0, 20.0), 0, ANY),
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "usage-based-billing",
                    title: "Usage-based billing engine",
                    why: "New plans charge by usage; the billing system only knows seats.",
                    milestones: &[
                        "Usage metering in production",
                        "Invoices with usage lines",
                        "Legacy plans migrated",
                    ],
                },
                InitiativeTemplate {
                    slug: "dunning-automation",
                    title: "Automated dunning and card retries",
                    why: "Failed payments are chased by hand, weeks late.",
                    milestones: &[
                        "Smart card retries",
                        "Dunning email sequence",
                        "Self-serve payment update page",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "invoice-migration-errors",
                title: "Migrated invoices carry errors into the new system",
                likelihood: Medium,
                impact: Medium,
                mitigation: "Run old and new billing side by side for one cycle; finance reviews every difference above €50.",
                body: "Legacy plans have discounts recorded in free-text notes that the migration cannot read.",
            },
            decision: DecisionTemplate {
                slug: "grandfather-legacy-plans",
                title: "Grandfather legacy plans for twelve months",
                context: "Moving every legacy customer to usage pricing at once raises the bill of a fifth of them by more than 20%.",
                decision: "Proposed: keep legacy plans for twelve months, with a migration offer that caps the increase at 10%.",
                consequences: &[
                    "Expansion revenue from pricing arrives more slowly.",
                    "Billing runs two models for a year.",
                ],
            },
            progress: &[
                "Usage metering is reconciling to within 0.1% of the raw events.",
                "Cleared the backlog of failed-payment tickets.",
            ],
            asks: &[
                "Finance: sign off the revenue recognition rules for usage lines.",
                "Support: tag billing tickets by cause for two weeks.",
            ],
        },
        Archetype {
            key: "integrations",
            name: "Integrations",
            mission: "Connect the {product} to the tools our {customers} already run on.",
            lead_role: "Engineering Manager, Integrations",
            roles: &[
                "Senior Integration Engineer",
                "Integration Engineer",
                "Developer Advocate",
            ],
            goals: &[GoalTemplate {
                slug: "integrations-that-stick",
                title: "Make integrations the reason customers stay",
                theme: Theme::Retention,
                why: "Accounts with two or more integrations churn at half the rate. Most accounts have none.",
                done: "Done means the top requested connectors live and a majority of new accounts connected in their first month.",
                key_results: &[
                    KrTemplate {
                        slug: "connected-accounts",
                        title: "Accounts with at least one integration",
                        measure: metric("%", UP, (30.0, 38.0), (8.0, 12.0), 0, PERCENT),
                    },
                    KrTemplate {
                        slug: "connectors-live",
                        title: "Connectors in the marketplace",
                        measure: metric("connectors", UP, (6.0, 9.0), (3.0, 4.0), 0, ANY),
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "public-api-v2",
                    title: "Public API v2 with webhooks",
                    why: "Partners poll our API every minute because there are no webhooks; it is a quarter of our API traffic.",
                    milestones: &[
                        "Webhooks for the five core events",
                        "API v2 reference docs",
                        "Partner sandbox",
                    ],
                },
                InitiativeTemplate {
                    slug: "accounting-connectors",
                    title: "Connectors for the three main accounting tools",
                    why: "Exporting to accounting by CSV is the most requested feature for two years running.",
                    milestones: &[
                        "First connector in beta",
                        "Second and third connectors",
                        "Connector health monitoring",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "partner-api-changes",
                title: "A partner changes its API without notice",
                likelihood: Medium,
                impact: Low,
                mitigation: "Contract tests against partner sandboxes every night; a status page per connector.",
                body: "Two partners broke our connectors last quarter with unannounced changes.",
            },
            decision: DecisionTemplate {
                slug: "webhooks-at-least-once",
                title: "Deliver webhooks at least once, not exactly once",
                context: "Exactly-once delivery needs a distributed transaction with every receiver, which partners will not implement.",
                decision: "Proposed: at-least-once delivery with an idempotency key on every event.",
                consequences: &[
                    "Receivers must deduplicate; the docs show how.",
                    "Delivery stays simple and fast.",
                ],
            },
            progress: &[
                "Webhook delivery is in beta with four partners.",
                "Connector error dashboard is live.",
            ],
            asks: &[
                "Partnerships: an intro to the accounting vendor's API team.",
                "Platform: rate-limit headroom for the partner sandbox.",
            ],
        },
        Archetype {
            key: "sre",
            name: "Site Reliability",
            mission: "Fewer, shorter incidents, and an on-call rotation people do not dread.",
            lead_role: "Engineering Manager, Reliability",
            roles: &[
                "Senior Site Reliability Engineer",
                "Site Reliability Engineer",
                "Infrastructure Engineer",
            ],
            goals: &[GoalTemplate {
                slug: "calm-on-call",
                title: "Shorter incidents and a calmer on-call",
                theme: Theme::Quality,
                why: "Incidents take too long to resolve because the right person is rarely the first one paged.",
                done: "Done means time to recover at target and pages at night the exception.",
                key_results: &[
                    KrTemplate {
                        slug: "mttr",
                        title: "Mean time to recover from customer-facing incidents",
                        measure: metric("min", DOWN, (70.0, 95.0), (25.0, 35.0), 0, ANY),
                    },
                    KrTemplate {
                        slug: "night-pages",
                        title: "Out-of-hours pages per week",
                        measure: metric("pages", DOWN, (9.0, 14.0), (4.0, 6.0), 0, ANY),
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "alert-cleanup",
                    title: "Alert cleanup and service ownership",
                    why: "Half our alerts have no owner and a third never lead to action.",
                    milestones: &[
                        "Every alert has an owning team",
                        "Noisy alerts removed or fixed",
                        "Runbook link on every page",
                    ],
                },
                InitiativeTemplate {
                    slug: "multi-region-failover",
                    title: "Tested failover to a second region",
                    why: "Our recovery plan for a region outage has never been tested end to end.",
                    milestones: &[
                        "Database replica in the second region",
                        "Failover runbook rehearsed",
                        "Quarterly failover drill",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "cloud-cost-overrun",
                title: "Cloud costs outgrow revenue",
                likelihood: Medium,
                impact: Medium,
                mitigation: "Weekly cost review per service; reserved capacity for the steady base load.",
                body: "Compute spend grew 14% last month against 6% revenue growth.",
            },
            decision: DecisionTemplate {
                slug: "follow-the-sun-on-call",
                title: "Split on-call between Berlin and Toronto",
                context: "Berlin engineers take every night page. Two of them asked to leave the rotation this quarter.",
                decision: "Proposed: a follow-the-sun rotation with the Toronto team covering Berlin nights.",
                consequences: &[
                    "Toronto needs two more engineers trained on the core services.",
                    "Night pages in Berlin drop to emergencies only.",
                ],
            },
            progress: &[
                "Removed 41 alerts that never led to action.",
                "Failover runbook rehearsed in staging.",
            ],
            asks: &[
                "All teams: claim your unowned alerts by Friday.",
                "Finance: approve reserved capacity for next year.",
            ],
        },
    ],
};

const GO_TO_MARKET: Department = Department {
    key: "go-to-market",
    name: "Go-to-Market",
    mission: "Find, win and grow the {customers} we serve best, from self-serve to enterprise.",
    lead_role: "Chief Revenue Officer",
    staff_roles: &["Revenue Operations Manager", "Sales Enablement Lead"],
    goal: GoalTemplate {
        slug: "predictable-revenue",
        title: "Build a revenue engine we can forecast",
        theme: Theme::Revenue,
        why: "The board asked for a forecast we hit within 10%. Last quarter we were off by a quarter, mostly on deal timing.",
        done: "Done means pipeline coverage at target and a forecast that holds from the first month of the quarter.",
        key_results: &[
            KrTemplate {
                slug: "pipeline-coverage",
                title: "Pipeline coverage of next quarter's target",
                measure: metric("x", UP, (1.8, 2.4), (0.8, 1.0), 1, (0.0, 10.0)),
            },
            KrTemplate {
                slug: "forecast-accuracy",
                title: "Forecast accuracy at the start of the month",
                measure: metric("%", UP, (72.0, 80.0), (8.0, 12.0), 0, PERCENT),
            },
        ],
    },
    rhythm: &rhythm::GO_TO_MARKET,
    archetypes: &[
        Archetype {
            key: "sales",
            name: "Sales",
            mission: "Win the {customers} who get the most from us, with a process we can repeat.",
            lead_role: "Head of Sales",
            roles: &[
                "Enterprise Account Executive",
                "Account Executive",
                "Sales Development Representative",
                "Solutions Engineer",
            ],
            goals: &[
                GoalTemplate {
                    slug: "enterprise-pipeline",
                    title: "Build a repeatable enterprise pipeline",
                    theme: Theme::Enterprise,
                    why: "Enterprise deals are closed by the founders today. That does not scale past the next three.",
                    done: "Done means qualified pipeline at target and a win rate that holds when the founders are not in the room.",
                    key_results: &[
                        KrTemplate {
                            slug: "qualified-pipeline",
                            title: "Qualified enterprise pipeline",
                            measure: metric("M€", UP, (1.1, 1.8), (0.9, 1.4), 1, ANY),
                        },
                        KrTemplate {
                            slug: "win-rate",
                            title: "Win rate on qualified deals",
                            measure: metric("%", UP, (18.0, 24.0), (4.0, 6.0), 0, PERCENT),
                        },
                    ],
                },
                GoalTemplate {
                    slug: "mid-market",
                    title: "Close the mid-market faster",
                    theme: Theme::Revenue,
                    why: "Mid-market deals take 68 days on average, twice what our competitors quote in the same deals.",
                    done: "Done means a shorter sales cycle without a lower average contract.",
                    key_results: &[
                        KrTemplate {
                            slug: "sales-cycle",
                            title: "Median sales cycle for mid-market deals",
                            measure: metric("days", DOWN, (62.0, 72.0), (14.0, 20.0), 0, ANY),
                        },
                        KrTemplate {
                            slug: "new-mid-market",
                            title: "New mid-market customers",
                            measure: quarterly_count("logos", (14.0, 20.0)),
                        },
                    ],
                },
            ],
            initiatives: &[
                InitiativeTemplate {
                    slug: "enterprise-playbook",
                    title: "Enterprise sales playbook",
                    why: "Every enterprise deal is run differently. A written playbook lets a new account executive run one without a founder.",
                    milestones: &[
                        "Qualification criteria and stages agreed",
                        "Security review pack ready to send",
                        "First deal run end to end on the playbook",
                    ],
                },
                InitiativeTemplate {
                    slug: "mutual-close-plans",
                    title: "Mutual close plans for every commit deal",
                    why: "Deals slip because the buyer's procurement steps surface in the last week.",
                    milestones: &[
                        "Close plan template",
                        "Close plans for all commit deals",
                        "Weekly deal desk",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "procurement-freeze",
                title: "Deals slip past year-end procurement freezes",
                likelihood: Medium,
                impact: High,
                mitigation: "Close plans with named procurement contacts for every commit deal; offer signature now with later start dates.",
                body: "Several prospects freeze purchasing for the last two weeks of the year. A deal not signed by then moves a quarter.",
            },
            decision: DecisionTemplate {
                slug: "discount-approval",
                title: "Discounts above 15% need the CRO's approval",
                context: "Average discount crept from 9% to 17% in two quarters, with no sign of higher win rates.",
                decision: "Proposed: account executives may discount up to 15%; above that the CRO approves in the deal desk.",
                consequences: &[
                    "Some deals take a day longer to quote.",
                    "Average discount back to about 10%.",
                ],
            },
            progress: &[
                "Two enterprise deals moved to commit after security review.",
                "Playbook stages are in the CRM.",
            ],
            asks: &[
                "Platform: a date for the SSO provider two prospects need.",
                "Marketing: a case study from a customer in logistics.",
            ],
        },
        Archetype {
            key: "customer-success",
            name: "Customer Success",
            mission: "Make every customer successful in their first 90 days and keep them for years.",
            lead_role: "Head of Customer Success",
            roles: &[
                "Senior Customer Success Manager",
                "Customer Success Manager",
                "Onboarding Specialist",
                "Support Engineer",
            ],
            goals: &[
                GoalTemplate {
                    slug: "proactive-retention",
                    title: "Catch churn before the renewal call",
                    theme: Theme::Retention,
                    why: "We learn that a customer is unhappy when they send the cancellation. By then it is too late.",
                    done: "Done means every account with a health score we trust and a plan for each one that is red.",
                    key_results: &[
                        KrTemplate {
                            slug: "scored-accounts",
                            title: "Accounts with a current health score",
                            measure: metric("%", UP, (45.0, 60.0), (25.0, 30.0), 0, PERCENT),
                        },
                        KrTemplate {
                            slug: "time-to-value",
                            title: "Median days to first value for new accounts",
                            measure: metric("days", DOWN, (30.0, 42.0), (8.0, 12.0), 0, ANY),
                        },
                    ],
                },
                GoalTemplate {
                    slug: "renewals",
                    title: "Renew every account that should renew",
                    theme: Theme::Retention,
                    why: "A third of our revenue renews this half. Most renewals are handled in the last two weeks.",
                    done: "Done means renewals decided a month before the date and gross retention at target.",
                    key_results: &[
                        KrTemplate {
                            slug: "gross-retention",
                            title: "Gross revenue retention of renewals due",
                            measure: metric("%", UP, (86.0, 90.0), (3.0, 5.0), 0, PERCENT),
                        },
                        KrTemplate {
                            slug: "early-renewals",
                            title: "Renewals decided 30 days before the date",
                            measure: metric("%", UP, (35.0, 45.0), (20.0, 25.0), 0, PERCENT),
                        },
                    ],
                },
            ],
            initiatives: &[
                InitiativeTemplate {
                    slug: "customer-health-scores",
                    title: "Customer health scores from product usage",
                    why: "Health is a gut feeling today. Usage, support tickets and payment history together predict churn well.",
                    milestones: &[
                        "Health score model agreed",
                        "Scores in the CRM for every account",
                        "Playbook for red accounts",
                    ],
                },
                InitiativeTemplate {
                    slug: "renewal-rescue",
                    title: "Renewal rescue program",
                    why: "Accounts that go red before renewal get the same treatment as green ones.",
                    milestones: &[
                        "Red accounts triaged",
                        "Executive sponsor for each red account",
                        "Rescue plans reviewed weekly",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "renewal-cluster",
                title: "A cluster of large renewals lands in one month",
                likelihood: Medium,
                impact: High,
                mitigation: "Start renewal conversations 90 days ahead for the ten largest accounts; executive sponsor for each.",
                body: "Eight of our twenty largest accounts renew in the same month.",
            },
            decision: DecisionTemplate {
                slug: "group-onboarding",
                title: "Onboard small accounts in group sessions",
                context: "One-to-one onboarding for accounts under €5k a year costs more than the first year's margin.",
                decision: "Proposed: small accounts join a weekly group onboarding session; one-to-one time is for larger accounts.",
                consequences: &[
                    "Onboarding capacity roughly doubles.",
                    "Some small accounts will feel less looked after.",
                ],
            },
            progress: &[
                "All accounts over €20k now have an executive sponsor.",
                "Ran the first group onboarding: 14 accounts, good feedback.",
            ],
            asks: &[
                "Growth: in-product checklist data in the CRM.",
                "Sales: handover notes within 48 hours of signature.",
            ],
        },
        Archetype {
            key: "marketing",
            name: "Marketing",
            mission: "Make {company} the name {customers} think of first, and fill the pipeline with the right ones.",
            lead_role: "Head of Marketing",
            roles: &[
                "Product Marketing Manager",
                "Content Marketing Manager",
                "Demand Generation Manager",
                "Designer",
            ],
            goals: &[GoalTemplate {
                slug: "pipeline-from-marketing",
                title: "Fill the pipeline with the right leads",
                theme: Theme::Revenue,
                why: "Sales spends a third of its week on leads that were never going to buy.",
                done: "Done means more qualified leads, not more leads.",
                key_results: &[
                    KrTemplate {
                        slug: "qualified-leads",
                        title: "Marketing-qualified leads accepted by sales",
                        measure: quarterly_count("leads", (260.0, 360.0)),
                    },
                    KrTemplate {
                        slug: "lead-acceptance",
                        title: "Leads accepted by sales",
                        measure: metric("%", UP, (48.0, 58.0), (10.0, 14.0), 0, PERCENT),
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "website-relaunch",
                    title: "Website relaunch around customer stories",
                    why: "The website talks about features. Buyers want to see someone like them succeed.",
                    milestones: &[
                        "Six customer stories written",
                        "New site live",
                        "Pricing page experiments handed to growth",
                    ],
                },
                InitiativeTemplate {
                    slug: "webinar-series",
                    title: "Monthly webinar series with customers",
                    why: "Webinars with a customer on stage convert three times better than product demos.",
                    milestones: &[
                        "First webinar",
                        "Recordings as on-demand content",
                        "Follow-up sequence for attendees",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "paid-search-costs",
                title: "Paid search costs rise faster than conversion",
                likelihood: High,
                impact: Low,
                mitigation: "Shift budget to content and partner channels; weekly bid review.",
                body: "Cost per click on our top keywords rose 30% since a competitor raised money.",
            },
            decision: DecisionTemplate {
                slug: "ungated-content",
                title: "Stop gating content behind forms",
                context: "Gated guides produce many leads and few customers; sales ignores most of them.",
                decision: "Proposed: ungate all guides and measure pipeline from content instead of form fills.",
                consequences: &[
                    "Lead volume drops by about a third.",
                    "Sales sees fewer, better leads.",
                ],
            },
            progress: &[
                "Two customer stories published; both are top-five pages already.",
                "Webinar registrations at 240.",
            ],
            asks: &[
                "Customer success: two customers willing to speak at a webinar.",
                "Product: screenshots of the new onboarding.",
            ],
        },
        Archetype {
            key: "support",
            name: "Support",
            mission: "Answer every customer quickly and well, and make sure the same question never has to be asked twice.",
            lead_role: "Head of Support",
            roles: &[
                "Senior Support Engineer",
                "Support Engineer",
                "Support Specialist",
            ],
            goals: &[GoalTemplate {
                slug: "faster-support",
                title: "Answer faster, and less often",
                theme: Theme::Retention,
                why: "Response times doubled as the customer base grew; half the tickets are questions the docs should answer.",
                done: "Done means first responses inside our promise and satisfaction back where it was.",
                key_results: &[
                    KrTemplate {
                        slug: "first-response",
                        title: "Median first response time",
                        measure: metric("h", DOWN, (6.0, 9.0), (2.5, 4.0), 1, ANY),
                    },
                    KrTemplate {
                        slug: "csat",
                        title: "Support satisfaction score",
                        measure: metric("%", UP, (84.0, 89.0), (3.0, 5.0), 0, PERCENT),
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "help-center-rewrite",
                    title: "Help center rewrite for the top 50 questions",
                    why: "The help center is out of date, so customers open tickets instead.",
                    milestones: &[
                        "Top 50 questions identified",
                        "Articles rewritten",
                        "In-product help links",
                    ],
                },
                InitiativeTemplate {
                    slug: "support-tiers",
                    title: "Tiered support with escalation paths",
                    why: "Every ticket goes to whoever is free; hard ones bounce for days.",
                    milestones: &[
                        "Tier definitions",
                        "Escalation to engineering on call",
                        "Tier reporting",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "support-backlog",
                title: "The support backlog grows after the pricing change",
                likelihood: High,
                impact: Medium,
                mitigation: "Macros and an FAQ for pricing questions ready before the announcement; two temporary agents for four weeks.",
                body: "The last pricing change tripled ticket volume for a month.",
            },
            decision: DecisionTemplate {
                slug: "chat-support-hours",
                title: "Offer live chat only during European business hours",
                context: "Live chat around the clock needs three more people; night chats are mostly password resets.",
                decision: "Proposed: live chat 8:00 to 18:00 CET, email and self-service at other times.",
                consequences: &[
                    "Night chats move to email with a four-hour response target.",
                    "No new hires needed this year.",
                ],
            },
            progress: &[
                "Backlog under 100 for the first time this quarter.",
                "Rewrote the 12 most viewed articles.",
            ],
            asks: &[
                "Product: fix the export error behind 20% of tickets.",
                "Billing: a status page for invoice runs.",
            ],
        },
    ],
};

const OPERATIONS: Department = Department {
    key: "operations",
    name: "Operations",
    mission: "Give every team the people, money and tools to do their best work.",
    lead_role: "Chief Operating Officer",
    staff_roles: &["Business Operations Manager"],
    goal: GoalTemplate {
        slug: "scale-operations",
        title: "Scale the company without slowing it down",
        theme: Theme::Efficiency,
        why: "We will grow headcount by a third this year. Processes built for forty people creak at sixty.",
        done: "Done means hiring on plan and the books closed fast enough to steer by.",
        key_results: &[
            KrTemplate {
                slug: "hiring-plan",
                title: "Hiring plan filled",
                measure: quarterly_share((85.0, 95.0)),
            },
            KrTemplate {
                slug: "days-to-close",
                title: "Working days to close the monthly books",
                measure: metric("days", DOWN, (11.0, 14.0), (4.0, 6.0), 0, ANY),
            },
        ],
    },
    rhythm: &rhythm::OPERATIONS,
    archetypes: &[
        Archetype {
            key: "people-ops",
            name: "People",
            mission: "Hire well, onboard fast and keep the people who make {company} work.",
            lead_role: "Head of People",
            roles: &["Talent Partner", "People Partner", "Recruiting Coordinator"],
            goals: &[GoalTemplate {
                slug: "hire-well",
                title: "Hire the people the plan needs, on time",
                theme: Theme::Efficiency,
                why: "Half the quarter's roadmap depends on engineers who have not been hired yet.",
                done: "Done means the hiring plan filled and new hires productive in their first month.",
                key_results: &[
                    KrTemplate {
                        slug: "hires",
                        title: "Hires started",
                        measure: quarterly_count("hires", (8.0, 14.0)),
                    },
                    KrTemplate {
                        slug: "offer-acceptance",
                        title: "Offer acceptance rate",
                        measure: metric("%", UP, (68.0, 76.0), (8.0, 12.0), 0, PERCENT),
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "engineering-hiring",
                    title: "Engineering hiring sprint",
                    why: "Twelve engineering roles are open; the process takes seven weeks per hire.",
                    milestones: &[
                        "Structured interviews for all roles",
                        "Sourcing partner on board",
                        "Offers out for the first six roles",
                    ],
                },
                InitiativeTemplate {
                    slug: "onboarding-program",
                    title: "First-month onboarding program",
                    why: "New hires take three months to ship their first change. Good onboarding halves that.",
                    milestones: &[
                        "Onboarding checklist per role",
                        "Buddy program",
                        "30-day check-ins",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "senior-hiring-market",
                title: "Senior engineers take other offers",
                likelihood: High,
                impact: Medium,
                mitigation: "Faster process (offer within ten days), market-rate salary bands refreshed, referral bonus doubled.",
                body: "We lost three finalists to other offers last month.",
            },
            decision: DecisionTemplate {
                slug: "remote-first-hiring",
                title: "Hire engineers remotely within two hours of Berlin",
                context: "Berlin-only hiring cannot fill twelve engineering roles this year.",
                decision: "Proposed: hire engineers anywhere within two hours of Berlin time, with quarterly on-sites.",
                consequences: &[
                    "The candidate pool roughly triples.",
                    "Travel budget for on-sites goes up.",
                ],
            },
            progress: &[
                "Four offers accepted this week.",
                "Structured interviews rolled out for engineering roles.",
            ],
            asks: &[
                "All leads: interview slots for next week by Tuesday.",
                "Finance: approve the refreshed salary bands.",
            ],
        },
        Archetype {
            key: "finance",
            name: "Finance",
            mission: "Keep {company} funded, paid and informed with numbers people trust.",
            lead_role: "Head of Finance",
            roles: &["Financial Controller", "FP&A Analyst", "Accountant"],
            goals: &[GoalTemplate {
                slug: "faster-close",
                title: "Close the books fast enough to steer by",
                theme: Theme::Efficiency,
                why: "Leaders see last month's numbers three weeks into the next. By then, decisions have been made without them.",
                done: "Done means the books closed in five working days and a forecast that updates itself.",
                key_results: &[
                    KrTemplate {
                        slug: "close-days",
                        title: "Working days to close",
                        measure: metric("days", DOWN, (10.0, 13.0), (3.0, 5.0), 0, ANY),
                    },
                    KrTemplate {
                        slug: "forecast-model-live",
                        title: "Driver-based forecast model live",
                        measure: MeasureTemplate::Milestone,
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "close-automation",
                    title: "Month-end close automation",
                    why: "Reconciliations are done in spreadsheets that one person understands.",
                    milestones: &[
                        "Bank reconciliation automated",
                        "Revenue schedule from billing data",
                        "Close checklist in the finance tool",
                    ],
                },
                InitiativeTemplate {
                    slug: "spend-controls",
                    title: "Spend approvals and budgets per team",
                    why: "Teams do not know their budget; finance learns about spend from the card statement.",
                    milestones: &[
                        "Budgets per team",
                        "Approval flow for purchases",
                        "Monthly budget reports",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "audit-readiness",
                title: "The annual audit finds gaps in revenue recognition",
                likelihood: Low,
                impact: High,
                mitigation: "Pre-audit review of usage-based contracts with the auditors in the third quarter.",
                body: "Usage-based pricing is new and our revenue recognition policy has not been audited for it.",
            },
            decision: DecisionTemplate {
                slug: "annual-prepay-discount",
                title: "Offer 10% off for annual prepayment",
                context: "Most customers pay monthly; cash comes in slower than costs go out.",
                decision: "Proposed: 10% discount for customers who pay a year up front.",
                consequences: &[
                    "Better cash position from the second month.",
                    "Slightly lower revenue per customer.",
                ],
            },
            progress: &[
                "October closed in seven working days, down from eleven.",
                "Budgets shared with every team lead.",
            ],
            asks: &[
                "All leads: review your team's budget report by the 5th.",
                "Billing: usage data export by the 2nd working day.",
            ],
        },
    ],
};

const DATA: Department = Department {
    key: "data",
    name: "Data & Analytics",
    mission: "Give every decision at {company} numbers that are fresh, correct and easy to find.",
    lead_role: "VP Data",
    staff_roles: &["Analytics Lead"],
    goal: GoalTemplate {
        slug: "trusted-data",
        title: "One set of numbers everyone trusts",
        theme: Theme::Efficiency,
        why: "Three dashboards show three different ARR figures. Meetings start with arguments about whose number is right.",
        done: "Done means the core metrics defined once, fresh every morning and used by every team.",
        key_results: &[
            KrTemplate {
                slug: "certified-metrics",
                title: "Core metrics with a certified definition",
                measure: metric("metrics", UP, (4.0, 8.0), (10.0, 14.0), 0, ANY),
            },
            KrTemplate {
                slug: "data-freshness",
                title: "Hours from event to dashboard",
                measure: metric("h", DOWN, (22.0, 30.0), (12.0, 16.0), 0, ANY),
            },
        ],
    },
    rhythm: &rhythm::DATA,
    archetypes: &[
        Archetype {
            key: "analytics",
            name: "Analytics",
            mission: "Answer the questions that matter, and teach teams to answer their own.",
            lead_role: "Analytics Manager",
            roles: &["Senior Data Analyst", "Data Analyst", "Analytics Engineer"],
            goals: &[GoalTemplate {
                slug: "self-serve-analytics",
                title: "Let teams answer their own questions",
                theme: Theme::Efficiency,
                why: "The analytics queue is three weeks long and most requests are variations of the same five questions.",
                done: "Done means the common questions answered by dashboards people use without us.",
                key_results: &[
                    KrTemplate {
                        slug: "dashboard-users",
                        title: "Weekly active dashboard users",
                        measure: metric("people", UP, (40.0, 70.0), (30.0, 45.0), 0, ANY),
                    },
                    KrTemplate {
                        slug: "request-queue",
                        title: "Open analysis requests",
                        measure: metric("requests", DOWN, (28.0, 40.0), (12.0, 18.0), 0, ANY),
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "metrics-layer",
                    title: "A shared metrics layer",
                    why: "Every dashboard computes revenue its own way.",
                    milestones: &[
                        "Revenue metrics defined",
                        "Product metrics defined",
                        "Old dashboards retired",
                    ],
                },
                InitiativeTemplate {
                    slug: "analytics-office-hours",
                    title: "Analytics office hours and training",
                    why: "People ask for reports because they do not know the dashboards exist.",
                    milestones: &[
                        "Weekly office hours",
                        "Dashboard training for every team",
                        "Request form with templates",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "metric-definition-drift",
                title: "Teams keep their own metric definitions",
                likelihood: Medium,
                impact: Medium,
                mitigation: "Certified metrics badge; the digest and board deck use only certified metrics.",
                body: "Two teams already built their own revenue dashboards on raw tables.",
            },
            decision: DecisionTemplate {
                slug: "one-bi-tool",
                title: "Standardise on one BI tool",
                context: "We pay for three BI tools; each has its own copy of the data model.",
                decision: "Proposed: keep one BI tool and retire the other two by the end of next quarter.",
                consequences: &[
                    "About €30k a year saved.",
                    "Two teams migrate their dashboards.",
                ],
            },
            progress: &[
                "Revenue metrics certified; the board deck uses them from this month.",
                "Office hours had 18 visitors.",
            ],
            asks: &[
                "Finance: sign off the ARR definition.",
                "Growth: event names for the new onboarding.",
            ],
        },
        Archetype {
            key: "data-platform",
            name: "Data Platform",
            mission: "Move every product event into the warehouse fresh, complete and cheap.",
            lead_role: "Engineering Manager, Data Platform",
            roles: &[
                "Senior Data Engineer",
                "Data Engineer",
                "Analytics Engineer",
            ],
            goals: &[GoalTemplate {
                slug: "fresh-events",
                title: "Product events in the warehouse within the hour",
                theme: Theme::Quality,
                why: "Product decisions wait a day for yesterday's events, and a tenth of events never arrive.",
                done: "Done means events land within an hour, complete, and pipelines page someone when they break.",
                key_results: &[
                    KrTemplate {
                        slug: "event-latency",
                        title: "Median event latency to the warehouse",
                        measure: metric("min", DOWN, (240.0, 360.0), (180.0, 260.0), 0, ANY),
                    },
                    KrTemplate {
                        slug: "event-completeness",
                        title: "Events delivered complete",
                        measure: metric("%", UP, (89.0, 93.0), (5.0, 6.0), 1, PERCENT),
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "streaming-ingest",
                    title: "Streaming event ingestion",
                    why: "Nightly batch loads are why data is a day old.",
                    milestones: &[
                        "Streaming pipeline for product events",
                        "Backfill and reconciliation",
                        "Batch loads retired",
                    ],
                },
                InitiativeTemplate {
                    slug: "pipeline-alerting",
                    title: "Pipeline monitoring and alerting",
                    why: "Broken pipelines are found by analysts, days later.",
                    milestones: &[
                        "Freshness checks on every table",
                        "Alerts routed to owners",
                        "Data incident runbook",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "warehouse-costs",
                title: "Warehouse costs double with streaming",
                likelihood: Medium,
                impact: Medium,
                mitigation: "Partition and cluster the event tables; cost alerts per pipeline.",
                body: "Early tests show streaming inserts cost more than the batch loads they replace.",
            },
            decision: DecisionTemplate {
                slug: "event-schema-registry",
                title: "Require a schema for every product event",
                context: "Half our event-related incidents are fields renamed in the app without telling anyone.",
                decision: "Proposed: every event has a registered schema; the pipeline rejects events that do not match.",
                consequences: &[
                    "Product teams register events before shipping.",
                    "Broken events stop at the door instead of in dashboards.",
                ],
            },
            progress: &[
                "Streaming pipeline carries 40% of events.",
                "Freshness checks on all revenue tables.",
            ],
            asks: &[
                "Mobile: register the new app events.",
                "Finance: which tables must be fresh for the close?",
            ],
        },
    ],
};

const SECURITY: Department = Department {
    key: "security",
    name: "Security & IT",
    mission: "Keep {company} and our {customers}' data safe, and prove it.",
    lead_role: "Chief Information Security Officer",
    staff_roles: &["Security Program Manager"],
    goal: GoalTemplate {
        slug: "provably-secure",
        title: "Security we can prove to any customer",
        theme: Theme::Enterprise,
        why: "Enterprise deals stall in security review. Our answers are good, but we cannot show evidence quickly.",
        done: "Done means the audit report in hand and questionnaires answered from a library in days, not weeks.",
        key_results: &[
            KrTemplate {
                slug: "controls-evidenced",
                title: "Controls with current evidence",
                measure: metric("%", UP, (45.0, 60.0), (30.0, 40.0), 0, PERCENT),
            },
            KrTemplate {
                slug: "questionnaire-days",
                title: "Median days to answer a security questionnaire",
                measure: metric("days", DOWN, (12.0, 16.0), (6.0, 9.0), 0, ANY),
            },
        ],
    },
    rhythm: &rhythm::SECURITY,
    archetypes: &[
        Archetype {
            key: "security-eng",
            name: "Security Engineering",
            mission: "Find and fix weaknesses before someone else does.",
            lead_role: "Security Engineering Manager",
            roles: &[
                "Senior Security Engineer",
                "Security Engineer",
                "Application Security Engineer",
            ],
            goals: &[GoalTemplate {
                slug: "fewer-vulnerabilities",
                title: "Close vulnerabilities faster than we find them",
                theme: Theme::Quality,
                why: "The vulnerability backlog grew every month this year.",
                done: "Done means no critical finding older than a week and the backlog shrinking.",
                key_results: &[
                    KrTemplate {
                        slug: "open-vulnerabilities",
                        title: "Open high and critical vulnerabilities",
                        measure: metric("findings", DOWN, (30.0, 45.0), (18.0, 25.0), 0, ANY),
                    },
                    KrTemplate {
                        slug: "pentest-done",
                        title: "External penetration test completed",
                        measure: MeasureTemplate::Milestone,
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "secrets-rotation",
                    title: "Automatic secrets rotation",
                    why: "Some production credentials have not changed in three years.",
                    milestones: &[
                        "Secrets inventory",
                        "Rotation for database credentials",
                        "Rotation for third-party keys",
                    ],
                },
                InitiativeTemplate {
                    slug: "dependency-scanning",
                    title: "Dependency scanning in every pipeline",
                    why: "We learn about vulnerable libraries from customers' scanners.",
                    milestones: &[
                        "Scanning in CI for all services",
                        "Auto-fix pull requests",
                        "Exceptions process",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "leaked-credentials",
                title: "A leaked credential gives access to production",
                likelihood: Low,
                impact: High,
                mitigation: "Secrets scanning on every push; short-lived credentials for production access.",
                body: "Credentials have leaked into logs twice this year; neither was exploited.",
            },
            decision: DecisionTemplate {
                slug: "hardware-keys",
                title: "Hardware security keys for all production access",
                context: "Phishing-resistant authentication is asked for in every enterprise questionnaire.",
                decision: "Proposed: hardware keys for everyone with production access, then for everyone.",
                consequences: &[
                    "About €60 per person.",
                    "SMS and app codes retired for production access.",
                ],
            },
            progress: &[
                "Critical findings down to three, none older than five days.",
                "Secrets inventory complete.",
            ],
            asks: &[
                "Platform: a maintenance window for database credential rotation.",
                "IT: hardware keys for the new hires.",
            ],
        },
        Archetype {
            key: "compliance",
            name: "Compliance",
            mission: "Turn security work into evidence auditors and customers accept.",
            lead_role: "Compliance Manager",
            roles: &["Compliance Analyst", "GRC Engineer"],
            goals: &[GoalTemplate {
                slug: "soc2",
                title: "Earn the SOC 2 Type II report",
                theme: Theme::Enterprise,
                why: "Four enterprise prospects need the report before they sign.",
                done: "Done means the report issued with no exceptions and the evidence collected automatically from then on.",
                key_results: &[
                    KrTemplate {
                        slug: "evidence-collected",
                        title: "Audit evidence collected",
                        measure: metric("%", UP, (35.0, 50.0), (40.0, 50.0), 0, PERCENT),
                    },
                    KrTemplate {
                        slug: "soc2-report",
                        title: "SOC 2 Type II report issued",
                        measure: MeasureTemplate::Milestone,
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "soc2-type2",
                    title: "SOC 2 Type II audit",
                    why: "The Type I report is a year old; buyers now ask for Type II.",
                    milestones: &[
                        "Observation window started",
                        "Evidence collection complete",
                        "Auditor fieldwork",
                    ],
                },
                InitiativeTemplate {
                    slug: "trust-center",
                    title: "Public trust center",
                    why: "Sales emails the same twenty documents for every deal.",
                    milestones: &[
                        "Documents and policies published",
                        "NDA-gated report access",
                        "Questionnaire library",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "auditor-capacity",
                title: "The auditor's fieldwork slot slips",
                likelihood: Medium,
                impact: High,
                mitigation: "Book the slot now with a backup date; evidence 100% ready two weeks before fieldwork.",
                body: "Our audit firm is short of staff this season and has moved two clients' fieldwork already.",
            },
            decision: DecisionTemplate {
                slug: "compliance-automation-tool",
                title: "Buy a compliance automation tool",
                context: "Evidence is collected by hand in spreadsheets; it takes two people a month before each audit.",
                decision: "Proposed: buy a compliance automation tool that pulls evidence from our cloud and HR systems.",
                consequences: &[
                    "About €25k a year.",
                    "Evidence collection becomes continuous.",
                ],
            },
            progress: &[
                "Evidence at target for access reviews and change management.",
                "Trust center draft reviewed by legal.",
            ],
            asks: &[
                "People: onboarding and offboarding evidence for the last quarter.",
                "Platform: screenshots of the backup restore test.",
            ],
        },
    ],
};

const PRODUCT_DESIGN: Department = Department {
    key: "product",
    name: "Product & Design",
    mission: "Decide what we build and make it a pleasure to use.",
    lead_role: "Chief Product Officer",
    staff_roles: &["Product Operations Manager"],
    goal: GoalTemplate {
        slug: "products-people-love",
        title: "Build what customers use, and make it easy",
        theme: Theme::Retention,
        why: "A third of what we shipped last year is used by fewer than one account in ten.",
        done: "Done means every shipped feature adopted by its target accounts and usability scores up.",
        key_results: &[
            KrTemplate {
                slug: "feature-adoption",
                title: "Shipped features reaching their adoption target",
                measure: metric("%", UP, (40.0, 55.0), (15.0, 20.0), 0, PERCENT),
            },
            KrTemplate {
                slug: "usability-score",
                title: "System usability score",
                measure: metric("points", UP, (66.0, 72.0), (4.0, 6.0), 0, PERCENT),
            },
        ],
    },
    rhythm: &rhythm::PRODUCT_DESIGN,
    archetypes: &[
        Archetype {
            key: "design-system",
            name: "Design System",
            mission: "One consistent, accessible interface across web and mobile.",
            lead_role: "Design Manager",
            roles: &[
                "Senior Product Designer",
                "Product Designer",
                "Frontend Engineer",
            ],
            goals: &[GoalTemplate {
                slug: "consistent-ui",
                title: "One interface, everywhere",
                theme: Theme::Quality,
                why: "Four button styles and three date pickers make the product feel unfinished.",
                done: "Done means every screen on the design system and accessibility at target.",
                key_results: &[
                    KrTemplate {
                        slug: "screens-migrated",
                        title: "Screens on the design system",
                        measure: metric("%", UP, (35.0, 50.0), (20.0, 25.0), 0, PERCENT),
                    },
                    KrTemplate {
                        slug: "accessibility-issues",
                        title: "Open accessibility issues",
                        measure: metric("issues", DOWN, (60.0, 85.0), (30.0, 40.0), 0, ANY),
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "design-tokens",
                    title: "Design tokens shared by web and mobile",
                    why: "Colours and spacing are copied by hand between web and mobile.",
                    milestones: &["Token set agreed", "Web on tokens", "Mobile on tokens"],
                },
                InitiativeTemplate {
                    slug: "accessibility-audit",
                    title: "Accessibility audit and fixes",
                    why: "Public-sector {customers} require WCAG 2.1 AA.",
                    milestones: &[
                        "External audit",
                        "Critical issues fixed",
                        "Accessibility checks in CI",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "design-debt",
                title: "Feature teams skip the design system under deadline pressure",
                likelihood: High,
                impact: Low,
                mitigation: "Design system office hours; components for the next quarter's roadmap built first.",
                body: "Two teams shipped custom components last month to hit a date.",
            },
            decision: DecisionTemplate {
                slug: "dark-mode-later",
                title: "Postpone dark mode until the migration is done",
                context: "Dark mode is the most requested cosmetic feature, but half the screens are not on the design system.",
                decision: "Proposed: no dark mode until every screen uses design tokens.",
                consequences: &[
                    "Dark mode arrives next year.",
                    "The migration gets a visible payoff.",
                ],
            },
            progress: &[
                "Settings and billing screens migrated.",
                "Contrast issues fixed across the dashboard.",
            ],
            asks: &[
                "Feature teams: use the new table component for new screens.",
                "Mobile: a token review on Thursday.",
            ],
        },
        Archetype {
            key: "research",
            name: "User Research",
            mission: "Put what customers actually do in front of every product decision.",
            lead_role: "Research Lead",
            roles: &["Senior User Researcher", "User Researcher"],
            goals: &[GoalTemplate {
                slug: "research-in-every-decision",
                title: "Evidence behind every roadmap bet",
                theme: Theme::Retention,
                why: "Roadmap items are chosen by who asks loudest.",
                done: "Done means every major roadmap item backed by customer evidence before work starts.",
                key_results: &[
                    KrTemplate {
                        slug: "interviews",
                        title: "Customer interviews run",
                        measure: quarterly_count("interviews", (40.0, 60.0)),
                    },
                    KrTemplate {
                        slug: "evidenced-roadmap",
                        title: "Roadmap items with research evidence",
                        measure: metric("%", UP, (30.0, 45.0), (25.0, 35.0), 0, PERCENT),
                    },
                ],
            }],
            initiatives: &[
                InitiativeTemplate {
                    slug: "research-panel",
                    title: "Standing customer research panel",
                    why: "Recruiting interviewees takes two weeks per study.",
                    milestones: &[
                        "Panel of 100 customers",
                        "Incentive program",
                        "Self-serve booking for product teams",
                    ],
                },
                InitiativeTemplate {
                    slug: "insights-library",
                    title: "Searchable insights library",
                    why: "Findings live in slide decks nobody finds again.",
                    milestones: &[
                        "Past studies tagged",
                        "Library live",
                        "Insights linked from roadmap items",
                    ],
                },
            ],
            risk: RiskTemplate {
                slug: "panel-fatigue",
                title: "The research panel tires of requests",
                likelihood: Medium,
                impact: Low,
                mitigation: "No panelist asked more than once a month; results shared back with participants.",
                body: "Response rates dropped from 40% to 25% in two months.",
            },
            decision: DecisionTemplate {
                slug: "research-before-build",
                title: "No roadmap item starts without a research brief",
                context: "Three large features last year missed their adoption targets by more than half.",
                decision: "Proposed: every roadmap item above two engineer-months needs a one-page research brief.",
                consequences: &[
                    "Some work starts a week later.",
                    "Fewer features built for nobody.",
                ],
            },
            progress: &[
                "Twelve interviews on the onboarding flow; the import step is the main drop-off.",
                "Panel at 80 customers.",
            ],
            asks: &[
                "Customer success: intros to five churned customers.",
                "Growth: funnel data for the onboarding study.",
            ],
        },
    ],
};
