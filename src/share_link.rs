//! Share links: a project file carried in the URL fragment as `#share=v1.<base64url of
//! deflate-raw(JSON)>`. The fragment never reaches a server. This module is the pure part (the
//! version prefix, base64url, the size check, what a link holds and what it is read back as);
//! the compression itself is the browser's, in `platform`.
//!
//! A link is read within bounds, each checked before the work it guards: a fragment longer than
//! any link this app makes ([`MAX_FRAGMENT`]) is not decoded; unpacking stops past
//! [`MAX_UNPACKED`] bytes; a file with more than [`MAX_PROJECTS`] projects is refused after the
//! JSON is read and before any project is decoded or computed. So no link costs more than a
//! few milliseconds and a few megabytes.

use crate::i18n::{msg, t, Lang, Msg, Text, Thousands};
use crate::platform::{self, InflateError};
use jianpai_core::error::ErrorKind;
use jianpai_core::register::{EntryKey, Register};

/// What marks a fragment as a share link.
const KEY: &str = "share=";
/// The encoding this build writes. A later format adds a version and keeps reading this one.
pub const VERSION: &str = "v1";
/// Longest link made: about what browsers, chat programs and mail clients all keep whole.
pub const MAX_URL: usize = 8000;
/// Longest fragment read (after `#`): a link this app makes is at most [`MAX_URL`] long with its
/// page address, so its fragment is shorter still.
pub const MAX_FRAGMENT: usize = MAX_URL;
/// Most bytes a link's data is unpacked to (1 MiB). One project's file is about 1 KB and a link
/// holds at most 6,000 compressed bytes; unpacking stops as soon as more comes out.
pub const MAX_UNPACKED: usize = 1 << 20;
/// Most projects a link is read with. The app makes links of one project; more are sent as a
/// project file.
pub const MAX_PROJECTS: usize = 20;
/// Why a link could not be made or read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The link would be longer than [`MAX_URL`] characters.
    TooLarge { length: usize },
    /// A share link of an encoding this build does not know (made by a newer version).
    UnknownVersion(String),
    /// Cut short, mistyped or otherwise not a share link's data.
    Damaged,
    /// Whole, but not a `jianpai/1` file with projects.
    Foreign,
    /// A fragment longer than [`MAX_FRAGMENT`]: not read.
    LinkTooLong { length: usize },
    /// Data that unpacks to more than [`MAX_UNPACKED`] bytes: unpacking stopped.
    UnpackedTooLarge,
    /// More than [`MAX_PROJECTS`] projects.
    TooManyProjects { count: usize },
}

impl ShareError {
    /// The localised message shown to the user.
    pub fn message(&self, l: Lang) -> String {
        match self {
            ShareError::TooLarge { length } => msg(
                l,
                Msg::ShareTooLarge {
                    length: *length,
                    max: Thousands(MAX_URL),
                },
            ),
            ShareError::UnknownVersion(v) => msg(l, Msg::ShareUnknownVersion { version: v }),
            ShareError::Damaged => t(l, Text::ShareDamaged).to_owned(),
            ShareError::Foreign => t(l, Text::ShareForeign).to_owned(),
            ShareError::LinkTooLong { length } => msg(
                l,
                Msg::ShareLinkTooLong {
                    length: Thousands(*length),
                    max: Thousands(MAX_FRAGMENT),
                },
            ),
            ShareError::UnpackedTooLarge => msg(
                l,
                Msg::ShareUnpackedTooLarge {
                    max: Thousands(MAX_UNPACKED),
                },
            ),
            ShareError::TooManyProjects { count } => msg(
                l,
                Msg::ShareTooManyProjects {
                    count: Thousands(*count),
                    max: MAX_PROJECTS,
                },
            ),
        }
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): only characters a URL fragment keeps as they are.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// Reads [`base64url`] text back; `None` for any other character or an impossible length.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let digits = text
        .bytes()
        .map(|c| ALPHABET.iter().position(|&a| a == c).map(|p| p as u32))
        .collect::<Option<Vec<u32>>>()?;
    if digits.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .chain(std::iter::repeat(&0))
            .take(4)
            .fold(0u32, |acc, d| (acc << 6) | d);
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    Some(out)
}

/// The link to `page` (the address without its fragment) carrying `compressed`, or why not.
pub fn link(page: &str, compressed: &[u8]) -> Result<String, ShareError> {
    let url = format!("{page}#{KEY}{VERSION}.{}", base64url(compressed));
    match url.len() {
        length if length > MAX_URL => Err(ShareError::TooLarge { length }),
        _ => Ok(url),
    }
}

