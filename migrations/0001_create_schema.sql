-- Ostan's data model. Every table that partners may write later carries a version
-- (optimistic concurrency) and timestamps; every row says whether it is synthetic.
-- Dates are ISO 8601 (Gregorian) text; the API adds the Jalali reading.

CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('news', 'official', 'statistics', 'reference', 'synthetic')),
  publisher TEXT NOT NULL,
  title_en TEXT,
  title_fa TEXT,
  url TEXT,
  language TEXT NOT NULL CHECK (language IN ('fa', 'en')),
  published_on TEXT CHECK (published_on IS NULL OR date(published_on) = published_on),
  -- where the publication date comes from: the page's date line, its URL path, or the text
  published_basis TEXT CHECK (published_basis IN ('date_line', 'url_path', 'text_inferred')),
  note TEXT,
  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE regions (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN (
    'country', 'province', 'county', 'district', 'city', 'industrial_town', 'industrial_zone', 'site'
  )),
  parent_id INTEGER REFERENCES regions (id),
  iso_code TEXT UNIQUE,
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  area_km2 REAL CHECK (area_km2 IS NULL OR area_km2 > 0),
  -- the area is a seeded figure, so it carries its source like any claim
  area_source_id INTEGER REFERENCES sources (id),
  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((area_km2 IS NULL) = (area_source_id IS NULL))
);
CREATE INDEX regions_parent_id ON regions (parent_id, id);

