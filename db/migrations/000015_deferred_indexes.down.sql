-- Refused while a bulk load's dropped indexes wait to be built: their
-- definitions would be lost with the table.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM deferred_indexes) THEN
        RAISE EXCEPTION 'indexes dropped by a bulk load are not built again yet (deferred_indexes): start sourcecmp once to build them';
    END IF;
END $$;
DROP TABLE deferred_indexes;
