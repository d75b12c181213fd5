//! The digital-maturity diagnostic: questionnaires as versioned data (six axes, answers with
//! points and a plain-words explanation), their validation, the scoring aligned with the EU
//! Digital Maturity Assessment bands, and the progress between two results.

pub mod counts;
pub mod questionnaire;
pub mod repo;
pub mod scoring;

pub use questionnaire::{AXES, Answer, Axis, Issue, Question, Questionnaire, platform_questionnaire, validate};
pub use repo::{Diagnostic, DiagnosticCounts, DiagnosticRepo, MonthCount, NewDiagnostic, StoredQuestionnaire};
pub use scoring::{Answers, AxisProgress, AxisScore, Level, Score, missing_answers, progress, score, weak_axes};

use crate::accounts::{Grant, User, policy::is_staff_over};

/// Whether `user` may publish a questionnaire version for a territory whose ancestry has
/// these ids (its managers and admins, or those of a territory above it), or for the platform
/// (`None`: platform admins only).
pub fn can_publish(user: &User, grants: &[Grant], ancestry_ids: Option<&[i64]>) -> bool {
    match ancestry_ids {
        None => user.is_platform_admin,
        Some(ids) => is_staff_over(user, grants, ids),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::test_support::{grant, user};
    use tremplin_kernel::Role;

    #[test]
    fn managers_publish_for_their_territory_and_below_admins_for_the_platform() {
        let grants = [grant(2, Role::Manager)];
        assert!(can_publish(&user(1), &grants, Some(&[1, 2, 3])));
        assert!(!can_publish(&user(1), &grants, Some(&[1, 4])));
        assert!(!can_publish(&user(1), &[grant(2, Role::Coach)], Some(&[1, 2])));
        assert!(!can_publish(&user(1), &grants, None));
    }
}
