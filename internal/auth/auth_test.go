package auth

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestNewKeyIsRandomAndHashed(t *testing.T) {
	k1, h1, err := NewKey()
	if err != nil {
		t.Fatal(err)
	}
	k2, _, _ := NewKey()
	if k1 == k2 || !strings.HasPrefix(k1, KeyPrefix) || len(k1) < 40 {
		t.Errorf("keys %q %q", k1, k2)
	}
	if h1 != HashKey(k1) || h1 == k1 || len(h1) != 64 {
		t.Errorf("hash %q of %q", h1, k1)
	}
}

func TestBearerToken(t *testing.T) {
	for _, c := range []struct {
		header  string
		key     string
		present bool
		bad     bool
	}{
		{"", "", false, false},
		{"Bearer sck_abc", "sck_abc", true, false},
		{"bearer  sck_abc ", "sck_abc", true, false},
		{"Basic dXNlcjpwYXNz", "", true, true},
		{"Bearer", "", true, true},
		{"Bearer a b", "", true, true},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		if c.header != "" {
			r.Header.Set("Authorization", c.header)
		}
		key, present, err := BearerToken(r)
		if key != c.key || present != c.present || (err != nil) != c.bad {
			t.Errorf("%q: key=%q present=%v err=%v", c.header, key, present, err)
		}
	}
}

func TestRequire(t *testing.T) {
	ctx := context.Background()
	if err := Require(ctx, Editor); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("anonymous editor op: %v", err)
	}
	reader := WithPrincipal(ctx, Principal{KeyName: "r", Role: Reader})
	if err := Require(reader, Editor); !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), `"r"`) {
		t.Errorf("reader editor op: %v", err)
	}
	admin := WithPrincipal(ctx, Principal{KeyName: "a", Role: Admin})
	if err := Require(admin, Editor); err != nil {
		t.Errorf("admin editor op: %v", err)
	}
	if _, err := ParseRole("root"); err == nil {
		t.Error("ParseRole accepted root")
	}
}
