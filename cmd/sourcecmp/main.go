// Command sourcecmp parses, stores and serves source documents for
// comparison. Run `sourcecmp help` for the list of subcommands. The
// benchmark tools are a command of their own, cmd/sourcecmp-bench.
package main

import (
	"context"
	"fmt"
	"io"

	"github.com/sourcecmp/sourcecmp/internal/cli"
)

func main() { cli.Main("sourcecmp", run) }

// commands lists every subcommand; `sourcecmp help` prints them in this order.
func commands() []cli.Command {
	return []cli.Command{
		{Name: "parse", Summary: "parse source files and print them as JSON (no database)", Run: runParse},
		{Name: "annotate", Summary: "store curated stances from annotation files, verifying every quote", Run: runAnnotate},
		{Name: "ingest", Summary: "parse source files and store them in the database", Run: runIngest},
		{Name: "serve", Summary: "serve the GraphQL API (creates, migrates and seeds the database)", Run: runServe},
		{Name: "migrate", Summary: "apply or roll back the database schema migrations", Run: runMigrate},
		{Name: "healthcheck", Summary: "exit 0 when the server on --addr is ready (for container healthchecks)", Run: runHealthcheck},
		{Name: "apikey", Summary: "create, list and revoke the API keys clients authenticate with", Run: runAPIKey},
	}
}

func run(ctx context.Context, args []string, env *cli.Env) error {
	return cli.Dispatch(ctx, args, env, commands(), printUsage)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, "sourcecmp compares sources: it parses documents, stores them in PostgreSQL and serves them over GraphQL.\n\n")
	fmt.Fprint(w, "Usage:\n  sourcecmp <command> [flags] [arguments]\n\nCommands:\n")
	cli.PrintCommands(w, commands())
	fmt.Fprint(w, "\nRun `sourcecmp <command> -h` for a command's flags. Every flag can also be set\n")
	fmt.Fprint(w, "with an environment variable, named in the command's help (flags win).\n")
	fmt.Fprint(w, `
Environment:
  DATABASE_URL          PostgreSQL URL of every command that uses the database
  SOURCECMP_LOG_FORMAT  auto (text on a terminal, JSON otherwise), json or text
  SOURCECMP_LOG_LEVEL   debug, info, warn or error
  OTEL_TRACES_EXPORTER  serve: otlp, console or none; tracing is off unless it
                        or OTEL_EXPORTER_OTLP_ENDPOINT is set (see the README)
`)
}
