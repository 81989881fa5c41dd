//! The console's import steps (issue 16), on both backends: upload (multipart) → the
//! columns with the guesses pre-filled → the dry run's findings per row → import; a
//! file with an error row imports nothing; a missing CSRF token is refused.

use crate::helpers::{Browser, TestApp};
use reqwest::StatusCode;

crate::on_both_backends!(a_resident_file_is_uploaded_mapped_checked_and_imported,);

const BOUNDARY: &str = "----nabij-test-boundary";

fn multipart(fields: &[(&str, &str)], file: &str) -> Vec<u8> {
    let mut out = String::new();
    for (k, v) in fields {
        out.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    out.push_str(&format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bewoners.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{BOUNDARY}--\r\n"
    ));
    out.into_bytes()
}

/// The value of the hidden field `name` in a page.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_string()
}

async fn a_resident_file_is_uploaded_mapped_checked_and_imported(app: TestApp) {
    app.add_neighbourhood(&app.org_a, "Testwijk", 51.23);
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let page = b.get("/imports").await;
    assert_eq!(page.status(), StatusCode::OK);
    let today = chrono::Utc::now().date_naive().format("%d/%m/%Y").to_string();
    let header = "Naam;Telefoon;Wijk;Beschikbaarheid;Toestemming via;Datum toestemming";
    let good = format!(
        "{header}\nConsole Anna;0470 11 22 33;Testwijk;di namiddag;huisbezoek;{today}\nConsole Bart;;Testwijk;;belronde;{today}\n"
    );
    let bad = format!("{good}Console Carla;geen nummer;Testwijk;;zelf;{today}\n");
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");

    // Without the CSRF token: refused.
    let refused = b
        .post_raw(
            "/imports/upload",
            &content_type,
            multipart(&[("kind", "neighbours")], &bad),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    let csrf = b.csrf();
    let map = b
        .post_raw(
            "/imports/upload",
            &content_type,
            multipart(&[("csrf", &csrf), ("kind", "neighbours")], &bad),
        )
        .await;
    assert_eq!(map.status(), StatusCode::OK);
    let html = map.text().await.unwrap();
    assert!(html.contains("<option value=\"Naam\" selected>"), "{html}");
    assert!(
        html.contains("<option value=\"Datum toestemming\" selected>"),
        "{html}"
    );
    let file = hidden(&html, "file");

    let report = b
        .submit(
            "/imports/check",
            &[
                ("kind", "neighbours"),
                ("file", &file),
                ("map_display_name", "Naam"),
                ("map_phone", "Telefoon"),
                ("map_neighbourhood", "Wijk"),
                ("map_availability", "Beschikbaarheid"),
                ("map_consent_channel", "Toestemming via"),
                ("map_consent_date", "Datum toestemming"),
                ("action", "dry_run"),
            ],
        )
        .await;
    assert_eq!(report.status(), StatusCode::OK);
    let html = report.text().await.unwrap();
    assert!(html.contains("Dit is geen telefoonnummer"), "{html}");
    assert!(
        !html.contains("value=\"import\""),
        "no import button while a row has an error"
    );
    // Forcing the import anyway: refused, nothing written.
    let forced = b
        .submit(
            "/imports/check",
            &[("kind", "neighbours"), ("file", &file), ("action", "import")],
        )
        .await;
    assert_eq!(forced.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let count = |app: &TestApp| {
        app.store
            .read(|c| nabij_store::neighbour::identities(c, app.org_a.id))
            .unwrap()
            .len()
    };
    let before = count(&app);

    // The corrected file.
    let csrf = b.csrf();
    let map = b
        .post_raw(
            "/imports/upload",
            &content_type,
            multipart(&[("csrf", &csrf), ("kind", "neighbours")], &good),
        )
        .await;
    let file = hidden(&map.text().await.unwrap(), "file");
    let report = b
        .submit(
            "/imports/check",
            &[("kind", "neighbours"), ("file", &file), ("action", "dry_run")],
        )
        .await;
    let html = report.text().await.unwrap();
    assert!(html.contains("value=\"import\""), "{html}");
    let done = b
        .submit(
            "/imports/check",
            &[("kind", "neighbours"), ("file", &file), ("action", "import")],
        )
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    let html = done.text().await.unwrap();
    assert!(html.contains("Ingevoerd: 2 van 2 rijen"), "{html}");
    assert_eq!(count(&app), before + 2);
}
