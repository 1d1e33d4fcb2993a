//! Organisations: the charities, NHS teams and groups that run support.

use serde::{Deserialize, Serialize};

use crate::text_limits::{MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS};

/// Most characters in a website address.
pub const MAX_URL_CHARS: usize = 2_000;

/// An organisation's details as someone entered them, checked field by field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDetails {
    name: String,
    description: String,
    website: Option<String>,
}

/// One thing wrong with one field, in words a person can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl OrganisationDetails {
    /// Checks every field and reports every problem at once, so a person can
    /// fix them all in one go.
    pub fn parse(
        name: &str,
        description: &str,
        website: Option<&str>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = name.trim();
        if name.is_empty() {
            errors.push(FieldError {
                field: "name",
                message: "Please give the organisation's name.".into(),
            });
        } else if name.chars().count() > MAX_NAME_CHARS {
            errors.push(FieldError {
                field: "name",
                message: format!("The name can have at most {MAX_NAME_CHARS} characters."),
            });
        }
        let description = description.trim();
        if description.chars().count() > MAX_DESCRIPTION_CHARS {
            errors.push(FieldError {
                field: "description",
                message: format!(
                    "The description can have at most {MAX_DESCRIPTION_CHARS} characters."
                ),
            });
        }
        let website = website.map(str::trim).filter(|w| !w.is_empty());
        if let Some(url) = website {
            if url.chars().count() > MAX_URL_CHARS {
                errors.push(FieldError {
                    field: "website",
                    message: "That website address is too long.".into(),
                });
            } else if !crate::written::is_web_address(url) {
                errors.push(FieldError {
                    field: "website",
                    message: "The website should be a full address starting with https://".into(),
                });
            }
        }
        if errors.is_empty() {
            Ok(Self {
                name: name.to_owned(),
                description: description.to_owned(),
                website: website.map(str::to_owned),
            })
        } else {
            Err(errors)
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn description(&self) -> &str {
        &self.description
    }
    pub fn website(&self) -> Option<&str> {
        self.website.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_and_tidies_good_details() {
        let org = OrganisationDetails::parse(
            "  Riverside Mums ",
            "Peer support.",
            Some(" https://example.org/groups "),
        )
        .expect("valid");
        assert_eq!(org.name(), "Riverside Mums");
        assert_eq!(org.website(), Some("https://example.org/groups"));
        let org = OrganisationDetails::parse("A", "", Some("   ")).expect("valid");
        assert_eq!(org.website(), None);
    }

    #[test]
    fn reports_every_problem_at_once() {
        let errors = OrganisationDetails::parse(
            "",
            &"x".repeat(MAX_DESCRIPTION_CHARS + 1),
            Some("javascript:alert(1)"),
        )
        .expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "description", "website"]);
    }

    proptest! {
        #[test]
        fn accepted_details_respect_the_limits(
            name in "\\PC{0,150}",
            description in "\\PC{0,50}",
            website in proptest::option::of("\\PC{0,40}"),
        ) {
            if let Ok(org) = OrganisationDetails::parse(&name, &description, website.as_deref()) {
                prop_assert!(!org.name().is_empty());
                prop_assert!(org.name().chars().count() <= MAX_NAME_CHARS);
                if let Some(w) = org.website() {
                    prop_assert!(w.starts_with("http://") || w.starts_with("https://"));
                }
            }
        }
    }
}
