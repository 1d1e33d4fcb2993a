//! Where the diary is kept: the IndexedDB stores, with each entry sealed
//! under the lock's key when a lock is set. Browser only; used from effects
//! and event handlers after hydration.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use village_core::mood::{
    about_me::AboutMe,
    lock::{LockRecord, Passcode, Sealed, CHECK_TEXT, KDF_ITERATIONS, SALT_BYTES},
    say_it::SavedDraft,
    written, Entry, EntryId,
};
use web_sys::CryptoKey;

use super::crypto::{self, CryptoError};
use crate::idb::{Change, Db, DbError, Schema};

/// The check-ins, keyed by entry id.
pub const ENTRIES: &str = "entries";
/// Small settings: whether the intro was read, the lock, the last self-check.
pub const META: &str = "meta";
/// "About me" and saved "Help me say it" drafts, keyed by `Note::key`.
pub const NOTES: &str = "notes";

/// The diary's database, schema version 2.
const DIARY: Schema = Schema {
    name: "village-diary",
    version: 2,
    upgrade,
};

/// The upgrade steps, one per schema version.
fn upgrade(db: &web_sys::IdbDatabase, from: u32) {
    if from < 1 {
        // Version 1: entries and settings, keys kept outside the values.
        let _ = db.create_object_store(ENTRIES);
        let _ = db.create_object_store(META);
    }
    if from < 2 {
        // Version 2: "About me" and saved drafts, sealed like entries.
        let _ = db.create_object_store(NOTES);
    }
}

const INTRO_READ: &str = "intro-read";
const LOCK: &str = "lock";
const LAST_SELF_CHECK: &str = "last-self-check";

/// Why the diary could not do what was asked. Nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VaultError {
    Storage(DbError),
    Crypto(CryptoError),
    WrongPasscode,
    /// Another window set, changed or removed the lock since this one read it.
    ChangedElsewhere,
    /// Some stored check-ins could not be opened, so the lock was not changed
    /// (changing it would leave them unreadable for ever).
    Unreadable(usize),
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

/// The person's own words kept beside the check-ins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Note {
    AboutMe(AboutMe),
    Draft(SavedDraft),
}

impl Note {
    pub fn key(&self) -> String {
        match self {
            Note::AboutMe(_) => ABOUT_ME_KEY.to_owned(),
            Note::Draft(draft) => draft_key(draft.id()),
        }
    }
}

const ABOUT_ME_KEY: &str = "about-me";

pub fn draft_key(id: &EntryId) -> String {
    format!("draft:{id}")
}

/// How a note is kept: readable, or sealed under the lock's key.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum NoteRecord {
    Note(Note),
    Sealed(Sealed),
}

/// "About me" and the saved drafts, newest draft first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notes {
    pub about_me: Option<AboutMe>,
    pub drafts: Vec<SavedDraft>,
}

impl Notes {
    fn from_notes(notes: Vec<Note>) -> Self {
        let mut out = Notes::default();
        for note in notes {
            match note {
                Note::AboutMe(card) => out.about_me = Some(card),
                Note::Draft(draft) => out.drafts.push(draft),
            }
        }
        out.sort();
        out
    }

    pub fn sort(&mut self) {
        self.drafts
            .sort_by(|a, b| b.saved_at().cmp(&a.saved_at()).then(a.id().cmp(b.id())));
    }

    /// Every note, as stored.
    pub fn to_notes(&self) -> Vec<Note> {
        self.about_me
            .iter()
            .cloned()
            .map(Note::AboutMe)
            .chain(self.drafts.iter().cloned().map(Note::Draft))
            .collect()
    }
}

/// What the diary knows before it is unlocked.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub intro_read: bool,
    pub lock: Option<LockRecord>,
    /// A lock is stored but cannot be read: the entries cannot be opened.
    pub lock_damaged: bool,
    pub last_self_check: Option<NaiveDate>,
}

/// The open diary storage, and the key while unlocked, with the salt of the
/// lock it belongs to.
#[derive(Clone)]
pub struct Vault {
    db: Db,
    key: Option<(CryptoKey, Vec<u8>)>,
}

