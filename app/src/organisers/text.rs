//! The organisers' area's words.

pub const SIGN_IN_TITLE: &str = "Sign in for organisers";
pub const SIGN_IN_INTRO: &str = "For charities and groups who keep their listings on Village up to date. Everyone else can use Village without an account.";
pub const EMAIL: &str = "Email";
pub const PASSWORD: &str = "Password";
pub const SIGN_IN: &str = "Sign in";
pub const NOT_RIGHT: &str = "The email or password is not right. Please check them and try again.";
pub const SIGNED_OUT: &str = "You have signed out.";
pub const SIGNED_OUT_EVERYWHERE: &str = "You have signed out on every device.";
pub const NO_ACCOUNT: &str =
    "Accounts are by invitation. If you run a group and would like one, ask the Village team.";

pub fn too_many(minutes: i64) -> String {
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Too many attempts, try again in {minutes} {unit}.")
}

pub const HOME_TITLE: &str = "Your listings";
pub fn signed_in_as(email: &str, role: &str, organisation: Option<&str>) -> String {
    match organisation {
        Some(org) => format!("Signed in as {email} ({role}, {org})."),
        None => format!("Signed in as {email} ({role})."),
    }
}
pub const SIGN_OUT: &str = "Sign out";
pub const SIGN_OUT_EVERYWHERE: &str = "Sign out everywhere";
pub const SERVICES: &str = "Services";
pub const NO_SERVICES: &str = "No services yet.";
pub const STILL_ACCURATE: &str = "Still accurate";
pub const NOT_YET_CONFIRMED: &str =
    "Not yet confirmed by anyone: check the details and confirm them.";
pub fn last_confirmed(day: &str) -> String {
    format!("Last confirmed {day}.")
}
pub const GROUPS: &str = "Groups";
pub const NO_GROUPS: &str = "No groups yet.";
pub const CANCEL_HEADING: &str = "Cancel one session";
pub const SESSION: &str = "Session";
pub const REASON: &str = "Reason, shown to parents";
pub const REASON_HINT: &str = "For example: the hall is closed for repairs.";
pub const CANCEL_SESSION: &str = "Cancel this session";
pub const NO_SESSIONS: &str = "No sessions in the next eight weeks.";
pub const CONFIRMED: &str = "Thank you: the service is marked as confirmed today.";
pub const TO_CONFIRM: &str = "Please confirm these are still right";
pub const TO_CONFIRM_HINT: &str =
    "Parents are told when a listing has not been confirmed for a while, oldest first here. Use Still accurate below, or change what is out of date.";
pub const CONFIRMED_GROUP: &str = "Thank you: the group is marked as confirmed today.";
pub const CANCELLED: &str = "The session is cancelled, and This week shows it with your reason.";
pub const FIX_BELOW: &str = "Nothing was saved. Please fix the problem below.";
pub const RECENT_CHANGES: &str = "Recent changes";
pub const NO_CHANGES: &str = "No changes yet.";

pub const ADD_GROUP: &str = "Add a weekly group";
pub const ADDED: &str = "The group is added. It shows on This week from its first session.";
pub const ORGANISATION: &str = "Organisation";
pub const GROUP_NAME: &str = "Name of the group";
pub const ABOUT: &str = "About the group";
pub const ABOUT_HINT: &str = "What happens, and who it is for, in a few plain sentences.";
pub const AREA: &str = "Area";
pub const DAY: &str = "Day";
pub const STARTS: &str = "Starts";
pub const ENDS: &str = "Ends";
pub const HOW_OFTEN: &str = "How often";
pub const EVERY_WEEK: &str = "Every week";
pub const EVERY_OTHER_WEEK: &str = "Every other week";
pub const EVERY_THREE_WEEKS: &str = "Every three weeks";
pub const EVERY_FOUR_WEEKS: &str = "Every four weeks";
pub const ONCE_A_MONTH: &str = "Once a month";
pub const WEEK_OF_MONTH: &str = "Which week of the month (once a month only)";
pub const WEEK_OF_MONTH_CHOICES: [(&str, &str); 5] = [
    ("1", "The first"),
    ("2", "The second"),
    ("3", "The third"),
    ("4", "The fourth"),
    ("-1", "The last"),
];
pub const NATIONAL: &str = "Every area: a national group, online or by phone, all year";
pub const PUBLISHES_NATIONALLY: &str =
    "May publish national groups (shown in every area, all year)";
