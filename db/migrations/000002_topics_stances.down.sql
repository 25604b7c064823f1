DROP TABLE citations;
DROP TABLE stances;
DROP TABLE document_topics;
DROP TABLE section_topics;
DROP TABLE paragraph_topics;
DROP TABLE topic_positions;
DROP TABLE taxonomy_state;
DROP TABLE topics;
