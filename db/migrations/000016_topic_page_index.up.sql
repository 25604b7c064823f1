-- A topic's documents are read most relevant first, a page at a time
-- (documentListByTopic: LATERAL … ORDER BY score DESC, document_id LIMIT):
-- this index hands them over in that order. It serves every lookup by
-- topic_id the old index did.
CREATE INDEX document_topics_topic_id_score_idx ON document_topics (topic_id, score DESC, document_id);
DROP INDEX document_topics_topic_id_idx;

-- No query reads section scores by topic (they are read by section id,
-- through the primary key), nor the audit log by who: the indexes only
-- slowed every ingest and every audited write.
DROP INDEX section_topics_topic_id_score_idx;
DROP INDEX audit_log_who_idx;
