//! The optional lock and the encrypted backup file: the rules for a PIN or
//! passphrase, and the shapes that hold encrypted data. The encryption itself
//! is the browser's (AES-GCM through WebCrypto, with a key derived by
//! PBKDF2-SHA256); this module only checks and carries its inputs and outputs.

use serde::{Deserialize, Serialize};

/// PBKDF2-SHA256 rounds for new locks and backups (OWASP's 2023 figure).
pub const KDF_ITERATIONS: u32 = 600_000;
/// The fewest rounds a backup file may claim; fewer would make it easy to guess.
pub const MIN_ITERATIONS: u32 = 600_000;
/// The most rounds a backup may ask for, so a file cannot freeze the phone.
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;
pub const MIN_PASSCODE_CHARS: usize = 4;
pub const MAX_PASSCODE_CHARS: usize = 128;
/// The fewest characters a backup's passphrase may have. A backup leaves
/// the phone: whoever has a copy can guess at it offline, as fast as their
/// computers allow and for as long as they like, with no lock-out. At
/// 600,000 PBKDF2 rounds a 4-digit PIN falls in seconds and 8 characters
/// of a word in hours; 12 characters that are not only digits (three or
/// four unrelated words) put it out of reach.
pub const MIN_BACKUP_CHARS: usize = 12;
/// The fewest different characters in a backup's passphrase, so that
/// "aaaaaaaaaaaa" or "121212121212" is not taken for a strong one.
pub const MIN_BACKUP_DIFFERENT_CHARS: usize = 5;

/// Encrypted with the diary's key to tell a right PIN from a wrong one.
pub const CHECK_TEXT: &str = "village-diary-lock-v1";

pub const BACKUP_FORMAT: &str = "village-mood-backup";
pub const BACKUP_VERSION: u32 = 1;
pub const BACKUP_KDF: &str = "PBKDF2-SHA256";

/// A PIN or passphrase that meets the rules. Never stored, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Passcode(String);

impl std::fmt::Debug for Passcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passcode(..)")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasscodeError {
    #[error("Use at least {MIN_PASSCODE_CHARS} characters.")]
    TooShort,
    #[error("Use at most {MAX_PASSCODE_CHARS} characters.")]
    TooLong,
    #[error("The two entries are not the same. Type the same PIN or passphrase twice.")]
    Mismatch,
    #[error("A backup can be copied and guessed at away from your phone, so it needs a passphrase of at least {MIN_BACKUP_CHARS} characters, not only numbers or one repeated pattern. Three or four unrelated words are easy to remember and hard to guess.")]
    TooWeakForBackup,
}

impl Passcode {
    /// Checks a new PIN or passphrase typed twice.
    pub fn choose(first: &str, again: &str) -> Result<Self, PasscodeError> {
        let code = Self::entered(first)?;
        if first != again {
            return Err(PasscodeError::Mismatch);
        }
        Ok(code)
    }

    /// Checks a new passphrase for a backup, typed twice: stronger than a
    /// PIN (see [`MIN_BACKUP_CHARS`]).
    pub fn for_backup(first: &str, again: &str) -> Result<Self, PasscodeError> {
        let code = Self::choose(first, again)?;
        let distinct: std::collections::BTreeSet<char> = first.chars().collect();
        if first.chars().count() < MIN_BACKUP_CHARS
            || first
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_whitespace())
            || distinct.len() < MIN_BACKUP_DIFFERENT_CHARS
        {
            return Err(PasscodeError::TooWeakForBackup);
        }
        Ok(code)
    }

    /// Checks one typed to unlock (its length only; the key says if it is right).
    pub fn entered(typed: &str) -> Result<Self, PasscodeError> {
        let chars = typed.chars().count();
        if chars < MIN_PASSCODE_CHARS {
            Err(PasscodeError::TooShort)
        } else if chars > MAX_PASSCODE_CHARS {
            Err(PasscodeError::TooLong)
        } else {
            Ok(Self(typed.to_owned()))
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// Data encrypted with AES-GCM: the nonce and the ciphertext with its tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    #[serde(with = "b64")]
    pub iv: Vec<u8>,
    #[serde(with = "b64")]
    pub data: Vec<u8>,
}

/// How the diary's key is made from the PIN, kept beside the entries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockRecord {
    #[serde(with = "b64")]
    pub salt: Vec<u8>,
    pub iterations: u32,
    /// `CHECK_TEXT` sealed with the key.
    pub check: Sealed,
}

/// The encrypted backup file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    pub kdf: String,
    pub iterations: u32,
    #[serde(with = "b64")]
    pub salt: Vec<u8>,
    #[serde(with = "b64")]
    pub iv: Vec<u8>,
    #[serde(with = "b64")]
    pub data: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error("This is not a Village backup file.")]
    NotABackup,
    #[error(
        "This backup was made by a newer Village (version {0}); update Village and try again."
    )]
    NewerVersion(u32),
    #[error("This backup file is damaged ({0}).")]
    Damaged(&'static str),
}

impl Backup {
    pub fn new(salt: Vec<u8>, sealed: Sealed) -> Self {
        Self {
            format: BACKUP_FORMAT.to_owned(),
            version: BACKUP_VERSION,
            kdf: BACKUP_KDF.to_owned(),
            iterations: KDF_ITERATIONS,
            salt,
            iv: sealed.iv,
            data: sealed.data,
        }
    }

    /// Whether a file says it is a backup (rather than a CSV or JSON export).
    pub fn looks_like(text: &str) -> bool {
        #[derive(Deserialize)]
        struct Kind {
            format: String,
        }
        text.trim_start().starts_with('{')
            && serde_json::from_str::<Kind>(text).is_ok_and(|kind| kind.format == BACKUP_FORMAT)
    }

