//! Sample services for the directory: the real national crisis lines the
//! crisis card also offers (999, NHS 111's mental health option, Samaritans
//! and Shout, under their own organisations and not labelled Sample), and
//! about twenty made-up local and national services of every kind, labelled
//! Sample, whose numbers are in Ofcom's ranges reserved for drama so that no
//! real person is ever called by mistake.

use app::storage::{Store, StoreError};
use chrono::{Duration, NaiveDate, NaiveTime, Weekday};
use village_core::{
    directory::{
        Audience, Hours, Mode, Opening, Place, Referral, Service, ServiceCost, ServiceId,
        ServicePhone, Stage, Status, Topic,
    },
    AreaId, OrganisationDetails, PhoneNumber,
};

use super::{AREA, BUMPS_ONLINE, DADS_TOGETHER, RIVERSIDE_PARENTS};

/// A day some whole days before today: sample records are confirmed relative
/// to today, so that they age like real ones would and never go stale.
fn days_before(today: NaiveDate, days: i64) -> Option<NaiveDate> {
    today.checked_sub_signed(Duration::days(days))
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

fn every_day(opens: NaiveTime, closes: NaiveTime) -> Hours {
    Hours::Weekly(
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ]
        .into_iter()
        .map(|day| Opening { day, opens, closes })
        .collect(),
    )
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

const NHS: &str = "nhs";
const SAMARITANS: &str = "samaritans";
const SHOUT: &str = "shout";

/// The real organisations behind the real crisis lines: (id, name, about, website).
const REAL_ORGANISATIONS: [(&str, &str, &str, &str); 3] = [
    (
        NHS,
        "NHS",
        "The National Health Service: emergency care, NHS 111 and mental health services.",
        "https://www.nhs.uk",
    ),
    (
        SAMARITANS,
        "Samaritans",
        "A charity that listens, day or night, to anyone who is struggling.",
        "https://www.samaritans.org",
    ),
    (
        SHOUT,
        "Shout",
        "A free, confidential, 24/7 text messaging support service.",
        "https://giveusashout.org",
    ),
];

fn everyone() -> Vec<Audience> {
    vec![
        Audience::Mothers,
        Audience::Partners,
        Audience::Dads,
        Audience::Families,
    ]
}

fn steps(lines: &[&str]) -> Referral {
    Referral::Yourself {
        steps: lines.iter().map(|l| (*l).to_owned()).collect(),
    }
}

fn at(name: &str, address: &str, postcode: &str, accessibility: &[&str]) -> Option<Place> {
    Some(Place {
        name: name.into(),
        address: address.into(),
        address_2: String::new(),
        country: None,
        town: "Riverside".into(),
        postcode: postcode.into(),
        accessibility: accessibility.iter().map(|a| (*a).to_owned()).collect(),
    })
}

fn base(today: NaiveDate, id: &str, name: &str, organisation: &str) -> Option<Service> {
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
        hours_until: None,
        languages: vec!["English".to_owned()],
        eligibility: String::new(),
        cost: ServiceCost::Free,
        place: None,
        areas: Vec::new(),
        other_areas: Vec::new(),
        area_not_known: false,
        last_confirmed: Some(days_before(today, 36)?),
        is_sample: true,
    })
}

