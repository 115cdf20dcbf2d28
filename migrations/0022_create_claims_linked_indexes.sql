-- `claims(filter: { indicator, withRelated: true })` takes in the claims sharing a conflict group
-- or a quantity with the indicator's claims. Those two lists were read through claims_indicator_id
-- and each claim's row: every claim of the indicator, 267,409 rows for a page priced 601 on the
-- million-project set (BENCHMARKS.md, `claimsWithRelated`). These partial indexes hold only the
-- indicator's claims that have a group or a quantity, so the lists read those and are priced by
-- counting them first (src/db/claims.ts, `MAX_LINKED_CLAIMS`).
CREATE INDEX claims_indicator_conflict_group ON claims (indicator_id, conflict_group)
  WHERE conflict_group IS NOT NULL;
CREATE INDEX claims_indicator_quantity ON claims (indicator_id, quantity)
  WHERE quantity IS NOT NULL;
