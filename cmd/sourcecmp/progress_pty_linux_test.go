package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

// openPTY returns the two ends of a new pseudo-terminal of the given
// width: the program writes to tty, the test reads what a terminal would
// show from pty.
func openPTY(t *testing.T, cols uint16) (pty, tty *os.File) {
	t.Helper()
	pty, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	fd := int(pty.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlock pty: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("pty number: %v", err)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("open tty: %v", err)
	}
	if err := unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 24, Col: cols}); err != nil {
		t.Fatalf("set the window size: %v", err)
	}
	return pty, tty
}

// TestIngestOnATerminal runs `sourcecmp ingest` with stderr on a
// pseudo-terminal, as a person at a terminal runs it, and reads the bar
// and the summary from the terminal's side.
func TestIngestOnATerminal(t *testing.T) {
	t.Parallel()
	pty, tty := openPTY(t, 100)
	defer pty.Close()
	screen := make(chan []byte)
	go func() {
		var b bytes.Buffer
		io.Copy(&b, pty) // ends with EIO once the tty side is closed
		screen <- b.Bytes()
	}()

	seeds, _ := filepath.Glob("../../seeds/documents/*.txt")
	env, stdout, _ := testEnv()
	env.Stderr = tty
	err := run(context.Background(), []string{"ingest", "--database-url", dbtest.MissingURL(t), "--log-level", "warn",
		"--topics", "../../seeds/topics.yaml", "../../seeds/documents"}, env)
	tty.Close()
	shown := string(<-screen)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, shown)
	}
	last := fmt.Sprintf("\r%d/%d files ", len(seeds), len(seeds))
	for _, want := range []string{"\r0/5 files ░", last, "100%", "done", "\x1b[K"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the terminal does not show %q:\n%q", want, shown)
		}
	}
	for _, line := range strings.Split(shown, "\n") {
		// What stays on the screen once each \r has moved the cursor back.
		visible := line[strings.LastIndex(strings.TrimRight(line, "\r"), "\r")+1:]
		if n := len([]rune(strings.TrimRight(strings.ReplaceAll(visible, "\x1b[K", ""), "\r"))); n >= 100 {
			t.Errorf("a line of %d columns on a terminal of 100: %q", n, visible)
		}
	}
	table := strings.Join(strings.Fields(shown[strings.LastIndex(shown, "\x1b[K"):]), " ")
	if !strings.Contains(table, fmt.Sprintf("added %d", len(seeds))) || !strings.Contains(table, "failed 0 0 B") {
		t.Errorf("no summary table after the bar: %q", table)
	}
	if n := strings.Count(stdout.String(), "\n"); n != len(seeds) {
		t.Errorf("stdout (no terminal) has %d lines, want one per file:\n%s", n, stdout)
	}
}
