//! A group's row on the organisers' home (cancel a session, add an
//! extra one) and the pages that add a group or change one.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{
    fields::{choice_group, owned, radios, select_options, text_area, text_input, tick_box, Field},
    signed_in_view,
    venues::VenueFields,
};
use crate::organisers::{
    api::{group_editor, new_group_choices, EditableGroup, GroupChoices, GroupLine},
    text, FormKey, FormProblem, GroupPreview, OnceField, HOME_PATH, NEW_GROUP_PATH,
};
use crate::ui::Loading;

#[component]
pub(super) fn GroupRow(group: GroupLine, waiting: bool, problem: FormProblem) -> impl IntoView {
    let group_id = group.id.clone();
    let form = format!("cancel:{}", group.id);
    let action = format!("{HOME_PATH}/groups/{}/cancel", group.id);
    let date_id = format!("date-{}", group.id);
    let reason_id = format!("reason-{}", group.id);
    let date_error = problem.error(&form, "date");
    let reason_error = problem.error(&form, "reason");
    let chosen = problem.value(&form, "date");
    let reason = problem.value(&form, "reason").unwrap_or_default();
    let date_error_id = format!("{date_id}-error");
    let reason_error_id = format!("{reason_id}-error");
    let hint_id = format!("{reason_id}-hint");
    view! {
        <li class="organiser-item">
            <h3>{group.title.clone()}</h3>
            {waiting.then(|| view! { <p class="badge">{text::WAITING}</p> })}
            {group.details_to_check.then(|| view! { <p class="notice stale-note">{text::DETAILS_TO_CHECK}</p> })}
            <p class:stale-note=group.freshness.is_some()>
                {group.freshness.clone().unwrap_or_else(|| text::last_confirmed(&group.last_confirmed))}
            </p>
            <div class="actions">
                // Details to check are confirmed by saving them, not by a tap.
                {(!group.details_to_check).then(|| view! {
                    <form method="post" action=format!("{HOME_PATH}/groups/{}/confirm", group.id)>
                        <OnceField form=format!("confirm-group:{}", group.id)/>
                        <button type="submit" class="button" aria-label=format!("{} — {}", text::STILL_ACCURATE, group.title)>{text::STILL_ACCURATE}</button>
                    </form>
                })}
                <a class="button" href=edit_group_path(&group.id) aria-label=format!("{}: {}", text::EDIT_DETAILS, group.title)>{text::EDIT_DETAILS}</a>
            </div>
            {if group.sessions.is_empty() {
                view! { <p>{text::NO_SESSIONS}</p> }.into_any()
            } else {
                view! {
                    <form method="post" action=action class="stack">
                        <OnceField form=form.clone()/>
                        <h4>{text::CANCEL_HEADING}</h4>
                        <div class="field">
                            <label for=date_id.clone()>{text::SESSION}</label>
                            <select id=date_id name="date"
                                aria-invalid=date_error.is_some().then_some("true")
                                aria-describedby=date_error.is_some().then(|| date_error_id.clone())>
                                {group.sessions.into_iter().map(|(value, label)| {
                                    let selected = chosen.as_deref() == Some(value.as_str());
                                    view! { <option value=value selected=selected>{label}</option> }
                                }).collect_view()}
                            </select>
                            {date_error.map(|e| view! { <p class="field-error" id=date_error_id>{e}</p> })}
                        </div>
                        <div class="field">
                            <label for=reason_id.clone()>{text::REASON}</label>
                            <p class="hint" id=hint_id.clone()>{text::REASON_HINT}</p>
                            <input id=reason_id name="reason" type="text" maxlength=village_core::calendar::edit::MAX_REASON_CHARS.to_string() value=reason
                                aria-invalid=reason_error.is_some().then_some("true")
                                aria-describedby=if reason_error.is_some() { format!("{hint_id} {reason_error_id}") } else { hint_id.clone() }/>
                            {reason_error.map(|e| view! { <p class="field-error" id=reason_error_id>{e}</p> })}
                        </div>
                        <div class="actions">
                            <button type="submit" class="button button-primary">{text::CANCEL_SESSION}</button>
                        </div>
                    </form>
                }.into_any()
            }}
            <ExtraForm group_id=group_id.clone() problem=problem.clone()/>
        </li>
    }
}

