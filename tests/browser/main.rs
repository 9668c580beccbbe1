//! The app's browser tests, one wasm test binary (ripgrep's layout: `autotests = false` and one
//! `[[test]]` in the root Cargo.toml), so the app is linked to wasm once, not once per file:
//! `cargo test --target wasm32-unknown-unknown -p jianpai-web --test browser` runs them in headless
//! Chromium (wasm-bindgen-test; `.cargo/config.toml` names the runner). Each test mounts the app
//! in a fresh element, acts as a user would and waits for what it expects with `common::until`.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

// What the tests share: mounting, reading and driving the DOM, waiting for a condition.
mod common;

// The estimate form, its results, errors and languages, and the register's totals and bulletin.
mod estimate;
// The register table: totals, add / duplicate / delete with undo and redo, sorting, filtering, editing.
mod register;
// The coefficient library, overrides with their justification, reset and undo.
mod coefficients;
// The portfolio's SVG charts against the engine's numbers, in both languages.
mod charts;
// A register made with an older coefficient library: kept, compared, upgraded.
mod library;
