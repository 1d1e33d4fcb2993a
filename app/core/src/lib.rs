//! Village's domain rules, kept free of any framework or I/O so that the same
//! code runs on the server and in the browser and is tested with plain
//! `cargo test`.
//!
//! Each module owns one idea and makes invalid values unrepresentable:
//! parse outside input once, at the edge, into these types.

pub mod area;
pub mod calendar;
pub mod crisis;
pub mod directory;
pub mod mood;
pub mod my_contacts;
pub mod organisation;
pub mod phone;
pub mod text_limits;

pub use area::{AreaId, AreaIdError, Nation};
pub use my_contacts::{ContactRole, MyContacts};
pub use organisation::{FieldError, OrganisationDetails};
pub use phone::{PhoneNumber, PhoneNumberError};
