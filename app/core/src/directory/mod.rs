//! Who can help me: the directory's services and how people find them.

pub mod edit;
pub mod hsds;
pub mod search;
pub mod service;

pub use search::{search, Found, Indexed, Need, Now, Query, Typeahead};
pub use service::{
    Audience, Hours, Mode, Opening, Place, Referral, Service, ServiceCost, ServiceId, ServicePhone,
    Stage, Status, Topic,
};
