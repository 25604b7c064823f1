CREATE INDEX audit_log_who_idx ON audit_log (who, at DESC);
CREATE INDEX section_topics_topic_id_score_idx ON section_topics (topic_id, score DESC);
CREATE INDEX document_topics_topic_id_idx ON document_topics (topic_id);
DROP INDEX document_topics_topic_id_score_idx;
