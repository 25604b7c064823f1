# The README's two commands: `make serve` runs the server, `make test` runs
# every test (installing PostgreSQL, Chromium and the web UI's npm packages
# first when the machine lacks them: see .ci/setup).
.PHONY: serve test generate

# Without DATABASE_URL the server uses the local PostgreSQL, which setup
# installs and starts when needed.
serve:
	@[ -n "$$DATABASE_URL" ] || ./.ci/setup postgres
	go run ./cmd/sourcecmp serve

test:
	./.ci/setup
	SOURCECMP_ARTIFACTS=$(CURDIR)/artifacts go test ./...

# Regenerate the GraphQL executor and the web UI bundle after changing
# graph/*.graphqls or internal/webui/src.
generate:
	go generate ./graph ./internal/webui
