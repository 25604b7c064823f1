// Package clitest gives command tests an environment whose output they
// can read.
package clitest

import (
	"bytes"
	"strings"
	"sync"

	"github.com/sourcecmp/sourcecmp/internal/cli"
)

// Buffer is a bytes.Buffer safe for a command's goroutines.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Env returns an environment with empty stdin, no variables set, and
// the buffers its stdout and stderr write to.
func Env() (*cli.Env, *Buffer, *Buffer) {
	out, errOut := &Buffer{}, &Buffer{}
	return &cli.Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: errOut, Getenv: func(string) string { return "" }}, out, errOut
}
