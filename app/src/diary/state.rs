//! What the diary's screens share while it is open: the storage, the
//! check-ins, which section is showing and the message for the person.

use std::collections::BTreeSet;

use leptos::prelude::*;
use village_core::mood::{
    lock::LockRecord,
    say_it::{Audience, Fear, Wish},
    self_check::Answers,
    written, Context, Diary, Entry, Feeling, Mood,
};

use super::vault::{Notes, Vault, VaultError};
use super::{browser, crypto::CryptoError, text};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Loading,
    NoStorage,
    Intro,
    Locked,
    /// The lock is stored but cannot be read.
    Damaged,
    Open,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    CheckIn,
    History,
    SelfCheck,
    SayIt,
    AboutMe,
    Data,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::CheckIn,
        Tab::History,
        Tab::SelfCheck,
        Tab::SayIt,
        Tab::AboutMe,
        Tab::Data,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tab::CheckIn => text::TAB_CHECK_IN,
            Tab::History => text::TAB_HISTORY,
            Tab::SelfCheck => text::TAB_SELF_CHECK,
            Tab::SayIt => text::TAB_SAY_IT,
            Tab::AboutMe => text::TAB_ABOUT_ME,
            Tab::Data => text::TAB_DATA,
        }
    }
}

/// Where "Help me say it" was opened from: a link that names who the words
/// are for, and the directory service they are for, if any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SayFor {
    pub audience: Option<Audience>,
    /// A directory service's id, as the link gave it (checked before use).
    pub service: Option<String>,
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

thread_local! {
    /// The open storage. Browser objects cannot cross threads, and the
    /// island's body also runs on the server (where this stays empty), so the
    /// vault lives here rather than in a reactive value the server would drop
    /// on another thread.
    static VAULT: std::cell::RefCell<Option<Vault>> = const { std::cell::RefCell::new(None) };
}

/// A handle to the page's one open vault.
#[derive(Clone, Copy, Debug, Default)]
pub struct VaultSlot;

impl VaultSlot {
    pub fn get_value(&self) -> Option<Vault> {
        VAULT.with(|vault| vault.borrow().clone())
    }

    pub fn set_value(&self, value: Option<Vault>) {
        VAULT.with(|vault| *vault.borrow_mut() = value);
    }

    pub fn update_value(&self, update: impl FnOnce(&mut Option<Vault>)) {
        VAULT.with(|vault| update(&mut vault.borrow_mut()));
    }
}

/// Minutes without a tap or key before a locked diary closes again.
pub const IDLE_LOCK_MINUTES: i64 = 5;

/// The form's values while someone fills it in.
#[derive(Clone, Copy)]
pub struct Form {
    pub mood: RwSignal<Option<Mood>>,
    pub feelings: RwSignal<BTreeSet<Feeling>>,
    pub context: RwSignal<BTreeSet<Context>>,
    pub note: RwSignal<String>,
    pub day: RwSignal<String>,
    pub time: RwSignal<String>,
    /// The crisis card has been offered for this check-in already.
    pub card_offered: RwSignal<bool>,
}

impl Form {
    /// An empty form. Its day and time are filled in the browser (`clear`),
    /// never on the server.
    pub fn new() -> Self {
        Self {
            mood: RwSignal::new(None),
            feelings: RwSignal::new(BTreeSet::new()),
            context: RwSignal::new(BTreeSet::new()),
            note: RwSignal::new(String::new()),
            day: RwSignal::new(String::new()),
            time: RwSignal::new(String::new()),
            card_offered: RwSignal::new(false),
        }
    }

    /// Nothing chosen or typed yet.
    pub fn is_untouched(&self) -> bool {
        self.mood.read_untracked().is_none()
            && self.feelings.read_untracked().is_empty()
            && self.context.read_untracked().is_empty()
            && self.note.read_untracked().is_empty()
    }

    /// Empties the form and sets the day and time to now.
    pub fn clear(&self) {
        let (day, time) = browser::now();
        self.mood.set(None);
        self.feelings.set(BTreeSet::new());
        self.context.set(BTreeSet::new());
        self.note.set(String::new());
        self.day.set(written::day(day));
        self.time.set(written::time(time));
        self.card_offered.set(false);
    }

