package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestPanicsAreHidden(t *testing.T) {
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	h := withRequestID(recoverPanics(log, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]int
		m["boom"]++ // a nil map: a runtime error
	})))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graphql", nil))
	var out struct {
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Errors) != 1 {
		t.Fatalf("body %s: %v", rec.Body, err)
	}
	id := rec.Header().Get("X-Request-ID")
	e := out.Errors[0]
	if rec.Code != http.StatusInternalServerError || e.Message != "internal error" || e.Extensions["code"] != "INTERNAL" || e.Extensions["requestId"] != id {
		t.Errorf("answer %d %s", rec.Code, rec.Body)
	}
	if b := rec.Body.String(); strings.Contains(b, "nil map") || strings.Contains(b, "goroutine") {
		t.Errorf("the client sees the panic: %s", b)
	}
	if l := logged.String(); !strings.Contains(l, "nil map") || !strings.Contains(l, "protect_test.go") || !strings.Contains(l, id) {
		t.Errorf("the log lacks the panic, its stack or the request id:\n%s", l)
	}

	// A panic after the response started cannot become an error answer:
	// the connection is dropped (http.ErrAbortHandler) instead.
	late := recoverPanics(log, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"data":`))
		panic("late")
	}))
	defer func() {
		if v := recover(); !errors.Is(v.(error), http.ErrAbortHandler) {
			t.Errorf("late panic: recovered %v, want http.ErrAbortHandler", v)
		}
	}()
	late.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	t.Error("a late panic was swallowed")
}
