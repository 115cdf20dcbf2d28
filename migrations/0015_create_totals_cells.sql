-- Bounded work (issue 12): totals and the filtered list read about as many rows at a million
-- projects as at a thousand.

-- The filtered list's totalCount (a province or county, a few statuses, a progress range, capped
-- at 100) walked the province's progress index and looked each row up to check its status, so it
-- read about twice the cap, and more where the statuses asked for are rare. With the status in
-- the index the count seeks each status's progress range and reads only index entries that
-- match. The page itself keeps walking projects_province_progress_desc (it must come out in
-- progress order across the statuses, which these indexes cannot give without sorting).
CREATE INDEX projects_province_status_progress
  ON projects (province_id, status, (progress_pct IS NULL), progress_pct);
CREATE INDEX projects_county_status_progress
  ON projects (county_id, status, (progress_pct IS NULL), progress_pct);

-- Totals cells: count, sum, min and max of every measured column of projectTotals and
-- energyTotals per province, county and the enum dimensions those totals filter and group by,
-- kept right by triggers on every write (the write engine, a migration, the generator). A total
-- whose filter and groupBy fit these keys (src/db/totals.ts) reads a few rows per cell here
-- instead of ~4 per row of the base table: a province's totals at a million projects read
-- hundreds of rows, not hundreds of thousands. Averages are sum / count.
--
-- As in row_counts, 0 stands for "no province/county" and '' for "no financing", so the keys
-- have no NULLs. The keys come from region_levels by region_id, never from the province_id and
-- county_id columns: those are set by migration 0008's triggers after the insert, and SQLite does
-- not promise an order among triggers of the same event. A region's levels never change, so the
-- key of a row depends on its own columns only.
--
-- An insert adds the row to its cell (upsert, O(1), so loading a million rows stays cheap). An
-- update or delete recomputes the cells the row was and is in from the base table: min and max
-- cannot be decremented, and recomputing keeps a cell's sum exactly what sum() over its rows
-- says (only the sums of cells built by inserts alone are summed in insert order, which for
-- REAL columns may differ from a fresh sum() in the last bits).
CREATE TABLE project_cells (
  province_id INTEGER NOT NULL,
  county_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  financing TEXT NOT NULL,
  n INTEGER NOT NULL,
  jobs_count INTEGER NOT NULL,
  jobs_sum NUMERIC NOT NULL,
  jobs_min INTEGER,
  jobs_max INTEGER,
  investment_count INTEGER NOT NULL,
  investment_sum REAL NOT NULL,
  investment_min REAL,
  investment_max REAL,
  progress_count INTEGER NOT NULL,
  progress_sum REAL NOT NULL,
  progress_min REAL,
  progress_max REAL,
  PRIMARY KEY (province_id, county_id, status, financing)
) WITHOUT ROWID;

-- Plants built in phases count through their phases (energyTotals counts leaves only), so a cell
-- holds the leaves: a plant leaves its cell when its first phase is added and comes back when its
-- last phase goes.
CREATE TABLE energy_cells (
  province_id INTEGER NOT NULL,
  county_id INTEGER NOT NULL,
  technology TEXT NOT NULL,
  status TEXT NOT NULL,
  rating TEXT NOT NULL,
  n INTEGER NOT NULL,
  capacity_count INTEGER NOT NULL,
  capacity_sum REAL NOT NULL,
  capacity_min REAL,
  capacity_max REAL,
  lower_bounds INTEGER NOT NULL,
  PRIMARY KEY (province_id, county_id, technology, status, rating)
) WITHOUT ROWID;

-- The recomputation looks up the regions of a cell's province and county, then their rows
-- (CROSS JOIN and the unary + fix that plan: the cells are recomputed while the generator loads a
-- million rows, before ANALYZE, when the planner would otherwise walk a whole status or rating).
CREATE INDEX region_levels_levels ON region_levels (province_id, county_id);
CREATE INDEX energy_assets_region_cell ON energy_assets (region_id, technology, status, rating);

INSERT INTO project_cells
SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), p.status, coalesce(p.financing, ''),
  count(*),
  count(p.direct_jobs), coalesce(sum(p.direct_jobs), 0), min(p.direct_jobs), max(p.direct_jobs),
  count(p.investment_rial), coalesce(sum(p.investment_rial), 0), min(p.investment_rial), max(p.investment_rial),
  count(p.progress_pct), coalesce(sum(p.progress_pct), 0), min(p.progress_pct), max(p.progress_pct)
