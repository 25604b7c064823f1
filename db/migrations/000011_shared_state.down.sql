DROP TABLE persisted_queries;
DROP TABLE write_fences;
DROP FUNCTION rate_charge(text[], text[], float8[], float8[], float8[]);
DROP FUNCTION rate_take(text, text[], float8[], float8[], float8[]);
DROP FUNCTION rate_bucket_lock(text, text, float8);
DROP TABLE rate_buckets;
