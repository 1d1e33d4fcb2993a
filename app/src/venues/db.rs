//! Venues in the database: read, added, changed and deleted, each change
//! audited with the venue as it was and as it became (the same shape on
//! both sides). A venue a group meets in cannot be deleted.

use village_core::calendar::{Access, Venue};

use crate::storage::audit::{audit, audited_write};
use crate::storage::{on_pool, write_once::Author, BeginWrite, Store, StoreError};

/// A venue to write: its id and organisation, and the venue itself.
#[derive(Clone, Debug)]
pub struct NewVenue {
    pub id: String,
    pub organisation_id: String,
    pub venue: Venue,
}

/// A stored venue, with its organisation and how many groups meet there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VenueRecord {
    pub id: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub venue: Venue,
    pub groups: i64,
}

/// What deleting a venue did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VenueDeleted {
    Deleted,
    NotFound,
    /// Groups still meet there (how many): nothing was deleted.
    InUse(i64),
}

#[derive(sqlx::FromRow)]
struct VenueRow {
    id: String,
    organisation_id: String,
    organisation_name: String,
    name: String,
    address: String,
    town: String,
    postcode: String,
    step_free: Option<bool>,
    buggy_space: Option<bool>,
    baby_change: Option<bool>,
    parking: Option<bool>,
    near_bus_stop: Option<bool>,
    public_transport: String,
    notes: String,
    groups: i64,
}

impl From<VenueRow> for VenueRecord {
    fn from(row: VenueRow) -> Self {
        Self {
            id: row.id,
            organisation_id: row.organisation_id,
            organisation_name: row.organisation_name,
            venue: Venue {
                name: row.name,
                address: row.address,
                town: row.town,
                postcode: row.postcode,
                access: Access {
                    step_free: row.step_free,
                    buggy_space: row.buggy_space,
                    baby_change: row.baby_change,
                    parking: row.parking,
                    near_bus_stop: row.near_bus_stop,
                },
                public_transport: row.public_transport,
                notes: row.notes,
            },
            groups: row.groups,
        }
    }
}

const VENUES_QUERY: &str = "SELECT v.id, v.organisation_id, o.name AS organisation_name, v.name, v.address, v.town, \
     v.postcode, v.step_free, v.buggy_space, v.baby_change, v.parking, v.near_bus_stop, v.public_transport, v.notes, \
     (SELECT COUNT(*) FROM peer_groups g WHERE g.venue_id = v.id) AS groups \
     FROM venues v JOIN organisations o ON o.id = v.organisation_id";

/// The venue as its audit entries hold it, before and after alike.
fn snapshot(venue: &Venue) -> String {
    serde_json::to_string(venue).unwrap_or_default()
}

