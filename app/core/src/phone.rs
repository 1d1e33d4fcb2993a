//! Phone numbers that people can tap to call or text.
//!
//! A number comes either from Village's own list of helplines or from a
//! person typing their midwife's number into their phone, so parsing is
//! forgiving about spacing and strict about everything else.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Fewest digits in a number we accept: UK emergency and short codes (999, 111).
pub const MIN_DIGITS: usize = 3;
/// Most digits in a number (the ITU E.164 maximum).
pub const MAX_DIGITS: usize = 15;
/// Most characters we read, spaces included, before giving up.
pub const MAX_INPUT_CHARS: usize = 32;

/// A phone number as the person wrote it (for reading) and as digits (for
/// dialling). Valid by construction.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber {
    written: String,
    international: bool,
    digits: String,
}

/// Why some text is not a phone number. The messages are shown to people.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhoneNumberError {
    #[error("Please type a phone number.")]
    Empty,
    #[error("That is too long for a phone number.")]
    TooLong,
    #[error("A phone number can only have digits, spaces, brackets, dashes and a + at the start.")]
    BadCharacter,
    #[error("That looks too short for a phone number: it needs at least {MIN_DIGITS} digits.")]
    TooFewDigits,
    #[error("That has too many digits for a phone number (at most {MAX_DIGITS}).")]
    TooManyDigits,
}

impl PhoneNumber {
    /// Parses a number typed by a person, such as `0113 496 0000` or
    /// `+44 113 496 0000`: spaces, brackets, dots and dashes are only spacing.
    pub fn parse(input: &str) -> Result<Self, PhoneNumberError> {
        let written = input.trim();
        if written.is_empty() {
            return Err(PhoneNumberError::Empty);
        }
        if written.chars().count() > MAX_INPUT_CHARS {
            return Err(PhoneNumberError::TooLong);
        }
        let (international, rest) = match written.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, written),
        };
        let mut digits = String::with_capacity(rest.len());
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '(' | ')' | '.' => {}
                _ => return Err(PhoneNumberError::BadCharacter),
            }
        }
        if digits.len() < MIN_DIGITS {
            return Err(PhoneNumberError::TooFewDigits);
        }
        if digits.len() > MAX_DIGITS {
            return Err(PhoneNumberError::TooManyDigits);
        }
        Ok(Self {
            written: collapse_spaces(written),
            international,
            digits,
        })
    }

    /// The number as written, with runs of spaces collapsed.
    pub fn written(&self) -> &str {
        &self.written
    }

    /// The digits to dial, with a leading `+` for international numbers.
    pub fn dial(&self) -> String {
        if self.international {
            format!("+{}", self.digits)
        } else {
            self.digits.clone()
        }
    }

    /// A `tel:` link (RFC 3966) that phones open in their dialler.
    pub fn tel_href(&self) -> String {
        format!("tel:{}", self.dial())
    }

    /// An `sms:` link (RFC 5724), optionally with a message body filled in.
    pub fn sms_href(&self, body: Option<&str>) -> String {
        match body {
            Some(body) => format!("sms:{}?body={}", self.dial(), percent_encode(body)),
            None => format!("sms:{}", self.dial()),
        }
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneNumberError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(number: PhoneNumber) -> Self {
        number.written
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_the_ways_people_write_numbers() {
        let n = PhoneNumber::parse("  0113  496 0000 ").expect("valid");
        assert_eq!(n.written(), "0113 496 0000");
        assert_eq!(n.tel_href(), "tel:01134960000");
        let n = PhoneNumber::parse("+44 113-496-0000").expect("valid");
        assert_eq!(n.tel_href(), "tel:+441134960000");
        let n = PhoneNumber::parse("(0113) 496.0000").expect("valid");
        assert_eq!(n.dial(), "01134960000");
    }

    #[test]
    fn short_codes_are_numbers_too() {
        assert_eq!(
            PhoneNumber::parse("999").expect("valid").tel_href(),
            "tel:999"
        );
        assert_eq!(
            PhoneNumber::parse("85258")
                .expect("valid")
                .sms_href(Some("SHOUT")),
            "sms:85258?body=SHOUT"
        );
    }

    #[test]
    fn says_what_is_wrong() {
        assert_eq!(PhoneNumber::parse("   "), Err(PhoneNumberError::Empty));
        assert_eq!(
            PhoneNumber::parse("12"),
            Err(PhoneNumberError::TooFewDigits)
        );
        assert_eq!(
            PhoneNumber::parse("call 0113"),
            Err(PhoneNumberError::BadCharacter)
        );
        assert_eq!(
            PhoneNumber::parse("0113+4960000"),
            Err(PhoneNumberError::BadCharacter)
        );
        assert_eq!(
            PhoneNumber::parse("1234567890123456"),
            Err(PhoneNumberError::TooManyDigits)
        );
        assert_eq!(
            PhoneNumber::parse(&"1 ".repeat(20)),
            Err(PhoneNumberError::TooLong)
        );
    }

    #[test]
    fn sms_bodies_are_encoded() {
        let n = PhoneNumber::parse("85258").expect("valid");
        assert_eq!(
            n.sms_href(Some("hi there&x")),
            "sms:85258?body=hi%20there%26x"
        );
        assert_eq!(n.sms_href(None), "sms:85258");
    }

    proptest! {
        #[test]
        fn hrefs_only_ever_hold_a_plus_and_digits(input in "\\PC{0,40}") {
            if let Ok(n) = PhoneNumber::parse(&input) {
                let dial = n.dial();
                let digits = dial.trim_start_matches('+');
                prop_assert!(digits.bytes().all(|b| b.is_ascii_digit()));
                prop_assert!((MIN_DIGITS..=MAX_DIGITS).contains(&digits.len()));
                prop_assert_eq!(n.tel_href(), format!("tel:{dial}"));
            }
        }

        #[test]
        fn written_form_parses_back_to_the_same_number(
            plus in any::<bool>(),
            groups in prop::collection::vec("[0-9]{1,4}", 1..5),
        ) {
            let text = format!("{}{}", if plus { "+" } else { "" }, groups.join(" "));
            if let Ok(n) = PhoneNumber::parse(&text) {
                let again = PhoneNumber::parse(n.written()).expect("written form is valid");
                prop_assert_eq!(again, n);
            }
        }
    }
}
