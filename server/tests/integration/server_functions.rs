use app::AppError;
use village_core::{AreaId, Nation};

use crate::helpers::{run, spawn_app};

#[test]
fn areas_are_served_as_json_over_get() {
    run(async {
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
    })
}

#[test]
fn a_malformed_argument_is_a_400_that_says_what_is_wrong() {
    run(async {
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
    })
}

#[test]
fn a_missing_argument_is_a_400() {
    run(async {
        let app = spawn_app().await;
        let response = app.get("/rpc/area").await;
        assert_eq!(response.status(), 400);
        let error: AppError = response.json().await.expect("a typed error");
        assert!(matches!(error, AppError::BadRequest(_)), "{error:?}");
        app.stop().await;
    })
}

#[test]
fn an_unknown_area_is_a_404() {
    run(async {
        let app = spawn_app().await;
        let response = app.get("/rpc/area?id=nowhere").await;
        assert_eq!(response.status(), 404);
        let error: AppError = response.json().await.expect("a typed error");
        assert_eq!(error, AppError::NotFound);
        app.stop().await;
    })
}

#[test]
fn an_oversized_body_is_refused_with_a_clear_message_and_changes_nothing() {
    run(async {
        let app = spawn_app().await;
        let body = "id=".to_owned() + &"a".repeat(70 * 1024);
        let response = app
            .post("/rpc/area", "application/x-www-form-urlencoded", body)
            .await;
        assert_eq!(response.status(), 413);
        let text = response.text().await.expect("body");
        assert_eq!(
            text,
            "The request is too large. Village accepts at most 64 KB in one request."
        );
        assert!(app.server.store().areas().await.expect("lists").is_empty());
        app.stop().await;
    })
}

#[test]
fn a_body_sent_to_a_read_only_address_is_refused_with_a_message() {
    run(async {
        let app = spawn_app().await;
        let response = app
            .post("/rpc/area", "application/json", "{ this is not json".into())
            .await;
        assert_eq!(response.status(), 405);
        assert_eq!(
            response.text().await.expect("body"),
            "This address does not take POST requests."
        );
        assert!(app.server.store().areas().await.expect("lists").is_empty());
        app.stop().await;
    })
}

#[test]
fn two_servers_in_one_process_each_use_their_own_database() {
    run(async {
        let first = spawn_app().await;
        let second = spawn_app().await;
        let only_first = AreaId::parse("only-first").expect("valid");
        first
            .server
            .store()
            .insert_area(&only_first, "Only first", Nation::England, false)
            .await
            .expect("inserts");
        let from_first: serde_json::Value =
            first.get("/rpc/areas").await.json().await.expect("json");
        let from_second: serde_json::Value =
            second.get("/rpc/areas").await.json().await.expect("json");
        assert_eq!(from_first.as_array().map(Vec::len), Some(1));
        assert_eq!(from_second.as_array().map(Vec::len), Some(0));
        first.stop().await;
        second.stop().await;
    })
}
