//! The plain facts about a group that help someone decide to go: what it
//! costs, whether to book, how to reach the organiser, the languages, who
//! runs it, and what a first visit is like.
//!
//! Every fact is only what the organiser said. A fact nobody gave is not
//! known, and is shown as not known, never as a default that sounds true
//! ("Free", "Drop in", "English").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::group::{Booking, Format};
use crate::{account::Email, PhoneNumber};

/// What a group costs, as the organiser said.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cost {
    /// Nobody has said.
    #[default]
    NotKnown,
    Free,
    /// A set amount each time, in pence (never 0: that is free).
    Amount {
        pence: u32,
    },
    PayWhatYouCan,
}

/// The most a group may say it costs, in pence (£1,000).
pub const MAX_COST_PENCE: u32 = 100_000;

impl Cost {
    /// The code stored in the database; `None` when not known.
    pub fn code(self) -> Option<&'static str> {
        match self {
            Self::NotKnown => None,
            Self::Free => Some("free"),
            Self::Amount { .. } => Some("amount"),
            Self::PayWhatYouCan => Some("pay_what_you_can"),
        }
    }

    /// From the stored code and amount; anything unreadable is not known.
    pub fn from_stored(code: Option<&str>, pence: Option<u32>) -> Self {
        match (code, pence) {
            (Some("free"), _) => Self::Free,
            (Some("amount"), Some(pence)) if pence > 0 => Self::Amount { pence },
            (Some("pay_what_you_can"), _) => Self::PayWhatYouCan,
            _ => Self::NotKnown,
        }
    }

    pub fn pence(self) -> Option<u32> {
        match self {
            Self::Amount { pence } => Some(pence),
            _ => None,
        }
    }

    /// "Free", "£3", "£2.50", "Pay what you can", or that it is not known.
    pub fn words(self) -> String {
        match self {
            Self::NotKnown => "Not known: ask the organiser about cost".to_owned(),
            Self::Free => "Free".to_owned(),
            Self::Amount { pence } => pounds(pence),
            Self::PayWhatYouCan => "Pay what you can".to_owned(),
        }
    }
}

/// "£3" for whole pounds, "£2.50" otherwise.
pub fn pounds(pence: u32) -> String {
    if pence.is_multiple_of(100) {
        format!("£{}", pence / 100)
    } else {
        format!("£{}.{:02}", pence / 100, pence % 100)
    }
}

/// The most characters the form takes for an amount ("£100000.00" and
/// spaces); `parse_pounds` refuses more than six whole digits anyway.
pub const MAX_AMOUNT_CHARS: usize = 12;

/// Reads an amount typed by a person: "3", "£3", "2.50", "£2.5".
pub fn parse_pounds(text: &str) -> Option<u32> {
    let text = text.trim();
    let text = text.strip_prefix('£').unwrap_or(text).trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty()
        || whole.len() > 6
        || fraction.len() > 2
        || !all_digits(whole)
        || !all_digits(fraction)
    {
        return None;
    }
    let whole: u32 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let fraction: u32 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<u32>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(fraction)
}

/// How people reach the organiser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactWay {
    Phone,
    Text,
    Email,
    Web,
}

coded!(ContactWay { Phone => "phone", Text => "text", Email => "email", Web => "web" });

/// The organiser's contact, checked: a phone number to call or text, an
/// email address, or a web address starting with https://.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Contact {
    pub way: ContactWay,
    pub value: String,
}

/// Longest contact, in characters.
pub const MAX_CONTACT_CHARS: usize = 200;

/// Why a contact was refused; each says what to do, in plain words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ContactError {
    #[error("Please give the phone number.")]
    NoNumber,
    #[error("Please give the email address.")]
    NoEmail,
    #[error("Please give the web address.")]
    NoWebAddress,
    #[error("The contact can have at most {MAX_CONTACT_CHARS} characters.")]
    TooLong,
    #[error("{0}")]
    Phone(#[from] crate::phone::PhoneNumberError),
    #[error("That does not look like an email address: it should be like name@example.org, with nothing after it.")]
    Email,
    #[error("The web address should be a full address starting with https://, such as https://example.org/groups.")]
    WebAddress,
}

