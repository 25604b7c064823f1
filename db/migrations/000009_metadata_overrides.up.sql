-- Corrections of a document's metadata (updateDocumentMetadata): the
-- fields an editor set, as a JSON object in the form of
-- doc.MetadataOverride. Ingest applies them again over every re-parse, so
-- a correction survives a changed source file.
CREATE TABLE document_metadata_overrides (
    document_id bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    metadata    jsonb NOT NULL CHECK (jsonb_typeof(metadata) = 'object'),
    updated_by  text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
