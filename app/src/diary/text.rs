//! Every word of the mood diary, ready for translation.

pub const TITLE: &str = "My mood";
pub const INTRO: &str =
    "A private diary for how you feel. A check-in takes a few seconds, and what you write stays on this phone. It is never sent to us or anyone else.";
pub const COMING_SOON: &str =
    "The diary is being built. Soon you will be able to check in here, see how your days have gone, and find help when things are hard.";
