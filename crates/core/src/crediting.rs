//! Partial-year crediting (docs/methodology.md §2): how many of the year's months a project is
//! credited.

use crate::settings::Category;
use crate::settings::Crediting;

/// Credited months (0–12) for a project starting in `start_month` (1–12; `None` = whole year).
pub fn credited_months(rule: Crediting, category: Category, start_month: Option<u8>) -> u8 {
    let Some(m) = start_month.map(|m| m.clamp(1, 12)) else {
        return 12;
    };
    match (rule, category) {
        (Crediting::FullYear, _) => 12,
        (Crediting::SecondMonth, Category::Engineering | Category::Management) => 12 - m,
        (Crediting::StartMonth, _) | (Crediting::SecondMonth, Category::Structural) => 13 - m,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Category::*;
    use Crediting::*;

    #[test]
    fn months_by_rule() {
        // (rule, category, start month, expected months), from docs/methodology.md §2.1.
        let cases = [
            (StartMonth, Engineering, None, 12),
            (StartMonth, Engineering, Some(1), 12),
            (StartMonth, Engineering, Some(6), 7),
            (StartMonth, Engineering, Some(12), 1),
            (SecondMonth, Engineering, Some(6), 6),
            (SecondMonth, Management, Some(12), 0),
            (SecondMonth, Structural, Some(6), 7),
            (SecondMonth, Engineering, None, 12),
            (FullYear, Structural, Some(9), 12),
        ];
        for (rule, cat, m, want) in cases {
            assert_eq!(
                credited_months(rule, cat, m),
                want,
                "{rule:?} {cat:?} {m:?}"
            );
        }
    }
}
