-- Issue 16 (a municipality sets itself up).
-- A neighbourhood may have a boundary: its polygon or multipolygon as GeoJSON geometry
-- text (WGS84, as imported from a FeatureCollection); a neighbour's neighbourhood is then
-- found by point-in-polygon. Neighbourhoods without one keep their centre and radius.
ALTER TABLE neighbourhoods ADD COLUMN boundary TEXT;

-- The municipality's address points, in the layout of the official open address
-- register (BeSt Address). The position never leaves the server; the keys are the
-- normalised street names (lowercase, no accents, abbreviations written out) the
-- lookup compares.
CREATE TABLE address_points (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    postcode TEXT NOT NULL,
    municipality TEXT NOT NULL,
    street_nl TEXT NOT NULL,
    street_fr TEXT NOT NULL,
    street_de TEXT NOT NULL,
    key_nl TEXT NOT NULL,
    key_fr TEXT NOT NULL,
    key_de TEXT NOT NULL,
    house_number TEXT NOT NULL,
    box_number TEXT NOT NULL,
    lat DOUBLE NOT NULL,
    lon DOUBLE NOT NULL
);
CREATE INDEX address_points_number ON address_points (organisation_id, postcode, house_number);
CREATE INDEX address_points_key_nl ON address_points (organisation_id, key_nl);
CREATE INDEX address_points_key_fr ON address_points (organisation_id, key_fr);
