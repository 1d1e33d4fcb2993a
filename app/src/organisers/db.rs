//! Server-only writes organisers make, each with its audit entry in the
//! same transaction: the change and its record land together or not at all.

use chrono::{DateTime, NaiveDate, Utc};
use village_core::{
    calendar::{Exception, GroupId},
    directory::ServiceId,
};

use super::{AuditEntry, PendingChange};
use crate::calendar::db::{write_inset_choice, write_schedules, write_terms};
use crate::storage::{
    on_pool,
    write_once::{claim, Author},
    BeginWrite, Store, StoreError,
};
use serde::{Deserialize, Serialize};
use village_core::calendar::edit::GroupEdit;
use village_core::calendar::{Booking, Contact, ContactWay, Format, RunBy};
use village_core::directory::{
    edit::{NeedsApproval, ServiceDetails, ServiceEdit},
    Referral, ServicePhone,
};
use village_core::{area::NewArea, calendar::import::ImportedTerms, AreaId};

/// Adds one audit entry inside transaction `$tx`.
macro_rules! audit {
    ($tx:ident, $by:expr, $action:expr, $kind:expr, $id:expr, $before:expr, $after:expr) => {{
        let by: &$crate::accounts::User = AsRef::<$crate::accounts::User>::as_ref($by);
        sqlx::query(
            "INSERT INTO audit_log (at, user_id, user_email, action, item_kind, item_id, before, after) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(chrono::Utc::now())
        .bind(&by.id)
        .bind(by.email.as_str())
        .bind($action)
        .bind($kind)
        .bind($id)
        .bind($before)
        .bind($after)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Writes a service's description, referral, hours note and website inside
/// transaction `$tx`.
macro_rules! write_service_details {
    ($tx:ident, $id:expr, $description:expr, $referral:expr, $hours_note:expr, $url:expr, $now:expr) => {{
        let (self_referral, referral) = match $referral {
            Referral::Yourself { steps } => (true, steps.join("\n")),
            Referral::ReferredBy { who } => (false, who.clone()),
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
        let phones: &[ServicePhone] = $phones;
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

/// Asks for one change to wait for an admin, inside transaction `$tx`.
macro_rules! propose {
    ($tx:ident, $by:expr, $kind:expr, $id:expr, $field:expr, $value:expr, $now:expr) => {{
        let by: &$crate::accounts::User = AsRef::<$crate::accounts::User>::as_ref($by);
        sqlx::query(
            "INSERT INTO pending_changes (at, user_id, user_email, item_kind, item_id, field, value) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind($now)
        .bind(&by.id)
        .bind(by.email.as_str())
        .bind($kind)
        .bind($id)
        .bind($field)
        .bind($value)
        .execute(&mut *$tx)
        .await?;
        $crate::organisers::db::audit!($tx, by, "asked for approval", $kind, $id, None::<String>, Some(format!("{{\"{}\":{}}}", $field, $value)));
    }};
}

pub(crate) use {audit, propose};

/// Sets a group's contact inside transaction `$tx`.
macro_rules! write_contact {
    ($tx:ident, $id:expr, $contact:expr) => {{
        let contact: &Option<Contact> = $contact;
        sqlx::query(
            "UPDATE peer_groups SET contact_way = $1, contact = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(contact.as_ref().map(|c| c.way.code()))
        .bind(
            contact
                .as_ref()
                .map(|c| c.value.as_str())
                .unwrap_or_default(),
        )
        .bind(Utc::now())
        .bind($id)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Sets a group's joining link inside transaction `$tx`.
macro_rules! write_link {
    ($tx:ident, $id:expr, $link:expr) => {{
        let link: &JoiningLink = $link;
        sqlx::query("UPDATE peer_groups SET joining_link = $1, joining_link_public = $2, updated_at = $3 WHERE id = $4")
            .bind(link.link.as_deref())
            .bind(link.public)
            .bind(Utc::now())
            .bind($id)
            .execute(&mut *$tx)
            .await?;
    }};
}

/// A group's joining link and whether it is shown to everyone, as stored
/// and as it waits for approval.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoiningLink {
    pub link: Option<String>,
    pub public: bool,
}

/// A group's row before a change, for the audit log.
#[derive(sqlx::FromRow, Serialize)]
struct GroupBefore {
    title: String,
    description: String,
    focus: String,
    welcome_pregnant: bool,
    welcome_babies: bool,
    welcome_toddlers: bool,
    welcome_partners: bool,
    welcome_older_children: bool,
    child_age_min_months: Option<i32>,
    child_age_max_months: Option<i32>,
    attendance: String,
    venue_id: Option<String>,
    joining_details: String,
    joining_link: Option<String>,
    joining_link_public: bool,
    format: Option<String>,
    cost_kind: Option<String>,
    cost_pence: Option<i32>,
    cost_note: String,
    booking: Option<String>,
    booking_how: String,
    contact_way: Option<String>,
    contact: String,
    languages: String,
    run_by: Option<String>,
    facilitated_by: String,
    moderated: Option<bool>,
    typical_size: String,
    taking_new_members: Option<bool>,
    next_course_start: Option<NaiveDate>,
    first_visit: String,
    details_to_check: bool,
}

/// What "Still accurate" confirms.
#[derive(Clone, Copy)]
enum Confirmed {
    Service,
    Group,
}

/// One of a group's schedules before a change, for the audit log.
#[derive(sqlx::FromRow, Serialize)]
struct ScheduleBefore {
    every: String,
    interval_weeks: Option<i32>,
    week_of_month: Option<i32>,
    weekday: i32,
    starts: String,
    ends: String,
    valid_from: String,
    valid_until: Option<String>,
    term_behaviour: String,
}

/// What is stored about a group that its page does not show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupBackstage {
    pub venue_id: Option<String>,
    pub link: JoiningLink,
    /// A joining link waiting for an admin, if any.
    pub waiting: Option<JoiningLink>,
    /// A new contact waiting for an admin, if any (`Some(None)`: taking the
    /// contact away).
    pub waiting_contact: Option<Option<Contact>>,
}

impl Store {
    /// The venue and joining link of a group, and any link waiting for
    /// approval; `None` when there is no such group.
    pub async fn group_backstage(
        &self,
        id: &GroupId,
    ) -> Result<Option<GroupBackstage>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, (Option<String>, Option<String>, bool)>(
            "SELECT venue_id, joining_link, joining_link_public FROM peer_groups WHERE id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(pool)
        .await)?;
        let Some((venue_id, link, public)) = row else {
            return Ok(None);
        };
        let waiting_for = async |field: &str| {
            on_pool!(self, pool => sqlx::query_scalar::<_, String>(
                "SELECT value FROM pending_changes WHERE item_kind = 'group' AND item_id = $1 \
                 AND field = $2 AND status = 'pending' ORDER BY id DESC LIMIT 1",
            )
            .bind(id.as_str())
            .bind(field)
            .fetch_optional(pool)
            .await)
        };
        let waiting = waiting_for("joining_link").await?;
        let waiting_contact = waiting_for("contact").await?;
        Ok(Some(GroupBackstage {
            venue_id,
            link: JoiningLink { link, public },
            waiting: waiting.and_then(|v| serde_json::from_str(&v).ok()),
            waiting_contact: waiting_contact.and_then(|v| serde_json::from_str(&v).ok()),
        }))
    }

    /// Saves an organiser's change to a group: its details and times at
    /// once, its joining link at once for an admin or waiting for one
    /// otherwise, with before and after in the audit log; all or nothing.
    /// `false` when there is no such group. A venue new with this change
    /// (`new_venue`) is added first, in the same transaction.
    pub async fn update_group(
        &self,
        id: &GroupId,
        (edit, new_venue, held): (
            &GroupEdit,
            Option<&crate::venues::db::NewVenue>,
            &[(String, String)],
        ),
        today: NaiveDate,
        by: &Author,
    ) -> Result<bool, StoreError> {
        let now = Utc::now();
        let g = &edit.group;
        let after = serde_json::json!({
            "title": g.title,
            "description": g.description,
            "focus": g.focus.code(),
            "welcome": &g.welcome,
            "attendance": g.attendance.code(),
            "venue": g.venue_id,
            "joining_details": g.joining_details,
            "facts": &g.facts,
            "schedules": g.times.schedules().iter().map(crate::calendar::group_model::describe).collect::<Vec<_>>(),
        })
        .to_string();
        let link = JoiningLink {
            link: edit.joining_link.clone(),
            public: edit.link_public,
        };
        let link_json = serde_json::to_string(&link).unwrap_or_default();
        let saved = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            claim!(tx, by);
            if let Some(venue) = new_venue {
                if !crate::venues::db::add_venue_in!(tx, venue, by) {
                    return Ok(false);
                }
            }
            let before: Option<GroupBefore> = sqlx::query_as(
                "SELECT title, description, focus, welcome_pregnant, welcome_babies, welcome_toddlers, welcome_partners, \
                 welcome_older_children, child_age_min_months, child_age_max_months, attendance, venue_id, joining_details, \
                 joining_link, joining_link_public, format, cost_kind, cost_pence, cost_note, booking, booking_how, \
                 contact_way, contact, languages, run_by, facilitated_by, moderated, typical_size, taking_new_members, \
                 next_course_start, first_visit, details_to_check FROM peer_groups WHERE id = $1",
            )
            .bind(id.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let Some(before) = before else {
                return Ok(false);
            };
            let times: Vec<ScheduleBefore> = sqlx::query_as(
                "SELECT every, interval_weeks, week_of_month, weekday, CAST(starts AS TEXT) AS starts, \
                 CAST(ends AS TEXT) AS ends, CAST(valid_from AS TEXT) AS valid_from, \
                 CAST(valid_until AS TEXT) AS valid_until, term_behaviour FROM schedules WHERE group_id = $1 ORDER BY id",
            )
            .bind(id.as_str())
            .fetch_all(&mut *tx)
            .await?;
            let before_json = serde_json::json!({ "group": &before, "schedules": times }).to_string();
            let f = &g.facts;
            // A new contact is a number or address parents will use: from
            // an organiser it waits for an admin, as joining links do.
            let contact_before = before
                .contact_way
                .as_deref()
                .and_then(ContactWay::from_code)
                .and_then(|way| Contact::parse(way, &before.contact).ok());
            let contact_changed = contact_before != f.contact;
            let contact_now = if contact_changed && !by.user.is_admin() {
                &contact_before
            } else {
                &f.contact
            };
            let (age_min, age_max) = match g.welcome.child_age_months {
                Some((min, max)) => (Some(i32::from(min)), Some(i32::from(max))),
                None => (None, None),
            };
            // Saving the whole form is checking every detail: the mark goes.
            sqlx::query(
                "UPDATE peer_groups SET title = $1, description = $2, focus = $3, welcome_pregnant = $4, welcome_babies = $5, \
                 welcome_toddlers = $6, welcome_partners = $7, attendance = $8, venue_id = $9, joining_details = $10, \
                 last_confirmed = $11, updated_at = $12, welcome_older_children = $14, child_age_min_months = $15, \
                 child_age_max_months = $16, format = $17, cost_kind = $18, cost_pence = $19, cost_note = $20, \
                 booking = $21, booking_how = $22, contact_way = $23, contact = $24, languages = $25, run_by = $26, \
                 facilitated_by = $27, moderated = $28, typical_size = $29, taking_new_members = $30, \
                 next_course_start = $31, first_visit = $32, details_to_check = $33 WHERE id = $13",
            )
            .bind(&g.title).bind(&g.description).bind(g.focus.code())
            .bind(g.welcome.pregnant).bind(g.welcome.babies).bind(g.welcome.toddlers).bind(g.welcome.partners)
            .bind(g.attendance.code()).bind(g.venue_id.as_deref()).bind(&g.joining_details)
            .bind(today).bind(now).bind(id.as_str())
            .bind(g.welcome.older_children).bind(age_min).bind(age_max)
            .bind(f.format.map(Format::code)).bind(f.cost.code())
            .bind(f.cost.pence().map(|p| i32::try_from(p).unwrap_or(i32::MAX))).bind(&f.cost_note)
            .bind(f.booking.map(Booking::code)).bind(&f.booking_how)
            .bind(contact_now.as_ref().map(|c| c.way.code()))
            .bind(contact_now.as_ref().map(|c| c.value.as_str()).unwrap_or_default())
            .bind(f.languages.join(", ")).bind(f.run_by.map(RunBy::code)).bind(&f.facilitated_by)
            .bind(f.moderated).bind(&f.typical_size).bind(f.taking_new_members).bind(f.next_course_start)
            .bind(&f.first_visit).bind(false)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM schedules WHERE group_id = $1")
                .bind(id.as_str())
                .execute(&mut *tx)
                .await?;
            write_schedules!(tx, id, g.times.schedules());
            audit!(tx, by, "edited", "group", id.as_str(), Some(before_json), Some(after.clone()));
            let link_changed = (before.joining_link.as_deref(), before.joining_link_public) != (link.link.as_deref(), link.public);
            if link_changed && by.user.is_admin() {
                write_link!(tx, id.as_str(), &link);
                let before_link = serde_json::json!({ "link": before.joining_link, "public": before.joining_link_public }).to_string();
                audit!(tx, by, "changed the joining link", "group", id.as_str(), Some(before_link), Some(link_json.clone()));
            } else if link_changed {
                propose!(tx, by, "group", id.as_str(), "joining_link", &link_json, now);
            }
            if contact_changed && !by.user.is_admin() {
                let contact_json = serde_json::to_string(&f.contact).unwrap_or_default();
                propose!(tx, by, "group", id.as_str(), "contact", &contact_json, now);
            }
            if !held.is_empty() {
                let texts = serde_json::to_string(held).unwrap_or_default();
                propose!(tx, by, "group", id.as_str(), "texts", &texts, now);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(true)
        })?;
        self.published_changed();
        Ok(saved)
    }

    /// "Still accurate": the service was confirmed on `day`. Returns the
    /// day it was confirmed before, or `None` when there is no such service.
    pub async fn confirm_service(
        &self,
        id: &ServiceId,
        day: NaiveDate,
        by: &Author,
    ) -> Result<Option<NaiveDate>, StoreError> {
        self.confirm(Confirmed::Service, id.as_str(), day, by).await
    }

    /// "Still accurate": the group was confirmed on `day`. Returns the day
    /// it was confirmed before, or `None` when there is no such group.
    pub async fn confirm_group(
        &self,
        id: &GroupId,
        day: NaiveDate,
        by: &Author,
    ) -> Result<Option<NaiveDate>, StoreError> {
        self.confirm(Confirmed::Group, id.as_str(), day, by).await
    }

    async fn confirm(
        &self,
        what: Confirmed,
        id: &str,
        day: NaiveDate,
        by: &Author,
    ) -> Result<Option<NaiveDate>, StoreError> {
        let (read, write, kind) = match what {
            Confirmed::Service => (
                "SELECT last_confirmed FROM services WHERE id = $1",
                "UPDATE services SET last_confirmed = $1, not_confirmed = FALSE, updated_at = $2 WHERE id = $3",
                "service",
            ),
            Confirmed::Group => (
                "SELECT last_confirmed FROM peer_groups WHERE id = $1",
                "UPDATE peer_groups SET last_confirmed = $1, updated_at = $2 WHERE id = $3",
                "group",
            ),
        };
        let before = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            claim!(tx, by);
            let before: Option<NaiveDate> = sqlx::query_scalar(read)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(before) = before else {
                // Nothing to confirm: dropping the transaction lets go of the key too.
                return Ok(None);
            };
            sqlx::query(write)
                .bind(day)
                .bind(Utc::now())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let before_json = serde_json::json!({ "last_confirmed": before }).to_string();
            let after_json = serde_json::json!({ "last_confirmed": day }).to_string();
            audit!(tx, by, "confirmed", kind, id, Some(before_json), Some(after_json));
            tx.commit().await?;
            Ok::<_, sqlx::Error>(Some(before))
        })?;
        self.published_changed();
        Ok(before)
    }

    /// Adds one exception to a group's dates (a cancellation or an extra
    /// session, checked by the caller), with its audit entry.
    pub async fn add_exception(
        &self,
        group: &GroupId,
        exception: &Exception,
        by: &Author,
    ) -> Result<(), StoreError> {
        let (kind, day, starts, ends, reason, action, after) = match exception {
            Exception::Cancelled { date, reason } => (
                "cancelled",
                *date,
                None,
                None,
                reason.as_str(),
                "cancelled a session",
                serde_json::json!({ "cancelled": date, "reason": reason }),
            ),
            Exception::Extra { date, starts, ends } => (
                "extra",
                *date,
                Some(*starts),
                Some(*ends),
                "",
                "added an extra session",
                serde_json::json!({ "extra": date, "starts": starts, "ends": ends }),
            ),
            Exception::Moved { .. } => return Ok(()),
        };
        let after = after.to_string();
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            claim!(tx, by);
            sqlx::query(
                "INSERT INTO group_exceptions (group_id, kind, day, starts, ends, reason) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(group.as_str())
            .bind(kind)
            .bind(day)
            .bind(starts)
            .bind(ends)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
            audit!(tx, by, action, "group", group.as_str(), None::<String>, Some(after));
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        })?;
        self.published_changed();
        Ok(())
    }

    /// The latest audit entries, newest first.
    pub async fn audit_entries(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, (DateTime<Utc>, String, String, String, String, Option<String>, Option<String>)>(
            "SELECT at, user_email, action, item_kind, item_id, before, after FROM audit_log ORDER BY id DESC LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|(at, by, action, kind, id, before, after)| AuditEntry {
                at,
                by,
                action,
                item_kind: kind,
                item_id: id,
                before,
                after,
            })
            .collect())
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
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            claim!(tx, by);
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
                write_service_details!(tx, id.as_str(), &edit.description, &edit.referral, &edit.hours_note, edit.url.as_deref(), now);
            }
            audit!(tx, by, "edited", "service", id.as_str(), before, Some(after));
            if by.user.is_admin() {
                if let Some(new) = &waits.phones {
                    write_phones!(tx, id.as_str(), new);
                    audit!(tx, by, "changed the phones", "service", id.as_str(), None::<String>, phones.clone());
                }
                if let Some(new) = waits.crisis {
                    sqlx::query("UPDATE services SET crisis = $1 WHERE id = $2").bind(new).bind(id.as_str()).execute(&mut *tx).await?;
                    audit!(tx, by, "changed the crisis flag", "service", id.as_str(), None::<String>, crisis.clone());
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
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        })?;
        self.published_changed();
        Ok(())
    }

    /// Every change waiting for an admin, oldest first.
    pub async fn pending_changes(&self) -> Result<Vec<PendingChange>, StoreError> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, (i64, DateTime<Utc>, String, String, String, String, String)>(
            "SELECT CAST(id AS BIGINT), at, user_email, item_kind, item_id, field, value FROM pending_changes \
             WHERE status = 'pending' ORDER BY id",
        )
        .fetch_all(pool)
        .await)?;
        Ok(rows
            .into_iter()
            .map(
                |(id, at, by, item_kind, item_id, field, value)| PendingChange {
                    id,
                    at,
                    by,
                    item_kind,
                    item_id,
                    field,
                    value,
                },
            )
            .collect())
    }

    /// An admin approves (the change is made) or rejects a waiting change,
    /// in one transaction; `false` when it is not waiting any more.
    pub async fn decide_change(
        &self,
        id: i64,
        approve: bool,
        by: &Author,
    ) -> Result<bool, StoreError> {
        let now = Utc::now();
        let decided = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            claim!(tx, by);
            let row: Option<(String, String, String, String)> = sqlx::query_as(
                "SELECT item_kind, item_id, field, value FROM pending_changes WHERE id = $1 AND status = 'pending'",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((item_kind, item_id, field, value)) = row else {
                return Ok(false);
            };
            if approve {
                match field.as_str() {
                    "phones" => {
                        let phones: Vec<ServicePhone> = serde_json::from_str(&value)
                            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                        write_phones!(tx, item_id.as_str(), &phones);
                    }
                    "crisis" => {
                        sqlx::query("UPDATE services SET crisis = $1 WHERE id = $2")
                            .bind(value == "true")
                            .bind(&item_id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    "joining_link" => {
                        let link: JoiningLink = serde_json::from_str(&value)
                            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                        write_link!(tx, item_id.as_str(), &link);
                    }
                    "details" => {
                        let details: ServiceDetails = serde_json::from_str(&value)
                            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                        write_service_details!(tx, item_id.as_str(), &details.description, &details.referral, &details.hours_note, details.url.as_deref(), now);
                    }
                    "texts" => {
                        let texts: Vec<(String, String)> = serde_json::from_str(&value)
                            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                        for (column, text) in &texts {
                            // Only the columns that hold free words, by name.
                            let Some(column) = village_core::calendar::edit::GROUP_TEXT_COLUMNS
                                .iter()
                                .find(|c| *c == column)
                            else {
                                continue;
                            };
                            sqlx::query(&format!("UPDATE peer_groups SET {column} = $1 WHERE id = $2"))
                                .bind(text)
                                .bind(&item_id)
                                .execute(&mut *tx)
                                .await?;
                        }
                    }
                    "contact" => {
                        let contact: Option<Contact> = serde_json::from_str(&value)
                            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                        write_contact!(tx, item_id.as_str(), &contact);
                    }
                    _ => {}
                }
            }
            let status = if approve { "approved" } else { "rejected" };
            sqlx::query("UPDATE pending_changes SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4")
                .bind(status)
                .bind(by.user.email.as_str())
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let what = field.replace('_', " ");
            let action = if approve { format!("approved a change to the {what}") } else { format!("rejected a change to the {what}") };
            audit!(tx, by, action.as_str(), item_kind.as_str(), item_id.as_str(), None::<String>, Some(value.clone()));
            tx.commit().await?;
            Ok::<_, sqlx::Error>(true)
        })?;
        self.published_changed();
        Ok(decided)
    }

    /// Adds an area an admin made, with its audit entry.
    pub async fn add_area(
        &self,
        id: &AreaId,
        area: &NewArea,
        by: &Author,
    ) -> Result<(), StoreError> {
        let now = Utc::now();
        let after =
            serde_json::json!({ "name": area.name, "nation": area.nation.code() }).to_string();
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            claim!(tx, by);
            sqlx::query("INSERT INTO areas (id, name, nation, is_sample, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(id.as_str())
                .bind(&area.name)
                .bind(area.nation.code())
                .bind(false)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            audit!(tx, by, "added", "area", id.as_str(), None::<String>, Some(after));
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        })?;
        self.published_changed();
        Ok(())
    }

    /// Replaces an area's term dates for the school years a file holds (an
    /// admin's import), adds its bank holidays and sets whether INSET days
    /// are breaks there, with its audit entry (`before`: the area's term
    /// calendar as it was): all or nothing.
    pub async fn import_terms(
        &self,
        area: &AreaId,
        (imported, inset_days_are_breaks): (&ImportedTerms, Option<bool>),
        before: &str,
        by: &Author,
    ) -> Result<(), StoreError> {
        let after = serde_json::json!({
            "school_years": imported.years.iter().map(|y| y.year.to_string()).collect::<Vec<_>>(),
            "breaks": imported.break_count(),
            "inset_days": imported.inset_day_count(),
            "bank_holidays": imported.bank_holidays.len(),
            "inset_days_are_breaks": inset_days_are_breaks,
        })
        .to_string();
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            claim!(tx, by);
            write_terms!(tx, area, &imported.years, &imported.bank_holidays);
            write_inset_choice!(tx, area, inset_days_are_breaks);
            audit!(tx, by, "imported term dates", "area", area.as_str(), Some(before), Some(after));
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        })?;
        self.published_changed();
        Ok(())
    }

    /// Changes an organisation's details, with before and after in the
    /// audit log; `false` when there is no such organisation.
    pub async fn update_organisation(
        &self,
        id: &str,
        details: &village_core::OrganisationDetails,
        publishes_nationally: bool,
        by: &Author,
    ) -> Result<bool, StoreError> {
        let now = Utc::now();
        let after = serde_json::json!({
            "name": details.name(),
            "description": details.description(),
            "website": details.website(),
            "publishes_nationally": publishes_nationally,
        })
        .to_string();
        let saved = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            claim!(tx, by);
            let before: Option<(String, String, Option<String>, bool)> = sqlx::query_as(
                "SELECT name, description, website, publishes_nationally FROM organisations WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((name, description, website, national)) = before else {
                return Ok(false);
            };
            sqlx::query("UPDATE organisations SET name = $1, description = $2, website = $3, updated_at = $4, \
                         publishes_nationally = $6 WHERE id = $5")
                .bind(details.name())
                .bind(details.description())
                .bind(details.website())
                .bind(now)
                .bind(id)
                .bind(publishes_nationally)
                .execute(&mut *tx)
                .await?;
            let before = serde_json::json!({
                "name": name, "description": description, "website": website, "publishes_nationally": national,
            })
            .to_string();
            audit!(tx, by, "edited", "organisation", id, Some(before), Some(after));
            tx.commit().await?;
            Ok::<_, sqlx::Error>(true)
        })?;
        self.published_changed();
        Ok(saved)
    }

    /// Adds an organisation an admin made, with its audit entry.
    pub async fn add_organisation(
        &self,
        id: &str,
        details: &village_core::OrganisationDetails,
        by: &Author,
    ) -> Result<(), StoreError> {
        let now = Utc::now();
        let after = serde_json::json!({
            "name": details.name(),
            "description": details.description(),
            "website": details.website(),
        })
        .to_string();
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            claim!(tx, by);
            sqlx::query(
                "INSERT INTO organisations (id, name, description, website, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .bind(id)
            .bind(details.name())
            .bind(details.description())
            .bind(details.website())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit!(tx, by, "added", "organisation", id, None::<String>, Some(after));
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        })?;
        self.published_changed();
        Ok(())
    }
}
