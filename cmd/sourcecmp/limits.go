package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/app"
	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/server"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// policyFlags adds the flags that say what a request may do and cost, and
// returns the function that reads them, once parsed, into the server's
// policy and the store's connection options.
func policyFlags(env *cli.Env, fs *flag.FlagSet) func() (server.Policy, store.Options, error) {
	d := server.DefaultPolicy()
	e := cli.NewEnvFlags(env, fs)
	requireKey := e.Bool("require-key", "SOURCECMP_REQUIRE_KEY", false,
		"refuse GraphQL requests without an API key (Authorization: Bearer KEY); writes always need one")
	depth := e.Int("max-depth", "SOURCECMP_MAX_DEPTH", d.Limits.MaxDepth, "deepest nesting of selections a query may have; 0: no limit")
	complexity := e.Int("max-complexity", "SOURCECMP_MAX_COMPLEXITY", d.Limits.MaxComplexity,
		"highest cost a query may have (each list counts the most items it can hold, its page size or the longest such list in the data, times its items); 0: no limit")
	tokens := e.Int("max-tokens", "SOURCECMP_MAX_TOKENS", d.Limits.MaxTokens, "most tokens (names, punctuation, values) a query's text may have, counted before it is parsed; 0: no limit")
	directives := e.Int("max-directives", "SOURCECMP_MAX_DIRECTIVES", d.Limits.MaxDirectives, "most directives a query may have; 0: no limit")
	response := e.Int("max-response", "SOURCECMP_MAX_RESPONSE", d.MaxResponseBytes,
		"largest GraphQL response, in bytes: a response may hold 1 MiB, or four times the largest document, up to this; 0: no limit")
	maxErrors := e.Int("max-errors", "SOURCECMP_MAX_ERRORS", d.MaxErrors, "most errors a response lists; 0: no limit")
	fields := e.Int("max-fields", "SOURCECMP_MAX_FIELDS", d.Limits.MaxFields, "most fields a query may select, fragments expanded; 0: no limit")
	aliases := e.Int("max-aliases", "SOURCECMP_MAX_ALIASES", d.Limits.MaxAliases, "most aliased fields a query may have; 0: no limit")
	introspection := e.Bool("introspection", "SOURCECMP_INTROSPECTION", true, "answer introspection queries (__schema, __type), which GraphiQL needs")
	body := e.Int("max-body", "SOURCECMP_MAX_BODY", int(d.MaxBodyBytes), "largest request body, in bytes")
	upload := e.Int("max-upload", "SOURCECMP_MAX_UPLOAD", int(d.MaxUploadBytes), "largest body of an ingestDocument request (a PDF in base64 or a multipart upload), in bytes")
	query := e.Int("max-query", "SOURCECMP_MAX_QUERY", d.MaxQueryBytes, "longest query text, in bytes")
	requestTimeout := e.Duration("request-timeout", "SOURCECMP_REQUEST_TIMEOUT", d.RequestTimeout, "deadline of every request")
	statementTimeout := e.Duration("statement-timeout", "SOURCECMP_STATEMENT_TIMEOUT", 5*time.Second,
		"PostgreSQL statement_timeout of every connection: the database cancels longer statements")
	rate := e.Float("rate-limit", "SOURCECMP_RATE_LIMIT", d.RateLimit, "requests per second each API key, or each client IP without a key, may make; 0: no limit")
	burst := e.Int("rate-burst", "SOURCECMP_RATE_BURST", d.RateBurst, "requests a client may make at once before the rate limit applies")
	costRate := e.Float("cost-rate", "SOURCECMP_COST_RATE", d.CostRate,
		"work per second (a unit per field resolved or KiB answered, 20 per error, 16 per search character) each API key, or each client IP without a key, may have the server do; 0: no limit")
	costBurst := e.Int("cost-burst", "SOURCECMP_COST_BURST", d.CostBurst, "work a client may have done at once before the cost rate applies")
	apq := e.Int("apq-cache", "SOURCECMP_APQ_CACHE", d.APQCacheSize, "automatic persisted queries remembered (APQ); 0 turns APQ off")
	persisted := e.String("persisted-queries", "SOURCECMP_PERSISTED_QUERIES", "",
		"comma-separated .graphql files, directories of them or .json hash→query maps: queries clients may send by hash")
	only := e.Bool("persisted-only", "SOURCECMP_PERSISTED_ONLY", false, "run only the queries of --persisted-queries")
	cors := e.String("cors-origins", "SOURCECMP_CORS_ORIGINS", "",
		`comma-separated origins whose pages may call the API, as https://example.org, or "*" for any`)
	return func() (server.Policy, store.Options, error) {
		if err := e.Err(); err != nil {
			return server.Policy{}, store.Options{}, err
		}
		p := d
		p.RequireKey = *requireKey
		p.Limits.MaxDepth, p.Limits.MaxComplexity, p.Limits.MaxFields, p.Limits.MaxAliases = *depth, *complexity, *fields, *aliases
		p.Limits.MaxTokens, p.Limits.MaxDirectives = *tokens, *directives
		p.MaxResponseBytes, p.MaxErrors = *response, *maxErrors
		p.Limits.NoIntrospection = !*introspection
		p.MaxBodyBytes, p.MaxQueryBytes, p.MaxUploadBytes = int64(*body), *query, int64(*upload)
		p.RequestTimeout = *requestTimeout
		p.RateLimit, p.RateBurst = *rate, *burst
		p.CostRate, p.CostBurst = *costRate, *costBurst
		p.APQCacheSize = *apq
		p.PersistedOnly = *only
		p.CORSOrigins = splitList(*cors)
		for _, o := range p.CORSOrigins {
			if o != "*" && !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") {
				return p, store.Options{}, fmt.Errorf("--cors-origins: %q is not an origin (scheme://host[:port]): %w", o, cli.ErrUsage)
			}
		}
		if paths := splitList(*persisted); len(paths) > 0 {
			list, err := server.LoadPersistedQueries(paths...)
			if err != nil {
				return p, store.Options{}, err
			}
			p.Persisted = list
		} else if p.PersistedOnly {
			return p, store.Options{}, fmt.Errorf("--persisted-only needs --persisted-queries: %w", cli.ErrUsage)
		}
		for name, v := range map[string]int64{"max-body": p.MaxBodyBytes, "max-query": int64(p.MaxQueryBytes), "max-upload": p.MaxUploadBytes} {
			if v <= 0 {
				return p, store.Options{}, fmt.Errorf("--%s must be positive: %w", name, cli.ErrUsage)
			}
		}
		if p.RequestTimeout <= 0 || *statementTimeout <= 0 {
			return p, store.Options{}, fmt.Errorf("--request-timeout and --statement-timeout must be positive: %w", cli.ErrUsage)
		}
		opts := store.Options{StatementTimeout: *statementTimeout, IdleInTransactionTimeout: app.IdleInTransactionTimeout, ConnectTimeout: app.ConnectTimeout}
		return p, opts, nil
	}
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
