//! Every word of the mood diary, ready for translation. Calm, plain and
//! kind: people may read this at 3 a.m. with a baby on one arm.

use chrono::{Datelike, NaiveDate, Weekday};
use village_core::mood::{say_it::Audience, self_check::Question, written, Context, Span};

pub const TITLE: &str = "My mood";
pub const INTRO: &str =
    "A private diary for how you feel. A check-in takes a few seconds, and what you write stays on this phone.";
pub const NEEDS_SCRIPT: &str =
    "The diary keeps your check-ins on this phone, so it needs JavaScript. Please turn JavaScript on, or use another browser.";
pub const LOADING: &str = "Opening your diary…";
pub const NO_STORAGE: &str =
    "This browser will not let Village keep a diary on this phone (private browsing can do this). Nothing you type here can be saved.";

// Before the first question.
pub const PRIVACY_HEADING: &str = "Before you start: where your diary lives";
pub const PRIVACY_POINTS: [&str; 4] = [
    "Your check-ins are kept only on this phone, in this browser.",
    "They are never sent to Village or anyone else. We cannot see them, and we cannot get them back for you.",
    "To keep a copy safe, save a backup file from \"Your data\". You can lock the diary with a PIN there too.",
    "You can delete everything at any time from \"Your data\".",
];
pub const PRIVACY_OK: &str = "I understand, start my diary";
pub const PRIVACY_MORE: &str = "Everything Village keeps, and where";

// Sections.
pub const SECTIONS: &str = "Diary sections";
pub const TAB_CHECK_IN: &str = "Check in";
pub const TAB_HISTORY: &str = "History";
pub const TAB_SELF_CHECK: &str = "Self-check";
pub const TAB_DATA: &str = "Your data";
pub const TAB_SAY_IT: &str = "Help me say it";
pub const TAB_ABOUT_ME: &str = "About me";

// The check-in.
pub const CHECK_IN_HEADING: &str = "How are you feeling?";
pub const EDIT_HEADING: &str = "Change this check-in";
pub const MOOD_LEGEND: &str = "Your mood";
pub const FEELINGS_LEGEND: &str = "Any feelings to add? (optional)";
pub const CONTEXT_LEGEND: &str = "What else was going on? (optional)";
pub const NOTE_LABEL: &str = "A note, just for you (optional)";
pub const WHEN_LEGEND: &str = "When";
pub const DAY_LABEL: &str = "Day";
pub const TIME_LABEL: &str = "Time";
pub const SAVE: &str = "Save";
pub const SAVE_CHANGES: &str = "Save changes";
pub const CANCEL_EDIT: &str = "Cancel";
pub const CHOOSE_MOOD: &str = "Choose how you are feeling first.";
pub const SAVED: &str = "Saved on this phone.";
pub const NOT_SAVED: &str = "This was not saved:";
pub const STORAGE_FAILED: &str =
    "This phone would not let us save it. Your words are still here; please try again.";

pub const INTRUSIVE_HEADING: &str = "About scary or unwanted thoughts";
pub const INTRUSIVE_TEXT: &str =
    "Many new parents have sudden, upsetting thoughts, such as harm coming to their baby. They are very common, they do not mean you want to act on them, and they can be treated.";
pub const INTRUSIVE_WHO: &str =
    "If they worry you or keep coming back, you can tell your midwife, health visitor or GP. They hear this often, and they can help.";
pub const INTRUSIVE_HELP_LINK: &str = "Who can help";

pub const BRIDGE_HEADING: &str = "The last few days sound hard";
pub const BRIDGE_TEXT: &str =
    "You do not have to carry this on your own. Talking to other parents, or to someone trained to help, can make a difference.";
pub const BRIDGE_GROUPS: &str = "See this week's groups";
pub const BRIDGE_HELP: &str = "Who can help";
pub const BRIDGE_SAVED_GROUPS: &str = "Coming up, from the copy saved on this phone:";

// History.
pub const HISTORY_HEADING: &str = "How your days have been";
pub const SPAN_LEGEND: &str = "Show";
pub const NO_ENTRIES: &str = "No check-ins yet. When you check in, your days will show here.";
pub const NO_ENTRIES_IN_SPAN: &str = "No check-ins in this time.";
pub const SHOW_ALL: &str = "Show every check-in";
pub const TABLE_TOGGLE: &str = "Show as a table";
pub const TABLE_DAY: &str = "Day";
pub const TABLE_MOOD: &str = "Mood (1 to 5)";
pub const TABLE_CHECK_INS: &str = "Check-ins";
pub const PATTERNS_HEADING: &str = "Things you might notice";
pub const PATTERNS_NONE: &str =
    "After a few more check-ins with notes on what was going on, you may see patterns here.";
