ALTER TABLE captions DROP COLUMN credit;

UPDATE documents SET title = slug WHERE title IS NULL;
ALTER TABLE documents
    DROP COLUMN warnings,
    DROP COLUMN published_at,
    DROP COLUMN extraction,
    DROP COLUMN format,
    ALTER COLUMN title SET NOT NULL;
