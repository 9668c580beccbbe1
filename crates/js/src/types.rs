//! TypeScript definitions of every input and output, emitted into the `.d.ts` wasm-bindgen writes
//! beside the module; the exported functions name these types through `unchecked_param_type` and
//! `unchecked_return_type`. Keys follow docs/file-format.md (the file and the report are contracts).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A project file: a `jianpai/1` object, its JSON text, or its bytes (UTF-8; a BOM is skipped, GBK is reported as such). */
export type FileInput = ProjectFile | string | Uint8Array | ArrayBuffer;

export type MeasureTypeTag = "wastewater" | "desulfurization" | "denitrification" | "flue_gas"
  | "fuel_switch" | "boiler_phaseout" | "livestock" | "capacity_phaseout" | "energy_saving" | "measured"
  | "vocs_treatment" | "vocs_ldar" | "vocs_oil_vapour" | "reclaimed_water" | "rural_sewage" | "leachate";
export type Category = "engineering" | "structural" | "management";
export type Crediting = "start_month" | "second_month" | "full_year";
export type ElectricityBasis = "equivalent" | "equal_value";
/** The accounting method, `settings.method`: 2011 (十二五/十三五 削减量), 2021 (十四五 重点工程减排量). */
export type Method = "2011" | "2021";
export type BulletinOrder = "cod_first" | "nox_first";
/** `settings.grid_co2`: the series the grid CO₂ factor is picked from (default "national"). */
export type GridCo2 = "national" | "national_excl_market" | "fossil" | "north" | "northeast"
  | "east" | "central" | "northwest" | "south" | "southwest" | "enterprise_reporting";
/** `review.status`: 申报, 初审通过, 核定, 退回, 不予认定 (absent review or status: "submitted"). */
export type ReviewStatus = "submitted" | "checked" | "accepted" | "returned" | "rejected";
/** An evidence document a review names (names only, nothing uploaded); `date` is YYYY-MM-DD. */
export interface Evidence { name?: string; number?: string; date?: string; [field: string]: unknown; }
/** The county's review of a project. */
export interface Review { status?: ReviewStatus; note?: string; evidence?: Evidence[]; [field: string]: unknown; }
export type FactorStatus = "official" | "secondary" | "unverified";
/** A report key (the file-format contract). */
export type AmountKey = "cod_t" | "nh3n_t" | "so2_t" | "nox_t" | "vocs_t" | "tce" | "water_t" | "co2_t"
  | "enterprises" | "equipment" | "boilers";

/** An override of a library coefficient, with its required justification. */
export interface Override { value: number; note: string; }

/** A measure: its `type` and the fields `schema()` declares for that type. */
export interface Measure { type: MeasureTypeTag; [field: string]: unknown; }

export interface Project {
  id: string;
  name?: string;
  township?: string;
  enterprise?: string;
  category?: Category;
  /** First month of stable operation or closure, 1–12; absent = the whole year. */
  start_month?: number;
  /** The year the reduction began (absent = the file's year); last year's project carries over
   * the months last year did not credit, an earlier one contributes 0. */
  start_year?: number;
  /** Reductions used as offsets (区域削减) for new or expanded projects, deducted from the
   * credited amount: t/a (tce for `tce`) per annual-amount key. */
  offset?: Partial<Record<AmountKey, number>>;
  overrides?: Record<string, Override>;
  /** The county's review (absent: submitted, as filed). */
  review?: Review;
  measure: Measure;
  /** Unknown fields are kept, not used. */
  [field: string]: unknown;
}

