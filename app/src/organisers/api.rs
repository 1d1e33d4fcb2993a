//! The organisers' page data: only what the signed-in account may change.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::{AuditEntry, PendingChange};
use crate::AppError;

/// A service an organiser keeps current.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceLine {
    pub id: String,
    pub name: String,
    /// "1 November 2026".
    pub last_confirmed: String,
    pub stale: bool,
}

/// A group an organiser runs, with its next sessions that can be cancelled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupLine {
    pub id: String,
    pub title: String,
    /// (YYYY-MM-DD, "Tuesday 1 December, 10:00")
    pub sessions: Vec<(String, String)>,
    /// Saved with facts nobody gave: an organiser should check them.
    pub details_to_check: bool,
    /// "1 June 2026"
    pub last_confirmed: String,
    /// "Not confirmed since …" as parents see it, when it is shown.
    pub freshness: Option<String>,
}

/// The organisers' home for the signed-in account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Home {
    pub email: String,
    pub role: String,
    pub organisation: Option<String>,
    pub is_admin: bool,
    pub services: Vec<ServiceLine>,
    pub groups: Vec<GroupLine>,
    /// For admins: the latest changes.
    pub audit: Vec<AuditEntry>,
    /// For admins: every organisation (id, name), to invite people to.
    pub organisations: Vec<(String, String)>,
    /// Changes waiting for an admin: all of them for admins; for an
    /// organiser, those to their own services.
    pub pending: Vec<PendingChange>,
    /// Services and groups that need confirming, oldest first: (name, last
    /// confirmed, as "1 June 2026").
    pub to_confirm: Vec<(String, String)>,
    /// Whether two-step sign-in is on for this account.
    pub two_step: bool,
    /// Open reports from parents about the listings the account keeps (all
    /// of them, for admins), most serious first.
    pub reports: Vec<village_core::report::ListingReports>,
    /// For admins: every area and how far its term dates go.
    pub areas: Vec<AreaLine>,
    /// For admins: every organisation's details, to change them.
    pub organisation_details: Vec<crate::organisations::Organisation>,
    /// The venues the account keeps (every venue, for admins).
    pub venues: Vec<crate::venues::api::VenueLine>,
    /// For admins: every account, to turn off, sign out or reset.
    pub accounts: Vec<AccountRow>,
    /// This page's key for its forms (see [`super::OnceField`]).
    pub form_key: String,
}

/// An account on the admin's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: String,
    pub email: String,
    /// "Admin" or "Organiser, Riverside Parents Together".
    pub role: String,
    pub is_organiser: bool,
    pub disabled: bool,
    pub two_step: bool,
    /// The account viewing the page (it cannot change itself here).
    pub is_you: bool,
}

/// An area on the admin's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaLine {
    pub id: String,
    pub name: String,
    /// "Term dates known until 22 July 2027 (2026/27)." or that none are.
    pub terms: String,
    /// What term-time groups there do on INSET days.
    pub inset: String,
}

/// How far ahead sessions are offered for cancelling.
#[cfg(feature = "ssr")]
const CANCEL_WINDOW_DAYS: u32 = 56;

/// `None` when nobody is signed in.
/// The open reports about the listings `user` keeps, gathered by listing
/// and ordered for the to-do list. Reports about listings no longer
/// published are left out.
#[cfg(feature = "ssr")]
async fn listing_reports(
    store: &crate::storage::Store,
    published: &crate::storage::Published,
    records: &[village_core::directory::hsds::Record],
    user: &crate::accounts::User,
) -> Result<Vec<village_core::report::ListingReports>, AppError> {
    use village_core::report::{order, ListingKind, ListingReports};

    let mut listings: Vec<ListingReports> = Vec::new();
    for report in store.open_reports().await? {
        let at = listings
            .iter()
            .position(|l| l.kind == report.kind && l.id == report.listing_id);
        let at = match at {
            Some(at) => at,
            None => {
                let found = match report.kind {
                    ListingKind::Group => {
                        village_core::calendar::GroupId::parse(&report.listing_id)
                            .ok()
                            .and_then(|id| published.group(&id).cloned())
                            .filter(|g| user.may_edit(&g.organisation_id))
                            .map(|g| (g.title.clone(), false))
                    }
                    ListingKind::Service => records
                        .iter()
                        .find(|r| r.service.id.as_str() == report.listing_id)
                        .map(|r| (r.service.name.clone(), r.service.crisis)),
                };
                let Some((name, crisis)) = found else {
                    continue;
                };
                listings.push(ListingReports {
                    kind: report.kind,
                    id: report.listing_id.clone(),
                    name,
                    crisis,
                    reports: Vec::new(),
                    newest: report.id,
                });
                listings.len() - 1
            }
        };
        let listing = &mut listings[at];
        listing.newest = listing.newest.max(report.id);
        listing
            .reports
            .push((report.problem, report.words, report.made_at));
    }
    order(&mut listings);
    Ok(listings)
}

