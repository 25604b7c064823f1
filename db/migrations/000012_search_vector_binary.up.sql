-- Ingest sends each paragraph's tsvector itself, in binary
-- (internal/search.Vector): the text form in search_src, which stored
-- every vector a second time and made PostgreSQL parse it on COPY, goes.
ALTER TABLE paragraphs ALTER COLUMN search DROP EXPRESSION;
ALTER TABLE paragraphs ALTER COLUMN search SET NOT NULL;
ALTER TABLE paragraphs DROP COLUMN search_src;
