//! The weekly self-check screen. The answers stay in memory only; just the
//! day it was done is kept, so the diary knows when to offer it again.

use leptos::{ev, prelude::*, task::spawn_local};
use village_core::mood::self_check::{self, Answers, Question};

use super::browser;
use super::state::{problem_text, DiaryState, Notice};
use super::text;

#[component]
pub fn SelfCheck() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let answers = RwSignal::new(Answers::default());
    let finished = RwSignal::new(false);
    let problem = RwSignal::new(None::<&'static str>);

    let answer = move |question: Question, yes: bool| {
        answers.update(|a| a.set(question, yes));
        problem.set(None);
        // A yes here brings up the crisis card at once.
        if question == Question::HarmThoughts && yes {
            browser::open_crisis_card();
        }
    };
    let finish = move |event: ev::SubmitEvent| {
        event.prevent_default();
        if !answers.get_untracked().complete() {
            problem.set(Some(text::SELF_CHECK_ANSWER_ALL));
            return;
        }
        finished.set(true);
        state.self_check.set(Some(answers.get_untracked()));
        browser::focus_soon("#guidance-title");
        let today = browser::now().0;
        state.last_self_check.set(Some(today));
        if let Some(vault) = state.vault() {
            spawn_local(async move {
                // Only the day is kept, so the check is offered again in a week.
                if let Err(error) = vault.mark_self_check(today).await {
                    state.say(Notice::problem(problem_text(&error)));
                }
            });
        }
    };
    let again = move |_| {
        answers.set(Answers::default());
        finished.set(false);
    };

    view! {
        <section class="self-check" aria-labelledby="self-check-title">
            <h2 id="self-check-title">{text::SELF_CHECK_HEADING}</h2>
            <p>{text::SELF_CHECK_INTRO}</p>
            {move || state.last_self_check.get().filter(|day| !self_check::due(Some(*day), browser::now().0)).map(|day| view! {
                <p class="hint">{text::last_self_check(day)} " " {text::SELF_CHECK_DONE_RECENTLY}</p>
            })}
            {move || if finished.get() {
                view! { <Guidance answers=answers.get()/> <button type="button" class="button" on:click=again>{text::SELF_CHECK_AGAIN}</button> }.into_any()
            } else {
                view! {
                    <form class="stack" on:submit=finish novalidate>
                        {Question::ALL.iter().map(|&question| {
                            let name = format!("self-check-{}", question.code());
                            view! {
                                <fieldset class="chips question" hidden=move || !answers.read().asks(question)>
                                    <legend>{text::question(question)}</legend>
                                    {[(true, text::YES), (false, text::NO)].into_iter().map(|(yes, label)| view! {
                                        <label class="chip">
                                            <input type="radio" name=name.clone()
                                                prop:checked=move || answers.read().get(question) == Some(yes)
                                                on:change=move |_| answer(question, yes)/>
                                            <span>{label}</span>
                                        </label>
                                    }).collect_view()}
                                </fieldset>
                            }
                        }).collect_view()}
                        <p class="field-error" role="alert">{move || problem.get()}</p>
                        <button type="submit" class="button button-primary">{text::SELF_CHECK_FINISH}</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
fn Guidance(answers: Answers) -> impl IntoView {
    let guidance = answers.guidance();
    let all_no = !(guidance.talk_about_mood || guidance.talk_about_anxiety || guidance.crisis_card);
    view! {
        <div class="guidance">
            <h3 id="guidance-title" tabindex="-1">{text::GUIDANCE_HEADING}</h3>
            {guidance.crisis_card.then(|| view! {
                <p class="error-notice">{text::GUIDANCE_HARM} " "
                    <a href=crate::crisis::PATH>{crate::crisis::text::NEED_HELP_NOW}</a></p>
            })}
            {guidance.talk_about_mood.then(|| view! { <p>{text::GUIDANCE_MOOD}</p> })}
            {guidance.wants_help.then(|| view! { <p>{text::GUIDANCE_WANTS_HELP} " " <a href="/help">{text::BRIDGE_HELP}</a></p> })}
            {guidance.talk_about_anxiety.then(|| view! { <p>{text::GUIDANCE_ANXIETY}</p> })}
            {all_no.then(|| view! { <p>{text::GUIDANCE_ALL_NO}</p> })}
            <p class="hint">{text::GUIDANCE_NOT_DIAGNOSIS}</p>
        </div>
    }
    .into_any()
}
