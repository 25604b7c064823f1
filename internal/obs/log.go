// Package obs is how sourcecmp reports on itself in production: structured
// logs (log/slog), Prometheus metrics, and OpenTelemetry traces of
// requests, GraphQL resolvers and SQL. Its HTTP middleware ties them
// together per request: one log line, one set of metric observations and
// one span, all carrying the request ID and the GraphQL operation name.
package obs

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"
)

// The log formats NewLogger takes.
const (
	FormatAuto = "auto" // JSON, or text on a terminal
	FormatJSON = "json"
	FormatText = "text"
)

// NewLogger returns a logger writing to w in format (FormatAuto picks text
// when w is a terminal, where a person reads it, and JSON otherwise, where
// a log collector does) at level ("debug", "info", "warn" or "error").
func NewLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch strings.ToLower(format) {
	case FormatAuto, "":
		if IsTerminal(w) {
			return slog.New(slog.NewTextHandler(w, opts)), nil
		}
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case FormatJSON:
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case FormatText:
		return slog.New(slog.NewTextHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("log format %q: want auto, json or text", format)
}

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