pub const SCHOOL_HOLIDAYS: &str = "School holidays";
pub const ALL_YEAR: &str = "Runs all year, in the holidays too";
pub const TERM_TIME: &str = "Term time only: a break in the school holidays";
pub const HOLIDAYS_ONLY: &str = "Only in the school holidays";
pub const FIRST: &str = "First session on or after";
pub const FIRST_HINT: &str = "Leave empty to start now.";
pub const WHERE: &str = "Where it meets";
pub const ONLINE: &str = "Online";
pub const BY_PHONE: &str = "By phone";
pub const JOINING: &str = "How to join (online and phone groups)";
pub const JOINING_HINT: &str = "For example: email us and we will send the link.";
pub const WHO_FOR: &str = "Who it is for";
pub const PREGNANT: &str = "Pregnant people welcome";
pub const BABIES: &str = "Babies welcome";
pub const TODDLERS: &str = "Toddlers welcome";
pub const PARTNERS: &str = "Partners welcome";
pub const MENTAL_HEALTH: &str = "Mental health support";
pub const DETAILS_TO_CHECK: &str = "Please check this group's details: it was saved before we asked for its cost, booking, contact and languages, so parents are told those are not known until you fill them in.";
pub const OLDER_CHILDREN: &str = "Older children welcome";
pub const AGES: &str = "Children's ages";
pub const AGES_HINT: &str = "Leave both as \"Not said\" if the group does not say.";
pub const AGE_FROM: &str = "From";
pub const AGE_TO: &str = "To";
pub const NOT_SAID: &str = "Not said";
/// Ages offered, in months, with their words.
pub const AGE_CHOICES: [(&str, &str); 13] = [
    ("", NOT_SAID),
    ("0", "Birth"),
    ("3", "3 months"),
    ("6", "6 months"),
    ("9", "9 months"),
    ("12", "1 year"),
    ("18", "18 months"),
    ("24", "2 years"),
    ("36", "3 years"),
    ("48", "4 years"),
    ("60", "5 years"),
    ("132", "11 years"),
    ("216", "18 years"),
];
pub const FACTS_LEGEND: &str = "What parents are told";
pub const FACTS_HINT: &str =
    "Parents see only what you fill in here. Anything you leave unsaid is shown as not known, never guessed.";
pub const FORMAT: &str = "What kind of group";
pub const FORMAT_CHOICES: [(&str, &str); 6] = [
    ("", NOT_SAID),
    ("chat", "A chat and a cuppa"),
    ("activity", "An activity (crafts, baby massage, music)"),
    ("course", "A course"),
    ("talk", "A talk"),
    ("walk", "A walk"),
];
pub const NEXT_COURSE: &str = "Next course starts (courses only)";
pub const NEXT_COURSE_HINT: &str = "Leave empty if the date is not set yet.";
pub const COST: &str = "Cost";
pub const NOT_SAID_YET: &str = "Not said yet";
pub const COST_FREE: &str = "Free";
pub const COST_AMOUNT: &str = "A set amount";
pub const COST_PAY_WHAT_YOU_CAN: &str = "Pay what you can";
pub const COST_AMOUNT_LABEL: &str = "Amount each time, in pounds";
pub const COST_NOTE: &str = "A note about cost (optional)";
pub const COST_NOTE_HINT: &str = "For example: includes tea and cake; nobody is turned away.";
pub const BOOKING: &str = "Booking";
pub const DROP_IN: &str = "Drop in: no need to book";
pub const BOOK_AHEAD: &str = "Book ahead";
pub const BOOKING_HOW: &str = "How to book (if booking ahead)";
pub const CONTACT_HINT: &str =
    "A new or changed contact waits for an admin to check it before parents see it (an admin's own change shows at once).";
