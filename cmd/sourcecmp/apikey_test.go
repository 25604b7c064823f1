package main

import (
	"context"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

func TestAPIKeyCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.MissingURL(t) // apikey creates and migrates it
	apikey := func(args ...string) (string, error) {
		env, stdout, _ := testEnv()
		err := run(ctx, append([]string{"apikey", "--database-url", url}, args...), env)
		return stdout.String(), err
	}
	out, err := apikey("create", "--role", "editor", "--name", "curator")
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	key := lines[len(lines)-1]
	if !strings.HasPrefix(key, auth.KeyPrefix) || !strings.Contains(out, `editor key "curator"`) {
		t.Fatalf("create printed %q", out)
	}
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if k, err := st.APIKeyGetByHash(ctx, auth.HashKey(key)); err != nil || k.Name != "curator" || k.Role != "editor" {
		t.Fatalf("the printed key is not the stored one: %+v %v", k, err)
	}
	if _, err := apikey("--role", "reader", "create", "--name", "reader-1"); err != nil {
		t.Fatalf("flags before the verb: %v", err)
	}
	out, err = apikey("list")
	if err != nil || !strings.Contains(out, "curator") || !strings.Contains(out, "reader-1") || strings.Contains(out, key) {
		t.Fatalf("list: %v\n%s", err, out)
	}
	if out, err = apikey("revoke", "curator"); err != nil || !strings.Contains(out, `revoked key "curator"`) {
		t.Fatalf("revoke: %v %s", err, out)
	}
	if k, _ := st.APIKeyGetByHash(ctx, auth.HashKey(key)); !k.Revoked() {
		t.Error("the key is not revoked")
	}
	if _, err := apikey("create", "--role", "admin", "--name", "curator"); err == nil || cli.ExitCode(err) != 1 || !strings.Contains(err.Error(), "never reused") {
		t.Errorf("a reused name: %v", err)
	}
	if _, err := apikey("revoke", "nobody"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("revoke an unknown key: %v", err)
	}
	for _, args := range [][]string{{}, {"create", "--name", "x"}, {"create", "--role", "root", "--name", "x"}, {"create", "--role", "reader"},
		{"revoke"}, {"revoke", "a", "b"}, {"list", "x"}, {"rotate"}} {
		if _, err := apikey(args...); cli.ExitCode(err) != 2 {
			t.Errorf("apikey %v: %v, want a usage error", args, err)
		}
	}
}
