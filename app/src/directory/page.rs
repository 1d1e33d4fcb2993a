//! The directory's pages: "Who can help" with its ways in, search and
//! filters (a plain GET form, so it works without scripts); one service in
//! full; and "What happens when I ask for help?".

use crate::reports::{OutOfDateNotice, ReportForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use village_core::directory::{Hours, Mode, Need, Referral, Service, ServiceCost};
use village_core::report::ListingKind;

use super::{
    api::{help_page, service_page},
    model::{Asked, Card, HelpView},
    offline::OfflineDirectory,
    text,
};
use crate::ui::{set_http_status, ErrorNotice, Loading, PageQr, SampleBadge};

/// Where "What happens when I ask for help?" lives.
pub const WHAT_HAPPENS_PATH: &str = "/help/what-happens";
/// Where "I'm worried about someone" lives.
pub const WORRIED_PATH: &str = "/help/worried-about-someone";

#[component]
pub fn HelpPage() -> impl IntoView {
    let help = Resource::new(|| (), |_| help_page());
    view! {
        <Title text=text::TITLE/>
        <h1>{text::TITLE}</h1>
        <p class="lead">{text::INTRO}</p>
        <p class="worried-link"><a href=WORRIED_PATH>{text::WORRIED_LINK}</a></p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match help.await {
                    Ok(view) => view! { <Directory view/> }.into_any(),
                    Err(error) => {
                        set_http_status(error.status_code());
                        view! { <ErrorNotice error/> }.into_any()
                    }
                }
            })}
        </Suspense>
        <p><a href=WHAT_HAPPENS_PATH>{text::WHAT_HAPPENS_LINK}</a></p>
    }
    .into_any()
}

