DROP TABLE address_points;
ALTER TABLE neighbourhoods DROP COLUMN boundary;
