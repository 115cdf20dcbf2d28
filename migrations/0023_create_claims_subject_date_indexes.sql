-- A region's (or any subject's) claims by date, nested: ProvinceOverview's
-- `claims(filter: { preferredOnly: true }, orderBy: { field: AS_OF, direction: DESC })` about
-- the province. With only claims_subject (subject_kind, subject_id, id) a page by date had to
-- count the subject's claims, sort them and count its filter among them (src/db/child-pages.ts,
-- the bounded sort): 667 rows for the overview at every size, twice what it read before nested
-- lists were bounded. Led by the subject and then the date (nulls last, in both directions, as
-- claims_as_of and claims_as_of_desc), the page walks the subject's own index in its order.
CREATE INDEX claims_subject_as_of
  ON claims (subject_kind, subject_id, (as_of IS NULL), as_of, id);
CREATE INDEX claims_subject_as_of_desc
  ON claims (subject_kind, subject_id, (as_of IS NULL), as_of DESC, id DESC);
