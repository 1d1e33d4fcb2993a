//! A service in the directory, aligned with Open Referral's HSDS 3 (a
//! service, its organisation, phones, languages, hours, area, cost,
//! eligibility and the date it was last confirmed) plus what Village adds:
//! whether you can refer yourself and how, who it is for, at which stage,
//! how you reach it, and whether it is a crisis service.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::{AreaId, PhoneNumber};

/// A service's id: HSDS ids are usually UUIDs; Village's own are slugs.
/// Lowercase letters, digits and dashes, 1 to 64 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ServiceId(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a service id: use 1 to 64 lowercase letters, digits and dashes")]
pub struct ServiceIdError(pub String);

impl ServiceId {
    pub fn parse(raw: &str) -> Result<Self, ServiceIdError> {
        let ok = (1..=64).contains(&raw.len())
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !raw.starts_with('-')
            && !raw.ends_with('-');
        if ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err(ServiceIdError(raw.chars().take(80).collect()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ServiceId {
    type Error = ServiceIdError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ServiceId> for String {
    fn from(id: ServiceId) -> Self {
        id.0
    }
}

impl fmt::Display for ServiceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

labelled! {
    /// HSDS 3's service status.
    Status {
        Active => "active", "Running";
        Inactive => "inactive", "Not running at the moment";
        Defunct => "defunct", "Closed";
        TemporarilyClosed => "temporarily closed", "Closed for now";
    }
}

labelled! {
    /// How someone reaches the service.
    Mode {
        Phone => "phone", "Phone";
        Text => "text", "Text message";
        Online => "online", "Online";
        InPerson => "in-person", "In person";
    }
}

labelled! {
    /// The perinatal stages a service is for.
    Stage {
        Pregnancy => "pregnancy", "Pregnancy";
        BirthToOne => "birth-to-one", "Baby under 1";
        OneToTwo => "one-to-two", "Baby 1 to 2";
        Toddler => "toddler", "Toddler";
    }
}

labelled! {
    /// Who a service is for.
    Audience {
        Mothers => "mothers", "Mothers and birthing parents";
        Partners => "partners", "Partners";
        Dads => "dads", "Dads";
        Families => "families", "Families";
    }
}

labelled! {
    /// What a service helps with, for the plain-words ways in.
    Topic {
        PeerSupport => "peer-support", "Talking to people who get it";
        Counselling => "counselling", "Talking therapy and counselling";
        BirthTrauma => "birth-trauma", "After a difficult birth";
        Feeding => "feeding", "Feeding";
        Anxiety => "anxiety", "Anxiety";
        Depression => "depression", "Low mood and depression";
        Loss => "loss", "Baby loss";
        Crisis => "crisis", "Crisis support";
    }
}

/// Whether someone can contact the service themselves, and how; or who
/// refers them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "self_referral", rename_all = "snake_case")]
pub enum Referral {
    /// You can refer yourself: the steps, one per line.
    Yourself { steps: Vec<String> },
    /// Someone else refers you (for example a GP or health visitor).
    ReferredBy { who: String },
}

impl Referral {
    /// `false` when nobody said how to get support (someone refers you,
    /// but who is not given): the page then says to ask.
    pub fn is_known(&self) -> bool {
        !matches!(self, Self::ReferredBy { who } if who.trim().is_empty())
    }

    pub fn is_self(&self) -> bool {
        matches!(self, Referral::Yourself { .. })
    }
}

/// A phone number for the service: to call, to text, or both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePhone {
    pub number: PhoneNumber,
    /// What the number is for, such as "Helpline".
    pub label: String,
    pub call: bool,
    pub text: bool,
}

/// When a service is open: always, or on certain days between two times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hours {
    Always,
    Weekly(Vec<Opening>),
    /// Not given; "open now" cannot say.
    Unknown,
}

/// One weekly opening, London wall-clock times. `closes` before `opens`
/// means open past midnight.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    #[serde(with = "weekday_code")]
    pub day: Weekday,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

impl Hours {
    /// Whether it is open at this London wall-clock moment; `None` when the
    /// hours are not known.
    pub fn open_at(&self, day: NaiveDate, time: NaiveTime) -> Option<bool> {
        match self {
            Hours::Always => Some(true),
            Hours::Unknown => None,
            Hours::Weekly(openings) => Some(openings.iter().any(|o| {
                if o.opens < o.closes {
                    o.day == day.weekday() && time >= o.opens && time < o.closes
                } else {
                    // Past midnight: the evening part, or the small hours of the next day.
                    (o.day == day.weekday() && time >= o.opens)
                        || (o.day.succ() == day.weekday() && time < o.closes)
                }
            })),
        }
    }
}

mod weekday_code {
    use chrono::Weekday;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&day.to_string().to_lowercase())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let text = String::deserialize(d)?;
        text.parse::<Weekday>()
            .map_err(|_| serde::de::Error::custom(format!("{text:?} is not a day of the week")))
    }
}

/// Where a service is, when it has a place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub address: String,
    /// The address's second line, as the source gave it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address_2: String,
    pub town: String,
    pub postcode: String,
    /// The country (ISO 3166-1 alpha-2, as HSDS writes it) when a file gave
    /// one other than the United Kingdom, where every other place is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Step-free access, toilets, baby changing… in plain words.
    pub accessibility: Vec<String>,
}

