//! Who may revoke passports and rotate a territory's signing key: the staff (admins,
//! managers) of the territory or of a territory containing it, and platform admins.

use crate::accounts::policy::roles_over;
use crate::accounts::{Grant, User};
use tremplin_kernel::Role;

/// Whether `user` manages the passports of a territory whose ancestry (outermost first,
/// itself last) has these ids.
pub fn can_manage_passports(user: &User, grants: &[Grant], ancestry_ids: &[i64]) -> bool {
    user.is_platform_admin || roles_over(grants, ancestry_ids).into_iter().any(Role::is_staff)
}

/// Longest revocation reason accepted.
pub const REASON_MAX: usize = 500;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::test_support::{grant, user};

    #[test]
    fn managers_of_the_territory_or_above_manage_its_passports() {
        // department 1 > commune 3; commune 4 is a neighbour.
        assert!(can_manage_passports(&user(7), &[grant(3, Role::Manager)], &[1, 3]));
        assert!(can_manage_passports(&user(7), &[grant(1, Role::Admin)], &[1, 3]));
        assert!(!can_manage_passports(&user(7), &[grant(4, Role::Manager)], &[1, 3]), "a neighbour's manager");
        assert!(!can_manage_passports(&user(7), &[grant(3, Role::Coach)], &[1, 3]), "a coach");
    }
}
