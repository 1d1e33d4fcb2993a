//! "Help me say it": short first-person sentences, drafted on the phone from
//! the person's own check-ins, for someone they want to ask for help. The
//! rules here only count and choose words; they never diagnose or score.
//! Every sentence is offered, not imposed: the person keeps, changes or
//! removes each one before anything is copied, shared or printed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::entry::{Context, Entry, EntryId, Feeling, Mood};
use super::insights::{self, DayMood};
use super::self_check::{Answers, Question};
use crate::written;

labelled! {
    /// Who the words are for. The wording for a partner or someone close is
    /// warmer and counts only the low days; the wording for a professional
    /// gives the numbers.
    Audience {
        Gp => "gp", "My GP";
        HealthVisitor => "health-visitor", "My health visitor or midwife";
        SelfReferral => "self-referral", "A self-referral form";
        Partner => "partner", "My partner or someone close";
    }
}

impl Audience {
    fn professional(self) -> bool {
        self != Audience::Partner
    }
}

/// The days the draft looks at, ending today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    TwoWeeks,
    Month,
    /// From a day the person chose (not after today).
    Since(NaiveDate),
}

impl Period {
    /// The first day looked at when the last is `today`.
    pub fn first_day(self, today: NaiveDate) -> NaiveDate {
        match self {
            Period::TwoWeeks => today.checked_sub_days(Days::new(13)),
            Period::Month => today
                .checked_sub_months(Months::new(1))
                .and_then(|d| d.checked_add_days(Days::new(1))),
            Period::Since(day) => Some(day.min(today)),
        }
        .unwrap_or(today)
    }

    /// "In the last 2 weeks", "In the last month", "Since 3 November".
    fn words(self) -> String {
        match self {
            Period::TwoWeeks => "In the last 2 weeks".to_owned(),
            Period::Month => "In the last month".to_owned(),
            Period::Since(day) => format!("Since {}", written::long_day(day)),
        }
    }
}

labelled! {
    /// What the person would like; chosen, never guessed.
    Wish {
        TalkToSomeone => "talk", "I'd like to talk to someone";
        BeReferred => "referred", "I'd like to be referred";
        KnowOptions => "options", "I'd like to know what help there is";
        ComeWithMe => "come-with-me", "I'd like someone to come with me";
        HelpAtHome => "help-at-home", "I need more help at home";
    }
}

impl Wish {
    /// The wishes that make sense for `audience`, in the order offered.
    pub fn offered(audience: Audience) -> &'static [Wish] {
        if audience.professional() {
            &[Wish::TalkToSomeone, Wish::BeReferred, Wish::KnowOptions]
        } else {
            &[
                Wish::TalkToSomeone,
                Wish::KnowOptions,
                Wish::ComeWithMe,
                Wish::HelpAtHome,
            ]
        }
    }

    fn sentence(self, audience: Audience) -> &'static str {
        match (self, audience) {
            (Wish::TalkToSomeone, Audience::SelfReferral) => {
                "I'd like to talk to someone from your service."
            }
            (Wish::TalkToSomeone, Audience::Partner) => {
                "I think I need to talk to someone about how I feel, and I wanted you to know first."
            }
            (Wish::TalkToSomeone, _) => "I'd like to talk to someone about how I've been feeling.",
            (Wish::BeReferred, Audience::SelfReferral) => {
                "I'd like to be seen by your service, please."
            }
            (Wish::BeReferred, _) => {
                "I'd like to be referred for support with my mental health, please."
            }
            (Wish::KnowOptions, Audience::Partner) => {
                "Could we look at what help there is together?"
            }
            (Wish::KnowOptions, _) => "I'd like to know what help there is.",
            (Wish::ComeWithMe, _) => "Would you come with me when I ask for help?",
            (Wish::HelpAtHome, _) => "I need a bit more help at home, so that I can rest.",
        }
    }
}

labelled! {
    /// What is hard to say. Each has an honest answer on "What happens when
    /// you ask for help" (`/help/what-happens`).
    Fear {
        BabyTaken => "baby-taken", "I'm scared my baby will be taken away";
        NotIllEnough => "not-ill-enough", "I'm not sure I'm ill enough to ask";
        LookFine => "look-fine", "I might look fine, but I'm not";
        OnRecord => "on-record", "I'm worried about what goes on my record";
    }
}