/// A directory entry, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: ServiceId,
    pub name: String,
    pub organisation: String,
    pub description: String,
    pub status: Status,
    pub url: Option<String>,
    pub email: Option<String>,
    pub phones: Vec<ServicePhone>,
    pub referral: Referral,
    pub audiences: Vec<Audience>,
    pub stages: Vec<Stage>,
    pub modes: Vec<Mode>,
    pub topics: Vec<Topic>,
    pub crisis: bool,
    pub hours: Hours,
    /// Opening hours in words, for what the structure cannot say.
    pub hours_note: String,
    /// The last day the hours hold, when the source said they end (an HSDS
    /// schedule's `valid_to` or `until`): after it they are not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_until: Option<NaiveDate>,
    pub languages: Vec<String>,
    pub eligibility: String,
    /// What it costs, as the source said it, or not known.
    pub cost: ServiceCost,
    pub place: Option<Place>,
    /// The areas it serves; empty means national (shown everywhere),
    /// unless `other_areas` names some.
    pub areas: Vec<AreaId>,
    /// Service areas a file gave that match no Village area, by their
    /// names: kept, and the service is shown in no other area until an
    /// admin maps them (`import-hsds --area-map`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_areas: Vec<String>,
    /// The source did not say where it serves (an HSDS file from elsewhere
    /// with no service area): shown in no area, never as national.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub area_not_known: bool,
    /// The day someone last confirmed the details; `None`: not yet (a
    /// file that gave no `assured_date`).
    pub last_confirmed: Option<NaiveDate>,
    pub is_sample: bool,
}

/// What a service costs. A source that says nothing about cost gives
/// `NotKnown`, shown as "ask", never as free.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "words", rename_all = "snake_case")]
pub enum ServiceCost {
    #[default]
    NotKnown,
    Free,
    /// In the source's words, such as "£6 a class".
    Described(String),
}

impl ServiceCost {
    /// Words for a price, or not known when there are none.
    pub fn described(words: &str) -> Self {
        let words = words.trim();
        if words.is_empty() {
            Self::NotKnown
        } else {
            Self::Described(words.to_owned())
        }
    }
}

/// How old a confirmation can be before the page says so.
pub const STALE_AFTER_DAYS: u64 = 365;

impl Service {
    /// Only when the source said so.
    pub fn is_free(&self) -> bool {
        self.cost == ServiceCost::Free
    }

    pub fn is_national(&self) -> bool {
        self.areas.is_empty() && self.other_areas.is_empty() && !self.area_not_known
    }

