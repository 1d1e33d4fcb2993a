//! Organiser accounts: who may sign in to keep groups and services
//! current. The rules (emails, roles, passwords, session lifetimes, waits)
//! are in `village_core::account`; hashing is the server's.

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod sealed;

use serde::{Deserialize, Serialize};
use village_core::account::{Email, Role};

/// An account as the server knows it (never with its password hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: Email,
    pub role: Role,
    /// The organisation an organiser works for; admins have none.
    pub organisation_id: Option<String>,
}

/// What the database keeps for a secret token (a session's or an
/// invitation's): its SHA-256, in hex, never the token itself.
#[cfg(feature = "ssr")]
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Who sent a request, found from its session cookie by the server and
/// kept in the request for pages and handlers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub user: User,
    /// The SHA-256 of the session's token: which session this is.
    pub token_hash: String,
}

impl User {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Whether this account may change what `organisation_id` runs: admins
    /// anything, organisers only their own organisation's.
    pub fn may_edit(&self, organisation_id: &str) -> bool {
        self.is_admin() || self.organisation_id.as_deref() == Some(organisation_id)
    }
}
