//! The browser entry point. It hydrates the islands, then marks the moment in
//! the performance timeline so that tests and benchmarks can wait for it.

// No unsafe code here: the workspace denies it, and only the server may
// allow it (in one function, `server/src/allocator.rs`).
#![forbid(unsafe_code)]

// The islands register themselves with the hydrator; naming the crate makes
// sure it is linked in.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        // Only benchmarks and tests read this mark; failing to set it is harmless.
        let _ = performance.mark("hydrated");
    }
}
