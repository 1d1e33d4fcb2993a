//! Village's server as a library: configuration, database, the HTTP app and
//! start-up with graceful shutdown. The `server` binary is a thin command
//! line over this, and integration tests start the same thing on port 0.

use std::sync::Arc;

pub mod accounts;
pub mod api;
pub mod cli;
pub mod config;
pub mod database;
pub mod embed;
pub mod http;
pub mod organisers;
pub mod pages;
pub mod reports;
pub mod sample;
pub mod security;
pub mod sessions;
pub mod telemetry;

use leptos::config::LeptosOptions;
use std::{future::Future, net::SocketAddr, time::Duration};
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

use app::{
    accounts::sealed::SecretKey,
    storage::{Store, StoreError},
};
use config::ServeConfig;
use http::AppState;

/// How long a stop waits for open connections to finish.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
    #[error("the server task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error(transparent)]
    Import(#[from] cli::ImportError),
    #[error(transparent)]
    Account(#[from] cli::AccountError),
    #[error(transparent)]
    Check(#[from] cli::CheckError),
    #[error(transparent)]
    National(#[from] sample::national::NationalError),
    #[error(
        "this database was first served with another secret key: every server on one database needs the same key, so set VILLAGE_SECRET_KEY (or VILLAGE_SECRET_KEY_FILE) to the first server's. If that key is lost, see \"A lost secret key\" in docs/operations.md"
    )]
    AnotherSecretKey,
    #[error("the secret key for two-step sign-in: {0}")]
    SecretKey(String),
}

/// A running server. Dropping it does not stop it; call [`Server::shutdown`].
pub struct Server {
    addr: SocketAddr,
    store: Store,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<(), ServerError>>,
    /// Deletes what no longer matters, now and every [`TIDY_EVERY`].
    tidying: JoinHandle<()>,
    /// Marks the published copy stale when another instance writes.
    following: JoinHandle<()>,
}

/// How long a starting server waits to follow other instances' writes
/// before it serves without.
const FOLLOWING_WAIT: Duration = Duration::from_secs(5);

/// How often expired sessions, half-done sign-ins and old failed sign-ins
/// are deleted.
pub const TIDY_EVERY: Duration = Duration::from_secs(10 * 60);

/// Deletes what no longer matters at once, then every [`TIDY_EVERY`]; a
/// failure is logged and tried again next time.
async fn tidy_regularly(store: Store) {
    let mut every = tokio::time::interval(TIDY_EVERY);
    loop {
        every.tick().await;
        match store
            .forget_what_no_longer_matters(chrono::Utc::now())
            .await
        {
            Ok(0) => {}
            Ok(gone) => tracing::info!(rows = gone, "deleted expired sign-in records"),
            Err(err) => tracing::warn!(error = %err, "could not delete expired sign-in records"),
        }
        match store.forget_old_reports(chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(gone) => tracing::info!(rows = gone, "deleted old reports and report counts"),
            Err(err) => tracing::warn!(error = %err, "could not delete old reports"),
        }
    }
}

impl Server {
    /// Opens the database (migrating it, and adding sample data only when
    /// asked), binds the address and starts serving in the background.
    pub async fn start(config: &ServeConfig) -> Result<Self, ServerError> {
        let store = database::open(config.database.url.expose())
            .await?
            .with_published_max_age(Duration::from_secs(config.published_max_age));
        if config.sample_data {
            database::seed_sample_data(&store, app::site::Today::fixed_or_now(config.today).0)
                .await?;
        }
        Self::start_with_store(config, store).await
    }

    /// Starts serving an already opened store.
    pub async fn start_with_store(config: &ServeConfig, store: Store) -> Result<Self, ServerError> {
        let store = store.with_secret_key(secret_key(config)?);
        if !store.secret_key_is_the_databases().await? {
            return Err(ServerError::AnotherSecretKey);
        }
        let unopenable = store.unopenable_two_step_secrets().await?;
        if unopenable > 0 {
            return Err(ServerError::SecretKey(format!(
                "{unopenable} two-step secrets do not open with this key: set VILLAGE_SECRET_KEY (or VILLAGE_SECRET_KEY_FILE) to the key they were sealed with"
            )));
        }
        let sealed = store.seal_two_step_secrets().await?;
        if sealed > 0 {
            tracing::info!(
                accounts = sealed,
                "sealed two-step secrets stored before sealing began"
            );
        }
        let (listening, listened) = oneshot::channel();
        let following = tokio::spawn({
            let store = store.clone();
            async move { store.follow_published_changes(listening).await }
        });
        // Listening (and so served) once other instances' writes are followed (the first
        // connection marks the copy stale), or after a few seconds without:
        // the copy's maximum age is the safety net.
        if tokio::time::timeout(FOLLOWING_WAIT, listened)
            .await
            .is_err()
        {
            tracing::warn!(wait = ?FOLLOWING_WAIT, "not yet following other instances' writes; serving anyway");
        }
        let listener = TcpListener::bind(config.site_addr)
            .await
            .map_err(|source| ServerError::Bind {
                addr: config.site_addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| ServerError::Bind {
            addr: config.site_addr,
            source,
        })?;
        let state = AppState {
            leptos_options: leptos_options(config, addr),
            store: store.clone(),
            https: config.public_url.is_https(),
            public_url: config.public_url.as_str().to_owned(),
            today: config.today,
            client_ip_header: config.client_ip_header.clone(),
            security_contact: config.security_contact.clone(),
            operator: config
                .operator_name
                .clone()
                .map(|name| app::site::Operator {
                    name,
                    contact: config.operator_contact.clone(),
                }),
            source_url: config.source_url.clone(),
            pages: Arc::default(),
        };
        // Made now, so that the first sign-in with an unknown email takes no
        // longer than any other.
        tokio::task::spawn_blocking(|| std::sync::LazyLock::force(&organisers::DECOY_HASH));
        let app = http::router(state);
        let (stop, stopped) = oneshot::channel::<()>();
        let tidying = tokio::spawn(tidy_regularly(store.clone()));
        let task = tokio::spawn(async move {
            use axum::serve::ListenerExt;
            // Streamed pages send several small chunks: without TCP_NODELAY
            // each waits on a delayed ACK.
            let listener = listener.tap_io(|tcp| {
                if let Err(err) = tcp.set_nodelay(true) {
                    tracing::warn!(error = %err, "could not set TCP_NODELAY");
                }
            });
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
            .map_err(ServerError::Serve)
        });
        tracing::info!(%addr, backend = ?store.backend(), "Village is listening");
        Ok(Self {
            addr,
            store,
            stop,
            task,
            tidying,
            following,
        })
    }

    /// The address actually bound (useful with port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Stops accepting, finishes requests in flight, then closes the database.
    /// Connections still open after [`SHUTDOWN_GRACE`] (an idle keep-alive
    /// client, say) are dropped, so a stop never hangs.
    pub async fn shutdown(self) -> Result<(), ServerError> {
        let _ = self.stop.send(());
        self.tidying.abort();
        let mut task = self.task;
        let result = match tokio::time::timeout(SHUTDOWN_GRACE, &mut task).await {
            Ok(joined) => joined.map_err(ServerError::from).and_then(|served| served),
            Err(_) => {
                tracing::warn!(grace = ?SHUTDOWN_GRACE, "connections still open after the grace period; closing them");
                task.abort();
                Ok(())
            }
        };
        // Followed until the last request is answered, so that a draining
        // instance still shows other instances' writes.
        self.following.abort();
        // A connection whose peer went silent must not hold the stop up.
        if tokio::time::timeout(SHUTDOWN_GRACE, self.store.close())
            .await
            .is_err()
        {
            tracing::warn!(grace = ?SHUTDOWN_GRACE, "the database connections did not close in time");
        }
        result
    }

    /// Serves until `signal` resolves, then shuts down gracefully.
    pub async fn run_until(self, signal: impl Future<Output = ()>) -> Result<(), ServerError> {
        signal.await;
        tracing::info!("shutting down");
        self.shutdown().await
    }
}

/// The key that seals two-step secrets: `VILLAGE_SECRET_KEY`, else the key
/// file, made (readable by this user only) on first start.
fn secret_key(config: &ServeConfig) -> Result<SecretKey, ServerError> {
    let refused = |why: String| ServerError::SecretKey(why);
    if let Some(key) = &config.secret_key {
        return SecretKey::parse(key.expose()).map_err(|e| refused(e.to_string()));
    }
    let file = &config.secret_key_file;
    match std::fs::read_to_string(file) {
        Ok(hex) => SecretKey::parse(&hex).map_err(|e| refused(format!("{}: {e}", file.display()))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let key = SecretKey::generate().map_err(|e| refused(e.to_string()))?;
            if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| refused(format!("{}: {e}", dir.display())))?;
            }
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut out = options
                .open(file)
                .map_err(|e| refused(format!("{}: {e}", file.display())))?;
            std::io::Write::write_all(&mut out, key.to_hex().as_bytes())
                .map_err(|e| refused(format!("{}: {e}", file.display())))?;
            tracing::info!(file = %file.display(), "made a new secret key for two-step sign-in");
            Ok(key)
        }
        Err(err) => Err(refused(format!("{}: {err}", file.display()))),
    }
}

fn leptos_options(config: &ServeConfig, addr: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(config.output_name.as_str())
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_pkg_dir(config.site_pkg_dir.as_str())
        .site_addr(addr)
        .hash_files(built_with_hashed_names())
        .build()
}

/// A release build names its CSS, JS and WASM after their contents and
/// leaves the names in `hash.txt` beside the binary (where Leptos reads them).
fn built_with_hashed_names() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|file| file.exists())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
