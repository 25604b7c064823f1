// Package scaletest runs sourcecmp as it runs at scale, on this machine:
// a PostgreSQL primary and a streaming replica (clusters of their own,
// made with pg_createcluster and pg_basebackup and removed after),
// PgBouncer in transaction mode in front of both, and two `sourcecmp
// serve` processes sharing their state in the primary. Its test
// measures them under load, kills one, stops the replica, and checks
// that a client's rate limit and its own writes hold across both
// servers (docs/scale.md has the figures).
package scaletest
