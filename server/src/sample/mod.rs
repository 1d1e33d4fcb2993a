//! Sample records for trying Village out: one area, "Riverside", with the
//! 2026-27 school year, England's bank holidays and about twenty groups that
//! mix term-time, all-year and holiday-only schedules, in person and online.
//! They are marked `is_sample` and the app labels them "Sample"; a production
//! start never adds them.

use app::{
    calendar::store::{NewGroup, NewVenue},
    storage::{Store, StoreError},
};
use chrono::{NaiveDate, NaiveTime, Weekday};
use village_core::{
    calendar::{
        Attendance, BankHoliday, Booking, BreakKind, DateRange, Exception, Focus, Format, Group,
        GroupId, GroupTimes, Joining, Reach, Recurrence, Schedule, ScheduleParts, SchoolYear,
        TermBehaviour, TermBreak, Venue, WeekOfMonth, Welcome, YearTerms,
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

/// The 2026-27 school year from the calendar issue, with England's bank holidays.
fn riverside_terms() -> Option<(YearTerms, Vec<(SchoolYear, BankHoliday)>)> {
    let year = SchoolYear::of_start(2026);
    let breaks = [
        (
            "October half term",
            BreakKind::HalfTerm,
            (2026, 10, 24),
            (2026, 11, 1),
        ),
        (
            "Christmas holidays",
            BreakKind::Holiday,
            (2026, 12, 19),
            (2027, 1, 4),
        ),
        (
            "February half term",
            BreakKind::HalfTerm,
            (2027, 2, 13),
            (2027, 2, 21),
        ),
        (
            "Easter holidays",
            BreakKind::Holiday,
            (2027, 3, 26),
            (2027, 4, 11),
        ),
        (
            "May half term",
            BreakKind::HalfTerm,
            (2027, 5, 29),
            (2027, 6, 6),
        ),
        (
            "Summer holidays",
            BreakKind::Holiday,
            (2027, 7, 22),
            (2027, 9, 1),
        ),
    ];
    let mut list = Vec::new();
    for (name, kind, (y1, m1, d1), (y2, m2, d2)) in breaks {
        list.push(TermBreak {
            name: name.to_owned(),
            kind,
            dates: DateRange::new(date(y1, m1, d1)?, date(y2, m2, d2)?).ok()?,
        });
    }
    let bank = [
        ((2026, 12, 25), "Christmas Day"),
        ((2026, 12, 28), "Boxing Day (substitute day)"),
        ((2027, 1, 1), "New Year's Day"),
        ((2027, 3, 26), "Good Friday"),
        ((2027, 3, 29), "Easter Monday"),
        ((2027, 5, 3), "Early May bank holiday"),
        ((2027, 5, 31), "Spring bank holiday"),
        ((2027, 8, 30), "Summer bank holiday"),
    ];
    let mut holidays = Vec::new();
    for ((y, m, d), name) in bank {
        holidays.push((
            year,
            BankHoliday {
                date: date(y, m, d)?,
                name: name.to_owned(),
            },
        ));
    }
    let terms = YearTerms {
        year,
        dates: DateRange::new(date(2026, 9, 3)?, date(2027, 9, 1)?).ok()?,
        breaks: list,
    };
    Some((terms, holidays))
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

/// Cancellations, an extra session and a moved one.
fn exceptions_of(id: &str) -> Option<Vec<Exception>> {
    Some(match id {
        "sample-tuesday-talk" => vec![
            Exception::Cancelled {
                date: date(2026, 12, 8)?,
                reason: "The hall is booked for the Christmas fair".to_owned(),
            },
            Exception::Extra {
                date: date(2026, 12, 22)?,
                starts: time(10, 0)?,
                ends: time(12, 0)?,
            },
        ],
        "sample-evening-circle" => vec![Exception::Cancelled {
            date: date(2027, 8, 4)?,
            reason: "Our facilitator is away; back the week after".to_owned(),
        }],
        "sample-baby-massage" => vec![Exception::Moved {
            from: date(2026, 12, 10)?,
            to: date(2026, 12, 11)?,
            starts: time(10, 0)?,
            ends: time(11, 0)?,
        }],
        _ => vec![],
    })
}

fn build(spec: &Spec) -> Option<NewGroup> {
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
                valid_from: date(2026, 9, 1)?,
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
    let times = GroupTimes::new(reach, schedules, exceptions_of(spec.id)?).ok()?;
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
    let course_start = (spec.format == Format::Course)
        .then(|| date(2027, 1, 13))
        .flatten();
    let group = Group {
        id: GroupId::parse(spec.id).ok()?,
        organisation_id: spec.organisation.to_owned(),
        organisation_name: String::new(),
        contact: "hello@example.org".to_owned(),
        area: (!national).then(|| AreaId::parse(AREA).ok()).flatten(),
        title: spec.title.to_owned(),
        description: spec.description.to_owned(),
        focus: spec.focus,
        format: spec.format,
        welcome: Welcome {
            pregnant: spec.welcome.contains('p'),
            babies: spec.welcome.contains('b'),
            toddlers: spec.welcome.contains('t'),
            partners: spec.welcome.contains('d'),
            child_age_months: spec.welcome.contains('t').then_some((0, 48)),
        },
        attendance: spec.attendance,
        venue: None,
        joining: Joining {
            details: joining,
            public_link: None,
        },
        cost_pence: spec.cost_pence,
        cost_note: if spec.cost_pence > 0 {
            "Pay on the day; nobody is turned away.".to_owned()
        } else {
            String::new()
        },
        booking: spec.booking,
        booking_how: if spec.booking == Booking::BookAhead {
            "Email hello@example.org to book a place.".to_owned()
        } else {
            String::new()
        },
        typical_size: "6 to 12 people".to_owned(),
        facilitated_by: "Trained volunteer parents".to_owned(),
        moderated: (spec.attendance == Attendance::Online).then_some(true),
        languages: vec!["English".to_owned()],
        taking_new_members: true,
        next_course_start: course_start,
        last_confirmed: date(2026, 11, 20)?,
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
pub async fn seed(store: &Store) -> Result<usize, StoreError> {
    let mut added = 0;
    let Ok(area) = AreaId::parse(AREA) else {
        tracing::error!("the sample area id does not parse");
        return Ok(0);
    };
    if store
        .insert_area(&area, "Riverside", Nation::England, true)
        .await?
    {
        added += 1;
        // Term dates only with a new area, so an edited sample is left alone.
        match riverside_terms() {
            Some((year, bank)) => store.replace_terms(&area, &[year], &bank).await?,
            None => tracing::error!("the sample term dates do not parse"),
        }
    }
    for (id, name, description) in ORGANISATIONS {
        let Ok(details) = OrganisationDetails::parse(name, description, None) else {
            tracing::error!(id, "sample organisation does not parse");
            continue;
        };
        if store.insert_organisation(id, &details, true).await? {
            added += 1;
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
            step_free,
            buggy_space,
            parking,
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
    added += services::add_services(store).await?;
    for spec in specs() {
        match build(&spec) {
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
mod tests {
    use super::*;
    use village_core::calendar::TermCalendar;

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
        for spec in &specs {
            assert!(spec.id.starts_with("sample-"), "{}", spec.id);
            assert!(build(spec).is_some(), "{} does not build", spec.id);
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
        let (year, bank) = riverside_terms().expect("the term dates parse");
        let holidays = bank.into_iter().map(|(_, h)| h).collect();
        assert!(TermCalendar::new(vec![year], holidays).is_ok());
    }
}
