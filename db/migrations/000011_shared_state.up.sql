-- State that several `sourcecmp serve` processes on one database must
-- share (serve --shared-state postgres): rate-limit buckets, the position
-- of each client's last write, and automatic persisted queries. Each
-- process is otherwise stateless.

-- One token bucket per client (an API key's name or an IP address) and
-- bucket ("requests", "work"). UNLOGGED: a bucket changes on every
-- request, so it writes no WAL and is not replicated; after a crash the
-- table is empty and every client starts with a full bucket, as after a
-- restart of a single server.
CREATE UNLOGGED TABLE rate_buckets (
    client     text NOT NULL,
    bucket     text NOT NULL,
    tokens     double precision NOT NULL, -- as of at; negative: work done beyond the budget
    at         timestamptz NOT NULL,
    refused_at timestamptz,               -- the last refusal
    full_at    timestamptz NOT NULL,      -- when the bucket will be full again: a full bucket is as good as none
    PRIMARY KEY (client, bucket)
);

-- rate_bucket_lock returns a client's bucket, locked until the end of the
-- transaction, making it full when it is not there. The common case, a
-- bucket that is there, costs a row lock and no new row version.
CREATE FUNCTION rate_bucket_lock(p_client text, p_bucket text, p_burst float8)
RETURNS rate_buckets
LANGUAGE plpgsql AS $$
DECLARE
    b rate_buckets;
BEGIN
    SELECT * INTO b FROM rate_buckets WHERE client = p_client AND bucket = p_bucket FOR UPDATE;
    IF NOT FOUND THEN
        -- Two servers may both find none: one inserts, the other locks its row.
        INSERT INTO rate_buckets AS r (client, bucket, tokens, at, full_at)
        VALUES (p_client, p_bucket, p_burst, now(), now())
        ON CONFLICT (client, bucket) DO UPDATE SET client = r.client
        RETURNING * INTO b;
    END IF;
    RETURN b;
END
$$;

-- rate_take refills each of a client's buckets named (at rates per second
-- up to bursts) and, when one holds at least takes[i] tokens (0: when it
-- is not in debt), takes them. It returns a row per bucket, in order:
-- admitted, the tokens it held after the refill, and whether a refused
-- bucket had been refused within the last second already (a client that
-- does not wait as asked).
CREATE FUNCTION rate_take(p_client text, p_buckets text[], p_rates float8[], p_bursts float8[], p_takes float8[])
RETURNS TABLE (admitted boolean, tokens float8, again boolean)
LANGUAGE plpgsql AS $$
DECLARE
    b rate_buckets;
    held float8;
BEGIN
    FOR i IN 1 .. cardinality(p_buckets) LOOP
        b := rate_bucket_lock(p_client, p_buckets[i], p_bursts[i]);
        held := least(p_bursts[i], b.tokens + extract(epoch FROM now() - b.at) * p_rates[i]);
        admitted := held >= p_takes[i];
        tokens := held;
        again := NOT admitted AND coalesce(b.refused_at > now() - interval '1 second', false);
        IF admitted THEN
            held := held - p_takes[i];
        END IF;
        UPDATE rate_buckets SET
            tokens = held, at = now(),
            refused_at = CASE WHEN admitted THEN b.refused_at ELSE now() END,
            full_at = now() + make_interval(secs => (p_bursts[i] - held) / p_rates[i])
        WHERE client = p_client AND bucket = p_buckets[i];
        RETURN NEXT;
    END LOOP;
END
$$;

-- rate_charge takes amounts[i] tokens from clients[i]'s bucket after the
-- fact, for work measured once done: a bucket may go into debt, down to
-- minus its burst.
CREATE FUNCTION rate_charge(p_clients text[], p_buckets text[], p_rates float8[], p_bursts float8[], p_amounts float8[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    b rate_buckets;
    held float8;
BEGIN
    FOR i IN 1 .. cardinality(p_clients) LOOP
        b := rate_bucket_lock(p_clients[i], p_buckets[i], p_bursts[i]);
        held := least(p_bursts[i], b.tokens + extract(epoch FROM now() - b.at) * p_rates[i]);
        held := greatest(held - p_amounts[i], -p_bursts[i]);
        UPDATE rate_buckets SET
            tokens = held, at = now(),
            full_at = now() + make_interval(secs => (p_bursts[i] - held) / p_rates[i])
        WHERE client = p_clients[i] AND bucket = p_buckets[i];
    END LOOP;
END
$$;

-- The primary's WAL position after each API key's last write, so that
-- the key's reads go to a replica only once it has replayed that far
-- (read your own writes, on whichever server the read lands). UNLOGGED:
-- after a crash the positions are gone, and a read may go to a replica
-- that has not replayed its client's last write before the crash.
CREATE UNLOGGED TABLE write_fences (
    client text PRIMARY KEY,
    lsn    pg_lsn NOT NULL,
    at     timestamptz NOT NULL DEFAULT now()
);

-- Automatic persisted queries registered on any server, found by every
-- other (each keeps the ones it uses in memory too). used_at orders the
-- eviction that keeps the table as small as --apq-cache says.
CREATE TABLE persisted_queries (
    hash    text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
    query   text NOT NULL,
    used_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persisted_queries_used_at ON persisted_queries (used_at);
