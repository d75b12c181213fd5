//! The binary's commands and its settings checks.

use std::process::Command;

fn tremplin(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tremplin"))
        .args(args)
        .env("TREMPLIN_DATABASE_URL", database_url)
        .env("TREMPLIN_CONFIG", "/nonexistent/tremplin.toml")
        .env("TREMPLIN_LOG", "warn")
        .output()
        .expect("run tremplin")
}

#[test]
fn admin_create_user_grants_a_role() {
    let dir = std::env::temp_dir().join(format!("tremplin-cli-{}", std::process::id()));
    let url = format!("sqlite://{}/t.db", dir.display());
    let demo = tremplin(&url, &["demo", "--no-serve"]);
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    assert!(String::from_utf8_lossy(&demo.stdout).contains("membre@demo.tremplin.example"));
    let created = tremplin(
        &url,
        &[
            "admin",
            "create-user",
            "--email",
            "Nouvelle@Exemple.fr",
            "--role",
            "coach",
            "--territory",
            "angers",
            "--password",
            "une phrase de passe solide",
        ],
    );
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    assert!(String::from_utf8_lossy(&created.stdout).contains("nouvelle@exemple.fr: coach — Angers"));
    let bad_role = tremplin(&url, &["admin", "create-user", "--email", "x@exemple.fr", "--role", "roi", "--territory", "angers"]);
    assert!(!bad_role.status.success());
    assert!(String::from_utf8_lossy(&bad_role.stderr).contains("--role"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_wrong_setting_stops_start_up_naming_the_key() {
    let output = Command::new(env!("CARGO_BIN_EXE_tremplin"))
        .arg("migrate")
        .env("TREMPLIN_BIND", "nowhere")
        .env("TREMPLIN_CONFIG", "/nonexistent/tremplin.toml")
        .output()
        .expect("run");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("`bind`"), "{}", String::from_utf8_lossy(&output.stderr));
    let output = Command::new(env!("CARGO_BIN_EXE_tremplin"))
        .arg("migrate")
        .env("TREMPLIN_SMTP_PORT", "lots")
        .env("TREMPLIN_CONFIG", "/nonexistent/tremplin.toml")
        .output()
        .expect("run");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).to_lowercase().contains("smtp_port"), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["demo", "--help"],
        &["migrate", "--help"],
        &["worker", "--help"],
        &["backup", "--help"],
        &["admin", "create-user", "--help"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_tremplin")).args(args).output().expect("run");
        assert!(output.status.success(), "{args:?}");
        assert!(!output.stdout.is_empty());
    }
}

#[test]
fn import_command_reports_by_line() {
    let dir = std::env::temp_dir().join(format!("tremplin-cli-import-{}", std::process::id()));
    let url = format!("sqlite://{}/t.db", dir.display());
    let file = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../interchange/tests/fixtures/mediation-lieux.csv");
    let file = file.to_string_lossy();
    let dry = tremplin(&url, &["import", "mediation", &file, "--dry-run"]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    let out = String::from_utf8_lossy(&dry.stdout).into_owned();
    assert!(out.starts_with("dry run: ") && out.contains("rejected line "), "{out}");
    let real = tremplin(&url, &["import", "mediation", &file]);
    let out = String::from_utf8_lossy(&real.stdout).into_owned();
    assert!(real.status.success() && out.starts_with("created "), "{out}");
    let exported = tremplin(&url, &["export", "geojson"]);
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    let json: serde_json::Value = serde_json::from_slice(&exported.stdout).expect("GeoJSON on standard output");
    assert_eq!(json["type"], "FeatureCollection");
    assert!(!json["features"].as_array().expect("features").is_empty());
    let wrong = tremplin(&url, &["export", "xls"]);
    assert!(!wrong.status.success() && String::from_utf8_lossy(&wrong.stderr).contains("geojson"));
    let sirene = tremplin(&url, &["import", "sirene", &file]);
    assert!(!sirene.status.success());
    assert!(String::from_utf8_lossy(&sirene.stderr).contains("--territory"));
    let _ = std::fs::remove_dir_all(dir);
}
