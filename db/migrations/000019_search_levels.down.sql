DROP FUNCTION search_levels(text[], text[], text[], boolean[], bigint[], float8[], integer, integer, integer, bigint, bigint, bigint, real);