/// A web address safe to show parents as a link: `https://`, a host with a
/// dot and nothing hiding where it goes (no `user@` before the host, no
/// backslashes), no spaces or control characters.
pub fn is_plain_https(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '"' | '<' | '>'))
}

/// An email address that opens a plain new message: no `?`, `,` or other
/// characters that would add recipients or words to it.
fn is_plain_email(email: &str) -> bool {
    email
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '-' | '_' | '+'))
}

impl Contact {
    /// Checks a contact; the error says what is wrong in plain words.
    pub fn parse(way: ContactWay, value: &str) -> Result<Self, ContactError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(match way {
                ContactWay::Phone | ContactWay::Text => ContactError::NoNumber,
                ContactWay::Email => ContactError::NoEmail,
                ContactWay::Web => ContactError::NoWebAddress,
            });
        }
        if value.chars().count() > MAX_CONTACT_CHARS {
            return Err(ContactError::TooLong);
        }
        let value = match way {
            ContactWay::Phone | ContactWay::Text => PhoneNumber::parse(value)?.written().to_owned(),
            ContactWay::Email => Email::parse(value)
                .ok()
                .filter(|e| is_plain_email(e.as_str()))
                .ok_or(ContactError::Email)?
                .as_str()
                .to_owned(),
            ContactWay::Web if is_plain_https(value) => value.to_owned(),
            ContactWay::Web => return Err(ContactError::WebAddress),
        };
        Ok(Self { way, value })
    }

    /// The link a phone follows: `tel:`, `sms:`, `mailto:` or the web address.
    pub fn href(&self) -> String {
        match self.way {
            ContactWay::Phone => PhoneNumber::parse(&self.value)
                .map(|n| n.tel_href())
                .unwrap_or_default(),
            ContactWay::Text => PhoneNumber::parse(&self.value)
                .map(|n| n.sms_href(None))
                .unwrap_or_default(),
            ContactWay::Email => Email::parse(&self.value)
                .ok()
                .filter(|e| is_plain_email(e.as_str()))
                .map(|e| format!("mailto:{}", e.as_str()))
                .unwrap_or_default(),
            ContactWay::Web if is_plain_https(&self.value) => self.value.clone(),
            ContactWay::Web => String::new(),
        }
    }

    /// "Call 0114 496 0000", "Text …", "Email …", "Website: …".
    pub fn words(&self) -> String {
        match self.way {
            ContactWay::Phone => format!("Call {}", self.value),
            ContactWay::Text => format!("Text {}", self.value),
            ContactWay::Email => format!("Email {}", self.value),
            ContactWay::Web => format!("Website: {}", self.value),
        }
    }
}

/// Who runs a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunBy {
    /// Trained peers with lived experience.
    Peers,
    Professionals,
    PeersAndProfessionals,
}

coded!(RunBy {
    Peers => "peers",
    Professionals => "professionals",
    PeersAndProfessionals => "peers_and_professionals",
});

impl RunBy {
    pub fn words(self) -> &'static str {
        match self {
            Self::Peers => "Trained peers who have been there themselves",
            Self::Professionals => "Professionals",
            Self::PeersAndProfessionals => "Trained peers and professionals together",
        }
    }
}

/// Everything a parent is told about a group beyond its name, place and
/// times. Each `None`, empty text or empty list is "not known".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    pub format: Option<Format>,
    pub cost: Cost,
    pub cost_note: String,
    pub booking: Option<Booking>,
    pub booking_how: String,
    pub contact: Option<Contact>,
    pub languages: Vec<String>,
    pub run_by: Option<RunBy>,
    /// Free words about who runs it.
    pub facilitated_by: String,
    /// For online groups: is someone keeping the conversation safe?
    pub moderated: Option<bool>,
    pub typical_size: String,
    pub taking_new_members: Option<bool>,
    /// Courses: when the next one starts.
    pub next_course_start: Option<NaiveDate>,
    /// What happens when you walk in, who greets you, buggies and children.
    pub first_visit: String,
}

impl Facts {
    pub fn is_free(&self) -> bool {
        self.cost == Cost::Free
    }