pub const EDIT: &str = "Change";
pub const DELETE: &str = "Delete";
pub const DELETED: &str = "Check-in deleted.";
pub const UNDO: &str = "Undo";
pub const RESTORED: &str = "Check-in put back.";
pub const UNREADABLE_SOME: &str = "Some check-ins could not be read. They are kept as they were.";

// The weekly self-check.
pub const SELF_CHECK_HEADING: &str = "A weekly self-check";
pub const SELF_CHECK_INTRO: &str =
    "Five short questions about the last month. It is not a test and not a diagnosis; it can help you decide whether to talk to someone. Your answers are not saved.";
pub const SELF_CHECK_DONE_RECENTLY: &str =
    "You did the self-check recently. It is offered once a week, but you can do it again whenever you like.";
pub const YES: &str = "Yes";
pub const NO: &str = "No";
pub const SELF_CHECK_FINISH: &str = "See what this means";
pub const SELF_CHECK_ANSWER_ALL: &str = "Please answer each question first.";
pub const SELF_CHECK_AGAIN: &str = "Start again";
pub const GUIDANCE_HEADING: &str = "What your answers mean";
pub const GUIDANCE_NOT_DIAGNOSIS: &str =
    "This is not a diagnosis. Only a health professional who talks with you can say what is going on.";
pub const GUIDANCE_ALL_NO: &str =
    "You answered no to every question. If things change, you can do this again any time, and you can always talk to your midwife, health visitor or GP.";
pub const GUIDANCE_MOOD: &str =
    "You said yes to feeling down or losing interest. Many parents feel this way, and it is treatable. Please tell your midwife, health visitor or GP how you have been feeling; they are there for this.";
pub const GUIDANCE_WANTS_HELP: &str =
    "You said you would like help. Your GP or health visitor can talk through what would suit you. Many areas also let you refer yourself to talking therapy.";
pub const GUIDANCE_ANXIETY: &str =
    "You said yes to feeling anxious or unable to stop worrying. This is common around pregnancy and a new baby, and it can be helped. Tell your midwife, health visitor or GP.";
pub const GUIDANCE_HARM: &str =
    "You said you have had thoughts of harming yourself or of being better off dead. Please tell someone today. The help on the \"Need help now?\" card is there day and night.";

pub fn question(question: Question) -> &'static str {
    match question {
        Question::Down => {
            "During the past month, have you often been bothered by feeling down, depressed or hopeless?"
        }
        Question::LittleInterest => {
            "During the past month, have you often been bothered by having little interest or pleasure in doing things?"
        }
        Question::WantHelp => "Is this something you feel you need or want help with?",
        Question::OnEdge => {
            "During the past month, have you often been bothered by feeling nervous, anxious or on edge?"
        }
        Question::Worrying => {
            "During the past month, have you often been bothered by not being able to stop or control worrying?"
        }
        Question::HarmThoughts => {
            "Have you had thoughts of harming yourself, or that you would be better off dead?"
        }
    }
}

// Your data.
pub const DATA_HEADING: &str = "Your data";
pub const KEPT_HEADING: &str = "Keeping your diary on this phone";
pub const PERSISTED: &str =
    "This browser has agreed to keep your diary even when the phone is short of space.";
pub const NOT_PERSISTED: &str =
    "This browser may clear its storage if the phone runs very short of space. A backup file keeps your diary safe.";
pub const EXPORT_HEADING: &str = "Save a copy";
pub const EXPORT_WARNING: &str =
    "These files are not encrypted: anyone who opens them can read your diary. Keep them somewhere private.";
pub const EXPORT_CSV: &str = "Save as CSV (spreadsheet)";
pub const EXPORT_JSON: &str = "Save as JSON";
pub const BACKUP_HEADING: &str = "Encrypted backup";
pub const BACKUP_TEXT: &str =
    "A backup file locked with a passphrase you choose. Nobody can read it without the passphrase, and we cannot recover it if you forget it. Because a copy of the file can be guessed at anywhere, the passphrase needs at least 12 characters, not only numbers: three or four unrelated words work well.";
