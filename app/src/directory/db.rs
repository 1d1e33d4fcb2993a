//! Server-only queries for the directory: every service read in one go for
//! the published copy, and the write that adds or replaces one.

use chrono::{NaiveDate, Utc};
use std::{collections::HashMap, sync::Arc};
use village_core::{
    directory::{
        hsds::{Contents, Record},
        Audience, Hours, Indexed, Mode, Place, Referral, Service, ServiceCost, ServiceId,
        ServicePhone, Stage, Status, Topic,
    },
    AreaId, PhoneNumber,
};

use crate::storage::{
    json_rows::{flag, Column, Fresh, Known, Print, Wide, MOST_COLUMNS},
    on_pool, BeginWrite, Store, StoreError,
};
use serde::Deserialize;

/// What an import does to an organisation or venue already there: update
/// it from the file (an operator's import), or keep it as it is (the
/// sample, whose organisers may have changed it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    Update,
    Keep,
}

#[derive(Deserialize)]
struct ServiceRow {
    id: String,
    organisation_name: String,
    name: String,
    description: String,
    status: String,
    url: Option<String>,
    email: Option<String>,
    #[serde(deserialize_with = "flag")]
    self_referral: bool,
    referral: String,
    audiences: String,
    stages: String,
    modes: String,
    topics: String,
    #[serde(deserialize_with = "flag")]
    crisis: bool,
    hours: String,
    hours_note: String,
    languages: String,
    eligibility: String,
    cost: Option<String>,
    #[serde(deserialize_with = "flag")]
    cost_free: bool,
    other_areas: String,
    place: Option<String>,
    last_confirmed: NaiveDate,
    #[serde(deserialize_with = "flag")]
    not_confirmed: bool,
    hours_until: Option<NaiveDate>,
    #[serde(deserialize_with = "flag")]
    area_not_known: bool,
    #[serde(deserialize_with = "flag")]
    is_sample: bool,
}

/// Every service's row, with its organisation's name (see
/// [`crate::storage::json_rows`]).
const SERVICE_COLUMNS: &[Column] = &[
    ("id", "s.id"),
    ("organisation_name", "o.name"),
    ("name", "s.name"),
    ("description", "s.description"),
    ("status", "s.status"),
    ("url", "s.url"),
    ("email", "s.email"),
    ("self_referral", "s.self_referral"),
    ("referral", "s.referral"),
    ("audiences", "s.audiences"),
    ("stages", "s.stages"),
    ("modes", "s.modes"),
    ("topics", "s.topics"),
    ("crisis", "s.crisis"),
    ("hours", "s.hours"),
    ("hours_note", "s.hours_note"),
    ("languages", "s.languages"),
    ("eligibility", "s.eligibility"),
    ("cost", "s.cost"),
    ("cost_free", "s.cost_free"),
    ("other_areas", "s.other_areas"),
    ("place", "s.place"),
    ("last_confirmed", "s.last_confirmed"),
    ("not_confirmed", "s.not_confirmed"),
    ("hours_until", "s.hours_until"),
    ("area_not_known", "s.area_not_known"),
    ("is_sample", "s.is_sample"),
];

const SERVICES: Wide = Wide {
    what: "service",
    columns: SERVICE_COLUMNS,
    from: "services s JOIN organisations o ON o.id = s.organisation_id",
    key: "s.id",
};

const _: () = assert!(SERVICE_COLUMNS.len() <= MOST_COLUMNS);

#[derive(sqlx::FromRow)]
struct PhoneRow {
    service_id: String,
    number: String,
    label: String,
    can_call: bool,
    can_text: bool,
}

#[derive(sqlx::FromRow)]
struct AreaRow {
    service_id: String,
    area_id: String,
}

/// Reads a comma-separated list of codes; unknown ones are dropped (the
/// write path only ever stores known codes).
fn codes<T>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    text.split(',').filter_map(|c| parse(c.trim())).collect()
}

fn join<T: Copy>(values: &[T], code: impl Fn(T) -> &'static str) -> String {
    values
        .iter()
        .map(|v| code(*v))
        .collect::<Vec<_>>()
        .join(",")
}

