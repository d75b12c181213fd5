//! The passport as a PDF, laid out by Typst: tagged (accessible) PDF with the fonts embedded
//! from the binary, no file or network access. The engine (template parsed, fonts loaded) is
//! built once per process: it holds nothing about a passport, so it cannot go stale.

use crate::CredentialError;
use serde::Serialize;
use std::sync::OnceLock;
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::typst_kit_options::TypstKitFontOptions;
use typst_as_lib::{TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;

const TEMPLATE: &str = include_str!("passport.typ");

/// One line of the modules table.
#[derive(Debug, Clone, Serialize)]
pub struct PdfModule {
    /// Title.
    pub title: String,
    /// Evidence, one line (may be empty).
    pub evidence: String,
    /// Completion date as shown.
    pub date: String,
}

/// Everything printed, already translated and formatted by the caller.
#[derive(Debug, Clone, Serialize)]
pub struct PdfInput {
    /// Title of the document.
    pub title: String,
    /// Holder's name.
    pub holder: String,
    /// Business (may be empty).
    pub business: String,
    /// Issuing territory (document author).
    pub territory: String,
    /// "Issued on …".
    pub issued_line: String,
    /// "Issued by the territory …".
    pub territory_line: String,
    /// "Passport n° …".
    pub id_line: String,
    /// Heading of the modules.
    pub modules_heading: String,
    /// Column titles.
    pub col_module: String,
    /// Column titles.
    pub col_date: String,
    /// Modules.
    pub modules: Vec<PdfModule>,
    /// Verification URL (printed and in the QR code).
    pub verify_url: String,
    /// Alternative text of the QR code.
    pub qr_alt: String,
    /// Small print at the bottom.
    pub footer: String,
}

#[derive(Serialize)]
struct TemplateData<'a> {
    #[serde(flatten)]
    input: &'a PdfInput,
    qr: String,
}

fn engine() -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| {
        TypstEngine::builder()
            .main_file(TEMPLATE)
            .search_fonts_with(TypstKitFontOptions::default().include_system_fonts(false).include_embedded_fonts(true))
            .build()
    })
}

/// The PDF of a passport.
pub fn render(input: &PdfInput) -> Result<Vec<u8>, CredentialError> {
    let qr = crate::qr::svg(&input.verify_url).ok_or_else(|| CredentialError::Pdf("verification URL too long for a QR code".into()))?;
    let data = serde_json::to_string(&TemplateData { input, qr }).map_err(|e| CredentialError::Pdf(e.to_string()))?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), data.as_str().into_value());
    let document: PagedDocument = engine().compile_with_input(inputs).output.map_err(|e| CredentialError::Pdf(format!("{e:?}")))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|e| CredentialError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passport_pdf_is_produced() {
        let input = PdfInput {
            title: "Passeport numérique".into(),
            holder: "Anne Martin".into(),
            business: "Boulangerie".into(),
            territory: "Angers".into(),
            issued_line: "Délivré le 12 mars 2026".into(),
            territory_line: "par Angers".into(),
            id_line: "N° abc".into(),
            modules_heading: "Modules".into(),
            col_module: "Module".into(),
            col_date: "Terminé le".into(),
            modules: vec![PdfModule { title: "Créer son site".into(), evidence: "Quiz".into(), date: "12 mars 2026".into() }],
            verify_url: "https://tremplin.example/passeport/verifier/abc".into(),
            qr_alt: "QR".into(),
            footer: "Vérifiable".into(),
        };
        let started = std::time::Instant::now();
        let pdf = render(&input).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        eprintln!("pdf: {} bytes in {:?}", pdf.len(), started.elapsed());
    }
}
