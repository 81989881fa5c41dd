//! Setting up a municipality (issue 16) on both backends: neighbourhoods from the GeoJSON
//! fixture with point-in-polygon, and the synthetic address register with lookups.

use crate::common::{new_neighbour, org, Ctx};
use nabij_store::address::{self, AddressQuery, Lookup};
use nabij_store::neighbour::NeighbourUpdate;
use nabij_store::neighbourhood::{self, NewNeighbourhood};
use nabij_store::{boundary, neighbour as nb};

crate::on_both_backends!(
    neighbourhoods_from_geojson_place_neighbours_by_polygon: 2,
    addresses_are_found_exactly_with_suggestions_or_not_at_all: 2,
);

fn fixture(name: &str) -> String {
    let path = format!("{}/../../fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn neighbourhoods_from_geojson_place_neighbours_by_polygon(ctx: Ctx) {
    let pelt = org(&ctx.store, "pelt");
    let other = org(&ctx.store, "deerlijk");
    let file = boundary::parse_file(&fixture("pelt-neighbourhoods.geojson"), "naam").unwrap();
    assert!(file.importable(), "{:?} {:?}", file.features, file.overlaps);
    assert_eq!(file.valid.len(), 4);
    ctx.store
        .write(|c| {
            // An existing neighbourhood of the same name keeps its id.
            let old = neighbourhood::create(
                c,
                pelt,
                &NewNeighbourhood {
                    name: "Neerpelt".into(),
                    centre_lat: 51.229,
                    centre_lon: 5.433,
                    radius_m: 50_000.0,
                },
            )?;
            let inside_neerpelt = nb::create(c, pelt, &new_neighbour("Anna", 51.230, 5.430, 1))?;
            let in_lindel_part2 = nb::create(c, pelt, &new_neighbour("Bert", 51.224, 5.372, 1))?;
            let far_away = nb::create(c, pelt, &new_neighbour("Carla", 51.10, 5.20, 1))?;
            let elsewhere = nb::create(c, other, &new_neighbour("Dirk", 51.230, 5.430, 1))?;
            assert_eq!(inside_neerpelt.neighbourhood_id, Some(old.id), "by radius before");
            assert_eq!(in_lindel_part2.neighbourhood_id, Some(old.id), "by radius before");

            let done = neighbourhood::import(c, pelt, &file.valid)?;
            assert_eq!(done.updated, ["Neerpelt"]);
            assert_eq!(done.created.len(), 3);
            let moved = neighbourhood::relocate_all(c, pelt)?;
            let hoods = neighbourhood::list(c, pelt)?;
            let id_of = |name: &str| hoods.iter().find(|h| h.name == name).map(|h| h.id);
            let neer = hoods.iter().find(|h| h.name == "Neerpelt").unwrap();
            assert_eq!(neer.id, old.id);
            assert!(neer.boundary.is_some());
            assert!((neer.centre_lat - 51.23).abs() < 0.001 && (neer.centre_lon - 5.435).abs() < 0.001);
            assert!(neer.radius_m < 5_000.0, "recomputed: {}", neer.radius_m);

            let get =
                |c: &mut nabij_store::DbConnection, id| nb::get(c, pelt, id).map(|n| n.neighbourhood_id);
            assert_eq!(get(c, inside_neerpelt.id)?, id_of("Neerpelt"));
            assert_eq!(
                get(c, in_lindel_part2.id)?,
                id_of("Lindel"),
                "second part of a MultiPolygon"
            );
            assert_eq!(get(c, far_away.id)?, None);
            assert_eq!(moved.outside, vec![(far_away.id, "Carla".to_string())]);
            assert_eq!(neighbourhood::outside(c, pelt)?, moved.outside);
            assert_eq!(
                nb::get(c, other, elsewhere.id)?.neighbourhood_id,
                None,
                "another organisation is not touched"
            );

            // A home that moves is placed again; a new neighbour is placed by polygon.
            let moved_home = NeighbourUpdate {
                location: Some((51.22, 5.50)),
                ..Default::default()
            };
            let anna = nb::update(c, pelt, inside_neerpelt.id, &moved_home)?;
            assert_eq!(anna.neighbourhood_id, id_of("Sint-Huibrechts-Lille"));
            let eve = nb::create(c, pelt, &new_neighbour("Eve", 51.205, 5.42, 1))?;
            assert_eq!(eve.neighbourhood_id, id_of("Overpelt"));
            Ok(())
        })
        .unwrap();
}

fn q(street: &str, number: &str, bx: Option<&str>, pc: &str) -> AddressQuery {
    AddressQuery {
        street: street.into(),
        house_number: number.into(),
        box_number: bx.map(str::to_string),
        postcode: pc.into(),
    }
}

fn addresses_are_found_exactly_with_suggestions_or_not_at_all(ctx: Ctx) {
    let pelt = org(&ctx.store, "pelt");
    let other = org(&ctx.store, "deerlijk");
    let file = address::parse_csv(fixture("pelt-addresses.csv").as_bytes()).unwrap();
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    assert_eq!(file.skipped, 1, "the retired row");
    assert_eq!(file.points.len(), 367);
    ctx.store
        .write(|c| {
            assert_eq!(address::replace_all(c, pelt, &file.points)?, 367);
            // Importing again replaces, never doubles.
            assert_eq!(address::replace_all(c, pelt, &file.points)?, 367);
            assert_eq!(address::count(c, pelt)?, 367);
            assert_eq!(address::count(c, other)?, 0);

            let found = |c: &mut nabij_store::DbConnection, query: AddressQuery| match address::lookup(
                c, pelt, &query,
            )? {
                Lookup::Found { lat, lon, label } => Ok(Some((lat, lon, label))),
                Lookup::NotFound { .. } => Ok::<_, nabij_store::StoreError>(None),
            };
            // Exact, and written differently.
            let (lat, lon, label) = found(c, q("Beukenlaan", "12", None, "3900"))?.unwrap();
            assert!((lat - 51.2324).abs() < 1e-6 && (lon - 5.4248).abs() < 1e-6);
            assert_eq!(label.street, "Beukenlaan");
            for (street, number) in [("beukenlaan", "12"), ("BEUKEN LN.", "12"), ("Beukenln", " 12 ")] {
                assert!(found(c, q(street, number, None, "3900"))?.is_some(), "{street}");
            }
            assert!(found(c, q("Brugse Stwg.", "3", None, "3900"))?.is_some());
            assert!(found(c, q("Heidestr.", "5", None, "3900"))?.is_some());
            assert!(found(c, q("Kapelstraat", "7 a", None, "3900"))?.is_some());
            // The French name of a bilingual street, with or without accents.
            let (_, _, fr) = found(c, q("Rue de l'Eglise", "4", None, "3900"))?.unwrap();
            assert_eq!(fr.street, "Rue de l'Église");
            assert!(found(c, q("r. de l'église", "4", None, "3900"))?.is_some());
            // Boxes.
            let (_, _, boxed) = found(c, q("Beukenlaan", "10", Some("bus 2"), "3900"))?.unwrap();
            assert_eq!(boxed.box_number.as_deref(), Some("2"));
            let (_, _, building) = found(c, q("Beukenlaan", "10", None, "3900"))?.unwrap();
            assert_eq!(building.box_number, None);

            // Near misses: a misspelt street, a number that is not there, a box that is not.
            let Lookup::NotFound { suggestions } =
                address::lookup(c, pelt, &q("Beukelaan", "12", None, "3900"))?
            else {
                panic!("a misspelt street is not found");
            };
            assert_eq!(suggestions[0].street, "Beukenlaan");
            assert_eq!(suggestions[0].house_number.as_deref(), Some("12"));
            let Lookup::NotFound { suggestions } =
                address::lookup(c, pelt, &q("Beukenlaan", "99", None, "3900"))?
            else {
                panic!("number 99 does not exist");
            };
            assert_eq!(suggestions.len(), address::MAX_SUGGESTIONS);
            assert_eq!(suggestions[0].house_number.as_deref(), Some("40"));
            let Lookup::NotFound { suggestions } =
                address::lookup(c, pelt, &q("Beukenlaan", "10", Some("9"), "3900"))?
            else {
                panic!("box 9 does not exist");
            };
            assert!(suggestions.iter().any(|s| s.box_number.as_deref() == Some("1")));
            // Nothing like it; the wrong postcode; another organisation.
            for query in [
                q("Zonnebloemdreef", "1", None, "3900"),
                q("Molenweg", "40", None, "3900"),
            ] {
                let Lookup::NotFound { suggestions } = address::lookup(c, pelt, &query)? else {
                    panic!("{query:?} should not be found");
                };
                assert!(suggestions.is_empty(), "{query:?}: {suggestions:?}");
            }
            assert!(found(c, q("Molenweg", "40", None, "3910"))?.is_none(), "retired");
            assert!(found(c, q("Molenweg", "39", None, "3910"))?.is_some());
            assert!(matches!(
                address::lookup(c, other, &q("Beukenlaan", "12", None, "3900"))?,
                Lookup::NotFound { ref suggestions } if suggestions.is_empty()
            ));
            assert!(address::lookup(c, pelt, &q("Beukenlaan", "12", None, "39")).is_err());

            // The search box: labels only.
            let hits = address::search(c, pelt, "beuken 12", 10)?;
            assert_eq!(hits.len(), 1);
            assert_eq!(hits[0].house_number.as_deref(), Some("12"));
            let streets = address::search(c, pelt, "kerk", 10)?;
            assert_eq!(streets.len(), 1);
            assert_eq!(streets[0].house_number, None);
            assert!(address::search(c, other, "beuken", 10)?.is_empty());
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_file_without_the_register_columns_is_refused_and_bad_rows_are_listed() {
    let e = address::parse_csv(b"street,number\nKerkstraat,1\n").unwrap_err();
    assert!(e.to_string().contains("EPSG:4326_lat"), "{e}");
    let header = "EPSG:4326_lat;EPSG:4326_lon;box_number;house_number;postcode;streetname_nl;streetname_fr;streetname_de;status\n";
    let data = format!("{header}51.2;5.4;;1;3900;Kerkstraat;;;current\nx;5.4;;2;3900;Kerkstraat;;;current\n51.2;5.4;;3;39;Kerkstraat;;;current\n");
    let f = address::parse_csv(data.as_bytes()).unwrap();
    assert_eq!(f.points.len(), 1);
    assert_eq!(f.problems.iter().map(|p| p.line).collect::<Vec<_>>(), [3, 4]);
}