/// Writes one service with its phones and areas inside transaction `$tx`
/// (on either backend): the same id replaces what was there.
macro_rules! write_service {
    ($tx:ident, $organisation_id:expr, $service:expr, $now:expr) => {{
        let s: &Service = $service;
        let (self_referral, referral) = match &s.referral {
            Referral::Yourself { steps } => (true, steps.join("\n")),
            Referral::ReferredBy { who } => (false, who.clone()),
        };
        let hours = serde_json::to_string(&s.hours).unwrap_or_else(|_| "\"unknown\"".to_owned());
        let place = s.place.as_ref().and_then(|p| serde_json::to_string(p).ok());
        sqlx::query(
            "INSERT INTO services (id, organisation_id, name, description, status, url, email, self_referral, referral, \
             audiences, stages, modes, topics, crisis, hours, hours_note, languages, eligibility, cost, place, \
             last_confirmed, is_sample, created_at, updated_at, cost_free, other_areas, not_confirmed, hours_until, area_not_known) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
             $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23, $24, $25, $26, $27, $28) \
             ON CONFLICT (id) DO UPDATE SET organisation_id = excluded.organisation_id, name = excluded.name, \
             description = excluded.description, status = excluded.status, url = excluded.url, email = excluded.email, \
             self_referral = excluded.self_referral, referral = excluded.referral, audiences = excluded.audiences, \
             stages = excluded.stages, modes = excluded.modes, topics = excluded.topics, crisis = excluded.crisis, \
             hours = excluded.hours, hours_note = excluded.hours_note, languages = excluded.languages, \
             eligibility = excluded.eligibility, cost = excluded.cost, cost_free = excluded.cost_free, other_areas = excluded.other_areas, place = excluded.place, \
             last_confirmed = excluded.last_confirmed, not_confirmed = excluded.not_confirmed, hours_until = excluded.hours_until, area_not_known = excluded.area_not_known, is_sample = excluded.is_sample, updated_at = excluded.updated_at",
        )
        .bind(s.id.as_str()).bind($organisation_id).bind(&s.name).bind(&s.description).bind(s.status.code())
        .bind(s.url.as_deref()).bind(s.email.as_deref()).bind(self_referral).bind(&referral)
        .bind(join(&s.audiences, Audience::code)).bind(join(&s.stages, Stage::code))
        .bind(join(&s.modes, Mode::code)).bind(join(&s.topics, Topic::code)).bind(s.crisis)
        .bind(&hours).bind(&s.hours_note).bind(s.languages.join(",")).bind(&s.eligibility)
        .bind(match &s.cost { village_core::directory::ServiceCost::Described(words) => Some(words.as_str()), _ => None })
        .bind(place.as_deref()).bind(s.last_confirmed.unwrap_or_else(|| $now.date_naive())).bind(s.is_sample).bind($now)
        .bind(s.cost == village_core::directory::ServiceCost::Free)
        .bind(serde_json::to_string(&s.other_areas).unwrap_or_else(|_| "[]".to_owned()))
        .bind(s.last_confirmed.is_none())
        .bind(s.hours_until)
        .bind(s.area_not_known)
        .execute(&mut *$tx)
        .await?;
        sqlx::query("DELETE FROM service_phones WHERE service_id = $1").bind(s.id.as_str()).execute(&mut *$tx).await?;
        sqlx::query("DELETE FROM service_areas WHERE service_id = $1").bind(s.id.as_str()).execute(&mut *$tx).await?;
        for (position, phone) in s.phones.iter().enumerate() {
            sqlx::query(
                "INSERT INTO service_phones (service_id, position, number, label, can_call, can_text) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(s.id.as_str()).bind(i32::try_from(position).unwrap_or(i32::MAX))
            .bind(phone.number.written()).bind(&phone.label).bind(phone.call).bind(phone.text)
            .execute(&mut *$tx)
            .await?;
        }
        for area in &s.areas {
            sqlx::query("INSERT INTO service_areas (service_id, area_id) VALUES ($1, $2)")
                .bind(s.id.as_str()).bind(area.as_str())
                .execute(&mut *$tx)
                .await?;
        }
    }};
}

