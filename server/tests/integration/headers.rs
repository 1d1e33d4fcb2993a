//! The MDN HTTP Observatory's checks, here: its scanner cannot run on these
//! machines (installing it downloads from outside), so this grades every
//! route's answer by the Observatory's published tests and modifiers
//! (CSP, cookies, CORS, Referrer-Policy, HSTS, subresource integrity,
//! X-Content-Type-Options, framing, Cross-Origin-Resource-Policy) with
//! `VILLAGE_PUBLIC_URL=https://…`, and asks for A+ on every one.

use reqwest::{header, header::HeaderMap, StatusCode};
use std::collections::BTreeMap;

use crate::helpers::{run, spawn_app_with, TestApp};

/// One Observatory test's result: its name and score modifier.
type Modifier = (&'static str, i32);

/// The Observatory's letter for a score.
fn grade(score: i32) -> &'static str {
    match score {
        100.. => "A+",
        90..=99 => "A",
        85..=89 => "A-",
        80..=84 => "B+",
        70..=79 => "B",
        65..=69 => "B-",
        60..=64 => "C+",
        50..=59 => "C",
        45..=49 => "C-",
        40..=44 => "D+",
        30..=39 => "D",
        25..=29 => "D-",
        _ => "F",
    }
}

/// A CSP header's directives and their sources, lowercased.
fn directives(policy: &str) -> BTreeMap<String, Vec<String>> {
    policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.map(str::to_ascii_lowercase).collect()))
        })
        .collect()
}

fn csp(headers: &HeaderMap) -> Modifier {
    let Some(policy) = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
    else {
        return ("csp-not-implemented", -25);
    };
    let d = directives(policy);
    if d.is_empty() {
        return ("csp-header-invalid", -25);
    }
    let default = d.get("default-src").cloned().unwrap_or_default();
    let scripts = d
        .get("script-src")
        .cloned()
        .unwrap_or_else(|| default.clone());
    let styles = d
        .get("style-src")
        .cloned()
        .unwrap_or_else(|| default.clone());
    // A nonce, a hash or 'strict-dynamic' makes a browser ignore 'unsafe-inline'.
    let inline_ignored = scripts
        .iter()
        .any(|s| s.starts_with("'nonce-") || s.starts_with("'sha") || s == "'strict-dynamic'");
    let insecure = |sources: &[String]| {
        sources
            .iter()
            .any(|s| s == "http:" || s.starts_with("http://") || s == "*")
    };
    let every_source: Vec<String> = d.values().flatten().cloned().collect();
    if scripts.iter().any(|s| s == "'unsafe-inline'") && !inline_ignored {
        ("csp-implemented-with-unsafe-inline", -20)
    } else if insecure(&scripts) || insecure(&default) {
        ("csp-implemented-with-insecure-scheme", -20)
    } else if scripts.iter().any(|s| s == "'unsafe-eval'") {
        ("csp-implemented-with-unsafe-eval", -10)
    } else if insecure(&every_source) {
        (
            "csp-implemented-with-insecure-scheme-in-passive-content-only",
            -10,
        )
    } else if styles.iter().any(|s| s == "'unsafe-inline'") {
        ("csp-implemented-with-unsafe-inline-in-style-src-only", 0)
    } else if default == ["'none'"] {
        ("csp-implemented-with-no-unsafe-default-src-none", 10)
    } else {
        ("csp-implemented-with-no-unsafe", 5)
    }
}

/// The cookies a response sets: (name, attributes lowercased).
fn cookies(headers: &HeaderMap) -> Vec<(String, Vec<String>)> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|c| {
            let mut parts = c.split(';').map(str::trim);
            let name = parts
                .next()
                .and_then(|p| p.split('=').next())
                .unwrap_or_default()
                .to_owned();
            (name, parts.map(str::to_ascii_lowercase).collect())
        })
        .collect()
}

fn cookie_test(headers: &HeaderMap) -> Modifier {
    let set = cookies(headers);
    if set.is_empty() {
        return ("cookies-not-found", 0);
    }
    let has =
        |attrs: &[String], name: &str| attrs.iter().any(|a| a.split('=').next() == Some(name));
    if set.iter().any(|(_, a)| !has(a, "secure")) {
        ("cookies-session-without-secure-flag", -40)
    } else if set.iter().any(|(_, a)| !has(a, "httponly")) {
        ("cookies-session-without-httponly-flag", -30)
    } else if set.iter().all(|(_, a)| {
        a.iter()
            .any(|x| x == "samesite=strict" || x == "samesite=lax")
    }) {
        ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    } else {
        ("cookies-secure-with-httponly-sessions", 0)
    }
}

