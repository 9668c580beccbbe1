//! Coefficients as shown wherever they appear: a value with its unit and a status (an unverified
//! one marked ⚠), written once in the engine (`jianpai_core::doc`) for the documents and the
//! interactive coefficient table alike. (The sentence saying which library a file was made with
//! is a message: `i18n::Msg::LibraryUntilChosen` and its kin.)

pub use jianpai_core::doc::{status_text, value_with_unit};
