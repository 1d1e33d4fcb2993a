//! What the home page shows, worked out on the server from the week plan:
//! plain, display-ready values, so the page itself only lays them out.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use village_core::calendar::Filters;

use super::Area;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub group_id: String,
    pub title: String,
    /// "10:00"
    pub starts: String,
    pub ends: String,
    pub where_label: String,
    pub from_home: bool,
    pub badges: Vec<String>,
    pub cancelled: Option<String>,
    pub moved_from: Option<NaiveDate>,
    pub extra: bool,
    pub is_sample: bool,
    /// "Not confirmed since …" when nobody has confirmed the group lately.
    pub freshness: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayView {
    pub date: NaiveDate,
    pub is_today: bool,
    pub in_break: Option<String>,
    pub bank_holiday: Option<String>,
    pub sessions: Vec<SessionView>,
    pub nothing_in_person: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLine {
    pub group_id: String,
    pub title: String,
    /// Where, or why it is paused.
    pub detail: String,
    /// For paused groups: the first session after the break, if known.
    pub resumes: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakLine {
    pub name: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Groups pausing for this break.
    pub groups: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekView {
    pub area: Area,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub today: NaiveDate,
    pub filters: Filters,
    pub filter_problems: Vec<String>,
    pub breaks: Vec<BreakLine>,
    pub paused: Vec<GroupLine>,
    pub still_running: Vec<GroupLine>,
    pub term_dates_unknown: Vec<GroupLine>,
    /// Whether any day has a session (after filters).
    pub any_sessions: bool,
    /// The week's body, already rendered: the same for everyone who sees
    /// this week, so it is rendered once per published snapshot (see `WeekCache`).
    pub html: String,
}

/// The home page: a week for the chosen area, or the list of areas to choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HomeView {
    Week(Box<WeekView>),
    ChooseArea {
        areas: Vec<Area>,
        problem: Option<String>,
    },
}

impl WeekView {
    /// The query for another week with the same filters.
    pub fn week_href(&self, from: NaiveDate) -> String {
        let filters = self.filters.to_query();
        let mut href = format!("/?area={}&week={from}", self.area.id);
        if !filters.is_empty() {
            href.push('&');
            href.push_str(&filters);
        }
        href
    }
}

#[cfg(feature = "ssr")]
pub use build::{
    home, parse_cookies, reads_parameter, where_label, AREA_COOKIE, FILTERS_COOKIE, FILTER_KEYS,
};

#[cfg(feature = "ssr")]
mod build {
    use chrono::NaiveDate;
    use http::HeaderValue;
    use std::{
        collections::HashMap,
        sync::{Arc, Mutex, PoisonError},
    };
    use village_core::{
        calendar::{plan, Attendance, DateWindow, Filters, Group, Kind, PauseReason, Status},
        AreaId,
    };

    use super::{BreakLine, DayView, GroupLine, HomeView, SessionView, WeekView};
    use crate::{
        calendar::{text, Area},
        errors::AppError,
        storage::Published,
    };

    /// The most worked-out weeks one published copy keeps.
    const MAX_KEPT_WEEKS: usize = 512;

    /// What a worked-out week depends on, besides the published copy.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    struct WeekKey {
        area: AreaId,
        today: NaiveDate,
        from: NaiveDate,
        filters: Filters,
    }

    /// The weeks already worked out (and rendered) from one published copy,
    /// kept with it (`Published::derived`), so a change to the data is never
    /// answered with a week worked out before it.
    #[derive(Default)]
    struct WeekCache(Mutex<HashMap<WeekKey, Arc<WeekView>>>);

    impl WeekCache {
        fn get(&self, key: &WeekKey) -> Option<Arc<WeekView>> {
            let weeks = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            weeks.get(key).cloned()
        }

        /// Keeps a worked-out week; when full, starts again (weeks are cheap
        /// to redo).
        fn keep(&self, key: WeekKey, view: Arc<WeekView>) {
            let mut weeks = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            if weeks.len() >= MAX_KEPT_WEEKS {
                weeks.clear();
            }
            weeks.insert(key, view);
        }
    }

    /// The cookie that remembers the chosen area (first party, a year).
    pub const AREA_COOKIE: &str = "village_area";
    /// The cookie that remembers the filters.
    pub const FILTERS_COOKIE: &str = "village_filters";
    /// The query parameters that set a filter.
    pub const FILTER_KEYS: [&str; 8] = [
        "when",
        "mode",
        "babies",
        "toddlers",
        "mental_health",
        "free",
        "drop_in",
        "town",
    ];
    /// Every query parameter This week reads (`filters=none` clears them).
    pub fn reads_parameter(name: &str) -> bool {
        matches!(name, "area" | "week" | "filters") || FILTER_KEYS.contains(&name)
    }
    const YEAR_SECONDS: u32 = 31_536_000;
    /// The furthest a week link may reach, either way.
    const MAX_WEEKS_AWAY: i64 = 60;

    /// Works out the home page for a request's query and cookies.
    pub fn home(
        published: &Published,
        today: NaiveDate,
        query: &[(String, String)],
        cookies: &[(String, String)],
        secure: bool,
    ) -> Result<(HomeView, Vec<HeaderValue>), AppError> {
        let get = |key: &str| {
            query
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let cookie = |key: &str| {
            cookies
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let mut set_cookies = Vec::new();

        let (raw_area, from_query) = match get("area") {
            Some(raw) => (Some(raw), true),
            None => (cookie(AREA_COOKIE), false),
        };
        let choose = |problem: Option<String>| HomeView::ChooseArea {
            areas: published.areas.clone(),
            problem,
        };
        let Some(raw_area) = raw_area.filter(|raw| !raw.is_empty()) else {
            return Ok((choose(None), set_cookies));
        };
        let area = match AreaId::parse(raw_area) {
            Ok(id) => published.area(&id).cloned(),
            Err(_) => None,
        };
        let Some(area) = area else {
            // A stale cookie is simply forgotten; a bad link is explained.
            let problem = from_query.then(|| text::AREA_NOT_FOUND.to_owned());
            return Ok((choose(problem), set_cookies));
        };
        if from_query {
            set_cookies.extend(cookie_header(AREA_COOKIE, area.id.as_str(), secure));
        }

        let has_filters = query.iter().any(|(k, _)| FILTER_KEYS.contains(&k.as_str()));
        let (filters, filter_problems) = if get("filters") == Some("none") {
            set_cookies.extend(cookie_header(FILTERS_COOKIE, "", secure));
            (Filters::default(), Vec::new())
        } else if has_filters {
            let (filters, problems) =
                Filters::from_query(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            set_cookies.extend(cookie_header(FILTERS_COOKIE, &filters.to_query(), secure));
            (filters, problems)
        } else {
            let saved = cookie(FILTERS_COOKIE).unwrap_or_default();
            let pairs: Vec<(String, String)> =
                serde_urlencoded::from_str(saved).unwrap_or_default();
            let (filters, _) =
                Filters::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            (filters, Vec::new())
        };

        let from = match get("week") {
            None | Some("") => today,
            Some(raw) => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .ok()
                .filter(|d| (*d - today).num_weeks().abs() <= MAX_WEEKS_AWAY)
                .ok_or_else(|| AppError::BadRequest(text::BAD_WEEK.to_owned()))?,
        };
        let key = WeekKey {
            area: area.id.clone(),
            today,
            from,
            filters: filters.clone(),
        };
        let weeks = published.derived::<WeekCache>();
        let shared = match weeks.get(&key) {
            Some(view) => view,
            None => {
                let view = Arc::new(week_view(published, area, today, from, filters)?);
                weeks.keep(key, Arc::clone(&view));
                view
            }
        };
        let mut view = WeekView::clone(&shared);
        view.filter_problems = filter_problems;
        Ok((HomeView::Week(Box::new(view)), set_cookies))
    }

    /// The week itself: the same for everyone with the same area, day,
    /// week and filters, so it is worked out once per published snapshot.
    fn week_view(
        published: &Published,
        area: Area,
        today: NaiveDate,
        from: NaiveDate,
        filters: Filters,
    ) -> Result<WeekView, AppError> {
        let window = DateWindow::days(from, 7)
            .map_err(|_| AppError::BadRequest(text::BAD_WEEK.to_owned()))?;
        let groups = published.groups_for(&area.id);
        let terms = published.terms(&area.id);
        let planned = plan(&groups, terms, window, &filters, today);

        let line = |index: usize, detail: String, resumes: Option<NaiveDate>| {
            groups.get(index).map(|g| GroupLine {
                group_id: g.id.to_string(),
                title: g.title.clone(),
                detail,
                resumes,
            })
        };
        let paused = planned
            .paused
            .iter()
            .filter_map(|p| {
                let why = match &p.reason {
                    PauseReason::Break { name } | PauseReason::BankHoliday { name } => name.clone(),
                };
                line(p.group, why, p.resumes)
            })
            .collect();
        let still_running = planned
            .still_running
            .iter()
            .filter_map(|&i| {
                line(
                    i,
                    groups.get(i).map(|g| where_label(g)).unwrap_or_default(),
                    None,
                )
            })
            .collect();
        let term_dates_unknown = planned
            .term_dates_unknown
            .iter()
            .filter_map(|&i| line(i, text::TERM_DATES_UNKNOWN.to_owned(), None))
            .collect();
        let days: Vec<DayView> = planned
            .days
            .iter()
            .map(|day| DayView {
                date: day.date,
                is_today: day.date == today,
                in_break: day.in_break.clone(),
                bank_holiday: day.bank_holiday.clone(),
                nothing_in_person: day.nothing_in_person(&groups),
                sessions: day
                    .sessions
                    .iter()
                    .filter_map(|s| {
                        groups
                            .get(s.group)
                            .map(|g| session_view(g, &s.occurrence, today))
                    })
                    .collect(),
            })
            .collect();
        let view = WeekView {
            to: planned.last_day(),
            breaks: planned
                .breaks
                .iter()
                .map(|b| BreakLine {
                    name: b.name.clone(),
                    first: b.dates.first(),
                    last: b.dates.last(),
                    groups: planned.groups_on(&b.name),
                })
                .collect(),
            area,
            from,
            today,
            filters,
            filter_problems: Vec::new(),
            paused,
            still_running,
            term_dates_unknown,
            any_sessions: days.iter().any(|d| !d.sessions.is_empty()),
            html: String::new(),
        };
        let html = crate::calendar::days::render_week(&view, days);
        let view = WeekView { html, ..view };
        Ok(view)
    }

    fn session_view(
        group: &Arc<Group>,
        o: &village_core::calendar::Occurrence,
        today: NaiveDate,
    ) -> SessionView {
        SessionView {
            group_id: group.id.to_string(),
            title: group.title.clone(),
            starts: o.starts.format("%H:%M").to_string(),
            ends: o.ends.format("%H:%M").to_string(),
            where_label: where_label(group),
            from_home: group.attendance != Attendance::InPerson,
            badges: group.tags(),
            cancelled: match &o.status {
                Status::Cancelled { reason } => Some(reason.clone()),
                _ => None,
            },
            moved_from: match o.kind {
                Kind::Moved { from } => Some(from),
                _ => None,
            },
            extra: o.kind == Kind::Extra,
            is_sample: group.is_sample,
            freshness: group.freshness(today).note(),
        }
    }

    pub fn where_label(group: &Group) -> String {
        match (&group.venue, group.attendance) {
            (Some(venue), _) => format!("{}, {}", venue.name, venue.town),
            (None, Attendance::Phone) => text::BY_PHONE.to_owned(),
            (None, _) => text::ONLINE.to_owned(),
        }
    }

    /// A first-party cookie for a year (or cleared when `value` is empty).
    fn cookie_header(name: &str, value: &str, secure: bool) -> Option<HeaderValue> {
        let max_age = if value.is_empty() { 0 } else { YEAR_SECONDS };
        let secure = if secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{name}={value}; Path=/; Max-Age={max_age}; SameSite=Lax; HttpOnly{secure}"
        ))
        .ok()
    }

    /// Name and value pairs of a `Cookie` header.
    pub fn parse_cookies(header: Option<&HeaderValue>) -> Vec<(String, String)> {
        header
            .and_then(|value| value.to_str().ok())
            .map(|raw| {
                raw.split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    }
}
