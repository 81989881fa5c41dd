//! Enumerated text columns (statuses, a member's side and answer): enums diesel reads and
//! writes directly as `Text` on every backend, so row structs hold the enum, not the
//! string. A text no version wrote reads as [`StoreError::Corrupt`] naming the column
//! (through [`UnknownText`] and the conversion of diesel's errors), never a panic.
//!
//! An enum takes part with `#[derive(AsExpression, FromSqlRow)]`,
//! `#[diesel(sql_type = Text)]`, methods `as_str(self) -> &'static str` and
//! `parse(&str) -> Option<Self>`, and one line `text_enum!(Enum, "table.column");`.
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

/// `ToSql`/`FromSql` as `Text` for an enum with `as_str` and `parse` (see the module).
macro_rules! text_enum {
    ($name:ident, $column:literal) => {
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