    /// Starts editing an earlier check-in.
    pub fn fill(&self, entry: &Entry) {
        self.mood.set(Some(entry.mood()));
        self.feelings.set(entry.feelings().clone());
        self.context.set(entry.context().clone());
        self.note.set(entry.note().to_owned());
        self.day.set(written::day(entry.day()));
        self.time.set(written::time(entry.time()));
        self.card_offered.set(entry.mood() == Mood::VeryLow);
    }
}

impl Default for Form {
    fn default() -> Self {
        Self::new()
    }
}

/// Which days "Help me say it" looks at, as its form holds them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SayDays {
    TwoWeeks,
    Month,
    Since,
}

/// "Help me say it" while the person works on it: kept in memory across the
/// diary's sections (so looking at the self-check loses nothing), cleared
/// when the diary locks or is deleted, and stored only if they save it.
#[derive(Clone, Copy)]
pub struct SayDraft {
    pub audience: RwSignal<Audience>,
    pub days: RwSignal<SayDays>,
    pub since: RwSignal<String>,
    pub wishes: RwSignal<BTreeSet<Wish>>,
    pub fears: RwSignal<BTreeSet<Fear>>,
    pub with_self_check: RwSignal<bool>,
    /// The sentences on screen, each with a key that never changes.
    pub lines: RwSignal<Vec<(usize, String)>>,
    /// Who the words on screen are for, and the kind message when their
    /// days held no check-ins; none until something is drafted.
    pub drafted: RwSignal<Option<(Audience, Option<String>)>>,
    next_key: StoredValue<usize>,
}

impl SayDraft {
    fn new() -> Self {
        Self {
            audience: RwSignal::new(Audience::Gp),
            days: RwSignal::new(SayDays::TwoWeeks),
            since: RwSignal::new(String::new()),
            wishes: RwSignal::new(BTreeSet::new()),
            fears: RwSignal::new(BTreeSet::new()),
            with_self_check: RwSignal::new(false),
            lines: RwSignal::new(Vec::new()),
            drafted: RwSignal::new(None),
            next_key: StoredValue::new(0),
        }
    }

    /// A sentence with a fresh key.
    pub fn line(&self, words: String) -> (usize, String) {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        (key, words)
    }

    /// Forgets everything on screen (locking, deleting the diary).
    pub fn clear(&self) {
        self.audience.set(Audience::Gp);
        self.days.set(SayDays::TwoWeeks);
        self.since.set(String::new());
        self.wishes.set(BTreeSet::new());
        self.fears.set(BTreeSet::new());
        self.with_self_check.set(false);
        self.lines.set(Vec::new());
        self.drafted.set(None);
    }
}

#[derive(Clone, Copy)]
pub struct DiaryState {
    pub vault: VaultSlot,
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
    /// The check-in being written (or edited), kept across sections.
    pub form: Form,
    /// "About me" and saved drafts, as read from storage.
    pub notes: RwSignal<Notes>,
    /// This visit's finished self-check answers, in memory only, for "Help
    /// me say it" to include if the person chooses.
    pub self_check: RwSignal<Option<Answers>>,
    pub say_for: RwSignal<SayFor>,
    pub say: SayDraft,
}

impl DiaryState {
    pub fn new() -> Self {
        Self {
            vault: VaultSlot,
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
            form: Form::new(),
            notes: RwSignal::new(Notes::default()),
            self_check: RwSignal::new(None),
            say_for: RwSignal::new(SayFor::default()),
            say: SayDraft::new(),
        }
    }

    pub fn vault(&self) -> Option<Vault> {
        self.vault.get_value()
    }

    pub fn say(&self, notice: Notice) {
        self.notice.set(Some(notice));
    }

    /// Forgets, from memory, everything of the person's the diary holds
    /// beyond storage: notes, this visit's self-check, a draft in progress.
    pub fn forget_words(&self) {
        self.notes.set(Notes::default());
        self.self_check.set(None);
        self.say.clear();
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
        VaultError::ChangedElsewhere => text::CHANGED_ELSEWHERE.to_owned(),
        VaultError::Unreadable(count) => text::lock_not_changed(*count),
    }
}
