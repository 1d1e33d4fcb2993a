//! A printable poster per area (`/areas/<id>/poster`) for health visitors,
//! midwives and children's centres to hand out: a QR code to the area's
//! week and this week's groups.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use super::{
    api::{leaflet, poster},
    text,
};
use crate::ui::{set_http_status, ErrorNotice, Loading, SampleBadge};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PosterLine {
    pub title: String,
    pub when: String,
    pub where_label: String,
}

/// A leaflet that stays true for a whole term: the area's groups by weekday
/// with their usual times and term behaviour, the services people can
/// contact themselves, the crisis lines, and a QR code to this week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeafletView {
    pub area_name: String,
    pub is_sample: bool,
    pub link: String,
    pub qr_svg: String,
    pub made_on: NaiveDate,
    /// Weekday name and its groups ("Tuesday Talk and Tea", "Every Tuesday,
    /// 10:00 to 11:30, in term time only.", where), Monday first.
    pub days: Vec<(String, Vec<LeafletGroup>)>,
    /// Name and how to reach them.
    pub services: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeafletGroup {
    pub title: String,
    pub when: String,
    pub where_label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PosterView {
    pub area_id: String,
    pub area_name: String,
    pub is_sample: bool,
    pub link: String,
    /// The embeddable week's address, for the snippet to copy.
    pub embed_src: String,
    /// An SVG drawn on the server from the QR code's modules.
    pub qr_svg: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub groups: Vec<PosterLine>,
}

/// Draws a QR code as one SVG path, with a quiet zone of four modules.
#[cfg(feature = "ssr")]
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for (index, color) in colors.iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = (index % width + 4, index / width + 4);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    let size = width + 8;
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="240" height="240" role="img" aria-label="QR code" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#ffffff"/><path d="{path}" fill="#000000"/></svg>"##
    ))
}

