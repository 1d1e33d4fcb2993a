//! The frame every page sits in: the HTML document, the header with "Need
//! help now?", the routes, and the bottom navigation.

mod nav;
mod not_found;
mod styles;
pub mod text;

use crate::ui::textarea_text;
pub use not_found::{ErrorPage, NotFound, OfflinePage};

use leptos::{nonce::use_nonce, prelude::*};
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::{
    calendar::{GroupPage, LeafletPage, MyGroupsPage, PosterPage, ThisWeekPage},
    crisis::{CardPlace, CrisisCard, NeedHelpNow, NeedHelpNowPage},
    diary::MoodPage,
    directory::{HelpPage, ServicePage, WhatHappensPage, WorriedPage},
    organisers::{
        CodePage, EditGroupPage, EditServicePage, EditVenuePage, InvitePage, NewGroupPage,
        NewVenuePage, OrganisersPage, SignInPage, TwoStepPage,
    },
    trust::{AccessibilityPage, PrivacyPage, SiteFooter},
};
use nav::BottomNav;
use styles::PageStyles;

/// The whole HTML document, rendered on the server for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="color-scheme" content="light dark"/>
                // Only numbers an organiser gave as a contact, checked, are links.
                <meta name="format-detection" content="telephone=no"/>
                <meta name="description" content=text::TAGLINE/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <meta name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)"/>
                <meta name="theme-color" content="#1d2126" media="(prefers-color-scheme: dark)"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <meta name="apple-mobile-web-app-capable" content="yes"/>
                <meta name="mobile-web-app-capable" content="yes"/>
                <meta name="apple-mobile-web-app-status-bar-style" content="default"/>
                <meta name="apple-mobile-web-app-title" content=text::APP_NAME/>
                <PageStyles options=options.clone()/>
                <HydrationScripts options islands=true/>
                <script type="module" src="/sw-register.js" nonce=use_nonce()></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        // leptos_meta writes the title as it is, and `<title>` is raw text:
        // escaped here, a name holding "</title>" stays a name.
        <Title formatter=|page: String| if page.is_empty() { text::APP_NAME.to_owned() } else { format!("{} · {}", textarea_text(&page), text::APP_NAME) }/>
        <Router>
            <a class="skip-link" href="#main">{text::SKIP_TO_CONTENT}</a>
            <header class="app-header">
                <a class="brand" href="/">{text::APP_NAME}</a>
                <NeedHelpNow>
                    <CrisisCard place=CardPlace::Dialog/>
                </NeedHelpNow>
            </header>
            <div id="update-banner" class="update-banner" role="status" hidden>
                <p>{text::UPDATE_READY}</p>
                <button type="button" class="button button-primary">{text::UPDATE_RELOAD}</button>
            </div>
            <main id="main" tabindex="-1">
                <ErrorBoundary fallback=|errors| view! { <ErrorPage errors/> }>
                    <Routes fallback=NotFound>
                        <Route path=path!("") view=ThisWeekPage ssr=SsrMode::Async/>
                        <Route path=path!("groups/:id") view=GroupPage ssr=SsrMode::Async/>
                        <Route path=path!("areas/:id/poster") view=PosterPage ssr=SsrMode::Async/>
                        <Route path=path!("areas/:id/leaflet") view=LeafletPage ssr=SsrMode::Async/>
                        <Route path=path!("my-groups") view=MyGroupsPage/>
                        <Route path=path!("mood") view=MoodPage/>
                        <Route path=path!("help") view=HelpPage ssr=SsrMode::Async/>
                        <Route path=path!("help/what-happens") view=WhatHappensPage/>
                        <Route path=path!("help/worried-about-someone") view=WorriedPage/>
                        <Route path=path!("help/:id") view=ServicePage ssr=SsrMode::Async/>
                        <Route path=path!("need-help-now") view=NeedHelpNowPage/>
                        <Route path=path!("offline") view=OfflinePage/>
                        <Route path=path!("privacy") view=PrivacyPage/>
                        <Route path=path!("accessibility") view=AccessibilityPage/>
                        <Route path=path!("organisers") view=OrganisersPage ssr=SsrMode::Async/>
                        <Route path=path!("organisers/login") view=SignInPage/>
                        <Route path=path!("organisers/login/code") view=CodePage/>
                        <Route path=path!("organisers/totp") view=TwoStepPage ssr=SsrMode::Async/>
                        <Route path=path!("organisers/groups/new") view=NewGroupPage ssr=SsrMode::Async/>
                        <Route path=path!("organisers/invite/:token") view=InvitePage ssr=SsrMode::Async/>
                        <Route path=path!("organisers/services/:id/edit") view=EditServicePage ssr=SsrMode::Async/>
                        <Route path=path!("organisers/groups/:id/edit") view=EditGroupPage ssr=SsrMode::Async/>
                        <Route path=path!("organisers/venues/new") view=NewVenuePage ssr=SsrMode::Async/>
                        <Route path=path!("organisers/venues/:id/edit") view=EditVenuePage ssr=SsrMode::Async/>
                    </Routes>
                </ErrorBoundary>
            </main>
            <SiteFooter/>
            <BottomNav/>
        </Router>
    }
}
