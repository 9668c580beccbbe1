//! What a button does beyond its own component, when several components offer it: saving the
//! open register as a project file (the file bar's "save", the storage banner's "download").

use crate::platform;
use crate::workspace::Doc;

/// Saves the register as a project file (a download under the name it was opened from).
pub fn download_doc(doc: &Doc) {
    let name = doc
        .name
        .clone()
        .unwrap_or_else(|| "jianpai-register.json".into());
    let _ = platform::download(&name, "application/json", &doc.register.to_json());
}
