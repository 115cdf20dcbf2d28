-- Bounded work (issue 12): /status and the dataStatus query read a few rows at any size.
-- They counted every table (count(*), count(*) WHERE synthetic = 1, max(updated_at)): at a million
-- projects and two million claims that read about seven million rows for one anonymous request.
-- Here each table's row count, synthetic row count and newest updated_at are kept by triggers on
-- every write (the write engine, a migration, the synthetic generator), and src/db/status.ts
-- reads these nine rows instead.
--
-- `updated_at` is the newest value ever written: a delete does not move it back (a change
-- happened then or later), where max(updated_at) over the remaining rows did. indicators has no
-- synthetic column: its synthetic count stays 0, as dataStatus always counted it.
CREATE TABLE table_counts (
  name TEXT PRIMARY KEY,
  n INTEGER NOT NULL,
  synthetic INTEGER NOT NULL,
  updated_at TEXT
) WITHOUT ROWID;

INSERT INTO table_counts (name, n, synthetic, updated_at) SELECT 'regions', count(*), coalesce(sum(synthetic), 0), max(updated_at) FROM regions;
INSERT INTO table_counts (name, n, synthetic, updated_at) SELECT 'sectors', count(*), coalesce(sum(synthetic), 0), max(updated_at) FROM sectors;
INSERT INTO table_counts (name, n, synthetic, updated_at) SELECT 'sources', count(*), coalesce(sum(synthetic), 0), max(updated_at) FROM sources;
INSERT INTO table_counts (name, n, synthetic, updated_at) SELECT 'indicators', count(*), 0, max(updated_at) FROM indicators;
INSERT INTO table_counts (name, n, synthetic, updated_at) SELECT 'projects', count(*), coalesce(sum(synthetic), 0), max(updated_at) FROM projects;
INSERT INTO table_counts (name, n, synthetic, updated_at) SELECT 'energy_assets', count(*), coalesce(sum(synthetic), 0), max(updated_at) FROM energy_assets;
INSERT INTO table_counts (name, n, synthetic, updated_at) SELECT 'plans', count(*), coalesce(sum(synthetic), 0), max(updated_at) FROM plans;
INSERT INTO table_counts (name, n, synthetic, updated_at) SELECT 'plan_targets', count(*), coalesce(sum(synthetic), 0), max(updated_at) FROM plan_targets;
INSERT INTO table_counts (name, n, synthetic, updated_at) SELECT 'claims', count(*), coalesce(sum(synthetic), 0), max(updated_at) FROM claims;

CREATE TRIGGER regions_table_counts_insert AFTER INSERT ON regions BEGIN
  UPDATE table_counts SET n = n + 1, synthetic = synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'regions';
END;
CREATE TRIGGER regions_table_counts_delete AFTER DELETE ON regions BEGIN
  UPDATE table_counts SET n = n - 1, synthetic = synthetic - OLD.synthetic WHERE name = 'regions';
END;
CREATE TRIGGER regions_table_counts_update AFTER UPDATE ON regions BEGIN
  UPDATE table_counts SET synthetic = synthetic - OLD.synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'regions';
END;

CREATE TRIGGER sectors_table_counts_insert AFTER INSERT ON sectors BEGIN
  UPDATE table_counts SET n = n + 1, synthetic = synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'sectors';
END;
CREATE TRIGGER sectors_table_counts_delete AFTER DELETE ON sectors BEGIN
  UPDATE table_counts SET n = n - 1, synthetic = synthetic - OLD.synthetic WHERE name = 'sectors';
END;
CREATE TRIGGER sectors_table_counts_update AFTER UPDATE ON sectors BEGIN
  UPDATE table_counts SET synthetic = synthetic - OLD.synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'sectors';
END;

CREATE TRIGGER sources_table_counts_insert AFTER INSERT ON sources BEGIN
  UPDATE table_counts SET n = n + 1, synthetic = synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'sources';
END;
CREATE TRIGGER sources_table_counts_delete AFTER DELETE ON sources BEGIN
  UPDATE table_counts SET n = n - 1, synthetic = synthetic - OLD.synthetic WHERE name = 'sources';
