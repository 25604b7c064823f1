package parse

import "github.com/sourcecmp/sourcecmp/internal/doc"

// ApplySidecar applies the metadata sidecar of the source file at path
// (see SidecarPath) to d, whatever the file's format; a missing sidecar
// changes nothing.
func ApplySidecar(path string, d *doc.Document) error {
	side, err := readSidecar(SidecarPath(path))
	if err != nil {
		return err
	}
	side.Apply(d)
	return nil
}
