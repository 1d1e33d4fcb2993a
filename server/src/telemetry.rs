//! Structured logs with `tracing`. Log lines never hold personal data: no
//! addresses, no query strings, no request bodies, no diary content.

use std::io::IsTerminal;
use tracing_subscriber::{fmt, EnvFilter};

const DEFAULT_FILTER: &str = "info,sqlx=warn,tower_http=warn";
const NO_CALLER_ADDRESSES: &str = "axum::serve=debug";

/// Logs to standard error. `RUST_LOG` filters (default: info, quiet sqlx);
/// `VILLAGE_LOG_FORMAT=json` writes one JSON object per line.
pub fn init() {
    // axum traces each caller's address as it accepts a connection: cap it
    // below trace, whatever RUST_LOG asks for, so no address reaches a log.
    let wanted = std::env::var("RUST_LOG").unwrap_or_else(|_| DEFAULT_FILTER.to_owned());
    let filter = EnvFilter::try_new(format!("{wanted},{NO_CALLER_ADDRESSES}"))
        .unwrap_or_else(|_| EnvFilter::new(format!("{DEFAULT_FILTER},{NO_CALLER_ADDRESSES}")));
    let json = std::env::var("VILLAGE_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colours only for a person watching; log files get plain text.
        .with_ansi(std::io::stderr().is_terminal());
    // A second call (as in tests) keeps the first subscriber.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