#[component]
fn Directory(view: HelpView) -> impl IntoView {
    let count = view.results.len();
    view! {
        <p class="area-line">
            {match view.area {
                Some(name) => format!("{} {name}.", text::AREA_LINE),
                None => text::NATIONAL_ONLY.to_owned(),
            }}
        </p>
        <nav aria-labelledby="needs-title" class="needs">
            <h2 id="needs-title">{text::NEEDS_HEADING}</h2>
            <ul>
                {Need::ALL.iter().map(|&need| {
                    let current = view.asked.need.as_deref() == Some(need.code());
                    let href = match &view.area_id {
                        Some(area) => format!("/help?area={area}&need={}", need.code()),
                        None => format!("/help?need={}", need.code()),
                    };
                    view! {
                        <li><a href=href data-need=need.code() aria-current=current.then_some("page")>{text::need(need)}</a></li>
                    }
                }).collect_view()}
            </ul>
        </nav>
        {(!view.crisis.is_empty()).then(|| view! {
            <section class="crisis-services" aria-labelledby="help-now-title">
                <h2 id="help-now-title">{text::HELP_NOW_HEADING}</h2>
                <ul class="services">
                    {view.crisis.into_iter().map(|card| view! { <ServiceItem card/> }).collect_view()}
                </ul>
            </section>
        })}
        <SearchForm asked=view.asked area=view.area_id.clone()/>
        <OfflineDirectory area=view.area_id/>
        <section aria-labelledby="results-title" id="results-section">
            <h2 id="results-title">{text::RESULTS} " " <span class="count">"(" {text::results(count)} ")"</span></h2>
            {if count == 0 {
                view! { <p>{text::NO_RESULTS}</p> }.into_any()
            } else {
                view! {
                    <ul class="services">
                        {view.results.into_iter().map(|card| view! { <ServiceItem card/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
fn SearchForm(asked: Asked, area: Option<String>) -> impl IntoView {
    let way_checked = |mode: Mode| asked.ways.iter().any(|w| w == mode.code());
    view! {
        <form method="get" action="/help" class="stack directory-search" role="search">
            {area.map(|area| view! { <input type="hidden" name="area" value=area/> })}
            {asked.need.clone().map(|need| view! { <input type="hidden" name="need" value=need/> })}
            <div class="field">
                <label for="help-q">{text::SEARCH_LABEL}</label>
                <p class="hint" id="help-q-hint">{text::SEARCH_HINT}</p>
                <input type="search" id="help-q" name="q" value=asked.words.clone() aria-describedby="help-q-hint" maxlength=village_core::directory::search::MAX_QUERY_CHARS.to_string()/>
            </div>
            <fieldset class="checks-group">
                <legend>{text::FILTERS}</legend>
                <ul class="checks">
                    <li><input type="checkbox" id="help-self" name="self" value="1" checked=asked.self_referral/><label for="help-self">{text::FILTER_SELF}</label></li>
                    <li><input type="checkbox" id="help-open" name="open" value="1" checked=asked.open_now/><label for="help-open">{text::FILTER_OPEN}</label></li>
                    <li><input type="checkbox" id="help-free" name="free" value="1" checked=asked.free/><label for="help-free">{text::FILTER_FREE}</label></li>
                </ul>
            </fieldset>
            <fieldset class="checks-group">
                <legend>{text::FILTER_WAYS}</legend>
                <ul class="checks">
                    {Mode::ALL.iter().map(|&mode| {
                        let id = format!("help-way-{}", mode.code());
                        view! {
                            <li><input type="checkbox" id=id.clone() name="way" value=mode.code() checked=way_checked(mode)/><label for=id>{mode.label()}</label></li>
                        }
                    }).collect_view()}
                </ul>
            </fieldset>
            <div class="field">
                <label for="help-lang">{text::FILTER_LANGUAGE}</label>
                <input type="text" id="help-lang" name="lang" value=asked.language.clone() maxlength=village_core::directory::search::MAX_LANGUAGE_CHARS.to_string() autocomplete="language"/>
            </div>
            <p class="filter-actions">
                <button type="submit" class="button button-primary">{text::APPLY}</button>
                <a href="/help">{text::CLEAR}</a>
            </p>
        </form>
    }
    .into_any()
}

/// One service in a list: what it is and the quickest way to reach it.
#[component]
pub(super) fn ServiceItem(card: Card) -> impl IntoView {
    let s = card.service;
    let href = format!("/help/{}", s.id);
    let summary = s
        .description
        .split_inclusive(". ")
        .next()
        .unwrap_or_default()
        .to_owned();
    view! {
        <li class="service">
            <h3 class="service-title">
                <a href=href>{s.name.clone()}</a>
                {s.is_sample.then(|| view! { " " <SampleBadge/> })}
            </h3>
            <p class="service-org">{s.organisation.clone()}</p>
            {text::status(s.status).map(|label| view! { <p class="status-note"><strong>{label}</strong></p> })}
            <p>{summary}</p>
            <p class="service-referral">{if s.referral.is_self() { text::SELF_REFER } else if s.referral.is_known() { text::REFERRED } else { text::REFERRAL_NOT_KNOWN }}</p>
            {card.stale.then(|| view! { <p class="stale-note">{text::STALE}</p> })}
            {s.is_unconfirmed().then(|| view! { <p class="stale-note">{text::UNCONFIRMED}</p> })}
            <ContactLinks service=s/>
        </li>
    }
    .into_any()
}

/// Tap-to-call and tap-to-text links.
#[component]
fn ContactLinks(service: Service) -> impl IntoView {
    view! {
        <p class="actions">
            {service.phones.iter().flat_map(|phone| {
                let mut links = Vec::new();
                if phone.call {
                    links.push(view! { <a class="button" href=phone.number.tel_href()>{format!("Call {} on {}", service.name, phone.number.written())}</a> });
                }
                if phone.text {
                    links.push(view! { <a class="button" href=phone.number.sms_href(None)>{format!("Text {} on {}", service.name, phone.number.written())}</a> });
                }
                links
            }).collect_view()}
        </p>
    }
    .into_any()
}

#[component]
pub fn ServicePage() -> impl IntoView {
    let params = use_params_map();
    let service = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        service_page,
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match service.await {
                    Ok(page) => view! {
                        <ServiceDetails card=page.card/>
                        <PageQr link=page.page_link svg=page.qr_svg/>
                    }.into_any(),
                    Err(error) => {
                        set_http_status(error.status_code());
                        view! {
                            <Title text=text::NOT_FOUND/>
                            <h1>{text::NOT_FOUND}</h1>
                            <ErrorNotice error/>
                            <p><a href="/help">{text::BACK}</a></p>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn labels<T: Copy>(values: &[T], label: impl Fn(T) -> &'static str) -> String {
    values
        .iter()
        .map(|v| label(*v))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn ServiceDetails(card: Card) -> impl IntoView {
    let s = card.service;
    let title = s.name.clone();
    let hours = match &s.hours {
        Hours::Always => vec![text::ALWAYS_OPEN.to_owned()],
        Hours::Unknown => vec![text::HOURS_UNKNOWN.to_owned()],
        Hours::Weekly(openings) => openings
            .iter()
            .map(|o| {
                format!(
                    "{}: {} to {}",
                    o.day,
                    o.opens.format("%H:%M"),
                    o.closes.format("%H:%M")
                )
            })
            .collect(),
    };
    let how = match &s.referral {
        Referral::Yourself { steps } => view! {
            <p>{text::STEPS_INTRO}</p>
            <ol>{steps.iter().map(|step| view! { <li>{step.clone()}</li> }).collect_view()}</ol>
            <p class="say-it-link">
                <a class="button" href=format!("{}#say=self-referral&service={}", crate::diary::PATH, s.id)>{text::SAY_IT}</a>
                " " <span class="hint">{text::SAY_IT_HINT}</span>
            </p>
        }
        .into_any(),
        Referral::ReferredBy { who } if !s.referral.is_known() || who.is_empty() => view! {
            <p>{text::REFERRAL_NOT_KNOWN}</p>
        }
        .into_any(),
        Referral::ReferredBy { who } => view! {
            <p>{text::ASK_INTRO}</p>
            <p>{who.clone()}</p>
        }
        .into_any(),
    };
    view! {
        <Title text=title.clone()/>
        <p><a href="/help">{text::BACK}</a></p>
        <h1>{title} {s.is_sample.then(|| view! { " " <SampleBadge/> })}</h1>
        <p class="lead">{s.organisation.clone()}</p>
        {text::status(s.status).map(|label| view! { <p class="notice"><strong>{label}</strong></p> })}
        <OutOfDateNotice shown=card.may_be_out_of_date/>
        {card.stale.then(|| view! { <p class="notice stale-note">{text::STALE}</p> })}
        {s.is_unconfirmed().then(|| view! { <p class="notice stale-note">{text::UNCONFIRMED}</p> })}
        <h2>{text::WHAT_IT_IS}</h2>
        <p>{s.description.clone()}</p>
        <h2>{text::HOW_TO_GET_IT}</h2>
        {how}
        <ContactLinks service=s.clone()/>
        <dl class="facts">
            <dt>{text::WHO_FOR}</dt><dd>{labels(&s.audiences, |a| a.label())}</dd>
            <dt>{text::STAGES}</dt><dd>{labels(&s.stages, |a| a.label())}</dd>
            <dt>{text::WAYS}</dt><dd>{labels(&s.modes, |a| a.label())}</dd>
            <dt>{text::HOURS}</dt><dd>{hours.join("; ")} {(!s.hours_note.is_empty()).then(|| format!(" {}", s.hours_note))}</dd>
            <dt>{text::LANGUAGES}</dt><dd>{if s.languages.is_empty() { text::LANGUAGES_NOT_KNOWN.to_owned() } else { s.languages.join(", ") }}</dd>
            <dt>{text::COST}</dt><dd>{match &s.cost {
                ServiceCost::Free => text::FREE.to_owned(),
                ServiceCost::Described(words) => words.clone(),
                ServiceCost::NotKnown => text::COST_NOT_KNOWN.to_owned(),
            }}</dd>
            {(!s.eligibility.is_empty()).then(|| view! { <dt>{text::ELIGIBILITY}</dt><dd>{s.eligibility.clone()}</dd> })}
            {s.place.clone().map(|p| view! {
                <dt>{text::WHERE}</dt><dd>{[p.name.as_str(), p.address.as_str(), p.address_2.as_str(), &format!("{} {}", p.town, p.postcode), p.country.as_deref().filter(|c| *c != "GB").unwrap_or_default()].into_iter().map(str::trim).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(", ")}</dd>
                <dt>{text::ACCESS}</dt><dd>{p.accessibility.join(", ")}</dd>
            })}
            {s.url.clone().map(|url| view! { <dt>{text::WEBSITE}</dt><dd><a href=url.clone() rel="noopener">{url.clone()}</a></dd> })}
            {s.email.clone().map(|email| view! { <dt>{text::EMAIL}</dt><dd><a href=format!("mailto:{email}")>{email.clone()}</a></dd> })}
            <dt>{text::LAST_CONFIRMED}</dt><dd>{s.last_confirmed.map_or_else(|| text::NOT_YET_CONFIRMED.to_owned(), |day| day.format("%-d %B %Y").to_string())}</dd>
        </dl>
        <p><a href=WHAT_HAPPENS_PATH>{text::WHAT_HAPPENS_LINK}</a></p>
        <ReportForm kind=ListingKind::Service id=s.id.to_string()/>
    }
    .into_any()
}

#[component]
pub fn WhatHappensPage() -> impl IntoView {
    view! {
        <Title text=text::WHAT_TITLE/>
        <h1>{text::WHAT_TITLE}</h1>
        <p class="lead">{text::WHAT_INTRO}</p>
        {text::WHAT_QUESTIONS.iter().map(|(question, answer)| view! {
            <section class="question-answer">
                <h2>{*question}</h2>
                <p>{*answer}</p>
            </section>
        }).collect_view()}
        <p><a href=format!("{}#say=gp", crate::diary::PATH)>{text::SAY_IT}</a> " " <span class="hint">{text::SAY_IT_HINT}</span></p>
        <p><a href=WORRIED_PATH>{text::WORRIED_LINK}</a></p>
        <p><a href="/help">{text::TITLE}</a></p>
    }
    .into_any()
}

#[component]
pub fn WorriedPage() -> impl IntoView {
    let list = |items: &'static [&'static str]| {
        view! { <ul>{items.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}</ul> }
    };
    view! {
        <Title text=text::WORRIED_TITLE/>
        <p><a href="/help">{text::BACK}</a></p>
        <h1>{text::WORRIED_TITLE}</h1>
        <p class="lead">{text::WORRIED_INTRO}</p>
        <section class="notice" aria-labelledby="worried-now-title">
            <h2 id="worried-now-title">{text::WORRIED_NOW_HEADING}</h2>
            {list(&text::WORRIED_NOW)}
            <p><strong>{text::WORRIED_NOW_WHAT}</strong> " " <a href=crate::crisis::PATH>{crate::crisis::text::NEED_HELP_NOW}</a></p>
        </section>
        <h2>{text::WORRIED_SIGNS_HEADING}</h2>
        {list(&text::WORRIED_SIGNS)}
        <h2>{text::WORRIED_TALK_HEADING}</h2>
        {list(&text::WORRIED_TALK)}
        <h2>{text::WORRIED_YOU_HEADING}</h2>
        <p>{text::WORRIED_YOU}</p>
        <p><a href=WHAT_HAPPENS_PATH>{text::WHAT_HAPPENS_LINK}</a></p>
        <p><a href="/help">{text::TITLE}</a></p>
    }
    .into_any()
}
