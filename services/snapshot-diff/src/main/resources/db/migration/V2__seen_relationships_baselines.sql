-- "Seen in run" bookkeeping for deletion inference, written once per ingested batch: one row holds
-- the ids of every resource whose item the batch carried for that (run, account). An unchanged item
-- therefore costs one array element, not a row update. The rows of a (run, account) are deleted when
-- its COMPLETED marker has been applied; the retention pruner removes those of runs that never complete.
CREATE TABLE run_seen (
    run_id        TEXT        NOT NULL,
    account_id    TEXT        NOT NULL,
    resource_pks  BIGINT[]    NOT NULL,
    seen_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX run_seen_run_idx ON run_seen (run_id, account_id);

-- Relationships of each resource's CURRENT version (both directions are answered from here; the
-- relationships of past versions stay in resource_version.relationships).
CREATE TABLE resource_relationship (
    resource_pk   BIGINT NOT NULL REFERENCES resource (id) ON DELETE CASCADE,
    name          TEXT   NOT NULL,
    account_id    TEXT   NOT NULL,
    target_type   TEXT   NOT NULL,
    target_id     TEXT   NOT NULL
);
CREATE INDEX resource_relationship_source_idx ON resource_relationship (resource_pk);
CREATE INDEX resource_relationship_target_idx ON resource_relationship (account_id, target_type, target_id);
INSERT INTO resource_relationship (resource_pk, name, account_id, target_type, target_id)
SELECT r.id, rel->>'name', r.account_id, rel->>'resourceType', rel->>'resourceId'
FROM resource r JOIN resource_version v ON v.resource_pk = r.id AND v.valid_to IS NULL AND v.status <> 'ResourceDeleted'
CROSS JOIN LATERAL jsonb_array_elements(COALESCE(v.relationships, '[]'::jsonb)) rel;

-- Point-in-time reads walk resources by key within an account (all of them, deleted or not).
CREATE INDEX resource_account_key_idx ON resource (account_id, resource_key);

-- Snapshot listing by time.
CREATE INDEX collection_snapshot_started_idx ON collection_snapshot (started_at, run_id, account_id);

-- Approved states: a scope (account, optional region and resource types) at a moment.
CREATE TABLE baseline (
    id               BIGSERIAL   PRIMARY KEY,
    account_id       TEXT        NOT NULL,
    aws_region       TEXT,
    resource_types   TEXT[],
    baseline_at      TIMESTAMPTZ NOT NULL,
    snapshot_run_id  TEXT,
    created_by       TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL
);

-- Acknowledged drift: valid while the resource stays at the acknowledged state id.
CREATE TABLE baseline_acknowledgement (
    id               BIGSERIAL   PRIMARY KEY,
    baseline_id      BIGINT      NOT NULL REFERENCES baseline (id) ON DELETE CASCADE,
    resource_key     TEXT        NOT NULL,
    state_id         BIGINT      NOT NULL,
    comment          TEXT,
    acknowledged_by  TEXT        NOT NULL,
    acknowledged_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX baseline_ack_idx ON baseline_acknowledgement (baseline_id, resource_key, acknowledged_at DESC);
