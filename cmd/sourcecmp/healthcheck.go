package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/cli"
)

// runHealthcheck asks a running server whether it is ready: the container
// image has no shell, curl or wget, so its healthcheck runs this binary.
func runHealthcheck(ctx context.Context, env *cli.Env, args []string) error {
	fs := cli.NewFlagSet(env, "healthcheck", "[flags]", `
Asks the server listening on --addr for /readyz and exits 0 when it answers
200 (ready: the database is reachable and migrated), 1 otherwise. For
container healthchecks; an address that listens on every interface
(0.0.0.0:8080, :8080) is asked on loopback.`)
	e := cli.NewEnvFlags(env, fs)
	addr := e.String("addr", "SOURCECMP_ADDR", "127.0.0.1:8080", "address the server listens on")
	timeout := e.Duration("timeout", "SOURCECMP_HEALTHCHECK_TIMEOUT", 3*time.Second, "how long to wait for the answer")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := e.Err(); err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("healthcheck: no arguments expected: %w", cli.ErrUsage)
	}
	host, port, err := net.SplitHostPort(*addr)
	if err != nil {
		return fmt.Errorf("healthcheck: --addr %q: %w: %w", *addr, err, cli.ErrUsage)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	url := "http://" + net.JoinHostPort(host, port) + "/readyz"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s: %s", url, resp.Status)
	}
	fmt.Fprintf(env.Stdout, "ready: %s\n", url)
	return nil
}
