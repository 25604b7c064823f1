-- What the last sync of each document's annotation file stored, keyed by
-- what decided it: the file's stances (a hash of everything but its path
-- and line numbers), the document's text (its content_hash: ingest writes
-- documents.body only with it) and the document's stances (their ids, of
-- both origins). A sync that finds all three as recorded would verify the
-- same quotes against the same text and write nothing, so it skips the
-- file (internal/curate). A document's deletion deletes its row: the next
-- sync verifies the file again.
CREATE TABLE annotation_syncs (
    document_id  bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    file_hash    bytea NOT NULL,
    content_hash text NOT NULL,
    stance_ids   bigint[] NOT NULL,
    -- The sync's outcome, reported again when the file is skipped.
    stances      int NOT NULL,
    skipped      text[] NOT NULL, -- topics whose stance was made through the API
    synced_at    timestamptz NOT NULL DEFAULT now()
);
