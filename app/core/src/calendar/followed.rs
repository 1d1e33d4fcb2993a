//! The groups someone follows, kept on their phone, and the address of the
//! subscription feed for them. The address carries only group ids.

use super::group::GroupId;
use super::ics::Alert;

/// The most groups one feed follows (the server refuses more).
pub const MAX_FOLLOWED: usize = 50;

/// Where the server publishes personal feeds.
pub const FEED_PATH: &str = "/api/v1/feeds/calendar.ics?groups=";

/// Where the server answers with the My groups outlook.
pub const OUTLOOK_PATH: &str = "/api/v1/my-groups";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FollowedGroups(Vec<GroupId>);

impl FollowedGroups {
    /// Reads what was stored (ids separated by commas); anything that is not
    /// an id is dropped, so a damaged value never breaks the page.
    pub fn from_stored(stored: Option<String>) -> Self {
        let mut ids: Vec<GroupId> = Vec::new();
        for part in stored.unwrap_or_default().split(',') {
            if let Ok(id) = GroupId::parse(part.trim()) {
                if !ids.contains(&id) && ids.len() < MAX_FOLLOWED {
                    ids.push(id);
                }
            }
        }
        Self(ids)
    }

    pub fn to_stored(&self) -> String {
        self.0
            .iter()
            .map(GroupId::as_str)
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn ids(&self) -> &[GroupId] {
        &self.0
    }

    /// Stops following every group in `ids`.
    pub fn forget(&mut self, ids: &[GroupId]) {
        self.0.retain(|id| !ids.contains(id));
    }

    pub fn contains(&self, id: &GroupId) -> bool {
        self.0.contains(id)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Follows or stops following; says whether the group is now followed.
    /// At the limit, a new group is not added.
    pub fn toggle(&mut self, id: GroupId) -> bool {
        if let Some(at) = self.0.iter().position(|g| *g == id) {
            self.0.remove(at);
            false
        } else if self.0.len() < MAX_FOLLOWED {
            self.0.push(id);
            true
        } else {
            false
        }
    }

    /// The address of the My groups outlook for these groups, with This
    /// week's filters (`filters` as `Filters::to_query` writes them).
    pub fn outlook_path(&self, filters: &str) -> Option<String> {
        (!self.0.is_empty()).then(|| {
            let mut path = format!("{OUTLOOK_PATH}?groups={}", self.to_stored());
            if !filters.is_empty() {
                path.push('&');
                path.push_str(filters);
            }
            path
        })
    }

    /// The feed's path and query, when anything is followed.
    pub fn feed_path(&self) -> Option<String> {
        self.feed_path_with(Alert::None)
    }

    /// The feed's path and query with the reminder chosen (the address then
    /// holds the group ids and the reminder, nothing else).
    pub fn feed_path_with(&self, alert: Alert) -> Option<String> {
        (!self.0.is_empty()).then(|| match alert {
            Alert::None => format!("{FEED_PATH}{}", self.to_stored()),
            alert => format!("{FEED_PATH}{}&alert={}", self.to_stored(), alert.code()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(text: &str) -> GroupId {
        GroupId::parse(text).expect("valid")
    }

    #[test]
    fn the_feed_address_holds_the_ids_and_the_reminder_only() {
        let mut followed = FollowedGroups::default();
        followed.toggle(id("a-group"));
        assert_eq!(
            followed.feed_path_with(Alert::EveningBefore).as_deref(),
            Some("/api/v1/feeds/calendar.ics?groups=a-group&alert=evening")
        );
        assert_eq!(followed.feed_path_with(Alert::None), followed.feed_path());
        assert_eq!(
            FollowedGroups::default().feed_path_with(Alert::HourBefore),
            None
        );
    }

    #[test]
    fn the_outlook_address_holds_the_ids_and_the_filters_only() {
        let mut followed = FollowedGroups::from_stored(Some("a-group,b".into()));
        assert_eq!(
            followed.outlook_path("babies=1").as_deref(),
            Some("/api/v1/my-groups?groups=a-group,b&babies=1")
        );
        followed.forget(&[id("a-group")]);
        assert_eq!(
            followed.outlook_path("").as_deref(),
            Some("/api/v1/my-groups?groups=b")
        );
        assert_eq!(FollowedGroups::default().outlook_path(""), None);
    }

    #[test]
    fn following_builds_the_feed_address_from_ids_only() {
        let mut followed =
            FollowedGroups::from_stored(Some("a-group, ,Not An Id,a-group,b".into()));
        assert_eq!(followed.to_stored(), "a-group,b");
        assert!(!followed.toggle(id("a-group")));
        assert!(followed.toggle(id("c")));
        assert_eq!(
            followed.feed_path().as_deref(),
            Some("/api/v1/feeds/calendar.ics?groups=b,c")
        );
        assert_eq!(FollowedGroups::default().feed_path(), None);
    }

    proptest! {
        #[test]
        fn stored_values_round_trip_and_stay_within_the_limit(ids in proptest::collection::vec("[a-z]{1,6}", 0..80)) {
            let mut followed = FollowedGroups::default();
            for text in &ids {
                followed.toggle(id(text));
            }
            prop_assert!(followed.len() <= MAX_FOLLOWED);
            prop_assert_eq!(FollowedGroups::from_stored(Some(followed.to_stored())), followed);
        }
    }
}