pub const CONTACT_WAY: &str = "How parents contact the organiser";
pub const CONTACT: &str = "Phone number, email or web address";
pub const CONTACT_CHOICES: [(&str, &str); 5] = [
    ("", "No contact given"),
    ("phone", "Call"),
    ("text", "Text"),
    ("email", "Email"),
    ("web", "Website"),
];
pub const LANGUAGES: &str = "Languages spoken";
pub const ENGLISH: &str = "English";
pub const CYMRAEG: &str = "Cymraeg (Welsh)";
pub const OTHER_LANGUAGES: &str = "Other languages (optional)";
pub const OTHER_LANGUAGES_HINT: &str = "Separate them with commas, for example: Polish, Urdu.";
pub const RUN_BY: &str = "Who runs it";
pub const RUN_BY_PEERS: &str = "Trained peers who have been there themselves";
pub const RUN_BY_PROFESSIONALS: &str = "Professionals";
pub const RUN_BY_BOTH: &str = "Both together";
pub const FACILITATED_BY: &str = "In your own words (optional)";
pub const MODERATED: &str = "Moderated (online groups)";
pub const YES: &str = "Yes";
pub const NO: &str = "No";
pub const TYPICAL_SIZE: &str = "Typical size (optional)";
pub const TAKING_NEW: &str = "Taking new members";
pub const TAKING_YES: &str = "Yes, new members welcome";
pub const TAKING_NO: &str = "No, full just now";
pub const FIRST_VISIT: &str = "Your first visit (optional)";
pub const FIRST_VISIT_HINT: &str =
    "What happens when someone walks in for the first time: who greets them, can they bring a buggy or an older child.";
pub const SHOW_DATES: &str = "Show the next dates";
pub const ADD_THE_GROUP: &str = "Add the group";
pub const NEXT_DATES: &str = "The next dates, as parents will see them";

pub const EDIT_GROUP: &str = "Change a group";
pub const EDIT_DETAILS: &str = "Change details and times";
pub const SAVE_GROUP: &str = "Save the changes";
pub const SAVED_GROUP: &str = "The changes are saved, and This week shows them now.";
pub const SAVED_GROUP_LINK_WAITS: &str =
    "The changes are saved. A new contact or joining link waits for an admin to check it before anyone sees it.";
pub const ADDED_CONTACT_WAITS: &str =
    "The group is added, and parents can see it now. Its contact waits for an admin to check it before anyone sees it.";
pub const NO_CONTACT: &str = "no contact";
pub fn contact_waiting(contact: &str) -> String {
    format!("Waiting for an admin to check: {contact}")
}
pub const CURRENT_TIMES: &str = "When it meets now";
pub const CURRENT_TIMES_HINT: &str =
    "Untick a time to stop it. Cancelled and extra sessions stay as they are.";
pub const WHEN_IT_MEETS: &str = "When it meets";
pub const ADD_A_TIME: &str = "Add a time (optional)";
pub const NO_NEW_TIME: &str = "No new time";
pub const JOINING_LINK: &str = "Joining link (optional)";
pub const LINK_HINT: &str = "The full address of the online meeting, starting https://. An admin checks a new link before anyone sees it.";
pub const LINK_HINT_ADMIN: &str = "The full address of the online meeting, starting https://.";
pub const LINK_PUBLIC: &str = "Show the link on the group's page (otherwise people ask you for it)";
pub const NO_LINK: &str = "no link";
pub fn link_waiting(link: &str) -> String {
    format!("Waiting for an admin to approve: {link}")
}
pub fn paused(reason: &str) -> String {
    format!("No session: {reason}")
}

/// "Wednesday 9 December, 14:00".
pub fn session_when(day: chrono::NaiveDate, starts: chrono::NaiveTime) -> String {
    use chrono::Datelike;
    let weekday = village_core::written::weekday_name(day.weekday());
    format!(
        "{weekday} {} {}, {}",
        day.day(),
        village_core::written::month_name(day.month()),
        village_core::written::time(starts)
    )
}

