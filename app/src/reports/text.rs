//! The words of the report form, its answers and the organisers' to-do.

pub const HEADING: &str = "Tell us something is wrong";
pub const HINT: &str = "If something here is not right, tell the people who keep it up to date. We do not ask who you are.";
pub const WHAT_IS_WRONG: &str = "What is wrong?";
pub const WORDS: &str = "Anything else we should know (optional)";
pub const WORDS_HINT: &str = "Please do not write your name, email or phone number.";
pub const SEND: &str = "Send";
pub const THANKS: &str = "Thank you. The organisers will check it. Nothing changes until they do.";
pub const TOO_MANY: &str =
    "We have had a lot of reports just now, so this one was not sent. Please try again later.";
pub const OUT_OF_DATE: &str = "Someone has told us this may be out of date. Please check with the organiser before you go or call.";

pub const TODO_HEADING: &str = "Reports from parents";
pub const TODO_HINT: &str = "People told us these may be wrong. Check each one at its source (never copy a number from a report), fix the listing if it needs it, then mark it as dealt with.";
pub const DEALT_WITH: &str = "Checked: mark as dealt with";
pub const RESOLVED: &str = "The reports are marked as dealt with.";

/// "and 3 more, like these".
pub fn more(n: usize) -> String {
    format!("And {n} more, older.")
}

/// "3 reports", "1 report".
pub fn reports(n: usize) -> String {
    if n == 1 {
        "1 report".to_owned()
    } else {
        format!("{n} reports")
    }
}
