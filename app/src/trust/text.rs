//! Every word of the privacy notice, the accessibility statement and the
//! footer. The notice names every cookie and every table that holds
//! anything about a person; an integration test checks it against the
//! code, so it cannot drift.

pub const FOOTER_LABEL: &str = "About Village";
pub const PRIVACY: &str = "Privacy";
pub const ACCESSIBILITY: &str = "Accessibility";
pub const SOURCE_CODE: &str = "Source code";
pub const SECURITY: &str = "Report a security problem";
pub const LICENCE: &str = "Free software under the GNU AGPL 3.0 or later.";

pub const PRIVACY_TITLE: &str = "Privacy: what Village keeps, and where";
pub const PRIVACY_LEAD: &str = "Your mood diary stays on your phone. Village sends nothing about you to anyone else, sells nothing, and has no adverts, trackers or analytics.";

/// A heading and its paragraphs or list items.
pub type Section = (&'static str, &'static [&'static str]);

pub const ON_YOUR_PHONE: Section = (
    "On your phone",
    &[
        "Your mood diary: your check-ins and notes, \"About me\", and any \"Help me say it\" drafts you save (self-check answers are never kept). They are kept in this browser's storage (called village-diary) and never sent to Village's server, not even when you are online. If you lock it with a PIN or passphrase, it is encrypted on the phone. To delete it: My mood, then Your data, then Delete everything. Only you can export it.",
        "Numbers you save on the Need help now card (your midwife, health visitor and GP) are kept in this browser's storage (village.my-contacts.v1.midwife, .health-visitor and .gp) and never sent. To delete one, clear it on the card.",
        "Groups you follow are kept in this browser's storage (village.followed-groups). If you subscribe to them in a calendar app, the address it asks for holds only the groups' ids, never anything about you; but the company whose calendar you use (Google or Apple, say) fetches that address again and again, so it can see which groups you follow.",
        "My groups: to show what's on for the groups you follow, this phone asks Village's server about those groups by their ids (with This week's filters), as the calendar address does; nothing else about you goes with it. The last answer is kept on this phone (village-kept), so My groups works without signal; it is forgotten when you change which groups you follow.",
        "Reminders you turn on are kept on this phone (village-kept): which ones, the time you chose for a check-in reminder, and whether a reminder may say what it is about. The phone works them out itself; nothing is sent to Village or to any push service. Turn off all reminders deletes them.",
        "A copy of the directory (village-directory) and of the pages you opened, so they work without signal. Pages with a search in them are never kept; a page opened with filters is kept as it was opened, filters included.",
        "To delete everything Village keeps on this phone at once, clear this site's data in your browser's settings (or remove the installed app).",
    ],
);

pub const COOKIES: Section = (
    "Cookies",
    &[
        "village_area remembers the area you chose on This week, for a year. Anyone who uses your phone could see roughly where you live from it.",
        "village_filters remembers the filters you chose on This week (for example, mental health groups only), for a year. Anyone who uses your phone could see what you looked for.",
        "Both are sent only to Village, never to anyone else, and scripts cannot read them. To delete them, clear this site's data in your browser's settings; Clear filters on This week deletes village_filters.",
        "Organisers who sign in also get village-session (or __Host-village-session on a secure connection), which ends after 30 minutes without use or 12 hours at most, and village-step (or __Host-village-step) for the 5 minutes between their password and their two-step code.",
    ],
);

pub const ON_THE_SERVER: Section = (
    "On Village's server",
    &[
        "Listings: groups, services, venues, areas and term dates, given by organisers to be shown to parents. A group's organiser contact and an online group's joining link are kept with it, and shown only as the organiser chose.",
        "Organisers' accounts (users): email address, a hash of the password (never the password), role, organisation, and the two-step secret, sealed. An administrator can turn an account off; accounts are not deleted, so the record of who changed what stays true.",
        "Signed-in sessions (sessions) and the step between password and code (sign_in_steps): deleted within 10 minutes of ending, which is after 30 minutes without use, 12 hours, or 5 minutes.",
        "Failed sign-ins (sign_in_failures): a count for an email address or a network address, so guessing passwords is slow. Deleted a day after the last failure.",
        "Invitations (invitations): the email address invited, who invited them and when, kept as a record of who was let in.",
        "The record of changes (audit_log) and changes waiting for an administrator (pending_changes): which organiser (by email address) changed which listing, when, and what it said before and after. Kept so mistakes can be traced and undone.",
        "Saved forms (write_keys): a one-time key for each organiser's form, so a form sent twice saves once. Deleted a day later.",
        "Reports that something is wrong (reports): what is wrong, any words the person wrote (we ask for no name, email or phone number), the day it came, and which organiser account dealt with it. No network address. Kept until an organiser deals with it, then deleted 90 days later.",
        "Report limits (report_limits): how many reports a network address has sent in the last hour, and a listing has had in the last day, so nobody can flood the organisers. The address is kept only as a keyed hash that a copy of the database cannot turn back into the address, never with a report, and deleted within 10 minutes of its hour ending.",
        "The server's log records each request's method, the kind of page (never the address asked for, a search or a query), the answer's status and how long it took. It records no network addresses and nothing from the diary.",
    ],
);

pub const NOBODY_ELSE: Section = (
    "Nobody else",
    &[
        "Village loads nothing from other companies: no fonts, no maps, no analytics, no adverts. Nothing about you is sold or shared. A link to a service's own website or a phone call leaves Village, and that service's own privacy notice applies.",
    ],
);

pub const RESPONSIBLE_HEADING: &str = "Who is responsible";
pub const RESPONSIBLE_IS: &str = "This copy of Village is run by";
pub const CONTACT_IS: &str = "To ask about your data or to have it removed:";
pub const RESPONSIBLE_NOT_SET: &str =
    "This copy of Village has not said who runs it. Ask the organisation that gave you the link.";

pub const ACCESSIBILITY_TITLE: &str = "Accessibility statement";
pub const ACCESSIBILITY_LEAD: &str = "Village is for everyone, including people who use a screen reader, a keyboard, a switch, zoom or larger text. This statement says how well it meets that, how we check, and how to tell us when it does not.";

pub const ACCESSIBILITY_SECTIONS: [Section; 5] = [
    (
        "How accessible Village is",
        &[
            "Village aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. We believe it does, with the gaps we know of named below.",
            "You should be able to use every part with a keyboard alone or a screen reader, make text larger, and use Village without scripts: every page is sent complete, and Need help now works with scripts off and offline.",
        ],
    ),
    (
        "How we test",
        &[
            "Every change is checked by automated tests that run the axe accessibility engine (WCAG 2.2 A and AA rules) in Chromium on This week, a group's page, the diary, the directory and a service's page, Need help now, this statement, the privacy notice and the error pages, in light and dark colours, and on the organisers' screens.",
            "The same tests use the pages as a screen-reader user would: they find every button, field and link by its accessible name and role, close the crisis card with the Escape key, check that errors are tied to the fields they are about, and that a focused link in the footer is not hidden under the fixed navigation.",
            "We have not yet tested with people who use assistive technology every day, nor with VoiceOver or TalkBack on a real phone. That is the next step.",
        ],
    ),
    (
        "What we know is not yet right",
        &[
            "The organisers' administration page is long, with many forms on one page; it is usable with a keyboard and a screen reader but slow to move through.",
            "Village is in English only for now. Welsh is planned.",
            "The printable area poster is not checked by the automated tests; the print views of the diary have been checked on screen, not with a screen reader.",
            "Moving through every page with the Tab key alone has not yet been tested from start to end.",
        ],
    ),
    (
        "Another format, or a problem",
        &[
            "If you need something on Village in another format (large print, easy read, audio) or find a part you cannot use, tell the organisation that runs this copy of Village: it is named under Who is responsible on the privacy page. Where it has not been named, ask the organisation that gave you the link.",
        ],
    ),
    (
        "Enforcement",
        &[
            "If you are not happy with how a complaint is handled, in England, Scotland and Wales you can contact the Equality Advisory and Support Service (EASS); in Northern Ireland, the Equality Commission for Northern Ireland.",
        ],
    ),
];

pub const STATEMENT_DATE: &str = "This statement was last reviewed on 7 December 2026.";