/** The `jianpai/1` project file (docs/file-format.md). */
export interface ProjectFile {
  format: "jianpai/1";
  title?: string;
  region?: string;
  year?: number;
  settings?: {
    crediting?: Crediting; electricity_basis?: ElectricityBasis;
    /** Absent: "2021" for a year from 2021 (or no year), "2011" before. */
    method?: Method;
    /** The 2021 bulletin's order of pollutants (default "cod_first"). */
    bulletin_order?: BulletinOrder;
    /** The 2021 bulletin's SO₂ clause (default false). */
    bulletin_so2?: boolean;
    /** The grid CO₂ factor's series (default "national"). */
    grid_co2?: GridCo2;
    /** The review statuses the totals count (default all but "returned" and "rejected"). */
    counted_statuses?: ReviewStatus[];
    [field: string]: unknown;
  };
  targets?: Partial<Record<AmountKey, number>>;
  /** The five-year plan's targets (十四五, 十五五), read by the five-year view. */
  plan_targets?: Partial<Record<AmountKey, number>>;
  overrides?: Record<string, Override>;
  factor_library?: string;
  projects: Project[];
  [field: string]: unknown;
}

/** Both languages of one text. */
export interface Label { zh: string; en: string; }

/** What is wrong: `code` names the kind, the other keys its details. */
export type ErrorKind =
  | { code: "syntax"; line: number; column: number; problem: string | { full_width: { found: string } } }
  | { code: "not_utf8"; line: number; probably: string }
  | { code: "duplicate_key"; key: string; line: number }
  | { code: "not_an_object" } | { code: "not_a_list" }
  | { code: "unsupported_format"; found: string }
  | { code: "unknown_measure_type"; found: string }
  | { code: "unknown_choice"; found: string; expected: string[] }
  | { code: "missing" } | { code: "not_a_number" } | { code: "not_an_integer" }
  | { code: "not_text" } | { code: "not_a_boolean" }
  | { code: "negative"; value: number } | { code: "percent"; value: number }
  | { code: "out_of_range"; value: number; min: number; max: number }
  | { code: "above_ceiling"; value: number; ceiling: number }
  | { code: "month"; value: number }
  | { code: "after_above_before" | "after_below_before"; before_field: string; before_label: Label; before: number; after: number }
  | { code: "not_positive"; value: number } | { code: "not_finite" }
  | { code: "unknown_factor"; id: string } | { code: "override_without_note"; id: string }
  | { code: "duplicate_id"; id: string } | { code: "nothing_to_compute" }
  | { code: "start_year_after_year"; start_year: number; year: number }
  | { code: "offset_above_full_year"; value: number; full_year: number }
  | { code: "neither_given" | "both_given"; other_field: string; other_label: Label }
  | { code: "not_a_date"; found: string }
  /** Only if a result could not be handed to JavaScript (not expected to happen). */
  | { code: "internal"; detail: string };

/** One problem with the input, naming its project and field; the messages are the CLI's. */
export interface JianpaiError {
  /** The project's `id` (or `#3`, its position, when it has no usable id); null for the file. */
  project: string | null;
  /** The field's path: `measure.flow_m3_per_day`, `settings.crediting`; null for the whole file. */
  field: string | null;
  /** The field's label, when it is a declared input. */
  label: Label | null;
  kind: ErrorKind;
  message_zh: string;
  message_en: string;
}

/** A soft-limit finding: the input is accepted but looks implausible or has a caveat. */
export interface Warning {
  code: "above_limit" | "implausible" | "low_load" | "very_high_efficiency" | "gross_not_net"
    | "below_scale" | "above_claimed_limit" | "negative_reduction" | "unknown_field"
    | "offset_above_credited" | "credited_in_earlier_years" | "start_year_without_year" | "note";
  field: string | null;
  message_zh: string;
  message_en: string;
}

export type OverlapRule = "same_coal" | "closure_and_treatment" | "reused_effluent" | "same_type";
/** Two projects that may claim the same reduction (advisory: the totals are unchanged). */
export interface Overlap { rule: OverlapRule; projects: [string, string]; message_zh: string; message_en: string; }

/** A warning of `check()`, as `jianpai check` lists it: a project's warning, naming its project,
 * or a possible double counting (`code: "double_counting"`; `project` is the first of the pair,
 * `projects` both, `rule` why; `field` null). */
