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

coded!(Need {
    HelpNow => "help-now",
    TalkToSomeone => "talk",
    ReferMyself => "refer-myself",
    ForMyPartner => "partner",
    DifficultBirth => "birth",
    Feeding => "feeding",
});

impl Need {
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

impl Query {
    /// Reads a query from `key=value` pairs (`q`, `need`, `self`, `open`,
    /// `free`, `way` any number of times, `lang`): the page's address on the
    /// server and the form's fields in the browser are read the same way,
    /// with the same limits. Of a key given twice, the last counts; a value
    /// that is not known (a need, a way) is left out.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = Self::default();
        let yes = |value: &str| matches!(value.trim(), "1" | "on" | "true" | "yes");
        for (key, value) in pairs {
            match key {
                "q" => query.words = value.trim().chars().take(MAX_QUERY_CHARS).collect(),
                "need" => query.need = Need::from_code(value.trim()),
                "self" => query.self_referral = yes(value),
                "open" => query.open_now = yes(value),
                "free" => query.free = yes(value),
                "way" => {
                    if let Some(mode) = Mode::from_code(value.trim()) {
                        if !query.modes.contains(&mode) {
                            query.modes.push(mode);
                        }
                    }
                }
                "lang" => {
                    let language: String = value.trim().chars().take(MAX_LANGUAGE_CHARS).collect();
                    query.language = (!language.is_empty()).then_some(language);
                }
                _ => {}
            }
        }
        query
    }
}

/// The moment "open now" is judged at, London wall-clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    pub day: NaiveDate,
    pub time: NaiveTime,
}

/// The most words a search looks at, and their longest length.
const MAX_WORDS: usize = 8;
pub const MAX_QUERY_CHARS: usize = 200;
/// The longest language name a search takes.
pub const MAX_LANGUAGE_CHARS: usize = 40;

/// A service made ready for searching: its name, tags and description
/// folded once into one lowercase buffer, in that order, so that one scan
/// finds a word and, by where it is, how well it matches.
#[derive(Clone, Debug)]
pub struct Indexed {
    pub service: Service,
    text: String,
    /// Where the tags start, and where the description starts, in `text`.
    tags_at: usize,
    body_at: usize,
    /// Which letters and digits start a word in the name, the tags and the
    /// description (see [`initial_bit`]): a one-letter word is answered
    /// from these alone, and a longer one skips services it cannot match.
    starts: [u64; 3],
}

/// The bit for a word's first character: a to z and 0 to 9 have their
/// own; anything else shares the last bit.
fn initial_bit(c: char) -> u64 {
    let at = match c {
        'a'..='z' => u32::from(c) - u32::from('a'),
        '0'..='9' => 26 + u32::from(c) - u32::from('0'),
        _ => 63,
    };
    1 << at
}

const OTHER: u64 = 1 << 63;

impl Indexed {
    pub fn new(service: Service) -> Self {
        let mut text = String::new();
        fold_into(&mut text, &service.name);
        fold_into(&mut text, &service.organisation);
        let tags_at = text.len();
        let mut tags: Vec<&str> = Vec::new();
        tags.extend(service.topics.iter().map(|t| t.label()));
        tags.extend(service.audiences.iter().map(|a| a.label()));
        tags.extend(service.stages.iter().map(|s| s.label()));
        tags.extend(service.modes.iter().map(|m| m.label()));
        tags.extend(service.languages.iter().map(String::as_str));
        if let Some(p) = &service.place {
            tags.extend([p.name.as_str(), p.town.as_str(), p.postcode.as_str()]);
        }
        for tag in tags {
            fold_into(&mut text, tag);
        }
        let body_at = text.len();
        fold_into(&mut text, &service.description);
        fold_into(&mut text, &service.eligibility);
        text.push(' ');
        let mut starts = [0; 3];
        for (at, _) in text.match_indices(' ') {
            if let Some(c) = text[at + 1..].chars().next() {
                let field = if at < tags_at {
                    0
                } else if at < body_at {
                    1
                } else {
                    2
                };
                starts[field] |= initial_bit(c);
            }
        }
        Self {
            service,
            text,
            tags_at,
            body_at,
            starts,
        }
    }

