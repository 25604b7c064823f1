// Package curate records stances: the curated ones in seeds/annotations
// and the ones clients make through the API. Every quote is located in
// the document's stored text before anything is written, and located
// again when the document's text changes.
//
// The two never overwrite each other. A curated stance (origin seed)
// belongs to its annotation file: the sync makes the database hold what
// the files say, and the API refuses to change or delete it, or its
// citations (READ_ONLY: edit the file). A stance made through the API
// (origin api) belongs to the API: the sync never touches it, and a file
// naming the same document and topic is reported as skipped. Every
// change the sync makes is in the audit log, under SeedSync.
package curate

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/anchor"
	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// SeedSync is who the audit log names for the sync of annotation files.
// API key names start with a letter or digit, so no key is ever taken
// for it.
const SeedSync = "(seed sync)"

// Source is a document's text as stored, ready to anchor quotes in.
type Source struct {
	DocumentID  int64
	ContentHash string // of the source the text was parsed from: the text's version
	Text        *anchor.Text
	Paragraphs  []*store.ParagraphSpan
}

// LoadSource reads a document's text and paragraph offsets in tx.
func LoadSource(ctx context.Context, tx pgx.Tx, documentID int64) (*Source, error) {
	body, hash, err := store.DocumentTextTx(ctx, tx, documentID)
	if err != nil {
		return nil, err
	}
	paras, err := store.ParagraphSpanList(ctx, tx, documentID)
	if err != nil {
		return nil, err
	}
	return &Source{DocumentID: documentID, ContentHash: hash, Text: anchor.NewText(body), Paragraphs: paras}, nil
}

// paragraphAt returns the paragraph holding code points [start, end).
func (s *Source) paragraphAt(start, end int) (*store.ParagraphSpan, bool) {
	i := sort.Search(len(s.Paragraphs), func(i int) bool { return s.Paragraphs[i].End > start })
	if i == len(s.Paragraphs) || s.Paragraphs[i].Start > start || end > s.Paragraphs[i].End {
		return nil, false
	}
	return s.Paragraphs[i], true
}

// ErrSpansParagraphs refuses a quote that runs over a paragraph break: a
// citation points at one paragraph.
var ErrSpansParagraphs = errors.New("quote runs over a paragraph break; cite one paragraph at a time")

// Anchor locates a quote (prefix picks among repeats) and returns the
// citation to store. Errors are client-safe INVALID_ARGUMENT store errors.
func (s *Source) Anchor(quote, prefix string) (store.CitationWrite, error) {
	m, err := s.Text.Locate(quote, prefix)
	if err != nil {
		return store.CitationWrite{}, store.Errorf(store.EInvalid, "%s: %q", err, clip(quote))
	}
	p, ok := s.paragraphAt(m.Start, m.End)
	if !ok {
		return store.CitationWrite{}, store.Errorf(store.EInvalid, "%s: %q", ErrSpansParagraphs, clip(quote))
	}
	return store.CitationWrite{Quote: m.Quote, Prefix: m.Prefix, Suffix: m.Suffix, Start: m.Start, End: m.End, ParagraphID: p.ID}, nil
}

func clip(s string) string {
	if rs := []rune(s); len(rs) > 40 {
		return string(rs[:40]) + "…"
	}
	return s
}

// Reanchor finds every citation of a document again after its text
// changed, by quote, prefix and suffix. Citations that cannot be found
// are kept, flagged unanchored, and returned. It is the store's
// AfterReplace hook.
func Reanchor(ctx context.Context, tx pgx.Tx, documentID int64) (orphaned []int64, err error) {
	cites, err := store.CitationListByDocumentTx(ctx, tx, documentID)
	if err != nil || len(cites) == 0 {
		return nil, err
	}
	src, err := LoadSource(ctx, tx, documentID)
	if err != nil {
		return nil, err
	}
	for _, c := range cites {
		m, err := src.Text.Reanchor(c.Quote, c.Prefix, c.Suffix)
		var p *store.ParagraphSpan
		if err == nil {
			var ok bool
			if p, ok = src.paragraphAt(m.Start, m.End); !ok {
				err = ErrSpansParagraphs
			}
		}
		if err != nil {
			orphaned = append(orphaned, c.ID)
			if err := store.CitationReanchorTx(ctx, tx, c.ID, nil, nil, nil, nil, nil); err != nil {
				return nil, err
			}
			continue
		}
		if err := store.CitationReanchorTx(ctx, tx, c.ID, &m.Start, &m.End, &p.ID, &m.Prefix, &m.Suffix); err != nil {
			return nil, err
		}
	}
	return orphaned, nil
}

