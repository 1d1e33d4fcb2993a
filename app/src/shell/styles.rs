//! The site's stylesheet, written into each page's `<head>`: the first paint
//! needs only the page, not a second round trip for the CSS (on slow 4G a
//! round trip is more than half a second). It is about 4 KB compressed. The
//! `<style>` carries the response's CSP nonce, so the policy still allows no
//! inline style but this one. When the built file cannot be read (a test run
//! without a build), the page links it instead, as it always did.

use leptos::prelude::*;
use leptos_meta::HashedStylesheet;

#[component]
pub fn PageStyles(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(css) = built::stylesheet(&options) {
        use leptos::nonce::use_nonce;
        return view! { <style id="leptos" nonce=use_nonce() inner_html=css></style> }.into_any();
    }
    view! { <HashedStylesheet options id="leptos"/> }.into_any()
}

#[cfg(feature = "ssr")]
mod built {
    use leptos::prelude::LeptosOptions;
    use std::{
        path::PathBuf,
        sync::{Arc, OnceLock},
    };

    /// The built stylesheet, read once per process.
    pub fn stylesheet(options: &LeptosOptions) -> Option<Arc<str>> {
        static CSS: OnceLock<Option<Arc<str>>> = OnceLock::new();
        CSS.get_or_init(|| {
            let path = path(options);
            match std::fs::read_to_string(&path) {
                Ok(css) if !css.to_ascii_lowercase().contains("</style") => Some(css.into()),
                Ok(_) => {
                    tracing::warn!(path = %path.display(), "the stylesheet holds </style: linked instead");
                    None
                }
                Err(err) => {
                    tracing::info!(path = %path.display(), error = %err, "no built stylesheet to inline: linked instead");
                    None
                }
            }
        })
        .clone()
    }

    /// Where cargo-leptos wrote it: `<site>/<pkg>/<name>[.<hash>].css`, the
    /// hash from the file beside the server binary (as `HashedStylesheet`
    /// reads it).
    fn path(options: &LeptosOptions) -> PathBuf {
        let mut name = options.output_name.to_string();
        if options.hash_files {
            let hashes = std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
                .and_then(|file| std::fs::read_to_string(file).ok())
                .unwrap_or_default();
            let css = hashes.lines().find_map(|line| {
                let (kind, hash) = line.trim().split_once(':')?;
                (kind.trim() == "css").then(|| hash.trim().to_owned())
            });
            if let Some(hash) = css {
                name.push('.');
                name.push_str(&hash);
            }
        }
        PathBuf::from(options.site_root.as_ref())
            .join(options.site_pkg_dir.as_ref())
            .join(format!("{name}.css"))
    }
}
