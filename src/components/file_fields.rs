//! The open file's own fields: title, region, year, crediting rule, electricity basis and the
//! targets. Each field shows the register's value (so undo, redo, open and new update it), and
//! every edit is one undoable change of the file; typing in one field undoes as one step. Numbers
//! are read as people type them (`2.6万`, `１０００`, `1,000`); text that is not a number is kept
//! in the input with a message and changes nothing. The engine's errors about these fields (a
//! negative target) are shown next to the field that caused them.

use crate::i18n::{msg, t, use_lang, Lang, Msg, Text};
use crate::workspace::{Shared, Workspace};
use jianpai_core::field::FieldSpec;
use jianpai_core::file::TARGETS;
use jianpai_core::numtext::{self, NumberProblem};
use jianpai_core::{Choice, Crediting, ElectricityBasis, Key, Labelled};
use leptos::prelude::*;
use reactive_stores::Field;
use serde_json::{Map, Value};

/// Where one of the file's own fields is kept: a key of the file, or a key inside one of its
/// objects (`settings.crediting`, `targets.cod_t`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    pub object: Option<&'static str>,
    pub key: &'static str,
}

impl Place {
    pub const fn top(key: &'static str) -> Place {
        Place { object: None, key }
    }

    pub const fn inside(object: &'static str, key: &'static str) -> Place {
        Place {
            object: Some(object),
            key,
        }
    }

    /// The path the engine names the field by in its errors.
    pub fn path(self) -> String {
        match self.object {
            Some(o) => format!("{o}.{}", self.key),
            None => self.key.to_owned(),
        }
    }

    /// The value as written in the file's own fields.
    pub fn get(self, head: &Map<String, Value>) -> Option<Value> {
        match self.object {
            None => head.get(self.key).cloned(),
            Some(o) => head.get(o)?.get(self.key).cloned(),
        }
    }

    /// The file key to change and its new value (`None` removes it) so that this field holds
    /// `value`: inside an object only the one key changes, unknown keys are kept, and an object
    /// left empty is removed (the engine's defaults then apply).
    pub fn change(
        self,
        head: &Map<String, Value>,
        value: Option<Value>,
    ) -> (&'static str, Option<Value>) {
        let Some(o) = self.object else {
            return (self.key, value);
        };
        let mut inner = head
            .get(o)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        match value {
            Some(v) => {
                inner.insert(self.key.to_owned(), v);
            }
            None => {
                inner.remove(self.key);
            }
        }
        (o, (!inner.is_empty()).then_some(Value::Object(inner)))
    }
}

/// A typed number as it is written to the file: a whole number without a decimal point.
pub fn number_value(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        Value::from(x as i64)
    } else {
        Value::from(x)
    }
}

/// A value of the file as shown in an input.
fn shown(v: &Option<Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Reads a typed number; blank is `Ok(None)` (the field is removed).
fn read_number(text: &str, spec: &FieldSpec) -> Result<Option<f64>, NumberProblem> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match numtext::parse(text, spec) {
        Ok(x) if x.is_finite() => Ok(Some(x)),
        Ok(_) => Err(NumberProblem::NotANumber),
        Err(p) => Err(p),
    }
}

/// The year, a whole number.
const YEAR: FieldSpec = FieldSpec::count("year", "年度", "Year");

/// Writes `value` into the field at `place`, as one undo step per field.
fn write(workspace: Field<Workspace>, place: Place, value: Option<Value>) {
    workspace.update(|w| {
        w.apply(Some(format!("head:{}", place.path())), |d| {
            let (key, v) = place.change(&d.register.head, value);
            d.set_head(key, v);
        })
    });
}

/// The register's value of one field, changing only when that field changes.
fn current(workspace: Field<Workspace>, place: Place) -> Memo<Option<Value>> {
    Memo::new(move |_| workspace.with(|w| place.get(&w.doc.register.head)))
}

/// The engine's messages about the field at `path` (the file's own fields do not read).
fn engine_error(report: Signal<Shared>, path: String, l: Lang) -> Option<String> {
    report.with(|r| {
        let errs = r.0.report.as_ref().err()?;
        let found: Vec<String> = errs
            .iter()
            .filter(|e| e.project.is_none() && e.field.as_deref() == Some(path.as_str()))
            .map(|e| e.kind.describe(l))
            .collect();
        (!found.is_empty()).then(|| found.join("；"))
    })
}