impl Fear {
    fn sentence(self) -> &'static str {
        match self {
            Fear::BabyTaken => {
                "I'm scared that if I say how I feel, my baby will be taken away from me."
            }
            Fear::NotIllEnough => "I'm not sure I'm ill enough to ask for help.",
            Fear::LookFine => "I might look fine, but I'm not.",
            Fear::OnRecord => "I'm worried about what will go on my records.",
        }
    }
}

/// What the person asked for: who, which days, and what to add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ask {
    pub audience: Audience,
    pub period: Period,
    /// The self-check answers, only when the person chose to include them.
    pub self_check: Option<Answers>,
    pub wishes: BTreeSet<Wish>,
    pub fears: BTreeSet<Fear>,
}

impl Ask {
    pub fn new(audience: Audience, period: Period) -> Self {
        Self {
            audience,
            period,
            self_check: None,
            wishes: BTreeSet::new(),
            fears: BTreeSet::new(),
        }
    }
}

/// What a sentence is about, so the screen can say where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    Opening,
    LowDays,
    Feelings,
    ScaryThoughts,
    BetterMoments,
    Circumstances,
    Helped,
    HowLong,
    SelfCheck,
    Wish(Wish),
    Fear(Fear),
    Closing,
}

/// One drafted sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub about: About,
    pub text: String,
}

/// The draft: its sentences, and whether the period had no check-ins at all
/// (then nothing is drafted from data, and the screen says so kindly).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drafted {
    pub sentences: Vec<Sentence>,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub days_noted: usize,
}

impl Drafted {
    pub fn no_check_ins(&self) -> bool {
        self.days_noted == 0
    }
}

