//! The registration benchmark, small: two server instances on real TCP ports on one database,
//! many clients at once; the run itself fails unless every session holds exactly
//! min(demand, capacity) confirmed and every acknowledged registration is in the database.

use crate::helpers::{BASE_URL, TestApp};
use tremplin::bench::registrations::{Options, run};
use tremplin::settings::Settings;

async fn registration_burst_over_two_instances(app: TestApp) {
    let settings = Settings { base_url: BASE_URL.into(), database_url: app.database_url.clone(), ..Settings::default() };
    let options = Options { requests: 600, sessions: 8, seats: 120, concurrency: 48, instances: 2 };
    let report = run(&settings, app.db.clone(), options).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(report.contains("overbooked sessions: 0"), "{report}");
    assert!(report.contains("differ from min(demand, capacity): 0;"), "{report}");
    assert_eq!(app.count("registrations").await, 600);
}

crate::both_engines!(registration_burst_over_two_instances);
