//! Everything the public pages show, read together and shared by every
//! request (see [`super::snapshot`]). Writes through the [`Store`] mark it
//! stale, so this server shows a change at once.

use std::{
    any::{Any, TypeId},
    collections::HashMap,
    sync::{Arc, LazyLock, Mutex, PoisonError},
};
use village_core::{
    calendar::{BankHoliday, Group, GroupId, TermCalendar},
    directory::{Indexed, Service, ServiceId},
    AreaId, Nation,
};

use super::{
    json_rows::{AbortOnDrop, Fresh, Known},
    Pool, Store, StoreError,
};
use crate::calendar::Area;

/// What a feature works out from one published copy and keeps with it (the
/// calendar's rendered weeks, say): one value per type, made on first use
/// and dropped with the copy, so it can never outlive the data it came from.
type Derived = Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>;

#[derive(Debug, Default)]
pub struct Published {
    /// By name.
    pub areas: Vec<Area>,
    terms: HashMap<AreaId, TermCalendar>,
    /// Every group, by title.
    groups: Vec<Arc<Group>>,
    national: TermCalendar,
    /// Every service, ready for searching, by name.
    services: Vec<Arc<Indexed>>,
    /// The groups and services by the print of their stored row, so the
    /// next copy shares those that have not changed without parsing them
    /// again (see [`Store::json_rows_known`]).
    group_prints: Arc<Known<Arc<Group>>>,
    service_prints: Arc<Known<Arc<Indexed>>>,
    /// What features worked out from this copy (see `derived`).
    derived: Derived,
}

static NO_TERMS: LazyLock<TermCalendar> = LazyLock::new(TermCalendar::default);

/// Called each time a copy has gone (see [`when_a_copy_goes`]).
static WHEN_A_COPY_GOES: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Has `hook` called each time a published copy has been freed, after its
/// memory is: the server asks the allocator to hand it back to the system,
/// which keeps only what it has to (a national copy is over 100 MB, and the
/// next one is read before the last goes). The first hook set stays.
pub fn when_a_copy_goes(hook: fn()) {
    let _ = WHEN_A_COPY_GOES.set(hook);
}

impl Drop for Published {
    fn drop(&mut self) {
        drop(std::mem::take(&mut self.groups));
        drop(std::mem::take(&mut self.services));
        drop(std::mem::take(&mut self.group_prints));
        drop(std::mem::take(&mut self.service_prints));
        drop(std::mem::take(&mut self.terms));
        drop(std::mem::take(&mut self.areas));
        drop(std::mem::take(&mut self.national));
        drop(std::mem::take(
            self.derived
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner),
        ));
        if let Some(hook) = WHEN_A_COPY_GOES.get() {
            hook();
        }
    }
}

impl Published {
    pub fn area(&self, id: &AreaId) -> Option<&Area> {
        self.areas.iter().find(|area| &area.id == id)
    }

    /// An area's term dates; none known is an empty calendar.
    pub fn terms(&self, id: &AreaId) -> &TermCalendar {
        self.terms.get(id).unwrap_or(&NO_TERMS)
    }

    /// The groups people in an area can go to: the area's own and every
    /// national or online group, by title.
    pub fn groups_for(&self, id: &AreaId) -> Vec<Arc<Group>> {
        self.groups
            .iter()
            .filter(|group| group.area.as_ref().is_none_or(|area| area == id))
            .cloned()
            .collect()
    }

    /// Every group, by title.
    pub fn groups(&self) -> &[Arc<Group>] {
        &self.groups
    }

    /// The calendar of national and online groups: no term dates (none
    /// applies to everyone), and England's bank holidays, as the areas Village
    /// knows in England record them.
    pub fn national_terms(&self) -> &TermCalendar {
        &self.national
    }

    /// The `T` a feature keeps with this copy, made with `T::default()` the
    /// first time it is asked for. The feature owns what `T` holds and how
    /// much; the copy only decides how long it lives.
    pub fn derived<T: Any + Default + Send + Sync>(&self) -> Arc<T> {
        let mut derived = self.derived.lock().unwrap_or_else(PoisonError::into_inner);
        let kept = derived
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(T::default()) as Arc<dyn Any + Send + Sync>)
            .clone();
        drop(derived);
        // The entry for `T` only ever holds a `T`.
        kept.downcast::<T>().unwrap_or_default()
    }

    /// The calendar that governs a group: its area's, or the national one.
    pub fn terms_of(&self, group: &Group) -> &TermCalendar {
        match &group.area {
            Some(area) => self.terms(area),
            None => self.national_terms(),
        }
    }

    pub fn group(&self, id: &GroupId) -> Option<&Arc<Group>> {
        self.groups.iter().find(|group| &group.id == id)
    }

    /// The services shown in an area (its own and national ones), or the
    /// national ones alone.
    pub fn services_for<'a>(
        &'a self,
        area: Option<&'a AreaId>,
    ) -> impl Iterator<Item = &'a Indexed> + 'a {
        self.services
            .iter()
            .map(|s| &**s)
            .filter(move |s| match area {
                Some(area) => s.service.serves(area),
                None => s.service.is_national(),
            })
    }

    pub fn service(&self, id: &ServiceId) -> Option<&Service> {
        self.services
            .iter()
            .map(|s| &s.service)
            .find(|s| &s.id == id)
    }
}

