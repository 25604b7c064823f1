-- How many paragraphs hold each lexeme of the search vectors (the tier
-- lexemes of migration 000013 included): a one-word search counts its
-- matches here, one row, instead of reading a heap page per match, and a
-- search of several words leaves out the levels holding a lexeme no
-- paragraph has (docs/search.md). Triggers on paragraphs keep it in the
-- transaction that writes them, whatever writes them: ingest, the
-- replacement of a re-ingested document, a deletion (cascaded), TRUNCATE.
-- A bulk load into an empty database counts once at its end instead
-- (internal/store/bulkload.go): while deferred_indexes holds the row
-- 'search_lexemes' the triggers count nothing and readers do not trust
-- the table; search_lexemes_rebuild() counts everything and deletes it.
CREATE TABLE search_lexemes (
    lexeme     text PRIMARY KEY,
    -- 0 only inside the transaction that removes the row.
    paragraphs integer NOT NULL CHECK (paragraphs >= 0)
);

-- Adds counts (signed: +1 per paragraph written that holds the lexeme,
-- −1 per paragraph deleted) and removes the rows that reach zero. A count
-- that would go below zero, or a lexeme to take from that has no row,
-- fails: the table would be wrong. (Decrements are an UPDATE: an INSERT's
-- CHECK is tested before ON CONFLICT.) Writers take one transaction lock
-- first, so that two ingests never lock rows of this table in different
-- orders (a deadlock); they would queue on the rows of the common words
-- anyway.
CREATE FUNCTION search_lexemes_add(lexemes text[], counts bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    taken bigint;
BEGIN
    IF coalesce(cardinality(lexemes), 0) = 0 OR EXISTS (SELECT 1 FROM deferred_indexes WHERE name = 'search_lexemes') THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended('sourcecmp.search-lexemes', 0));
    INSERT INTO search_lexemes AS s (lexeme, paragraphs)
    SELECT d.lexeme, d.n FROM unnest(lexemes, counts) d(lexeme, n) WHERE d.n > 0
    ON CONFLICT (lexeme) DO UPDATE SET paragraphs = s.paragraphs + EXCLUDED.paragraphs;
    IF EXISTS (SELECT 1 FROM unnest(counts) n WHERE n < 0) THEN
        UPDATE search_lexemes s SET paragraphs = s.paragraphs + d.n
        FROM unnest(lexemes, counts) d(lexeme, n) WHERE d.n < 0 AND s.lexeme = d.lexeme;
        GET DIAGNOSTICS taken = ROW_COUNT;
        IF taken <> (SELECT count(*) FROM unnest(counts) n WHERE n < 0) THEN
            RAISE EXCEPTION 'search_lexemes: % lexemes of deleted paragraphs are not counted', (SELECT count(*) FROM unnest(counts) n WHERE n < 0) - taken;
        END IF;
        DELETE FROM search_lexemes WHERE lexeme = ANY(lexemes) AND paragraphs = 0;
    END IF;
END $$;

-- The triggers: one per event (PostgreSQL allows transition tables on
-- triggers of one event only), each counting its statement's rows once.
CREATE FUNCTION search_lexemes_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_lexemes_add(array_agg(c.lexeme), array_agg(c.n))
    FROM (SELECT u.lexeme, count(*) AS n FROM new_rows r, unnest(r.search) u GROUP BY u.lexeme) c;
    RETURN NULL;
END $$;

CREATE FUNCTION search_lexemes_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_lexemes_add(array_agg(c.lexeme), array_agg(c.n))
    FROM (SELECT u.lexeme, -count(*) AS n FROM old_rows r, unnest(r.search) u GROUP BY u.lexeme) c;
    RETURN NULL;
END $$;

CREATE FUNCTION search_lexemes_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_lexemes_add(array_agg(c.lexeme), array_agg(c.n))
    FROM (SELECT u.lexeme, sum(r.sign) AS n
        FROM (SELECT search, 1 AS sign FROM new_rows UNION ALL SELECT search, -1 FROM old_rows) r, unnest(r.search) u
        GROUP BY u.lexeme HAVING sum(r.sign) <> 0) c;
    RETURN NULL;
END $$;

CREATE FUNCTION search_lexemes_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_lexemes;
    RETURN NULL;
END $$;

CREATE TRIGGER search_lexemes_insert AFTER INSERT ON paragraphs
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_lexemes_inserted();
CREATE TRIGGER search_lexemes_delete AFTER DELETE ON paragraphs
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_lexemes_deleted();
CREATE TRIGGER search_lexemes_update AFTER UPDATE ON paragraphs
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_lexemes_updated();
CREATE TRIGGER search_lexemes_truncate AFTER TRUNCATE ON paragraphs
    FOR EACH STATEMENT EXECUTE FUNCTION search_lexemes_truncated();

-- Counts every paragraph's lexemes again, and ends a bulk load's deferral
-- (its row of deferred_indexes). Writers of paragraphs wait for it (the
-- SHARE lock), and it waits for those in flight: a writer that counted
-- nothing because the deferral was still there is committed, and so
-- counted here, before the count is taken.
CREATE FUNCTION search_lexemes_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE paragraphs IN SHARE MODE;
    DELETE FROM search_lexemes;
    INSERT INTO search_lexemes (lexeme, paragraphs)
    SELECT u.lexeme, count(*) FROM paragraphs p, unnest(p.search) u GROUP BY u.lexeme;
    DELETE FROM deferred_indexes WHERE name = 'search_lexemes';
END $$;

SELECT search_lexemes_rebuild();
ANALYZE search_lexemes;
