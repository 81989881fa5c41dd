//! Typed ids. Each wraps the row's `BigInt` primary key and maps to and from SQL on
//! every backend, so a `NeighbourId` cannot be passed where a `RequestId` is meant.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::BigInt;
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            Serialize, Deserialize, AsExpression, FromSqlRow,
        )]
        #[diesel(sql_type = BigInt)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The raw key.
            pub fn get(self) -> i64 {
                self.0
            }

            /// Parses an id as it appears in a path or body: a positive decimal number
            /// without sign, spaces or leading zeros. Anything else is `None`.
            pub fn parse(s: &str) -> Option<Self> {
                if s.is_empty() || s.len() > 19 || s.starts_with('0') {
                    return None;
                }
                if !s.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                s.parse::<i64>().ok().filter(|v| *v > 0).map($name)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl<DB> ToSql<BigInt, DB> for $name
        where
            DB: Backend,
            i64: ToSql<BigInt, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                <i64 as ToSql<BigInt, DB>>::to_sql(&self.0, out)
            }
        }

        impl<DB> FromSql<BigInt, DB> for $name
        where
            DB: Backend,
            i64: FromSql<BigInt, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                <i64 as FromSql<BigInt, DB>>::from_sql(bytes).map($name)
            }
        }
    };
}

id_type!(
    /// An organisation (tenant).
    OrgId
);
id_type!(
    /// A neighbourhood of an organisation.
    NeighbourhoodId
);
id_type!(
    /// A coordinator or admin account.
    UserId
);
id_type!(
    /// A partner app (row id; the OAuth `client_id` is a separate string).
    ClientId
);
id_type!(
    /// A participating resident.
    NeighbourId
);
id_type!(
    /// A help request.
    RequestId
);
id_type!(
    /// A match (proposal or pairing).
    MatchId
);
id_type!(
    /// An exchange of help or thanks.
    ExchangeId
);
id_type!(
    /// A service in the directory.
    ServiceId
);
id_type!(
    /// A referral to a service.
    ReferralId
);
id_type!(
    /// An audit row.
    AuditId
);
id_type!(
    /// An outbox message.
    OutboxId
);
id_type!(
    /// A batch job.
    JobId
);
id_type!(
    /// An entry of the coordinator's phone list (`notification_calls`).
    CallId
);
id_type!(
    /// A group suggestion of the re-matching run (`match_groups`).
    GroupId
);
id_type!(
    /// A signal: a need that reached the organisation before anyone asked.
    SignalId
);
id_type!(
    /// A check-in: one member of an active pair asked whether it still goes well.
    CheckInId
);

impl From<NeighbourId> for nabij_engine::NeighbourId {
    fn from(id: NeighbourId) -> Self {
        // Keys are positive (AUTOINCREMENT / BIGSERIAL start at 1).
        nabij_engine::NeighbourId(id.0.unsigned_abs())
    }
}

impl TryFrom<nabij_engine::NeighbourId> for NeighbourId {
    type Error = std::num::TryFromIntError;

    fn try_from(id: nabij_engine::NeighbourId) -> Result<Self, Self::Error> {
        i64::try_from(id.0).map(NeighbourId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_only_plain_positive_numbers() {
        assert_eq!(OrgId::parse("42"), Some(OrgId(42)));
        for bad in [
            "",
            "0",
            "-1",
            "+1",
            "01",
            " 1",
            "1 ",
            "1e3",
            "99999999999999999999",
            "x",
        ] {
            assert_eq!(OrgId::parse(bad), None, "{bad:?}");
        }
        assert_eq!(
            NeighbourId::parse("9223372036854775807"),
            Some(NeighbourId(i64::MAX))
        );
    }
}
