//! The organisation's address points, from the municipality's extract of the official
//! open address register, and the lookup of a typed address (street + number (+ box) +
//! postcode) to its point. The point never leaves the server: what callers get back are
//! [`AddressLabel`]s (street, number, box, postcode, municipality).
//!
//! **File layout.** The BeSt Address open data CSV (FOD BOSA), whose header is
//! `EPSG:31370_x, EPSG:31370_y, EPSG:4326_lat, EPSG:4326_lon, address_id, box_number,
//! house_number, municipality_id, municipality_name_de, municipality_name_fr,
//! municipality_name_nl, postcode, postname_fr, postname_nl, street_id, streetname_de,
//! streetname_fr, streetname_nl, region_code, status` — as written by BOSA's own
//! converter (repository Fedict/best-tools,
//! `converter/src/main/java/be/bosa/dt/best/converter/writer/BestWriterCSVOpenAddresses.java`).
//! Columns are found by name, so their order and extra columns do not matter; the ones
//! read are [`REQUIRED`]. Rows with status `retired` are skipped (an address that no
//! longer exists); `current`, `proposed` and `reserved` ones are kept, so that a new
//! building can be registered before its address is official.

use crate::address_text::{box_number, house_number, postcode, street_key};
use crate::error::{Result, StoreError};
use crate::ids::OrgId;
use crate::schema::address_points;
use crate::DbConnection;
use diesel::prelude::*;
use serde::Serialize;

/// The columns an address file must have.
pub const REQUIRED: [&str; 9] = [
    "EPSG:4326_lat",
    "EPSG:4326_lon",
    "box_number",
    "house_number",
    "postcode",
    "streetname_nl",
    "streetname_fr",
    "streetname_de",
    "status",
];

/// Most rows listed as problems of a refused file.
pub const MAX_PROBLEMS: usize = 50;
/// Rows inserted per statement.
const BATCH: usize = 1_000;
/// Suggestions offered for a near miss.
pub const MAX_SUGGESTIONS: usize = 5;

/// One address point as read from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct AddressPoint {
    pub postcode: String,
    pub municipality: String,
    pub street_nl: String,
    pub street_fr: String,
    pub street_de: String,
    pub house_number: String,
    pub box_number: String,
    pub lat: f64,
    pub lon: f64,
}

/// A row of the file that cannot be imported (line 1 is the header).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowProblem {
    pub line: u64,
    pub message: String,
}

/// What a file holds.
#[derive(Debug, Clone, Default)]
pub struct ParsedAddresses {
    pub points: Vec<AddressPoint>,
    /// Rows left out on purpose (status `retired`).
    pub skipped: usize,
    /// Rows that cannot be imported; the file is refused when there is any.
    pub problems: Vec<RowProblem>,
    /// All problems, also those not listed.
    pub problem_count: usize,
}

fn col(headers: &csv::StringRecord, name: &str) -> Option<usize> {
    headers
        .iter()
        .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
}

