//! The home page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use village_core::AreaId;

use super::{
    api::{get_area, list_areas},
    text, Area,
};
use crate::errors::AppError;
use crate::shell::{ErrorNotice, InstallHelp, Loading, SampleBadge};

#[component]
pub fn ThisWeekPage() -> impl IntoView {
    let query = use_query_map();
    let areas = Resource::new(|| (), |_| list_areas());
    let chosen = Resource::new(
        move || query.read().get("area"),
        |raw| async move {
            match raw {
                None => Ok(None),
                Some(raw) => {
                    let id =
                        AreaId::parse(&raw).map_err(|e| AppError::BadRequest(e.to_string()))?;
                    match get_area(id).await {
                        Ok(area) => Ok(Some(area)),
                        Err(AppError::NotFound) => {
                            Err(AppError::BadRequest(text::AREA_NOT_FOUND.to_owned()))
                        }
                        Err(other) => Err(other),
                    }
                }
            }
        },
    );

    view! {
        <Title text=text::TITLE/>
        <h1>{text::TITLE}</h1>
        <p class="lead">{text::INTRO}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match chosen.await {
                    Ok(Some(area)) => view! { <ChosenArea area/> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
        <p class="notice">{text::COMING_SOON}</p>
        <section aria-labelledby="areas-heading">
            <h2 id="areas-heading">{text::AREAS_HEADING}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match areas.await {
                        Ok(list) if list.is_empty() => view! { <p>{text::AREAS_EMPTY}</p> }.into_any(),
                        Ok(list) => view! { <AreaList areas=list/> }.into_any(),
                        Err(err) => view! { <ErrorNotice error=err/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
        <InstallHelp/>
    }
}

#[component]
fn ChosenArea(area: Area) -> impl IntoView {
    view! {
        <p class="chosen-area">
            {text::CHOSEN_PREFIX} " " <strong>{area.name}</strong>
            {area.is_sample.then(|| view! { " " <SampleBadge/> })}
        </p>
    }
}

#[component]
fn AreaList(areas: Vec<Area>) -> impl IntoView {
    view! {
        <ul class="plain-list">
            {areas
                .into_iter()
                .map(|area| {
                    let href = format!("/?area={}", area.id);
                    view! {
                        <li>
                            <a href=href>{area.name}</a>
                            {area.is_sample.then(|| view! { " " <SampleBadge/> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