FROM projects p JOIN region_levels l ON l.region_id = p.region_id
GROUP BY 1, 2, 3, 4;

INSERT INTO energy_cells
SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), e.technology, e.status, e.rating,
  count(*),
  count(e.capacity_mw), coalesce(sum(e.capacity_mw), 0), min(e.capacity_mw), max(e.capacity_mw),
  count(CASE WHEN e.capacity_qualifier IN ('more_than', 'at_least') THEN 1 END)
FROM energy_assets e JOIN region_levels l ON l.region_id = e.region_id
WHERE NOT EXISTS (SELECT 1 FROM energy_assets child WHERE child.parent_id = e.id)
GROUP BY 1, 2, 3, 4, 5;

-- Inserting a key into these views recomputes that cell from the base table (one definition of
-- the recomputation, used by every update and delete trigger below).
CREATE VIEW project_cell_refresh AS
  SELECT province_id, county_id, status, financing FROM project_cells WHERE 0;
CREATE VIEW energy_cell_refresh AS
  SELECT province_id, county_id, technology, status, rating FROM energy_cells WHERE 0;

CREATE TRIGGER project_cell_refresh INSTEAD OF INSERT ON project_cell_refresh BEGIN
  DELETE FROM project_cells
  WHERE province_id = NEW.province_id AND county_id = NEW.county_id
    AND status = NEW.status AND financing = NEW.financing;
  INSERT INTO project_cells
  SELECT NEW.province_id, NEW.county_id, NEW.status, NEW.financing,
    count(*),
    count(p.direct_jobs), coalesce(sum(p.direct_jobs), 0), min(p.direct_jobs), max(p.direct_jobs),
    count(p.investment_rial), coalesce(sum(p.investment_rial), 0), min(p.investment_rial), max(p.investment_rial),
    count(p.progress_pct), coalesce(sum(p.progress_pct), 0), min(p.progress_pct), max(p.progress_pct)
  FROM region_levels l CROSS JOIN projects p ON p.region_id = l.region_id
  WHERE l.province_id IS nullif(NEW.province_id, 0) AND l.county_id IS nullif(NEW.county_id, 0)
    AND +p.status = NEW.status AND +p.financing IS nullif(NEW.financing, '')
  HAVING count(*) > 0;
END;

CREATE TRIGGER energy_cell_refresh INSTEAD OF INSERT ON energy_cell_refresh BEGIN
  DELETE FROM energy_cells
  WHERE province_id = NEW.province_id AND county_id = NEW.county_id
    AND technology = NEW.technology AND status = NEW.status AND rating = NEW.rating;
  INSERT INTO energy_cells
  SELECT NEW.province_id, NEW.county_id, NEW.technology, NEW.status, NEW.rating,
    count(*),
    count(e.capacity_mw), coalesce(sum(e.capacity_mw), 0), min(e.capacity_mw), max(e.capacity_mw),
    count(CASE WHEN e.capacity_qualifier IN ('more_than', 'at_least') THEN 1 END)
  FROM region_levels l CROSS JOIN energy_assets e ON e.region_id = l.region_id
  WHERE l.province_id IS nullif(NEW.province_id, 0) AND l.county_id IS nullif(NEW.county_id, 0)
    AND e.technology = NEW.technology AND e.status = NEW.status AND e.rating = NEW.rating
    AND NOT EXISTS (SELECT 1 FROM energy_assets child WHERE child.parent_id = e.id)
  HAVING count(*) > 0;
END;

CREATE TRIGGER projects_cells_insert AFTER INSERT ON projects BEGIN
  INSERT INTO project_cells
  SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), NEW.status, coalesce(NEW.financing, ''),
    1,
    NEW.direct_jobs IS NOT NULL, coalesce(NEW.direct_jobs, 0), NEW.direct_jobs, NEW.direct_jobs,
    NEW.investment_rial IS NOT NULL, coalesce(NEW.investment_rial, 0), NEW.investment_rial, NEW.investment_rial,
    NEW.progress_pct IS NOT NULL, coalesce(NEW.progress_pct, 0), NEW.progress_pct, NEW.progress_pct
  FROM region_levels l WHERE l.region_id = NEW.region_id
  ON CONFLICT (province_id, county_id, status, financing) DO UPDATE SET
    n = n + 1,
    jobs_count = jobs_count + excluded.jobs_count,
    jobs_sum = jobs_sum + excluded.jobs_sum,
    jobs_min = coalesce(min(jobs_min, excluded.jobs_min), jobs_min, excluded.jobs_min),
    jobs_max = coalesce(max(jobs_max, excluded.jobs_max), jobs_max, excluded.jobs_max),
    investment_count = investment_count + excluded.investment_count,
    investment_sum = investment_sum + excluded.investment_sum,
    investment_min = coalesce(min(investment_min, excluded.investment_min), investment_min, excluded.investment_min),
    investment_max = coalesce(max(investment_max, excluded.investment_max), investment_max, excluded.investment_max),
    progress_count = progress_count + excluded.progress_count,
    progress_sum = progress_sum + excluded.progress_sum,
    progress_min = coalesce(min(progress_min, excluded.progress_min), progress_min, excluded.progress_min),
    progress_max = coalesce(max(progress_max, excluded.progress_max), progress_max, excluded.progress_max);
