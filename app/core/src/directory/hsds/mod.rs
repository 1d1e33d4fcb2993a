//! Open Referral HSDS 3 files: the standard way directories share services.
//!
//! [`read`] turns a file (a JSON array of service objects, or the paged
//! `{"contents": [...]}` form) into checked [`Record`]s, reporting every
//! fault at once; [`write`] produces the same shape, so that writing then
//! reading gives back what was written.
//!
//! Files Village writes validate against the official HSDS 3.0 compiled
//! schemas: every `id` is a UUID derived from Village's own id
//! ([`uuid_for`], UUIDv5, so the same record has the same UUID in every
//! export), and Village's readable ids travel as a `village-id` attribute
//! so that reading the file back keeps links working. Standard fields carry
//! what they mean in HSDS (`application_process` holds how to refer
//! yourself, `assured_date` the day it was last confirmed). What HSDS has no
//! field for travels as `attributes` whose taxonomy term is in the
//! `village` taxonomy ([`VillageAttribute`]); a service area names the
//! Village area it means by the URI `urn:village:area:<id>`, and a national
//! service has one service area, the United Kingdom ([`NATIONAL_AREA_URI`]).
//! Nothing is written that nobody said: a cost, hours, a way to get support
//! or a crisis flag that is not known is left out.

mod group;
mod read;
pub mod shape;
mod write;

pub use group::{GroupRecord, MAX_SESSION_MINUTES};
pub use read::{read, read_reporting, Fault, Known, ReadError, Report, MAX_DEPTH, MAX_FILE_BYTES};
pub use write::write;

use serde::{Deserialize, Serialize};

use super::Service;
use crate::OrganisationDetails;

/// One service and the organisation that runs it, as a file carries them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub organisation_id: String,
    /// The organisation's details when the file gives them; `None` when the
    /// file only names an organisation Village already has.
    pub organisation: Option<OrganisationDetails>,
    pub service: Service,
}

/// What a file holds: directory services and peer-support groups.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contents {
    pub services: Vec<Record>,
    pub groups: Vec<GroupRecord>,
}

labelled! {
    /// Village's own fields, carried as HSDS attributes in the `village`
    /// taxonomy: the term's code is this code, the attribute's value the
    /// field's value (`yes`/`no`, or one code per attribute for lists).
    VillageAttribute {
        SelfReferral => "self-referral", "Can refer yourself (yes or no)";
        Crisis => "crisis", "Crisis service (yes or no)";
        Audience => "audience", "Who it is for";
        Stage => "stage", "Stage of pregnancy or parenthood";
        Mode => "mode", "How you reach it";
        Topic => "topic", "What it helps with";
        Sample => "sample", "Made-up sample record (yes or no)";
        VillageId => "village-id", "Village's own id for this record";
        Kind => "kind", "What the record is in Village (group or service)";
        Focus => "focus", "A group about parents' mental health, or a general one";
        GroupFormat => "format", "What kind of group it is (chat, activity, course, walk, talk)";
        Welcome => "welcome", "Who is welcome (pregnant, babies, toddlers, partners, older children)";
        ChildAges => "child-ages", "Children's ages welcome, in months (from-to)";
        Attendance => "attendance", "How people attend (in person, online, phone)";
        Joining => "joining", "How to join an online or phone group";
        Booking => "booking", "Drop in or book ahead";
        RunBy => "run-by", "Who runs it (peers, professionals, both)";
        FacilitatedBy => "facilitated-by", "Who runs it, in the organiser's words";
        Moderated => "moderated", "Someone keeps an online group safe (yes or no)";
        TypicalSize => "typical-size", "How many usually come";
        TakingNewMembers => "taking-new-members", "Taking new members (yes or no)";
        NextCourseStart => "next-course-start", "The day the next course starts";
        FirstVisit => "first-visit", "Your first visit: what happens when you walk in";
        DetailsToCheck => "details-to-check", "Some details need checking by the organiser (yes)";
        Exception => "exception", "A cancelled, extra or moved session (JSON)";
        Term => "term", "Whether school terms govern a schedule";
        SkipsBankHolidays => "skips-bank-holidays", "A schedule skips bank holidays (yes or no)";
        StepFree => "step-free", "Step-free access (yes or no)";
        BuggySpace => "buggy-space", "Space to leave buggies (yes or no)";
        BabyChange => "baby-change", "Baby changing (yes or no)";
        Parking => "parking", "Parking (yes or no)";
        NearBusStop => "near-bus-stop", "A bus stop nearby (yes or no)";
    }
}