/// Writes a new venue inside transaction `$tx`; evaluates to whether it was
/// added (`false`: the id was taken).
macro_rules! write_venue {
    ($tx:ident, $new:expr) => {{
        let new: &$crate::venues::db::NewVenue = $new;
        let v = &new.venue;
        let a = &v.access;
        sqlx::query(
            "INSERT INTO venues (id, organisation_id, name, address, town, postcode, step_free, buggy_space, \
             baby_change, parking, near_bus_stop, public_transport, notes) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&new.id).bind(&new.organisation_id).bind(&v.name).bind(&v.address).bind(&v.town)
        .bind(&v.postcode).bind(a.step_free).bind(a.buggy_space).bind(a.baby_change).bind(a.parking)
        .bind(a.near_bus_stop).bind(&v.public_transport).bind(&v.notes)
        .execute(&mut *$tx)
        .await?
        .rows_affected()
            == 1
    }};
}
pub(crate) use write_venue;

/// Adds a venue an account made, with its audit entry, inside `$tx`;
/// evaluates to whether it was added.
macro_rules! add_venue_in {
    ($tx:ident, $new:expr, $by:expr) => {{
        let new: &$crate::venues::db::NewVenue = $new;
        let added = $crate::venues::db::write_venue!($tx, new);
        if added {
            $crate::storage::audit::audit!(
                $tx,
                $by,
                "added",
                "venue",
                new.id.as_str(),
                None::<String>,
                Some(serde_json::to_string(&new.venue).unwrap_or_default())
            );
        }
        added
    }};
}
pub(crate) use add_venue_in;

impl Store {
    /// Venues, by organisation then name: one organisation's, or all.
    pub async fn venue_records(
        &self,
        organisation_id: Option<&str>,
    ) -> Result<Vec<VenueRecord>, StoreError> {
        let rows = on_pool!(self, pool => match organisation_id {
            Some(id) => sqlx::query_as::<_, VenueRow>(&format!(
                "{VENUES_QUERY} WHERE v.organisation_id = $1 ORDER BY o.name, v.name, v.id"
            ))
            .bind(id)
            .fetch_all(pool)
            .await,
            None => sqlx::query_as::<_, VenueRow>(&format!(
                "{VENUES_QUERY} ORDER BY o.name, v.name, v.id"
            ))
            .fetch_all(pool)
            .await,
        })?;
        Ok(rows.into_iter().map(VenueRecord::from).collect())
    }

    /// One venue, with its organisation and how many groups meet there.
    pub async fn venue(&self, id: &str) -> Result<Option<VenueRecord>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, VenueRow>(&format!("{VENUES_QUERY} WHERE v.id = $1"))
            .bind(id)
            .fetch_optional(pool)
            .await)?;
        Ok(row.map(VenueRecord::from))
    }

    /// An organisation's venues: (id, name), by name.
    pub async fn venues_of(
        &self,
        organisation_id: &str,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, (String, String)>(
            "SELECT id, name FROM venues WHERE organisation_id = $1 ORDER BY name, id",
        )
        .bind(organisation_id)
        .fetch_all(pool)
        .await)?;
        Ok(rows)
    }

    /// Adds a venue with no author (the sample data); the same id twice
    /// leaves the first and reports `false`.
    pub async fn insert_venue(&self, new: &NewVenue) -> Result<bool, StoreError> {
        let added = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let added = write_venue!(tx, new);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(added)
        })?;
        self.published_changed();
        Ok(added)
    }

    /// Adds a venue an account made, audited; `false` when the id was
    /// taken (nothing is written).
    pub async fn add_venue(&self, new: &NewVenue, by: &Author) -> Result<bool, StoreError> {
        let added = audited_write!(self, by, |tx| {
            if !add_venue_in!(tx, new, by) {
                return Ok(false);
            }
            true
        });
        Ok(added)
    }

    /// Changes a venue, audited with how it was; `false` when there is no
    /// such venue. Every group that meets there shows the change at once.
    pub async fn update_venue(
        &self,
        id: &str,
        venue: &Venue,
        by: &Author,
    ) -> Result<bool, StoreError> {
        let before = self.venue(id).await?;
        let saved = audited_write!(self, by, |tx| {
            let a = &venue.access;
            let changed = sqlx::query(
                "UPDATE venues SET name = $1, address = $2, town = $3, postcode = $4, step_free = $5, \
                 buggy_space = $6, baby_change = $7, parking = $8, near_bus_stop = $9, public_transport = $10, \
                 notes = $11 WHERE id = $12",
            )
            .bind(&venue.name).bind(&venue.address).bind(&venue.town).bind(&venue.postcode)
            .bind(a.step_free).bind(a.buggy_space).bind(a.baby_change).bind(a.parking).bind(a.near_bus_stop)
            .bind(&venue.public_transport).bind(&venue.notes).bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Ok(false);
            }
            let before = before.as_ref().map(|b| snapshot(&b.venue));
            audit!(tx, by, "edited", "venue", id, before, Some(snapshot(venue)));
            true
        });
        Ok(saved)
    }

    /// Deletes a venue no group meets in, audited with how it was.
    pub async fn delete_venue(&self, id: &str, by: &Author) -> Result<VenueDeleted, StoreError> {
        let Some(before) = self.venue(id).await? else {
            return Ok(VenueDeleted::NotFound);
        };
        let deleted = audited_write!(self, by, |tx| {
            // Counted inside the write, so a group added meanwhile is seen.
            let (in_use,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM peer_groups WHERE venue_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            if in_use > 0 {
                return Ok(VenueDeleted::InUse(in_use));
            }
            let gone = sqlx::query("DELETE FROM venues WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if gone == 0 {
                return Ok(VenueDeleted::NotFound);
            }
            audit!(
                tx,
                by,
                "deleted",
                "venue",
                id,
                Some(snapshot(&before.venue)),
                None::<String>
            );
            VenueDeleted::Deleted
        });
        Ok(deleted)
    }
}