pub const BACKUP_PASS: &str = "Passphrase for the backup";
pub const BACKUP_PASS_AGAIN: &str = "Type the passphrase again";
pub const BACKUP_SAVE: &str = "Save encrypted backup";
pub const BACKUP_SAVED: &str = "Encrypted backup saved.";
pub const IMPORT_HEADING: &str = "Bring back a saved copy";
pub const IMPORT_TEXT: &str =
    "Choose a CSV, JSON or encrypted backup file that Village saved. Check-ins you already have are not doubled.";
pub const IMPORT_FILE: &str = "File to bring back";
pub const IMPORT_PASS: &str = "Passphrase for this backup";
pub const IMPORT_PASS_HINT: &str = "Only needed for an encrypted backup.";
pub const IMPORT_GO: &str = "Bring back check-ins";
pub const IMPORT_CHOOSE: &str = "Choose a file first.";
pub const IMPORT_NOTHING_CHANGED: &str = "Nothing was changed. This file could not be used:";
pub const IMPORT_WRONG_PASS: &str =
    "That passphrase does not open this backup. Nothing was changed. Check it and try again.";
pub const IMPORT_NEEDS_PASS: &str = "This is an encrypted backup. Type its passphrase first.";
pub const PRINT_HEADING: &str = "A summary to show your midwife, health visitor or GP";
pub const PRINT_FROM: &str = "From";
pub const PRINT_TO: &str = "To";
pub const PRINT_NOTES: &str = "Include my notes";
pub const PRINT_GO: &str = "Print or save as PDF";
pub const PRINT_TITLE: &str = "My mood diary: summary";
pub const PRINT_RANGE_BAD: &str = "The \"From\" day must be on or before the \"To\" day.";
pub const LOCK_HEADING: &str = "Lock with a PIN";
pub const LOCK_TEXT: &str =
    "With a lock, your check-ins are encrypted on this phone and the diary asks for your PIN or passphrase. It locks again after 5 minutes without use. A short PIN keeps out someone who picks up your phone; it cannot stop someone who copies the phone's files and has time to guess. Against that, use a long passphrase.";
pub const LOCK_NO_RECOVERY: &str =
    "If you forget it, nobody can open your diary, not even us. The only way out is to delete the diary and start again.";
pub const LOCK_NEW: &str = "New PIN or passphrase";
pub const LOCK_AGAIN: &str = "Type the PIN or passphrase again";
pub const LOCK_SET: &str = "Turn on the lock";
pub const LOCK_CHANGE: &str = "Change the PIN";
pub const LOCK_ON: &str = "The lock is on. Your check-ins are encrypted on this phone.";
pub const LOCK_REMOVE: &str = "Turn off the lock";
pub const LOCK_NOW: &str = "Lock now";
pub const LOCK_SET_DONE: &str = "The lock is on.";
pub const LOCK_REMOVED: &str = "The lock is off.";
pub const LOCK_UNAVAILABLE: &str =
    "The lock and encrypted backups need a secure (https) connection, which this page does not have.";
pub const WORKING: &str = "One moment…";
pub const CHANGED_ELSEWHERE: &str =
    "The diary was changed in another tab or window, so nothing was saved here. Please reload this page.";
pub const LOCK_DAMAGED: &str =
    "The diary's lock settings on this phone are damaged, so the check-ins cannot be opened. You can delete the diary and start again.";
pub const CHOOSE_DAY: &str = "Choose the day, like 30/11/2026.";
pub const CHOOSE_TIME: &str = "Choose the time, like 07:30.";
pub const DELETE_HEADING: &str = "Delete everything";
pub const DELETE_TEXT: &str =
    "Removes every check-in, the lock and your diary settings from this phone. This cannot be undone.";
pub const DELETE_START: &str = "Delete everything";
pub const DELETE_CONFIRM: &str = "Yes, delete my whole diary";
pub const DELETE_KEEP: &str = "No, keep my diary";
pub const DELETE_ARE_YOU_SURE: &str =
    "Are you sure? Every check-in on this phone will be gone. A backup file you saved is not affected.";
pub const DELETED_ALL: &str = "Your diary has been deleted from this phone.";

// Unlocking.
pub const LOCKED_HEADING: &str = "Your diary is locked";
pub const UNLOCK_LABEL: &str = "PIN or passphrase";
pub const UNLOCK: &str = "Open my diary";
pub const WRONG_PIN: &str =
    "That did not open the diary. Nothing has been lost. Check it and try again.";
pub const FORGOT_HEADING: &str = "Forgotten it?";
pub const FORGOT_TEXT: &str =
    "A forgotten PIN or passphrase cannot be recovered, by you or by us. You can delete the locked diary and start a new one.";

