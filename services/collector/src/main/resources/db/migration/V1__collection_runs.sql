-- Collection runs and per-account progress; shared by every collector replica.
CREATE TABLE collection_run (
    run_id         TEXT        PRIMARY KEY,
    reason         TEXT        NOT NULL,
    requested_at   TIMESTAMPTZ NOT NULL,
    accounts_total INT         NOT NULL,
    regions        TEXT        NOT NULL,
    resource_types TEXT        NOT NULL
);

CREATE TABLE collection_run_account (
    run_id        TEXT        NOT NULL REFERENCES collection_run (run_id),
    account_id    TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    items         BIGINT      NOT NULL DEFAULT 0,
    failures      JSONB       NOT NULL DEFAULT '[]',
    account_error TEXT,
    started_at    TIMESTAMPTZ,
    completed_at  TIMESTAMPTZ,
    collected_by  TEXT,
    PRIMARY KEY (run_id, account_id)
);
