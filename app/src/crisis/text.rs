//! Every word of the crisis card, in one place, ready for translation.
//! Plain, calm and short: people read this at their worst moment.

//!
//! The numbers themselves live once, in `village_core::crisis::HELP_LINES`;
//! the words here name them from there.

use village_core::{
    crisis::{help_line, Route},
    ContactRole,
};

/// A route's number as people read it ("999"), from the one list of them.
pub fn number(route: Route) -> &'static str {
    help_line(route).map_or("", |line| line.written())
}

pub const NEED_HELP_NOW: &str = "Need help now?";
pub const CLOSE: &str = "Close";
pub const INTRO: &str =
    "You are not alone. If you feel unsafe, or you are worried about someone, help is here day and night.";

pub const DANGER_HEADING: &str = "If anyone is in danger now";
/// "Call 999 or go to A&E."
pub fn danger_text() -> String {
    format!("Call {} or go to A&E.", number(Route::Emergency))
}

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

/// "Call 999 or go to A&E now if you notice these signs"
pub fn psychosis_heading() -> String {
    format!(
        "Call {} or go to A&E now if you notice these signs",
        number(Route::Emergency)
    )
}
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
pub fn route_name(route: Route) -> String {
    match route {
        Route::Emergency => format!("Emergency: {}", number(route)),
        Route::Nhs111 => "NHS 111 (England and Wales)".to_owned(),
        Route::Nhs24 => "NHS 24 (Scotland)".to_owned(),
        Route::BreathingSpace => "Breathing Space (Scotland)".to_owned(),
        Route::Lifeline => "Lifeline (Northern Ireland)".to_owned(),
        Route::Samaritans => "Samaritans".to_owned(),
        Route::Shout => "Shout".to_owned(),
    }
}

/// One line on how and when to use each route.
pub fn route_detail(route: Route) -> String {
    match route {
        Route::Emergency => "If you or anyone else is in danger right now.".to_owned(),
        Route::Nhs111 => format!(
            "Call {} and choose the mental health option.",
            number(route)
        ),
        Route::Nhs24 => format!("Call {} and ask for mental health help.", number(route)),
        Route::BreathingSpace => {
            "Free and confidential, for when you feel low or anxious.".to_owned()
        }
        Route::Lifeline => "Free, 24 hours a day, for anyone in distress.".to_owned(),
        Route::Samaritans => "Free, 24 hours a day, every day. Talk about anything.".to_owned(),
        Route::Shout => {
            "Free, 24 hours a day. Text SHOUT and a trained volunteer will reply.".to_owned()
        }
    }
}

/// The words on the call or text button, naming the number so it can be read out.
pub fn route_action(route: Route, number: &str) -> String {
    match route {
        Route::Shout => format!("Text SHOUT to {number}"),
        Route::Emergency => format!("Call {number}"),
        other => format!("Call {} on {number}", short_name(other)),
    }
}

fn short_name(route: Route) -> &'static str {
    match route {
        Route::Emergency => "Emergency",
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

#[cfg(test)]
mod tests {
    use super::*;
    use village_core::crisis::HELP_LINES;

    /// Runs of digits, with single spaces inside ("116 123").
    fn numbers_in(words: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut current = String::new();
        let chars: Vec<char> = words.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let spaced_digit = *c == ' '
                && !current.is_empty()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if c.is_ascii_digit() || spaced_digit {
                current.push(*c);
            } else if !current.is_empty() {
                found.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            found.push(current);
        }
        found
    }

    #[test]
    fn the_words_name_the_numbers_of_the_one_list_of_them() {
        assert_eq!(danger_text(), "Call 999 or go to A&E.");
        assert_eq!(route_name(Route::Emergency), "Emergency: 999");
        assert_eq!(
            route_detail(Route::Nhs111),
            "Call 111 and choose the mental health option."
        );
        assert_eq!(
            route_detail(Route::Nhs24),
            "Call 111 and ask for mental health help."
        );
        assert_eq!(
            psychosis_heading(),
            "Call 999 or go to A&E now if you notice these signs"
        );
        assert_eq!(route_action(Route::Emergency, "999"), "Call 999");
        assert_eq!(
            route_action(Route::Samaritans, number(Route::Samaritans)),
            "Call Samaritans on 116 123"
        );
        assert_eq!(
            crate::calendar::text::poster_help(),
            "Need help now? In an emergency call 999. Samaritans: 116 123, any time. Text SHOUT to 85258."
        );
        // Prose elsewhere that names a number names one from the list, so a
        // changed number cannot leave an old one behind in the words.
        let known: Vec<&str> = HELP_LINES.iter().map(|line| line.written()).collect();
        let mut prose: Vec<String> = crate::directory::text::WHAT_QUESTIONS
            .iter()
            .map(|(_, answer)| (*answer).to_owned())
            .collect();
        prose.push(crate::directory::text::WORRIED_NOW_WHAT.to_owned());
        prose.push(psychosis_heading());
        let mut checked = 0;
        for words in &prose {
            for number in numbers_in(words) {
                if number.len() >= 3 {
                    assert!(known.contains(&number.as_str()), "{number} in {words:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked >= 3, "the check read numbers");
    }
}
