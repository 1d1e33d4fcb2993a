//! Words of the app's frame: header, navigation, loading and error states.

pub const APP_NAME: &str = "Village";
pub const TAGLINE: &str = "Support for parents, from pregnancy to the toddler years";
pub const SKIP_TO_CONTENT: &str = "Skip to main content";
pub const NAV_LABEL: &str = "Main";
pub const NAV_THIS_WEEK: &str = "This week";
pub const NAV_MY_MOOD: &str = "My mood";
pub const NAV_WHO_CAN_HELP: &str = "Who can help";
pub const NOT_FOUND_TITLE: &str = "We can't find that page";
pub const NOT_FOUND_TEXT: &str =
    "The link may be old, or the page may have moved. You can go back to this week's groups, or get help now.";
pub const BACK_HOME: &str = "Go to this week";
pub const ERROR_TITLE: &str = "Something went wrong";
pub const OFFLINE_TITLE: &str = "You're offline";
pub const OFFLINE_TEXT: &str =
    "This page hasn't been saved on your phone yet, so it needs a signal. Pages you have opened before still work.";
pub const OFFLINE_HELP: &str = "Get help now";
pub const UPDATE_READY: &str = "A new version is ready.";
pub const UPDATE_RELOAD: &str = "Reload";
