//! The register table's rows, without views or the browser: what a row shows ([`RowData`], built
//! once per project and result and reused while both are the same objects: [`RowCache`]), which
//! rows the filter keeps and in what order ([`Filter`], [`SortBy`], [`shown_positions`]), the townships the
//! filter offers, and which rows are in view ([`Window`]).

use crate::i18n::Lang;
use jianpai_core::order;
use jianpai_core::register::{Entry, EntryKey, RegisterReport};
use jianpai_core::review::ReviewStatus;
use jianpai_core::{Category, Choice, Key, KeyCategory, MeasureType};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

/// The credited amounts shown per project.
pub const COLUMNS: [Key; 7] = Key::EMISSIONS;

/// Height of one table row in pixels (style/register.css keeps rows at this height).
pub const ROW_HEIGHT: f64 = 36.0;
/// Height of one row on a phone (≤ 600 px), where each row is a card of its cells one under the
/// other (style/register.css keeps cards at this height: 11 rows of the table).
pub const CARD_HEIGHT: f64 = 11.0 * ROW_HEIGHT;
/// The widest window (CSS px) at which rows are cards (style/register.css's media query).
pub const PHONE_MAX_WIDTH: f64 = 600.0;
/// Rows drawn above and below those in view, so that scrolling never shows a gap.
pub const OVERSCAN: usize = 10;

/// A column the table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Position,
    Name,
    Township,
    Category,
    /// The 十四五 category, in the categories' order (the register grouped, 2021 method).
    KeyCategory,
    Type,
    Month,
    Amount(Key),
    Status,
    Review,
}

/// One row as shown: its position and what it shows (shared, so that an unchanged project's
/// row is reused as it is after an edit elsewhere).
#[derive(Clone, Debug)]
pub struct Row {
    pub index: usize,
    pub key: EntryKey,
    pub data: Arc<RowData>,
}

/// Rows are equal when they are the same row (pointer), so that comparing ten thousand rows
/// after an edit costs no deep comparison.
impl PartialEq for Row {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index && self.key == other.key && Arc::ptr_eq(&self.data, &other.data)
    }
}

impl std::ops::Deref for Row {
    type Target = RowData;
    fn deref(&self) -> &RowData {
        &self.data
    }
}

/// What a row shows.
#[derive(Debug, PartialEq)]
pub struct RowData {
    pub id: String,
    pub name: String,
    pub enterprise: String,
    pub township: String,
    pub category: Option<Category>,
    /// The 十四五 category: the result's (2021 method), else as written or the type's usual one.
    pub key_category: Option<KeyCategory>,
    pub kind: Option<MeasureType>,
    pub month: Option<u64>,
    /// The net amounts (credited − offset: what the totals add).
    pub amounts: Option<[f64; 7]>,
    /// Per column, the credited amount and the offset deducted from it, where the project has
    /// an offset of that key.
    pub offsets: [Option<(f64, f64)>; 7],
    /// The project's warnings, in the language shown.
    pub warnings: Vec<String>,
    pub problems: Vec<String>,
    /// Possible double counting with other projects: (the other project's id, the message).
    pub overlaps: Vec<(String, String)>,
    /// The review status as written (`None`: no review, which counts as 申报).
    pub review: Option<ReviewStatus>,
    /// Whether the totals count the project (false for one with errors, and for one whose
    /// review status the file does not count).
    pub counted: bool,
}

impl RowData {
    /// The review status the project counts as: its own, else 申报.
    pub fn status(&self) -> ReviewStatus {
        self.review.unwrap_or(ReviewStatus::Submitted)
    }
}

