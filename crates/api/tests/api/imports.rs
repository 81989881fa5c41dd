//! Imports from spreadsheets (issue 16): residents (CSV and XLSX) and services, with a
//! dry run and an all-or-nothing import, on both backends.

use crate::fixtures::walk_request;
use crate::helpers::{assert_problem, Response, TestApp};
use nabij_api::auth::Role;
use serde_json::Value;
use std::io::Write;
use std::time::Instant;

crate::on_both_backends!(
    five_thousand_rows_with_three_bad_ones_import_nothing_then_everything,
    duplicates_are_flagged_and_skipped_never_created_twice,
    a_file_without_consent_columns_is_refused,
    unknown_availability_is_proposed_with_a_reason_to_ask,
    only_staff_of_the_whole_organisation_import_and_tenancy_holds,
    an_xlsx_file_imports_like_a_csv,
    the_service_directory_imports_the_same_way,
);

const HEADER: &str =
    "Naam;GSM;E-mail;Straat;Nr;Bus;Postcode;Talen;Hobby's;Beschikbaarheid;Toestemming via;Datum toestemming";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The current addresses of the synthetic register: (street, number, box, postcode).
fn addresses() -> Vec<(String, String, String, String)> {
    let text = String::from_utf8(fixture("pelt-addresses.csv")).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap();
    let (st, nr, bx, pc, status) = (
        col("streetname_nl"),
        col("house_number"),
        col("box_number"),
        col("postcode"),
        col("status"),
    );
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| c[status] == "current" && !c[st].is_empty())
        .map(|c| {
            (
                c[st].to_string(),
                c[nr].to_string(),
                c[bx].to_string(),
                c[pc].to_string(),
            )
        })
        .collect()
}

fn today() -> String {
    chrono::Utc::now().date_naive().format("%d/%m/%Y").to_string()
}

/// A resident file of `n` rows (names `Bewoner 00001`…), addresses from the register;
/// every third without availability (unknown).
fn resident_rows(n: usize, prefix: &str) -> Vec<String> {
    let addr = addresses();
    let date = today();
    (0..n)
        .map(|i| {
            let (s, nr, b, pc) = &addr[i % addr.len()];
            let avail = if i % 3 == 0 { "" } else { "di namiddag, zaterdag" };
            format!(
                "{prefix} {i:05};04{:08};;{s};{nr};{b};{pc};Nederlands, Frans;wandelen;{avail};huisbezoek;{date}",
                i
            )
        })
        .collect()
}

fn csv(rows: &[String]) -> Vec<u8> {
    let mut out = String::from(HEADER);
    for r in rows {
        out.push('\n');
        out.push_str(r);
    }
    out.push('\n');
    out.into_bytes()
}

