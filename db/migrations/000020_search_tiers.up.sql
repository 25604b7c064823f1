-- The page of a one-word search (internal/search.Plan.TopK, docs/search.md
-- "The page"): the word's tiers read in turn from the most frequent, each
-- ranked and cut to what the page still lacks, then the paragraphs that
-- hold the word once (which all rank alike) by id, stopping as soon as the
-- page is full. It replaces the one statement store.SearchBuckets ran
-- unprepared: PostgreSQL planned that for its arguments on every request,
-- and planning it (0.8–1.2 ms at SF10) cost more than running it (0.7 ms
-- for a common word). Here every statement has a generic plan, cached per
-- connection, and the choices a plan used to make from the arguments are
-- made by the caller or by the branch taken:
--
-- - doc set: the document's paragraphs by its index (forty or so), each
--   tested and ranked;
-- - the held-once paragraphs (rest) by id: once_by_index says whether to
--   take all their ids from the GIN index and sort them (few of them) or
--   to walk the primary key testing each paragraph's vector until the page
--   is full (many: each tested one is likely a hit). The caller decides
--   from the word's count (search.Plan); a plan chosen on the planner's
--   estimate walked the key for a word held once in 1% of paragraphs,
--   testing ~90 vectors per hit.
--
-- q is the word's tsquery (ts_rank of it is the rank); tiers the tier
-- tsqueries, most frequent first; the filters are those of
-- store.searchFilters; after_* is the cursor. level is the tier's index
-- (from 1), 1000000 for the held-once paragraphs.
CREATE FUNCTION search_tiers(q text, tiers text[], rest text, lim integer, once_by_index boolean,
    doc bigint, topic bigint, after_id bigint, after_rank real)
RETURNS TABLE (level integer, hit_id bigint, hit_rank real)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    got integer := 0;
    n integer;
    -- The rank of every held-once paragraph (store.searchOnce).
    once CONSTANT real := ts_rank('w:1'::tsvector, 'w'::tsquery);
BEGIN
    IF doc IS NOT NULL THEN
        -- A document's paragraphs are few: all of its matches ranked, in
        -- page order (the order the tiers and the held-once paragraphs
        -- give), by its index.
        RETURN QUERY SELECT 1, h.id, h.rank FROM (
            SELECT p.id, ts_rank(p.search, q::tsquery) AS rank FROM paragraphs p
            WHERE p.document_id = doc AND ts_match_vq(p.search, q::tsquery)
                AND (topic IS NULL OR EXISTS (
                    SELECT 1 FROM paragraph_topics pt WHERE pt.paragraph_id = p.id AND pt.topic_id = topic))) h
        WHERE after_id IS NULL OR h.rank < after_rank OR (h.rank = after_rank AND h.id > after_id)
        ORDER BY h.rank DESC, h.id LIMIT lim;
        RETURN;
    END IF;
    FOR i IN 1 .. coalesce(cardinality(tiers), 0) LOOP
        EXIT WHEN got >= lim;
        RETURN QUERY SELECT i, h.id, h.rank FROM (
            SELECT p.id, ts_rank(p.search, q::tsquery) AS rank FROM paragraphs p
            WHERE p.search @@ tiers[i]::tsquery
                AND (topic IS NULL OR EXISTS (
                    SELECT 1 FROM paragraph_topics pt WHERE pt.paragraph_id = p.id AND pt.topic_id = topic))) h
        WHERE after_id IS NULL OR h.rank < after_rank OR (h.rank = after_rank AND h.id > after_id)
        ORDER BY h.rank DESC, h.id LIMIT lim - got;
        GET DIAGNOSTICS n = ROW_COUNT;
        got := got + n;
    END LOOP;
    IF got >= lim OR after_rank < once THEN
        RETURN;
    END IF;
    -- The held-once paragraphs after the cursor (all rank alike), by id.
    IF once_by_index THEN
        -- p.id + 0: the order is not the primary key's, so no plan walks it.
        RETURN QUERY SELECT 1000000, s.id, ts_rank(v.search, q::tsquery) FROM (
            SELECT p.id FROM paragraphs p
            WHERE p.search @@ rest::tsquery
                AND (topic IS NULL OR EXISTS (
                    SELECT 1 FROM paragraph_topics pt WHERE pt.paragraph_id = p.id AND pt.topic_id = topic))
                AND (after_id IS NULL OR after_rank > once OR p.id > after_id)
            ORDER BY p.id + 0 LIMIT lim - got) s
        JOIN paragraphs v ON v.id = s.id
        ORDER BY s.id;
    ELSE
        -- ts_match_vq is @@ that no index answers: the primary key's walk.
        RETURN QUERY SELECT 1000000, p.id, ts_rank(p.search, q::tsquery) FROM paragraphs p
        WHERE ts_match_vq(p.search, rest::tsquery)
            AND (topic IS NULL OR EXISTS (
                SELECT 1 FROM paragraph_topics pt WHERE pt.paragraph_id = p.id AND pt.topic_id = topic))
            AND (after_id IS NULL OR after_rank > once OR p.id > after_id)
        ORDER BY p.id LIMIT lim - got;
    END IF;
END $$;