fn samples(today: NaiveDate) -> Option<Vec<Sample>> {
    let riverside = AreaId::parse(AREA).ok()?;
    let mut out = Vec::new();

    let mut s = base(today, "emergency-999", "Emergency: 999", "NHS")?;
    s.description = "If you or your baby are in danger now, or you feel you might act on thoughts of ending your life, call 999 or go to A&E.".into();
    s.phones = vec![phone("999", "Emergency", true, false)?];
    s.modes = vec![Mode::Phone];
    s.topics = vec![Topic::Crisis];
    s.crisis = true;
    s.hours = Hours::Always;
    s.audiences = everyone();
    s.referral = steps(&[
        "Call 999.",
        "Ask for an ambulance, and say what is happening.",
    ]);
    s.is_sample = false;
    out.push(Sample {
        organisation: NHS,
        service: s,
    });

    let mut s = base(
        today,
        "nhs-111-mental-health",
        "NHS 111, mental health option",
        "NHS",
    )?;
    s.description = "Urgent mental health help for you or someone you care about, at any time. A trained person will talk with you and can arrange the right care.".into();
    s.phones = vec![phone(
        "111",
        "Call and choose the mental health option",
        true,
        false,
    )?];
    s.modes = vec![Mode::Phone];
    s.topics = vec![Topic::Crisis];
    s.crisis = true;
    s.hours = Hours::Always;
    s.audiences = everyone();
    s.referral = steps(&[
        "Call 111, free, at any time.",
        "Choose the mental health option.",
    ]);
    s.is_sample = false;
    out.push(Sample {
        organisation: NHS,
        service: s,
    });

    let mut s = base(today, "samaritans", "Samaritans", "Samaritans")?;
    s.description = "Someone to talk to, day or night, about anything that is troubling you. You do not have to be suicidal to call.".into();
    s.phones = vec![phone("116 123", "Call free", true, false)?];
    s.url = Some("https://www.samaritans.org".into());
    s.modes = vec![Mode::Phone];
    s.topics = vec![Topic::Crisis];
    s.crisis = true;
    s.hours = Hours::Always;
    s.audiences = everyone();
    s.referral = steps(&[
        "Call 116 123, free, at any time.",
        "Say as much or as little as you like.",
    ]);
    s.is_sample = false;
    out.push(Sample {
        organisation: SAMARITANS,
        service: s,
    });

    let mut s = base(today, "shout", "Shout", "Shout")?;
    s.description =
        "A free, confidential text service for anyone who is struggling to cope.".into();
    s.phones = vec![phone("85258", "Text SHOUT", false, true)?];
    s.url = Some("https://giveusashout.org".into());
    s.modes = vec![Mode::Text];
    s.topics = vec![Topic::Crisis];
    s.crisis = true;
    s.hours = Hours::Always;
    s.audiences = everyone();
    s.referral = steps(&["Text SHOUT to 85258.", "A trained volunteer texts back."]);
    s.is_sample = false;
    out.push(Sample {
        organisation: SHOUT,
        service: s,
    });

    let mut s = base(
        today,
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
        today,
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
        address_2: String::new(),
        country: None,
        town: "Riverside".into(),
        postcode: "RV1 2AB".into(),
        accessibility: vec!["Step-free access".into(), "Baby changing".into()],
    });
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        today,
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
        address_2: String::new(),
        country: None,
        town: "Riverside".into(),
        postcode: "RV1 3CD".into(),
        accessibility: vec!["Step-free access".into(), "Buggy space".into()],
    });
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        today,
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
        today,
        "sample-perinatal-mental-health-team",
        "Riverside Perinatal Mental Health Team",
        "Riverside Parents Together",
    )?;
    s.description = "Specialist NHS care for moderate to severe mental illness in pregnancy and the first year.".into();
    s.modes = vec![Mode::InPerson, Mode::Phone];
    s.topics = vec![Topic::Depression, Topic::Anxiety];
    s.referral = Referral::ReferredBy { who: "Your midwife, health visitor or GP can refer you. Ask them at your next appointment, or call them.".into() };
    s.areas = vec![riverside.clone()];
    // Not confirmed for over a year, so shown as such.
    s.last_confirmed = Some(days_before(today, 646)?);
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(today, "sample-dads-line", "Dads Line", "Dads Together")?;
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
        today,
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

    let mut s = base(
        today,
        "sample-feeding-line",
        "Feeding Support Line",
        "Bumps and Babies Online",
    )?;
    s.description = "Volunteers trained in infant feeding answer questions about breastfeeding, bottle feeding and mixed feeding, with no judgement.".into();
    s.phones = vec![phone("0808 157 0100", "Feeding line", true, false)?];
    s.modes = vec![Mode::Phone];
    s.topics = vec![Topic::Feeding];
    s.audiences = everyone();
    s.stages = vec![Stage::Pregnancy, Stage::BirthToOne];
    s.hours = every_day(time(9, 30)?, time(21, 30)?);
    s.referral = steps(&[
        "Call the feeding line, free, any day.",
        "Tell the volunteer how feeding is going.",
    ]);
    out.push(Sample {
        organisation: BUMPS_ONLINE,
        service: s,
    });

    let mut s = base(
        today,
        "sample-gentle-hands",
        "Gentle Hands baby loss line",
        "Bumps and Babies Online",
    )?;
    s.description =
        "For anyone affected by miscarriage, stillbirth or the death of a baby, however long ago."
            .into();
    s.phones = vec![phone("0808 157 0111", "Support line", true, true)?];
    s.modes = vec![Mode::Phone, Mode::Text, Mode::Online];
    s.topics = vec![Topic::Loss];
    s.audiences = everyone();
    s.hours = weekdays(time(10, 0)?, time(15, 0)?);
    s.hours_note = "Weekdays 10am to 3pm, and Tuesday and Thursday evenings 6pm to 9pm.".into();
    s.referral = steps(&[
        "Call or text the support line.",
        "You can also join the online support group from the website.",
    ]);
    s.url = Some("https://example.org/gentle-hands".into());
    out.push(Sample {
        organisation: BUMPS_ONLINE,
        service: s,
    });

    let mut s = base(
        today,
        "sample-health-visiting",
        "Riverside Health Visiting Team",
        "Riverside Parents Together",
    )?;
    s.description = "Health visitors support every family with a baby or young child: feeding, sleep, your mood and how you are coping.".into();
    s.phones = vec![phone("01632 960 333", "Duty health visitor", true, false)?];
    s.modes = vec![Mode::Phone, Mode::InPerson];
    s.topics = vec![Topic::Depression, Topic::Anxiety];
    s.audiences = vec![Audience::Mothers, Audience::Partners, Audience::Families];
    s.stages = vec![Stage::BirthToOne, Stage::OneToTwo, Stage::Toddler];
    s.hours = weekdays(time(9, 0)?, time(17, 0)?);
    s.referral = steps(&[
        "Call the duty health visitor.",
        "Say you would like to talk about how you are feeling.",
    ]);
    s.areas = vec![riverside.clone()];
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        today,
        "sample-mother-and-baby-unit",
        "Riverside Mother and Baby Unit",
        "Riverside Parents Together",
    )?;
    s.description = "A hospital unit where mothers who are very unwell can stay with their baby while they get better.".into();
    s.modes = vec![Mode::InPerson];
    s.topics = vec![Topic::Depression];
    s.stages = vec![Stage::Pregnancy, Stage::BirthToOne];
    s.referral = Referral::ReferredBy { who: "The perinatal mental health team or a crisis team arranges a stay. Ask them if you think it would help.".into() };
    s.areas = vec![riverside.clone()];
    s.eligibility = "Mothers in the last weeks of pregnancy or with a baby under 1.".into();
    s.place = at(
        "Riverside Mother and Baby Unit",
        "3 Hospital Lane",
        "RV1 2AB",
        &["Step-free access", "Family room", "Parking for visitors"],
    );
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        today,
        "sample-crisis-team",
        "Riverside Crisis Team",
        "Riverside Parents Together",
    )?;
    s.description = "Urgent help at home from mental health nurses when things feel unbearable, as another way than going to hospital.".into();
    s.phones = vec![phone("01632 960 999", "Crisis line", true, false)?];
    s.modes = vec![Mode::Phone, Mode::InPerson];
    s.topics = vec![Topic::Crisis];
    s.crisis = true;
    s.hours = Hours::Always;
    s.audiences = everyone();
    s.referral = steps(&[
        "Call the crisis line at any time.",
        "Say that you have a baby or are pregnant.",
    ]);
    s.areas = vec![riverside.clone()];
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        today,
        "sample-maternal-mental-health",
        "Riverside Maternal Mental Health Service",
        "Riverside Parents Together",
    )?;
    s.description =
        "Therapy for fear of childbirth, and for trauma or loss around pregnancy and birth.".into();
    s.modes = vec![Mode::InPerson, Mode::Online];
    s.topics = vec![Topic::BirthTrauma, Topic::Loss, Topic::Anxiety];
    s.referral = Referral::ReferredBy {
        who: "Your midwife, GP or health visitor can refer you.".into(),
    };
    s.areas = vec![riverside.clone()];
    s.hours = weekdays(time(9, 0)?, time(17, 0)?);
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        today,
        "sample-parent-talk-online",
        "Parent Talk counselling",
        "Bumps and Babies Online",
    )?;
    s.description =
        "Six video sessions with a counsellor who specialises in pregnancy and early parenthood."
            .into();
    s.modes = vec![Mode::Online];
    s.topics = vec![Topic::Counselling, Topic::Anxiety, Topic::Depression];
    s.cost = ServiceCost::Described("£10 a session, or free if you get benefits".into());
    s.url = Some("https://example.org/parent-talk".into());
    s.email = Some("hello@example.org".into());
    s.referral = steps(&[
        "Fill in the short form on the website.",
        "We will email you within two working days to book your first session.",
    ]);
    s.hours_note = "Sessions from 8am to 8pm, Monday to Saturday.".into();
    s.audiences = vec![Audience::Mothers, Audience::Partners, Audience::Dads];
    out.push(Sample {
        organisation: BUMPS_ONLINE,
        service: s,
    });

    let mut s = base(
        today,
        "sample-home-visiting",
        "Home Visiting Volunteers",
        "Riverside Parents Together",
    )?;
    s.description = "A volunteer parent visits you at home each week for a cup of tea and a chat, and can come with you to groups.".into();
    s.phones = vec![phone("07700 900 444", "Coordinator", true, true)?];
    s.modes = vec![Mode::InPerson];
    s.topics = vec![Topic::PeerSupport];
    s.audiences = vec![Audience::Families, Audience::Mothers];
    s.referral = steps(&[
        "Call or text the coordinator.",
        "She will visit to meet you and find a volunteer who suits you.",
    ]);
    s.areas = vec![riverside.clone()];
    s.eligibility = "Families with a child under 5 in Riverside.".into();
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        today,
        "sample-sahara-mums",
        "Sahara Mums",
        "Riverside Parents Together",
    )?;
    s.description =
        "A friendly group for South Asian mums, in Urdu, Punjabi and English, with a crèche."
            .into();
    s.modes = vec![Mode::InPerson];
    s.topics = vec![Topic::PeerSupport];
    s.languages = vec!["Urdu".into(), "Punjabi".into(), "English".into()];
    s.referral = steps(&["Come along on a Thursday. Bring your baby or toddler."]);
    s.hours = Hours::Weekly(vec![Opening {
        day: Weekday::Thu,
        opens: time(13, 0)?,
        closes: time(15, 0)?,
    }]);
    s.areas = vec![riverside.clone()];
    s.place = at(
        "Hollybank Family Centre",
        "4 Hollybank Road",
        "RV4 7HB",
        &["Step-free access", "Crèche", "Prayer room"],
    );
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        today,
        "sample-calm-bump",
        "Calm Bump course",
        "Bumps and Babies Online",
    )?;
    s.description = "A free six-week online course on managing worry in pregnancy, with a small group and a trained facilitator.".into();
    s.modes = vec![Mode::Online];
    s.topics = vec![Topic::Anxiety];
    s.stages = vec![Stage::Pregnancy];
    s.url = Some("https://example.org/calm-bump".into());
    s.referral = steps(&[
        "Sign up on the website.",
        "Choose a start date that suits you.",
    ]);
    out.push(Sample {
        organisation: BUMPS_ONLINE,
        service: s,
    });

    let mut s = base(
        today,
        "sample-your-gp",
        "Your GP",
        "Riverside Parents Together",
    )?;
    s.description = "Your GP can talk with you about how you feel, suggest treatment and refer you to specialist help.".into();
    s.modes = vec![Mode::Phone, Mode::InPerson, Mode::Online];
    s.topics = vec![Topic::Depression, Topic::Anxiety];
    s.audiences = everyone();
    s.stages = vec![
        Stage::Pregnancy,
        Stage::BirthToOne,
        Stage::OneToTwo,
        Stage::Toddler,
    ];
    s.referral = steps(&[
        "Call your GP surgery or use its online form.",
        "Ask for an appointment about your mental health.",
        "You can bring someone with you.",
    ]);
    s.hours_note = "Surgery hours; NHS 111 at other times.".into();
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    let mut s = base(
        today,
        "sample-dads-group",
        "Riverside Dads Walk",
        "Dads Together",
    )?;
    s.description = "A monthly Saturday walk for dads and partners, with or without the baby in a sling or buggy.".into();
    s.modes = vec![Mode::InPerson];
    s.topics = vec![Topic::PeerSupport];
    s.audiences = vec![Audience::Dads, Audience::Partners];
    s.referral = steps(&["Meet at the park gates at 10am on the first Saturday of the month."]);
    s.hours_note = "First Saturday of the month, 10am to 11:30am.".into();
    s.areas = vec![riverside.clone()];
    s.place = at(
        "Riverside Park gates",
        "Park Road",
        "RV2 3PK",
        &["Flat paths, fine for buggies"],
    );
    out.push(Sample {
        organisation: DADS_TOGETHER,
        service: s,
    });

    let mut s = base(
        today,
        "sample-postnatal-yoga",
        "Postnatal Yoga (closed)",
        "Riverside Parents Together",
    )?;
    s.description =
        "Gentle yoga with your baby. This class has closed; the Family Hub lists others.".into();
    s.status = Status::Defunct;
    s.modes = vec![Mode::InPerson];
    s.cost = ServiceCost::Described("£6 a class".into());
    s.areas = vec![riverside.clone()];
    s.last_confirmed = Some(days_before(today, 462)?);
    out.push(Sample {
        organisation: RIVERSIDE_PARENTS,
        service: s,
    });

    Some(out)
}

