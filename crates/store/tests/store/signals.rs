//! Signals on both backends: filing (with the contact-by default per source and an
//! organisation's override), exactly one outcome, tenancy, recurring calls due from
//! their date, and erasure (one signal, or with the neighbour it is about).

use crate::common::{neighbour, org, Ctx};
use chrono::Days;
use nabij_store::calls;
use nabij_store::organisation::{self, OrgSettings};
use nabij_store::service::NewService;
use nabij_store::signal::{
    self, add_working_days, today, Basis, LifeDomain, NewSignal, OutcomeRecord, SignalFilter, SignalOutcome,
    SignalSource, SignalStatus, Subject,
};
use nabij_store::testing::{count_sql, execute_sql};
use nabij_store::{erasure, service, SignalId, StoreError};

crate::on_both_backends!(
    a_signal_is_filed_with_its_contact_by_date_and_closed_once: 2,
    bad_signals_write_nothing_and_other_organisations_see_nothing: 2,
    erasure_clears_signals_and_recurring_calls_wait_for_their_day: 2,
);

fn card(name: &str) -> NewSignal {
    NewSignal {
        neighbourhood_id: None,
        subject: Subject::Person {
            name: name.to_string(),
            phone: Some("011 22 33 44".to_string()),
            address: None,
            basis: Basis::SignedCard,
        },
        source: SignalSource::ReferralCard,
        referring_partner: Some("Huisartsenpraktijk De Linde".to_string()),
        referring_service_id: None,
        signed_on: Some(today()),
        life_domains: vec![LifeDomain::SocialContact, LifeDomain::Mobility],
        text: "Komt weinig buiten sinds de val.".to_string(),
        contact_by: None,
        filed_by: "client:apotheek".to_string(),
    }
}

fn a_signal_is_filed_with_its_contact_by_date_and_closed_once(ctx: Ctx) {
    let store = &ctx.store;
    let pelt = org(store, "pelt");
    let s = store.write(|c| signal::create(c, pelt, &card("Maria"))).unwrap();
    assert_eq!(s.contact_by().unwrap(), add_working_days(today(), 5));
    assert_eq!(s.status(), SignalStatus::Open);
    assert_eq!(
        s.life_domains().unwrap(),
        vec![LifeDomain::SocialContact, LifeDomain::Mobility]
    );
    assert!(!s.is_overdue(today()));

    // The organisation's override wins.
    store
        .write(|c| {
            let mut settings = OrgSettings::default();
            settings.signal_contact_days.insert("referral_card".into(), 2);
            organisation::update_settings(c, pelt, &settings)
        })
        .unwrap();
    let s2 = store.write(|c| signal::create(c, pelt, &card("Jos"))).unwrap();
    assert_eq!(s2.contact_by().unwrap(), add_working_days(today(), 2));

    // Overdue: open with its date passed.
    let past = today().checked_sub_days(Days::new(3)).unwrap().format("%Y-%m-%d");
    store
        .write(|c| {
            execute_sql(
                c,
                &format!("UPDATE signals SET contact_by = '{past}' WHERE id = {}", s2.id),
            )
        })
        .unwrap();
    let overdue = store
        .read(|c| {
            signal::list(
                c,
                pelt,
                &SignalFilter {
                    overdue: true,
                    limit: 50,
                    ..SignalFilter::default()
                },
            )
        })
        .unwrap();
    assert_eq!(overdue.iter().map(|s| s.id).collect::<Vec<_>>(), vec![s2.id]);
    let inbox = store.read(|c| signal::inbox(c, pelt, None, 50)).unwrap();
    assert_eq!(inbox.iter().map(|s| s.id).collect::<Vec<_>>(), vec![s2.id, s.id]);

    // One outcome; a second is a conflict and changes nothing.
    let rec = OutcomeRecord {
        outcome: SignalOutcome::NoActionWanted,
        by: "user:1".into(),
        neighbour_id: None,
        request_id: None,
        service_id: None,
        call_id: None,
        on: Some(today()),
        note: Some("Maria zelf".into()),
    };
    let closed = store.write(|c| signal::close(c, pelt, s.id, &rec)).unwrap();
    assert_eq!(closed.outcome().unwrap(), Some(SignalOutcome::NoActionWanted));
    assert_eq!(closed.status(), SignalStatus::Closed);
    let again = OutcomeRecord {
        outcome: SignalOutcome::Referred,
        ..rec.clone()
    };
    let e = store.write(|c| signal::close(c, pelt, s.id, &again)).unwrap_err();
    assert!(
        matches!(e, StoreError::Conflict(ref code) if code == "signal_closed"),
        "{e:?}"
    );
    let still = store.read(|c| signal::get(c, pelt, s.id)).unwrap();
    assert_eq!(still, closed);
    let closed_list = store
        .read(|c| {
            signal::list(
                c,
                pelt,
                &SignalFilter {
                    status: Some(SignalStatus::Closed),
                    limit: 50,
                    ..SignalFilter::default()
                },
            )
        })
        .unwrap();
    assert_eq!(closed_list.len(), 1);
}

