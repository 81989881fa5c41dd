//! Residents from a spreadsheet. Each row becomes a [`NewNeighbour`] created through
//! [`crate::neighbours::register`] (the same checks and audit row as one registration);
//! the import adds one `neighbours_imported` audit row with the counts.
//!
//! - **Place**: an address (street, number, box, postcode) found in the organisation's
//!   address register like the register form does, or else a neighbourhood by name (its
//!   centre is then the position, with a notice). Neither: an error.
//! - **Consent**: the channel and its date are required columns; a date lies in the past
//!   year, as for one registration.
//! - **Availability**: an empty cell (or no such column) is *unknown* — stored as
//!   unknown, not as "never" — and the engine proposes such people at any time with the
//!   reason "availability not asked yet: ask when it suits" (see
//!   `nabij_engine::WeeklySlots::UNKNOWN`); "nooit"/"jamais"/"never" is never.
//! - **Tags**: interests and talents are matched to the vocabulary by code or by label in
//!   Dutch, French or English; a word that is no tag is a notice and is left out.
//! - **Languages** default to the message language; the message language (nl, fr, en)
//!   defaults to the first of those spoken, else Dutch.
//! - **Duplicates**: same name (case, accents, spaces ignored) and the same phone number
//!   (digits, +32 as 0), e-mail address (case ignored) or home (address point) as someone
//!   already registered, or as an earlier row of the file: skipped, never created twice.

use super::words::{self, Availability};
use super::{error_rows, mapping, FieldSpec, Problem, Report, Severity, Sheet};
use crate::caller::Caller;
use crate::error::{OpsError, OpsResult};
use chrono::{Duration, NaiveDateTime, Utc};
use nabij_store::address::{self, AddressQuery, Lookup};
use nabij_store::neighbour::{self, Consent, NewNeighbour};
use nabij_store::{neighbourhood, rules, DbConnection};
use std::collections::{BTreeMap, HashMap};

/// The fields a resident file can fill, with the headers that are guessed for them.
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: "display_name",
        synonyms: &[
            "naam",
            "name",
            "nom",
            "volledigenaam",
            "voornaamennaam",
            "naamenvoornaam",
            "fullname",
            "nometprenom",
            "prenometnom",
            "nomcomplet",
            "displayname",
        ],
    },
    FieldSpec {
        field: "phone",
        synonyms: &[
            "telefoon",
            "tel",
            "gsm",
            "phone",
            "telephone",
            "telefoonnummer",
            "mobile",
            "mobiel",
            "gsmnummer",
            "phonenumber",
        ],
    },
    FieldSpec {
        field: "email",
        synonyms: &[
            "email",
            "mail",
            "emailadres",
            "courriel",
            "adresseemail",
            "mailadres",
        ],
    },
    FieldSpec {
        field: "street",
        synonyms: &["straat", "street", "rue", "straatnaam", "streetname"],
    },
    FieldSpec {
        field: "house_number",
        synonyms: &[
            "huisnummer",
            "nr",
            "nummer",
            "number",
            "numero",
            "no",
            "housenumber",
            "num",
        ],
    },
    FieldSpec {
        field: "box_number",
        synonyms: &["bus", "box", "boite", "busnummer", "boxnumber"],
    },
    FieldSpec {
        field: "postcode",
        synonyms: &["postcode", "codepostal", "zip", "postalcode", "cp"],
    },
    FieldSpec {
        field: "neighbourhood",
        synonyms: &[
            "wijk",
            "buurt",
            "quartier",
            "neighbourhood",
            "neighborhood",
            "deelgemeente",
        ],
    },
    FieldSpec {
        field: "languages",
        synonyms: &[
            "talen",
            "languages",
            "langues",
            "taal",
            "spreekt",
            "gesprokentalen",
            "languesparlees",
        ],
    },
    FieldSpec {
        field: "preferred_language",
        synonyms: &[
            "berichttaal",
            "taalvoorberichten",
            "voorkeurtaal",
            "contacttaal",
            "languedecontact",
            "languedesmessages",
            "messagelanguage",
            "preferredlanguage",
        ],
    },
    FieldSpec {
        field: "interests",
        synonyms: &[
            "interesses",
            "hobbys",
            "hobby",
            "interets",
            "interests",
            "goesting",
            "doetgraag",
        ],
    },
    FieldSpec {
        field: "talents",
        synonyms: &[
            "talenten",
            "talents",
            "helptgraagmet",
            "skills",
            "competences",
            "vaardigheden",
        ],
    },
    FieldSpec {
        field: "availability",
        synonyms: &[
            "beschikbaarheid",
            "beschikbaar",
            "disponibilite",
            "disponibilites",
            "availability",
            "wanneervrij",
        ],
    },
    FieldSpec {
        field: "consent_channel",
        synonyms: &[
            "toestemming",
            "toestemmingvia",
            "consent",
            "consentement",
            "consentchannel",
            "kanaaltoestemming",
            "toestemmingskanaal",
        ],
    },
    FieldSpec {
        field: "consent_date",
        synonyms: &[
            "datumtoestemming",
            "toestemmingdatum",
            "consentdate",
            "dateconsentement",
            "dateduconsentement",
            "toestemmingop",
            "datumvantoestemming",
        ],
    },
];