/// The error line under a field: `<id>-error`, referenced by the input.
fn error_line(id: &str, error: Signal<Option<String>>) -> impl IntoView {
    view! { <p id=format!("{id}-error") class="number-field__error" role="alert">{move || error.get()}</p> }
}

#[component]
fn TextInput(
    id: &'static str,
    place: Place,
    #[prop(into)] label: Signal<&'static str>,
    workspace: Field<Workspace>,
    report: Signal<Shared>,
) -> impl IntoView {
    let lang = use_lang();
    let value = current(workspace, place);
    let error = Signal::derive(move || engine_error(report, place.path(), lang.get()));
    view! {
        <div class="number-field file-fields__text" class:number-field--invalid=move || error.with(Option::is_some)>
            <label for=id><span class="number-field__label">{move || label.get()}</span></label>
            <input id=id type="text" autocomplete="off"
                prop:value=move || value.with(shown)
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    write(workspace, place, (!text.is_empty()).then(|| Value::from(text)));
                }
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=format!("{id}-error") />
            {error_line(id, error)}
        </div>
    }
}

#[component]
fn NumberInput(
    id: String,
    place: Place,
    spec: FieldSpec,
    #[prop(into)] label: Signal<String>,
    unit: String,
    workspace: Field<Workspace>,
    report: Signal<Shared>,
) -> impl IntoView {
    let lang = use_lang();
    let value = current(workspace, place);
    // The text as typed: kept when it is not a number, replaced when the register's value
    // changes to something else (undo, redo, open, new).
    let text = RwSignal::new(value.with_untracked(shown));
    Effect::new(move |_| {
        let v = value.get();
        let same = match (&v, read_number(&text.get_untracked(), &spec)) {
            (None, Ok(None)) => true,
            (Some(Value::Number(n)), Ok(Some(x))) => n.as_f64() == Some(x),
            _ => false,
        };
        if !same {
            text.set(shown(&v));
        }
    });
    let problem = Memo::new(move |_| text.with(|s| read_number(s, &spec).err()));
    let error = Signal::derive(move || {
        let l = lang.get();
        match problem.get() {
            Some(p) => Some(p.message(l)),
            None => engine_error(report, place.path(), l),
        }
    });
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        let read = read_number(&typed, &spec);
        text.set(typed);
        if let Ok(x) = read {
            write(workspace, place, x.map(number_value));
        }
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="number-field" class:number-field--invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>
                <span class="number-field__label">{move || label.get()}</span>
                <span class="number-field__unit">{unit}</span>
            </label>
            <input id=id.clone() type="text" inputmode="decimal" autocomplete="off"
                prop:value=move || text.get() on:input=on_input
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=error_id />
            {error_line(&id, error)}
        </div>
    }
}

/// The values of a choice (file name, name in the language), the engine's default first.
type Options = fn(Lang) -> Vec<(&'static str, &'static str)>;

/// The values of a file-format choice, its default first.
fn options_of<C: Choice + Labelled + Default>(l: Lang) -> Vec<(&'static str, &'static str)> {
    let first = C::default();
    std::iter::once(first)
        .chain(C::VALUES.iter().copied().filter(|c| *c != first))
        .map(|c| (c.name(), c.text(l)))
        .collect()
}

