DROP FUNCTION search_tiers(text, text[], text, integer, boolean, bigint, bigint, bigint, real);
