//! Fatal errors of the codecs: the file as a whole cannot be read or written.
//!
//! A problem with one record is not an error but a [`Rejection`](crate::Rejection).

/// A failure that stops a reader or a writer.
#[derive(Debug, thiserror::Error)]
pub enum InterchangeError {
    /// The underlying reader or writer failed.
    #[error("input/output: {0}")]
    Io(#[from] std::io::Error),
    /// The CSV could not be read or written as a whole (not a malformed line: those are
    /// rejections).
    #[error("CSV: {0}")]
    Csv(String),
    /// A column the format needs is missing from the header.
    #[error("missing column `{0}` in the header")]
    MissingColumn(String),
    /// The JSON document is broken outside of one element (so the next element cannot be found).
    #[error("JSON, line {line}: {message}")]
    Json {
        /// Line in the file (from 1).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The `.osm.pbf` file cannot be decoded.
    #[error("OSM PBF: {0}")]
    Pbf(String),
}

impl From<csv::Error> for InterchangeError {
    fn from(error: csv::Error) -> Self {
        let message = error.to_string();
        match error.into_kind() {
            csv::ErrorKind::Io(io) => InterchangeError::Io(io),
            _ => InterchangeError::Csv(message),
        }
    }
}

impl From<serde_json::Error> for InterchangeError {
    fn from(error: serde_json::Error) -> Self {
        if error.is_io() {
            return InterchangeError::Io(error.into());
        }
        InterchangeError::Json { line: error.line() as u64, message: error.to_string() }
    }
}

impl From<osmpbf::Error> for InterchangeError {
    fn from(error: osmpbf::Error) -> Self {
        let message = error.to_string();
        match error.into_kind() {
            osmpbf::ErrorKind::Io(io) => InterchangeError::Io(io),
            _ => InterchangeError::Pbf(message),
        }
    }
}