    /// How well one word (given as " word") matches: in the name (3), the
    /// tags (2) or the description (1); a match must start a word. The
    /// first place it is found is the best, as the name comes first.
    fn score(&self, word: &str) -> u32 {
        let mut letters = word.chars().skip(1);
        let (Some(first), second) = (letters.next(), letters.next()) else {
            return 0;
        };
        let bit = initial_bit(first);
        if bit != OTHER {
            let [name, tags, body] = self.starts.map(|field| field & bit != 0);
            if second.is_none() {
                return if name {
                    3
                } else if tags {
                    2
                } else {
                    u32::from(body)
                };
            }
            if !(name || tags || body) {
                return 0;
            }
        }
        match self.text.find(word) {
            None => 0,
            Some(at) if at < self.tags_at => 3,
            Some(at) if at < self.body_at => 2,
            Some(_) => 1,
        }
    }
}

/// Adds text lowercased, with anything that is not a letter or digit as a
/// space, after a space.
fn fold_into(out: &mut String, text: &str) {
    if !out.ends_with(' ') {
        out.push(' ');
    }
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
}

/// The words searched for: lowercase, at most eight, each as " word".
fn words(query: &str) -> Vec<String> {
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let mut folded = String::new();
    fold_into(&mut folded, &query);
    folded
        .split_whitespace()
        .take(MAX_WORDS)
        .map(|w| format!(" {w}"))
        .collect()
}

/// The answer: crisis services first and apart, then the rest in order.
#[derive(Debug, Default)]
pub struct Found<'a> {
    pub crisis: Vec<&'a Service>,
    pub results: Vec<&'a Service>,
    /// How many results there are in all (`results` may hold only the first).
    pub total: usize,
}

/// A query made ready: its words and language.
struct Prepared<'q> {
    query: &'q Query,
    words: Vec<String>,
    language: Option<&'q str>,
    now: Now,
}

impl<'q> Prepared<'q> {
    fn new(query: &'q Query, now: Now) -> Self {
        Self {
            query,
            words: words(&query.words),
            language: query
                .language
                .as_deref()
                .map(str::trim)
                .filter(|l| !l.is_empty()),
            now,
        }
    }

    /// `None` when the service is not a result; otherwise its score.
    fn score(&self, indexed: &Indexed) -> Option<u32> {
        let service = &indexed.service;
        let q = self.query;
        let filtered_out = q.need.is_some_and(|need| !need.admits(service))
            || (q.self_referral && !service.referral.is_self())
            || (!q.modes.is_empty() && !q.modes.iter().any(|m| service.modes.contains(m)))
            || (q.open_now
                && service
                    .hours_on(self.now.day)
                    .open_at(self.now.day, self.now.time)
                    != Some(true))
            || (q.free && !service.is_free())
            || self.language.is_some_and(|l| !service.speaks(l))
            || (service.status == Status::Defunct && self.words.is_empty());
        if filtered_out {
            return None;
        }
        let mut score = 0;
        for word in &self.words {
            match indexed.score(word) {
                0 => return None,
                s => score += s,
            }
        }
        Some(score)
    }

    /// Whether every service this query finds was also found by `earlier`:
    /// the same filters, and each earlier word starts one of these words.
    fn narrows(&self, earlier: &Prepared) -> bool {
        let (a, b) = (self.query, earlier.query);
        a.need == b.need
            && a.self_referral == b.self_referral
            && a.modes == b.modes
            && a.open_now == b.open_now
            && a.free == b.free
            && self.language == earlier.language
            && self.now == earlier.now
            && !earlier.words.is_empty()
            && earlier
                .words
                .iter()
                .all(|old| self.words.iter().any(|new| new.starts_with(old.as_str())))
    }
}

fn is_pinned(service: &Service) -> bool {
    service.crisis && service.status == Status::Active
}

/// Running services first, then the best match, then the most recently
/// confirmed, then by name.
fn order(a: &(u32, &Service), b: &(u32, &Service)) -> std::cmp::Ordering {
    let ((a_score, a), (b_score, b)) = (a, b);
    (b.status == Status::Active)
        .cmp(&(a.status == Status::Active))
        .then(b_score.cmp(a_score))
        .then(b.last_confirmed.cmp(&a.last_confirmed))
        .then(a.name.cmp(&b.name))
}

