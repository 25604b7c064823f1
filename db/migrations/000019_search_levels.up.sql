-- The forward page of a search of several words (internal/search.Plan.TopK,
-- docs/search.md "The page"): the levels read in turn, best bound first,
-- as the statement store.SearchLevels did, but stopping as soon as the
-- page is proven: when `per` hits are read and the per-th best rank read
-- is above the bound of the next level (hi), no paragraph left unread can
-- join the page. A fixed read of three pages' worth went on through
-- levels that could not change the page (each an index probe, a ranked
-- one a vector per candidate). It also stops after `total` hits, as the
-- statement did, for a page that is not proven by then.
--
-- A level is ranked (its paragraphs rank differently: each is ranked, at
-- most cap of them, full false on its hits when it had more) or alike (all
-- rank the same: their ids are read in order from its cut, and only those
-- returned are tested against the filter, a phrase, and ranked). The rank
-- is the sum of ts_rank of each tsquery of words (store.SearchRank). The
-- filters are those of store.searchFilters; after_* is the cursor.
--
-- Each level is one statement in the function, whose plan PL/pgSQL caches
-- per connection: the words and levels are values, so no plan depends on
-- them (the same reason the statement was a cached prepared one). The
-- plans are generic from the first call: PL/pgSQL would otherwise plan
-- each level's statement again on every call while its custom plans look
-- cheaper than the generic one (measured at SF10: 1.5 ms more of database
-- CPU per page of two words).
CREATE FUNCTION search_levels(words text[], index text[], filter text[], ranked boolean[], cut bigint[],
    hi float8[], per integer, total integer, cap integer,
    doc bigint, topic bigint, after_id bigint, after_rank real)
RETURNS TABLE (level integer, hit_id bigint, hit_rank real, hit_full boolean)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    ranks real[] := '{}'; -- of the hits read
    got integer := 0;
    bar real; -- the per-th best rank read
    h record;
BEGIN
    FOR i IN 1 .. coalesce(cardinality(index), 0) LOOP
        -- 1e-6: ranks are float4, bounds float8 (search.rankEps).
        EXIT WHEN got >= total;
        IF got >= per THEN
            bar := (SELECT r FROM unnest(ranks) r ORDER BY r DESC OFFSET per - 1 LIMIT 1);
            EXIT WHEN bar > hi[i] + 1e-6;
        END IF;
        IF ranked[i] THEN
            FOR h IN
                SELECT r.id, r.rank, r.scanned < cap AS full FROM (
                    SELECT c.id, (SELECT sum(ts_rank(c.v, w::tsquery)::float8) FROM unnest(words) w)::real AS rank, c.scanned
                    FROM (
                        SELECT c.id, c.v, count(*) OVER () AS scanned FROM (
                            SELECT p.id, p.search || ''::tsvector AS v FROM paragraphs p
                            WHERE p.search @@ index[i]::tsquery
                                AND (doc IS NULL OR p.document_id = doc)
                                AND (topic IS NULL OR EXISTS (
                                    SELECT 1 FROM paragraph_topics pt WHERE pt.paragraph_id = p.id AND pt.topic_id = topic))
                            LIMIT cap) c) c
                    WHERE filter[i] = '' OR ts_match_vq(c.v, filter[i]::tsquery)) r
                WHERE after_id IS NULL OR r.rank < after_rank OR (r.rank = after_rank AND r.id > after_id)
                ORDER BY r.rank DESC, r.id LIMIT per
            LOOP
                level := i; hit_id := h.id; hit_rank := h.rank; hit_full := h.full;
                RETURN NEXT;
                got := got + 1;
                ranks := ranks || h.rank;
                EXIT WHEN got >= total;
            END LOOP;
        ELSE
            -- (A LIMIT on the ids lets the planner walk the primary key
            -- instead, testing every paragraph's vector: hence OFFSET 0.)
            FOR h IN
                SELECT c.id, (SELECT sum(ts_rank(c.v, w::tsquery)::float8) FROM unnest(words) w)::real AS rank
                FROM (
                    SELECT p.id FROM paragraphs p
                    WHERE p.search @@ index[i]::tsquery
                        AND (doc IS NULL OR p.document_id = doc)
                        AND (topic IS NULL OR EXISTS (
                            SELECT 1 FROM paragraph_topics pt WHERE pt.paragraph_id = p.id AND pt.topic_id = topic))
                        AND (cut[i] IS NULL OR p.id > cut[i])
                    ORDER BY p.id OFFSET 0) s
                CROSS JOIN LATERAL (SELECT s.id, q.search || ''::tsvector AS v FROM paragraphs q WHERE q.id = s.id) c
                WHERE filter[i] = '' OR ts_match_vq(c.v, filter[i]::tsquery)
                ORDER BY s.id LIMIT per
            LOOP
                level := i; hit_id := h.id; hit_rank := h.rank; hit_full := true;
                RETURN NEXT;
                got := got + 1;
                ranks := ranks || h.rank;
                EXIT WHEN got >= total;
            END LOOP;
        END IF;
    END LOOP;
END $$;
