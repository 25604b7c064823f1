-- API keys and the audit log of writes. A key is stored only as the SHA-256
-- of its text (internal/auth): a leaked table grants nothing.

CREATE TABLE api_keys (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Who a key is: what the audit log records. Names are never reused, not
    -- even after a revocation, so that the log stays unambiguous.
    name       text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'),
    role       text NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
    key_hash   text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE TABLE audit_log (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The key's name, not a reference: the log outlives the keys it names.
    who     text NOT NULL CHECK (who <> ''),
    -- The operation, as the API names it (createStance, ingestDocument …).
    action  text NOT NULL CHECK (action <> ''),
    -- The global ID or slug of what the operation changed.
    target  text NOT NULL DEFAULT '',
    details jsonb NOT NULL DEFAULT '{}',
    at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_who_idx ON audit_log (who, at DESC);
