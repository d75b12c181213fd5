//! CSV downloads made for French spreadsheets: `;` between cells, CRLF line ends, a byte-order
//! mark so accents open right, and cells that would start a formula defused (CSV injection).
//! Every CSV download of the site goes through here.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Cell separator (French spreadsheets read `;`; the comma is the decimal mark).
pub const SEPARATOR: u8 = b';';

/// A cell a spreadsheet would run as a formula gets a leading apostrophe, except a negative
/// number (`-3`, a change from the previous period); `+33…` stays text, as a phone number.
fn defuse(value: &str) -> std::borrow::Cow<'_, str> {
    let negative_number = value.starts_with('-') && value.replace(',', ".").parse::<f64>().is_ok();
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) && !negative_number { format!("'{value}").into() } else { value.into() }
}

/// The CSV text of a table (headers first), byte-order mark included.
pub fn csv_text<R, C>(rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut writer =
        csv::WriterBuilder::new().delimiter(SEPARATOR).terminator(csv::Terminator::CRLF).flexible(true).from_writer(Vec::new());
    for row in rows {
        let cells: Vec<String> = row.into_iter().map(|c| defuse(c.as_ref()).into_owned()).collect();
        // Writing to memory cannot fail.
        let _ = writer.write_record(&cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// The download response of a CSV text: never kept by a shared cache (tables hold counts
/// of a territory or personal data).
pub fn download(filename: &str, body: String) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", filename.replace(['"', '\\', '\r', '\n'], ""));
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::csv_text;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        let text = csv_text([vec!["Léa", "A;B", "dit \"Lou\""], vec!["=HYPERLINK(1)", "+33612345678", "-3"]]);
        assert_eq!(text, "\u{feff}Léa;\"A;B\";\"dit \"\"Lou\"\"\"\r\n'=HYPERLINK(1);'+33612345678;-3\r\n");
    }
}
