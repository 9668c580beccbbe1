#!/usr/bin/env bash
# The benchmark of issue 8, one command: installs what is missing (scripts/install-tools.sh, and
# twiggy pinned from crates.io), builds the release app and the bare Leptos baseline (bench/baseline,
# same profile, same single-file inlining; each also as index.xz.html, the other wasm container),
# the release CLI and the JS module (crates/js), times the engine natively (criterion) and in
# headless Chromium (bench/engine, a release wasm-bindgen test), lists the largest wasm
# contributors (twiggy), then bench/run.mjs loads both pages in the same browser run, times the
# edits and the CLI, prints the table and writes dist/bench.json with a PASS/FAIL line per budget.
# Numbers to read: a failing budget does not fail the command; a build or a broken page does.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
TWIGGY_VERSION=0.8.0
OUT=dist/bench
# The app and the baseline each built in both wasm containers (scripts/inline_single_file.py):
# index.html in the first (the default, zopfli's gzip), index.xz.html beside it, loaded interleaved
# by bench/run.mjs.
export JIANPAI_WASM_CODEC="${JIANPAI_WASM_CODEC:-gzip,xz}"

install_twiggy() {
  # The twiggy crate's binary names itself "twiggy-opt" in --version (0.8.0).
  if [[ "$(twiggy --version 2>/dev/null)" =~ ^twiggy(-opt)?\ $TWIGGY_VERSION$ ]]; then echo "twiggy $TWIGGY_VERSION present"; return; fi
  cargo install --locked twiggy --version "$TWIGGY_VERSION"
}

baseline() {
  # Its own Trunk.toml: dist/baseline/, the same hook; the workspace's [profile.release].
  (cd bench/baseline && trunk build --release)
}

engine_in_browser() {
  # Release wasm in headless Chromium; the test prints `BENCH name ms` lines (--nocapture).
  cargo test --locked --release --target wasm32-unknown-unknown -p jianpai-bench-engine --test engine -- --nocapture \
    2>&1 | tee "$OUT/engine-wasm.txt"
}

contributors() {
  # trunk's wasm-opt drops the names; optimise wasm-bindgen's output the same way with names kept (-g).
  local named
  named=$(ls -t target/wasm-bindgen/release/jianpai-web_bg.wasm 2>/dev/null | head -n1 || true)
  if [[ -z "$named" ]]; then echo "no wasm-bindgen output found: twiggy skipped"; return; fi
  wasm-opt -Oz -g "$named" -o "$OUT/app-named.wasm"
  twiggy top -n 40 -f json "$OUT/app-named.wasm" >"$OUT/twiggy-top.json"
  # Every item, for the by-crate totals bench/run.mjs prints (where the bytes come from).
  twiggy top -n 1000000 -f csv "$OUT/app-named.wasm" >"$OUT/twiggy-all.csv"
  twiggy top -n 25 "$OUT/app-named.wasm"
}

bash scripts/install-tools.sh --browser
phase "install twiggy $TWIGGY_VERSION" install_twiggy
phase "release build: app" trunk build --release
phase "release build: Leptos baseline" baseline
mkdir -p "$OUT"
# The CLI's own profile (Cargo.toml `release-cli`: the release profile at opt-level 3), as the JS
# module has `release-js`: the page's opt-level "z" made the CLI about 2× slower (docs/performance.md).
phase "release build: CLI" cargo build --locked --profile release-cli -p jianpai-cli
phase "release build: the engine as a JS module" bash scripts/build-js.sh
phase "engine, native (criterion)" cargo bench --locked -p jianpai-core --bench compute
phase "engine, in the browser" engine_in_browser
phase "wasm contributors (twiggy)" contributors
phase "browser and CLI runs" env BENCH_CLI="$ROOT/target/release-cli/jianpai" node bench/run.mjs
print_phases
