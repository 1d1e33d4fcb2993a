//! Organisers' edits to a service, checked before anything is saved, and
//! which parts of an edit wait for an admin: a changed phone number or
//! crisis flag could send people in crisis to the wrong place.

use serde::{Deserialize, Serialize};

use super::{Referral, Service, ServicePhone};
use crate::{
    text_limits::{MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS},
    FieldError, PhoneNumber,
};

/// The most phone numbers a service lists.
pub const MAX_PHONES: usize = 3;
/// The longest note on a service's hours.
pub const MAX_HOURS_NOTE_CHARS: usize = MAX_NAME_CHARS * 2;

/// One phone row as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PhoneRow {
    pub number: String,
    pub label: String,
    pub call: bool,
    pub text: bool,
}

/// What an organiser typed to edit a service.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceForm {
    pub description: String,
    pub self_referral: bool,
    /// Steps one per line when people refer themselves; otherwise who refers them.
    pub referral: String,
    pub hours_note: String,
    pub url: String,
    pub phones: Vec<PhoneRow>,
    pub crisis: bool,
}

/// A checked edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceEdit {
    pub description: String,
    pub referral: Referral,
    pub hours_note: String,
    pub url: Option<String>,
    pub phones: Vec<ServicePhone>,
    pub crisis: bool,
}

/// Checks every field, reporting every problem at once.
pub fn service_edit(form: &ServiceForm) -> Result<ServiceEdit, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fault =
        |field: &'static str, message: String| errors.push(FieldError { field, message });
    let description = form.description.trim();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        fault(
            "description",
            format!("The description can have at most {MAX_DESCRIPTION_CHARS} characters."),
        );
    }
    let referral_text = form.referral.trim();
    if referral_text.chars().count() > MAX_DESCRIPTION_CHARS {
        fault(
            "referral",
            format!("This can have at most {MAX_DESCRIPTION_CHARS} characters."),
        );
    } else if !form.self_referral && referral_text.is_empty() {
        fault(
            "referral",
            "Please say who can refer people, such as \"your GP or health visitor\".".into(),
        );
    }
    let hours_note = form.hours_note.trim();
    if hours_note.chars().count() > MAX_HOURS_NOTE_CHARS {
        fault(
            "hours_note",
            format!(
                "The opening hours in words can have at most {} characters.",
                MAX_HOURS_NOTE_CHARS
            ),
        );
    }
    let url = form.url.trim();
    let url_ok = url.is_empty() || (crate::written::is_web_address(url) && url.len() <= 2_000);
    if !url_ok {
        fault(
            "url",
            "The website should be a full address starting with https://".into(),
        );
    }
    let mut phones = Vec::new();
    for row in form.phones.iter().filter(|r| !r.number.trim().is_empty()) {
        match PhoneNumber::parse(&row.number) {
            Err(e) => fault("phones", format!("{:?}: {e}", row.number.trim())),
            Ok(_) if !row.call && !row.text => fault(
                "phones",
                format!(
                    "Please say whether {} takes calls, texts or both.",
                    row.number.trim()
                ),
            ),
            Ok(_) if row.label.trim().chars().count() > MAX_NAME_CHARS => fault(
                "phones",
                format!("A phone's label can have at most {MAX_NAME_CHARS} characters."),
            ),
            Ok(number) => phones.push(ServicePhone {
                number,
                label: row.label.trim().to_owned(),
                call: row.call,
                text: row.text,
            }),
        }
    }
    if phones.len() > MAX_PHONES {
        fault(
            "phones",
            format!("A service can list at most {MAX_PHONES} numbers."),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let referral = if form.self_referral {
        Referral::Yourself {
            steps: referral_text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    } else {
        Referral::ReferredBy {
            who: referral_text.to_owned(),
        }
    };
    Ok(ServiceEdit {
        description: description.to_owned(),
        referral,
        hours_note: hours_note.to_owned(),
        url: (!url.is_empty()).then(|| url.to_owned()),
        phones,
        crisis: form.crisis,
    })
}

/// The parts of an edit that wait for an admin when an organiser makes
/// them, when they differ from now: the phones, the crisis flag, and the
/// words that can send a person somewhere (a new website, or a changed
/// description, referral steps or hours note holding a phone number, a web
/// address or an email: see [`crate::directions`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NeedsApproval {
    pub phones: Option<Vec<ServicePhone>>,
    pub crisis: Option<bool>,
    /// The description, referral, hours note and website, which wait (and
    /// are shown) together.
    pub details: Option<ServiceDetails>,
}

/// A service's words that can send someone somewhere.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ServiceDetails {
    pub description: String,
    pub referral: Referral,
    pub hours_note: String,
    pub url: Option<String>,
}

