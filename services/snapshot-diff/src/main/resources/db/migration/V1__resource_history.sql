-- Resources and their versions. A version is written only when the canonical configuration hash
-- changes, so storage grows with change, not with the number of collections.
CREATE TABLE resource (
    id                BIGSERIAL PRIMARY KEY,
    resource_key      TEXT        NOT NULL UNIQUE,
    account_id        TEXT        NOT NULL,
    aws_region        TEXT        NOT NULL,
    resource_type     TEXT        NOT NULL,
    resource_id       TEXT        NOT NULL,
    arn               TEXT,
    resource_name     TEXT,
    current_hash      TEXT,
    current_state_id  BIGINT      NOT NULL DEFAULT 0,
    deleted           BOOLEAN     NOT NULL DEFAULT FALSE,
    first_seen        TIMESTAMPTZ NOT NULL,
    last_seen         TIMESTAMPTZ NOT NULL,
    last_run_id       TEXT
);
CREATE INDEX resource_scope_idx ON resource (account_id, aws_region, resource_type) WHERE NOT deleted;

CREATE TABLE resource_version (
    id                  BIGSERIAL PRIMARY KEY,
    resource_pk         BIGINT      NOT NULL REFERENCES resource (id),
    state_id            BIGINT      NOT NULL,
    status              TEXT        NOT NULL,
    configuration_hash  TEXT,
    configuration       JSONB,
    supplementary       JSONB,
    tags                JSONB,
    relationships       JSONB,
    availability_zone   TEXT,
    resource_created_at TIMESTAMPTZ,
    valid_from          TIMESTAMPTZ NOT NULL,
    valid_to            TIMESTAMPTZ,
    run_id              TEXT,
    UNIQUE (resource_pk, state_id)
);
CREATE INDEX resource_version_time_idx ON resource_version (valid_from, valid_to);

-- One row per (run, account): the snapshot of that account taken by that run.
CREATE TABLE collection_snapshot (
    run_id        TEXT        NOT NULL,
    account_id    TEXT        NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    completed_at  TIMESTAMPTZ,
    account_error TEXT,
    listings      JSONB,
    items_seen    BIGINT      NOT NULL DEFAULT 0,
    changes       BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, account_id)
);
CREATE INDEX collection_snapshot_account_idx ON collection_snapshot (account_id, completed_at);