impl Store {
    /// Every service, each with its phones and areas.
    pub async fn services(&self) -> Result<Vec<Service>, StoreError> {
        let rows: Vec<ServiceRow> = self.json_rows::<_, String>(&SERVICES).await?;
        let mut parts = self.service_parts().await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let (phones, areas) = parts.take(&row.id);
                service_of(row, phones, areas)
            })
            .collect())
    }

    /// Every service, for a read that knows the last one's services by the
    /// print of their row (see [`Store::json_rows_known`]): a service
    /// whose row, phones and areas are unchanged is the last read's,
    /// shared; the others are new (to be made ready for searching). Each
    /// comes with its row's print.
    pub(crate) async fn services_known(
        &self,
        known: Arc<Known<Arc<Indexed>>>,
    ) -> Result<Vec<(Print, Fresh<Service, Arc<Indexed>>)>, StoreError> {
        let mut parts = self.service_parts().await?;
        let mut services = Vec::new();
        self.json_rows_known::<ServiceRow, Arc<Indexed>, String>(&SERVICES, known, |print, row| {
            let made = match row {
                Fresh::Same(same) => {
                    let (phones, areas) = parts.take(same.service.id.as_str());
                    if same.service.phones == phones && same.service.areas == areas {
                        Some(Fresh::Same(same))
                    } else {
                        // Only its phones or areas changed: its row's fields stay.
                        Some(Fresh::New(Service {
                            phones,
                            areas,
                            ..same.service.clone()
                        }))
                    }
                }
                Fresh::New(row) => {
                    let (phones, areas) = parts.take(&row.id);
                    service_of(row, phones, areas).map(Fresh::New)
                }
            };
            if let Some(made) = made {
                services.push((print, made));
            }
        })
        .await?;
        Ok(services)
    }

    /// Every service's phones and areas, by the service's id.
    async fn service_parts(&self) -> Result<PartsById, StoreError> {
        let phones = on_pool!(self, pool => sqlx::query_as::<_, PhoneRow>(
            "SELECT service_id, number, label, can_call, can_text FROM service_phones ORDER BY service_id, position",
        )
        .fetch_all(pool)
        .await)?;
        let areas = on_pool!(self, pool => sqlx::query_as::<_, AreaRow>(
            "SELECT service_id, area_id FROM service_areas ORDER BY service_id, area_id",
        )
        .fetch_all(pool)
        .await)?;
        let mut phones_of: HashMap<String, Vec<ServicePhone>> = HashMap::new();
        for p in phones {
            if let Ok(number) = PhoneNumber::parse(&p.number) {
                phones_of
                    .entry(p.service_id)
                    .or_default()
                    .push(ServicePhone {
                        number,
                        label: p.label,
                        call: p.can_call,
                        text: p.can_text,
                    });
            }
        }
        let mut areas_of: HashMap<String, Vec<AreaId>> = HashMap::new();
        for a in areas {
            if let Ok(area) = AreaId::parse(&a.area_id) {
                areas_of.entry(a.service_id).or_default().push(area);
            }
        }
        Ok(PartsById {
            phones: phones_of,
            areas: areas_of,
        })
    }

    /// Adds a service or replaces the one with the same id (its phones and
    /// areas too), in one transaction, for `organisation_id`.
    pub async fn put_service(&self, organisation_id: &str, s: &Service) -> Result<(), StoreError> {
        let now = Utc::now();
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            write_service!(tx, organisation_id, s, now);
            tx.commit().await?;
            Ok::<(), StoreError>(())
        })?;
        self.published_changed();
        Ok(())
    }

    /// Every service with the id of the organisation that runs it, for an
    /// export.
    pub async fn service_records(&self) -> Result<Vec<Record>, StoreError> {
        let owners: HashMap<String, String> =
            on_pool!(self, pool => sqlx::query_as::<_, (String, String)>(
            "SELECT id, organisation_id FROM services",
        )
        .fetch_all(pool)
        .await)?
            .into_iter()
            .collect();
        let organisations = self.organisation_details().await?;
        Ok(self
            .services()
            .await?
            .into_iter()
            .filter_map(|service| {
                let organisation_id = owners.get(service.id.as_str())?.clone();
                Some(Record {
                    organisation: organisations.get(&organisation_id).cloned(),
                    organisation_id,
                    service,
                })
            })
            .collect())
    }

    /// Adds or updates every record's organisation (when the record gives
    /// its details), service and group (with its venue), all in one
    /// transaction: all or nothing.
    pub async fn import_file(
        &self,
        contents: &Contents,
        existing: Existing,
    ) -> Result<(), StoreError> {
        let now = Utc::now();
        let organisations = contents
            .services
            .iter()
            .map(|r| (&r.organisation_id, &r.organisation, r.service.is_sample))
            .chain(
                contents
                    .groups
                    .iter()
                    .map(|r| (&r.organisation_id, &r.organisation, r.group.is_sample)),
            );
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            for (id, details, is_sample) in organisations.clone() {
                if let Some(details) = details {
                    let sql = match existing {
                        Existing::Update => "INSERT INTO organisations (id, name, description, website, is_sample, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
                         description = excluded.description, website = excluded.website, updated_at = excluded.updated_at",
                        Existing::Keep => "INSERT INTO organisations (id, name, description, website, is_sample, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (id) DO NOTHING",
                    };
                    sqlx::query(sql)
                    .bind(id).bind(details.name()).bind(details.description())
                    .bind(details.website()).bind(is_sample).bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            for record in &contents.services {
                write_service!(tx, record.organisation_id.as_str(), &record.service, now);
            }
            for record in &contents.groups {
                tx = crate::calendar::db::import_group!(tx, record, now, existing);
            }
            tx.commit().await?;
            Ok::<(), StoreError>(())
        })?;
        self.published_changed();
        Ok(())
    }
}