fn cors(headers: &HeaderMap) -> Modifier {
    match headers
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .and_then(|v| v.to_str().ok())
    {
        None => ("cross-origin-resource-sharing-not-implemented", 0),
        Some("*") => (
            "cross-origin-resource-sharing-implemented-with-universal-access",
            -50,
        ),
        Some(_) => (
            "cross-origin-resource-sharing-implemented-with-restricted-access",
            0,
        ),
    }
}

fn referrer(headers: &HeaderMap) -> Modifier {
    let Some(value) = headers
        .get(header::REFERRER_POLICY)
        .and_then(|v| v.to_str().ok())
    else {
        return ("referrer-policy-not-implemented", 0);
    };
    // The last policy a browser understands wins.
    match value.rsplit(',').next().map(str::trim) {
        Some(
            "no-referrer" | "same-origin" | "strict-origin" | "strict-origin-when-cross-origin",
        ) => ("referrer-policy-private", 5),
        Some("no-referrer-when-downgrade") => ("referrer-policy-no-referrer-when-downgrade", 0),
        Some("origin" | "origin-when-cross-origin" | "unsafe-url") => {
            ("referrer-policy-unsafe", -5)
        }
        _ => ("referrer-policy-header-invalid", -5),
    }
}

/// Six months, the Observatory's least.
const HSTS_MIN_SECONDS: u64 = 15_768_000;

fn hsts(headers: &HeaderMap) -> Modifier {
    let Some(value) = headers
        .get(header::STRICT_TRANSPORT_SECURITY)
        .and_then(|v| v.to_str().ok())
    else {
        return ("hsts-not-implemented", -20);
    };
    let max_age = value.split(';').find_map(|p| {
        p.trim()
            .strip_prefix("max-age=")
            .and_then(|n| n.trim_matches('"').parse::<u64>().ok())
    });
    match max_age {
        None => ("hsts-header-invalid", -20),
        Some(age) if age < HSTS_MIN_SECONDS => {
            ("hsts-implemented-max-age-less-than-six-months", -10)
        }
        Some(_) => ("hsts-implemented-max-age-at-least-six-months", 0),
    }
}

fn sri(headers: &HeaderMap, body: &str) -> Modifier {
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !html {
        return ("sri-not-implemented-response-not-html", 0);
    }
    let scripts: Vec<&str> = body
        .split("<script")
        .skip(1)
        .map(|s| s.split('>').next().unwrap_or_default())
        .collect();
    let external: Vec<&str> = scripts
        .iter()
        .copied()
        .filter(|tag| tag.contains("src=\"http") || tag.contains("src=\"//"))
        .collect();
    if scripts.is_empty() {
        ("sri-not-implemented-but-no-scripts-loaded", 0)
    } else if external.is_empty() {
        (
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            0,
        )
    } else if external.iter().all(|t| t.contains("integrity=")) {
        ("sri-implemented-and-external-scripts-loaded-securely", 5)
    } else {
        (
            "sri-not-implemented-but-external-scripts-loaded-securely",
            -5,
        )
    }
}

fn nosniff(headers: &HeaderMap) -> Modifier {
    match headers
        .get(header::X_CONTENT_TYPE_OPTIONS)
        .and_then(|v| v.to_str().ok())
    {
        Some(v) if v.eq_ignore_ascii_case("nosniff") => ("x-content-type-options-nosniff", 0),
        Some(_) => ("x-content-type-options-header-invalid", -5),
        None => ("x-content-type-options-not-implemented", -5),
    }
}

fn framing(headers: &HeaderMap) -> Modifier {
    let via_csp = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .map(directives)
        .and_then(|d| d.get("frame-ancestors").cloned())
        .is_some_and(|sources| sources == ["'none'"] || sources == ["'self'"]);
    if via_csp {
        return ("x-frame-options-implemented-via-csp", 5);
    }
    match headers
        .get(header::X_FRAME_OPTIONS)
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        Some("DENY" | "SAMEORIGIN") => ("x-frame-options-sameorigin-or-deny", 0),
        Some(_) => ("x-frame-options-header-invalid", -20),
        None => ("x-frame-options-not-implemented", -20),
    }
}

fn corp(headers: &HeaderMap) -> Modifier {
    match headers
        .get("cross-origin-resource-policy")
        .and_then(|v| v.to_str().ok())
    {
        None => ("corp-not-implemented", 0),
        Some("same-origin") => ("corp-implemented-with-same-origin", 0),
        Some("same-site") => ("corp-implemented-with-same-site", 0),
        Some("cross-origin") => ("corp-implemented-with-cross-origin", 0),
        Some(_) => ("corp-header-invalid", -5),
    }
}

