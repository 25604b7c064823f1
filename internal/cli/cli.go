// Package cli is the plumbing the project's commands share: the
// environment a subcommand may touch, dispatch by subcommand name, flag
// sets whose defaults environment variables set, loggers and exit codes.
// What the commands do is in internal/app and the packages it calls.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/app"
	"github.com/sourcecmp/sourcecmp/internal/obs"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Env is what a subcommand may touch of the outside world; tests pass their
// own. Program names the command in usage texts ("sourcecmp" when empty).
type Env struct {
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer
	Getenv  func(string) string
	Program string
}

func (env *Env) program() string {
	if env.Program == "" {
		return "sourcecmp"
	}
	return env.Program
}

// Command is one subcommand. Run receives the arguments after its name.
type Command struct {
	Name    string
	Summary string
	Run     func(ctx context.Context, env *Env, args []string) error
}

// ErrUsage marks an error caused by bad arguments: exit status 2.
var ErrUsage = errors.New("usage")

// ErrSilentFailure is returned by commands that already reported their
// failures on stderr and only need a non-zero exit.
var ErrSilentFailure = errors.New("failed")

// ExitCode is the exit status for a command's error.
func ExitCode(err error) int {
	if errors.Is(err, ErrUsage) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

// Dispatch runs the subcommand args[0] names with the rest of args;
// "help" (or -h) prints usage, or a command's flags with a name.
func Dispatch(ctx context.Context, args []string, env *Env, cmds []Command, usage func(io.Writer)) error {
	if len(args) == 0 {
		usage(env.Stderr)
		return ErrUsage
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(args) > 1 {
			return Dispatch(ctx, []string{args[1], "-h"}, env, cmds, usage)
		}
		usage(env.Stdout)
		return nil
	}
	for _, c := range cmds {
		if c.Name == name {
			err := c.Run(ctx, env, args[1:])
			if errors.Is(err, flag.ErrHelp) {
				return nil
			}
			return err
		}
	}
	usage(env.Stderr)
	return fmt.Errorf("unknown command %q: %w", name, ErrUsage)
}

// PrintCommands lists the commands with their summaries, aligned.
func PrintCommands(w io.Writer, cmds []Command) {
	width := 0
	for _, c := range cmds {
		width = max(width, len(c.Name))
	}
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.Name, c.Summary)
	}
}

// NewFlagSet returns a flag set whose usage text lists each flag with the
// environment variable that sets its default.
func NewFlagSet(env *Env, name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: %s %s %s\n\n%s\n", env.program(), name, synopsis, strings.TrimSpace(description))
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

// EnvDefault returns the environment variable's value, or def when unset.
// Flags use it for their defaults so that `--help` shows the effective value.
func EnvDefault(env *Env, key, def string) string {
	if v := env.Getenv(key); v != "" {
		return v
	}
	return def
}

// Environment variables that set flags several commands share.
const (
	EnvLogFormat = "SOURCECMP_LOG_FORMAT"
	EnvLogLevel  = "SOURCECMP_LOG_LEVEL"
)

// LogFlags adds --log-format and --log-level to a command that logs and
// returns the function that makes its logger once the flags are parsed.
func LogFlags(env *Env, fs *flag.FlagSet) func() (*slog.Logger, error) {
	format := fs.String("log-format", EnvDefault(env, EnvLogFormat, obs.FormatAuto),
		"log format: auto (text on a terminal, JSON otherwise), json or text (env "+EnvLogFormat+")")
	level := fs.String("log-level", EnvDefault(env, EnvLogLevel, "info"),
		"least severe log level written: debug, info, warn or error (env "+EnvLogLevel+")")
	return func() (*slog.Logger, error) {
		log, err := obs.NewLogger(env.Stderr, *format, *level)
		if err != nil {
			fs.Usage()
			return nil, fmt.Errorf("%v: %w", err, ErrUsage)
		}
		return log, nil
	}
}

// EnvBool returns the boolean an environment variable holds, or false
// when it is unset; a value strconv.ParseBool does not read is a usage
// error naming the variable.
func EnvBool(env *Env, key string) (bool, error) {
	v := env.Getenv(key)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s=%q is not true or false: %w", key, v, ErrUsage)
	}
	return b, nil
}

// NewLogger logs to the command's stderr as SOURCECMP_LOG_FORMAT and
// SOURCECMP_LOG_LEVEL say (by default text on a terminal, JSON otherwise,
// at info), for the commands that take no log flags (see LogFlags).
func NewLogger(env *Env) *slog.Logger {
	log, err := obs.NewLogger(env.Stderr, EnvDefault(env, EnvLogFormat, obs.FormatAuto), EnvDefault(env, EnvLogLevel, "info"))
	if err != nil {
		log = slog.New(slog.NewTextHandler(env.Stderr, nil))
		log.Warn("ignoring the log settings", "err", err)
	}
	return log
}

