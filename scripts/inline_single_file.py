#!/usr/bin/env python3
"""trunk post_build hook: turn the staged build into one self-contained HTML file.

Why: an ES-module script and a .wasm fetch cannot load from file://, so a saved or downloaded
page would not work offline. This hook inlines the stylesheets, the wasm-bindgen glue and the
wasm (compressed, then base64) into index.html, writes a Content-Security-Policy that allows no
network at all and admits the inline script and style by their SHA-256 hashes, deletes the
separate files, and copies the result to jianpai-offline.html (the app's "download offline copy").
It records the sizes of the parts it inlines (wasm after wasm-opt, glue, styles) in sizes.json,
read by scripts/sizes.sh: once inlined, those parts exist nowhere else in dist/, and trunk's own
target/ paths are internal.

The wasm's container is one build switch, JIANPAI_WASM_CODEC (docs/performance.md, "Issue 20: the
container, 2026-12-02 afternoon"):
  gzip  (default) zopfli's gzip stream, inflated by the browser's own DecompressionStream (no
        decoder ships);
  xz    xz/LZMA2 (Python's lzma, -9e), unpacked in the page by the npm package xz-decompress
        (xz-embedded compiled to wasm, MIT; pinned in tools/package.json, its minified file
        inlined) as a stream fed to `instantiateStreaming`: 23 % fewer bytes of wasm, but its
        decoding, on the main thread, made the first paint slower (measured), so it is not the default.
A comma-separated list (`gzip,xz`) builds the first as index.html and each other one as
index.<codec>.html beside it, so that bench/run.mjs can load both from one build, interleaved.
Every stream is checked to unpack to the wasm byte for byte (xz by the very decoder file the page
inlines, run in Node) and the build fails otherwise.

It fails the build (exit 1) if trunk's output does not have the expected shape, rather than
producing a page that silently does not work.
"""
import base64
import glob
import gzip
import hashlib
import json
import lzma
import os
import re
import subprocess
import sys

# Google's zopfli (the npm package @gfx/zopfli, pinned in tools/package.json and installed by
# scripts/install-tools.sh): a gzip stream ≈4.3 % smaller than gzip -9's, inflated by the same
# DecompressionStream("gzip") to the same bytes (checked below), at no cost in the browser.
TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools")
ZOPFLI = os.path.join(TOOLS, "zopfli-gzip.cjs")
# xz-decompress (npm, MIT; xz-embedded, public domain, in wasm): the minified file the page inlines,
# and the Node script that unpacks a stream with that same file (the build's check).
XZ_DECODER = os.path.join(TOOLS, "node_modules", "xz-decompress", "dist", "package", "xz-decompress.min.js")
XZ_UNPACK = os.path.join(TOOLS, "xz-unpack.cjs")
CODECS = ("xz", "gzip")


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


def xz_dict_size(n):
    """The smallest LZMA2 dictionary (2^k or 3·2^(k-1) bytes, ≥ 4 KiB) that holds `n` bytes: the
    decoder allocates what the header says, and -9's 64 MiB would be 64 MiB of the page's memory
    for a 2 MB wasm. The compressed size is the same (the whole wasm fits either way)."""
    size = 4096
    while size < n:
        size = size * 3 // 2 if size & (size - 1) == 0 else size // 3 * 4
    return size


