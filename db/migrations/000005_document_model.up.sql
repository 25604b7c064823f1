-- One document model for text, PDF and HTML sources: what the source was,
-- the kind of page its text came from, a publication time when the source
-- states one, what the parser could not find, and caption credits. A
-- document whose title could not be found is stored without one.

ALTER TABLE documents
    ALTER COLUMN title DROP NOT NULL,
    ADD COLUMN format       text NOT NULL DEFAULT 'text' CHECK (format IN ('text', 'pdf', 'html')),
    ADD COLUMN extraction   text CHECK (extraction IN ('pdf', 'web')),
    ADD COLUMN published_at timestamptz,
    ADD COLUMN warnings     text[] NOT NULL DEFAULT '{}';

-- The photographer or agency credited, split off the caption's text.
ALTER TABLE captions ADD COLUMN credit text;
