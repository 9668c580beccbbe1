//! Files in and out, all in the page (nothing is sent): the file(s) just chosen in a file input,
//! read; a download made from text; and bytes decoded as text in a given encoding.

use super::document;
use wasm_bindgen::JsCast;

/// The file just chosen in the file input that fired `ev`: its name and bytes (read locally;
/// nothing is sent), or why it could not be read. The input is cleared afterwards, so that
/// choosing the same file again (after fixing it) reads it again.
pub async fn take_chosen_file(ev: &web_sys::Event) -> Option<(String, Result<Vec<u8>, String>)> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    let name = file.name();
    let bytes = read_file(&file).await;
    input.set_value("");
    Some((name, bytes))
}

/// Every file just chosen in the (multiple) file input that fired `ev`, in the order the browser
/// lists them: each one's name and bytes, or why it could not be read. The input is cleared, as in
/// [`take_chosen_file`].
pub async fn take_chosen_files(ev: &web_sys::Event) -> Vec<(String, Result<Vec<u8>, String>)> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    // Taken before awaiting: clearing the input empties its list.
    let files: Vec<web_sys::File> = input
        .files()
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        let bytes = read_file(&file).await;
        out.push((file.name(), bytes));
    }
    out
}

/// A chosen file's bytes, or why the browser could not read them.
async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// Offers `content` as a file download named `name` (made in the page; nothing is sent).
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    offer(name, mime, &wasm_bindgen::JsValue::from_str(content))
}

/// Offers `bytes` as a file download named `name` (a workbook: binary, not text).
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    offer(name, mime, &js_sys::Uint8Array::from(bytes))
}

/// Offers one blob part (a string or bytes) as a download.
fn offer(name: &str, mime: &str, part: &wasm_bindgen::JsValue) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let doc = document().ok_or("no document")?;
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let parts = js_sys::Array::of1(part);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoked later, not at once: some browsers start reading the blob after the click returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Bytes as text in the encoding named by `label` (`utf-8`, `utf-16le`, `utf-16be`, `gb18030`),
/// a byte-order mark dropped; decoded by the browser's own `TextDecoder`, so that no encoding
/// tables are shipped in the wasm. The caller chooses the label (`jianpai_core::encoding::sniff`).
pub fn decode_text(bytes: &[u8], label: &str) -> Result<String, String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let opts = web_sys::TextDecoderOptions::new();
    opts.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options(label, &opts).map_err(err)?;
    decoder.decode_with_u8_array(bytes).map_err(err)
}
