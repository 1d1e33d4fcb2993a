//! The `server` command line. `serve` is the default; later commands
//! (imports, exports, accounts) join [`Command`].

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use village_core::{calendar::import, AreaId};

use crate::{
    config::{DatabaseConfig, ServeConfig},
    database, shutdown_signal, Server, ServerError,
};

#[derive(Parser, Debug)]
#[command(
    name = "server",
    version,
    about = "Village: peer support, a private mood diary and a directory of help for parents."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Settings for `serve`, which runs when no command is given.
    #[command(flatten)]
    pub serve: ServeConfig,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the app (the default).
    Serve(ServeConfig),
    /// Bring the database schema up to date, then exit.
    Migrate(DatabaseConfig),
    /// Replace an area's term dates for the school years in a file (CSV with
    /// the header school_year,kind,name,start,end, or iCalendar all-day
    /// events), in one transaction. A bad row changes nothing.
    ImportTerms(ImportTerms),
}

#[derive(Args, Debug)]
pub struct ImportTerms {
    /// The CSV or .ics file.
    pub file: PathBuf,
    /// The area the dates belong to, e.g. sample-riverside.
    #[arg(long)]
    pub area: String,
    #[command(flatten)]
    pub database: DatabaseConfig,
}

/// Why an import changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Area(String),
    #[error("could not read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {source} Nothing was changed.")]
    Parse {
        path: String,
        source: import::ImportError,
    },
}

/// Runs what the command line asked for.
pub async fn run(cli: Cli) -> Result<(), ServerError> {
    match cli.command {
        None => serve(&cli.serve).await,
        Some(Command::Serve(config)) => serve(&config).await,
        Some(Command::Migrate(config)) => {
            let store = database::open(config.url.expose()).await?;
            store.close().await;
            Ok(())
        }
        Some(Command::ImportTerms(args)) => {
            let summary = import_terms(&args).await?;
            println!("{summary}");
            Ok(())
        }
    }
}

/// Reads, checks and stores a term-dates file; says what it did.
pub async fn import_terms(args: &ImportTerms) -> Result<String, ServerError> {
    let path = args.file.display().to_string();
    let area = AreaId::parse(&args.area).map_err(|e| ImportError::Area(e.to_string()))?;
    let text = std::fs::read_to_string(&args.file).map_err(|source| ImportError::Read {
        path: path.clone(),
        source,
    })?;
    let store = database::open(args.database.url.expose()).await?;
    let result = async {
        let published = store.published().await?;
        let Some(named) = published.area(&area).map(|a| a.name.clone()) else {
            return Err(ImportError::Area(format!("There is no area {:?}.", area.as_str())).into());
        };
        let existing = published.terms(&area).years().to_vec();
        let imported = import::parse(&text, &existing).map_err(|source| ImportError::Parse {
            path: path.clone(),
            source,
        })?;
        store
            .replace_terms(&area, &imported.years, &imported.bank_holidays)
            .await?;
        let years: Vec<String> = imported.years.iter().map(|y| y.year.to_string()).collect();
        Ok::<_, ServerError>(format!(
            "Imported term dates for {named} ({}): {} breaks and {} bank holidays.",
            years.join(", "),
            imported.break_count(),
            imported.bank_holidays.len()
        ))
    }
    .await;
    store.close().await;
    result
}

async fn serve(config: &ServeConfig) -> Result<(), ServerError> {
    let server = Server::start(config).await?;
    println!("Village is running at http://{}", server.addr());
    server.run_until(shutdown_signal()).await
}
