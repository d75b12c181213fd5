//! Completions and the automatic issue of the passport, through the store the web uses, on
//! both engines: the path of the territory (its own, a parent's or the default), evidence kept
//! per source, and exactly one passport even when the last completions arrive together.

use crate::helpers::TestApp;
use crate::learning_fixtures::{complete, completion, holder, passport_for};
use tremplin_domain::learning::catalogue::HISTORICAL_MODULES;
use tremplin_domain::learning::{CompletionSource, LearningRepo};
use tremplin_kernel::Clock;
use tremplin_store::Db;

crate::both_engines!(
    the_catalogue_is_in_the_database,
    the_passport_is_issued_when_the_default_path_is_complete,
    the_same_proof_counts_once_and_each_source_keeps_its_evidence,
    two_last_completions_at_once_issue_exactly_one_passport,
    a_territory_path_or_its_parents_decides_the_passport,
);

async fn the_catalogue_is_in_the_database(app: TestApp) {
    let modules = app.db.modules().await.expect("modules");
    assert!(modules.len() >= 7, "{}", modules.len());
    for slug in HISTORICAL_MODULES {
        assert!(modules.iter().any(|m| m.slug == slug), "{slug}");
    }
    let module = app.db.module_by_slug("cybersecurite").await.expect("lookup").expect("module");
    assert!(module.id > 0);
    assert!(!module.objectives.is_empty());
}

async fn the_passport_is_issued_when_the_default_path_is_complete(app: TestApp) {
    let holder = holder(&app, 1).await;
    let first = complete(&app, &holder, &[completion(&app, HISTORICAL_MODULES[0], CompletionSource::Quiz, "quiz")]).await;
    assert_eq!(first.recorded, 1);
    assert!(first.issued.is_none(), "one module of three issues nothing");
    assert_eq!(app.count("passports").await, 0);

    let rest: Vec<_> = HISTORICAL_MODULES[1..].iter().map(|slug| completion(&app, slug, CompletionSource::Quiz, "quiz")).collect();
    let last = complete(&app, &holder, &rest).await;
    let passport = last.issued.expect("issued when the path is complete");
    assert_eq!(passport.holder_name, "Personne 1");
    assert_eq!(passport.business, "Boutique 1");
    assert_eq!(passport.modules.iter().map(|m| m.slug.as_str()).collect::<Vec<_>>(), HISTORICAL_MODULES.to_vec());
    assert!(!passport.show_name && !passport.show_modules, "nothing is public until the holder chooses");
    assert_eq!(app.db.passport_of(last.holder.id).await.expect("lookup").map(|p| p.public_id), Some(passport.public_id.clone()));

    // The holder is told, once; a further completion issues nothing more.
    let told: i64 = app.count_where("outbox", "template", "passport_issued").await;
    assert_eq!(told, 1);
    let again = complete(&app, &holder, &[completion(&app, "cybersecurite", CompletionSource::Quiz, "quiz")]).await;
    assert!(again.issued.is_none());
    assert_eq!(app.count("passports").await, 1);
    assert_eq!(app.count_where("outbox", "template", "passport_issued").await, 1);
}

async fn the_same_proof_counts_once_and_each_source_keeps_its_evidence(app: TestApp) {
    let holder = holder(&app, 2).await;
    let slug = "reseaux-sociaux";
    let outcome = complete(
        &app,
        &holder,
        &[
            completion(&app, slug, CompletionSource::Workshop, "registration:abc"),
            completion(&app, slug, CompletionSource::Coach, "accompaniment:def"),
            completion(&app, slug, CompletionSource::Workshop, "registration:abc"),
            completion(&app, "no-such-module", CompletionSource::Quiz, "quiz"),
        ],
    )
    .await;
    assert_eq!(outcome.recorded, 2, "the repeated proof and the unknown module are skipped");
    let again = complete(&app, &holder, &[completion(&app, slug, CompletionSource::Coach, "accompaniment:def")]).await;
    assert_eq!(again.recorded, 0);
    let completions = app.db.completions_of(outcome.holder.id).await.expect("completions");
    let sources: Vec<_> = completions.iter().map(|c| (c.module_slug.as_str(), c.source, c.evidence.source_ref.as_str())).collect();
    assert_eq!(sources, vec![(slug, CompletionSource::Workshop, "registration:abc"), (slug, CompletionSource::Coach, "accompaniment:def")]);
    assert_eq!(completions[1].evidence.narrative, "Preuve accompaniment:def");
}

