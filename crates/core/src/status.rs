//! How far a coefficient has been checked against its source (docs/methodology.md §0).

use crate::choice::choice;
use crate::lang::Lang;

choice! {
    /// The status of a factor-library entry.
    pub enum Status {
        /// Read in (a reproduction of) the official text.
        Official => "official",
        /// Read in a secondary source.
        Secondary => "secondary",
        /// No readable source confirmed it; must be checked before a result is called official.
        Unverified => "unverified",
    }
}

impl Status {
    /// The mark that closes a coefficient's citation (`citation_zh`, `citation_en` in the
    /// library), as a Chinese official document states how far a figure is established. Every
    /// citation of the shipped libraries ends in the mark of its own status and contains no other
    /// (tests/it/citations.rs).
    pub fn citation_mark(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Official, Lang::Zh) => "（官方文本）",
            (Status::Official, Lang::En) => " (official text)",
            (Status::Secondary, Lang::Zh) => "（二手来源）",
            (Status::Secondary, Lang::En) => " (secondary source)",
            (Status::Unverified, Lang::Zh) => "（未核实）",
            (Status::Unverified, Lang::En) => " (unverified)",
        }
    }
}