/// The travel radius given to imported people (the register form's "2 km"); a
/// coordinator changes it per person.
pub const DEFAULT_TRAVEL_RADIUS_M: f64 = 2000.0;

/// What a resident import found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct NeighbourImport {
    #[serde(flatten)]
    pub report: Report,
    /// Rows (to be) created whose availability nobody has asked yet.
    pub availability_unknown: usize,
}

/// Only admins and coordinators of the whole organisation import people: a file does
/// not stop at the neighbourhoods a limited coordinator keeps.
pub fn require_whole_organisation(caller: &Caller) -> OpsResult<()> {
    if caller.role.is_staff() && caller.neighbourhoods.is_none() {
        Ok(())
    } else {
        Err(OpsError::Forbidden(
            "imports are for admins and coordinators of the whole organisation",
        ))
    }
}

/// An address as typed: street, number, box, postcode.
type AddressKey = (String, String, String, String);

struct Prepared {
    row: usize,
    form: NewNeighbour,
    address: Option<AddressQuery>,
    name_key: String,
    phone_key: Option<String>,
    email_key: Option<String>,
}

/// A phone number as compared: digits only, `+32`/`0032` as `0`.
fn phone_key(p: &str) -> String {
    let digits: String = p.chars().filter(char::is_ascii_digit).collect();
    let plus = p.trim_start().starts_with('+');
    if let Some(rest) = digits.strip_prefix("0032") {
        format!("0{rest}")
    } else if plus && digits.starts_with("32") {
        format!("0{}", &digits[2..])
    } else {
        digits
    }
}

