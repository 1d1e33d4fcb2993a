//! The person's own midwife, health visitor and GP numbers, which the crisis
//! card keeps on their device only.

use crate::phone::{PhoneNumber, PhoneNumberError};

/// Whose number it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContactRole {
    Midwife,
    HealthVisitor,
    Gp,
}

impl ContactRole {
    pub const ALL: [ContactRole; 3] = [
        ContactRole::Midwife,
        ContactRole::HealthVisitor,
        ContactRole::Gp,
    ];

    /// The key under which the browser keeps this number. Versioned, so a
    /// later format can move old values across.
    pub fn storage_key(self) -> &'static str {
        match self {
            ContactRole::Midwife => "village.my-contacts.v1.midwife",
            ContactRole::HealthVisitor => "village.my-contacts.v1.health-visitor",
            ContactRole::Gp => "village.my-contacts.v1.gp",
        }
    }

    /// A short id for form fields.
    pub fn field_id(self) -> &'static str {
        match self {
            ContactRole::Midwife => "midwife",
            ContactRole::HealthVisitor => "health-visitor",
            ContactRole::Gp => "gp",
        }
    }
}

/// The saved numbers; each may be missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MyContacts {
    pub midwife: Option<PhoneNumber>,
    pub health_visitor: Option<PhoneNumber>,
    pub gp: Option<PhoneNumber>,
}

impl MyContacts {
    pub fn get(&self, role: ContactRole) -> Option<&PhoneNumber> {
        match role {
            ContactRole::Midwife => self.midwife.as_ref(),
            ContactRole::HealthVisitor => self.health_visitor.as_ref(),
            ContactRole::Gp => self.gp.as_ref(),
        }
    }

    fn slot(&mut self, role: ContactRole) -> &mut Option<PhoneNumber> {
        match role {
            ContactRole::Midwife => &mut self.midwife,
            ContactRole::HealthVisitor => &mut self.health_visitor,
            ContactRole::Gp => &mut self.gp,
        }
    }

    pub fn is_empty(&self) -> bool {
        ContactRole::ALL
            .iter()
            .all(|role| self.get(*role).is_none())
    }

    /// Reads what the browser kept. A value that no longer parses is treated
    /// as missing, never as an error that hides the rest of the card.
    pub fn from_stored(read: impl Fn(&str) -> Option<String>) -> Self {
        let mut contacts = Self::default();
        for role in ContactRole::ALL {
            *contacts.slot(role) =
                read(role.storage_key()).and_then(|value| PhoneNumber::parse(&value).ok());
        }
        contacts
    }

    /// Checks what a person typed into the three fields. A blank field means
    /// "no number". Any error means nothing should be saved.
    pub fn from_form(
        typed: impl Fn(ContactRole) -> String,
    ) -> Result<Self, Vec<(ContactRole, PhoneNumberError)>> {
        let mut contacts = Self::default();
        let mut errors = Vec::new();
        for role in ContactRole::ALL {
            let value = typed(role);
            if value.trim().is_empty() {
                continue;
            }
            match PhoneNumber::parse(&value) {
                Ok(number) => *contacts.slot(role) = Some(number),
                Err(err) => errors.push((role, err)),
            }
        }
        if errors.is_empty() {
            Ok(contacts)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn blank_fields_mean_no_number() {
        let contacts = MyContacts::from_form(|role| match role {
            ContactRole::Midwife => "0113 496 0000".into(),
            _ => "  ".into(),
        })
        .expect("valid");
        assert_eq!(
            contacts.midwife.as_ref().map(|n| n.dial()),
            Some("01134960000".into())
        );
        assert!(contacts.gp.is_none());
        assert!(!contacts.is_empty());
    }

    #[test]
    fn any_bad_field_saves_nothing_and_names_the_field() {
        let result = MyContacts::from_form(|role| match role {
            ContactRole::Midwife => "0113 496 0000".into(),
            ContactRole::HealthVisitor => "ring me".into(),
            ContactRole::Gp => "12".into(),
        });
        let errors = result.expect_err("invalid");
        assert_eq!(
            errors,
            vec![
                (ContactRole::HealthVisitor, PhoneNumberError::BadCharacter),
                (ContactRole::Gp, PhoneNumberError::TooFewDigits),
            ]
        );
    }

    #[test]
    fn stored_values_that_do_not_parse_are_ignored() {
        let stored: HashMap<&str, &str> = HashMap::from([
            (ContactRole::Midwife.storage_key(), "0113 496 0000"),
            (ContactRole::Gp.storage_key(), "<script>"),
        ]);
        let contacts = MyContacts::from_stored(|key| stored.get(key).map(|v| v.to_string()));
        assert!(contacts.midwife.is_some());
        assert!(contacts.gp.is_none());
        assert!(contacts.health_visitor.is_none());
    }

    #[test]
    fn storage_keys_are_distinct() {
        let keys: std::collections::HashSet<_> =
            ContactRole::ALL.iter().map(|r| r.storage_key()).collect();
        assert_eq!(keys.len(), ContactRole::ALL.len());
    }
}