/// Organisers' and admins' changes to services, each with its audit entry in
/// the same transaction (see `storage::audit`).
mod audited {
    use chrono::{NaiveDate, Utc};
    use village_core::directory::{
        edit::{NeedsApproval, ServiceEdit},
        Referral, ServiceId,
    };

    use crate::storage::{
        audit::{audit, audited_write, propose},
        write_once::Author,
        Store, StoreError,
    };

    /// Writes a service's description, referral, hours note and website inside
    /// transaction `$tx`.
    macro_rules! write_service_details {
    ($tx:ident, $id:expr, $description:expr, $referral:expr, $hours_note:expr, $url:expr, $now:expr) => {{
        let (self_referral, referral) = match $referral {
            ::village_core::directory::Referral::Yourself { steps } => (true, steps.join("\n")),
            ::village_core::directory::Referral::ReferredBy { who } => (false, who.clone()),
        };
        sqlx::query(
            "UPDATE services SET description = $1, self_referral = $2, referral = $3, hours_note = $4, url = $5, updated_at = $6 WHERE id = $7",
        )
        .bind($description).bind(self_referral).bind(&referral).bind($hours_note)
        .bind($url).bind($now).bind($id)
        .execute(&mut *$tx)
        .await?;
    }};
}

    /// Replaces a service's phones inside transaction `$tx`.
    macro_rules! write_phones {
    ($tx:ident, $id:expr, $phones:expr) => {{
        let phones: &[::village_core::directory::ServicePhone] = $phones;
        sqlx::query("DELETE FROM service_phones WHERE service_id = $1")
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        for (position, phone) in phones.iter().enumerate() {
            sqlx::query(
                "INSERT INTO service_phones (service_id, position, number, label, can_call, can_text) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind($id)
            .bind(i32::try_from(position).unwrap_or(i32::MAX))
            .bind(phone.number.written())
            .bind(&phone.label)
            .bind(phone.call)
            .bind(phone.text)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

    pub(crate) use {write_phones, write_service_details};

    impl Store {
        /// "Still accurate": the service was confirmed on `day`. Returns the
        /// day it was confirmed before, or `None` when there is no such service.
        pub async fn confirm_service(
            &self,
            id: &ServiceId,
            day: NaiveDate,
            by: &Author,
        ) -> Result<Option<NaiveDate>, StoreError> {
            self.confirm(
                crate::organisers::db::Confirmed::Service,
                id.as_str(),
                day,
                by,
            )
            .await
        }

        /// Saves an edit to a service in one transaction: what anyone may change
        /// at once; phones and the crisis flag at once only for an admin, and
        /// otherwise as changes waiting for one.
        pub async fn edit_service(
            &self,
            id: &ServiceId,
            edit: &ServiceEdit,
            waits: &NeedsApproval,
            by: &Author,
        ) -> Result<(), StoreError> {
            let now = Utc::now();
            let (self_referral, referral) = match &edit.referral {
                Referral::Yourself { steps } => (true, steps.join("\n")),
                Referral::ReferredBy { who } => (false, who.clone()),
            };
            let after = serde_json::json!({
                "description": edit.description,
                "referral": referral,
                "self_referral": self_referral,
                "hours_note": edit.hours_note,
                "url": edit.url,
            })
            .to_string();
            let phones = waits
                .phones
                .as_ref()
                .map(|p| serde_json::to_string(p).unwrap_or_default());
            let crisis = waits.crisis.map(|c| c.to_string());
            audited_write!(self, by, |tx| {
                let before: Option<(String, bool, String, String, Option<String>)> = sqlx::query_as(
                "SELECT description, self_referral, referral, hours_note, url FROM services WHERE id = $1",
            )
            .bind(id.as_str())
            .fetch_optional(&mut *tx)
            .await?;
                let before = before.map(|(description, self_referral, referral, hours_note, url)| {
                serde_json::json!({ "description": description, "referral": referral, "self_referral": self_referral, "hours_note": hours_note, "url": url }).to_string()
            });
                // Words that can send someone somewhere wait for an admin,
                // unless an admin wrote them.
                let details_wait = waits.details.is_some() && !by.user.is_admin();
                if !details_wait {
                    write_service_details!(
                        tx,
                        id.as_str(),
                        &edit.description,
                        &edit.referral,
                        &edit.hours_note,
                        edit.url.as_deref(),
                        now
                    );
                }
                audit!(
                    tx,
                    by,
                    "edited",
                    "service",
                    id.as_str(),
                    before,
                    Some(after)
                );
                if by.user.is_admin() {
                    if let Some(new) = &waits.phones {
                        write_phones!(tx, id.as_str(), new);
                        audit!(
                            tx,
                            by,
                            "changed the phones",
                            "service",
                            id.as_str(),
                            None::<String>,
                            phones.clone()
                        );
                    }
                    if let Some(new) = waits.crisis {
                        sqlx::query("UPDATE services SET crisis = $1 WHERE id = $2")
                            .bind(new)
                            .bind(id.as_str())
                            .execute(&mut *tx)
                            .await?;
                        audit!(
                            tx,
                            by,
                            "changed the crisis flag",
                            "service",
                            id.as_str(),
                            None::<String>,
                            crisis.clone()
                        );
                    }
                } else {
                    if let Some(value) = &phones {
                        propose!(tx, by, "service", id.as_str(), "phones", value, now);
                    }
                    if let Some(value) = &crisis {
                        propose!(tx, by, "service", id.as_str(), "crisis", value, now);
                    }
                    if let Some(details) = &waits.details {
                        let value = serde_json::to_string(details).unwrap_or_default();
                        propose!(tx, by, "service", id.as_str(), "details", &value, now);
                    }
                }
            });
            Ok(())
        }
    }
}

pub(crate) use audited::{write_phones, write_service_details};

/// Every service's phones and areas, by the service's id, each taken once
/// by the service's row.
struct PartsById {
    phones: HashMap<String, Vec<ServicePhone>>,
    areas: HashMap<String, Vec<AreaId>>,
}

impl PartsById {
    /// A service's phones and areas (none when it has none).
    fn take(&mut self, id: &str) -> (Vec<ServicePhone>, Vec<AreaId>) {
        (
            self.phones.remove(id).unwrap_or_default(),
            self.areas.remove(id).unwrap_or_default(),
        )
    }
}

/// A service from its stored row, phones and areas; `None` (with a log
/// line) when its id is one Village cannot use.
fn service_of(row: ServiceRow, phones: Vec<ServicePhone>, areas: Vec<AreaId>) -> Option<Service> {
    let Ok(id) = ServiceId::parse(&row.id) else {
        tracing::warn!(id = %row.id, "a stored service has an id Village cannot use; skipped");
        return None;
    };
    let lines = |text: &str| {
        text.lines()
            .map(str::to_owned)
            .filter(|l| !l.trim().is_empty())
            .collect()
    };
    Some(Service {
        phones,
        areas,
        other_areas: serde_json::from_str(&row.other_areas).unwrap_or_default(),
        id,
        name: row.name,
        organisation: row.organisation_name,
        description: row.description,
        status: Status::from_code(&row.status).unwrap_or(Status::Inactive),
        url: row.url,
        email: row.email,
        referral: if row.self_referral {
            Referral::Yourself {
                steps: lines(&row.referral),
            }
        } else {
            Referral::ReferredBy { who: row.referral }
        },
        audiences: codes(&row.audiences, Audience::from_code),
        stages: codes(&row.stages, Stage::from_code),
        modes: codes(&row.modes, Mode::from_code),
        topics: codes(&row.topics, Topic::from_code),
        crisis: row.crisis,
        hours: serde_json::from_str(&row.hours).unwrap_or(Hours::Unknown),
        hours_note: row.hours_note,
        hours_until: row.hours_until,
        area_not_known: row.area_not_known,
        languages: row
            .languages
            .split(',')
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
        eligibility: row.eligibility,
        cost: match (row.cost_free, row.cost) {
            (true, _) => ServiceCost::Free,
            (false, Some(words)) => ServiceCost::described(&words),
            (false, None) => ServiceCost::NotKnown,
        },
        place: row
            .place
            .as_deref()
            .and_then(|p| serde_json::from_str::<Place>(p).ok()),
        last_confirmed: (!row.not_confirmed).then_some(row.last_confirmed),
        is_sample: row.is_sample,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::json_rows::columns_fill;

    #[test]
    fn the_read_fills_the_service_row_in_order() {
        assert!(columns_fill::<ServiceRow>(SERVICE_COLUMNS));
    }
}
