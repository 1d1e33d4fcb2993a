//! The filters on "This week": kept in the URL query so a filtered week can
//! be shared, and checked so odd input is named rather than obeyed.

use chrono::{Datelike, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::{
    expand::Occurrence,
    group::{Attendance, Booking, Focus, Group},
};

/// Part of the day or week a session falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    Morning,
    Afternoon,
    /// From 5pm, for parents who work in the day.
    Evening,
    Weekend,
}

coded!(When {
    Morning => "morning",
    Afternoon => "afternoon",
    Evening => "evening",
    Weekend => "weekend",
});

impl When {
    fn includes(self, occurrence: &Occurrence) -> bool {
        let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN);
        let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(NaiveTime::MIN);
        match self {
            Self::Morning => occurrence.starts < noon,
            Self::Afternoon => noon <= occurrence.starts && occurrence.starts < five,
            Self::Evening => five <= occurrence.starts,
            Self::Weekend => matches!(occurrence.date.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }
}

/// In person, or from home (online or by phone).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    InPerson,
    FromHome,
}

coded!(Mode {
    InPerson => "in_person",
    FromHome => "from_home",
});

/// The longest town name a filter takes.
pub const MAX_TOWN_LEN: usize = 60;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Filters {
    pub when: Option<When>,
    pub mode: Option<Mode>,
    pub babies: bool,
    pub toddlers: bool,
    pub mental_health: bool,
    pub free: bool,
    pub drop_in: bool,
    pub town: Option<String>,
}

impl Filters {
    /// Reads filters from query pairs. Pairs that are not filters (such as
    /// `area`) are left alone; a filter with a value it cannot take is
    /// skipped and named in the second part, to be shown to the person.
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<String>) {
        let mut filters = Self::default();
        let mut problems = Vec::new();
        for (key, value) in pairs {
            let yes = matches!(value, "1" | "on" | "yes" | "true");
            match key {
                "when" => match When::from_code(value) {
                    Some(when) => filters.when = Some(when),
                    None if value.is_empty() => {}
                    None => problems.push(format!(
                        "We don't know the time \"{}\", so every time is shown.",
                        clip(value)
                    )),
                },
                "mode" => match Mode::from_code(value) {
                    Some(mode) => filters.mode = Some(mode),
                    None if value.is_empty() => {}
                    None => problems.push(format!(
                        "We don't know the way of meeting \"{}\", so all are shown.",
                        clip(value)
                    )),
                },
                "babies" => filters.babies = yes,
                "toddlers" => filters.toddlers = yes,
                "mental_health" => filters.mental_health = yes,
                "free" => filters.free = yes,
                "drop_in" => filters.drop_in = yes,
                "town" => {
                    let town = value.trim();
                    if town.chars().count() > MAX_TOWN_LEN {
                        problems.push(format!(
                            "A town name can have at most {MAX_TOWN_LEN} characters."
                        ));
                    } else if !town.is_empty() {
                        filters.town = Some(town.to_owned());
                    }
                }
                _ => {}
            }
        }
        (filters, problems)
    }

    /// The query that gives these filters back (without a leading `?` or `&`).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(when) = self.when {
            parts.push(format!("when={}", when.code()));
        }
        if let Some(mode) = self.mode {
            parts.push(format!("mode={}", mode.code()));
        }
        for (on, key) in [
            (self.babies, "babies"),
            (self.toddlers, "toddlers"),
            (self.mental_health, "mental_health"),
            (self.free, "free"),
            (self.drop_in, "drop_in"),
        ] {
            if on {
                parts.push(format!("{key}=1"));
            }
        }
        if let Some(town) = &self.town {
            parts.push(format!("town={}", crate::phone::percent_encode(town)));
        }
        parts.join("&")
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether the group itself passes (everything but the time of day).
    pub fn admits(&self, group: &Group) -> bool {
        let mode_ok = match self.mode {
            None => true,
            Some(Mode::InPerson) => group.attendance == Attendance::InPerson,
            Some(Mode::FromHome) => group.attendance != Attendance::InPerson,
        };
        let town_ok = match &self.town {
            None => true,
            Some(town) => group
                .venue
                .as_ref()
                .is_some_and(|venue| venue.town.eq_ignore_ascii_case(town)),
        };
        mode_ok
            && town_ok
            && (!self.babies || group.welcome.babies)
            && (!self.toddlers || group.welcome.toddlers)
            && (!self.mental_health || group.focus == Focus::MentalHealth)
            && (!self.free || group.is_free())
            && (!self.drop_in || group.facts.booking == Some(Booking::DropIn))
    }

    /// Whether one session of a group passes.
    pub fn admits_session(&self, group: &Group, occurrence: &Occurrence) -> bool {
        self.admits(group) && self.when.is_none_or(|when| when.includes(occurrence))
    }
}

fn clip(value: &str) -> String {
    value.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_round_trip_through_the_query() {
        let (filters, problems) = Filters::from_query([
            ("area", "sample-riverside"),
            ("when", "evening"),
            ("mode", "in_person"),
            ("babies", "1"),
            ("free", "on"),
            ("town", "St Ives"),
        ]);
        assert!(problems.is_empty());
        assert_eq!(filters.when, Some(When::Evening));
        assert_eq!(filters.town.as_deref(), Some("St Ives"));
        assert_eq!(
            filters.to_query(),
            "when=evening&mode=in_person&babies=1&free=1&town=St%20Ives"
        );
    }

    #[test]
    fn odd_values_are_named_not_obeyed() {
        let (filters, problems) =
            Filters::from_query([("when", "midnight<script>"), ("mode", "teleport")]);
        assert!(filters.is_empty());
        assert_eq!(problems.len(), 2);
        assert!(problems[0].contains("midnight<script>"));
        let (_, problems) = Filters::from_query([("town", "x".repeat(61).as_str())]);
        assert_eq!(problems.len(), 1);
    }
}