// FileResult says what loading one annotation file did.
type FileResult struct {
	Path     string
	Document string
	Stances  int // curated stances now stored for the document
	Removed  int // curated stances the file no longer lists
	Skipped  []string
	// Unchanged is set when the file, the document's text and its
	// stances are what the last sync of the document saw: nothing was
	// verified or written, and Stances and Skipped are that sync's.
	Unchanged bool
	Err       error
}

// LoadAnnotations stores the curated stances of each file, one
// transaction per file: every quote of a file is located before any of its
// stances is written, and a file with a bad quote changes nothing. Loading
// the same files again writes nothing and keeps every id; it does not
// even verify a file again whose stances, document text and stored
// stances are those of its last sync (store.AnnotationSyncListFresh):
// one query for all of them.
func LoadAnnotations(ctx context.Context, st *store.Store, files []annotation.File) []FileResult {
	slugs, hashes := make([]string, len(files)), make([][]byte, len(files))
	for i, f := range files {
		slugs[i], hashes[i] = f.Document, fileHash(f)
	}
	fresh, err := st.AnnotationSyncListFresh(ctx, slugs, hashes)
	if err != nil {
		return []FileResult{{Err: err}}
	}
	var topicIDs map[string]int64 // read when a file needs its sync
	out := make([]FileResult, 0, len(files))
	for i, f := range files {
		res := FileResult{Path: f.Path, Document: f.Document}
		if last := fresh[i]; last != nil {
			res.Unchanged, res.Stances, res.Skipped = true, last.Stances, last.Skipped
			out = append(out, res)
			continue
		}
		if topicIDs == nil {
			if topicIDs, err = topicIDsBySlug(ctx, st); err != nil {
				return append(out, FileResult{Err: err})
			}
		}
		res.Err = loadFile(ctx, st, f, hashes[i], topicIDs, &res)
		out = append(out, res)
	}
	return out
}

// topicIDsBySlug reads the stored topics' ids.
func topicIDsBySlug(ctx context.Context, st *store.Store) (map[string]int64, error) {
	topics, err := st.TopicList(ctx)
	if err != nil {
		return nil, err
	}
	ids := map[string]int64{}
	for _, t := range topics {
		ids[t.Slug] = t.ID
	}
	return ids, nil
}

// loadFile syncs one file in one transaction and records the sync under
// fileHash (see LoadAnnotations).
func loadFile(ctx context.Context, st *store.Store, f annotation.File, fileHash []byte, topicIDs map[string]int64, res *FileResult) error {
	d, err := st.DocumentGetBySlug(ctx, f.Document)
	if err != nil {
		return fmt.Errorf("%s: document %q: %w", f.Path, f.Document, err)
	}
	return st.InTx(ctx, func(tx pgx.Tx) error {
		src, err := LoadSource(ctx, tx, d.ID)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		var writes []store.StanceWrite
		var errs []error
		for _, s := range f.Stances {
			w, err := stanceWrite(f, s, d.ID, topicIDs, src)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			writes = append(writes, w)
		}
		if err := errors.Join(errs...); err != nil {
			return err
		}
		var keep []int64
		for i, w := range writes {
			keep = append(keep, w.TopicID)
			topic := f.Stances[i].Topic
			c, err := store.StanceUpsertSeedTx(ctx, tx, w)
			if err != nil {
				return fmt.Errorf("%s: stance on %q: %w", f.Path, topic, err)
			}
			if c.Skipped {
				res.Skipped = append(res.Skipped, topic)
				continue
			}
			if c.Changed() {
				if err := auditSync(ctx, tx, "syncStance", c.ID, map[string]any{"file": f.Path, "document": f.Document, "topic": topic,
					"created": c.Created, "updated": c.Updated, "citationsWritten": c.Citations}); err != nil {
					return err
				}
			}
		}
		removed, err := store.StanceDeleteSeedMissingTx(ctx, tx, d.ID, nonNil(keep))
		if err != nil {
			return err
		}
		for _, id := range removed {
			if err := auditSync(ctx, tx, "syncRemoveStance", id, map[string]any{"file": f.Path, "document": f.Document}); err != nil {
				return err
			}
		}
		res.Stances, res.Removed = len(writes)-len(res.Skipped), len(removed)
		return store.AnnotationSyncRecordTx(ctx, tx, d.ID, fileHash, src.ContentHash,
			store.AnnotationSync{Stances: res.Stances, Skipped: res.Skipped})
	})
}

