//! What bytes that are not UTF-8 probably are, so that a message can say it: GBK/GB18030 (what
//! older editors, Excel and WPS save on Chinese Windows), UTF-16 with or without its byte-order
//! mark (Notepad's and Excel's "Unicode"), a file that is not text at all (a PNG, a workbook), a
//! UTF-8 file cut off inside a character, or UTF-8 with lines of another encoding pasted in.
//! [`sniff`] decides; [`describe`] words it for [`crate::error::ErrorKind::NotUtf8`], whose
//! `probably` is one of the [`Probably`] codes. The app decodes UTF-16 and GB18030 CSV files by
//! this decision (its browser has the decoders) and names the rest.

use crate::lang::Lang;

/// How to read bytes as text, or why not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// UTF-8 (a leading byte-order mark allowed).
    Utf8,
    /// UTF-16, little- or big-endian, with or without its byte-order mark.
    Utf16 { big_endian: bool },
    /// Every byte sequence is a GB18030 one (GBK and GB2312 are parts of it).
    Gb18030 { line: usize },
    /// Not to be read as text: `line` holds the first byte that is not UTF-8.
    Refused { line: usize, probably: Probably },
}

/// What a file that is not read probably is (the `probably` of `NotUtf8`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Probably {
    /// Not text: its signature names it (`PNG`, `ZIP`, …) or it holds NUL bytes (`binary`).
    Binary(&'static str),
    /// UTF-8 that ends inside a character (cut off when saved, copied or downloaded).
    Cut,
    /// UTF-8 up to a line, then bytes of another encoding.
    Mixed,
    /// Neither UTF-8 nor GB18030 nor UTF-16: damaged.
    Unknown,
}

impl Probably {
    /// The code written in `NotUtf8.probably`.
    pub fn code(self) -> &'static str {
        match self {
            Probably::Binary(kind) => kind,
            Probably::Cut => "cut",
            Probably::Mixed => "mixed",
            Probably::Unknown => "unknown",
        }
    }
}

/// Signatures of files people open by mistake: (first bytes, name).
const SIGNATURES: [(&[u8], &str); 7] = [
    (b"\x89PNG", "PNG"),
    (b"\xFF\xD8\xFF", "JPEG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"\xD0\xCF\x11\xE0", "OLE"),
    (b"\x1F\x8B", "GZIP"),
];

/// How `bytes` are to be read (see [`Sniffed`]).
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Sniffed::Utf16 {
            big_endian: bytes[0] == 0xFE,
        };
    }
    if let Some((_, name)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return refused(bytes, 0, Probably::Binary(name));
    }
    if let Some(big_endian) = utf16_without_mark(bytes) {
        return Sniffed::Utf16 { big_endian };
    }
    let at = match std::str::from_utf8(bytes) {
        Ok(_) => return Sniffed::Utf8,
        Err(e) if e.error_len().is_none() => return refused(bytes, e.valid_up_to(), Probably::Cut),
        Err(e) => e.valid_up_to(),
    };
    if bytes.contains(&0) {
        return refused(bytes, at, Probably::Binary("binary"));
    }
    let line = line_of(bytes, at);
    // Whole lines beyond ASCII read as UTF-8 before the line of the first byte that does not:
    // two encodings. (Within that line two GBK bytes may happen to be a UTF-8 character.)
    let body = usize::from(bytes.starts_with(b"\xEF\xBB\xBF")) * 3;
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    if !bytes[body.min(line_start)..line_start].is_ascii() {
        return refused(bytes, at, Probably::Mixed);
    }
    match gb18030_shaped(&bytes[at..]) {
        true => Sniffed::Gb18030 { line },
        false => refused(bytes, at, Probably::Unknown),
    }
}

fn refused(bytes: &[u8], at: usize, probably: Probably) -> Sniffed {
    Sniffed::Refused {
        line: line_of(bytes, at),
        probably,
    }
}

fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// UTF-16 without a mark: text of ASCII marks and digits (JSON, CSV) has a NUL in every other
/// byte. `Some(big_endian)` when over a third of the first 4,096 pairs have a NUL on one side and
/// fewer than a tenth as many on the other.
pub fn utf16_without_mark(bytes: &[u8]) -> Option<bool> {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(4096).collect();
    if pairs.len() < 2 {
        return None;
    }
    let high = pairs.iter().filter(|p| p[0] != 0 && p[1] == 0).count();
    let low = pairs.iter().filter(|p| p[0] == 0 && p[1] != 0).count();
    let third = pairs.len() / 3;
    // (A character of U+xx00, such as 一 U+4E00, puts its NUL on the other side: a few allowed.)
    match (
        high > third && low * 10 < high,
        low > third && high * 10 < low,
    ) {
        (true, _) => Some(false),
        (_, true) => Some(true),
        _ => None,
    }
}

/// Whether every byte sequence is one GB18030 has: ASCII, two bytes (81–FE then 40–7E or 80–FE)
/// or four (81–FE, 30–39, 81–FE, 30–39). No NUL and no other control but line ends and tabs.
fn gb18030_shaped(bytes: &[u8]) -> bool {
    let lead = |b: u8| (0x81..=0xFE).contains(&b);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t') {
                return false;
            }
            i += 1;
            continue;
        }
        let next = |k: usize| bytes.get(i + k).copied();
        match (lead(b), next(1)) {
            (true, Some(t)) if (0x40..=0x7E).contains(&t) || (0x80..=0xFE).contains(&t) => i += 2,
            (true, Some(t)) if t.is_ascii_digit() => match (next(2), next(3)) {
                (Some(c), Some(d)) if lead(c) && d.is_ascii_digit() => i += 4,
                _ => return false,
            },
            _ => return false,
        }
    }
    true
}

