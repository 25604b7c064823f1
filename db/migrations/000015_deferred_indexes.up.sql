-- A bulk load into an empty database drops the secondary indexes of the
-- tables ingest writes and builds them once at the end, which is faster
-- than updating them row by row (internal/store/bulkload.go). Each dropped
-- index's definition is kept here, in the transaction that drops it, so
-- that a load that dies half-way leaves what is needed to build them again
-- (the next ingest, synth or server start does).
CREATE TABLE deferred_indexes (
    name       text PRIMARY KEY,
    definition text NOT NULL,
    dropped_at timestamptz NOT NULL DEFAULT now()
);
