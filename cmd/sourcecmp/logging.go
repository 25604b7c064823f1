package main

import (
	"flag"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/sourcecmp/sourcecmp/internal/obs"
)

// Environment variables that set flags several commands share.
const (
	envLogFormat = "SOURCECMP_LOG_FORMAT"
	envLogLevel  = "SOURCECMP_LOG_LEVEL"
)

// logFlags adds --log-format and --log-level to a command that logs and
// returns the function that makes its logger once the flags are parsed.
func logFlags(env *Env, fs *flag.FlagSet) func() (*slog.Logger, error) {
	format := fs.String("log-format", envDefault(env, envLogFormat, obs.FormatAuto),
		"log format: auto (text on a terminal, JSON otherwise), json or text (env "+envLogFormat+")")
	level := fs.String("log-level", envDefault(env, envLogLevel, "info"),
		"least severe log level written: debug, info, warn or error (env "+envLogLevel+")")
	return func() (*slog.Logger, error) {
		log, err := obs.NewLogger(env.Stderr, *format, *level)
		if err != nil {
			fs.Usage()
			return nil, fmt.Errorf("%v: %w", err, errUsage)
		}
		return log, nil
	}
}

// envBool returns the boolean an environment variable holds, or false
// when it is unset; a value strconv.ParseBool does not read is a usage
// error naming the variable.
func envBool(env *Env, key string) (bool, error) {
	v := env.Getenv(key)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s=%q is not true or false: %w", key, v, errUsage)
	}
	return b, nil
}
