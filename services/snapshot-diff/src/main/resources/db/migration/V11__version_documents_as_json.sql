-- A version's documents (configuration, supplementary configuration, tags, relationships) are stored as
-- json, the canonical text as written, instead of jsonb. The ingest writes them once and reads them back
-- whole; jsonb parsed each into its binary form on insert (about half the cost of inserting a version) and
-- printed it again on every read. The price: the inventory API's property filter (`#>>`) parses the text
-- of each version it scans, about 15 µs against 2 µs with jsonb. Figures: src/test/sql/json-vs-jsonb.sql
-- and docs/benchmarks.md. The rewrite takes an exclusive lock on resource_version (docs/operations.md).
-- The rewrite resets a column's compression, so lz4 (V9) is set again where the server has it.
DO $$
DECLARE
    lz4 BOOLEAN := EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals));
BEGIN
    IF lz4 THEN
        SET LOCAL default_toast_compression = 'lz4'; -- the rows rewritten below are compressed with it too
    END IF;
    ALTER TABLE resource_version
        ALTER COLUMN configuration TYPE json USING configuration::json,
        ALTER COLUMN supplementary TYPE json USING supplementary::json,
        ALTER COLUMN tags TYPE json USING tags::json,
        ALTER COLUMN relationships TYPE json USING relationships::json;
    IF lz4 THEN
        ALTER TABLE resource_version ALTER COLUMN configuration SET COMPRESSION lz4;
    END IF;
END $$;