/// Every test's result and the score: 100, the penalties, and the bonuses
/// only when the score without them is 90 or more (as the Observatory does).
fn observatory(headers: &HeaderMap, body: &str) -> (i32, Vec<Modifier>) {
    let results = vec![
        csp(headers),
        cookie_test(headers),
        cors(headers),
        referrer(headers),
        hsts(headers),
        sri(headers, body),
        nosniff(headers),
        framing(headers),
        corp(headers),
    ];
    let penalties: i32 = results.iter().map(|(_, m)| *m).filter(|m| *m < 0).sum();
    let bonuses: i32 = results.iter().map(|(_, m)| *m).filter(|m| *m > 0).sum();
    let base = (100 + penalties).max(0);
    let score = if base >= 90 { base + bonuses } else { base };
    (score, results)
}

fn headers_of(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in pairs {
        headers.append(*name, value.parse().expect("a header value"));
    }
    headers
}

#[test]
fn the_grader_follows_the_observatorys_table() {
    // Nothing at all: CSP -25, HSTS -20, nosniff -5, framing -20: 30, a D.
    let (score, _) = observatory(&HeaderMap::new(), "");
    assert_eq!((score, grade(score)), (30, "D"));
    // A weak policy: inline scripts allowed, a short HSTS, a universal CORS,
    // a cookie without HttpOnly; no bonuses below 90.
    let weak = headers_of(&[
        (
            "content-security-policy",
            "default-src 'self'; script-src 'self' 'unsafe-inline'",
        ),
        ("strict-transport-security", "max-age=86400"),
        ("access-control-allow-origin", "*"),
        ("set-cookie", "session=1; Secure; SameSite=Lax"),
        ("referrer-policy", "no-referrer"),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("content-type", "text/html; charset=utf-8"),
    ]);
    let (score, results) = observatory(&weak, "<script src=\"https://cdn.example/x.js\"></script>");
    let failing: Vec<&str> = results
        .iter()
        .filter(|(_, m)| *m < 0)
        .map(|(t, _)| *t)
        .collect();
    assert_eq!(
        failing,
        [
            "csp-implemented-with-unsafe-inline",
            "cookies-session-without-httponly-flag",
            "cross-origin-resource-sharing-implemented-with-universal-access",
            "hsts-implemented-max-age-less-than-six-months",
            "sri-not-implemented-but-external-scripts-loaded-securely",
        ]
    );
    assert_eq!((score, grade(score)), (0, "F"));
    // A nonce makes 'unsafe-inline' harmless; 'unsafe-eval' still costs.
    let eval = headers_of(&[(
        "content-security-policy",
        "default-src 'none'; script-src 'nonce-abc' 'unsafe-inline' 'unsafe-eval'",
    )]);
    assert_eq!(csp(&eval), ("csp-implemented-with-unsafe-eval", -10));
    assert_eq!(grade(125), "A+");
    assert_eq!(grade(99), "A");
}

/// Answers worth grading: every kind of page, the API, feeds, files, errors,
/// a server function and a sign-in that sets the session cookie.
async fn answers(app: &TestApp) -> Vec<(String, reqwest::Response)> {
    let mut seen = Vec::new();
    for path in [
        "/",
        "/?area=sample-riverside",
        "/groups/sample-tuesday-talk",
        "/areas/sample-riverside/poster",
        "/mood",
        "/help",
        "/help/what-happens",
        "/help/worried-about-someone",
        "/need-help-now",
        "/offline",
        "/organisers/login",
        "/organisers",
        "/organisers/groups/new",
        "/no-such-page",
        "/api/v1/areas",
        "/api/v1/areas/sample-riverside/sessions",
        "/api/v1/groups/sample-tuesday-talk",
        "/api/v1/groups/sample-tuesday-talk/calendar.ics",
        "/api/v1/directory",
        "/api/v1/no-such-thing",
        "/rpc/areas",
        "/healthz",
        "/favicon.svg",
        "/pkg/village.R0qpR4Yeled9ceZfyEjz5A.js",
    ] {
        let answer = app.client.get(app.url(path)).send().await.expect("answers");
        seen.push((path.to_owned(), answer));
    }
    let sign_in = app
        .client
        .post(app.url("/organisers/login"))
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("email", "admin@example.org"),
            ("password", "kettle violet harbour"),
        ])
        .send()
        .await
        .expect("answers");
    seen.push(("POST /organisers/login".to_owned(), sign_in));
    seen
}