#[server(prefix = "/rpc", endpoint = "organisers/home", input = GetUrl)]
pub async fn organiser_home() -> Result<Option<Home>, AppError> {
    use crate::{accounts::SignedIn, site::Today};
    use village_core::{
        calendar::{expand, DateWindow},
        written,
    };

    let signed_in = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<SignedIn>().cloned());
    let Some(SignedIn { user, .. }) = signed_in else {
        return Ok(None);
    };
    let store = crate::storage::use_store()?;
    let today = use_context::<Today>().ok_or(AppError::Internal)?.0;
    let published = store.published().await?;
    let organisation = match &user.organisation_id {
        Some(id) => store.organisation(id).await?.map(|o| o.name),
        None => None,
    };
    let records: Vec<_> = store
        .service_records()
        .await?
        .into_iter()
        .filter(|r| user.may_edit(&r.organisation_id))
        .collect();
    // What needs confirming, oldest first: services a year old, and groups
    // parents are told are not confirmed lately.
    // Never confirmed comes first (`None` sorts before any day).
    let mut to_confirm: Vec<(Option<chrono::NaiveDate>, String)> = records
        .iter()
        .filter(|r| r.service.is_stale(today) || r.service.is_unconfirmed())
        .map(|r| (r.service.last_confirmed, r.service.name.clone()))
        .chain(
            published
                .groups()
                .iter()
                .filter(|g| user.may_edit(&g.organisation_id))
                .filter(|g| g.freshness(today) != village_core::calendar::Freshness::Confirmed)
                .map(|g| (Some(g.last_confirmed), g.title.clone())),
        )
        .collect();
    to_confirm.sort();
    let reports = listing_reports(&store, &published, &records, &user).await?;
    let services: Vec<ServiceLine> = records
        .into_iter()
        .map(|r| ServiceLine {
            id: r.service.id.to_string(),
            stale: r.service.is_stale(today),
            // Empty: not yet confirmed by anyone.
            last_confirmed: r
                .service
                .last_confirmed
                .map(village_core::written::long_day)
                .unwrap_or_default(),
            name: r.service.name,
        })
        .collect();
    let window = DateWindow::days(today, CANCEL_WINDOW_DAYS).map_err(|_| AppError::Internal)?;
    let mut groups: Vec<GroupLine> = published
        .groups()
        .iter()
        .filter(|g| user.may_edit(&g.organisation_id))
        .map(|g| GroupLine {
            id: g.id.to_string(),
            title: g.title.clone(),
            sessions: expand(&g.times, published.terms_of(g), window)
                .into_iter()
                .filter(|o| o.is_running())
                .map(|o| {
                    (
                        written::day(o.date),
                        super::text::session_when(o.date, o.starts),
                    )
                })
                .collect(),
            details_to_check: g.details_to_check,
            last_confirmed: written::long_day(g.last_confirmed),
            freshness: g.freshness(today).note(),
        })
        .collect();
    // Groups whose details need checking come first, then those parents
    // are told are not confirmed lately, oldest first.
    let confirmed: std::collections::HashMap<String, chrono::NaiveDate> = published
        .groups()
        .iter()
        .map(|g| (g.id.to_string(), g.last_confirmed))
        .collect();
    groups.sort_by_key(|g| {
        (
            !g.details_to_check,
            g.freshness.is_none(),
            confirmed.get(&g.id).copied(),
        )
    });
    let pending = store
        .pending_changes()
        .await?
        .into_iter()
        .filter(|p| match p.item_kind.as_str() {
            "group" => groups.iter().any(|g: &GroupLine| g.id == p.item_id),
            _ => services.iter().any(|s: &ServiceLine| s.id == p.item_id),
        })
        .collect();
    let areas = if user.is_admin() {
        published
            .areas
            .iter()
            .map(|a| {
                let years = published.terms(&a.id).years();
                let terms = match years.last() {
                    Some(last) => super::text::terms_until(
                        &village_core::written::long_day(last.dates.last()),
                        &years
                            .iter()
                            .map(|y| y.year.to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    None => super::text::NO_TERMS.to_owned(),
                };
                let inset = if published.terms(&a.id).inset_days_are_breaks() {
                    super::text::INSET_DAYS_ARE_BREAKS
                } else {
                    super::text::INSET_DAYS_ARE_TERM
                }
                .to_owned();
                AreaLine {
                    id: a.id.to_string(),
                    name: a.name.clone(),
                    terms,
                    inset,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let (audit, organisation_details) = if user.is_admin() {
        (store.audit_entries(50).await?, store.organisations().await?)
    } else {
        (Vec::new(), Vec::new())
    };
    let organisations = organisation_details
        .iter()
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect();
    Ok(Some(Home {
        reports,
        email: user.email.to_string(),
        role: user.role.label().to_owned(),
        organisation,
        is_admin: user.is_admin(),
        services,
        groups,
        audit,
        organisations,
        pending,
        two_step: store.two_step(&user.id).await?.secret.is_some(),
        to_confirm: to_confirm
            .into_iter()
            // An empty day: not yet confirmed.
            .map(|(day, name)| {
                (
                    name,
                    day.map(village_core::written::long_day).unwrap_or_default(),
                )
            })
            .collect(),
        areas,
        organisation_details,
        accounts: if user.is_admin() {
            let names: std::collections::HashMap<String, String> = store
                .organisations()
                .await?
                .into_iter()
                .map(|o| (o.id, o.name))
                .collect();
            store
                .accounts()
                .await?
                .into_iter()
                .map(|a| AccountRow {
                    is_you: a.id == user.id,
                    role: match &a.organisation_id {
                        Some(org) => format!(
                            "{}, {}",
                            a.role.label(),
                            names.get(org).map_or(org.as_str(), String::as_str)
                        ),
                        None => a.role.label().to_owned(),
                    },
                    is_organiser: a.organisation_id.is_some(),
                    id: a.id,
                    email: a.email,
                    disabled: a.disabled,
                    two_step: a.two_step,
                })
                .collect()
        } else {
            Vec::new()
        },
        venues: store
            .venue_records(
                (!user.is_admin()).then_some(user.organisation_id.as_deref().unwrap_or("")),
            )
            .await?
            .iter()
            .map(|record| crate::venues::api::venue_line(record, user.is_admin()))
            .collect(),
        form_key: crate::storage::write_once::form_key(&user.id),
    }))
}

/// What the "Add a weekly group" form offers the signed-in account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupChoices {
    /// (id, name)
    pub areas: Vec<(String, String)>,
    /// Admins choose the organisation; an organiser has only their own.
    pub organisations: Vec<(String, String)>,
    /// (id, "Venue, town" — with the organisation for admins)
    pub venues: Vec<(String, String)>,
    pub is_admin: bool,
    /// This page's key for its form (see [`super::OnceField`]).
    pub form_key: String,
}

/// `None` when nobody is signed in.
#[server(prefix = "/rpc", endpoint = "organisers/new-group", input = GetUrl)]
pub async fn new_group_choices() -> Result<Option<GroupChoices>, AppError> {
    use crate::accounts::SignedIn;

    let signed_in = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<SignedIn>().cloned());
    let Some(SignedIn { user, .. }) = signed_in else {
        return Ok(None);
    };
    let store = crate::storage::use_store()?;
    let published = store.published().await?;
    let areas = published
        .areas
        .iter()
        .map(|a| (a.id.to_string(), a.name.clone()))
        .collect();
    let theirs: Vec<_> = store
        .organisations()
        .await?
        .into_iter()
        .filter(|o| user.may_edit(&o.id))
        .collect();
    // Every area, for admins and organisations an admin has allowed.
    let mut areas: Vec<(String, String)> = areas;
    if user.is_admin() || theirs.iter().any(|o| o.publishes_nationally) {
        areas.push(("national".to_owned(), super::text::NATIONAL.to_owned()));
    }
    let organisations: Vec<(String, String)> = theirs.into_iter().map(|o| (o.id, o.name)).collect();
    let mut venues = Vec::new();
    for (id, name) in &organisations {
        for (venue, venue_name) in store.venues_of(id).await? {
            let label = if user.is_admin() {
                format!("{venue_name} ({name})")
            } else {
                venue_name
            };
            venues.push((venue, label));
        }
    }
    Ok(Some(GroupChoices {
        areas,
        organisations,
        venues,
        is_admin: user.is_admin(),
        form_key: crate::storage::write_once::form_key(&user.id),
    }))
}

/// A group as its edit form shows it: the form's starting values (as the
/// form would send them), and its times described.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditableGroup {
    pub id: String,
    pub title: String,
    pub values: Vec<(String, String)>,
    /// "Every Tuesday, 10:00 to 11:30, in term time only."
    pub times: Vec<String>,
    /// (`venue:<id>`, "Venue, town")
    pub venues: Vec<(String, String)>,
    /// A joining link waiting for an admin.
    pub waiting_link: Option<String>,
    /// A new contact waiting for an admin, in words.
    pub waiting_contact: Option<String>,
    pub is_admin: bool,
    /// This page's key for its form (see [`super::OnceField`]).
    pub form_key: String,
}

/// `None` when nobody is signed in; not found when the group is not theirs.
#[server(prefix = "/rpc", endpoint = "organisers/group", input = GetUrl)]
pub async fn group_editor(id: String) -> Result<Option<EditableGroup>, AppError> {
    use crate::accounts::SignedIn;
    use village_core::calendar::{edit::FactsForm, Attendance, Focus, GroupId};

    let signed_in = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<SignedIn>().cloned());
    let Some(SignedIn { user, .. }) = signed_in else {
        return Ok(None);
    };
    let id = GroupId::parse(&id).map_err(|_| AppError::NotFound)?;
    let store = crate::storage::use_store()?;
    let today = use_context::<crate::site::Today>()
        .ok_or(AppError::Internal)?
        .0;
    let published = store.published().await?;
    let group = published
        .group(&id)
        .filter(|g| user.may_edit(&g.organisation_id))
        .ok_or(AppError::NotFound)?;
    let backstage = store
        .group_backstage(&id)
        .await?
        .ok_or(AppError::NotFound)?;
    let place = match (group.attendance, &backstage.venue_id) {
        (Attendance::Online, _) => "online".to_owned(),
        (Attendance::Phone, _) => "phone".to_owned(),
        (Attendance::InPerson, venue) => format!("venue:{}", venue.clone().unwrap_or_default()),
    };
    let on = |yes: bool| if yes { "on" } else { "" }.to_owned();
    let mut values = vec![
        ("title".to_owned(), group.title.clone()),
        ("description".to_owned(), group.description.clone()),
        ("place".to_owned(), place),
        ("joining".to_owned(), group.joining.details.clone()),
        (
            "joining_link".to_owned(),
            backstage.link.link.clone().unwrap_or_default(),
        ),
        ("link_public".to_owned(), on(backstage.link.public)),
        (
            "mental_health".to_owned(),
            on(group.focus == Focus::MentalHealth),
        ),
        ("pregnant".to_owned(), on(group.welcome.pregnant)),
        ("babies".to_owned(), on(group.welcome.babies)),
        ("toddlers".to_owned(), on(group.welcome.toddlers)),
        ("partners".to_owned(), on(group.welcome.partners)),
        (
            "older_children".to_owned(),
            on(group.welcome.older_children),
        ),
    ];
    if let Some((from, to)) = group.welcome.child_age_months {
        values.push(("age_from".to_owned(), from.to_string()));
        values.push(("age_to".to_owned(), to.to_string()));
    }
    // A course start that has passed is not offered again: the form would
    // refuse it, though the organiser never touched it.
    let mut facts = group.facts.clone();
    facts.next_course_start = facts.next_course_start.filter(|start| *start >= today);
    values.extend(
        FactsForm::of(&facts)
            .pairs()
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value)),
    );
    values.extend((0..group.times.schedules().len()).map(|i| (format!("keep-{i}"), on(true))));
    let venues = store
        .venues_of(&group.organisation_id)
        .await?
        .into_iter()
        .map(|(id, name)| (format!("venue:{id}"), name))
        .collect();
    Ok(Some(EditableGroup {
        id: id.to_string(),
        title: group.title.clone(),
        values,
        times: group
            .times
            .schedules()
            .iter()
            .map(crate::calendar::group_model::describe)
            .collect(),
        venues,
        waiting_contact: backstage
            .waiting_contact
            .clone()
            .map(|c| c.map_or_else(|| super::text::NO_CONTACT.to_owned(), |c| c.words())),
        waiting_link: backstage
            .waiting
            .map(|w| w.link.unwrap_or_else(|| super::text::NO_LINK.to_owned())),
        is_admin: user.is_admin(),
        form_key: crate::storage::write_once::form_key(&user.id),
    }))
}

