-- Partner writes: API keys (stored hashed) and the regions each may write, the audit log, the
-- change feed, idempotency records, and the guard table that makes a write batch roll back when
-- its precondition (the version the client read) no longer holds.

CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- the key's first characters ('ostan_' + 6), so a partner can tell their keys apart; not secret
  prefix TEXT NOT NULL,
  -- hex SHA-256 of the whole key; the key itself is never stored
  key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  -- JSON array of scopes: write:projects, write:energy, write:claims, write:plans, admin
  scopes TEXT NOT NULL CHECK (json_valid(scopes) AND json_type(scopes) = 'array'),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revoked_at TEXT,
  last_used_at TEXT
);

-- a key may write in these regions and every region below them
CREATE TABLE api_key_regions (
  key_id INTEGER NOT NULL REFERENCES api_keys (id),
  region_id INTEGER NOT NULL REFERENCES regions (id),
  PRIMARY KEY (key_id, region_id)
) WITHOUT ROWID;

-- Every create, update and delete of every entity, in commit order: the public change feed.
-- `id` only grows (AUTOINCREMENT never reuses a number), so max(id) is the data version.
-- `data` is the whole row after the write (snake_case columns); NULL for a delete (a tombstone).
CREATE TABLE changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL CHECK (entity IN (
    'source', 'region', 'sector', 'indicator', 'project', 'energy_asset', 'plan', 'claim', 'plan_target'
  )),
  entity_id INTEGER NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
  version INTEGER NOT NULL,
  data TEXT CHECK (data IS NULL OR json_valid(data)),
  committed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((op = 'delete') = (data IS NULL))
);
CREATE INDEX changes_entity ON changes (entity, entity_id, id);

-- Who (key) did what (operation, entity, before/after) when, in which request.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  key_id INTEGER NOT NULL REFERENCES api_keys (id),
  request_id TEXT NOT NULL,
  operation TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  before TEXT CHECK (before IS NULL OR json_valid(before)),
  after TEXT CHECK (after IS NULL OR json_valid(after)),
  change_id INTEGER NOT NULL REFERENCES changes (id)
);
CREATE INDEX audit_log_key_id ON audit_log (key_id, id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);