#[test]
fn every_route_gets_an_observatory_a_plus_over_https() {
    run(async {
        let app = spawn_app_with(|config| {
            config.sample_data = true;
            config.public_url =
                server::config::PublicUrl::parse("https://village.example.org").expect("valid");
        })
        .await;
        let hash = server::accounts::hash_password("kettle violet harbour").expect("hashes");
        app.server
            .store()
            .create_user(
                "admin-1",
                &village_core::account::Email::parse("admin@example.org").expect("email"),
                &hash,
                village_core::account::Role::Admin,
                None,
            )
            .await
            .expect("creates the account");
        let mut lowest = i32::MAX;
        let mut cookie_seen = false;
        for (path, answer) in answers(&app).await {
            let status = answer.status();
            let headers = answer.headers().clone();
            let body = answer.text().await.unwrap_or_default();
            let (score, results) = observatory(&headers, &body);
            assert!(
                score >= 100,
                "{path} ({status}) scored {score} ({}): {results:?}",
                grade(score)
            );
            lowest = lowest.min(score);

            // Beyond the score, each criterion the issue names.
            let policy = directives(
                headers
                    .get(header::CONTENT_SECURITY_POLICY)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default(),
            );
            for (directive, expected) in [
                ("default-src", "'none'"),
                ("frame-ancestors", "'none'"),
                ("object-src", "'none'"),
                ("base-uri", "'none'"),
            ] {
                assert_eq!(
                    policy.get(directive).map(Vec::as_slice),
                    Some(&[expected.to_owned()][..]),
                    "{path}: {directive}"
                );
            }
            for sources in policy.values() {
                for bad in ["'unsafe-inline'", "'unsafe-eval'", "*", "http:", "data:"] {
                    assert!(
                        !sources.iter().any(|s| s == bad)
                            || (bad == "data:" && policy.get("img-src") == Some(sources)),
                        "{path}: {bad} in {sources:?}"
                    );
                }
            }
            let value = |name: &str| {
                headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned()
            };
            assert_eq!(value("x-content-type-options"), "nosniff", "{path}");
            assert_eq!(value("x-frame-options"), "DENY", "{path}");
            assert_eq!(value("referrer-policy"), "no-referrer", "{path}");
            assert_eq!(value("cross-origin-opener-policy"), "same-origin", "{path}");
            assert_eq!(
                value("cross-origin-resource-policy"),
                "same-origin",
                "{path}"
            );
            assert_eq!(
                hsts(&headers).0,
                "hsts-implemented-max-age-at-least-six-months",
                "{path}"
            );
            assert!(
                value("strict-transport-security").contains("includeSubDomains"),
                "{path}"
            );
            assert!(
                headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none(),
                "{path}: no CORS, so nothing private is readable from other sites"
            );
            if path.contains("organisers") {
                assert_eq!(value("cache-control"), "no-store", "{path}");
            }
            for (name, attributes) in cookies(&headers) {
                for needed in ["secure", "httponly", "path=/"] {
                    assert!(
                        attributes.iter().any(|a| a == needed),
                        "{path}: {name} lacks {needed}"
                    );
                }
                assert!(
                    attributes.iter().any(|a| a.starts_with("samesite=")),
                    "{path}: {name}"
                );
                if name.contains("session") {
                    cookie_seen = true;
                    assert_eq!(name, "__Host-village-session", "{path}");
                    assert!(attributes.iter().any(|a| a == "samesite=strict"), "{path}");
                    assert!(
                        !attributes.iter().any(|a| a.starts_with("domain=")),
                        "{path}: __Host- cookies name no domain"
                    );
                }
            }
            if path == "POST /organisers/login" {
                assert_eq!(status, StatusCode::SEE_OTHER, "signed in");
            }
        }
        assert!(cookie_seen, "the session cookie was graded");
        println!(
            "observatory: lowest score over every route {lowest} ({})",
            grade(lowest)
        );
        app.stop().await;
    })
}

#[test]
fn security_txt_names_the_contact_and_expires_within_a_year_or_is_not_there() {
    run(async {
        let app = crate::helpers::spawn_app_with(|c| {
            c.security_contact = Some("mailto:security@example.org".to_owned());
        })
        .await;
        let answer = app.get("/.well-known/security.txt").await;
        assert_eq!(answer.status(), 200);
        assert!(answer.headers()["content-type"]
            .to_str()
            .is_ok_and(|t| t.starts_with("text/plain")));
        let text = answer.text().await.expect("text");
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{name}: ")))
                .map(str::to_owned)
        };
        assert_eq!(
            field("Contact").as_deref(),
            Some("mailto:security@example.org")
        );
        assert_eq!(field("Preferred-Languages").as_deref(), Some("en"));
        assert!(field("Canonical").is_some_and(|c| c.ends_with("/.well-known/security.txt")));
        let expires = field("Expires").expect("Expires");
        let expires = chrono::DateTime::parse_from_rfc3339(&expires).expect("an RFC 3339 time");
        let today = crate::helpers::today();
        let days = (expires.date_naive() - today).num_days();
        assert!((1..365).contains(&days), "expires in {days} days");
        app.stop().await;

        let app = crate::helpers::spawn_app().await;
        assert_eq!(app.get("/.well-known/security.txt").await.status(), 404);
        app.stop().await;
    })
}
