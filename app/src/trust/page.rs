//! The privacy notice, the accessibility statement and the footer: plain
//! pages, rendered on the server, with no islands.

use leptos::prelude::*;
use leptos_meta::Title;

use super::text::{self, Section};

/// Who runs this copy (name, contact) and where its source is, as the
/// server was told. Pages here are rendered only on the server.
#[cfg(feature = "ssr")]
fn settings() -> (Option<(String, Option<String>)>, Option<String>) {
    use_context::<crate::site::Site>().map_or((None, None), |site| {
        (site.operator.map(|o| (o.name, o.contact)), site.source_url)
    })
}

#[cfg(not(feature = "ssr"))]
fn settings() -> (Option<(String, Option<String>)>, Option<String>) {
    (None, None)
}

/// Whether a security contact is published at `/.well-known/security.txt`.
#[cfg(feature = "ssr")]
fn security_txt() -> bool {
    use_context::<crate::site::Site>().is_some_and(|site| site.security_txt)
}

#[cfg(not(feature = "ssr"))]
fn security_txt() -> bool {
    false
}

fn section((heading, paragraphs): Section) -> impl IntoView {
    view! {
        <section class="question-answer">
            <h2>{heading}</h2>
            {paragraphs.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
        </section>
    }
}

/// The links every page ends with: privacy, accessibility, and the source
/// of the running version (the AGPL asks a network service to offer it).
#[component]
pub fn SiteFooter() -> impl IntoView {
    let (_, source) = settings();
    view! {
        <footer class="site-footer" aria-label=text::FOOTER_LABEL>
            <ul>
                <li><a href="/privacy">{text::PRIVACY}</a></li>
                <li><a href="/accessibility">{text::ACCESSIBILITY}</a></li>
                {source.map(|url| view! { <li><a href=url>{text::SOURCE_CODE}</a></li> })}
                {security_txt().then(|| view! { <li><a href="/.well-known/security.txt">{text::SECURITY}</a></li> })}
            </ul>
            <p>{text::LICENCE}</p>
        </footer>
    }
}

/// `/privacy`: what Village keeps on the phone and on the server, for how
/// long, how to delete it, and who is responsible.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let (operator, _) = settings();
    let responsible = match operator {
        Some((name, contact)) => view! {
            <p>{text::RESPONSIBLE_IS} " " <strong>{name}</strong> "."</p>
            {contact.map(|contact| {
                // An email address or a web address, as a link.
                let href = if contact.starts_with("https://") { contact.clone() } else { format!("mailto:{contact}") };
                view! { <p>{text::CONTACT_IS} " " <a href=href>{contact}</a></p> }
            })}
        }
        .into_any(),
        None => view! { <p>{text::RESPONSIBLE_NOT_SET}</p> }.into_any(),
    };
    view! {
        <Title text=text::PRIVACY_TITLE/>
        <h1>{text::PRIVACY_TITLE}</h1>
        <p class="lead">{text::PRIVACY_LEAD}</p>
        {section(text::ON_YOUR_PHONE)}
        {section(text::COOKIES)}
        {section(text::ON_THE_SERVER)}
        {section(text::NOBODY_ELSE)}
        <section class="question-answer" id="responsible">
            <h2>{text::RESPONSIBLE_HEADING}</h2>
            {responsible}
        </section>
    }
}

/// `/accessibility`: the statement in the form UK public sector sites use.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <Title text=text::ACCESSIBILITY_TITLE/>
        <h1>{text::ACCESSIBILITY_TITLE}</h1>
        <p class="lead">{text::ACCESSIBILITY_LEAD}</p>
        {text::ACCESSIBILITY_SECTIONS.into_iter().map(section).collect_view()}
        <p>{text::STATEMENT_DATE}</p>
    }
}
