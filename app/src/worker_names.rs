//! The names the pages share with the service worker: its kept cache, the
//! kept copies in it, the reminder's wake-up tag and the header that marks
//! an answer from the phone's copy. They live in `app/sw/names.json`, which
//! the worker is built with; the test below holds the two sides together.

/// The worker's cache that outlives versions: My groups and reminder settings.
pub const KEPT_CACHE: &str = "village-kept";
/// The last My groups answer, kept by the worker (the reminders read it).
pub const KEPT_MY_GROUPS: &str = "/kept/my-groups.json";
/// The reminder settings the person saved.
pub const KEPT_REMINDERS: &str = "/kept/reminders.json";
/// The tag the installed app is woken with for reminders.
pub const REMINDER_TAG: &str = "village-reminders";
/// The id of the week page's "this is the copy saved on …" note, which the
/// worker shows in the copy it keeps (`savedCopyHidden` and `savedCopyShown`
/// in names.json are its opening tag; `calendar::days` tests them).
pub const SAVED_COPY_ID: &str = "saved-copy";
/// Set on answers that came from the phone's copy, not the network.
pub const FROM_COPY_HEADER: &str = "x-village-from";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_and_the_worker_use_the_same_names() {
        let names: serde_json::Value =
            serde_json::from_str(include_str!("../sw/names.json")).expect("names.json is JSON");
        assert_eq!(names["keptCache"], KEPT_CACHE);
        assert_eq!(names["keptReminders"], KEPT_REMINDERS);
        assert_eq!(names["keptMyGroups"], KEPT_MY_GROUPS);
        assert_eq!(names["reminderTag"], REMINDER_TAG);
        assert_eq!(names["fromCopyHeader"], FROM_COPY_HEADER);
        assert!(names["savedCopyHidden"]
            .as_str()
            .is_some_and(|tag| tag.contains(&format!(r#"id="{SAVED_COPY_ID}""#))));
        assert_eq!(
            names["myGroups"],
            village_core::calendar::followed::OUTLOOK_PATH
        );
        // The worker reads every name from NAMES, none written out again.
        let worker = include_str!("../sw/worker.js");
        for value in names.as_object().expect("an object").values() {
            let value = value.as_str().expect("a name");
            assert!(
                !worker.contains(&format!("\"{value}\"")),
                "{value} is written out in worker.js"
            );
        }
    }
}
