//! Holders, completions and passports for the learning tests.

use crate::event_fixtures::angers;
use crate::helpers::TestApp;
use tremplin_domain::coaching::Booker;
use tremplin_domain::learning::catalogue::HISTORICAL_MODULES;
use tremplin_domain::learning::{CompletionOutcome, CompletionSource, Evidence, HolderRef, LearningRepo, NewCompletion, Passport};
use tremplin_kernel::{Clock, Email, Locale};

/// Person number `n`, with an e-mail and a business.
pub fn person(n: usize) -> Booker {
    Booker {
        name: format!("Personne {n}"),
        email: Some(Email::parse(&format!("personne{n}@example.fr")).expect("e-mail")),
        phone: None,
        business: format!("Boutique {n}"),
        locale: Locale::Fr,
    }
}

/// Person `n` as a holder in Angers.
pub async fn holder(app: &TestApp, n: usize) -> HolderRef {
    HolderRef::Person { territory_id: angers(app).await, person: person(n) }
}

/// A completion of `slug` from `source`, proved by `source_ref`, at the test clock.
pub fn completion(app: &TestApp, slug: &str, source: CompletionSource, source_ref: &str) -> NewCompletion {
    NewCompletion {
        module_slug: slug.into(),
        source,
        evidence: Evidence { source_ref: source_ref.into(), narrative: format!("Preuve {source_ref}"), facts: Default::default() },
        completed_at: app.clock.now_ts(),
    }
}

/// Records completions for a holder through the store.
pub async fn complete(app: &TestApp, holder: &HolderRef, completions: &[NewCompletion]) -> CompletionOutcome {
    app.db.record_completions(holder, completions, app.clock.now_ts()).await.expect("completions recorded")
}

/// Person `n` in Angers completes the default path (the three historical modules, by quiz)
/// and gets a passport.
pub async fn passport_for(app: &TestApp, n: usize) -> Passport {
    let holder = holder(app, n).await;
    let completions: Vec<NewCompletion> =
        HISTORICAL_MODULES.iter().map(|slug| completion(app, slug, CompletionSource::Quiz, "quiz")).collect();
    complete(app, &holder, &completions).await.issued.expect("passport issued")
}

/// Runs one SQL statement (test set-up only) on either engine.
pub async fn exec(app: &TestApp, sql: &str) {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match &app.db {
        tremplin_store::Db::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()).expect("statement"),
        tremplin_store::Db::Pg(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()).expect("statement"),
    }
}