/// Adds any sample service that is missing (an edited one is left alone)
/// and returns how many it added.
pub async fn add_services(store: &Store, today: NaiveDate) -> Result<usize, StoreError> {
    let Some(samples) = samples(today) else {
        tracing::error!("the sample services do not build");
        return Ok(0);
    };
    for (id, name, about, website) in REAL_ORGANISATIONS {
        match OrganisationDetails::parse(name, about, Some(website)) {
            Ok(details) => {
                store.insert_organisation(id, &details, false).await?;
            }
            Err(_) => tracing::error!(id, "an organisation of the crisis lines does not parse"),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Ofcom's number ranges reserved for drama, so that nobody is called.
    fn is_drama(digits: &str) -> bool {
        ["07700900", "08081570", "02079460", "01632960"]
            .iter()
            .any(|range| digits.starts_with(range))
    }

    #[test]
    fn about_twenty_five_services_of_every_kind_and_only_real_crisis_lines_are_real() {
        let samples = samples(crate::sample::tests::TODAY).expect("every sample service builds");
        assert!((22..=30).contains(&samples.len()), "{}", samples.len());
        let services: Vec<&Service> = samples.iter().map(|s| &s.service).collect();
        assert!(services.iter().any(|s| s.referral.is_self()));
        assert!(services.iter().any(|s| !s.referral.is_self()));
        assert!(
            services.iter().any(|s| s.is_national()) && services.iter().any(|s| !s.is_national())
        );
        assert!(services.iter().any(|s| !s.is_free()));
        for status in Status::ALL {
            assert!(
                services.iter().any(|s| s.status == *status) || *status == Status::Inactive,
                "{status:?}"
            );
        }
        for mode in Mode::ALL {
            assert!(services.iter().any(|s| s.modes.contains(mode)), "{mode:?}");
        }
        for topic in Topic::ALL {
            assert!(
                services.iter().any(|s| s.topics.contains(topic)),
                "{topic:?}"
            );
        }
        for audience in Audience::ALL {
            assert!(
                services.iter().any(|s| s.audiences.contains(audience)),
                "{audience:?}"
            );
        }
        let crisis_card: Vec<String> = village_core::crisis::HELP_LINES
            .iter()
            .filter_map(|line| line.number().map(|n| n.dial()))
            .collect();
        for s in &services {
            for phone in &s.phones {
                let digits = phone.number.dial();
                if s.is_sample {
                    assert!(
                        is_drama(&digits),
                        "{} uses {digits}, outside the drama ranges",
                        s.id
                    );
                } else {
                    assert!(s.crisis, "{} is real, so it must be a crisis line", s.id);
                    assert!(
                        crisis_card.contains(&digits),
                        "{} ({digits}) is on the crisis card",
                        s.id
                    );
                }
            }
        }
        let real: Vec<&str> = services
            .iter()
            .filter(|s| !s.is_sample)
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(
            real,
            [
                "emergency-999",
                "nhs-111-mental-health",
                "samaritans",
                "shout"
            ]
        );
    }
}