CREATE TABLE sectors (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES sectors (id),
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  isic_code TEXT,
  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX sectors_parent_id ON sectors (parent_id, id);

-- which sources name which sectors: a sector is seeded only because a report names it
CREATE TABLE sector_sources (
  sector_id INTEGER NOT NULL REFERENCES sectors (id),
  source_id INTEGER NOT NULL REFERENCES sources (id),
  PRIMARY KEY (sector_id, source_id)
) WITHOUT ROWID;
CREATE INDEX sector_sources_source_id ON sector_sources (source_id, sector_id);

CREATE TABLE indicators (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  -- the unit every claim's normalised value is expressed in (MW, percent, count, rial, ...)
  unit TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better', 'neutral')),
  description_en TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  region_id INTEGER NOT NULL REFERENCES regions (id),
  sector_id INTEGER REFERENCES sectors (id),
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description_fa TEXT,
  description_en TEXT,
  status TEXT NOT NULL CHECK (status IN (
    'planned', 'under_construction', 'operational', 'suspended', 'cancelled'
  )),
  progress_pct REAL CHECK (progress_pct IS NULL OR (progress_pct >= 0 AND progress_pct <= 100)),
  direct_jobs INTEGER CHECK (direct_jobs IS NULL OR direct_jobs >= 0),
  -- money as reported (amount in the reported unit) and normalised to rial where the currency is IRR
  investment_amount REAL CHECK (investment_amount IS NULL OR investment_amount >= 0),
  investment_unit TEXT CHECK (investment_unit IN (
    'rial', 'billion_rial', 'toman', 'billion_toman', 'hemat', 'usd', 'million_usd'
  )),
  investment_rial REAL GENERATED ALWAYS AS (
    CASE investment_unit
      WHEN 'rial' THEN investment_amount
      WHEN 'billion_rial' THEN investment_amount * 1e9
      WHEN 'toman' THEN investment_amount * 10
      WHEN 'billion_toman' THEN investment_amount * 1e10
      WHEN 'hemat' THEN investment_amount * 1e13
    END
  ) STORED,
  started_on TEXT CHECK (started_on IS NULL OR date(started_on) = started_on),
  opened_on TEXT CHECK (opened_on IS NULL OR date(opened_on) = opened_on),
  financing TEXT CHECK (financing IN ('private', 'public', 'bank', 'mixed')),
  investors TEXT,
  source_id INTEGER REFERENCES sources (id),
  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((investment_amount IS NULL) = (investment_unit IS NULL))
);
CREATE INDEX projects_region_id ON projects (region_id, id);
CREATE INDEX projects_sector_id ON projects (sector_id, id);
CREATE INDEX projects_source_id ON projects (source_id, id);

CREATE TABLE energy_assets (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  -- a plant built in phases is a parent asset; each phase is a child with its own capacity
  parent_id INTEGER REFERENCES energy_assets (id),
  phase INTEGER CHECK (phase IS NULL OR phase >= 1),
  region_id INTEGER NOT NULL REFERENCES regions (id),
  sector_id INTEGER REFERENCES sectors (id),
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  location_fa TEXT,
  location_en TEXT,
  technology TEXT NOT NULL CHECK (technology IN (
    'solar_pv', 'wind', 'gas', 'combined_cycle', 'chp', 'hydro', 'other'
  )),
  capacity_mw REAL CHECK (capacity_mw IS NULL OR capacity_mw > 0),
  -- MW(AC) and MW(DC, peak) are different quantities and are never added together
  rating TEXT NOT NULL DEFAULT 'unknown' CHECK (rating IN ('ac', 'dc', 'unknown')),
  status TEXT NOT NULL CHECK (status IN ('operational', 'under_construction', 'licensed', 'planned')),
  owner TEXT,
  financing TEXT CHECK (financing IN ('private', 'public', 'bank', 'mixed')),
  started_on TEXT CHECK (started_on IS NULL OR date(started_on) = started_on),
  opened_on TEXT CHECK (opened_on IS NULL OR date(opened_on) = opened_on),
  source_id INTEGER REFERENCES sources (id),
  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX energy_assets_parent_id ON energy_assets (parent_id, id);
CREATE INDEX energy_assets_region_id ON energy_assets (region_id, id);
CREATE INDEX energy_assets_sector_id ON energy_assets (sector_id, id);

CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  region_id INTEGER NOT NULL REFERENCES regions (id),
  kind TEXT NOT NULL CHECK (kind IN ('development_plan', 'investment_document', 'annual_programme')),
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description_en TEXT,
  status TEXT NOT NULL CHECK (status IN ('drafted', 'issued', 'in_force', 'expired')),
  issued_on TEXT CHECK (issued_on IS NULL OR date(issued_on) = issued_on),
  starts_on TEXT CHECK (starts_on IS NULL OR date(starts_on) = starts_on),
  ends_on TEXT CHECK (ends_on IS NULL OR date(ends_on) = ends_on),
  source_id INTEGER REFERENCES sources (id),
  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX plans_region_id ON plans (region_id, id);

CREATE TABLE plan_targets (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  plan_id INTEGER NOT NULL REFERENCES plans (id),
  indicator_id INTEGER NOT NULL REFERENCES indicators (id),
  -- the region whose indicator the target is about
  region_id INTEGER NOT NULL REFERENCES regions (id),
  comparator TEXT NOT NULL CHECK (comparator IN ('at_least', 'at_most', 'equals')),
  target_value REAL NOT NULL,
  -- 'level': reach the value; 'increment': add the value to the baseline ("65 more units")
  target_kind TEXT NOT NULL CHECK (target_kind IN ('level', 'increment')),
  baseline_value REAL,
  baseline_on TEXT CHECK (baseline_on IS NULL OR date(baseline_on) = baseline_on),
  deadline_on TEXT CHECK (deadline_on IS NULL OR date(deadline_on) = deadline_on),
  description_fa TEXT,
  description_en TEXT,
  -- the claim in which the target was announced
  claim_id INTEGER REFERENCES claims (id),
  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (target_kind = 'level' OR baseline_on IS NULL OR baseline_value IS NOT NULL)
);
CREATE INDEX plan_targets_plan_id ON plan_targets (plan_id, id);
CREATE INDEX plan_targets_indicator_id ON plan_targets (indicator_id, id);

-- One reported figure: who said what about which subject, where it was published.
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  source_id INTEGER NOT NULL REFERENCES sources (id),
  indicator_id INTEGER NOT NULL REFERENCES indicators (id),
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('region', 'project', 'energy_asset', 'sector', 'plan')),
  subject_id INTEGER NOT NULL,
  -- the region the figure applies to (the subject's region for projects and assets)
  region_id INTEGER NOT NULL REFERENCES regions (id),
  -- as reported: value (the lower bound of a range), value_max (its upper bound), unit and scale words
  value REAL,
  value_max REAL,
  unit TEXT,
  scale TEXT,
  -- the same figure in the indicator's unit (kW to MW, billion toman to rial); null if not convertible
  normalised_value REAL,
  normalised_value_max REAL,
  qualifier TEXT CHECK (qualifier IN ('exact', 'about', 'more_than', 'at_least', 'less_than', 'at_most', 'range')),
  -- 'level': a stock at a date; 'change': a flow over a period (e.g. "49 MW connected in six months")
  measure TEXT NOT NULL CHECK (measure IN ('level', 'change', 'target')),
  period_text TEXT,
  as_of TEXT CHECK (as_of IS NULL OR date(as_of) = as_of),
  period_start TEXT CHECK (period_start IS NULL OR date(period_start) = period_start),
  period_end TEXT CHECK (period_end IS NULL OR date(period_end) = period_end),
  -- what stage the figure describes, as reported (opened, under construction, licensed, ...)
  reported_status TEXT CHECK (reported_status IN (
    'opened', 'operational', 'under_construction', 'groundbreaking', 'licensed', 'planned', 'target'
  )),
  -- for MW figures: AC, DC/peak or unknown
  rating TEXT CHECK (rating IN ('ac', 'dc', 'unknown')),
  speaker_fa TEXT,
  speaker_en TEXT,
  key_phrase_fa TEXT,
  note_en TEXT,
  basis TEXT NOT NULL CHECK (basis IN ('body', 'headline')),
  conflict_group TEXT,
  -- claims with the same indicator, subject and comparison key describe the same thing;
  -- exactly one of them is preferred, with a reason
  comparison_key TEXT NOT NULL,
  preferred INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
  preferred_reason TEXT,
  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (preferred = 0 OR preferred_reason IS NOT NULL),
  CHECK (value_max IS NULL OR (value IS NOT NULL AND value_max >= value))
);
CREATE UNIQUE INDEX claims_one_preferred
  ON claims (indicator_id, subject_kind, subject_id, comparison_key) WHERE preferred = 1;
CREATE INDEX claims_comparison
  ON claims (indicator_id, subject_kind, subject_id, comparison_key, id);
CREATE INDEX claims_source_id ON claims (source_id, id);
CREATE INDEX claims_indicator_id ON claims (indicator_id, id);
CREATE INDEX claims_subject ON claims (subject_kind, subject_id, id);
CREATE INDEX claims_region_id ON claims (region_id, id);
CREATE INDEX claims_conflict_group ON claims (conflict_group, id) WHERE conflict_group IS NOT NULL;