/// Keeps the first `limit` in order, without sorting the rest.
fn first_in_order(mut scored: Vec<(u32, &Service)>, limit: usize) -> Vec<&Service> {
    if scored.len() > limit && limit > 0 {
        scored.select_nth_unstable_by(limit - 1, order);
        scored.truncate(limit);
    } else if limit == 0 {
        scored.clear();
    }
    scored.sort_by(order);
    scored.into_iter().map(|(_, s)| s).collect()
}

/// Searches the directory. Every word must match somewhere; the filters all
/// apply; services that are closed for good are left out unless asked for
/// by name, and others not running are kept and shown as such. Crisis
/// services are pinned whatever was typed or chosen: help now is never
/// filtered away.
pub fn search<'a>(
    directory: impl IntoIterator<Item = &'a Indexed>,
    query: &Query,
    now: Now,
) -> Found<'a> {
    let prepared = Prepared::new(query, now);
    let mut scored: Vec<(u32, &Service)> = Vec::new();
    let mut crisis: Vec<&Service> = Vec::new();
    for indexed in directory {
        if is_pinned(&indexed.service) {
            crisis.push(&indexed.service);
        } else if let Some(score) = prepared.score(indexed) {
            scored.push((score, &indexed.service));
        }
    }
    crisis.sort_by(|a, b| a.name.cmp(&b.name));
    let total = scored.len();
    Found {
        crisis,
        results: first_in_order(scored, usize::MAX),
        total,
    }
}

/// Search as someone types, over one directory: when a query only narrows
/// the one before (a word typed further, a word added), only what that one
/// found is looked at again. The answer is always what [`search`] gives.
#[derive(Debug, Default)]
pub struct Typeahead {
    /// The last query, when, and the positions of what it found (crisis
    /// services included).
    last: Option<(Query, Now, Vec<usize>)>,
}

impl Typeahead {
    /// Forgets the last query: call when the directory changes.
    pub fn reset(&mut self) {
        self.last = None;
    }

