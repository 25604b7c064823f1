package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// PersistedQueries is an allow-list of operations, keyed by the SHA-256
// of their text as automatic persisted queries (APQ) hash it, so that a
// client may send a hash alone.
type PersistedQueries struct {
	byHash map[string]string
}

// QueryHash returns the hex SHA-256 a persisted query is known by.
func QueryHash(query string) string {
	sum := sha256.Sum256([]byte(query))
	return hex.EncodeToString(sum[:])
}

// LoadPersistedQueries reads an allow-list from paths: .graphql (or .gql)
// files, each one query, byte for byte as clients send it; directories,
// whose .graphql files are read at any depth (the web UI's own queries
// are in internal/webui/src); and .json files mapping hashes to queries
// ({"<sha256>": "query …"}, as GraphQL code generators write them).
func LoadPersistedQueries(paths ...string) (*PersistedQueries, error) {
	pq := &PersistedQueries{byHash: map[string]string{}}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("persisted queries: %w", err)
		}
		if !info.IsDir() {
			if err := pq.addFile(p); err != nil {
				return nil, err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			if !d.IsDir() && isQueryFile(path) {
				return pq.addFile(path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("persisted queries: %w", err)
		}
	}
	if len(pq.byHash) == 0 {
		return nil, fmt.Errorf("persisted queries: no query in %s", strings.Join(paths, ", "))
	}
	return pq, nil
}

func isQueryFile(path string) bool {
	ext := filepath.Ext(path)
	return ext == ".graphql" || ext == ".gql"
}

func (pq *PersistedQueries) addFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("persisted queries: %w", err)
	}
	switch {
	case isQueryFile(path):
		pq.byHash[QueryHash(string(b))] = string(b)
	case filepath.Ext(path) == ".json":
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			return fmt.Errorf("persisted queries: %s: want an object of sha256 hashes to queries: %w", path, err)
		}
		for hash, q := range m {
			if QueryHash(q) != strings.ToLower(hash) {
				return fmt.Errorf("persisted queries: %s: %.16s… is not the SHA-256 of its query", path, hash)
			}
			pq.byHash[QueryHash(q)] = q
		}
	default:
		return fmt.Errorf("persisted queries: %s: want .graphql, .gql or .json", path)
	}
	return nil
}

// Len returns the number of queries.
func (pq *PersistedQueries) Len() int { return len(pq.byHash) }

// Queries returns the queries, in the order of their hashes.
func (pq *PersistedQueries) Queries() []string {
	hashes := make([]string, 0, len(pq.byHash))
	for h := range pq.byHash {
		hashes = append(hashes, h)
	}
	sort.Strings(hashes)
	out := make([]string, len(hashes))
	for i, h := range hashes {
		out[i] = pq.byHash[h]
	}
	return out
}

func init() {
	errcode.RegisterErrorType(codeNotAllowed, errcode.KindProtocol)
}

// persistedExtension fills in the text of a query a client sent by hash
// alone, from the allow-list; with only set, it refuses every query that
// is not on the list.
type persistedExtension struct {
	list *PersistedQueries // may be nil
	only bool
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = persistedExtension{}

func (persistedExtension) ExtensionName() string                   { return "PersistedQueries" }
func (persistedExtension) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator.
func (e persistedExtension) MutateOperationParameters(_ context.Context, raw *graphql.RawParams) *gqlerror.Error {
	var hash string
	if ext, ok := raw.Extensions["persistedQuery"].(map[string]any); ok {
		hash, _ = ext["sha256Hash"].(string)
	}
	var known string
	if e.list != nil {
		known = e.list.byHash[strings.ToLower(hash)]
	}
	if raw.Query == "" && known != "" {
		raw.Query = known
	}
	if !e.only {
		return nil
	}
	if raw.Query == "" {
		err := gqlerror.Errorf("PersistedQueryNotFound")
		errcode.Set(err, "PERSISTED_QUERY_NOT_FOUND")
		return err
	}
	hash = QueryHash(raw.Query)
	if e.list == nil || e.list.byHash[hash] == "" {
		err := gqlerror.Errorf("this server only runs its persisted queries, and this query (sha256 %s) is not one of them", hash)
		errcode.Set(err, codeNotAllowed)
		return err
	}
	return nil
}
