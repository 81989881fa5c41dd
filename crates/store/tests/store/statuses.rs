//! Statuses are enums that diesel reads and writes directly; a text no version wrote
//! reads as `Corrupt(column)`, not a panic.

use crate::common::{neighbour, new_request, org, Ctx};
use diesel::prelude::*;
use nabij_store::request::{self as rq, RequestStatus};
use nabij_store::{schema, StoreError};

crate::on_both_backends!(
    statuses_round_trip_and_unknown_text_is_corrupt: 2,
);

fn statuses_round_trip_and_unknown_text_is_corrupt(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let id = ctx
        .store
        .write(|c| {
            let asker = neighbour(c, a, "Asker", 0, 0);
            Ok(rq::create(c, a, &new_request(asker))?.id)
        })
        .unwrap();
    let r = ctx.store.read(|c| rq::get(c, a, id)).unwrap();
    assert_eq!(r.status, RequestStatus::Open);
    // Written as the enum, read back as the enum.
    ctx.store
        .write(|c| {
            diesel::update(schema::help_requests::table.find(id))
                .set(schema::help_requests::status.eq(RequestStatus::Expired))
                .execute(c)?;
            Ok(())
        })
        .unwrap();
    assert_eq!(
        ctx.store.read(|c| rq::get(c, a, id)).unwrap().status,
        RequestStatus::Expired
    );
    // The columns have CHECK constraints, so an unknown text is read from a literal.
    let read = ctx.store.read(|c| {
        Ok(
            diesel::select(diesel::dsl::sql::<diesel::sql_types::Text>("'on_hold'"))
                .get_result::<RequestStatus>(c)?,
        )
    });
    match read {
        Err(StoreError::Corrupt(column)) => assert_eq!(column, "help_requests.status"),
        other => panic!("{other:?}"),
    }
}
