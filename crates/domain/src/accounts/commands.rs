//! Account use cases.

use super::error::{AccountError, FieldError};
use super::model::{NewUser, TokenPurpose, User};
use super::repo::{AccountRepo, TokenState};
use crate::StoreError;
use crate::notifications::MailRequest;
use tremplin_kernel::email::EmailError;
use tremplin_kernel::token::{hash_token, new_token};
use tremplin_kernel::{Clock, Email, Locale};

/// Shortest accepted password (ANSSI recommends long passphrases over complex rules).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest accepted password (hashing cost stays bounded).
pub const MAX_PASSWORD_CHARS: usize = 128;
/// Longest display name.
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;

/// Failed logins allowed per e-mail in [`LOGIN_WINDOW_SECS`].
pub const LOGIN_ATTEMPTS_PER_EMAIL: i64 = 10;
/// Login attempts allowed per client address in [`LOGIN_WINDOW_SECS`].
pub const LOGIN_ATTEMPTS_PER_CLIENT: i64 = 50;
/// Window of the login rate limits.
pub const LOGIN_WINDOW_SECS: i64 = 15 * 60;
/// E-mailed links (login or reset) allowed per address per hour.
pub const LINKS_PER_EMAIL_PER_HOUR: i64 = 5;

/// What a person typed in the sign-up form.
#[derive(Debug, Clone, Default)]
pub struct SignUp {
    /// E-mail as typed.
    pub email: String,
    /// Password as typed.
    pub password: String,
    /// Display name as typed.
    pub display_name: String,
    /// Interface language at sign-up.
    pub locale: Locale,
}

fn email_field(raw: &str, errors: &mut Vec<FieldError>) -> Option<Email> {
    match Email::parse(raw) {
        Ok(email) => Some(email),
        Err(EmailError::Empty) => {
            errors.push(FieldError { field: "email", key: "error-email-empty" });
            None
        }
        Err(EmailError::Invalid) => {
            errors.push(FieldError { field: "email", key: "error-email-invalid" });
            None
        }
    }
}

fn password_field(password: &str, errors: &mut Vec<FieldError>) {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        errors.push(FieldError { field: "password", key: "error-password-too-short" });
    } else if chars > MAX_PASSWORD_CHARS {
        errors.push(FieldError { field: "password", key: "error-password-too-long" });
    }
}

async fn hash_password(password: String) -> Result<String, AccountError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|e| AccountError::Store(StoreError(format!("hashing task: {e}"))))
}