/// The United Kingdom as the Office for National Statistics names it
/// (statistical geography K02000001): the service area of a national service.
pub const NATIONAL_AREA_URI: &str =
    "http://statistics.data.gov.uk/id/statistical-geography/K02000001";

/// How a service area names a Village area: this, then the area's id.
pub const AREA_URI_PREFIX: &str = "urn:village:area:";

/// Village's namespace for UUIDv5 (RFC 9562 §5.5), chosen once.
const NAMESPACE: [u8; 16] = [
    0x3c, 0x1e, 0x7a, 0x52, 0x9b, 0x04, 0x4d, 0x6f, 0x8e, 0x21, 0x5a, 0xc7, 0x0d, 0x93, 0x66, 0xb8,
];

/// The UUID of one of Village's records in HSDS files, from what it is and
/// its own id (`"service:riverside-talk"`, `"service:riverside-talk/phone/1"`):
/// the same every time, and different for anything else.
pub fn uuid_for(name: &str) -> String {
    use sha1::{Digest, Sha1};
    let mut hasher = Sha1::new();
    hasher.update(NAMESPACE);
    hasher.update(name.as_bytes());
    let digest = hasher.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The taxonomy Village's attributes belong to.
pub const TAXONOMY: &str = "village";

impl VillageAttribute {
    /// The id of this attribute's term: what Village's own files give as
    /// `taxonomy_term_id`, without the term object (HSDS 3 makes it
    /// optional, and it was a third of a national export).
    pub fn term_id(self) -> String {
        uuid_for(&format!("term:{}", self.code()))
    }

    /// The attribute whose term has this id, if it is one of Village's.
    pub fn from_term_id(id: &str) -> Option<Self> {
        static TERM_IDS: std::sync::LazyLock<Vec<(String, VillageAttribute)>> =
            std::sync::LazyLock::new(|| {
                VillageAttribute::ALL
                    .iter()
                    .map(|kind| (kind.term_id(), *kind))
                    .collect()
            });
        TERM_IDS
            .iter()
            .find(|(term, _)| term.eq_ignore_ascii_case(id))
            .map(|(_, kind)| *kind)
    }
}

/// The code of the Village attribute an HSDS attribute object carries, if
/// it carries one: a term in the `village` taxonomy gives its `code`; a
/// term id `village:<code>` its code; one of the ids Village gives its
/// terms ([`VillageAttribute::term_id`]) that attribute's code, with or
/// without the term object. `None` for anyone else's attribute.
pub(super) fn village_code(attribute: &serde_json::Value) -> Option<&str> {
    use serde_json::Value;
    let term_id = attribute
        .get("taxonomy_term_id")
        .or_else(|| attribute.pointer("/taxonomy_term/id"))
        .and_then(Value::as_str);
    // A term that names its taxonomy is Village's only if that is Village's.
    if let Some(taxonomy) = attribute
        .pointer("/taxonomy_term/taxonomy")
        .and_then(Value::as_str)
    {
        return taxonomy.eq_ignore_ascii_case(TAXONOMY).then(|| {
            attribute
                .pointer("/taxonomy_term/code")
                .and_then(Value::as_str)
                .unwrap_or_default()
        });
    }
    let term_id = term_id?;
    term_id
        .strip_prefix("village:")
        .or_else(|| VillageAttribute::from_term_id(term_id).map(VillageAttribute::code))
}

/// Weekdays in iCalendar's two-letter form, as HSDS schedules write them.
const DAYS: [(chrono::Weekday, &str); 7] = [
    (chrono::Weekday::Mon, "MO"),
    (chrono::Weekday::Tue, "TU"),
    (chrono::Weekday::Wed, "WE"),
    (chrono::Weekday::Thu, "TH"),
    (chrono::Weekday::Fri, "FR"),
    (chrono::Weekday::Sat, "SA"),
    (chrono::Weekday::Sun, "SU"),
];

#[cfg(test)]
mod tests;
