//! Areas: the places (usually a local authority) whose term dates and groups
//! Village knows. An area's id appears in shared links (`/?area=<id>`) and QR
//! posters, so it is a short, readable slug.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The most characters an area id may have.
pub const MAX_AREA_ID_LEN: usize = 64;

/// A valid area id: 1 to 64 lowercase ASCII letters, digits and single dashes,
/// not starting or ending with a dash (for example `sample-riverside`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AreaId(String);

/// Why a piece of text is not an area id. The messages are shown to people.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AreaIdError {
    #[error("The area id is empty.")]
    Empty,
    #[error("The area id is too long: it can have at most {MAX_AREA_ID_LEN} characters.")]
    TooLong,
    #[error("The area id can only use lowercase letters a to z, digits and dashes.")]
    BadCharacter,
    #[error("The area id cannot start or end with a dash, or have two dashes in a row.")]
    BadDash,
}

/// A readable, unique id made from a name: the name as a slug (at most 48
/// characters), then `suffix` (random lowercase letters and digits), so that
/// two things with the same name never share an id; `fallback` stands in
/// for a name with no letters or digits. Used for organisations and groups,
/// whose ids follow the same rules as areas'.
pub fn slug_id(name: &str, fallback: &str, suffix: &str) -> Option<AreaId> {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 48 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let id = if slug.is_empty() {
        format!("{fallback}-{suffix}")
    } else {
        format!("{slug}-{suffix}")
    };
    AreaId::parse(&id).ok()
}

impl AreaId {
    /// Parses an area id, saying exactly what is wrong when it is not one.
    pub fn parse(input: &str) -> Result<Self, AreaIdError> {
        if input.is_empty() {
            return Err(AreaIdError::Empty);
        }
        if input.len() > MAX_AREA_ID_LEN {
            return Err(AreaIdError::TooLong);
        }
        if !input
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(AreaIdError::BadCharacter);
        }
        if input.starts_with('-') || input.ends_with('-') || input.contains("--") {
            return Err(AreaIdError::BadDash);
        }
        Ok(Self(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AreaId {
    type Error = AreaIdError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<AreaId> for String {
    fn from(id: AreaId) -> Self {
        id.0
    }
}

impl fmt::Display for AreaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_a_typical_slug() {
        let id = AreaId::parse("sample-riverside").expect("valid");
        assert_eq!(id.as_str(), "sample-riverside");
    }

    #[test]
    fn says_what_is_wrong() {
        assert_eq!(AreaId::parse(""), Err(AreaIdError::Empty));
        assert_eq!(AreaId::parse("Leeds"), Err(AreaIdError::BadCharacter));
        assert_eq!(AreaId::parse("a b"), Err(AreaIdError::BadCharacter));
        assert_eq!(AreaId::parse("-leeds"), Err(AreaIdError::BadDash));
        assert_eq!(AreaId::parse("leeds-"), Err(AreaIdError::BadDash));
        assert_eq!(AreaId::parse("north--leeds"), Err(AreaIdError::BadDash));
        assert_eq!(
            AreaId::parse(&"a".repeat(MAX_AREA_ID_LEN + 1)),
            Err(AreaIdError::TooLong)
        );
        assert!(AreaId::parse(&"a".repeat(MAX_AREA_ID_LEN)).is_ok());
    }

    #[test]
    fn deserialising_validates() {
        let bad: Result<AreaId, _> = serde_json::from_str("\"Not OK\"");
        assert!(bad.is_err());
        let good: AreaId = serde_json::from_str("\"leeds\"").expect("valid");
        assert_eq!(good.as_str(), "leeds");
    }

    proptest! {
        #[test]
        fn every_slug_of_words_parses_and_round_trips(
            words in prop::collection::vec("[a-z0-9]{1,8}", 1..6)
        ) {
            let text = words.join("-");
            prop_assume!(text.len() <= MAX_AREA_ID_LEN);
            let id = AreaId::parse(&text).expect("slug of words is valid");
            prop_assert_eq!(id.to_string(), text.clone());
            let json = serde_json::to_string(&id).expect("serialises");
            let back: AreaId = serde_json::from_str(&json).expect("deserialises");
            prop_assert_eq!(back, id);
        }

        #[test]
        fn anything_accepted_is_a_clean_slug(text in "\\PC{0,80}") {
            if let Ok(id) = AreaId::parse(&text) {
                let s = id.as_str();
                prop_assert!(!s.is_empty() && s.len() <= MAX_AREA_ID_LEN);
                prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
                prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"));
            }
        }
    }
}

/// The UK nation an area is in; it decides which urgent-help lines apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Nation {
    England,
    Wales,
    Scotland,
    NorthernIreland,
}

coded!(Nation {
    England => "england",
    Wales => "wales",
    Scotland => "scotland",
    NorthernIreland => "northern_ireland",
});

/// Longest area name, in characters (the database agrees).
pub const MAX_AREA_NAME_CHARS: usize = 120;

/// A new area as an admin typed it, checked: its name and nation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewArea {
    pub name: String,
    pub nation: Nation,
}

impl NewArea {
    /// Checks a new area's name and nation (its code), naming every problem.
    pub fn parse(name: &str, nation: &str) -> Result<Self, Vec<crate::FieldError>> {
        let mut errors = Vec::new();
        let name = name.trim();
        if name.is_empty() {
            errors.push(crate::FieldError {
                field: "name",
                message: "Please give the area's name, such as \"Riverside\".".into(),
            });
        } else if name.chars().count() > MAX_AREA_NAME_CHARS {
            errors.push(crate::FieldError {
                field: "name",
                message: format!("The name can have at most {MAX_AREA_NAME_CHARS} characters."),
            });
        }
        let nation = Nation::from_code(nation);
        if nation.is_none() {
            errors.push(crate::FieldError {
                field: "nation",
                message: "Please choose the nation: it decides which urgent-help lines show."
                    .into(),
            });
        }
        match (errors.is_empty(), nation) {
            (true, Some(nation)) => Ok(Self {
                name: name.to_owned(),
                nation,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod nation_tests {
    use super::*;

    #[test]
    fn a_new_area_needs_a_name_and_a_nation() {
        assert_eq!(
            NewArea::parse(" Riverside ", "wales"),
            Ok(NewArea {
                name: "Riverside".into(),
                nation: Nation::Wales
            })
        );
        let fields = |name: &str, nation: &str| -> Vec<&'static str> {
            NewArea::parse(name, nation)
                .err()
                .unwrap_or_default()
                .iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(fields("  ", "mars"), ["name", "nation"]);
        assert_eq!(
            fields(&"a".repeat(MAX_AREA_NAME_CHARS + 1), "england"),
            ["name"]
        );
        assert!(fields(&"a".repeat(MAX_AREA_NAME_CHARS), "england").is_empty());
    }

    #[test]
    fn codes_round_trip() {
        for nation in Nation::ALL {
            assert_eq!(Nation::from_code(nation.code()), Some(nation));
        }
        assert_eq!(Nation::from_code("mercia"), None);
    }
}
