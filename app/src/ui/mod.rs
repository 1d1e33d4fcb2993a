//! Small views every feature shares: loading and error states, the Sample
//! badge, a page's QR code, help to install the app, and text safe inside
//! raw-text elements. The app's frame and routes are in `shell`.

mod install;
mod states;
pub mod text;

pub use install::InstallHelp;
pub use states::{set_http_status, textarea_text, ErrorNotice, Loading, PageQr, SampleBadge};
