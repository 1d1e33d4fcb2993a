//! `POST /report/{kind}/{id}`: "Tell us something is wrong" from anyone,
//! with no account. Thin: the rules are in `village_core::report`, the
//! limits and the write in the store. The sender's address is used only
//! for its limit and never stored with the report.

use app::reports::text;
use axum::{
    extract::{ConnectInfo, Path, State},
    http::{request::Parts, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Form,
};
use serde::Deserialize;
use std::net::SocketAddr;
use village_core::{
    calendar::GroupId,
    directory::ServiceId,
    report::{ListingKind, NewReport, ReportError},
};

use crate::http::AppState;

/// The form as posted; a missing field is empty.
#[derive(Debug, Deserialize)]
pub struct ReportFields {
    #[serde(default)]
    problem: String,
    #[serde(default)]
    words: String,
}

/// The listing's public page, if it is published.
async fn page_of(
    state: &AppState,
    kind: ListingKind,
    id: &str,
) -> Result<Option<String>, Response> {
    let published = state.store.published().await.map_err(internal)?;
    let found = match kind {
        ListingKind::Group => GroupId::parse(id)
            .ok()
            .filter(|id| published.group(id).is_some())
            .map(|id| format!("/groups/{id}")),
        ListingKind::Service => ServiceId::parse(id)
            .ok()
            .filter(|id| published.service(id).is_some())
            .map(|id| format!("/help/{id}")),
    };
    Ok(found)
}

fn internal(err: impl std::fmt::Display) -> Response {
    tracing::error!(error = %err, "a report could not be taken");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; the report was not sent. Please try again.",
    )
        .into_response()
}

/// Takes a report and sends the person back to the listing's page, which
/// says what happened: thanks, too many just now, or what to fix.
pub async fn report(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((kind, id)): Path<(String, String)>,
    parts: Parts,
    Form(fields): Form<ReportFields>,
) -> Response {
    let Some(kind) = ListingKind::from_code(&kind) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let page = match page_of(&state, kind, &id).await {
        Ok(Some(page)) => page,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(response) => return response,
    };
    let back =
        |outcome: &str| Redirect::to(&format!("{page}?report={outcome}#report")).into_response();
    let report = match NewReport::parse(&fields.problem, &fields.words) {
        Ok(report) => report,
        Err(ReportError::NoProblem) => return back("no-problem"),
        Err(ReportError::TooLong) => return back("too-long"),
    };
    let address = crate::organisers::client_address(&state, &parts, peer);
    match state
        .store
        .take_report(kind, &id, &report, &address, chrono::Utc::now())
        .await
    {
        Ok(app::reports::db::Taken::Yes) => {
            tracing::info!(kind = kind.code(), "a report about a listing was taken");
            back("sent")
        }
        Ok(app::reports::db::Taken::TooMany) => {
            tracing::info!(reason = text::TOO_MANY, "a report was refused");
            back("busy")
        }
        Err(err) => internal(err),
    }
}