#[component]
pub fn PosterPage() -> impl IntoView {
    let params = use_params_map();
    let view = Resource::new(move || params.read().get("id").unwrap_or_default(), poster);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(poster) => view! { <Poster poster/> }.into_any(),
                    Err(error) => {
                        set_http_status(error.status_code());
                        view! { <Title text=text::POSTER_MISSING/><h1>{text::POSTER_MISSING}</h1><ErrorNotice error/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The HTML a website pastes to show this week for the area.
pub fn embed_snippet(src: &str, area_name: &str) -> String {
    let title = format!("This week's groups in {area_name}")
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" width=\"100%\" height=\"600\" loading=\"lazy\" referrerpolicy=\"no-referrer\"></iframe>"
    )
}

#[component]
pub fn LeafletPage() -> impl IntoView {
    let params = use_params_map();
    let view = Resource::new(move || params.read().get("id").unwrap_or_default(), leaflet);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(leaflet) => view! { <Leaflet leaflet/> }.into_any(),
                    Err(error) => {
                        set_http_status(error.status_code());
                        view! { <Title text=text::POSTER_MISSING/><h1>{text::POSTER_MISSING}</h1><ErrorNotice error/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Leaflet(leaflet: LeafletView) -> impl IntoView {
    let heading = format!("{} {}", text::LEAFLET_HEADING, leaflet.area_name);
    let lines = village_core::crisis::HELP_LINES;
    view! {
        <Title text=heading.clone()/>
        <article class="leaflet">
            <h1>{heading} {leaflet.is_sample.then(|| view! { " " <SampleBadge/> })}</h1>
            <p class="lead">{text::LEAFLET_LEAD}</p>
            <section class="leaflet-help" aria-labelledby="leaflet-help-title">
                <h2 id="leaflet-help-title">{text::LEAFLET_HELP_NOW}</h2>
                <ul>
                    {lines.iter().map(|line| {
                        let name = crate::crisis::text::route_name(line.route);
                        // "Emergency: 999" already says its number.
                        let number = if name.contains(line.written()) { String::new() } else { format!(" {}", line.written()) };
                        view! {
                            <li><strong>{name}</strong>{format!("{number} · {}", crate::crisis::text::route_detail(line.route))}</li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="leaflet-groups-title">
                <h2 id="leaflet-groups-title">{text::LEAFLET_GROUPS}</h2>
                {leaflet.days.into_iter().map(|(day, groups)| view! {
                    <h3>{day}</h3>
                    <ul class="leaflet-groups">
                        {groups.into_iter().map(|g| view! {
                            <li><strong>{g.title}</strong>{format!(" · {} {}", g.when, g.where_label)}</li>
                        }).collect_view()}
                    </ul>
                }).collect_view()}
            </section>
            {(!leaflet.services.is_empty()).then(|| view! {
                <section aria-labelledby="leaflet-services-title">
                    <h2 id="leaflet-services-title">{text::LEAFLET_SERVICES}</h2>
                    <ul>
                        {leaflet.services.into_iter().map(|(name, how)| view! { <li><strong>{name}</strong>{format!(" · {how}")}</li> }).collect_view()}
                    </ul>
                </section>
            })}
            <figure class="poster-qr">
                <div inner_html=leaflet.qr_svg></div>
                <figcaption>{text::LEAFLET_SCAN} <br/> <strong>{leaflet.link}</strong></figcaption>
            </figure>
            <p class="hint">{text::leaflet_made_on(leaflet.made_on)}</p>
        </article>
    }
    .into_any()
}

#[component]
fn Poster(poster: PosterView) -> impl IntoView {
    let heading = format!("{} {}", text::POSTER_HEADING, poster.area_name);
    let range = text::week_range(poster.from, poster.to);
    view! {
        <Title text=heading.clone()/>
        <article class="poster">
            <h1>{heading} {poster.is_sample.then(|| view! { " " <SampleBadge/> })}</h1>
            <p class="lead">{text::POSTER_LEAD}</p>
            <figure class="poster-qr">
                <div inner_html=poster.qr_svg></div>
                <figcaption>{text::POSTER_SCAN} <br/> <strong>{poster.link.clone()}</strong></figcaption>
            </figure>
            <h2>{text::POSTER_THIS_WEEK} " (" {range} ")"</h2>
            <ul class="poster-groups">
                {poster.groups.into_iter().map(|g| view! {
                    <li><strong>{g.title}</strong> " · " {g.when} " · " {g.where_label}</li>
                }).collect_view()}
            </ul>
            <p class="poster-help">{text::poster_help()}</p>
        </article>
        <p class="no-print"><a href=format!("/areas/{}/leaflet", poster.area_id)>{text::LEAFLET_LINK}</a></p>
        <section class="embed-snippet" aria-labelledby="embed-title">
            <h2 id="embed-title">{text::EMBED_HEADING}</h2>
            <p>{text::EMBED_TEXT}</p>
            <label for="embed-code">{text::EMBED_LABEL}</label>
            <textarea id="embed-code" readonly rows="4">{crate::ui::textarea_text(&embed_snippet(&poster.embed_src, &poster.area_name))}</textarea>
            <p><a href=poster.embed_src.clone()>{text::EMBED_PREVIEW}</a></p>
        </section>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// Reads the SVG back as a picture and decodes it with an independent
    /// QR reader: the poster's code must say exactly the area's link.
    #[test]
    fn the_qr_code_decodes_to_the_link() {
        let link = "https://village.example.org/?area=sample-riverside";
        let svg = qr_svg(link).expect("draws");
        let view_box: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .expect("a view box");
        let path = svg
            .split(" d=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a path");
        let mut dark = vec![false; view_box * view_box];
        for module in path.split('M').filter(|m| !m.is_empty()) {
            let mut numbers = module
                .trim_end_matches("h1v1h-1z")
                .split(' ')
                .map(|n| n.parse::<usize>());
            if let (Some(Ok(x)), Some(Ok(y))) = (numbers.next(), numbers.next()) {
                dark[y * view_box + x] = true;
            }
        }
        const SCALE: usize = 4;
        let size = view_box * SCALE;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
            if dark[(y / SCALE) * view_box + x / SCALE] {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, content) = grids[0].decode().expect("decodes");
        assert_eq!(content, link);
    }
}
