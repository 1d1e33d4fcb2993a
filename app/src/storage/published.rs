//! Everything the public pages show, read together and shared by every
//! request (see [`super::snapshot`]). Writes through the [`Store`] mark it
//! stale, so this server shows a change at once.

use chrono::NaiveDate;
use std::{
    collections::HashMap,
    sync::{Arc, LazyLock, Mutex, PoisonError},
};
use village_core::{
    calendar::{BankHoliday, Group, GroupId, TermCalendar},
    directory::{Indexed, Service, ServiceId},
    AreaId, Nation,
};

use super::{Store, StoreError};
use crate::calendar::{view::WeekView, Area};

/// The most worked-out weeks one snapshot keeps.
const MAX_KEPT_WEEKS: usize = 512;

/// What a worked-out week depends on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WeekKey {
    pub area: AreaId,
    pub today: NaiveDate,
    pub from: NaiveDate,
    pub filters: village_core::calendar::Filters,
}

#[derive(Debug, Default)]
pub struct Published {
    /// By name.
    pub areas: Vec<Area>,
    terms: HashMap<AreaId, TermCalendar>,
    /// Every group, by title.
    groups: Vec<Arc<Group>>,
    national: TermCalendar,
    /// Every service, ready for searching, by name.
    services: Vec<Indexed>,
    /// Weeks already worked out from this snapshot.
    weeks: Mutex<HashMap<WeekKey, Arc<WeekView>>>,
}

static NO_TERMS: LazyLock<TermCalendar> = LazyLock::new(TermCalendar::default);

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

    /// The calendar of national and online groups: no term dates (none
    /// applies to everyone), and England's bank holidays, as the areas Village
    /// knows in England record them.
    /// Every group, by title.
    pub fn groups(&self) -> &[Arc<Group>] {
        &self.groups
    }

    pub fn national_terms(&self) -> &TermCalendar {
        &self.national
    }

    pub fn cached_week(&self, key: &WeekKey) -> Option<Arc<WeekView>> {
        let weeks = self.weeks.lock().unwrap_or_else(PoisonError::into_inner);
        weeks.get(key).cloned()
    }

    /// Keeps a worked-out week; when full, starts again (weeks are cheap to redo).
    pub fn keep_week(&self, key: WeekKey, view: Arc<WeekView>) {
        let mut weeks = self.weeks.lock().unwrap_or_else(PoisonError::into_inner);
        if weeks.len() >= MAX_KEPT_WEEKS {
            weeks.clear();
        }
        weeks.insert(key, view);
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
        self.services.iter().filter(move |s| match area {
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
            .get_or_read(|| async {
                let areas = self.areas().await?;
                let terms = self.term_calendars().await?;
                let national = national_calendar(&areas, &terms);
                let mut groups = self.groups().await?;
                // Sorted here, not in SQL, so both databases give the same order.
                groups.sort_by(|a, b| (&a.title, &a.id).cmp(&(&b.title, &b.id)));
                let mut services = self.services().await?;
                services.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
                Ok(Published {
                    areas,
                    terms,
                    groups: groups.into_iter().map(Arc::new).collect(),
                    national,
                    services: services.into_iter().map(Indexed::new).collect(),
                    weeks: Mutex::default(),
                })
            })
            .await
    }

    /// Called by every write to published data.
    pub(crate) fn published_changed(&self) {
        self.published.invalidate();
    }
}