pub const INVITE_TITLE: &str = "Create your account";
pub fn invited_as(email: &str, organisation: Option<&str>) -> String {
    match organisation {
        Some(org) => format!(
            "You have been invited to keep {org}'s listings on Village up to date, as {email}."
        ),
        None => format!("You have been invited to look after Village, as {email}."),
    }
}
pub const CHOOSE_PASSWORD: &str = "Choose a password";
pub const PASSWORD_HINT: &str =
    "At least 12 characters. A few unrelated words make one that is long and easy to remember.";
pub const TYPE_AGAIN: &str = "Type it again";
pub const CREATE_ACCOUNT: &str = "Create my account";
pub const NOT_THE_SAME: &str = "The two passwords are not the same.";
pub const INVITE_SOMEONE: &str = "Invite someone";
pub const ROLE: &str = "Role";
pub const ROLE_ORGANISER: &str = "Organiser: keeps one organisation's groups and services current";
pub const ROLE_ADMIN: &str = "Administrator: looks after all of Village";
pub const MAKE_LINK: &str = "Make an invitation link";
pub fn send_reset_link(email: &str) -> String {
    format!("Send this link to {email} yourself (by a way you know is theirs): it sets a new password, works once, for a day, and is shown only now. Their sessions end when it is used.")
}

pub fn send_link(email: &str) -> String {
    format!("Send this link to {email}. It works once, for 7 days, and is shown only now.")
}

pub const EXTRA_HEADING: &str = "Add an extra session";
pub const EXTRA_DAY: &str = "Day of the extra session";
pub const ADD_EXTRA: &str = "Add this session";
pub const EXTRA_ADDED: &str = "The extra session is added, and This week shows it.";

pub const EDIT: &str = "Edit";
pub const EDIT_TITLE: &str = "Edit a service";
pub const DESCRIPTION: &str = "What it is";
pub const SELF_REFERRAL: &str = "Can people contact it themselves?";
pub const YES_THEMSELVES: &str = "Yes, they can refer themselves";
pub const NO_REFERRED: &str = "No, someone refers them";
pub const REFERRAL: &str = "How to get it";
pub const REFERRAL_HINT: &str =
    "If people can refer themselves: the steps, one per line. If not: who refers them.";
pub const HOURS_NOTE: &str = "Opening hours in words";
pub const WEBSITE: &str = "Website";
pub fn phone_legend(n: usize) -> String {
    format!("Phone number {n}")
}
pub const NUMBER: &str = "Number";
pub const PHONE_LABEL: &str = "What it is for";
pub const TAKES_CALLS: &str = "Takes calls";
pub const TAKES_TEXTS: &str = "Takes texts";
pub const CRISIS: &str = "A crisis service: shown above every search";
pub const NEEDS_APPROVAL_NOTE: &str = "Changes to phone numbers and to the crisis setting wait for an administrator to approve them, so that nobody can be sent to the wrong number.";
pub const SAVE: &str = "Save";
pub const EDITED: &str = "Saved.";
pub const EDITED_PENDING: &str =
    "Saved. The new phone numbers or crisis setting wait for an administrator to approve them.";
pub const WAITING: &str = "Waiting for an administrator";
pub const WAITING_FOR_YOU: &str = "Waiting for your approval";
pub const NOTHING_WAITING: &str = "Nothing is waiting.";
pub const APPROVE: &str = "Approve";
pub const REJECT: &str = "Reject";
pub const APPROVED: &str = "Approved: the change is live.";
pub const REJECTED: &str = "Rejected: nothing changed.";
pub fn asked(by: &str, field: &str, item: &str) -> String {
    let what = match field {
        "phones" => "the phone numbers",
        "crisis" => "the crisis setting",
        _ => "the joining link",
    };
    format!("{by} asked to change {what} of {item}")
}

pub const CODE_TITLE: &str = "Enter your code";
pub const CODE_INTRO: &str =
    "Open your authenticator app and type the 6-digit code it shows for Village.";
