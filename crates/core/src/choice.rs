//! Text fields with a fixed list of values (`"municipal"`, `"start_month"`, …): the [`Choice`]
//! trait and the `choice!` macro that declares such an enum once, with its file names.

/// A text field with a fixed list of values (serialised as its file name).
pub trait Choice: Sized + Copy + PartialEq + 'static {
    /// The names in the file, in declaration order.
    const NAMES: &'static [&'static str];
    const VALUES: &'static [Self];
    fn parse(s: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .position(|n| *n == s)
            .map(|i| Self::VALUES[i])
    }
    fn name(self) -> &'static str;
}

/// Declares an enum usable as a [`Choice`] and with serde, each variant with its file name and,
/// for the choices of a form field, its names in both languages (then `OPTIONS` lists them).
macro_rules! choice {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $s)] $variant),+ }
        impl $crate::choice::Choice for $name {
            const NAMES: &'static [&'static str] = &[$($s),+];
            const VALUES: &'static [Self] = &[$($name::$variant),+];
            fn name(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
        }
    };
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $variant:ident => $s:literal ($zh:literal, $en:literal)),+ $(,)? }) => {
        $crate::choice::choice! { $(#[$m])* pub enum $name { $($(#[$vm])* $variant => $s),+ } }
        impl $name {
            /// Every value with its names, for a form's choice field.
            pub const OPTIONS: &'static [$crate::field::ChoiceOption] =
                &[$($crate::field::ChoiceOption::new($s, $zh, $en)),+];
        }
    };
}
pub(crate) use choice;
