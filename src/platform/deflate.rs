//! Compression with the browser's own `CompressionStream("deflate-raw")` (share links; and
//! inflating the parts of an imported .xlsx workbook), so that no compressor is shipped in the
//! wasm.

// web-sys 0.3 marks CompressionStream as unstable (behind `--cfg=web_sys_unstable_apis`, a
// build-wide flag), so its two constructors and getters are bound here.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> web_sys::WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// Compresses `bytes` with the browser's own `CompressionStream("deflate-raw")` (share links).
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let stream = CompressionStream::new("deflate-raw").map_err(|e| format!("{e:?}"))?;
    let pair = web_sys::ReadableWritablePair::new(&stream.readable(), &stream.writable());
    through(bytes, &pair).await
}

/// Decompresses what [`deflate`] made; damaged data is an error, never a panic.
pub async fn inflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let stream = DecompressionStream::new("deflate-raw").map_err(|e| format!("{e:?}"))?;
    let pair = web_sys::ReadableWritablePair::new(&stream.readable(), &stream.writable());
    through(bytes, &pair).await
}

/// Runs `bytes` through a transform stream and collects what comes out (a `Response` only
/// gathers the stream in memory here: nothing is fetched).
async fn through(bytes: &[u8], pair: &web_sys::ReadableWritablePair) -> Result<Vec<u8>, String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(err)?;
    let out = blob.stream().pipe_through(pair);
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&out)).map_err(err)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(err)?)
        .await
        .map_err(err)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
