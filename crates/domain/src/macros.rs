//! Macros shared by the domains.

/// Defines a closed vocabulary stored by stable identifier: `ALL`, `as_str`, `parse`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Stable identifier (database, URLs, API, translation keys).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// Parses the stable identifier.
            pub fn parse(value: &str) -> Option<Self> {
                let value = value.trim();
                Self::ALL.iter().copied().find(|v| v.as_str() == value)
            }
        }
    };
}
