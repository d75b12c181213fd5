//! What the accounts domain needs from the store.

use super::model::{Grant, NewUser, TeamMember, TokenPurpose, User};
use crate::StoreResult;
use crate::notifications::MailRequest;
use std::future::Future;
use tremplin_kernel::{Email, Role};

/// The e-mail is already registered.
#[derive(Debug)]
pub struct EmailTaken;

/// What a presented token turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    /// Valid: it is now used up; here is its account.
    Consumed(i64),
    /// Known, but past its expiry.
    Expired,
    /// Unknown, already used, or of another purpose.
    Invalid,
}

/// Store of accounts, tokens and grants.
pub trait AccountRepo: Send + Sync {
    /// Account by e-mail.
    fn user_by_email(&self, email: &Email) -> impl Future<Output = StoreResult<Option<User>>> + Send;
    /// Account by id.
    fn user_by_id(&self, id: i64) -> impl Future<Output = StoreResult<Option<User>>> + Send;
    /// Creates an account and enqueues its welcome e-mail, atomically.
    fn create_user(
        &self,
        user: &NewUser,
        welcome: Option<&MailRequest>,
    ) -> impl Future<Output = StoreResult<Result<User, EmailTaken>>> + Send;
    /// Replaces the password hash.
    fn set_password(&self, user_id: i64, hash: &str) -> impl Future<Output = StoreResult<()>> + Send;
    /// Stores a token's hash and enqueues the e-mail that carries it, atomically.
    fn issue_token(
        &self,
        user_id: i64,
        purpose: TokenPurpose,
        token_hash: &str,
        now: i64,
        mail: &MailRequest,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Uses up a token if it is valid for `purpose` at `now`.
    fn consume_token(&self, token_hash: &str, purpose: TokenPurpose, now: i64) -> impl Future<Output = StoreResult<TokenState>> + Send;
    /// Whether a token is currently valid (without using it up).
    fn peek_token(&self, token_hash: &str, purpose: TokenPurpose, now: i64) -> impl Future<Output = StoreResult<TokenState>> + Send;
    /// The roles an account holds, per territory.
    fn grants_of(&self, user_id: i64) -> impl Future<Output = StoreResult<Vec<Grant>>> + Send;
    /// Grants a role (no-op if already held).
    fn grant_role(
        &self,
        user_id: i64,
        territory_id: i64,
        role: Role,
        granted_by: Option<i64>,
        now: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Removes a role.
    fn revoke_role(&self, user_id: i64, territory_id: i64, role: Role) -> impl Future<Output = StoreResult<()>> + Send;
    /// The accounts holding a role in a territory.
    fn team_of(&self, territory_id: i64) -> impl Future<Output = StoreResult<Vec<TeamMember>>> + Send;
    /// Records an attempt in `bucket`; false when `max` attempts happened since `since` already.
    /// Kept in the database so that the limit holds across instances.
    fn allow_attempt(&self, bucket: &str, since: i64, now: i64, max: i64) -> impl Future<Output = StoreResult<bool>> + Send;
}