/// How many check-ins are in one day's list.
pub fn check_ins(count: usize) -> String {
    if count == 1 {
        "1 check-in".to_owned()
    } else {
        format!("{count} check-ins")
    }
}

pub fn span(span: Span) -> &'static str {
    match span {
        Span::TwoWeeks => "Last 2 weeks",
        Span::ThreeMonths => "Last 3 months",
    }
}

/// "On days you got out of the house, your mood was higher (3.8 against 2.9)."
pub fn pattern(context: Context, higher: bool, with: f32, without: f32) -> String {
    let days = match context {
        Context::SleptBadly => "On days after you slept badly",
        Context::Feeding => "On days you noted feeding",
        Context::GotOut => "On days you got out of the house",
        Context::SawFriend => "On days you saw a friend",
        Context::WentToGroup => "On days you went to a group",
        Context::PartnerSupport => "On days you had your partner's support",
    };
    let direction = if higher { "higher" } else { "lower" };
    format!(
        "{days}, your mood was usually {direction} ({} compared with {} on other days).",
        written::tenths(with),
        written::tenths(without)
    )
}

pub fn imported(added: usize, updated: usize, unchanged: usize) -> String {
    format!(
        "Brought back {added} new check-ins and updated {updated}. {unchanged} were already here."
    )
}

/// What else a file brought back besides check-ins (empty when nothing).
pub fn imported_notes(about_me: bool, drafts: usize) -> String {
    let drafts = match drafts {
        0 => None,
        1 => Some("1 saved draft".to_owned()),
        n => Some(format!("{n} saved drafts")),
    };
    match (about_me, drafts) {
        (false, None) => String::new(),
        (true, None) => "About me came back too.".to_owned(),
        (false, Some(drafts)) => format!("{drafts} came back too."),
        (true, Some(drafts)) => format!("About me and {drafts} came back too."),
    }
}

pub fn lock_not_changed(count: usize) -> String {
    format!(
        "{} could not be opened, so the lock was not changed. Nothing was lost.",
        check_ins(count)
    )
}

pub fn unreadable(count: usize) -> String {
    format!("{count} check-ins could not be read and were left as they were. {UNREADABLE_SOME}")
}

/// "Monday 30 November".
pub fn day_heading(day: NaiveDate) -> String {
    format!(
        "{} {} {}",
        weekday(day.weekday()),
        day.day(),
        month(day.month())
    )
}

/// "30 Nov" for the chart's axis.
pub fn short_day(day: NaiveDate) -> String {
    format!("{} {}", day.day(), &month(day.month())[..3])
}

pub fn chart_summary(span: Span, days: usize, average: Option<f32>) -> String {
    match average {
        Some(average) => format!(
            "Mood chart for the {}: {days} days with check-ins, average mood {} out of 5.",
            span_lower(span),
            written::tenths(average)
        ),
        None => format!("Mood chart for the {}: no check-ins.", span_lower(span)),
    }
}

fn span_lower(span: Span) -> &'static str {
    match span {
        Span::TwoWeeks => "last 2 weeks",
        Span::ThreeMonths => "last 3 months",
    }
}

pub fn print_range(from: NaiveDate, to: NaiveDate) -> String {
    let long = |d: NaiveDate| format!("{} {} {}", d.day(), month(d.month()), d.year());
    format!("{} to {}", long(from), long(to))
}

pub fn last_self_check(day: NaiveDate) -> String {
    format!("You last did it on {}.", day_heading(day))
}

pub const SELF_CHECK_OFFER: &str = "A weekly self-check is here if you would like it.";

fn weekday(day: Weekday) -> &'static str {
    written::weekday_name(day)
}

fn month(month: u32) -> &'static str {
    written::month_name(month)
}

// Help me say it.
pub const SAY_HEADING: &str = "Help me say it";
pub const SAY_INTRO: &str =
    "If it is hard to find the words, Village can draft a few from your own check-ins. You can change every word. It is made on this phone and sent nowhere: only you decide who sees it.";
pub const SAY_WHO: &str = "Who is it for?";
pub const SAY_WHEN: &str = "Which days?";
pub const SAY_TWO_WEEKS: &str = "The last 2 weeks";
pub const SAY_MONTH: &str = "The last month";
pub const SAY_SINCE: &str = "Since a day I choose";
pub const SAY_SINCE_LABEL: &str = "Since";
pub const SAY_SINCE_BAD: &str = "Choose the day to start from: today or an earlier day.";
pub const SAY_WISHES: &str = "What would you like? (optional)";
pub const SAY_FEARS: &str = "Things that can be hard to say (optional)";
pub const SAY_FEARS_LINK: &str = "What really happens when you ask for help";
pub const SAY_SELF_CHECK: &str = "Include my self-check answers from today";
pub const SAY_SELF_CHECK_NONE: &str =
    "You can add your self-check answers too: do the self-check first, then come back here.";
