//! Accounts and grants.

use serde::Serialize;
use tremplin_kernel::{Email, Locale, Role};

/// A person with an account. `email` and `display_name` are personal data.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    /// Internal id.
    pub id: i64,
    /// Login e-mail (personal data).
    pub email: Email,
    /// Name shown to others (personal data).
    pub display_name: String,
    /// Argon2id PHC string; `None` for accounts that only log in by link.
    #[serde(skip)]
    pub password_hash: Option<String>,
    /// Preferred language for e-mails.
    pub locale: Locale,
    /// Operator of the whole deployment.
    pub is_platform_admin: bool,
    /// Unix seconds.
    pub created_at: i64,
}

/// Input to create an account once validated.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login e-mail.
    pub email: Email,
    /// Name shown to others.
    pub display_name: String,
    /// Argon2id PHC string.
    pub password_hash: Option<String>,
    /// Preferred language.
    pub locale: Locale,
    /// Operator of the whole deployment.
    pub is_platform_admin: bool,
    /// Unix seconds.
    pub created_at: i64,
}

/// A role held in a territory.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Grant {
    /// Territory internal id.
    #[serde(skip)]
    pub territory_id: i64,
    /// Territory slug.
    pub territory_slug: String,
    /// Territory name.
    pub territory_name: String,
    /// The role.
    pub role: Role,
}

/// A member of a territory's team, as listed to its staff.
#[derive(Debug, Clone, Serialize)]
pub struct TeamMember {
    /// The account.
    pub user_id: i64,
    /// E-mail (personal data, staff only).
    pub email: String,
    /// Display name.
    pub display_name: String,
    /// The role held in this territory.
    pub role: Role,
}

/// What a single-use token is for; a token never serves another purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    /// Log in without a password.
    Login,
    /// Choose a new password.
    PasswordReset,
}

impl TokenPurpose {
    /// Stable identifier stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::Login => "login",
            TokenPurpose::PasswordReset => "password_reset",
        }
    }

    /// How long a token of this purpose stays valid, in seconds.
    pub fn lifetime_secs(self) -> i64 {
        match self {
            TokenPurpose::Login => 15 * 60,
            TokenPurpose::PasswordReset => 60 * 60,
        }
    }
}
