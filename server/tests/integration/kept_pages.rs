//! This week is rendered once and kept, compressed, for everyone who asks the
//! same (see `server::pages`): every copy is the same page, its policy names
//! its inline scripts by their hashes, and a change shows at once.

use base64::Engine;
use reqwest::header;
use sha2::{Digest, Sha256};
use std::{collections::BTreeSet, io::Read};

use crate::{
    helpers::{run, sample_app},
    organisers::{next_session, post, team, SAM},
};

const WEEK: &str = "/?area=sample-riverside";

/// The `'sha256-…'` sources of one directive.
fn hashes(csp: &str, directive: &str) -> BTreeSet<String> {
    csp.split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix(directive))
        .unwrap_or_default()
        .split_whitespace()
        .filter(|s| s.starts_with("'sha256-"))
        .map(str::to_owned)
        .collect()
}

/// The hash of every inline `<tag>` of the page that a browser would run,
/// as the browser works it out.
fn inline_hashes(html: &str, tag: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for piece in html.split(&format!("<{tag}")).skip(1) {
        let Some((attributes, rest)) = piece.split_once('>') else {
            continue;
        };
        // A script with a source runs from its file, and a data block
        // (the week as JSON) never runs: neither needs a hash.
        if attributes.contains("src=") || attributes.contains("type=\"application/json\"") {
            continue;
        }
        let text = rest.split(&format!("</{tag}>")).next().unwrap_or_default();
        let digest = Sha256::digest(text.as_bytes());
        found.insert(format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        ));
    }
    found
}

#[test]
fn this_week_is_sent_to_many_as_one_page_under_the_hashes_of_its_scripts() {
    run(async {
        let app = sample_app().await;
        let first = app.get(WEEK).await;
        let csp = first.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ascii")
            .to_owned();
        let page = first.text().await.expect("a page");
        assert!(page.contains("Riverside"), "the week");
        assert!(
            page.contains(r#"<script type="application/json" id="week-data">"#),
            "the week as data, which needs no hash"
        );
        // Leptos writes its own nonce into the page; the policy names none,
        // so that grants nothing, and no response's nonce is shared.
        assert!(!csp.contains("nonce"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        let scripts = inline_hashes(&page, "script");
        assert!(
            scripts.len() >= 2,
            "hydration and the worker's registration"
        );
        assert_eq!(hashes(&csp, "script-src"), scripts, "{csp}");
        assert!(csp.contains("'self' 'wasm-unsafe-eval';"), "{csp}");
        assert_eq!(hashes(&csp, "style-src"), inline_hashes(&page, "style"));
        assert_eq!(inline_hashes(&page, "style").len(), 1, "the stylesheet");

        // Asked again: the same page, the same policy.
        let again = app.get(WEEK).await;
        assert_eq!(
            again.headers()[header::CONTENT_SECURITY_POLICY],
            csp.as_str()
        );
        assert_eq!(again.text().await.expect("a page"), page);

        // Compressed once, both ways, each the same page.
        let brotli = app.get_encoded(WEEK, "gzip, deflate, br").await;
        assert_eq!(brotli.headers()[header::CONTENT_ENCODING], "br");
        assert!(brotli.headers()[header::VARY]
            .to_str()
            .expect("ascii")
            .contains("accept-encoding"));
        let bytes = brotli.bytes().await.expect("bytes");
        let mut unpacked = String::new();
        brotli::Decompressor::new(&bytes[..], 4096)
            .read_to_string(&mut unpacked)
            .expect("brotli");
        assert_eq!(unpacked, page);
        let gzip = app.get_encoded(WEEK, "gzip").await;
        assert_eq!(gzip.headers()[header::CONTENT_ENCODING], "gzip");
        let bytes = gzip.bytes().await.expect("bytes");
        let mut unpacked = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut unpacked)
            .expect("gzip");
        assert_eq!(unpacked, page);

        // The area cookie the page sets goes with every copy; a session never.
        let cookies: Vec<_> = app
            .get(WEEK)
            .await
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().expect("ascii").to_owned())
            .collect();
        assert!(
            cookies.iter().all(|c| c.starts_with("village_area=")) && !cookies.is_empty(),
            "{cookies:?}"
        );
        app.stop().await;
    })
}

#[test]
fn a_change_shows_on_this_week_at_once_and_organisers_get_their_own_page() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let date = next_session(&app, "sample-tuesday-talk").await;
        let monday = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .expect("a date")
            .week(chrono::Weekday::Mon)
            .first_day();
        let week = format!("{WEEK}&week={monday}");
        let before = app.get(&week).await.text().await.expect("a page");
        assert!(!before.contains("The hall is closed"));
        let crate::organisers::Team { sam, .. } = team(&store, &app, &[SAM]).await;

        // A signed-in organiser's request is rendered for them, with a nonce.
        let signed_in = app
            .client
            .get(app.url(&week))
            .header(header::COOKIE, format!("village-session={sam}"))
            .send()
            .await
            .expect("answers");
        let csp = signed_in.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert!(csp.contains("'nonce-"), "{csp}");

        let cancelled = post(
            &app,
            "/organisers/groups/sample-tuesday-talk/cancel",
            Some(&sam),
            &[("date", date.as_str()), ("reason", "The hall is closed")],
        )
        .await;
        assert_eq!(
            cancelled.headers()[header::LOCATION],
            "/organisers?done=cancelled"
        );
        let after = app.get(&week).await.text().await.expect("a page");
        assert!(after.contains("The hall is closed"), "shown at once");
        app.stop().await;
    })
}

/// The policy's kind and the page's stylesheet nonce, for one answer.
async fn policy_and_page(
    app: &crate::helpers::TestApp,
    path: &str,
    cookie: &str,
) -> (u16, String, String) {
    let mut request = app.client.get(app.url(path));
    if !cookie.is_empty() {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request.send().await.expect("answers");
    let status = response.status().as_u16();
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("ascii")
        .to_owned();
    (status, csp, response.text().await.expect("a page"))
}

#[test]
fn pages_that_are_not_kept_keep_their_nonce_and_their_styles() {
    run(async {
        let app = sample_app().await;
        for (path, cookie, why) in [
            (
                "/?area=sample-riverside&week=2031-01-06",
                "",
                "an error page (a week too far away)",
            ),
            (
                "/?area=sample-riverside&utm_source=leaflet",
                "",
                "a parameter the page does not read",
            ),
            (
                WEEK,
                "village_area=sample-riverside; tracker=1",
                "a cookie the page does not read",
            ),
        ] {
            let (status, csp, page) = policy_and_page(&app, path, cookie).await;
            let nonce = crate::helpers::csp_nonce(&csp)
                .unwrap_or_else(|| panic!("{why}: rendered for itself, with a nonce: {csp}"));
            assert!(
                page.contains(&format!(r#"<style id="leptos" nonce="{nonce}">"#)),
                "{why} ({status}): its stylesheet is allowed"
            );
            // And asked again, still rendered for itself (never kept).
            let (_, again, _) = policy_and_page(&app, path, cookie).await;
            assert!(again.contains("'nonce-") && again != csp, "{why}");
        }
        app.stop().await;
    })
}
