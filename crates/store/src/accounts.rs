//! Accounts, single-use tokens, role grants and attempt counters.

use crate::db::{Db, Result};
use crate::outbox::enqueue;
use sea_query::{Expr, ExprTrait, Func, OnConflict, Order, Query, SelectStatement};
use tremplin_domain::StoreError;
use tremplin_domain::accounts::{AccountRepo, EmailTaken, Grant, NewUser, TeamMember, TokenPurpose, TokenState, User};
use tremplin_domain::notifications::MailRequest;
use tremplin_kernel::{Email, Locale, Role};

#[derive(sqlx::FromRow)]
struct UserRecord {
    id: i64,
    email: String,
    display_name: String,
    password_hash: Option<String>,
    locale: String,
    is_platform_admin: bool,
    created_at: i64,
}

impl TryFrom<UserRecord> for User {
    type Error = StoreError;
    fn try_from(r: UserRecord) -> Result<Self> {
        Ok(User {
            id: r.id,
            email: Email::parse(&r.email).map_err(|e| StoreError(format!("stored e-mail of user {}: {e}", r.id)))?,
            display_name: r.display_name,
            password_hash: r.password_hash,
            locale: Locale::parse(&r.locale).unwrap_or_default(),
            is_platform_admin: r.is_platform_admin,
            created_at: r.created_at,
        })
    }
}

fn user_select() -> SelectStatement {
    Query::select()
        .columns(["id", "email", "display_name", "password_hash", "locale", "is_platform_admin", "created_at"])
        .from("users")
        .to_owned()
}

#[derive(sqlx::FromRow)]
struct TokenRecord {
    purpose: String,
    expires_at: i64,
    used_at: Option<i64>,
    user_id: i64,
}

fn classify(token: Option<TokenRecord>, purpose: TokenPurpose, now: i64) -> TokenState {
    match token {
        Some(t) if t.purpose == purpose.as_str() && t.used_at.is_none() => {
            if t.expires_at > now {
                TokenState::Consumed(t.user_id)
            } else {
                TokenState::Expired
            }
        }
        _ => TokenState::Invalid,
    }
}

impl Db {
    async fn token(&self, token_hash: &str) -> Result<Option<TokenRecord>> {
        self.fetch_optional(
            Query::select()
                .columns(["purpose", "expires_at", "used_at", "user_id"])
                .from("auth_tokens")
                .and_where(Expr::col("token_hash").eq(token_hash)),
        )
        .await
    }
}

impl AccountRepo for Db {
    async fn user_by_email(&self, email: &Email) -> Result<Option<User>> {
        let row: Option<UserRecord> = self.fetch_optional(user_select().and_where(Expr::col("email").eq(email.as_str()))).await?;
        row.map(User::try_from).transpose()
    }

    async fn user_by_id(&self, id: i64) -> Result<Option<User>> {
        let row: Option<UserRecord> = self.fetch_optional(user_select().and_where(Expr::col("id").eq(id))).await?;
        row.map(User::try_from).transpose()
    }

    async fn create_user(&self, user: &NewUser, welcome: Option<&MailRequest>) -> Result<std::result::Result<User, EmailTaken>> {
        let mut tx = self.begin().await?;
        let inserted: Option<(i64,)> = tx
            .fetch_optional(
                Query::insert()
                    .into_table("users")
                    .columns(["email", "display_name", "password_hash", "locale", "is_platform_admin", "created_at"])
                    .values_panic([
                        user.email.as_str().into(),
                        user.display_name.as_str().into(),
                        user.password_hash.clone().into(),
                        user.locale.tag().into(),
                        user.is_platform_admin.into(),
                        user.created_at.into(),
                    ])
                    .on_conflict(OnConflict::column("email").do_nothing().to_owned())
                    .returning_col("id"),
            )
            .await?;
        let Some((id,)) = inserted else {
            return Ok(Err(EmailTaken));
        };
        if let Some(mail) = welcome {
            enqueue(&mut tx, mail, user.created_at).await?;
        }
        tx.commit().await?;
        Ok(Ok(User {
            id,
            email: user.email.clone(),
            display_name: user.display_name.clone(),
            password_hash: user.password_hash.clone(),
            locale: user.locale,
            is_platform_admin: user.is_platform_admin,
            created_at: user.created_at,
        }))
    }

    async fn set_password(&self, user_id: i64, hash: &str) -> Result<()> {
        self.execute(Query::update().table("users").value("password_hash", hash).and_where(Expr::col("id").eq(user_id))).await.map(|_| ())
    }

