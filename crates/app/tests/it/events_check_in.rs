//! Check-in at the door through the real router: by hand, by the QR code's link (and the
//! camera scan's JSON answer), walk-ins while seats remain, simultaneous check-ins and
//! walk-ins, and the attendance list (CSV and sign-in sheet).

use crate::event_fixtures::{person, session};
use crate::events_staff::{account, as_user, registered, stored, trained_session};
use crate::helpers::TestApp;
use axum::http::{Method, StatusCode};
use tremplin_domain::events::commands::{register, registration_for_link};
use tremplin_domain::events::tokens::{Purpose, check_in_path, manage_path, token_for};
use tremplin_domain::events::{EventError, EventRepo, RegistrationRepo, RegistrationStatus};
use tremplin_kernel::{Locale, Role};

async fn check_in_by_hand_and_by_the_qr_link(mut app: TestApp) {
    account(&mut app, "autre@exemple.fr", Some(Role::Trainer)).await;
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "atelier-qr", 3, 1, &[trainer]).await;
    let lea = registered(&app, &event, 1).await;
    let tom = registered(&app, &event, 2).await;

    // By hand, and undone.
    let page = app.get("/ateliers/atelier-qr/gestion").await;
    assert!(page.body.contains("Présent : Personne 1"));
    assert_eq!(page.headers["cache-control"], "private, no-store", "registrants' details are never cached");
    let marked = app.post_form(&format!("/ateliers/atelier-qr/presence/{}", lea.public_id), &[("present", "1")]).await;
    marked.assert_status(StatusCode::SEE_OTHER);
    assert!(stored(&app, &lea.public_id).await.checked_in_at.is_some());
    let page = app.get("/ateliers/atelier-qr/gestion").await;
    assert!(page.body.contains("Annuler la présence : Personne 1"));
    assert!(page.body.contains("id=\"count-present\">1<"));
    app.post_form(&format!("/ateliers/atelier-qr/presence/{}", lea.public_id), &[("present", "0")]).await;
    assert!(stored(&app, &lea.public_id).await.checked_in_at.is_none());

    // By the QR code's link: the session's trainer sees the person and marks them present.
    let link = check_in_path(&tom.public_id, &tom.secret);
    let shown = app.get(&link).await;
    shown.assert_status(StatusCode::OK);
    assert!(shown.body.contains("Personne 2") && shown.body.contains("Marquer présent"));
    app.post_form(&link, &[]).await.assert_status(StatusCode::SEE_OTHER);
    assert!(stored(&app, &tom.public_id).await.checked_in_at.is_some());
    assert!(app.get(&link).await.body.contains("déjà marquée présente"));
    let csrf = app.csrf().expect("token");
    let again = app
        .request(
            Method::POST,
            &link,
            Some(("application/x-www-form-urlencoded", format!("_csrf={csrf}").into_bytes())),
            &[("accept", "application/json")],
        )
        .await;
    again.assert_status(StatusCode::OK);
    assert_eq!(again.json()["status"], "already");

    // The camera scan names its session: a code of another session is not checked in there.
    let lea_link = check_in_path(&lea.public_id, &lea.secret);
    let elsewhere = app
        .request(
            Method::POST,
            &lea_link,
            Some(("application/x-www-form-urlencoded", format!("_csrf={csrf}&event=atelier-autre").into_bytes())),
            &[("accept", "application/json")],
        )
        .await;
    elsewhere.assert_status(StatusCode::CONFLICT);
    assert_eq!(elsewhere.json()["status"], "other_session");
    assert!(stored(&app, &lea.public_id).await.checked_in_at.is_none());
    let scanned = app
        .request(
            Method::POST,
            &lea_link,
            Some(("application/x-www-form-urlencoded", format!("_csrf={csrf}&event=atelier-qr").into_bytes())),
            &[("accept", "application/json")],
        )
        .await;
    assert_eq!((scanned.json()["status"].as_str(), scanned.json()["name"].as_str()), (Some("marked"), Some("Personne 1")));
    assert!(stored(&app, &lea.public_id).await.checked_in_at.is_some());

    // Another trainer of the territory: refused, no details.
    as_user(&mut app, "autre@exemple.fr").await;
    let other = app.get(&link).await;
    other.assert_status(StatusCode::FORBIDDEN);
    assert!(!other.body.contains("Personne 2"));
    app.post_form(&link, &[]).await.assert_status(StatusCode::FORBIDDEN);
    app.get("/ateliers/atelier-qr/gestion").await.assert_status(StatusCode::FORBIDDEN);

    // The public: an explanation, never the person.
    app.new_visitor();
    let public = app.get(&link).await;
    public.assert_status(StatusCode::OK);
    assert!(public.body.contains("montrez-le à l") && !public.body.contains("Personne 2"));
    assert!(app.cookie("tremplin_session").is_none(), "showing the explanation opens no session");

    // Tokens are single-purpose and cannot be guessed.
    let manage = manage_path(&tom.public_id, &tom.secret);
    let manage_token = manage.rsplit('/').next().expect("token");
    app.get(&format!("/pointage/{}/{manage_token}", tom.public_id)).await.assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/pointage/{}/{}", tom.public_id, "A".repeat(43))).await.assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/pointage/{}/{}", lea.public_id, token_for(&tom.secret, Purpose::CheckIn)))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let check_in_token = token_for(&tom.secret, Purpose::CheckIn);
    // The check-in token does not open the registrant's own page (cancel link) either.
    app.get(&format!("/inscriptions/{}/{check_in_token}", tom.public_id)).await.assert_status(StatusCode::NOT_FOUND);
    app.get(&manage).await.assert_status(StatusCode::OK);
    assert!(matches!(
        registration_for_link(&app.db, &app.clock, &tom.public_id, &check_in_token, Purpose::Manage).await,
        Err(EventError::TokenInvalid)
    ));

    // A waitlisted person cannot be checked in.
    let full = trained_session(&app, "atelier-plein", 1, 1, &[trainer]).await;
    registered(&app, &full, 5).await;
    let waiting = registered(&app, &full, 6).await;
    as_user(&mut app, "formation@exemple.fr").await;
    app.get("/ateliers/atelier-plein/gestion").await;
    app.post_form(&format!("/ateliers/atelier-plein/presence/{}", waiting.public_id), &[("present", "1")]).await;
    assert!(stored(&app, &waiting.public_id).await.checked_in_at.is_none());
    // A registration of another session is not found through this one.
    app.post_form(&format!("/ateliers/atelier-plein/presence/{}", tom.public_id), &[("present", "1")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

async fn walk_ins_only_while_seats_remain(mut app: TestApp) {
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "atelier-porte", 2, 1, &[trainer]).await;
    registered(&app, &event, 1).await;
    app.get("/ateliers/atelier-porte/gestion").await;
    let refused = app.post_form("/ateliers/atelier-porte/sur-place", &[("walk_in_name", " "), ("walk_in_contact", "pas un contact")]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Indiquez votre nom.") && refused.body.contains("pas un contact"));

    let added = app.post_form("/ateliers/atelier-porte/sur-place", &[("walk_in_name", "Sam Dupont"), ("walk_in_contact", "")]).await;
    added.assert_status(StatusCode::SEE_OTHER);
    let list = app.db.registrations_of_event(event.id).await.expect("list");
    let sam = list.iter().find(|r| r.name == "Sam Dupont").expect("walk-in");
    assert!(sam.walk_in && sam.checked_in_at.is_some() && sam.status == RegistrationStatus::Confirmed);

    // The same person already registered is recognised, not added twice.
    let again = app
        .post_form("/ateliers/atelier-porte/sur-place", &[("walk_in_name", "Personne 1"), ("walk_in_contact", "personne1@example.fr")])
        .await;
    again.assert_status(StatusCode::SEE_OTHER);
    // Full now: refused, nothing written.
    let full = app.post_form("/ateliers/atelier-porte/sur-place", &[("walk_in_name", "Alex Martin"), ("walk_in_contact", "")]).await;
    full.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(full.body.contains("La séance est complète") && full.body.contains("Alex Martin"));
    assert_eq!(app.count("registrations").await, 2);
    let after = app.db.event_by_slug("atelier-porte").await.expect("lookup").expect("event");
    assert_eq!((after.confirmed, after.capacity), (2, 2));
}

async fn many_walk_ins_at_once_never_overbook(app: TestApp) {
    use tremplin_domain::events::attendance::{WalkInForm, WalkInOutcome, add_walk_in};
    let event = session(&app, "atelier-foule", 5, 1).await;
    let mut tasks = Vec::new();
    for n in 0..30 {
        let (db, clock, event) = (app.db.clone(), app.clock.clone(), event.clone());
        tasks.push(tokio::spawn(async move {
            let form = WalkInForm { name: format!("Passant {n}"), contact: String::new() };
            add_walk_in(&db, &clock, &event, &form, Locale::Fr).await
        }));
    }
    let mut added = 0;
    for task in tasks {
        if let WalkInOutcome::Added(_) = task.await.expect("task").expect("answered") {
            added += 1;
        }
    }
    assert_eq!(added, 5);
    let stored = app.db.event_by_slug("atelier-foule").await.expect("lookup").expect("event");
    assert_eq!(stored.confirmed, 5);
    assert_eq!(app.count("registrations").await, 5);
}

async fn attendance_list_as_csv_and_to_print(mut app: TestApp) {
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "atelier-liste", 2, 1, &[trainer]).await;
    let mut with_business = person(1);
    with_business.business = "Boulangerie \"Le Fournil\"; Angers".into();
    register(&app.db, &app.clock, std::slice::from_ref(&event), &with_business, Locale::Fr).await.expect("registered");
    let second = registered(&app, &event, 2).await;
    registered(&app, &event, 3).await;
    let fourth = registered(&app, &event, 4).await;
    app.get("/ateliers/atelier-liste/gestion").await;
    app.post_form(&format!("/ateliers/atelier-liste/presence/{}", second.public_id), &[("present", "1")]).await;
    app.post_form(&format!("/ateliers/atelier-liste/annulation/{}", fourth.public_id), &[]).await;

    let csv = app.get("/ateliers/atelier-liste/presence.csv").await;
    csv.assert_status(StatusCode::OK);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(csv.body.starts_with('\u{feff}'), "a byte-order mark for spreadsheets");
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "Nom;Entreprise;E-mail;Téléphone;Statut;Sur place;Présent à");
    let list = app.db.registrations_of_event(event.id).await.expect("list");
    assert_eq!(lines.len(), list.len() + 1, "one line per registration");
    for (line, r) in lines[1..].iter().zip(&list) {
        assert!(line.starts_with(&format!("{};", r.name)), "{line} is {}", r.name);
        assert!(line.contains(r.email.as_deref().unwrap_or_default()));
    }
    assert_eq!(lines[1], "Personne 1;\"Boulangerie \"\"Le Fournil\"\"; Angers\";personne1@example.fr;;confirmé;;");
    assert!(lines[2].starts_with("Personne 2;;personne2@example.fr;;confirmé;;20"), "present at: {}", lines[2]);
    assert!(lines[3].contains(";liste d'attente;") && lines[4].contains(";annulé;"));

    let print = app.get("/ateliers/atelier-liste/presence/imprimer").await;
    print.assert_status(StatusCode::OK);
    assert!(print.body.contains("Personne 1") && print.body.contains("Personne 2") && print.body.contains("Signature"));
    assert!(!print.body.contains("Personne 3"), "the waitlist does not sign");
}

async fn one_person_checked_in_at_two_doors_counts_once(app: TestApp) {
    use tremplin_domain::events::attendance::{CheckInOutcome, check_in};
    let event = session(&app, "atelier-deux-portes", 5, 1).await;
    let lea = registered(&app, &event, 1).await;
    let registration = stored(&app, &lea.public_id).await;
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let (db, clock, registration) = (app.db.clone(), app.clock.clone(), registration.clone());
        tasks.push(tokio::spawn(async move { check_in(&db, &clock, &registration).await }));
    }
    let mut marked = 0;
    for task in tasks {
        match task.await.expect("task").expect("answered") {
            CheckInOutcome::Marked => marked += 1,
            CheckInOutcome::AlreadyPresent => {}
            CheckInOutcome::NotConfirmed => panic!("confirmed person refused"),
        }
    }
    assert_eq!(marked, 1);
}

crate::both_engines!(
    check_in_by_hand_and_by_the_qr_link,
    walk_ins_only_while_seats_remain,
    many_walk_ins_at_once_never_overbook,
    attendance_list_as_csv_and_to_print,
    one_person_checked_in_at_two_doors_counts_once,
);
