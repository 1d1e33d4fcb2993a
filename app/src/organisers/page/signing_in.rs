//! The second step of signing in, setting up two-step sign-in, and an
//! invitation's page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::signed_in_view;
use crate::organisers::{
    api::{invitation_page, two_step_setup, InviteView, TwoStepView},
    text, FormProblem, SignInProblem, CODE_PATH, HOME_PATH, SIGN_IN_PATH,
};
use crate::ui::{set_http_status, ErrorNotice, Loading};

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = params.with_untracked(|p| p.get("token").unwrap_or_default());
    let action = format!("/organisers/invite/{token}");
    let invite = Resource::new(move || token.clone(), invitation_page);
    view! {
        <Title text=text::INVITE_TITLE/>
        <h1>{text::INVITE_TITLE}</h1>
        <Suspense fallback=Loading>
            {move || {
                let action = action.clone();
                Suspend::new(async move {
                    match invite.await {
                        Ok(InviteView::Usable { email, organisation, resets_password }) => view! { <InviteForm email organisation action resets_password/> }.into_any(),
                        Ok(InviteView::Problem { message, status }) => {
                            set_http_status(status);
                            view! {
                                <p class="error-notice" role="alert">{message}</p>
                                <p><a href=SIGN_IN_PATH>{text::SIGN_IN}</a></p>
                            }
                            .into_any()
                        }
                        Err(error) => {
                            set_http_status(error.status_code());
                            view! { <ErrorNotice error/> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
pub(super) fn InviteForm(
    email: String,
    organisation: Option<String>,
    action: String,
    /// A new password for an existing account, not a new account.
    resets_password: bool,
) -> impl IntoView {
    let problem = use_context::<FormProblem>().unwrap_or_default();
    let password_error = problem.error("invite", "password");
    let confirm_error = problem.error("invite", "confirm");
    let password_described = if password_error.is_some() {
        "new-password-hint new-password-error"
    } else {
        "new-password-hint"
    };
    view! {
        {if resets_password {
            view! { <h2>{text::NEW_PASSWORD_TITLE}</h2> <p>{text::resetting_for(&email)}</p> }.into_any()
        } else {
            view! { <p>{text::invited_as(&email, organisation.as_deref())}</p> }.into_any()
        }}
        {(!problem.errors.is_empty()).then(|| view! { <p class="error-notice" role="alert">{text::FIX_BELOW}</p> })}
        <form method="post" action=action class="stack sign-in">
            <input type="hidden" name="email" value=email autocomplete="username"/>
            <div class="field">
                <label for="new-password">{text::CHOOSE_PASSWORD}</label>
                <p class="hint" id="new-password-hint">{text::PASSWORD_HINT}</p>
                <input id="new-password" name="password" type="password" autocomplete="new-password" required minlength="12" maxlength=village_core::account::MAX_PASSWORD_CHARS.to_string()
                    aria-invalid=password_error.is_some().then_some("true") aria-describedby=password_described/>
                {password_error.map(|e| view! { <p class="field-error" id="new-password-error">{e}</p> })}
            </div>
            <div class="field">
                <label for="confirm-password">{text::TYPE_AGAIN}</label>
                <input id="confirm-password" name="confirm" type="password" autocomplete="new-password" required maxlength=village_core::account::MAX_PASSWORD_CHARS.to_string()
                    aria-invalid=confirm_error.is_some().then_some("true")
                    aria-describedby=confirm_error.is_some().then_some("confirm-password-error")/>
                {confirm_error.map(|e| view! { <p class="field-error" id="confirm-password-error">{e}</p> })}
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary">
                    {if resets_password { text::SAVE_PASSWORD } else { text::CREATE_ACCOUNT }}
                </button>
            </div>
        </form>
    }
}

#[component]
pub fn CodePage() -> impl IntoView {
    let problem = use_context::<SignInProblem>();
    let message = match &problem {
        Some(SignInProblem::CodeNotRight) => Some(text::CODE_NOT_RIGHT.to_owned()),
        Some(SignInProblem::TooManyAttempts { minutes }) => Some(text::too_many(*minutes)),
        _ => None,
    };
    view! {
        <Title text=text::CODE_TITLE/>
        <h1>{text::CODE_TITLE}</h1>
        <p>{text::CODE_INTRO}</p>
        {message.clone().map(|m| view! { <p class="error-notice" role="alert" id="code-problem">{m}</p> })}
        <form method="post" action=CODE_PATH class="stack sign-in">
            <div class="field">
                <label for="code">{text::CODE}</label>
                <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength=village_core::account::totp::MAX_CODE_CHARS.to_string()
                    aria-invalid=message.is_some().then_some("true")
                    aria-describedby=message.is_some().then_some("code-problem")/>
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary">{text::CONTINUE}</button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
pub fn TwoStepPage() -> impl IntoView {
    let setup = Resource::new(|| (), |_| two_step_setup());
    view! {
        <Title text=text::TWO_STEP/>
        <h1>{text::TWO_STEP}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                signed_in_view(setup.await, |view| view! { <TwoStepSetup view/> }.into_any())
            })}
        </Suspense>
        <p><a href=HOME_PATH>{text::HOME_TITLE}</a></p>
    }
    .into_any()
}

/// The 6-digit code from the authenticator app, with its error if any;
/// `id` tells apart the code fields of one page.
#[component]
pub(super) fn CodeField(
    #[prop(default = "code")] id: &'static str,
    error: Option<String>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{text::CODE}</label>
            <input id=id name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength=village_core::account::totp::MAX_CODE_CHARS.to_string()
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then(|| error_id.clone())/>
            {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
        </div>
    }
}

#[component]
pub(super) fn TwoStepSetup(view: TwoStepView) -> impl IntoView {
    let problem = use_context::<FormProblem>().unwrap_or_default();
    let error = problem.error("two-step", "code");
    let replace_error = problem.error("two-step-replace", "code");
    match view {
        TwoStepView {
            key: Some(key),
            qr,
            on,
            ..
        } => view! {
            {on.then(|| view! { <p class="notice">{text::REPLACING}</p> })}
            <p>{text::SCAN}</p>
            {qr.map(|svg| view! { <div class="qr" inner_html=svg></div> })}
            <p>{text::KEY} ": " <code class="invite-link">{key}</code></p>
            <form method="post" action="/organisers/totp/confirm" class="stack sign-in">
                <CodeField error=error.clone()/>
                <div class="actions">
                    <button type="submit" class="button button-primary">{text::TURN_ON}</button>
                </div>
            </form>
        }
        .into_any(),
        TwoStepView {
            on: true,
            can_turn_off,
            ..
        } => view! {
            <p class="notice">{text::TWO_STEP_ON}</p>
            <form method="post" action="/organisers/totp/start" class="stack sign-in">
                <h2>{text::NEW_PHONE}</h2>
                <p>{text::NEW_PHONE_HINT}</p>
                <CodeField id="replace-code" error=replace_error/>
                <div class="actions">
                    <button type="submit" class="button">{text::NEW_PHONE_BUTTON}</button>
                </div>
            </form>
            {if can_turn_off {
                view! {
                    <form method="post" action="/organisers/totp/off" class="stack sign-in">
                        <h2>{text::TURN_OFF}</h2>
                        <p>{text::TURN_OFF_HINT}</p>
                        <CodeField error=error.clone()/>
                        <div class="actions">
                            <button type="submit" class="button">{text::TURN_OFF}</button>
                        </div>
                    </form>
                }.into_any()
            } else {
                view! { <p>{text::ADMINS_KEEP_IT}</p> }.into_any()
            }}
        }
        .into_any(),
        _ => {
            let password_error = problem.error("two-step-start", "password");
            view! {
                <p>{text::TWO_STEP_OFF}</p>
                <form method="post" action="/organisers/totp/start" class="stack sign-in">
                    <div class="field">
                        <label for="set-up-password">{text::YOUR_PASSWORD}</label>
                        <input id="set-up-password" name="password" type="password" autocomplete="current-password" required maxlength=village_core::account::MAX_PASSWORD_CHARS.to_string()
                            aria-invalid=password_error.is_some().then_some("true")
                            aria-describedby=password_error.is_some().then_some("set-up-password-error")/>
                        {password_error.map(|e| view! { <p class="field-error" id="set-up-password-error">{e}</p> })}
                    </div>
                    <div class="actions">
                        <button type="submit" class="button button-primary">{text::SET_UP}</button>
                    </div>
                </form>
            }
            .into_any()
        }
    }
}
