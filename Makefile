# The README's two commands: `make serve` runs the server, `make test` runs
# every test (installing PostgreSQL, Chromium and the web UI's npm packages
# first when the machine lacks them: see .ci/setup).
.PHONY: serve test generate bench

# Without DATABASE_URL the server uses the local PostgreSQL, which setup
# installs and starts when needed.
serve:
	@[ -n "$$DATABASE_URL" ] || ./.ci/setup postgres
	go run ./cmd/sourcecmp serve

# A package's tests may take longer than go test's default 10 minutes on a
# loaded two-core machine; the bound still stops a hung test. go test
# starts packages in the order named: the two longest first, so that the
# short ones run beside them instead of after them.
test:
	./.ci/setup
	SOURCECMP_ARTIFACTS=$(CURDIR)/artifacts go test -timeout 30m ./internal/scaletest ./internal/server ./...

# Regenerate the GraphQL executor and the web UI bundle after changing
# graph/*.graphqls or internal/webui/src.
generate:
	go generate ./graph ./internal/webui

# The benchmark of BENCHMARKS.md: installs PostGraphile (locked, with its
# Node 22) next to the bench code, loads a synthetic corpus of SF × 1000
# documents into database sourcecmp_bench_sfSF when it is empty, and
# measures sourcecmp, PostGraphile and hand-written SQL side by side. The
# server measured is the product binary, built into bin/ with the bench.
SF ?= 10
bench:
	@[ -n "$$DATABASE_URL" ] || ./.ci/setup postgres
	cd internal/bench/postgraphile && npm ci --no-audit --no-fund --loglevel=error
	go build -o bin/ ./cmd/sourcecmp ./cmd/sourcecmp-bench
	bin/sourcecmp-bench bench --sourcecmp bin/sourcecmp --sf $(SF) --out bench-sf$(SF).md
