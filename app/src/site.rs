//! What the server tells every page about where it runs: "today" and the
//! public address.

use chrono::{NaiveDate, Utc};
use village_core::calendar::london;

/// "Today" for the calendar: the server's date in London, or the fixed date
/// `VILLAGE_TODAY` names (for demonstrations and tests; never set by a request).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Today(pub NaiveDate);

impl Today {
    /// The fixed date if there is one, else today's date in London.
    pub fn fixed_or_now(fixed: Option<NaiveDate>) -> Self {
        Self(fixed.unwrap_or_else(|| london::to_local(Utc::now()).date()))
    }
}

/// The public address (`VILLAGE_PUBLIC_URL`), for links that leave the page
/// such as `webcal://` feeds and QR codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pub public_url: String,
    pub https: bool,
    /// Who runs this copy (`VILLAGE_OPERATOR_NAME`, `VILLAGE_OPERATOR_CONTACT`),
    /// for the privacy notice.
    pub operator: Option<Operator>,
    /// Where the running version's source is (`VILLAGE_SOURCE_URL`).
    pub source_url: Option<String>,
    /// Whether `/.well-known/security.txt` is served (a security contact is
    /// set), so the footer can link it.
    pub security_txt: bool,
}

/// The organisation responsible for a copy of Village and its data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operator {
    pub name: String,
    /// How to reach them about personal data: an email or a web address.
    pub contact: Option<String>,
}