/// England's bank holidays, gathered from the English areas' term data.
fn national_calendar(areas: &[Area], terms: &HashMap<AreaId, TermCalendar>) -> TermCalendar {
    let mut holidays: Vec<BankHoliday> = areas
        .iter()
        .filter(|area| area.nation == Nation::England)
        .filter_map(|area| terms.get(&area.id))
        .flat_map(|calendar| calendar.bank_holidays())
        .map(|(date, name)| BankHoliday {
            date,
            name: name.to_owned(),
        })
        .collect();
    holidays.sort_by_key(|h| h.date);
    holidays.dedup_by_key(|h| h.date);
    TermCalendar::new(Vec::new(), holidays).unwrap_or_default()
}

impl Store {
    /// The published data, at most `max_age` old.
    pub async fn published(&self) -> Result<Arc<Published>, StoreError> {
        self.published
            .get_or_read(|last| async move {
                // What has not changed since the last copy is shared with
                // it, not read or kept twice: while this copy is read, the
                // server holds one copy and the records that changed, and
                // the last copy's memory is not left in holes when it goes.
                let mut services = AbortOnDrop(tokio::spawn({
                    let store = self.clone();
                    let known = last
                        .as_ref()
                        .map(|last| Arc::clone(&last.service_prints))
                        .unwrap_or_default();
                    // Read and parsed on another task, so on a machine with
                    // two cores they take no time of their own.
                    async move {
                        let services = store.services_known(known).await?;
                        // Indexing is all CPU: off the async threads, which
                        // serve requests from the last copy meanwhile.
                        tokio::task::spawn_blocking(move || {
                            let mut prints = Known::with_capacity(services.len());
                            let mut services: Vec<Arc<Indexed>> = services
                                .into_iter()
                                .map(|(print, service)| {
                                    let service = match service {
                                        Fresh::Same(same) => same,
                                        Fresh::New(service) => Arc::new(Indexed::new(service)),
                                    };
                                    prints.insert(print, Arc::clone(&service));
                                    service
                                })
                                .collect();
                            services.sort_by(|a, b| {
                                (&a.service.name, &a.service.id)
                                    .cmp(&(&b.service.name, &b.service.id))
                            });
                            (services, Arc::new(prints))
                        })
                        .await
                        .map_err(|_| StoreError::Interrupted)
                    }
                }));
                let areas = self.areas().await?;
                let terms = self.term_calendars().await?;
                let national = national_calendar(&areas, &terms);
                let known = last
                    .as_ref()
                    .map(|last| Arc::clone(&last.group_prints))
                    .unwrap_or_default();
                let mut groups = Vec::with_capacity(known.len());
                let mut group_prints = Known::with_capacity(known.len());
                self.groups_known(known, |print, group| {
                    group_prints.insert(print, Arc::clone(&group));
                    groups.push(group);
                })
                .await?;
                // Sorted here, not in SQL, so both databases give the same
                // order; off the async threads, like the parsing.
                let groups = tokio::task::spawn_blocking(move || {
                    groups.sort_by(|a, b| (&a.title, &a.id).cmp(&(&b.title, &b.id)));
                    groups
                })
                .await
                .map_err(|_| StoreError::Interrupted)?;
                let (services, service_prints) = (&mut services.0)
                    .await
                    .map_err(|_| StoreError::Interrupted)??;
                Ok(Published {
                    areas,
                    terms,
                    groups,
                    national,
                    services,
                    group_prints: Arc::new(group_prints),
                    service_prints,
                    derived: Mutex::default(),
                })
            })
            .await
    }

    /// Called by every write to published data.
    pub(crate) fn published_changed(&self) {
        self.published.invalidate();
    }

