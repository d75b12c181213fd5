//! `tremplin backup`: an online copy of the SQLite database taken while a server registers
//! people, restored by starting a server on it (the restore procedure of docs/DEPLOYMENT.md);
//! PostgreSQL is refused with a pointer to pg_dump.

use crate::event_fixtures::session;
use crate::helpers::TestApp;
use crate::processes::{Http, ServerProcess};
use std::collections::HashSet;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tremplin_store::Engine;

mod sqlite_only {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_backup_taken_while_registrations_are_written_restores_them_all() {
        super::a_backup_taken_while_registrations_are_written_restores_them_all(
            crate::helpers::TestApp::new(tremplin_store::Engine::Sqlite).await,
        )
        .await
    }
}

fn backup(database_url: &str, output: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tremplin"))
        .args(["backup", "--output", &output.to_string_lossy()])
        .env("TREMPLIN_DATABASE_URL", database_url)
        .env("TREMPLIN_CONFIG", "/nonexistent/tremplin.toml")
        .env("TREMPLIN_LOG", "warn")
        .output()
        .expect("run tremplin backup")
}

async fn a_backup_taken_while_registrations_are_written_restores_them_all(app: TestApp) {
    assert_eq!(app.db.engine(), Engine::Sqlite);
    session(&app, "atelier-sauvegarde", 1000, 7).await;
    let server = ServerProcess::start(&app.database_url, &[]).await;
    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::default();
    let (next, stop) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicBool::new(false)));
    let mut writers = Vec::new();
    for _ in 0..4 {
        let (acknowledged, next, stop, url) =
            (acknowledged.clone(), next.clone(), stop.clone(), server.url("/api/v1/events/atelier-sauvegarde/registrations"));
        writers.push(tokio::spawn(async move {
            let mut http = Http::new();
            while !stop.load(Ordering::SeqCst) {
                let n = next.fetch_add(1, Ordering::SeqCst);
                let body =
                    serde_json::json!({"name": format!("Personne {n}"), "email": format!("personne{n}@example.fr"), "consent": true});
                let reply = http.post_json(&url, &body).await.expect("the server answers");
                assert_eq!(reply.status, 201, "{}", reply.body);
                let public_id = reply.json()["registration"]["public_id"].as_str().expect("public id").to_owned();
                acknowledged.lock().expect("lock").push(public_id);
            }
        }));
    }
    while acknowledged.lock().expect("lock").len() < 40 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    // The backup runs while the writers go on.
    let before: Vec<String> = acknowledged.lock().expect("lock").clone();
    let folder = std::env::temp_dir().join(format!("tremplin-backup-{}-{:08x}", std::process::id(), rand::random::<u32>()));
    std::fs::create_dir_all(&folder).expect("folder");
    let copy = folder.join("tremplin-copy.db");
    std::fs::write(&copy, b"the previous backup").expect("an older backup to replace");
    let started = Instant::now();
    let output = backup(&app.database_url, &copy);
    let took = started.elapsed();
    let during = acknowledged.lock().expect("lock").len() - before.len();
    stop.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.await.expect("writer");
    }
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(said.contains("backup written") && said.contains("integrity_check ok"), "{said}");
    let leftovers: Vec<_> = std::fs::read_dir(&folder).expect("folder").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("tremplin-copy.db")], "no temporary file left beside the backup");
    drop(server);

    // Restore: a server started on the copy opens it and serves the registrations.
    let restored_url = format!("sqlite://{}", copy.display());
    tremplin_store::backup::sqlite_integrity_check(&copy).await.expect("PRAGMA integrity_check of the copy");
    let restored = ServerProcess::start(&restored_url, &[]).await;
    let mut http = Http::new();
    let page = http.get(&restored.url("/api/v1/events/atelier-sauvegarde")).await.expect("event");
    assert_eq!(page.status, 200, "{}", page.body);
    drop(restored);
    let db = tremplin_store::Db::connect(&restored_url).await.expect("the copy opens");
    let tremplin_store::Db::Sqlite(pool) = &db else { unreachable!() };
    let in_copy: HashSet<String> =
        sqlx::query_scalar("SELECT public_id FROM registrations").fetch_all(pool).await.expect("rows").into_iter().collect();
    for public_id in &before {
        assert!(in_copy.contains(public_id), "acknowledged before the backup began, missing from it: {public_id}");
    }
    let seats: i64 =
        sqlx::query_scalar("SELECT confirmed FROM events WHERE slug = 'atelier-sauvegarde'").fetch_one(pool).await.expect("seats");
    assert_eq!(seats, in_copy.len() as i64, "the copy is one consistent instant: seat count = rows");
    db.close().await;
    let bytes = std::fs::metadata(&copy).map(|m| m.len()).unwrap_or_default();
    eprintln!(
        "figure: backup under write load: {took:?}, {bytes} bytes, {} rows in the copy ({} acknowledged before it began, {during} during it)",
        in_copy.len(),
        before.len()
    );
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn backup_refuses_postgresql_and_points_to_pg_dump() {
    let output = backup("postgres://tremplin@127.0.0.1:1/tremplin", std::path::Path::new("/tmp/never-written.db"));
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("pg_dump") && said.contains("SQLite"), "{said}");
    assert!(!std::path::Path::new("/tmp/never-written.db").exists());
}

#[test]
fn backup_refuses_a_missing_database_rather_than_copying_an_empty_one() {
    let output = backup("sqlite:///nonexistent/folder/tremplin.db", std::path::Path::new("/tmp/never-written-either.db"));
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no SQLite database"), "{}", String::from_utf8_lossy(&output.stderr));
}
