//! A venue: where an in-person group meets, and what a parent needs to know
//! to get there and in with a buggy. Organisers keep their own
//! organisation's venues. Each access fact is yes, no or not known: a fact
//! nobody gave is never shown as "no" (nor as "yes").

use serde::{Deserialize, Serialize};

use crate::FieldError;

/// Where an in-person group meets, and what it is like to get into.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Venue {
    pub name: String,
    pub address: String,
    pub town: String,
    pub postcode: String,
    pub access: Access,
    /// How to get there, in the organiser's words ("the 22 bus stops
    /// outside").
    pub public_transport: String,
    /// Anything else about getting in, in the organiser's words.
    pub notes: String,
}

/// What a venue is like to get into, each fact as the organiser gave it:
/// `None` when they did not say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    pub step_free: Option<bool>,
    pub buggy_space: Option<bool>,
    pub baby_change: Option<bool>,
    pub parking: Option<bool>,
    pub near_bus_stop: Option<bool>,
}

/// One fact about getting into a venue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessFact {
    StepFree,
    BuggySpace,
    BabyChange,
    Parking,
    NearBusStop,
}

// Every fact, in the order forms ask and pages show them; the code is the
// form field's name (and the database column's).
coded!(AccessFact {
    StepFree => "step_free",
    BuggySpace => "buggy_space",
    BabyChange => "baby_change",
    Parking => "parking",
    NearBusStop => "near_bus_stop",
});

impl AccessFact {
    /// What it is, as a question an organiser answers.
    pub fn question(self) -> &'static str {
        match self {
            Self::StepFree => "Step-free access (no steps, or a ramp or lift)?",
            Self::BuggySpace => "Space to leave buggies?",
            Self::BabyChange => "Baby changing?",
            Self::Parking => "Parking?",
            Self::NearBusStop => "A bus stop nearby?",
        }
    }

    /// What a parent reads when the organiser said yes or no.
    pub fn words(self, yes: bool) -> &'static str {
        match (self, yes) {
            (Self::StepFree, true) => "Step-free access",
            (Self::StepFree, false) => "Not step-free",
            (Self::BuggySpace, true) => "Space for buggies",
            (Self::BuggySpace, false) => "No space for buggies",
            (Self::BabyChange, true) => "Baby changing",
            (Self::BabyChange, false) => "No baby changing",
            (Self::Parking, true) => "Parking",
            (Self::Parking, false) => "No parking",
            (Self::NearBusStop, true) => "A bus stop nearby",
            (Self::NearBusStop, false) => "No bus stop nearby",
        }
    }

    /// The fact in a list of things to ask about ("step-free access").
    pub fn to_ask(self) -> &'static str {
        match self {
            Self::StepFree => "step-free access",
            Self::BuggySpace => "buggy space",
            Self::BabyChange => "baby changing",
            Self::Parking => "parking",
            Self::NearBusStop => "buses",
        }
    }
}

impl Access {
    /// What the organiser said about `fact`.
    pub fn get(&self, fact: AccessFact) -> Option<bool> {
        match fact {
            AccessFact::StepFree => self.step_free,
            AccessFact::BuggySpace => self.buggy_space,
            AccessFact::BabyChange => self.baby_change,
            AccessFact::Parking => self.parking,
            AccessFact::NearBusStop => self.near_bus_stop,
        }
    }

    /// Sets what the organiser said about `fact`.
    pub fn set_said(&mut self, fact: AccessFact, said: Option<bool>) {
        let slot = match fact {
            AccessFact::StepFree => &mut self.step_free,
            AccessFact::BuggySpace => &mut self.buggy_space,
            AccessFact::BabyChange => &mut self.baby_change,
            AccessFact::Parking => &mut self.parking,
            AccessFact::NearBusStop => &mut self.near_bus_stop,
        };
        *slot = said;
    }

    /// What parents are told, in order: one line per fact the organiser
    /// gave, then "Ask the organiser about …" naming the ones they did not.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = AccessFact::ALL
            .into_iter()
            .filter_map(|fact| self.get(fact).map(|yes| fact.words(yes).to_owned()))
            .collect();
        let unsaid: Vec<&str> = AccessFact::ALL
            .into_iter()
            .filter(|fact| self.get(*fact).is_none())
            .map(AccessFact::to_ask)
            .collect();
        if !unsaid.is_empty() {
            lines.push(format!("Ask the organiser about {}", list(&unsaid)));
        }
        lines
    }
}

/// "a", "a and b", "a, b and c".
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Longest venue name, address line, town, and free words, in characters.
pub const MAX_VENUE_NAME_CHARS: usize = 120;
pub const MAX_ADDRESS_CHARS: usize = 200;
pub const MAX_TOWN_CHARS: usize = 80;
pub const MAX_VENUE_NOTES_CHARS: usize = 1_000;

/// A venue as an organiser typed it: each access fact `yes`, `no` or empty
/// (not said).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VenueForm {
    pub name: String,
    pub address: String,
    pub town: String,
    pub postcode: String,
    /// One answer per [`AccessFact::ALL`], in order.
    pub access: [String; 5],
    pub public_transport: String,
    pub notes: String,
}

