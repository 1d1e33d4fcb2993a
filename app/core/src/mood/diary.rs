//! All of someone's check-ins, and the changes they can make to them: save,
//! edit, delete with undo, and bring in entries from a file.

use super::entry::{Entry, EntryId};

/// The check-ins, newest first. Each id appears once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diary {
    entries: Vec<Entry>,
}

/// What an import did, so the person can be told plainly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Diary {
    /// Builds a diary from entries in any order; when an id appears twice the
    /// most recently saved version is kept.
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Self {
        let mut diary = Self::default();
        for entry in entries {
            diary.merge_one(entry);
        }
        diary
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, id: &EntryId) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id() == id)
    }

    /// Saves a new check-in or replaces the one with the same id.
    pub fn save(&mut self, entry: Entry) {
        self.entries.retain(|e| e.id() != entry.id());
        self.insert_sorted(entry);
    }

    /// Removes a check-in and hands it back, so that "Undo" can save it again.
    pub fn remove(&mut self, id: &EntryId) -> Option<Entry> {
        let at = self.entries.iter().position(|e| e.id() == id)?;
        Some(self.entries.remove(at))
    }

    /// Brings in entries from a file. The same entry imported twice is not
    /// duplicated; of two versions of one entry, the later saved one wins.
    /// Returns the entries that changed, for the caller to store.
    pub fn merge(
        &mut self,
        incoming: impl IntoIterator<Item = Entry>,
    ) -> (MergeReport, Vec<Entry>) {
        let mut report = MergeReport::default();
        let mut changed = Vec::new();
        for entry in incoming {
            match self.merge_one(entry.clone()) {
                Merged::Added => {
                    report.added += 1;
                    changed.push(entry);
                }
                Merged::Updated => {
                    report.updated += 1;
                    changed.push(entry);
                }
                Merged::Unchanged => report.unchanged += 1,
            }
        }
        (report, changed)
    }

    fn merge_one(&mut self, entry: Entry) -> Merged {
        match self.entries.iter().position(|e| e.id() == entry.id()) {
            None => {
                self.insert_sorted(entry);
                Merged::Added
            }
            Some(at) if self.entries[at] == entry => Merged::Unchanged,
            Some(at) if entry.saved_at() > self.entries[at].saved_at() => {
                self.entries.remove(at);
                self.insert_sorted(entry);
                Merged::Updated
            }
            Some(_) => Merged::Unchanged,
        }
    }

    fn insert_sorted(&mut self, entry: Entry) {
        let at = self
            .entries
            .partition_point(|e| Entry::newest_first(e, &entry).is_lt());
        self.entries.insert(at, entry);
    }
}

enum Merged {
    Added,
    Updated,
    Unchanged,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mood::entry::tests::entry;

    #[test]
    fn keeps_newest_first_whatever_order_entries_are_saved_in() {
        let mut diary = Diary::default();
        diary.save(entry("a", 3, 2));
        diary.save(entry("b", 5, 4));
        diary.save(entry("c", 1, 3));
        let days: Vec<u32> = diary
            .entries()
            .iter()
            .map(|e| chrono::Datelike::day(&e.day()))
            .collect();
        assert_eq!(days, vec![5, 3, 1]);
    }

    #[test]
    fn saving_an_edit_replaces_the_entry() {
        let mut diary = Diary::from_entries([entry("a", 3, 2)]);
        diary.save(entry("a", 4, 5));
        assert_eq!(diary.len(), 1);
        assert_eq!(diary.entries()[0].mood().score(), 5);
    }

    #[test]
    fn undo_after_delete_brings_the_same_entry_back() {
        let mut diary = Diary::from_entries([entry("a", 3, 2), entry("b", 4, 4)]);
        let before = diary.clone();
        let removed = diary.remove(entry("a", 3, 2).id()).expect("was there");
        assert_eq!(diary.len(), 1);
        diary.save(removed);
        assert_eq!(diary, before);
    }

    #[test]
    fn importing_the_same_entries_twice_does_not_duplicate() {
        let mut diary = Diary::default();
        let file = vec![entry("a", 3, 2), entry("b", 4, 4)];
        let (first, changed) = diary.merge(file.clone());
        assert_eq!((first.added, first.updated, first.unchanged), (2, 0, 0));
        assert_eq!(changed.len(), 2);
        let (second, changed) = diary.merge(file);
        assert_eq!((second.added, second.updated, second.unchanged), (0, 0, 2));
        assert!(changed.is_empty());
        assert_eq!(diary.len(), 2);
    }

    #[test]
    fn the_later_saved_version_of_an_entry_wins_an_import() {
        let older = entry("a", 3, 2);
        let mut newer = older.to_draft();
        newer.mood = crate::mood::Mood::Good;
        newer.saved_at += 1;
        let newer = Entry::new(newer, chrono::NaiveDate::MAX).expect("valid");
        let mut diary = Diary::from_entries([newer.clone()]);
        let (report, _) = diary.merge([older]);
        assert_eq!(report.unchanged, 1);
        assert_eq!(diary.entries(), &[newer]);
    }
}
