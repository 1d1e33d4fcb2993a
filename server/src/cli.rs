//! The `server` command line. `serve` is the default; later commands
//! (imports, exports, accounts) join [`Command`].

use clap::{Args, Parser, Subcommand};
use std::{collections::HashSet, io::Write, path::PathBuf};
use village_core::{
    calendar::{import, GroupId, Venue},
    directory::{hsds, ServiceId},
    AreaId,
};

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
    Serve(Box<ServeConfig>),
    /// Bring the database schema up to date, then exit.
    Migrate(DatabaseConfig),
    /// Replace an area's term dates for the school years in a file (CSV with
    /// the header school_year,kind,name,start,end, or iCalendar all-day
    /// events such as a council's holidays feed or GOV.UK's bank holidays),
    /// in one transaction. Prints what it understood first; a bad row
    /// changes nothing.
    ImportTerms(ImportTerms),
    /// Add or update directory services from an Open Referral HSDS 3 file (a
    /// JSON array of services, or {"contents": [...]}). Everything is checked
    /// first: any fault is reported and nothing is changed. Importing a
    /// service again updates it.
    ImportHsds(ImportHsds),
    /// Create an account: the first admin, or an organiser for an
    /// organisation. The password is read from standard input.
    CreateUser(CreateUser),
    /// Write every directory service as an HSDS 3 JSON file (`-` writes to
    /// standard output). Importing the file gives back the same directory.
    ExportHsds(ExportHsds),
    /// Check the database after a crash, a restore or a move: the engine's
    /// own integrity checks, the foreign keys and constraints, and that
    /// everything published reads back. Prints what was checked and every
    /// fault; exits with 1 if there is any.
    Check(DatabaseConfig),
    /// Turn an account off at once (a stolen password, someone who left):
    /// it cannot sign in and every session it has ends. Audited.
    DisableUser(AccountByEmail),
    /// Fill an empty database with a nation's worth of made-up records,
    /// labelled Sample (200 areas with term dates, 40,000 groups and 10,000
    /// services by default), to measure Village at national scale; `make
    /// bench` uses it. Never for a production database.
    NationalSample(NationalSample),
    /// Turn an account back on.
    EnableUser(AccountByEmail),
    /// Turn two-step sign-in off for an account whose phone is lost; its
    /// sessions end, and it sets two-step sign-in up again after signing in.
    ResetTwoStep(AccountByEmail),
    /// Print a link that sets a new password for an account whose password
    /// is forgotten: it works once, for a day; send it by a way you know is
    /// theirs. Its sessions end when it is used.
    ResetPassword(ResetPassword),
}

#[derive(Args, Debug)]
pub struct NationalSample {
    #[command(flatten)]
    pub database: DatabaseConfig,
    /// How many areas (at most 1,000).
    #[arg(long, default_value_t = crate::sample::national::UK.areas as u32, value_parser = clap::value_parser!(u32).range(1..=1_000))]
    pub areas: u32,
    /// How many groups (at most 1,000,000).
    #[arg(long, default_value_t = crate::sample::national::UK.groups as u32, value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub groups: u32,
    /// How many directory services (at most 1,000,000).
    #[arg(long, default_value_t = crate::sample::national::UK.services as u32, value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub services: u32,
    /// Fixes "today" (YYYY-MM-DD), as for `serve`.
    #[arg(long, env = "VILLAGE_TODAY")]
    pub today: Option<chrono::NaiveDate>,
}

#[derive(Args, Debug)]
pub struct ResetPassword {
    #[command(flatten)]
    pub account: AccountByEmail,
    /// The public base URL the link starts with.
    #[arg(
        long,
        env = "VILLAGE_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000"
    )]
    pub public_url: String,
}

#[derive(Args, Debug)]
pub struct AccountByEmail {
    /// The email address the account signs in with.
    #[arg(long)]
    pub email: String,
    #[command(flatten)]
    pub database: DatabaseConfig,
}

