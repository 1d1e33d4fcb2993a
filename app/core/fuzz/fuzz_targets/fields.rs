//! The small fields that come from outside: ids in addresses, emails,
//! phone numbers, days and times typed into forms, TOTP secrets.
#![no_main]

use libfuzzer_sys::fuzz_target;
use village_core::{
    account::{totp::TotpSecret, Email},
    calendar::GroupId,
    directory::ServiceId,
    written, AreaId, PhoneNumber,
};

fuzz_target!(|text: &str| {
    let _ = AreaId::parse(text);
    let _ = GroupId::parse(text);
    let _ = ServiceId::parse(text);
    let _ = Email::parse(text);
    let _ = PhoneNumber::parse(text);
    let _ = written::parse_day(text);
    let _ = written::parse_time(text);
    let _ = TotpSecret::parse_base32(text);
});
