//! A nation's worth of made-up data, to measure Village at the size of a
//! national service (`server national-sample`, which `make bench` runs):
//! 200 areas with term dates, 40,000 groups and 10,000 directory services by
//! default. Every record is made from one of the sample's own (see the
//! parent module), renamed and moved to an area, and labelled Sample; a
//! production start never adds them.
//!
//! The first area is the busiest: it gets [`BUSY_AREA_SHARE`] of the groups
//! and services, as a large city would, so that the figures for "a busy
//! area" are about more than an average one's.

use app::{
    directory::db::Existing,
    storage::{Store, StoreError},
};
use chrono::NaiveDate;
use village_core::{
    calendar::GroupId,
    directory::{
        hsds::{Contents, GroupRecord, Record},
        ServiceId,
    },
    AreaId, Nation,
};

use super::SampleError;

/// How much to make.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub areas: usize,
    pub groups: usize,
    pub services: usize,
}

/// The whole of the UK: about 200 local authorities, with the groups and
/// services a national deployment would list (`server national-sample`'s
/// defaults).
pub const UK: Scale = Scale {
    areas: 200,
    groups: 40_000,
    services: 10_000,
};

/// The busiest area's share of the groups and services: one in a hundred,
/// twice an average area's when there are 200 (so it is the busiest only
/// when there are more areas than this).
pub const BUSY_AREA_SHARE: usize = 100;

/// Why the national sample could not be made.
#[derive(Debug, thiserror::Error)]
pub enum NationalError {
    #[error(transparent)]
    Sample(#[from] SampleError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the sample has no {0} to copy")]
    Empty(&'static str),
    #[error("a made-up id did not parse: {0}")]
    Id(String),
}

/// The id of the `n`th area (from 0): `national-000`…
pub fn area_id(n: usize) -> Result<AreaId, NationalError> {
    let id = format!("national-{n:03}");
    AreaId::parse(&id).map_err(|_| NationalError::Id(id))
}

/// Which area the `n`th of `count` records goes to: the busy area's share
/// first, then the others in turn.
fn area_of(n: usize, count: usize, areas: usize) -> usize {
    let busy = count / BUSY_AREA_SHARE;
    if n < busy || areas < 2 {
        0
    } else {
        1 + (n - busy) % (areas - 1)
    }
}

/// The nations in proportion, roughly: most areas in England, then
/// Scotland, Wales and Northern Ireland.
fn nation_of(n: usize) -> Nation {
    match n % 20 {
        0 | 1 => Nation::Scotland,
        2 => Nation::Wales,
        3 => Nation::NorthernIreland,
        _ => Nation::England,
    }
}

/// The records to add, made from the sample's: `scale.groups` groups and
/// `scale.services` services spread over the areas.
pub fn contents(today: NaiveDate, scale: Scale) -> Result<Contents, NationalError> {
    let sample = super::contents(today)?;
    if sample.groups.is_empty() {
        return Err(NationalError::Empty("groups"));
    }
    if sample.services.is_empty() {
        return Err(NationalError::Empty("services"));
    }
    let areas: Vec<AreaId> = (0..scale.areas.max(1))
        .map(area_id)
        .collect::<Result<_, _>>()?;
    let mut groups = Vec::with_capacity(scale.groups);
    for n in 0..scale.groups {
        let template = &sample.groups[n % sample.groups.len()];
        let area = &areas[area_of(n, scale.groups, areas.len())];
        let id = format!("national-group-{n}");
        let mut group = template.group.clone();
        group.id = GroupId::parse(&id).map_err(|_| NationalError::Id(id))?;
        group.area = Some(area.clone());
        group.title = format!("{} {n}", template.group.title);
        groups.push(GroupRecord {
            group,
            ..template.clone()
        });
    }
    let mut services = Vec::with_capacity(scale.services);
    for n in 0..scale.services {
        let template = &sample.services[n % sample.services.len()];
        let area = &areas[area_of(n, scale.services, areas.len())];
        let id = format!("national-service-{n}");
        let mut service = template.service.clone();
        service.id = ServiceId::parse(&id).map_err(|_| NationalError::Id(id))?;
        service.name = format!("{} {n}", template.service.name);
        service.areas = vec![area.clone()];
        service.other_areas = Vec::new();
        service.area_not_known = false;
        services.push(Record {
            service,
            ..template.clone()
        });
    }
    Ok(Contents { services, groups })
}

/// Adds the areas (with the sample's term dates) and the records, through
/// the importer an operator uses. For an empty database: made-up ids that
/// are already there are an error, not a merge.
pub async fn seed(store: &Store, today: NaiveDate, scale: Scale) -> Result<(), NationalError> {
    let (years, bank) = super::terms_around(today)?;
    for n in 0..scale.areas.max(1) {
        let id = area_id(n)?;
        store
            .insert_area(&id, &format!("Sample area {n}"), nation_of(n), true)
            .await?;
        store.replace_terms(&id, (&years, &bank), None).await?;
    }
    store
        .import_file(&contents(today, scale)?, Existing::Keep)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    #[test]
    fn the_records_are_as_many_as_asked_with_ids_of_their_own_and_the_busy_area_first() {
        let scale = Scale {
            areas: 150,
            groups: 3_000,
            services: 300,
        };
        let made = contents(super::super::WRITTEN_ON, scale).expect("made");
        assert_eq!(made.groups.len(), 3_000);
        assert_eq!(made.services.len(), 300);
        let ids: HashSet<_> = made.groups.iter().map(|r| r.group.id.clone()).collect();
        assert_eq!(ids.len(), 3_000, "every group has its own id");
        let names: HashSet<_> = made
            .services
            .iter()
            .map(|r| r.service.name.clone())
            .collect();
        assert_eq!(names.len(), 300, "every service has its own name");
        let mut per_area: HashMap<AreaId, usize> = HashMap::new();
        for record in &made.groups {
            assert!(record.group.is_sample, "labelled Sample");
            *per_area
                .entry(record.group.area.clone().expect("in an area"))
                .or_default() += 1;
        }
        assert_eq!(per_area.len(), 150, "every area has groups");
        let busy = per_area[&area_id(0).expect("id")];
        assert_eq!(busy, 3_000 / BUSY_AREA_SHARE);
        assert!(per_area.values().all(|&n| n <= busy), "{per_area:?}");
        for record in &made.services {
            assert_eq!(record.service.areas.len(), 1);
        }
    }
}