#[derive(Args, Debug)]
pub struct ImportHsds {
    /// The JSON file.
    pub file: PathBuf,
    #[command(flatten)]
    pub database: DatabaseConfig,
    /// Fixes "today" (YYYY-MM-DD), as for `serve`: dates in the file are
    /// checked against it (none may be in the future).
    #[arg(long, env = "VILLAGE_TODAY")]
    pub today: Option<chrono::NaiveDate>,
    /// A JSON object naming the Village area each of the file's service
    /// areas means, by the service area's name or URI:
    /// `{"MyCity": "sample-riverside"}`. Areas that match none are kept and
    /// reported, and the service is shown in no area until they are mapped.
    #[arg(long)]
    pub area_map: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CreateUser {
    /// The email address they sign in with.
    #[arg(long)]
    pub email: String,
    /// `admin` (areas, term dates, organisations, invitations) or
    /// `organiser` (their own organisation's groups and services).
    #[arg(long, value_parser = ["admin", "organiser"])]
    pub role: String,
    /// The organisation an organiser works for (its id).
    #[arg(long)]
    pub organisation: Option<String>,
    /// Read the password from standard input (one line), so that it is never
    /// in the shell's history or the list of processes. Required.
    #[arg(long, required = true)]
    pub password_stdin: bool,
    #[command(flatten)]
    pub database: DatabaseConfig,
}

#[derive(Args, Debug)]
pub struct ExportHsds {
    /// Where to write, or `-` for standard output.
    pub file: PathBuf,
    #[command(flatten)]
    pub database: DatabaseConfig,
    /// Fixes "today" (YYYY-MM-DD), as for `serve`: it chooses the clock
    /// periods (Europe/London's) whose UTC offsets are written with opening
    /// times.
    #[arg(long, env = "VILLAGE_TODAY")]
    pub today: Option<chrono::NaiveDate>,
    /// Only the directory's services, or only the groups; both when not
    /// given.
    #[arg(long, value_parser = ["services", "groups"])]
    pub only: Option<String>,
}

#[derive(Args, Debug)]
pub struct ImportTerms {
    /// The CSV or .ics file.
    pub file: PathBuf,
    /// The area the dates belong to, e.g. sample-riverside.
    #[arg(long)]
    pub area: String,
    /// Show what the file says and what it would replace; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Whether term-time groups in the area pause on INSET days (`breaks`)
    /// or meet (`term`, the default for a new area). Left as it is when not
    /// given.
    #[arg(long, value_parser = ["term", "breaks"])]
    pub inset_days: Option<String>,
    #[command(flatten)]
    pub database: DatabaseConfig,
}

/// Why an account was not created.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("{0} Nothing was changed.")]
    Refused(String),
    #[error("could not read the password from standard input: {0}")]
    Stdin(std::io::Error),
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
    #[error("{path}: {source}\nNothing was changed.")]
    Hsds {
        path: String,
        source: hsds::ReadError,
    },
    #[error("could not write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("the area map {path}: {why}. Nothing was changed.")]
    AreaMap { path: String, why: String },
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
        Some(Command::ImportHsds(args)) => {
            let summary = import_hsds(&args).await?;
            println!("{summary}");
            Ok(())
        }
        Some(Command::CreateUser(args)) => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(AccountError::Stdin)?;
            let summary = create_user(&args, line.trim_end_matches(['\n', '\r'])).await?;
            println!("{summary}");
            Ok(())
        }
        Some(Command::DisableUser(args)) => {
            let what = app::accounts::db::AccountChange::Disable;
            println!("{}", change_account(&args, &what).await?);
            Ok(())
        }
        Some(Command::EnableUser(args)) => {
            let what = app::accounts::db::AccountChange::Enable;
            println!("{}", change_account(&args, &what).await?);
            Ok(())
        }
        Some(Command::ResetTwoStep(args)) => {
            let what = app::accounts::db::AccountChange::ResetTwoStep;
            println!("{}", change_account(&args, &what).await?);
            Ok(())
        }
        Some(Command::ResetPassword(args)) => {
            println!("{}", password_reset_link(&args).await?);
            Ok(())
        }
        Some(Command::ExportHsds(args)) => {
            let summary = export_hsds(&args).await?;
            eprintln!("{summary}");
            Ok(())
        }
        Some(Command::NationalSample(args)) => {
            let started = std::time::Instant::now();
            let store = database::open(args.database.url.expose()).await?;
            let scale = crate::sample::national::Scale {
                areas: args.areas as usize,
                groups: args.groups as usize,
                services: args.services as usize,
            };
            let today = app::site::Today::fixed_or_now(args.today).0;
            let result = crate::sample::national::seed(&store, today, scale).await;
            store.close().await;
            result?;
            println!(
                "added {} areas with term dates, {} groups and {} services, labelled Sample, in {:.1} s",
                scale.areas,
                scale.groups,
                scale.services,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Some(Command::Check(config)) => {
            // Never created or migrated here: the database is checked as found.
            let store = app::storage::Store::connect_existing(config.url.expose()).await?;
            let found = async {
                let pending = database::pending_migrations(&store).await?;
                let mut found = store.check_integrity().await?;
                if pending > 0 {
                    found.faults.insert(
                        0,
                        format!("{pending} migrations are not applied yet (run `server migrate`)"),
                    );
                }
                Ok::<_, app::storage::StoreError>(found)
            }
            .await;
            store.close().await;
            let found = found?;
            println!("checked: {}", found.checked.join("; "));
            if found.is_ok() {
                println!("integrity ok");
                Ok(())
            } else {
                for fault in &found.faults {
                    println!("fault: {fault}");
                }
                Err(CheckError(found.faults.len()).into())
            }
        }
    }
}

