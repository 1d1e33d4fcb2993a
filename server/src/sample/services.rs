//! Sample services for the directory: the national crisis lines the crisis
//! card also offers (real numbers, checked by the core's tests), and made-up
//! local and national services whose numbers are in Ofcom's range reserved
//! for drama, so that no real person is ever called by mistake.

use app::storage::{Store, StoreError};
use chrono::{NaiveDate, NaiveTime, Weekday};
use village_core::{
    directory::{
        Audience, Hours, Mode, Opening, Place, Referral, Service, ServiceId, ServicePhone, Stage,
        Status, Topic,
    },
    AreaId, PhoneNumber,
};

use super::{AREA, BUMPS_ONLINE, DADS_TOGETHER, RIVERSIDE_PARENTS};

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn time(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

fn phone(number: &str, label: &str, call: bool, text: bool) -> Option<ServicePhone> {
    Some(ServicePhone {
        number: PhoneNumber::parse(number).ok()?,
        label: label.to_owned(),
        call,
        text,
    })
}

fn weekdays(opens: NaiveTime, closes: NaiveTime) -> Hours {
    Hours::Weekly(
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .map(|day| Opening { day, opens, closes })
        .collect(),
    )
}

struct Sample {
    organisation: &'static str,
    service: Service,
}

fn base(id: &str, name: &str, organisation: &str) -> Option<Service> {
    Some(Service {
        id: ServiceId::parse(id).ok()?,
        name: name.to_owned(),
        organisation: organisation.to_owned(),
        description: String::new(),
        status: Status::Active,
        url: None,
        email: None,
        phones: Vec::new(),
        referral: Referral::Yourself { steps: Vec::new() },
        audiences: vec![Audience::Mothers],
        stages: vec![Stage::Pregnancy, Stage::BirthToOne, Stage::OneToTwo],
        modes: Vec::new(),
        topics: Vec::new(),
        crisis: false,
        hours: Hours::Unknown,
        hours_note: String::new(),
        languages: vec!["English".to_owned()],
        eligibility: String::new(),
        cost: None,
        place: None,
        areas: Vec::new(),
        last_confirmed: day(2026, 11, 1)?,
        is_sample: true,
    })
}

fn samples() -> Option<Vec<Sample>> {
    let riverside = AreaId::parse(AREA).ok()?;
    let mut out = Vec::new();

    let mut s = base(
        "sample-samaritans",
        "Samaritans",
        "Riverside Parents Together",
    )?;
    s.description = "Someone to talk to, day or night, about anything that is troubling you. You do not have to be suicidal to call.".into();
    s.phones = vec![phone("116 123", "Call free", true, false)?];
    s.modes = vec![Mode::Phone];
    s.topics = vec![Topic::Crisis];
    s.crisis = true;
    s.hours = Hours::Always;
    s.audiences = vec![
        Audience::Mothers,
        Audience::Partners,
        Audience::Dads,
        Audience::Families,
    ];
    s.referral = Referral::Yourself {
        steps: vec![
            "Call 116 123, free, at any time.".into(),
            "Say as much or as little as you like.".into(),
        ],
    };
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base("sample-shout", "Shout", "Riverside Parents Together")?;
    s.description =
        "A free, confidential text service for anyone who is struggling to cope.".into();
    s.phones = vec![phone("85258", "Text SHOUT", false, true)?];
    s.modes = vec![Mode::Text];
    s.topics = vec![Topic::Crisis];
    s.crisis = true;
    s.hours = Hours::Always;
    s.audiences = vec![
        Audience::Mothers,
        Audience::Partners,
        Audience::Dads,
        Audience::Families,
    ];
    s.referral = Referral::Yourself {
        steps: vec![
            "Text SHOUT to 85258.".into(),
            "A trained volunteer texts back.".into(),
        ],
    };
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        "sample-perinatal-peer-line",
        "Perinatal Peer Line",
        "Bumps and Babies Online",
    )?;
    s.description = "Talk to a trained volunteer who has been through anxiety or depression in pregnancy or after birth.".into();
    s.phones = vec![phone("020 7946 0123", "Peer line", true, true)?];
    s.modes = vec![Mode::Phone, Mode::Text, Mode::Online];
    s.topics = vec![Topic::PeerSupport, Topic::Anxiety, Topic::Depression];
    s.hours = weekdays(time(10, 0)?, time(20, 0)?);
    s.hours_note =
        "Weekdays 10am to 8pm. Leave a message at other times and we will call back.".into();
    s.referral = Referral::Yourself {
        steps: vec![
            "Call or text the peer line.".into(),
            "Say you would like to talk to a peer supporter.".into(),
            "We will arrange a call at a time that suits you.".into(),
        ],
    };
    s.languages = vec!["English".into(), "Polish".into(), "Urdu".into()];
    out.push(Sample {
        organisation: BUMPS_ONLINE,
        service: s,
    });

    let mut s = base(
        "sample-birth-reflections",
        "Birth Reflections",
        "Riverside Parents Together",
    )?;
    s.description =
        "Talk through a difficult or traumatic birth with a midwife, at your own pace.".into();
    s.phones = vec![phone("01632 960 111", "Appointments", true, false)?];
    s.modes = vec![Mode::InPerson, Mode::Phone];
    s.topics = vec![Topic::BirthTrauma];
    s.referral = Referral::Yourself {
        steps: vec![
            "Call the appointments line.".into(),
            "Ask for a Birth Reflections appointment.".into(),
            "Bring someone with you if you like.".into(),
        ],
    };
    s.hours = weekdays(time(9, 0)?, time(17, 0)?);
    s.areas = vec![riverside.clone()];
    s.place = Some(Place {
        name: "Riverside Maternity Unit".into(),
        address: "1 Hospital Lane".into(),
        town: "Riverside".into(),
        postcode: "RV1 2AB".into(),
        accessibility: vec!["Step-free access".into(), "Baby changing".into()],
    });
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        "sample-feeding-cafe",
        "Riverside Feeding Café",
        "Riverside Parents Together",
    )?;
    s.description =
        "Drop in for help with breastfeeding, bottle feeding or both, and a cup of tea.".into();
    s.modes = vec![Mode::InPerson];
    s.topics = vec![Topic::Feeding, Topic::PeerSupport];
    s.referral = Referral::Yourself {
        steps: vec!["Just come along on a Wednesday morning.".into()],
    };
    s.hours = Hours::Weekly(vec![Opening {
        day: Weekday::Wed,
        opens: time(10, 0)?,
        closes: time(12, 0)?,
    }]);
    s.areas = vec![riverside.clone()];
    s.place = Some(Place {
        name: "Riverside Family Hub".into(),
        address: "12 Mill Street".into(),
        town: "Riverside".into(),
        postcode: "RV1 3CD".into(),
        accessibility: vec!["Step-free access".into(), "Buggy space".into()],
    });
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        "sample-talking-therapies",
        "Riverside Talking Therapies",
        "Riverside Parents Together",
    )?;
    s.description = "NHS talking therapy for anxiety and depression. Pregnant women and new parents are seen sooner.".into();
    s.phones = vec![phone("01632 960 222", "Self-referral line", true, false)?];
    s.url = Some("https://example.org/talking-therapies".into());
    s.modes = vec![Mode::Phone, Mode::Online, Mode::InPerson];
    s.topics = vec![Topic::Counselling, Topic::Anxiety, Topic::Depression];
    s.referral = Referral::Yourself {
        steps: vec![
            "Fill in the online form, or call the self-referral line.".into(),
            "Say that you are pregnant or have a baby under 2.".into(),
            "A therapist will call you to talk about what would help.".into(),
        ],
    };
    s.hours = weekdays(time(9, 0)?, time(17, 0)?);
    s.areas = vec![riverside.clone()];
    s.eligibility = "Aged 18 or over and registered with a GP in Riverside.".into();
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        "sample-perinatal-mental-health-team",
        "Riverside Perinatal Mental Health Team",
        "Riverside Parents Together",
    )?;
    s.description = "Specialist NHS care for moderate to severe mental illness in pregnancy and the first year.".into();
    s.modes = vec![Mode::InPerson, Mode::Phone];
    s.topics = vec![Topic::Depression, Topic::Anxiety];
    s.referral = Referral::ReferredBy { who: "Your midwife, health visitor or GP can refer you. Ask them at your next appointment, or call them.".into() };
    s.areas = vec![riverside.clone()];
    s.last_confirmed = day(2025, 3, 1)?;
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base("sample-dads-line", "Dads Line", "Dads Together")?;
    s.description =
        "A phone and text line run by dads, for dads and partners who are finding things hard."
            .into();
    s.phones = vec![phone("020 7946 0456", "Dads Line", true, true)?];
    s.modes = vec![Mode::Phone, Mode::Text];
    s.topics = vec![Topic::PeerSupport];
    s.audiences = vec![Audience::Dads, Audience::Partners];
    s.hours = Hours::Weekly(vec![
        Opening {
            day: Weekday::Mon,
            opens: time(19, 0)?,
            closes: time(22, 0)?,
        },
        Opening {
            day: Weekday::Thu,
            opens: time(19, 0)?,
            closes: time(22, 0)?,
        },
    ]);
    s.referral = Referral::Yourself {
        steps: vec!["Call or text on Monday or Thursday evening.".into()],
    };
    out.push(Sample {
        organisation: DADS_TOGETHER,
        service: s,
    });

    let mut s = base(
        "sample-bumps-chat",
        "Bumps Chat (paused)",
        "Bumps and Babies Online",
    )?;
    s.description = "An online chat for parents-to-be. Paused while we find new volunteers.".into();
    s.status = Status::TemporarilyClosed;
    s.modes = vec![Mode::Online];
    s.topics = vec![Topic::PeerSupport];
    out.push(Sample {
        organisation: BUMPS_ONLINE,
        service: s,
    });

    Some(out)
}

/// Adds any sample service that is missing (an edited one is left alone)
/// and returns how many it added.
pub async fn add_services(store: &Store) -> Result<usize, StoreError> {
    let Some(samples) = samples() else {
        tracing::error!("the sample services do not build");
        return Ok(0);
    };
    let existing: Vec<ServiceId> = store.services().await?.into_iter().map(|s| s.id).collect();
    let mut added = 0;
    for sample in samples.iter().filter(|s| !existing.contains(&s.service.id)) {
        store
            .put_service(sample.organisation, &sample.service)
            .await?;
        added += 1;
    }
    Ok(added)
}
