//! How far a coefficient has been checked against its source (docs/methodology.md §0).

use crate::choice::choice;

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
