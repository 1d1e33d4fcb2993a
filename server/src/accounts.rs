//! Passwords for organiser accounts: argon2id with a random salt per
//! password (OWASP's parameters: 19 MiB, 2 passes, 1 lane), checked in
//! constant time. Hashing takes tens of milliseconds on purpose, so callers
//! on the async runtime run it on a blocking thread, and at most
//! [`HASHING_AT_ONCE`] at a time (through [`verify`] and [`hash`]), so a
//! burst of sign-ins cannot ask for gigabytes of memory.

use std::sync::atomic::{AtomicUsize, Ordering};

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};

fn hasher() -> Argon2<'static> {
    // The crate's defaults are OWASP's recommendation for argon2id.
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// Why a password could not be hashed (the system's randomness failed, say).
#[derive(Debug, thiserror::Error)]
#[error("could not hash the password: {0}")]
pub struct HashError(String);

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) for a new password.
pub fn hash_password(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// Whether `password` matches the stored hash; a malformed hash never does.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|hash| hasher().verify_password(password.as_bytes(), &hash).is_ok())
}

/// How many passwords are hashed at once, at most: each hash needs 19 MiB.
pub const HASHING_AT_ONCE: usize = 4;

/// How long a sign-in waits for its turn to hash before it is told to try
/// again: no request waits longer than a second.
const LONGEST_WAIT_TO_HASH: std::time::Duration = std::time::Duration::from_secs(1);

static HASHING: std::sync::LazyLock<std::sync::Arc<tokio::sync::Semaphore>> =
    std::sync::LazyLock::new(|| std::sync::Arc::new(tokio::sync::Semaphore::new(HASHING_AT_ONCE)));
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// Too many passwords are being hashed just now.
#[derive(Debug, thiserror::Error)]
#[error("too many passwords are being checked at once")]
pub struct Busy;

/// The most passwords ever hashed at once by this process (for tests).
pub fn peak_hashing() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Runs `work` on a blocking thread once a hashing turn is free.
async fn in_turn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Busy> {
    let turn = tokio::time::timeout(LONGEST_WAIT_TO_HASH, HASHING.clone().acquire_owned())
        .await
        .map_err(|_| Busy)?
        .map_err(|_| Busy)?;
    // The turn goes with the hashing, so a request dropped meanwhile (the
    // client gone) does not free it while the hash still runs.
    tokio::task::spawn_blocking(move || {
        let now = IN_FLIGHT.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK.fetch_max(now, Ordering::SeqCst);
        let done = work();
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
        drop(turn);
        done
    })
    .await
    .map_err(|_| Busy)
}

/// [`verify_password`], in turn with every other hash.
pub async fn verify(password: String, stored: String) -> Result<bool, Busy> {
    in_turn(move || verify_password(&password, &stored)).await
}

/// [`hash_password`], in turn with every other hash.
pub async fn hash(password: String) -> Result<Result<String, HashError>, Busy> {
    in_turn(move || hash_password(&password)).await
}

/// Why a password-reset link could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ResetLinkError {
    #[error(transparent)]
    Store(#[from] app::storage::StoreError),
    #[error(transparent)]
    Token(#[from] crate::sessions::TokenError),
}

/// Makes a password-reset link (once, for a day) for the account that is on
/// and matches `which` (by id or email), made by `by` (`None`: the command
/// line): its email and the link, starting with `public_url`; `None` when
/// there is no such account.
pub async fn password_reset_link(
    store: &app::storage::Store,
    which: impl Fn(&app::accounts::db::AccountLine) -> bool,
    by: Option<&app::accounts::User>,
    public_url: &str,
) -> Result<Option<(village_core::account::Email, String)>, ResetLinkError> {
    let Some(account) = store
        .accounts()
        .await?
        .into_iter()
        .find(|a| !a.disabled && which(a))
    else {
        return Ok(None);
    };
    let Ok(email) = village_core::account::Email::parse(&account.email) else {
        return Ok(None);
    };
    let (token, hash) = crate::sessions::new_token()?;
    let now = chrono::Utc::now();
    let invitation = app::accounts::db::Invitation {
        email: email.clone(),
        role: account.role,
        organisation_id: account.organisation_id,
        expires_at: now + village_core::account::PASSWORD_RESET_LIFETIME,
        used: false,
        resets_password: true,
    };
    store.create_invitation(&hash, &invitation, by, now).await?;
    let link = format!(
        "{}/organisers/invite/{token}",
        public_url.trim_end_matches('/')
    );
    Ok(Some((email, link)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify_only_the_right_password() {
        let one = hash_password("kettle violet harbour").expect("hashes");
        let two = hash_password("kettle violet harbour").expect("hashes");
        assert!(one.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{one}");
        assert_ne!(one, two, "each hash has its own salt");
        assert!(verify_password("kettle violet harbour", &one));
        assert!(!verify_password("kettle violet harbor", &one));
        assert!(!verify_password("kettle violet harbour", "not a hash"));
    }
}
