//! The organisers' area (`/organisers`): sign in, then keep your groups and
//! services current. Everything here is a plain HTML form posted to the
//! server (see the server's `organisers` handlers), so it works on any
//! phone without scripts; the server checks who may do what on every post.

mod api;
#[cfg(feature = "ssr")]
pub mod db;
mod page;
pub mod text;

pub use page::{
    CodePage, EditGroupPage, EditServicePage, EditVenuePage, InvitePage, NewGroupPage,
    NewVenuePage, OrganisersPage, SignInPage, TwoStepPage,
};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where organisers sign in.
pub const SIGN_IN_PATH: &str = "/organisers/login";
/// Their home.
pub const HOME_PATH: &str = "/organisers";
/// Where the code is typed when two-step sign-in is on.
pub const CODE_PATH: &str = "/organisers/login/code";
/// Where two-step sign-in is set up.
pub const TWO_STEP_PATH: &str = "/organisers/totp";

/// Why the sign-in page is shown again, put in the page's context by the
/// server when it answers a sign-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInProblem {
    /// The same answer whether or not the email has an account.
    NotRight {
        email: String,
    },
    TooManyAttempts {
        minutes: i64,
    },
    /// The second step's code was wrong (or used already).
    CodeNotRight,
}

/// Problems with a form on the organisers' page, put in the page's context
/// by the server, with what was typed so nothing is lost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormProblem {
    /// Which form: for example `cancel:<group id>`.
    pub form: String,
    pub errors: Vec<(String, String)>,
    pub values: Vec<(String, String)>,
}

impl FormProblem {
    pub fn error(&self, form: &str, field: &str) -> Option<String> {
        (self.form == form)
            .then(|| {
                self.errors
                    .iter()
                    .find(|(f, _)| f == field)
                    .map(|(_, e)| e.clone())
            })
            .flatten()
    }

    pub fn value(&self, form: &str, field: &str) -> Option<String> {
        (self.form == form)
            .then(|| {
                self.values
                    .iter()
                    .find(|(f, _)| f == field)
                    .map(|(_, v)| v.clone())
            })
            .flatten()
    }
}

/// Where organisers add a weekly group.
pub const NEW_GROUP_PATH: &str = "/organisers/groups/new";

/// A new group's next dates, written for people ("Wednesday 9 December,
/// 14:00") with why a date has no session; put in the page's context by
/// the server when asked to show them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupPreview(pub Vec<(String, Option<String>)>);

/// What an admin's pasted term dates say, a line a school year, and the
/// fingerprint of the text and choice they describe: put in the page's
/// context by the server before anything is imported.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TermsUnderstood {
    pub lines: Vec<String>,
    pub fingerprint: String,
}

/// A new invitation's link, shown once to the admin who made it; put in the
/// page's context by the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvitationMade {
    pub email: String,
    pub link: String,
    /// A link that sets a new password for an existing account.
    pub resets_password: bool,
}

/// A change an organiser asked for that waits for an admin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingChange {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub by: String,
    pub item_kind: String,
    pub item_id: String,
    /// `phones`, `crisis`, `joining_link` or `contact`.
    pub field: String,
    /// The new value, as JSON.
    pub value: String,
}

/// One change in the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: chrono::DateTime<chrono::Utc>,
    pub by: String,
    pub action: String,
    pub item_kind: String,
    pub item_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The key of the page being shown, for its forms (provided as context by
/// the pages whose data carries one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormKey(pub String);

/// The hidden `idempotency_key` field of the form named `form`: the page's
/// key and the form's name, so that the same form sent twice (a double
/// tap, or again after going back) changes nothing twice. Nothing when the
/// page has no key. The key comes with the page's data, so the page and
/// its hydration agree on it.
#[component]
pub fn OnceField(#[prop(into)] form: String) -> impl IntoView {
    use_context::<FormKey>().map(|FormKey(key)| {
        view! { <input type="hidden" name="idempotency_key" value=format!("{key}:{form}")/> }
    })
}
