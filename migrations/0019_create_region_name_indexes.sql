-- A region's projects and plants by name (a dashboard's usual list: ProjectsList orders by NAME)
-- walk these indexes to the page's LIMIT instead of reading and sorting every row of the region
-- that matches the filter. Measured on the 1,000,000-project set, ProjectsList for the largest
-- province by NAME read 144,585 D1 rows (the province's matching rows, sorted); with these, as
-- many as the page walks past to find its rows. DESC walks the same index backwards (names are
-- NOT NULL, so there is no null-ordering prefix as the numeric and date orders have).
-- Other orders in a region (dates, jobs, investment) still sort the region's matching rows:
-- BENCHMARKS.md, "Round of 2026-12-01", says what they read.
CREATE INDEX projects_province_name_fa ON projects (province_id, name_fa, id);
CREATE INDEX projects_province_name_en ON projects (province_id, name_en, id);
CREATE INDEX projects_county_name_fa ON projects (county_id, name_fa, id);
CREATE INDEX projects_county_name_en ON projects (county_id, name_en, id);
CREATE INDEX energy_assets_province_name_fa ON energy_assets (province_id, name_fa, id);
CREATE INDEX energy_assets_province_name_en ON energy_assets (province_id, name_en, id);
CREATE INDEX energy_assets_county_name_fa ON energy_assets (county_id, name_fa, id);
CREATE INDEX energy_assets_county_name_en ON energy_assets (county_id, name_en, id);
