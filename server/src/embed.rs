//! This week for one area, to put on a charity's or a children's centre's
//! own website in one paste (`/embed/areas/<id>` in an `<iframe>`). Plain
//! HTML made here from the same plan as This week: no scripts, no cookies,
//! no forms, only links that open Village in a new tab. It is the one route
//! other sites may frame (see `security::embed_policy`).

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use chrono::NaiveDate;
use village_core::{
    calendar::{Group, PauseReason, PlannedSession, Status},
    written,
};

use crate::api::{cached, unattended, ApiError, Unattended};
use crate::http::AppState;

/// Where embeds live; `security` gives these paths their own policy.
pub const PREFIX: &str = "/embed/";
/// The embed's stylesheet.
pub const STYLE_PATH: &str = "/embed/style.css";
/// The most sessions listed on one day.
const MAX_A_DAY: usize = 100;

/// The embed's own small stylesheet (a file, so the strict style policy
/// holds: no inline styles).
const STYLE: &str = "\
body{margin:0;padding:0.75rem;font:16px/1.45 system-ui,sans-serif;color:#1f2328;background:#fffdf8}\
h1{font-size:1.15rem;margin:0 0 0.5rem}h2{font-size:1rem;margin:1rem 0 0.25rem}\
ul{list-style:none;margin:0;padding:0}li{padding:0.35rem 0;border-bottom:1px solid #d8d2c4}\
a{color:#0b5563}.cancelled{color:#8a1c1c}.muted{color:#57606a}.note{background:#fff3cd;padding:0.5rem}\
@media (prefers-color-scheme:dark){body{background:#14181c;color:#e6edf3}a{color:#7cc7d6}.muted{color:#a8b3bd}li{border-color:#3a414a}.cancelled{color:#ff9a9a}.note{background:#3a3214}}";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(STYLE_PATH, get(style))
        .route("/embed/areas/{id}", get(area_week))
}

async fn style(headers: HeaderMap) -> Response {
    cached(
        &headers,
        "text/css; charset=utf-8",
        STYLE.as_bytes().to_vec(),
    )
}

async fn area_week(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Unattended {
        area,
        groups,
        plan,
        today: _,
    } = unattended(&state, &raw_id, 7).await?;
    let id = &area.id;
    let base = state.public_url.trim_end_matches('/');
    let link = format!("{base}/?area={}", id.as_str());

    let mut html = String::new();
    html.push_str("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    html.push_str("<meta name=\"referrer\" content=\"no-referrer\">");
    html.push_str(&format!(
        "<title>This week's groups in {}</title>",
        escape(&area.name)
    ));
    html.push_str("<link rel=\"stylesheet\" href=\"/embed/style.css\"></head><body>");
    html.push_str(&format!(
        "<h1>This week's groups in {}{}</h1><p class=\"muted\">{} to {}. Peer support for parents in pregnancy and the first years.</p>",
        escape(&area.name),
        if area.is_sample { " <span class=\"note\">Sample</span>" } else { "" },
        written::long_day(plan.window.from()),
        written::long_day(plan.last_day())
    ));
    for &index in &plan.term_dates_unknown {
        if let Some(group) = groups.get(index) {
            html.push_str(&format!(
                "<p class=\"note\">{}: term dates not known, so check with the organiser.</p>",
                escape(&group.title)
            ));
        }
    }
    for paused in &plan.paused {
        let Some(group) = groups.get(paused.group) else {
            continue;
        };
        let why = match &paused.reason {
            PauseReason::Break { name } | PauseReason::BankHoliday { name } => name,
        };
        let back = paused
            .resumes
            .map(|day| format!(", back on {}", written::long_day(day)))
            .unwrap_or_default();
        html.push_str(&format!(
            "<p class=\"note\">{} is having a break ({}){}.</p>",
            escape(&group.title),
            escape(why),
            back
        ));
    }
    let mut any = false;
    for day in &plan.days {
        if day.sessions.is_empty() {
            continue;
        }
        any = true;
        html.push_str(&format!("<h2>{}</h2><ul>", day_heading(day.date)));
        for session in day.sessions.iter().take(MAX_A_DAY) {
            let Some(group) = groups.get(session.group) else {
                continue;
            };
            html.push_str(&session_line(base, group, session));
        }
        html.push_str("</ul>");
    }
    if !any {
        html.push_str("<p>No sessions are listed this week. Online and phone support, and help any day, are on Village.</p>");
    }
    html.push_str(&format!(
        "<p><a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">Everything on Village, with help any time</a></p></body></html>",
        escape(&link)
    ));
    let mut response = cached(&headers, "text/html; charset=utf-8", html.into_bytes());
    // Never a cookie from here, whatever else runs.
    response.headers_mut().remove(header::SET_COOKIE);
    Ok(response.into_response())
}

fn session_line(base: &str, group: &Group, session: &PlannedSession) -> String {
    let o = &session.occurrence;
    let href = format!("{base}/groups/{}", group.id);
    let when = format!("{}–{}", written::time(o.starts), written::time(o.ends));
    let place = app::calendar::week_model::where_label(group);
    match &o.status {
        Status::Cancelled { reason } => format!(
            "<li class=\"cancelled\"><strong>Cancelled:</strong> <a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a>, {when}{}</li>",
            escape(&href),
            escape(&group.title),
            if reason.trim().is_empty() { String::new() } else { format!(". {}", escape(reason.trim())) }
        ),
        _ => format!(
            "<li><a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a>, {when} <span class=\"muted\">· {}</span></li>",
            escape(&href),
            escape(&group.title),
            escape(&place)
        ),
    }
}

fn day_heading(day: NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "{} {}",
        written::weekday_name(day.weekday()),
        written::long_day(day)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
