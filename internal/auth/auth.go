// Package auth holds API keys and roles: who may read, curate and ingest.
// Keys are random; only their SHA-256 hash is stored, which suffices for
// secrets of 256 bits (a slow password hash protects guessable secrets).
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Role is what a key may do; each role includes the ones below it.
type Role int

// Roles, weakest first.
const (
	Anonymous Role = iota
	Reader
	Editor
	Admin
)

func (r Role) String() string {
	switch r {
	case Reader:
		return "reader"
	case Editor:
		return "editor"
	case Admin:
		return "admin"
	}
	return "anonymous"
}

// ParseRole reads a role name as the CLI and the database write it.
func ParseRole(s string) (Role, error) {
	switch strings.ToLower(s) {
	case "reader":
		return Reader, nil
	case "editor":
		return Editor, nil
	case "admin":
		return Admin, nil
	}
	return Anonymous, fmt.Errorf("unknown role %q (want reader, editor or admin)", s)
}

// KeyPrefix starts every key, so that leaked keys are easy to recognise
// (secret scanners) and a key is never mistaken for another credential.
const KeyPrefix = "sck_"

// NewKey returns a new random key and the hash to store.
func NewKey() (key, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("generate key: %w", err)
	}
	key = KeyPrefix + base64.RawURLEncoding.EncodeToString(b)
	return key, HashKey(key), nil
}

// HashKey returns the stored form of a key.
func HashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// ErrMalformed is a malformed Authorization header: refused, never
// treated as anonymous.
var ErrMalformed = errors.New("malformed Authorization header: want \"Bearer <key>\"")

// BearerToken returns the key a request carries. present is false when
// the request has no Authorization header at all.
func BearerToken(r *http.Request) (key string, present bool, err error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", false, nil
	}
	scheme, token, ok := strings.Cut(h, " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" || strings.ContainsAny(token, " \t") {
		return "", true, ErrMalformed
	}
	return token, true, nil
}

// Principal is who makes a request: a named key with a role, or nobody.
type Principal struct {
	KeyName string // empty for anonymous requests
	Role    Role
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the request's principal; anonymous when none is set.
func FromContext(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}

// Errors for refused operations; the GraphQL layer maps them to the codes
// UNAUTHENTICATED and FORBIDDEN.
var (
	ErrUnauthenticated = errors.New("this operation needs an API key (Authorization: Bearer <key>)")
	ErrForbidden       = errors.New("this API key's role does not allow this operation")
)

// Require checks that the request's principal has at least role.
func Require(ctx context.Context, role Role) error {
	p := FromContext(ctx)
	switch {
	case p.Role >= role:
		return nil
	case p.Role == Anonymous:
		return fmt.Errorf("%w: it needs the %s role", ErrUnauthenticated, role)
	}
	return fmt.Errorf("%w: it needs the %s role, key %q has %s", ErrForbidden, role, p.KeyName, p.Role)
}
