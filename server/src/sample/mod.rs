//! Sample records for trying Village out: one area, "Riverside", with three
//! school years around today's (so the sample never goes stale), the bank
//! holidays of England and Wales and about twenty groups that
//! mix term-time, all-year and holiday-only schedules, in person and online.
//! They are marked `is_sample` and the app labels them "Sample"; a production
//! start never adds them.

use app::{
    calendar::store::NewGroup,
    storage::{Store, StoreError},
    venues::db::NewVenue,
};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use village_core::{
    calendar::{
        usual, Access, Attendance, BankHoliday, Booking, Contact, ContactWay, Cost, Day, Exception,
        Facts, Focus, Format, Group, GroupId, GroupTimes, Joining, Reach, Recurrence, RunBy,
        Schedule, ScheduleParts, SchoolYear, TermBehaviour, TermBreak, TermCalendar, Venue,
        WeekOfMonth, Welcome, YearTerms,
    },
    AreaId, Nation, OrganisationDetails,
};

mod services;

pub const AREA: &str = "sample-riverside";
const RIVERSIDE_PARENTS: &str = "sample-riverside-parents";
const BUMPS_ONLINE: &str = "sample-bumps-and-babies";
const DADS_TOGETHER: &str = "sample-dads-together";

const ORGANISATIONS: [(&str, &str, &str); 3] = [
    (
        RIVERSIDE_PARENTS,
        "Riverside Parents Together",
        "A small charity running friendly peer support groups for parents who are finding things hard.",
    ),
    (
        BUMPS_ONLINE,
        "Bumps and Babies Online",
        "Online peer support for parents-to-be and parents of babies, across the UK.",
    ),
    (
        DADS_TOGETHER,
        "Dads Together",
        "Peer support by dads, for dads and partners, in person and by phone.",
    ),
];

/// (id, name, address, town, postcode, step free, buggy space, parking, transport, notes)
type VenueSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    bool,
    bool,
    &'static str,
    &'static str,
);

const VENUES: [VenueSpec; 4] = [
    (
        "sample-st-marks-hall",
        "St Mark's Church Hall",
        "12 Church Lane",
        "Riverside",
        "RV1 2AB",
        true,
        true,
        false,
        "Bus 7 stops outside.",
        "Ramp at the side door. Baby changing in the accessible toilet.",
    ),
    (
        "sample-riverside-library",
        "Riverside Library, community room",
        "Market Square",
        "Riverside",
        "RV1 1AA",
        true,
        true,
        true,
        "Five minutes' walk from the station.",
        "Lift to the first floor. Quiet corner for feeding.",
    ),
    (
        "sample-hollybank-centre",
        "Hollybank Family Centre",
        "4 Hollybank Road",
        "Millbrook",
        "RV4 7HB",
        true,
        true,
        true,
        "Bus 12 from Riverside every 20 minutes.",
        "Free parking at the front. Soft play room.",
    ),
    (
        "sample-parkside-cafe",
        "The Parkside Café",
        "Riverside Park, Park Road",
        "Riverside",
        "RV2 3PK",
        false,
        true,
        false,
        "Bus 7 to Park Road.",
        "Two steps at the door; staff are happy to help with buggies.",
    ),
];

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn time(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

/// The dates the sample hangs on, worked out from today so that the sample
/// never goes stale: this school year, the one before and the one after in
/// the usual pattern, with the real bank holidays of England and Wales.
struct Dates {
    today: NaiveDate,
    /// The school year today is in.
    this_year: YearTerms,
    years: Vec<YearTerms>,
    bank: Vec<(SchoolYear, BankHoliday)>,
}

impl Dates {
    fn around(today: NaiveDate) -> Option<Self> {
        let this = usual::school_year_of(today)?.starts_in();
        let mut years = Vec::new();
        let mut bank = Vec::new();
        for start in [this - 1, this, this + 1] {
            let year = usual::usual_school_year(SchoolYear::of_start(start))?;
            for holiday in usual::bank_holidays_in(&year)? {
                bank.push((year.year, holiday));
            }
            years.push(year);
        }
        Some(Self {
            today,
            this_year: years.get(1)?.clone(),
            years,
            bank,
        })
    }

    fn starts_in(&self) -> i32 {
        self.this_year.year.starts_in()
    }

    /// The `nth` (from 1) `weekday` of a month of this school year.
    fn nth(&self, nth: u32, weekday: Weekday, month: u32) -> Option<NaiveDate> {
        let year = if month >= 9 {
            self.starts_in()
        } else {
            self.starts_in() + 1
        };
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, u8::try_from(nth).ok()?)
    }

    /// This school year's break of a name.
    fn break_named(&self, name: &str) -> Option<&TermBreak> {
        self.this_year.breaks.iter().find(|b| b.name == name)
    }

    /// The first term-time `weekday` at least `weeks` weeks from today.
    fn term_day_after(&self, weeks: i64, weekday: Weekday) -> Option<NaiveDate> {
        let calendar = TermCalendar::new(self.years.clone(), Vec::new()).ok()?;
        let mut day = self.today.checked_add_signed(Duration::weeks(weeks))?;
        for _ in 0..400 {
            if day.weekday() == weekday && calendar.day(day) == Day::Term {
                return Some(day);
            }
            day = day.succ_opt()?;
        }
        None
    }
}

