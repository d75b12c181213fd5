//! Who may do what, where. Pure functions of the acting user's grants and the
//! ancestry of the territory concerned (a role held in a territory holds in every
//! territory nested in it).

use super::model::{Grant, User};
use tremplin_kernel::Role;

/// The roles `user` holds over a territory whose ancestry (outermost first, the
/// territory itself last) has these ids.
pub fn roles_over(grants: &[Grant], ancestry_ids: &[i64]) -> Vec<Role> {
    let mut roles: Vec<Role> = grants.iter().filter(|g| ancestry_ids.contains(&g.territory_id)).map(|g| g.role).collect();
    roles.sort();
    roles.dedup();
    roles
}

/// Whether `user` is staff (admin or manager) of a territory or of one containing it, or a
/// platform admin: who steers a territory (its team, paths, passports, questionnaires).
pub fn is_staff_over(user: &User, grants: &[Grant], ancestry_ids: &[i64]) -> bool {
    user.is_platform_admin || roles_over(grants, ancestry_ids).into_iter().any(Role::is_staff)
}

/// Whether `user` may see a territory's team and personal data of its members.
pub fn can_view_team(user: &User, grants: &[Grant], ancestry_ids: &[i64]) -> bool {
    is_staff_over(user, grants, ancestry_ids)
}

/// Whether `user` may grant or revoke `role` in a territory.
pub fn can_grant(user: &User, grants: &[Grant], ancestry_ids: &[i64], role: Role) -> bool {
    user.is_platform_admin || roles_over(grants, ancestry_ids).into_iter().any(|r| r.can_grant(role))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::test_support::{grant, user};

    #[test]
    fn roles_hold_in_nested_territories_only() {
        let grants = [grant(2, Role::Manager)];
        // department 1 > epci 2 > commune 3; another epci 4 in department 1
        assert!(can_view_team(&user(1), &grants, &[1, 2, 3]));
        assert!(can_view_team(&user(1), &grants, &[1, 2]));
        assert!(!can_view_team(&user(1), &grants, &[1]));
        assert!(!can_view_team(&user(1), &grants, &[1, 4]));
        assert!(can_grant(&user(1), &grants, &[1, 2, 3], Role::Coach));
        assert!(!can_grant(&user(1), &grants, &[1, 2, 3], Role::Admin));
        assert!(!can_grant(&user(1), &[grant(2, Role::Coach)], &[1, 2], Role::Member));
    }
}
