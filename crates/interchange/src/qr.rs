//! QR codes of check-in links: SVG for pages, PNG for e-mails (mail clients do not show SVG).

use qrcode::types::Color;
use qrcode::{EcLevel, QrCode};

/// Pixels per module in the PNG.
const PNG_SCALE: usize = 8;
/// Quiet zone around the code, in modules (the standard asks for four).
const QUIET: usize = 4;

/// Why a QR code cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum QrError {
    /// The text is too long for a QR code.
    #[error("qr code: {0}")]
    Encode(String),
    /// PNG encoding failed.
    #[error("png: {0}")]
    Png(String),
}

fn code(text: &str) -> Result<QrCode, QrError> {
    // Level M: survives a phone screen's glare and a little damage on paper, small enough.
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| QrError::Encode(e.to_string()))
}

/// The QR code of `text` as an SVG document (black on white, scalable).
pub fn svg(text: &str) -> Result<String, QrError> {
    let code = code(text)?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build())
}

/// The QR code of `text` as a PNG image (8-bit greyscale, 8 pixels per module).
pub fn png(text: &str) -> Result<Vec<u8>, QrError> {
    let code = code(text)?;
    let width = code.width();
    let colors = code.to_colors();
    let side = (width + 2 * QUIET) * PNG_SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + QUIET, i / width + QUIET);
            for dy in 0..PNG_SCALE {
                let row = (y * PNG_SCALE + dy) * side;
                pixels[row + x * PNG_SCALE..row + (x + 1) * PNG_SCALE].fill(0);
            }
        }
    }
    let mut out = Vec::new();
    let side = u32::try_from(side).map_err(|e| QrError::Png(e.to_string()))?;
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| QrError::Png(e.to_string()))?;
    writer.write_image_data(&pixels).map_err(|e| QrError::Png(e.to_string()))?;
    writer.finish().map_err(|e| QrError::Png(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_and_png_are_made() {
        let text = "https://tremplin.example/pointage/abc/def";
        let svg = svg(text).expect("svg");
        assert!(svg.contains("<svg") && svg.contains("#000000"));
        let png = png(text).expect("png");
        assert_eq!(&png[1..4], b"PNG");
    }
}
