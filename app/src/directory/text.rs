//! Every word of the directory, ready for translation.

use village_core::directory::{Need, Status};

pub const TITLE: &str = "Who can help";
pub const INTRO: &str =
    "Support near you and across the UK: peer groups, charities, NHS teams and helplines. Many you can contact yourself; each one says how.";
pub const HELP_NOW_HEADING: &str = "If you need help now";
pub const NEEDS_HEADING: &str = "What would help?";
pub const SEARCH_LABEL: &str = "Search";
pub const SEARCH_HINT: &str = "For example: feeding, anxiety, dads, Polish";
pub const SEARCH_BUTTON: &str = "Search";
pub const FILTERS: &str = "Show only";
pub const FILTER_SELF: &str = "I can contact them myself";
pub const FILTER_OPEN: &str = "Open now";
pub const FILTER_FREE: &str = "Free";
pub const FILTER_WAYS: &str = "How I'd like to get in touch";
pub const FILTER_LANGUAGE: &str = "Language (optional)";
pub const APPLY: &str = "Show results";
pub const CLEAR: &str = "Clear";
pub const RESULTS: &str = "Services";
pub const NO_RESULTS: &str =
    "Nothing matches all of that. Try fewer words or filters, or call one of the services above.";
pub const AREA_LINE: &str = "Showing services for";
pub const NATIONAL_ONLY: &str =
    "Showing services across the UK. Choose your area on This week to see local ones too.";
pub const SELF_REFER: &str = "You can contact them yourself";
pub const REFERRED: &str = "Someone refers you";
pub const STALE: &str = "Not confirmed for over a year: check before you go.";
pub const UNCONFIRMED: &str = "Nobody has confirmed these details yet: check before you go.";
pub const WHAT_HAPPENS_LINK: &str = "What happens when I ask for help?";
pub const SAVED_OFFLINE: &str = "Saved for offline";
pub const UPDATED: &str = "updated";

// The service page.
pub const NOT_FOUND: &str = "We could not find that service";
pub const BACK: &str = "Back to Who can help";
pub const WHAT_IT_IS: &str = "What it is";
pub const WHO_FOR: &str = "Who it is for";
pub const HOW_TO_GET_IT: &str = "How to get it";
pub const STEPS_INTRO: &str = "You can refer yourself:";
pub const ASK_INTRO: &str = "You need someone to refer you.";
pub const REFERRAL_NOT_KNOWN: &str = "Not known: ask the service how to get support";
pub const CONTACT: &str = "Contact";
pub const WEBSITE: &str = "Website";
pub const EMAIL: &str = "Email";
pub const HOURS: &str = "When";
pub const ALWAYS_OPEN: &str = "Open day and night, every day.";
pub const HOURS_UNKNOWN: &str = "Ask the service for its opening times.";
pub const LANGUAGES: &str = "Languages";
pub const ACCESS: &str = "Getting in";
pub const COST: &str = "Cost";
pub const FREE: &str = "Free";
pub const NOT_YET_CONFIRMED: &str = "Not yet: nobody has confirmed these details";
pub const COST_NOT_KNOWN: &str = "Not known: ask the service about cost";
pub const LANGUAGES_NOT_KNOWN: &str = "Not known: ask the service";
pub const WHERE: &str = "Where";
pub const ELIGIBILITY: &str = "Who can use it";
pub const LAST_CONFIRMED: &str = "Last confirmed";
pub const STAGES: &str = "When in your journey";
pub const WAYS: &str = "Ways to get in touch";

// "What happens when I ask for help?"
pub const WHAT_TITLE: &str = "What happens when I ask for help?";
pub const WHAT_INTRO: &str =
    "Many parents worry about asking for help. These are the questions they ask most, answered plainly.";
pub const WHAT_QUESTIONS: [(&str, &str); 6] = [
    (
        "Will they take my baby away?",
        "Almost never. Asking for help with your mental health is not a reason to take a baby away. Most parents who ask get support to stay well together, at home. Midwives, health visitors and GPs would much rather you tell them early.",
    ),
    (
        "Will they think I'm a bad mother?",
        "No. About 1 in 5 mothers, and many partners, have mental health problems in pregnancy or the first year. Professionals see this every day. Asking for help is a way of looking after your baby.",
    ),
    (
        "What is a referral?",
        "A referral is a message from one service to another, asking them to see you. Your GP, midwife or health visitor can refer you, and many services let you refer yourself by phone or online form.",
    ),
    (
        "What happens next?",
        "Someone usually calls you to talk about how you are and what would help. That might be a support group, talking therapy, a specialist perinatal team, medicine, or a mix. You can ask questions and say what feels right for you.",
    ),
    (
        "Can I bring someone with me?",
        "Yes. You can bring your partner, a friend or a family member to appointments, and you can bring your baby.",
    ),
    (
        "What if I need help right now?",
        "If you feel unsafe, or you are worried about someone, call 999 or go to A&E. The \"Need help now?\" card at the top of every page lists people to call day and night.",
    ),
];

pub fn need(need: Need) -> &'static str {
    match need {
        Need::HelpNow => "I need help now",
        Need::TalkToSomeone => "I want to talk to someone who gets it",
        Need::ReferMyself => "I can refer myself",
        Need::ForMyPartner => "For my partner",
        Need::DifficultBirth => "After a difficult birth",
        Need::Feeding => "Feeding",
    }
}

/// A status other than running, said plainly.
pub fn status(status: Status) -> Option<&'static str> {
    match status {
        Status::Active => None,
        other => Some(other.label()),
    }
}

pub fn showing_first(shown: usize, total: usize) -> String {
    format!("Showing the first {shown} of {total}. Add a word or a filter to narrow them down.")
}

pub fn results(count: usize) -> String {
    match count {
        1 => "1 service".to_owned(),
        n => format!("{n} services"),
    }
}
