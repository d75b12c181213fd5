//! Accounts and grants for the policy tests of every domain.

use super::model::{Grant, User};
use tremplin_kernel::{Email, Locale, Role};

/// An account with this id, not a platform admin.
pub fn user(id: i64) -> User {
    User {
        id,
        email: Email::parse("a@b.fr").expect("valid"),
        display_name: String::new(),
        password_hash: None,
        locale: Locale::Fr,
        is_platform_admin: false,
        created_at: 0,
    }
}

/// A platform admin with this id.
pub fn platform_admin(id: i64) -> User {
    User { is_platform_admin: true, ..user(id) }
}

/// `role` held in a territory.
pub fn grant(territory_id: i64, role: Role) -> Grant {
    Grant { territory_id, territory_slug: String::new(), territory_name: String::new(), role }
}
