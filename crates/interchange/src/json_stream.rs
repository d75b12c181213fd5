//! The elements of one JSON array, one at a time, from a reader: the document is never held
//! whole. Each element's bytes are handed out to be parsed on their own, so a broken element
//! (a stray comma inside an object) becomes one rejection and the next element is still found,
//! as long as brackets and quotes stay balanced.

use crate::error::InterchangeError;
use std::io::BufRead;

/// Where the array is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ArrayAt {
    /// The document is the array (`[ {...}, {...} ]`).
    Root,
    /// The array is the value of a key of the top-level object (`{"elements": [...]}`).
    Key(&'static str),
}

/// One element of the array, not yet parsed.
#[derive(Debug)]
pub(crate) struct RawElement {
    /// Position in the array, from 1.
    pub index: u64,
    /// Line where it starts, from 1.
    pub line: u64,
    /// Its JSON text.
    pub bytes: Vec<u8>,
}

/// An element larger than this is taken for a broken file (an unclosed string).
const MAX_ELEMENT_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Start,
    First,
    Next,
    Done,
}

/// Iterator over the elements of the array.
pub(crate) struct JsonArrayElements<R: BufRead> {
    input: R,
    at: ArrayAt,
    state: State,
    line: u64,
    index: u64,
}

impl<R: BufRead> JsonArrayElements<R> {
    /// Elements of the array found at `at`.
    pub(crate) fn new(input: R, at: ArrayAt) -> Self {
        JsonArrayElements { input, at, state: State::Start, line: 1, index: 0 }
    }

    fn error(&self, message: impl Into<String>) -> InterchangeError {
        InterchangeError::Json { line: self.line, message: message.into() }
    }

    fn peek(&mut self) -> Result<Option<u8>, InterchangeError> {
        Ok(self.input.fill_buf()?.first().copied())
    }

    fn bump(&mut self) -> Result<Option<u8>, InterchangeError> {
        let byte = self.peek()?;
        if let Some(b) = byte {
            self.input.consume(1);
            if b == b'\n' {
                self.line += 1;
            }
        }
        Ok(byte)
    }

    /// The next byte that is not white space, not consumed.
    fn skip_space(&mut self) -> Result<Option<u8>, InterchangeError> {
        while let Some(b) = self.peek()? {
            if !b.is_ascii_whitespace() {
                return Ok(Some(b));
            }
            self.bump()?;
        }
        Ok(None)
    }

    fn expect(&mut self, wanted: u8) -> Result<(), InterchangeError> {
        match self.skip_space()? {
            Some(b) if b == wanted => {
                self.bump()?;
                Ok(())
            }
            Some(b) => Err(self.error(format!("expected `{}`, found `{}`", wanted as char, b as char))),
            None => Err(self.error(format!("expected `{}`, found the end of the file", wanted as char))),
        }
    }

    /// Reads one value (object, array, string or scalar) and returns its text when `keep`.
    fn value(&mut self, keep: bool) -> Result<Vec<u8>, InterchangeError> {
        let mut out = Vec::new();
        let first = self.skip_space()?.ok_or_else(|| self.error("unexpected end of the file"))?;
        let push = |out: &mut Vec<u8>, b: u8, line: u64| {
            if keep {
                if out.len() >= MAX_ELEMENT_BYTES {
                    return Err(InterchangeError::Json { line, message: "element too large (unclosed string?)".into() });
                }
                out.push(b);
            }
            Ok(())
        };
        if first != b'{' && first != b'[' && first != b'"' {
            while let Some(b) = self.peek()? {
                if b == b',' || b == b']' || b == b'}' || b.is_ascii_whitespace() {
                    break;
                }
                self.bump()?;
                push(&mut out, b, self.line)?;
            }
            return Ok(out);
        }
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        while let Some(b) = self.bump()? {
            push(&mut out, b, self.line)?;
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                if !in_string && depth == 0 {
                    return Ok(out);
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Ok(out);
                    }
                }
                _ => {}
            }
        }
        Err(self.error("unexpected end of the file inside a value"))
    }

    /// Moves to the first byte inside the array.
    fn open(&mut self) -> Result<(), InterchangeError> {
        if self.input.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
            self.input.consume(3);
        }
        let ArrayAt::Key(wanted) = self.at else {
            return self.expect(b'[');
        };
        self.expect(b'{')?;
        loop {
            if self.skip_space()? == Some(b'}') {
                return Err(self.error(format!("no `{wanted}` array in the document")));
            }
            let key_text = self.value(true)?;
            let key: String = serde_json::from_slice(&key_text).map_err(|e| self.error(format!("bad key: {e}")))?;
            self.expect(b':')?;
            if key == wanted {
                return self.expect(b'[');
            }
            self.value(false)?;
            match self.skip_space()? {
                Some(b',') => {
                    self.bump()?;
                }
                Some(b'}') => {}
                _ => return Err(self.error("expected `,` or `}` after a value")),
            }
        }
    }

    fn advance(&mut self) -> Result<Option<RawElement>, InterchangeError> {
        if self.state == State::Start {
            self.open()?;
            self.state = State::First;
        }
        match (self.state, self.skip_space()?) {
            (State::Done, _) => return Ok(None),
            (_, None) => return Err(self.error("unexpected end of the file inside the array")),
            (_, Some(b']')) => {
                self.bump()?;
                self.state = State::Done;
                return Ok(None);
            }
            (State::Next, Some(b',')) => {
                self.bump()?;
            }
            (State::Next, Some(b)) => return Err(self.error(format!("expected `,` or `]` between elements, found `{}`", b as char))),
            _ => {}
        }
        self.skip_space()?;
        let line = self.line;
        let bytes = self.value(true)?;
        self.index += 1;
        self.state = State::Next;
        Ok(Some(RawElement { index: self.index, line, bytes }))
    }
}

