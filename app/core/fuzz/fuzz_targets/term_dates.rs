//! Term dates an admin pastes or a council publishes: CSV or iCalendar.
#![no_main]

use libfuzzer_sys::fuzz_target;
use village_core::calendar::import;

fuzz_target!(|text: &str| {
    if let Err(err) = import::parse(text, &[]) {
        assert!(!err.message.is_empty(), "a refusal says why");
    }
});
