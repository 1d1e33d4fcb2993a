//! Passwords for organiser accounts: argon2id with a random salt per
//! password (OWASP's parameters: 19 MiB, 2 passes, 1 lane), checked in
//! constant time. Hashing takes tens of milliseconds on purpose, so callers
//! on the async runtime run it on a blocking thread.

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
