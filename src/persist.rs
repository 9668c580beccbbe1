//! What this browser remembers between visits: the interface language and everything typed or
//! chosen in the estimate form (in localStorage; the saved shape stays readable across versions).

use crate::i18n::Lang;
use crate::platform;
use crate::state::{type_index, Estimate};
use jianpai_core::Choice;
use jianpai_core::MeasureType;
use serde_json::{Map, Value};

/// Storage key of the interface language (`zh` or `en`).
pub const LANG_KEY: &str = "jianpai.lang";
/// Storage key of the estimate form's texts and choices.
pub const ESTIMATE_KEY: &str = "jianpai.estimate";

/// The interface language chosen in this browser, else 中文.
pub fn saved_lang() -> Lang {
    match platform::load(LANG_KEY).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}

pub fn save_lang(lang: Lang) {
    platform::save(LANG_KEY, lang.pick("zh", "en"));
}

/// The estimate form as last saved in this browser, else the sample's.
pub fn saved_estimate() -> Estimate {
    estimate_from_json(platform::load(ESTIMATE_KEY).as_deref())
}

pub fn save_estimate(estimate: &Estimate) {
    platform::save(ESTIMATE_KEY, &estimate_json(estimate));
}

/// A choice as saved: its name, or "" for "the default".
fn choice_text<T: Choice>(c: Option<T>) -> &'static str {
    c.map_or("", Choice::name)
}

/// The form as JSON: `{"selected": type, "crediting": name, "electricity_basis": name,
/// "types": {type: {"start_month": m, "category": name, "fields": {path: text}}}}`, "" for a
/// choice left at its default.
pub fn estimate_json(e: &Estimate) -> String {
    let types: Map<String, Value> = e
        .types
        .iter()
        .map(|form| {
            let fields: Map<String, Value> = form
                .fields
                .iter()
                .map(|f| (f.spec.path.to_owned(), Value::from(f.text.as_str())))
                .collect();
            let mut entry = Map::new();
            entry.insert("start_month".into(), Value::from(form.start_month));
            entry.insert("category".into(), choice_text(form.category).into());
            entry.insert("fields".into(), Value::Object(fields));
            (form.type_name.to_owned(), Value::Object(entry))
        })
        .collect();
    let selected = MeasureType::NAMES
        .get(e.selected)
        .copied()
        .unwrap_or_default();
    let mut root = Map::new();
    root.insert("selected".into(), Value::from(selected));
    root.insert("crediting".into(), choice_text(e.crediting).into());
    root.insert(
        "electricity_basis".into(),
        choice_text(e.electricity_basis).into(),
    );
    root.insert("types".into(), Value::Object(types));
    let id = &e.identity;
    let identity: Map<String, Value> = [
        ("id", &id.id),
        ("name", &id.name),
        ("enterprise", &id.enterprise),
        ("township", &id.township),
        ("region", &id.region),
        ("year", &id.year),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), Value::from(v.as_str())))
    .collect();
    root.insert("identity".into(), Value::Object(identity));
    Value::Object(root).to_string()
}