/// The compressed data of a share fragment (`location.hash`, with or without its `#`); `None`
/// when the fragment is not a share link at all. A fragment longer than [`MAX_FRAGMENT`] is
/// refused before it is decoded.
pub fn parse_fragment(hash: &str) -> Option<Result<Vec<u8>, ShareError>> {
    let fragment = hash.strip_prefix('#').unwrap_or(hash);
    let rest = fragment.strip_prefix(KEY)?;
    if fragment.len() > MAX_FRAGMENT {
        return Some(Err(ShareError::LinkTooLong {
            length: fragment.chars().count(),
        }));
    }
    let Some((version, data)) = rest.split_once('.') else {
        return Some(Err(ShareError::Damaged));
    };
    // An older or impossible version (v0) is not a newer app's link: it is damaged.
    let older = version
        .strip_prefix('v')
        .and_then(|n| n.parse::<u32>().ok())
        .is_some_and(|n| n < 1);
    if older {
        return Some(Err(ShareError::Damaged));
    }
    if version != VERSION {
        // Shown to the user: a short, printable excerpt of what the link says.
        let shown: String = version
            .chars()
            .filter(char::is_ascii_graphic)
            .take(12)
            .collect();
        return Some(Err(ShareError::UnknownVersion(shown)));
    }
    Some(from_base64url(data).ok_or(ShareError::Damaged))
}

/// The file a link to one register project holds: the file's fields that affect its result
/// (the engine's `register::PROJECT_CONTEXT`) and that project alone (`None` when there is no
/// such project).
pub fn project_file(register: &Register, key: EntryKey) -> Option<String> {
    register.project_alone(key).map(|r| r.to_compact_json())
}

/// The register a link's compressed data holds, unpacked by the browser within [`MAX_UNPACKED`].
pub async fn open(compressed: &[u8]) -> Result<Register, ShareError> {
    match platform::inflate(compressed, MAX_UNPACKED).await {
        Ok(bytes) => read(&bytes),
        Err(InflateError::TooLarge) => Err(ShareError::UnpackedTooLarge),
        Err(InflateError::Damaged) => Err(ShareError::Damaged),
    }
}