    /// Confirmed, but over a year ago (never confirmed is not stale: it
    /// is [`Service::is_unconfirmed`]).
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        self.last_confirmed.is_some_and(|day| {
            day.checked_add_days(Days::new(STALE_AFTER_DAYS))
                .is_some_and(|limit| limit < today)
        })
    }

    /// The hours on `day`: not known once they have ended.
    pub fn hours_on(&self, day: NaiveDate) -> &Hours {
        static NOT_KNOWN: Hours = Hours::Unknown;
        if self.hours_until.is_some_and(|last| last < day) {
            &NOT_KNOWN
        } else {
            &self.hours
        }
    }

    /// The service as it stands on `day`: hours that have ended (and their
    /// words) are left out, so they are never shown as today's.
    pub fn as_of(&self, day: NaiveDate) -> Service {
        let mut service = self.clone();
        if self.hours_until.is_some_and(|last| last < day) {
            service.hours = Hours::Unknown;
            service.hours_note.clear();
        }
        service
    }

    /// Nobody has confirmed the details yet (a file gave no `assured_date`).
    pub fn is_unconfirmed(&self) -> bool {
        self.last_confirmed.is_none()
    }

    /// Shown in an area: its own services and national ones.
    pub fn serves(&self, area: &AreaId) -> bool {
        self.is_national() || self.areas.contains(area)
    }

    pub fn speaks(&self, language: &str) -> bool {
        self.languages
            .iter()
            .any(|l| l.eq_ignore_ascii_case(language))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn service(id: &str, name: &str) -> Service {
        Service {
            id: ServiceId::parse(id).expect("test id"),
            name: name.to_owned(),
            organisation: "Test charity".to_owned(),
            description: String::new(),
            status: Status::Active,
            url: None,
            email: None,
            phones: Vec::new(),
            referral: Referral::ReferredBy {
                who: "your GP".to_owned(),
            },
            audiences: vec![Audience::Mothers],
            stages: vec![Stage::BirthToOne],
            modes: vec![Mode::Phone],
            topics: Vec::new(),
            crisis: false,
            hours: Hours::Unknown,
            hours_note: String::new(),
            hours_until: None,
            languages: vec!["English".to_owned()],
            eligibility: String::new(),
            cost: ServiceCost::Free,
            place: None,
            areas: Vec::new(),
            other_areas: Vec::new(),
            area_not_known: false,
            last_confirmed: NaiveDate::from_ymd_opt(2026, 6, 1),
            is_sample: false,
        }
    }

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("time")
    }

    #[test]
    fn ids_are_slugs_or_uuids() {
        assert!(ServiceId::parse("pandas-helpline").is_ok());
        assert!(ServiceId::parse("3f2a9c1e-7b4d-4e8a-9f00-1a2b3c4d5e6f").is_ok());
        for bad in ["", "-a", "a-", "A", "a b", &"a".repeat(65)] {
            assert!(ServiceId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn open_now_follows_the_weekly_hours_including_past_midnight() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).expect("a Monday");
        let tuesday = monday.succ_opt().expect("day");
        let hours = Hours::Weekly(vec![
            Opening {
                day: Weekday::Mon,
                opens: at(9, 0),
                closes: at(17, 0),
            },
            Opening {
                day: Weekday::Mon,
                opens: at(22, 0),
                closes: at(2, 0),
            },
        ]);
        assert_eq!(hours.open_at(monday, at(8, 59)), Some(false));
        assert_eq!(hours.open_at(monday, at(9, 0)), Some(true));
        assert_eq!(hours.open_at(monday, at(17, 0)), Some(false));
        assert_eq!(hours.open_at(monday, at(23, 0)), Some(true));
        assert_eq!(hours.open_at(tuesday, at(1, 59)), Some(true));
        assert_eq!(hours.open_at(tuesday, at(2, 0)), Some(false));
        assert_eq!(Hours::Always.open_at(monday, at(3, 0)), Some(true));
        assert_eq!(Hours::Unknown.open_at(monday, at(3, 0)), None);
    }

    #[test]
    fn stale_after_a_year_without_confirmation() {
        let s = service("a", "A");
        assert!(!s.is_stale(NaiveDate::from_ymd_opt(2027, 6, 1).expect("day")));
        assert!(s.is_stale(NaiveDate::from_ymd_opt(2027, 6, 2).expect("day")));
    }
}
