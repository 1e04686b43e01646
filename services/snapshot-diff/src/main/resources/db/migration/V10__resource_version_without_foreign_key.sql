-- The foreign key from resource_version to resource ran a referential-integrity check per inserted
-- version (a FOR KEY SHARE lookup of the resource row): 9–24 µs of the 44–70 µs a version insert costs
-- (EXPLAIN ANALYZE of 50 inserts on the bench database), on the ingest worker's critical path. The
-- invariant it guarded is kept by the only writers: BatchIngestor inserts a version only for a
-- resource row it inserted, locked or updated earlier in the same transaction, and the pruner deletes
-- a resource row only when it is deleted and no version of it remains (a row the ingestor revives is
-- no longer deleted when the pruner's DELETE re-checks it). resource_relationship keeps its foreign
-- key (its ON DELETE CASCADE does the cleanup).
ALTER TABLE resource_version DROP CONSTRAINT IF EXISTS resource_version_resource_pk_fkey;
