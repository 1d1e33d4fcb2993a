//! Peer-support groups as people see them: who runs them, who is welcome,
//! where and how to join, and the plain facts that help someone decide to go.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::facts::Facts;
use super::schedule::{GroupTimes, Reach};
use super::venue::Venue;
use crate::AreaId;

/// A group's id, a readable slug used in `/groups/<id>` and in feed links.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct GroupId(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a group id: ids use lowercase letters a to z, digits and single dashes.")]
pub struct GroupIdError(String);

impl GroupId {
    pub fn parse(input: &str) -> Result<Self, GroupIdError> {
        // The same rules as area ids: short, readable, safe in any URL.
        AreaId::parse(input)
            .map(|slug| Self(slug.as_str().to_owned()))
            .map_err(|_| GroupIdError(input.chars().take(80).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for GroupId {
    type Error = GroupIdError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<GroupId> for String {
    fn from(id: GroupId) -> Self {
        id.0
    }
}

impl fmt::Display for GroupId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Is the group about parents' mental health, or a general parent group?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Focus {
    MentalHealth,
    General,
}
coded!(Focus { MentalHealth => "mental_health", General => "general" });

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Chat,
    Activity,
    Course,
    Walk,
    Talk,
}
coded!(Format { Chat => "chat", Activity => "activity", Course => "course", Walk => "walk", Talk => "talk" });

impl Format {
    pub fn words(self) -> &'static str {
        match self {
            Self::Chat => "A chat and a cuppa",
            Self::Activity => "An activity",
            Self::Course => "A course",
            Self::Walk => "A walk",
            Self::Talk => "A talk",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    InPerson,
    Online,
    Phone,
}
coded!(Attendance { InPerson => "in_person", Online => "online", Phone => "phone" });

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Booking {
    DropIn,
    BookAhead,
}
coded!(Booking { DropIn => "drop_in", BookAhead => "book_ahead" });

/// Who the group is for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    pub pregnant: bool,
    pub babies: bool,
    pub toddlers: bool,
    pub partners: bool,
    pub older_children: bool,
    /// Children's ages in months, where the group says.
    pub child_age_months: Option<(u16, u16)>,
}

/// How to join an online or phone group. The link is only ever here when
/// the organiser has said it may be public.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Joining {
    pub details: String,
    pub public_link: Option<String>,
}

/// Everything people see about a group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: GroupId,
    pub organisation_id: String,
    pub organisation_name: String,
    /// `None` for national and online groups, shown in every area.
    pub area: Option<AreaId>,
    pub title: String,
    pub description: String,
    pub focus: Focus,
    pub welcome: Welcome,
    pub attendance: Attendance,
    pub venue: Option<Venue>,
    pub joining: Joining,
    /// What it costs, whether to book, the contact, languages and the rest:
    /// each only as the organiser gave it.
    pub facts: Facts,
    /// Saved before organisers could give every fact, with some invented:
    /// an organiser should check its details.
    pub details_to_check: bool,
    pub last_confirmed: NaiveDate,
    /// The day the group was first listed in this Village (London's date),
    /// for "new group" news; `None` when not known or for sample groups
    /// (their seeding is not news).
    pub listed_on: Option<NaiveDate>,
    pub is_sample: bool,
    pub times: GroupTimes,
}

impl Group {
    pub fn is_free(&self) -> bool {
        self.facts.is_free()
    }

    pub fn is_national(&self) -> bool {
        self.times.reach() == Reach::National
    }

    /// The short labels shown on each session, in a fixed order. Free and
    /// Drop in only when the organiser said so.
    pub fn badges(&self) -> Vec<Badge> {
        let mut badges = Vec::new();
        if self.focus == Focus::MentalHealth {
            badges.push(Badge::MentalHealth);
        }
        if self.welcome.pregnant {
            badges.push(Badge::PregnantWelcome);
        }
        if self.welcome.babies {
            badges.push(Badge::BabiesWelcome);
        }
        if self.welcome.toddlers {
            badges.push(Badge::ToddlersWelcome);
        }
        if self.welcome.partners {
            badges.push(Badge::PartnersWelcome);
        }
        if self.is_free() {
            badges.push(Badge::Free);
        }
        match self.facts.booking {
            Some(Booking::DropIn) => badges.push(Badge::DropIn),
            Some(Booking::BookAhead) => badges.push(Badge::BookAhead),
            None => {}
        }
        badges
    }

