//! Organiser accounts: the rules that keep them hard to take over. Who may
//! sign in (an email and a role), which passwords are refused and why, how
//! long a session lives, and how long someone waits after failed attempts.
//! No hashing or storage here: those are the server's.

pub mod totp;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Fewest characters in a password.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Most characters in a password (hashing a huge one is a cheap attack).
pub const MAX_PASSWORD_CHARS: usize = 128;

/// A session ends after this long without a request…
pub const IDLE_LIMIT: Duration = Duration::minutes(30);
/// …and this long after sign-in, whatever happens.
pub const ABSOLUTE_LIMIT: Duration = Duration::hours(12);

/// How long someone has to type the code after a right password.
pub const SECOND_STEP_LIMIT: Duration = Duration::minutes(5);

/// Failed sign-ins allowed before any wait.
pub const FREE_ATTEMPTS: u32 = 5;
/// The longest wait after failed sign-ins.
pub const LONGEST_WAIT: Duration = Duration::hours(1);

/// The bundled list of common and breached passwords of 12 characters or
/// more, lowercase, one per line: the most used passwords and the ways
/// people lengthen them (digits, years, a repeat, keyboard walks).
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

labelled! {
    /// What an account may do.
    Role {
        Admin => "admin", "Administrator";
        Organiser => "organiser", "Organiser";
    }
}

/// An email address used to sign in: trimmed and lowercased.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("That does not look like an email address: it should be like name@example.org.")]
pub struct EmailError;

impl Email {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let email = raw.trim().to_lowercase();
        let mut parts = email.split('@');
        let ok = matches!((parts.next(), parts.next(), parts.next()), (Some(user), Some(host), None)
            if !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.'))
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && email.len() <= 254;
        if ok {
            Ok(Self(email))
        } else {
            Err(EmailError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a password was refused. The messages are shown to people.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("The password needs at least {MIN_PASSWORD_CHARS} characters. A few unrelated words make a long one that is easy to remember.")]
    TooShort,
    #[error("The password can have at most {MAX_PASSWORD_CHARS} characters.")]
    TooLong,
    #[error("That password is on a list of common passwords that attackers try first. Please choose another: a few unrelated words work well.")]
    Common,
    #[error("The password cannot contain your email address.")]
    HasEmail,
    #[error(
        "The password is one short piece repeated, which is quick to guess. Please choose another."
    )]
    Repeated,
}

/// Checks a new password: 12 to 128 characters of any kind, not on the
/// common list, not the email address, not one short piece repeated.
pub fn check_password(password: &str, email: &Email) -> Result<(), PasswordError> {
    let chars: Vec<char> = password.chars().collect();
    if chars.len() < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if chars.len() > MAX_PASSWORD_CHARS {
        return Err(PasswordError::TooLong);
    }
    let lower = password.to_lowercase();
    let user = email.as_str().split('@').next().unwrap_or_default();
    if lower.contains(email.as_str()) || (user.chars().count() >= 4 && lower.contains(user)) {
        return Err(PasswordError::HasEmail);
    }
    if COMMON_PASSWORDS.lines().any(|common| common == lower) {
        return Err(PasswordError::Common);
    }
    let repeated = (1..=4).any(|unit| {
        chars.len().is_multiple_of(unit) && chars.chunks(unit).all(|chunk| chunk == &chars[..unit])
    });
    if repeated {
        return Err(PasswordError::Repeated);
    }
    Ok(())
}

/// When a session began and when it was last used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionTimes {
    pub signed_in: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}

impl SessionTimes {
    /// Whether the session may still be used at `now`.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        now < self.last_seen + IDLE_LIMIT && now < self.signed_in + ABSOLUTE_LIMIT
    }
}

/// What failed sign-ins are counted against: the account tried, and the
/// network address they came from (which may be a whole office, so it is
/// allowed more before waits begin).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Throttled {
    Account,
    Address,
}

/// Extra free attempts for a network address.
pub const ADDRESS_EXTRA_ATTEMPTS: u32 = 15;

impl Throttled {
    /// The key its failures are kept under.
    pub fn key(self, who: &str) -> String {
        match self {
            Throttled::Account => format!("account:{who}"),
            Throttled::Address => format!("address:{who}"),
        }
    }

    /// The failures that count towards a wait.
    pub fn counted(self, failures: u32) -> u32 {
        match self {
            Throttled::Account => failures,
            Throttled::Address => failures.saturating_sub(ADDRESS_EXTRA_ATTEMPTS),
        }
    }
}

/// How long to wait after `failures` failed sign-ins in a row, counted from
/// the last one: nothing for the first five, then 1, 2, 4… minutes, at most
/// an hour.
pub fn wait_after(failures: u32) -> Duration {
    match failures.checked_sub(FREE_ATTEMPTS) {
        None => Duration::zero(),
        Some(over) => {
            let minutes = 1_i64.checked_shl(over.min(20)).unwrap_or(i64::MAX);
            Duration::minutes(minutes).min(LONGEST_WAIT)
        }
    }
}

/// Minutes to tell someone to wait, rounded up, at least 1.
pub fn minutes_to_wait(until: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    let seconds = (until - now).num_seconds().max(1);
    (seconds + 59) / 60
}

/// How long an invitation link works.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);

