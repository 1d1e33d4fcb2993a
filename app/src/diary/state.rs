//! What the diary's screens share while it is open: the storage, the
//! check-ins, which section is showing and the message for the person.

use leptos::prelude::*;
use village_core::mood::{lock::LockRecord, Diary, Entry};

use super::vault::{Vault, VaultError};
use super::{crypto::CryptoError, text};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Loading,
    NoStorage,
    Intro,
    Locked,
    Open,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    CheckIn,
    History,
    SelfCheck,
    Data,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::CheckIn, Tab::History, Tab::SelfCheck, Tab::Data];

    pub fn label(self) -> &'static str {
        match self {
            Tab::CheckIn => text::TAB_CHECK_IN,
            Tab::History => text::TAB_HISTORY,
            Tab::SelfCheck => text::TAB_SELF_CHECK,
            Tab::Data => text::TAB_DATA,
        }
    }
}

/// A message in the diary's live region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub problem: bool,
    /// Offer "Undo" for the entry just deleted.
    pub undo: bool,
}

impl Notice {
    pub fn ok(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            problem: false,
            undo: false,
        }
    }

    pub fn problem(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            problem: true,
            undo: false,
        }
    }
}

/// Minutes without a tap or key before a locked diary closes again.
pub const IDLE_LOCK_MINUTES: i64 = 5;

#[derive(Clone, Copy)]
pub struct DiaryState {
    pub vault: StoredValue<Option<Vault>, LocalStorage>,
    pub diary: RwSignal<Diary>,
    pub lock: RwSignal<Option<LockRecord>>,
    pub last_self_check: RwSignal<Option<chrono::NaiveDate>>,
    pub phase: RwSignal<Phase>,
    pub tab: RwSignal<Tab>,
    pub notice: RwSignal<Option<Notice>>,
    pub editing: RwSignal<Option<Entry>>,
    pub last_deleted: RwSignal<Option<Entry>>,
    pub last_active: StoredValue<i64>,
    pub persisted: RwSignal<Option<bool>>,
}

impl DiaryState {
    pub fn new() -> Self {
        Self {
            vault: StoredValue::new_local(None),
            diary: RwSignal::new(Diary::default()),
            lock: RwSignal::new(None),
            last_self_check: RwSignal::new(None),
            phase: RwSignal::new(Phase::Loading),
            tab: RwSignal::new(Tab::CheckIn),
            notice: RwSignal::new(None),
            editing: RwSignal::new(None),
            last_deleted: RwSignal::new(None),
            last_active: StoredValue::new(0),
            persisted: RwSignal::new(None),
        }
    }

    pub fn vault(&self) -> Option<Vault> {
        self.vault.get_value()
    }

    pub fn say(&self, notice: Notice) {
        self.notice.set(Some(notice));
    }
}

impl Default for DiaryState {
    fn default() -> Self {
        Self::new()
    }
}

/// A plain sentence for a storage or encryption failure.
pub fn problem_text(error: &VaultError) -> String {
    match error {
        VaultError::Storage(_) => text::STORAGE_FAILED.to_owned(),
        VaultError::Crypto(CryptoError::Unavailable) => text::LOCK_UNAVAILABLE.to_owned(),
        VaultError::Crypto(_) => text::STORAGE_FAILED.to_owned(),
        VaultError::WrongPasscode => text::WRONG_PIN.to_owned(),
    }
}
