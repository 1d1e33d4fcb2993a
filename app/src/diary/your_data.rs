//! "Your data": copies the person takes away (CSV, JSON, an encrypted
//! backup), bringing them back, a printable summary, the lock, and deleting
//! everything. Every file is made and read on the phone.

use chrono::Days;
use leptos::{ev, html, prelude::*, task::spawn_local};
use village_core::mood::{
    files::{self, DiaryFile},
    lock::{Backup, Passcode, SALT_BYTES},
    say_it, written, Diary, Entry,
};
use wasm_bindgen::JsCast;

use super::island::lock_now;
use super::state::{problem_text, DiaryState, Notice, Phase};
use super::vault::{Note, VaultError};
use super::{browser, crypto, text};

#[component]
pub fn YourData() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let persisted = move || match state.persisted.get() {
        Some(true) => Some(text::PERSISTED),
        Some(false) => Some(text::NOT_PERSISTED),
        None => None,
    };
    view! {
        <section class="your-data stack" aria-labelledby="your-data-title">
            <h2 id="your-data-title">{text::DATA_HEADING}</h2>
            <h3>{text::KEPT_HEADING}</h3>
            <p>{persisted}</p>
            <Exports/>
            <EncryptedBackup/>
            <Import/>
            <PrintSummary/>
            <LockSettings/>
            <h3>{text::DELETE_HEADING}</h3>
            <p>{text::DELETE_TEXT}</p>
            <DeleteEverything/>
        </section>
    }
    .into_any()
}

/// Everything the diary keeps, as a file holds it.
fn whole_diary(state: DiaryState) -> DiaryFile {
    let notes = state.notes.get_untracked();
    DiaryFile {
        entries: state.diary.read_untracked().entries().to_vec(),
        about_me: notes.about_me,
        drafts: notes.drafts,
    }
}

fn file_name(extension: &str) -> String {
    format!("village-mood-diary-{}.{extension}", browser::now().0)
}

#[component]
fn Exports() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let save = move |csv: bool| {
        let diary = whole_diary(state);
        let saved = if csv {
            browser::download(
                &file_name("csv"),
                "text/csv",
                &files::to_csv(&diary.entries),
            )
        } else {
            browser::download(
                &file_name("json"),
                "application/json",
                &files::to_json_file(&diary),
            )
        };
        if saved.is_err() {
            state.say(Notice::problem(text::STORAGE_FAILED));
        }
    };
    view! {
        <h3>{text::EXPORT_HEADING}</h3>
        <p class="notice">{text::EXPORT_WARNING}</p>
        <p class="actions">
            <button type="button" class="button" on:click=move |_| save(true)>{text::EXPORT_CSV}</button>
            <button type="button" class="button" on:click=move |_| save(false)>{text::EXPORT_JSON}</button>
        </p>
    }
    .into_any()
}

/// Two password fields that must match; shared by the backup and the lock.
#[component]
fn NewPasscode(
    id: &'static str,
    label: &'static str,
    again: &'static str,
    first: NodeRef<html::Input>,
    second: NodeRef<html::Input>,
) -> impl IntoView {
    let again_id = format!("{id}-again");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="password" node_ref=first autocomplete="new-password"/>
        </div>
        <div class="field">
            <label for=again_id.clone()>{again}</label>
            <input id=again_id type="password" node_ref=second autocomplete="new-password"/>
        </div>
    }
    .into_any()
}

fn typed(input: NodeRef<html::Input>) -> String {
    input.get_untracked().map(|i| i.value()).unwrap_or_default()
}

/// The PIN or passphrase typed twice (checked by `rule`), or the problem
/// with it shown.
fn chosen(
    (first, second): (NodeRef<html::Input>, NodeRef<html::Input>),
    rule: fn(&str, &str) -> Result<Passcode, village_core::mood::lock::PasscodeError>,
    problem: RwSignal<Option<String>>,
) -> Option<Passcode> {
    rule(&typed(first), &typed(second))
        .map_err(|error| problem.set(Some(error.to_string())))
        .ok()
}