def xz(data):
    """xz (LZMA2 -9e, pb=0: wasm has no 4-byte alignment to exploit; CRC32, which xz-embedded
    checks), checked to unpack to `data` by liblzma and by the page's own decoder in Node."""
    out = lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32, filters=[{
        "id": lzma.FILTER_LZMA2, "preset": 9 | lzma.PRESET_EXTREME,
        "dict_size": xz_dict_size(len(data)), "lc": 3, "lp": 0, "pb": 0,
    }])
    if lzma.decompress(out) != data:
        fail("the xz stream does not unpack to the wasm (liblzma)")
    if not os.path.exists(XZ_DECODER):
        fail(f"{XZ_DECODER} is missing; run bash scripts/install-tools.sh")
    try:
        back = subprocess.run(["node", XZ_UNPACK, XZ_DECODER], input=out, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        fail(f"the page's xz decoder (node {XZ_UNPACK}) failed: {e}; run bash scripts/install-tools.sh")
    if back != data:
        fail("the page's xz decoder (xz-decompress) does not unpack the stream to the wasm")
    return out


def loader(codec, wasm_packed):
    """The end of the inline module script: the packed wasm as base64, unpacked as a stream and
    handed to wasm-bindgen as a wasm `Response`, so the browser compiles while it unpacks
    (`instantiateStreaming`; wasm-bindgen falls back to bytes itself). Decoded from base64 by
    `Uint8Array.fromBase64` where the browser has it (one native call), else atob and a loop."""
    js = (
        "\nconst b64 = \"" + base64.b64encode(wasm_packed).decode() + "\";\n"
        + "let packed;\n"
        + "if (Uint8Array.fromBase64) packed = Uint8Array.fromBase64(b64);\n"
        + "else { const b = atob(b64); packed = new Uint8Array(b.length);"
        + " for (let i = 0; i < b.length; i++) packed[i] = b.charCodeAt(i); }\n"
    )
    if codec == "gzip":
        js += "const unpacked = new Blob([packed]).stream().pipeThrough(new DecompressionStream(\"gzip\"));\n"
    else:
        with open(XZ_DECODER, encoding="utf-8") as f:
            decoder = f.read()
        # The package is a UMD bundle: given a CommonJS `module`, it sets module.exports and
        # touches no global (its `require("stream/web")` is only read where ReadableStream is
        # not global, never in a browser). Its licence comment stays with it.
        js += (
            "const XzReadableStream = (() => { const module = { exports: {} }, exports = module.exports,"
            " require = () => ({});\n" + decoder.strip() + "\nreturn module.exports.XzReadableStream; })();\n"
            + "const unpacked = new XzReadableStream(new Blob([packed]).stream());\n"
        )
    return js + (
        "await __wbg_init({ module_or_path: new Response(unpacked,"
        " { headers: { \"Content-Type\": \"application/wasm\" } }) });\n"
    )


def codecs_wanted():
    """JIANPAI_WASM_CODEC: one codec, or a comma-separated list whose first is index.html's."""
    wanted = [c.strip() for c in os.environ.get("JIANPAI_WASM_CODEC", "gzip").split(",") if c.strip()]
    bad = [c for c in wanted if c not in CODECS]
    if not wanted or bad or len(set(wanted)) != len(wanted):
        fail(f"JIANPAI_WASM_CODEC={os.environ.get('JIANPAI_WASM_CODEC')!r}: expected one or more of {', '.join(CODECS)}, each once")
    return wanted


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
    codecs = codecs_wanted()  # before any file is touched
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
    # compressed wasm at no cost in the browser; xz (−23 % against zopfli) only when asked, its
    # decoding costs more first-paint time than its bytes save (docs/performance.md).
    packers = {"xz": xz, "gzip": zopfli_gzip}
    packed = {codec: packers[codec](wasm) for codec in codecs}
    sizes = {
        # `gzip` is gzip -9 (comparable with earlier builds); `in_page` the stream inlined in
        # index.html, `codec` its container; `in_page_by_codec` every container built.
        "wasm": {**size_of(os.path.basename(wasm_path), wasm), "in_page": len(packed[codecs[0]]),
                 "codec": codecs[0], "in_page_by_codec": {c: len(p) for c, p in packed.items()}},
        "js": size_of(os.path.basename(js_path), glue_raw.encode("utf-8")),
        "css": size_of(f"{len(css_parts)} stylesheets", style.encode("utf-8")),
    }
    html, n = re.subn(r"<script type=\"module\">.*?</script>\s*", "", html, flags=re.S)
    if n != 1:
        fail(f"expected one trunk loader script, found {n}")
    html = re.sub(r"<link rel=\"(?:modulepreload|preload)\"[^>]*>\s*", "", html)
    if "</head>" not in html or "</body>" not in html:
        fail("index.html has no </head> or </body>")
    pages = {codec: page(html, style, glue + loader(codec, packed[codec])) for codec in codecs}

    for path in (js_path, wasm_path):
        os.remove(path)
    with open(index_path, "w", encoding="utf-8") as f:
        f.write(pages[codecs[0]])
    with open(os.path.join(staging, "jianpai-offline.html"), "w", encoding="utf-8") as f:
        f.write(pages[codecs[0]])
    for codec in codecs[1:]:
        with open(os.path.join(staging, f"index.{codec}.html"), "w", encoding="utf-8") as f:
            f.write(pages[codec])
    with open(os.path.join(staging, "sizes.json"), "w", encoding="utf-8") as f:
        json.dump(sizes, f, indent=2)
        f.write("\n")


def page(html, style, script):
    """The page: the style and the module script inlined, the CSP (by their hashes) in place of
    the placeholder comment."""
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
    if "</script" in script.lower():
        fail("the inline script contains </script, which would end it early")
    html = html.replace("</head>", f"<style>{style}</style>\n</head>", 1)
    html = html.replace("</body>", f'<script type="module">{script}</script>\n</body>', 1)
    if re.search(r"<(?:link|script)[^>]+(?:href|src)=", html):
        fail("an external link or script is left in index.html")
    return html


if __name__ == "__main__":
    main()