/// Reads an address file (comma or semicolon separated, UTF-8). A file without the
/// register's columns is `Invalid`; bad rows are listed in the result.
pub fn parse_csv(data: &[u8]) -> Result<ParsedAddresses> {
    let first_line = data.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if first_line.iter().filter(|b| **b == b';').count()
        > first_line.iter().filter(|b| **b == b',').count()
    {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(data);
    let headers = rdr
        .headers()
        .map_err(|e| StoreError::invalid(format!("cannot read the header: {e}")))?
        .clone();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| col(&headers, c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(StoreError::invalid(format!(
            "not a BeSt Address file: column(s) {} missing",
            missing.join(", ")
        )));
    }
    let idx = |name: &str| col(&headers, name);
    let (lat_i, lon_i, box_i, num_i, pc_i, nl_i, fr_i, de_i, status_i) = (
        idx("EPSG:4326_lat"),
        idx("EPSG:4326_lon"),
        idx("box_number"),
        idx("house_number"),
        idx("postcode"),
        idx("streetname_nl"),
        idx("streetname_fr"),
        idx("streetname_de"),
        idx("status"),
    );
    let (mun_nl, mun_fr, mun_de) = (
        idx("municipality_name_nl"),
        idx("municipality_name_fr"),
        idx("municipality_name_de"),
    );
    let mut out = ParsedAddresses::default();
    for (i, rec) in rdr.records().enumerate() {
        let line = i as u64 + 2;
        let problem = |out: &mut ParsedAddresses, message: String| {
            out.problem_count += 1;
            if out.problems.len() < MAX_PROBLEMS {
                out.problems.push(RowProblem { line, message });
            }
        };
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                problem(&mut out, format!("unreadable row: {e}"));
                continue;
            }
        };
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim().to_string();
        if get(status_i).eq_ignore_ascii_case("retired") {
            out.skipped += 1;
            continue;
        }
        let coord = |i: Option<usize>| get(i).replace(',', ".").parse::<f64>().ok();
        let (lat, lon) = match (coord(lat_i), coord(lon_i)) {
            (Some(lat), Some(lon))
                if (-90.0..=90.0).contains(&lat)
                    && (-180.0..=180.0).contains(&lon)
                    && lat.is_finite()
                    && lon.is_finite() =>
            {
                (lat, lon)
            }
            _ => {
                problem(
                    &mut out,
                    "EPSG:4326_lat/EPSG:4326_lon is not a WGS84 position".into(),
                );
                continue;
            }
        };
        let Some(pc) = postcode(&get(pc_i)) else {
            problem(&mut out, format!("postcode `{}` is not four digits", get(pc_i)));
            continue;
        };
        let number = get(num_i);
        if house_number(&number).is_empty() {
            problem(&mut out, "house_number is empty".into());
            continue;
        }
        let (nl, fr, de) = (get(nl_i), get(fr_i), get(de_i));
        if nl.is_empty() && fr.is_empty() && de.is_empty() {
            problem(
                &mut out,
                "no street name (streetname_nl, _fr and _de are empty)".into(),
            );
            continue;
        }
        let municipality = [get(mun_nl), get(mun_fr), get(mun_de)]
            .into_iter()
            .find(|m| !m.is_empty())
            .unwrap_or_default();
        out.points.push(AddressPoint {
            postcode: pc,
            municipality,
            street_nl: nl,
            street_fr: fr,
            street_de: de,
            house_number: number,
            box_number: get(box_i),
            lat,
            lon,
        });
    }
    Ok(out)
}

#[derive(Insertable)]
#[diesel(table_name = address_points)]
struct PointInsert<'a> {
    organisation_id: OrgId,
    postcode: &'a str,
    municipality: &'a str,
    street_nl: &'a str,
    street_fr: &'a str,
    street_de: &'a str,
    key_nl: String,
    key_fr: String,
    key_de: String,
    house_number: String,
    box_number: String,
    lat: f64,
    lon: f64,
}

/// Replaces the organisation's address points by `points` (call it in one transaction:
/// a failure leaves the old ones). Returns how many were stored.
pub fn replace_all(conn: &mut DbConnection, org: OrgId, points: &[AddressPoint]) -> Result<usize> {
    diesel::delete(address_points::table.filter(address_points::organisation_id.eq(org))).execute(conn)?;
    let mut n = 0;
    for chunk in points.chunks(BATCH) {
        let rows: Vec<PointInsert<'_>> = chunk
            .iter()
            .map(|p| PointInsert {
                organisation_id: org,
                postcode: &p.postcode,
                municipality: &p.municipality,
                street_nl: &p.street_nl,
                street_fr: &p.street_fr,
                street_de: &p.street_de,
                key_nl: street_key(&p.street_nl),
                key_fr: street_key(&p.street_fr),
                key_de: street_key(&p.street_de),
                house_number: house_number(&p.house_number),
                box_number: box_number(&p.box_number),
                lat: p.lat,
                lon: p.lon,
            })
            .collect();
        n += crate::per_backend!(conn, |c| diesel::insert_into(address_points::table)
            .values(&rows)
            .execute(c))?;
    }
    Ok(n)
}

/// How many address points the organisation has.
pub fn count(conn: &mut DbConnection, org: OrgId) -> Result<i64> {
    Ok(address_points::table
        .filter(address_points::organisation_id.eq(org))
        .count()
        .get_result(conn)?)
}

/// An address as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AddressQuery {
    pub street: String,
    pub house_number: String,
    pub box_number: Option<String>,
    pub postcode: String,
}

/// An address as shown: never its position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddressLabel {
    pub street: String,
    /// Absent for a street suggested without a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub house_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub box_number: Option<String>,
    pub postcode: String,
    pub municipality: String,
}

/// What a lookup found.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// The point (latitude, longitude) and how the address is written.
    Found { lat: f64, lon: f64, label: AddressLabel },
    /// No such address; the nearest ones in the postcode (possibly none).
    NotFound { suggestions: Vec<AddressLabel> },
}

