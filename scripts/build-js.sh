#!/usr/bin/env bash
# Release build of the engine as a JavaScript module (crates/js, issue 10 item 4):
#   dist/js/web/   browser ES module (`import init, {compute} from './jianpai.js'`)
#   dist/js/node/  Node CommonJS module (`require('./jianpai.js')`)
# each with jianpai_bg.wasm and jianpai.d.ts. Built for speed (the `release-js` profile, opt-level 3,
# and wasm-opt -O3, binaryen 132 from tools/), unlike the app's page, which is built for size:
# docs/performance.md, "the JS module's hand-off".
# Prints the sizes (raw and gzip -9 of the wasm and of each glue) and writes them to
# dist/js/sizes.json for the benchmark. The app does not load this module.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
OUT=dist/js
WASM=target/wasm32-unknown-unknown/release-js/jianpai_js.wasm

cargo build --locked --profile release-js --target wasm32-unknown-unknown -p jianpai-js
rm -rf "$OUT/web" "$OUT/node"
for target in web node; do
  bindgen_target=$target
  [[ $target == node ]] && bindgen_target=nodejs
  wasm-bindgen --target "$bindgen_target" --out-dir "$OUT/$target" --out-name jianpai "$WASM"
  # In place, as trunk does for the app: after wasm-bindgen, on its output.
  wasm-opt -O3 "$OUT/$target/jianpai_bg.wasm" -o "$OUT/$target/jianpai_bg.wasm"
done

python3 - "$OUT" <<'PY'
import gzip, json, os, sys
out = sys.argv[1]
def size(path):
    data = open(path, "rb").read()
    return {"raw": len(data), "gzip": len(gzip.compress(data, compresslevel=9, mtime=0))}
sizes = {t: {"wasm": size(f"{out}/{t}/jianpai_bg.wasm"), "js": size(f"{out}/{t}/jianpai.js")}
         for t in ("web", "node")}
json.dump(sizes, open(f"{out}/sizes.json", "w"), indent=2)
print("JS module sizes (wasm after wasm-opt -O3; gzip -9):")
for t, parts in sizes.items():
    for part, s in parts.items():
        print(f"  {t + ' ' + part:<12} {s['raw']:9d} B raw {s['gzip']:9d} B gzip")
PY
