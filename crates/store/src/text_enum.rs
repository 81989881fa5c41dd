//! Enumerated text columns (statuses, a member's side and answer): enums diesel reads and
//! writes directly as `Text` on every backend, so row structs hold the enum, not the
//! string. A text no version wrote reads as [`StoreError::Corrupt`] naming the column
//! (through [`UnknownText`] and the conversion of diesel's errors), never a panic.
//!
//! One invocation declares the enum with each variant's text and its column:
//!
//! ```ignore
//! text_enum! {
//!     /// Where a job stands.
//!     pub enum JobStatus in "jobs.status" {
//!         Running = "running",
//!         Succeeded = "succeeded",
//!     }
//! }
//! ```
//!
//! and gives it `ALL`, `as_str`, `parse`, serde's serialisation as that text, and
//! diesel's `ToSql`/`FromSql` as `Text`.
//!
//! [`StoreError::Corrupt`]: crate::StoreError::Corrupt

/// A value of an enumerated column that none of its variants spells.
#[derive(Debug)]
pub struct UnknownText {
    pub column: &'static str,
}

impl std::fmt::Display for UnknownText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown value in {}", self.column)
    }
}

impl std::error::Error for UnknownText {}

/// Declares an enumerated text column's enum (see the module).
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident in $column:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            serde::Serialize,
            diesel::expression::AsExpression,
            diesel::deserialize::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The text stored in the column.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text ),+
                }
            }

            /// The variant a stored text names, if any.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $( $text => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(self.as_str(), out)
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let text =
                    <String as diesel::deserialize::FromSql<diesel::sql_types::Text, DB>>::from_sql(bytes)?;
                $name::parse(&text).ok_or_else(|| $crate::text_enum::UnknownText { column: $column }.into())
            }
        }
    };
}

pub(crate) use text_enum;
