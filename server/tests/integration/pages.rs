use crate::helpers::{run, spawn_app, spawn_app_with};

#[test]
fn the_home_page_is_rendered_on_the_server_with_sample_areas() {
    run(async {
        let app = spawn_app_with(|c| c.sample_data = true).await;
        let response = app.get("/").await;
        assert_eq!(response.status(), 200);
        let html = response.text().await.expect("body");
        assert!(html.starts_with("<!DOCTYPE html>"), "{html:.80}");
        assert!(html.contains("<h1>This week</h1>"));
        assert!(html.contains("Riverside"));
        assert!(html.contains(">Sample<"), "sample records are labelled");
        assert!(html.contains("Choose your area"));
        assert!(html.contains(r#"href="/need-help-now""#));
        app.stop().await;
    })
}

#[test]
fn every_page_has_the_crisis_link_and_the_navigation() {
    run(async {
        let app = spawn_app().await;
        for path in ["/", "/mood", "/help", "/need-help-now", "/offline"] {
            let response = app.get(path).await;
            assert_eq!(response.status(), 200, "{path}");
            let html = response.text().await.expect("body");
            assert!(
                html.contains(r#"href="/need-help-now""#),
                "{path} lacks the crisis link"
            );
            for href in [r#"href="/""#, r#"href="/mood""#, r#"href="/help""#] {
                assert!(html.contains(href), "{path} lacks {href}");
            }
            assert!(
                html.contains(r#"href="tel:999""#),
                "{path}: the card is in the page"
            );
            assert!(html.contains(r#"href="tel:116123""#), "{path}");
            assert!(html.contains(r#"href="sms:85258?body=SHOUT""#), "{path}");
            assert!(
            html.contains("<noscript><p>To keep their numbers here, open Village in a browser with JavaScript turned on.</p></noscript>"),
            "{path}: without scripts, the card says how to keep numbers"
        );
        }
        app.stop().await;
    })
}

#[test]
fn an_unknown_page_is_a_404_in_the_shell() {
    run(async {
        let app = spawn_app().await;
        let response = app.get("/no-such-page").await;
        assert_eq!(response.status(), 404);
        let html = response.text().await.expect("body");
        assert!(
            html.contains("We can&#x27;t find that page")
                || html.contains("We can't find that page")
        );
        assert!(html.contains(r#"href="/need-help-now""#));
        app.stop().await;
    })
}

#[test]
fn pages_are_compressed_and_built_assets_come_precompressed() {
    run(async {
        let app = spawn_app_with(|c| c.sample_data = true).await;
        for path in ["/", "/need-help-now", "/mood"] {
            let response = app.get_encoded(path, "br, gzip").await;
            assert_eq!(response.status(), 200, "{path}");
            assert_eq!(response.headers()["content-encoding"], "br", "{path}");
            let vary = response.headers()["vary"]
                .to_str()
                .expect("ascii")
                .to_lowercase();
            assert!(vary.contains("accept-encoding"), "{path}: {vary}");
        }
        // A tiny answer is not worth compressing.
        let small_json = app.get_encoded("/rpc/areas", "br").await;
        assert_eq!(small_json.status(), 200);
        assert!(!small_json.headers().contains_key("content-encoding"));

        let gzip_only = app.get_encoded("/", "gzip").await;
        assert_eq!(gzip_only.headers()["content-encoding"], "gzip");

        let asset = app.get_encoded("/favicon.svg", "br").await;
        assert_eq!(asset.status(), 200);
        assert_eq!(asset.headers()["content-encoding"], "br");
        assert_eq!(asset.bytes().await.expect("body").as_ref(), b"brotli bytes");

        let plain = app.get("/favicon.svg").await;
        assert!(!plain.headers().contains_key("content-encoding"));
        assert!(plain.text().await.expect("body").starts_with("<svg"));
        app.stop().await;
    })
}

#[test]
fn built_files_are_cached_for_a_year_and_everything_else_is_checked() {
    run(async {
        let app = spawn_app().await;
        let hashed = app.get("/pkg/village.R0qpR4Yeled9ceZfyEjz5A.js").await;
        assert_eq!(hashed.status(), 200);
        assert_eq!(
            hashed.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        let plain = app.get("/favicon.svg").await;
        assert_eq!(plain.status(), 200);
        let cache = plain
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().expect("ascii").to_owned())
            .unwrap_or_default();
        assert!(!cache.contains("immutable"), "{cache}");
        app.stop().await;
    })
}