pub const CODE: &str = "6-digit code";
pub const CONTINUE: &str = "Continue";
pub const CODE_NOT_RIGHT: &str =
    "That code is not right. Codes change every 30 seconds: type the one your app shows now.";
pub const TWO_STEP: &str = "Two-step sign-in";
pub const TWO_STEP_ON: &str =
    "Two-step sign-in is on: signing in asks for a code from your app too.";
pub const TWO_STEP_OFF: &str =
    "Two-step sign-in is off. With it on, someone who learns your password still cannot sign in.";
pub const SET_UP: &str = "Set up two-step sign-in";
pub const SCAN: &str =
    "Scan this with an authenticator app, or type the key into it. Then type the code it shows.";
pub const KEY: &str = "Key";
pub const TURN_ON: &str = "Turn on";
pub const TWO_STEP_DONE: &str = "Two-step sign-in is on.";

pub const ADD_ORGANISATION: &str = "Add an organisation";
pub const ORGANISATION_NAME: &str = "Name of the organisation";
pub const ORGANISATION_ABOUT: &str = "What it does";
pub const ORGANISATION_ADDED: &str =
    "The organisation is added. You can now invite its organisers.";

pub const AREAS: &str = "Areas and term dates";
pub const ADD_AREA: &str = "Add an area";
pub const AREA_NAME: &str = "Name of the area";
pub const NATION: &str = "Nation";
pub const AREA_ADDED: &str =
    "The area is added. Import its term dates next, so term-time groups show their breaks.";
pub const IMPORT_TERMS: &str = "Import term dates";
pub const TERM_DATES: &str = "Term dates file (CSV or iCalendar)";
pub const TERM_DATES_HINT: &str = "Open the council's school holidays file (or GOV.UK's bank holidays) and paste all of it here. CSV needs the header school_year,kind,name,start,end; iCalendar needs all-day events. Years in the file replace the same years here; other years stay. You will see what Village understood before anything changes.";
pub const CHECK_TERMS: &str = "Check the dates";
pub const CONFIRM_TERMS: &str = "Import these dates";
pub const TERMS_UNDERSTOOD: &str = "What Village understood";
pub const TERMS_CONFIRM_HINT: &str = "Nothing has changed yet. If this is right, import the dates; if not, change the file above and check it again.";
pub const INSET_CHOICE: &str = "On INSET days (staff training days), term-time groups in this area";
pub const INSET_KEEP: &str = "Keep the area's choice";
pub const INSET_TERM: &str = "Still meet: INSET days differ from school to school";
pub const INSET_BREAKS: &str = "Do not meet";
pub const INSET_DAYS_ARE_TERM: &str = "On INSET days, term-time groups meet.";
pub const INSET_DAYS_ARE_BREAKS: &str = "On INSET days, term-time groups do not meet.";
pub const TERMS_IMPORTED: &str =
    "The term dates are saved. This week and every group page use them now.";
pub const NO_TERMS: &str = "No term dates yet: term-time groups show \"dates not known\".";
/// "Term dates known until 22 July 2027 (2026/27)".
pub fn terms_until(last: &str, years: &str) -> String {
    format!("Term dates known until {last} ({years}).")
}
pub const ORGANISATIONS: &str = "Organisations";
pub const SAVE_ORGANISATION: &str = "Save";
pub const ORGANISATION_SAVED: &str = "The organisation's details are saved.";
pub const TURN_OFF: &str = "Turn off two-step sign-in";
pub const TURN_OFF_HINT: &str =
    "Type a code from your app to show it is you. Your account is safer with it on.";
pub const ADMINS_KEEP_IT: &str = "Administrators keep two-step sign-in on once it is set up.";
pub const TWO_STEP_TURNED_OFF: &str =
    "Two-step sign-in is off. Signing in needs only your password now.";

pub const VENUES: &str = "Venues";
pub const VENUES_HINT: &str =
    "The places your groups meet. Parents see each venue's address and what it is like to get into.";