/// "Add an extra session": a day and times, in a break too.
#[component]
pub(super) fn ExtraForm(group_id: String, problem: FormProblem) -> impl IntoView {
    let form = format!("extra:{group_id}");
    let once = form.clone();
    let action = format!("{HOME_PATH}/groups/{group_id}/extra");
    let field = |name: &str| {
        let id = format!("extra-{name}-{group_id}");
        let error = problem.error(&form, name);
        let value = problem.value(&form, name).unwrap_or_default();
        (id, error, value)
    };
    let inputs = [
        ("date", "date", text::EXTRA_DAY),
        ("starts", "time", text::STARTS),
        ("ends", "time", text::ENDS),
    ]
    .into_iter()
    .map(|(name, kind, label)| {
        let (id, error, value) = field(name);
        let error_id = format!("{id}-error");
        let label_for = id.clone();
        view! {
            <div class="field">
                <label for=label_for>{label}</label>
                <input id=id name=name type=kind required value=value
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=error.is_some().then(|| error_id.clone())/>
                {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
            </div>
        }
    })
    .collect_view();
    view! {
        <form method="post" action=action class="stack">
            <OnceField form=once/>
            <h4>{text::EXTRA_HEADING}</h4>
            {inputs}
            <div class="actions">
                <button type="submit" class="button">{text::ADD_EXTRA}</button>
            </div>
        </form>
    }
}

/// The forms' names in [`FormProblem`].
pub(super) const NEW_GROUP_FORM: &str = "new-group";

pub(super) const EDIT_GROUP_FORM: &str = "edit-group";

#[component]
pub fn NewGroupPage() -> impl IntoView {
    let choices = Resource::new(|| (), |_| new_group_choices());
    view! {
        <Title text=text::ADD_GROUP/>
        <h1>{text::ADD_GROUP}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                signed_in_view(choices.await, |choices| {
                    provide_context(FormKey(choices.form_key.clone()));
                    let problem = use_context::<FormProblem>().unwrap_or_default();
                    view! { <GroupForm kind=GroupFormKind::New(choices) problem/> }.into_any()
                })
            })}
        </Suspense>
        <p><a href=HOME_PATH>{text::HOME_TITLE}</a></p>
    }
    .into_any()
}

#[component]
pub fn EditGroupPage() -> impl IntoView {
    let params = use_params_map();
    let editor = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        group_editor,
    );
    view! {
        <Title text=text::EDIT_GROUP/>
        <h1>{text::EDIT_GROUP}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                signed_in_view(editor.await, |group| {
                    provide_context(FormKey(group.form_key.clone()));
                    // What was typed if the last try had problems; otherwise the group as it is.
                    let problem = use_context::<FormProblem>()
                        .filter(|p| p.form == EDIT_GROUP_FORM)
                        .unwrap_or_else(|| FormProblem {
                            form: EDIT_GROUP_FORM.into(),
                            errors: Vec::new(),
                            values: group.values.clone(),
                        });
                    view! { <GroupForm kind=GroupFormKind::Edit(group) problem/> }.into_any()
                })
            })}
        </Suspense>
        <p><a href=HOME_PATH>{text::HOME_TITLE}</a></p>
    }
    .into_any()
}

/// A new group (the account chooses its organisation and area) or a change
/// to one (its times kept or removed, perhaps a new one, its joining link).
pub(super) enum GroupFormKind {
    New(GroupChoices),
    Edit(EditableGroup),
}

