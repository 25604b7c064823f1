DROP TABLE document_metadata_overrides;
ALTER TABLE documents DROP COLUMN removed;
