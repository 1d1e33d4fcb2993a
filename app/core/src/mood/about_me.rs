//! "About me", told once: a short card the person fills in when they feel
//! able, to show or print at an appointment instead of explaining again. It
//! lives in the diary on the phone, sealed by the lock like every check-in.

use serde::{Deserialize, Serialize};

/// The longest answer kept for one question, in characters.
pub const MAX_ANSWER_CHARS: usize = 1_000;

labelled! {
    /// The card's questions, in the order they are asked and printed.
    Part {
        WantKnown => "want-known", "What I want people to know";
        MakesWorse => "makes-worse", "What makes things worse";
        Helps => "helps", "What helps";
        Support => "support", "Who is supporting me";
        BirthFeeding => "birth-feeding", "My birth and feeding wishes";
        Medicines => "medicines", "Medicines I take";
    }
}

impl Part {
    /// A short hint under the question.
    pub fn hint(self) -> &'static str {
        match self {
            Part::WantKnown => {
                "For example: how you have been feeling, or what you find hard to say."
            }
            Part::MakesWorse => {
                "For example: being rushed, lack of sleep, being asked the same questions again."
            }
            Part::Helps => "For example: a quiet room, someone with you, being asked directly.",
            Part::Support => "Family, friends, a group, or a professional who knows you.",
            Part::BirthFeeding => "Only if you want to share them.",
            Part::Medicines => "Names and doses, if you know them.",
        }
    }
}

/// The answers, each optional; a question left empty is not printed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Stored", into = "Stored")]
pub struct AboutMe {
    answers: Vec<(Part, String)>,
    saved_at: i64,
}

/// What is wrong with the card, in words that say what to change.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AboutMeError {
    #[error("\"{part}\" is {chars} characters long; the most is {MAX_ANSWER_CHARS}")]
    TooLong { part: &'static str, chars: usize },
}

impl AboutMe {
    /// Checks the answers typed in the form; empty ones are left out.
    pub fn new(
        typed: impl IntoIterator<Item = (Part, String)>,
        saved_at: i64,
    ) -> Result<Self, AboutMeError> {
        let mut answers: Vec<(Part, String)> = Vec::new();
        for (part, text) in typed {
            let text = text.trim().to_owned();
            let chars = text.chars().count();
            if chars > MAX_ANSWER_CHARS {
                return Err(AboutMeError::TooLong {
                    part: part.label(),
                    chars,
                });
            }
            if !text.is_empty() {
                answers.retain(|(p, _)| *p != part);
                answers.push((part, text));
            }
        }
        answers.sort_by_key(|(part, _)| *part);
        Ok(Self { answers, saved_at })
    }

    pub fn get(&self, part: Part) -> &str {
        self.answers
            .iter()
            .find(|(p, _)| *p == part)
            .map_or("", |(_, text)| text.as_str())
    }

    /// The answers given, in the card's order.
    pub fn answers(&self) -> &[(Part, String)] {
        &self.answers
    }

    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    pub fn saved_at(&self) -> i64 {
        self.saved_at
    }

    /// Whether this card, from a file, should replace the one kept: it was
    /// saved later (or none is kept).
    pub fn replaces(&self, kept: Option<&AboutMe>) -> bool {
        kept.is_none_or(|kept| self.saved_at > kept.saved_at)
    }
}

/// The shape kept in storage and files: answers keyed by the part's code.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    answers: std::collections::BTreeMap<Part, String>,
    saved_at: i64,
}

impl TryFrom<Stored> for AboutMe {
    type Error = AboutMeError;
    fn try_from(stored: Stored) -> Result<Self, Self::Error> {
        AboutMe::new(stored.answers, stored.saved_at)
    }
}

impl From<AboutMe> for Stored {
    fn from(card: AboutMe) -> Self {
        Stored {
            answers: card.answers.into_iter().collect(),
            saved_at: card.saved_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_answers_are_left_out_and_the_rest_keep_the_cards_order() {
        let card = AboutMe::new(
            [
                (Part::Medicines, "Sertraline 50mg".to_owned()),
                (Part::Helps, "  ".to_owned()),
                (
                    Part::WantKnown,
                    " I find it hard to say how I feel. ".to_owned(),
                ),
            ],
            5,
        )
        .expect("valid");
        let parts: Vec<Part> = card.answers().iter().map(|(p, _)| *p).collect();
        assert_eq!(parts, [Part::WantKnown, Part::Medicines]);
        assert_eq!(
            card.get(Part::WantKnown),
            "I find it hard to say how I feel."
        );
        assert_eq!(card.get(Part::Helps), "");
    }

    #[test]
    fn a_card_from_a_file_replaces_the_kept_one_only_when_saved_later() {
        let card = |at| AboutMe::new([(Part::Helps, format!("v{at}"))], at).expect("card");
        assert!(card(2).replaces(None));
        assert!(card(2).replaces(Some(&card(1))));
        assert!(!card(1).replaces(Some(&card(2))));
        assert!(!card(2).replaces(Some(&card(2))));
    }

    #[test]
    fn a_long_answer_is_refused_by_name() {
        let long = "a".repeat(MAX_ANSWER_CHARS + 1);
        assert_eq!(
            AboutMe::new([(Part::Helps, long)], 1),
            Err(AboutMeError::TooLong {
                part: "What helps",
                chars: MAX_ANSWER_CHARS + 1
            })
        );
    }

    #[test]
    fn the_card_survives_storage_and_a_stored_card_is_checked_on_the_way_back() {
        let card = AboutMe::new([(Part::Support, "My mum".to_owned())], 9).expect("valid");
        let json = serde_json::to_string(&card).expect("json");
        assert_eq!(serde_json::from_str::<AboutMe>(&json).expect("back"), card);
        let too_long = format!(
            "{{\"answers\":{{\"helps\":\"{}\"}},\"saved_at\":1}}",
            "a".repeat(MAX_ANSWER_CHARS + 1)
        );
        assert!(serde_json::from_str::<AboutMe>(&too_long).is_err());
        assert!(
            serde_json::from_str::<AboutMe>("{\"answers\":{\"nope\":\"x\"},\"saved_at\":1}")
                .is_err()
        );
    }
}