#[component]
pub(super) fn GroupForm(kind: GroupFormKind, problem: FormProblem) -> impl IntoView {
    let form = match &kind {
        GroupFormKind::New(_) => NEW_GROUP_FORM,
        GroupFormKind::Edit(_) => EDIT_GROUP_FORM,
    };
    let preview = use_context::<GroupPreview>();
    let f = |name: &str| Field::of(&problem, form, name);
    let (organisation, title, description, area, weekday) = (
        f("organisation"),
        f("title"),
        f("description"),
        f("area"),
        f("weekday"),
    );
    let (starts, ends, every, term, first) =
        (f("starts"), f("ends"), f("every"), f("term"), f("first"));
    let week_of_month = f("week_of_month");
    let (place, joining, keep, link) = (f("place"), f("joining"), f("keep"), f("joining_link"));
    let checked = |name: &str| problem.value(form, name).is_some_and(|v| v == "on");
    let every_value = if every.value.is_empty() {
        "1".to_owned()
    } else {
        every.value.clone()
    };
    let term_value = if term.value.is_empty() {
        "term_time_only".to_owned()
    } else {
        term.value.clone()
    };
    let options = |list: Vec<(String, String)>, chosen: String| select_options(list, &chosen);
    let editing = matches!(kind, GroupFormKind::Edit(_));
    let mut days: Vec<(String, String)> = if editing {
        vec![(String::new(), text::NO_NEW_TIME.to_owned())]
    } else {
        Vec::new()
    };
    days.extend(village_core::calendar::edit::WEEKDAYS.map(|(code, day)| {
        (
            code.to_owned(),
            village_core::written::weekday_name(day).to_owned(),
        )
    }));
    let mut places: Vec<(String, String)> = match &kind {
        GroupFormKind::New(choices) => choices
            .venues
            .iter()
            .map(|(id, label)| (format!("venue:{id}"), label.clone()))
            .collect(),
        GroupFormKind::Edit(group) => group.venues.clone(),
    };
    places.push(("new-venue".into(), text::NEW_VENUE_PLACE.into()));
    places.push(("online".into(), text::ONLINE.into()));
    places.push(("phone".into(), text::BY_PHONE.into()));
    let radio = |name: &'static str,
                 field: &Field,
                 current: &str,
                 items: Vec<(&'static str, &'static str)>| {
        radios(form, name, field, current, &items)
    };
    let tick = |name: String, label: String, on: bool| tick_box(form, &name, &label, on);
    let about_hint = format!("{}-hint", description.id);
    let first_hint = format!("{}-hint", first.id);
    let joining_hint = format!("{}-hint", joining.id);
    let link_hint = format!("{}-hint", link.id);
    let (action, submit) = match &kind {
        GroupFormKind::New(_) => (NEW_GROUP_PATH.to_owned(), text::ADD_THE_GROUP),
        GroupFormKind::Edit(group) => (edit_group_path(&group.id), text::SAVE_GROUP),
    };
    let choosers = match &kind {
        GroupFormKind::New(choices) => Some(view! {
            {choices.is_admin.then(|| view! {
                <div class="field">
                    <label for=organisation.id.clone()>{text::ORGANISATION}</label>
                    <select id=organisation.id.clone() name="organisation" aria-invalid=organisation.invalid() aria-describedby=organisation.described_by(None)>
                        {options(choices.organisations.clone(), organisation.value.clone())}
                    </select>
                    {organisation.message()}
                </div>
            })}
        }),
        GroupFormKind::Edit(_) => None,
    };
    let area_field = match &kind {
        GroupFormKind::New(choices) => Some(view! {
            <div class="field">
                <label for=area.id.clone()>{text::AREA}</label>
                <select id=area.id.clone() name="area" aria-invalid=area.invalid() aria-describedby=area.described_by(None)>
                    {options(choices.areas.clone(), area.value.clone())}
                </select>
                {area.message()}
            </div>
        }),
        GroupFormKind::Edit(_) => None,
    };
    let current_times = match &kind {
        GroupFormKind::Edit(group) => {
            let keep_error = keep.error.is_some();
            Some(view! {
                <fieldset class="field">
                    <legend>{text::CURRENT_TIMES}</legend>
                    <p class="hint">{text::CURRENT_TIMES_HINT}</p>
                    {group.times.iter().enumerate().map(|(i, time)| {
                        let name = format!("keep-{i}");
                        let on = checked(&name);
                        let id = format!("{form}-{name}");
                        let label_for = id.clone();
                        view! {
                            <label class="choice" for=label_for>
                                <input type="checkbox" id=id name=name checked=on
                                    aria-invalid=keep_error.then_some("true") aria-describedby=keep.described_by(None)/>
                                {time.clone()}
                            </label>
                        }
                    }).collect_view()}
                    {keep.message()}
                </fieldset>
            })
        }
        GroupFormKind::New(_) => None,
    };
    let link_field = match &kind {
        GroupFormKind::Edit(group) => {
            let waiting = group.waiting_link.clone();
            let note = if group.is_admin {
                text::LINK_HINT_ADMIN
            } else {
                text::LINK_HINT
            };
            Some(view! {
                <div class="field">
                    <label for=link.id.clone()>{text::JOINING_LINK}</label>
                    <p class="hint" id=link_hint.clone()>{note}</p>
                    {waiting.map(|w| view! { <p class="notice">{text::link_waiting(&w)}</p> })}
                    <input id=link.id.clone() name="joining_link" type="url" maxlength=village_core::calendar::edit::MAX_LINK_CHARS.to_string() value=link.value.clone()
                        aria-invalid=link.invalid() aria-describedby=link.described_by(Some(&link_hint))/>
                    {link.message()}
                    {tick("link_public".into(), text::LINK_PUBLIC.into(), checked("link_public"))}
                </div>
            })
        }
        GroupFormKind::New(_) => None,
    };
    let time_legend = if editing {
        text::ADD_A_TIME
    } else {
        text::WHEN_IT_MEETS
    };
    view! {
        {(!problem.errors.is_empty()).then(|| view! { <p class="error-notice" role="alert">{text::FIX_BELOW}</p> })}
        {preview.map(|GroupPreview(lines)| view! {
            <section aria-labelledby="preview-title" class="notice" role="status">
                <h2 id="preview-title">{text::NEXT_DATES}</h2>
                <ul class="preview">
                    {lines.into_iter().map(|(when, paused)| {
                        let is_paused = paused.is_some();
                        view! {
                        <li class:paused=is_paused>
                            {when} {paused.map(|p| view! { " — " {text::paused(&p)} })}
                        </li>
                    }}).collect_view()}
                </ul>
            </section>
        })}
        <form method="post" action=action class="stack new-group">
            <OnceField form="group"/>
            {choosers}
            <div class="field">
                <label for=title.id.clone()>{text::GROUP_NAME}</label>
                <input id=title.id.clone() name="title" type="text" maxlength=village_core::calendar::edit::MAX_TITLE_CHARS.to_string() required value=title.value.clone()
                    aria-invalid=title.invalid() aria-describedby=title.described_by(None)/>
                {title.message()}
            </div>
            <div class="field">
                <label for=description.id.clone()>{text::ABOUT}</label>
                <p class="hint" id=about_hint.clone()>{text::ABOUT_HINT}</p>
                <textarea id=description.id.clone() name="description" rows="4" maxlength=village_core::calendar::edit::MAX_DESCRIPTION_CHARS.to_string()
                    aria-invalid=description.invalid() aria-describedby=description.described_by(Some(&about_hint))>{crate::ui::textarea_text(&description.value)}</textarea>
                {description.message()}
            </div>
            {area_field}
            {current_times}
            <fieldset class="field">
                <legend>{time_legend}</legend>
                <div class="field">
                    <label for=weekday.id.clone()>{text::DAY}</label>
                    <select id=weekday.id.clone() name="weekday" aria-invalid=weekday.invalid() aria-describedby=weekday.described_by(None)>
                        {options(days, weekday.value.clone())}
                    </select>
                    {weekday.message()}
                </div>
                <div class="field-pair">
                    <div class="field">
                        <label for=starts.id.clone()>{text::STARTS}</label>
                        <input id=starts.id.clone() name="starts" type="time" required=!editing value=starts.value.clone()
                            aria-invalid=starts.invalid() aria-describedby=starts.described_by(None)/>
                        {starts.message()}
                    </div>
                    <div class="field">
                        <label for=ends.id.clone()>{text::ENDS}</label>
                        <input id=ends.id.clone() name="ends" type="time" required=!editing value=ends.value.clone()
                            aria-invalid=ends.invalid() aria-describedby=ends.described_by(None)/>
                        {ends.message()}
                    </div>
                </div>
                <fieldset class="field">
                    <legend>{text::HOW_OFTEN}</legend>
                    {radio("every", &every, &every_value, vec![("1", text::EVERY_WEEK), ("2", text::EVERY_OTHER_WEEK), ("3", text::EVERY_THREE_WEEKS), ("4", text::EVERY_FOUR_WEEKS), ("month", text::ONCE_A_MONTH)])}
                    {every.message()}
                </fieldset>
                <div class="field">
                    <label for=week_of_month.id.clone()>{text::WEEK_OF_MONTH}</label>
                    <select id=week_of_month.id.clone() name="week_of_month" aria-invalid=week_of_month.invalid() aria-describedby=week_of_month.described_by(None)>
                        {select_options(owned(&text::WEEK_OF_MONTH_CHOICES), &week_of_month.value)}
                    </select>
                    {week_of_month.message()}
                </div>
                <fieldset class="field">
                    <legend>{text::SCHOOL_HOLIDAYS}</legend>
                    {radio("term", &term, &term_value, vec![("all_year", text::ALL_YEAR), ("term_time_only", text::TERM_TIME), ("holidays_only", text::HOLIDAYS_ONLY)])}
                    {term.message()}
                </fieldset>
                <div class="field">
                    <label for=first.id.clone()>{text::FIRST}</label>
                    <p class="hint" id=first_hint.clone()>{text::FIRST_HINT}</p>
                    <input id=first.id.clone() name="first" type="date" value=first.value.clone()
                        aria-invalid=first.invalid() aria-describedby=first.described_by(Some(&first_hint))/>
                    {first.message()}
                </div>
            </fieldset>
            <div class="field">
                <label for=place.id.clone()>{text::WHERE}</label>
                <select id=place.id.clone() name="place" aria-invalid=place.invalid() aria-describedby=place.described_by(None)>
                    {options(places, place.value.clone())}
                </select>
                {place.message()}
            </div>
            <fieldset class="field new-venue">
                <legend>{text::NEW_VENUE_LEGEND}</legend>
                <p class="hint">{text::NEW_VENUE_HINT}</p>
                <VenueFields form=form prefix="venue_" problem=problem.clone()/>
            </fieldset>
            <div class="field">
                <label for=joining.id.clone()>{text::JOINING}</label>
                <p class="hint" id=joining_hint.clone()>{text::JOINING_HINT}</p>
                <input id=joining.id.clone() name="joining" type="text" maxlength=village_core::calendar::edit::MAX_JOINING_CHARS.to_string() value=joining.value.clone()
                    aria-invalid=joining.invalid() aria-describedby=joining.described_by(Some(&joining_hint))/>
                {joining.message()}
            </div>
            {link_field}
            <fieldset class="field">
                <legend>{text::WHO_FOR}</legend>
                {tick("pregnant".into(), text::PREGNANT.into(), checked("pregnant"))}
                {tick("babies".into(), text::BABIES.into(), checked("babies"))}
                {tick("toddlers".into(), text::TODDLERS.into(), checked("toddlers"))}
                {tick("older_children".into(), text::OLDER_CHILDREN.into(), checked("older_children"))}
                {tick("partners".into(), text::PARTNERS.into(), checked("partners"))}
                {tick("mental_health".into(), text::MENTAL_HEALTH.into(), checked("mental_health"))}
            </fieldset>
            <GroupFactsFields form problem=problem.clone() waiting_contact=match &kind {
                GroupFormKind::Edit(group) => group.waiting_contact.clone(),
                GroupFormKind::New(_) => None,
            }/>
            <div class="actions">
                <button type="submit" class="button" name="action" value="preview">{text::SHOW_DATES}</button>
                <button type="submit" class="button button-primary" name="action" value="save">{submit}</button>
            </div>
        </form>
    }
    .into_any()
}