#[component]
fn ChoiceInput(
    id: &'static str,
    place: Place,
    #[prop(into)] label: Signal<&'static str>,
    options: Options,
    workspace: Field<Workspace>,
    report: Signal<Shared>,
) -> impl IntoView {
    let lang = use_lang();
    let value = current(workspace, place);
    let error = Signal::derive(move || engine_error(report, place.path(), lang.get()));
    let chosen = move || value.with(shown);
    let opts = move || {
        let l = lang.get();
        let given = options(l);
        // Blank: not in the file, the engine's default (listed first) applies.
        let default = msg(
            l,
            Msg::EngineDefault {
                value: given.first().map_or("", |o| o.1),
            },
        );
        let mut all: Vec<(String, String)> = vec![(String::new(), default)];
        all.extend(given.iter().map(|(v, n)| (v.to_string(), n.to_string())));
        // A value this version does not know is shown as written (the engine says what is wrong).
        let now = chosen();
        if !all.iter().any(|(v, _)| *v == now) {
            all.push((now.clone(), now));
        }
        all.into_iter()
            .map(|(v, name)| {
                let selected = chosen() == v;
                view! { <option value=v selected=selected>{name}</option> }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="number-field select-field" class:number-field--invalid=move || error.with(Option::is_some)>
            <label for=id><span class="number-field__label">{move || label.get()}</span></label>
            <select id=id prop:value=chosen aria-describedby=format!("{id}-error")
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    write(workspace, place, (!v.is_empty()).then(|| Value::from(v)));
                }>
                {opts}
            </select>
            {error_line(id, error)}
        </div>
    }
}

/// `workspace` is the open register (its own fields are edited here); `report` its computed
/// report, for the engine's errors about those fields.
#[component]
pub fn FileFields(
    #[prop(into)] workspace: Field<Workspace>,
    #[prop(into)] report: Signal<Shared>,
) -> impl IntoView {
    let lang = use_lang();
    let text = move |x: Text| Signal::derive(move || t(lang.get(), x));
    let targets = Key::EMISSIONS
        .into_iter()
        .zip(TARGETS)
        .map(|(k, spec)| {
            let label = Signal::derive(move || spec.label(lang.get()).to_owned());
            view! {
                <NumberInput id=format!("target-{}", k.code()) place=Place::inside("targets", spec.key())
                    spec=spec label=label unit=spec.unit.to_owned() workspace=workspace report=report />
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="file-fields" aria-labelledby="file-fields-title">
            <h2 id="file-fields-title">{move || t(lang.get(), Text::FileFields)}</h2>
            <p class="file-fields__intro">{move || t(lang.get(), Text::FileFieldsIntro)}</p>
            <div class="file-fields__grid">
                <TextInput id="file-title" place=Place::top("title") label=text(Text::FileTitle)
                    workspace=workspace report=report />
                <TextInput id="file-region" place=Place::top("region") label=text(Text::Region)
                    workspace=workspace report=report />
                <NumberInput id="file-year".to_owned() place=Place::top("year") spec=YEAR
                    label=Signal::derive(move || t(lang.get(), Text::Year).to_owned()) unit=String::new()
                    workspace=workspace report=report />
                <ChoiceInput id="file-crediting" place=Place::inside("settings", "crediting")
                    label=text(Text::CreditingRule) options={options_of::<Crediting> as Options}
                    workspace=workspace report=report />
                <ChoiceInput id="file-electricity_basis" place=Place::inside("settings", "electricity_basis")
                    label=text(Text::ElectricityBasis) options={options_of::<ElectricityBasis> as Options}
                    workspace=workspace report=report />
            </div>
            <fieldset class="file-fields__targets">
                <legend>{move || t(lang.get(), Text::Target)}</legend>
                {targets}
            </fieldset>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn head(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn a_key_inside_an_object_changes_alone_and_an_empty_object_goes() {
        let h = head(json!({ "targets": { "cod_t": 1000, "x_note": "kept" } }));
        let cod = Place::inside("targets", "cod_t");
        let (key, v) = cod.change(&h, Some(json!(500)));
        assert_eq!(key, "targets");
        assert_eq!(v, Some(json!({ "cod_t": 500, "x_note": "kept" })));
        let (_, v) = cod.change(&h, None);
        assert_eq!(v, Some(json!({ "x_note": "kept" })), "unknown keys stay");
        let only = head(json!({ "settings": { "crediting": "full_year" } }));
        let (key, v) = Place::inside("settings", "crediting").change(&only, None);
        assert_eq!((key, v), ("settings", None), "an empty object is removed");
        let (key, v) = Place::inside("targets", "so2_t").change(&Map::new(), Some(json!(7)));
        assert_eq!((key, v), ("targets", Some(json!({ "so2_t": 7 }))));
        assert_eq!(Place::top("year").change(&h, None), ("year", None));
    }

    #[test]
    fn numbers_are_read_as_typed_and_written_plainly() {
        let spec = &TARGETS[0];
        assert_eq!(read_number("2.6万", spec), Ok(Some(26000.0)));
        assert_eq!(read_number("１０００", spec), Ok(Some(1000.0)));
        assert_eq!(read_number("1,000", spec), Ok(Some(1000.0)));
        assert_eq!(read_number("  ", spec), Ok(None));
        assert_eq!(read_number("abc", spec), Err(NumberProblem::NotANumber));
        assert_eq!(read_number("1e999", spec), Err(NumberProblem::NotANumber));
        assert_eq!(number_value(26000.0).to_string(), "26000");
        assert_eq!(number_value(2.5).to_string(), "2.5");
        assert!(read_number("2026.5", &YEAR).is_err(), "a year is whole");
    }
}