    /// The badges in words, with a cost that is not free ("£3", "Pay what
    /// you can") beside them; nothing about cost or booking nobody gave.
    pub fn tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = self
            .badges()
            .into_iter()
            .map(|b| b.label().to_owned())
            .collect();
        let cost = match self.facts.cost {
            super::Cost::Amount { pence } => Some(super::facts::pounds(pence)),
            super::Cost::PayWhatYouCan => Some("Pay what you can".to_owned()),
            super::Cost::Free | super::Cost::NotKnown => None,
        };
        let at = self
            .badges()
            .iter()
            .position(|b| matches!(b, Badge::DropIn | Badge::BookAhead))
            .unwrap_or(tags.len());
        if let Some(cost) = cost {
            tags.insert(at, cost);
        }
        tags
    }
}

/// After this many months without an organiser confirming a group, parents
/// are told when it was last confirmed.
pub const NOT_CONFIRMED_AFTER_MONTHS: u32 = 6;
/// After this many months, the group may have stopped: it is no longer
/// suggested among the groups that still run in a break.
pub const MAY_HAVE_STOPPED_AFTER_MONTHS: u32 = 12;

/// How far parents can trust that a group's details are current.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", content = "last_confirmed", rename_all = "snake_case")]
pub enum Freshness {
    /// Confirmed within the last six months.
    Confirmed,
    /// Not confirmed for over six months: "Not confirmed since …".
    NotConfirmedSince(NaiveDate),
    /// Not confirmed for over a year: "This group may have stopped".
    MayHaveStopped(NaiveDate),
}

impl Group {
    /// Whether the group's details were confirmed recently enough, as of `today`.
    pub fn freshness(&self, today: NaiveDate) -> Freshness {
        let older_than = |months: u32| {
            self.last_confirmed
                .checked_add_months(chrono::Months::new(months))
                .is_none_or(|limit| limit < today)
        };
        if older_than(MAY_HAVE_STOPPED_AFTER_MONTHS) {
            Freshness::MayHaveStopped(self.last_confirmed)
        } else if older_than(NOT_CONFIRMED_AFTER_MONTHS) {
            Freshness::NotConfirmedSince(self.last_confirmed)
        } else {
            Freshness::Confirmed
        }
    }
}

impl Freshness {
    /// What parents are told, if anything: "Not confirmed since 1 June 2026."
    pub fn note(self) -> Option<String> {
        match self {
            Self::Confirmed => None,
            Self::NotConfirmedSince(day) => Some(format!(
                "Not confirmed since {}.",
                crate::written::long_day(day)
            )),
            Self::MayHaveStopped(day) => Some(format!(
                "Not confirmed since {}. This group may have stopped: check with the organiser.",
                crate::written::long_day(day)
            )),
        }
    }
}

impl AsRef<Group> for Group {
    fn as_ref(&self) -> &Group {
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Badge {
    MentalHealth,
    PregnantWelcome,
    BabiesWelcome,
    ToddlersWelcome,
    PartnersWelcome,
    Free,
    DropIn,
    BookAhead,
}

impl Badge {
    pub fn label(self) -> &'static str {
        match self {
            Self::MentalHealth => "Mental health support",
            Self::PregnantWelcome => "Pregnant welcome",
            Self::BabiesWelcome => "Babies welcome",
            Self::ToddlersWelcome => "Toddlers welcome",
            Self::PartnersWelcome => "Partners welcome",
            Self::Free => "Free",
            Self::DropIn => "Drop in",
            Self::BookAhead => "Book ahead",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for f in Focus::ALL {
            assert_eq!(Focus::from_code(f.code()), Some(f));
        }
        for f in Format::ALL {
            assert_eq!(Format::from_code(f.code()), Some(f));
        }
        for a in Attendance::ALL {
            assert_eq!(Attendance::from_code(a.code()), Some(a));
        }
        for b in Booking::ALL {
            assert_eq!(Booking::from_code(b.code()), Some(b));
        }
        assert_eq!(Focus::from_code("nonsense"), None);
    }

    #[test]
    fn group_ids_are_slugs() {
        assert!(GroupId::parse("riverside-bumps-chat").is_ok());
        assert!(GroupId::parse("Bad Id").is_err());
        assert!(GroupId::parse("").is_err());
    }
}