/// Everything a parent is told about a group beyond its name, place and
/// times: each left unsaid unless the organiser fills it in.
#[component]
pub(super) fn GroupFactsFields(
    form: &'static str,
    problem: FormProblem,
    waiting_contact: Option<String>,
) -> impl IntoView {
    use village_core::calendar::edit::{
        MAX_FACT_CHARS, MAX_FIRST_VISIT_CHARS, MAX_LANGUAGES_CHARS,
    };
    let f = |name: &str| Field::of(&problem, form, name);
    let checked = |name: &str| problem.value(form, name).is_some_and(|v| v == "on");
    let (age_from, age_to, format, course) = (
        f("age_from"),
        f("age_to"),
        f("format"),
        f("next_course_start"),
    );
    let (cost, amount, cost_note, booking, booking_how) = (
        f("cost"),
        f("cost_amount"),
        f("cost_note"),
        f("booking"),
        f("booking_how"),
    );
    let (contact_way, contact, languages, run_by, facilitated_by) = (
        f("contact_way"),
        f("contact"),
        f("other_languages"),
        f("run_by"),
        f("facilitated_by"),
    );
    let (moderated, size, taking, first_visit) = (
        f("moderated"),
        f("typical_size"),
        f("taking_new_members"),
        f("first_visit"),
    );
    let ages_hint = format!("{form}-ages-hint");
    let select = |field: &Field, name: &'static str, label: &'static str, list: &[(&str, &str)]| {
        let hint = name.starts_with("age_").then_some(ages_hint.as_str());
        view! {
            <div class="field">
                <label for=field.id.clone()>{label}</label>
                <select id=field.id.clone() name=name aria-invalid=field.invalid() aria-describedby=field.described_by(hint)>
                    {select_options(owned(list), &field.value)}
                </select>
                {field.message()}
            </div>
        }
    };
    let group = |field: &Field,
                 name: &'static str,
                 legend: &'static str,
                 items: &[(&'static str, &'static str)]| {
        choice_group(form, name, field, legend, items)
    };
    let course_hint = format!("{}-hint", course.id);
    view! {
        <fieldset class="field">
            <legend>{text::AGES}</legend>
            <p class="hint" id=ages_hint.clone()>{text::AGES_HINT}</p>
            <div class="field-pair">
                {select(&age_from, "age_from", text::AGE_FROM, &text::AGE_CHOICES)}
                {select(&age_to, "age_to", text::AGE_TO, &text::AGE_CHOICES)}
            </div>
        </fieldset>
        <fieldset class="field group-facts">
            <legend>{text::FACTS_LEGEND}</legend>
            <p class="hint">{text::FACTS_HINT}</p>
            {select(&format, "format", text::FORMAT, &text::FORMAT_CHOICES)}
            <div class="field">
                <label for=course.id.clone()>{text::NEXT_COURSE}</label>
                <input id=course.id.clone() name="next_course_start" type="date" value=course.value.clone()
                    aria-invalid=course.invalid() aria-describedby=course.described_by(Some(&course_hint))/>
                <p class="hint" id=course_hint.clone()>{text::NEXT_COURSE_HINT}</p>
                {course.message()}
            </div>
            {group(&cost, "cost", text::COST, &[("", text::NOT_SAID_YET), ("free", text::COST_FREE), ("amount", text::COST_AMOUNT), ("pay_what_you_can", text::COST_PAY_WHAT_YOU_CAN)])}
            <div class="field">
                <label for=amount.id.clone()>{text::COST_AMOUNT_LABEL}</label>
                <input id=amount.id.clone() name="cost_amount" type="text" inputmode="decimal" maxlength=village_core::calendar::facts::MAX_AMOUNT_CHARS.to_string() value=amount.value.clone()
                    aria-invalid=amount.invalid() aria-describedby=amount.described_by(None)/>
                {amount.message()}
            </div>
            {text_input(&cost_note, "cost_note", text::COST_NOTE, Some(text::COST_NOTE_HINT), MAX_FACT_CHARS)}
            {group(&booking, "booking", text::BOOKING, &[("", text::NOT_SAID_YET), ("drop_in", text::DROP_IN), ("book_ahead", text::BOOK_AHEAD)])}
            {text_input(&booking_how, "booking_how", text::BOOKING_HOW, None, MAX_FACT_CHARS)}
            {waiting_contact.map(|w| view! { <p class="notice">{text::contact_waiting(&w)}</p> })}
            <p class="hint">{text::CONTACT_HINT}</p>
            {select(&contact_way, "contact_way", text::CONTACT_WAY, &text::CONTACT_CHOICES)}
            {text_input(&contact, "contact", text::CONTACT, None, village_core::calendar::facts::MAX_CONTACT_CHARS)}
            <fieldset class="field">
                <legend>{text::LANGUAGES}</legend>
                {tick_box(form, "english", text::ENGLISH, checked("english"))}
                {tick_box(form, "cymraeg", text::CYMRAEG, checked("cymraeg"))}
                {text_input(&languages, "other_languages", text::OTHER_LANGUAGES, Some(text::OTHER_LANGUAGES_HINT), MAX_LANGUAGES_CHARS)}
            </fieldset>
            {group(&run_by, "run_by", text::RUN_BY, &[("", text::NOT_SAID_YET), ("peers", text::RUN_BY_PEERS), ("professionals", text::RUN_BY_PROFESSIONALS), ("peers_and_professionals", text::RUN_BY_BOTH)])}
            {text_input(&facilitated_by, "facilitated_by", text::FACILITATED_BY, None, MAX_FACT_CHARS)}
            {group(&moderated, "moderated", text::MODERATED, &[("", text::NOT_SAID_YET), ("yes", text::YES), ("no", text::NO)])}
            {text_input(&size, "typical_size", text::TYPICAL_SIZE, None, MAX_FACT_CHARS)}
            {group(&taking, "taking_new_members", text::TAKING_NEW, &[("", text::NOT_SAID_YET), ("yes", text::TAKING_YES), ("no", text::TAKING_NO)])}
            {text_area(&first_visit, "first_visit", text::FIRST_VISIT, Some(text::FIRST_VISIT_HINT), MAX_FIRST_VISIT_CHARS)}
        </fieldset>
    }
}

/// Where a group's edit form is, and where it posts.
pub fn edit_group_path(id: &str) -> String {
    format!("/organisers/groups/{id}/edit")
}
