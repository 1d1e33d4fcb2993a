//! Files a parent picks to bring back into their diary: Village's JSON or
//! CSV export, or an encrypted backup (read and checked before decryption).
#![no_main]

use libfuzzer_sys::fuzz_target;
use village_core::mood::{files, lock::Backup};

fuzz_target!(|text: &str| {
    if let Err(faults) = files::read(text) {
        assert!(!faults.is_empty(), "a refusal names its faults");
    }
    let _ = Backup::read(text);
});
