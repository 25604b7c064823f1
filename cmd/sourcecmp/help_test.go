package main

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/cli"
)

// envName finds the environment variable a flag's help names.
var envName = regexp.MustCompile(`\(env ([A-Z][A-Z0-9_]*)\)`)

// TestHelp: `sourcecmp --help` lists every command, and every command's
// -h has a usage line, a description, and for every flag the environment
// variable that sets it, which the README documents too.
func TestHelp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		env, stdout, _ := testEnv()
		if err := run(ctx, args, env); err != nil {
			t.Fatalf("sourcecmp %v: %v", args, err)
		}
		for _, c := range commands() {
			if !strings.Contains(stdout.String(), "  "+c.Name+" ") || c.Summary == "" {
				t.Errorf("sourcecmp %v does not list %s:\n%s", args, c.Name, stdout)
			}
		}
		for _, m := range envName.FindAllStringSubmatch(strings.ReplaceAll(stdout.String(), "\n", " "), -1) {
			t.Errorf("unexpected %s", m[0])
		}
	}
	for _, c := range commands() {
		text := ""
		for _, help := range [][]string{{c.Name, "-h"}, {c.Name, "--help"}, {"help", c.Name}} {
			env, _, stderr := testEnv()
			if err := run(ctx, help, env); err != nil {
				t.Errorf("sourcecmp %v: %v", help, err)
			}
			if text != "" && stderr.String() != text {
				t.Errorf("sourcecmp %v differs from sourcecmp %s -h", help, c.Name)
			}
			text = stderr.String()
		}
		if !strings.HasPrefix(text, "Usage: sourcecmp "+c.Name) || len(strings.Split(text, "\n")) < 4 {
			t.Errorf("sourcecmp %s -h has no usage line and description:\n%s", c.Name, text)
		}
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			if !strings.HasPrefix(l, "  --") {
				continue
			}
			flagName := strings.Fields(l)[0]
			m := envName.FindStringSubmatch(lines[i+1])
			if m == nil {
				t.Errorf("sourcecmp %s %s: no environment variable sets it (want \"(env NAME)\" in its help)", c.Name, flagName)
				continue
			}
			if !strings.Contains(string(readme), m[1]) {
				t.Errorf("sourcecmp %s %s: the README does not document %s", c.Name, flagName, m[1])
			}
		}
	}
	env, _, _ := testEnv()
	if err := run(ctx, []string{"frobnicate"}, env); cli.ExitCode(err) != 2 {
		t.Errorf("an unknown command: %v, want exit status 2", err)
	}
}
