// Package curate records stances: the curated ones in seeds/annotations
// and the ones clients make through the API. Every quote is located in
// the document's stored text before anything is written, and located
// again when the document's text changes.
package curate

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/anchor"
	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Source is a document's text as stored, ready to anchor quotes in.
type Source struct {
	DocumentID int64
	Text       *anchor.Text
	Paragraphs []*store.ParagraphSpan
}

// LoadSource reads a document's text and paragraph offsets in tx.
func LoadSource(ctx context.Context, tx pgx.Tx, documentID int64) (*Source, error) {
	body, err := store.DocumentTextTx(ctx, tx, documentID)
	if err != nil {
		return nil, err
	}
	paras, err := store.ParagraphSpanList(ctx, tx, documentID)
	if err != nil {
		return nil, err
	}
	return &Source{DocumentID: documentID, Text: anchor.NewText(body), Paragraphs: paras}, nil
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
	Err      error
}

// LoadAnnotations stores the curated stances of each file, one
// transaction per file: every quote of a file is located before any of its
// stances is written, and a file with a bad quote changes nothing. Loading
// the same files again writes nothing and keeps every id.
func LoadAnnotations(ctx context.Context, st *store.Store, files []annotation.File) []FileResult {
	topics, err := st.TopicList(ctx)
	if err != nil {
		return []FileResult{{Err: err}}
	}
	topicIDs := map[string]int64{}
	for _, t := range topics {
		topicIDs[t.Slug] = t.ID
	}
	var out []FileResult
	for _, f := range files {
		res := FileResult{Path: f.Path, Document: f.Document}
		res.Err = loadFile(ctx, st, f, topicIDs, &res)
		out = append(out, res)
	}
	return out
}

func loadFile(ctx context.Context, st *store.Store, f annotation.File, topicIDs map[string]int64, res *FileResult) error {
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
			if _, skipped, err := store.StanceUpsertSeedTx(ctx, tx, w); err != nil {
				return fmt.Errorf("%s: stance on %q: %w", f.Path, f.Stances[i].Topic, err)
			} else if skipped {
				res.Skipped = append(res.Skipped, f.Stances[i].Topic)
			}
		}
		removed, err := store.StanceDeleteSeedMissingTx(ctx, tx, d.ID, nonNil(keep))
		res.Stances, res.Removed = len(writes)-len(res.Skipped), int(removed)
		return err
	})
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

// MinCitations is how many citations a stance needs.
const MinCitations = 1

// Create validates and stores a stance in tx: the topic and position must
// be declared, the summary given, and every quote found in the document.
func Create(ctx context.Context, tx pgx.Tx, in StanceInput) (int64, error) {
	if strings.TrimSpace(in.SummaryJA) == "" {
		return 0, store.Errorf(store.EInvalid, "summary must not be empty")
	}
	if len(in.Citations) < MinCitations {
		return 0, store.Errorf(store.EInvalid, "a stance needs at least %d citation", MinCitations)
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

// AddCitation verifies a quote against the stance's document and appends it.
func AddCitation(ctx context.Context, tx pgx.Tx, stanceID int64, c annotation.Citation) (int64, error) {
	st, err := store.StanceLockTx(ctx, tx, stanceID)
	if err != nil {
		return 0, err
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
