//! Every word of the directory, ready for translation.

pub const TITLE: &str = "Who can help";
pub const INTRO: &str =
    "Support near you and across the UK: peer groups, charities, NHS teams and helplines. We will say who you can contact yourself, and how.";
pub const COMING_SOON: &str =
    "The directory is being built. Soon you will be able to search it here, even with no signal.";
