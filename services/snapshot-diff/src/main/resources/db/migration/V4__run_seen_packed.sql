-- The consumer now packs the resource pks it saw (sorted, delta-encoded varints, about 1 byte per pk
-- instead of 8 plus the array's parsing, unnesting and re-aggregation in PostgreSQL) into packed_pks.
-- resource_pks stays for the pks the lookup statement finds unchanged by their stored hash, which only
-- PostgreSQL knows. A row carries one of the two.
ALTER TABLE run_seen ALTER COLUMN resource_pks DROP NOT NULL;
ALTER TABLE run_seen ADD COLUMN packed_pks BYTEA;
ALTER TABLE run_seen ALTER COLUMN packed_pks SET STORAGE EXTERNAL;
ALTER TABLE run_seen ADD CONSTRAINT run_seen_pks_present CHECK (resource_pks IS NOT NULL OR packed_pks IS NOT NULL);
