//! Typed quantities, so that a unit slip (tonnes for tce, mg/L for m³/d) does not compile.

use serde::{Deserialize, Serialize};
use std::ops::{Add, AddAssign, Mul, Sub};

macro_rules! quantity {
    ($(#[$doc:meta])* $name:ident, $unit:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub f64);

        impl $name {
            pub const UNIT: &'static str = $unit;
            pub fn get(self) -> f64 {
                self.0
            }
        }
        impl Add for $name {
            type Output = Self;
            fn add(self, o: Self) -> Self {
                Self(self.0 + o.0)
            }
        }
        impl AddAssign for $name {
            fn add_assign(&mut self, o: Self) {
                self.0 += o.0;
            }
        }
        impl Sub for $name {
            type Output = Self;
            fn sub(self, o: Self) -> Self {
                Self(self.0 - o.0)
            }
        }
        impl Mul<f64> for $name {
            type Output = Self;
            fn mul(self, k: f64) -> Self {
                Self(self.0 * k)
            }
        }
        impl std::iter::Sum for $name {
            fn sum<I: Iterator<Item = Self>>(it: I) -> Self {
                Self(it.map(|q| q.0).sum())
            }
        }
    };
}

quantity!(
    /// Mass in tonnes (t). Water is counted in tonnes too (1 m³ ≈ 1 t).
    Tonnes,
    "t"
);
quantity!(
    /// Tonnes of standard coal equivalent (tce, 1 kgce = 29,307 kJ).
    Tce,
    "tce"
);
quantity!(
    /// Flow in cubic metres per day.
    M3PerDay,
    "m³/d"
);
quantity!(
    /// Concentration in a liquid, mg/L (= g/m³).
    MgPerL,
    "mg/L"
);
quantity!(
    /// Concentration in flue gas, mg/Nm³.
    MgPerNm3,
    "mg/Nm³"
);

/// Mass removed from a water flow: Q [m³/d] × load × days × ΔC [g/m³] → t.
pub fn water_mass(flow: M3PerDay, load_rate: f64, days: f64, delta: MgPerL) -> Tonnes {
    Tonnes(flow.0 * load_rate * days * delta.0 * 1e-6)
}

/// Mass carried by a gas flow: V [Nm³/h] × hours × ΔC [mg/Nm³] → t.
pub fn gas_mass(flow_nm3_per_h: f64, hours: f64, delta: MgPerNm3) -> Tonnes {
    Tonnes(flow_nm3_per_h * hours * delta.0 * 1e-9)
}