export interface JianpaiWarning {
  project: string;
  code: Warning["code"] | "double_counting";
  field: string | null;
  message_zh: string;
  message_en: string;
  projects?: [string, string];
  rule?: OverlapRule;
}

/** Amounts under the report keys: t/a, tce, t of water, counts. */
export type Amounts = Record<AmountKey, number>;

export interface Factor {
  id: string; value: number; unit: string; name_zh: string; name_en: string;
  source: string; status: FactorStatus; edition: string;
  /** The short formal citation, ending in its status mark; absent in a library shipped before citations. */
  citation_zh?: string; citation_en?: string;
}
/** A coefficient as used: the library entry with the value in force. */
export interface FactorUse extends Factor { default_value?: number; override_note?: string; }

export interface FactorLibrary { version: string; factors: Factor[]; }

export interface TrailInput { symbol: string; field: string; label: Label; value: number; unit: string; }
export interface TrailEntry {
  output: AmountKey; stage: "full_year" | "credited" | "net"; value: number;
  formula_zh: string; formula_en: string; symbols: string; substituted: string;
  inputs: TrailInput[]; factors: FactorUse[];
}

export interface ProjectResult {
  id: string; name: string; type: MeasureTypeTag; category: Category; township: string | null;
  /** Months credited in the accounting year, 0–12. */
  months: number;
  credited: Amounts; full_year: Amounts;
  /** The offset deducted and credited − offset (what the totals add); both absent for a project
   * without an offset (its net is `credited`). */
  offset?: Amounts; net?: Amounts;
  /** The project's review status; absent for a project without `review`. */
  review_status?: ReviewStatus;
  /** false when the file's counted statuses leave the project out of the totals; absent otherwise. */
  counted?: false;
  trail: TrailEntry[]; warnings: Warning[];
}

/** A group's `credited` adds its projects' net amounts (after offsets), as the totals do. */
export interface Group { key: string; projects: number; credited: Amounts; full_year: Amounts; }
export interface Progress { key: AmountKey; target: number; achieved: number; percent: number | null; }
export interface OverrideUse extends FactorUse { project: string | null; }

/** The bulletin paragraph in both languages, and its note (the rounding rule, what the project
 * count counts). */
export interface Bulletin { zh: string; en: string; note: Label; }

/** The report: the same keys and numbers as `jianpai report FILE` (JSON). */
export interface Report {
  format: "jianpai/1"; factor_library: string; title: string; region: string; year: number | null;
  crediting: Crediting; electricity_basis: ElectricityBasis;
  /** The method in force, whether the file gave it (else chosen by the year), its headline keys. */
  method: { id: Method; given: boolean; headline: AmountKey[] };
  grid_co2: GridCo2;
  /** Net of offsets. */
  totals: Amounts; full_year_totals: Amounts;
  /** The sum of the projects' offsets (deducted from `totals`); absent when no project has one. */
  offsets?: Amounts;
  by_category: Group[]; by_type: Group[]; by_township: Group[];
  progress: Progress[]; overrides: OverrideUse[]; projects: ProjectResult[];
  bulletin: Bulletin;
  /** Pairs of projects that may claim one reduction; the key is absent when there are none. */
  overlaps?: Overlap[];
  /** The statuses counted and the projects per status; absent when no project has a review and
   * the file gives no counted statuses. */
  review?: { counted: ReviewStatus[]; by_status: Record<ReviewStatus, number> };
}

export type ComputeResult = { ok: true; report: Report } | { ok: false; errors: JianpaiError[] };

/** `ok` is true when `errors` is empty; warnings (every project's, then each possible double
 * counting) are listed only when the file computes. */
export interface ReportHtmlOptions { lang?: "zh" | "en"; date?: string; checklist?: boolean; }
export type ReportHtmlResult = { ok: true; html: string } | { ok: false; errors: JianpaiError[] };
export interface CheckResult { ok: boolean; errors: JianpaiError[]; warnings: JianpaiWarning[]; }

