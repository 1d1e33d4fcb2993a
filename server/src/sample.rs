//! Sample records for trying Village out. They are marked `is_sample` and the
//! app labels them "Sample"; a production start never adds them.

use app::storage::{Store, StoreError};
use village_core::{AreaId, Nation, OrganisationDetails};

const AREAS: [(&str, &str, Nation); 3] = [
    ("sample-riverside", "Riverside", Nation::England),
    ("sample-hillford", "Hillford", Nation::Wales),
    ("sample-glenmoor", "Glenmoor", Nation::Scotland),
];

const ORGANISATIONS: [(&str, &str, &str); 2] = [
    (
        "sample-riverside-parents",
        "Riverside Parents Together",
        "A small charity running friendly peer support groups for parents who are finding things hard.",
    ),
    (
        "sample-bumps-and-babies",
        "Bumps and Babies Online",
        "Online peer support for parents-to-be and parents of babies, across the UK.",
    ),
];

/// Adds any sample record that is missing and returns how many it added.
pub async fn seed(store: &Store) -> Result<usize, StoreError> {
    let mut added = 0;
    for (id, name, nation) in AREAS {
        let Ok(id) = AreaId::parse(id) else {
            tracing::error!(id, "sample area id does not parse");
            continue;
        };
        if store.insert_area(&id, name, nation, true).await? {
            added += 1;
        }
    }
    for (id, name, description) in ORGANISATIONS {
        let Ok(details) = OrganisationDetails::parse(name, description, None) else {
            tracing::error!(id, "sample organisation does not parse");
            continue;
        };
        if store.insert_organisation(id, &details, true).await? {
            added += 1;
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_records_are_valid() {
        for (id, name, _) in AREAS {
            assert!(AreaId::parse(id).is_ok(), "{id}");
            assert!(id.starts_with("sample-"), "{id} should say it is a sample");
            assert!(!name.is_empty());
        }
        for (id, name, description) in ORGANISATIONS {
            assert!(
                OrganisationDetails::parse(name, description, None).is_ok(),
                "{id}"
            );
        }
    }
}
