//! Typed configuration, read from the command line and the environment with
//! sensible defaults, so that `server` alone runs a working app.

use chrono::NaiveDate;
use clap::Args;
use std::{fmt, net::SocketAddr, path::PathBuf};

/// Settings for serving the app. Every one can be set by flag or by
/// environment variable; flags win.
#[derive(Args, Clone, Debug)]
pub struct ServeConfig {
    /// Address and port to listen on (use port 0 for any free port).
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub site_addr: SocketAddr,

    #[command(flatten)]
    pub database: DatabaseConfig,

    /// The public base URL people reach Village at. `https://…` turns on HSTS
    /// (and Secure cookies, once there are any).
    #[arg(long, env = "VILLAGE_PUBLIC_URL", default_value = "http://127.0.0.1:3000", value_parser = PublicUrl::parse)]
    pub public_url: PublicUrl,

    /// Fixes "today" (YYYY-MM-DD) for demonstrations and tests.
    #[arg(long, env = "VILLAGE_TODAY")]
    pub today: Option<NaiveDate>,

    /// Folder holding the built site (CSS, WASM, JS, static files).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Folder under the site root that holds the built CSS, JS and WASM.
    #[arg(long, env = "LEPTOS_SITE_PKG_DIR", default_value = "pkg")]
    pub site_pkg_dir: String,

    /// Base name of the built CSS, JS and WASM files.
    #[arg(long, env = "LEPTOS_OUTPUT_NAME", default_value = "village")]
    pub output_name: String,

    /// Add clearly labelled sample records on start (only `make run` asks for them).
    #[arg(long)]
    pub sample_data: bool,

    /// Seconds public pages may show published data before reading it again.
    /// This server's own writes show at once; the limit bounds how stale
    /// another instance behind the same database can be.
    #[arg(long, env = "VILLAGE_PUBLISHED_MAX_AGE", default_value_t = 30)]
    pub published_max_age: u64,

    /// The header a load balancer in front puts each client's address in
    /// (for example `X-Forwarded-For`); the last address in it is used for
    /// the waits after failed sign-ins. Unset: the connection's address.
    #[arg(long, env = "VILLAGE_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<http::HeaderName>,

    /// The key that seals organisers' two-step secrets in the database: 64
    /// hexadecimal characters (`openssl rand -hex 32`), the same on every
    /// instance. Unset: the key in `VILLAGE_SECRET_KEY_FILE`, made there on
    /// first start. Keep it out of database backups.
    #[arg(long, env = "VILLAGE_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<Secret>,

    /// Where to report a security problem, for `/.well-known/security.txt`
    /// (RFC 9116): a `mailto:` or `https://` address. Unset: that file is
    /// not served, rather than naming a contact nobody reads.
    #[arg(long, env = "VILLAGE_SECURITY_CONTACT", value_parser = security_contact)]
    pub security_contact: Option<String>,

    /// The organisation that runs this copy of Village and is responsible
    /// for its data, named on the privacy notice. Unset: the notice says
    /// it has not been named.
    #[arg(long, env = "VILLAGE_OPERATOR_NAME", value_parser = short_text)]
    pub operator_name: Option<String>,

    /// How people reach the operator about their data (an email or web
    /// address), shown on the privacy notice beside its name.
    #[arg(
        long,
        env = "VILLAGE_OPERATOR_CONTACT",
        value_parser = operator_contact,
        requires = "operator_name"
    )]
    pub operator_contact: Option<String>,

    /// Where the source of the running version is published, linked from
    /// every page's footer as the AGPL asks of a network service: an
    /// `https://` address. Unset: the footer names the licence only.
    #[arg(long, env = "VILLAGE_SOURCE_URL", value_parser = source_url)]
    pub source_url: Option<String>,

    /// Where the key is kept when `VILLAGE_SECRET_KEY` is not set.
    #[arg(
        long,
        env = "VILLAGE_SECRET_KEY_FILE",
        default_value = "data/secret.key"
    )]
    pub secret_key_file: PathBuf,
}

/// A name or contact for a page: one line, not too long.
fn short_text(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > 200 || value.chars().any(char::is_control) {
        Err("give one line of at most 200 characters".to_owned())
    } else {
        Ok(value.to_owned())
    }
}

/// How to reach the operator: an email address or an `https://` address.
fn operator_contact(value: &str) -> Result<String, String> {
    let value = short_text(value)?;
    let email = value
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    if (email || value.starts_with("https://") && value.len() > "https://".len())
        && !value.chars().any(char::is_whitespace)
    {
        Ok(value)
    } else {
        Err("give an email address or an https:// address".to_owned())
    }
}

/// The address of the published source: `https://`, one line.
fn source_url(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.starts_with("https://")
        && value.len() > "https://".len()
        && value.len() <= 300
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        Ok(value.to_owned())
    } else {
        Err("give an https:// address, such as https://example.org/village".to_owned())
    }
}

/// A security contact as RFC 9116 wants it: a URI, here `mailto:` or `https:`.
fn security_contact(value: &str) -> Result<String, String> {
    let value = value.trim();
    let ok = (value.starts_with("mailto:") && value.contains('@') || value.starts_with("https://"))
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && value.len() <= 200;
    if ok {
        Ok(value.to_owned())
    } else {
        Err("give a mailto: or https:// address, such as mailto:security@example.org".to_owned())
    }
}

/// Where the data lives.
#[derive(Args, Clone, Debug)]
pub struct DatabaseConfig {
    /// `sqlite://path/to/file.db` (the default, created on first run) or
    /// `postgres://user:password@host/database`.
    #[arg(
        long = "database-url",
        env = "DATABASE_URL",
        default_value = "sqlite://data/village.db"
    )]
    pub url: Secret,
}

/// A value that may hold a password; it never appears in logs or debug output.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// The public base URL, without a trailing slash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    pub fn parse(value: &str) -> Result<Self, String> {
        let trimmed = value.trim().trim_end_matches('/');
        let rest = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"))
            .ok_or_else(|| {
                format!("VILLAGE_PUBLIC_URL must start with http:// or https://, not {value:?}")
            })?;
        if rest.is_empty() || rest.contains(char::is_whitespace) {
            return Err(format!("VILLAGE_PUBLIC_URL needs a host name, like https://village.example.org (got {value:?})"));
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Served over TLS: send HSTS (and mark cookies Secure).
    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_url_is_tidied_and_checked() {
        let url = PublicUrl::parse("https://village.example.org/").expect("valid");
        assert_eq!(url.as_str(), "https://village.example.org");
        assert!(url.is_https());
        assert!(!PublicUrl::parse("http://127.0.0.1:3000")
            .expect("valid")
            .is_https());
        assert!(PublicUrl::parse("village.example.org").is_err());
        assert!(PublicUrl::parse("https://").is_err());
    }

    #[test]
    fn secrets_do_not_print() {
        let secret = Secret::from("postgres://u:hunter2@h/db".to_owned());
        assert!(!format!("{secret:?}").contains("hunter2"));
    }
}
