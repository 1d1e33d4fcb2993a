//! An Open Referral HSDS file of services to import.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use village_core::{
    directory::hsds::{read, Known},
    AreaId,
};

fuzz_target!(|text: &str| {
    let areas = AreaId::parse("riverside")
        .map(|id| vec![(id, "Riverside".to_owned())])
        .unwrap_or_default();
    let organisations = [(
        "riverside-parents".to_owned(),
        "Riverside Parents".to_owned(),
    )];
    let known = Known {
        areas: &areas,
        organisations: &organisations,
        today: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
        area_map: &[],
        venues: &[],
    };
    let _ = read(text, &known);
});
