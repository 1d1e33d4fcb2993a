//! The `server` command line. `serve` is the default; later commands
//! (imports, exports, accounts) join [`Command`].

use clap::{Parser, Subcommand};

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
    }
}

async fn serve(config: &ServeConfig) -> Result<(), ServerError> {
    let server = Server::start(config).await?;
    println!("Village is running at http://{}", server.addr());
    server.run_until(shutdown_signal()).await
}
