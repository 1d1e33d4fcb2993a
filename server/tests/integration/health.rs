use crate::helpers::spawn_app;

#[tokio::test]
async fn healthz_answers_in_plain_text() {
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
}

#[tokio::test]
async fn readyz_checks_the_database() {
    let app = spawn_app().await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("body"), "ready");
    app.stop().await;
}

#[tokio::test]
async fn shutdown_finishes_and_frees_the_port() {
    let app = spawn_app().await;
    let addr = app.server.addr();
    assert_eq!(app.get("/healthz").await.status(), 200);
    app.stop().await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "nothing should listen after shutdown"
    );
}
