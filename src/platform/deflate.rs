//! Compression with the browser's own `CompressionStream("deflate-raw")` (share links; and
//! inflating the parts of an imported .xlsx workbook), so that no compressor is shipped in the
//! wasm. Unpacking reads the stream chunk by chunk and stops at a limit the caller gives (a
//! deflate bomb costs no more than that).

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
    through(bytes, &pair, usize::MAX)
        .await?
        .ok_or_else(|| "too large".to_owned())
}

/// Why [`inflate`] gave nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// Not deflate data (or the browser could not unpack it).
    Damaged,
    /// More than the limit came out: unpacking was stopped there.
    TooLarge,
}

/// Decompresses what [`deflate`] made, stopping (and cancelling the stream) as soon as more than
/// `limit` bytes come out; damaged data is an error, never a panic.
pub async fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let stream = DecompressionStream::new("deflate-raw").map_err(|_| InflateError::Damaged)?;
    let pair = web_sys::ReadableWritablePair::new(&stream.readable(), &stream.writable());
    match through(bytes, &pair, limit).await {
        Ok(Some(out)) => Ok(out),
        Ok(None) => Err(InflateError::TooLarge),
        Err(_) => Err(InflateError::Damaged),
    }
}

/// Runs `bytes` through a transform stream and collects what comes out, chunk by chunk; `None`
/// (the stream cancelled) once more than `limit` bytes came out.
async fn through(
    bytes: &[u8],
    pair: &web_sys::ReadableWritablePair,
    limit: usize,
) -> Result<Option<Vec<u8>>, String> {
    use wasm_bindgen::JsCast;
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(err)?;
    let out = blob.stream().pipe_through(pair);
    let reader: web_sys::ReadableStreamDefaultReader = out.get_reader().unchecked_into();
    let mut collected = Vec::new();
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .map_err(err)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).map_err(err)?;
        if done.is_truthy() {
            return Ok(Some(collected));
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(err)?;
        let Some(part) = value.dyn_ref::<js_sys::Uint8Array>() else {
            return Err("a chunk that is not bytes".to_owned());
        };
        if collected.len() + part.length() as usize > limit {
            // Nothing more is unpacked: the rest of the data is dropped unread.
            let _ = reader.cancel();
            return Ok(None);
        }
        collected.extend_from_slice(&part.to_vec());
    }
}