/// The register a link's (decompressed) bytes hold: a `jianpai/1` file with at least one and at
/// most [`MAX_PROJECTS`] projects (counted before any is decoded).
pub fn read(bytes: &[u8]) -> Result<Register, ShareError> {
    let Ok(value) = jianpai_core::json::parse(bytes) else {
        return Err(ShareError::Damaged);
    };
    let count = value
        .get("projects")
        .and_then(|p| p.as_array())
        .map_or(0, Vec::len);
    if count > MAX_PROJECTS {
        return Err(ShareError::TooManyProjects { count });
    }
    match Register::read(&value) {
        Ok(r) if r.projects.is_empty() => Err(ShareError::Foreign),
        Ok(r) => Ok(r),
        Err(errs)
            if errs
                .iter()
                .any(|e| matches!(e.kind, ErrorKind::UnsupportedFormat { .. })) =>
        {
            Err(ShareError::Foreign)
        }
        Err(_) => Err(ShareError::Damaged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        // RFC 4648 §10 test vectors, padding dropped.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(plain.as_bytes()), coded);
            assert_eq!(from_base64url(coded).as_deref(), Some(plain.as_bytes()));
        }
        // 0xfb 0xff is "+/8" in standard base64: the URL alphabet writes "-_8".
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(from_base64url("-_8"), Some(vec![0xfb, 0xff]));
    }

    #[test]
    fn base64url_round_trips_every_byte() {
        let bytes: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        for len in 0..bytes.len() {
            assert_eq!(
                from_base64url(&base64url(&bytes[..len])).unwrap(),
                &bytes[..len]
            );
        }
    }

    #[test]
    fn base64url_rejects_other_characters_and_lengths() {
        assert_eq!(from_base64url("!!!"), None);
        assert_eq!(from_base64url("Zm9v="), None, "padding is not written");
        assert_eq!(from_base64url("Zm+v"), None, "standard alphabet");
        assert_eq!(from_base64url("Zm9vY"), None, "5 digits cannot end a byte");
    }

    #[test]
    fn fragment_carries_its_version() {
        let url = link("http://x/a.html", &[0xfb, 0xff]).unwrap();
        assert_eq!(url, "http://x/a.html#share=v1.-_8");
        let hash = url.split_once('#').unwrap().1;
        assert_eq!(parse_fragment(hash), Some(Ok(vec![0xfb, 0xff])));
        assert_eq!(
            parse_fragment(&format!("#{hash}")),
            Some(Ok(vec![0xfb, 0xff]))
        );
    }

    #[test]
    fn other_fragments_are_not_share_links() {
        assert_eq!(parse_fragment(""), None);
        assert_eq!(parse_fragment("#"), None);
        assert_eq!(parse_fragment("#__panic_selftest"), None);
        assert_eq!(parse_fragment("#register-title"), None);
    }

    #[test]
    fn damaged_and_foreign_versions_are_told_apart() {
        assert_eq!(
            parse_fragment("#share=v1.!!!"),
            Some(Err(ShareError::Damaged))
        );
        assert_eq!(parse_fragment("#share=v1"), Some(Err(ShareError::Damaged)));
        assert_eq!(
            parse_fragment("#share=v9.xxx"),
            Some(Err(ShareError::UnknownVersion("v9".into())))
        );
        // What is shown of an unknown version is short and printable.
        let long = format!("#share={}<b>.x", "v".repeat(40));
        assert_eq!(
            parse_fragment(&long),
            Some(Err(ShareError::UnknownVersion("v".repeat(12))))
        );
    }

    #[test]
    fn fragments_longer_than_any_link_made_are_not_read() {
        let data = "A".repeat(MAX_FRAGMENT - "share=v1.".len());
        let longest = format!("#share=v1.{data}");
        assert!(matches!(parse_fragment(&longest), Some(Ok(_))));
        let over = format!("#share=v1.{data}AAAA");
        assert_eq!(
            parse_fragment(&over),
            Some(Err(ShareError::LinkTooLong { length: 8004 }))
        );
        // Still not a share link when it does not say share=.
        assert_eq!(parse_fragment(&format!("#x{data}{data}")), None);
    }

    #[test]
    fn version_zero_is_damaged_not_newer() {
        assert_eq!(
            parse_fragment("#share=v0.Zm9v"),
            Some(Err(ShareError::Damaged))
        );
        assert_eq!(
            parse_fragment("#share=v2.Zm9v"),
            Some(Err(ShareError::UnknownVersion("v2".into())))
        );
    }

    #[test]
    fn more_projects_than_a_link_is_for_are_refused_before_decoding() {
        let file = |n: usize| {
            let projects: Vec<String> = (0..n)
                .map(|i| format!(r#"{{"id":"p{i}","measure":{{"type":"wastewater"}}}}"#))
                .collect();
            format!(
                r#"{{"format":"jianpai/1","projects":[{}]}}"#,
                projects.join(",")
            )
        };
        assert_eq!(read(file(20).as_bytes()).map(|r| r.projects.len()), Ok(20));
        assert_eq!(
            read(file(21).as_bytes()).err(),
            Some(ShareError::TooManyProjects { count: 21 })
        );
        assert_eq!(
            read(file(10_000).as_bytes()).err(),
            Some(ShareError::TooManyProjects { count: 10_000 })
        );
    }

    #[test]
    fn links_longer_than_the_limit_are_refused() {
        let page = "http://127.0.0.1:8080/index.html"; // 32 characters
        let fixed = page.len() + "#share=v1.".len(); // 42
                                                     // Every 3 bytes are 4 characters: 5,937 bytes make 7,916, so 7,958 in all.
        assert_eq!(link(page, &[7; 5937]).unwrap().len(), 7958);
        // 5,967 bytes make 7,956 characters: 7,998 in all, within 8,000; 5,970 make 8,002.
        assert_eq!(link(page, &[7; 5967]).unwrap().len(), fixed + 7956);
        assert_eq!(
            link(page, &[7; 5970]),
            Err(ShareError::TooLarge { length: 8002 })
        );
    }

    #[test]
    fn a_project_link_holds_the_settings_that_change_its_result() {
        let file = r#"{"format":"jianpai/1","title":"T","region":"R","year":2025,
            "settings":{"crediting":"full_year"},
            "overrides":{"so2.sulfur_conversion":{"value":0.85,"note":"n"}},
            "targets":{"cod_t":100},
            "projects":[{"id":"a","type":"x"},{"id":"b","type":"y"}]}"#;
        let register = Register::from_bytes(file.as_bytes()).unwrap();
        let second = register.projects[1].key();
        let shared: Value =
            serde_json::from_str(&project_file(&register, second).unwrap()).unwrap();
        assert_eq!(
            shared,
            serde_json::json!({"format":"jianpai/1","region":"R","year":2025,
                "settings":{"crediting":"full_year"},
                "overrides":{"so2.sulfur_conversion":{"value":0.85,"note":"n"}},
                "projects":[{"id":"b","type":"y"}]})
        );
        let mut gone = register.clone();
        gone.remove(second);
        assert_eq!(project_file(&gone, second), None);
    }

    #[test]
    fn reading_tells_foreign_files_from_damaged_ones() {
        assert_eq!(
            read(br#"{"format":"jianpai/1","projects":[{"id":"a"}]}"#).map(|r| r.projects.len()),
            Ok(1)
        );
        assert_eq!(
            read(b"{\"format\":\"jianp").err(),
            Some(ShareError::Damaged)
        );
        assert_eq!(read(&[0xff, 0xfe, 0x00]).err(), Some(ShareError::Damaged));
        assert_eq!(
            read(br#"{"format":"other/3","projects":[{"id":"a"}]}"#).err(),
            Some(ShareError::Foreign)
        );
        assert_eq!(
            read(br#"{"format":"jianpai/1","projects":[]}"#).err(),
            Some(ShareError::Foreign)
        );
    }
}
