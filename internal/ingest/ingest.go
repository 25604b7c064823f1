// Package ingest turns source files into stored documents: it parses each
// file, computes its search vectors and topic scores, and saves it in one
// transaction, reporting per file what it did.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/jatext"
	"github.com/sourcecmp/sourcecmp/internal/search"
	"github.com/sourcecmp/sourcecmp/internal/source"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// Tagger scores a document against the topic taxonomy from the analysis
// of its paragraphs (jatext.Tokenize of each, in reading order), which
// the search vectors are made of too; *tag.Tagger is one.
type Tagger interface {
	TagAnalyzed(d *doc.Document, paragraphs [][]jatext.Token) tag.Scores
}

// Ingester stores documents. Its zero value is not usable: Store is
// required; the other fields are optional.
type Ingester struct {
	Store *store.Store
	// Tagger scores documents; nil stores no topic scores.
	Tagger Tagger
	// AfterReplace runs in the transaction of every document whose content
	// changed (see store.AfterReplaceFunc): the hook for re-anchoring
	// citations.
	AfterReplace store.AfterReplaceFunc
	// AfterSave, when set, runs in the transaction of every document Paths
	// and File add or replace, before the commit: the place to audit
	// them. Upload takes its own (UploadOptions).
	AfterSave func(ctx context.Context, tx pgx.Tx, file string, res store.SaveResult) error
	// OnResult, when set, hears of every file Paths and Bytes finish with,
	// stored or failed, in order, as soon as it is done: for progress
	// reports and metrics (see report.go).
	OnResult func(Result)
	// Workers is how many documents Paths and Load open and analyse at
	// once; zero means GOMAXPROCS.
	Workers int
	// BatchSize is how many consecutive documents Paths and Load store in
	// one transaction when all are new; zero means DefaultBatchSize.
	BatchSize int
}

// Result says what happened to one file.
type Result struct {
	File       string           // as given: a path or an uploaded file name
	Slug       string           // the file name without its extension (source.Slug)
	Status     store.SaveStatus // empty when Err is set
	DocumentID int64
	Orphaned   []int64 // citations left without an anchor (see AfterReplace)
	// Warnings say what metadata the parser could not find: the document
	// is stored with nulls, never refused for it.
	Warnings []string
	Err      error // set only by Paths, for a file that failed
	Bytes    int64 // the source's size; set by Paths and Bytes
}

// String is the line `sourcecmp ingest` prints for the file.
func (r Result) String() string {
	if r.Err != nil {
		return fmt.Sprintf("%-9s %s: %v", "failed", r.File, r.Err)
	}
	s := fmt.Sprintf("%-9s %s (document %d)", r.Status, r.File, r.DocumentID)
	if len(r.Orphaned) > 0 {
		s += fmt.Sprintf(", %d citations lost their anchor", len(r.Orphaned))
	}
	if len(r.Warnings) > 0 {
		s += ": " + strings.Join(r.Warnings, "; ")
	}
	return s
}

// Slug returns the slug a file is stored under: its name without the
// directory and without its extension (.txt, .pdf, .html).
func Slug(filename string) string { return source.Slug(filename) }

// Paths ingests files and directories (every source file in a directory, in name
// order) and returns one result per file in that order. Files are parsed
// and analysed several at once but stored one by one in order (see Load),
// so that a fresh database numbers documents in file order. A file that
// fails has Err set and does not stop the others.
func (in *Ingester) Paths(ctx context.Context, paths []string) []Result {
	type file struct {
		path string
		err  error // the path's own: missing, or a directory without sources
	}
	var files []file
	for _, p := range paths {
		found, err := expand(p)
		if err != nil {
			files = append(files, file{p, err})
			continue
		}
		for _, f := range found {
			files = append(files, file{f, nil})
		}
	}
	return in.Load(ctx, len(files), func(ctx context.Context, i int) (Input, error) {
		f := files[i]
		input := Input{File: f.path, Slug: Slug(f.path)}
		if f.err != nil {
			return input, f.err
		}
		d, err := source.File(f.path)
		if err != nil {
			// Parse errors name the file and the line: safe and useful to show.
			return input, store.Errorf(store.EInvalid, "%v", err)
		}
		input.Doc = d
		return input, nil
	})
}

// expand returns the path itself for a file, and the source files inside
// (.txt, .pdf, .html, .htm) for a directory.
func expand(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	var found []string
	for _, e := range entries {
		if !e.IsDir() && source.IsSource(e.Name()) {
			found = append(found, filepath.Join(path, e.Name()))
		}
	}
	if len(found) == 0 {
		return nil, errors.New("no .txt, .pdf or .html files in the directory")
	}
	sort.Strings(found)
	return found, nil
}