impl RowData {
    fn new(
        index: usize,
        entry: &Entry,
        report: &RegisterReport,
        overlaps: Vec<(String, String)>,
        l: Lang,
    ) -> RowData {
        let result = report.results.get(index);
        let offsets = match result {
            Some(Ok(r)) => COLUMNS.map(|k| {
                r.offset
                    .as_ref()
                    .filter(|o| o[k] != 0.0)
                    .map(|o| (r.credited[k], o[k]))
            }),
            _ => [None; COLUMNS.len()],
        };
        let (amounts, warnings, problems) = match result {
            Some(Ok(r)) => (
                Some(COLUMNS.map(|k| r.net()[k])),
                r.warnings.iter().map(|w| w.message(l)).collect(),
                Vec::new(),
            ),
            Some(Err(errs)) => (
                None,
                Vec::new(),
                errs.iter().map(|e| e.message(l)).collect(),
            ),
            None => (None, Vec::new(), Vec::new()),
        };
        let category = match result {
            Some(Ok(r)) => Some(r.category),
            _ => entry.category(),
        };
        let kind = MeasureType::parse(entry.type_tag());
        let key_category = match result {
            Some(Ok(r)) => r.key_category,
            _ => entry
                .key_category()
                .or_else(|| kind.map(MeasureType::key_category)),
        };
        RowData {
            id: entry.id().unwrap_or("").to_owned(),
            name: entry.text("name").to_owned(),
            enterprise: entry.text("enterprise").to_owned(),
            township: entry.text("township").to_owned(),
            category,
            key_category,
            kind,
            month: entry.start_month(),
            amounts,
            offsets,
            warnings,
            problems,
            overlaps,
            review: entry.review_status(),
            counted: matches!(result, Some(Ok(r)) if r.counted),
        }
    }
}

impl Row {
    /// `text` is the filter's text, trimmed and in lower case.
    fn matches(&self, f: &Filter, text: &str) -> bool {
        (f.township.is_empty() || self.township == f.township)
            && f.category.is_none_or(|c| self.category == Some(c))
            && f.key_category.is_none_or(|c| self.key_category == Some(c))
            && f.kind.is_none_or(|k| self.kind == Some(k))
            && f.review.is_none_or(|s| self.status() == s)
            && (text.is_empty()
                || [&self.name, &self.id, &self.enterprise, &self.township]
                    .iter()
                    .any(|s| s.to_lowercase().contains(text)))
    }

    fn compare(&self, other: &Row, by: SortBy) -> Ordering {
        let num = |r: &Row, k: Key| {
            r.amounts
                .map(|a| a[COLUMNS.iter().position(|c| *c == k).unwrap_or(0)])
                .unwrap_or(f64::NEG_INFINITY)
        };
        match by {
            SortBy::Position => self.index.cmp(&other.index),
            SortBy::Name => self.name.cmp(&other.name),
            SortBy::Township => self.township.cmp(&other.township),
            SortBy::Category => self.category.cmp(&other.category),
            SortBy::KeyCategory => self.key_category.cmp(&other.key_category),
            SortBy::Type => self.kind.cmp(&other.kind),
            SortBy::Month => self.month.cmp(&other.month),
            SortBy::Amount(k) => num(self, k).total_cmp(&num(other, k)),
            SortBy::Review => self.status().cmp(&other.status()),
            SortBy::Status => (
                self.problems.len(),
                self.warnings.len() + self.overlaps.len(),
            )
                .cmp(&(
                    other.problems.len(),
                    other.warnings.len() + other.overlaps.len(),
                )),
        }
        .then(self.index.cmp(&other.index))
    }
}

/// The rows built so far, in register order, each with its project and the result it was built
/// from (`Arc` pointers). A project at the position it had is matched by one comparison; only
/// when projects moved are the kept rows looked up by pointer, in a map built then (with each
/// project's id read for the pairs, the rows memo was 10–14 % of an edit at 10,000 projects:
/// docs/performance.md, "Issue 20: edit at 10,000").
#[derive(Default)]
pub struct RowCache {
    lang: Option<Lang>,
    kept: Vec<(Arc<Entry>, usize, Arc<RowData>)>,
}