/// Entries and notes read back, and how many could not be read (kept
/// untouched).
pub struct Loaded {
    pub entries: Vec<Entry>,
    pub notes: Notes,
    pub unreadable: usize,
}

impl Vault {
    pub async fn open() -> Result<(Vault, Settings), VaultError> {
        let db = Db::open(&DIARY).await?;
        let settings = Self::settings(&db).await?;
        Ok((Vault { db, key: None }, settings))
    }

    async fn settings(db: &Db) -> Result<Settings, VaultError> {
        let mut settings = Settings::default();
        for (key, value) in db.all(META).await? {
            match key.as_str() {
                INTRO_READ => settings.intro_read = value == "true",
                LOCK => match serde_json::from_str(&value) {
                    Ok(lock) => settings.lock = Some(lock),
                    Err(_) => settings.lock_damaged = true,
                },
                LAST_SELF_CHECK => settings.last_self_check = written::parse_day(&value),
                _ => {}
            }
        }
        Ok(settings)
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
                self.key = Some((key, lock.salt.clone()));
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

    /// Every stored check-in and note this window can open, and how many it
    /// cannot.
    pub async fn load(&self) -> Result<Loaded, VaultError> {
        let mut entries = Vec::new();
        let mut notes = Vec::new();
        let mut unreadable = 0;
        for (_, value) in self.db.all(ENTRIES).await? {
            match self.open_record(&value).await {
                Some(entry) => entries.push(entry),
                None => unreadable += 1,
            }
        }
        for (_, value) in self.db.all(NOTES).await? {
            match self.open_note(&value).await {
                Some(note) => notes.push(note),
                None => unreadable += 1,
            }
        }
        Ok(Loaded {
            entries,
            notes: Notes::from_notes(notes),
            unreadable,
        })
    }

    async fn open_record(&self, value: &str) -> Option<Entry> {
        match serde_json::from_str::<Record>(value).ok()? {
            Record::Entry(entry) => Some(entry),
            Record::Sealed(sealed) => self.open_sealed(&sealed).await,
        }
    }

    async fn open_note(&self, value: &str) -> Option<Note> {
        match serde_json::from_str::<NoteRecord>(value).ok()? {
            NoteRecord::Note(note) => Some(note),
            NoteRecord::Sealed(sealed) => self.open_sealed(&sealed).await,
        }
    }

    async fn open_sealed<T: serde::de::DeserializeOwned>(&self, sealed: &Sealed) -> Option<T> {
        let (key, _) = self.key.as_ref()?;
        let plain = crypto::open(key, sealed).await.ok()?;
        serde_json::from_slice::<T>(&plain).ok()
    }

    /// Refuses to write when another window has changed the lock since this
    /// one opened it: its entries would be sealed with a key nobody has.
    async fn check_lock_unchanged(&self) -> Result<(), VaultError> {
        let stored = Self::settings(&self.db).await?;
        let ours = self.key.as_ref().map(|(_, salt)| salt.as_slice());
        let theirs = stored.lock.as_ref().map(|lock| lock.salt.as_slice());
        if stored.lock_damaged || ours != theirs {
            return Err(VaultError::ChangedElsewhere);
        }
        Ok(())
    }

    async fn record(key: Option<&CryptoKey>, entry: &Entry) -> Result<String, VaultError> {
        let record = match key {
            Some(key) => {
                let plain = serde_json::to_vec(entry).unwrap_or_default();
                Record::Sealed(crypto::seal(key, &plain).await?)
            }
            None => Record::Entry(entry.clone()),
        };
        Ok(serde_json::to_string(&record).unwrap_or_default())
    }

    async fn note_record(key: Option<&CryptoKey>, note: &Note) -> Result<String, VaultError> {
        let record = match key {
            Some(key) => {
                let plain = serde_json::to_vec(note).unwrap_or_default();
                NoteRecord::Sealed(crypto::seal(key, &plain).await?)
            }
            None => NoteRecord::Note(note.clone()),
        };
        Ok(serde_json::to_string(&record).unwrap_or_default())
    }

    async fn puts(
        key: Option<&CryptoKey>,
        entries: &[Entry],
        notes: &[Note],
    ) -> Result<Vec<Change>, VaultError> {
        let mut changes = Vec::with_capacity(entries.len() + notes.len());
        for entry in entries {
            changes.push(Change::Put {
                store: ENTRIES,
                key: entry.id().to_string(),
                value: Self::record(key, entry).await?,
            });
        }
        for note in notes {
            changes.push(Change::Put {
                store: NOTES,
                key: note.key(),
                value: Self::note_record(key, note).await?,
            });
        }
        Ok(changes)
    }

    /// Saves entries (new or edited) in one transaction.
    pub async fn save(&self, entries: &[Entry]) -> Result<(), VaultError> {
        self.save_all(entries, &[]).await
    }

    /// Saves notes ("About me", drafts) in one transaction.
    pub async fn save_notes(&self, notes: &[Note]) -> Result<(), VaultError> {
        self.save_all(&[], notes).await
    }

    /// Saves entries and notes together, all or nothing (bringing a file back).
    pub async fn save_all(&self, entries: &[Entry], notes: &[Note]) -> Result<(), VaultError> {
        self.check_lock_unchanged().await?;
        let changes = Self::puts(self.key.as_ref().map(|(key, _)| key), entries, notes).await?;
        Ok(self.db.write(&changes).await?)
    }

    /// Deletes a saved draft.
    pub async fn delete_draft(&self, id: &EntryId) -> Result<(), VaultError> {
        self.check_lock_unchanged().await?;
        Ok(self
            .db
            .write(&[Change::Delete {
                store: NOTES,
                key: draft_key(id),
            }])
            .await?)
    }

    pub async fn delete(&self, id: &EntryId) -> Result<(), VaultError> {
        self.check_lock_unchanged().await?;
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

    /// Every stored check-in and note, read back from storage (not from what
    /// the page shows), or an error if any cannot be opened.
    async fn all_readable(&self) -> Result<(Vec<Entry>, Vec<Note>), VaultError> {
        self.check_lock_unchanged().await?;
        let loaded = self.load().await?;
        if loaded.unreadable > 0 {
            return Err(VaultError::Unreadable(loaded.unreadable));
        }
        Ok((loaded.entries, loaded.notes.to_notes()))
    }

    /// Sets a new lock (or changes it): every stored entry and note is sealed under the
    /// new key in the same transaction that stores the lock.
    pub async fn set_lock(&mut self, passcode: &Passcode) -> Result<LockRecord, VaultError> {
        let (entries, notes) = self.all_readable().await?;
        let salt = crypto::random_bytes(SALT_BYTES)?;
        let key = crypto::derive_key(passcode, &salt, KDF_ITERATIONS).await?;
        let check = crypto::seal(&key, CHECK_TEXT.as_bytes()).await?;
        let lock = LockRecord {
            salt: salt.clone(),
            iterations: KDF_ITERATIONS,
            check,
        };
        let mut changes = Self::puts(Some(&key), &entries, &notes).await?;
        changes.push(meta(
            LOCK,
            &serde_json::to_string(&lock).unwrap_or_default(),
        ));
        self.db.write(&changes).await?;
        self.key = Some((key, salt));
        Ok(lock)
    }

    /// Removes the lock: every stored entry is kept readable again, in one
    /// transaction.
    pub async fn remove_lock(&mut self) -> Result<(), VaultError> {
        let (entries, notes) = self.all_readable().await?;
        let mut changes = Self::puts(None, &entries, &notes).await?;
        changes.push(Change::Delete {
            store: META,
            key: LOCK.to_owned(),
        });
        self.db.write(&changes).await?;
        self.key = None;
        Ok(())
    }

    /// Deletes every entry and note, the lock and the settings, in one
    /// transaction.
    pub async fn wipe(&mut self) -> Result<(), VaultError> {
        self.db
            .write(&[
                Change::Clear { store: ENTRIES },
                Change::Clear { store: NOTES },
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
