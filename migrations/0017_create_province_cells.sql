-- Bounded work (issue 12): totals over the whole country or a whole province read a few hundred
-- rows at a million projects, not one cell per county.
--
-- The cells of migration 0015 are kept per county: a total over the whole country (or a province)
-- grouped by anything but COUNTY reads every county's cells, about 14 times the cells of the same
-- total kept per province. At 1M projects and 200,000 plants, the country's plant totals by
-- technology and status could match ~45,000 county cells (two rows read each): more than one
-- anonymous request may read, so they were refused. These tables hold the same cells summed over
-- each province's counties (and the province's own rows, county 0), kept by triggers on the
-- county cells: any change to a county cell recomputes its province cell from the county cells
-- of that key (a province's counties: a few dozen rows), so min and max stay right after a
-- delete or an update, as the county cells' own recomputation keeps them.
CREATE TABLE project_province_cells (
  province_id INTEGER NOT NULL,
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
  PRIMARY KEY (province_id, status, financing)
) WITHOUT ROWID;

CREATE TABLE energy_province_cells (
  province_id INTEGER NOT NULL,
  technology TEXT NOT NULL,
  status TEXT NOT NULL,
  rating TEXT NOT NULL,
  n INTEGER NOT NULL,
  capacity_count INTEGER NOT NULL,
  capacity_sum REAL NOT NULL,
  capacity_min REAL,
  capacity_max REAL,
  lower_bounds INTEGER NOT NULL,
  PRIMARY KEY (province_id, technology, status, rating)
) WITHOUT ROWID;

-- Inserting a key into these views recomputes that province cell from the county cells (one
-- definition of the recomputation, for the first fill and every trigger below).
CREATE VIEW project_province_cell_refresh AS
  SELECT province_id, status, financing FROM project_province_cells WHERE 0;
CREATE VIEW energy_province_cell_refresh AS
  SELECT province_id, technology, status, rating FROM energy_province_cells WHERE 0;

CREATE TRIGGER project_province_cell_refresh INSTEAD OF INSERT ON project_province_cell_refresh
BEGIN
  DELETE FROM project_province_cells
  WHERE province_id = NEW.province_id AND status = NEW.status AND financing = NEW.financing;
  INSERT INTO project_province_cells
  SELECT NEW.province_id, NEW.status, NEW.financing, sum(n),
    sum(jobs_count), sum(jobs_sum), min(jobs_min), max(jobs_max),
    sum(investment_count), sum(investment_sum), min(investment_min), max(investment_max),
    sum(progress_count), sum(progress_sum), min(progress_min), max(progress_max)
  FROM project_cells
  WHERE province_id = NEW.province_id AND status = NEW.status AND financing = NEW.financing
  HAVING count(*) > 0;
END;

CREATE TRIGGER energy_province_cell_refresh INSTEAD OF INSERT ON energy_province_cell_refresh
BEGIN
  DELETE FROM energy_province_cells
  WHERE province_id = NEW.province_id AND technology = NEW.technology AND status = NEW.status
    AND rating = NEW.rating;
  INSERT INTO energy_province_cells
  SELECT NEW.province_id, NEW.technology, NEW.status, NEW.rating, sum(n),
    sum(capacity_count), sum(capacity_sum), min(capacity_min), max(capacity_max),
    sum(lower_bounds)
  FROM energy_cells
  WHERE province_id = NEW.province_id AND technology = NEW.technology AND status = NEW.status
    AND rating = NEW.rating
  HAVING count(*) > 0;
END;

-- A province cell's county cells, found by its key (the county cells' primary keys put the
-- county before the status, so a recomputation would otherwise walk every cell of the province).
CREATE INDEX project_cells_province_key ON project_cells (province_id, status, financing);
CREATE INDEX energy_cells_province_key ON energy_cells (province_id, technology, status, rating);

-- The first fill: one recomputation per key the county cells hold.
INSERT INTO project_province_cell_refresh
SELECT DISTINCT province_id, status, financing FROM project_cells;
INSERT INTO energy_province_cell_refresh
SELECT DISTINCT province_id, technology, status, rating FROM energy_cells;

-- A county cell is inserted (its first row), updated (a row added by upsert, or recomputed) or
-- deleted (its last row gone): its province cell follows. The keys of a county cell never
-- change (the county cells' own triggers delete and insert), so NEW's key is OLD's on update.
CREATE TRIGGER project_cells_province_insert AFTER INSERT ON project_cells BEGIN
  INSERT INTO project_province_cell_refresh VALUES (NEW.province_id, NEW.status, NEW.financing);
END;
CREATE TRIGGER project_cells_province_update AFTER UPDATE ON project_cells BEGIN
  INSERT INTO project_province_cell_refresh VALUES (NEW.province_id, NEW.status, NEW.financing);
END;
CREATE TRIGGER project_cells_province_delete AFTER DELETE ON project_cells BEGIN
  INSERT INTO project_province_cell_refresh VALUES (OLD.province_id, OLD.status, OLD.financing);
END;

CREATE TRIGGER energy_cells_province_insert AFTER INSERT ON energy_cells BEGIN
  INSERT INTO energy_province_cell_refresh
  VALUES (NEW.province_id, NEW.technology, NEW.status, NEW.rating);
END;
CREATE TRIGGER energy_cells_province_update AFTER UPDATE ON energy_cells BEGIN
  INSERT INTO energy_province_cell_refresh
  VALUES (NEW.province_id, NEW.technology, NEW.status, NEW.rating);
END;
CREATE TRIGGER energy_cells_province_delete AFTER DELETE ON energy_cells BEGIN
  INSERT INTO energy_province_cell_refresh
  VALUES (OLD.province_id, OLD.technology, OLD.status, OLD.rating);
END;