async fn password_matches(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match hash {
        Some(hash) => password_auth::verify_password(password, &hash).is_ok(),
        None => {
            // Spend the same time as a real check so that timing does not reveal
            // whether the account exists.
            let _ = password_auth::verify_password(password, &DUMMY_HASH);
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// A real argon2id hash, verified against for unknown accounts so that they cost the same time.
static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| password_auth::generate_hash(new_token()));

/// Creates an account with a password and enqueues a welcome e-mail.
pub async fn sign_up(repo: &impl AccountRepo, clock: &dyn Clock, input: SignUp) -> Result<User, AccountError> {
    let mut errors = Vec::new();
    let email = email_field(&input.email, &mut errors);
    password_field(&input.password, &mut errors);
    let display_name = input.display_name.trim().to_owned();
    if display_name.chars().count() > MAX_DISPLAY_NAME_CHARS {
        errors.push(FieldError { field: "display_name", key: "error-display-name-too-long" });
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(AccountError::Invalid(errors));
    };
    if repo.user_by_email(&email).await?.is_some() {
        return Err(AccountError::field("email", "error-email-taken"));
    }
    let new = NewUser {
        email: email.clone(),
        display_name,
        password_hash: Some(hash_password(input.password).await?),
        locale: input.locale,
        is_platform_admin: false,
        created_at: clock.now_ts(),
    };
    let welcome = MailRequest::new("welcome", email, input.locale);
    repo.create_user(&new, Some(&welcome)).await?.map_err(|_| AccountError::field("email", "error-email-taken"))
}

/// Checks an e-mail and password. Unknown e-mail and wrong password answer the same.
/// `client` identifies the requesting address for the per-client limit, when known.
pub async fn authenticate(
    repo: &impl AccountRepo,
    clock: &dyn Clock,
    email: &str,
    password: &str,
    client: Option<&str>,
) -> Result<User, AccountError> {
    let mut errors = Vec::new();
    let email = email_field(email, &mut errors);
    if password.is_empty() {
        errors.push(FieldError { field: "password", key: "error-password-empty" });
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(AccountError::Invalid(errors));
    };
    let now = clock.now_ts();
    let since = now - LOGIN_WINDOW_SECS;
    if !repo.allow_attempt(&format!("login:{email}"), since, now, LOGIN_ATTEMPTS_PER_EMAIL).await? {
        return Err(AccountError::RateLimited);
    }
    if let Some(client) = client
        && !repo.allow_attempt(&format!("login-client:{client}"), since, now, LOGIN_ATTEMPTS_PER_CLIENT).await?
    {
        return Err(AccountError::RateLimited);
    }
    let user = repo.user_by_email(&email).await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    if password_matches(password.to_owned(), hash).await {
        user.ok_or(AccountError::BadCredentials)
    } else {
        Err(AccountError::BadCredentials)
    }
}

/// E-mails a single-use link of `purpose` if the address has an account. Answers the same
/// whether or not it has one, so that the form does not reveal who is registered.
pub async fn send_link(repo: &impl AccountRepo, clock: &dyn Clock, email: &str, purpose: TokenPurpose) -> Result<(), AccountError> {
    let mut errors = Vec::new();
    let Some(email) = email_field(email, &mut errors) else {
        return Err(AccountError::Invalid(errors));
    };
    let now = clock.now_ts();
    if !repo.allow_attempt(&format!("link:{email}"), now - 3600, now, LINKS_PER_EMAIL_PER_HOUR).await? {
        return Err(AccountError::RateLimited);
    }
    let Some(user) = repo.user_by_email(&email).await? else {
        return Ok(());
    };
    let token = new_token();
    let template = match purpose {
        TokenPurpose::Login => "login_link",
        TokenPurpose::PasswordReset => "password_reset",
    };
    let mail = MailRequest::new(template, user.email.clone(), user.locale).with("token", &token);
    repo.issue_token(user.id, purpose, &hash_token(&token), now, &mail).await?;
    Ok(())
}

/// Uses up a login link and returns its account.
pub async fn consume_login_link(repo: &impl AccountRepo, clock: &dyn Clock, token: &str) -> Result<User, AccountError> {
    let user_id = token_owner(repo.consume_token(&hash_token(token), TokenPurpose::Login, clock.now_ts()).await?)?;
    repo.user_by_id(user_id).await?.ok_or(AccountError::TokenInvalid)
}

/// Whether a link can still be used, to show the right page before the person acts.
pub async fn check_link(repo: &impl AccountRepo, clock: &dyn Clock, token: &str, purpose: TokenPurpose) -> Result<(), AccountError> {
    token_owner(repo.peek_token(&hash_token(token), purpose, clock.now_ts()).await?).map(|_| ())
}

/// Sets a new password from a reset link, and uses the link up.
pub async fn reset_password(repo: &impl AccountRepo, clock: &dyn Clock, token: &str, password: &str) -> Result<User, AccountError> {
    let mut errors = Vec::new();
    password_field(password, &mut errors);
    if !errors.is_empty() {
        return Err(AccountError::Invalid(errors));
    }
    let user_id = token_owner(repo.consume_token(&hash_token(token), TokenPurpose::PasswordReset, clock.now_ts()).await?)?;
    let hash = hash_password(password.to_owned()).await?;
    repo.set_password(user_id, &hash).await?;
    repo.user_by_id(user_id).await?.ok_or(AccountError::TokenInvalid)
}

fn token_owner(state: TokenState) -> Result<i64, AccountError> {
    match state {
        TokenState::Consumed(user_id) => Ok(user_id),
        TokenState::Expired => Err(AccountError::TokenExpired),
        TokenState::Invalid => Err(AccountError::TokenInvalid),
    }
}

/// Creates an account from the command line or the demo, or returns the existing one
/// (its password is then left unchanged).
pub async fn ensure_user(
    repo: &impl AccountRepo,
    clock: &dyn Clock,
    email: &Email,
    display_name: &str,
    password: Option<&str>,
    is_platform_admin: bool,
) -> Result<User, AccountError> {
    if let Some(user) = repo.user_by_email(email).await? {
        return Ok(user);
    }
    if let Some(password) = password {
        let mut errors = Vec::new();
        password_field(password, &mut errors);
        if !errors.is_empty() {
            return Err(AccountError::Invalid(errors));
        }
    }
    let password_hash = match password {
        Some(p) => Some(hash_password(p.to_owned()).await?),
        None => None,
    };
    let new = NewUser {
        email: email.clone(),
        display_name: display_name.to_owned(),
        password_hash,
        locale: Locale::Fr,
        is_platform_admin,
        created_at: clock.now_ts(),
    };
    repo.create_user(&new, None).await?.map_err(|_| AccountError::field("email", "error-email-taken"))
}

/// Who acts and where: the acting account, its grants, and the ancestry ids of the
/// territory concerned (outermost first, the territory itself last).
#[derive(Debug, Clone, Copy)]
pub struct Acting<'a> {
    /// The acting account.
    pub user: &'a User,
    /// Its grants.
    pub grants: &'a [super::model::Grant],
    /// Ancestry of the territory acted upon.
    pub ancestry_ids: &'a [i64],
}

impl Acting<'_> {
    fn territory_id(&self) -> Result<i64, AccountError> {
        self.ancestry_ids.last().copied().ok_or(AccountError::NotFound)
    }
}