async fn two_last_completions_at_once_issue_exactly_one_passport(app: TestApp) {
    // Several holders, each one module short of the path, whose last two modules arrive at the
    // same moment from two pools (as from two instances).
    let other = Db::connect(&app.database_url).await.expect("second instance");
    for n in 10..16 {
        let holder = holder(&app, n).await;
        complete(&app, &holder, &[completion(&app, HISTORICAL_MODULES[0], CompletionSource::Quiz, "quiz")]).await;
        let mut tasks = Vec::new();
        for (i, slug) in HISTORICAL_MODULES[1..].iter().enumerate() {
            let db = if i == 0 { app.db.clone() } else { other.clone() };
            let (holder, completion) =
                (holder.clone(), completion(&app, slug, CompletionSource::Workshop, &format!("registration:{n}-{i}")));
            let now = app.clock.now_ts();
            tasks.push(tokio::spawn(async move { db.record_completions(&holder, &[completion], now).await.expect("recorded") }));
        }
        let mut issued = 0;
        for task in tasks {
            issued += usize::from(task.await.expect("task").issued.is_some());
        }
        assert_eq!(issued, 1, "holder {n}: exactly one of the two last completions issues the passport");
    }
    assert_eq!(app.count("passports").await, 6);
    assert_eq!(app.count_where("outbox", "template", "passport_issued").await, 6);
    // A fixture others use.
    let passport = passport_for(&app, 30).await;
    assert_eq!(passport.modules.len(), 3);
}

async fn a_territory_path_or_its_parents_decides_the_passport(app: TestApp) {
    use tremplin_domain::territories::{NewTerritory, TerritoryKind, TerritoryRepo};
    let department = NewTerritory {
        slug: "maine-et-loire".into(),
        name: "Maine-et-Loire".into(),
        kind: TerritoryKind::Department,
        parent_slug: None,
        communes: vec!["49007".into(), "49099".into()],
    };
    let department = app.db.upsert_territory(&department).await.expect("department");
    let city = NewTerritory {
        slug: "angers".into(),
        name: "Angers".into(),
        kind: TerritoryKind::Commune,
        parent_slug: Some("maine-et-loire".into()),
        communes: vec!["49007".into()],
    };
    let city = app.db.upsert_territory(&city).await.expect("city");
    // Where a person of a commune is helped: the most specific territory covering it.
    assert_eq!(app.db.territory_of_commune("49007").await.expect("lookup").map(|t| t.id), Some(city.id));
    assert_eq!(app.db.territory_of_commune("49099").await.expect("lookup").map(|t| t.id), Some(department.id));
    assert!(app.db.territory_of_commune("75056").await.expect("lookup").is_none());

    // The department's path (one module) is the city's too.
    let default = app.db.passport_path(city.id).await.expect("path");
    assert_eq!((default.modules.len(), default.defined_by), (3, None));
    insert_path(&app, department.id, &["cybersecurite"]).await;
    let inherited = app.db.passport_path(city.id).await.expect("path");
    assert_eq!((inherited.modules, inherited.defined_by), (vec!["cybersecurite".to_string()], Some(department.id)));
    let outcome =
        complete(&app, &holder(&app, 40).await, &[completion(&app, "cybersecurite", CompletionSource::Coach, "accompaniment:x")]).await;
    assert_eq!(outcome.holder.territory_id, city.id);
    assert_eq!(outcome.issued.expect("issued on the inherited path").modules[0].slug, "cybersecurite");
}

/// Writes a territory's path straight into the table (the managers' page is tested with it).
async fn insert_path(app: &TestApp, territory_id: i64, modules: &[&str]) {
    let modules = serde_json::to_string(modules).expect("json");
    let sql = "INSERT INTO passport_paths (territory_id, modules, updated_at) VALUES ";
    match &app.db {
        Db::Sqlite(pool) => {
            sqlx::query(sqlx::AssertSqlSafe(format!("{sql}(?, ?, 0)"))).bind(territory_id).bind(modules).execute(pool).await.map(|_| ())
        }
        Db::Pg(pool) => {
            sqlx::query(sqlx::AssertSqlSafe(format!("{sql}($1, $2, 0)"))).bind(territory_id).bind(modules).execute(pool).await.map(|_| ())
        }
    }
    .expect("path inserted");
}
