//! Measures signing, verifying and laying out the PDF of a passport (the README's figures):
//! `cargo run --release -p tremplin-credentials --example timings`.

use std::time::Instant;
use tremplin_credentials::badge::{BadgeInput, BadgeModule, EvidenceInput, credential};
use tremplin_credentials::pdf::{PdfInput, PdfModule, render};
use tremplin_credentials::{Jwk, KeyMaterial, sign, verify};

fn main() {
    let key = KeyMaterial::from_seed([5; 32]);
    let modules: Vec<BadgeModule> = ["Créer son site", "Augmenter son trafic", "Améliorer ses performances"]
        .iter()
        .enumerate()
        .map(|(n, title)| BadgeModule {
            slug: format!("module-{n}"),
            title: (*title).into(),
            completed_at: 1_773_316_800 + n as i64 * 86_400,
            evidence: vec![EvidenceInput {
                source: "workshop".into(),
                narrative: format!("Atelier « {title} »"),
                completed_at: 1_773_316_800,
            }],
        })
        .collect();
    let input = BadgeInput {
        base_url: "https://tremplin.example".into(),
        public_id: "abcdefghijkl".into(),
        territory_slug: "angers".into(),
        territory_name: "Angers".into(),
        modules,
        recipient_email: Some("anne@example.org".into()),
        salt: "0123456789ab".into(),
        issued_at: 1_773_316_800,
    };
    let jwk = Jwk::ed25519(&key.kid, &key.public_key);
    let rounds = 1000;
    let started = Instant::now();
    let mut token = String::new();
    for _ in 0..rounds {
        token = sign(&credential(&input), &key.kid, &key.private_key, input.issued_at).expect("signed");
    }
    let sign_us = started.elapsed().as_micros() as f64 / rounds as f64;
    let started = Instant::now();
    for _ in 0..rounds {
        verify(&token, &jwk).expect("valid");
    }
    let verify_us = started.elapsed().as_micros() as f64 / rounds as f64;
    let pdf_input = PdfInput {
        title: "Passeport pour l'économie numérique".into(),
        holder: "Anne Martin".into(),
        business: "Boulangerie de la Doutre".into(),
        territory: "Angers".into(),
        issued_line: "Délivré le 12/03/2026".into(),
        territory_line: "Par le territoire : Angers".into(),
        id_line: "Passeport n° abcdefghijkl".into(),
        modules_heading: "Modules".into(),
        col_module: "Module".into(),
        col_date: "Terminé le".into(),
        modules: (0..3)
            .map(|n| PdfModule { title: format!("Module {n}"), evidence: "Atelier".into(), date: "12/03/2026".into() })
            .collect(),
        verify_url: "https://tremplin.example/passeport/verifier/abcdefghijkl".into(),
        qr_alt: "QR code".into(),
        footer: "Vérifiable".into(),
    };
    let started = Instant::now();
    let first = render(&pdf_input).expect("pdf");
    let first_ms = started.elapsed().as_secs_f64() * 1000.0;
    let pdf_rounds = 20;
    let started = Instant::now();
    for _ in 0..pdf_rounds {
        render(&pdf_input).expect("pdf");
    }
    let pdf_ms = started.elapsed().as_secs_f64() * 1000.0 / pdf_rounds as f64;
    println!("credential: {} bytes; sign (document + VC-JWT) {sign_us:.0} µs; verify {verify_us:.0} µs", token.len());
    println!("PDF: {} bytes; first (fonts loaded) {first_ms:.0} ms; then {pdf_ms:.1} ms each", first.len());
}