/// How a sample group meets.
#[derive(Clone, Copy)]
enum Every {
    Week(Weekday),
    TwoWeeks(Weekday),
    Month(WeekOfMonth, Weekday),
}

struct Spec {
    id: &'static str,
    title: &'static str,
    organisation: &'static str,
    venue: Option<&'static str>,
    attendance: Attendance,
    focus: Focus,
    format: Format,
    /// p: pregnant, b: babies, t: toddlers, d: partners and dads
    welcome: &'static str,
    every: &'static [Every],
    hours: ((u32, u32), (u32, u32)),
    term: TermBehaviour,
    skips_bank_holidays: bool,
    cost_pence: u32,
    booking: Booking,
    description: &'static str,
}

/// The fields every sample group sets, grouped as where, what and when.
type Place = (Option<&'static str>, Attendance);
type What = (Focus, Format, &'static str);
type When = (&'static [Every], ((u32, u32), (u32, u32)), TermBehaviour);

const fn spec(
    id: &'static str,
    title: &'static str,
    organisation: &'static str,
    place: Place,
    what: What,
    when: When,
) -> Spec {
    let (venue, attendance) = place;
    let (focus, format, welcome) = what;
    let (every, hours, term) = when;
    Spec {
        id,
        title,
        organisation,
        venue,
        attendance,
        focus,
        format,
        welcome,
        every,
        hours,
        term,
        skips_bank_holidays: false,
        cost_pence: 0,
        booking: Booking::DropIn,
        description: "",
    }
}

use Attendance::{InPerson, Online, Phone};
use Every::{Month, TwoWeeks, Week};
use Focus::{General, MentalHealth};
use TermBehaviour::{AllYear, HolidaysOnly, TermTimeOnly};
use Weekday::{Fri, Mon, Sat, Thu, Tue, Wed};

fn specs() -> Vec<Spec> {
    let hall = Some("sample-st-marks-hall");
    let library = Some("sample-riverside-library");
    let hollybank = Some("sample-hollybank-centre");
    let cafe = Some("sample-parkside-cafe");
    vec![
        Spec {
            description: "A relaxed chat over tea for anyone finding pregnancy or life with a baby hard. Come as you are; babies are very welcome and crying is fine.",
            ..spec("sample-tuesday-talk", "Tuesday Talk and Tea", RIVERSIDE_PARENTS, (hall, InPerson), (MentalHealth, Format::Chat, "pb"), (&[Week(Tue)], ((10, 0), (11, 30)), TermTimeOnly))
        },
        Spec {
            booking: Booking::BookAhead,
            description: "An evening group for parents-to-be and their partners, to talk about how you are really feeling before the baby comes.",
            ..spec("sample-bump-buddies", "Bump Buddies", RIVERSIDE_PARENTS, (library, InPerson), (MentalHealth, Format::Chat, "pd"), (&[TwoWeeks(Thu)], ((18, 30), (20, 0)), AllYear))
        },
        Spec {
            skips_bank_holidays: true,
            description: "A gentle hour's walk round the park with buggies and slings, then a drink at the café if you like.",
            ..spec("sample-buggy-walk", "Buggy Walk and Talk", RIVERSIDE_PARENTS, (cafe, InPerson), (General, Format::Walk, "bt"), (&[Week(Fri)], ((10, 0), (11, 0)), AllYear))
        },
        Spec {
            skips_bank_holidays: true,
            cost_pence: 100,
            description: "Toys, songs and a cuppa for grown-ups. £1 a family, towards the snacks.",
            ..spec("sample-stay-and-play", "Stay and Play", RIVERSIDE_PARENTS, (hollybank, InPerson), (General, Format::Activity, "bt"), (&[Week(Mon)], ((9, 30), (11, 0)), TermTimeOnly))
        },
        Spec {
            description: "Play sessions in the school holidays, when the term-time groups have a break. Come for as long as you like.",
            ..spec("sample-holiday-play", "Holiday Play Mornings", RIVERSIDE_PARENTS, (hollybank, InPerson), (General, Format::Activity, "bt"), (&[Week(Wed)], ((10, 0), (12, 0)), HolidaysOnly))
        },
        Spec {
            description: "Bring a picnic, or just yourselves. Blankets, bubbles and other parents to talk to.",
            ..spec("sample-holiday-picnic", "Holiday Picnic in the Park", RIVERSIDE_PARENTS, (cafe, InPerson), (General, Format::Activity, "btd"), (&[Week(Thu)], ((12, 0), (14, 0)), HolidaysOnly))
        },
        Spec {
            description: "Bacon rolls, coffee and a chat for dads and partners, babies and toddlers in tow.",
            ..spec("sample-dads-breakfast", "Dads' Saturday Breakfast", DADS_TOGETHER, (cafe, InPerson), (General, Format::Chat, "btd"), (&[Month(WeekOfMonth::First, Sat)], ((9, 30), (11, 0)), AllYear))
        },
        Spec {
            booking: Booking::BookAhead,
            description: "Six weekly sessions on looking after your mood with a new baby, led by two mums who have been there. Babies welcome.",
            ..spec("sample-calmer-minds", "Calmer Minds course", RIVERSIDE_PARENTS, (library, InPerson), (MentalHealth, Format::Course, "b"), (&[Week(Wed)], ((13, 0), (14, 30)), TermTimeOnly))
        },
        Spec {
            cost_pence: 300,
            booking: Booking::BookAhead,
            description: "Learn simple baby massage in a warm, calm room. For babies from 6 weeks to crawling.",
            ..spec("sample-baby-massage", "Baby Massage", RIVERSIDE_PARENTS, (hollybank, InPerson), (General, Format::Activity, "b"), (&[Week(Thu)], ((10, 0), (11, 0)), TermTimeOnly))
        },
        Spec {
            skips_bank_holidays: true,
            description: "After the babies are in bed: a small, kind group for parents who are struggling. Partners welcome.",
            ..spec("sample-evening-circle", "Evening Circle for Parents", RIVERSIDE_PARENTS, (hall, InPerson), (MentalHealth, Format::Chat, "pbd"), (&[Week(Wed)], ((19, 0), (20, 30)), AllYear))
        },
        Spec {
            description: "Songs and rhymes for babies and toddlers, then time to chat.",
            ..spec("sample-rhyme-time", "Rhyme Time", RIVERSIDE_PARENTS, (library, InPerson), (General, Format::Activity, "bt"), (&[Week(Fri)], ((11, 0), (11, 45)), TermTimeOnly))
        },
        Spec {
            description: "For parents of twins, triplets and more: practical tips and people who understand.",
            ..spec("sample-twins", "Twins and Multiples", RIVERSIDE_PARENTS, (hollybank, InPerson), (General, Format::Chat, "pbt"), (&[Month(WeekOfMonth::Last, Tue)], ((13, 30), (15, 0)), AllYear))
        },
        Spec {
            skips_bank_holidays: true,
            description: "Peer support for anyone with anxiety, low mood or birth trauma, with a trained peer supporter.",
            ..spec("sample-perinatal-drop-in", "Perinatal Peer Support Drop-in", RIVERSIDE_PARENTS, (hollybank, InPerson), (MentalHealth, Format::Chat, "pb"), (&[TwoWeeks(Mon)], ((13, 0), (14, 30)), AllYear))
        },
        Spec {
            description: "Stories and a sing-song for toddlers, and a sit-down for you.",
            ..spec("sample-toddler-tales", "Toddler Tales", RIVERSIDE_PARENTS, (library, InPerson), (General, Format::Activity, "t"), (&[Week(Tue)], ((14, 0), (15, 0)), TermTimeOnly))
        },
        Spec {
            description: "A moderated online chat for the small hours, when everyone else is asleep.",
            ..spec("sample-night-owls", "Night Owls online chat", BUMPS_ONLINE, (None, Online), (MentalHealth, Format::Chat, "pb"), (&[Week(Mon), Week(Thu)], ((21, 0), (22, 0)), AllYear))
        },
        Spec {
            description: "A friendly video circle for parents-to-be and parents of babies. Cameras optional.",
            ..spec("sample-online-circle", "Bumps and Babies online circle", BUMPS_ONLINE, (None, Online), (MentalHealth, Format::Chat, "pb"), (&[Week(Wed)], ((11, 0), (12, 0)), AllYear))
        },
        Spec {
            description: "A phone group for dads and partners who are finding it tough. Just dial in.",
            ..spec("sample-dads-phone", "Dads' phone circle", DADS_TOGETHER, (None, Phone), (MentalHealth, Format::Chat, "d"), (&[TwoWeeks(Tue)], ((20, 0), (21, 0)), AllYear))
        },
        Spec {
            description: "A Saturday morning online coffee and chat for parents.",
            ..spec("sample-weekend-cafe", "Weekend online café", BUMPS_ONLINE, (None, Online), (General, Format::Chat, "pbtd"), (&[Week(Sat)], ((10, 0), (11, 0)), AllYear))
        },
        Spec {
            booking: Booking::BookAhead,
            description: "A six-week online course on anxiety after birth, run by parents who have recovered.",
            ..spec("sample-feeling-calmer", "Feeling Calmer online course", BUMPS_ONLINE, (None, Online), (MentalHealth, Format::Course, "pb"), (&[Week(Mon)], ((19, 30), (20, 30)), AllYear))
        },
        Spec {
            skips_bank_holidays: true,
            description: "Talk one to one with a trained volunteer parent by phone, in a booked half hour.",
            ..spec("sample-phone-a-peer", "Phone a Peer", BUMPS_ONLINE, (None, Phone), (MentalHealth, Format::Chat, "pbd"), (&[Week(Fri)], ((13, 0), (14, 0)), AllYear))
        },
    ]
}

/// Cancellations, an extra session and a moved one, in this school year: the
/// Tuesday talk is cancelled on the second Tuesday of December and meets in
/// the first week of the Christmas holidays; baby massage moves from the
/// second Thursday of December to the Friday; the evening circle misses the
/// first Wednesday of August.
fn exceptions_of(id: &str, dates: &Dates) -> Option<Vec<Exception>> {
    Some(match id {
        "sample-tuesday-talk" => vec![
            Exception::Cancelled {
                date: dates.nth(2, Tue, 12)?,
                reason: "The hall is booked for the Christmas fair".to_owned(),
            },
            Exception::Extra {
                date: first_on_or_after(
                    dates.break_named("Christmas holidays")?.dates.first(),
                    Tue,
                )?,
                starts: time(10, 0)?,
                ends: time(12, 0)?,
            },
        ],
        "sample-evening-circle" => vec![Exception::Cancelled {
            date: dates.nth(1, Wed, 8)?,
            reason: "Our facilitator is away; back the week after".to_owned(),
        }],
        "sample-baby-massage" => {
            let from = dates.nth(2, Thu, 12)?;
            vec![Exception::Moved {
                from,
                to: from.succ_opt()?,
                starts: time(10, 0)?,
                ends: time(11, 0)?,
            }]
        }
        _ => vec![],
    })
}

fn first_on_or_after(day: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + weekday.num_days_from_monday() - day.weekday().num_days_from_monday()) % 7;
    day.checked_add_signed(Duration::days(i64::from(ahead)))
}

fn build(spec: &Spec, dates: &Dates) -> Option<NewGroup> {
    let ((h1, m1), (h2, m2)) = spec.hours;
    let mut schedules = Vec::new();
    for every in spec.every {
        let recurrence = match *every {
            Week(weekday) => Recurrence::Weeks {
                interval: 1,
                weekday,
            },
            TwoWeeks(weekday) => Recurrence::Weeks {
                interval: 2,
                weekday,
            },
            Month(week, weekday) => Recurrence::Month { week, weekday },
        };
        schedules.push(
            Schedule::new(ScheduleParts {
                recurrence,
                starts: time(h1, m1)?,
                ends: time(h2, m2)?,
                valid_from: date(dates.starts_in(), 9, 1)?,
                valid_until: None,
                term_behaviour: spec.term,
                skips_bank_holidays: spec.skips_bank_holidays,
            })
            .ok()?,
        );
    }
    let national = spec.venue.is_none();
    let reach = if national {
        Reach::National
    } else {
        Reach::Area
    };
    let times = GroupTimes::new(reach, schedules, exceptions_of(spec.id, dates)?).ok()?;
    let (joining, link, public) = match spec.attendance {
        Attendance::InPerson => (String::new(), None, false),
        Attendance::Online if spec.id == "sample-online-circle" => (
            "Join on the video link a few minutes early.".to_owned(),
            Some("https://meet.example.org/bumps-and-babies".to_owned()),
            true,
        ),
        Attendance::Online => (
            "Contact the organiser to join: they will send you the link.".to_owned(),
            Some("https://meet.example.org/private-room".to_owned()),
            false,
        ),
        Attendance::Phone => (
            "Contact the organiser to join: they will give you the number to call.".to_owned(),
            None,
            false,
        ),
    };
    // The next course starts on a term-time Wednesday some five weeks ahead.
    let course_start = (spec.format == Format::Course)
        .then(|| dates.term_day_after(5, Wed))
        .flatten();
    let group = Group {
        id: GroupId::parse(spec.id).ok()?,
        organisation_id: spec.organisation.to_owned(),
        organisation_name: String::new(),
        area: (!national).then(|| AreaId::parse(AREA).ok()).flatten(),
        title: spec.title.to_owned(),
        description: spec.description.to_owned(),
        focus: spec.focus,
        welcome: Welcome {
            pregnant: spec.welcome.contains('p'),
            babies: spec.welcome.contains('b'),
            toddlers: spec.welcome.contains('t'),
            partners: spec.welcome.contains('d'),
            older_children: false,
            child_age_months: spec.welcome.contains('t').then_some((0, 48)),
        },
        attendance: spec.attendance,
        venue: None,
        joining: Joining {
            details: joining,
            public_link: None,
        },
        facts: Facts {
            format: Some(spec.format),
            cost: match spec.cost_pence {
                0 => Cost::Free,
                pence => Cost::Amount { pence },
            },
            cost_note: if spec.cost_pence > 0 {
                "Pay on the day; nobody is turned away.".to_owned()
            } else {
                String::new()
            },
            booking: Some(spec.booking),
            booking_how: if spec.booking == Booking::BookAhead {
                "Email hello@example.org to book a place.".to_owned()
            } else {
                String::new()
            },
            contact: Contact::parse(ContactWay::Email, "hello@example.org").ok(),
            languages: vec!["English".to_owned()],
            run_by: Some(RunBy::Peers),
            facilitated_by: "Trained volunteer parents".to_owned(),
            moderated: (spec.attendance == Attendance::Online).then_some(true),
            typical_size: "6 to 12 people".to_owned(),
            taking_new_members: Some(true),
            next_course_start: course_start,
            first_visit: if spec.attendance == Attendance::InPerson {
                "Someone from the group meets you at the door and shows you where the tea is. \
                 There is room for buggies, and you can just sit and listen."
                    .to_owned()
            } else {
                String::new()
            },
        },
        details_to_check: false,
        last_confirmed: dates.today.checked_sub_signed(Duration::days(17))?,
        is_sample: true,
        times,
    };
    Some(NewGroup {
        group,
        venue_id: spec.venue.map(str::to_owned),
        joining_link: link,
        joining_link_public: public,
    })
}

/// Adds any sample record that is missing and returns how many it added.
pub async fn seed(store: &Store, today: NaiveDate) -> Result<usize, StoreError> {
    let mut added = 0;
    let (Ok(area), Some(dates)) = (AreaId::parse(AREA), Dates::around(today)) else {
        tracing::error!(%today, "the sample area or its dates do not build");
        return Ok(0);
    };
    if store
        .insert_area(&area, "Riverside", Nation::England, true)
        .await?
    {
        added += 1;
    }
    // Only the school years the area does not have yet, so an edited sample is
    // left alone and an old sample database gains the years it needs.
    let calendars = store.term_calendars().await?;
    let known = calendars
        .get(&area)
        .map(TermCalendar::years)
        .unwrap_or_default();
    let missing: Vec<YearTerms> = dates
        .years
        .iter()
        .filter(|year| {
            !known
                .iter()
                .any(|k| k.year == year.year || k.dates.overlaps(&year.dates))
        })
        .cloned()
        .collect();
    if !missing.is_empty() {
        let bank: Vec<_> = dates
            .bank
            .iter()
            .filter(|(year, _)| missing.iter().any(|m| m.year == *year))
            .cloned()
            .collect();
        store.replace_terms(&area, (&missing, &bank), None).await?;
    }
    for (id, name, description) in ORGANISATIONS {
        let Ok(details) = OrganisationDetails::parse(name, description, None) else {
            tracing::error!(id, "sample organisation does not parse");
            continue;
        };
        if store.insert_organisation(id, &details, true).await? {
            added += 1;
            // The sample's national groups come from organisations an admin allowed.
            let national = specs()
                .iter()
                .any(|spec| spec.organisation == id && spec.venue.is_none());
            if national {
                store.allow_national_groups(id).await?;
            }
        }
    }
    for (id, name, address, town, postcode, step_free, buggy_space, parking, transport, notes) in
        VENUES
    {
        let venue = Venue {
            name: name.to_owned(),
            address: address.to_owned(),
            town: town.to_owned(),
            postcode: postcode.to_owned(),
            // The sample's venues say all they know; only baby changing and
            // buses are left for parents to ask about.
            access: Access {
                step_free: Some(step_free),
                buggy_space: Some(buggy_space),
                parking: Some(parking),
                ..Access::default()
            },
            public_transport: transport.to_owned(),
            notes: notes.to_owned(),
        };
        let new = NewVenue {
            id: id.to_owned(),
            organisation_id: RIVERSIDE_PARENTS.to_owned(),
            venue,
        };
        if store.insert_venue(&new).await? {
            added += 1;
        }
    }
    added += services::add_services(store, today).await?;
    for spec in specs() {
        match build(&spec, &dates) {
            Some(group) => {
                if store.insert_group(&group).await? {
                    added += 1;
                }
            }
            None => tracing::error!(id = spec.id, "sample group does not build"),
        }
    }
    Ok(added)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The day the tests' sample is built for: a Monday in term time.
    pub const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 7) {
        Some(day) => day,
        None => NaiveDate::MIN,
    };

    fn on(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn every_sample_record_builds() {
        assert!(AreaId::parse(AREA).is_ok());
        for (id, name, description) in ORGANISATIONS {
            assert!(id.starts_with("sample-"));
            assert!(
                OrganisationDetails::parse(name, description, None).is_ok(),
                "{id}"
            );
        }
        let specs = specs();
        assert!(specs.len() >= 20);
        let dates = Dates::around(TODAY).expect("dates");
        for spec in &specs {
            assert!(spec.id.starts_with("sample-"), "{}", spec.id);
            assert!(build(spec, &dates).is_some(), "{} does not build", spec.id);
            assert!(
                !spec.description.is_empty(),
                "{} needs a description",
                spec.id
            );
        }
        for behaviour in [AllYear, TermTimeOnly, HolidaysOnly] {
            assert!(
                specs.iter().any(|s| s.term == behaviour),
                "no {behaviour:?} group"
            );
        }
    }

    #[test]
    fn the_sample_of_7_december_2026_has_the_dates_the_tests_read() {
        let dates = Dates::around(TODAY).expect("dates");
        let talk = specs()
            .into_iter()
            .find(|s| s.id == "sample-tuesday-talk")
            .expect("talk");
        let group = build(&talk, &dates).expect("builds").group;
        assert_eq!(
            group.times.exceptions(),
            [
                Exception::Cancelled {
                    date: on(2026, 12, 8),
                    reason: "The hall is booked for the Christmas fair".to_owned()
                },
                Exception::Extra {
                    date: on(2026, 12, 22),
                    starts: time(10, 0).expect("a time"),
                    ends: time(12, 0).expect("a time"),
                },
            ]
        );
        assert_eq!(group.last_confirmed, on(2026, 11, 20));
        let course = specs()
            .into_iter()
            .find(|s| s.id == "sample-calmer-minds")
            .expect("course");
        let course = build(&course, &dates).expect("builds").group;
        assert_eq!(course.facts.next_course_start, Some(on(2027, 1, 13)));
        let years: Vec<_> = dates.years.iter().map(|y| y.year.to_string()).collect();
        assert_eq!(years, ["2025-26", "2026-27", "2027-28"]);
        assert_eq!(dates.this_year.dates.first(), on(2026, 9, 3));
    }

    /// Any day of any year from 2000 to 2100 gets a living sample: three school
    /// years that make a valid calendar, today inside the middle one, term
    /// dates known for most of a year ahead, every group built, and the next
    /// course starting on a later day in term.
    #[test]
    fn the_sample_lives_on_any_day() {
        let mut today = on(2000, 1, 1);
        while today < on(2100, 1, 1) {
            let dates = Dates::around(today).unwrap_or_else(|| panic!("no dates for {today}"));
            assert!(dates.this_year.dates.contains(today), "{today}");
            let holidays = dates.bank.iter().map(|(_, h)| h.clone()).collect();
            let calendar = TermCalendar::new(dates.years.clone(), holidays)
                .unwrap_or_else(|e| panic!("{today}: {e}"));
            // Term dates are known for most of a year ahead, whatever the day.
            assert!(
                calendar.known_until() > today.checked_add_signed(Duration::days(350)),
                "{today}"
            );
            for spec in specs() {
                let group =
                    build(&spec, &dates).unwrap_or_else(|| panic!("{} on {today}", spec.id));
                if let Some(start) = group.group.facts.next_course_start {
                    assert!(start > today && calendar.day(start) == Day::Term, "{today}");
                }
            }
            today = today.checked_add_signed(Duration::days(5)).expect("a day");
        }
    }
}
