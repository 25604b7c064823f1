// Package gid encodes the opaque identifiers clients see: global object
// IDs ("Document:42") and pagination cursors, both base64url so that
// clients treat them as tokens rather than parse or build them.
package gid

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The object types that have global IDs.
const (
	Document  = "Document"
	Author    = "Author"
	Section   = "Section"
	Paragraph = "Paragraph"
	Footnote  = "Footnote"
	Topic     = "Topic"
	Stance    = "Stance"
	Citation  = "Citation"
	Work      = "Work"
)

var types = map[string]bool{Document: true, Author: true, Section: true, Paragraph: true,
	Footnote: true, Topic: true, Stance: true, Citation: true, Work: true}

// ErrInvalid is wrapped by every decoding error.
var ErrInvalid = errors.New("invalid")

// enc is strict: it refuses encodings whose unused low bits are set, so
// that each ID and cursor has one spelling ("…N0" and "…Nw" would both
// decode to the same bytes otherwise).
var enc = base64.RawURLEncoding.Strict()

// Encode returns the global ID of the object of type typ with database id.
func Encode(typ string, id int64) string {
	return enc.EncodeToString([]byte(typ + ":" + strconv.FormatInt(id, 10)))
}

// Decode returns the type and database id of a global ID.
func Decode(s string) (typ string, id int64, err error) {
	raw, err := enc.DecodeString(s)
	if err != nil {
		return "", 0, fmt.Errorf("%w ID %q", ErrInvalid, s)
	}
	typ, num, ok := strings.Cut(string(raw), ":")
	if !ok || !types[typ] {
		return "", 0, fmt.Errorf("%w ID %q", ErrInvalid, s)
	}
	id, err = strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != num {
		return "", 0, fmt.Errorf("%w ID %q", ErrInvalid, s)
	}
	return typ, id, nil
}

// DecodeAs returns the database id of a global ID that must be of type typ.
func DecodeAs(typ, s string) (int64, error) {
	got, id, err := Decode(s)
	if err != nil {
		return 0, err
	}
	if got != typ {
		return 0, fmt.Errorf("%w ID %q: not a %s ID", ErrInvalid, s, typ)
	}
	return id, nil
}

// EncodeCursor returns an opaque cursor for a position in a list of kind
// (a connection's name); key is the sort key of the position, as JSON.
func EncodeCursor(kind string, key any) string {
	b, err := json.Marshal(key)
	if err != nil {
		panic(fmt.Sprintf("gid: cursor key %T: %v", key, err)) // keys are plain structs
	}
	return enc.EncodeToString(append([]byte(kind+":"), b...))
}

// DecodeCursor reads a cursor made by EncodeCursor for the same kind into
// key, refusing unknown fields.
func DecodeCursor(kind, cursor string, key any) error {
	raw, err := enc.DecodeString(cursor)
	if err != nil {
		return fmt.Errorf("%w cursor %q", ErrInvalid, cursor)
	}
	body, ok := bytes.CutPrefix(raw, []byte(kind+":"))
	if !ok {
		return fmt.Errorf("%w cursor %q: not a %s cursor", ErrInvalid, cursor, kind)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(key); err != nil || dec.More() {
		return fmt.Errorf("%w cursor %q", ErrInvalid, cursor)
	}
	return nil
}
