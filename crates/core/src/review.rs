//! A project's review (审核) by the county: its status, the reviewer's note and the evidence
//! documents named (names only, nothing uploaded), and which statuses the file's totals count
//! (`settings.counted_statuses`, docs/file-format.md "review", docs/methodology.md §2.5).
//!
//! This tool's construction: provinces accept or reject each project before its reduction is
//! credited (the 宝鸡 notice cited in docs/methodology.md §2.5); the five statuses and the default
//! of counting every status but 退回 and 不予认定 are this tool's, so that a register that has no
//! review reads exactly as before.

use crate::choice::choice;
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    /// Where a project stands in the county's review, `review.status`.
    pub enum ReviewStatus {
        /// 申报: filed by the applicant, not yet checked. A project without `review` is one.
        Submitted => "submitted",
        /// 初审通过: the first check passed.
        Checked => "checked",
        /// 核定: accepted.
        Accepted => "accepted",
        /// 退回: returned to the applicant for changes.
        Returned => "returned",
        /// 不予认定: rejected.
        Rejected => "rejected",
    }
}

impl ReviewStatus {
    /// Every status, in the order of the review (申报 → 初审通过 → 核定, then 退回, 不予认定).
    pub const ALL: [ReviewStatus; 5] = [
        ReviewStatus::Submitted,
        ReviewStatus::Checked,
        ReviewStatus::Accepted,
        ReviewStatus::Returned,
        ReviewStatus::Rejected,
    ];

    /// The statuses counted when the file's settings name none: all but 退回 and 不予认定.
    pub const COUNTED_BY_DEFAULT: [ReviewStatus; 3] = [
        ReviewStatus::Submitted,
        ReviewStatus::Checked,
        ReviewStatus::Accepted,
    ];
}

/// One evidence document a review names (验收报告, 在线监测数据, 关停文件 …): its name, number and
/// date (`YYYY-MM-DD`), each optional; unknown fields kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evidence {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A project's `review`: every field optional (no status = 申报, `submitted`); unknown fields
/// kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Review {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ReviewStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Vec<Evidence>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Review {
    /// The status given, else 申报.
    pub fn status(&self) -> ReviewStatus {
        self.status.unwrap_or(ReviewStatus::Submitted)
    }
}

/// The status of a project with this review (none: 申报).
pub fn status_of(review: Option<&Review>) -> ReviewStatus {
    review.map_or(ReviewStatus::Submitted, Review::status)
}

/// Whether `text` is a calendar date written `YYYY-MM-DD` (four-digit year, two-digit month and
/// day, a day the month has: 2024-02-29 is one, 2025-02-29 is not).
///
/// ```
/// use jianpai_core::review::is_date;
/// assert!(is_date("2026-03-31"));
/// assert!(is_date("2024-02-29"));
/// assert!(!is_date("2025-02-29"));
/// assert!(!is_date("2026-3-31"));
/// assert!(!is_date("2026-04-31"));
/// assert!(!is_date("2026年3月31日"));
/// ```
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}