/// The sentences kept, as one text to copy, share or print.
pub fn joined<'a>(sentences: impl IntoIterator<Item = &'a str>) -> String {
    sentences
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Fewest days a feeling or circumstance must come up on to be "most often"
/// (one, when only one day was noted).
pub const MIN_DAYS_TO_MENTION: usize = 2;
/// At most this many feelings are named.
pub const MOST_FEELINGS: usize = 3;
/// Fewest days with, and without, something before it is said to have helped.
pub const MIN_DAYS_FOR_HELPED: usize = 2;
/// How much better (in mood points, 1 to 5) those days must be on average.
pub const HELPED_DIFFERENCE: f32 = 1.0;
/// How far back "how long it has been going on" looks, in weeks.
pub const MAX_WEEKS_BACK: u64 = 52;

const HARD_FEELINGS: [(Feeling, &str); 6] = [
    (Feeling::Anxious, "anxious"),
    (Feeling::Tired, "tired"),
    (Feeling::Overwhelmed, "overwhelmed"),
    (Feeling::Tearful, "tearful"),
    (Feeling::Lonely, "lonely"),
    (Feeling::Irritable, "irritable"),
];
const GOOD_FEELINGS: [(Feeling, &str); 3] = [
    (Feeling::Hopeful, "hopeful"),
    (Feeling::Calm, "calm"),
    (Feeling::Proud, "proud"),
];
/// What came up (the tags say it came up, not that it was hard).
const HARD_CIRCUMSTANCES: [(Context, &str); 2] = [
    (Context::SleptBadly, "sleeping badly"),
    (Context::Feeding, "feeding"),
];
const HELPERS: [(Context, &str, &str); 4] = [
    (Context::WentToGroup, "going to a group", "went to a group"),
    (
        Context::GotOut,
        "getting out of the house",
        "got out of the house",
    ),
    (Context::SawFriend, "seeing a friend", "saw a friend"),
    (
        Context::PartnerSupport,
        "support from my partner",
        "had support from my partner",
    ),
];

/// Drafts the sentences for `ask` from the check-ins, as of `today`.
pub fn draft(entries: &[Entry], ask: &Ask, today: NaiveDate) -> Drafted {
    let first_day = ask.period.first_day(today);
    let in_period: Vec<&Entry> = entries
        .iter()
        .filter(|e| (first_day..=today).contains(&e.day()))
        .collect();
    let days = insights::days(entries, first_day, today);
    let mut out = Drafted {
        sentences: Vec::new(),
        first_day,
        last_day: today,
        days_noted: days.len(),
    };
    let audience = ask.audience;
    let mut say = |about: About, text: String| out.sentences.push(Sentence { about, text });

    if !days.is_empty() {
        say(About::Opening, opening(audience).to_owned());
        say(About::LowDays, low_days(audience, ask.period, &days));
        let min_days = MIN_DAYS_TO_MENTION.min(days.len());
        let feelings = most_often(
            &in_period,
            &HARD_FEELINGS,
            |e, f| e.feelings().contains(f),
            min_days,
        );
        if !feelings.is_empty() {
            say(
                About::Feelings,
                feelings_sentence(audience, &feelings, days.len()),
            );
        }
        let scary = days_with(&in_period, |e| {
            e.feelings().contains(&Feeling::ScaryThoughts)
        });
        if scary > 0 {
            say(About::ScaryThoughts, scary_sentence(audience, scary));
        }
        let circumstances = most_often(
            &in_period,
            &HARD_CIRCUMSTANCES,
            |e, c| e.context().contains(c),
            min_days,
        );
        if !circumstances.is_empty() {
            say(
                About::Circumstances,
                circumstances_sentence(audience, &circumstances, days.len()),
            );
        }
        if let Some(text) = helped(audience, &in_period, &days) {
            say(About::Helped, text);
        }
        let good = most_often(
            &in_period,
            &GOOD_FEELINGS,
            |e, f| e.feelings().contains(f),
            1,
        );
        if !good.is_empty() {
            say(About::BetterMoments, better_sentence(audience, &good));
        }
        if let Some(since) = going_on_since(entries, today) {
            say(About::HowLong, how_long(audience, since, today));
        }
    }
    if let Some(answers) = ask.self_check.filter(Answers::complete) {
        say(About::SelfCheck, self_check_sentence(audience, &answers));
    }
    for wish in Wish::offered(audience) {
        if ask.wishes.contains(wish) {
            say(About::Wish(*wish), wish.sentence(audience).to_owned());
        }
    }
    for fear in Fear::ALL {
        if ask.fears.contains(&fear) {
            say(About::Fear(fear), fear.sentence().to_owned());
        }
    }
    if !out.sentences.is_empty() && audience == Audience::Partner {
        out.sentences.push(Sentence {
            about: About::Closing,
            text: "I'm telling you because I trust you.".to_owned(),
        });
    }
    out
}

fn opening(audience: Audience) -> &'static str {
    match audience {
        Audience::Gp | Audience::HealthVisitor => {
            "I've been keeping a diary of how I feel, and I'd like to talk to you about it."
        }
        Audience::SelfReferral => "I'd like some support with how I've been feeling.",
        Audience::Partner => {
            "Some of this is hard for me to say out loud, so I've written it down."
        }
    }
}

/// "1 day", "5 days".
fn days_word(count: usize) -> String {
    if count == 1 {
        "1 day".to_owned()
    } else {
        format!("{count} days")
    }
}

/// "a", "a and b", "a, b and c".
fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn low_days(audience: Audience, period: Period, days: &[DayMood]) -> String {
    let noted = days.len();
    let low = days.iter().filter(|d| d.is_low()).count();
    let very_low = days
        .iter()
        .filter(|d| d.is_low() && d.lowest == Mood::VeryLow)
        .count();
    // "Since 3 November" reaches up to now: "I have noted", "have been".
    let since = matches!(period, Period::Since(_));
    let (noted_verb, were, was) = if since {
        ("have noted", "have been", "has been")
    } else {
        ("noted", "were", "was")
    };
    let when = period.words();
    if audience.professional() {
        let how_many = match (noted, low) {
            (1, 0) => format!(", and it {was} not a low day."),
            (_, 0) => format!(", and none of them {were} low days."),
            (1, 1) => format!(", and it {was} a low day."),
            (_, low) if low == noted => format!(", and all of them {were} low days."),
            (_, 1) => format!(": 1 of them {was} a low day."),
            (_, low) => format!(": {low} of them {were} low days."),
        };
        let very = match (low, very_low) {
            (_, 0) => String::new(),
            (1, 1) => " That day I felt very low.".to_owned(),
            (low, very) if low == very => " On all of those low days I felt very low.".to_owned(),
            (_, 1) => " On 1 of those low days I felt very low.".to_owned(),
            (_, very) => format!(" On {very} of those low days I felt very low."),
        };
        format!(
            "{when} I {noted_verb} my mood on {}{how_many}{very}",
            days_word(noted)
        )
    } else {
        let when = match period {
            Period::TwoWeeks => "Over the last 2 weeks".to_owned(),
            Period::Month => "Over the last month".to_owned(),
            Period::Since(_) => when,
        };
        match (noted, low) {
            (1, 0) => format!("{when}, the day I {noted_verb} down {was} not a low one."),
            (_, 0) => format!("{when}, none of the days I {noted_verb} down {were} low ones."),
            (1, 1) => format!("{when}, the day I {noted_verb} down {was} a low one."),
            (_, low) if low == noted => {
                format!("{when}, every day I {noted_verb} down {was} a low one.")
            }
            (_, 1) => format!("{when}, 1 of the {noted} days I {noted_verb} down {was} a low one."),
            (_, low) => {
                format!("{when}, {low} of the {noted} days I {noted_verb} down {were} low ones.")
            }
        }
    }
}

