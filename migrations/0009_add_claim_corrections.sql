-- Corrections with history: a claim is never edited in place. A partner withdraws it (with a
-- reason) or supersedes it with a new claim that points at the old one. The old claim stays
-- readable with its status, the reason, the key that changed it and when; it is no longer
-- preferred, and its comparison group's preferred claim is chosen again.

ALTER TABLE claims ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
  CHECK (status IN ('active', 'withdrawn', 'superseded'));
ALTER TABLE claims ADD COLUMN status_reason TEXT;
ALTER TABLE claims ADD COLUMN status_key_id INTEGER REFERENCES api_keys (id);
ALTER TABLE claims ADD COLUMN status_at TEXT;
-- the claim this one replaces (its status is then 'superseded')
ALTER TABLE claims ADD COLUMN supersedes_id INTEGER REFERENCES claims (id);
CREATE INDEX claims_supersedes_id ON claims (supersedes_id) WHERE supersedes_id IS NOT NULL;

-- Every change row carries every column of its row: the claims' earlier changes get the new
-- columns with the values every claim had until now, so replaying the feed still rebuilds the data.
UPDATE changes SET data = json_set(data,
    '$.status', 'active', '$.status_reason', NULL, '$.status_key_id', NULL,
    '$.status_at', NULL, '$.supersedes_id', NULL)
  WHERE entity = 'claim' AND data IS NOT NULL;