// DatabaseFlag adds the --database-url flag every database command takes.
func DatabaseFlag(env *Env, fs *flag.FlagSet) *string {
	return fs.String("database-url", EnvDefault(env, "DATABASE_URL", store.DefaultDatabaseURL),
		"PostgreSQL URL (env DATABASE_URL)")
}

// EnvFlags defines flags whose defaults an environment variable may set,
// as --help shows them. A variable that does not parse is a usage error
// naming it, reported by err.
type EnvFlags struct {
	env  *Env
	fs   *flag.FlagSet
	errs []error
}

func (e *EnvFlags) value(key string, parse func(string) error) {
	if v := e.env.Getenv(key); v != "" {
		if err := parse(v); err != nil {
			e.errs = append(e.errs, fmt.Errorf("%s=%q: %v", key, v, err))
		}
	}
}

// Int defines an int flag whose default the variable key sets.
func (e *EnvFlags) Int(name, key string, def int, usage string) *int {
	e.value(key, func(v string) (err error) { def, err = strconv.Atoi(v); return err })
	return e.fs.Int(name, def, usage+" (env "+key+")")
}

// Uint64 defines a uint64 flag whose default the variable key sets.
func (e *EnvFlags) Uint64(name, key string, def uint64, usage string) *uint64 {
	e.value(key, func(v string) (err error) { def, err = strconv.ParseUint(v, 10, 64); return err })
	return e.fs.Uint64(name, def, usage+" (env "+key+")")
}

// Float defines a float64 flag whose default the variable key sets.
func (e *EnvFlags) Float(name, key string, def float64, usage string) *float64 {
	e.value(key, func(v string) (err error) { def, err = strconv.ParseFloat(v, 64); return err })
	return e.fs.Float64(name, def, usage+" (env "+key+")")
}

// Duration defines a duration flag whose default the variable key sets.
func (e *EnvFlags) Duration(name, key string, def time.Duration, usage string) *time.Duration {
	e.value(key, func(v string) (err error) { def, err = time.ParseDuration(v); return err })
	return e.fs.Duration(name, def, usage+" (env "+key+")")
}

// Bool defines a bool flag whose default the variable key sets.
func (e *EnvFlags) Bool(name, key string, def bool, usage string) *bool {
	e.value(key, func(v string) (err error) { def, err = strconv.ParseBool(v); return err })
	return e.fs.Bool(name, def, usage+" (env "+key+")")
}

// String defines a string flag whose default the variable key sets.
func (e *EnvFlags) String(name, key, def, usage string) *string {
	return e.fs.String(name, EnvDefault(e.env, key, def), usage+" (env "+key+")")
}

// Err reports the variables that did not parse, as a usage error.
func (e *EnvFlags) Err() error {
	if len(e.errs) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %w", errors.Join(e.errs...), ErrUsage)
}

// NewEnvFlags defines flags on fs whose defaults env's variables set.
func NewEnvFlags(env *Env, fs *flag.FlagSet) *EnvFlags { return &EnvFlags{env: env, fs: fs} }

// HumanBytes writes a size in binary units: 512 B, 1.5 KiB, 2.0 MiB.
func HumanBytes(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	v, unit := float64(n)/1024, "KiB"
	for _, u := range []string{"MiB", "GiB", "TiB"} {
		if v < 1024 {
			break
		}
		v, unit = v/1024, u
	}
	return fmt.Sprintf("%.1f %s", v, unit)
}

// Main runs a program's run with the process's arguments, standard
// streams and environment, stopping on SIGINT or SIGTERM, and exits with
// ExitCode of its error: all a command's main needs.
func Main(program string, run func(ctx context.Context, args []string, env *Env) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Program: program}
	err := run(ctx, os.Args[1:], env)
	stop()
	if err != nil {
		if !errors.Is(err, ErrSilentFailure) {
			fmt.Fprintln(os.Stderr, program+":", err)
		}
		os.Exit(ExitCode(err))
	}
}

// TopicsFlag adds the --topics flag: the taxonomy documents are scored
// against, by default def (then the built-in one when def has no file).
// Read it after parsing.
func TopicsFlag(env *Env, fs *flag.FlagSet, def string) func() app.TaxonomyPath {
	fromEnv := env.Getenv("SOURCECMP_TOPICS")
	path := fs.String("topics", EnvDefault(env, "SOURCECMP_TOPICS", def),
		"topic taxonomy YAML, the built-in one when the default has no file; '' stores no topic scores (env SOURCECMP_TOPICS)")
	return func() app.TaxonomyPath {
		given := fromEnv != ""
		fs.Visit(func(f *flag.Flag) { given = given || f.Name == "topics" })
		return app.TaxonomyPath{Path: *path, Default: !given}
	}
}
