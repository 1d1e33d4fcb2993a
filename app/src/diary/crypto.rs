//! The browser's own cryptography (WebCrypto) for the lock and the encrypted
//! backup: a key derived from the PIN with PBKDF2-SHA256, and AES-GCM with a
//! fresh random nonce for every sealing. Nothing here ever leaves the phone.

use js_sys::{Array, Object, Reflect, Uint8Array};
use village_core::mood::lock::{Passcode, Sealed, IV_BYTES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Crypto, CryptoKey, SubtleCrypto};

/// Why sealing or opening failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// No WebCrypto: the page is not on a secure (https) connection.
    Unavailable,
    /// The key does not open this data: a wrong PIN, or damaged data.
    WrongKey,
    /// The browser refused for another reason.
    Failed,
}

fn crypto() -> Result<Crypto, CryptoError> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoError::Unavailable)
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let crypto = crypto()?;
    // `crypto.subtle` is missing outside secure contexts.
    let subtle = Reflect::get(&crypto, &"subtle".into()).map_err(|_| CryptoError::Unavailable)?;
    if subtle.is_undefined() || subtle.is_null() {
        return Err(CryptoError::Unavailable);
    }
    Ok(crypto.subtle())
}

/// Whether the lock and encrypted backups can work here.
pub fn available() -> bool {
    subtle().is_ok()
}

/// Random bytes from the browser's generator.
pub fn random_bytes(count: usize) -> Result<Vec<u8>, CryptoError> {
    let mut bytes = vec![0u8; count];
    crypto()?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| CryptoError::Failed)?;
    Ok(bytes)
}

/// A random id for a new entry (a version 4 UUID). Works on plain http too.
pub fn random_id() -> Result<String, CryptoError> {
    let mut b = random_bytes(16)?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

fn object(pairs: &[(&str, JsValue)]) -> Result<Object, CryptoError> {
    let object = Object::new();
    for (key, value) in pairs {
        Reflect::set(&object, &JsValue::from_str(key), value).map_err(|_| CryptoError::Failed)?;
    }
    Ok(object)
}

async fn resolve(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, CryptoError> {
    JsFuture::from(promise.map_err(|_| CryptoError::Failed)?)
        .await
        .map_err(|_| CryptoError::Failed)
}

/// Derives the AES-GCM key for a PIN or passphrase and salt. Deliberately
/// slow (hundreds of thousands of rounds), so guessing is slow too.
pub async fn derive_key(
    passcode: &Passcode,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, CryptoError> {
    let subtle = subtle()?;
    let raw = Uint8Array::from(passcode.as_bytes());
    let usages = Array::of1(&"deriveKey".into());
    let base = resolve(subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages))
        .await?
        .dyn_into::<CryptoKey>()
        .map_err(|_| CryptoError::Failed)?;
    let algorithm = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ])?;
    let target = object(&[("name", "AES-GCM".into()), ("length", 256u32.into())])?;
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    resolve(subtle.derive_key_with_object_and_object(&algorithm, &base, &target, false, &usages))
        .await?
        .dyn_into::<CryptoKey>()
        .map_err(|_| CryptoError::Failed)
}

/// Encrypts with a fresh random nonce.
pub async fn seal(key: &CryptoKey, plain: &[u8]) -> Result<Sealed, CryptoError> {
    let iv = random_bytes(IV_BYTES)?;
    let algorithm = object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(&iv[..]).into()),
    ])?;
    let data = resolve(subtle()?.encrypt_with_object_and_u8_array(&algorithm, key, plain)).await?;
    Ok(Sealed {
        iv,
        data: Uint8Array::new(&data).to_vec(),
    })
}

/// Decrypts; a wrong key or changed data fails AES-GCM's check.
pub async fn open(key: &CryptoKey, sealed: &Sealed) -> Result<Vec<u8>, CryptoError> {
    let algorithm = object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(&sealed.iv[..]).into()),
    ])?;
    let data = resolve(subtle()?.decrypt_with_object_and_u8_array(&algorithm, key, &sealed.data))
        .await
        .map_err(|_| CryptoError::WrongKey)?;
    Ok(Uint8Array::new(&data).to_vec())
}
