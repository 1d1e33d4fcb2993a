//! Time-based one-time codes (RFC 6238, as authenticator apps make them):
//! HMAC-SHA1 over 30-second steps, 6 digits. A code is accepted one step
//! either side of now (clocks drift), and never twice.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// The most characters the form takes for a code: six digits with room for
/// the spaces people type ("12 34 56"), which `verify` strips.
pub const MAX_CODE_CHARS: usize = 12;

/// Seconds in one step.
pub const STEP_SECONDS: i64 = 30;
/// Digits in a code.
pub const DIGITS: u32 = 6;

/// A shared secret: 160 random bits, as RFC 4226 recommends.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret([u8; 20]);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(…)")
    }
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

impl TotpSecret {
    pub fn from_bytes(bytes: [u8; 20]) -> Self {
        Self(bytes)
    }

    /// Base32 without padding, as apps and `otpauth://` links write it.
    pub fn base32(&self) -> String {
        let mut out = String::with_capacity(32);
        let mut buffer: u32 = 0;
        let mut bits = 0;
        for byte in self.0 {
            buffer = (buffer << 8) | u32::from(byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
            }
        }
        if bits > 0 {
            out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
        }
        out
    }

    /// Reads base32 (any case, spaces ignored); `None` unless it is 20 bytes.
    pub fn parse_base32(text: &str) -> Option<Self> {
        let mut bytes = Vec::with_capacity(20);
        let mut buffer: u32 = 0;
        let mut bits = 0;
        for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
            let value = ALPHABET
                .iter()
                .position(|a| char::from(*a) == c.to_ascii_uppercase())?;
            buffer = (buffer << 5) | value as u32;
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                bytes.push(((buffer >> bits) & 0xff) as u8);
            }
        }
        <[u8; 20]>::try_from(bytes).ok().map(Self)
    }

    /// The link an authenticator app reads from a QR code.
    pub fn uri(&self, issuer: &str, account: &str) -> String {
        let enc = |s: &str| {
            s.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => {
                        char::from(b).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        };
        format!(
            "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
            enc(issuer),
            enc(account),
            self.base32(),
            enc(issuer)
        )
    }
}

/// The step a moment falls in.
pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The code for one step.
pub fn code_for_step(secret: &TotpSecret, step: i64) -> u32 {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(&secret.0) else {
        return 0;
    };
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let word = u32::from_be_bytes([
        digest[offset],
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]) & 0x7fff_ffff;
    word % 10u32.pow(DIGITS)
}

/// The code shown at a moment.
pub fn code_at(secret: &TotpSecret, unix_seconds: i64) -> u32 {
    code_for_step(secret, step_at(unix_seconds))
}

/// Checks a typed code at `unix_seconds`, one step either side; the step it
/// matched, when it is later than `last_used` (so a code works only once).
pub fn verify(
    secret: &TotpSecret,
    typed: &str,
    unix_seconds: i64,
    last_used: Option<i64>,
) -> Option<i64> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != DIGITS as usize || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let typed: u32 = digits.parse().ok()?;
    let now = step_at(unix_seconds);
    (now - 1..=now + 1)
        .filter(|step| last_used.is_none_or(|last| *step > last))
        .find(|step| code_for_step(secret, *step) == typed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's SHA-1 secret: the ASCII digits "12345678901234567890".
    fn rfc_secret() -> TotpSecret {
        TotpSecret::from_bytes(*b"12345678901234567890")
    }

    #[test]
    fn codes_match_rfc_6238() {
        // The RFC lists 8 digits; apps show the last 6.
        for (time, code) in [
            (59, 287_082),
            (1_111_111_109, 81_804),
            (1_111_111_111, 50_471),
            (1_234_567_890, 5_924),
            (2_000_000_000, 279_037),
        ] {
            assert_eq!(code_at(&rfc_secret(), time), code, "at {time}");
        }
    }

    #[test]
    fn base32_round_trips_and_is_what_apps_expect() {
        let secret = rfc_secret();
        assert_eq!(secret.base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(
            TotpSecret::parse_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"),
            Some(secret.clone())
        );
        assert_eq!(TotpSecret::parse_base32("GEZDGNBV"), None, "too short");
        assert_eq!(TotpSecret::parse_base32("GEZDGNB1"), None, "not base32");
        assert!(secret
            .uri("Village", "sam@example.org")
            .starts_with("otpauth://totp/Village:sam@example.org?secret=GEZDGNBV"));
    }

    #[test]
    fn a_code_works_one_step_either_side_and_only_once() {
        let secret = rfc_secret();
        let now = 1_111_111_111;
        let code = format!("{:06}", code_at(&secret, now));
        assert_eq!(verify(&secret, &code, now, None), Some(step_at(now)));
        assert_eq!(
            verify(&secret, &code, now + STEP_SECONDS, None),
            Some(step_at(now)),
            "a step late"
        );
        assert_eq!(
            verify(&secret, &code, now + 3 * STEP_SECONDS, None),
            None,
            "too late"
        );
        assert_eq!(
            verify(&secret, &code, now, Some(step_at(now))),
            None,
            "used already"
        );
        assert_eq!(verify(&secret, "12345", now, None), None);
        assert_eq!(verify(&secret, "abcdef", now, None), None);
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(verify(&secret, &spaced, now, None), Some(step_at(now)));
    }
}
