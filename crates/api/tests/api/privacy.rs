//! Privacy before yes (issue 14): until everybody in a match has accepted, no message to
//! a neighbour — e-mail as written to the `.eml` folder, or what the coordinator is to
//! tell on the phone list — names or describes the others beyond their neighbourhood,
//! what they have in common, the request's time and the note the coordinator chose to
//! share. Once everybody said yes, each hears the others' first names and how to reach
//! them. Never a street.

use crate::fixtures::{neighbour_at, walk_request};
use crate::helpers::TestApp;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use nabij_api::auth::Role;
use nabij_notify::{MailSettings, TransportSettings, Worker, WorkerConfig};
use nabij_store::neighbourhood::{self, NewNeighbourhood};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

crate::on_both_backends!(
    nobody_is_named_to_a_neighbour_before_everybody_said_yes,
    a_shared_note_is_checked_like_any_short_text,
);

const NOTE: &str = "Wandelt graag langs het kanaal, met de hond";

/// A person of the test, as registered.
struct Person {
    id: i64,
    name: &'static str,
    first: &'static str,
    surname: &'static str,
    email: Option<&'static str>,
    phone: Option<&'static str>,
}

impl Person {
    /// Everything of them that must not reach the others before everybody said yes.
    fn secrets(&self) -> Vec<&'static str> {
        let mut s = vec![self.name, self.first, self.surname];
        s.extend(self.email);
        s.extend(self.phone);
        s
    }
}

/// Decodes what a mail reader shows of an `.eml` file: quoted-printable and base64
/// bodies, RFC 2047 encoded words, appended to the raw text.
fn readable(raw: &str) -> String {
    let mut out = raw.to_string();
    // Quoted-printable (soft line breaks and =XX).
    let b = raw.as_bytes();
    let mut qp = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') {
                i += 3;
                continue;
            }
            if b.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            if let Some(hex) = raw.get(i + 1..i + 3) {
                if let Ok(v) = u8::from_str_radix(hex, 16) {
                    qp.push(v);
                    i += 3;
                    continue;
                }
            }
        }
        qp.push(b[i]);
        i += 1;
    }
    out.push('\n');
    out.push_str(&String::from_utf8_lossy(&qp));
    // Base64 parts: the lines after a blank line following a base64 header.
    let lines: Vec<&str> = raw.lines().collect();
    let mut k = 0;
    while k < lines.len() {
        if lines[k].eq_ignore_ascii_case("Content-Transfer-Encoding: base64") {
            while k < lines.len() && !lines[k].trim().is_empty() {
                k += 1;
            }
            let mut block = String::new();
            while k < lines.len() && !lines[k].trim().is_empty() && !lines[k].starts_with("--") {
                block.push_str(lines[k].trim());
                k += 1;
            }
            if let Ok(bytes) = STANDARD.decode(block.as_bytes()) {
                out.push('\n');
                out.push_str(&String::from_utf8_lossy(&bytes));
            }
        }
        k += 1;
    }
    // Encoded words (=?utf-8?b?…?= and =?utf-8?q?…?=).
    for word in raw.split("=?").skip(1) {
        let mut parts = word.splitn(3, '?');
        let (_, Some(enc), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let Some(text) = rest.split("?=").next() else {
            continue;
        };
        let decoded = match enc {
            "b" | "B" => STANDARD.decode(text).ok(),
            "q" | "Q" => Some(readable_q(text)),
            _ => None,
        };
        if let Some(d) = decoded {
            out.push('\n');
            out.push_str(&String::from_utf8_lossy(&d));
        }
    }
    out
}

fn readable_q(s: &str) -> Vec<u8> {
    let s = s.replace('_', " ");
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            if let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// The recipient address of an `.eml` file.
fn recipient(raw: &str) -> String {
    raw.lines()
        .find_map(|l| l.strip_prefix("To: "))
        .map(|to| {
            let to = to.trim();
            match (to.find('<'), to.find('>')) {
                (Some(a), Some(b)) => to[a + 1..b].to_string(),
                _ => to.to_string(),
            }
        })
        .unwrap_or_default()
}

/// Sends everything due into `dir` and returns the files written since `seen`, by
/// recipient (readable text).
fn deliver(app: &TestApp, dir: &Path, seen: &mut Vec<String>) -> BTreeMap<String, Vec<String>> {
    let settings = MailSettings {
        from: "Gemeente Pelt <buren@pelt.test>".to_string(),
        message_id_domain: None,
        transport: TransportSettings::Files {
            dir: dir.to_path_buf(),
        },
    };
    let worker = Worker::from_settings(app.store.clone(), &settings, WorkerConfig::default()).unwrap();
    while worker.run_once().unwrap().claimed > 0 {}
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".eml"))
        .collect();
    names.sort();
    for n in names {
        if seen.contains(&n) {
            continue;
        }
        let raw = std::fs::read_to_string(dir.join(&n)).unwrap();
        out.entry(recipient(&raw)).or_default().push(readable(&raw));
        seen.push(n);
    }
    out
}

