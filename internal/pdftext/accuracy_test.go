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
	accuracyPDFs   = flag.String("pdfs", fixtureDir, "directory of PDFs TestAccuracy scores")
	accuracyExpect = flag.String("expect", "testdata/expect", "directory of the expectation files (<name>.yaml) for -pdfs")
)

const fixtureDir = "testdata/pdfs"

// TestAccuracy scores every fixture PDF against the expectations a
// reviewer wrote from the PDF (testdata/expect), and checks every quoted
// passage anchors in the document's text. Every check on the project's
// own fixtures must hold; a set from elsewhere (-pdfs) needs
// doccheck.Target.
func TestAccuracy(t *testing.T) {
	target := 1.0
	if *accuracyPDFs != fixtureDir {
		target = doccheck.Target
	}
	doccheck.FixturesAtLeast(t, target, *accuracyPDFs, *accuracyExpect, Parse, func(name string) bool { return brokenFixtures[name] })
}