    /// Marks the published copy stale whenever any server behind the same
    /// PostgreSQL database changes published data, so every instance shows
    /// a write within moments instead of after [`super::DEFAULT_PUBLISHED_MAX_AGE`].
    ///
    /// The migrations give each published table a trigger that sends
    /// `NOTIFY` on [`PUBLISHED_CHANNEL`] in the writing transaction, so the
    /// notice goes out on commit and never for a write rolled back, whoever
    /// wrote (another instance, `server import`, an operator's SQL). This
    /// listens on one connection of the pool. When the connection is lost,
    /// notices sent meanwhile are lost too, so the copy is marked stale on
    /// every (re)connection; while no connection can be made, the maximum
    /// age is the safety net.
    ///
    /// Runs until the task is dropped. `listening` is told once the first
    /// connection listens, so a server can wait for that before it serves
    /// (a request served before would be served again from a new copy). On
    /// SQLite there is one server per database file, and this returns at
    /// once, dropping `listening`.
    pub async fn follow_published_changes(&self, listening: tokio::sync::oneshot::Sender<()>) {
        let Pool::Postgres(pool) = self.pool() else {
            return;
        };
        let mut listening = Some(listening);
        loop {
            match listen(pool).await {
                Ok(mut listener) => {
                    self.published_changed();
                    if let Some(listening) = listening.take() {
                        let _ = listening.send(());
                    }
                    tracing::debug!("following published changes");
                    if !self.follow(&mut listener).await {
                        return;
                    }
                }
                Err(sqlx::Error::PoolClosed) => return,
                Err(err) => {
                    tracing::warn!(error = %err, "could not follow published changes; trying again");
                    tokio::time::sleep(RETRY_FOLLOWING).await;
                }
            }
        }
    }

    /// Marks the copy stale on every notice until the connection is lost
    /// (true: listen again at once) or the pool is closed (false).
    async fn follow(&self, listener: &mut sqlx::postgres::PgListener) -> bool {
        loop {
            // A connection cut off without a word (a NAT's idle timeout, a
            // failover) would wait here for ever: after a quiet minute, ask
            // the database something. Without eager reconnection (see
            // `listen`), what the timeout can cancel is only a read, which
            // loses nothing.
            match tokio::time::timeout(QUIET_FOR, listener.try_recv()).await {
                Ok(Ok(Some(_))) => {
                    tracing::trace!("published data changed elsewhere");
                    self.published_changed();
                }
                Ok(Ok(None)) => {
                    tracing::debug!(
                        "lost the connection that follows published changes; listening again"
                    );
                    return true;
                }
                Ok(Err(sqlx::Error::PoolClosed)) => return false,
                Ok(Err(err)) => {
                    tracing::warn!(error = %err, "lost the connection that follows published changes");
                    return true;
                }
                Err(_quiet) => {
                    let asked = tokio::time::timeout(
                        PING_WAIT,
                        sqlx::query("SELECT 1").execute(&mut *listener),
                    )
                    .await;
                    if !matches!(asked, Ok(Ok(_))) {
                        tracing::warn!(
                            "the connection that follows published changes stopped answering"
                        );
                        return true;
                    }
                }
            }
        }
    }
}

/// The PostgreSQL channel the published tables' triggers notify (see
/// `server/migrations/postgres/*_published_notify.sql`).
pub const PUBLISHED_CHANNEL: &str = "village_published";

/// How long to wait before trying again when no connection could be made.
const RETRY_FOLLOWING: std::time::Duration = std::time::Duration::from_secs(1);

/// How long the followed connection may be quiet before it is checked.
const QUIET_FOR: std::time::Duration = std::time::Duration::from_secs(60);

/// How long the database may take to answer that check.
const PING_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

async fn listen(pool: &sqlx::PgPool) -> Result<sqlx::postgres::PgListener, sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
    // A lost connection is reported (`Ok(None)`), and listened on again by
    // the caller, which then marks the copy stale: never silently.
    listener.eager_reconnect(false);
    listener.listen(PUBLISHED_CHANNEL).await?;
    Ok(listener)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[derive(Default)]
    struct Worked(AtomicUsize);

    #[test]
    fn what_a_feature_keeps_lives_and_dies_with_its_copy() {
        let copy = Published::default();
        copy.derived::<Worked>().0.fetch_add(1, Ordering::Relaxed);
        assert_eq!(copy.derived::<Worked>().0.load(Ordering::Relaxed), 1);
        let next = Published::default();
        assert_eq!(next.derived::<Worked>().0.load(Ordering::Relaxed), 0);
    }

    thread_local! {
        // Per thread, so that copies other tests drop meanwhile do not count.
        static GONE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    fn count_a_copy_gone() {
        GONE.with(|gone| gone.set(gone.get() + 1));
    }

    #[test]
    fn the_hook_is_called_once_a_copy_has_gone() {
        when_a_copy_goes(count_a_copy_gone);
        let copy = Published::default();
        let shared = Arc::new(copy);
        let kept = Arc::clone(&shared);
        let before = GONE.with(std::cell::Cell::get);
        drop(shared);
        assert_eq!(GONE.with(std::cell::Cell::get), before, "still held");
        drop(kept);
        assert_eq!(GONE.with(std::cell::Cell::get), before + 1);
    }
}
