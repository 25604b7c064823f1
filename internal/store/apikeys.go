package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// APIKey is a stored API key: its name and role, never its text (only
// the text's hash is stored; see internal/auth).
type APIKey struct {
	ID        int64
	Name      string
	Role      string // reader, editor or admin
	CreatedAt time.Time
	RevokedAt *time.Time // nil while the key is valid
}

// Revoked reports whether the key has been revoked.
func (k *APIKey) Revoked() bool { return k.RevokedAt != nil }

// keyName is what the api_keys.name check accepts: names end up in logs
// and in the audit log, so they are plain tokens.
var keyName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$`)

const apiKeyColumns = `id, name, role, created_at, revoked_at`

func apiKeyFields(k *APIKey) []any {
	return []any{&k.ID, &k.Name, &k.Role, &k.CreatedAt, &k.RevokedAt}
}

// apiKeyCreate stores a new key under a name no key ever had.
const apiKeyCreate = `INSERT INTO api_keys (name, role, key_hash) VALUES ($1, $2, $3)
RETURNING ` + apiKeyColumns

// APIKeyCreate stores a key's name, role and hash. A name that is taken,
// even by a revoked key, is a CONFLICT: the audit log identifies keys by
// name.
func (s *Store) APIKeyCreate(ctx context.Context, name, role, hash string) (*APIKey, error) {
	if !keyName.MatchString(name) {
		return nil, Errorf(EInvalid, "invalid key name %q: use 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit", name)
	}
	switch role {
	case "reader", "editor", "admin":
	default:
		return nil, Errorf(EInvalid, "invalid role %q: want reader, editor or admin", role)
	}
	var k APIKey
	err := s.pool.QueryRow(ctx, apiKeyCreate, name, role, hash).Scan(apiKeyFields(&k)...)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" { // unique_violation
		if pgErr.ConstraintName == "api_keys_name_key" {
			return nil, Errorf(EConflict, "a key named %q exists already (names are never reused, even after a revocation)", name)
		}
		return nil, Errorf(EConflict, "a key with the same text exists already")
	}
	if err != nil {
		return nil, fmt.Errorf("create api key %s: %w", name, err)
	}
	return &k, nil
}

// apiKeyList lists every key, revoked ones included, by name.
const apiKeyList = `SELECT ` + apiKeyColumns + ` FROM api_keys ORDER BY name`

// APIKeyList returns every key by name.
func (s *Store) APIKeyList(ctx context.Context) ([]*APIKey, error) {
	keys, err := collect(ctx, s.pool, apiKeyList, apiKeyFields)
	if err != nil {
		return nil, fmt.Errorf("list api keys: %w", err)
	}
	return keys, nil
}

// apiKeyRevoke marks a key revoked, once: revoking it again keeps the
// first revocation time.
const apiKeyRevoke = `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE name = $1
RETURNING ` + apiKeyColumns

// APIKeyRevoke revokes the key called name; from then on requests that
// carry it are refused. Revoking a revoked key changes nothing.
func (s *Store) APIKeyRevoke(ctx context.Context, name string) (*APIKey, error) {
	var k APIKey
	err := s.pool.QueryRow(ctx, apiKeyRevoke, name).Scan(apiKeyFields(&k)...)
	if err != nil {
		return nil, fmt.Errorf("revoke api key: %w", notFound(err, "api key", fmt.Sprintf("%q", name)))
	}
	return &k, nil
}

// apiKeyGetByHash finds the key whose text hashes to hash.
const apiKeyGetByHash = `SELECT ` + apiKeyColumns + ` FROM api_keys WHERE key_hash = $1`

// APIKeyGetByHash returns the key with the hash, revoked or not, or a
// NOT_FOUND error.
func (s *Store) APIKeyGetByHash(ctx context.Context, hash string) (*APIKey, error) {
	var k APIKey
	err := s.pool.QueryRow(ctx, apiKeyGetByHash, hash).Scan(apiKeyFields(&k)...)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, Errorf(ENotFound, "no such api key")
	}
	if err != nil {
		return nil, fmt.Errorf("find api key: %w", err)
	}
	return &k, nil
}
