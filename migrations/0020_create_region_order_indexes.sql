-- Every order a province's or county's list offers walks an index led by the region (issue 12).
-- Before, only ID, NAME (0019), PROGRESS and CAPACITY (0008) had one: a province's projects by
-- STARTED_ON, DIRECT_JOBS, INVESTMENT or OPENED_ON read and sorted every matching row of the
-- province first (144,577 D1 rows for one anonymous 20-row page of the largest province on the
-- 1,000,000-project set, BENCHMARKS.md "Round of 2026-12-01"), and a nested list such as
-- `regions { projects(orderBy: {field: STARTED_ON}) }` did that once per parent. With these, a
-- page reads about its own rows, nested or not. Descending orders keep nulls last, so they need
-- their own index, as in 0008: (col IS NULL) ascending, then col descending.
--
-- The price is writes: a project row now carries 16 more index entries and a plant 8 more, which
-- D1 counts as rows written. Partner writes are rare next to reads, so the trade is the right one
-- for this API; test/db/query-plans.test.ts checks every order of both lists, in a province and a
-- county, top-level and nested, for a sort of the region's rows.
CREATE INDEX projects_province_direct_jobs ON projects (province_id, (direct_jobs IS NULL), direct_jobs, id);
CREATE INDEX projects_province_direct_jobs_desc ON projects (province_id, (direct_jobs IS NULL), direct_jobs DESC, id DESC);
CREATE INDEX projects_county_direct_jobs ON projects (county_id, (direct_jobs IS NULL), direct_jobs, id);
CREATE INDEX projects_county_direct_jobs_desc ON projects (county_id, (direct_jobs IS NULL), direct_jobs DESC, id DESC);
CREATE INDEX projects_province_investment ON projects (province_id, (investment_rial IS NULL), investment_rial, id);
CREATE INDEX projects_province_investment_desc ON projects (province_id, (investment_rial IS NULL), investment_rial DESC, id DESC);
CREATE INDEX projects_county_investment ON projects (county_id, (investment_rial IS NULL), investment_rial, id);
CREATE INDEX projects_county_investment_desc ON projects (county_id, (investment_rial IS NULL), investment_rial DESC, id DESC);
CREATE INDEX projects_province_started_on ON projects (province_id, (started_on IS NULL), started_on, id);
CREATE INDEX projects_province_started_on_desc ON projects (province_id, (started_on IS NULL), started_on DESC, id DESC);
CREATE INDEX projects_county_started_on ON projects (county_id, (started_on IS NULL), started_on, id);
CREATE INDEX projects_county_started_on_desc ON projects (county_id, (started_on IS NULL), started_on DESC, id DESC);
CREATE INDEX projects_province_opened_on ON projects (province_id, (opened_on IS NULL), opened_on, id);
CREATE INDEX projects_province_opened_on_desc ON projects (province_id, (opened_on IS NULL), opened_on DESC, id DESC);
CREATE INDEX projects_county_opened_on ON projects (county_id, (opened_on IS NULL), opened_on, id);
CREATE INDEX projects_county_opened_on_desc ON projects (county_id, (opened_on IS NULL), opened_on DESC, id DESC);
CREATE INDEX energy_assets_province_started_on ON energy_assets (province_id, (started_on IS NULL), started_on, id);
CREATE INDEX energy_assets_province_started_on_desc ON energy_assets (province_id, (started_on IS NULL), started_on DESC, id DESC);
CREATE INDEX energy_assets_county_started_on ON energy_assets (county_id, (started_on IS NULL), started_on, id);
CREATE INDEX energy_assets_county_started_on_desc ON energy_assets (county_id, (started_on IS NULL), started_on DESC, id DESC);
CREATE INDEX energy_assets_province_opened_on ON energy_assets (province_id, (opened_on IS NULL), opened_on, id);
CREATE INDEX energy_assets_province_opened_on_desc ON energy_assets (province_id, (opened_on IS NULL), opened_on DESC, id DESC);
CREATE INDEX energy_assets_county_opened_on ON energy_assets (county_id, (opened_on IS NULL), opened_on, id);
CREATE INDEX energy_assets_county_opened_on_desc ON energy_assets (county_id, (opened_on IS NULL), opened_on DESC, id DESC);
