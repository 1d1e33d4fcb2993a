//! Every word of the crisis card, in one place, ready for translation.
//! Plain, calm and short: people read this at their worst moment.

use village_core::{crisis::Route, ContactRole};

pub const NEED_HELP_NOW: &str = "Need help now?";
pub const CLOSE: &str = "Close";
pub const INTRO: &str =
    "You are not alone. If you feel unsafe, or you are worried about someone, help is here day and night.";

pub const DANGER_HEADING: &str = "If anyone is in danger now";
pub const DANGER_TEXT: &str = "Call 999 or go to A&E.";

pub const URGENT_HEADING: &str = "Urgent mental health help";
pub const TALK_HEADING: &str = "Talk to someone now";

pub const OWN_HEADING: &str = "Your midwife, health visitor or GP";
pub const OWN_INTRO: &str =
    "You can keep their numbers here. They are saved only on this phone and never sent anywhere.";
pub const OWN_NEEDS_SCRIPT: &str =
    "To keep their numbers here, open Village in a browser with JavaScript turned on.";
pub const OWN_NONE_YET: &str = "No numbers saved yet.";
pub const OWN_ADD: &str = "Add their numbers";
pub const OWN_CHANGE: &str = "Change their numbers";
pub const OWN_SAVE: &str = "Save on this phone";
pub const OWN_CANCEL: &str = "Cancel";
pub const OWN_SAVED: &str = "Saved on this phone.";
pub const OWN_NOT_SAVED: &str = "Nothing was saved. Please check the numbers marked below.";
pub const OWN_STORAGE_FAILED: &str =
    "This phone would not let us save the numbers. Please write them down somewhere safe.";
pub const OWN_HINT: &str = "Leave a box empty if you don't have that number.";

pub const PSYCHOSIS_HEADING: &str = "Call 999 or go to A&E now if you notice these signs";
pub const PSYCHOSIS_INTRO: &str =
    "After having a baby, a rare but serious illness called postpartum psychosis can start suddenly. If you or someone close to you has any of these signs, get help straight away:";
pub const PSYCHOSIS_SIGNS: [&str; 4] = [
    "sudden confusion, or not making sense",
    "seeing or hearing things that other people cannot",
    "unusual beliefs, such as thinking someone is out to harm them or the baby",
    "not sleeping for days, or feeling too full of energy to sleep",
];
pub const PSYCHOSIS_OUTRO: &str =
    "It can be treated, and most people get completely well. A partner, friend or family member can make the call.";

/// The heading for each route to help.
pub fn route_name(route: Route) -> &'static str {
    match route {
        Route::Emergency => "Emergency: 999",
        Route::Nhs111 => "NHS 111 (England and Wales)",
        Route::Nhs24 => "NHS 24 (Scotland)",
        Route::BreathingSpace => "Breathing Space (Scotland)",
        Route::Lifeline => "Lifeline (Northern Ireland)",
        Route::Samaritans => "Samaritans",
        Route::Shout => "Shout",
    }
}

/// One line on how and when to use each route.
pub fn route_detail(route: Route) -> &'static str {
    match route {
        Route::Emergency => "If you or anyone else is in danger right now.",
        Route::Nhs111 => "Call 111 and choose the mental health option.",
        Route::Nhs24 => "Call 111 and ask for mental health help.",
        Route::BreathingSpace => "Free and confidential, for when you feel low or anxious.",
        Route::Lifeline => "Free, 24 hours a day, for anyone in distress.",
        Route::Samaritans => "Free, 24 hours a day, every day. Talk about anything.",
        Route::Shout => "Free, 24 hours a day. Text SHOUT and a trained volunteer will reply.",
    }
}

/// The words on the call or text button, naming the number so it can be read out.
pub fn route_action(route: Route, number: &str) -> String {
    match route {
        Route::Shout => format!("Text SHOUT to {number}"),
        Route::Emergency => "Call 999".to_owned(),
        other => format!("Call {} on {number}", short_name(other)),
    }
}

fn short_name(route: Route) -> &'static str {
    match route {
        Route::Emergency => "999",
        Route::Nhs111 => "NHS 111",
        Route::Nhs24 => "NHS 24",
        Route::BreathingSpace => "Breathing Space",
        Route::Lifeline => "Lifeline",
        Route::Samaritans => "Samaritans",
        Route::Shout => "Shout",
    }
}

pub fn contact_label(role: ContactRole) -> &'static str {
    match role {
        ContactRole::Midwife => "Midwife",
        ContactRole::HealthVisitor => "Health visitor",
        ContactRole::Gp => "GP surgery",
    }
}

pub fn contact_action(role: ContactRole, number: &str) -> String {
    match role {
        ContactRole::Midwife => format!("Call your midwife on {number}"),
        ContactRole::HealthVisitor => format!("Call your health visitor on {number}"),
        ContactRole::Gp => format!("Call your GP surgery on {number}"),
    }
}
