-- A COMPLETED marker may skip listing an account's live resources when its run saw as many distinct
-- resources of the account as are live: everything the run saw was live when it was stored, so equal
-- counts mean nothing live went unseen, unless another run of the account inferred deletions after this
-- run started (then something the run saw may be deleted now). This counter, bumped by every COMPLETED
-- marker that deletes something, tells; each snapshot row keeps its value at the STARTED marker.
CREATE TABLE account_deletions (
    account_id  TEXT   PRIMARY KEY,
    inferences  BIGINT NOT NULL
);
ALTER TABLE collection_snapshot ADD COLUMN deletions_at_start BIGINT;
