-- run_seen gets one row of about 8 KB of resource ids per ingested batch of 1,000 items, deleted when
-- the run completes. Compressing that array on insert cost more than the rest of the batch's unchanged
-- path in PostgreSQL (about 0.35 of 2 ms), so it is stored out of line without compression.
ALTER TABLE run_seen ALTER COLUMN resource_pks SET STORAGE EXTERNAL;