/// How long a password-reset link works: a day, since it opens an
/// existing account.
pub const PASSWORD_RESET_LIFETIME: Duration = Duration::days(1);

/// Why an invitation link cannot be used. The messages are shown to people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvitationProblem {
    #[error(
        "This invitation link is not right. Check that it was copied whole, or ask for a new one."
    )]
    Unknown,
    #[error("This invitation has already been used. If that was you, sign in; if not, ask for a new one.")]
    Used,
    #[error("This invitation has expired: they work for 7 days. Please ask for a new one.")]
    Expired,
}

/// Whether an invitation can still be used at `now`.
pub fn invitation_usable(
    expires_at: DateTime<Utc>,
    used: bool,
    now: DateTime<Utc>,
) -> Result<(), InvitationProblem> {
    if used {
        Err(InvitationProblem::Used)
    } else if now >= expires_at {
        Err(InvitationProblem::Expired)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn email() -> Email {
        Email::parse(" Sam.Organiser@Example.org ").expect("email")
    }

    #[test]
    fn emails_are_tidied_and_checked() {
        assert_eq!(email().as_str(), "sam.organiser@example.org");
        for bad in [
            "",
            "sam",
            "sam@",
            "@example.org",
            "sam@example",
            "sam @example.org",
            "a@b@c.org",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError), "{bad}");
        }
    }

    #[test]
    fn passwords_follow_the_rules_and_say_why_not() {
        let e = email();
        assert_eq!(check_password("short", &e), Err(PasswordError::TooShort));
        assert_eq!(
            check_password(&"x".repeat(129), &e),
            Err(PasswordError::TooLong)
        );
        assert_eq!(
            check_password("Password1234", &e),
            Err(PasswordError::Common)
        );
        assert_eq!(
            check_password("qwertyuiopas", &e),
            Err(PasswordError::Common)
        );
        assert_eq!(
            check_password("football2026", &e),
            Err(PasswordError::Common)
        );
        assert_eq!(
            check_password("my sam.organiser pass", &e),
            Err(PasswordError::HasEmail)
        );
        assert_eq!(
            check_password("abababababab", &e),
            Err(PasswordError::Repeated)
        );
        assert_eq!(check_password("kettle violet harbour", &e), Ok(()));
        // Any characters at all, counted as characters, not bytes.
        assert_eq!(check_password("ünïcödé-påss-🙂", &e), Ok(()));
        assert_eq!(
            check_password("ünïcödé🙂", &e),
            Err(PasswordError::TooShort)
        );
        assert_eq!(
            check_password(&"é".repeat(128), &e),
            Err(PasswordError::Repeated)
        );
        assert!(PasswordError::Common
            .to_string()
            .contains("common passwords"));
    }

    #[test]
    fn the_common_list_is_lowercase_and_long_enough_to_matter() {
        let list: Vec<&str> = COMMON_PASSWORDS.lines().collect();
        assert!(list.len() > 500);
        assert!(list
            .iter()
            .all(|p| p.chars().count() >= MIN_PASSWORD_CHARS && *p == p.to_lowercase()));
    }

    #[test]
    fn sessions_end_when_idle_or_old() {
        let start = DateTime::parse_from_rfc3339("2026-11-30T09:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let s = SessionTimes {
            signed_in: start,
            last_seen: start,
        };
        assert!(s.is_live(start + Duration::minutes(29)));
        assert!(!s.is_live(start + Duration::minutes(30)));
        let busy = SessionTimes {
            signed_in: start,
            last_seen: start + Duration::hours(11) + Duration::minutes(59),
        };
        assert!(busy.is_live(start + Duration::hours(12) - Duration::seconds(1)));
        assert!(!busy.is_live(start + Duration::hours(12)));
    }

    #[test]
    fn waits_grow_after_five_failures_up_to_an_hour() {
        let waits: Vec<i64> = (0..14).map(|n| wait_after(n).num_minutes()).collect();
        assert_eq!(waits, [0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(wait_after(u32::MAX), LONGEST_WAIT);
        let now = Utc::now();
        assert_eq!(minutes_to_wait(now + Duration::seconds(61), now), 2);
        assert_eq!(minutes_to_wait(now, now), 1);
    }

    #[test]
    fn invitations_work_once_for_seven_days() {
        let sent = DateTime::parse_from_rfc3339("2026-11-30T09:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let expires = sent + INVITATION_LIFETIME;
        assert_eq!(
            invitation_usable(expires, false, sent + Duration::days(6)),
            Ok(())
        );
        assert_eq!(
            invitation_usable(expires, false, sent + Duration::days(7)),
            Err(InvitationProblem::Expired)
        );
        assert_eq!(
            invitation_usable(expires, true, sent),
            Err(InvitationProblem::Used)
        );
    }

    proptest! {
        #[test]
        fn accepted_passwords_keep_every_rule(password in "\\PC{0,140}") {
            let e = email();
            if check_password(&password, &e).is_ok() {
                let n = password.chars().count();
                prop_assert!((MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&n));
                prop_assert!(!COMMON_PASSWORDS.lines().any(|c| c == password.to_lowercase()));
            }
        }

        #[test]
        fn waits_never_shrink(n in 0u32..1000) {
            prop_assert!(wait_after(n + 1) >= wait_after(n));
            prop_assert!(wait_after(n) <= LONGEST_WAIT);
        }
    }
}
