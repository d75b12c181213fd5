//! Who may edit coach profiles and availability: the coach themself, and the staff (admins,
//! managers) of the coach's territory or of a territory containing it, and platform admins.
//! Pure functions of the acting user's grants and the ancestry of the territory concerned.

use super::model::Coach;
use crate::accounts::policy::roles_over;
use crate::accounts::{Grant, User};
use tremplin_kernel::Role;

/// Whether `user` may see and create coach profiles in a territory whose ancestry (outermost
/// first, itself last) has these ids, and edit every one of them.
pub fn can_manage_coaches(user: &User, grants: &[Grant], ancestry_ids: &[i64]) -> bool {
    user.is_platform_admin || roles_over(grants, ancestry_ids).into_iter().any(Role::is_staff)
}

/// Whether `user` may edit `coach`'s profile and availability; `ancestry_ids` is the ancestry
/// of the coach's territory.
pub fn can_edit_coach(user: &User, grants: &[Grant], ancestry_ids: &[i64], coach: &Coach) -> bool {
    coach.user_id == user.id || can_manage_coaches(user, grants, ancestry_ids)
}

/// The territory where `user` may create their own coach profile: the first one where they
/// hold the coach role.
pub fn own_profile_territory(grants: &[Grant]) -> Option<i64> {
    grants.iter().find(|g| g.role == Role::Coach).map(|g| g.territory_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::test_support::{grant, user};
    use crate::coaching::finder::tests_support::coach_of;

    #[test]
    fn a_coach_edits_their_own_profile_only() {
        // department 1 > epci 2 > commune 3; the coach (user 7) works in commune 3.
        let coach = coach_of(7, 3);
        let coach_grants = [grant(3, Role::Coach)];
        assert!(can_edit_coach(&user(7), &coach_grants, &[1, 2, 3], &coach));
        assert!(!can_edit_coach(&user(8), &coach_grants, &[1, 2, 3], &coach), "another coach of the same territory");
        assert!(!can_manage_coaches(&user(7), &coach_grants, &[1, 2, 3]));
        assert_eq!(own_profile_territory(&coach_grants), Some(3));
        assert_eq!(own_profile_territory(&[grant(3, Role::Trainer)]), None);
    }

    #[test]
    fn managers_of_the_territory_or_above_edit_every_coach_there() {
        let coach = coach_of(7, 3);
        assert!(can_edit_coach(&user(9), &[grant(2, Role::Manager)], &[1, 2, 3], &coach));
        assert!(can_edit_coach(&user(9), &[grant(1, Role::Admin)], &[1, 2, 3], &coach));
        assert!(!can_edit_coach(&user(9), &[grant(4, Role::Manager)], &[1, 2, 3], &coach), "manager of another epci");
        assert!(!can_edit_coach(&user(9), &[grant(3, Role::Trainer)], &[1, 2, 3], &coach));
        let mut admin = user(9);
        admin.is_platform_admin = true;
        assert!(can_edit_coach(&admin, &[], &[1, 2, 3], &coach));
    }
}