/// What an invitation link leads to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum InviteView {
    Usable {
        email: String,
        organisation: Option<String>,
        /// The link sets a new password for an existing account.
        resets_password: bool,
    },
    Problem {
        message: String,
        status: u16,
    },
}

#[server(prefix = "/rpc", endpoint = "organisers/invitation", input = GetUrl)]
pub async fn invitation_page(token: String) -> Result<InviteView, AppError> {
    use village_core::account::{invitation_usable, InvitationProblem};

    let store = crate::storage::use_store()?;
    let found = store
        .invitation(&crate::accounts::token_hash(&token))
        .await?;
    let usable = found
        .as_ref()
        .ok_or(InvitationProblem::Unknown)
        .and_then(|i| invitation_usable(i.expires_at, i.used, chrono::Utc::now()));
    Ok(match (found, usable) {
        (Some(invitation), Ok(())) => {
            let organisation = match &invitation.organisation_id {
                Some(id) => store.organisation(id).await?.map(|o| o.name),
                None => None,
            };
            InviteView::Usable {
                email: invitation.email.to_string(),
                organisation,
                resets_password: invitation.resets_password,
            }
        }
        (_, Err(problem)) => InviteView::Problem {
            message: problem.to_string(),
            status: if problem == InvitationProblem::Unknown {
                404
            } else {
                410
            },
        },
        (None, Ok(())) => InviteView::Problem {
            message: InvitationProblem::Unknown.to_string(),
            status: 404,
        },
    })
}

