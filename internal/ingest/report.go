package ingest

import (
	"os"
	"path/filepath"
)

// reportFile sets the size of a file Paths finished with and tells
// OnResult.
func (in *Ingester) reportFile(r *Result) {
	if info, err := os.Stat(r.File); err == nil && info.Mode().IsRegular() {
		r.Bytes = info.Size()
	}
	if in.OnResult != nil {
		in.OnResult(*r)
	}
}

// reportUpload tells OnResult what Bytes did with an upload of size bytes.
func (in *Ingester) reportUpload(filename string, size int64, res *Result, err error) {
	if err != nil {
		if in.OnResult != nil {
			in.OnResult(Result{File: filename, Slug: Slug(filepath.Base(filename)), Err: err, Bytes: size})
		}
		return
	}
	res.Bytes = size
	if in.OnResult != nil {
		in.OnResult(*res)
	}
}

// Plan returns the files Paths would ingest for paths and their total
// size, so that a progress report knows the whole before it starts. Paths
// that do not exist are left out: Paths reports them as failures.
func Plan(paths []string) (files []string, bytes int64) {
	for _, p := range paths {
		found, err := expand(p)
		if err != nil {
			continue
		}
		for _, f := range found {
			if info, err := os.Stat(f); err == nil {
				bytes += info.Size()
			}
			files = append(files, f)
		}
	}
	return files, bytes
}
