use app::AppError;
use village_core::{AreaId, Nation};

use crate::helpers::spawn_app;

#[tokio::test]
async fn areas_are_served_as_json_over_get() {
    let app = spawn_app().await;
    let id = AreaId::parse("leeds").expect("valid");
    app.server
        .store()
        .insert_area(&id, "Leeds", Nation::England, false)
        .await
        .expect("inserts");

    let response = app.get("/rpc/areas").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body[0]["id"], "leeds");
    assert_eq!(body[0]["name"], "Leeds");
    assert_eq!(body[0]["nation"], "england");

    let response = app.get("/rpc/area?id=leeds").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["name"], "Leeds");
    app.stop().await;
}

#[tokio::test]
async fn a_malformed_argument_is_a_400_that_says_what_is_wrong() {
    let app = spawn_app().await;
    let response = app.get("/rpc/area?id=Not%20An%20Id").await;
    assert_eq!(response.status(), 400);
    let error: AppError = response.json().await.expect("a typed error");
    let AppError::BadRequest(message) = error else {
        panic!("expected a bad request, got {error:?}");
    };
    assert!(
        message.contains("The area id can only use lowercase letters"),
        "{message}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_missing_argument_is_a_400() {
    let app = spawn_app().await;
    let response = app.get("/rpc/area").await;
    assert_eq!(response.status(), 400);
    let error: AppError = response.json().await.expect("a typed error");
    assert!(matches!(error, AppError::BadRequest(_)), "{error:?}");
    app.stop().await;
}

#[tokio::test]
async fn an_unknown_area_is_a_404() {
    let app = spawn_app().await;
    let response = app.get("/rpc/area?id=nowhere").await;
    assert_eq!(response.status(), 404);
    let error: AppError = response.json().await.expect("a typed error");
    assert_eq!(error, AppError::NotFound);
    app.stop().await;
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_a_clear_message_and_changes_nothing() {
    let app = spawn_app().await;
    let body = "id=".to_owned() + &"a".repeat(70 * 1024);
    let response = app
        .client
        .post(app.url("/rpc/area"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 413);
    let text = response.text().await.expect("body");
    assert_eq!(
        text,
        "The request is too large. Village accepts at most 64 KB in one request."
    );
    assert!(app.server.store().areas().await.expect("lists").is_empty());
    app.stop().await;
}

#[tokio::test]
async fn a_body_sent_to_a_read_only_address_is_refused_with_a_message() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/rpc/area"))
        .header("content-type", "application/json")
        .body("{ this is not json")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 405);
    assert_eq!(
        response.text().await.expect("body"),
        "This address does not take POST requests."
    );
    assert!(app.server.store().areas().await.expect("lists").is_empty());
    app.stop().await;
}
