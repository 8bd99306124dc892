//! Risk rules: a high open risk has a mitigation, and an open risk is looked
//! at again by its `review_by` date.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Date, Record, Risk, RiskStatus};

use super::{Context, days};

pub fn check(cx: &mut Context<'_>) {
    for risk in cx
        .org
        .risks
        .iter()
        .filter(|r| r.status() == RiskStatus::Open)
    {
        let diagnostics = [unmitigated(risk), review_overdue(risk, cx.today)];
        for diagnostic in diagnostics.into_iter().flatten() {
            cx.diagnostics.push(diagnostic);
        }
    }
}

/// `unmitigated-risk`: a high risk with no (or a blank) `mitigation`. Points at
/// the blank value when there is one, else at the risk's id.
fn unmitigated(risk: &Record<Risk>) -> Option<Diagnostic> {
    if !risk.is_high() {
        return None;
    }
    let span = match &risk.mitigation {
        Some(text) if !text.trim().is_empty() => return None,
        Some(blank) => blank.span,
        None => risk.id.span,
    };
    Some(
        Diagnostic::new(
            Code::UnmitigatedRisk,
            risk.file,
            span,
            format!(
                "high risk `{}` (likelihood {}, impact {}) has no mitigation",
                risk.id,
                risk.likelihood.as_str(),
                risk.impact.as_str()
            ),
        )
        .help(
            "add `mitigation:` saying what is being done to reduce the risk, or lower \
             `likelihood` or `impact` if it is smaller than rated",
        ),
    )
}

/// `risk-review-overdue`: the owner promised to look again by `review_by`.
fn review_overdue(risk: &Record<Risk>, today: Date) -> Option<Diagnostic> {
    let review_by = risk.review_by.as_ref()?;
    if review_by.value >= today {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::RiskReviewOverdue,
            risk.file,
            review_by.span,
            format!(
                "risk `{}` was due for review on {} ({} ago)",
                risk.id,
                review_by.value,
                days(review_by.days_until(today))
            ),
        )
        .help("review the risk and set the next `review_by`, or close it with `status: closed`"),
    )
}
