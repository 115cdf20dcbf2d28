-- The figure a plan target's progress is judged by: the newest preferred level claim about the
-- target's indicator and region (src/db/claims.ts latestClaimsForTargets). This index holds only
-- such claims, newest first, so choosing it reads one index entry and one row per target however
-- many claims the indicator and region have: without it the choice read every candidate, and a
-- region with many claims about one indicator made a plan's progress unbounded work.
CREATE INDEX claims_latest_level
  ON claims (indicator_id, subject_kind, subject_id, as_of DESC, id DESC)
  WHERE measure = 'level' AND preferred = 1 AND as_of IS NOT NULL;
