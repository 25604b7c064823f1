// Command sourcecmp parses, stores and serves source documents for
// comparison. Run `sourcecmp help` for the list of subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	if err := run(ctx, os.Args[1:], env); err != nil {
		if !errors.Is(err, errSilentFailure) {
			fmt.Fprintln(os.Stderr, "sourcecmp:", err)
		}
		os.Exit(exitCode(err))
	}
}

// Env is what a subcommand may touch of the outside world; tests pass their
// own.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// command is one subcommand. Run receives the arguments after its name.
type command struct {
	Name    string
	Summary string
	Run     func(ctx context.Context, env *Env, args []string) error
}

// commands lists every subcommand; `sourcecmp help` prints them in this order.
func commands() []command {
	return []command{
		{"parse", "parse source files and print them as JSON (no database)", runParse},
		{"annotate", "store curated stances from annotation files, verifying every quote", runAnnotate},
		{"ingest", "parse source files and store them in the database", runIngest},
		{"serve", "serve the GraphQL API (creates, migrates and seeds the database)", runServe},
		{"migrate", "apply or roll back the database schema migrations", runMigrate},
		{"healthcheck", "exit 0 when the server on --addr is ready (for container healthchecks)", runHealthcheck},
		{"apikey", "create, list and revoke the API keys clients authenticate with", runAPIKey},
		{"loadtest", "drive a server with a mix of real queries and report throughput, latency and memory", runLoadtest},
		{"synth", "generate a synthetic corpus at a scale factor and store it (for benchmarks)", runSynth},
		{"bench", "measure sourcecmp against PostGraphile and the SQL lower bound on a synthetic corpus", runBench},
	}
}

// errUsage marks an error caused by bad arguments: exit status 2.
var errUsage = errors.New("usage")

// errSilentFailure is returned by commands that already reported their
// failures on stderr and only need a non-zero exit.
var errSilentFailure = errors.New("failed")

func exitCode(err error) int {
	if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

func run(ctx context.Context, args []string, env *Env) error {
	if len(args) == 0 {
		printUsage(env.Stderr)
		return errUsage
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(args) > 1 {
			return run(ctx, []string{args[1], "-h"}, env)
		}
		printUsage(env.Stdout)
		return nil
	}
	for _, c := range commands() {
		if c.Name == name {
			err := c.Run(ctx, env, args[1:])
			if errors.Is(err, flag.ErrHelp) {
				return nil
			}
			return err
		}
	}
	printUsage(env.Stderr)
	return fmt.Errorf("unknown command %q: %w", name, errUsage)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, "sourcecmp compares sources: it parses documents, stores them in PostgreSQL and serves them over GraphQL.\n\n")
	fmt.Fprint(w, "Usage:\n  sourcecmp <command> [flags] [arguments]\n\nCommands:\n")
	cmds := commands()
	width := 0
	for _, c := range cmds {
		width = max(width, len(c.Name))
	}
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.Name, c.Summary)
	}
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

// newFlagSet returns a flag set whose usage text lists each flag with the
// environment variable that sets its default.
func newFlagSet(env *Env, name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: sourcecmp %s %s\n\n%s\n", name, synopsis, strings.TrimSpace(description))
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if len(names) == 0 {
			return
		}
		sort.Strings(names)
		fmt.Fprint(w, "\nFlags:\n")
		fs.VisitAll(func(f *flag.Flag) {
			def := ""
			if f.DefValue != "" && f.DefValue != "false" {
				def = fmt.Sprintf(" (default %q)", f.DefValue)
			}
			kind, usage := flag.UnquoteUsage(f)
			if kind != "" {
				kind = " " + kind
			}
			fmt.Fprintf(w, "  --%s%s\n      %s%s\n", f.Name, kind, usage, def)
		})
	}
	return fs
}

// envDefault returns the environment variable's value, or def when unset.
// Flags use it for their defaults so that `--help` shows the effective value.
func envDefault(env *Env, key, def string) string {
	if v := env.Getenv(key); v != "" {
		return v
	}
	return def
}
