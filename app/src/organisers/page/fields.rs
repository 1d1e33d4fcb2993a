//! Form fields wired the same way everywhere: a label, an optional hint
//! and the error beside the input, read out with it.

use leptos::prelude::*;

use crate::organisers::FormProblem;

/// A labelled field's error, wired for screen readers.
pub(super) struct Field {
    pub(super) id: String,
    pub(super) error: Option<String>,
    pub(super) value: String,
}

impl Field {
    pub(super) fn of(problem: &FormProblem, form: &str, name: &str) -> Self {
        Self {
            id: format!("{form}-{name}"),
            error: problem.error(form, name),
            value: problem.value(form, name).unwrap_or_default(),
        }
    }

    pub(super) fn error_id(&self) -> String {
        format!("{}-error", self.id)
    }

    pub(super) fn invalid(&self) -> Option<&'static str> {
        self.error.is_some().then_some("true")
    }

    /// The hint's id (if any) and the error's, for `aria-describedby`.
    pub(super) fn described_by(&self, hint: Option<&str>) -> Option<String> {
        let ids: Vec<String> = hint
            .map(str::to_owned)
            .into_iter()
            .chain(self.error.is_some().then(|| self.error_id()))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    pub(super) fn message(&self) -> impl IntoView {
        let id = self.error_id();
        self.error
            .clone()
            .map(|e| view! { <p class="field-error" id=id>{e}</p> })
    }
}

/// A set of radio buttons, one per (value, label), wired to `field`'s error.
pub(super) fn radios(
    form: &str,
    name: &str,
    field: &Field,
    current: &str,
    items: &[(&'static str, &'static str)],
) -> impl IntoView {
    let error = field.error.is_some();
    let described = field.described_by(None);
    items
        .iter()
        .map(|&(value, label)| {
            let id = if value.is_empty() {
                format!("{form}-{name}-unsaid")
            } else {
                format!("{form}-{name}-{value}")
            };
            let label_for = id.clone();
            let is_checked = current == value;
            let name = name.to_owned();
            view! {
                <label class="choice" for=label_for>
                    <input type="radio" id=id name=name value=value checked=is_checked
                        aria-invalid=error.then_some("true") aria-describedby=described.clone()/>
                    {label}
                </label>
            }
        })
        .collect_view()
}

/// One labelled checkbox.
pub(super) fn tick_box(form: &str, name: &str, label: &str, on: bool) -> impl IntoView {
    let id = format!("{form}-{name}");
    let label_for = id.clone();
    let (name, label) = (name.to_owned(), label.to_owned());
    view! {
        <label class="choice" for=label_for>
            <input type="checkbox" id=id name=name checked=on/>
            {label}
        </label>
    }
}

/// A select's options, the chosen one selected.
pub(super) fn select_options(list: Vec<(String, String)>, chosen: &str) -> impl IntoView {
    list.into_iter()
        .map(|(value, label)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view()
}

pub(super) fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect()
}

/// How a field's control is wired to its label, hint and error.
pub(super) struct Wiring {
    pub(super) id: String,
    pub(super) invalid: Option<&'static str>,
    pub(super) described_by: Option<String>,
    pub(super) value: String,
}

/// Every field's one shape: its label, an optional hint, the control
/// (`control`, given its wiring) and its error, so that a screen reader
/// reads the hint and the error with the control.
pub(super) fn labelled<V: IntoView + 'static>(
    field: &Field,
    label: &str,
    hint: Option<&str>,
    control: impl FnOnce(Wiring) -> V,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{}-hint", field.id));
    let wiring = Wiring {
        id: field.id.clone(),
        invalid: field.invalid(),
        described_by: field.described_by(hint_id.as_deref()),
        value: field.value.clone(),
    };
    let (label, hint) = (label.to_owned(), hint.map(str::to_owned));
    view! {
        <div class="field">
            <label for=field.id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {control(wiring)}
            {field.message()}
        </div>
    }
}

/// A labelled text input with an optional hint, its error beside it.
pub(super) fn text_input(
    field: &Field,
    name: &str,
    label: &str,
    hint: Option<&str>,
    max: usize,
) -> impl IntoView {
    let name = name.to_owned();
    labelled(field, label, hint, move |w| {
        view! {
            <input id=w.id name=name type="text" maxlength=max.to_string() value=w.value
                aria-invalid=w.invalid aria-describedby=w.described_by/>
        }
    })
}

/// A labelled box for a few lines of words.
pub(super) fn text_area(
    field: &Field,
    name: &str,
    label: &str,
    hint: Option<&str>,
    max: usize,
) -> impl IntoView {
    let name = name.to_owned();
    labelled(field, label, hint, move |w| {
        view! {
            <textarea id=w.id name=name rows="3" maxlength=max.to_string()
                aria-invalid=w.invalid aria-describedby=w.described_by>{crate::ui::textarea_text(&w.value)}</textarea>
        }
    })
}

/// A set of radio buttons with its legend, its error beside it.
pub(super) fn choice_group(
    form: &str,
    name: &str,
    field: &Field,
    legend: &str,
    items: &[(&'static str, &'static str)],
) -> impl IntoView {
    let legend = legend.to_owned();
    view! {
        <fieldset class="field">
            <legend>{legend}</legend>
            {radios(form, name, field, &field.value, items)}
            {field.message()}
        </fieldset>
    }
}
