-- Live (not deleted) resources per account, kept exact by statement-level triggers on resource, so a
-- COMPLETED marker compares its run's distinct seen resources with one row instead of counting the
-- account's live resources: that count visits every heap page updated since the last vacuum, and so
-- grew with each snapshot (see docs/benchmarks.md). The triggers see every row a statement inserts,
-- updates or deletes (transition tables), whichever code path or tool wrote it; TRUNCATE empties it.
CREATE TABLE account_live_resources (
    account_id TEXT   PRIMARY KEY,
    live       BIGINT NOT NULL
);

INSERT INTO account_live_resources (account_id, live)
SELECT account_id, count(*) FROM resource WHERE NOT deleted GROUP BY account_id;

-- Adds per-row deltas (+1 a row that became or was inserted live, -1 one that stopped being or was
-- deleted live), summed per account; accounts whose count did not move are not touched, and accounts
-- are upserted in key order so concurrent writers lock them in one order. Each trigger below only
-- states its deltas.
CREATE FUNCTION account_live_resources_add(accounts TEXT[], deltas BIGINT[]) RETURNS VOID LANGUAGE sql
SET search_path FROM CURRENT AS $$
    INSERT INTO account_live_resources AS a (account_id, live)
    SELECT account_id, sum(delta) FROM unnest(accounts, deltas) AS d(account_id, delta)
    GROUP BY account_id HAVING sum(delta) <> 0 ORDER BY account_id
    ON CONFLICT (account_id) DO UPDATE SET live = a.live + EXCLUDED.live
$$;

CREATE FUNCTION account_live_resources_inserted() RETURNS TRIGGER LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM account_live_resources_add(array_agg(account_id), array_agg(1::bigint)) FROM new_rows WHERE NOT deleted;
    RETURN NULL;
END $$;

CREATE FUNCTION account_live_resources_updated() RETURNS TRIGGER LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM account_live_resources_add(array_agg(account_id), array_agg(d)) FROM (
        SELECT account_id, 1::bigint AS d FROM new_rows WHERE NOT deleted
        UNION ALL
        SELECT account_id, -1::bigint FROM old_rows WHERE NOT deleted) x;
    RETURN NULL;
END $$;

CREATE FUNCTION account_live_resources_deleted() RETURNS TRIGGER LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM account_live_resources_add(array_agg(account_id), array_agg(-1::bigint)) FROM old_rows WHERE NOT deleted;
    RETURN NULL;
END $$;

CREATE FUNCTION account_live_resources_truncated() RETURNS TRIGGER LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM account_live_resources;
    RETURN NULL;
END $$;

CREATE TRIGGER resource_live_inserted AFTER INSERT ON resource
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_live_resources_inserted();
CREATE TRIGGER resource_live_updated AFTER UPDATE ON resource
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_live_resources_updated();
CREATE TRIGGER resource_live_deleted AFTER DELETE ON resource
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION account_live_resources_deleted();
CREATE TRIGGER resource_live_truncated AFTER TRUNCATE ON resource
    FOR EACH STATEMENT EXECUTE FUNCTION account_live_resources_truncated();
