-- Back to the text form in search_src and the tsvector generated from it.
ALTER TABLE paragraphs ADD COLUMN search_src text;
UPDATE paragraphs SET search_src = search::text;
ALTER TABLE paragraphs ALTER COLUMN search_src SET NOT NULL;
DROP INDEX paragraphs_search_idx;
ALTER TABLE paragraphs DROP COLUMN search;
ALTER TABLE paragraphs ADD COLUMN search tsvector GENERATED ALWAYS AS (search_src::tsvector) STORED;
CREATE INDEX paragraphs_search_idx ON paragraphs USING gin (search);