impl NeedsApproval {
    pub fn of(current: &Service, edit: &ServiceEdit) -> Self {
        let sends = |now: &str, new: &str| now != new && crate::directions::sends_somewhere(new);
        let steps = |referral: &Referral| match referral {
            Referral::Yourself { steps } => steps.join("\n"),
            Referral::ReferredBy { who } => who.clone(),
        };
        let details_wait = current.url != edit.url
            || sends(&current.description, &edit.description)
            || sends(&current.hours_note, &edit.hours_note)
            || (current.referral != edit.referral
                && crate::directions::sends_somewhere(&steps(&edit.referral)));
        Self {
            phones: (current.phones != edit.phones).then(|| edit.phones.clone()),
            crisis: (current.crisis != edit.crisis).then_some(edit.crisis),
            details: details_wait.then(|| ServiceDetails {
                description: edit.description.clone(),
                referral: edit.referral.clone(),
                hours_note: edit.hours_note.clone(),
                url: edit.url.clone(),
            }),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.phones.is_none() && self.crisis.is_none() && self.details.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::service::tests::service;

    fn form() -> ServiceForm {
        ServiceForm {
            description: " Talk to us. ".into(),
            self_referral: true,
            referral: "Call us.\n\n  Say hello. \n".into(),
            hours_note: "Weekdays".into(),
            url: "https://example.org/us".into(),
            phones: vec![
                PhoneRow {
                    number: "07700 900123".into(),
                    label: "Helpline".into(),
                    call: true,
                    text: false,
                },
                PhoneRow::default(),
            ],
            crisis: false,
        }
    }

    #[test]
    fn an_edit_is_tidied_and_checked() {
        let edit = service_edit(&form()).expect("valid");
        assert_eq!(edit.description, "Talk to us.");
        assert_eq!(
            edit.referral,
            Referral::Yourself {
                steps: vec!["Call us.".into(), "Say hello.".into()]
            }
        );
        assert_eq!(edit.phones.len(), 1, "empty rows are left out");
    }

    #[test]
    fn every_problem_is_named() {
        let bad = ServiceForm {
            self_referral: false,
            referral: " ".into(),
            url: "javascript:alert(1)".into(),
            phones: vec![
                PhoneRow {
                    number: "call us".into(),
                    call: true,
                    ..PhoneRow::default()
                },
                PhoneRow {
                    number: "07700 900124".into(),
                    ..PhoneRow::default()
                },
            ],
            ..form()
        };
        let fields: Vec<&str> = service_edit(&bad)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["referral", "url", "phones", "phones"]);
    }

    #[test]
    fn only_changed_phones_crisis_flags_and_words_that_send_someone_somewhere_wait() {
        let mut current = service("us", "Us");
        let edit = service_edit(&form()).expect("valid");
        current.phones = edit.phones.clone();
        // A new website waits for an admin, with the words beside it.
        assert!(NeedsApproval::of(&current, &edit).details.is_some());
        current.url = edit.url.clone();
        assert!(
            NeedsApproval::of(&current, &edit).is_empty(),
            "the same numbers: nothing waits"
        );
        let mut changed = edit.clone();
        changed.phones[0].number = PhoneNumber::parse("07700 900999").expect("number");
        changed.crisis = true;
        let waits = NeedsApproval::of(&current, &changed);
        assert_eq!(waits.phones.as_ref().map(Vec::len), Some(1));
        assert_eq!(waits.crisis, Some(true));
        assert_eq!(waits.details, None, "the words did not change");
        // Steps that now hold a number wait; plain new words do not.
        let mut steps = edit.clone();
        steps.referral = Referral::Yourself {
            steps: vec!["Ring 0300 123 4567 first.".into()],
        };
        assert!(NeedsApproval::of(&current, &steps).details.is_some());
        let mut plain = edit.clone();
        plain.description = "Tea and help with feeding.".into();
        assert!(NeedsApproval::of(&current, &plain).is_empty());
    }
}
