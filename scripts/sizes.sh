#!/usr/bin/env bash
# Benchmark: prints the sizes (raw and gzip -9) of the release page and of the parts inlined into
# it (wasm after wasm-opt -Oz, JS glue, CSS). Numbers to read, not assertions.
# The parts' sizes come from dist/sizes.json, written by the build's own post_build hook
# (scripts/inline_single_file.py), not from trunk's internal target/ paths.
# Exit 1 only when dist/index.html, the page itself, is missing; any other missing file is named
# on its own line and does not fail a build that succeeded.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
DIST="${DIST:-dist}"

if [[ ! -f "$DIST/index.html" ]]; then
  echo "sizes.sh: $DIST/index.html is missing: the release build did not produce the page (run scripts/build.sh)" >&2
  exit 1
fi

row() { printf '  %-26s %9d B raw %9d B gzip\n' "$1" "$2" "$3"; }
file_row() { # file_row LABEL FILE
  if [[ -f "$2" ]]; then
    row "$1" "$(wc -c <"$2")" "$(gzip -9c <"$2" | wc -c)"
  else
    printf '  %-26s missing (%s not found)\n' "$1" "$2"
  fi
}

echo "Bundle sizes:"
if [[ -f "$DIST/sizes.json" ]]; then
  # One line per inlined part: label, raw, gzip (recorded by the hook with gzip level 9).
  python3 - "$DIST/sizes.json" <<'EOF' || echo "  parts: $DIST/sizes.json could not be read"
import json, sys
labels = {"wasm": "wasm (after wasm-opt -Oz)", "js": "js glue", "css": "css (as inlined)"}
sizes = json.load(open(sys.argv[1], encoding="utf-8"))
for key, label in labels.items():
    part = sizes.get(key)
    if part is None:
        print(f"  {label:<26} missing (not recorded in {sys.argv[1]})")
    else:
        print(f"  {label:<26} {part['raw']:9d} B raw {part['gzip']:9d} B gzip")
for codec, n in sizes.get("wasm", {}).get("in_page_by_codec", {}).items():
    print(f"  {'wasm in the page, ' + codec:<26} {n:9d} B{' (index.html)' if codec == sizes['wasm'].get('codec') else ''}")
EOF
else
  echo "  parts (wasm, js, css):     missing ($DIST/sizes.json not found; the post_build hook writes it)"
fi
file_row "$DIST/index.html" "$DIST/index.html"
file_row "$DIST/jianpai-offline.html" "$DIST/jianpai-offline.html"