pub const SAY_GO: &str = "Draft my words";
pub const SAY_AGAIN: &str = "Draft again";
pub const SAY_WORDS: &str = "Your words";
pub const SAY_EDIT_HINT: &str =
    "Change any sentence, or remove it. These are only suggestions: you know best what is true for you.";
pub const SAY_REMOVE: &str = "Remove";
pub const SAY_ADD: &str = "Add a sentence of my own";
pub const SAY_COPY: &str = "Copy";
pub const SAY_SHARE: &str = "Share";
pub const SAY_PRINT: &str = "Print or save as PDF";
pub const SAY_SAVE: &str = "Save this draft";
pub const SAY_COPIED: &str = "Copied. You can paste it into a message, an email or a form.";
pub const SAY_COPIED_NEXT: &str =
    "Copied. Below are the service's own ways in: paste your words into its form or message, or call them.";
pub const SAY_COPY_FAILED: &str =
    "This browser would not copy it. You can select the words and copy them yourself, or print them.";
pub const SAY_SHARE_CANCELLED: &str = "Nothing was shared.";
pub const SAY_NOTHING_LEFT: &str =
    "There are no sentences left. Add one of your own, or draft again.";
pub const SAY_SAVED: &str = "Draft saved in your diary, on this phone only.";
pub const SAY_DRAFTS: &str = "Saved drafts";
pub const SAY_USE_DRAFT: &str = "Use this draft";
pub const SAY_DELETE_DRAFT: &str = "Delete";
pub const SAY_DRAFT_DELETED: &str = "Draft deleted.";
pub const SAY_NEXT_SERVICE: &str =
    "Now paste your words into the service's form or message, or call them:";
pub const SAY_BACK_TO_SERVICE: &str = "Back to the service, to use its form or number";
pub const SAY_PRINT_FOOT: &str = "Written on my phone from my own mood diary, with Village.";

pub fn say_nothing_to_draft(from: NaiveDate, to: NaiveDate) -> String {
    format!(
        "You have no check-ins from {} to {}, so there is nothing to draft from yet. That is all right: you can choose a longer time, pick what you would like to say, or write in your own words.",
        written::long_day(from),
        written::long_day(to)
    )
}

pub fn say_sentence(position: usize) -> String {
    format!("Sentence {position}")
}

pub fn say_remove_sentence(position: usize) -> String {
    format!("Remove sentence {position}")
}

/// The printed page's heading.
pub fn say_print_title(audience: Audience) -> &'static str {
    match audience {
        Audience::Gp => "For my GP",
        Audience::HealthVisitor => "For my health visitor or midwife",
        Audience::SelfReferral => "About me, for my referral",
        Audience::Partner => "For you",
    }
}

pub fn say_draft_button(action: &str, line: &str, position: usize) -> String {
    format!("{action} ({line}, draft {position})")
}

pub fn say_draft_line(audience: Audience, made_on: NaiveDate) -> String {
    format!("{} – {}", audience.label(), written::long_day(made_on))
}

// About me.
pub const ABOUT_HEADING: &str = "About me";
pub const ABOUT_INTRO: &str =
    "Fill this in when you feel able, and show or print it at any appointment, so you do not have to explain everything again. Leave out anything you like. It stays on this phone, locked with your diary.";
pub const ABOUT_SAVE: &str = "Save About me";
pub const ABOUT_SAVED: &str = "About me is saved on this phone.";
pub const ABOUT_PRINT: &str = "Print or save as PDF";
pub const ABOUT_NUMBERS: &str = "My midwife, health visitor and GP";
pub const ABOUT_NUMBERS_HINT: &str =
    "These are the same numbers the \"Need help now?\" card keeps on this phone. So that the card can show them at any time, they are not locked with your diary and not in its files; deleting your diary leaves them, and you can clear them here or on the card.";
pub const ABOUT_NUMBERS_NOT_KEPT: &str =
    "About me is saved, but this phone would not keep the numbers. Please try again.";
pub const ABOUT_NUMBERS_BAD: &str = "Nothing was saved: please check the numbers marked below.";
pub const ABOUT_EMPTY: &str = "Nothing filled in yet.";
pub const ABOUT_PRINT_TITLE: &str = "About me";