/// Previews (`dry_run`) or imports a file with the caller's column choices (field →
/// header; missing fields guessed). An import with any error writes nothing and fails
/// with [`OpsError::ImportRejected`].
pub fn import(
    conn: &mut DbConnection,
    caller: &Caller,
    sheet: &Sheet,
    chosen: &BTreeMap<String, String>,
    dry_run: bool,
) -> OpsResult<NeighbourImport> {
    require_whole_organisation(caller)?;
    let mut problems = Vec::new();
    let m = mapping(&sheet.headers, FIELDS, chosen, &mut problems);
    for required in ["display_name", "consent_channel", "consent_date"] {
        if m.header(required).is_none() {
            problems.push(Problem::file(required, "column_missing", None));
        }
    }
    let has_address = ["street", "house_number", "postcode"]
        .iter()
        .all(|f| m.header(f).is_some());
    if !has_address && m.header("neighbourhood").is_none() {
        problems.push(Problem::file("street", "place_column_missing", None));
    }
    let mut out = NeighbourImport {
        report: Report {
            dry_run,
            headers: sheet.headers.clone(),
            mapping: m.clone(),
            rows: sheet.rows.len(),
            ..Report::default()
        },
        availability_unknown: 0,
    };
    if problems.iter().any(Problem::is_error) {
        return finish(out, problems, dry_run);
    }
    let hoods = neighbourhood::list(conn, caller.org)?;
    let now = Utc::now();
    let col = |f: &str| m.index(&sheet.headers, f);
    let mut prepared: Vec<Prepared> = Vec::with_capacity(sheet.rows.len());
    for (row, cells) in &sheet.rows {
        if let Some(p) = check_row(*row, cells, &col, &m, &hoods, caller, now, &mut problems) {
            prepared.push(p);
        }
    }
    // Addresses, once per distinct address.
    let mut found: HashMap<AddressKey, Option<(f64, f64)>> = HashMap::new();
    let mut placed: Vec<Prepared> = Vec::with_capacity(prepared.len());
    for mut p in prepared {
        if let Some(q) = &p.address {
            let key = (
                q.street.clone(),
                q.house_number.clone(),
                q.box_number.clone().unwrap_or_default(),
                q.postcode.clone(),
            );
            let point = match found.get(&key) {
                Some(pt) => *pt,
                None => {
                    let pt = match address::lookup(conn, caller.org, q) {
                        Ok(Lookup::Found { lat, lon, .. }) => Some((lat, lon)),
                        Ok(Lookup::NotFound { .. }) => None,
                        Err(nabij_store::StoreError::Invalid(_)) => None,
                        Err(e) => return Err(e.into()),
                    };
                    found.insert(key, pt);
                    pt
                }
            };
            match point {
                Some((lat, lon)) => (p.form.lat, p.form.lon) = (lat, lon),
                None => {
                    let typed = format!(
                        "{} {}{} {}",
                        q.street,
                        q.house_number,
                        q.box_number
                            .as_deref()
                            .map(|b| format!(" bus {b}"))
                            .unwrap_or_default(),
                        q.postcode
                    );
                    problems.push(
                        Problem {
                            column: m.header("street").map(str::to_string),
                            ..Problem::at(p.row, "street", "address_unknown", Severity::Error)
                        }
                        .with_value(&typed),
                    );
                    continue;
                }
            }
        }
        placed.push(p);
    }
    // Each home's neighbourhood, found once here rather than per row by the store.
    let locator = neighbourhood::Locator::new(&hoods)?;
    for p in &mut placed {
        if p.form.neighbourhood_id.is_none() {
            p.form.neighbourhood_id = locator.locate(p.form.lat, p.form.lon);
        }
    }
    // Duplicates: of people already registered, then of earlier rows.
    let existing = neighbour::identities(conn, caller.org)?;
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in existing.iter().enumerate() {
        by_name
            .entry(super::header_key(&e.display_name))
            .or_default()
            .push(i);
    }
    let mut earlier: HashMap<String, Vec<usize>> = HashMap::new();
    let mut to_create: Vec<Prepared> = Vec::with_capacity(placed.len());
    for p in placed {
        let same_person = |phone: Option<String>, email: Option<String>, point: Option<(f64, f64)>| {
            (p.phone_key.is_some() && phone == p.phone_key)
                || (p.email_key.is_some() && email == p.email_key)
                || point == Some((p.form.lat, p.form.lon))
        };
        let known = by_name.get(&p.name_key).and_then(|ix| {
            ix.iter().map(|&i| &existing[i]).find(|e| {
                same_person(
                    e.phone.as_deref().map(phone_key),
                    e.email.as_deref().map(str::to_lowercase),
                    e.lat.zip(e.lon),
                )
            })
        });
        if known.is_some() {
            out.report.duplicates += 1;
            problems.push(
                Problem {
                    column: m.header("display_name").map(str::to_string),
                    ..Problem::at(p.row, "display_name", "duplicate_existing", Severity::Duplicate)
                }
                .with_value(&p.form.display_name),
            );
            continue;
        }
        let twin = earlier.get(&p.name_key).and_then(|ix| {
            ix.iter().map(|&i| &to_create[i]).find(|o| {
                same_person(
                    o.phone_key.clone(),
                    o.email_key.clone(),
                    Some((o.form.lat, o.form.lon)),
                )
            })
        });
        if let Some(o) = twin {
            out.report.duplicates += 1;
            problems.push(
                Problem {
                    column: m.header("display_name").map(str::to_string),
                    ..Problem::at(p.row, "display_name", "duplicate_in_file", Severity::Duplicate)
                }
                .with_value(&o.row.to_string()),
            );
            continue;
        }
        earlier
            .entry(p.name_key.clone())
            .or_default()
            .push(to_create.len());
        to_create.push(p);
    }
    out.report.created = to_create.len();
    out.availability_unknown = to_create.iter().filter(|p| p.form.availability_unknown).count();
    if dry_run || problems.iter().any(Problem::is_error) {
        return finish(out, problems, dry_run);
    }
    for p in &to_create {
        crate::neighbours::register(conn, caller, &p.form).map_err(|e| at_row(e, p.row, &out, &problems))?;
    }
    crate::access::record(
        conn,
        caller,
        "neighbours_imported",
        None,
        format!(
            "rows={} created={} duplicates={} availability_unknown={}",
            out.report.rows, out.report.created, out.report.duplicates, out.availability_unknown
        ),
    )?;
    out.report.imported = true;
    finish(out, problems, false)
}

