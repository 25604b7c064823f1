package store

import (
	"errors"
	"io/fs"
	"testing"
)

// Errorf's %w keeps the cause in the chain: the ingest boundary wraps a
// parse error as INVALID_ARGUMENT without losing what it was.
func TestErrorfWraps(t *testing.T) {
	cause := &fs.PathError{Op: "open", Path: "a.txt", Err: fs.ErrNotExist}
	err := Errorf(EInvalid, "parse: %w", cause)
	if ErrorCode(err) != EInvalid || err.Error() != "parse: "+cause.Error() {
		t.Errorf("code %q, message %q", ErrorCode(err), err.Error())
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%v: the cause is lost", err)
	}
	if errors.Is(Errorf(EInvalid, "%v", cause), fs.ErrNotExist) {
		t.Error("Errorf with a v verb wraps its argument")
	}
}
