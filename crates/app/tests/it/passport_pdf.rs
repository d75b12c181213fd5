//! The passport's PDF through the real router, on both engines: produced, readable by
//! `pdftotext` (holder, business, modules, dates, territory, id), tagged, fonts embedded, and
//! its QR code decoded by `zbarimg` to the verification URL.

use crate::helpers::TestApp;
use crate::learning_fixtures::passport_for;
use crate::passport_fixtures::{get_bytes, holder_link};
use axum::http::StatusCode;
use std::process::Command;

crate::both_engines!(the_pdf_is_produced_readable_and_its_qr_code_leads_to_the_verification);

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn the_pdf_is_produced_readable_and_its_qr_code_leads_to_the_verification(app: TestApp) {
    let passport = passport_for(&app, 1).await;
    let started = std::time::Instant::now();
    let (status, content_type, pdf) = get_bytes(&app, &format!("{}/passeport.pdf", holder_link(&passport))).await;
    eprintln!("passport PDF: {} bytes in {:?} (debug build)", pdf.len(), started.elapsed());
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(contains(&pdf, b"/StructTreeRoot"), "tagged PDF");
    assert!(contains(&pdf, b"/FontFile"), "fonts embedded");

    let dir = std::env::temp_dir().join(format!("tremplin-passport-{}", passport.public_id));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("passeport.pdf");
    std::fs::write(&file, &pdf).expect("written");

    let text = Command::new("pdftotext").arg("-layout").arg(&file).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(text.status.success(), "{}", String::from_utf8_lossy(&text.stderr));
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in ["Passeport pour l'économie numérique", "Personne 1", "Boutique 1", "Angers", passport.public_id.as_str()] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    for module in &passport.modules {
        assert!(text.contains(&module.title), "{} in {text}", module.title);
    }
    assert!(text.contains(&crate::passport_fixtures::paris_day(passport.issued_at)), "{text}");

    let image = dir.join("page");
    let rendered = Command::new("pdftoppm").args(["-r", "150", "-png", "-singlefile"]).arg(&file).arg(&image).status().expect("pdftoppm");
    assert!(rendered.success());
    let decoded =
        Command::new("zbarimg").args(["--quiet", "--raw"]).arg(image.with_extension("png")).output().expect("zbarimg (zbar-tools)");
    assert!(decoded.status.success(), "{}", String::from_utf8_lossy(&decoded.stderr));
    let url = String::from_utf8_lossy(&decoded.stdout).trim().to_owned();
    assert_eq!(url, format!("http://localhost/passeport/verifier/{}", passport.public_id));
    let _ = std::fs::remove_dir_all(&dir);
}
