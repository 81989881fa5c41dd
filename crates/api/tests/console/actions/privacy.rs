//! CSRF, other tenants, limited coordinators, and a sketch map without coordinates.

use super::{audit_rows, logged_in, match_ids, page, store, LAT, LON};
use crate::helpers::{spawn_app, Browser, PASSWORD};
use nabij_engine::projection::Point;
use nabij_store::neighbourhood::{self, NewNeighbourhood};
use nabij_store::user::{self, NewUser};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn forms_without_csrf_are_403_and_another_organisation_gets_404() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let anna = api.neighbour("Anna", 0, 1).await;
    let bert = api.neighbour("Bert", 2, 1).await;
    let rid = api.walk(anna).await;
    let m = api
        .post(
            "/v1/matches",
            &json!({"request_id": rid, "companion_ids": [bert]}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let posts = [
        (
            format!("/requests/{rid}/propose"),
            vec![("companion", bert.to_string())],
        ),
        (
            format!("/requests/{rid}/refer"),
            vec![("reason", "no_match".to_string())],
        ),
        (
            format!("/matches/{m}/accept"),
            vec![("neighbour_id", anna.to_string())],
        ),
        (
            format!("/matches/{m}/decline"),
            vec![("neighbour_id", anna.to_string())],
        ),
        (
            format!("/matches/{m}/close"),
            vec![("met", "yes".to_string()), ("mutual", "yes".to_string())],
        ),
        ("/groups/1/accept".to_string(), vec![]),
        ("/groups/1/split".to_string(), vec![]),
    ];
    let audit_before = audit_rows(&app, org).len();
    for (path, form) in &posts {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            b.post(path, &form).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    assert_eq!(audit_rows(&app, org).len(), audit_before, "nothing done");
    assert_eq!(
        api.get(&format!("/v1/matches/{m}")).await["members"][0]["response"],
        "pending"
    );

    let mut other = Browser::new(&app);
    other.login(&app.org_b.coordinator_email).await;
    let resp = other.get(&format!("/requests/{rid}")).await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert!(!resp.text().await.unwrap().contains("Anna"));
    for (path, form) in &posts {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let resp = other.submit(path, &form).await;
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(!resp.text().await.unwrap().contains("Anna"));
    }
    assert_eq!(audit_rows(&app, org).len(), audit_before, "nothing done");
    assert_eq!(api.status(rid).await, "proposed");
    assert_eq!(api.get(&format!("/v1/matches/{m}")).await["status"], "proposed");
}

#[tokio::test]
async fn the_sketch_map_shows_approximate_positions_only() {
    let app = spawn_app().await;
    let (mut b, api) = logged_in(&app).await;
    let anna = api.neighbour("Anna", 0, 1).await;
    let mut stored = vec![(LAT, LON)];
    for (i, name) in ["Bert", "Cas", "Dora"].into_iter().enumerate() {
        api.neighbour(name, i as u32 + 1, 1).await;
        stored.push((LAT + f64::from(i as u32 + 1) * 0.001, LON));
    }
    let rid = api.walk(anna).await;
    let html = page(&mut b, &format!("/requests/{rid}")).await;
    assert!(html.contains("<svg class=\"sketch\" role=\"img\""), "{html}");
    assert!(html.contains("<title id=\"map-title\">"));
    assert!(html.contains("blokken van 250 m"));
    assert!(!html.contains("<script") && !html.contains(" style=\""));
    let start = html.find("<svg class=\"sketch\"").unwrap();
    let svg = &html[start..start + html[start..].find("</svg>").unwrap()];
    for (lat, lon) in stored {
        for v in [lat, lon] {
            let mut forms = vec![v.to_string()];
            for d in 3..=7 {
                forms.push(format!("{v:.d$}"));
            }
            for f in forms {
                for s in [f.clone(), f.replace('.', ",")] {
                    assert!(!html.contains(&s), "{s} in the page");
                }
            }
        }
        // Nor the projected metres.
        let p = Point::from_wgs84(lat, lon).unwrap();
        for m in [p.x, p.y] {
            assert!(
                !html.contains(&format!("{}", m.round() as i64)),
                "{m} in the page"
            );
            assert!(
                !html.contains(&format!("{}", m.trunc() as i64)),
                "{m} in the page"
            );
        }
    }
    // Whole pixels only inside the drawing.
    for attr in svg.split('"').skip(1).step_by(2) {
        if attr.parse::<f64>().is_ok() {
            assert!(attr.parse::<i64>().is_ok(), "{attr}");
        }
    }
    // Every candidate of the list is numbered on the map.
    for n in 1..=3 {
        assert!(svg.contains(&format!(" {n}: ")), "{n} in {svg}");
    }
    // In French and English too.
    let fr = page(&mut b, &format!("/requests/{rid}?lang=fr")).await;
    assert!(fr.contains("Croquis : où habitent à peu près les voisins") && fr.contains(">Proposer</button>"));
    assert!(fr.contains("Orienter vers un service") && fr.contains("<title>Proximité: "));
    let en = page(&mut b, &format!("/requests/{rid}?lang=en")).await;
    assert!(en.contains("Sketch: roughly where the neighbours live") && en.contains(">Propose</button>"));
    assert!(en.contains("Bert propose") && en.contains("Refer to a service"));
}

#[tokio::test]
async fn a_coordinator_limited_to_a_neighbourhood_sees_no_name_from_elsewhere() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (_, api) = logged_in(&app).await;
    let home = app.org_a.neighbourhood;
    let db = store(&app);
    let elsewhere = db
        .write(|c| {
            let hood = neighbourhood::create(
                c,
                org,
                &NewNeighbourhood {
                    name: "Elders".into(),
                    centre_lat: LAT + 0.002,
                    centre_lon: LON,
                    radius_m: 500.0,
                },
            )?;
            user::create(
                c,
                org,
                &NewUser {
                    email: "wijk@pelt.test".into(),
                    password_hash: nabij_api::auth::password::hash_password(PASSWORD).unwrap(),
                    role: user::Role::Coordinator,
                    neighbourhood_ids: Some(vec![home]),
                },
            )?;
            Ok(hood.id)
        })
        .unwrap();
    let anna = api.neighbour_in("Anna", 0, 1, Some(home)).await;
    let bert = api.neighbour_in("Bert", 2, 1, Some(elsewhere)).await;
    let rid = api.walk(anna).await;
    let theirs = api.walk(bert).await;
    let mut b = Browser::new(&app);
    b.login("wijk@pelt.test").await;
    let html = page(&mut b, &format!("/requests/{rid}")).await;
    assert!(!html.contains("Bert"), "not a candidate for them: {html}");
    api.post(
        "/v1/matches",
        &json!({"request_id": rid, "companion_ids": [bert]}),
    )
    .await;
    let html = page(&mut b, &format!("/requests/{rid}")).await;
    assert!(!html.contains("Bert"), "{html}");
    assert!(html.contains("iemand buiten uw buurten"));
    assert!(!html.contains(&format!("/neighbours/{bert}")));
    assert_eq!(
        b.get(&format!("/requests/{theirs}")).await.status(),
        StatusCode::NOT_FOUND
    );
    // Nor can they propose someone from elsewhere.
    let resp = b
        .submit(
            &format!("/requests/{rid}/propose"),
            &[("companion", &bert.to_string())],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert!(!resp.text().await.unwrap().contains("Bert"));
    assert_eq!(match_ids(&app, org, rid).len(), 1);
}