// File parses and stores the file at path (with its metadata sidecar, if
// any).
func (in *Ingester) File(ctx context.Context, path string) (Result, error) {
	w, err := in.prepareFile(ctx, path)
	if err != nil {
		return Result{}, err
	}
	return in.save(ctx, path, w)
}

// UploadOptions say how Upload stores a document.
type UploadOptions struct {
	// Replace lets an upload replace a stored document of the same name
	// whose content differs; without it, that is a CONFLICT.
	Replace bool
	// AfterSave runs in the transaction of a document added or replaced
	// (store.DocumentWrite.AfterSave): the place to audit the upload.
	AfterSave func(ctx context.Context, tx pgx.Tx, res store.SaveResult) error
}

// Bytes is Upload replacing a stored document of the same name.
func (in *Ingester) Bytes(ctx context.Context, filename string, content []byte) (Result, error) {
	return in.Upload(ctx, filename, content, UploadOptions{Replace: true})
}

// Upload parses and stores content sent as a file called filename, as a
// client uploading a document does: the name must pass CheckFilename.
func (in *Ingester) Upload(ctx context.Context, filename string, content []byte, opts UploadOptions) (res Result, err error) {
	defer func() { in.reportUpload(filename, int64(len(content)), &res, err) }()
	if err := CheckFilename(filename); err != nil {
		return Result{}, err
	}
	d, err := source.Parse(filename, content)
	if err != nil {
		return Result{}, store.Errorf(store.EInvalid, "%w", err)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	w, err := in.prepare(ctx, Slug(filename), d, nil)
	if err != nil {
		return Result{}, err
	}
	w.RefuseReplace, w.AfterSave = !opts.Replace, opts.AfterSave
	return in.save(ctx, d.SourceFile, w)
}

// MaxSlug bounds a document's slug (its file name without its extension), in
// characters.
const MaxSlug = 100

// CheckFilename refuses an uploaded file name that would make a poor
// slug: the slug (the name without its extension) must be 1 to MaxSlug letters,
// digits, '.', '_' and '-', starting with a letter or a digit, so that it
// holds no path, no dot segment, no space and no control or bidi
// character, and reads the same in a URL and a log.
func CheckFilename(filename string) error {
	slug := Slug(filename)
	bad := func(why string) error {
		return store.Errorf(store.EInvalid, "filename %q: %s (a slug is 1 to %d letters, digits, '.', '_' and '-', starting with a letter or a digit)",
			clipName(filename), why, MaxSlug)
	}
	switch n := utf8.RuneCountInString(slug); {
	case !utf8.ValidString(filename):
		return bad("not UTF-8")
	case strings.ContainsAny(filename, `/\`):
		return bad("a file name, not a path")
	case n == 0:
		return bad("empty")
	case n > MaxSlug:
		return bad(fmt.Sprintf("%d characters long", n))
	}
	for i, r := range slug {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		case i > 0 && (r == '.' || r == '_' || r == '-'):
		default:
			return bad(fmt.Sprintf("%U is not allowed there", r))
		}
	}
	return nil
}

// clipName shortens a refused name for its error message.
func clipName(s string) string {
	if rs := []rune(s); len(rs) > 60 {
		return string(rs[:60]) + "…"
	}
	return s
}

// Document stores an already parsed document under slug.
func (in *Ingester) Document(ctx context.Context, slug string, d *doc.Document) (Result, error) {
	w, err := in.prepare(ctx, slug, d, nil)
	if err != nil {
		return Result{}, err
	}
	return in.save(ctx, d.SourceFile, w)
}

// prepareFile parses a file and prepares it for storing.
func (in *Ingester) prepareFile(ctx context.Context, path string) (store.DocumentWrite, error) {
	d, err := source.File(path)
	if err != nil {
		// Parse errors name the file and the line: safe and useful to show.
		return store.DocumentWrite{}, store.Errorf(store.EInvalid, "%w", err)
	}
	return in.prepare(ctx, Slug(path), d, nil)
}

// storedKeys is what a large load read of the stored documents before
// it started (store.DocumentKeyList): a document found there is skipped as
// by a lookup made then, and one missing was not stored then and is not
// looked up again (a load into an empty database made one lookup per
// document for nothing). A document stored under its slug or content
// since (another ingest) is found by the save, under its lock.
type storedKeys struct {
	ids   map[store.DocumentKey]int64
	slugs map[string]bool // the slugs of ids
}

func newStoredKeys(ids map[store.DocumentKey]int64) *storedKeys {
	k := &storedKeys{ids: ids, slugs: make(map[string]bool, len(ids))}
	for key := range ids {
		k.slugs[key.Slug] = true
	}
	return k
}

// prepare computes what is stored besides the parsed document: search
// vectors and topic scores. It is the CPU-bound part of ingesting, so a
// document stored with the same content hash skips it: re-ingesting an
// unchanged corpus costs one lookup per document (and no transaction:
// see save), or none with stored (see storedKeys).
func (in *Ingester) prepare(ctx context.Context, slug string, d *doc.Document, stored *storedKeys) (store.DocumentWrite, error) {
	w := store.DocumentWrite{Slug: slug, Doc: d}
	var id int64
	var err error
	if stored != nil {
		id = stored.ids[store.DocumentKey{Slug: slug, ContentHash: d.ContentHash}]
	} else {
		id, err = in.Store.DocumentIDByHash(ctx, slug, d.ContentHash)
	}
	if err != nil || id != 0 {
		w.Unchanged, w.UnchangedID = id != 0, id
		return w, err
	}
	// An editor's correction (updateDocumentMetadata) wins over the
	// parse and the sidecar, as it did when it was made. Corrections
	// belong to stored documents: a slug the load's list does not hold
	// has none.
	var o *doc.MetadataOverride
	if stored == nil || stored.slugs[slug] {
		if o, err = in.Store.DocumentOverrideBySlug(ctx, slug); err != nil {
			return w, err
		}
	}
	if o != nil {
		o.Apply(d)
	}
	w.Vectors, w.Scores, err = Analyze(ctx, d, in.Tagger)
	return w, err
}

// Analyze computes what ingest stores besides a parsed document: the
// search vector of every paragraph and, with a tagger, the topic scores.
// Each paragraph is analysed once, for both.
func Analyze(ctx context.Context, d *doc.Document, tagger Tagger) ([]pgtype.TSVector, *tag.Scores, error) {
	toks, err := analyze(ctx, d)
	if err != nil {
		return nil, nil, err
	}
	vectors := make([]pgtype.TSVector, len(toks))
	for i, t := range toks {
		vectors[i] = search.Vector(t)
	}
	if tagger == nil {
		return vectors, nil, nil
	}
	sc := tagger.TagAnalyzed(d, toks)
	return vectors, &sc, nil
}

// analyze tokenizes every paragraph of d in reading order. Analysing a
// large document takes a while: a request whose deadline passed stops
// between paragraphs rather than after the last.
func analyze(ctx context.Context, d *doc.Document) ([][]jatext.Token, error) {
	paras := d.Paragraphs()
	toks := make([][]jatext.Token, len(paras))
	for i, p := range paras {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		toks[i] = jatext.Tokenize(p.Text)
	}
	return toks, nil
}

// prepareWrite is prepare, then store.DocumentPrepare with the
// ingester's AfterSave: everything but the writing, for Load's workers.
func (in *Ingester) prepareWrite(ctx context.Context, file, slug string, d *doc.Document, stored *storedKeys) (*store.PreparedDocument, error) {
	w, err := in.prepare(ctx, slug, d, stored)
	if err != nil {
		return nil, err
	}
	in.withAfterSave(file, &w)
	return store.DocumentPrepare(w)
}

// withAfterSave gives w the ingester's AfterSave for file, unless it has
// its own.
func (in *Ingester) withAfterSave(file string, w *store.DocumentWrite) {
	if w.AfterSave == nil && in.AfterSave != nil {
		w.AfterSave = func(ctx context.Context, tx pgx.Tx, res store.SaveResult) error {
			return in.AfterSave(ctx, tx, file, res)
		}
	}
}

func (in *Ingester) save(ctx context.Context, file string, w store.DocumentWrite) (Result, error) {
	if w.Unchanged {
		return unchangedResult(file, w), nil
	}
	in.withAfterSave(file, &w)
	saved, err := in.Store.DocumentSave(ctx, w, in.AfterReplace)
	if err != nil {
		return Result{}, err
	}
	return savedResult(file, w, saved), nil
}

// unchangedResult is the result of a document prepare found stored with
// its content: the primary held this content under this slug when
// prepare looked, and the save that would find it so again is skipped,
// as an ingest ordered just after that look.
func unchangedResult(file string, w store.DocumentWrite) Result {
	return Result{File: file, Slug: w.Slug, Status: store.Unchanged, DocumentID: w.UnchangedID, Warnings: w.Doc.Warnings}
}

func savedResult(file string, w store.DocumentWrite, saved store.SaveResult) Result {
	return Result{File: file, Slug: w.Slug, Status: saved.Status, DocumentID: saved.DocumentID, Orphaned: saved.Orphaned,
		Warnings: w.Doc.Warnings}
}