    /// Reads and checks a backup file before any decryption is tried.
    pub fn read(text: &str) -> Result<Self, BackupError> {
        let backup: Backup = serde_json::from_str(text).map_err(|_| BackupError::NotABackup)?;
        if backup.format != BACKUP_FORMAT {
            return Err(BackupError::NotABackup);
        }
        if backup.version != BACKUP_VERSION {
            return Err(BackupError::NewerVersion(backup.version));
        }
        if backup.kdf != BACKUP_KDF {
            return Err(BackupError::Damaged("unknown key method"));
        }
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&backup.iterations) {
            return Err(BackupError::Damaged("key rounds out of range"));
        }
        if backup.salt.len() != SALT_BYTES || backup.iv.len() != IV_BYTES {
            return Err(BackupError::Damaged("wrong salt or nonce size"));
        }
        if backup.data.len() < 16 {
            return Err(BackupError::Damaged("no data"));
        }
        Ok(backup)
    }

    pub fn sealed(&self) -> Sealed {
        Sealed {
            iv: self.iv.clone(),
            data: self.data.clone(),
        }
    }

    pub fn to_file(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Standard base64 with padding, for bytes inside JSON.
pub mod b64 {
    use serde::{Deserialize, Deserializer, Serializer};

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let bytes = text.as_bytes();
        if !bytes.len().is_multiple_of(4) {
            return None;
        }
        let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
        for (index, chunk) in bytes.chunks(4).enumerate() {
            let last = index == bytes.len() / 4 - 1;
            let padding = chunk.iter().rev().take_while(|b| **b == b'=').count();
            if padding > 2 || (padding > 0 && !last) {
                return None;
            }
            let mut n = 0u32;
            for (i, b) in chunk[..4 - padding].iter().enumerate() {
                let value = ALPHABET.iter().position(|a| a == b)? as u32;
                n |= value << (18 - 6 * i);
            }
            let whole = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out.extend_from_slice(&whole[..3 - padding]);
        }
        Some(out)
    }

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        decode(&text).ok_or_else(|| serde::de::Error::custom("not base64"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn passcodes_have_a_length_and_must_match() {
        assert_eq!(Passcode::choose("123", "123"), Err(PasscodeError::TooShort));
        assert_eq!(
            Passcode::choose("1234", "1235"),
            Err(PasscodeError::Mismatch)
        );
        assert!(Passcode::choose("1234", "1234").is_ok());
        assert!(Passcode::choose(
            "a long passphrase with spaces ☕",
            "a long passphrase with spaces ☕"
        )
        .is_ok());
        let long = "x".repeat(MAX_PASSCODE_CHARS + 1);
        assert_eq!(Passcode::entered(&long), Err(PasscodeError::TooLong));
        assert_eq!(
            format!("{:?}", Passcode::entered("secret1").expect("ok")),
            "Passcode(..)"
        );
    }

    #[test]
    fn a_backup_needs_a_passphrase_that_offline_guessing_cannot_break() {
        for weak in [
            "1234",
            "correct",
            "123456789012",
            "1234 5678 9012",
            "aaaaaaaaaaaaaa",
            "abababababab",
        ] {
            assert_eq!(
                Passcode::for_backup(weak, weak),
                Err(PasscodeError::TooWeakForBackup),
                "{weak}"
            );
        }
        for strong in [
            "correct horse",
            "kettle violet harbour",
            "tân gwyllt coch 7",
        ] {
            assert!(Passcode::for_backup(strong, strong).is_ok(), "{strong}");
        }
        assert_eq!(
            Passcode::for_backup("correct horse", "correct house"),
            Err(PasscodeError::Mismatch)
        );
        // A backup made with a short PIN before this rule still opens.
        assert!(Passcode::entered("1234").is_ok());
    }

    #[test]
    fn base64_matches_rfc_4648_examples() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(b64::encode(plain.as_bytes()), encoded);
            assert_eq!(b64::decode(encoded).as_deref(), Some(plain.as_bytes()));
        }
        for bad in ["Zg=", "Z===", "Zg==Zg==", "Zm9*"] {
            assert_eq!(b64::decode(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn base64_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(b64::decode(&b64::encode(&bytes)), Some(bytes));
        }

        #[test]
        fn reading_any_text_as_a_backup_never_panics(text in ".{0,300}") {
            let _ = Backup::read(&text);
        }
    }

    fn backup() -> Backup {
        Backup::new(
            vec![7; SALT_BYTES],
            Sealed {
                iv: vec![1; IV_BYTES],
                data: vec![2; 40],
            },
        )
    }

    #[test]
    fn a_backup_file_reads_back_and_is_recognised() {
        let file = backup().to_file();
        assert!(Backup::looks_like(&file));
        // A diary export whose note mentions the backup format is still an export.
        let export =
            crate::mood::files::to_json(&[]).replace("[]", "[{\"note\": \"village-mood-backup\"}]");
        assert!(!Backup::looks_like(&export));
        assert_eq!(Backup::read(&file), Ok(backup()));
    }

    #[test]
    fn damaged_or_weakened_backups_are_refused_before_decrypting() {
        let file = backup().to_file();
        let weak = file.replace("600000", "1000");
        assert_eq!(
            Backup::read(&weak),
            Err(BackupError::Damaged("key rounds out of range"))
        );
        assert_eq!(
            Backup::read("{\"format\":\"x\"}"),
            Err(BackupError::NotABackup)
        );
        let newer = file.replace("\"version\": 1", "\"version\": 2");
        assert_eq!(Backup::read(&newer), Err(BackupError::NewerVersion(2)));
        let mut short = backup();
        short.salt.truncate(4);
        assert!(matches!(
            Backup::read(&short.to_file()),
            Err(BackupError::Damaged(_))
        ));
    }
}
