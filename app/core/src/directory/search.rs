//! Finding help: the plain-words ways in, a search box and filters, run over
//! a directory held in memory (on the server for pages without scripts, and
//! in the browser over the copy saved for offline). Crisis services are
//! always listed first and apart; the rest by relevance, then by how recently
//! they were confirmed.

use chrono::{NaiveDate, NaiveTime};

use super::service::{Audience, Mode, Service, Status, Topic};

/// The ways in, in plain words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Need {
    HelpNow,
    TalkToSomeone,
    ReferMyself,
    ForMyPartner,
    DifficultBirth,
    Feeding,
}

impl Need {
    pub const ALL: [Need; 6] = [
        Need::HelpNow,
        Need::TalkToSomeone,
        Need::ReferMyself,
        Need::ForMyPartner,
        Need::DifficultBirth,
        Need::Feeding,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Need::HelpNow => "help-now",
            Need::TalkToSomeone => "talk",
            Need::ReferMyself => "refer-myself",
            Need::ForMyPartner => "partner",
            Need::DifficultBirth => "birth",
            Need::Feeding => "feeding",
        }
    }

    pub fn from_code(code: &str) -> Option<Need> {
        Need::ALL.into_iter().find(|n| n.code() == code)
    }

    fn admits(self, service: &Service) -> bool {
        match self {
            Need::HelpNow => service.crisis,
            Need::TalkToSomeone => {
                service.topics.contains(&Topic::PeerSupport)
                    || service.topics.contains(&Topic::Counselling)
            }
            Need::ReferMyself => service.referral.is_self(),
            Need::ForMyPartner => {
                service.audiences.contains(&Audience::Partners)
                    || service.audiences.contains(&Audience::Dads)
            }
            Need::DifficultBirth => service.topics.contains(&Topic::BirthTrauma),
            Need::Feeding => service.topics.contains(&Topic::Feeding),
        }
    }
}

/// What someone asked for: words, a way in and filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub words: String,
    pub need: Option<Need>,
    pub self_referral: bool,
    /// Any of these (none chosen: any way at all).
    pub modes: Vec<Mode>,
    pub open_now: bool,
    pub free: bool,
    pub language: Option<String>,
}

/// The moment "open now" is judged at, London wall-clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    pub day: NaiveDate,
    pub time: NaiveTime,
}

/// The most words a search looks at, and their longest length.
const MAX_WORDS: usize = 8;
const MAX_QUERY_CHARS: usize = 200;

/// A service made ready for searching: its words lowercased once.
#[derive(Clone, Debug)]
pub struct Indexed {
    pub service: Service,
    name: String,
    tags: String,
    body: String,
}

impl Indexed {
    pub fn new(service: Service) -> Self {
        let name = fold(&format!("{} {}", service.name, service.organisation));
        let mut tags: Vec<&str> = Vec::new();
        tags.extend(service.topics.iter().map(|t| t.label()));
        tags.extend(service.audiences.iter().map(|a| a.label()));
        tags.extend(service.stages.iter().map(|s| s.label()));
        tags.extend(service.modes.iter().map(|m| m.label()));
        tags.extend(service.languages.iter().map(String::as_str));
        let place = service
            .place
            .as_ref()
            .map(|p| format!("{} {} {}", p.name, p.town, p.postcode))
            .unwrap_or_default();
        let tags = fold(&format!("{} {place}", tags.join(" ")));
        let body = fold(&format!("{} {}", service.description, service.eligibility));
        Self {
            service,
            name,
            tags,
            body,
        }
    }
}

/// Lowercase, with anything that is not a letter or digit as a space.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.push(' ');
    out
}

/// The words searched for: lowercase, at most eight.
fn words(query: &str) -> Vec<String> {
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    fold(&query)
        .split_whitespace()
        .take(MAX_WORDS)
        .map(|w| format!(" {w}"))
        .collect()
}

