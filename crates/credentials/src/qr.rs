//! QR codes as SVG (for the PDF and the holder's page).

use qrcode::QrCode;
use qrcode::render::svg;

/// An SVG QR code of `text` (a URL), with a quiet zone; `None` if too long to encode.
pub fn svg(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    Some(code.render::<svg::Color<'_>>().min_dimensions(240, 240).quiet_zone(true).build())
}
