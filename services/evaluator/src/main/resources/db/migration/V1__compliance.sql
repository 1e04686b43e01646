-- Compliance of every (rule, resource) pair seen; a finding is "open" while NON_COMPLIANT.
CREATE TABLE compliance_state (
    id             BIGSERIAL PRIMARY KEY,
    rule_id        TEXT        NOT NULL,
    resource_key   TEXT        NOT NULL,
    finding_id     TEXT        NOT NULL,
    account_id     TEXT        NOT NULL,
    aws_region     TEXT        NOT NULL,
    resource_type  TEXT        NOT NULL,
    resource_id    TEXT        NOT NULL,
    arn            TEXT,
    compliance     TEXT        NOT NULL,
    severity       TEXT        NOT NULL,
    reason         TEXT,
    opened_at      TIMESTAMPTZ,
    resolved_at    TIMESTAMPTZ,
    evaluated_at   TIMESTAMPTZ NOT NULL,
    state_id       BIGINT      NOT NULL DEFAULT 0,
    UNIQUE (rule_id, resource_key)
);
CREATE INDEX compliance_open_idx ON compliance_state (compliance, account_id);