impl RowCache {
    pub fn rows(&mut self, projects: &[Arc<Entry>], report: &RegisterReport, l: Lang) -> Vec<Row> {
        if self.lang != Some(l) {
            self.kept.clear();
            self.lang = Some(l);
        }
        // A pair's warning depends on two projects: a row is rebuilt when its list changes even
        // if its own project and result did not.
        let mut overlaps: HashMap<&str, Vec<(String, String)>> = HashMap::new();
        if let Ok(r) = &report.report {
            for o in &r.overlaps {
                let msg = l.pick(&o.message_zh, &o.message_en);
                for id in &o.projects {
                    let entry = overlaps.entry(id.as_str()).or_default();
                    entry.push((o.other(id).to_owned(), msg.to_owned()));
                }
            }
        }
        let kept = std::mem::take(&mut self.kept);
        let same_len = kept.len() == projects.len();
        let mut moved: Option<HashMap<usize, usize>> = None;
        let mut next = Vec::with_capacity(projects.len());
        let rows = projects
            .iter()
            .enumerate()
            .map(|(index, e)| {
                let key = Arc::as_ptr(e) as usize;
                // An unchanged result keeps its pointer; a rejected one is rebuilt each time.
                let result = match report.results.get(index) {
                    Some(Ok(r)) => Arc::as_ptr(r) as usize,
                    _ => 0,
                };
                // Without pairs no project's id is read (a lookup in each project's fields).
                let mine = match overlaps.is_empty() {
                    true => Vec::new(),
                    false => e
                        .id()
                        .and_then(|id| overlaps.get(id))
                        .cloned()
                        .unwrap_or_default(),
                };
                let was = match kept.get(index) {
                    Some(k) if same_len && Arc::ptr_eq(&k.0, e) => Some(k),
                    _ => moved
                        .get_or_insert_with(|| {
                            kept.iter()
                                .enumerate()
                                .map(|(i, k)| (Arc::as_ptr(&k.0) as usize, i))
                                .collect()
                        })
                        .get(&key)
                        .map(|&i| &kept[i]),
                };
                let data = match was {
                    Some((k, r, data))
                        if Arc::ptr_eq(k, e)
                            && *r == result
                            && *r != 0
                            && data.overlaps == mine =>
                    {
                        data.clone()
                    }
                    _ => Arc::new(RowData::new(index, e, report, mine, l)),
                };
                next.push((e.clone(), result, data.clone()));
                Row {
                    index,
                    key: e.key(),
                    data,
                }
            })
            .collect();
        self.kept = next;
        rows
    }
}

/// What the table shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub township: String,
    pub category: Option<Category>,
    /// The 十四五 category (offered under the 2021 method).
    pub key_category: Option<KeyCategory>,
    pub kind: Option<MeasureType>,
    /// Rows of this review status only (a project without review is 申报).
    pub review: Option<ReviewStatus>,
    pub text: String,
}

/// The rows the filter keeps, as positions in `rows`, sorted by `by` (ties in register order;
/// descending reverses the whole order, ties included).
pub fn shown_positions(rows: &[Row], f: &Filter, by: SortBy, asc: bool) -> Vec<usize> {
    let text = f.text.trim().to_lowercase();
    let v: Vec<&Row> = rows.iter().filter(|r| r.matches(f, &text)).collect();
    // In register order the rows already are (positions are distinct): no sort of 10,000 rows on
    // every edit (a test compares this with the sort).
    if by == SortBy::Position {
        let in_order = v.iter().map(|r| r.index);
        return if asc {
            in_order.collect()
        } else {
            in_order.rev().collect()
        };
    }
    // The one sort of positions (`order`, issue 20), not a sort compiled for `&Row`.
    order::positions(v.len(), &|a, b| {
        let o = v[a].compare(v[b], by);
        if asc {
            o
        } else {
            o.reverse()
        }
    })
    .into_iter()
    .map(|i| v[i].index)
    .collect::<Vec<_>>()
}

/// The townships named by the rows, each once, in order, without the empty name (built from every
/// row: what the table's `workspace::Names`, kept between edits, must give).
#[cfg(test)]
pub fn township_names(rows: &[Row]) -> Vec<String> {
    let set: std::collections::BTreeSet<&str> = order::set(
        rows.iter()
            .map(|r| r.township.as_str())
            .filter(|t| !t.is_empty()),
    );
    set.into_iter().map(str::to_owned).collect::<Vec<_>>()
}

/// The rows drawn, `first..last` of the `n` shown: those in view and [`OVERSCAN`] more on each
/// side; spacers of [`Window::top`] and [`Window::bottom`] pixels stand for the others.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub first: usize,
    pub last: usize,
    pub n: usize,
    /// The height of one row, in pixels ([`ROW_HEIGHT`], or [`CARD_HEIGHT`] on a phone).
    pub height: f64,
}

impl Window {
    /// The window of `n` rows scrolled by `scroll_top` pixels in a view `view_height` high (of
    /// [`ROW_HEIGHT`]; the component uses [`Window::of_rows`]).
    #[cfg(test)]
    pub fn of(n: usize, scroll_top: f64, view_height: f64) -> Window {
        Window::of_rows(n, scroll_top, view_height, ROW_HEIGHT)
    }

    /// [`Window::of`] for rows `height` pixels high.
    pub fn of_rows(n: usize, scroll_top: f64, view_height: f64, height: f64) -> Window {
        let first = ((scroll_top / height) as usize).saturating_sub(OVERSCAN);
        let count = (view_height / height) as usize + 2 * OVERSCAN;
        let first = first.min(n);
        Window {
            first,
            last: (first + count).min(n),
            n,
            height,
        }
    }

