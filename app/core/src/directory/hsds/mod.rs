//! Open Referral HSDS 3 files: the standard way directories share services.
//!
//! [`read`] turns a file (a JSON array of service objects, or the paged
//! `{"contents": [...]}` form) into checked [`Record`]s, reporting every
//! fault at once; [`write`] produces the same shape, so that writing then
//! reading gives back what was written.
//!
//! Standard fields carry what they mean in HSDS (`application_process` holds
//! how to refer yourself, `assured_date` the day it was last confirmed).
//! What HSDS has no field for travels as `attributes` whose taxonomy term is
//! in the `village` taxonomy ([`VillageAttribute`]); a service area names the
//! Village area it means in the extension field `village_area_id`.

mod read;
mod write;

pub use read::{read, Fault, Known, ReadError, MAX_DEPTH, MAX_FILE_BYTES};
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
    }
}

/// The taxonomy Village's attributes belong to.
pub const TAXONOMY: &str = "village";

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