    /// The crisis services, the first `limit` results and how many matched.
    pub fn search<'a>(
        &mut self,
        directory: &'a [Indexed],
        query: &Query,
        now: Now,
        limit: usize,
    ) -> Found<'a> {
        let prepared = Prepared::new(query, now);
        let earlier = self.last.take();
        let narrowing = earlier
            .as_ref()
            .and_then(|(q, n, found)| prepared.narrows(&Prepared::new(q, *n)).then_some(found));
        let mut kept = Vec::new();
        let mut scored: Vec<(u32, &Service)> = Vec::new();
        let mut crisis: Vec<&Service> = Vec::new();
        let mut visit = |at: usize| {
            let Some(indexed) = directory.get(at) else {
                return;
            };
            if is_pinned(&indexed.service) {
                crisis.push(&indexed.service);
                kept.push(at);
            } else if let Some(score) = prepared.score(indexed) {
                scored.push((score, &indexed.service));
                kept.push(at);
            }
        };
        match narrowing {
            Some(found) => found.iter().copied().for_each(&mut visit),
            None => (0..directory.len()).for_each(&mut visit),
        }
        crisis.sort_by(|a, b| a.name.cmp(&b.name));
        let total = scored.len();
        self.last = Some((query.clone(), now, kept));
        Found {
            crisis,
            results: first_in_order(scored, limit),
            total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::service::{tests::service, Hours, Referral, ServiceCost};

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
        talk.last_confirmed = NaiveDate::from_ymd_opt(2026, 10, 1);
        let mut feeding = service("feeding", "Feeding Friends");
        feeding.topics = vec![Topic::Feeding];
        feeding.description = "Peer support with breastfeeding and bottle feeding".into();
        feeding.cost = ServiceCost::Described("£5".into());
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
    fn a_query_is_read_from_pairs_with_its_limits_the_last_value_counting_and_unknown_codes_left_out(
    ) {
        let long = "a".repeat(MAX_QUERY_CHARS + 50);
        let q = Query::from_pairs([
            ("q", "  old words "),
            ("q", long.as_str()),
            ("need", "talk"),
            ("need", "teleport"),
            ("self", "1"),
            ("way", "phone"),
            ("way", "phone"),
            ("way", "carrier-pigeon"),
            ("open", "yes"),
            ("free", "0"),
            ("lang", &"Cymraeg".repeat(10)),
            ("area", "sample-riverside"),
        ]);
        assert_eq!(q.words.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(q.need, None, "the last need given was not one we know");
        assert!(q.self_referral && q.open_now && !q.free);
        assert_eq!(q.modes, [Mode::Phone]);
        assert_eq!(
            q.language.map(|l| l.chars().count()),
            Some(MAX_LANGUAGE_CHARS)
        );
        assert_eq!(Query::from_pairs([("lang", "  ")]).language, None);
        assert_eq!(Query::from_pairs([]), Query::default());
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
        // Free means the source said free: a service that said nothing
        // about cost is not found by it.
        let unsaid: Vec<Indexed> = dir
            .iter()
            .map(|i| {
                let mut s = i.service.clone();
                s.cost = ServiceCost::NotKnown;
                Indexed::new(s)
            })
            .collect();
        assert!(search(&unsaid, &free, now()).results.is_empty());
        assert!(!search(&unsaid, &Query::default(), now()).results.is_empty());
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

    fn typed(directory: &[Indexed], queries: &[Query]) {
        let mut typeahead = Typeahead::default();
        for q in queries {
            let all = search(directory, q, now());
            let first = typeahead.search(directory, q, now(), 2);
            assert_eq!(ids(&first.crisis), ids(&all.crisis), "{q:?}");
            assert_eq!(first.total, all.total, "{q:?}");
            assert_eq!(
                ids(&first.results),
                ids(&all.results).into_iter().take(2).collect::<Vec<_>>(),
                "{q:?}"
            );
        }
    }

    #[test]
    fn typing_gives_what_a_fresh_search_gives_at_every_keystroke() {
        let dir = directory();
        let q = |w: &str| Query {
            words: w.into(),
            ..Query::default()
        };
        let mut queries: Vec<Query> = [
            "", "p", "pe", "peer", "peer ", "peer s", "peer su", "pee", "old", "old p", "", "dads",
        ]
        .iter()
        .map(|w| q(w))
        .collect();
        queries.push(Query {
            words: "dads".into(),
            free: true,
            ..Query::default()
        });
        typed(&dir, &queries);
    }

    proptest::proptest! {
        /// Whatever is typed, deleted or chosen, in any order, the shortcut
        /// never changes the answer.
        #[test]
        fn the_typeahead_always_agrees_with_a_full_search(
            steps in proptest::collection::vec((
                proptest::collection::vec((0..8usize, 1..9usize), 0..3),
                proptest::bool::weighted(0.2),
                proptest::option::weighted(0.2, 0..6usize),
            ), 1..16)
        ) {
            // Words typed part-way, from a vocabulary the directory uses.
            const WORDS: [&str; 8] = ["peer", "support", "feeding", "dads", "old", "bumps", "polish", "xyz"];
            let dir = directory();
            let queries: Vec<Query> = steps
                .into_iter()
                .map(|(words, free, need)| Query {
                    words: words
                        .iter()
                        .map(|&(w, len)| &WORDS[w][..len.min(WORDS[w].len())])
                        .collect::<Vec<_>>()
                        .join(" "),
                    free,
                    need: need.map(|n| Need::ALL[n]),
                    ..Query::default()
                })
                .collect();
            typed(&dir, &queries);
        }
    }

    /// The quick answers from first letters agree with reading the text.
    fn plain_score(indexed: &Indexed, word: &str) -> u32 {
        match indexed.text.find(word) {
            None => 0,
            Some(at) if at < indexed.tags_at => 3,
            Some(at) if at < indexed.body_at => 2,
            Some(_) => 1,
        }
    }

    proptest::proptest! {
        #[test]
        fn first_letters_answer_as_reading_the_text_would(
            name in "[a-zé0-9 ]{0,20}",
            description in "[a-zÉü0-9 .,]{0,40}",
            language in "[A-Za-z]{0,8}",
            word in "[a-zé0-9]{1,3}",
        ) {
            let mut s = service("x", &name);
            s.description = description;
            s.languages = vec![language];
            let indexed = Indexed::new(s);
            for typed in [&word[..word.chars().next().map_or(0, char::len_utf8)], word.as_str()] {
                let folded = words(typed);
                for w in &folded {
                    proptest::prop_assert_eq!(indexed.score(w), plain_score(&indexed, w), "{:?}", w);
                }
            }
        }
    }
}