/// How well one word matches: in the name (3), the tags (2) or the
/// description (1); a match must start a word there.
fn score_word(indexed: &Indexed, word: &str) -> u32 {
    if indexed.name.contains(word) {
        3
    } else if indexed.tags.contains(word) {
        2
    } else if indexed.body.contains(word) {
        1
    } else {
        0
    }
}

/// The answer: crisis services first and apart, then the rest in order.
#[derive(Debug, Default)]
pub struct Found<'a> {
    pub crisis: Vec<&'a Service>,
    pub results: Vec<&'a Service>,
}

/// Searches the directory. Every word must match somewhere; the filters all
/// apply; services that are closed for good are left out unless asked for
/// by name, and others not running are kept and shown as such.
pub fn search<'a>(
    directory: impl IntoIterator<Item = &'a Indexed>,
    query: &Query,
    now: Now,
) -> Found<'a> {
    let words = words(&query.words);
    let language = query
        .language
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let mut scored: Vec<(u32, &Service)> = Vec::new();
    let mut crisis: Vec<&Service> = Vec::new();
    for indexed in directory {
        let service = &indexed.service;
        if service.crisis && service.status == Status::Active {
            // Pinned whatever was typed or chosen: help now is never filtered away.
            crisis.push(service);
            continue;
        }
        let filtered_out = query.need.is_some_and(|need| !need.admits(service))
            || (query.self_referral && !service.referral.is_self())
            || (!query.modes.is_empty() && !query.modes.iter().any(|m| service.modes.contains(m)))
            || (query.open_now && service.hours.open_at(now.day, now.time) != Some(true))
            || (query.free && !service.is_free())
            || language.is_some_and(|l| !service.speaks(l));
        if filtered_out {
            continue;
        }
        let mut score = 0;
        let mut all = true;
        for word in &words {
            match score_word(indexed, word) {
                0 => {
                    all = false;
                    break;
                }
                s => score += s,
            }
        }
        if service.status == Status::Defunct && words.is_empty() {
            continue;
        }
        if all {
            scored.push((score, service));
        }
    }
    scored.sort_by(|(a_score, a), (b_score, b)| {
        (b.status == Status::Active)
            .cmp(&(a.status == Status::Active))
            .then(b_score.cmp(a_score))
            .then(b.last_confirmed.cmp(&a.last_confirmed))
            .then(a.name.cmp(&b.name))
    });
    crisis.sort_by(|a, b| a.name.cmp(&b.name));
    Found {
        crisis,
        results: scored.into_iter().map(|(_, s)| s).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::service::{tests::service, Hours, Referral};

    fn now() -> Now {
        Now {
            day: NaiveDate::from_ymd_opt(2026, 11, 30).expect("day"),
            time: NaiveTime::from_hms_opt(10, 0, 0).expect("time"),
        }
    }

    fn directory() -> Vec<Indexed> {
        let mut talk = service("talk", "Bumps Peer Support");
        talk.topics = vec![Topic::PeerSupport];
        talk.referral = Referral::Yourself {
            steps: vec!["Call us".into()],
        };
        talk.last_confirmed = NaiveDate::from_ymd_opt(2026, 10, 1).expect("day");
        let mut feeding = service("feeding", "Feeding Friends");
        feeding.topics = vec![Topic::Feeding];
        feeding.description = "Peer support with breastfeeding and bottle feeding".into();
        feeding.cost = Some("£5".into());
        let mut dads = service("dads", "Dads Line");
        dads.audiences = vec![Audience::Dads];
        dads.modes = vec![Mode::Text];
        dads.languages = vec!["English".into(), "Polish".into()];
        let mut crisis = service("samaritans", "Samaritans");
        crisis.crisis = true;
        crisis.hours = Hours::Always;
        let mut closed = service("closed", "Old Peer Group");
        closed.status = Status::Defunct;
        closed.topics = vec![Topic::PeerSupport];
        [talk, feeding, dads, crisis, closed]
            .into_iter()
            .map(Indexed::new)
            .collect()
    }

    fn ids(found: &[&Service]) -> Vec<String> {
        found.iter().map(|s| s.id.to_string()).collect()
    }

    #[test]
    fn crisis_services_are_pinned_whatever_is_typed() {
        let dir = directory();
        let found = search(
            &dir,
            &Query {
                words: "feeding".into(),
                ..Query::default()
            },
            now(),
        );
        assert_eq!(ids(&found.crisis), ["samaritans"]);
        assert_eq!(ids(&found.results), ["feeding"]);
    }

    #[test]
    fn crisis_services_are_pinned_whatever_is_chosen() {
        let dir = directory();
        let partner = Query {
            need: Some(Need::ForMyPartner),
            free: true,
            modes: vec![Mode::Text],
            ..Query::default()
        };
        assert_eq!(ids(&search(&dir, &partner, now()).crisis), ["samaritans"]);
    }

    #[test]
    fn a_name_match_ranks_above_a_description_match() {
        let dir = directory();
        let found = search(
            &dir,
            &Query {
                words: "peer".into(),
                ..Query::default()
            },
            now(),
        );
        // "Bumps Peer Support" by name, "Old Peer Group" by name but closed, "Feeding Friends" by description.
        assert_eq!(ids(&found.results), ["talk", "feeding", "closed"]);
    }

    #[test]
    fn words_match_the_start_of_words_and_all_must_match() {
        let dir = directory();
        let q = |w: &str| Query {
            words: w.into(),
            ..Query::default()
        };
        assert_eq!(ids(&search(&dir, &q("breast"), now()).results), ["feeding"]);
        assert!(search(&dir, &q("eding"), now()).results.is_empty());
        assert!(search(&dir, &q("feeding dads"), now()).results.is_empty());
        assert_eq!(ids(&search(&dir, &q("  DADS!! "), now()).results), ["dads"]);
    }

    #[test]
    fn ways_in_and_filters_narrow_the_list() {
        let dir = directory();
        let need = |n| Query {
            need: Some(n),
            ..Query::default()
        };
        assert_eq!(
            ids(&search(&dir, &need(Need::ReferMyself), now()).results),
            ["talk"]
        );
        assert_eq!(
            ids(&search(&dir, &need(Need::ForMyPartner), now()).results),
            ["dads"]
        );
        assert_eq!(
            ids(&search(&dir, &need(Need::Feeding), now()).results),
            ["feeding"]
        );
        let free = Query {
            free: true,
            ..Query::default()
        };
        assert!(!ids(&search(&dir, &free, now()).results).contains(&"feeding".to_owned()));
        let text = Query {
            modes: vec![Mode::Text],
            ..Query::default()
        };
        assert_eq!(ids(&search(&dir, &text, now()).results), ["dads"]);
        let polish = Query {
            language: Some("polish".into()),
            ..Query::default()
        };
        assert_eq!(ids(&search(&dir, &polish, now()).results), ["dads"]);
        let open = Query {
            open_now: true,
            ..Query::default()
        };
        let found = search(&dir, &open, now());
        assert!(found.results.is_empty(), "no hours known: not claimed open");
        assert_eq!(ids(&found.crisis), ["samaritans"]);
    }

    #[test]
    fn closed_services_are_left_out_of_browsing_but_found_by_name() {
        let dir = directory();
        let browse = search(&dir, &Query::default(), now());
        assert!(!ids(&browse.results).contains(&"closed".to_owned()));
        let by_name = search(
            &dir,
            &Query {
                words: "old peer".into(),
                ..Query::default()
            },
            now(),
        );
        assert_eq!(ids(&by_name.results), ["closed"]);
    }

    #[test]
    fn equal_matches_are_ordered_by_most_recently_confirmed() {
        let dir = directory();
        let found = search(&dir, &Query::default(), now());
        assert_eq!(ids(&found.results)[0], "talk");
    }
}
