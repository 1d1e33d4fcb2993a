//! Two-step secrets sealed with a key kept outside the database
//! (XChaCha20-Poly1305), so that a copy of the database opens no account.
//! The key comes from `VILLAGE_SECRET_KEY` or a key file beside the data
//! (see docs/operations.md); the same key must be given to every instance.

use chacha20poly1305::{
    aead::{Aead, KeyInit},
    XChaCha20Poly1305, XNonce,
};

/// How a sealed value starts in the database.
const SEALED: &str = "sealed:v1:";

/// The key that seals two-step secrets: 32 random bytes.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// Why a secret key could not be read or made.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the secret key must be 64 hexadecimal characters (32 random bytes), such as the output of `openssl rand -hex 32`")]
    NotAKey,
    #[error("no randomness for a new secret key: {0}")]
    NoRandomness(String),
}

impl SecretKey {
    /// A key written as 64 hexadecimal characters.
    pub fn parse(hex: &str) -> Result<Self, KeyError> {
        let hex = hex.trim();
        if hex.len() != 64 {
            return Err(KeyError::NotAKey);
        }
        let mut bytes = [0u8; 32];
        for (byte, pair) in bytes.iter_mut().zip(hex.as_bytes().chunks(2)) {
            let pair = std::str::from_utf8(pair).map_err(|_| KeyError::NotAKey)?;
            *byte = u8::from_str_radix(pair, 16).map_err(|_| KeyError::NotAKey)?;
        }
        Ok(Self(bytes))
    }

    /// A new random key.
    pub fn generate() -> Result<Self, KeyError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| KeyError::NoRandomness(e.to_string()))?;
        Ok(Self(bytes))
    }

    /// A keyed hash of `text` for `purpose` (SHA-256 over the key, the
    /// purpose and the text): the same on every instance, and of no use to
    /// someone with the database but not the key.
    pub fn keyed_hash(&self, purpose: &str, text: &str) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        hasher.update(self.0);
        hasher.update(purpose.as_bytes());
        hasher.update([0]);
        hasher.update(text.as_bytes());
        hex(&hasher.finalize())
    }

    /// The key as 64 hexadecimal characters, to keep in a file.
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// `plain`, sealed: `sealed:v1:` and the nonce and ciphertext in hex.
    pub fn seal(&self, plain: &str) -> Result<String, KeyError> {
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).map_err(|e| KeyError::NoRandomness(e.to_string()))?;
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let sealed = cipher
            .encrypt(XNonce::from_slice(&nonce), plain.as_bytes())
            .map_err(|_| KeyError::NotAKey)?;
        Ok(format!("{SEALED}{}{}", hex(&nonce), hex(&sealed)))
    }

    /// A stored value opened: `None` when it was sealed with another key
    /// (or tampered with). A value stored before sealing began is returned
    /// as it is (the server seals those as it starts).
    pub fn open(&self, stored: &str) -> Option<String> {
        let Some(sealed) = stored.strip_prefix(SEALED) else {
            return Some(stored.to_owned());
        };
        let bytes = unhex(sealed)?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let plain = cipher.decrypt(XNonce::from_slice(nonce), ciphertext).ok()?;
        String::from_utf8(plain).ok()
    }

    /// Whether a stored value is sealed already.
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(SEALED)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.as_bytes()
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_shows_nothing_of_itself() {
        let key = SecretKey::generate().expect("random");
        let sealed = key.seal("JBSWY3DPEHPK3PXP").expect("seals");
        assert!(sealed.starts_with("sealed:v1:"));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(
            sealed,
            key.seal("JBSWY3DPEHPK3PXP").expect("seals"),
            "a new nonce each time"
        );
        assert_eq!(key.open(&sealed).as_deref(), Some("JBSWY3DPEHPK3PXP"));
        let other = SecretKey::generate().expect("random");
        assert_eq!(other.open(&sealed), None);
        let mut tampered = sealed.clone();
        tampered.replace_range(tampered.len() - 2.., "00");
        assert_eq!(key.open(&tampered), None);
        assert_eq!(
            key.open("JBSWY3DPEHPK3PXP").as_deref(),
            Some("JBSWY3DPEHPK3PXP"),
            "stored before sealing"
        );
        assert_eq!(
            SecretKey::parse(&key.to_hex()).expect("parses").to_hex(),
            key.to_hex()
        );
        assert!(SecretKey::parse("not a key").is_err());
        assert!(SecretKey::parse(&"zz".repeat(32)).is_err());
    }
}