-- A mutation sent with an idempotency key commits this row in the same batch as its writes; a
-- retry with the same key and the same request returns the first result (the rows of change_ids).
CREATE TABLE idempotency_keys (
  key_id INTEGER NOT NULL REFERENCES api_keys (id),
  idempotency_key TEXT NOT NULL,
  operation TEXT NOT NULL,
  -- hex SHA-256 of the operation and its canonical input: a reuse with another body is refused
  request_hash TEXT NOT NULL,
  -- JSON array of the ids of the changes rows the write produced, and which of them it returned
  change_ids TEXT NOT NULL CHECK (json_valid(change_ids)),
  result_ids TEXT NOT NULL CHECK (json_valid(result_ids)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (key_id, idempotency_key)
) WITHOUT ROWID;

-- Always empty between requests. A write batch starts by inserting count(*) of the rows its
-- precondition needs (e.g. `WHERE id = ? AND version = ?`) and ends by deleting it; a 0 fails
-- the CHECK, and D1 rolls back the whole batch. This is how a read-check-write holds without BEGIN.
CREATE TABLE write_guards (
  ok INTEGER NOT NULL CHECK (ok = 1)
);

-- The feed starts with every row that exists before the first partner write, so replaying it
-- from the beginning rebuilds the data.
INSERT INTO changes (entity, entity_id, op, version, data, committed_at)
  SELECT 'source', id, 'create', version, json_object('id', id, 'slug', slug, 'kind', kind, 'publisher', publisher, 'title_en', title_en, 'title_fa', title_fa, 'url', url, 'language', language, 'published_on', published_on, 'published_basis', published_basis, 'note', note, 'synthetic', synthetic, 'version', version, 'created_at', created_at, 'updated_at', updated_at), created_at
  FROM sources ORDER BY id;
INSERT INTO changes (entity, entity_id, op, version, data, committed_at)
  SELECT 'region', id, 'create', version, json_object('id', id, 'slug', slug, 'kind', kind, 'parent_id', parent_id, 'iso_code', iso_code, 'name_fa', name_fa, 'name_en', name_en, 'area_km2', area_km2, 'area_source_id', area_source_id, 'synthetic', synthetic, 'version', version, 'created_at', created_at, 'updated_at', updated_at), created_at
  FROM regions ORDER BY id;
INSERT INTO changes (entity, entity_id, op, version, data, committed_at)
  SELECT 'sector', id, 'create', version, json_object('id', id, 'slug', slug, 'parent_id', parent_id, 'name_fa', name_fa, 'name_en', name_en, 'isic_code', isic_code, 'synthetic', synthetic, 'version', version, 'created_at', created_at, 'updated_at', updated_at), created_at
  FROM sectors ORDER BY id;
INSERT INTO changes (entity, entity_id, op, version, data, committed_at)
  SELECT 'indicator', id, 'create', version, json_object('id', id, 'slug', slug, 'name_fa', name_fa, 'name_en', name_en, 'unit', unit, 'direction', direction, 'description_en', description_en, 'version', version, 'created_at', created_at, 'updated_at', updated_at), created_at
  FROM indicators ORDER BY id;
INSERT INTO changes (entity, entity_id, op, version, data, committed_at)
  SELECT 'project', id, 'create', version, json_object('id', id, 'slug', slug, 'region_id', region_id, 'sector_id', sector_id, 'name_fa', name_fa, 'name_en', name_en, 'description_fa', description_fa, 'description_en', description_en, 'status', status, 'progress_pct', progress_pct, 'direct_jobs', direct_jobs, 'investment_amount', investment_amount, 'investment_unit', investment_unit, 'investment_rial', investment_rial, 'started_on', started_on, 'opened_on', opened_on, 'financing', financing, 'investors', investors, 'source_id', source_id, 'synthetic', synthetic, 'version', version, 'created_at', created_at, 'updated_at', updated_at), created_at
  FROM projects ORDER BY id;
INSERT INTO changes (entity, entity_id, op, version, data, committed_at)
  SELECT 'energy_asset', id, 'create', version, json_object('id', id, 'slug', slug, 'parent_id', parent_id, 'phase', phase, 'region_id', region_id, 'sector_id', sector_id, 'name_fa', name_fa, 'name_en', name_en, 'location_fa', location_fa, 'location_en', location_en, 'technology', technology, 'capacity_mw', capacity_mw, 'rating', rating, 'status', status, 'owner', owner, 'financing', financing, 'started_on', started_on, 'opened_on', opened_on, 'source_id', source_id, 'synthetic', synthetic, 'version', version, 'created_at', created_at, 'updated_at', updated_at), created_at
  FROM energy_assets ORDER BY id;
INSERT INTO changes (entity, entity_id, op, version, data, committed_at)
  SELECT 'plan', id, 'create', version, json_object('id', id, 'slug', slug, 'region_id', region_id, 'kind', kind, 'name_fa', name_fa, 'name_en', name_en, 'description_en', description_en, 'status', status, 'issued_on', issued_on, 'starts_on', starts_on, 'ends_on', ends_on, 'source_id', source_id, 'synthetic', synthetic, 'version', version, 'created_at', created_at, 'updated_at', updated_at), created_at
  FROM plans ORDER BY id;
INSERT INTO changes (entity, entity_id, op, version, data, committed_at)
  SELECT 'claim', id, 'create', version, json_object('id', id, 'slug', slug, 'source_id', source_id, 'indicator_id', indicator_id, 'subject_kind', subject_kind, 'subject_id', subject_id, 'region_id', region_id, 'value', value, 'value_max', value_max, 'unit', unit, 'scale', scale, 'normalised_value', normalised_value, 'normalised_value_max', normalised_value_max, 'qualifier', qualifier, 'measure', measure, 'period_text', period_text, 'as_of', as_of, 'period_start', period_start, 'period_end', period_end, 'reported_status', reported_status, 'rating', rating, 'speaker_fa', speaker_fa, 'speaker_en', speaker_en, 'key_phrase_fa', key_phrase_fa, 'note_en', note_en, 'basis', basis, 'conflict_group', conflict_group, 'comparison_key', comparison_key, 'preferred', preferred, 'preferred_reason', preferred_reason, 'synthetic', synthetic, 'version', version, 'created_at', created_at, 'updated_at', updated_at), created_at
  FROM claims ORDER BY id;
INSERT INTO changes (entity, entity_id, op, version, data, committed_at)
  SELECT 'plan_target', id, 'create', version, json_object('id', id, 'slug', slug, 'plan_id', plan_id, 'indicator_id', indicator_id, 'region_id', region_id, 'comparator', comparator, 'target_value', target_value, 'target_kind', target_kind, 'baseline_value', baseline_value, 'baseline_on', baseline_on, 'deadline_on', deadline_on, 'description_fa', description_fa, 'description_en', description_en, 'claim_id', claim_id, 'synthetic', synthetic, 'version', version, 'created_at', created_at, 'updated_at', updated_at), created_at
  FROM plan_targets ORDER BY id;
