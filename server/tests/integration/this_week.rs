//! The home page: this week for the chosen area, rendered on the server with
//! a fixed "today".

use app::storage::Pool;
use chrono::NaiveDate;

use crate::helpers::{run, spawn_app_with, TestApp};

async fn on(today: &str) -> TestApp {
    let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").expect("a date");
    spawn_app_with(|config| {
        config.sample_data = true;
        config.today = Some(today);
    })
    .await
}

async fn page(app: &TestApp, path: &str, cookie: Option<&str>) -> (u16, Vec<String>, String) {
    let mut request = app.client.get(app.url(path));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.expect("sends");
    let status = response.status().as_u16();
    let cookies = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    // Leptos marks the seams between text nodes with `<!>`; read past them.
    let html = response.text().await.expect("body").replace("<!>", "");
    (status, cookies, html)
}

#[test]
fn with_no_area_chosen_the_page_asks_for_one() {
    run(async {
        let app = on("2026-12-07").await;
        let (status, cookies, html) = page(&app, "/", None).await;
        assert_eq!(status, 200);
        assert!(cookies.is_empty());
        assert!(html.contains("Choose your area"));
        assert!(html.contains(r#"href="/?area=sample-riverside""#));
        app.stop().await;
    })
}

#[test]
fn a_shared_link_opens_and_remembers_the_area_and_shows_the_week_from_the_servers_today() {
    run(async {
        let app = on("2026-12-07").await;
        let (status, cookies, html) = page(&app, "/?area=sample-riverside", None).await;
        assert_eq!(status, 200);
        let remembered = cookies
            .iter()
            .find(|c| c.starts_with("village_area=sample-riverside;"))
            .expect("area cookie");
        assert!(
            remembered.contains("SameSite=Lax")
                && remembered.contains("HttpOnly")
                && remembered.contains("Max-Age=31536000")
        );
        let at = html.find("area-line").unwrap_or(0);
        assert!(
            html.contains("Groups in <strong>Riverside</strong>"),
            "{}",
            &html[at..at + 300]
        );
        assert!(html.contains("7 – 13 December 2026"));
        assert!(html.contains("Monday 7 December"));
        assert!(html.contains("Sunday 13 December"));
        assert!(!html.contains("Monday 14 December"));
        // The cancellation says why.
        assert!(html.contains("The hall is booked for the Christmas fair"));
        // Morning first: Tuesday Talk (10:00) comes before Toddler Tales (14:00).
        let talk = html.find("Tuesday Talk and Tea").expect("listed");
        let tales = html.find("Toddler Tales").expect("listed");
        assert!(talk < tales);
        // Later visits need no query: the cookie brings the area back.
        let (_, _, again) = page(&app, "/", Some("village_area=sample-riverside")).await;
        assert!(again.contains("Groups in <strong>Riverside</strong>"));
        app.stop().await;
    })
}

#[test]
fn in_the_summer_holidays_it_says_who_is_paused_and_what_still_runs() {
    run(async {
        let app = on("2027-08-02").await;
        let (status, _, html) = page(&app, "/?area=sample-riverside", None).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("Summer holidays (22 Jul – 1 Sep):"),
            "the banner names the break"
        );
        assert!(html.contains("groups are having a break."));
        assert!(html.contains("These still run:"));
        assert!(html.contains("Holiday Play Mornings"));
        assert!(html.contains("Having a break"));
        // Term-time groups are listed as paused, not as sessions.
        let at = html.find("Tuesday Talk and Tea").unwrap_or(0);
        assert!(
            html.contains("Tuesday Talk and Tea</a> · Summer holidays"),
            "{}",
            &html[at..at + 200]
        );
        app.stop().await;
    })
}

#[test]
fn filters_in_the_query_narrow_the_week_and_odd_values_are_named() {
    run(async {
        let app = on("2026-12-07").await;
        let (_, cookies, html) = page(&app, "/?area=sample-riverside&when=evening", None).await;
        assert!(html.contains("Evening Circle for Parents"));
        assert!(!html.contains("Tuesday Talk and Tea"));
        assert!(cookies
            .iter()
            .any(|c| c.starts_with("village_filters=when=evening;")));
        let (_, _, html) = page(&app, "/?area=sample-riverside&when=midnight", None).await;
        assert!(
            html.contains("We don&#x27;t know the time") || html.contains("We don't know the time")
        );
        app.stop().await;
    })
}

#[test]
fn previous_and_next_weeks_and_bad_weeks() {
    run(async {
        let app = on("2026-12-07").await;
        let (_, _, html) = page(&app, "/?area=sample-riverside", None).await;
        assert!(
            html.contains(r#"href="/?area=sample-riverside&amp;week=2026-12-14""#)
                || html.contains(r#"href="/?area=sample-riverside&week=2026-12-14""#)
        );
        let (status, _, html) = page(&app, "/?area=sample-riverside&week=2026-12-21", None).await;
        assert_eq!(status, 200);
        assert!(html.contains("Christmas holidays (19 Dec – 4 Jan):"));
        // The extra Christmas session of Tuesday Talk runs in the break.
        assert!(html.contains("Extra session"));
        let (status, _, html) = page(&app, "/?area=sample-riverside&week=next-tuesday", None).await;
        assert_eq!(status, 400);
        assert!(html.contains("weeks are dates like 2026-12-07"));
        app.stop().await;
    })
}

#[test]
fn an_unknown_area_in_a_link_is_explained() {
    run(async {
        let app = on("2026-12-07").await;
        let (status, cookies, html) = page(&app, "/?area=atlantis", None).await;
        assert_eq!(status, 200);
        assert!(cookies.is_empty());
        assert!(
            html.contains("We don&#x27;t know that area yet")
                || html.contains("We don't know that area yet")
        );
        app.stop().await;
    })
}

#[test]
fn a_group_page_says_everything_in_plain_words_with_its_breaks() {
    run(async {
        let app = on("2026-12-07").await;
        let (status, _, html) = page(&app, "/groups/sample-tuesday-talk", None).await;
        assert_eq!(status, 200);
        assert!(html.contains("<h1>Tuesday Talk and Tea"));
        assert!(html.contains("Every Tuesday, 10:00 to 11:30, in term time only."));
        assert!(
            html.contains("St Mark&#x27;s Church Hall") || html.contains("St Mark's Church Hall")
        );
        assert!(html.contains("Step-free access"));
        assert!(html.contains("Cancelled: The hall is booked for the Christmas fair"));
        assert!(html.contains("No sessions 19 Dec – 4 Jan: Christmas holidays"));
        assert!(html.contains("Extra session"));
        assert!(html.contains(r#"href="/api/v1/groups/sample-tuesday-talk/calendar.ics""#));
        assert!(html.contains(
            r#"href="webcal://127.0.0.1/api/v1/groups/sample-tuesday-talk/calendar.ics""#
        ));
        assert!(html.contains("Details last confirmed by the organiser on Friday 20 November"));

        let (_, _, online) = page(&app, "/groups/sample-night-owls", None).await;
        assert_eq!(
            online.matches("Contact the organiser to join").count(),
            1,
            "said once"
        );
        let (_, _, public) = page(&app, "/groups/sample-online-circle", None).await;
        assert!(public.contains(r#"href="https://meet.example.org/bumps-and-babies""#));
        assert!(public.contains("Join the group online"));
        assert!(public.contains("A chat and a cuppa"));
        assert!(
            !online.contains("private-room"),
            "a private joining link must never be shown"
        );

        let (status, _, missing) = page(&app, "/groups/no-such-group", None).await;
        assert_eq!(status, 404);
        assert!(
            missing.contains("We can&#x27;t find that group")
                || missing.contains("We can't find that group")
        );
        let (status, _, _) = page(&app, "/groups/Bad%20Id", None).await;
        assert_eq!(status, 400);
        app.stop().await;
    })
}

#[test]
fn near_the_end_of_the_known_term_dates_the_group_page_says_so() {
    run(async {
        // The sample always knows the year after today's; take that year away
        // to see what parents see where an area's dates run out.
        let app = spawn_app_with(|config| {
            config.sample_data = true;
            config.today = Some(NaiveDate::from_ymd_opt(2027, 7, 13).expect("a date"));
            config.published_max_age = 0;
        })
        .await;
        for table in ["bank_holidays", "term_breaks", "school_years"] {
            let sql = format!("DELETE FROM {table} WHERE school_year = '2027-28'");
            match app.server.store().pool() {
                Pool::Sqlite(pool) => sqlx::query(&sql).execute(pool).await.map(|_| ()),
                Pool::Postgres(pool) => sqlx::query(&sql).execute(pool).await.map(|_| ()),
            }
            .expect("deletes");
        }
        let (_, _, html) = page(&app, "/groups/sample-tuesday-talk", None).await;
        assert!(html.contains("No sessions 22 Jul – 1 Sep: Summer holidays"));
        assert!(
            html.contains("From Tue 7 Sep: term dates not known yet. Check with the organiser.")
        );
        app.stop().await;
    })
}

#[test]
fn each_area_has_a_printable_poster_with_a_qr_code_and_this_weeks_groups() {
    run(async {
        let app = on("2026-12-07").await;
        let (status, _, html) = page(&app, "/areas/sample-riverside/poster", None).await;
        assert_eq!(status, 200);
        assert!(html.contains("Peer support for parents in Riverside"));
        assert!(html.contains("<svg") && html.contains(r#"aria-label="QR code""#));
        assert!(html.contains("http://127.0.0.1/?area=sample-riverside"));
        assert!(
            html.contains("<strong>Baby Massage</strong> · Fri 10:00"),
            "the moved session shows on its new day"
        );
        assert!(html.contains("Evening Circle for Parents"));
        assert!(
            !html.contains("Holiday Play Mornings"),
            "not running this week"
        );
        let (status, _, _) = page(&app, "/areas/atlantis/poster", None).await;
        assert_eq!(status, 404);
        app.stop().await;
    })
}
