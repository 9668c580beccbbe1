// gzip (zopfli, 15 iterations) of stdin to stdout, for scripts/inline_single_file.py: the page's
// wasm, inflated by the browser's DecompressionStream("gzip") exactly as a gzip -9 stream is.
// @gfx/zopfli is Google's zopfli compiled to wasm (Apache-2.0), pinned in tools/package.json.
const { gzipAsync } = require('@gfx/zopfli');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const out = await gzipAsync(Buffer.concat(chunks), { numiterations: 15 });
  process.stdout.write(Buffer.from(out));
});