/// Lists a territory's team, for its staff only.
pub async fn team(repo: &impl AccountRepo, acting: Acting<'_>) -> Result<Vec<super::model::TeamMember>, AccountError> {
    if !super::policy::can_view_team(acting.user, acting.grants, acting.ancestry_ids) {
        return Err(AccountError::Forbidden);
    }
    Ok(repo.team_of(acting.territory_id()?).await?)
}

/// Grants `role` (as typed in the form) to the account with `email` in the territory.
pub async fn grant_role(
    repo: &impl AccountRepo,
    clock: &dyn Clock,
    acting: Acting<'_>,
    email: &str,
    role: &str,
) -> Result<(), AccountError> {
    if !super::policy::can_view_team(acting.user, acting.grants, acting.ancestry_ids) {
        return Err(AccountError::Forbidden);
    }
    let mut errors = Vec::new();
    let email = email_field(email, &mut errors);
    let role = tremplin_kernel::Role::parse(role);
    if role.is_none() {
        errors.push(FieldError { field: "role", key: "error-role-invalid" });
    }
    let (Some(email), Some(role)) = (email, role) else {
        return Err(AccountError::Invalid(errors));
    };
    if !super::policy::can_grant(acting.user, acting.grants, acting.ancestry_ids, role) {
        return Err(AccountError::Forbidden);
    }
    let Some(target) = repo.user_by_email(&email).await? else {
        return Err(AccountError::field("email", "error-user-unknown"));
    };
    repo.grant_role(target.id, acting.territory_id()?, role, Some(acting.user.id), clock.now_ts()).await?;
    Ok(())
}

/// Removes `role` from an account in the territory.
pub async fn revoke_role(
    repo: &impl AccountRepo,
    acting: Acting<'_>,
    user_id: i64,
    role: tremplin_kernel::Role,
) -> Result<(), AccountError> {
    if !super::policy::can_grant(acting.user, acting.grants, acting.ancestry_ids, role) {
        return Err(AccountError::Forbidden);
    }
    repo.revoke_role(user_id, acting.territory_id()?, role).await?;
    Ok(())
}
