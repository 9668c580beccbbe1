//! Dotted paths into the file format (`last_year.cod_t`, `settings.crediting`,
//! `measure.saved.coal_t`): the one place that walks a project file's JSON by path. A path is
//! split at every dot; a key that holds dots of its own (a factor id such as `co2.per_tce`) is
//! given as a list of keys instead ([`get_keys`], [`set_keys`], [`remove_keys`]). A number
//! names an entry of a list (`measure.materials.1.kind`: the second material's kind), counted
//! from 0.

use serde_json::{Map, Value};

/// The keys of a dotted path.
pub fn keys(path: &str) -> Vec<&str> {
    path.split('.').collect()
}

/// The value at a dotted path, if every object on the way is there.
pub fn get<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    get_keys(value, &keys(path))
}

/// The value at a list of keys.
pub fn get_keys<'a>(value: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().try_fold(value, |v, k| match v {
        Value::Array(items) => items.get(index(k)?),
        _ => v.get(k),
    })
}

/// A key that is an entry's number (`1` of `materials.1.kind`).
fn index(key: &str) -> Option<usize> {
    let digits = !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| key.parse().ok()).flatten()
}

/// Puts `value` at `keys` inside `v`, which is replaced by what the first key needs: a list for
/// an entry's number (grown with empty entries up to it), else an object.
fn set_in(v: &mut Value, keys: &[&str], value: Value) {
    let Some((first, rest)) = keys.split_first() else {
        *v = value;
        return;
    };
    if let Some(i) = index(first).filter(|_| !v.is_object()) {
        if !v.is_array() {
            *v = Value::Array(Vec::new());
        }
        if let Value::Array(items) = v {
            while items.len() <= i {
                items.push(Value::Object(Map::new()));
            }
            set_in(&mut items[i], rest, value);
        }
        return;
    }
    if !v.is_object() {
        *v = Value::Object(Map::new());
    }
    if let Value::Object(m) = v {
        set_keys(m, keys, value);
    }
}

/// Puts `value` at a dotted path, making the objects on the way (a value on the way that is not
/// an object is replaced by one).
pub fn set(obj: &mut Map<String, Value>, path: &str, value: Value) {
    set_keys(obj, &keys(path), value);
}

/// [`set`] at a list of keys.
pub fn set_keys(obj: &mut Map<String, Value>, keys: &[&str], value: Value) {
    match keys {
        [] => {}
        [k] => {
            obj.insert((*k).to_owned(), value);
        }
        [k, rest @ ..] => {
            let inner = obj.entry((*k).to_owned()).or_insert(Value::Null);
            set_in(inner, rest, value);
        }
    }
}

/// Removes the value at a dotted path, and every object on the way that it leaves empty (the
/// engine's defaults then apply, and a file never holds `"settings": {}` because of an edit).
pub fn remove(obj: &mut Map<String, Value>, path: &str) {
    remove_keys(obj, &keys(path));
}

/// [`remove`] at a list of keys.
pub fn remove_keys(obj: &mut Map<String, Value>, keys: &[&str]) {
    match keys {
        [] => {}
        [k] => {
            obj.remove(*k);
        }
        [k, rest @ ..] => {
            let empty = match obj.get_mut(*k) {
                Some(Value::Object(child)) => {
                    remove_keys(child, rest);
                    child.is_empty()
                }
                // An entry of a list keeps its place (the later ones keep their numbers), even
                // when it is left empty.
                Some(Value::Array(items)) => {
                    if let (Some(i), [_, ..]) = (rest.first().and_then(|r| index(r)), &rest[1..]) {
                        if let Some(Value::Object(child)) = items.get_mut(i) {
                            remove_keys(child, &rest[1..]);
                        }
                    }
                    false
                }
                _ => false,
            };
            if empty {
                obj.remove(*k);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn set_makes_the_objects_on_the_way_and_get_reads_them() {
        let mut m = Map::new();
        set(&mut m, "last_year.cod_t", json!(12.5));
        set(&mut m, "last_year.so2_t", json!(3));
        assert_eq!(
            Value::Object(m.clone()),
            json!({ "last_year": { "cod_t": 12.5, "so2_t": 3 } })
        );
        let v = Value::Object(m);
        assert_eq!(get(&v, "last_year.cod_t"), Some(&json!(12.5)));
        assert_eq!(get(&v, "last_year.nox_t"), None);
        assert_eq!(get(&v, "before.cod_t"), None);
        let mut m = obj(json!({ "saved": 5 }));
        set(&mut m, "saved.coal_t", json!(1));
        assert_eq!(Value::Object(m), json!({ "saved": { "coal_t": 1 } }));
    }

    #[test]
    fn remove_drops_objects_it_empties_and_keeps_the_rest() {
        let mut m = obj(
            json!({ "targets": { "cod_t": 1, "x_note": "kept" }, "settings": { "crediting": "full_year" } }),
        );
        remove(&mut m, "targets.cod_t");
        remove(&mut m, "settings.crediting");
        assert_eq!(
            Value::Object(m.clone()),
            json!({ "targets": { "x_note": "kept" } })
        );
        remove(&mut m, "nothing.here");
        remove(&mut m, "targets.x_note.deeper");
        assert_eq!(Value::Object(m), json!({ "targets": { "x_note": "kept" } }));
    }

    #[test]
    fn a_number_names_an_entry_of_a_list() {
        let mut m = Map::new();
        set(&mut m, "measure.materials.1.kind", json!("ink"));
        assert_eq!(
            Value::Object(m.clone()),
            json!({ "measure": { "materials": [{}, { "kind": "ink" }] } })
        );
        set(&mut m, "measure.materials.0.usage_before_t", json!(5));
        let v = Value::Object(m.clone());
        assert_eq!(
            get(&v, "measure.materials.0.usage_before_t"),
            Some(&json!(5))
        );
        assert_eq!(get(&v, "measure.materials.1.kind"), Some(&json!("ink")));
        assert_eq!(get(&v, "measure.materials.2.kind"), None);
        remove(&mut m, "measure.materials.1.kind");
        assert_eq!(
            Value::Object(m.clone()),
            json!({ "measure": { "materials": [{ "usage_before_t": 5 }, {}] } })
        );
        // A number key inside an object stays an object's key.
        let mut m = obj(json!({ "codes": { "7": 1 } }));
        set(&mut m, "codes.8", json!(2));
        assert_eq!(Value::Object(m), json!({ "codes": { "7": 1, "8": 2 } }));
    }

    #[test]
    fn keys_with_dots_of_their_own_are_given_as_a_list() {
        let mut m = Map::new();
        set_keys(&mut m, &["overrides", "co2.per_tce", "value"], json!(2.6));
        let v = Value::Object(m.clone());
        assert_eq!(
            get_keys(&v, &["overrides", "co2.per_tce", "value"]),
            Some(&json!(2.6))
        );
        remove_keys(&mut m, &["overrides", "co2.per_tce", "value"]);
        assert!(m.is_empty());
    }
}