// auditSync records a change of the sync in its transaction.
func auditSync(ctx context.Context, tx pgx.Tx, action string, stanceID int64, details map[string]any) error {
	_, err := store.AuditRecord(ctx, tx, store.AuditEntry{Who: SeedSync, Action: action, Target: gid.Encode(gid.Stance, stanceID), Details: details})
	return err
}

// stanceWrite anchors every citation of a curated stance; its errors name
// the file, the line, the stance and the quote.
func stanceWrite(f annotation.File, s annotation.Stance, documentID int64, topicIDs map[string]int64, src *Source) (store.StanceWrite, error) {
	tid, ok := topicIDs[s.Topic]
	if !ok {
		return store.StanceWrite{}, fmt.Errorf("%s:%d: stance on %q: topic not in the database (sync the taxonomy first)", f.Path, s.Line, s.Topic)
	}
	w := store.StanceWrite{DocumentID: documentID, TopicID: tid, Position: s.Position, SummaryJA: s.Summary.JA, Origin: store.OriginSeed}
	if s.Summary.EN != "" {
		w.SummaryEN = &s.Summary.EN
	}
	var errs []error
	for _, c := range s.Citations {
		cw, err := src.Anchor(c.Quote, c.Prefix)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: stance on %q: %w", f.Path, c.Line, s.Topic, err))
			continue
		}
		w.Citations = append(w.Citations, cw)
	}
	return w, errors.Join(errs...)
}

