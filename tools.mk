# The one place where the build tools' versions are pinned.
# wasm-bindgen-cli must equal the `wasm-bindgen` crate pinned in Cargo.toml.
CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := 0.2.130
# The supply-chain check `make test` runs (licenses, bans, sources).
CARGO_DENY_VERSION := 0.20.2
# The fuzzer `make proof` runs when a nightly toolchain is installed.
CARGO_FUZZ_VERSION := 0.13.2
# The HTTP load generator `make bench` uses.
OHA_VERSION := 1.16.0
# wasm-opt comes from npm's binaryen (pinned in package.json), never
# Debian's older binaryen, which corrupts WASM built by current Rust.
