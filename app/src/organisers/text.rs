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
pub const CANCELLED: &str = "The session is cancelled, and This week shows it with your reason.";
pub const FIX_BELOW: &str = "Nothing was saved. Please fix the problem below.";
pub const RECENT_CHANGES: &str = "Recent changes";
pub const NO_CHANGES: &str = "No changes yet.";
