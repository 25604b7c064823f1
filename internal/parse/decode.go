package parse

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// MaxFileSize is the largest source file the parser accepts. The longest
// commentary is a few hundred kilobytes; anything far larger is not a
// document but a mistake (a PDF, a database dump).
const MaxFileSize = 8 << 20

// Errors returned for files the parser refuses, wrapped with the file name.
var (
	ErrEmpty     = errors.New("empty file")
	ErrBinary    = errors.New("binary file, not text")
	ErrEncoding  = errors.New("text is not UTF-8, Shift_JIS or EUC-JP")
	ErrTruncated = errors.New("truncated file: it ends inside a UTF-8 character")
	ErrTooLarge  = fmt.Errorf("file larger than %d MiB", MaxFileSize>>20)
	ErrNoBody    = errors.New("no body text found")
)

// decode returns raw as UTF-8 text with normalized line endings. UTF-16
// with a byte-order mark, Shift_JIS and EUC-JP are converted; anything else
// that is not valid UTF-8 is refused.
func decode(raw []byte) (string, error) {
	if len(raw) > MaxFileSize {
		return "", ErrTooLarge
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", ErrEmpty
	}
	var text string
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		raw = raw[3:]
		if !utf8.Valid(raw) {
			return "", invalidUTF8(raw)
		}
		text = string(raw)
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(raw)
		if err != nil {
			return "", fmt.Errorf("%w: bad UTF-16: %v", ErrEncoding, err)
		}
		text = string(out)
	case utf8.Valid(raw):
		text = string(raw)
	default:
		if looksBinary(raw) {
			return "", ErrBinary
		}
		t, ok := decodeJapanese(raw)
		if !ok {
			return "", invalidUTF8(raw)
		}
		text = t
	}
	if looksBinary([]byte(text)) {
		return "", ErrBinary
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if strings.TrimSpace(text) == "" {
		return "", ErrEmpty
	}
	return text, nil
}

// invalidUTF8 explains why raw is not UTF-8: cut off at the end, or not
// UTF-8 at all (with the byte offset of the first bad byte).
func invalidUTF8(raw []byte) error {
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n <= 1 {
			if !utf8.FullRune(raw[i:]) {
				return ErrTruncated
			}
			return fmt.Errorf("%w (first invalid byte at offset %d)", ErrEncoding, i)
		}
		i += n
	}
	return ErrEncoding
}

// looksBinary reports NUL bytes or a high share of control characters in
// the first 8 KiB.
func looksBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	control := 0
	for _, c := range b {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			control++
		}
	}
	return control*20 > len(b)
}

// decodeJapanese tries the legacy Japanese encodings and keeps the one that
// decodes cleanly into mostly Japanese text.
func decodeJapanese(raw []byte) (string, bool) {
	best, bestScore := "", 0.0
	for _, enc := range []encoding.Encoding{japanese.ShiftJIS, japanese.EUCJP} {
		out, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			continue
		}
		s := string(out)
		if strings.ContainsRune(s, utf8.RuneError) {
			continue
		}
		jp, total := 0, 0
		for _, r := range s {
			if r > ' ' {
				total++
				if isJP(r) {
					jp++
				}
			}
		}
		if total == 0 {
			continue
		}
		if score := float64(jp) / float64(total); score > bestScore {
			best, bestScore = s, score
		}
	}
	return best, bestScore >= 0.3
}
