-- The province and county every project and energy asset lies in, kept by triggers from its
-- region, so a province or county filter is one indexed equality that can walk a sort index
-- and stop after a page (a list of region ids cannot). Regions form one tree under the country;
-- partners cannot move regions, so a region's levels never change once it exists.

ALTER TABLE projects ADD COLUMN province_id INTEGER REFERENCES regions (id);
ALTER TABLE projects ADD COLUMN county_id INTEGER REFERENCES regions (id);
ALTER TABLE energy_assets ADD COLUMN province_id INTEGER REFERENCES regions (id);
ALTER TABLE energy_assets ADD COLUMN county_id INTEGER REFERENCES regions (id);

-- The province and county of every region (itself, when it is one), kept as a table so the
-- triggers below look them up by key. A new region takes them from its parent.
CREATE TABLE region_levels (
  region_id INTEGER PRIMARY KEY REFERENCES regions (id),
  province_id INTEGER REFERENCES regions (id),
  county_id INTEGER REFERENCES regions (id)
);
INSERT INTO region_levels (region_id, province_id, county_id)
WITH RECURSIVE up(region_id, ancestor_id) AS (
  SELECT id, id FROM regions
  UNION ALL SELECT up.region_id, r.parent_id FROM up JOIN regions r ON r.id = up.ancestor_id
  WHERE r.parent_id IS NOT NULL
)
SELECT up.region_id,
  max(CASE a.kind WHEN 'province' THEN a.id END),
  max(CASE a.kind WHEN 'county' THEN a.id END)
FROM up JOIN regions a ON a.id = up.ancestor_id
GROUP BY up.region_id;

CREATE TRIGGER regions_levels_insert AFTER INSERT ON regions BEGIN
  INSERT INTO region_levels (region_id, province_id, county_id) VALUES (
    NEW.id,
    CASE WHEN NEW.kind = 'province' THEN NEW.id
      ELSE (SELECT province_id FROM region_levels WHERE region_id = NEW.parent_id) END,
    CASE WHEN NEW.kind = 'county' THEN NEW.id
      ELSE (SELECT county_id FROM region_levels WHERE region_id = NEW.parent_id) END
  );
END;

UPDATE projects SET
  province_id = (SELECT province_id FROM region_levels WHERE region_id = projects.region_id),
  county_id = (SELECT county_id FROM region_levels WHERE region_id = projects.region_id);
UPDATE energy_assets SET
  province_id = (SELECT province_id FROM region_levels WHERE region_id = energy_assets.region_id),
  county_id = (SELECT county_id FROM region_levels WHERE region_id = energy_assets.region_id);

CREATE TRIGGER projects_levels_insert AFTER INSERT ON projects BEGIN
  UPDATE projects SET
    province_id = (SELECT province_id FROM region_levels WHERE region_id = NEW.region_id),
    county_id = (SELECT county_id FROM region_levels WHERE region_id = NEW.region_id)
  WHERE id = NEW.id;
END;
CREATE TRIGGER projects_levels_update AFTER UPDATE OF region_id ON projects BEGIN
  UPDATE projects SET
    province_id = (SELECT province_id FROM region_levels WHERE region_id = NEW.region_id),
    county_id = (SELECT county_id FROM region_levels WHERE region_id = NEW.region_id)
  WHERE id = NEW.id;
END;
CREATE TRIGGER energy_assets_levels_insert AFTER INSERT ON energy_assets BEGIN
  UPDATE energy_assets SET
    province_id = (SELECT province_id FROM region_levels WHERE region_id = NEW.region_id),
    county_id = (SELECT county_id FROM region_levels WHERE region_id = NEW.region_id)
  WHERE id = NEW.id;
END;
CREATE TRIGGER energy_assets_levels_update AFTER UPDATE OF region_id ON energy_assets BEGIN
  UPDATE energy_assets SET
    province_id = (SELECT province_id FROM region_levels WHERE region_id = NEW.region_id),
    county_id = (SELECT county_id FROM region_levels WHERE region_id = NEW.region_id)
  WHERE id = NEW.id;
END;

CREATE INDEX projects_province ON projects (province_id, id);
CREATE INDEX projects_county ON projects (county_id, id);
CREATE INDEX projects_province_progress ON projects (province_id, (progress_pct IS NULL), progress_pct, id);
CREATE INDEX projects_county_progress ON projects (county_id, (progress_pct IS NULL), progress_pct, id);
CREATE INDEX energy_assets_province ON energy_assets (province_id, id);
CREATE INDEX energy_assets_county ON energy_assets (county_id, id);
CREATE INDEX energy_assets_province_capacity ON energy_assets (province_id, (capacity_mw IS NULL), capacity_mw, id);
CREATE INDEX energy_assets_county_capacity ON energy_assets (county_id, (capacity_mw IS NULL), capacity_mw, id);

-- Descending sorts keep unknown (null) values last, so they order by (col IS NULL) ascending and
-- col descending: mixed directions, which an ascending index cannot serve backwards. These
-- indexes store that order, so "newest first" or "largest first" pages walk an index too.
CREATE INDEX projects_province_progress_desc ON projects (province_id, (progress_pct IS NULL), progress_pct DESC, id DESC);
CREATE INDEX projects_county_progress_desc ON projects (county_id, (progress_pct IS NULL), progress_pct DESC, id DESC);
CREATE INDEX projects_progress_desc ON projects ((progress_pct IS NULL), progress_pct DESC, id DESC);
CREATE INDEX projects_direct_jobs_desc ON projects ((direct_jobs IS NULL), direct_jobs DESC, id DESC);
CREATE INDEX projects_investment_desc ON projects ((investment_rial IS NULL), investment_rial DESC, id DESC);
CREATE INDEX projects_started_on_desc ON projects ((started_on IS NULL), started_on DESC, id DESC);
CREATE INDEX projects_opened_on_desc ON projects ((opened_on IS NULL), opened_on DESC, id DESC);
CREATE INDEX energy_assets_province_capacity_desc ON energy_assets (province_id, (capacity_mw IS NULL), capacity_mw DESC, id DESC);
CREATE INDEX energy_assets_county_capacity_desc ON energy_assets (county_id, (capacity_mw IS NULL), capacity_mw DESC, id DESC);
CREATE INDEX energy_assets_capacity_desc ON energy_assets ((capacity_mw IS NULL), capacity_mw DESC, id DESC);
CREATE INDEX energy_assets_started_on_desc ON energy_assets ((started_on IS NULL), started_on DESC, id DESC);
CREATE INDEX energy_assets_opened_on_desc ON energy_assets ((opened_on IS NULL), opened_on DESC, id DESC);
CREATE INDEX claims_as_of_desc ON claims ((as_of IS NULL), as_of DESC, id DESC);
CREATE INDEX claims_value_desc ON claims ((normalised_value IS NULL), normalised_value DESC, id DESC);
