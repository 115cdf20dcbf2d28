-- `regions(kind: PROVINCE)` read every region until its page was full: no index held the kind, so
-- the page walked the table by id, passing every county, district and city (about 450 rows at the
-- synthetic sets' size for a page priced 101; BENCHMARKS.md, "Round of 2026-12-01, 23:00"). With
-- this index the page seeks its kind and walks it in id order, and reads its LIMIT.
CREATE INDEX regions_kind ON regions (kind, id);