impl<R: BufRead> Iterator for JsonArrayElements<R> {
    type Item = Result<RawElement, InterchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.advance() {
            Ok(element) => element.map(Ok),
            Err(e) => {
                self.state = State::Done;
                Some(Err(e))
            }
        }
    }
}

/// A parse error of an element without serde's position (relative to the element, so
/// misleading); the position is in [`element_location`].
pub(crate) fn element_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let reason = message.rsplit_once(" at line ").map_or(message.as_str(), |(reason, _)| reason);
    format!("invalid element: {reason}")
}

/// Where a parse error of an element is, in the whole file: `element 3 (line 17)`.
pub(crate) fn element_location(element: &RawElement, error: Option<&serde_json::Error>) -> String {
    let line = element.line + error.map_or(0, |e| (e.line() as u64).saturating_sub(1));
    format!("element {} (line {line})", element.index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str, at: ArrayAt) -> Vec<Result<String, String>> {
        JsonArrayElements::new(input.as_bytes(), at)
            .map(|r| r.map(|e| String::from_utf8_lossy(&e.bytes).into_owned()).map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn splits_a_root_array() {
        let got = texts("\u{feff}[ {\"a\": \"x]}\\\"\"}, [1,2], 3 ,\"s\"]", ArrayAt::Root);
        assert_eq!(got, vec![Ok("{\"a\": \"x]}\\\"\"}".into()), Ok("[1,2]".into()), Ok("3".into()), Ok("\"s\"".into())]);
        assert!(texts("[]", ArrayAt::Root).is_empty());
    }

    #[test]
    fn finds_a_keyed_array_after_other_values() {
        let doc = "{\"version\": 0.6, \"osm3s\": {\"copyright\": \"ODbL [x]\"},\n \"elements\": [\n{\"id\": 1},\n{\"id\": 2}\n]}";
        assert_eq!(texts(doc, ArrayAt::Key("elements")), vec![Ok("{\"id\": 1}".into()), Ok("{\"id\": 2}".into())]);
        let lines: Vec<u64> =
            JsonArrayElements::new(doc.as_bytes(), ArrayAt::Key("elements")).map(|e| e.map(|e| e.line).unwrap_or(0)).collect();
        assert_eq!(lines, vec![3, 4]);
    }

    #[test]
    fn broken_structure_is_fatal() {
        let got = texts("[{\"a\": 1} {\"b\": 2}]", ArrayAt::Root);
        assert_eq!(got.len(), 2);
        assert!(got[1].as_ref().is_err_and(|e| e.contains("expected `,` or `]`")));
        assert!(texts("{\"other\": []}", ArrayAt::Key("elements"))[0].as_ref().is_err_and(|e| e.contains("no `elements` array")));
        assert!(texts("[{\"a\": \"unclosed}]", ArrayAt::Root)[0].is_err());
    }
}
