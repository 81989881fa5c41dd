//! Setting up a municipality's map through the API (issue 16): neighbourhoods from
//! GeoJSON (preview, import, point-in-polygon, outside list), the address register
//! (import, search by label), and registering a neighbour by address.

use crate::fixtures::{assert_no_coordinates, neighbour_at};
use crate::helpers::{assert_problem, Response, TestApp};
use nabij_api::auth::Role;
use serde_json::{json, Value};

crate::on_both_backends!(
    admins_import_neighbourhoods_with_a_preview_and_neighbours_are_placed,
    an_address_register_is_imported_searched_and_used_to_register,
);

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

async fn post_file(app: &TestApp, path: &str, token: &str, content_type: &str, body: Vec<u8>) -> Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn admins_import_neighbourhoods_with_a_preview_and_neighbours_are_placed(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let coordinator = app.token(&app.org_a, Role::Coordinator, &[]);
    // Near Neerpelt (inside the fixture's polygon) and far outside.
    let inside = app.new_neighbour(&coordinator, &neighbour_at("Anna", 5, 1)).await;
    let mut far = neighbour_at("Carla", 0, 1);
    far["location"] = json!({"lat": 51.05, "lon": 5.05});
    let outside = app.new_neighbour(&coordinator, &far).await;
    let geo = fixture("pelt-neighbourhoods.geojson");
    let path = "/v1/neighbourhoods/import?name_property=naam";

    let refused = post_file(&app, path, &coordinator, "application/geo+json", geo.clone()).await;
    assert_problem(refused, 403, "forbidden").await;

    let preview = post_file(
        &app,
        &format!("{path}&dry_run=true"),
        &admin,
        "application/geo+json",
        geo.clone(),
    )
    .await;
    assert_eq!(preview.status().as_u16(), 200);
    let p: Value = preview.json().await.unwrap();
    assert_eq!(p["dry_run"], true);
    assert_eq!(p["imported"], false);
    assert_eq!(p["features"].as_array().unwrap().len(), 4);
    assert!(p["features"][0]["area_m2"].as_f64().unwrap() > 1_000_000.0);

    // The wrong name property: every feature lacks a name; refused, nothing written.
    let bad = post_file(
        &app,
        "/v1/neighbourhoods/import",
        &admin,
        "application/geo+json",
        geo.clone(),
    )
    .await;
    let problem = assert_problem(bad, 400, "invalid_value").await;
    assert_eq!(problem["errors"].as_array().unwrap().len(), 4);

    let done = post_file(&app, path, &admin, "application/geo+json", geo).await;
    assert_eq!(done.status().as_u16(), 200);
    let text = done.text().await.unwrap();
    assert_no_coordinates(&text);
    let d: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(d["imported"], true);
    assert_eq!(d["outside"], json!([{"id": outside, "display_name": "Carla"}]));
    let anna = app
        .get_ok(&format!("/v1/neighbours/{inside}"), &coordinator)
        .await;
    assert_eq!(anna["neighbourhood"]["name"], "Neerpelt", "{anna}");
}

async fn an_address_register_is_imported_searched_and_used_to_register(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let coordinator = app.token(&app.org_a, Role::Coordinator, &[]);
    let other = app.token(&app.org_b, Role::Admin, &[]);
    let csv = fixture("pelt-addresses.csv");

    let refused = post_file(
        &app,
        "/v1/addresses/import",
        &coordinator,
        "text/csv",
        csv.clone(),
    )
    .await;
    assert_problem(refused, 403, "forbidden").await;
    let bad = post_file(
        &app,
        "/v1/addresses/import",
        &admin,
        "text/csv",
        b"street\nX\n".to_vec(),
    )
    .await;
    assert_problem(bad, 400, "invalid_value").await;
    let done = post_file(&app, "/v1/addresses/import", &admin, "text/csv", csv).await;
    assert_eq!(done.status().as_u16(), 200);
    let d: Value = done.json().await.unwrap();
    assert_eq!(d, json!({"imported": true, "points": 367, "skipped": 1}));

    let found = app.get_ok("/v1/addresses?q=beukenln%2012", &coordinator).await;
    assert_eq!(
        found,
        json!({"addresses": [{"street": "Beukenlaan", "house_number": "12", "postcode": "3900", "municipality": "Pelt"}]})
    );
    let none = app.get_ok("/v1/addresses?q=beukenlaan", &other).await;
    assert_eq!(none, json!({"addresses": []}), "another organisation's register");

    // Registering by address: exact, near miss with suggestions, nothing.
    let mut body = neighbour_at("Bram", 0, 1);
    body.as_object_mut().unwrap().remove("location");
    body["address"] = json!({"street": "Beukenlaan", "house_number": "12", "postcode": "3900"});
    let id = app.new_neighbour(&coordinator, &body).await;
    let n = app.get_ok(&format!("/v1/neighbours/{id}"), &coordinator).await;
    assert_eq!(n["display_name"], "Bram");

    body["address"] = json!({"street": "Beukelaan", "house_number": "12", "postcode": "3900"});
    let miss = app.post_as("/v1/neighbours", &coordinator, &body).await;
    let problem = assert_problem(miss, 422, "address_unknown").await;
    assert_eq!(problem["suggestions"][0]["street"], "Beukenlaan", "{problem}");
    assert_no_coordinates(&problem.to_string());

    body["address"] = json!({"street": "Nergensstraat", "house_number": "1", "postcode": "3900"});
    let nothing = app.post_as("/v1/neighbours", &coordinator, &body).await;
    let problem = assert_problem(nothing, 422, "address_unknown").await;
    assert_eq!(problem["suggestions"], json!([]));

    body["location"] = json!({"lat": 51.2, "lon": 5.4});
    let both = app.post_as("/v1/neighbours", &coordinator, &body).await;
    assert_problem(both, 400, "invalid_value").await;
}