fn clear(inputs: &[NodeRef<html::Input>]) {
    for input in inputs {
        if let Some(input) = input.get_untracked() {
            input.set_value("");
        }
    }
}

#[component]
fn EncryptedBackup() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let first = NodeRef::<html::Input>::new();
    let second = NodeRef::<html::Input>::new();
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let available = crypto::available();
    let save = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let Some(passcode) = chosen((first, second), Passcode::for_backup, problem) else {
            return;
        };
        let diary = whole_diary(state);
        busy.set(true);
        state.notice.set(None);
        spawn_local(async move {
            let made = make_backup(&passcode, &diary).await;
            busy.set(false);
            match made.and_then(|file| {
                browser::download(&file_name("village-backup.json"), "application/json", &file)
                    .map_err(|_| crypto::CryptoError::Failed)
            }) {
                Ok(()) => {
                    problem.set(None);
                    clear(&[first, second]);
                    state.say(Notice::ok(text::BACKUP_SAVED));
                }
                Err(error) => problem.set(Some(problem_text(&VaultError::Crypto(error)))),
            }
        });
    };
    view! {
        <h3>{text::BACKUP_HEADING}</h3>
        <p>{text::BACKUP_TEXT}</p>
        {if available {
            view! {
                <form class="stack" on:submit=save novalidate>
                    <NewPasscode id="backup-pass" label=text::BACKUP_PASS again=text::BACKUP_PASS_AGAIN first second/>
                    <p class="field-error" role="alert">{move || problem.get()}</p>
                    <button type="submit" class="button" disabled=move || busy.get()>
                        {move || if busy.get() { text::WORKING } else { text::BACKUP_SAVE }}
                    </button>
                </form>
            }.into_any()
        } else {
            view! { <p class="notice">{text::LOCK_UNAVAILABLE}</p> }.into_any()
        }}
    }
    .into_any()
}

async fn make_backup(
    passcode: &Passcode,
    diary: &DiaryFile,
) -> Result<String, crypto::CryptoError> {
    let salt = crypto::random_bytes(SALT_BYTES)?;
    let key = crypto::derive_key(passcode, &salt, village_core::mood::lock::KDF_ITERATIONS).await?;
    let sealed = crypto::seal(&key, files::to_json_file(diary).as_bytes()).await?;
    Ok(Backup::new(salt, sealed).to_file())
}

/// Why a file could not be brought back.
enum ImportProblem {
    Faults(Vec<String>),
    Plain(String),
}

async fn read_import(text_in: &str, passphrase: &str) -> Result<DiaryFile, ImportProblem> {
    let plain = if Backup::looks_like(text_in) {
        let backup =
            Backup::read(text_in).map_err(|e| ImportProblem::Faults(vec![e.to_string()]))?;
        let passcode = Passcode::entered(passphrase)
            .map_err(|_| ImportProblem::Plain(text::IMPORT_NEEDS_PASS.to_owned()))?;
        let key = crypto::derive_key(&passcode, &backup.salt, backup.iterations)
            .await
            .map_err(|e| ImportProblem::Plain(problem_text(&VaultError::Crypto(e))))?;
        let bytes = crypto::open(&key, &backup.sealed())
            .await
            .map_err(|_| ImportProblem::Plain(text::IMPORT_WRONG_PASS.to_owned()))?;
        String::from_utf8(bytes).map_err(|_| {
            ImportProblem::Faults(vec!["The backup's contents are damaged.".to_owned()])
        })?
    } else {
        text_in.to_owned()
    };
    files::read_file(&plain)
        .map_err(|faults| ImportProblem::Faults(faults.iter().map(ToString::to_string).collect()))
}

