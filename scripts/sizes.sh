#!/usr/bin/env bash
# Benchmark: prints the sizes (raw and gzip -9) of the release wasm, the JS glue, the CSS and the
# single-file page. Numbers to read, not assertions.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
wasm=$(ls -t target/wasm-opt/release/*_bg.wasm 2>/dev/null | head -n1 || true)
js=$(ls -t target/wasm-bindgen/release/*.js 2>/dev/null | head -n1 || true)
css=$(mktemp); cat style/*.css >"$css"
row() { [[ -f "$2" ]] && printf '  %-26s %9d B raw %9d B gzip\n' "$1" "$(wc -c <"$2")" "$(gzip -9c "$2" | wc -c)"; }
echo "Bundle sizes:"
row "wasm (after wasm-opt -Oz)" "$wasm"
row "js glue" "$js"
row "css (all of style/)" "$css"
row "dist/index.html" dist/index.html
row "dist/jianpai-offline.html" dist/jianpai-offline.html
rm -f "$css"
