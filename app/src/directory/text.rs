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
pub const SAY_IT: &str = "Help me say it";
pub const SAY_IT_HINT: &str =
    "Words for the form, drafted on your phone from your own mood diary. Nothing is sent.";

// The answers below were written for Village and checked against: NHS,
// "Postnatal depression" and "Mental health in pregnancy"
// (nhs.uk/mental-health/conditions/post-natal-depression/ and
// nhs.uk/pregnancy/keeping-well/mental-health/); the Maternal Mental Health
// Alliance, "Will my baby be taken away from me?"
// (maternalmentalhealth.org); NCT, "Spotting postnatal depression in your
// partner" (nct.org.uk); and NHS England, "Your data matters to the NHS"
// (nhs.uk/your-nhs-data-matters) and the GMC's confidentiality guidance.
pub const WHAT_QUESTIONS: [(&str, &str); 10] = [
    (
        "Will they take my baby away?",
        "Almost never. Asking for help with your mental health is not a reason to take a baby away. Most parents who ask get support to stay well together, at home. Midwives, health visitors and GPs would much rather you tell them early.",
    ),
    (
        "Will they think I'm a bad mother?",
        "No. About 1 in 5 mothers, and many partners, have mental health problems in pregnancy or the first year. Professionals see this every day. Asking for help is a way of looking after your baby.",
    ),
    (
        "Will I be put on a list or a record?",
        "What you tell your GP, midwife or health visitor goes in your health record, like any other health problem. Your record is confidential: it is shared only with people caring for you, and it is there so they can help you well. It does not go to your employer, and it is not shared with social services just because you asked for help with your mood.",
    ),
    (
        "Am I ill enough to ask?",
        "You do not have to be at your worst to ask. If you have felt low, anxious or not yourself for more than two weeks, or it is getting in the way of daily life, that is reason enough. Early help usually means feeling better sooner.",
    ),
    (
        "What if I look fine?",
        "Many parents who are struggling look fine on the outside: dressed, smiling, coping in public. How you look does not decide whether you deserve help. It can help to say it plainly: \"I might look fine, but I'm not.\" Village's \"Help me say it\" can help you find the words.",
    ),
    (
        "What if it's my partner who is struggling, or me as a dad?",
        "Partners and dads can struggle too, around 1 in 10 after a birth. The same help is there: talk to your GP, and look for groups for dads and partners under Who can help. If you are worried about your partner, see \"I'm worried about someone\".",
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

// "I'm worried about someone": for a partner, parent or friend. Written for
// Village from the NHS's postnatal depression and postpartum psychosis pages
// (nhs.uk/mental-health/conditions/post-natal-depression/,
// nhs.uk/mental-health/conditions/postpartum-psychosis/) and NCT's
// "Spotting postnatal depression in your partner" (nct.org.uk).
pub const WORRIED_LINK: &str = "I'm worried about someone";
pub const WORRIED_TITLE: &str = "I'm worried about someone";
pub const WORRIED_INTRO: &str =
    "If your partner, daughter, sister or friend is pregnant or has a young baby and does not seem like themselves, you are right to notice. Here is what to look for, how to start talking, and where to turn.";
pub const WORRIED_NOW_HEADING: &str = "Get help straight away if they";
pub const WORRIED_NOW: [&str; 3] = [
    "talk about harming themselves, or about ending their life;",
    "seem confused, very agitated or \"high\", or see or hear things that are not there (in the first weeks after a birth this can be postpartum psychosis, which is an emergency);",
    "talk about harming the baby and seem unable to keep themselves or the baby safe.",
];
pub const WORRIED_NOW_WHAT: &str =
    "Call 999 or go to A&E. For other urgent help, day or night, use the \"Need help now?\" card.";
pub const WORRIED_SIGNS_HEADING: &str = "Signs to look for";
pub const WORRIED_SIGNS: [&str; 7] = [
    "low, tearful or flat most days, for more than two weeks;",
    "no longer enjoying things, withdrawing, not wanting to go out or see people;",
    "very anxious or on edge, unable to rest even when the baby sleeps;",
    "sleeping badly even when they could sleep, or eating much less or more;",
    "saying they are a bad parent, or that the baby would be better off without them;",
    "feeling distant from the baby, or frightened of being alone with them;",
    "upsetting thoughts that keep coming back.",
];
pub const WORRIED_TALK_HEADING: &str = "Starting the conversation";
pub const WORRIED_TALK: [&str; 6] = [
    "Choose a quiet moment, not in front of other people.",
    "Say what you have noticed, gently: \"You haven't seemed yourself lately. How are you really doing?\"",
    "Listen more than you talk. You do not have to fix it, and try not to judge.",
    "Tell them it is common, it is not their fault, and it can get better with help.",
    "Offer practical help: take the baby out so they can rest, do a night feed, cook a meal.",
    "Offer to go with them to the GP or health visitor, or to help them make the call. \"Help me say it\" in My mood can help them find the words, on their own phone.",
];
pub const WORRIED_YOU_HEADING: &str = "Look after yourself too";
pub const WORRIED_YOU: &str =
    "Supporting someone is hard. Partners and dads can become unwell too. Talk to your own GP if you are struggling, and look at groups and lines for partners and families.";
