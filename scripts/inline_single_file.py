#!/usr/bin/env python3
"""trunk post_build hook: turn the staged build into one self-contained HTML file.

Why: an ES-module script and a .wasm fetch cannot load from file://, so a saved or downloaded
page would not work offline. This hook inlines the stylesheets, the wasm-bindgen glue and the
wasm (gzip-compressed by zopfli, then base64; the browser's own DecompressionStream inflates it,
so no decoder ships and the page is less than half the size) into index.html, writes a Content-Security-Policy that allows no network at all and
admits the inline script and style by their SHA-256 hashes, deletes the separate files, and copies
the result to jianpai-offline.html (the app's "download offline copy"). It records the sizes of
the parts it inlines (wasm after wasm-opt, glue, styles) in sizes.json, read by scripts/sizes.sh:
once inlined, those parts exist nowhere else in dist/, and trunk's own target/ paths are internal.

It fails the build (exit 1) if trunk's output does not have the expected shape, rather than
producing a page that silently does not work.
"""
import base64
import glob
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys

# Google's zopfli (the npm package @gfx/zopfli, pinned in tools/package.json and installed by
# scripts/install-tools.sh): a gzip stream ≈4.3 % smaller than gzip -9's, inflated by the same
# DecompressionStream("gzip") to the same bytes (checked below), at no cost in the browser.
ZOPFLI = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "zopfli-gzip.cjs")


def fail(msg):
    sys.stderr.write(f"inline_single_file.py: {msg}\n")
    sys.exit(1)


def one(pattern):
    found = glob.glob(pattern)
    if len(found) != 1:
        fail(f"expected exactly one file matching {pattern}, found {found}")
    return found[0]


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def size_of(name, data):
    """Raw and gzip -9 size of one inlined part (gzip with mtime 0, so the number is stable)."""
    return {"file": name, "raw": len(data), "gzip": len(gzip.compress(data, 9, mtime=0))}


def zopfli_gzip(data):
    """gzip of `data` by zopfli (15 iterations), checked to inflate to `data` itself."""
    try:
        out = subprocess.run(["node", ZOPFLI], input=data, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        fail(f"zopfli (node {ZOPFLI}) failed: {e}; run bash scripts/install-tools.sh")
    if gzip.decompress(out) != data:
        fail("zopfli's gzip stream does not inflate to the wasm")
    return out


def strip_exports(glue):
    """Makes the ES-module glue pasteable into an inline module script: drops its export list and
    the `export` keyword in front of declarations (the names stay in the script's scope)."""
    glue, n = re.subn(r"^export\s*\{[^}]*\};?\s*$", "", glue, flags=re.M)
    if n != 1:
        fail(f"expected one `export {{…}}` list in the glue, found {n}")
    glue = re.sub(r"^export (class|function|const|let|async function) ", r"\1 ", glue, flags=re.M)
    if re.search(r"^\s*export\b", glue, flags=re.M):
        fail("the glue still has an export statement this hook does not understand")
    if re.search(r"^\s*import\b", glue, flags=re.M):
        fail("the glue imports another module; it cannot be inlined")
    return glue


def main():
    staging = os.environ.get("TRUNK_STAGING_DIR") or fail("TRUNK_STAGING_DIR is not set (run by trunk)")
    index_path = os.path.join(staging, "index.html")
    with open(index_path, encoding="utf-8") as f:
        html = f.read()

    # Styles: every stylesheet trunk linked, in document order, into one <style>.
    css_parts = []

    def take_css(m):
        href = m.group(1)
        path = os.path.join(staging, os.path.basename(href))
        with open(path, encoding="utf-8") as f:
            css_parts.append(f.read())
        os.remove(path)
        return ""

    html = re.sub(r'<link rel="stylesheet" href="([^"]+\.css)"[^>]*/?>\s*', take_css, html)
    if not css_parts:
        fail("no stylesheet links found")
    style = "\n".join(css_parts)

    # Script: trunk's loader, preload links → one inline module with the glue and the wasm bytes.
    js_path = one(os.path.join(staging, "*.js"))
    wasm_path = one(os.path.join(staging, "*_bg.wasm"))
    with open(js_path, encoding="utf-8") as f:
        glue_raw = f.read()
    glue = strip_exports(glue_raw)
    with open(wasm_path, "rb") as f:
        wasm = f.read()
    # Compressed in the page: a saved page is what a phone parses and "Save as" writes, and base64
    # of raw wasm is a third larger than the wasm itself. zopfli rather than gzip -9: −4.3 % of the
    # compressed wasm (docs/performance.md).
    wasm_gz = zopfli_gzip(wasm)
    wasm_b64 = base64.b64encode(wasm_gz).decode()
    sizes = {
        # `gzip` is gzip -9 (comparable with earlier builds); `in_page` the zopfli stream inlined.
        "wasm": {**size_of(os.path.basename(wasm_path), wasm), "in_page": len(wasm_gz)},
        "js": size_of(os.path.basename(js_path), glue_raw.encode("utf-8")),
        "css": size_of(f"{len(css_parts)} stylesheets", style.encode("utf-8")),
    }
    html, n = re.subn(r"<script type=\"module\">.*?</script>\s*", "", html, flags=re.S)
    if n != 1:
        fail(f"expected one trunk loader script, found {n}")
    html = re.sub(r"<link rel=\"(?:modulepreload|preload)\"[^>]*>\s*", "", html)
    # Decoded by `Uint8Array.fromBase64` where the browser has it (one native call), else atob and a
    # loop; inflated as a stream and handed to wasm-bindgen as a wasm `Response`, so the browser
    # compiles while it inflates (`instantiateStreaming`; wasm-bindgen falls back to bytes itself).
    script = (
        glue
        + "\nconst b64 = \"" + wasm_b64 + "\";\n"
        + "let gz;\n"
        + "if (Uint8Array.fromBase64) gz = Uint8Array.fromBase64(b64);\n"
        + "else { const b = atob(b64); gz = new Uint8Array(b.length);"
        + " for (let i = 0; i < b.length; i++) gz[i] = b.charCodeAt(i); }\n"
        + "const inflated = new Blob([gz]).stream().pipeThrough(new DecompressionStream(\"gzip\"));\n"
        + "await __wbg_init({ module_or_path: new Response(inflated,"
        + " { headers: { \"Content-Type\": \"application/wasm\" } }) });\n"
    )

    csp = "; ".join([
        "default-src 'none'",
        f"script-src {sha256(script)} 'wasm-unsafe-eval'",
        f"style-src {sha256(style)}",
        "connect-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
    html, n = re.subn(r"<!-- CSP_PLACEHOLDER:.*?-->", lambda _: meta, html, flags=re.S)
    if n != 1:
        fail("the CSP placeholder comment is missing from index.html")
    if "</head>" not in html or "</body>" not in html:
        fail("index.html has no </head> or </body>")
    html = html.replace("</head>", f"<style>{style}</style>\n</head>", 1)
    html = html.replace("</body>", f'<script type="module">{script}</script>\n</body>', 1)
    if re.search(r"<(?:link|script)[^>]+(?:href|src)=", html):
        fail("an external link or script is left in index.html")

    for path in (js_path, wasm_path):
        os.remove(path)
    with open(index_path, "w", encoding="utf-8") as f:
        f.write(html)
    with open(os.path.join(staging, "jianpai-offline.html"), "w", encoding="utf-8") as f:
        f.write(html)
    with open(os.path.join(staging, "sizes.json"), "w", encoding="utf-8") as f:
        json.dump(sizes, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