#[component]
fn Import() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let file_input = NodeRef::<html::Input>::new();
    let pass_input = NodeRef::<html::Input>::new();
    let problems = RwSignal::new(Vec::<String>::new());
    let headline = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let bring_back = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let Some(file) = file_input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            headline.set(Some(text::IMPORT_CHOOSE.to_owned()));
            problems.set(Vec::new());
            return;
        };
        let passphrase = typed(pass_input);
        let Some(vault) = state.vault() else { return };
        busy.set(true);
        state.notice.set(None);
        spawn_local(async move {
            let outcome = match browser::read_file(file, files::MAX_FILE_BYTES).await {
                Ok(contents) => read_import(&contents, &passphrase).await,
                Err(why) => Err(ImportProblem::Faults(vec![why])),
            };
            let file = match outcome {
                Ok(file) => file,
                Err(ImportProblem::Faults(found)) => {
                    busy.set(false);
                    headline.set(Some(text::IMPORT_NOTHING_CHANGED.to_owned()));
                    problems.set(found);
                    return;
                }
                Err(ImportProblem::Plain(why)) => {
                    busy.set(false);
                    headline.set(Some(why));
                    problems.set(Vec::new());
                    return;
                }
            };
            // Work out the merge on a copy; the diary changes only once the
            // phone has stored every changed entry in one transaction.
            let mut merged: Diary = state.diary.get_untracked();
            let (report, changed) = merged.merge(file.entries);
            let mut notes = state.notes.get_untracked();
            let mut changed_notes: Vec<Note> =
                say_it::drafts_to_bring_in(&notes.drafts, file.drafts)
                    .into_iter()
                    .map(Note::Draft)
                    .collect();
            if let Some(card) = file
                .about_me
                .filter(|card| card.replaces(notes.about_me.as_ref()))
            {
                changed_notes.push(Note::AboutMe(card));
            }
            let brought = (
                changed_notes.iter().any(|n| matches!(n, Note::AboutMe(_))),
                changed_notes
                    .iter()
                    .filter(|n| matches!(n, Note::Draft(_)))
                    .count(),
            );
            let stored = vault.save_all(&changed, &changed_notes).await;
            busy.set(false);
            match stored {
                Ok(()) => {
                    state.diary.set(merged);
                    for note in changed_notes {
                        match note {
                            Note::AboutMe(card) => notes.about_me = Some(card),
                            Note::Draft(draft) => {
                                notes.drafts.retain(|d| d.id() != draft.id());
                                notes.drafts.push(draft);
                            }
                        }
                    }
                    notes.sort();
                    state.notes.set(notes);
                    headline.set(None);
                    problems.set(Vec::new());
                    clear(&[pass_input]);
                    if let Some(input) = file_input.get_untracked() {
                        input.set_value("");
                    }
                    let mut said = text::imported(report.added, report.updated, report.unchanged);
                    let also = text::imported_notes(brought.0, brought.1);
                    if !also.is_empty() {
                        said.push(' ');
                        said.push_str(&also);
                    }
                    state.say(Notice::ok(said));
                }
                Err(error) => {
                    headline.set(Some(format!(
                        "{} {}",
                        text::IMPORT_NOTHING_CHANGED,
                        problem_text(&error)
                    )));
                    problems.set(Vec::new());
                }
            }
        });
    };
    view! {
        <h3>{text::IMPORT_HEADING}</h3>
        <p>{text::IMPORT_TEXT}</p>
        <form class="stack" on:submit=bring_back novalidate>
            <div class="field">
                <label for="import-file">{text::IMPORT_FILE}</label>
                <input id="import-file" type="file" node_ref=file_input accept=".csv,.json,text/csv,application/json"/>
            </div>
            <div class="field">
                <label for="import-pass">{text::IMPORT_PASS}</label>
                <p class="hint" id="import-pass-hint">{text::IMPORT_PASS_HINT}</p>
                <input id="import-pass" type="password" node_ref=pass_input autocomplete="off" aria-describedby="import-pass-hint"/>
            </div>
            <div class="import-problems" role="alert">
                {move || headline.get().map(|h| view! { <p class="error-notice">{h}</p> })}
                {move || (!problems.read().is_empty()).then(|| view! {
                    <ul>{problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                })}
            </div>
            <button type="submit" class="button" disabled=move || busy.get()>
                {move || if busy.get() { text::WORKING } else { text::IMPORT_GO }}
            </button>
        </form>
    }
    .into_any()
}