impl VenueForm {
    /// The form's fields as a venue fills them, to edit it.
    pub fn of(venue: &Venue) -> Self {
        Self {
            name: venue.name.clone(),
            address: venue.address.clone(),
            town: venue.town.clone(),
            postcode: venue.postcode.clone(),
            access: AccessFact::ALL.map(|fact| {
                match venue.access.get(fact) {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "",
                }
                .to_owned()
            }),
            public_transport: venue.public_transport.clone(),
            notes: venue.notes.clone(),
        }
    }

    /// The fields as (name, value) pairs, as a form posts them.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = vec![
            ("name".to_owned(), self.name.clone()),
            ("address".to_owned(), self.address.clone()),
            ("town".to_owned(), self.town.clone()),
            ("postcode".to_owned(), self.postcode.clone()),
        ];
        pairs.extend(
            AccessFact::ALL
                .iter()
                .zip(&self.access)
                .map(|(fact, said)| (fact.code().to_owned(), said.clone())),
        );
        pairs.push(("public_transport".to_owned(), self.public_transport.clone()));
        pairs.push(("notes".to_owned(), self.notes.clone()));
        pairs
    }
}

/// Checks a venue, naming every problem at once beside its field. In a
/// group's form, where a new venue can be added too, the fields are named
/// `venue_name`, `venue_address` and so on.
pub fn venue(form: &VenueForm, in_group_form: bool) -> Result<Venue, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fault = |field: &'static str, message: String| {
        errors.push(FieldError {
            field: if in_group_form {
                in_group_form_name(field)
            } else {
                field
            },
            message,
        });
    };
    let name = line(
        &form.name,
        "name",
        "the venue's name",
        MAX_VENUE_NAME_CHARS,
        &mut fault,
    );
    if name.as_deref() == Some("") {
        fault(
            "name",
            "Please give the venue's name, such as \"Riverside Family Centre\".".into(),
        );
    }
    let address = line(
        &form.address,
        "address",
        "the address",
        MAX_ADDRESS_CHARS,
        &mut fault,
    );
    if address.as_deref() == Some("") {
        fault(
            "address",
            "Please give the street address, so parents can find it.".into(),
        );
    }
    let town = line(&form.town, "town", "the town", MAX_TOWN_CHARS, &mut fault);
    let postcode = match postcode(&form.postcode) {
        Ok(postcode) => Some(postcode),
        Err(message) => {
            fault("postcode", message.into());
            None
        }
    };
    let mut access = Access::default();
    for (fact, said) in AccessFact::ALL.into_iter().zip(&form.access) {
        match said.as_str() {
            "" => {}
            "yes" => access.set_said(fact, Some(true)),
            "no" => access.set_said(fact, Some(false)),
            _ => fault(fact.code(), "Please choose yes, no or not sure.".into()),
        }
    }
    let public_transport = line(
        &form.public_transport,
        "public_transport",
        "getting there",
        MAX_VENUE_NOTES_CHARS,
        &mut fault,
    );
    let notes = line(
        &form.notes,
        "notes",
        "the notes",
        MAX_VENUE_NOTES_CHARS,
        &mut fault,
    );
    match (name, address, town, postcode, public_transport, notes) {
        (
            Some(name),
            Some(address),
            Some(town),
            Some(postcode),
            Some(public_transport),
            Some(notes),
        ) if errors.is_empty() => Ok(Venue {
            name,
            address,
            town,
            postcode,
            access,
            public_transport,
            notes,
        }),
        _ => Err(errors),
    }
}

