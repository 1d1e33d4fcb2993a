//! The `server` binary: parse the command line, run, report errors plainly.

use clap::Parser;
use std::process::ExitCode;

/// mimalloc: rendering a page allocates many small strings, and the system
/// allocator spent a quarter of the server's time on them under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    server::telemetry::init();
    let cli = server::cli::Cli::parse();
    match server::cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("server: {err}");
            ExitCode::FAILURE
        }
    }
}
