//! Village's domain rules, kept free of any framework or I/O so that the same
//! code runs on the server and in the browser and is tested with plain
//! `cargo test`.
//!
//! Each module owns one idea and makes invalid values unrepresentable:
//! parse outside input once, at the edge, into these types.

// No unsafe code here: the workspace denies it, and only the server may
// allow it (in one function, `server/src/allocator.rs`).
#![forbid(unsafe_code)]

/// Gives a closed set of values its stable codes (kept in storage, files,
/// the database and the API): `ALL`, `code` and `from_code`. The one way
/// Village defines a code list; `labelled!` adds labels and serde to it.
/// Defined before the modules so that every one of them can use it.
macro_rules! coded {
    ($name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $name {
            /// Every value, in the order they are listed (an array, so a
            /// value for each can be kept in one of the same length).
            pub const ALL: [Self; [$(stringify!($variant)),+].len()] = [$(Self::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

/// A closed set of values with stable codes ([`coded!`]), plain labels, and
/// serde by code.
macro_rules! labelled {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub enum $name { $($variant),* }

        coded!($name { $($variant => $code),* });

        impl $name {
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.code().to_owned()
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(code: String) -> Result<Self, Self::Error> {
                Self::from_code(&code).ok_or_else(|| {
                    let known: Vec<&str> = Self::ALL.iter().map(|v| v.code()).collect();
                    format!("\"{code}\" is not one of {}", known.join(", "))
                })
            }
        }
    };
}

pub mod account;
pub mod area;
pub mod calendar;
pub mod crisis;
pub mod directions;
pub mod directory;
pub mod mood;
pub mod my_contacts;
pub mod organisation;
pub mod outside_date;
pub mod phone;
pub mod report;
pub mod text_limits;
pub mod written;

pub use area::{AreaId, AreaIdError, Nation};
pub use my_contacts::{ContactRole, MyContacts};
pub use organisation::{FieldError, OrganisationDetails};
pub use outside_date::{DateError, OutsideDate};
pub use phone::{PhoneNumber, PhoneNumberError};
