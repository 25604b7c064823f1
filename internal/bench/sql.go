package bench

import "github.com/sourcecmp/sourcecmp/internal/store"

// The lower bound: each shape's data in one statement that builds the
// whole answer as JSON in PostgreSQL, so that one round trip and no
// application code stand between the client and the rows. The keys are
// those of the canonical forms (canonical.go), so that the answers can be
// compared with the servers'.

// HeadlineSQL: $1 topic id, $2 page size.
const HeadlineSQL = `SELECT coalesce(json_agg(json_build_object(
	'id', a.id, 'name', a.name, 'affiliation', a.affiliation,
	'stance', (
		SELECT json_build_object('document_id', st.document_id, 'position', st.position, 'summary', st.summary_ja,
			'citations', (
				SELECT coalesce(json_agg(json_build_object(
					'quote', c.quote, 'start', c.start_offset, 'end', c.end_offset,
					'paragraph_id', p.id, 'ordinal', p.ordinal, 'text', p.text,
					'section_id', s.id, 'heading', s.heading,
					'document_id', d.id, 'title', d.title, 'published_on', d.published_on,
					'footnotes', (
						SELECT coalesce(json_agg(json_build_object('id', f.id, 'label', f.label, 'body', f.body) ORDER BY f.ordinal), '[]')
						FROM footnotes f
						WHERE f.id IN (SELECT r.footnote_id FROM footnote_refs r
							WHERE r.paragraph_id = p.id
								AND p.start_offset + r."offset" > c.start_offset
								AND p.start_offset + r."offset" <= c.end_offset))
				) ORDER BY c.ordinal), '[]')
				FROM citations c
				LEFT JOIN paragraphs p ON p.id = c.paragraph_id
				LEFT JOIN sections s ON s.id = p.section_id
				WHERE c.stance_id = st.id))
		FROM document_authors da
		JOIN stances st ON st.document_id = da.document_id AND st.topic_id = $1
		JOIN documents d ON d.id = da.document_id
		WHERE da.author_id = a.id
		ORDER BY d.published_on DESC NULLS LAST, d.slug
		LIMIT 1)
) ORDER BY a.name, a.id), '[]')
FROM (SELECT id, name, affiliation FROM authors ORDER BY name, id LIMIT $2) a`

// CompareSQL: $1 topic id, $2 page size, $3 passages per document.
const CompareSQL = `SELECT json_build_object(
	'total', (SELECT count(*) FROM documents),
	'rows', (SELECT coalesce(json_agg(json_build_object(
		'document_id', d.id, 'title', d.title, 'published_on', d.published_on,
		'authors', (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY da.position), '[]')
			FROM document_authors da JOIN authors a ON a.id = da.author_id WHERE da.document_id = d.id),
		'stance', (SELECT json_build_object('position', st.position, 'summary', st.summary_ja)
			FROM stances st WHERE st.document_id = d.id AND st.topic_id = $1),
		'coverage', coalesce((SELECT dt.coverage FROM document_topics dt WHERE dt.document_id = d.id AND dt.topic_id = $1), 0),
		'evidence', (SELECT coalesce(json_agg(json_build_object('paragraph_id', e.id, 'score', e.score, 'spans', e.spans,
				'ordinal', e.ordinal, 'text', e.text) ORDER BY e.score DESC, e.ordinal), '[]')
			FROM (SELECT p.id, p.ordinal, p.text, pt.score, pt.spans
				FROM paragraphs p JOIN paragraph_topics pt ON pt.paragraph_id = p.id AND pt.topic_id = $1
				WHERE p.document_id = d.id AND cardinality(pt.spans) > 0
				ORDER BY pt.score DESC, p.ordinal LIMIT $3) e)
	) ORDER BY d.published_on DESC NULLS LAST, d.slug), '[]')
	FROM (SELECT id, title, published_on, slug FROM documents ORDER BY published_on DESC NULLS LAST, slug LIMIT $2) d))`

// ReaderSQL: $1 document slug.
const ReaderSQL = `SELECT json_build_object('document_id', d.id, 'title', d.title, 'published_on', d.published_on,
	'authors', (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY da.position), '[]')
		FROM document_authors da JOIN authors a ON a.id = da.author_id WHERE da.document_id = d.id),
	'sections', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'ordinal', s.ordinal, 'heading', s.heading, 'level', s.level,
		'paragraphs', (SELECT coalesce(json_agg(json_build_object('id', p.id, 'ordinal', p.ordinal, 'text', p.text,
			'refs', (SELECT coalesce(json_agg(json_build_object('label', f.label, 'offset', r."offset", 'footnote_id', r.footnote_id) ORDER BY r.ordinal), '[]')
				FROM footnote_refs r JOIN footnotes f ON f.id = r.footnote_id WHERE r.paragraph_id = p.id)
		) ORDER BY p.ordinal), '[]') FROM paragraphs p WHERE p.section_id = s.id)
	) ORDER BY s.ordinal), '[]') FROM sections s WHERE s.document_id = d.id),
	'footnotes', (SELECT coalesce(json_agg(json_build_object('id', f.id, 'label', f.label, 'body', f.body, 'urls', f.urls) ORDER BY f.ordinal), '[]')
		FROM footnotes f WHERE f.document_id = d.id))
FROM documents d WHERE d.slug = $1`

// SearchSQL: $1 tsquery (internal/search.Query), $2 page size, $3 a
// topic id or NULL, $4 the words' tsqueries (search.Plan.RankWords). It
// is the exhaustive reference rather than a bound: it ranks every match
// by the sum of its words' ts_rank (store.SearchRank; for one word,
// ts_rank of the query, as sourcecmp's search did before its tiers), as
// sourcecmp's results must agree with, and counts every match.
var SearchSQL = `WITH h AS MATERIALIZED (
	SELECT p.id, ` + store.SearchRank("p.search", "$4") + ` AS rank FROM paragraphs p WHERE p.search @@ $1::tsquery
	AND ($3::bigint IS NULL OR EXISTS (
		SELECT 1 FROM paragraph_topics pt WHERE pt.paragraph_id = p.id AND pt.topic_id = $3)))
SELECT json_build_object(
	'total', (SELECT count(*) FROM h),
	'hits', (SELECT coalesce(json_agg(json_build_object('paragraph_id', p.id, 'score', t.rank, 'ordinal', p.ordinal,
			'text', p.text, 'document_id', d.id, 'title', d.title) ORDER BY t.rank DESC, t.id), '[]')
		FROM (SELECT id, rank FROM h ORDER BY rank DESC, id LIMIT $2) t
		JOIN paragraphs p ON p.id = t.id JOIN documents d ON d.id = p.document_id))`