fn bad_signals_write_nothing_and_other_organisations_see_nothing(ctx: Ctx) {
    let store = &ctx.store;
    let pelt = org(store, "pelt");
    let moorslede = org(store, "moorslede");
    let bad = vec![
        NewSignal {
            life_domains: vec![],
            ..card("Maria")
        },
        NewSignal {
            life_domains: vec![LifeDomain::Health, LifeDomain::Health],
            ..card("Maria")
        },
        NewSignal {
            text: "bidi \u{202e} trick".into(),
            ..card("Maria")
        },
        NewSignal {
            signed_on: None,
            ..card("Maria")
        },
        NewSignal {
            referring_partner: None,
            ..card("Maria")
        },
        NewSignal {
            subject: Subject::Person {
                name: "Maria".into(),
                phone: None,
                address: Some("  ".into()),
                basis: Basis::Concern,
            },
            ..card("Maria")
        },
        NewSignal {
            contact_by: today().checked_sub_days(Days::new(1)),
            ..card("Maria")
        },
    ];
    for form in &bad {
        let e = store.write(|c| signal::create(c, pelt, form)).unwrap_err();
        assert!(matches!(e, StoreError::Invalid(_)), "{form:?}: {e:?}");
    }
    // Another organisation's neighbour or service is an unknown reference.
    let theirs = store
        .write(|c| Ok(neighbour(c, moorslede, "Bert", 1, 2)))
        .unwrap();
    let e = store
        .write(|c| {
            signal::create(
                c,
                pelt,
                &NewSignal {
                    subject: Subject::Neighbour(theirs),
                    source: SignalSource::Companion,
                    signed_on: None,
                    ..card("-")
                },
            )
        })
        .unwrap_err();
    assert!(matches!(e, StoreError::UnknownReference("neighbour_id")), "{e:?}");
    let their_service = store
        .write(|c| {
            service::create(
                c,
                moorslede,
                &NewService {
                    name: "OCMW".into(),
                    description: String::new(),
                    categories: vec!["heavy".into()],
                    phone: None,
                    email: None,
                    website: None,
                    area: None,
                },
            )
        })
        .unwrap();
    let e = store
        .write(|c| {
            signal::create(
                c,
                pelt,
                &NewSignal {
                    referring_service_id: Some(their_service.id),
                    ..card("Maria")
                },
            )
        })
        .unwrap_err();
    assert!(
        matches!(e, StoreError::UnknownReference("referring_service_id")),
        "{e:?}"
    );
    assert_eq!(
        store
            .read(|c| count_sql(c, "SELECT COUNT(*) AS n FROM signals"))
            .unwrap(),
        0
    );

    let s = store.write(|c| signal::create(c, pelt, &card("Maria"))).unwrap();
    let e = store.read(|c| signal::get(c, moorslede, s.id)).unwrap_err();
    assert!(matches!(e, StoreError::NotFound));
    let e = store
        .read(|c| signal::get(c, pelt, SignalId(s.id.get() + 100)))
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound));
    let theirs = store
        .read(|c| {
            signal::list(
                c,
                moorslede,
                &SignalFilter {
                    limit: 50,
                    ..SignalFilter::default()
                },
            )
        })
        .unwrap();
    assert!(theirs.is_empty());
}

fn erasure_clears_signals_and_recurring_calls_wait_for_their_day(ctx: Ctx) {
    let store = &ctx.store;
    let pelt = org(store, "pelt");
    let an = store.write(|c| Ok(neighbour(c, pelt, "An", 1, 2))).unwrap();
    let about_an = NewSignal {
        subject: Subject::Neighbour(an),
        source: SignalSource::Companion,
        signed_on: None,
        referring_partner: None,
        ..card("-")
    };
    let s1 = store.write(|c| signal::create(c, pelt, &about_an)).unwrap();
    let s2 = store.write(|c| signal::create(c, pelt, &about_an)).unwrap();
    let other = store.write(|c| signal::create(c, pelt, &card("Maria"))).unwrap();

    // A recurring call waits for its day.
    let tomorrow = today().checked_add_days(Days::new(1)).unwrap();
    let call = store
        .write(|c| {
            calls::add_due_from(
                c,
                pelt,
                an,
                calls::RECURRING_CALL,
                tomorrow.and_hms_opt(0, 0, 0).unwrap(),
            )
        })
        .unwrap();
    assert!(store.read(|c| calls::due(c, pelt)).unwrap().is_empty());
    store
        .write(|c| {
            execute_sql(
                c,
                &format!(
                    "UPDATE notification_calls SET due_at = created_at WHERE id = {}",
                    call.id
                ),
            )
        })
        .unwrap();
    let due = store.read(|c| calls::due(c, pelt)).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].reason, "recurring_call");

    // Erasing An erases both signals about An; the other stays.
    let summary = store.write(|c| erasure::erase(c, pelt, an)).unwrap();
    assert_eq!(summary.signals_erased, 2);
    for id in [s1.id, s2.id] {
        assert!(matches!(
            store.read(|c| signal::get(c, pelt, id)),
            Err(StoreError::NotFound)
        ));
    }
    let left = format!(
        "SELECT COUNT(*) AS n FROM signals WHERE text = '' AND erased_at IS NOT NULL AND id IN ({}, {})",
        s1.id, s2.id
    );
    assert_eq!(store.read(|c| count_sql(c, &left)).unwrap(), 2);
    assert!(store.read(|c| signal::get(c, pelt, other.id)).is_ok());

    // A signal about a person who never registered is erased on its own.
    store.write(|c| signal::erase(c, pelt, other.id)).unwrap();
    assert!(matches!(
        store.read(|c| signal::get(c, pelt, other.id)),
        Err(StoreError::NotFound)
    ));
    let names = "SELECT COUNT(*) AS n FROM signals WHERE person_name IS NOT NULL OR person_phone IS NOT NULL";
    assert_eq!(store.read(|c| count_sql(c, names)).unwrap(), 0);
    assert!(matches!(
        store.write(|c| signal::erase(c, pelt, other.id)),
        Err(StoreError::NotFound)
    ));
}
