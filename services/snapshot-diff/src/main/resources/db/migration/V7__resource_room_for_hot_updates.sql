-- Room on each resource page for the updated row, so a change's update of its resource row (hash,
-- state id, last seen) is a heap-only update: no new entry in resource's four indexes, and nothing
-- for them to vacuum. Applies to pages written from now on.
ALTER TABLE resource SET (fillfactor = 85);
