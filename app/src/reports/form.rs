//! The report form at the foot of a listing's page, and the notice at its
//! head. Plain HTML forms: they work without scripts.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use village_core::report::{ListingKind, Problem, ReportError, MAX_WORDS_CHARS};

use super::{report_path, text};

/// "Someone has told us this may be out of date."
#[component]
pub fn OutOfDateNotice(shown: bool) -> impl IntoView {
    shown.then(|| view! { <p class="notice stale-note" role="note">{text::OUT_OF_DATE}</p> })
}

/// The form, with what happened to the last report sent from it: thanks,
/// "too many", or the problem beside its field.
#[component]
pub fn ReportForm(kind: ListingKind, #[prop(into)] id: String) -> impl IntoView {
    let outcome = use_query_map().with_untracked(|q| q.get("report"));
    let (status, problem_error, words_error) = match outcome.as_deref() {
        Some("sent") => (Some(text::THANKS), None, None),
        Some("busy") => (Some(text::TOO_MANY), None, None),
        Some("no-problem") => (None, Some(ReportError::NoProblem.to_string()), None),
        Some("too-long") => (None, None, Some(ReportError::TooLong.to_string())),
        _ => (None, None, None),
    };
    let invalid = problem_error.is_some();
    view! {
        <section id="report" class="report" aria-labelledby="report-title">
            <h2 id="report-title">{text::HEADING}</h2>
            {status.map(|s| view! { <p class="notice" role="status">{s}</p> })}
            <p>{text::HINT}</p>
            <form method="post" action=report_path(kind, &id)>
                <fieldset aria-describedby=invalid.then_some("report-problem-error")>
                    <legend>{text::WHAT_IS_WRONG}</legend>
                    {problem_error.map(|e| view! { <p id="report-problem-error" class="field-error">{e}</p> })}
                    {Problem::ALL.iter().map(|p| {
                        let field = format!("report-{}", p.code());
                        view! {
                            <p class="choice">
                                <input type="radio" id=field.clone() name="problem" value=p.code()/>
                                <label for=field>{p.label()}</label>
                            </p>
                        }
                    }).collect_view()}
                </fieldset>
                <p>
                    <label for="report-words">{text::WORDS}</label>
                    <span id="report-words-hint" class="hint">{text::WORDS_HINT}</span>
                    {words_error.clone().map(|e| view! { <span id="report-words-error" class="field-error">{e}</span> })}
                    <textarea id="report-words" name="words" rows="3" maxlength=MAX_WORDS_CHARS.to_string()
                        aria-describedby=if words_error.is_some() { "report-words-hint report-words-error" } else { "report-words-hint" }
                        aria-invalid=words_error.is_some().then_some("true")></textarea>
                </p>
                <button type="submit" class="button">{text::SEND}</button>
            </form>
        </section>
    }
}
