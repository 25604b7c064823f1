-- The vectors without their tier lexemes (those holding chr(31)).
DROP INDEX paragraphs_search_idx;
UPDATE paragraphs SET search = ts_delete(search, ARRAY(
    SELECT lexeme FROM unnest(search) WHERE strpos(lexeme, chr(31)) > 0))
WHERE id IN (SELECT p.id FROM paragraphs p, unnest(p.search) u WHERE strpos(u.lexeme, chr(31)) > 0);
CREATE INDEX paragraphs_search_idx ON paragraphs USING gin (search);