/// A venue field's name in a group's form.
fn in_group_form_name(field: &'static str) -> &'static str {
    match field {
        "name" => "venue_name",
        "address" => "venue_address",
        "town" => "venue_town",
        "postcode" => "venue_postcode",
        "step_free" => "venue_step_free",
        "buggy_space" => "venue_buggy_space",
        "baby_change" => "venue_baby_change",
        "parking" => "venue_parking",
        "near_bus_stop" => "venue_near_bus_stop",
        "public_transport" => "venue_public_transport",
        _ => "venue_notes",
    }
}

/// One line of free words, trimmed: `None` (with the fault named) when it
/// is too long or holds characters that cannot be shown.
fn line(
    text: &str,
    field: &'static str,
    what: &str,
    max: usize,
    fault: &mut impl FnMut(&'static str, String),
) -> Option<String> {
    let text = text.trim();
    if text.chars().count() > max {
        fault(field, format!("Please keep {what} to {max} characters."));
        return None;
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        fault(
            field,
            "This has characters that cannot be shown: please type it again.".into(),
        );
        return None;
    }
    // A venue's words show on every group that meets there, at once: no
    // place for a number or an address to send someone to.
    if crate::directions::sends_somewhere(text) {
        fault(
            field,
            "Please keep phone numbers and web or email addresses out of the venue: each group's contact has its own place.".into(),
        );
        return None;
    }
    Some(text.to_owned())
}

/// A UK postcode, written the usual way ("CF10 1AB"): the outward code (a
/// letter or two, a digit, perhaps a digit or letter) and the inward code
/// (a digit and two letters). Spaces and case do not matter.
/// The most characters the form takes for a postcode ("CF10 1AB" with room
/// for extra spaces, which `postcode` strips).
pub const MAX_POSTCODE_CHARS: usize = 10;

pub fn postcode(typed: &str) -> Result<String, &'static str> {
    let compact: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if compact.is_empty() {
        return Err("Please give the postcode, such as \"CF10 1AB\".");
    }
    let fits = compact.len() >= 5 && compact.len() <= 7 && compact.is_ascii() && {
        let (outward, inward) = compact.split_at(compact.len() - 3);
        let inward = inward.as_bytes();
        let outward = outward.as_bytes();
        inward[0].is_ascii_digit()
            && inward[1..].iter().all(u8::is_ascii_alphabetic)
            && outward[0].is_ascii_alphabetic()
            && outward.iter().any(u8::is_ascii_digit)
            && outward.iter().all(u8::is_ascii_alphanumeric)
    };
    if !fits {
        return Err(
            "That does not look like a UK postcode: please check it, such as \"CF10 1AB\".",
        );
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    Ok(format!("{outward} {inward}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> VenueForm {
        VenueForm {
            name: " Riverside Family Centre ".into(),
            address: "1 Quay Street".into(),
            town: "Riverton".into(),
            postcode: "cf101ab".into(),
            access: [
                "yes".into(),
                "no".into(),
                String::new(),
                String::new(),
                "yes".into(),
            ],
            public_transport: "The 22 bus stops outside".into(),
            notes: String::new(),
        }
    }

    #[test]
    fn a_venue_keeps_only_the_access_facts_the_organiser_gave() {
        let venue = venue(&form(), false).expect("a good venue");
        assert_eq!(venue.name, "Riverside Family Centre");
        assert_eq!(venue.postcode, "CF10 1AB");
        assert_eq!(
            venue.access,
            Access {
                step_free: Some(true),
                buggy_space: Some(false),
                baby_change: None,
                parking: None,
                near_bus_stop: Some(true),
            }
        );
        assert_eq!(
            venue.access.lines(),
            [
                "Step-free access",
                "No space for buggies",
                "A bus stop nearby",
                "Ask the organiser about baby changing and parking",
            ]
        );
        assert_eq!(VenueForm::of(&venue).access, form().access);
    }

    #[test]
    fn nothing_said_about_access_is_one_line_naming_what_to_ask() {
        assert_eq!(
            Access::default().lines(),
            ["Ask the organiser about step-free access, buggy space, baby changing, parking and buses"]
        );
    }

    #[test]
    fn every_problem_is_named_beside_its_field_with_the_forms_prefix() {
        let bad = VenueForm {
            name: "  ".into(),
            address: String::new(),
            postcode: "not a postcode".into(),
            access: [
                "maybe".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
            notes: "x".repeat(MAX_VENUE_NOTES_CHARS + 1),
            ..form()
        };
        let fields: Vec<&str> = venue(&bad, false)
            .expect_err("a bad venue")
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["name", "address", "postcode", "step_free", "notes"]
        );
        let fields: Vec<&str> = venue(&bad, true)
            .expect_err("a bad venue")
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "venue_name",
                "venue_address",
                "venue_postcode",
                "venue_step_free",
                "venue_notes"
            ]
        );
    }

    #[test]
    fn postcodes_are_written_the_usual_way_and_odd_ones_refused() {
        for (typed, written) in [
            ("cf10 1ab", "CF10 1AB"),
            ("M1 1AE", "M1 1AE"),
            ("b338th", "B33 8TH"),
            ("EC1A 1BB", "EC1A 1BB"),
            (" w1a0ax ", "W1A 0AX"),
        ] {
            assert_eq!(postcode(typed).as_deref(), Ok(written), "{typed}");
        }
        for odd in [
            "",
            "12345",
            "CF10",
            "CF10 1A1",
            "ABCDEFGHIJ",
            "CF10 1ÅB",
            "1F10 1AB",
        ] {
            assert!(postcode(odd).is_err(), "{odd}");
        }
    }

    #[test]
    fn a_venue_holds_no_phone_number_or_web_address() {
        let sneaky = VenueForm {
            notes: "Ring 07700 900123 at the door".into(),
            public_transport: "Map at evil.example.org".into(),
            ..form()
        };
        let fields: Vec<&str> = venue(&sneaky, false)
            .expect_err("refused")
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["public_transport", "notes"]);
    }

    #[test]
    fn hidden_characters_are_refused() {
        let bad = VenueForm {
            town: "River\u{0}ton".into(),
            ..form()
        };
        assert_eq!(
            venue(&bad, false).expect_err("a bad venue")[0].field,
            "town"
        );
    }
}