/// The database check found faults.
#[derive(Debug, thiserror::Error)]
#[error("the database check found {0} faults")]
pub struct CheckError(pub usize);

/// Reads, checks and stores an HSDS file in one transaction; says what it
/// did. A file too big to read is refused before it is read.
pub async fn import_hsds(args: &ImportHsds) -> Result<String, ServerError> {
    let path = args.file.display().to_string();
    let read_error = |source| ImportError::Read {
        path: path.clone(),
        source,
    };
    let size = std::fs::metadata(&args.file).map_err(read_error)?.len();
    if size > hsds::MAX_FILE_BYTES as u64 {
        let bytes = usize::try_from(size).unwrap_or(usize::MAX);
        return Err(ImportError::Hsds {
            path,
            source: hsds::ReadError::TooLarge { bytes },
        }
        .into());
    }
    let text = std::fs::read_to_string(&args.file).map_err(read_error)?;
    let store = database::open(args.database.url.expose()).await?;
    let result = async {
        let published = store.published().await?;
        let areas: Vec<(AreaId, String)> = published
            .areas
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect();
        let organisations: Vec<(String, String)> = store
            .organisations()
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        let area_map = match &args.area_map {
            Some(file) => area_map(file, &areas)?,
            None => Vec::new(),
        };
        let venues: Vec<(String, String, Venue)> = store
            .venue_records(None)
            .await?
            .into_iter()
            .map(|v| (v.id, v.organisation_id, v.venue))
            .collect();
        let known = hsds::Known {
            areas: &areas,
            organisations: &organisations,
            today: app::site::Today::fixed_or_now(args.today).0,
            area_map: &area_map,
            venues: &venues,
        };
        let (contents, report) =
            hsds::read_reporting(&text, &known).map_err(|source| ImportError::Hsds {
                path: path.clone(),
                source,
            })?;
        let services: HashSet<ServiceId> =
            store.services().await?.into_iter().map(|s| s.id).collect();
        let groups: HashSet<GroupId> = store.groups().await?.into_iter().map(|g| g.id).collect();
        let updated = contents
            .services
            .iter()
            .filter(|r| services.contains(&r.service.id))
            .count();
        let groups_updated = contents
            .groups
            .iter()
            .filter(|r| groups.contains(&r.group.id))
            .count();
        store
            .import_file(&contents, app::directory::db::Existing::Update)
            .await?;
        let mut said = format!(
            "Imported {} services from {path}: {} new, {updated} updated.",
            contents.services.len(),
            contents.services.len() - updated,
        );
        if !contents.groups.is_empty() {
            said.push_str(&format!(
                "\nImported {} groups: {} new, {groups_updated} updated.",
                contents.groups.len(),
                contents.groups.len() - groups_updated,
            ));
        }
        if !report.read_as_groups.is_empty() {
            said.push_str(&format!(
                "\nRead as groups, as their schedules are sessions of at most {} hours: {}.",
                hsds::MAX_SESSION_MINUTES / 60,
                report
                    .read_as_groups
                    .iter()
                    .map(|name| format!("{name:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if !report.notes.is_empty() {
            said.push_str("\nRead but not shown:");
            for note in &report.notes {
                said.push_str(&format!("\n  {note}"));
            }
        }
        if !report.not_kept.is_empty() {
            said.push_str("\nNot kept (Village has nowhere to show them):");
            for (field, times) in &report.not_kept {
                said.push_str(&format!("\n  {field} ({times})"));
            }
        }
        Ok::<_, ServerError>(said)
    }
    .await;
    store.close().await;
    result
}

/// Changes the account with this email from the command line (audited as
/// the command line's); says what it did.
pub async fn change_account(
    args: &AccountByEmail,
    what: &app::accounts::db::AccountChange,
) -> Result<String, ServerError> {
    use app::accounts::db::AccountChange;
    let refused = |why: String| AccountError::Refused(why);
    let email =
        village_core::account::Email::parse(&args.email).map_err(|e| refused(e.to_string()))?;
    let store = database::open(args.database.url.expose()).await?;
    let result = async {
        let account = store
            .accounts()
            .await?
            .into_iter()
            .find(|a| a.email == email.as_str());
        let Some(account) = account else {
            return Ok(None);
        };
        store
            .change_account(&account.id, what, None)
            .await
            .map(|done| done.then_some(()))
    }
    .await;
    store.close().await;
    match result? {
        None => Err(refused(format!("There is no account for {email}.")).into()),
        Some(()) => Ok(match what {
            AccountChange::Disable => format!("{email} is turned off and signed out everywhere."),
            AccountChange::Enable => format!("{email} is turned on again."),
            AccountChange::ResetTwoStep => format!(
                "Two-step sign-in is off for {email}, and its sessions ended; it can set it up again after signing in."
            ),
            AccountChange::EndSessions => format!("{email} is signed out everywhere."),
            AccountChange::MoveTo(organisation) => format!("{email} now works for {organisation}."),
        }),
    }
}

/// Makes a password-reset link for the account with this email (audited as
/// the command line's); the link.
pub async fn password_reset_link(args: &ResetPassword) -> Result<String, ServerError> {
    let refused = |why: String| AccountError::Refused(why);
    let email = village_core::account::Email::parse(&args.account.email)
        .map_err(|e| refused(e.to_string()))?;
    let store = database::open(args.account.database.url.expose()).await?;
    let made = crate::accounts::password_reset_link(
        &store,
        |account| account.email == email.as_str(),
        None,
        &args.public_url,
    )
    .await;
    store.close().await;
    let made = made.map_err(|e| match e {
        crate::accounts::ResetLinkError::Store(err) => ServerError::from(err),
        other => refused(other.to_string()).into(),
    })?;
    let (_, link) = made.ok_or_else(|| refused(format!("There is no account on for {email}.")))?;
    Ok(link)
}

/// Checks and stores a new account; says what it did.
pub async fn create_user(args: &CreateUser, password: &str) -> Result<String, ServerError> {
    use village_core::account::{check_password, Email, Role};

    let refused = |why: String| AccountError::Refused(why);
    let email = Email::parse(&args.email).map_err(|e| refused(e.to_string()))?;
    let role = Role::from_code(&args.role).ok_or_else(|| {
        refused(format!(
            "{:?} is not a role: use admin or organiser.",
            args.role
        ))
    })?;
    check_password(password, &email).map_err(|e| refused(e.to_string()))?;
    let hash = crate::accounts::hash_password(password).map_err(|e| refused(e.to_string()))?;
    let store = database::open(args.database.url.expose()).await?;
    let id = uuid::Uuid::new_v4().to_string();
    let created = store
        .create_user(&id, &email, &hash, role, args.organisation.as_deref())
        .await;
    store.close().await;
    let user = created.map_err(|e| match e {
        app::accounts::db::NewUserError::Store(err) => ServerError::from(err),
        other => refused(other.to_string()).into(),
    })?;
    Ok(match &user.organisation_id {
        Some(org) => format!(
            "Created an {} account for {} at {org}.",
            user.role.code(),
            user.email
        ),
        None => format!(
            "Created an {} account for {}.",
            user.role.code(),
            user.email
        ),
    })
}

/// Writes every service as HSDS JSON to a file or standard output.
pub async fn export_hsds(args: &ExportHsds) -> Result<String, ServerError> {
    let store = database::open(args.database.url.expose()).await?;
    let result = async {
        let published = store.published().await?;
        let only = args.only.as_deref();
        let contents = hsds::Contents {
            services: match only {
                Some("groups") => Vec::new(),
                _ => store.service_records().await?,
            },
            groups: match only {
                Some("services") => Vec::new(),
                _ => store.group_records().await?,
            },
        };
        let today = app::site::Today::fixed_or_now(args.today).0;
        let file = hsds::write(
            &contents,
            |id| published.area(id).map(|a| a.name.clone()),
            today,
        );
        let path = args.file.display().to_string();
        let write_error = |source| ImportError::Write {
            path: path.clone(),
            source,
        };
        // Compact, and written out as it is serialised: a national
        // directory is hundreds of megabytes, and indented a third more.
        let write_to = |out: &mut dyn Write| {
            let mut out = std::io::BufWriter::new(out);
            serde_json::to_writer(&mut out, &file).map_err(std::io::Error::other)?;
            out.write_all(b"\n")?;
            out.flush()
        };
        let written = if path == "-" {
            write_to(&mut std::io::stdout().lock())
        } else {
            // Into a file beside it, renamed once whole: a failed export
            // never leaves half a file under the name asked for.
            let mut partial = args.file.clone().into_os_string();
            partial.push(".partial");
            let partial = PathBuf::from(partial);
            let done = std::fs::File::create(&partial)
                .and_then(|mut f| write_to(&mut f))
                .and_then(|()| std::fs::rename(&partial, &args.file));
            if done.is_err() {
                let _ = std::fs::remove_file(&partial);
            }
            done
        };
        written.map_err(write_error)?;
        Ok::<_, ServerError>(format!(
            "Exported {} services and {} groups to {path}.",
            contents.services.len(),
            contents.groups.len()
        ))
    }
    .await;
    store.close().await;
    result
}

/// An import's area map: a JSON object of service area names (or URIs) and
/// the ids of areas Village has.
fn area_map(
    file: &std::path::Path,
    areas: &[(AreaId, String)],
) -> Result<Vec<(String, AreaId)>, ServerError> {
    let path = file.display().to_string();
    let text = std::fs::read_to_string(file).map_err(|source| ImportError::Read {
        path: path.clone(),
        source,
    })?;
    let bad = |why: String| ImportError::AreaMap {
        path: path.clone(),
        why,
    };
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).map_err(|e| {
            bad(format!(
                "it should be a JSON object of names and area ids ({e})"
            ))
        })?;
    let mut out = Vec::with_capacity(map.len());
    for (name, id) in map {
        let id = id
            .as_str()
            .and_then(|id| AreaId::parse(id).ok())
            .filter(|id| areas.iter().any(|(a, _)| a == id))
            .ok_or_else(|| {
                let known: Vec<&str> = areas.iter().map(|(a, _)| a.as_str()).collect();
                bad(format!(
                    "{name:?} maps to {id}, which is not an area Village has (it has: {})",
                    known.join(", ")
                ))
            })?;
        out.push((name, id));
    }
    Ok(out)
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
        let understood = imported.understood(&existing).join("\n");
        if args.dry_run {
            return Ok(format!(
                "{understood}\nNothing was changed (--dry-run) in {named}."
            ));
        }
        // What it understood comes out before anything changes.
        {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{understood}");
            let _ = out.flush();
        }
        let inset = args.inset_days.as_deref().map(|choice| choice == "breaks");
        store
            .replace_terms(&area, (&imported.years, &imported.bank_holidays), inset)
            .await?;
        let years: Vec<String> = imported.years.iter().map(|y| y.year.to_string()).collect();
        let years = if years.is_empty() {
            "no school years".to_owned()
        } else {
            years.join(", ")
        };
        Ok::<_, ServerError>(format!(
            "Imported term dates for {named} ({years}): {} breaks, {} INSET days and {} bank holidays.",
            imported.break_count(),
            imported.inset_day_count(),
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
