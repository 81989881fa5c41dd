//! Finding neighbours for the coordinators' list, and keeping the service directory,
//! on both backends.

use crate::common::{new_neighbour, org, Ctx};
use nabij_store::neighbour::NeighbourUpdate;
use nabij_store::neighbour_search::{search, NeighbourSearch};
use nabij_store::neighbourhood::NewNeighbourhood;
use nabij_store::referral::{NewReferral, ReferralReason};
use nabij_store::service::{NewService, ServiceUpdate};
use nabij_store::{erasure, neighbour as nb, neighbourhood, referral, request as rq, service, StoreError};

crate::on_both_backends!(
    neighbours_are_found_by_name_neighbourhood_tag_and_status: 2,
    services_change_and_leave_the_directory_but_referrals_stay: 2,
);

/// The names on a page, sorted (the order of the rows follows the database's collation,
/// which differs between SQLite and PostgreSQL for accented letters).
fn names(page: &nabij_store::neighbour_search::SearchPage) -> Vec<String> {
    let mut v: Vec<String> = page.rows.iter().map(|n| n.display_name.clone()).collect();
    v.sort();
    v
}

fn find(
    c: &mut nabij_store::DbConnection,
    org: nabij_store::OrgId,
    s: NeighbourSearch,
) -> nabij_store::Result<nabij_store::neighbour_search::SearchPage> {
    search(c, org, &NeighbourSearch { limit: 50, ..s })
}

fn neighbours_are_found_by_name_neighbourhood_tag_and_status(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let b = org(&ctx.store, "deerlijk");
    ctx.store
        .write(|c| {
            let hood = |name: &str, c: &mut nabij_store::DbConnection| {
                neighbourhood::create(
                    c,
                    a,
                    &NewNeighbourhood {
                        name: name.into(),
                        centre_lat: 51.2167,
                        centre_lon: 5.4167,
                        radius_m: 2000.0,
                    },
                )
                .map(|h| h.id)
            };
            let (centrum, lindel) = (hood("Centrum", c)?, hood("Lindel", c)?);
            let mut add = |name: &str, h, talents: &[&str], paused: bool| {
                let mut f = new_neighbour(name, 51.2167, 5.4167, 1);
                f.neighbourhood_id = Some(h);
                f.email = None;
                f.interests = vec![];
                f.talents = talents.iter().map(|t| t.to_string()).collect();
                f.paused = paused;
                nb::create(c, a, &f).map(|n| n.id)
            };
            add("Émile Janssens", centrum, &["walking"], false)?;
            add("Jan Peeters", lindel, &["shopping"], true)?;
            add("Mieke JANSEN", lindel, &["games"], false)?;
            add("100% zeker_niet", centrum, &[], false)?;
            let gone = add("Jan Gewist", centrum, &["walking"], false)?;
            erasure::erase(c, a, gone)?;
            let mut other = new_neighbour("Jan Deerlijk", 50.85, 3.35, 1);
            other.talents = vec!["walking".into()];
            other.email = None;
            nb::create(c, b, &other)?;

            let page = find(c, a, NeighbourSearch::default())?;
            assert_eq!(page.total, 4, "erased and other organisations left out");
            assert_eq!(
                names(&page),
                ["100% zeker_niet", "Jan Peeters", "Mieke JANSEN", "Émile Janssens"]
            );
            let jan = find(
                c,
                a,
                NeighbourSearch {
                    name: Some("jan".into()),
                    ..Default::default()
                },
            )?;
            assert_eq!(names(&jan), ["Jan Peeters", "Mieke JANSEN", "Émile Janssens"]);
            // LIKE wildcards typed are literal.
            let pct = find(
                c,
                a,
                NeighbourSearch {
                    name: Some("%".into()),
                    ..Default::default()
                },
            )?;
            assert_eq!(names(&pct), ["100% zeker_niet"]);
            let us = find(
                c,
                a,
                NeighbourSearch {
                    name: Some("n_e".into()),
                    ..Default::default()
                },
            )?;
            assert_eq!(us.total, 0, "_ is not a wildcard");
            let lin = find(
                c,
                a,
                NeighbourSearch {
                    neighbourhood: Some(lindel),
                    ..Default::default()
                },
            )?;
            assert_eq!(names(&lin), ["Jan Peeters", "Mieke JANSEN"]);
            let walk = find(
                c,
                a,
                NeighbourSearch {
                    tag: Some("walking".into()),
                    ..Default::default()
                },
            )?;
            assert_eq!(names(&walk), ["Émile Janssens"]);
            let paused = find(
                c,
                a,
                NeighbourSearch {
                    paused: Some(true),
                    ..Default::default()
                },
            )?;
            assert_eq!(names(&paused), ["Jan Peeters"]);
            let limited = find(
                c,
                a,
                NeighbourSearch {
                    limited_to: Some(vec![centrum]),
                    name: Some("jan".into()),
                    ..Default::default()
                },
            )?;
            assert_eq!(names(&limited), ["Émile Janssens"]);
            // Pages: the total stays, the rows move on, together they hold everyone once.
            let p1 = search(
                c,
                a,
                &NeighbourSearch {
                    offset: 0,
                    limit: 2,
                    ..Default::default()
                },
            )?;
            let p2 = search(
                c,
                a,
                &NeighbourSearch {
                    offset: 2,
                    limit: 2,
                    ..Default::default()
                },
            )?;
            assert_eq!((p1.total, p2.total, p1.rows.len(), p2.rows.len()), (4, 4, 2, 2));
            let mut both = [names(&p1), names(&p2)].concat();
            both.sort();
            assert_eq!(both, names(&page));
            // A change of status is found at once.
            let jan_id = jan.rows[0].id;
            nb::update(
                c,
                a,
                jan_id,
                &NeighbourUpdate {
                    paused: Some(false),
                    ..Default::default()
                },
            )?;
            assert_eq!(
                find(
                    c,
                    a,
                    NeighbourSearch {
                        paused: Some(true),
                        ..Default::default()
                    }
                )?
                .total,
                0
            );
            Ok(())
        })
        .unwrap();
}