export interface FieldLimit {
  kind: "quantity" | "positive" | "percent" | "positive_percent" | "range" | "none";
  min: number | null; max: number | null;
  /** Whether `min` itself is excluded (a value that divides). */
  min_exclusive: boolean;
}
export interface ChoiceOption { value: string; label_zh: string; label_en: string; }
export interface FieldSchema {
  /** Inside the project's `measure`; nested fields dotted (`last_year.cod_t`). */
  path: string;
  kind: "number" | "count" | "choice" | "bool";
  unit: string; required: boolean;
  default: number | null; default_choice: string | null; paired_with: string | null;
  limit: FieldLimit;
  /** Outside this range a value is accepted with a warning. */
  usual: [number, number] | null;
  /** Above it the value is an `above_ceiling` error: no real project reaches it. */
  ceiling: number | null;
  label_zh: string; label_en: string;
  options: ChoiceOption[];
}
export interface MeasureTypeSchema {
  type: MeasureTypeTag; label_zh: string; label_en: string; usual_category: Category;
  fields: FieldSchema[];
}
export interface Schema {
  format: "jianpai/1"; types: MeasureTypeSchema[];
  /** The values of `review.status` (and `settings.counted_statuses`), in review order. */
  review_statuses: ChoiceOption[];
}

export interface Versions { format: "jianpai/1"; factor_library: string; module: string; }
"#;

#[cfg(test)]
mod tests {
    use jianpai_core::overlap::OverlapRule::{
        ClosureAndTreatment, ReusedEffluent, SameCoal, SameType,
    };
    use jianpai_core::settings::{BulletinOrder, Method};
    use jianpai_core::{
        Category, Choice, Crediting, ElectricityBasis, GridCo2, Key, MeasureType, Status,
    };

    /// The TypeScript section as written above (the attribute takes the const away from Rust).
    fn ts_types() -> &'static str {
        let source = include_str!("types.rs");
        let start = source.find("r#\"").expect("the section starts") + 3;
        &source[start..start + source[start..].find("\"#").expect("the section ends")]
    }

    /// The members of the string union `export type NAME = "a" | "b" …;`.
    fn union(name: &str) -> Vec<&'static str> {
        let ts = ts_types();
        let start = format!("export type {name} = ");
        let at = ts.find(&start).unwrap_or_else(|| panic!("{name} declared")) + start.len();
        let body = &ts[at..at + ts[at..].find(';').expect("ends with ;")];
        body.split('|')
            .map(|m| m.trim().trim_matches('"'))
            .collect()
    }

    fn names<C: Choice>() -> Vec<&'static str> {
        C::VALUES.iter().map(|c| c.name()).collect()
    }

    /// The unions the tests in tests/js/types.test.mjs cannot get whole from the module (the
    /// library uses no `official` entry): every one against the engine's own list.
    #[test]
    fn the_unions_are_the_engines_lists() {
        assert_eq!(union("MeasureTypeTag"), names::<MeasureType>());
        assert_eq!(union("Category"), names::<Category>());
        assert_eq!(union("Crediting"), names::<Crediting>());
        assert_eq!(union("ElectricityBasis"), names::<ElectricityBasis>());
        assert_eq!(union("Method"), names::<Method>());
        assert_eq!(union("BulletinOrder"), names::<BulletinOrder>());
        assert_eq!(union("GridCo2"), names::<GridCo2>());
        assert_eq!(union("FactorStatus"), names::<Status>());
        assert_eq!(
            union("ReviewStatus"),
            names::<jianpai_core::review::ReviewStatus>()
        );
        assert_eq!(union("AmountKey"), names::<Key>());
        // Listed through a match, so that a new rule does not compile until it is added here.
        let rules = [SameCoal, ClosureAndTreatment, ReusedEffluent, SameType].map(|r| match r {
            SameCoal | ClosureAndTreatment | ReusedEffluent | SameType => serde_json::to_value(r)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned)),
        });
        let rules: Vec<&str> = rules.iter().flatten().map(String::as_str).collect();
        assert_eq!(union("OverlapRule"), rules);
    }
}
