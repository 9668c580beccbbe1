// Unpacks an xz stream (stdin) to stdout with the page's own decoder, for
// scripts/inline_single_file.py's check that the inlined stream unpacks to the wasm byte for byte.
// Argument: the decoder file the page inlines (xz-decompress's minified bundle, pinned in
// tools/package.json; MIT, xz-embedded inside is public domain), loaded as the page loads it:
// a UMD bundle given a CommonJS `module`, its XzReadableStream fed a stream of the packed bytes.
const { readFileSync } = require('node:fs');
const decoder = readFileSync(process.argv[2], 'utf8');
const load = new Function('module', 'exports', 'require',
  `${decoder}\nreturn module.exports.XzReadableStream;`);
const mod = { exports: {} };
const XzReadableStream = load(mod, mod.exports, () => ({}));
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  try {
    const out = await new Response(new XzReadableStream(new Blob([Buffer.concat(chunks)]).stream())).arrayBuffer();
    process.stdout.write(Buffer.from(out));
  } catch (e) {
    process.stderr.write(`xz-unpack: ${e.message}\n`);
    process.exit(1);
  }
});
