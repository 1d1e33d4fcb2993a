//! The `server` binary: parse the command line, run, report errors plainly.

use clap::Parser;
use std::process::ExitCode;

mod allocator;

fn main() -> ExitCode {
    // Before the runtime starts its threads.
    // The copy's memory is handed back only where the settings are Village's.
    if allocator::tune() {
        app::storage::when_a_copy_goes(allocator::give_back);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("server: could not start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        server::telemetry::init();
        let cli = server::cli::Cli::parse();
        match server::cli::run(cli).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("server: {err}");
                ExitCode::FAILURE
            }
        }
    })
}
