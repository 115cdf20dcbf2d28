-- Every filter and sort the list fields offer is backed by an index (test/db/query-plans.test.ts
-- fails on a full scan). Nullable sort columns are indexed as (col IS NULL, col, id): nulls last,
-- and a range filter adds "(col IS NULL) = 0" so it can seek into the same index.

CREATE INDEX projects_status ON projects (status, id);
CREATE INDEX projects_financing ON projects (financing, id);
CREATE INDEX projects_name_fa ON projects (name_fa, id);
CREATE INDEX projects_name_en ON projects (name_en, id);
CREATE INDEX projects_progress ON projects ((progress_pct IS NULL), progress_pct, id);
CREATE INDEX projects_direct_jobs ON projects ((direct_jobs IS NULL), direct_jobs, id);
CREATE INDEX projects_investment ON projects ((investment_rial IS NULL), investment_rial, id);
CREATE INDEX projects_started_on ON projects ((started_on IS NULL), started_on, id);
CREATE INDEX projects_opened_on ON projects ((opened_on IS NULL), opened_on, id);
CREATE INDEX projects_synthetic ON projects (synthetic, id);

CREATE INDEX energy_assets_technology ON energy_assets (technology, id);
CREATE INDEX energy_assets_status ON energy_assets (status, id);
CREATE INDEX energy_assets_rating ON energy_assets (rating, id);
CREATE INDEX energy_assets_name_fa ON energy_assets (name_fa, id);
CREATE INDEX energy_assets_name_en ON energy_assets (name_en, id);
CREATE INDEX energy_assets_capacity ON energy_assets ((capacity_mw IS NULL), capacity_mw, id);
CREATE INDEX energy_assets_started_on ON energy_assets ((started_on IS NULL), started_on, id);
CREATE INDEX energy_assets_opened_on ON energy_assets ((opened_on IS NULL), opened_on, id);
CREATE INDEX energy_assets_synthetic ON energy_assets (synthetic, id);

CREATE INDEX claims_as_of ON claims ((as_of IS NULL), as_of, id);
CREATE INDEX claims_value ON claims ((normalised_value IS NULL), normalised_value, id);
CREATE INDEX claims_measure ON claims (measure, id);
CREATE INDEX claims_preferred ON claims (preferred, id);
CREATE INDEX claims_synthetic ON claims (synthetic, id);