/// The tags of `tags` seen on at least `min_days` days, most days first.
fn most_often<T: Copy + PartialEq>(
    entries: &[&Entry],
    tags: &[(T, &'static str)],
    has: impl Fn(&Entry, &T) -> bool,
    min_days: usize,
) -> Vec<(&'static str, usize)> {
    let mut found: Vec<(&'static str, usize)> = tags
        .iter()
        .map(|(tag, word)| (*word, days_with(entries, |e| has(e, tag))))
        .filter(|(_, days)| *days >= min_days.max(1))
        .collect();
    // Stable: equal counts keep the list's order.
    found.sort_by_key(|(_, days)| std::cmp::Reverse(*days));
    found.truncate(MOST_FEELINGS);
    found
}

fn days_with(entries: &[&Entry], has: impl Fn(&Entry) -> bool) -> usize {
    entries
        .iter()
        .filter(|e| has(e))
        .map(|e| e.day())
        .collect::<BTreeSet<_>>()
        .len()
}

fn feelings_sentence(audience: Audience, found: &[(&str, usize)], noted: usize) -> String {
    if audience.professional() {
        let items: Vec<String> = found
            .iter()
            .enumerate()
            .map(|(i, (word, days))| {
                if i == 0 {
                    format!("{word} (on {})", days_word(*days))
                } else {
                    format!("{word} ({})", days_word(*days))
                }
            })
            .collect();
        if items.len() == 1 {
            format!("The feeling that came up most was {}.", listed(&items))
        } else {
            format!("The feelings that came up most were {}.", listed(&items))
        }
    } else {
        let words: Vec<String> = found.iter().map(|(w, _)| (*w).to_owned()).collect();
        if often(found, noted) {
            format!("I've often felt {}.", listed(&words))
        } else {
            format!("At times I've felt {}.", listed(&words))
        }
    }
}

fn scary_sentence(audience: Audience, days: usize) -> String {
    match (audience.professional(), days) {
        (true, days) => format!("On {} I had scary or unwanted thoughts.", days_word(days)),
        (false, 1) => "One day I had scary or unwanted thoughts.".to_owned(),
        (false, _) => "Some days I've had scary or unwanted thoughts.".to_owned(),
    }
}

/// "Often" and "a lot" only when the most frequent came up on at least half
/// the days noted.
fn often(found: &[(&str, usize)], noted: usize) -> bool {
    found.first().is_some_and(|(_, days)| days * 2 >= noted)
}

fn circumstances_sentence(audience: Audience, found: &[(&str, usize)], noted: usize) -> String {
    if audience.professional() {
        let items: Vec<String> = found
            .iter()
            .map(|(word, days)| format!("{word} ({})", days_word(*days)))
            .collect();
        format!("What came up most was {}.", listed(&items))
    } else {
        let words: Vec<String> = found.iter().map(|(w, _)| (*w).to_owned()).collect();
        let verb = if words.len() == 1 { "has" } else { "have" };
        let how_often = if often(found, noted) {
            "a lot"
        } else {
            "at times"
        };
        format!(
            "{} {verb} come up {how_often}.",
            capitalised(&listed(&words))
        )
    }
}

fn better_sentence(audience: Audience, found: &[(&str, usize)]) -> String {
    let words: Vec<String> = found.iter().map(|(w, _)| (*w).to_owned()).collect();
    if audience.professional() {
        format!(
            "There were better moments too, when I felt {}.",
            listed(&words)
        )
    } else {
        format!(
            "There have been better moments too, when I felt {}.",
            listed(&words)
        )
    }
}

/// "What helped", only when the days say so: at least two days with the
/// thing and two without, and a whole point better on average with it.
fn helped(audience: Audience, entries: &[&Entry], days: &[DayMood]) -> Option<String> {
    let means: BTreeMap<NaiveDate, f32> = days.iter().map(|d| (d.day, d.mean)).collect();
    let mut best: Option<(f32, usize, &str, &str)> = None;
    for (context, noun, did) in HELPERS {
        let with: BTreeSet<NaiveDate> = entries
            .iter()
            .filter(|e| e.context().contains(&context))
            .map(|e| e.day())
            .collect();
        let (on, off): (Vec<f32>, Vec<f32>) = {
            let mut on = Vec::new();
            let mut off = Vec::new();
            for (day, mean) in &means {
                if with.contains(day) {
                    on.push(*mean);
                } else {
                    off.push(*mean);
                }
            }
            (on, off)
        };
        if on.len() < MIN_DAYS_FOR_HELPED || off.len() < MIN_DAYS_FOR_HELPED {
            continue;
        }
        let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len() as f32;
        let gap = mean(&on) - mean(&off);
        if gap >= HELPED_DIFFERENCE && best.is_none_or(|(g, ..)| gap > g) {
            best = Some((gap, on.len(), noun, did));
        }
    }
    let (_, count, noun, did) = best?;
    Some(if audience.professional() {
        format!(
            "Something that seemed to help was {noun}: on the {} I {did}, my mood was better than on the other days.",
            days_word(count)
        )
    } else {
        format!("{} seems to help me.", capitalised(noun))
    })
}

/// When the low days started, if they have kept coming: going back a week
/// at a time from today while each week has a low day, the first low day of
/// that run. None unless there are at least two low days in it.
pub fn going_on_since(entries: &[Entry], today: NaiveDate) -> Option<NaiveDate> {
    let mut earliest = None;
    let mut low_days = 0;
    for week in 0..MAX_WEEKS_BACK {
        let last = today.checked_sub_days(Days::new(week * 7))?;
        let first = last.checked_sub_days(Days::new(6))?;
        let lows: Vec<NaiveDate> = insights::days(entries, first, last)
            .into_iter()
            .filter(DayMood::is_low)
            .map(|d| d.day)
            .collect();
        let Some(first_low) = lows.first() else { break };
        earliest = Some(*first_low);
        low_days += lows.len();
    }
    earliest.filter(|_| low_days >= 2)
}

fn how_long(audience: Audience, since: NaiveDate, today: NaiveDate) -> String {
    let days = (today - since).num_days();
    if days < 7 {
        return if audience.professional() {
            "These low days started in the last week.".to_owned()
        } else {
            "It started in the last week.".to_owned()
        };
    }
    // Rounded to the nearest week, then to months after about two.
    let weeks = (days + 3) / 7;
    let span = match weeks {
        1 => "about a week".to_owned(),
        2..=8 => format!("about {weeks} weeks"),
        _ => match (days + 15) / 30 {
            months if months >= 12 => "about a year or more".to_owned(),
            months => format!("about {months} months"),
        },
    };
    let on = written::long_day(since);
    if audience.professional() {
        format!("I've had low days on and off for {span}, since about {on}.")
    } else {
        format!("It's been like this for {span}, since about {on}.")
    }
}

fn self_check_sentence(audience: Audience, answers: &Answers) -> String {
    let yes = |q: Question| answers.get(q) == Some(true);
    let mut said: Vec<String> = Vec::new();
    if yes(Question::Down) {
        said.push("I have often felt down, depressed or hopeless".to_owned());
    }
    if yes(Question::LittleInterest) {
        said.push("I have had little interest or pleasure in doing things".to_owned());
    }
    if yes(Question::OnEdge) {
        said.push("I have often felt nervous, anxious or on edge".to_owned());
    }
    if yes(Question::Worrying) {
        said.push("I haven't been able to stop or control worrying".to_owned());
    }
    if yes(Question::HarmThoughts) {
        said.push(
            "I have had thoughts of harming myself, or that I would be better off dead".to_owned(),
        );
    }
    let intro = if audience.professional() {
        "When I answered the self-check questions about the past month, I said that"
    } else {
        "When I answered some questions about the past month, I said that"
    };
    let mut text = if said.is_empty() {
        format!("{} no to each of them.", intro.trim_end_matches(" that"))
    } else {
        format!("{intro} {}.", listed(&said))
    };
    // Only when the follow-up was asked: a stale "yes" to it is not the
    // person's answer once both depression questions are "no".
    if answers.guidance().wants_help {
        text.push_str(" I said that I would like help with this.");
    }
    text
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The longest saved draft, in characters.
pub const MAX_SAVED_CHARS: usize = 6_000;
/// The most characters the form lets one sentence of a draft be edited to
/// (saving still holds the whole draft to `MAX_SAVED_CHARS`).
pub const MAX_SENTENCE_CHARS: usize = 1_000;

/// A draft the person chose to keep. It lives in the diary, sealed by the
/// lock like every check-in, and goes with exports and backups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredDraft", into = "StoredDraft")]
pub struct SavedDraft {
    id: EntryId,
    audience: Audience,
    made_on: NaiveDate,
    text: String,
    saved_at: i64,
}

/// Why a draft cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SavedDraftError {
    #[error("there is nothing to save yet: keep or write at least one sentence")]
    Empty,
    #[error("the draft is {chars} characters long; the most is {MAX_SAVED_CHARS}")]
    TooLong { chars: usize },
    #[error("the date must be written like 2026-11-30")]
    BadDate,
}

impl SavedDraft {
    pub fn new(
        id: EntryId,
        audience: Audience,
        made_on: NaiveDate,
        text: &str,
        saved_at: i64,
    ) -> Result<Self, SavedDraftError> {
        let text = text.trim().to_owned();
        let chars = text.chars().count();
        if chars == 0 {
            return Err(SavedDraftError::Empty);
        }
        if chars > MAX_SAVED_CHARS {
            return Err(SavedDraftError::TooLong { chars });
        }
        Ok(Self {
            id,
            audience,
            made_on,
            text,
            saved_at,
        })
    }

    pub fn id(&self) -> &EntryId {
        &self.id
    }
    pub fn audience(&self) -> Audience {
        self.audience
    }
    pub fn made_on(&self) -> NaiveDate {
        self.made_on
    }
    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn saved_at(&self) -> i64 {
        self.saved_at
    }
}

/// The drafts of a file that should be kept: those not already here, and
/// later-saved versions of those that are (as check-ins merge).
pub fn drafts_to_bring_in(kept: &[SavedDraft], incoming: Vec<SavedDraft>) -> Vec<SavedDraft> {
    let mut changed: Vec<SavedDraft> = Vec::new();
    for draft in incoming {
        let newest_so_far = kept
            .iter()
            .chain(changed.iter())
            .filter(|d| d.id == draft.id)
            .map(|d| d.saved_at)
            .max();
        if newest_so_far.is_none_or(|at| draft.saved_at > at) {
            changed.retain(|d| d.id != draft.id);
            changed.push(draft);
        }
    }
    changed
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredDraft {
    id: EntryId,
    audience: Audience,
    made_on: String,
    text: String,
    saved_at: i64,
}

impl TryFrom<StoredDraft> for SavedDraft {
    type Error = SavedDraftError;
    fn try_from(stored: StoredDraft) -> Result<Self, Self::Error> {
        let made_on = written::parse_day(&stored.made_on).ok_or(SavedDraftError::BadDate)?;
        SavedDraft::new(
            stored.id,
            stored.audience,
            made_on,
            &stored.text,
            stored.saved_at,
        )
    }
}

impl From<SavedDraft> for StoredDraft {
    fn from(draft: SavedDraft) -> Self {
        StoredDraft {
            id: draft.id,
            audience: draft.audience,
            made_on: written::day(draft.made_on),
            text: draft.text,
            saved_at: draft.saved_at,
        }
    }
}

#[cfg(test)]
#[path = "say_it_tests.rs"]
mod tests;
