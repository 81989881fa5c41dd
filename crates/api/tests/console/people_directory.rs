//! Console tests: the neighbours list (search by name, neighbourhood, tag and status, a
//! page at a time, limited coordinators) and the service directory (add, edit, take
//! off), each write checked through the API or the store.

use crate::helpers::{location, spawn_app, Browser, PASSWORD};
use crate::people::{api_get, api_token};
use nabij_store::neighbour::{self, Consent, ConsentChannel, NewNeighbour};
use nabij_store::neighbourhood::{self, NewNeighbourhood};
use nabij_store::{audit, clock, user, NeighbourhoodId, Store};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn the_service_directory_can_be_kept_from_the_console() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    assert_eq!(b.get("/services/new").await.status(), StatusCode::OK);
    // No name, a broken e-mail address: refused, what was typed stays.
    let resp = b
        .submit(
            "/services/new",
            &[
                ("name", ""),
                ("description", "Hulp bij <wassen>\r\nen aankleden"),
                ("email", "thuiszorg"),
                ("categories", "personal_care"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Vul de naam van de dienst in."), "{html}");
    assert!(html.contains("Dit e-mailadres klopt niet"));
    assert!(html.contains("Hulp bij &lt;wassen&gt;\nen aankleden"));
    assert!(html.contains("value=\"personal_care\" checked"));
    let token = api_token(&app, &app.org_a);
    assert_eq!(api_get(&app, &token, "/v1/services").await.1["items"], json!([]));

    let resp = b
        .submit(
            "/services/new",
            &[
                ("name", "Thuiszorg Pelt"),
                ("description", "Hulp bij wassen\r\nen aankleden"),
                ("phone", "011 00 11 22"),
                ("email", "info@thuiszorg.be"),
                ("categories", "personal_care"),
                ("categories", "structural"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), "/services?done=added");
    let (_, list) = api_get(&app, &token, "/v1/services").await;
    let s = &list["items"][0];
    assert_eq!(s["name"], "Thuiszorg Pelt");
    assert_eq!(s["description"], "Hulp bij wassen\nen aankleden");
    assert_eq!(s["categories"], json!(["personal_care", "structural"]));
    let id = s["id"].as_i64().unwrap();
    let html = b.get("/services?done=added").await.text().await.unwrap();
    assert!(html.contains(&format!("href=\"/services/{id}/edit\">Thuiszorg Pelt</a>")));

    // Edit: another phone, no e-mail, one category fewer.
    let html = b.get(&format!("/services/{id}/edit")).await.text().await.unwrap();
    assert!(html.contains("value=\"info@thuiszorg.be\""));
    let resp = b
        .submit(
            &format!("/services/{id}/edit"),
            &[
                ("name", "Thuiszorg Pelt"),
                ("description", "Hulp bij wassen\r\nen aankleden"),
                ("phone", "011 99 99 99"),
                ("email", ""),
                ("area", "Pelt en Overpelt"),
                ("categories", "personal_care"),
            ],
        )
        .await;
    assert_eq!(location(&resp), "/services?done=saved");
    let (status, s) = api_get(&app, &token, &format!("/v1/services/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(s["phone"], "011 99 99 99");
    assert_eq!(s["email"], Value::Null);
    assert_eq!(s["area"], "Pelt en Overpelt");
    assert_eq!(s["categories"], json!(["personal_care"]));
    let store = Store::open(&app.settings.database_url).unwrap();
    let log = store.read(|c| audit::list(c, app.org_a.id, None, 1000)).unwrap();
    let upd = log.iter().find(|r| r.action == "service_updated").unwrap();
    assert_eq!(
        upd.detail,
        format!("service={id} fields: categories,phone,email,area")
    );

    // A bad edit keeps what was typed and changes nothing.
    let resp = b
        .submit(
            &format!("/services/{id}/edit"),
            &[("name", ""), ("phone", "bel ons")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(resp.text().await.unwrap().contains("value=\"bel ons\""));
    assert_eq!(
        api_get(&app, &token, &format!("/v1/services/{id}")).await.1["name"],
        "Thuiszorg Pelt"
    );

    // Remove: needs the token; then it is off the directory.
    assert_eq!(
        b.post(&format!("/services/{id}/remove"), &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    let resp = b.submit(&format!("/services/{id}/remove"), &[]).await;
    assert_eq!(location(&resp), "/services?done=removed");
    let html = b.get("/services?done=removed").await.text().await.unwrap();
    assert!(html.contains("van de kaart gehaald") && !html.contains("Thuiszorg Pelt"));
    assert_eq!(
        api_get(&app, &token, &format!("/v1/services/{id}")).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.get(&format!("/services/{id}/edit")).await.status(),
        StatusCode::NOT_FOUND
    );
}

fn person(name: &str, hood: NeighbourhoodId, talents: &[&str], paused: bool) -> NewNeighbour {
    NewNeighbour {
        neighbourhood_id: Some(hood),
        display_name: name.to_string(),
        email: None,
        phone: None,
        lat: 51.22,
        lon: 5.42,
        travel_radius_m: 1000.0,
        interests: vec![],
        talents: talents.iter().map(|t| t.to_string()).collect(),
        languages: vec!["nl".into()],
        availability: vec![],
        availability_unknown: false,
        capacity: 1,
        paused,
        consent: Consent {
            channel: ConsentChannel::HomeVisit,
            recorded_at: clock::now(),
            recorded_by: "test".into(),
        },
        preferred_language: "nl".into(),
    }
}

#[tokio::test]
async fn the_list_searches_by_name_neighbourhood_tag_and_status_a_page_at_a_time() {
    let app = spawn_app().await;
    let store = Store::open(&app.settings.database_url).unwrap();
    let org = app.org_a.id;
    let centrum = app.org_a.neighbourhood;
    let (lindel, limited_email) = store
        .write(|c| {
            let lindel = neighbourhood::create(
                c,
                org,
                &NewNeighbourhood {
                    name: "Lindel".into(),
                    centre_lat: 51.25,
                    centre_lon: 5.40,
                    radius_m: 1500.0,
                },
            )?;
            for i in 0..55 {
                neighbour::create(c, org, &person(&format!("Buur {i:02}"), centrum, &[], false))?;
            }
            neighbour::create(c, org, &person("Jeanne d'Arc", lindel.id, &["shopping"], false))?;
            neighbour::create(c, org, &person("Jan Peeters", lindel.id, &["walking"], true))?;
            neighbour::create(c, org, &person("100%_zeker", centrum, &[], false))?;
            user::create(
                c,
                org,
                &user::NewUser {
                    email: "lindel@pelt.test".into(),
                    password_hash: nabij_api::auth::password::hash_password(PASSWORD).unwrap(),
                    role: user::Role::Coordinator,
                    neighbourhood_ids: Some(vec![lindel.id]),
                },
            )?;
            Ok((lindel.id, "lindel@pelt.test".to_string()))
        })
        .unwrap();
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;

    let html = b.get("/neighbours").await.text().await.unwrap();
    assert!(html.contains("58 personen gevonden · pagina 1 van 2"), "{html}");
    assert_eq!(
        html.matches("href=\"/neighbours/").count() - html.matches("href=\"/neighbours/new").count(),
        50
    );
    let next = html
        .split("rel=\"next\" href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .replace("&amp;", "&");
    assert_eq!(next, "/neighbours?page=2");
    let html = b.get(&next).await.text().await.unwrap();
    assert!(html.contains("pagina 2 van 2") && html.contains("rel=\"prev\""));
    assert!(!html.contains("rel=\"next\""));

    let html = b.get("/neighbours?q=JEAN").await.text().await.unwrap();
    assert!(
        html.contains("Jeanne d&#39;Arc") && !html.contains("Jan Peeters"),
        "{html}"
    );
    // LIKE wildcards typed are searched for as they are.
    let html = b.get("/neighbours?q=%25_").await.text().await.unwrap();
    assert!(
        html.contains("1 persoon gevonden") && html.contains("100%_zeker"),
        "{html}"
    );
    let html = b
        .get(&format!("/neighbours?hood={lindel}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("2 personen gevonden") && html.contains(&format!("value=\"{lindel}\" selected")));
    let html = b.get("/neighbours?tag=walking").await.text().await.unwrap();
    assert!(html.contains("Jan Peeters") && !html.contains("Jeanne"), "{html}");
    let html = b.get("/neighbours?status=paused").await.text().await.unwrap();
    assert!(html.contains("1 persoon gevonden") && html.contains("Jan Peeters"));
    let html = b
        .get(&format!("/neighbours?hood={lindel}&status=active&q=j"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("1 persoon gevonden") && html.contains("Jeanne"));
    // Nonsense in the query string is ignored, not an error.
    let resp = b.get("/neighbours?page=-4&hood=abc&tag=%3Cb%3E&status=x").await;
    assert_eq!(resp.status(), StatusCode::OK);

    // A coordinator limited to Lindel sees only Lindel, and nobody from elsewhere.
    let mut limited = Browser::new(&app);
    limited.login(&limited_email).await;
    let html = limited.get("/neighbours").await.text().await.unwrap();
    assert!(html.contains("2 personen gevonden"), "{html}");
    let html = limited
        .get(&format!("/neighbours?hood={centrum}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Buur 0"));
}