END;
CREATE TRIGGER projects_cells_delete AFTER DELETE ON projects BEGIN
  INSERT INTO project_cell_refresh
  SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), OLD.status, coalesce(OLD.financing, '')
  FROM region_levels l WHERE l.region_id = OLD.region_id;
END;
CREATE TRIGGER projects_cells_update
AFTER UPDATE OF region_id, status, financing, direct_jobs, investment_amount, investment_unit, progress_pct
ON projects BEGIN
  INSERT INTO project_cell_refresh
  SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), OLD.status, coalesce(OLD.financing, '')
  FROM region_levels l WHERE l.region_id = OLD.region_id;
  INSERT INTO project_cell_refresh
  SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), NEW.status, coalesce(NEW.financing, '')
  FROM region_levels l WHERE l.region_id = NEW.region_id;
END;

CREATE TRIGGER energy_assets_cells_insert AFTER INSERT ON energy_assets BEGIN
  -- a new row has no phases yet: it is a leaf
  INSERT INTO energy_cells
  SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), NEW.technology, NEW.status, NEW.rating,
    1,
    NEW.capacity_mw IS NOT NULL, coalesce(NEW.capacity_mw, 0), NEW.capacity_mw, NEW.capacity_mw,
    NEW.capacity_qualifier IS NOT NULL AND NEW.capacity_qualifier IN ('more_than', 'at_least')
  FROM region_levels l WHERE l.region_id = NEW.region_id
  ON CONFLICT (province_id, county_id, technology, status, rating) DO UPDATE SET
    n = n + 1,
    capacity_count = capacity_count + excluded.capacity_count,
    capacity_sum = capacity_sum + excluded.capacity_sum,
    capacity_min = coalesce(min(capacity_min, excluded.capacity_min), capacity_min, excluded.capacity_min),
    capacity_max = coalesce(max(capacity_max, excluded.capacity_max), capacity_max, excluded.capacity_max),
    lower_bounds = lower_bounds + excluded.lower_bounds;
  -- its plant, if it is a phase, is no longer a leaf
  INSERT INTO energy_cell_refresh
  SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), x.technology, x.status, x.rating
  FROM energy_assets x JOIN region_levels l ON l.region_id = x.region_id
  WHERE x.id = NEW.parent_id;
END;
CREATE TRIGGER energy_assets_cells_delete AFTER DELETE ON energy_assets BEGIN
  INSERT INTO energy_cell_refresh
  SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), OLD.technology, OLD.status, OLD.rating
  FROM region_levels l WHERE l.region_id = OLD.region_id;
  -- its plant may be a leaf again
  INSERT INTO energy_cell_refresh
  SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), x.technology, x.status, x.rating
  FROM energy_assets x JOIN region_levels l ON l.region_id = x.region_id
  WHERE x.id = OLD.parent_id;
END;
CREATE TRIGGER energy_assets_cells_update
AFTER UPDATE OF region_id, technology, status, rating, capacity_mw, capacity_qualifier, parent_id
ON energy_assets BEGIN
  INSERT INTO energy_cell_refresh
  SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), OLD.technology, OLD.status, OLD.rating
  FROM region_levels l WHERE l.region_id = OLD.region_id;
  INSERT INTO energy_cell_refresh
  SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), NEW.technology, NEW.status, NEW.rating
  FROM region_levels l WHERE l.region_id = NEW.region_id;
  INSERT INTO energy_cell_refresh
  SELECT coalesce(l.province_id, 0), coalesce(l.county_id, 0), x.technology, x.status, x.rating
  FROM energy_assets x JOIN region_levels l ON l.region_id = x.region_id
  WHERE x.id IN (OLD.parent_id, NEW.parent_id);
END;
