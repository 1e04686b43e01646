-- A version's documents (configuration, supplementary configuration, tags, relationships) are stored as
-- json, the canonical text as written, instead of jsonb. The ingest writes them once and reads them back
-- whole; jsonb parsed each into its binary form on insert (half the cost of inserting a version, measured
-- in psql on 2,000 EC2-shaped configurations of 2.7 kB: 150 ms against 75 ms) and printed it again on every
-- read (84 ms against 26 ms for 4,000 reads). The price: a property-path filter of the inventory API
-- (`#>>`) parses the text per row, about 16 µs against 4 µs for jsonb (docs/benchmarks.md).
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
