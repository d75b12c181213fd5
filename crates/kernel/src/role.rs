//! Roles granted to an account within a territory.

use serde::{Deserialize, Serialize};

/// What an account may do in a territory (and the territories it contains).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Runs the territory: every right, including granting any role.
    Admin,
    /// Steers the programme: moderation, statistics, grants the operational roles.
    Manager,
    /// Accompanies businesses one to one.
    Coach,
    /// Runs workshops.
    Trainer,
    /// Owns listings in the directory.
    Merchant,
    /// A registered resident or business.
    Member,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 6] = [Role::Admin, Role::Manager, Role::Coach, Role::Trainer, Role::Merchant, Role::Member];

    /// Stable identifier stored in the database and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Coach => "coach",
            Role::Trainer => "trainer",
            Role::Merchant => "merchant",
            Role::Member => "member",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(value: &str) -> Option<Self> {
        Role::ALL.into_iter().find(|r| r.as_str() == value.trim())
    }

    /// Whether this role may grant `other` within its territory.
    pub fn can_grant(self, other: Role) -> bool {
        match self {
            Role::Admin => true,
            Role::Manager => !matches!(other, Role::Admin | Role::Manager),
            _ => false,
        }
    }

    /// Whether this role steers the territory (sees its team and data).
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Admin | Role::Manager)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_grants() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert!(Role::Admin.can_grant(Role::Manager));
        assert!(Role::Manager.can_grant(Role::Coach));
        assert!(!Role::Manager.can_grant(Role::Admin));
        assert!(!Role::Coach.can_grant(Role::Member));
    }
}