func nonNil(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

// StanceInput is a stance a client records through the API.
type StanceInput struct {
	DocumentID int64
	Topic      string
	Position   string
	SummaryJA  string
	SummaryEN  *string
	Citations  []annotation.Citation
}

// Bounds of what the API records: a stance keeps at least MinCitations
// citations and at most MaxCitations; summaries (each language) and
// quotes are at most so many characters, a quote's prefix too.
const (
	MinCitations = 1
	MaxCitations = 50
	MaxSummary   = 2000
	MaxQuote     = 1000
	MaxPrefix    = 200
)

// Create validates and stores a stance in tx: the topic and position must
// be declared, the summary given, and every quote found in the document.
func Create(ctx context.Context, tx pgx.Tx, in StanceInput) (int64, error) {
	if err := checkSummaries("summary", &in.SummaryJA, in.SummaryEN); err != nil {
		return 0, err
	}
	if n := len(in.Citations); n < MinCitations || n > MaxCitations {
		return 0, store.Errorf(store.EInvalid, "citations: a stance needs %d to %d citations, got %d", MinCitations, MaxCitations, n)
	}
	for i, c := range in.Citations {
		if err := checkCitation(fmt.Sprintf("citations[%d]", i), c); err != nil {
			return 0, err
		}
	}
	topicID, err := checkPosition(ctx, tx, in.Topic, in.Position)
	if err != nil {
		return 0, err
	}
	src, err := LoadSource(ctx, tx, in.DocumentID)
	if err != nil {
		return 0, err
	}
	w := store.StanceWrite{DocumentID: in.DocumentID, TopicID: topicID, Position: in.Position,
		SummaryJA: in.SummaryJA, SummaryEN: in.SummaryEN, Origin: store.OriginAPI}
	for i, c := range in.Citations {
		cw, err := src.Anchor(c.Quote, c.Prefix)
		if err != nil {
			return 0, store.Errorf(store.EInvalid, "citations[%d]: %s", i, store.ErrorMessage(err))
		}
		w.Citations = append(w.Citations, cw)
	}
	return store.StanceCreate(ctx, tx, w)
}

// AddCitation verifies a quote against the stance's document and appends
// it. The stance must be one the API made.
func AddCitation(ctx context.Context, tx pgx.Tx, stanceID int64, c annotation.Citation) (int64, error) {
	if err := checkCitation("citation", c); err != nil {
		return 0, err
	}
	st, n, err := lockEditable(ctx, tx, stanceID)
	if err != nil {
		return 0, err
	}
	if n >= MaxCitations {
		return 0, store.Errorf(store.EInvalid, "the stance has %d citations already, the most it may have", n)
	}
	src, err := LoadSource(ctx, tx, st.DocumentID)
	if err != nil {
		return 0, err
	}
	cw, err := src.Anchor(c.Quote, c.Prefix)
	if err != nil {
		return 0, err
	}
	return store.CitationAppendTx(ctx, tx, stanceID, cw)
}

// checkPosition resolves a topic slug and checks the position is one of
// the topic's, listing the declared ones when it is not.
func checkPosition(ctx context.Context, tx pgx.Tx, topic, position string) (int64, error) {
	topicID, positions, err := store.TopicPositionsTx(ctx, tx, topic)
	if err != nil {
		return 0, err
	}
	for _, p := range positions {
		if p == position {
			return topicID, nil
		}
	}
	return 0, store.Errorf(store.EInvalid, "position %q is not declared for topic %q (declared: %s)", position, topic, strings.Join(positions, ", "))
}

// Update changes a stance's position or summaries (nil leaves one as it
// is). The stance must be one the API made.
func Update(ctx context.Context, tx pgx.Tx, id int64, position, summaryJA, summaryEN *string) error {
	if err := checkSummaries("input.summary", summaryJA, summaryEN); err != nil {
		return err
	}
	if _, _, err := lockEditable(ctx, tx, id); err != nil {
		return err
	}
	return store.StanceUpdateTx(ctx, tx, id, position, summaryJA, summaryEN)
}

// Delete removes a stance the API made, and its citations; false when
// there is none.
func Delete(ctx context.Context, tx pgx.Tx, id int64) (bool, error) {
	if _, _, err := lockEditable(ctx, tx, id); store.ErrorCode(err) == store.ENotFound {
		return false, nil
	} else if err != nil {
		return false, err
	}
	return store.StanceDeleteTx(ctx, tx, id)
}

// RemoveCitation removes a citation of a stance the API made, unless it
// is the stance's last; false when there is no such citation.
func RemoveCitation(ctx context.Context, tx pgx.Tx, id int64) (bool, error) {
	st, n, err := store.CitationStanceLockTx(ctx, tx, id)
	if store.ErrorCode(err) == store.ENotFound {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if err := editable(st); err != nil {
		return false, err
	}
	if n <= MinCitations {
		return false, store.Errorf(store.EInvalid, "this is the stance's last citation: a stance keeps at least %d (delete the stance instead)", MinCitations)
	}
	return store.CitationDeleteTx(ctx, tx, id)
}

// lockEditable locks a stance the API may change, and counts its
// citations.
func lockEditable(ctx context.Context, tx pgx.Tx, id int64) (*store.Stance, int, error) {
	st, err := store.StanceLockTx(ctx, tx, id)
	if err != nil {
		return nil, 0, err
	}
	if err := editable(st); err != nil {
		return nil, 0, err
	}
	var n int
	if err := tx.QueryRow(ctx, store.CitationCount, id).Scan(&n); err != nil {
		return nil, 0, fmt.Errorf("count citations: %w", err)
	}
	return st, n, nil
}

// editable refuses a curated stance: its annotation file owns it.
func editable(st *store.Stance) error {
	if st.Origin == store.OriginSeed {
		return store.Errorf(store.EReadOnly, "stance %s is curated in an annotation file (seeds/annotations): change it there; "+
			"the API changes only the stances made through it", gid.Encode(gid.Stance, st.ID))
	}
	return nil
}

// checkSummaries bounds the summaries given (nil: not given); the
// Japanese one, when given, must not be blank.
func checkSummaries(field string, ja, en *string) error {
	if ja != nil && strings.TrimSpace(*ja) == "" {
		return store.Errorf(store.EInvalid, "%s must not be empty", field)
	}
	for name, v := range map[string]*string{field: ja, field + "En": en} {
		if v != nil {
			if n := utf8.RuneCountInString(*v); n > MaxSummary {
				return store.Errorf(store.EInvalid, "%s is %d characters, which exceeds the limit of %d by %d", name, n, MaxSummary, n-MaxSummary)
			}
		}
	}
	return nil
}

// checkCitation bounds a quote and its prefix.
func checkCitation(field string, c annotation.Citation) error {
	if n := utf8.RuneCountInString(c.Quote); n > MaxQuote {
		return store.Errorf(store.EInvalid, "%s.quote is %d characters, which exceeds the limit of %d by %d", field, n, MaxQuote, n-MaxQuote)
	}
	if n := utf8.RuneCountInString(c.Prefix); n > MaxPrefix {
		return store.Errorf(store.EInvalid, "%s.prefix is %d characters, which exceeds the limit of %d by %d", field, n, MaxPrefix, n-MaxPrefix)
	}
	return nil
}