/// The form from saved JSON, else the sample. A save that is damaged or from another version is
/// read as far as it matches; the rest keeps the sample's values.
pub fn estimate_from_json(saved: Option<&str>) -> Estimate {
    let mut form = Estimate::from_sample();
    let Some(saved) = saved.and_then(|s| serde_json::from_str::<Value>(s).ok()) else {
        return form;
    };
    for tf in &mut form.types {
        let Some(entry) = saved.pointer(&format!("/types/{}", tf.type_name)) else {
            continue;
        };
        if let Some(m) = entry
            .get("start_month")
            .and_then(Value::as_u64)
            .filter(|m| *m <= 12)
        {
            tf.start_month = m as u8;
        }
        if let Some(c) = entry.get("category").and_then(Value::as_str) {
            tf.category = Choice::parse(c);
        }
        for f in &mut tf.fields {
            if let Some(text) = entry
                .get("fields")
                .and_then(|o| o.get(f.spec.path))
                .and_then(Value::as_str)
            {
                f.text = text.to_owned();
            }
        }
    }
    if let Some(i) = saved
        .get("selected")
        .and_then(Value::as_str)
        .and_then(type_index)
    {
        form.selected = i;
    }
    if let Some(c) = saved.get("crediting").and_then(Value::as_str) {
        form.crediting = Choice::parse(c);
    }
    if let Some(b) = saved.get("electricity_basis").and_then(Value::as_str) {
        form.electricity_basis = Choice::parse(b);
    }
    let text = |k: &str| {
        saved
            .pointer(&format!("/identity/{k}"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let id = &mut form.identity;
    for (slot, key) in [
        (&mut id.id, "id"),
        (&mut id.name, "name"),
        (&mut id.enterprise, "enterprise"),
        (&mut id.township, "township"),
        (&mut id.region, "region"),
        (&mut id.year, "year"),
    ] {
        if let Some(t) = text(key) {
            *slot = t;
        }
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;
    use jianpai_core::crediting::Crediting;
    use jianpai_core::file::{Category, ElectricityBasis};

    fn text_of(e: &Estimate, type_name: &str, path: &str) -> String {
        let form = e.types.iter().find(|t| t.type_name == type_name).unwrap();
        let input = form.fields.iter().find(|f| f.spec.path == path).unwrap();
        input.text.clone()
    }

    /// A save written by the earlier, string-valued form still restores, now as typed values.
    #[test]
    fn reads_a_save_of_the_string_form() {
        let saved = r#"{"selected":"denitrification","crediting":"second_month",
            "electricity_basis":"equal_value","types":{"wastewater":{"start_month":5,
            "category":"structural","fields":{"flow_m3_per_day":"12a"}}}}"#;
        let e = estimate_from_json(Some(saved));
        assert_eq!(MeasureType::NAMES[e.selected], "denitrification");
        assert_eq!(e.crediting, Some(Crediting::SecondMonth));
        assert_eq!(e.electricity_basis, Some(ElectricityBasis::EqualValue));
        let ww = &e.types[0];
        assert_eq!((ww.type_name, ww.start_month), ("wastewater", 5));
        assert_eq!(ww.category, Some(Category::Structural));
        // Kept exactly as typed, even when it is not a number.
        assert_eq!(text_of(&e, "wastewater", "flow_m3_per_day"), "12a");
    }

    /// "" is "the default"; a damaged save, a month past 12 or an unknown type are ignored.
    #[test]
    fn blank_and_damaged_saves() {
        let sample = Estimate::from_sample();
        assert_eq!(estimate_from_json(Some("{not json")), sample);
        assert_eq!(estimate_from_json(None), sample);
        let e = estimate_from_json(Some(
            r#"{"selected":"no_such_type","crediting":"","types":{"wastewater":{"start_month":13,"category":""}}}"#,
        ));
        assert_eq!(e.selected, 0);
        assert_eq!(e.crediting, None);
        assert_eq!(e.types[0].start_month, sample.types[0].start_month);
        assert_eq!(e.types[0].category, None);
    }

    /// What is saved reads back unchanged, in the shape described on `estimate_json`.
    #[test]
    fn round_trip() {
        let mut e = Estimate::from_sample();
        e.selected = 2;
        e.crediting = Some(Crediting::FullYear);
        e.types[1].start_month = 11;
        e.types[1].category = Some(Category::Management);
        e.types[0].fields[0].text = " 3.50 ".to_owned();
        let json = estimate_json(&e);
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["selected"], "denitrification");
        assert_eq!(v["crediting"], "full_year");
        assert_eq!(v["electricity_basis"], "");
        assert_eq!(v["types"]["desulfurization"]["category"], "management");
        assert_eq!(estimate_from_json(Some(&json)), e);
    }
}
