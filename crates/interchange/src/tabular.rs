//! Shared plumbing of the CSV readers: opening with the right delimiter, finding columns by
//! name, turning a malformed line into a rejection while a broken file stays fatal.

use crate::error::InterchangeError;
use crate::record::Rejection;
use std::io::{BufRead, BufReader, Read};

/// A CSV reader whose delimiter is guessed from the header line (`,`, `;` or tab: French
/// spreadsheets often save with `;`), with the header read.
pub(crate) fn open_csv<R: Read>(input: R, default_delimiter: u8) -> Result<(csv::Reader<BufReader<R>>, Header), InterchangeError> {
    let mut buffered = BufReader::with_capacity(256 * 1024, input);
    let delimiter = guess_delimiter(buffered.fill_buf()?, default_delimiter);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(false).from_reader(buffered);
    let header = Header::new(reader.headers()?);
    Ok((reader, header))
}

/// The delimiter that appears most in the first line (outside quotes), or the default.
fn guess_delimiter(start: &[u8], default: u8) -> u8 {
    let line = start.split(|&b| b == b'\n').next().unwrap_or(start);
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == b) {
            entry.1 += 1;
        }
    }
    counts.iter().filter(|(_, n)| *n > 0).max_by_key(|(d, n)| (*n, *d == default)).map(|(d, _)| *d).unwrap_or(default)
}

/// Column names of a CSV header, looked up without regard to case, spaces or a byte-order mark.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    names: Vec<String>,
}

impl Header {
    fn new(record: &csv::StringRecord) -> Self {
        Header { names: record.iter().map(|n| n.trim_start_matches('\u{feff}').trim().to_lowercase()).collect() }
    }

    /// Position of a column.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        let name = name.to_lowercase();
        self.names.iter().position(|n| *n == name)
    }

    /// Position of a column the format cannot do without.
    pub(crate) fn require(&self, name: &str) -> Result<usize, InterchangeError> {
        self.find(name).ok_or_else(|| InterchangeError::MissingColumn(name.to_owned()))
    }
}

/// `line N` of a record (its first line when it spans several).
pub(crate) fn line_of(position: Option<&csv::Position>) -> String {
    position.map_or_else(|| "line ?".to_owned(), |p| format!("line {}", p.line()))
}

/// A CSV read error: a rejection of one line when the reader can go on, fatal otherwise.
pub(crate) fn classify(error: csv::Error) -> Result<Rejection, InterchangeError> {
    let location = line_of(error.position());
    match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            Ok(Rejection::new(location, format!("malformed line: {len} fields where the header has {expected_len}")))
        }
        csv::ErrorKind::Utf8 { err, .. } => Ok(Rejection::new(location, format!("invalid UTF-8 in field {}", err.field() + 1))),
        _ => Err(error.into()),
    }
}

/// A field of a string record, trimmed; empty when the column is absent.
pub(crate) fn field(record: &csv::StringRecord, column: Option<usize>) -> &str {
    column.and_then(|i| record.get(i)).map(str::trim).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_guessed_from_the_header() {
        assert_eq!(guess_delimiter(b"id;nom;commune\n1;a;b", b','), b';');
        assert_eq!(guess_delimiter(b"\"a;b\",c,d\n", b','), b',');
        assert_eq!(guess_delimiter(b"single\n", b','), b',');
        assert_eq!(guess_delimiter(b"a\tb\tc", b','), b'\t');
    }
}
