//! Query parameters and server-function arguments from outside, fuzzed
//! against the real server: any address gets an answer (a 4xx that says
//! what is wrong, or the page), never a 5xx and never a dropped connection.

use reqwest::StatusCode;

use crate::helpers::{run, sample_app};

/// A small, seeded generator, so a failure can be replayed from its seed.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[usize::try_from(self.next() % from.len() as u64).unwrap_or(0)]
    }
}

const PATHS: &[&str] = &[
    "/",
    "/help",
    "/groups/sample-tuesday-talk",
    "/areas/sample-riverside/poster",
    "/api/v1/areas/sample-riverside/sessions",
    "/api/v1/areas/no-such-area/sessions",
    "/api/v1/groups/sample-tuesday-talk/calendar.ics",
    "/api/v1/feeds/calendar.ics",
    "/api/v1/directory",
    "/rpc/home",
    "/rpc/area",
    "/rpc/group",
    "/rpc/poster",
];

const KEYS: &[&str] = &[
    "area",
    "week",
    "from",
    "days",
    "when",
    "free",
    "focus",
    "who",
    "q",
    "id",
    "groups",
    "kind",
    "near",
    "page",
    "x",
    "",
    "%00",
    "area%5B%5D",
];

const VALUES: &[&str] = &[
    "sample-riverside",
    "2026-12-07",
    "2026-02-30",
    "9999-12-31",
    // Signed and extreme years, which chrono reads: bounded before use.
    "+262142-11-01",
    "-262143-01-01",
    "+002026-12-07",
    "0000-01-01",
    "1970-01-01",
    "2099-12-31",
    "365000",
    "-1",
    "0",
    "1",
    "99999999999999999999",
    "evening",
    "morning",
    "%FF%FE",
    "%00",
    "%E2%80%AE",
    "%F0%9F%91%B6",
    "a%20b",
    "..%2F..%2Fetc%2Fpasswd",
    "%3Cscript%3E",
    "sample-tuesday-talk,sample-twins",
    ",,,",
    "",
    "true",
    "%",
    "%%",
    "+",
];

#[test]
fn any_query_gets_a_clear_answer_and_never_a_server_error() {
    run(async {
        let app = sample_app().await;
        let seed: u64 = std::env::var("FUZZ_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5eed_1234_abcd_ef01);
        let tries: usize = std::env::var("FUZZ_QUERIES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(400);
        let mut random = Xorshift(seed);
        let mut seen = [0usize; 6];
        // No request may take longer than this, whatever it holds.
        let limit = std::time::Duration::from_secs(1);
        let mut slowest = (std::time::Duration::ZERO, String::new());
        for _ in 0..tries {
            let path = random.pick(PATHS);
            let pairs = random.next() % 5;
            let mut query = String::new();
            for i in 0..pairs {
                if i > 0 {
                    query.push('&');
                }
                query.push_str(random.pick(KEYS));
                if !random.next().is_multiple_of(8) {
                    query.push('=');
                    query.push_str(random.pick(VALUES));
                }
                if random.next().is_multiple_of(16) {
                    query.push_str(&"x".repeat(5_000));
                }
            }
            let url = format!("{}{path}?{query}", app.base);
            let started = std::time::Instant::now();
            let answer = tokio::time::timeout(limit * 5, app.client.get(&url).send())
                .await
                .unwrap_or_else(|_| panic!("{url}: no answer in {:?} (seed {seed})", limit * 5))
                .unwrap_or_else(|err| panic!("{url}: no answer: {err} (seed {seed})"));
            let status = answer.status();
            seen[usize::from(status.as_u16() / 100)] += 1;
            let body = answer.text().await.unwrap_or_default();
            let took = started.elapsed();
            assert!(took < limit, "{url} took {took:?} (seed {seed})");
            if took > slowest.0 {
                slowest = (took, format!("{path}?{query}"));
            }
            assert!(
                !status.is_server_error(),
                "{url} gave {status} (seed {seed}): {body}"
            );
            if status.is_client_error() && status != StatusCode::NOT_FOUND {
                assert!(
                    !body.trim().is_empty(),
                    "{url}: a {status} says what is wrong"
                );
            }
        }
        assert!(
            seen[2] > 0 && seen[4] > 0,
            "both good and refused queries were tried: {seen:?}"
        );
        let shown: String = slowest.1.chars().take(80).collect();
        println!(
            "fuzz: {tries} queries, by status class {seen:?}, no 5xx, slowest {} ms ({shown})",
            slowest.0.as_millis()
        );
        app.stop().await;
    })
}
