//! Where the diary is kept: the IndexedDB stores, with each entry sealed
//! under the lock's key when a lock is set. Browser only; used from effects
//! and event handlers after hydration.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use village_core::mood::{
    lock::{LockRecord, Passcode, Sealed, CHECK_TEXT, KDF_ITERATIONS, SALT_BYTES},
    written, Entry, EntryId,
};
use web_sys::CryptoKey;

use super::crypto::{self, CryptoError};
use super::idb::{Change, Db, DbError, ENTRIES, META};

const INTRO_READ: &str = "intro-read";
const LOCK: &str = "lock";
const LAST_SELF_CHECK: &str = "last-self-check";

/// Why the diary could not do what was asked. Nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VaultError {
    Storage(DbError),
    Crypto(CryptoError),
    WrongPasscode,
}

impl From<DbError> for VaultError {
    fn from(error: DbError) -> Self {
        VaultError::Storage(error)
    }
}

impl From<CryptoError> for VaultError {
    fn from(error: CryptoError) -> Self {
        VaultError::Crypto(error)
    }
}

/// How an entry is kept: readable, or sealed under the lock's key.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Record {
    Entry(Entry),
    Sealed(Sealed),
}

/// What the diary knows before it is unlocked.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub intro_read: bool,
    pub lock: Option<LockRecord>,
    pub last_self_check: Option<NaiveDate>,
}

/// The open diary storage, and the key while unlocked.
#[derive(Clone)]
pub struct Vault {
    db: Db,
    key: Option<CryptoKey>,
}

/// Entries read back, and how many could not be read (kept untouched).
pub struct Loaded {
    pub entries: Vec<Entry>,
    pub unreadable: usize,
}

impl Vault {
    pub async fn open() -> Result<(Vault, Settings), VaultError> {
        let db = Db::open().await?;
        let mut settings = Settings::default();
        for (key, value) in db.all(META).await? {
            match key.as_str() {
                INTRO_READ => settings.intro_read = value == "true",
                LOCK => settings.lock = serde_json::from_str(&value).ok(),
                LAST_SELF_CHECK => settings.last_self_check = written::parse_day(&value),
                _ => {}
            }
        }
        Ok((Vault { db, key: None }, settings))
    }

    /// Tries a PIN or passphrase against the lock; keeps the key if right.
    pub async fn unlock(
        &mut self,
        lock: &LockRecord,
        passcode: &Passcode,
    ) -> Result<(), VaultError> {
        let key = crypto::derive_key(passcode, &lock.salt, lock.iterations).await?;
        match crypto::open(&key, &lock.check).await {
            Ok(text) if text == CHECK_TEXT.as_bytes() => {
                self.key = Some(key);
                Ok(())
            }
            Ok(_) | Err(CryptoError::WrongKey) => Err(VaultError::WrongPasscode),
            Err(other) => Err(other.into()),
        }
    }

    /// Forgets the key (locking after a quiet spell, or "Lock now").
    pub fn forget_key(&mut self) {
        self.key = None;
    }

    pub async fn load(&self) -> Result<Loaded, VaultError> {
        let mut entries = Vec::new();
        let mut unreadable = 0;
        for (_, value) in self.db.all(ENTRIES).await? {
            let entry = match serde_json::from_str::<Record>(&value) {
                Ok(Record::Entry(entry)) => Some(entry),
                Ok(Record::Sealed(sealed)) => match &self.key {
                    Some(key) => crypto::open(key, &sealed)
                        .await
                        .ok()
                        .and_then(|plain| serde_json::from_slice::<Entry>(&plain).ok()),
                    None => None,
                },
                Err(_) => None,
            };
            match entry {
                Some(entry) => entries.push(entry),
                None => unreadable += 1,
            }
        }
        Ok(Loaded {
            entries,
            unreadable,
        })
    }

    async fn record(&self, entry: &Entry) -> Result<String, VaultError> {
        let record = match &self.key {
            Some(key) => {
                let plain = serde_json::to_vec(entry).unwrap_or_default();
                Record::Sealed(crypto::seal(key, &plain).await?)
            }
            None => Record::Entry(entry.clone()),
        };
        Ok(serde_json::to_string(&record).unwrap_or_default())
    }

    async fn puts(&self, entries: &[Entry]) -> Result<Vec<Change>, VaultError> {
        let mut changes = Vec::with_capacity(entries.len());
        for entry in entries {
            changes.push(Change::Put {
                store: ENTRIES,
                key: entry.id().to_string(),
                value: self.record(entry).await?,
            });
        }
        Ok(changes)
    }

    /// Saves entries (new or edited) in one transaction.
    pub async fn save(&self, entries: &[Entry]) -> Result<(), VaultError> {
        let changes = self.puts(entries).await?;
        Ok(self.db.write(&changes).await?)
    }

    pub async fn delete(&self, id: &EntryId) -> Result<(), VaultError> {
        Ok(self
            .db
            .write(&[Change::Delete {
                store: ENTRIES,
                key: id.to_string(),
            }])
            .await?)
    }

    pub async fn mark_intro_read(&self) -> Result<(), VaultError> {
        Ok(self.db.write(&[meta(INTRO_READ, "true")]).await?)
    }

    pub async fn mark_self_check(&self, day: NaiveDate) -> Result<(), VaultError> {
        Ok(self
            .db
            .write(&[meta(LAST_SELF_CHECK, &written::day(day))])
            .await?)
    }

    /// Sets a new lock (or changes it): every entry is sealed under the new
    /// key in the same transaction that stores the lock.
    pub async fn set_lock(
        &mut self,
        passcode: &Passcode,
        entries: &[Entry],
    ) -> Result<LockRecord, VaultError> {
        let salt = crypto::random_bytes(SALT_BYTES)?;
        let key = crypto::derive_key(passcode, &salt, KDF_ITERATIONS).await?;
        let check = crypto::seal(&key, CHECK_TEXT.as_bytes()).await?;
        let lock = LockRecord {
            salt,
            iterations: KDF_ITERATIONS,
            check,
        };
        let previous = self.key.replace(key);
        let mut changes = match self.puts(entries).await {
            Ok(changes) => changes,
            Err(error) => {
                self.key = previous;
                return Err(error);
            }
        };
        changes.push(meta(
            LOCK,
            &serde_json::to_string(&lock).unwrap_or_default(),
        ));
        if let Err(error) = self.db.write(&changes).await {
            self.key = previous;
            return Err(error.into());
        }
        Ok(lock)
    }

    /// Removes the lock: every entry is kept readable again, in one transaction.
    pub async fn remove_lock(&mut self, entries: &[Entry]) -> Result<(), VaultError> {
        let key = self.key.take();
        let mut changes = match self.puts(entries).await {
            Ok(changes) => changes,
            Err(error) => {
                self.key = key;
                return Err(error);
            }
        };
        changes.push(Change::Delete {
            store: META,
            key: LOCK.to_owned(),
        });
        if let Err(error) = self.db.write(&changes).await {
            self.key = key;
            return Err(error.into());
        }
        Ok(())
    }

    /// Deletes every entry, the lock and the settings, in one transaction.
    pub async fn wipe(&mut self) -> Result<(), VaultError> {
        self.db
            .write(&[
                Change::Clear { store: ENTRIES },
                Change::Clear { store: META },
            ])
            .await?;
        self.key = None;
        Ok(())
    }
}

fn meta(key: &str, value: &str) -> Change {
    Change::Put {
        store: META,
        key: key.to_owned(),
        value: value.to_owned(),
    }
}
