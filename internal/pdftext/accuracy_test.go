package pdftext

import (
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doccheck"
)

// TestAccuracy scores every fixture PDF against the expectations a
// reviewer wrote from the PDF (testdata/expect), and checks every quoted
// passage anchors in the document's text.
func TestAccuracy(t *testing.T) {
	doccheck.Fixtures(t, "testdata/pdfs", "testdata/expect", Parse, func(name string) bool { return brokenFixtures[name] })
}
