//! Who may revoke passports and rotate a territory's signing key: the staff (admins,
//! managers) of the territory or of a territory containing it, and platform admins.

/// Whether `user` manages the passports of a territory: the staff over it (see
/// [`crate::accounts::policy::is_staff_over`]).
pub use crate::accounts::policy::is_staff_over as can_manage_passports;

/// Longest revocation reason accepted.
pub const REASON_MAX: usize = 500;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::test_support::{grant, user};
    use tremplin_kernel::Role;

    #[test]
    fn managers_of_the_territory_or_above_manage_its_passports() {
        // department 1 > commune 3; commune 4 is a neighbour.
        assert!(can_manage_passports(&user(7), &[grant(3, Role::Manager)], &[1, 3]));
        assert!(can_manage_passports(&user(7), &[grant(1, Role::Admin)], &[1, 3]));
        assert!(!can_manage_passports(&user(7), &[grant(4, Role::Manager)], &[1, 3]), "a neighbour's manager");
        assert!(!can_manage_passports(&user(7), &[grant(3, Role::Coach)], &[1, 3]), "a coach");
    }
}