/// A create that failed after the checks passed: the row named, the import refused.
fn at_row(e: OpsError, row: usize, out: &NeighbourImport, problems: &[Problem]) -> OpsError {
    match e {
        OpsError::Store(nabij_store::StoreError::Invalid(msg))
        | OpsError::Store(nabij_store::StoreError::Conflict(msg)) => {
            let mut report = out.report.clone();
            report.problems = problems.to_vec();
            report
                .problems
                .push(Problem::at(row, "row", "row_invalid", Severity::Error).with_value(&msg));
            report.error_rows = error_rows(&report.problems);
            OpsError::ImportRejected(Box::new(report))
        }
        other => other,
    }
}

fn finish(mut out: NeighbourImport, mut problems: Vec<Problem>, dry_run: bool) -> OpsResult<NeighbourImport> {
    problems.sort_by_key(|p| (p.row.unwrap_or(0), p.severity != Severity::Error));
    out.report.error_rows = error_rows(&problems);
    out.report.problems = problems;
    if !dry_run && out.report.has_errors() {
        out.report.created = 0;
        return Err(OpsError::ImportRejected(Box::new(out.report)));
    }
    Ok(out)
}

/// The pure checks of one row; `None` when it has an error (noted in `problems`).
#[allow(clippy::too_many_arguments)]
fn check_row(
    row: usize,
    cells: &[String],
    col: &dyn Fn(&str) -> Option<usize>,
    m: &super::Mapping,
    hoods: &[neighbourhood::Neighbourhood],
    caller: &Caller,
    now: chrono::DateTime<Utc>,
    problems: &mut Vec<Problem>,
) -> Option<Prepared> {
    let before = problems.iter().filter(|p| p.is_error()).count();
    let cell = |f: &str| {
        col(f)
            .and_then(|i| cells.get(i))
            .map(String::as_str)
            .unwrap_or("")
    };
    let mut push = |field: &'static str, code: &'static str, severity: Severity, value: &str| {
        let mut p = Problem {
            column: m.header(field).map(str::to_string),
            ..Problem::at(row, field, code, severity)
        };
        if !value.is_empty() {
            p = p.with_value(value);
        }
        problems.push(p);
    };
    let name = cell("display_name");
    let display_name = if name.is_empty() {
        push("display_name", "name_missing", Severity::Error, "");
        None
    } else {
        match rules::display_name(name) {
            Ok(n) => Some(n),
            Err(_) => {
                push("display_name", "name_invalid", Severity::Error, name);
                None
            }
        }
    };
    let phone = match rules::phone(Some(cell("phone"))) {
        Ok(p) => p,
        Err(_) => {
            push("phone", "phone_invalid", Severity::Error, cell("phone"));
            None
        }
    };
    let email = match rules::email(Some(cell("email"))) {
        Ok(e) => e,
        Err(_) => {
            push("email", "email_invalid", Severity::Error, cell("email"));
            None
        }
    };
    // Place: an address, else a neighbourhood.
    let (street, number, bus, pc) = (
        cell("street"),
        cell("house_number"),
        cell("box_number"),
        cell("postcode"),
    );
    let any_address = [street, number, pc].iter().any(|s| !s.is_empty());
    let mut address = None;
    if any_address {
        if street.is_empty() || number.is_empty() || pc.is_empty() {
            let field = if street.is_empty() {
                "street"
            } else if number.is_empty() {
                "house_number"
            } else {
                "postcode"
            };
            push(field, "address_incomplete", Severity::Error, "");
        } else if nabij_store::address_text::postcode(pc).is_none() {
            push("postcode", "postcode_invalid", Severity::Error, pc);
        } else {
            address = Some(AddressQuery {
                street: street.to_string(),
                house_number: number.to_string(),
                box_number: (!bus.is_empty()).then(|| bus.to_string()),
                postcode: pc.to_string(),
            });
        }
    }
    let hood_name = cell("neighbourhood");
    let mut hood: Option<&neighbourhood::Neighbourhood> = None;
    if !hood_name.is_empty() {
        let k = super::header_key(hood_name);
        hood = hoods.iter().find(|h| super::header_key(&h.name) == k);
        if hood.is_none() {
            push(
                "neighbourhood",
                "neighbourhood_unknown",
                Severity::Error,
                hood_name,
            );
        }
    }
    let (lat, lon) = match (&address, hood) {
        (Some(_), _) => (f64::NAN, f64::NAN),
        (None, Some(h)) => {
            if !any_address {
                push(
                    "neighbourhood",
                    "place_neighbourhood_centre",
                    Severity::Notice,
                    &h.name,
                );
            }
            (h.centre_lat, h.centre_lon)
        }
        (None, None) => {
            if !any_address && hood_name.is_empty() {
                push("street", "place_missing", Severity::Error, "");
            }
            (f64::NAN, f64::NAN)
        }
    };
    // Languages.
    let mut languages: Vec<String> = Vec::new();
    for w in words::list(cell("languages")) {
        match words::language(&w) {
            Some(c) => languages.push(c.to_string()),
            None => push("languages", "language_unknown", Severity::Error, &w),
        }
    }
    let preferred = cell("preferred_language");
    let preferred_language = if preferred.is_empty() {
        languages
            .iter()
            .find(|l| ["nl", "fr", "en"].contains(&l.as_str()))
            .cloned()
            .unwrap_or_else(|| "nl".to_string())
    } else {
        match words::language(preferred).filter(|c| ["nl", "fr", "en"].contains(c)) {
            Some(c) => c.to_string(),
            None => {
                push(
                    "preferred_language",
                    "message_language_unknown",
                    Severity::Error,
                    preferred,
                );
                "nl".to_string()
            }
        }
    };
    if languages.is_empty() {
        languages.push(preferred_language.clone());
    }
    languages.dedup();
    // Tags: known words kept, others noticed.
    let mut tags = |field: &'static str| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for w in words::list(cell(field)) {
            match words::tag(&w) {
                Some(c) if !out.iter().any(|o| o == c) => out.push(c.to_string()),
                Some(_) => {}
                None => push(field, "tag_unknown", Severity::Notice, &w),
            }
        }
        out
    };
    let interests = tags("interests");
    let talents = tags("talents");
    let (availability, availability_unknown) = match words::availability(cell("availability")) {
        Ok(Availability::Unknown) => (Vec::new(), true),
        Ok(Availability::Slots(s)) => (s, false),
        Err(w) => {
            push("availability", "availability_invalid", Severity::Error, &w);
            (Vec::new(), false)
        }
    };
    // Consent: channel and date.
    let channel_cell = cell("consent_channel");
    let channel = if channel_cell.is_empty() {
        push("consent_channel", "consent_missing", Severity::Error, "");
        None
    } else {
        let c = words::consent_channel(channel_cell);
        if c.is_none() {
            push(
                "consent_channel",
                "consent_channel_invalid",
                Severity::Error,
                channel_cell,
            );
        }
        c
    };
    let date_cell = cell("consent_date");
    let recorded_at: Option<NaiveDateTime> = if date_cell.is_empty() {
        push("consent_date", "consent_date_missing", Severity::Error, "");
        None
    } else {
        match words::date(date_cell) {
            None => {
                push("consent_date", "consent_date_invalid", Severity::Error, date_cell);
                None
            }
            Some(d) => {
                let at = d.and_hms_opt(0, 0, 0).unwrap_or_default();
                if at > (now + Duration::minutes(5)).naive_utc() {
                    push("consent_date", "consent_date_future", Severity::Error, date_cell);
                    None
                } else if at < (now - Duration::days(366)).naive_utc() {
                    push("consent_date", "consent_date_old", Severity::Error, date_cell);
                    None
                } else {
                    Some(at)
                }
            }
        }
    };
    if problems.iter().filter(|p| p.is_error()).count() > before {
        return None;
    }
    let (Some(display_name), Some(channel), Some(recorded_at)) = (display_name, channel, recorded_at) else {
        return None;
    };
    let name_key = super::header_key(&display_name);
    let phone_key = phone.as_deref().map(phone_key);
    let email_key = email.as_deref().map(str::to_lowercase);
    Some(Prepared {
        row,
        form: NewNeighbour {
            neighbourhood_id: hood.map(|h| h.id),
            display_name,
            email,
            phone,
            lat,
            lon,
            travel_radius_m: DEFAULT_TRAVEL_RADIUS_M,
            interests,
            talents,
            languages,
            availability,
            availability_unknown,
            capacity: 1,
            paused: false,
            consent: Consent {
                channel,
                recorded_at,
                recorded_by: caller.actor().to_string(),
            },
            preferred_language,
        },
        address,
        name_key,
        phone_key,
        email_key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_keys_ignore_formatting_and_country_code() {
        assert_eq!(phone_key("0470 12 34 56"), "0470123456");
        assert_eq!(phone_key("+32 470 12.34.56"), "0470123456");
        assert_eq!(phone_key("0032470123456"), "0470123456");
    }

    #[test]
    fn guesses_dutch_headers() {
        let h: Vec<String> = [
            "Naam",
            "GSM",
            "E-mail",
            "Straat",
            "Nr",
            "Bus",
            "Postcode",
            "Talen",
            "Hobby's",
            "Beschikbaarheid",
            "Toestemming via",
            "Datum toestemming",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = super::super::guess(&h, FIELDS);
        assert_eq!(m.header("display_name"), Some("Naam"));
        assert_eq!(m.header("phone"), Some("GSM"));
        assert_eq!(m.header("email"), Some("E-mail"));
        assert_eq!(m.header("house_number"), Some("Nr"));
        assert_eq!(m.header("interests"), Some("Hobby's"));
        assert_eq!(m.header("consent_channel"), Some("Toestemming via"));
        assert_eq!(m.header("consent_date"), Some("Datum toestemming"));
        assert_eq!(m.header("preferred_language"), None);
    }
}