pub const NO_VENUES: &str = "No venues yet. Add one for each place your groups meet.";
pub const ADD_VENUE: &str = "Add a venue";
pub const EDIT_VENUE: &str = "Change a venue";
pub const SAVE_VENUE: &str = "Save the venue";
pub const DELETE_VENUE: &str = "Delete this venue";
pub const VENUE_ADDED: &str =
    "The venue is added. Choose it as the place when you add or change a group.";
pub const VENUE_SAVED: &str =
    "The venue is saved, and every group that meets there shows the change now.";
pub const VENUE_DELETED: &str = "The venue is deleted.";
/// "Used by 2 groups" (it cannot be deleted while any group meets there).
pub fn venue_used_by(groups: i64) -> String {
    match groups {
        0 => "No group meets here.".to_owned(),
        1 => "1 group meets here, so it cannot be deleted.".to_owned(),
        n => format!("{n} groups meet here, so it cannot be deleted."),
    }
}
pub const VENUE_NAME: &str = "Name of the venue";
pub const VENUE_ADDRESS: &str = "Street address";
pub const VENUE_TOWN: &str = "Town or city";
pub const VENUE_POSTCODE: &str = "Postcode";
pub const VENUE_ACCESS: &str = "Getting in";
pub const VENUE_ACCESS_HINT: &str =
    "Say yes or no only when you know. Parents are told to ask about anything you leave as \"Not sure\".";
pub const NOT_SURE: &str = "Not sure";
pub const VENUE_GETTING_THERE: &str = "Getting there (optional)";
pub const VENUE_GETTING_THERE_HINT: &str =
    "Buses, where to park, which door to use: whatever helps someone find it the first time.";
pub const VENUE_NOTES: &str = "Anything else about getting in (optional)";
pub const NEW_VENUE_PLACE: &str = "A new venue (fill in below)";
pub const NEW_VENUE_LEGEND: &str = "A new venue";
pub const NEW_VENUE_HINT: &str =
    "Only if you chose \"A new venue\" above: it is added with the group, for your other groups too.";
pub const CHOOSE: &str = "Choose one";
pub const NEW_PHONE: &str = "Moving to a new phone";
pub const NEW_PHONE_HINT: &str =
    "Type a code from the app you use now. You then set up the new app, and the old one stops working once the new one does.";
pub const NEW_PHONE_BUTTON: &str = "Set up a new app";
pub const REPLACING: &str =
    "Your old app keeps working until you type a code from the new one below.";
pub const ACCOUNTS: &str = "People's accounts";
pub const ACCOUNTS_HINT: &str =
    "If a password or phone may be in the wrong hands, turn the account off or sign it out everywhere: it takes effect at once. Every change is in the recent changes below.";
pub const ACCOUNT_OFF: &str = " · Turned off";
pub const ACCOUNT_TWO_STEP: &str = " · Two-step sign-in on";
pub const ACCOUNT_YOURS: &str =
    "This is your account: another admin can change it. You can sign out everywhere below.";
pub const TURN_ACCOUNT_OFF: &str = "Turn off";
pub const TURN_ACCOUNT_ON: &str = "Turn on again";
pub const SIGN_THEM_OUT: &str = "Sign out everywhere";
pub const RESET_TWO_STEP: &str = "Reset two-step sign-in";
pub const MOVE_TO: &str = "Move to organisation";
pub const MOVE: &str = "Move";
pub const ACCOUNT_CHANGED: &str = "The account is changed. Anything it was signed in to has ended.";
pub const RESET_PASSWORD: &str = "Make a password-reset link";
pub const NEW_PASSWORD_TITLE: &str = "Choose a new password";
pub const SAVE_PASSWORD: &str = "Save the new password";
pub fn resetting_for(email: &str) -> String {
    format!("A new password for {email}. Once it is saved, every other place signed in to this account is signed out.")
}
pub const YOUR_PASSWORD: &str = "Your password";
pub const PASSWORD_FIRST: &str =
    "Please type your password to set up two-step sign-in, so only you can turn it on. (Several wrong ones mean a wait.)";
