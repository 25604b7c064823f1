DROP TRIGGER search_lexemes_insert ON paragraphs;
DROP TRIGGER search_lexemes_delete ON paragraphs;
DROP TRIGGER search_lexemes_update ON paragraphs;
DROP TRIGGER search_lexemes_truncate ON paragraphs;
DROP FUNCTION search_lexemes_inserted(), search_lexemes_deleted(), search_lexemes_updated(), search_lexemes_truncated(),
    search_lexemes_add(text[], bigint[]), search_lexemes_rebuild();
DELETE FROM deferred_indexes WHERE name = 'search_lexemes';
DROP TABLE search_lexemes;