END;
CREATE TRIGGER sources_table_counts_update AFTER UPDATE ON sources BEGIN
  UPDATE table_counts SET synthetic = synthetic - OLD.synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'sources';
END;

CREATE TRIGGER indicators_table_counts_insert AFTER INSERT ON indicators BEGIN
  UPDATE table_counts SET n = n + 1, synthetic = synthetic + 0, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'indicators';
END;
CREATE TRIGGER indicators_table_counts_delete AFTER DELETE ON indicators BEGIN
  UPDATE table_counts SET n = n - 1, synthetic = synthetic - 0 WHERE name = 'indicators';
END;
CREATE TRIGGER indicators_table_counts_update AFTER UPDATE ON indicators BEGIN
  UPDATE table_counts SET synthetic = synthetic - 0 + 0, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'indicators';
END;

CREATE TRIGGER projects_table_counts_insert AFTER INSERT ON projects BEGIN
  UPDATE table_counts SET n = n + 1, synthetic = synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'projects';
END;
CREATE TRIGGER projects_table_counts_delete AFTER DELETE ON projects BEGIN
  UPDATE table_counts SET n = n - 1, synthetic = synthetic - OLD.synthetic WHERE name = 'projects';
END;
CREATE TRIGGER projects_table_counts_update AFTER UPDATE ON projects BEGIN
  UPDATE table_counts SET synthetic = synthetic - OLD.synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'projects';
END;

CREATE TRIGGER energy_assets_table_counts_insert AFTER INSERT ON energy_assets BEGIN
  UPDATE table_counts SET n = n + 1, synthetic = synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'energy_assets';
END;
CREATE TRIGGER energy_assets_table_counts_delete AFTER DELETE ON energy_assets BEGIN
  UPDATE table_counts SET n = n - 1, synthetic = synthetic - OLD.synthetic WHERE name = 'energy_assets';
END;
CREATE TRIGGER energy_assets_table_counts_update AFTER UPDATE ON energy_assets BEGIN
  UPDATE table_counts SET synthetic = synthetic - OLD.synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'energy_assets';
END;

CREATE TRIGGER plans_table_counts_insert AFTER INSERT ON plans BEGIN
  UPDATE table_counts SET n = n + 1, synthetic = synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'plans';
END;
CREATE TRIGGER plans_table_counts_delete AFTER DELETE ON plans BEGIN
  UPDATE table_counts SET n = n - 1, synthetic = synthetic - OLD.synthetic WHERE name = 'plans';
END;
CREATE TRIGGER plans_table_counts_update AFTER UPDATE ON plans BEGIN
  UPDATE table_counts SET synthetic = synthetic - OLD.synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'plans';
END;

CREATE TRIGGER plan_targets_table_counts_insert AFTER INSERT ON plan_targets BEGIN
  UPDATE table_counts SET n = n + 1, synthetic = synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'plan_targets';
END;
CREATE TRIGGER plan_targets_table_counts_delete AFTER DELETE ON plan_targets BEGIN
  UPDATE table_counts SET n = n - 1, synthetic = synthetic - OLD.synthetic WHERE name = 'plan_targets';
END;
CREATE TRIGGER plan_targets_table_counts_update AFTER UPDATE ON plan_targets BEGIN
  UPDATE table_counts SET synthetic = synthetic - OLD.synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'plan_targets';
END;

CREATE TRIGGER claims_table_counts_insert AFTER INSERT ON claims BEGIN
  UPDATE table_counts SET n = n + 1, synthetic = synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'claims';
END;
CREATE TRIGGER claims_table_counts_delete AFTER DELETE ON claims BEGIN
  UPDATE table_counts SET n = n - 1, synthetic = synthetic - OLD.synthetic WHERE name = 'claims';
END;
CREATE TRIGGER claims_table_counts_update AFTER UPDATE ON claims BEGIN
  UPDATE table_counts SET synthetic = synthetic - OLD.synthetic + NEW.synthetic, updated_at = CASE WHEN updated_at IS NULL OR NEW.updated_at > updated_at THEN NEW.updated_at ELSE updated_at END
  WHERE name = 'claims';
END;
