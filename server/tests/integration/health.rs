use crate::helpers::{run, spawn_app, spawn_app_with};
use server::config::PublicUrl;

#[test]
fn healthz_answers_in_plain_text() {
    run(async {
        let app = spawn_app().await;
        let response = app.get("/healthz").await;
        assert_eq!(response.status(), 200);
        let content_type = response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert!(content_type.starts_with("text/plain"), "{content_type}");
        assert_eq!(response.text().await.expect("body"), "ok");
        app.stop().await;
    })
}

#[test]
fn readyz_checks_the_database() {
    run(async {
        let app = spawn_app().await;
        let response = app.get("/readyz").await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.text().await.expect("body"), "ready");
        app.stop().await;
    })
}

#[test]
fn shutdown_finishes_and_frees_the_port() {
    run(async {
        let app = spawn_app().await;
        let addr = app.server.addr();
        assert_eq!(app.get("/healthz").await.status(), 200);
        app.stop().await;
        assert!(
            tokio::net::TcpStream::connect(addr).await.is_err(),
            "nothing should listen after shutdown"
        );
    })
}

/// Every kind of response: pages, a 404, a server function, a static file,
/// the health check, and refusals.
const EVERY_KIND: [&str; 7] = [
    "/",
    "/need-help-now",
    "/no-such-page",
    "/rpc/areas",
    "/rpc/area?id=Not%20An%20Id",
    "/favicon.svg",
    "/healthz",
];

#[test]
fn every_response_is_locked_down() {
    run(async {
        let app = spawn_app().await;
        for path in EVERY_KIND {
            let response = app.get(path).await;
            let headers = response.headers();
            let csp = headers["content-security-policy"].to_str().expect("ascii");
            if path == "/healthz" {
                // Skips the middleware; nothing there may load or run.
                assert_eq!(csp, server::security::PLAIN_POLICY);
            } else {
                // This week is kept for many, so its scripts are named by hash.
                let inline = if path == "/" { "'sha256-" } else { "'nonce-" };
                assert!(
                    csp.starts_with(&format!("default-src 'none'; script-src {inline}")),
                    "{path}: {csp}"
                );
                let trusted = if path == "/" {
                    "'self'"
                } else {
                    "'strict-dynamic'"
                };
                assert!(
                    csp.contains(&format!("{trusted} 'wasm-unsafe-eval'")),
                    "{path}"
                );
            }
            assert!(csp.contains("frame-ancestors 'none'"), "{path}");
            assert!(!csp.contains("unsafe-inline"), "{path}");
            assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
            assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
            assert_eq!(
                headers["permissions-policy"], "camera=(), microphone=(), geolocation=()",
                "{path}"
            );
            assert_eq!(
                headers["cross-origin-opener-policy"], "same-origin",
                "{path}"
            );
            assert!(
                !headers.contains_key("strict-transport-security"),
                "{path}: plain HTTP"
            );
        }
        let refused = app
            .post(
                "/rpc/area",
                "application/x-www-form-urlencoded",
                "x".repeat(70 * 1024),
            )
            .await;
        assert_eq!(refused.status(), 413);
        assert!(refused.headers().contains_key("content-security-policy"));
        app.stop().await;
    })
}

#[test]
fn pages_are_never_served_stale() {
    run(async {
        let app = spawn_app().await;
        for path in ["/", "/mood", "/help", "/need-help-now", "/no-such-page"] {
            let response = app.get(path).await;
            assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        }
        app.stop().await;
    })
}

#[test]
fn organiser_screens_are_never_stored() {
    run(async {
        let app = spawn_app().await;
        for path in [
            "/organisers",
            "/organisers/sign-in",
            "/organisers/no-such-page",
        ] {
            let response = app.get(path).await;
            assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
        }
        app.stop().await;
    })
}

#[test]
fn each_page_gets_its_own_nonce_and_its_scripts_carry_it() {
    run(async {
        let app = spawn_app().await;
        let mut seen = std::collections::HashSet::new();
        for _ in 0..3 {
            let response = app.get("/help").await;
            let csp = response.headers()["content-security-policy"]
                .to_str()
                .expect("ascii")
                .to_owned();
            let nonce = crate::helpers::csp_nonce(&csp).expect("a nonce");
            assert!(nonce.len() >= 22, "at least 128 bits: {nonce}");
            let html = response.text().await.expect("body");
            let scripts = html.matches("<script").count();
            assert!(scripts >= 1, "the page hydrates with a script");
            let styles = html.matches("<style").count();
            assert_eq!(styles, 1, "one stylesheet, sent with the page");
            assert_eq!(
                html.matches(&format!(r#"nonce="{nonce}""#)).count(),
                scripts + styles,
                "every inline script and the stylesheet carry this response's nonce"
            );
            assert!(seen.insert(nonce), "a nonce is never reused");
        }
        app.stop().await;
    })
}

#[test]
fn the_stylesheet_comes_with_the_page_under_its_nonce() {
    run(async {
        let app = spawn_app().await;
        for path in ["/help", "/mood", "/no-such-page"] {
            let response = app.get(path).await;
            let csp = response.headers()["content-security-policy"]
                .to_str()
                .expect("ascii")
                .to_owned();
            let nonce = crate::helpers::csp_nonce(&csp).expect("a nonce");
            assert!(
                csp.contains(&format!("style-src 'self' 'nonce-{nonce}'")),
                "{path}: {csp}"
            );
            let html = response.text().await.expect("body");
            let head = html.split("</head>").next().expect("a head");
            assert!(
                head.contains(&format!(
                    r#"<style id="leptos" nonce="{nonce}">{}</style>"#,
                    crate::helpers::STYLESHEET
                )),
                "{path}: the stylesheet, unescaped, in the head"
            );
            assert!(
                !html.contains(r#"rel="stylesheet""#),
                "{path}: no second round trip for the CSS"
            );
        }
        app.stop().await;
    })
}

#[test]
fn hsts_is_sent_only_when_served_over_https() {
    run(async {
        let tls = spawn_app_with(|c| {
            c.public_url = PublicUrl::parse("https://village.example.org").expect("valid");
        })
        .await;
        for path in EVERY_KIND {
            let response = tls.get(path).await;
            assert_eq!(
                response.headers()["strict-transport-security"],
                "max-age=63072000; includeSubDomains",
                "{path}"
            );
        }
        tls.stop().await;
    })
}