    /// "Drop in, no need to book", "Book ahead: …", or not known.
    pub fn booking_words(&self) -> String {
        match self.booking {
            None => "Not known: ask the organiser whether to book".to_owned(),
            Some(Booking::DropIn) => "Drop in, no need to book".to_owned(),
            Some(Booking::BookAhead) if self.booking_how.is_empty() => "Book ahead".to_owned(),
            Some(Booking::BookAhead) => format!("Book ahead: {}", self.booking_how),
        }
    }

    /// The cost and its note: "£3. Includes tea and cake".
    pub fn cost_words(&self) -> String {
        let cost = self.cost.words();
        if self.cost_note.is_empty() {
            cost
        } else {
            format!("{cost}. {}", self.cost_note)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_pounds("3"), Some(300));
        assert_eq!(parse_pounds("£3"), Some(300));
        assert_eq!(parse_pounds(" £2.50 "), Some(250));
        assert_eq!(parse_pounds("2.5"), Some(250));
        assert_eq!(parse_pounds(".75"), Some(75));
        for bad in [
            "", "£", "three", "3.505", "-3", "+3", "3,50", "1e3", "9999999", ".",
        ] {
            assert_eq!(parse_pounds(bad), None, "{bad}");
        }
        assert_eq!(pounds(300), "£3");
        assert_eq!(pounds(250), "£2.50");
    }

    #[test]
    fn nothing_known_says_so_rather_than_sounding_like_a_fact() {
        let facts = Facts::default();
        assert_eq!(
            facts.cost_words(),
            "Not known: ask the organiser about cost"
        );
        assert_eq!(
            facts.booking_words(),
            "Not known: ask the organiser whether to book"
        );
        assert!(!facts.is_free());
        assert!(facts.languages.is_empty());
        assert_eq!(facts.taking_new_members, None);
    }

    #[test]
    fn costs_round_trip_through_storage_and_a_zero_amount_is_not_free() {
        for cost in [
            Cost::NotKnown,
            Cost::Free,
            Cost::Amount { pence: 300 },
            Cost::PayWhatYouCan,
        ] {
            assert_eq!(Cost::from_stored(cost.code(), cost.pence()), cost);
        }
        assert_eq!(Cost::from_stored(Some("amount"), Some(0)), Cost::NotKnown);
        assert_eq!(Cost::from_stored(Some("nonsense"), None), Cost::NotKnown);
    }

    #[test]
    fn contacts_are_checked_and_link_only_to_what_they_are() {
        let phone = Contact::parse(ContactWay::Phone, " 0114 496 0000 ").expect("valid");
        assert_eq!(phone.href(), "tel:01144960000");
        assert_eq!(phone.words(), "Call 0114 496 0000");
        let text = Contact::parse(ContactWay::Text, "07700 900123").expect("valid");
        assert_eq!(text.href(), "sms:07700900123");
        let email = Contact::parse(ContactWay::Email, "Hello@Example.org").expect("valid");
        assert_eq!(email.href(), "mailto:hello@example.org");
        let web = Contact::parse(ContactWay::Web, "https://example.org/book").expect("valid");
        assert_eq!(web.href(), "https://example.org/book");
        assert!(Contact::parse(ContactWay::Web, "javascript:alert(1)").is_err());
        // Nothing that hides where a link goes or adds to a message.
        for hiding in [
            "http://example.org",
            "https://riverside.org.uk@evil.example/",
            "https://example.org\\@evil.example",
            "https://example.org/\"onclick",
            "https://localhost",
        ] {
            assert_eq!(
                Contact::parse(ContactWay::Web, hiding),
                Err(ContactError::WebAddress),
                "{hiding}"
            );
        }
        for adding in [
            "hello@example.org?bcc=x@evil.example",
            "a@example.org,x@evil.example",
            "a%40b@example.org",
        ] {
            assert_eq!(
                Contact::parse(ContactWay::Email, adding),
                Err(ContactError::Email),
                "{adding}"
            );
        }
        assert!(Contact::parse(ContactWay::Phone, "call me").is_err());
        assert!(Contact::parse(ContactWay::Email, "not an email").is_err());
        assert!(Contact::parse(ContactWay::Email, "").is_err());
        for way in ContactWay::ALL {
            assert_eq!(ContactWay::from_code(way.code()), Some(way));
        }
        for run_by in RunBy::ALL {
            assert_eq!(RunBy::from_code(run_by.code()), Some(run_by));
        }
    }
}
