-- The topic taxonomy (seeds/topics.yaml), topic scores at every level of a
-- document, and curated stances with their verbatim citations.

CREATE TABLE topics (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug           text NOT NULL UNIQUE CHECK (slug <> ''),
    -- Declaration order in the taxonomy.
    ordinal        int NOT NULL,
    name_ja        text NOT NULL,
    name_en        text,
    description_ja text NOT NULL DEFAULT '',
    description_en text,
    terms          text[] NOT NULL DEFAULT '{}'
);

-- The fingerprint of the taxonomy the stored scores were computed with:
-- when the terms change, every document is scored again.
CREATE TABLE taxonomy_state (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    fingerprint text NOT NULL
);

CREATE TABLE topic_positions (
    topic_id bigint NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    slug     text NOT NULL CHECK (slug <> ''),
    ordinal  int NOT NULL,
    label_ja text NOT NULL,
    label_en text,
    PRIMARY KEY (topic_id, slug)
);

CREATE TABLE paragraph_topics (
    paragraph_id  bigint NOT NULL REFERENCES paragraphs (id) ON DELETE CASCADE,
    topic_id      bigint NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    score         real NOT NULL CHECK (score >= 0 AND score <= 1),
    matched_terms text[] NOT NULL DEFAULT '{}',
    -- Where the terms matched: start, end pairs of code points into the
    -- paragraph's text, for evidence snippets without re-analysing text.
    spans         int[] NOT NULL DEFAULT '{}' CHECK (cardinality(spans) % 2 = 0),
    PRIMARY KEY (paragraph_id, topic_id)
);

CREATE INDEX paragraph_topics_topic_id_score_idx ON paragraph_topics (topic_id, score DESC);

CREATE TABLE section_topics (
    section_id    bigint NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    topic_id      bigint NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    score         real NOT NULL CHECK (score >= 0 AND score <= 1),
    matched_terms text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (section_id, topic_id)
);

CREATE INDEX section_topics_topic_id_score_idx ON section_topics (topic_id, score DESC);

CREATE TABLE document_topics (
    document_id   bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    topic_id      bigint NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    score         real NOT NULL CHECK (score >= 0 AND score <= 1),
    -- Share of the document's text about the topic.
    coverage      real NOT NULL CHECK (coverage >= 0 AND coverage <= 1),
    matched_terms text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (document_id, topic_id)
);

CREATE INDEX document_topics_topic_id_idx ON document_topics (topic_id);

CREATE TABLE stances (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    topic_id    bigint NOT NULL REFERENCES topics (id),
    position    text NOT NULL,
    summary_ja  text NOT NULL,
    summary_en  text,
    -- seed: loaded from seeds/annotations; api: created through a mutation.
    origin      text NOT NULL CHECK (origin IN ('seed', 'api')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (document_id, topic_id),
    FOREIGN KEY (topic_id, position) REFERENCES topic_positions (topic_id, slug)
);

CREATE INDEX stances_topic_id_position_idx ON stances (topic_id, position);

CREATE TABLE citations (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stance_id    bigint NOT NULL REFERENCES stances (id) ON DELETE CASCADE,
    ordinal      int NOT NULL CHECK (ordinal >= 0),
    quote        text NOT NULL,
    prefix       text NOT NULL DEFAULT '',
    suffix       text NOT NULL DEFAULT '',
    -- Code points into documents.body; NULL once a changed text lost the quote.
    start_offset int,
    end_offset   int,
    -- SET NULL: re-ingesting a document replaces its paragraphs, and the
    -- citation survives to be re-anchored.
    paragraph_id bigint REFERENCES paragraphs (id) ON DELETE SET NULL,
    anchored     boolean NOT NULL,
    CHECK (anchored = (start_offset IS NOT NULL)),
    CHECK ((start_offset IS NULL) = (end_offset IS NULL)),
    CHECK (start_offset >= 0 AND end_offset >= start_offset),
    UNIQUE (stance_id, ordinal)
);

CREATE INDEX citations_paragraph_id_idx ON citations (paragraph_id);
