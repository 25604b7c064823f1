package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// DefaultPostGraphileDir is where package.json pins PostGraphile and the
// Node it needs, relative to the repository root.
const DefaultPostGraphileDir = "internal/bench/postgraphile"

// Process is a server the benchmark started as a child process.
type Process struct {
	URL  string // of its /graphql
	Base string // URL without the path
	cmd  *exec.Cmd
	out  *tailBuffer
	done chan error
}

// StartPostGraphile runs PostGraphile v5 with its default ("amber")
// preset over the public schema of databaseURL, on a free loopback port,
// with the Node 22 that `npm ci` installs in dir.
func StartPostGraphile(ctx context.Context, dir, databaseURL string) (*Process, error) {
	node := filepath.Join(dir, "node_modules", ".bin", "node")
	script := filepath.Join(dir, "node_modules", ".bin", "postgraphile")
	for _, f := range []string{node, script} {
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("postgraphile: %s is missing: run `npm ci` in %s (or pass --skip-postgraphile)", f, dir)
		}
	}
	port, err := freePort()
	if err != nil {
		return nil, fmt.Errorf("postgraphile: %w", err)
	}
	cmd := exec.Command("node_modules/.bin/node", "node_modules/.bin/postgraphile",
		"-P", "postgraphile/presets/amber", "-c", databaseURL, "-s", "public",
		"-n", "127.0.0.1", "--port", strconv.Itoa(port))
	cmd.Dir = dir
	// Production mode, as a deployment runs it (and without the warning
	// that GRAPHILE_ENV is unset).
	cmd.Env = append(os.Environ(), "GRAPHILE_ENV=production", "NODE_ENV=production")
	return start(ctx, "postgraphile", cmd, fmt.Sprintf("http://127.0.0.1:%d/graphql", port), "")
}

// SourcecmpBinary returns the sourcecmp binary to start: path when given,
// else the one next to this executable, else the one on PATH. The product
// binary carries no load tools, and this one no server.
func SourcecmpBinary(path string) (string, error) {
	if path != "" {
		if !isFile(path) {
			return "", fmt.Errorf("sourcecmp binary %s: not a file (go build -o bin/ ./cmd/sourcecmp)", path)
		}
		return path, nil
	}
	if exe, err := os.Executable(); err == nil {
		if p := filepath.Join(filepath.Dir(exe), "sourcecmp"); isFile(p) {
			return p, nil
		}
	}
	p, err := exec.LookPath("sourcecmp")
	if err != nil {
		return "", fmt.Errorf("no sourcecmp binary next to this one or on PATH to start (go build -o bin/ ./cmd/sourcecmp): %w", err)
	}
	return p, nil
}

func isFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}

// StartSourcecmp runs `exe serve` with args on a free loopback port and
// waits until it is ready.
func StartSourcecmp(ctx context.Context, exe string, args ...string) (*Process, error) {
	port, err := freePort()
	if err != nil {
		return nil, fmt.Errorf("sourcecmp: %w", err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(exe, append([]string{"serve", "--addr", addr}, args...)...)
	return start(ctx, "sourcecmp", cmd, "http://"+addr+"/graphql", "http://"+addr+"/readyz")
}

// start runs cmd and waits until url answers: a GET of ready when given,
// else a GraphQL query for __typename.
func start(ctx context.Context, name string, cmd *exec.Cmd, url, ready string) (*Process, error) {
	out := &tailBuffer{max: 8 << 10}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s: start: %w", name, err)
	}
	p := &Process{URL: url, Base: strings.TrimSuffix(url, "/graphql"), cmd: cmd, out: out, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait() }()
	// A server that loads seeds first takes minutes on a loaded machine.
	deadline := time.Now().Add(3 * time.Minute)
	for {
		if err := probe(ctx, url, ready); err == nil {
			return p, nil
		}
		select {
		case err := <-p.done:
			return nil, fmt.Errorf("%s exited before it answered (%v):\n%s", name, err, out.String())
		case <-ctx.Done():
			p.Stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.Stop()
			return nil, fmt.Errorf("%s did not answer within 3 minutes:\n%s", name, out.String())
		}
	}
}

func probe(ctx context.Context, url, ready string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var req *http.Request
	var err error
	if ready != "" {
		req, err = http.NewRequestWithContext(ctx, http.MethodGet, ready, nil)
	} else {
		req, err = http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader([]byte(`{"query":"{__typename}"}`)))
		if req != nil {
			req.Header.Set("Content-Type", "application/json")
		}
	}
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return nil
}

// Stop ends the process (SIGTERM, then SIGKILL after 20 seconds, time
// to finish the requests in flight) and returns how it exited.
func (p *Process) Stop() error {
	if p == nil || p.cmd.Process == nil {
		return nil
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		return err
	case <-time.After(20 * time.Second):
		p.cmd.Process.Kill()
		return <-p.done
	}
}

// Output returns the end of what the process wrote.
func (p *Process) Output() string { return p.out.String() }

// Pid is the process id, for reading its resource use.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = t.buf[over:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
