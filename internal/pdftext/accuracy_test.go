package pdftext

import (
	"flag"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doccheck"
)

// A held-out set kept outside the repository (real PDFs, which never
// enter the project) is scored the same way:
//
//	go test ./internal/pdftext -run TestAccuracy -v -args -pdfs DIR/pdfs -expect DIR/expect
var (
	accuracyPDFs   = flag.String("pdfs", "testdata/pdfs", "directory of PDFs TestAccuracy scores")
	accuracyExpect = flag.String("expect", "testdata/expect", "directory of the expectation files (<name>.yaml) for -pdfs")
)

// TestAccuracy scores every fixture PDF against the expectations a
// reviewer wrote from the PDF (testdata/expect), and checks every quoted
// passage anchors in the document's text.
func TestAccuracy(t *testing.T) {
	doccheck.Fixtures(t, *accuracyPDFs, *accuracyExpect, Parse, func(name string) bool { return brokenFixtures[name] })
}