/// A service as its edit form shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditableService {
    pub id: String,
    pub name: String,
    pub description: String,
    pub self_referral: bool,
    /// Steps one per line, or who refers people.
    pub referral: String,
    pub hours_note: String,
    pub url: String,
    /// (number, label, call, text)
    pub phones: Vec<(String, String, bool, bool)>,
    pub crisis: bool,
    pub is_admin: bool,
    /// Changes to this service waiting for an admin.
    pub pending: Vec<PendingChange>,
    /// This page's key for its form (see [`super::OnceField`]).
    pub form_key: String,
}

/// `None` when nobody is signed in; not found when the service is not
/// theirs to edit.
#[server(prefix = "/rpc", endpoint = "organisers/service", input = GetUrl)]
pub async fn service_editor(id: String) -> Result<Option<EditableService>, AppError> {
    use crate::accounts::SignedIn;
    use village_core::directory::Referral;

    let signed_in = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<SignedIn>().cloned());
    let Some(SignedIn { user, .. }) = signed_in else {
        return Ok(None);
    };
    let store = crate::storage::use_store()?;
    let record = store
        .service_records()
        .await?
        .into_iter()
        .find(|r| r.service.id.as_str() == id && user.may_edit(&r.organisation_id))
        .ok_or(AppError::NotFound)?;
    let s = record.service;
    let (self_referral, referral) = match &s.referral {
        Referral::Yourself { steps } => (true, steps.join("\n")),
        Referral::ReferredBy { who } => (false, who.clone()),
    };
    let pending = store
        .pending_changes()
        .await?
        .into_iter()
        .filter(|p| p.item_id == id)
        .collect();
    Ok(Some(EditableService {
        id: s.id.to_string(),
        name: s.name,
        description: s.description,
        self_referral,
        referral,
        hours_note: s.hours_note,
        url: s.url.unwrap_or_default(),
        phones: s
            .phones
            .into_iter()
            .map(|p| (p.number.written().to_owned(), p.label, p.call, p.text))
            .collect(),
        crisis: s.crisis,
        is_admin: user.is_admin(),
        pending,
        form_key: crate::storage::write_once::form_key(&user.id),
    }))
}

