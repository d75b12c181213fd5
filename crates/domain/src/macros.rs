//! Macros shared by the domains.

/// Defines a closed vocabulary stored by stable identifier: `ALL`, `as_str`, `parse`, and a
/// serialisation as that identifier (so JSON, the database and URLs spell a value alike).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}
