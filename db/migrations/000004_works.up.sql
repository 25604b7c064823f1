-- Works: the books, articles and pages that footnotes cite, recognised as
-- one work however many footnotes, in however many documents, cite it
-- (internal/biblio: Extract, Key). A work's row is what its citations
-- state about it; the pages each footnote cites belong to the link.

CREATE TABLE works (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- biblio.Reference.Key: folded title, date and container, or the URL.
    key         text NOT NULL UNIQUE CHECK (key <> ''),
    -- A CSL item type: book, chapter, article-journal, webpage …
    type        text NOT NULL,
    -- Empty for a web page known only by its URL.
    title       text NOT NULL DEFAULT '',
    authors     text[] NOT NULL DEFAULT '{}',
    translators text[] NOT NULL DEFAULT '{}',
    editors     text[] NOT NULL DEFAULT '{}',
    container   text,
    publisher   text,
    place       text,
    year        int,
    -- YYYY, YYYY-MM or YYYY-MM-DD, as precise as the fullest citation.
    issued      text,
    volume      text,
    issue       text,
    url         text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Which footnote cites which work. Re-ingesting a document replaces its
-- footnotes, and the cascade takes their links with them.
CREATE TABLE footnote_works (
    footnote_id bigint NOT NULL REFERENCES footnotes (id) ON DELETE CASCADE,
    work_id     bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    -- Order of the work's first reference in the footnote, from 0.
    ordinal     int NOT NULL CHECK (ordinal >= 0),
    -- The pages this footnote cites ("175~177", "pp.170-171"); NULL when it names none.
    pages       text,
    PRIMARY KEY (footnote_id, work_id),
    UNIQUE (footnote_id, ordinal)
);

CREATE INDEX footnote_works_work_id_idx ON footnote_works (work_id);
