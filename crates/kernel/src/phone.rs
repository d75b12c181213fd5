//! Telephone numbers, parsed once at the edge and kept in international form.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A telephone number in E.164 form (`+33612345678`). French numbers may be typed the
/// national way (`06 12 34 56 78`, `06.12.34.56.78`); others need their `+` prefix.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

/// Why a string is not a [`Phone`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Nothing was typed.
    #[error("empty")]
    Empty,
    /// Not a number we can call.
    #[error("invalid")]
    Invalid,
}

impl Phone {
    /// Parses a number typed by a person: spaces, dots, dashes and brackets are ignored.
    pub fn parse(raw: &str) -> Result<Self, PhoneError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(PhoneError::Empty);
        }
        if trimmed.chars().any(|c| !(c.is_ascii_digit() || " .-()+".contains(c))) {
            return Err(PhoneError::Invalid);
        }
        let international = trimmed.starts_with('+') || trimmed.starts_with("00");
        if trimmed.chars().skip(1).any(|c| c == '+') {
            return Err(PhoneError::Invalid);
        }
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let e164 = if international {
            let digits = digits.strip_prefix("00").unwrap_or(&digits);
            // A French number written +33 0 6… keeps a trunk zero that E.164 drops.
            let digits = match digits.strip_prefix("330") {
                Some(rest) if rest.len() == 9 => format!("33{rest}"),
                _ => digits.to_owned(),
            };
            if !(9..=15).contains(&digits.len()) || digits.starts_with('0') {
                return Err(PhoneError::Invalid);
            }
            format!("+{digits}")
        } else {
            match digits.strip_prefix('0') {
                Some(rest) if rest.len() == 9 && !rest.starts_with('0') => format!("+33{rest}"),
                _ => return Err(PhoneError::Invalid),
            }
        };
        Ok(Self(e164))
    }

    /// The number in E.164 form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as French people write it (`06 12 34 56 78`), or E.164 for others.
    pub fn display(&self) -> String {
        match self.0.strip_prefix("+33") {
            Some(rest) if rest.len() == 9 => {
                let national = format!("0{rest}");
                national.as_bytes().chunks(2).map(|pair| String::from_utf8_lossy(pair).into_owned()).collect::<Vec<_>>().join(" ")
            }
            _ => self.0.clone(),
        }
    }
}

impl TryFrom<String> for Phone {
    type Error = PhoneError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Phone::parse(&value)
    }
}

impl From<Phone> for String {
    fn from(phone: Phone) -> Self {
        phone.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_international_forms() {
        for raw in ["06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "0033612345678", "+33 (0)6 12 34 56 78"] {
            assert_eq!(Phone::parse(raw).map(|p| p.as_str().to_owned()), Ok("+33612345678".into()), "{raw}");
        }
        assert_eq!(Phone::parse("+44 20 7946 0958").map(|p| p.display()), Ok("+442079460958".into()));
        assert_eq!(Phone::parse("0612345678").map(|p| p.display()), Ok("06 12 34 56 78".into()));
        assert_eq!(Phone::parse(" "), Err(PhoneError::Empty));
        for bad in ["12345", "06 12 34 56", "0012", "abc", "06+12345678", "00 12 34 56 78", "+0612345678"] {
            assert_eq!(Phone::parse(bad), Err(PhoneError::Invalid), "{bad}");
        }
    }
}