/// The two-step sign-in page: on, being set up (its key and QR code), or off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TwoStepView {
    pub on: bool,
    /// The key being set up, in groups of four.
    pub key: Option<String>,
    /// The QR code of its `otpauth://` link, as SVG.
    pub qr: Option<String>,
    /// Organisers may turn it off again; admins keep it once it is on.
    pub can_turn_off: bool,
}

#[server(prefix = "/rpc", endpoint = "organisers/two-step", input = GetUrl)]
pub async fn two_step_setup() -> Result<Option<TwoStepView>, AppError> {
    use crate::accounts::SignedIn;
    use village_core::account::totp::TotpSecret;

    let signed_in = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<SignedIn>().cloned());
    let Some(SignedIn { user, .. }) = signed_in else {
        return Ok(None);
    };
    let store = crate::storage::use_store()?;
    let two_step = store.two_step(&user.id).await?;
    let pending = two_step
        .pending
        .as_deref()
        .and_then(TotpSecret::parse_base32);
    Ok(Some(TwoStepView {
        on: two_step.secret.is_some(),
        key: pending.as_ref().map(|s| {
            s.base32()
                .as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        }),
        qr: pending
            .as_ref()
            .and_then(|s| crate::calendar::poster::qr_svg(&s.uri("Village", user.email.as_str()))),
        can_turn_off: !user.is_admin(),
    }))
}
