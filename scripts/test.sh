#!/usr/bin/env bash
# Every test, from a fresh machine: installs what is missing, then
#   1. native: rustfmt check, clippy, cargo test of the workspace (engine, CLI, the house rules of
#      crates/tidy; the app's browser tests are wasm-only);
#   2. browser components: wasm-bindgen-test in headless Chromium, one test binary (tests/browser/);
#   3. the release build (single-file page) and its sizes; the engine as a JS module (dist/js), its
#      sizes and its Node tests;
#   4. end-to-end: playwright-core specs against the build, served on loopback and from file://;
#   5. benchmarks that print numbers (page load and recompute time; the JS module's sizes and compute time).
# It ends by checking that the run changed no tracked file and left no new file outside the ignored
# directories (tests write only to dist/, target/ or temporary directories; crates/tidy checks the
# sources for the same rule). UPDATE_SCREENSHOTS=1 regenerates docs/screenshots/ on purpose.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
TOTAL_START=$SECONDS
# insta writes `.snap.new` files beside its snapshots on a mismatch unless told not to (INSTA_UPDATE=always to accept).
export INSTA_UPDATE="${INSTA_UPDATE:-no}"
TREE_BEFORE=$(tree_state)
bash scripts/install-tools.sh --browser --without-cargo-tools
# trunk and wasm-bindgen-cli (minutes of `cargo install` on a fresh machine; nothing when present)
# build while the native phases run, which need neither.
bash scripts/install-tools.sh --only-cargo-tools &
CARGO_TOOLS_PID=$!

phase "cargo fmt --check" cargo fmt --all -- --check
phase "clippy (engine, cli, tidy)" cargo clippy --locked -p jianpai-core -p jianpai-cli -p jianpai-tidy --all-targets -- -D warnings
phase "native tests (cargo test --workspace)" cargo test --locked --workspace
phase "wait for trunk and wasm-bindgen-cli" wait "$CARGO_TOOLS_PID"
phase "browser tests (wasm-bindgen-test)" cargo test --locked --target wasm32-unknown-unknown -p jianpai-web --test browser
phase "clippy (web app, wasm32)" cargo clippy --locked --target wasm32-unknown-unknown -p jianpai-web --all-targets -- -D warnings
phase "clippy (JS module, wasm32)" cargo clippy --locked --target wasm32-unknown-unknown -p jianpai-js --all-targets -- -D warnings
phase "release build" bash scripts/build.sh
phase "JS module build (dist/js)" bash scripts/build-js.sh
phase "CLI for the JS-module tests" cargo build --locked -p jianpai-cli
phase "JS module tests (node)" node --test tests/js/*.test.mjs
phase "end-to-end (playwright-core)" node --test tests/e2e/*.spec.mjs
phase "benchmark: load and recompute" node tests/e2e/bench.mjs
phase "benchmark: JS module (sizes, compute in Node)" node tests/js/bench.mjs
print_phases
check_tree_unchanged "$TREE_BEFORE"
echo "All tests passed in $(( (SECONDS - TOTAL_START) / 60 ))m $(( (SECONDS - TOTAL_START) % 60 ))s."