    /// The height of the rows above the window, in pixels.
    pub fn top(&self) -> f64 {
        self.first as f64 * self.height
    }

    /// The height of the rows below the window, in pixels.
    pub fn bottom(&self) -> f64 {
        (self.n - self.last) as f64 * self.height
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::ResultCache;
    use jianpai_core::register::Register;

    /// Four projects: 0 and 1 treat wastewater (COD 250 → 50 mg/L; 1 also has NH₃-N 100 mg/L
    /// before, above the usual 80: one warning), 2 is a desulfurisation (SO₂ only), 3 has no
    /// flow (rejected: a problem, no amounts).
    const FILE: &str = r#"{ "format": "jianpai/1", "year": 2026, "projects": [
      { "id": "w2", "name": "Beta plant", "enterprise": "Acme Paper", "township": "East",
        "category": "engineering", "start_month": 1,
        "measure": { "type": "wastewater", "flow_m3_per_day": 2000,
                     "cod_before_mg_l": 250, "cod_after_mg_l": 50 } },
      { "id": "w1", "name": "Alpha plant", "township": "West", "category": "management",
        "start_month": 7,
        "measure": { "type": "wastewater", "flow_m3_per_day": 1000,
                     "cod_before_mg_l": 250, "cod_after_mg_l": 50,
                     "nh3n_before_mg_l": 100, "nh3n_after_mg_l": 5 } },
      { "id": "d1", "name": "Gamma mill", "township": "East", "category": "structural",
        "measure": { "type": "desulfurization", "coal_t": 1000, "sulfur_pct": 0.8,
                     "efficiency_before_pct": 85, "efficiency_after_pct": 97 } },
      { "id": "x9", "measure": { "type": "wastewater" } }
    ] }"#;

    fn register() -> Register {
        Register::from_bytes(FILE.as_bytes()).expect("the test file reads")
    }

    fn rows_of(register: &Register) -> Vec<Row> {
        RowCache::default().rows(&register.projects, &register.compute(), Lang::En)
    }

    #[test]
    fn a_row_shows_its_project_and_result() {
        let rows = rows_of(&register());
        assert_eq!(rows.len(), 4);
        let r = &rows[0];
        assert_eq!(
            (r.index, r.id.as_str(), r.name.as_str()),
            (0, "w2", "Beta plant")
        );
        assert_eq!(
            (r.enterprise.as_str(), r.township.as_str()),
            ("Acme Paper", "East")
        );
        assert_eq!(r.category, Some(Category::Engineering));
        assert_eq!(r.kind, Some(MeasureType::Wastewater));
        assert_eq!(r.month, Some(1));
        // COD: 2000 m³/d × 365 d × 200 mg/L × 10⁻⁶, credited for 13 − 1 = 12 months.
        let cod = |r: &Row| r.amounts.expect("computed")[0];
        assert!((cod(r) - 146.0).abs() < 1e-9, "{}", cod(r));
        assert!(r.warnings.is_empty() && r.problems.is_empty() && r.overlaps.is_empty());
        // Half of 1000 m³/d × 365 d × 200 mg/L × 10⁻⁶: from month 7, 13 − 7 = 6 months.
        assert!((cod(&rows[1]) - 36.5).abs() < 1e-9, "{}", cod(&rows[1]));
        assert_eq!(rows[1].warnings.len(), 1);
        assert_eq!(rows[2].kind, Some(MeasureType::Desulfurization));
        let x = &rows[3];
        assert_eq!((x.name.as_str(), x.township.as_str()), ("", ""));
        assert_eq!((x.category, x.month, x.amounts), (None, None, None));
        assert!(!x.problems.is_empty());
    }

    #[test]
    fn the_filter_keeps_township_category_type_and_text() {
        let rows = rows_of(&register());
        let keep = |f: Filter| shown_positions(&rows, &f, SortBy::Position, true);
        assert_eq!(keep(Filter::default()), [0, 1, 2, 3]);
        let township = |t: &str| Filter {
            township: t.into(),
            ..Filter::default()
        };
        assert_eq!(keep(township("East")), [0, 2]);
        assert_eq!(keep(township("Nowhere")), [] as [usize; 0]);
        let category = |c| Filter {
            category: Some(c),
            ..Filter::default()
        };
        assert_eq!(keep(category(Category::Engineering)), [0]);
        assert_eq!(keep(category(Category::Structural)), [2]);
        assert_eq!(keep(category(Category::Management)), [1]);
        let kind = |k| Filter {
            kind: Some(k),
            ..Filter::default()
        };
        assert_eq!(keep(kind(MeasureType::Wastewater)), [0, 1, 3]);
        assert_eq!(keep(kind(MeasureType::Desulfurization)), [2]);
        assert_eq!(keep(kind(MeasureType::Livestock)), [] as [usize; 0]);
        let text = |t: &str| Filter {
            text: t.into(),
            ..Filter::default()
        };
        // By name, id, enterprise or township; trimmed, in any case.
        assert_eq!(keep(text("plant")), [0, 1]);
        assert_eq!(keep(text("  W1 ")), [1]);
        assert_eq!(keep(text("x9")), [3]);
        assert_eq!(keep(text("acme")), [0]);
        assert_eq!(keep(text("EAST")), [0, 2]);
        assert_eq!(keep(text("   ")), [0, 1, 2, 3]);
        assert_eq!(keep(text("absent")), [] as [usize; 0]);
        // All conditions at once.
        let both = Filter {
            township: "East".into(),
            text: "plant".into(),
            ..Filter::default()
        };
        assert_eq!(keep(both), [0]);
    }

    #[test]
    fn the_review_filter_keeps_one_status_and_a_project_without_review_is_submitted() {
        let mut reg = register();
        let w1 = reg.projects[1].key();
        reg.set_review_status(w1, ReviewStatus::Returned);
        let rows = rows_of(&reg);
        let keep = |s| {
            let f = Filter {
                review: Some(s),
                ..Filter::default()
            };
            shown_positions(&rows, &f, SortBy::Position, true)
        };
        assert_eq!(keep(ReviewStatus::Returned), [1]);
        assert_eq!(keep(ReviewStatus::Submitted), [0, 2, 3]);
        assert_eq!(keep(ReviewStatus::Accepted), [] as [usize; 0]);
        // Returned is out of the totals by default; x9 has errors; the others count.
        assert!(!rows[1].counted && rows[1].review == Some(ReviewStatus::Returned));
        assert!(rows[0].counted && rows[0].review.is_none());
        assert!(!rows[3].counted);
    }

    #[test]
    fn each_column_sorts_both_ways_with_ties_in_register_order() {
        let rows = rows_of(&register());
        let all = Filter::default();
        let check = |by: SortBy, up: [usize; 4], down: [usize; 4]| {
            assert_eq!(
                shown_positions(&rows, &all, by, true),
                up,
                "{by:?} ascending"
            );
            assert_eq!(
                shown_positions(&rows, &all, by, false),
                down,
                "{by:?} descending"
            );
        };
        check(SortBy::Position, [0, 1, 2, 3], [3, 2, 1, 0]);
        // In register order without a sort, also of the rows a filter keeps: East is 0 and 2.
        let east = Filter {
            township: "East".into(),
            ..Filter::default()
        };
        assert_eq!(
            shown_positions(&rows, &east, SortBy::Position, true),
            [0, 2]
        );
        assert_eq!(
            shown_positions(&rows, &east, SortBy::Position, false),
            [2, 0]
        );
        // "" < "Alpha plant" < "Beta plant" < "Gamma mill".
        check(SortBy::Name, [3, 1, 0, 2], [2, 0, 1, 3]);
        // "" < "East" (0, then 2) < "West".
        check(SortBy::Township, [3, 0, 2, 1], [1, 2, 0, 3]);
        // None < engineering < structural < management (the order of the file format's list).
        check(SortBy::Category, [3, 0, 2, 1], [1, 2, 0, 3]);
        // Wastewater (0, 1, 3) before desulfurisation, as in the list of types.
        check(SortBy::Type, [0, 1, 3, 2], [2, 3, 1, 0]);
        // No month (2, 3) < 1 < 7.
        check(SortBy::Month, [2, 3, 0, 1], [1, 0, 3, 2]);
        // A rejected project (3) sorts below every amount; 146 t > 36.5 t > 0 t of COD.
        check(SortBy::Amount(Key::Cod), [3, 2, 1, 0], [0, 1, 2, 3]);
        check(SortBy::Amount(Key::So2), [3, 0, 1, 2], [2, 1, 0, 3]);
        check(SortBy::Amount(Key::Nh3n), [3, 0, 2, 1], [1, 2, 0, 3]);
        // Problems count first, then warnings: (0, 0) for 0 and 2, (0, 1) for 1, (1, 0) for 3.
        check(SortBy::Status, [0, 2, 1, 3], [3, 1, 2, 0]);
    }

    #[test]
    fn the_key_category_filters_and_groups_under_the_2021_method() {
        let rows = rows_of(&register());
        // The file's year 2026: the 2021 method. Wastewater (0, 1; 3 rejected, by its type) is
        // 城镇污水治理, the desulfurisation (2) 锅炉与炉窑综合治理.
        let cats: Vec<_> = rows.iter().map(|r| r.key_category).collect();
        let (urban, boiler) = (
            Some(KeyCategory::UrbanSewage),
            Some(KeyCategory::BoilerKiln),
        );
        assert_eq!(cats, [urban, urban, boiler, urban]);
        let only = |c| Filter {
            key_category: Some(c),
            ..Filter::default()
        };
        let keep = |f: Filter| shown_positions(&rows, &f, SortBy::Position, true);
        assert_eq!(keep(only(KeyCategory::BoilerKiln)), [2]);
        assert_eq!(keep(only(KeyCategory::UrbanSewage)), [0, 1, 3]);
        assert_eq!(keep(only(KeyCategory::Leachate)), [] as [usize; 0]);
        // Grouped in the categories' order (urban sewage before boilers), register order within.
        let all = Filter::default();
        assert_eq!(
            shown_positions(&rows, &all, SortBy::KeyCategory, true),
            [0, 1, 3, 2]
        );
    }

    #[test]
    fn the_townships_offered_are_each_named_once_in_order() {
        let rows = rows_of(&register());
        assert_eq!(township_names(&rows), ["East", "West"]);
        let mut kept = crate::workspace::Names::default();
        let of = |kept: &mut crate::workspace::Names<RowData>, rows: &[Row]| {
            kept.of(rows.iter().map(|r| &r.data), |d| d.township.as_str())
        };
        assert_eq!(of(&mut kept, &rows), ["East", "West"]);
        // Row 1 (West) moves to East: West is no longer offered.
        let mut register = register();
        let key = register.projects[1].key();
        register.set_project_text(key, "township", "East").unwrap();
        let mut cache = RowCache::default();
        let moved = cache.rows(&register.projects, &register.compute(), Lang::En);
        assert_eq!(township_names(&moved), ["East"]);
        assert_eq!(of(&mut kept, &moved), ["East"]);
    }

    #[test]
    fn a_row_is_rebuilt_only_when_its_project_or_result_changed() {
        let mut register = register();
        let mut results = ResultCache::default();
        let mut cache = RowCache::default();
        let first = cache.rows(&register.projects, &results.compute(&register), Lang::En);
        let same = |a: &[Row], b: &[Row]| -> Vec<bool> {
            a.iter()
                .zip(b)
                .map(|(a, b)| Arc::ptr_eq(&a.data, &b.data))
                .collect()
        };
        // Nothing changed: every row is kept, except the rejected one (it has no result to
        // compare by).
        let again = cache.rows(&register.projects, &results.compute(&register), Lang::En);
        assert_eq!(same(&first, &again), [true, true, true, false]);
        assert_eq!(first[..3], again[..3]);

        // One project renamed: its row alone is new.
        let key = register.projects[0].key();
        register.set_project_text(key, "name", "Renamed").unwrap();
        let renamed = cache.rows(&register.projects, &results.compute(&register), Lang::En);
        assert_eq!(same(&again, &renamed), [false, true, true, false]);
        assert_eq!(renamed[0].name, "Renamed");
        assert_ne!(again[0], renamed[0]);

        // The same projects with new results (a computation without the result cache).
        let recomputed = cache.rows(&register.projects, &register.compute(), Lang::En);
        assert_eq!(same(&renamed, &recomputed), [false, false, false, false]);

        // Another language: every row is new.
        let report = results.compute(&register);
        let en = cache.rows(&register.projects, &report, Lang::En);
        let zh = cache.rows(&register.projects, &report, Lang::Zh);
        assert_eq!(same(&en, &zh), [false, false, false, false]);

        // Project 1 moves to project 0's enterprise and township: a pair of the same type that
        // may count one reduction twice. Row 0 is rebuilt for the pair although its project
        // and result are the same objects.
        let before = cache.rows(&register.projects, &report, Lang::En);
        let key = register.projects[1].key();
        register
            .set_project_text(key, "enterprise", "Acme Paper")
            .unwrap();
        register.set_project_text(key, "township", "East").unwrap();
        let paired = cache.rows(&register.projects, &results.compute(&register), Lang::En);
        assert_eq!(same(&before, &paired), [false, false, true, false]);
        assert_eq!(paired[0].overlaps.len(), 1);
        assert_eq!(paired[0].overlaps[0].0, "w1");
        assert_eq!(paired[1].overlaps[0].0, "w2");
        assert!(paired[2].overlaps.is_empty());
    }

    #[test]
    fn rows_kept_by_position_follow_deletes_and_moves() {
        // After a delete (rows after it shift up), a duplicate (one inserted) and a swap, the
        // kept rows show what rows built from scratch show, and a moved unchanged project keeps
        // its row data.
        let mut register = register();
        let mut results = ResultCache::default();
        let mut cache = RowCache::default();
        let fresh = |register: &Register, results: &mut ResultCache| {
            RowCache::default().rows(&register.projects, &results.compute(register), Lang::En)
        };
        let shows = |a: &[Row], b: &[Row]| {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(a, b)| a.index == b.index && a.key == b.key && *a.data == *b.data)
        };
        let first = cache.rows(&register.projects, &results.compute(&register), Lang::En);
        let keys: Vec<_> = register.projects.iter().map(|e| e.key()).collect();
        register.remove(keys[0]);
        let deleted = cache.rows(&register.projects, &results.compute(&register), Lang::En);
        assert!(shows(&deleted, &fresh(&register, &mut results)));
        assert!(
            Arc::ptr_eq(&first[2].data, &deleted[1].data),
            "d1 moved up, kept"
        );
        register.duplicate(keys[2]);
        let duplicated = cache.rows(&register.projects, &results.compute(&register), Lang::En);
        assert!(shows(&duplicated, &fresh(&register, &mut results)));
        register.projects.swap(0, 1);
        let swapped = cache.rows(&register.projects, &results.compute(&register), Lang::En);
        assert!(shows(&swapped, &fresh(&register, &mut results)));
        assert!(Arc::ptr_eq(&duplicated[0].data, &swapped[1].data));
    }

    #[test]
    fn the_window_is_the_rows_in_view_and_ten_more_each_side() {
        // A view 480 px high shows 13 rows of 36 px; 10 more above and below are drawn.
        let w = Window::of(100, 0.0, 480.0);
        assert_eq!((w.first, w.last, w.n), (0, 33, 100));
        assert_eq!((w.top(), w.bottom()), (0.0, 67.0 * 36.0));
        // Scrolled by 20 rows: from row 10 (20 − 10) to 10 + 33.
        let w = Window::of(100, 720.0, 480.0);
        assert_eq!((w.first, w.last), (10, 43));
        assert_eq!((w.top(), w.bottom()), (360.0, 57.0 * 36.0));
        // Part of a row scrolled (100 px: row 2) still starts at row 0.
        assert_eq!(Window::of(100, 100.0, 480.0).first, 0);
        // Fewer rows than the window: all of them, no spacer.
        let w = Window::of(5, 0.0, 480.0);
        assert_eq!((w.first, w.last, w.top(), w.bottom()), (0, 5, 0.0, 0.0));
        // Scrolled beyond the rows (after a filter): nothing drawn, no spacer below.
        let w = Window::of(30, 3600.0, 480.0);
        assert_eq!((w.first, w.last, w.bottom()), (30, 30, 0.0));
        assert_eq!(
            Window::of(0, 0.0, 480.0),
            Window {
                first: 0,
                last: 0,
                n: 0,
                height: ROW_HEIGHT
            }
        );
    }

    #[test]
    fn on_a_phone_the_window_counts_cards() {
        // Cards of 11 × 36 = 396 px: a view 480 px high shows 1 (480 / 396, whole cards), and
        // 10 more each side are drawn; scrolled by 7,920 px = 20 cards, from card 10 to 10 + 21.
        let w = Window::of_rows(100, 7920.0, 480.0, CARD_HEIGHT);
        assert_eq!((w.first, w.last), (10, 31));
        assert_eq!((w.top(), w.bottom()), (10.0 * 396.0, 69.0 * 396.0));
    }
}