    async fn issue_token(&self, user_id: i64, purpose: TokenPurpose, token_hash: &str, now: i64, mail: &MailRequest) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.execute(
            Query::insert()
                .into_table("auth_tokens")
                .columns(["token_hash", "user_id", "purpose", "created_at", "expires_at"])
                .values_panic([
                    token_hash.into(),
                    user_id.into(),
                    purpose.as_str().into(),
                    now.into(),
                    (now + purpose.lifetime_secs()).into(),
                ]),
        )
        .await?;
        enqueue(&mut tx, mail, now).await?;
        tx.commit().await
    }

    async fn consume_token(&self, token_hash: &str, purpose: TokenPurpose, now: i64) -> Result<TokenState> {
        // One conditional UPDATE: of two concurrent uses, only one changes the row.
        let used: Option<(i64,)> = self
            .fetch_optional(
                Query::update()
                    .table("auth_tokens")
                    .value("used_at", now)
                    .and_where(Expr::col("token_hash").eq(token_hash))
                    .and_where(Expr::col("purpose").eq(purpose.as_str()))
                    .and_where(Expr::col("used_at").is_null())
                    .and_where(Expr::col("expires_at").gt(now))
                    .returning_col("user_id"),
            )
            .await?;
        if let Some((user_id,)) = used {
            return Ok(TokenState::Consumed(user_id));
        }
        Ok(match classify(self.token(token_hash).await?, purpose, now) {
            TokenState::Expired => TokenState::Expired,
            _ => TokenState::Invalid,
        })
    }

    async fn peek_token(&self, token_hash: &str, purpose: TokenPurpose, now: i64) -> Result<TokenState> {
        Ok(classify(self.token(token_hash).await?, purpose, now))
    }

    async fn grants_of(&self, user_id: i64) -> Result<Vec<Grant>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            territory_id: i64,
            slug: String,
            name: String,
            role: String,
        }
        let rows: Vec<Row> = self
            .fetch_all(
                Query::select()
                    .column(("role_grants", "territory_id"))
                    .column(("role_grants", "role"))
                    .columns([("territories", "slug"), ("territories", "name")])
                    .from("role_grants")
                    .inner_join("territories", Expr::col(("territories", "id")).equals(("role_grants", "territory_id")))
                    .and_where(Expr::col(("role_grants", "user_id")).eq(user_id))
                    .order_by(("territories", "id"), Order::Asc),
            )
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Role::parse(&r.role).map(|role| Grant {
                    territory_id: r.territory_id,
                    territory_slug: r.slug,
                    territory_name: r.name,
                    role,
                })
            })
            .collect())
    }

    async fn grant_role(&self, user_id: i64, territory_id: i64, role: Role, granted_by: Option<i64>, now: i64) -> Result<()> {
        self.execute(
            Query::insert()
                .into_table("role_grants")
                .columns(["user_id", "territory_id", "role", "granted_by", "created_at"])
                .values_panic([user_id.into(), territory_id.into(), role.as_str().into(), granted_by.into(), now.into()])
                .on_conflict(OnConflict::columns(["user_id", "territory_id", "role"]).do_nothing().to_owned()),
        )
        .await
        .map(|_| ())
    }

    async fn revoke_role(&self, user_id: i64, territory_id: i64, role: Role) -> Result<()> {
        self.execute(
            Query::delete()
                .from_table("role_grants")
                .and_where(Expr::col("user_id").eq(user_id))
                .and_where(Expr::col("territory_id").eq(territory_id))
                .and_where(Expr::col("role").eq(role.as_str())),
        )
        .await
        .map(|_| ())
    }

    async fn team_of(&self, territory_id: i64) -> Result<Vec<TeamMember>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            email: String,
            display_name: String,
            role: String,
        }
        let rows: Vec<Row> = self
            .fetch_all(
                Query::select()
                    .columns([("users", "id"), ("users", "email"), ("users", "display_name")])
                    .column(("role_grants", "role"))
                    .from("role_grants")
                    .inner_join("users", Expr::col(("users", "id")).equals(("role_grants", "user_id")))
                    .and_where(Expr::col(("role_grants", "territory_id")).eq(territory_id))
                    .order_by(("users", "email"), Order::Asc)
                    .order_by(("role_grants", "role"), Order::Asc),
            )
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Role::parse(&r.role).map(|role| TeamMember { user_id: r.id, email: r.email, display_name: r.display_name, role })
            })
            .collect())
    }

    async fn allow_attempt(&self, bucket: &str, since: i64, now: i64, max: i64) -> Result<bool> {
        let mut tx = self.begin().await?;
        tx.execute(
            Query::delete().from_table("rate_events").and_where(Expr::col("bucket").eq(bucket)).and_where(Expr::col("at").lte(since)),
        )
        .await?;
        let (count,): (i64,) = tx
            .fetch_one(
                Query::select()
                    .expr(Func::count(Expr::col("id")))
                    .from("rate_events")
                    .and_where(Expr::col("bucket").eq(bucket))
                    .and_where(Expr::col("at").gt(since)),
            )
            .await?;
        if count >= max {
            return Ok(false);
        }
        tx.execute(Query::insert().into_table("rate_events").columns(["bucket", "at"]).values_panic([bucket.into(), now.into()])).await?;
        tx.commit().await?;
        Ok(true)
    }
}
