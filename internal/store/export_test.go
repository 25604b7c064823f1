package store

import "context"

// SearchCountPlanJSON is the plan SearchCount runs with (EXPLAIN FORMAT
// JSON), read the way SearchCount reads its count.
func (s *Store) SearchCountPlanJSON(ctx context.Context, p SearchParams, limit int) (string, error) {
	var plan string
	err := s.searchCount(ctx, "EXPLAIN (FORMAT JSON) "+SearchCount, p, "", limit, &plan)
	return plan, err
}
