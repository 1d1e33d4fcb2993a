//! Every word the calendar shows, in one place, ready for translation.

pub const TITLE: &str = "This week";
pub const INTRO: &str =
    "Peer support groups near you, day by day, morning first. We will show which groups take a break in the school holidays and which still run, so no week is empty.";
pub const COMING_SOON: &str =
    "The group calendar is being built. Soon this page will list this week's groups for your area.";
pub const AREAS_HEADING: &str = "Areas Village knows";
pub const AREAS_EMPTY: &str = "No areas have been added yet.";
pub const CHOSEN_PREFIX: &str = "You chose";
pub const AREA_NOT_FOUND: &str = "We don't know that area yet. Please choose one from the list.";
