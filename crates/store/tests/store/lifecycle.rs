//! A match from proposal to follow-up, and the engine views built from the rows.

use crate::common::{neighbour, new_neighbour, org, request, Ctx};
use nabij_store::exchange::NewExchange;
use nabij_store::matching::{FollowUp, MatchStatus};
use nabij_store::referral::{NewReferral, ReferralReason};
use nabij_store::request::RequestStatus;
use nabij_store::service::NewService;
use nabij_store::{exchange, matching, neighbour as nb, referral, request as rq, service, StoreError};

crate::on_both_backends!(
    match_lifecycle_and_engine_views: 4,
);

fn match_lifecycle_and_engine_views(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let (asker, c1, c2, req) = ctx
        .store
        .write(|c| {
            let asker = neighbour(c, a, "Asker", 0, 0);
            let c1 = neighbour(c, a, "One", 1, 2);
            let c2 = neighbour(c, a, "Two", 2, 2);
            let req = request(c, a, asker);
            Ok((asker, c1, c2, req))
        })
        .unwrap();
    // The requester cannot be their own companion; nobody can be proposed twice.
    ctx.store
        .write(|c| {
            assert!(matches!(matching::propose(c, a, req, &[asker]), Err(StoreError::Invalid(_))));
            let m1 = matching::propose(c, a, req, &[c1])?;
            assert_eq!(m1.requester(), Some(asker));
            assert!(matches!(matching::propose(c, a, req, &[c1]), Err(StoreError::Conflict(code)) if code == "already_proposed"));
            assert_eq!(rq::get(c, a, req)?.status, RequestStatus::Proposed);
            // Declining is free: the pair is remembered, the request is open again.
            let d = matching::decline(c, a, m1.row.id, c1)?;
            assert_eq!(d.row.status, MatchStatus::Declined);
            assert_eq!(rq::get(c, a, req)?.status, RequestStatus::Open);
            assert!(matches!(matching::propose(c, a, req, &[c1]), Err(StoreError::Conflict(code)) if code == "declined_before"));
            assert!(matches!(matching::accept(c, a, m1.row.id, asker), Err(StoreError::Conflict(code)) if code == "match_not_proposed"));
            // A good match with c2.
            let m2 = matching::propose(c, a, req, &[c2])?.row.id;
            matching::accept(c, a, m2, c2)?;
            assert_eq!(matching::get(c, a, m2)?.status, MatchStatus::Proposed, "active only when both sides accepted");
            matching::accept(c, a, m2, asker)?;
            assert_eq!(rq::get(c, a, req)?.status, RequestStatus::Matched);
            assert_eq!(nb::get(c, a, c2)?.active_matches, 1);
            assert_eq!(nb::get(c, a, asker)?.active_matches, 0, "asking uses no capacity");
            let ex = NewExchange { from_id: c2, to_id: asker, kind: nabij_engine::reciprocity::ExchangeKind::Help, match_id: Some(m2), at: None };
            exchange::create(c, a, &ex)?;
            let thanks = NewExchange { from_id: asker, to_id: c2, kind: nabij_engine::reciprocity::ExchangeKind::Thanks, ..ex };
            exchange::create(c, a, &thanks)?;
            matching::close(c, a, m2, &FollowUp { met: true, mutual_support: true, note: Some("fijn".into()) })?;
            assert_eq!(rq::get(c, a, req)?.status, RequestStatus::Closed);
            assert_eq!(nb::get(c, a, c2)?.active_matches, 0);
            Ok(())
        })
        .unwrap();
    // Engine views.
    ctx.store
        .read(|c| {
            let now = chrono::Utc::now();
            let profiles = nb::load_profiles(c, a, now)?;
            assert_eq!(profiles.len(), 3);
            let p2 = profiles.iter().find(|p| p.id.0 == c2.0 as u64).unwrap();
            assert!(
                (p2.balance.given - 1.0).abs() < 1e-6 && (p2.balance.received - 0.3).abs() < 1e-6,
                "{:?}",
                p2.balance
            );
            assert!(p2.talents.len() == 2 && p2.languages.0 != 0 && p2.availability.count() == 2);
            let row = rq::get(c, a, req)?;
            let hr = rq::to_help_request(c, a, &row)?;
            assert_eq!(hr.requester.0, asker.0 as u64);
            assert_eq!(
                hr.declined_with.iter().map(|n| n.0).collect::<Vec<_>>(),
                vec![c1.0 as u64]
            );
            assert_eq!(
                hr.met_before.iter().map(|n| n.0).collect::<Vec<_>>(),
                vec![c2.0 as u64]
            );
            assert_eq!(hr.tags.len(), 1);
            let export = nabij_store::export::neighbour(c, a, asker)?;
            assert_eq!(
                (
                    export.requests.len(),
                    export.matches.len(),
                    export.exchanges.len()
                ),
                (1, 2, 2)
            );
            Ok(())
        })
        .unwrap();
    // Referral of a new out-of-scope request.
    ctx.store
        .write(|c| {
            let mut form = crate::common::new_request(asker);
            form.scope.in_scope = false;
            form.scope.category = nabij_engine::scope::ScopeCategory::PersonalCare;
            let r = rq::create(c, a, &form)?;
            assert_eq!(r.status, RequestStatus::ReferralNeeded);
            assert!(matches!(matching::propose(c, a, r.id, &[c2]), Err(StoreError::Conflict(code)) if code == "request_status"));
            let svc = service::create(c, a, &NewService { name: "Thuiszorg".into(), categories: vec!["personal_care".into()], ..Default::default() })?;
            assert_eq!(service::for_category(c, a, "personal_care")?.len(), 1);
            referral::create(c, a, &NewReferral { request_id: r.id, service_id: Some(svc.id), reason: ReferralReason::OutOfScope, created_by: "user:1".into() })?;
            assert_eq!(rq::get(c, a, r.id)?.status, RequestStatus::Referred);
            Ok(())
        })
        .unwrap();
    // Input is checked at the store's edge too.
    let bad = ctx
        .store
        .write(|c| nb::create(c, a, &new_neighbour("Far", 40.0, 5.0, 1)));
    assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");
    let mut form = new_neighbour("Tags", 51.2, 5.4, 1);
    form.talents = vec!["skydiving".into()];
    assert!(matches!(
        ctx.store.write(|c| nb::create(c, a, &form)),
        Err(StoreError::Invalid(_))
    ));
}
