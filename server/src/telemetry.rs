//! Structured logs with `tracing`. Log lines never hold personal data: no
//! addresses, no query strings, no request bodies, no diary content.

use tracing_subscriber::{fmt, EnvFilter};

/// Logs to standard error. `RUST_LOG` filters (default: info, quiet sqlx);
/// `VILLAGE_LOG_FORMAT=json` writes one JSON object per line.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let json = std::env::var("VILLAGE_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // A second call (as in tests) keeps the first subscriber.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
