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

#[test]
fn hsts_is_sent_only_when_served_over_https() {
    run(async {
        let plain = spawn_app().await;
        for path in ["/healthz", "/", "/no-such-page"] {
            let response = plain.get(path).await;
            assert!(
                !response.headers().contains_key("strict-transport-security"),
                "{path}"
            );
        }
        plain.stop().await;

        let tls = spawn_app_with(|c| {
            c.public_url = PublicUrl::parse("https://village.example.org").expect("valid");
        })
        .await;
        for path in ["/healthz", "/", "/no-such-page", "/rpc/areas"] {
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