fn services_change_and_leave_the_directory_but_referrals_stay(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let b = org(&ctx.store, "deerlijk");
    ctx.store
        .write(|c| {
            let s = service::create(
                c,
                a,
                &NewService {
                    name: "Thuiszorg".into(),
                    categories: vec!["personal_care".into()],
                    phone: Some("011 22 33 44".into()),
                    ..Default::default()
                },
            )?;
            let changed = service::update(
                c,
                a,
                s.id,
                &ServiceUpdate {
                    description: Some(" Zorg aan huis ".into()),
                    categories: Some(vec![
                        "structural".into(),
                        "personal_care".into(),
                        "structural".into(),
                    ]),
                    phone: Some(None),
                    area: Some(Some("".into())),
                    ..Default::default()
                },
            )?;
            assert_eq!(changed.name, "Thuiszorg");
            assert_eq!(changed.description, "Zorg aan huis");
            assert_eq!(changed.categories()?, ["personal_care", "structural"]);
            assert_eq!((changed.phone.clone(), changed.area.clone()), (None, None));
            assert_eq!(service::update(c, a, s.id, &ServiceUpdate::default())?, changed);
            for bad in [
                ServiceUpdate {
                    name: Some("  ".into()),
                    ..Default::default()
                },
                ServiceUpdate {
                    categories: Some(vec!["Zorg!".into()]),
                    ..Default::default()
                },
                ServiceUpdate {
                    email: Some(Some("x".repeat(300))),
                    ..Default::default()
                },
            ] {
                assert!(matches!(
                    service::update(c, a, s.id, &bad),
                    Err(StoreError::Invalid(_))
                ));
            }
            assert!(matches!(
                service::update(c, b, s.id, &ServiceUpdate::default()),
                Err(StoreError::NotFound)
            ));
            assert!(matches!(service::remove(c, b, s.id), Err(StoreError::NotFound)));

            // Referred to, then removed: the referral keeps pointing at it.
            let n = nb::create(c, a, &new_neighbour("An", 51.2167, 5.4167, 1))?.id;
            let r = rq::create(c, a, &crate::common::new_request(n))?.id;
            let made = referral::create(
                c,
                a,
                &NewReferral {
                    request_id: r,
                    service_id: Some(s.id),
                    reason: ReferralReason::CoordinatorChoice,
                    created_by: "user:1".into(),
                },
            )?;
            service::remove(c, a, s.id)?;
            assert!(matches!(service::get(c, a, s.id), Err(StoreError::NotFound)));
            assert!(service::get_any(c, a, s.id)?.is_removed());
            assert!(service::list(c, a, None, 100)?.is_empty());
            assert!(service::for_category(c, a, "personal_care")?.is_empty());
            assert!(matches!(service::remove(c, a, s.id), Err(StoreError::NotFound)));
            assert!(matches!(
                service::update(
                    c,
                    a,
                    s.id,
                    &ServiceUpdate {
                        name: Some("Terug".into()),
                        ..Default::default()
                    }
                ),
                Err(StoreError::NotFound)
            ));
            assert_eq!(referral::get(c, a, made.id)?.service_id, Some(s.id));
            Ok(())
        })
        .unwrap();
}
