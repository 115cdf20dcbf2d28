-- How many projects and energy assets each province, county and status holds, kept right by
-- triggers on every write (whatever path makes it: the write engine, a migration, the synthetic
-- generator). src/db/row-counts.ts prices a totals query by them before it runs: the rows a
-- filter by region and status can match, read from a few rows here instead of counted there.
-- 0 stands for "none" (a row above county level has no county), so the key has no NULLs.
CREATE TABLE row_counts (
  entity TEXT NOT NULL CHECK (entity IN ('project', 'energy_asset')),
  province_id INTEGER NOT NULL,
  county_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (entity, province_id, county_id, status)
) WITHOUT ROWID;

INSERT INTO row_counts (entity, province_id, county_id, status, n)
SELECT 'project', coalesce(province_id, 0), coalesce(county_id, 0), status, count(*)
FROM projects GROUP BY 2, 3, 4;
INSERT INTO row_counts (entity, province_id, county_id, status, n)
SELECT 'energy_asset', coalesce(province_id, 0), coalesce(county_id, 0), status, count(*)
FROM energy_assets GROUP BY 2, 3, 4;

-- Increments and decrements are both upserts, so the result does not depend on the order in
-- which these and migration 0008's triggers (which set province_id and county_id after an
-- insert) fire.

CREATE TRIGGER projects_counts_insert AFTER INSERT ON projects BEGIN
  INSERT INTO row_counts (entity, province_id, county_id, status, n)
  VALUES ('project', coalesce(NEW.province_id, 0), coalesce(NEW.county_id, 0), NEW.status, 1)
  ON CONFLICT (entity, province_id, county_id, status) DO UPDATE SET n = n + (1);
END;
CREATE TRIGGER projects_counts_delete AFTER DELETE ON projects BEGIN
  INSERT INTO row_counts (entity, province_id, county_id, status, n)
  VALUES ('project', coalesce(OLD.province_id, 0), coalesce(OLD.county_id, 0), OLD.status, -1)
  ON CONFLICT (entity, province_id, county_id, status) DO UPDATE SET n = n + (-1);
END;
CREATE TRIGGER projects_counts_update AFTER UPDATE OF province_id, county_id, status ON projects BEGIN
  INSERT INTO row_counts (entity, province_id, county_id, status, n)
  VALUES ('project', coalesce(OLD.province_id, 0), coalesce(OLD.county_id, 0), OLD.status, -1)
  ON CONFLICT (entity, province_id, county_id, status) DO UPDATE SET n = n + (-1);
  INSERT INTO row_counts (entity, province_id, county_id, status, n)
  VALUES ('project', coalesce(NEW.province_id, 0), coalesce(NEW.county_id, 0), NEW.status, 1)
  ON CONFLICT (entity, province_id, county_id, status) DO UPDATE SET n = n + (1);
END;

CREATE TRIGGER energy_assets_counts_insert AFTER INSERT ON energy_assets BEGIN
  INSERT INTO row_counts (entity, province_id, county_id, status, n)
  VALUES ('energy_asset', coalesce(NEW.province_id, 0), coalesce(NEW.county_id, 0), NEW.status, 1)
  ON CONFLICT (entity, province_id, county_id, status) DO UPDATE SET n = n + (1);
END;
CREATE TRIGGER energy_assets_counts_delete AFTER DELETE ON energy_assets BEGIN
  INSERT INTO row_counts (entity, province_id, county_id, status, n)
  VALUES ('energy_asset', coalesce(OLD.province_id, 0), coalesce(OLD.county_id, 0), OLD.status, -1)
  ON CONFLICT (entity, province_id, county_id, status) DO UPDATE SET n = n + (-1);
END;
CREATE TRIGGER energy_assets_counts_update AFTER UPDATE OF province_id, county_id, status ON energy_assets BEGIN
  INSERT INTO row_counts (entity, province_id, county_id, status, n)
  VALUES ('energy_asset', coalesce(OLD.province_id, 0), coalesce(OLD.county_id, 0), OLD.status, -1)
  ON CONFLICT (entity, province_id, county_id, status) DO UPDATE SET n = n + (-1);
  INSERT INTO row_counts (entity, province_id, county_id, status, n)
  VALUES ('energy_asset', coalesce(NEW.province_id, 0), coalesce(NEW.county_id, 0), NEW.status, 1)
  ON CONFLICT (entity, province_id, county_id, status) DO UPDATE SET n = n + (1);
END;
