#!/usr/bin/env bash
# Installs whatever is missing, at pinned versions, never from GitHub (docs/toolchain.md §1):
#   wasm32 target, trunk 0.21.14, wasm-bindgen-cli 0.2.130, npm tools (binaryen 132's wasm-opt, zopfli, xz-decompress,
#   playwright-core, axe-core for the accessibility spec), and with `--browser` Debian's chromium + chromium-driver, poppler-utils, a CJK font and
#   LibreOffice Calc (soffice, for the workbook round trip).
# Idempotent: a tool already present at the right version is skipped.
#   --browser             also the browser and the PDF and font packages the tests need
#   --without-cargo-tools everything but trunk and wasm-bindgen-cli (scripts/test.sh builds those
#                         in the background while its native phases run)
#   --only-cargo-tools    only trunk and wasm-bindgen-cli
# trunk and wasm-bindgen-cli are built by `cargo install` side by side (docs/toolchain.md §5.1).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130 # == the wasm-bindgen pin in Cargo.toml and Trunk.toml
WITH_BROWSER=0
CARGO_TOOLS=1
OTHER_TOOLS=1
for arg in "$@"; do
  case "$arg" in
    --browser) WITH_BROWSER=1 ;;
    --without-cargo-tools) CARGO_TOOLS=0 ;;
    --only-cargo-tools) OTHER_TOOLS=0 ;;
    *) echo "install-tools.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

install_browser() {
  # pdftotext (poppler-utils) reads the printed PDFs in the print spec; a CJK font lets Chromium
  # draw (and the PDF carry) the Chinese text.
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null &&
     command -v pdftotext >/dev/null && fc-list :lang=zh | grep -q .; then
    echo "chromium and chromedriver present: $(chromium --version 2>/dev/null | head -n1)"
    return
  fi
  # One command, so that chromium and its driver come from the same source version.
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver \
    poppler-utils fonts-wqy-microhei
}

install_libreoffice() {
  # soffice --headless re-saves an exported workbook in the xlsx spec (a third program's writer).
  if command -v soffice >/dev/null; then echo "soffice present"; return; fi
  # Its own update: on a machine that already has chromium, install_browser did none, and a fresh
  # machine's package lists may be empty.
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libreoffice-calc
}

install_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
}

install_trunk() {
  if [[ "$(trunk --version 2>/dev/null)" == "trunk $TRUNK_VERSION" ]]; then echo "trunk $TRUNK_VERSION present"; return; fi
  # 0.22 needs a newer rustc than this machine's; --locked builds 0.21.14 with its own lockfile.
  # trunk's own release profile is fat LTO in one codegen unit, minutes of a single core for a
  # tool that only runs cargo, wasm-bindgen and the hook: built here without LTO, in 16 units.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "$TRUNK_VERSION" --locked
}

install_wasm_bindgen() {
  if [[ "$(wasm-bindgen --version 2>/dev/null)" == "wasm-bindgen $WASM_BINDGEN_VERSION" ]] &&
     command -v wasm-bindgen-test-runner >/dev/null; then
    echo "wasm-bindgen $WASM_BINDGEN_VERSION present"; return
  fi
  # Not --locked: its lockfile pins a crate version the registry here does not have (docs/toolchain.md §1).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
}

install_npm_tools() {
  # Skip when every pinned package is installed at its pinned version.
  if (cd "$ROOT/tools" && node -e '
      const want = require("./package.json").devDependencies;
      for (const [name, v] of Object.entries(want))
        if (require(`./node_modules/${name}/package.json`).version !== v) process.exit(1);' 2>/dev/null); then
    echo "npm tools present"; return
  fi
  (cd "$ROOT/tools" && npm ci --no-audit --no-fund)
}

# The two cargo installs at once: each spends much of its time in a long single-threaded tail
# (the largest crates, the link), which the other fills. Each writes its own log, shown on failure.
install_cargo_tools() {
  local logs="${TMPDIR:-/tmp}/jianpai-install.$$"
  mkdir -p "$logs"
  install_trunk >"$logs/trunk.log" 2>&1 &
  local trunk=$!
  install_wasm_bindgen >"$logs/wasm-bindgen.log" 2>&1 &
  local bindgen=$!
  local failed=0
  wait "$trunk" || { failed=1; echo "trunk install failed:" >&2; tail -n 40 "$logs/trunk.log" >&2; }
  wait "$bindgen" || { failed=1; echo "wasm-bindgen-cli install failed:" >&2; tail -n 40 "$logs/wasm-bindgen.log" >&2; }
  tail -n 1 "$logs/trunk.log" "$logs/wasm-bindgen.log"
  rm -rf "$logs"
  return "$failed"
}

if [[ $OTHER_TOOLS == 1 ]]; then
  [[ $WITH_BROWSER == 1 ]] && phase "install chromium (apt)" install_browser
  [[ $WITH_BROWSER == 1 ]] && phase "install libreoffice-calc (apt)" install_libreoffice
  phase "install wasm32 target" install_wasm_target
fi
[[ $CARGO_TOOLS == 1 ]] && phase "install trunk $TRUNK_VERSION and wasm-bindgen-cli $WASM_BINDGEN_VERSION" install_cargo_tools
if [[ $OTHER_TOOLS == 1 ]]; then
  phase "install npm tools" install_npm_tools
  phase "cargo fetch" cargo fetch --locked
  [[ "$(wasm-opt --version)" == *"version 132"* ]] || { echo "wasm-opt 132 from tools/node_modules is not first on PATH" >&2; exit 1; }
fi
print_phases