/// The message of a file that is not UTF-8 from `line` on, by its `probably` code.
pub fn describe(line: usize, probably: &str, lang: Lang) -> String {
    let resave_zh =
        "请用记事本打开，「另存为」→ 编码选「UTF-8」后保存；WPS、Excel 另存时同样选择 UTF-8 编码";
    let resave_en = "Open it in Notepad and use Save As → Encoding: UTF-8; in WPS or Excel likewise choose UTF-8 when saving";
    match (probably, lang) {
        ("GBK/GB18030", Lang::Zh) => format!(
            "文件不是 UTF-8 编码（第 {line} 行起；可能是 GBK/GB18030，旧版编辑器常用的编码）。{resave_zh}"
        ),
        ("GBK/GB18030", Lang::En) => format!(
            "the file is not UTF-8 text (from line {line}; probably GBK/GB18030, as older editors save). {resave_en}"
        ),
        ("UTF-16", Lang::Zh) => format!(
            "文件是 UTF-16 编码（记事本、Excel 的「Unicode」），不是 UTF-8。{resave_zh}"
        ),
        ("UTF-16", Lang::En) => format!(
            "the file is UTF-16 text (Notepad's or Excel's \"Unicode\"), not UTF-8. {resave_en}"
        ),
        ("cut", Lang::Zh) => format!(
            "文件在第 {line} 行的一个字符中间结束：可能在保存、复制或下载时被截断。请找回完整的文件"
        ),
        ("cut", Lang::En) => format!(
            "the file ends in the middle of a character on line {line}: it was probably cut off \
             when saved, copied or downloaded. Find the complete file"
        ),
        ("mixed", Lang::Zh) => format!(
            "文件前面是 UTF-8 编码，从第 {line} 行起却是另一种编码（可能是从 GBK 文件粘贴进来的内容）。\
             请把这些行改用 UTF-8 重新保存后再打开"
        ),
        ("mixed", Lang::En) => format!(
            "the file is UTF-8 up to line {line}, then in another encoding (perhaps lines pasted \
             from a GBK file). Save those lines again as UTF-8"
        ),
        ("unknown", Lang::Zh) => format!(
            "文件从第 {line} 行起既不是 UTF-8 也不是 GBK 文本，可能已损坏"
        ),
        ("unknown", Lang::En) => format!(
            "from line {line} the file is neither UTF-8 nor GBK text; it may be damaged"
        ),
        (kind, Lang::Zh) => format!(
            "这不是文本文件（{}），请选择项目文件（.json）或 CSV 文件",
            binary_name(kind, lang)
        ),
        (kind, Lang::En) => format!(
            "this is not a text file ({}); choose a project file (.json) or a CSV file",
            binary_name(kind, lang)
        ),
    }
}

fn binary_name(kind: &str, lang: Lang) -> String {
    let (zh, en) = match kind {
        "PNG" | "JPEG" | "GIF" => ("图片", "an image"),
        "PDF" => ("PDF 文档", "a PDF document"),
        "ZIP" => (
            "压缩包或 .xlsx 工作簿，请先另存为 CSV",
            "a ZIP or .xlsx workbook: save it as CSV first",
        ),
        "OLE" => (
            "旧版 .xls/.doc 文件，请先另存为 CSV",
            "an old .xls/.doc file: save it as CSV first",
        ),
        "GZIP" => ("压缩文件", "a compressed file"),
        _ => ("含有 NUL 字节的二进制数据", "binary data with NUL bytes"),
    };
    match kind {
        "binary" => lang.pick(zh, en).to_owned(),
        k => format!("{k}{}{}", lang.pick("：", ": "), lang.pick(zh, en)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_file_is_told_apart() {
        // "示例县" in GBK, after an ASCII start.
        let gbk = b"id,name\r\n1,\xCA\xBE\xC0\xFD\xCF\xD8\r\n";
        assert_eq!(sniff(gbk), Sniffed::Gb18030 { line: 2 });
        assert_eq!(sniff("id,名称\r\n".as_bytes()), Sniffed::Utf8);
        let utf16le: Vec<u8> = "id,name\r\n1,示例\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(sniff(&utf16le), Sniffed::Utf16 { big_endian: false });
        let utf16be: Vec<u8> = "{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(sniff(&utf16be), Sniffed::Utf16 { big_endian: true });
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(
            sniff(png),
            Sniffed::Refused {
                line: 1,
                probably: Probably::Binary("PNG")
            }
        );
        let cut = &"{\n\"title\": \"示例".as_bytes()[..16];
        assert_eq!(
            sniff(cut),
            Sniffed::Refused {
                line: 2,
                probably: Probably::Cut
            }
        );
        let mixed = ["名称\n".as_bytes(), &b"\xCA\xBE\xC0\xFD\xCF\xD8\n"[..]].concat();
        assert_eq!(
            sniff(&mixed),
            Sniffed::Refused {
                line: 2,
                probably: Probably::Mixed
            }
        );
        assert!(matches!(
            sniff(b"ab\xFF\xFF\xFF"),
            Sniffed::Refused {
                probably: Probably::Unknown,
                ..
            }
        ));
    }
}