#[component]
fn PrintSummary() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let today = browser::now().0;
    let from = RwSignal::new(written::day(
        today.checked_sub_days(Days::new(27)).unwrap_or(today),
    ));
    let to = RwSignal::new(written::day(today));
    let notes = RwSignal::new(false);
    let problem = RwSignal::new(None::<&'static str>);
    let range = move || {
        let parse = |s: String| written::parse_day(&s);
        match (parse(from.get()), parse(to.get())) {
            (Some(a), Some(b)) if a <= b => Some((a, b)),
            _ => None,
        }
    };
    let print = move |event: ev::SubmitEvent| {
        event.prevent_default();
        if range().is_none() {
            problem.set(Some(text::PRINT_RANGE_BAD));
            return;
        }
        problem.set(None);
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let chosen = move || {
        range().map(|(a, b)| {
            let entries: Vec<Entry> = state
                .diary
                .read()
                .entries()
                .iter()
                .filter(|e| e.day() >= a && e.day() <= b)
                .cloned()
                .collect();
            (a, b, entries)
        })
    };
    view! {
        <h3>{text::PRINT_HEADING}</h3>
        <form class="stack" on:submit=print novalidate>
            <div class="field">
                <label for="print-from">{text::PRINT_FROM}</label>
                <input id="print-from" type="date" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="print-to">{text::PRINT_TO}</label>
                <input id="print-to" type="date" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))/>
            </div>
            <label class="chip">
                <input type="checkbox" prop:checked=move || notes.get() on:change=move |ev| notes.set(event_target_checked(&ev))/>
                <span>{text::PRINT_NOTES}</span>
            </label>
            <p class="field-error" role="alert">{move || problem.get()}</p>
            <button type="submit" class="button">{text::PRINT_GO}</button>
        </form>
        <section class="print-summary">
            {move || chosen().map(|(a, b, entries)| view! {
                <h2>{text::PRINT_TITLE}</h2>
                <p>{text::print_range(a, b)}</p>
                <table>
                    <thead><tr><th>{text::TABLE_DAY}</th><th>{text::TIME_LABEL}</th><th>{text::MOOD_LEGEND}</th><th>"Feelings and what was going on"</th>{notes.get().then(|| view! { <th>"Note"</th> })}</tr></thead>
                    <tbody>
                        {entries.into_iter().rev().map(|e| {
                            let tags: Vec<&str> = e.feelings().iter().map(|f| f.label()).chain(e.context().iter().map(|c| c.label())).collect();
                            view! {
                                <tr>
                                    <td>{text::day_heading(e.day())}</td>
                                    <td>{written::time(e.time())}</td>
                                    <td>{format!("{} ({} of 5)", e.mood().word(), e.mood().score())}</td>
                                    <td>{tags.join(", ")}</td>
                                    {notes.get().then(|| view! { <td>{e.note().to_owned()}</td> })}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn LockSettings() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let first = NodeRef::<html::Input>::new();
    let second = NodeRef::<html::Input>::new();
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let available = crypto::available();
    let set_lock = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let Some(passcode) = chosen((first, second), Passcode::choose, problem) else {
            return;
        };
        let Some(mut vault) = state.vault() else {
            return;
        };
        busy.set(true);
        state.notice.set(None);
        spawn_local(async move {
            let outcome = vault.set_lock(&passcode).await;
            busy.set(false);
            match outcome {
                Ok(lock) => {
                    state.vault.set_value(Some(vault));
                    state.lock.set(Some(lock));
                    problem.set(None);
                    clear(&[first, second]);
                    state.say(Notice::ok(text::LOCK_SET_DONE));
                    browser::announce_change();
                }
                Err(error) => problem.set(Some(problem_text(&error))),
            }
        });
    };
    let remove_lock = move |_| {
        let Some(mut vault) = state.vault() else {
            return;
        };
        busy.set(true);
        state.notice.set(None);
        spawn_local(async move {
            let outcome = vault.remove_lock().await;
            busy.set(false);
            match outcome {
                Ok(()) => {
                    state.vault.set_value(Some(vault));
                    state.lock.set(None);
                    state.say(Notice::ok(text::LOCK_REMOVED));
                    browser::announce_change();
                }
                Err(error) => problem.set(Some(problem_text(&error))),
            }
        });
    };
    let locked = move || state.lock.read().is_some();
    view! {
        <h3>{text::LOCK_HEADING}</h3>
        <p>{text::LOCK_TEXT}</p>
        <p><strong>{text::LOCK_NO_RECOVERY}</strong></p>
        {if available {
            view! {
                {move || locked().then(|| view! {
                    <p class="notice">{text::LOCK_ON}</p>
                    <p class="actions">
                        <button type="button" class="button" on:click=move |_| lock_now(state)>{text::LOCK_NOW}</button>
                        <button type="button" class="button" disabled=move || busy.get() on:click=remove_lock>{text::LOCK_REMOVE}</button>
                    </p>
                })}
                <form class="stack" on:submit=set_lock novalidate>
                    <NewPasscode id="lock-pass" label=text::LOCK_NEW again=text::LOCK_AGAIN first second/>
                    <p class="field-error" role="alert">{move || problem.get()}</p>
                    <button type="submit" class="button" disabled=move || busy.get()>
                        {move || if busy.get() { text::WORKING } else if locked() { text::LOCK_CHANGE } else { text::LOCK_SET }}
                    </button>
                </form>
            }.into_any()
        } else {
            view! { <p class="notice">{text::LOCK_UNAVAILABLE}</p> }.into_any()
        }}
    }
    .into_any()
}

/// "Delete everything", with a second step to confirm.
#[component]
pub fn DeleteEverything() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let confirming = RwSignal::new(false);
    let confirm = NodeRef::<html::Button>::new();
    let start = move |_| {
        confirming.set(true);
        request_animation_frame(move || {
            if let Some(button) = confirm.get_untracked() {
                let _ = button.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        });
    };
    let delete_all = move |_| {
        let Some(mut vault) = state.vault() else {
            return;
        };
        spawn_local(async move {
            match vault.wipe().await {
                Ok(()) => {
                    state.vault.set_value(Some(vault));
                    state.diary.set(Diary::default());
                    state.lock.set(None);
                    state.last_self_check.set(None);
                    state.forget_words();
                    state.editing.set(None);
                    state.last_deleted.set(None);
                    confirming.set(false);
                    state.say(Notice::ok(text::DELETED_ALL));
                    browser::announce_change();
                    state.phase.set(Phase::Intro);
                }
                Err(error) => state.say(Notice::problem(problem_text(&error))),
            }
        });
    };
    view! {
        {move || if confirming.get() {
            view! {
                <div class="confirm-delete" role="group" aria-label=text::DELETE_HEADING>
                    <p><strong>{text::DELETE_ARE_YOU_SURE}</strong></p>
                    <p class="actions">
                        <button type="button" class="button button-danger" node_ref=confirm on:click=delete_all>{text::DELETE_CONFIRM}</button>
                        <button type="button" class="button" on:click=move |_| {
                            confirming.set(false);
                            browser::focus_soon(".delete-start");
                        }>{text::DELETE_KEEP}</button>
                    </p>
                </div>
            }.into_any()
        } else {
            view! { <button type="button" class="button button-danger delete-start" on:click=start>{text::DELETE_START}</button> }.into_any()
        }}
    }
    .into_any()
}
