//! One stable sort for the whole program (issue 20). The standard library's sort is compiled
//! once per element type and comparator (a quicksort, a drift sort and small sorts: ≈3.5 KB of
//! wasm each time; the app had 18 copies). Here a list is sorted through the one sort of
//! positions, `[usize]` behind a `dyn` comparator ([`positions`]), and its items moved into that
//! order: the order `slice::sort_by` gives (stable: equal items keep their order). Maps and sets
//! are built by inserting, which `BTreeMap::from_iter` would do after a sort of its own.

use serde_json::{Map, Value};
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// The positions `0..n` in the order `cmp` puts them, equal ones in their own order.
pub fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut at: Vec<usize> = (0..n).collect();
    at.sort_by(|&a, &b| cmp(a, b));
    at
}

/// `v.sort_by(cmp)` with the one copy of the sort.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut items: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| items[i].take()));
}

/// `v.sort_by_key(key)` with the one copy of the sort.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// A JSON object of `entries` (a later repeated key wins, as `collect` would have it).
pub fn object(entries: impl IntoIterator<Item = (String, Value)>) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in entries {
        out.insert(k, v);
    }
    out
}

/// The set of `items`.
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut out = BTreeSet::new();
    for x in items {
        out.insert(x);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_is_the_standard_stable_sort() {
        // Sorted by the letter only: the equal letters keep their numbers' order (b1 b2, a3 a5).
        let items = vec![("b", 1), ("a", 3), ("c", 0), ("b", 2), ("a", 5)];
        let mut mine = items.clone();
        sort_by(&mut mine, |x, y| x.0.cmp(y.0));
        assert_eq!(mine, [("a", 3), ("a", 5), ("b", 1), ("b", 2), ("c", 0)]);
        let mut std = items.clone();
        std.sort_by(|x, y| x.0.cmp(y.0));
        assert_eq!(mine, std);
        // Descending by number, by key.
        let mut by_key = items;
        sort_by_key(&mut by_key, |x| std::cmp::Reverse(x.1));
        assert_eq!(by_key, [("a", 5), ("a", 3), ("b", 2), ("b", 1), ("c", 0)]);
        assert_eq!(positions(0, &|a, b| a.cmp(&b)), [] as [usize; 0]);
    }

    #[test]
    fn maps_and_sets_are_those_collect_builds() {
        let entries =
            || [("b", 1), ("a", 2), ("b", 3)].map(|(k, v)| (k.to_owned(), Value::from(v)));
        let collected: Map<String, Value> = entries().into_iter().collect();
        assert_eq!(object(entries()), collected);
        // The later "b" wins: {"a": 2, "b": 3}.
        assert_eq!(object(entries())["b"], 3);
        assert_eq!(
            set(["y", "x", "y"]).into_iter().collect::<Vec<_>>(),
            ["x", "y"]
        );
    }
}