async fn post(app: &TestApp, path: &str, token: &str, body: Vec<u8>) -> Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .header("Content-Type", "text/csv")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn ok(resp: Response) -> Value {
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn with_register(app: &TestApp, org: &crate::helpers::Org) -> String {
    let admin = app.token(org, Role::Admin, &[]);
    ok(post(app, "/v1/addresses/import", &admin, fixture("pelt-addresses.csv")).await).await;
    admin
}

/// Neighbours of the organisation the token belongs to (read from the store: the list
/// route pages by 100).
async fn count_neighbours(app: &TestApp, token: &str) -> usize {
    let me = app.get_ok("/v1/auth/me", token).await;
    let org = if me["org"].as_i64() == Some(app.org_b.id.get()) {
        app.org_b.id
    } else {
        app.org_a.id
    };
    app.store
        .read(|c| nabij_store::neighbour::identities(c, org))
        .unwrap()
        .len()
}

async fn five_thousand_rows_with_three_bad_ones_import_nothing_then_everything(app: TestApp) {
    let admin = with_register(&app, &app.org_a).await;
    let coordinator = app.token(&app.org_a, Role::Coordinator, &[]);
    let good = resident_rows(5000, "Bewoner");
    let mut bad = good.clone();
    // Row 102 of the sheet: a phone that is none; row 2502: no consent date; row 4002:
    // an address that is not in the register.
    bad[100] = bad[100].replacen(";04", ";bel me;04", 1).replacen(";04", "", 1);
    bad[2500] = bad[2500].trim_end_matches(&today()).to_string();
    bad[4000] = format!(
        "Bewoner 04000;0400004000;;Nergensstraat;1;;3900;Nederlands;wandelen;;huisbezoek;{}",
        today()
    );

    let started = Instant::now();
    let dry = ok(post(
        &app,
        "/v1/imports/neighbours?dry_run=true",
        &coordinator,
        csv(&bad),
    )
    .await)
    .await;
    let dry_secs = started.elapsed().as_secs_f64();
    let errors: Vec<&Value> = dry["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    let rows: Vec<i64> = errors.iter().map(|p| p["row"].as_i64().unwrap()).collect();
    assert_eq!(rows, vec![102, 2502, 4002]);
    assert_eq!(errors[0]["code"], "phone_invalid");
    assert_eq!(errors[0]["column"], "GSM");
    assert_eq!(errors[1]["code"], "consent_date_missing");
    assert_eq!(errors[2]["code"], "address_unknown");
    assert!(errors[2]["message"]
        .as_str()
        .unwrap()
        .contains("adressenregister"));
    assert_eq!(dry["error_rows"], 3);
    assert_eq!(dry["created"], 4997);
    assert_eq!(dry["imported"], false);

    // The import refuses the whole file and writes nothing.
    let refused = post(&app, "/v1/imports/neighbours", &coordinator, csv(&bad)).await;
    let problem = assert_problem(refused, 422, "import_invalid").await;
    let listed = problem["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error")
        .count();
    assert_eq!(listed, 3);
    assert_eq!(count_neighbours(&app, &admin).await, 0);

    // The corrected file imports everyone.
    let started = Instant::now();
    let done = ok(post(&app, "/v1/imports/neighbours", &coordinator, csv(&good)).await).await;
    let import_secs = started.elapsed().as_secs_f64();
    assert_eq!(done["imported"], true);
    assert_eq!(done["created"], 5000);
    assert_eq!(done["availability_unknown"], 1667);
    assert_eq!(count_neighbours(&app, &admin).await, 5000);
    eprintln!(
        "import timing ({:?}): 5,000 rows, dry run {dry_secs:.2} s, import {import_secs:.2} s",
        app.store.backend()
    );
}

async fn duplicates_are_flagged_and_skipped_never_created_twice(app: TestApp) {
    let admin = with_register(&app, &app.org_a).await;
    let first = resident_rows(5, "Buur");
    ok(post(&app, "/v1/imports/neighbours", &admin, csv(&first)).await).await;
    let mut again = first.clone();
    // Same name written differently, same phone: still the same person.
    again[0] = again[0].replacen("Buur 00000", "  buur   00000 ", 1);
    again.push(first[1].clone()); // repeated within the file too
    again.extend(resident_rows(7, "Buur").into_iter().skip(5)); // two new people
    let dry = ok(post(&app, "/v1/imports/neighbours?dry_run=true", &admin, csv(&again)).await).await;
    assert_eq!(dry["duplicates"], 6, "{dry}");
    assert_eq!(dry["created"], 2);
    let codes: Vec<&str> = dry["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.iter().filter(|c| **c == "duplicate_existing").count(), 6);
    let done = ok(post(&app, "/v1/imports/neighbours", &admin, csv(&again)).await).await;
    assert_eq!(done["created"], 2);
    assert_eq!(count_neighbours(&app, &admin).await, 7);
    // Two rows of one new person in one file: the second is a duplicate of the first.
    let twins = vec![
        resident_rows(9, "Buur")[8].clone(),
        resident_rows(9, "Buur")[8].clone(),
    ];
    let dry = ok(post(&app, "/v1/imports/neighbours?dry_run=true", &admin, csv(&twins)).await).await;
    assert_eq!(dry["problems"][0]["code"], "duplicate_in_file");
    assert_eq!(dry["problems"][0]["row"], 3);
    assert_eq!(dry["created"], 1);
}

async fn a_file_without_consent_columns_is_refused(app: TestApp) {
    let admin = with_register(&app, &app.org_a).await;
    let rows = resident_rows(3, "Zonder");
    let text = String::from_utf8(csv(&rows)).unwrap();
    // Drop the last two columns (consent channel and date).
    let cut: String = text
        .lines()
        .map(|l| l.rsplitn(3, ';').last().unwrap().to_string() + "\n")
        .collect();
    let dry = ok(post(
        &app,
        "/v1/imports/neighbours?dry_run=true",
        &admin,
        cut.clone().into_bytes(),
    )
    .await)
    .await;
    let missing: Vec<&str> = dry["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["code"] == "column_missing")
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(missing, vec!["consent_channel", "consent_date"]);
    let refused = post(&app, "/v1/imports/neighbours", &admin, cut.clone().into_bytes()).await;
    let p = assert_problem(refused, 422, "import_invalid").await;
    assert!(p["problems"][0]["row"].is_null());
    // Choosing a column that is not there is a finding too; an unknown parameter a 400.
    let dry = ok(post(
        &app,
        "/v1/imports/neighbours?dry_run=true&consent_channel=Akkoord",
        &admin,
        cut.clone().into_bytes(),
    )
    .await)
    .await;
    assert!(dry["problems"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["code"] == "column_not_found"));
    let bad = post(
        &app,
        "/v1/imports/neighbours?dry_run=true&colour=red",
        &admin,
        cut.into_bytes(),
    )
    .await;
    assert_problem(bad, 400, "invalid_value").await;
    let unreadable = post(
        &app,
        "/v1/imports/neighbours?dry_run=true",
        &admin,
        vec![0xff, 0xfe, 0x00],
    )
    .await;
    assert_problem(unreadable, 422, "file_unreadable").await;
    assert_eq!(count_neighbours(&app, &admin).await, 0);
}

async fn unknown_availability_is_proposed_with_a_reason_to_ask(app: TestApp) {
    let admin = with_register(&app, &app.org_a).await;
    let addr = addresses();
    let (s, nr, b, pc) = &addr[0];
    let (s2, nr2, b2, pc2) = &addr[1];
    let date = today();
    let rows = vec![
        format!("Vraagt;0470000001;;{s};{nr};{b};{pc};Nederlands;wandelen;di namiddag;zelf;{date}"),
        format!("Onbekend;0470000002;;{s2};{nr2};{b2};{pc2};Nederlands;wandelen;;belronde;{date}"),
        format!("Nooit;0470000003;;{s2};{nr2};{b2};{pc2};Nederlands;wandelen;nooit;belronde;{date}"),
    ];
    ok(post(&app, "/v1/imports/neighbours", &admin, csv(&rows)).await).await;
    let list = app.get_ok("/v1/neighbours?limit=10", &admin).await;
    let people = list["items"].as_array().unwrap();
    let id = |name: &str| {
        people
            .iter()
            .find(|p| p["display_name"] == name)
            .map(|p| p["id"].as_i64().unwrap())
            .unwrap()
    };
    let unknown = people.iter().find(|p| p["display_name"] == "Onbekend").unwrap();
    assert_eq!(unknown["availability_unknown"], true);
    assert_eq!(unknown["availability"], serde_json::json!([]));
    let never = people.iter().find(|p| p["display_name"] == "Nooit").unwrap();
    assert_eq!(never["availability_unknown"], false);
    let rid = app.new_request(&admin, &walk_request(id("Vraagt"))).await["id"]
        .as_i64()
        .unwrap();
    let c = app
        .get_ok(&format!("/v1/requests/{rid}/candidates"), &admin)
        .await;
    let cands = c["candidates"].as_array().unwrap();
    let ids: Vec<i64> = cands
        .iter()
        .map(|c| c["neighbour_id"].as_i64().unwrap())
        .collect();
    assert!(
        ids.contains(&id("Onbekend")),
        "unknown availability is proposed: {c}"
    );
    assert!(!ids.contains(&id("Nooit")), "never is not: {c}");
    let text = c.to_string();
    assert!(
        text.contains("reason-availability-unknown") || text.contains("nog niet gevraagd"),
        "{text}"
    );
    let cand = cands
        .iter()
        .find(|x| x["neighbour_id"] == id("Onbekend"))
        .unwrap();
    assert_eq!(cand["components"]["availability"].as_f64().unwrap(), 0.5);
}

async fn only_staff_of_the_whole_organisation_import_and_tenancy_holds(app: TestApp) {
    let admin_a = with_register(&app, &app.org_a).await;
    let admin_b = with_register(&app, &app.org_b).await;
    let rows = resident_rows(4, "Samen");
    let limited = app.limited_token(&app.org_a, &[]);
    assert_problem(
        post(&app, "/v1/imports/neighbours?dry_run=true", &limited, csv(&rows)).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        post(&app, "/v1/imports/services?dry_run=true", &limited, csv(&rows)).await,
        403,
        "forbidden",
    )
    .await;
    let partner = app.token(&app.org_a, Role::Partner, &["neighbours:write"]);
    assert_problem(
        post(&app, "/v1/imports/neighbours", &partner, csv(&rows)).await,
        403,
        "forbidden",
    )
    .await;
    ok(post(&app, "/v1/imports/neighbours", &admin_a, csv(&rows)).await).await;
    // The same people in another organisation are no duplicates of org A's.
    let dry = ok(post(&app, "/v1/imports/neighbours?dry_run=true", &admin_b, csv(&rows)).await).await;
    assert_eq!(dry["duplicates"], 0);
    assert_eq!(dry["created"], 4);
    assert_eq!(count_neighbours(&app, &admin_b).await, 0);
}

/// A minimal XLSX workbook (one sheet, inline strings), as a spreadsheet program writes it.
fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let col = |i: usize| ((b'A' + i as u8) as char).to_string();
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, v) in row.iter().enumerate() {
            sheet.push_str(&format!(
                r#"<c r="{}{}" t="inlineStr"><is><t>{}</t></is></c>"#,
                col(c),
                r + 1,
                esc(v)
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Bewoners" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in files {
            zip.start_file(name, opts).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

async fn an_xlsx_file_imports_like_a_csv(app: TestApp) {
    let admin = with_register(&app, &app.org_a).await;
    let mut table: Vec<Vec<String>> = vec![HEADER.split(';').map(str::to_string).collect()];
    for r in resident_rows(20, "Excel") {
        table.push(r.split(';').map(str::to_string).collect());
    }
    table[5][11] = "gisteren of zo".to_string();
    let body = xlsx(&table);
    let send = |body: Vec<u8>, path: &'static str| {
        app.client
            .post(app.url(path))
            .bearer_auth(&admin)
            .header(
                "Content-Type",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            .body(body)
            .send()
    };
    let dry = ok(send(body, "/v1/imports/neighbours?dry_run=true").await.unwrap()).await;
    assert_eq!(dry["rows"], 20);
    assert_eq!(dry["error_rows"], 1);
    assert_eq!(dry["problems"][0]["row"], 6);
    assert_eq!(dry["problems"][0]["code"], "consent_date_invalid");
    assert_eq!(dry["mapping"]["consent_date"], "Datum toestemming");
    table[5][11] = today();
    let done = ok(send(xlsx(&table), "/v1/imports/neighbours").await.unwrap()).await;
    assert_eq!(done["created"], 20);
    assert_eq!(count_neighbours(&app, &admin).await, 20);
}

async fn the_service_directory_imports_the_same_way(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let file = "Naam;Omschrijving;Categorieën;Telefoon;Website\n\
        Thuiszorg Pelt;Verzorging aan huis;personal_care;011 12 34 56;https://thuiszorg.example\n\
        Klusdienst;Grotere klussen;structural, heavy;011 65 43 21;\n\
        Tele-Onthaal;Een luisterend oor;;106;https://tele-onthaal.example\n";
    let bad = file.replace("011 65 43 21", "bel ons");
    let dry = ok(post(
        &app,
        "/v1/imports/services?dry_run=true",
        &admin,
        bad.clone().into_bytes(),
    )
    .await)
    .await;
    assert_eq!(dry["error_rows"], 1);
    assert_eq!(dry["problems"][0]["row"], 3);
    assert_eq!(dry["problems"][0]["column"], "Telefoon");
    assert_problem(
        post(&app, "/v1/imports/services", &admin, bad.into_bytes()).await,
        422,
        "import_invalid",
    )
    .await;
    let list = app.get_ok("/v1/services", &admin).await;
    assert_eq!(list["items"].as_array().map_or(0, Vec::len), 0, "{list}");
    let done = ok(post(&app, "/v1/imports/services", &admin, file.as_bytes().to_vec()).await).await;
    assert_eq!(done["created"], 3);
    let again = ok(post(&app, "/v1/imports/services", &admin, file.as_bytes().to_vec()).await).await;
    assert_eq!(again["created"], 0);
    assert_eq!(again["duplicates"], 3);
    let list = app.get_ok("/v1/services", &admin).await;
    assert_eq!(list["items"].as_array().map_or(0, Vec::len), 3);
}