/// Municipality, the street's names (nl, fr, de) and their keys.
type StreetRow = (String, String, String, String, String, String, String);

type Row = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    f64,
    f64,
);

fn select_row() -> (
    address_points::postcode,
    address_points::municipality,
    address_points::street_nl,
    address_points::street_fr,
    address_points::street_de,
    address_points::key_nl,
    address_points::key_fr,
    address_points::key_de,
    address_points::house_number,
    address_points::box_number,
    address_points::lat,
    address_points::lon,
) {
    (
        address_points::postcode,
        address_points::municipality,
        address_points::street_nl,
        address_points::street_fr,
        address_points::street_de,
        address_points::key_nl,
        address_points::key_fr,
        address_points::key_de,
        address_points::house_number,
        address_points::box_number,
        address_points::lat,
        address_points::lon,
    )
}

/// The street name in the language whose key is `key` (or the first one there is).
fn street_for(r: &Row, key: &str) -> String {
    let names = [(&r.2, &r.5), (&r.3, &r.6), (&r.4, &r.7)];
    names
        .iter()
        .find(|(n, k)| !n.is_empty() && k.as_str() == key)
        .or_else(|| names.iter().find(|(n, _)| !n.is_empty()))
        .map(|(n, _)| (*n).clone())
        .unwrap_or_default()
}

fn label(r: &Row, key: &str, with_number: bool) -> AddressLabel {
    AddressLabel {
        street: street_for(r, key),
        house_number: with_number.then(|| r.8.clone()),
        box_number: (with_number && !r.9.is_empty()).then(|| r.9.clone()),
        postcode: r.0.clone(),
        municipality: r.1.clone(),
    }
}

/// Finds the point of an address. Street names are compared by their key (case,
/// accents, abbreviations; Dutch, French and German names alike); without a box the
/// building's own point is taken (the row without box, else the first box). When
/// nothing matches, suggestions: the same street's nearest numbers if the street is
/// known, else the streets of the postcode within a small edit distance of the typed
/// one.
pub fn lookup(conn: &mut DbConnection, org: OrgId, q: &AddressQuery) -> Result<Lookup> {
    let key = street_key(&q.street);
    let number = house_number(&q.house_number);
    let Some(pc) = postcode(&q.postcode) else {
        return Err(StoreError::invalid("postcode must be four digits"));
    };
    if key.is_empty() || number.is_empty() {
        // Typed, but nothing of it is a street name or a number (only punctuation,
        // symbols, control characters): no address is written so.
        return Ok(Lookup::NotFound {
            suggestions: Vec::new(),
        });
    }
    let wanted_box = q.box_number.as_deref().map(box_number).filter(|b| !b.is_empty());
    let same_street = address_points::key_nl
        .eq(key.clone())
        .or(address_points::key_fr.eq(key.clone()))
        .or(address_points::key_de.eq(key.clone()));
    let rows: Vec<Row> = address_points::table
        .filter(address_points::organisation_id.eq(org))
        .filter(address_points::postcode.eq(&pc))
        .filter(address_points::house_number.eq(&number))
        .filter(same_street.clone())
        .order(address_points::id)
        .select(select_row())
        .limit(500)
        .load(conn)?;
    let hit = match &wanted_box {
        Some(b) => rows.iter().find(|r| &r.9 == b),
        None => rows.iter().find(|r| r.9.is_empty()).or(rows.first()),
    };
    if let Some(r) = hit {
        return Ok(Lookup::Found {
            lat: r.10,
            lon: r.11,
            label: label(r, &key, true),
        });
    }
    if !rows.is_empty() {
        // The number exists, the box does not: offer the boxes there are.
        let suggestions = rows
            .iter()
            .take(MAX_SUGGESTIONS)
            .map(|r| label(r, &key, true))
            .collect();
        return Ok(Lookup::NotFound { suggestions });
    }
    // The street is known in this postcode: its numbers nearest to the typed one.
    let on_street: Vec<Row> = address_points::table
        .filter(address_points::organisation_id.eq(org))
        .filter(address_points::postcode.eq(&pc))
        .filter(same_street)
        .filter(address_points::box_number.eq(""))
        .select(select_row())
        .load(conn)?;
    if !on_street.is_empty() {
        let typed = leading_number(&number);
        let mut v: Vec<&Row> = on_street.iter().collect();
        v.sort_by_key(|r| (leading_number(&r.8).abs_diff(typed), r.8.clone()));
        let suggestions = v
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|r| label(r, &key, true))
            .collect();
        return Ok(Lookup::NotFound { suggestions });
    }
    // Streets of the postcode whose name is near the typed one.
    let streets: Vec<StreetRow> = address_points::table
        .filter(address_points::organisation_id.eq(org))
        .filter(address_points::postcode.eq(&pc))
        .select((
            address_points::municipality,
            address_points::street_nl,
            address_points::street_fr,
            address_points::street_de,
            address_points::key_nl,
            address_points::key_fr,
            address_points::key_de,
        ))
        .distinct()
        .load(conn)?;
    let limit = (key.chars().count() / 4).clamp(2, 4);
    let mut near: Vec<(usize, String, String)> = Vec::new();
    for (mun, nl, fr, de, knl, kfr, kde) in &streets {
        let best = [(nl, knl), (fr, kfr), (de, kde)]
            .into_iter()
            .filter(|(n, _)| !n.is_empty())
            .map(|(n, k)| (strsim::levenshtein(&key, k), n.clone()))
            .min();
        if let Some((d, name)) = best {
            if d <= limit && !near.iter().any(|(_, n, _)| n == &name) {
                near.push((d, name, mun.clone()));
            }
        }
    }
    near.sort();
    // The typed number on a suggested street, if it is there; the street alone if not.
    let mut suggestions = Vec::new();
    for (_, name, municipality) in near.into_iter().take(MAX_SUGGESTIONS) {
        let k = street_key(&name);
        let exists: i64 = address_points::table
            .filter(address_points::organisation_id.eq(org))
            .filter(address_points::postcode.eq(&pc))
            .filter(address_points::house_number.eq(&number))
            .filter(
                address_points::key_nl
                    .eq(k.clone())
                    .or(address_points::key_fr.eq(k.clone()))
                    .or(address_points::key_de.eq(k)),
            )
            .count()
            .get_result(conn)?;
        suggestions.push(AddressLabel {
            street: name,
            house_number: (exists > 0).then(|| number.clone()),
            box_number: None,
            postcode: pc.clone(),
            municipality,
        });
    }
    Ok(Lookup::NotFound { suggestions })
}

