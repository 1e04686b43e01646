-- Every alert published, once per finding transition (the unique event key drops re-deliveries).
CREATE TABLE alert (
    id           BIGSERIAL PRIMARY KEY,
    event_key    TEXT        NOT NULL UNIQUE,
    finding_id   TEXT        NOT NULL,
    transition   TEXT        NOT NULL,
    rule_id      TEXT        NOT NULL,
    account_id   TEXT        NOT NULL,
    severity     TEXT        NOT NULL,
    ocsf         JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX alert_created_idx ON alert (created_at DESC);

-- Webhook deliveries, retried with backoff; claimed by one notifier replica at a time.
CREATE TABLE webhook_delivery (
    id              BIGSERIAL PRIMARY KEY,
    alert_id        BIGINT      NOT NULL REFERENCES alert (id),
    url             TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    delivered_at    TIMESTAMPTZ
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
