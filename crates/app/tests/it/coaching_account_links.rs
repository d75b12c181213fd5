//! The account page leads coaches and managers to their coaching pages, and nobody else.

use crate::coach_fixtures::coach;
use crate::events_staff::account;
use crate::helpers::TestApp;
use tremplin_kernel::Role;

crate::both_engines!(the_account_page_links_coaches_and_managers_to_their_pages);

async fn the_account_page_links_coaches_and_managers_to_their_pages(mut app: TestApp) {
    coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let page = app.get("/compte").await.body;
    assert!(page.contains(r#"href="/espace-coach""#) && page.contains(r#"href="/espace-coach/beneficiaires""#), "{page}");
    assert!(!page.contains("/coachs/activite"), "a coach is no manager");
    let title = page.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or_default().to_owned();
    assert!(!title.contains('<'), "the title holds text only: {title}");

    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    let page = app.get("/compte").await.body;
    assert!(
        page.contains(r#"href="/territoires/angers/coachs/activite""#) && page.contains(r#"href="/territoires/angers/accompagnements""#)
    );
    assert!(!page.contains(r#"href="/espace-coach""#));

    account(&mut app, "membre@example.fr", Some(Role::Member)).await;
    let page = app.get("/compte").await.body;
    assert!(!page.contains("/espace-coach") && !page.contains("/coachs/activite"));
}