fn leading_number(s: &str) -> u32 {
    s.chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}

/// Addresses for a search box: `q` is free text such as "kerkstr 12 3900" — a
/// four-digit word is the postcode, a word starting with a digit the house number, the
/// rest the beginning of the street name. Labels only, at most `limit` (1..=20), without
/// boxes; without a number, one label per street.
pub fn search(conn: &mut DbConnection, org: OrgId, q: &str, limit: i64) -> Result<Vec<AddressLabel>> {
    let mut pc = None;
    let mut number = None;
    let mut street = Vec::new();
    for w in q.split_whitespace() {
        let w = w.trim_matches(',');
        if let Some(p) = postcode(w) {
            pc = Some(p);
        } else if w.starts_with(|c: char| c.is_ascii_digit()) && number.is_none() {
            number = Some(house_number(w));
        } else {
            street.push(w);
        }
    }
    let key = street_key(&street.join(" "));
    if key.is_empty() {
        return Ok(Vec::new());
    }
    let prefix = format!("{key}%");
    let mut query = address_points::table
        .filter(address_points::organisation_id.eq(org))
        .filter(
            address_points::key_nl
                .like(prefix.clone())
                .or(address_points::key_fr.like(prefix.clone()))
                .or(address_points::key_de.like(prefix)),
        )
        .filter(address_points::box_number.eq(""))
        .into_boxed();
    if let Some(pc) = &pc {
        query = query.filter(address_points::postcode.eq(pc.clone()));
    }
    if let Some(n) = &number {
        query = query.filter(address_points::house_number.eq(n.clone()));
    }
    let rows: Vec<Row> = query
        .order((
            address_points::postcode,
            address_points::key_nl,
            address_points::id,
        ))
        .select(select_row())
        .limit(2_000)
        .load(conn)?;
    let limit = limit.clamp(1, 20) as usize;
    let mut out: Vec<AddressLabel> = Vec::new();
    for r in &rows {
        let matched = [&r.5, &r.6, &r.7]
            .into_iter()
            .find(|k| k.starts_with(&key))
            .cloned()
            .unwrap_or_default();
        let l = label(r, &matched, number.is_some());
        if !out.contains(&l) {
            out.push(l);
            if out.len() == limit {
                break;
            }
        }
    }
    Ok(out)
}
