-- Each paragraph's vector also names, for every word it holds twice or
-- more, the bucket of that count: word || chr(31) || floor, without
-- positions (internal/search.withTiers, which ingest writes from now on;
-- the floors here are its tierFloors). Search walks these tiers to rank a
-- bounded number of paragraphs per page. The GIN index is rebuilt after
-- the rewrite rather than updated row by row.
DROP INDEX paragraphs_search_idx;
UPDATE paragraphs p SET search = p.search || t.tiers
FROM (
    SELECT q.id, array_to_tsvector(array_agg(u.lexeme || chr(31) || (
        SELECT max(f) FROM unnest('{2,3,4,5,6,8,10,12,16,24,32,64,128}'::int[]) f
        WHERE f <= cardinality(u.positions)))) AS tiers
    FROM paragraphs q, unnest(q.search) u
    WHERE cardinality(u.positions) >= 2 AND strpos(u.lexeme, chr(31)) = 0
    GROUP BY q.id
) t
WHERE p.id = t.id;
CREATE INDEX paragraphs_search_idx ON paragraphs USING gin (search);
ANALYZE paragraphs;