async fn import_addresses(app: &TestApp, admin: &str) {
    let csv = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/pelt-addresses.csv"
    ))
    .unwrap();
    let resp = app
        .client
        .post(app.url("/v1/addresses/import"))
        .bearer_auth(admin)
        .header("Content-Type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
}

/// The phone list's entries for one person (what the coordinator is to tell them).
async fn told_by_phone(app: &TestApp, token: &str, id: i64) -> Vec<Value> {
    app.get_ok("/v1/calls", token).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["neighbour_id"] == id)
        .cloned()
        .collect()
}

async fn nobody_is_named_to_a_neighbour_before_everybody_said_yes(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    import_addresses(&app, &admin).await;
    let (lindel, kattenbos) = app
        .store
        .write(|c| {
            let mk = |name: &str, lat: f64| NewNeighbourhood {
                name: name.into(),
                centre_lat: lat,
                centre_lon: crate::fixtures::LON,
                radius_m: 500.0,
            };
            let l = neighbourhood::create(c, app.org_a.id, &mk("Lindel", crate::fixtures::LAT))?;
            let k = neighbourhood::create(c, app.org_a.id, &mk("Kattenbos", crate::fixtures::LAT + 0.01))?;
            Ok((l.id, k.id))
        })
        .unwrap();
    let mut people = Vec::new();
    for (i, name, first, surname, email, phone, hood, house) in [
        (
            0,
            "Mariette Vanhoof",
            "Mariette",
            "Vanhoof",
            Some("mariette.vanhoof@pelt.test"),
            None,
            lindel,
            "3",
        ),
        (
            1,
            "Jozef Claes",
            "Jozef",
            "Claes",
            Some("jozef.claes@pelt.test"),
            Some("011 64 12 34"),
            kattenbos,
            "5",
        ),
        (
            2,
            "Rita Peeters",
            "Rita",
            "Peeters",
            None,
            Some("0470 55 66 77"),
            kattenbos,
            "7",
        ),
    ] {
        let mut body = neighbour_at(name, i, 1);
        body.as_object_mut().unwrap().remove("location");
        body["address"] = json!({"street": "Beukenlaan", "house_number": house, "postcode": "3900"});
        body["neighbourhood_id"] = json!(hood.get());
        body["contact"] = json!({"email": email, "phone": phone});
        let id = app.new_neighbour(&admin, &body).await;
        people.push(Person {
            id,
            name,
            first,
            surname,
            email,
            phone,
        });
    }
    let (mariette, jozef, rita) = (&people[0], &people[1], &people[2]);
    let rid = app.new_request(&admin, &walk_request(mariette.id)).await["id"]
        .as_i64()
        .unwrap();
    // A small group: Jozef and Rita go along with Mariette, with a note to share.
    let proposal = json!({"request_id": rid, "companion_ids": [jozef.id, rita.id], "shared_note": NOTE});
    let m = app.post_ok("/v1/matches", &admin, &proposal, 201).await["id"]
        .as_i64()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();

    // Before everybody said yes: the proposal, as e-mailed and as told by phone.
    let mails = deliver(&app, dir.path(), &mut seen);
    let calls = told_by_phone(&app, &admin, rita.id).await;
    assert_eq!(calls.len(), 1, "{calls:?}");
    let phoned = calls[0]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("{calls:?}"))
        .to_string();
    let mut told: Vec<(&Person, String)> = vec![(rita, phoned)];
    for p in [mariette, jozef] {
        let got = mails
            .get(p.email.unwrap())
            .unwrap_or_else(|| panic!("no mail to {}: {mails:?}", p.name));
        assert_eq!(got.len(), 1, "{}", p.name);
        told.push((p, got[0].clone()));
    }
    for (to, text) in &told {
        for other in people.iter().filter(|o| o.id != to.id) {
            for secret in other.secrets() {
                assert!(
                    !text.contains(secret),
                    "the proposal to {} shows {secret:?}:\n{text}",
                    to.name
                );
            }
        }
        assert!(
            !text.contains("Beukenlaan"),
            "a street in the proposal to {}:\n{text}",
            to.name
        );
        // What may be told: neighbourhood, what they share, when, the coordinator's note.
        assert!(text.contains(NOTE), "{}: {text}", to.name);
        assert!(text.contains("wandelen"), "{}: {text}", to.name);
        assert!(text.contains("dinsdagnamiddag"), "{}: {text}", to.name);
        assert!(text.contains("2 buren uit"), "{}: {text}", to.name);
    }
    assert!(told[1].1.contains("uit Kattenbos"), "{}", told[1].1);
    assert!(told[2].1.contains("Kattenbos en Lindel"), "{}", told[2].1);
    // The coordinator's own message may name everybody.
    let coordinator_mail: Vec<&String> = mails
        .iter()
        .filter(|(to, _)| !people.iter().any(|p| p.email == Some(to.as_str())))
        .flat_map(|(_, m)| m)
        .collect();
    assert!(!coordinator_mail.is_empty(), "{mails:?}");
    assert!(coordinator_mail.iter().any(|m| m.contains("Mariette Vanhoof")));

    // A partner app reading the proposal gets ids, no names.
    let partner = app.token(&app.org_a, Role::Partner, &["matches:read"]);
    let seen_by_partner = app
        .get_ok(&format!("/v1/matches/{m}"), &partner)
        .await
        .to_string();
    for p in &people {
        for secret in p.secrets() {
            assert!(!seen_by_partner.contains(secret), "{seen_by_partner}");
        }
    }
    assert!(!seen_by_partner.contains(NOTE), "{seen_by_partner}");

    // Two of three said yes: still nobody named; nothing new goes out to neighbours.
    for p in [mariette, jozef] {
        assert_eq!(app.answer(&admin, m, "accept", p.id).await.status(), 200);
    }
    let mails = deliver(&app, dir.path(), &mut seen);
    assert!(
        people
            .iter()
            .all(|p| p.email.is_none_or(|e| !mails.contains_key(e))),
        "{mails:?}"
    );
    for call in told_by_phone(&app, &admin, rita.id).await {
        let text = call["message"].as_str().unwrap_or_default();
        for other in [mariette, jozef] {
            for secret in other.secrets() {
                assert!(!text.contains(secret), "{text}");
            }
        }
    }

    // Everybody said yes: each hears the others' first names and how to reach them.
    assert_eq!(app.answer(&admin, m, "accept", rita.id).await.status(), 200);
    let mails = deliver(&app, dir.path(), &mut seen);
    let calls = told_by_phone(&app, &admin, rita.id).await;
    let accepted = calls
        .iter()
        .find(|c| c["reason"] == "match_accepted")
        .unwrap_or_else(|| panic!("{calls:?}"));
    let mut told: Vec<(&Person, String)> = vec![(rita, accepted["message"].as_str().unwrap().to_string())];
    for p in [mariette, jozef] {
        let got = mails
            .get(p.email.unwrap())
            .unwrap_or_else(|| panic!("no mail to {}: {mails:?}", p.name));
        assert_eq!(got.len(), 1, "{}", p.name);
        told.push((p, got[0].clone()));
    }
    for (to, text) in &told {
        for other in people.iter().filter(|o| o.id != to.id) {
            assert!(
                text.contains(other.first),
                "{} does not hear of {}:\n{text}",
                to.name,
                other.first
            );
            for contact in other.email.iter().chain(other.phone.iter()) {
                assert!(
                    text.contains(contact),
                    "{} does not hear {contact}:\n{text}",
                    to.name
                );
            }
            assert!(!text.contains(other.surname), "{}: {text}", to.name);
        }
        assert!(!text.contains("Beukenlaan"), "a street to {}:\n{text}", to.name);
    }
}

async fn a_shared_note_is_checked_like_any_short_text(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let bert = app.new_neighbour(&token, &neighbour_at("Bert", 1, 1)).await;
    let rid = app.new_request(&token, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    for note in [
        json!("x".repeat(281)),
        json!("twee\nregels"),
        json!("An\u{202E}txe"),
        json!(3),
    ] {
        let body = json!({"request_id": rid, "companion_ids": [bert], "shared_note": note});
        let resp = app.post_as("/v1/matches", &token, &body).await;
        let problem = crate::helpers::assert_problem(resp, 400, "invalid_value").await;
        if note.is_string() {
            assert_eq!(problem["errors"][0]["field"], "shared_note", "{problem}");
        }
    }
    let r = app.get_ok(&format!("/v1/requests/{rid}"), &token).await;
    assert_eq!(r["status"], "open", "nothing proposed: {r}");
    // Blank is no note; a fine one is kept.
    let body = json!({"request_id": rid, "companion_ids": [bert], "shared_note": "  Houdt van koffie  "});
    app.post_ok("/v1/matches", &token, &body, 201).await;
}
