// Package npmtest installs the locked npm packages a test needs, so that
// a plain `go test ./...` works before `make test` has run `npm ci`.
package npmtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

var (
	mu   sync.Mutex
	done = map[string]error{} // by directory, once per process
)

// Install runs `npm ci` in dir unless its node_modules is in place and
// newer than its package-lock.json (the check .ci/setup makes). Processes
// testing in parallel take a lock file in dir, so one installs while the
// others wait and then find the packages in place.
func Install(t testing.TB, dir string) {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	err, ok := done[abs]
	if !ok {
		err = install(abs)
		done[abs] = err
	}
	if err != nil {
		t.Fatalf("npm packages of %s: %v", dir, err)
	}
}

func install(dir string) error {
	lock, err := os.OpenFile(filepath.Join(dir, "node_modules.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return err
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	if installed(dir) {
		return nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return fmt.Errorf("no npm on PATH: install Node.js, or run `make test`, which does: %w", err)
	}
	cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm ci: %w\n%s", err, out)
	}
	return nil
}

// installed reports whether npm ci ran since package-lock.json changed.
func installed(dir string) bool {
	marker, err := os.Stat(filepath.Join(dir, "node_modules", ".package-lock.json"))
	if err != nil {
		return false
	}
	lock, err := os.Stat(filepath.Join(dir, "package-lock.json"))
	return err == nil && marker.ModTime().After(lock.ModTime())
}
