//! "Help me say it": the person picks who the words are for and which days,
//! the phone drafts sentences from their own check-ins (see
//! `village_core::mood::say_it`), and they change, remove or add sentences
//! before copying, sharing or printing them. Nothing is sent and nothing is
//! kept unless they save the draft, which then lives in the diary.

use leptos::{ev, prelude::*, task::spawn_local};
use village_core::directory::{Service, Status};
use village_core::mood::{
    say_it::{self, Ask, Audience, Fear, Period, SavedDraft, Wish},
    written, EntryId,
};

use super::state::{problem_text, DiaryState, Notice, SayDays, SayDraft, Tab};
use super::vault::Note;
use super::{browser, crypto, text};
use crate::directory::WHAT_HAPPENS_PATH;

#[component]
pub fn SayIt() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let say = state.say;
    let SayDraft {
        audience,
        days,
        since,
        wishes,
        fears,
        with_self_check,
        lines,
        drafted,
        ..
    } = say;
    let asked_for = state.say_for.get_untracked();
    let problem = RwSignal::new(None::<&'static str>);
    let copied = RwSignal::new(false);
    let service = RwSignal::new(None::<Service>);

    // The service the link named, from the directory saved on this phone.
    if let Some(id) = asked_for.service.clone() {
        Effect::new(move |_| {
            let id = id.clone();
            spawn_local(async move { service.set(crate::directory::saved_service(&id).await) });
        });
    }

    let kept_text = move || {
        lines.with_untracked(|all| say_it::joined(all.iter().map(|(_, words)| words.as_str())))
    };

    let make_draft = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let today = browser::now().0;
        let period = match days.get_untracked() {
            SayDays::TwoWeeks => Period::TwoWeeks,
            SayDays::Month => Period::Month,
            SayDays::Since => match written::parse_day(&since.get_untracked()) {
                Some(day) if day <= today => Period::Since(day),
                _ => {
                    problem.set(Some(text::SAY_SINCE_BAD));
                    return;
                }
            },
        };
        problem.set(None);
        let who = audience.get_untracked();
        let offered = Wish::offered(who);
        let ask = Ask {
            audience: who,
            period,
            self_check: state
                .self_check
                .get_untracked()
                .filter(|_| with_self_check.get_untracked()),
            wishes: wishes
                .get_untracked()
                .into_iter()
                .filter(|w| offered.contains(w))
                .collect(),
            fears: fears.get_untracked(),
        };
        let draft = state
            .diary
            .with_untracked(|diary| say_it::draft(diary.entries(), &ask, today));
        let kind = draft
            .no_check_ins()
            .then(|| text::say_nothing_to_draft(draft.first_day, draft.last_day));
        lines.set(
            draft
                .sentences
                .into_iter()
                .map(|s| say.line(s.text))
                .collect(),
        );
        drafted.set(Some((who, kind)));
        copied.set(false);
        browser::focus_soon("#say-words-title");
    };

    let copy = move |_| {
        let words = kept_text();
        if words.is_empty() {
            state.say(Notice::problem(text::SAY_NOTHING_LEFT));
            return;
        }
        let next = asked_for_service(state);
        spawn_local(async move {
            if browser::copy_text(&words).await {
                copied.set(true);
                // The service's own ways in appear next; the status says so.
                state.say(Notice::ok(if next {
                    text::SAY_COPIED_NEXT
                } else {
                    text::SAY_COPIED
                }));
            } else {
                state.say(Notice::problem(text::SAY_COPY_FAILED));
            }
        });
    };
    let share = move |_| {
        let words = kept_text();
        if words.is_empty() {
            state.say(Notice::problem(text::SAY_NOTHING_LEFT));
            return;
        }
        spawn_local(async move {
            if !browser::share_text(text::SAY_HEADING, &words).await {
                state.say(Notice::ok(text::SAY_SHARE_CANCELLED));
            }
        });
    };
    let print = move |_| {
        if kept_text().is_empty() {
            state.say(Notice::problem(text::SAY_NOTHING_LEFT));
            return;
        }
        browser::print();
    };
    let save = move |_| {
        let Some((who, _)) = drafted.get_untracked() else {
            return;
        };
        let Some(id) = crypto::random_id()
            .ok()
            .and_then(|id| EntryId::parse(&id).ok())
        else {
            state.say(Notice::problem(text::STORAGE_FAILED));
            return;
        };
        let saved = match SavedDraft::new(
            id,
            who,
            browser::now().0,
            &kept_text(),
            browser::now_millis(),
        ) {
            Ok(saved) => saved,
            Err(error) => {
                state.say(Notice::problem(format!("{} {}.", text::NOT_SAVED, error)));
                return;
            }
        };
        let Some(vault) = state.vault() else {
            state.say(Notice::problem(text::STORAGE_FAILED));
            return;
        };
        spawn_local(async move {
            match vault.save_notes(&[Note::Draft(saved.clone())]).await {
                Ok(()) => {
                    state.notes.update(|notes| {
                        notes.drafts.push(saved);
                        notes.sort();
                    });
                    state.say(Notice::ok(text::SAY_SAVED));
                }
                Err(error) => state.say(Notice::problem(problem_text(&error))),
            }
        });
    };

    view! {
        <section class="say-it stack" aria-labelledby="say-it-title">
            <h2 id="say-it-title">{text::SAY_HEADING}</h2>
            <p>{text::SAY_INTRO}</p>
            <form class="stack" on:submit=make_draft novalidate>
                <fieldset class="chips">
                    <legend>{text::SAY_WHO}</legend>
                    {Audience::ALL.iter().map(|&who| view! {
                        <label class="chip">
                            <input type="radio" name="say-who" value=who.code()
                                prop:checked=move || audience.get() == who
                                on:change=move |_| audience.set(who)/>
                            <span>{who.label()}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <fieldset class="chips">
                    <legend>{text::SAY_WHEN}</legend>
                    {[(SayDays::TwoWeeks, text::SAY_TWO_WEEKS), (SayDays::Month, text::SAY_MONTH), (SayDays::Since, text::SAY_SINCE)].into_iter().map(|(choice, label)| view! {
                        <label class="chip">
                            <input type="radio" name="say-when"
                                prop:checked=move || days.get() == choice
                                on:change=move |_| days.set(choice)/>
                            <span>{label}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <Show when=move || days.get() == SayDays::Since>
                    <div class="field">
                        <label for="say-since">{text::SAY_SINCE_LABEL}</label>
                        <input id="say-since" type="date" prop:value=move || since.get()
                            on:change=move |ev| since.set(event_target_value(&ev))
                            aria-describedby="say-problem"/>
                    </div>
                </Show>
                <fieldset class="chips">
                    <legend>{text::SAY_WISHES}</legend>
                    {move || Wish::offered(audience.get()).iter().map(|&wish| view! {
                        <label class="chip">
                            <input type="checkbox" prop:checked=move || wishes.read().contains(&wish)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    wishes.update(|w| { if on { w.insert(wish); } else { w.remove(&wish); } });
                                }/>
                            <span>{wish.label()}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <fieldset class="chips">
                    <legend>{text::SAY_FEARS}</legend>
                    {Fear::ALL.iter().map(|&fear| view! {
                        <label class="chip">
                            <input type="checkbox" prop:checked=move || fears.read().contains(&fear)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    fears.update(|f| { if on { f.insert(fear); } else { f.remove(&fear); } });
                                }/>
                            <span>{fear.label()}</span>
                        </label>
                    }).collect_view()}
                    <p class="hint"><a href=WHAT_HAPPENS_PATH>{text::SAY_FEARS_LINK}</a></p>
                </fieldset>
                {move || if state.self_check.read().is_some() {
                    view! {
                        <label class="chip">
                            <input type="checkbox" prop:checked=move || with_self_check.get()
                                on:change=move |ev| with_self_check.set(event_target_checked(&ev))/>
                            <span>{text::SAY_SELF_CHECK}</span>
                        </label>
                    }.into_any()
                } else {
                    view! {
                        <p class="hint">
                            {text::SAY_SELF_CHECK_NONE} " "
                            <button type="button" class="button" on:click=move |_| state.tab.set(Tab::SelfCheck)>{text::TAB_SELF_CHECK}</button>
                        </p>
                    }.into_any()
                }}
                <p id="say-problem" class="field-error" role="alert">{move || problem.get()}</p>
                <button type="submit" class="button button-primary">
                    {move || if drafted.read().is_some() { text::SAY_AGAIN } else { text::SAY_GO }}
                </button>
            </form>
            {move || drafted.get().map(|(who, kind)| view! {
                <section class="say-words stack" aria-labelledby="say-words-title">
                    <h3 id="say-words-title" tabindex="-1">{text::SAY_WORDS}</h3>
                    {kind.map(|kind| view! { <p class="notice">{kind}</p> })}
                    <p class="hint">{text::SAY_EDIT_HINT}</p>
                    <ol class="say-sentences">
                        <For each=move || lines.get() key=|(key, _)| *key let:line>
                            <SentenceItem key=line.0 lines/>
                        </For>
                    </ol>
                    <p>
                        <button type="button" class="button" on:click=move |_| {
                            lines.update(|all| all.push(say.line(String::new())));
                            browser::focus_soon(".say-sentences li:last-child textarea");
                        }>{text::SAY_ADD}</button>
                    </p>
                    <p class="actions">
                        <button type="button" class="button button-primary" on:click=copy>{text::SAY_COPY}</button>
                        {browser::can_share().then(|| view! {
                            <button type="button" class="button" on:click=share>{text::SAY_SHARE}</button>
                        })}
                        <button type="button" class="button" on:click=print>{text::SAY_PRINT}</button>
                        <button type="button" class="button" on:click=save>{text::SAY_SAVE}</button>
                    </p>
                    {move || (copied.get() && asked_for_service(state)).then(|| view! { <NextSteps service/> })}
                    <section class="print-summary">
                        <h2>{text::say_print_title(who)}</h2>
                        {move || lines.get().into_iter().map(|(_, words)| words).filter(|w| !w.trim().is_empty()).map(|w| view! { <p>{w}</p> }).collect_view()}
                        <p class="hint">{text::SAY_PRINT_FOOT} " " {written::long_day(browser::now().0)}</p>
                    </section>
                </section>
            })}
            <SavedDrafts/>
        </section>
    }
    .into_any()
}

fn asked_for_service(state: DiaryState) -> bool {
    state.say_for.read().service.is_some()
}

/// One sentence, editable, with a button to remove it.
#[component]
fn SentenceItem(key: usize, lines: RwSignal<Vec<(usize, String)>>) -> impl IntoView {
    let position = move || {
        lines
            .read()
            .iter()
            .position(|(k, _)| *k == key)
            .map_or(0, |at| at + 1)
    };
    let words = move || {
        lines
            .read()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, words)| words.clone())
            .unwrap_or_default()
    };
    let id = format!("say-sentence-{key}");
    view! {
        <li class="say-sentence">
            <textarea id=id rows="2" maxlength=village_core::mood::say_it::MAX_SENTENCE_CHARS.to_string()
                aria-label=move || text::say_sentence(position())
                prop:value=words
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    lines.update(|all| {
                        if let Some((_, words)) = all.iter_mut().find(|(k, _)| *k == key) {
                            *words = typed;
                        }
                    });
                }></textarea>
            <button type="button" class="button" aria-label=move || text::say_remove_sentence(position())
                on:click=move |_| {
                    lines.update(|all| all.retain(|(k, _)| *k != key));
                    // The button is gone: keep focus on the words.
                    browser::focus_soon("#say-words-title");
                }>
                {text::SAY_REMOVE}
            </button>
        </li>
    }
    .into_any()
}

/// After copying words for a directory service: its own ways in, from the
/// copy saved on this phone, or the way back to its page.
#[component]
fn NextSteps(service: RwSignal<Option<Service>>) -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let id = state
        .say_for
        .read_untracked()
        .service
        .clone()
        .unwrap_or_default();
    view! {
        <div class="notice say-next">
            {move || match service.get().filter(|s| s.status == Status::Active && s.referral.is_self()) {
                Some(s) => view! {
                    <p>{text::SAY_NEXT_SERVICE}</p>
                    <p class="actions">
                        {s.url.clone().map(|url| view! { <a class="button" href=url rel="noopener">{format!("Open {}'s website", s.name)}</a> })}
                        {s.phones.iter().filter(|p| p.call).map(|p| view! {
                            <a class="button" href=p.number.tel_href()>{format!("Call {} on {}", s.name, p.number.written())}</a>
                        }).collect_view()}
                        {s.phones.iter().filter(|p| p.text).map(|p| view! {
                            <a class="button" href=p.number.sms_href(None)>{format!("Text {} on {}", s.name, p.number.written())}</a>
                        }).collect_view()}
                        {s.email.clone().map(|email| view! { <a class="button" href=format!("mailto:{email}")>{format!("Email {}", s.name)}</a> })}
                    </p>
                }.into_any(),
                None => view! {
                    <p><a href=format!("/help/{id}")>{text::SAY_BACK_TO_SERVICE}</a></p>
                }.into_any(),
            }}
        </div>
    }
    .into_any()
}

/// The drafts the person saved, newest first: use one again, or delete it.
#[component]
fn SavedDrafts() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let say = state.say;
    let delete = move |id: EntryId| {
        let Some(vault) = state.vault() else { return };
        spawn_local(async move {
            match vault.delete_draft(&id).await {
                Ok(()) => {
                    state
                        .notes
                        .update(|notes| notes.drafts.retain(|d| d.id() != &id));
                    state.say(Notice::ok(text::SAY_DRAFT_DELETED));
                    browser::focus_soon("#say-it-title");
                }
                Err(error) => state.say(Notice::problem(problem_text(&error))),
            }
        });
    };
    let open = move |draft: SavedDraft| {
        say.audience.set(draft.audience());
        say.lines.set(
            draft
                .text()
                .split("\n\n")
                .map(|words| say.line(words.to_owned()))
                .collect(),
        );
        say.drafted.set(Some((draft.audience(), None)));
        browser::focus_soon("#say-words-title");
    };
    view! {
        {move || (!state.notes.read().drafts.is_empty()).then(|| view! {
            <h3>{text::SAY_DRAFTS}</h3>
            <ul class="say-drafts plain-list">
                {state.notes.get().drafts.into_iter().enumerate().map(|(at, draft)| {
                    let id = draft.id().clone();
                    let line = text::say_draft_line(draft.audience(), draft.made_on());
                    let mut first: String = draft.text().chars().take(80).collect();
                    if first.len() < draft.text().len() {
                        first.push('…');
                    }
                    let for_open = draft.clone();
                    // Two drafts for the same person on one day still have
                    // buttons that can be told apart.
                    let use_label = text::say_draft_button(text::SAY_USE_DRAFT, &line, at + 1);
                    let delete_label = text::say_draft_button(text::SAY_DELETE_DRAFT, &line, at + 1);
                    view! {
                        <li class="say-draft">
                            <p><strong>{line}</strong></p>
                            <p class="hint">{first}</p>
                            <p class="actions">
                                <button type="button" class="button" aria-label=use_label on:click=move |_| open(for_open.clone())>{text::SAY_USE_DRAFT}</button>
                                <button type="button" class="button" aria-label=delete_label on:click=move |_| delete(id.clone())>{text::SAY_DELETE_DRAFT}</button>
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
    }
    .into_any()
}
