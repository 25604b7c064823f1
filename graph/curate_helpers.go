package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/graph/loaders"
	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

func citationInputs(in []*model.CitationInput) []annotation.Citation {
	out := make([]annotation.Citation, len(in))
	for i, c := range in {
		out[i] = annotation.Citation{Quote: c.Quote}
		if c.Prefix != nil {
			out[i].Prefix = *c.Prefix
		}
	}
	return out
}

func ingestStatus(s store.SaveStatus) model.IngestStatus {
	switch s {
	case store.Added:
		return model.IngestStatusAdded
	case store.Updated:
		return model.IngestStatusUpdated
	}
	return model.IngestStatusUnchanged
}

// write runs fn in a transaction and, once it committed, empties the
// request's loader caches, so that what the mutation returns (and any
// mutation after it in the operation) reads the rows as written.
func (r *Resolver) write(ctx context.Context, fn func(tx pgx.Tx) error) error {
	if err := r.Store.InTx(ctx, fn); err != nil {
		return err
	}
	loaders.For(ctx).ClearAll()
	return nil
}

// editing checks that the caller may edit and decodes the global ID
// argument arg, of type typ.
func editing(ctx context.Context, arg, typ, id string) (int64, error) {
	if err := auth.Require(ctx, auth.Editor); err != nil {
		return 0, err
	}
	return decodeID(arg, typ, id)
}

// edit runs change as a write and records it in the audit log as action
// on the target change returns, with details; a change that returns no
// target changed nothing and is not recorded.
func (r *Resolver) edit(ctx context.Context, action string, details any, change func(tx pgx.Tx) (target string, err error)) error {
	return r.write(ctx, func(tx pgx.Tx) error {
		target, err := change(tx)
		if err != nil || target == "" {
			return err
		}
		return r.audit(ctx, tx, action, target, details)
	})
}

// audit records a write in the audit log, inside the write's transaction.
func (r *Resolver) audit(ctx context.Context, tx pgx.Tx, action, target string, details any) error {
	if r.Audit == nil {
		return nil
	}
	return r.Audit(ctx, tx, action, target, details)
}

// metadataOverride turns the API's metadata correction into the form
// ingest and sidecars share: a field given as null is cleared.
func metadataOverride(in model.DocumentMetadataInput) doc.MetadataOverride {
	var o doc.MetadataOverride
	for _, f := range []struct {
		name string
		dst  **string
		src  graphql.Omittable[*string]
	}{
		{"title", &o.Title, in.Title}, {"subtitle", &o.Subtitle, in.Subtitle}, {"series", &o.Series, in.Series},
		{"seriesNumber", &o.SeriesNumber, in.SeriesNumber}, {"publishedOn", &o.PublishedOn, in.PublishedOn},
		{"updatedOn", &o.UpdatedOn, in.UpdatedOn},
	} {
		v, set := f.src.ValueOK()
		switch {
		case set && v == nil:
			o.Clear = append(o.Clear, f.name)
		case set:
			*f.dst = v
		}
	}
	authors, set := in.Authors.ValueOK()
	switch {
	case set && authors == nil:
		o.Clear = append(o.Clear, "authors")
	case set:
		o.Authors = []doc.Author{}
		for _, a := range authors {
			o.Authors = append(o.Authors, doc.Author{Name: a.Name, Affiliation: a.Affiliation, Title: a.Title})
		}
	}
	return o
}
