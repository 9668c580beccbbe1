//! Dotted paths into the file format (`last_year.cod_t`, `settings.crediting`,
//! `measure.saved.coal_t`): the one place that walks a project file's JSON by path. A path is
//! split at every dot; a key that holds dots of its own (a factor id such as `co2.per_tce`) is
//! given as a list of keys instead ([`get_keys`], [`set_keys`], [`remove_keys`]).

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
    keys.iter().try_fold(value, |v, k| v.get(k))
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
            let inner = obj
                .entry((*k).to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !inner.is_object() {
                *inner = Value::Object(Map::new());
            }
            if let Value::Object(m) = inner {
                set_keys(m, rest, value);
            }
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
