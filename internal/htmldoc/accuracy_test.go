package htmldoc

import (
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doccheck"
)

// TestAccuracy scores every fixture page against the expectations a
// reviewer wrote from the page (testdata/expect), and checks every quoted
// passage anchors in the document's text.
func TestAccuracy(t *testing.T) {
	doccheck.Fixtures(t, "testdata/pages", "testdata/expect", Parse, nil)
}
